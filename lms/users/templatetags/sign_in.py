"""Template tags for the sign-in pages."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def roster_contact_email() -> str:
    """Whom a person who cannot sign in should write to (setting ROSTER_CONTACT_EMAIL)."""
    return settings.ROSTER_CONTACT_EMAIL


@register.simple_tag(takes_context=True)
def two_factor_required(context) -> bool:
    """True when the signed-in person's role needs two-factor authentication."""
    from lms.users.middleware import needs_two_factor

    user = context.get("user")
    return bool(
        settings.MFA_REQUIRED_FOR_STAFF
        and user is not None
        and user.is_authenticated
        and needs_two_factor(user)
    )
