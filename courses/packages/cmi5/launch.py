"""Launching an AU (cmi5_spec.md 8.1, 8.2, 10, 11) and redeeming its one-time fetch URL."""

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.packages.cmi5 import vocab
from courses.packages.cmi5.services import (
    Cmi5Error,
    au_activity_id,
    credentials_revoke,
    is_au,
    lms_statement,
    publisher_id,
    registration_for,
    sessions_abandon_active,
)
from courses.packages.models import Cmi5AuState, Cmi5Session, PackageItem, PackageVersion
from courses.xapi.agents import actor_for_user
from courses.xapi.credentials import credential_issue
from courses.xapi.store import document_put

# The names of the launch parameters (8.1); an AU url's own query may not use them (13.1.4).
LAUNCH_PARAMETER_NAMES = ("endpoint", "fetch", "actor", "registration", "activityId")


def _base_url(base_url: str) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


def package_file_path(version: PackageVersion, path: str, *, user) -> str:
    """The URL of a file of the package for `user` (served by courses.packages.files, with
    their token; on PACKAGE_FILES_ORIGIN when set, else a site path)."""
    from courses.packages.files import package_file_url

    return package_file_url(version, path, user=user)


def au_url(item: PackageItem, base_url: str = "", *, user) -> str:
    """The AU's url for `user`, fully qualified (9.6.3.4): an absolute http(s) url as written
    in cmi5.xml, or a relative one resolved against the package's files (13.1.4 url)."""
    url = item.launch_url
    if urlsplit(url).scheme in ("http", "https"):
        return url
    parts = urlsplit(url)
    path = package_file_path(item.version, parts.path, user=user)
    return urljoin(_base_url(base_url) + "/", path.lstrip("/")) + (
        f"?{parts.query}" if parts.query else ""
    )


def _without_token(url: str, *, item: PackageItem, user) -> str:
    from courses.packages.files import file_token

    token = file_token(user=user, storage_key=item.version.storage_key)
    return url.replace(f"/{token}/", "/", 1)


def language_preference(user) -> str:
    """11.1: the learner's languages in order of preference, from their preferred language."""
    if (user.preferred_language or "").lower().startswith("es"):
        return "es-US,en-US"
    return "en-US,es-US"


def _launch_data(*, session, item, launch_mode, return_url) -> dict:
    """The LMS.LaunchData state document (10.2)."""
    data = {
        "contextTemplate": {
            "contextActivities": {
                "grouping": [{"id": publisher_id(item), "objectType": "Activity"}]
            },
            "extensions": {vocab.EXT_SESSION_ID: str(session.id)},
        },
        "launchMode": launch_mode,
        "moveOn": item.data.get("move_on", "NotApplicable"),
    }
    if item.data.get("launch_parameters"):
        data["launchParameters"] = item.data["launch_parameters"]
    if item.data.get("mastery_score") is not None:
        data["masteryScore"] = item.data["mastery_score"]
    if return_url:
        data["returnURL"] = return_url
    if item.data.get("entitlement_key"):
        data["entitlementKey"] = {"courseStructure": item.data["entitlement_key"]}
    return data


@transaction.atomic
def au_launch_url(
    *,
    user,
    lesson,
    item: PackageItem,
    launch_mode: str | None = None,
    return_url: str = "",
    base_url: str = "",
) -> str:
    """Launches `item` (an AU) for `user` and returns the URL to open (8.1).

    On the learner's registration (`registration_for`): abandons any session of the
    registration still open (9.3.6), creates a launch session, writes the LMS.LaunchData state
    document (10) and the learner preferences agent profile (11), records the "launched"
    statement (9.3.1, with the launchMode, launchURL, moveOn, masteryScore and launchParameters
    extensions, 9.6.3), and returns the AU's url with the cmi5 query string: endpoint, fetch (a
    one-time URL, 8.2), actor, registration and activityId (8.1.1-8.1.5).

    `launch_mode` is "Normal", "Browse" or "Review" (10.2.2); left None it is "Review" for an AU
    already satisfied (satisfaction-related data may then not be sent again) and "Normal"
    otherwise. `base_url` is the site's origin for the absolute URLs (SITE_URL by default)."""
    if not is_au(item):
        raise Cmi5Error(_("Only an AU can be launched."))
    registration = registration_for(user=user, lesson=lesson)
    if item.version_id != registration.version_id:
        raise Cmi5Error(_("This AU is not part of the learner's registration."))
    if launch_mode is not None and launch_mode not in vocab.LAUNCH_MODES:
        raise Cmi5Error(_("The launch mode must be Normal, Browse or Review."))
    state = Cmi5AuState.objects.filter(registration=registration, item=item).first()
    if launch_mode is None:
        satisfied = state is not None and state.satisfied_at is not None
        launch_mode = vocab.LAUNCH_REVIEW if satisfied else vocab.LAUNCH_NORMAL
    sessions_abandon_active(registration=registration)

    now = timezone.now()
    fetch_secret = secrets.token_urlsafe(32)
    session = Cmi5Session.objects.create(
        registration=registration,
        item=item,
        launch_mode=launch_mode,
        created_at=now,
        fetch_token_hash=hashlib.sha256(fetch_secret.encode()).hexdigest(),
    )
    actor = actor_for_user(user)
    activity_id = au_activity_id(item)
    launch_data = _launch_data(
        session=session, item=item, launch_mode=launch_mode, return_url=return_url
    )
    document_put(
        kind="state",
        activity_id=activity_id,
        agent=actor,
        registration=str(registration.id),
        document_id=vocab.STATE_LAUNCH_DATA,
        content=json.dumps(launch_data).encode(),
        content_type="application/json",
    )
    document_put(
        kind="agent_profile",
        agent=actor,
        document_id=vocab.PROFILE_LEARNER_PREFERENCES,
        content=json.dumps({"languagePreference": language_preference(user)}).encode(),
        content_type="application/json",
    )
    url = au_url(item, base_url, user=user)
    extensions = {
        vocab.EXT_LAUNCH_MODE: launch_mode,
        # without the learner's file token (a capability; statements are forwarded)
        vocab.EXT_LAUNCH_URL: _without_token(url.split("?")[0], item=item, user=user),
        vocab.EXT_MOVE_ON: launch_data["moveOn"],
    }
    if "masteryScore" in launch_data:
        extensions[vocab.EXT_MASTERY_SCORE] = launch_data["masteryScore"]
    if "launchParameters" in launch_data:
        extensions[vocab.EXT_LAUNCH_PARAMETERS] = launch_data["launchParameters"]
    lms_statement(
        registration=registration,
        verb=vocab.VERB_LAUNCHED,
        object_id=activity_id,
        grouping_id=publisher_id(item),
        session_id=str(session.id),
        statement_key=("launched", session.id),
        as_of=now,
        extensions=extensions,
    )

    base = _base_url(base_url)
    fetch_url = (
        base
        + reverse("courses:cmi5:fetch", args=[session.id])
        + "?"
        + urlencode({"k": fetch_secret})
    )
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in LAUNCH_PARAMETER_NAMES]
    query += [
        ("endpoint", base + "/xapi/"),
        ("fetch", fetch_url),
        ("actor", json.dumps(actor, separators=(",", ":"))),
        ("registration", str(registration.id)),
        ("activityId", activity_id),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


class FetchRefused(Exception):
    """8.2.3: the fetch URL does not hand out a token; `code` is the spec's error-code."""

    def __init__(self, code: str, text: str):
        super().__init__(text)
        self.code = code
        self.text = text


@transaction.atomic
def fetch_token_redeem(*, session_id, secret: str, user=None) -> str:
    """Redeems a launch session's one-time fetch URL (8.2): the first call returns the
    auth-token, base64 of "<credential id>:<token>" for HTTP Basic, with a credential limited to
    the session (its learner, registration and AU). Every later call, or a call for a session
    that ended, refuses with error-code 1; a wrong secret, or a signed-in person who is not the
    session's learner, with error-code 2 (8.2.3.2)."""
    digest = hashlib.sha256((secret or "").encode()).hexdigest()
    session = (
        Cmi5Session.objects.select_for_update()
        .select_related("registration__user", "item__version")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not secrets.compare_digest(session.fetch_token_hash, digest):
        raise FetchRefused("2", _("This launch link is not valid."))
    if user is not None and user.is_authenticated and user.pk != session.registration.user_id:
        raise FetchRefused("2", _("This launch belongs to another learner."))
    if session.fetched_at or session.terminated_at or session.abandoned_at:
        raise FetchRefused("1", _("The authorization token has already been returned."))
    session.fetched_at = timezone.now()
    session.save(update_fields=["fetched_at"])
    credential, token = credential_issue(
        user=session.registration.user,
        registration=session.registration_id,
        session_id=session.id,
        activity_id=au_activity_id(session.item),
    )
    return base64.b64encode(f"{credential.id}:{token}".encode()).decode()


__all__ = ["FetchRefused", "au_launch_url", "credentials_revoke", "fetch_token_redeem"]
