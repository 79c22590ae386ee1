"""Template tags for the sign-in pages."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def roster_contact_email() -> str:
    """Whom a person who cannot sign in should write to (setting ROSTER_CONTACT_EMAIL)."""
    return settings.ROSTER_CONTACT_EMAIL
