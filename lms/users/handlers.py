"""Receivers of the people app's own signals (connected in `UsersConfig.ready`)."""

from django.dispatch import receiver

from .models import User
from .signals import roster_changed


@receiver(roster_changed, sender=User)
def roster_changed_verify_emails(sender, *, user_ids, **kwargs):
    """Roster imports and Django-admin edits set people's emails: allauth must know them as
    verified, or their first single sign-on wipes their password."""
    from .sign_in import email_addresses_verify

    email_addresses_verify(user_ids=user_ids)
