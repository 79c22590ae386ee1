"""Per-launch credentials: what a launched cmi5 AU (or another client the LMS starts) sends as
HTTP Basic authentication, "<credential id>:<token>". Only the token's SHA-256 is stored; a
credential writes only as its learner (and in its registration, when it has one), until it
expires or is revoked. There is no other way in: the /xapi/ endpoints have no open access."""

import base64
import binascii
import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.xapi.agents import actor_for_user, agent_key
from courses.xapi.errors import XapiError
from courses.xapi.models import Credential


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def credential_issue(
    *, user, registration=None, session_id=None, activity_id: str = "", hours=None
) -> tuple[Credential, str]:
    """A new credential for `user` (and `registration` / launch `session_id` when given), valid
    `hours` (settings.XAPI_CREDENTIAL_HOURS by default). Returns it with its secret token, which
    is shown once: clients send "Authorization: Basic base64(<credential.id>:<token>)"."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    hours = settings.XAPI_CREDENTIAL_HOURS if hours is None else hours
    credential = Credential.objects.create(
        token_hash=_token_hash(token),
        user=user,
        actor_key=agent_key(actor_for_user(user)),
        registration=uuid.UUID(str(registration)) if registration else None,
        session_id=uuid.UUID(str(session_id)) if session_id else None,
        activity_id=activity_id,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    return credential, token


@transaction.atomic
def credentials_revoke(*, credentials=None, session_id=None, registration=None) -> int:
    """Revokes credentials (a queryset or list, or all of a launch session / registration);
    returns how many were still valid. Revoking twice changes nothing."""
    queryset = Credential.objects.filter(revoked_at__isnull=True)
    if credentials is not None:
        queryset = queryset.filter(pk__in=[getattr(c, "pk", c) for c in credentials])
    elif session_id is not None:
        queryset = queryset.filter(session_id=session_id)
    elif registration is not None:
        queryset = queryset.filter(registration=registration)
    else:
        raise ValueError("credentials_revoke needs credentials, session_id or registration")
    return queryset.update(revoked_at=timezone.now())


def basic_auth_pair(header: str) -> tuple[str, str] | None:
    """(user, password) from an "Authorization: Basic …" header, or None."""
    scheme, _sep, value = (header or "").partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    name, sep, password = decoded.partition(":")
    if not sep:
        return None
    return name, password


def credential_authenticate(header: str) -> Credential:
    """The valid credential named by an Authorization header; XapiError(401) otherwise (missing,
    malformed, unknown, wrong token, expired or revoked: the message says which, except that an
    unknown id and a wrong token read the same)."""
    pair = basic_auth_pair(header)
    if pair is None:
        raise XapiError(_("Credentials are required (HTTP Basic: credential id and token)."), 401)
    name, token = pair
    try:
        credential_id = uuid.UUID(name)
    except ValueError:
        credential_id = None
    credential = (
        Credential.objects.select_related("user").filter(pk=credential_id).first()
        if credential_id
        else None
    )
    # compare a hash either way, so an unknown id takes as long as a wrong token
    expected = credential.token_hash if credential else _token_hash("")
    if not hmac.compare_digest(expected, _token_hash(token)) or credential is None:
        raise XapiError(_("The credentials are not valid."), 401)
    if credential.revoked_at is not None:
        raise XapiError(_("The credentials were revoked."), 401)
    if credential.expires_at <= timezone.now():
        raise XapiError(_("The credentials have expired."), 401)
    if not credential.user.is_active:
        raise XapiError(_("The credentials are not valid."), 401)
    return credential
