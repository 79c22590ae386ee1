"""cmi5 writes: registrations, AU results, moveOn, and the statements the LMS itself makes
(satisfied, abandoned, waived). Section numbers refer to cmi5_spec.md (AICC/CMI-5_Spec_Current).

Activity ids: the LMS generates its own ids for AUs (8.1.5), blocks and the course (9.4), never
the publisher's ids from cmi5.xml, which go in `contextActivities.grouping` instead (9.6.2.3).
They depend only on the package and the publisher id, so every launch, registration and version
of a package uses the same ones.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.learning.services import enrollment_ensure, lesson_complete
from courses.packages.cmi5 import vocab
from courses.packages.cmi5.moveon import block_satisfied, move_on_met
from courses.packages.models import (
    Cmi5AuState,
    Cmi5Registration,
    Cmi5Session,
    PackageItem,
    PackageVersion,
)
from courses.signals import package_result_recorded
from courses.xapi.agents import actor_for_user
from courses.xapi.ids import statement_id_for
from courses.xapi.models import Credential, Statement
from courses.xapi.store import statement_record


class Cmi5Error(Exception):
    """A cmi5 request the LMS refuses; the message says why, in words a person can act on."""


# Ids ------------------------------------------------------------------------------------------


def _generated_id(version: PackageVersion, kind: str, publisher_id: str) -> str:
    key = uuid.uuid5(uuid.NAMESPACE_URL, publisher_id)
    return f"{settings.XAPI_IRI_BASE.rstrip('/')}/cmi5/{version.package_id}/{kind}/{key}"


def publisher_id(item: PackageItem) -> str:
    """The AU's or block's id as written in cmi5.xml (13.1.2, 13.1.4)."""
    return item.data.get("activity_id") or item.identifier


def au_activity_id(item: PackageItem) -> str:
    """The activityId the LMS generated for an AU (8.1.5): not the publisher's id, the same for
    every launch and registration."""
    return _generated_id(item.version, "au", publisher_id(item))


def block_activity_id(item: PackageItem) -> str:
    """The LMS's id of a block object (9.4)."""
    return _generated_id(item.version, "block", publisher_id(item))


def course_publisher_id(version: PackageVersion) -> str:
    return (version.structure.get("course") or {}).get("id") or version.identifier


def course_activity_id(version: PackageVersion) -> str:
    """The LMS's id of the course object (9.4)."""
    return _generated_id(version, "course", course_publisher_id(version))


def is_au(item: PackageItem) -> bool:
    return item.is_launchable and item.data.get("kind", "au") == "au"


# Statements the LMS makes -----------------------------------------------------------------------


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.UTC).isoformat().replace("+00:00", "Z")


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration (9.5.4), e.g. "PT75.5S"."""
    return f"PT{max(seconds, 0):.2f}S"


def lms_statement(
    *,
    registration: Cmi5Registration,
    verb: str,
    object_id: str,
    grouping_id: str,
    session_id: str,
    statement_key: tuple,
    as_of: datetime,
    object_type: str = "",
    result: dict | None = None,
    extensions: dict | None = None,
    moveon_category: bool = False,
) -> str:
    """Records one statement the LMS makes about a registration: the cmi5 category (9.6.2.1),
    the moveOn category when the result carries success or completion (9.6.2.2), the publisher
    id grouping (9.6.2.3) and the session id extension (9.6.3.1). Its id is stable over
    `statement_key`, so a repeat is the same statement."""
    categories = [{"id": vocab.CATEGORY_CMI5, "objectType": "Activity"}]
    if moveon_category:
        categories.append({"id": vocab.CATEGORY_MOVEON, "objectType": "Activity"})
    obj: dict = {"objectType": "Activity", "id": object_id}
    if object_type:
        obj["definition"] = {"type": object_type}
    statement = {
        "id": str(statement_id_for("cmi5", *statement_key)),
        "actor": actor_for_user(registration.user),
        "verb": {"id": verb, "display": {"en-US": vocab.VERB_NAMES[verb]}},
        "object": obj,
        "context": {
            "registration": str(registration.id),
            "contextActivities": {
                "category": categories,
                "grouping": [{"id": grouping_id, "objectType": "Activity"}],
            },
            "extensions": {vocab.EXT_SESSION_ID: session_id, **(extensions or {})},
        },
        "timestamp": _timestamp(as_of),
    }
    if result:
        statement["result"] = result
    return statement_record(statement=statement)


# Registration -----------------------------------------------------------------------------------


@transaction.atomic
def registration_for(*, user, lesson) -> Cmi5Registration:
    """The learner's registration for the package of `lesson` in their current run of the course
    (one per learner, package and run; 8.1.4). A new one is made on the package's current
    version, with a state row per AU, and moveOn is evaluated at once (9.6.1): AUs whose moveOn
    is "NotApplicable" are satisfied now, with the blocks and course they complete."""
    package = lesson.package
    if package is None or package.current_version is None:
        raise Cmi5Error(_("This lesson has no package to play."))
    version = package.current_version
    if version.kind != "cmi5":
        raise Cmi5Error(_("This lesson's package is not a cmi5 course."))
    course = lesson.get_parent().specific
    enrollment = enrollment_ensure(user=user, course=course)
    now = timezone.now()
    registration, created = Cmi5Registration.objects.get_or_create(
        user=user,
        package=package,
        run=enrollment.current_run,
        defaults={"version": version, "course": course, "lesson": lesson, "created_at": now},
    )
    if created:
        Cmi5AuState.objects.bulk_create(
            Cmi5AuState(registration=registration, item=item)
            for item in version.items.all()
            if is_au(item)
        )
        registration_evaluate(registration=registration, session_id="", as_of=now)
    return registration


def _states(registration: Cmi5Registration) -> dict[int, Cmi5AuState]:
    return {
        state.item_id: state
        for state in Cmi5AuState.objects.select_for_update().filter(registration=registration)
    }


def registration_evaluate(
    *, registration: Cmi5Registration, session_id: str, as_of: datetime | None = None
) -> list[Cmi5AuState]:
    """Evaluates moveOn for every AU of the registration (13.1.4), then every block and the
    course (9.3.9), and records what became satisfied: the AU's state, a "satisfied" statement
    for each block and for the course (once each per registration), and, when the course is
    satisfied, the lesson done through `courses.learning.services.lesson_complete` (which decides
    the course). `session_id` is the launch session that triggered it; outside a launch a new
    session id is generated (9.3.9). Returns the AU states that became satisfied."""
    as_of = as_of or timezone.now()
    version = registration.version
    items = list(version.items.all())
    states = _states(registration)
    newly: list[Cmi5AuState] = []
    satisfied: dict[str, bool] = {}
    for item in items:
        if not is_au(item):
            continue
        state = states.get(item.pk) or Cmi5AuState.objects.create(
            registration=registration, item=item
        )
        states[item.pk] = state
        met = move_on_met(
            move_on=item.data.get("move_on", "NotApplicable"),
            completed=state.completed_at is not None,
            passed=state.passed_at is not None,
            waived=state.waived_at is not None,
        )
        if met and state.satisfied_at is None:
            state.satisfied_at = as_of
            state.save(update_fields=["satisfied_at"])
            newly.append(state)
        satisfied[item.identifier] = state.satisfied_at is not None

    def outside_session(*parts) -> str:
        return session_id or str(statement_id_for("cmi5-session", registration.id, *parts))

    # Blocks, innermost first (deepest items first), so a block of blocks sees its children.
    for block in sorted((i for i in items if not i.is_launchable), key=lambda i: -i.depth):
        children = [
            satisfied.get(i.identifier, False)
            for i in items
            if i.parent_identifier == block.identifier
        ]
        done = block_satisfied(children)
        satisfied[block.identifier] = done
        if not done:
            continue
        state = states.get(block.pk)
        if state is None:
            state = Cmi5AuState.objects.create(registration=registration, item=block)
            states[block.pk] = state
        if state.satisfied_at is None:
            state.satisfied_at = as_of
            state.save(update_fields=["satisfied_at"])
            lms_statement(
                registration=registration,
                verb=vocab.VERB_SATISFIED,
                object_id=block_activity_id(block),
                object_type=vocab.ACTIVITY_TYPE_BLOCK,
                grouping_id=publisher_id(block),
                session_id=outside_session("block", block.pk),
                statement_key=("satisfied", registration.id, "block", block.pk),
                as_of=as_of,
            )
    top = [satisfied.get(i.identifier, False) for i in items if not i.parent_identifier]
    if block_satisfied(top) and registration.satisfied_at is None:
        registration.satisfied_at = as_of
        registration.save(update_fields=["satisfied_at"])
        lms_statement(
            registration=registration,
            verb=vocab.VERB_SATISFIED,
            object_id=course_activity_id(version),
            object_type=vocab.ACTIVITY_TYPE_COURSE,
            grouping_id=course_publisher_id(version),
            session_id=outside_session("course"),
            statement_key=("satisfied", registration.id, "course"),
            as_of=as_of,
        )
        lesson_complete(user=registration.user, lesson=registration.lesson, as_of=as_of)
    for state in newly:
        package_result_recorded.send(sender=Cmi5AuState, au_state=state)
    return newly


# Waive and abandon ------------------------------------------------------------------------------


@transaction.atomic
def au_waive(*, registration: Cmi5Registration, item: PackageItem, reason: str, by=None) -> bool:
    """Waives an AU (9.3.7): the LMS records a "waived" statement with the reason extension
    (9.5.5.2; one of "Tested Out", "Equivalent AU", "Equivalent Outside Activity",
    "Administrative") under a session id of its own, and the AU counts as satisfied (9.3.9).
    Waiving twice changes nothing (at most one waived statement per AU and registration).
    Returns True when this call waived it. `by` is the person who waived (logged by pk)."""
    if reason not in vocab.WAIVE_REASONS:
        raise Cmi5Error(
            _("The reason must be one of: %(reasons)s.")
            % {"reasons": ", ".join(vocab.WAIVE_REASONS)}
        )
    if item.version_id != registration.version_id or not is_au(item):
        raise Cmi5Error(_("This AU is not part of the registration's course."))
    state, _created = Cmi5AuState.objects.select_for_update().get_or_create(
        registration=registration, item=item
    )
    if state.waived_at is not None:
        return False
    now = timezone.now()
    state.waived_at = now
    state.waive_reason = reason
    state.save(update_fields=["waived_at", "waive_reason"])
    session_id = str(statement_id_for("cmi5-session", registration.id, "waive", item.pk))
    lms_statement(
        registration=registration,
        verb=vocab.VERB_WAIVED,
        object_id=au_activity_id(item),
        grouping_id=publisher_id(item),
        session_id=session_id,
        statement_key=("waived", registration.id, item.pk),
        as_of=now,
        result={"success": True, "completion": True, "extensions": {vocab.EXT_REASON: reason}},
        moveon_category=True,
    )
    package_result_recorded.send(sender=Cmi5AuState, au_state=state)
    registration_evaluate(registration=registration, session_id=session_id, as_of=now)
    return True


def credentials_revoke(*, session: Cmi5Session, as_of: datetime | None = None) -> None:
    """Ends the xAPI credentials of a launch session (8.2.1: limited to the session)."""
    Credential.objects.filter(session_id=session.id, revoked_at__isnull=True).update(
        revoked_at=as_of or timezone.now()
    )


@transaction.atomic
def session_abandon(*, session: Cmi5Session) -> bool:
    """Abandons a launch session that was never terminated (9.3.6): records the "abandoned"
    statement, whose duration runs from the launch to the last statement the AU sent (9.5.4.2),
    and ends the session's credential, so nothing more is recorded for it. A session already
    terminated or abandoned is left alone. Returns True when this call abandoned it."""
    session = (
        Cmi5Session.objects.select_for_update().select_related("registration").get(pk=session.pk)
    )
    if session.terminated_at or session.abandoned_at:
        return False
    now = timezone.now()
    last = (
        Statement.objects.filter(credential__session_id=session.id)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    duration = ((last or session.created_at) - session.created_at).total_seconds()
    session.abandoned_at = now
    session.save(update_fields=["abandoned_at"])
    credentials_revoke(session=session, as_of=now)
    lms_statement(
        registration=session.registration,
        verb=vocab.VERB_ABANDONED,
        object_id=au_activity_id(session.item),
        grouping_id=publisher_id(session.item),
        session_id=str(session.id),
        statement_key=("abandoned", session.id),
        as_of=now,
        result={"duration": iso_duration(duration)},
    )
    return True


def sessions_abandon_active(*, registration: Cmi5Registration) -> int:
    """Abandons every session of the registration still open (9.3.6: a launch with the same
    registration as an active session abandons it). Returns how many."""
    open_sessions = Cmi5Session.objects.filter(
        registration=registration, terminated_at__isnull=True, abandoned_at__isnull=True
    ).select_related("item")
    return sum(session_abandon(session=session) for session in open_sessions)


# Reads --------------------------------------------------------------------------------------------


def registration_results(*, registration: Cmi5Registration) -> dict:
    """The registration's results: the course's satisfaction and each AU's facts and moveOn."""
    states = {
        state.item_id: state for state in Cmi5AuState.objects.filter(registration=registration)
    }
    aus = []
    for item in registration.version.items.all():
        if not is_au(item):
            continue
        state = states.get(item.pk)
        aus.append(
            {
                "id": publisher_id(item),
                "activity_id": au_activity_id(item),
                "title": item.title,
                "move_on": item.data.get("move_on", "NotApplicable"),
                "completed": bool(state and state.completed_at),
                "passed": bool(state and state.passed_at),
                "failed": bool(state and state.failed_at),
                "waived": bool(state and state.waived_at),
                "waive_reason": state.waive_reason if state else "",
                "satisfied": bool(state and state.satisfied_at),
                "score_scaled": state.score_scaled if state else None,
            }
        )
    return {
        "registration": str(registration.id),
        "course_id": course_activity_id(registration.version),
        "satisfied": registration.satisfied_at is not None,
        "satisfied_at": registration.satisfied_at.isoformat()
        if registration.satisfied_at
        else None,
        "aus": aus,
    }
