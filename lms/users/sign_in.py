"""Writes for signing in: the roster's emails as verified addresses, the demo's authenticators.

Every email address here comes from Human Resources (the roster) or from the system owner
(`createsuperuser`, the demo): nobody signs themselves up. allauth is told so by an
`EmailAddress` row, verified and primary, for each account's email. Without it allauth treats
the address as unproven, and the first single sign-on of a person "wipes" their password to
protect against an account someone else could have registered with their address.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db import transaction

from .models import User

BATCH_SIZE = 2_000


@transaction.atomic
def email_addresses_verify(*, user_ids: Iterable[int]) -> None:
    """Record each account's email as its one verified, primary allauth address.

    Other addresses of these accounts (an old email the roster has since changed) are removed,
    and so is a stale row of another account holding one of these emails. Safe to repeat; a
    fixed number of queries per 2,000 accounts.

    Args:
        user_ids: primary keys of the accounts whose email the roster or the operator set.
    """
    ids = sorted(set(user_ids))
    for start in range(0, len(ids), BATCH_SIZE):
        _verify_batch(ids[start : start + BATCH_SIZE])


def _verify_batch(ids: list[int]) -> None:
    email_of = {
        pk: email.lower()
        for pk, email in User.objects.filter(pk__in=ids).values_list("pk", "email")
    }
    EmailAddress.objects.filter(email__in=email_of.values()).exclude(user_id__in=ids).delete()
    stale, fix, present = [], [], set()
    for pk, user_id, email, verified, primary in EmailAddress.objects.filter(
        user_id__in=ids
    ).values_list("pk", "user_id", "email", "verified", "primary"):
        if email.lower() != email_of.get(user_id):
            stale.append(pk)
            continue
        present.add(user_id)
        if not (verified and primary):
            fix.append(pk)
    if stale:
        EmailAddress.objects.filter(pk__in=stale).delete()
    if fix:
        EmailAddress.objects.filter(pk__in=fix).update(verified=True, primary=True)
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for pk, email in email_of.items()
            if pk not in present
        ]
    )


@transaction.atomic
def demo_authenticators_ensure(*, emails: Iterable[str]) -> None:
    """Give these demo accounts an authenticator app with the secret settings.DEMO_TOTP_SECRET
    (seed_demo prints it), so the demo's ORE and admin sign-ins can answer two-factor. Safe to
    repeat: an account that already has an authenticator app keeps it.

    Args:
        emails: the demo accounts' emails; unknown ones are ignored.
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings

    users = User.objects.filter(email__in=[email.lower() for email in emails])
    email_addresses_verify(user_ids=users.values_list("pk", flat=True))
    for user in users:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, settings.DEMO_TOTP_SECRET)
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists():
            RecoveryCodes.activate(user)
