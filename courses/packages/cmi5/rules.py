"""The rules for the statements an AU sends with its launch credential (cmi5_spec.md 9.3, 9.5,
9.6, 10.2.2), registered with the xAPI store. A statement that breaks one is rejected with 403
Forbidden (6.3: the LMS SHOULD reject statements that conflict with section 9; xAPI's 403 is
"authenticated, but not allowed"), and the whole batch is refused, so nothing of it is stored.

The store calls `cmi5_statement_rules` for each statement of a batch in order, inside the
storing transaction, so the facts it records on the session and the AU's state (initialized,
completed, passed, terminated, …) are seen by the next statement of the same batch, and are rolled
back with the batch when anything refuses it. `cmi5_after_store` then evaluates moveOn and
closes terminated sessions.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from courses.packages.cmi5 import vocab
from courses.packages.cmi5.services import (
    au_activity_id,
    credentials_revoke,
    publisher_id,
    registration_evaluate,
)
from courses.packages.models import Cmi5AuState, Cmi5Session
from courses.signals import package_result_recorded
from courses.xapi.errors import XapiError
from courses.xapi.models import DocumentKind
from courses.xapi.policies import after_store, batch_memo, document_policy, statement_policy

FORBIDDEN = 403


def _refuse(message: str):
    raise XapiError(message, FORBIDDEN)


def _ids(activities) -> set[str]:
    if isinstance(activities, dict):
        activities = [activities]
    return {a.get("id") for a in activities or [] if isinstance(a, dict)}


def _session_for(credential) -> Cmi5Session | None:
    """The credential's launch session, locked, loaded once per batch of statements (the rules
    update it statement by statement, so the next statement sees what the last one did)."""
    session_id = getattr(credential, "session_id", None)
    if not session_id:
        return None
    memo = batch_memo()
    key = ("cmi5_session", session_id)
    if key not in memo:
        memo[key] = (
            Cmi5Session.objects.select_for_update()
            .select_related("registration", "item__version")
            .filter(pk=session_id)
            .first()
        )
    return memo[key]


def _moment(statement: dict) -> datetime:
    value = statement.get("timestamp")
    moment = parse_datetime(value) if isinstance(value, str) else None
    return moment or timezone.now()


@statement_policy
def cmi5_statement_rules(*, credential, statement: dict) -> None:
    """Checks one statement of a launch session and records what it says.

    - 9.3.6, 9.3.8: nothing for a session after "terminated" or "abandoned".
    - 6.3: an AU's credential may not void statements.
    - 9.6.1, 9.6.3.1: every statement carries the session's registration and session id.
    - 9.3.1, 9.3.6, 9.3.7, 9.3.9: "launched", "abandoned", "waived", "satisfied" come only from
      the LMS.
    - 7.1.1, 9.3.2: the first statement of a session is a cmi5 defined "initialized", and there is
      only one.
    - 9.4: a cmi5 defined statement's object is the AU (the launch's activityId); 9.6.2.3: it
      carries the publisher id grouping of the contextTemplate.
    - 9.6.2.2: completed/passed/failed carry the moveOn category, initialized/terminated do not.
    - 10.2.2: a Browse or Review launch sends no completed/passed/failed.
    - 9.5.1-9.5.4: completed has result.completion true, passed success true, failed success
      false; no score except in passed/failed; a duration in completed/passed/failed/terminated.
    - 9.3 (per registration): at most one completed, at most one passed, no failed after a
      passed; (per session) at most one of passed/failed, no verb twice.
    - 9.3.4, 9.3.5: a passed scaled score is at least the masteryScore, a failed one below it.
    """
    session = _session_for(credential)
    if session is None:
        return
    if session.abandoned_at:
        _refuse(_("This session was abandoned; launch the AU again to send statements."))
    if session.terminated_at:
        _refuse(_("This session was terminated; nothing may follow the terminated statement."))
    verb = (statement.get("verb") or {}).get("id", "")
    if verb == vocab.VERB_VOIDED:
        _refuse(_("An AU may not void statements."))
    context = statement.get("context") or {}
    if str(context.get("registration", "")).lower() != str(session.registration_id):
        _refuse(_("The statement's context.registration must be the launch's registration."))
    extensions = context.get("extensions") or {}
    if str(extensions.get(vocab.EXT_SESSION_ID, "")) != str(session.id):
        _refuse(_("The statement's context must carry the launch's session id extension."))
    if verb in vocab.LMS_ONLY_VERBS:
        _refuse(_("Only the LMS may send %(verb)s statements.") % {"verb": vocab.VERB_NAMES[verb]})
    activities = context.get("contextActivities") or {}
    categories = _ids(activities.get("category"))
    defined = vocab.CATEGORY_CMI5 in categories
    if session.initialized_at is None and not (defined and verb == vocab.VERB_INITIALIZED):
        _refuse(_("The first statement of a session must be a cmi5 initialized statement."))
    if not defined:
        return  # a "cmi5 allowed" statement (7.1.3): in the session, not judged by the rules
    if verb not in vocab.AU_VERBS:
        _refuse(_("The cmi5 category is only for the verbs cmi5 defines."))
    name = vocab.VERB_NAMES[verb]
    obj = statement.get("object") or {}
    if obj.get("id") != au_activity_id(session.item):
        _refuse(_("A cmi5 defined statement's object must be the AU (the launch's activityId)."))
    if publisher_id(session.item) not in _ids(activities.get("grouping")):
        _refuse(_("The statement must carry the publisher id grouping of the contextTemplate."))
    judged = verb in vocab.JUDGED_VERBS
    if judged and vocab.CATEGORY_MOVEON not in categories:
        _refuse(_("A %(verb)s statement must carry the moveOn category.") % {"verb": name})
    if not judged and vocab.CATEGORY_MOVEON in categories:
        _refuse(_("Only completed, passed and failed carry the moveOn category."))
    if judged and session.launch_mode != vocab.LAUNCH_NORMAL:
        _refuse(
            _("A %(mode)s launch may not send %(verb)s statements.")
            % {"mode": session.launch_mode, "verb": name}
        )
    result = statement.get("result") or {}
    if "score" in result and verb not in (vocab.VERB_PASSED, vocab.VERB_FAILED):
        _refuse(_("Only passed and failed statements may carry a score."))
    if "success" in result and verb not in (vocab.VERB_PASSED, vocab.VERB_FAILED):
        _refuse(_("Only passed and failed statements may carry result.success."))
    if "completion" in result and verb != vocab.VERB_COMPLETED:
        _refuse(_("Only completed statements may carry result.completion."))
    if (
        verb != vocab.VERB_INITIALIZED
        and not result.get("duration")
        and (judged or verb == vocab.VERB_TERMINATED)
    ):
        _refuse(_("A %(verb)s statement must carry result.duration.") % {"verb": name})

    moment = _moment(statement)
    if verb == vocab.VERB_INITIALIZED:
        if session.initialized_at is not None:
            _refuse(_("A session has only one initialized statement."))
        session.initialized_at = moment
        session.save(update_fields=["initialized_at"])
        return
    if verb == vocab.VERB_TERMINATED:
        session.terminated_at = timezone.now()
        session.save(update_fields=["terminated_at"])
        return

    state, _created = Cmi5AuState.objects.select_for_update().get_or_create(
        registration=session.registration, item=session.item
    )
    mastery = session.item.data.get("mastery_score")
    scaled = (result.get("score") or {}).get("scaled")
    if verb == vocab.VERB_COMPLETED:
        if result.get("completion") is not True:
            _refuse(_("A completed statement must carry result.completion true."))
        if state.completed_at is not None or session.completed_in_session:
            _refuse(_("This AU was already completed in this registration."))
        state.completed_at = moment
        session.completed_in_session = True
    else:
        if session.passed_or_failed_in_session:
            _refuse(_("A session has at most one passed or failed statement."))
        if state.passed_at is not None:
            _refuse(
                _("This AU was already passed in this registration; nothing may follow it.")
                if verb == vocab.VERB_FAILED
                else _("This AU was already passed in this registration.")
            )
        if verb == vocab.VERB_PASSED:
            if result.get("success") is not True:
                _refuse(_("A passed statement must carry result.success true."))
            if mastery is not None and scaled is not None and scaled < mastery:
                _refuse(_("A passed statement's scaled score is below the masteryScore."))
            state.passed_at = moment
        else:
            if result.get("success") is not False:
                _refuse(_("A failed statement must carry result.success false."))
            if mastery is not None and scaled is not None and scaled >= mastery:
                _refuse(_("A failed statement's scaled score is at or above the masteryScore."))
            state.failed_at = moment
        if scaled is not None:
            state.score_scaled = scaled
        session.passed_or_failed_in_session = True
    state.save()
    session.save(update_fields=["completed_in_session", "passed_or_failed_in_session"])


@after_store
def cmi5_after_store(*, credential, statements: list[dict]) -> None:
    """After a launch session's batch is stored: evaluates moveOn when it carried results (the
    AU, its blocks and the course may become satisfied: "satisfied" statements under the
    session's id, 9.3.9, and the lesson done), tells the rest of the LMS the AU's result changed,
    and ends the session's credential once it was terminated (9.3.8)."""
    session = _session_for(credential)
    if session is None:
        return
    judged = [
        s
        for s in statements
        if (s.get("verb") or {}).get("id") in vocab.JUDGED_VERBS
        and vocab.CATEGORY_CMI5
        in _ids(((s.get("context") or {}).get("contextActivities") or {}).get("category"))
    ]
    if judged:
        state = Cmi5AuState.objects.get(registration=session.registration, item=session.item)
        newly = registration_evaluate(registration=session.registration, session_id=str(session.id))
        if state.pk not in {s.pk for s in newly}:
            package_result_recorded.send(sender=Cmi5AuState, au_state=state)
    if session.terminated_at:
        credentials_revoke(session=session)


@document_policy
def cmi5_launch_data_is_the_lms(*, credential, kind, activity_id, document_id) -> None:
    """10.2: the LMS.LaunchData state document is the LMS's: an AU's credential may read it but
    never write or delete it (nor delete every State document of the activity at once, which
    would take it along)."""
    if not getattr(credential, "session_id", None) or kind != DocumentKind.STATE:
        return
    if document_id is None or document_id == vocab.STATE_LAUNCH_DATA:
        _refuse(_("The LMS.LaunchData state document is the LMS's: an AU may not change it."))
