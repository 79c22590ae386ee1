"""Live sessions (instructor-led or virtual): scheduling, registration with a waiting list,
calendar files, and attendance that completes the course.

Rules every write keeps:
- A session ends after it starts, starts in the future when scheduled, holds at least one
  person, has a place (in person) or a link (virtual). A liaison schedules only for one of
  their departments; ORE may also schedule citywide sessions (no host department).
- A department's session is for that department's employees; a citywide one for everyone.
- Seats are counted with the session row locked, so two people can never take the last seat.
  A full session puts people on the waiting list; a freed seat goes to the first in line.
- Attendance is all or nothing: one person who is not registered, only on the waiting list or
  outside the liaison's departments refuses the whole list and nothing is written.
- Every liaison or ORE action is written to the audit log; emails leave after the commit.
"""

import email.message
import email.policy
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from functools import cache, partial
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.compliance.assignments import assignments_refresh
from courses.compliance.audit import audit_record
from courses.compliance.models import AuditAction, AuditEntry
from courses.learning.models import CourseCompletion, CoursePage, Enrollment
from courses.learning.services import completions_announce, course_completion_record
from courses.sessions.models import (
    Attendance,
    LiveSession,
    RegistrationStatus,
    SessionMode,
    SessionRegistration,
)
from courses.sessions.permissions import liaison_department_ids, roster_scope_for_user
from courses.signals import attendance_recorded
from lms.users.models import Department, User
from lms.users.permissions import can_view_all_departments

logger = logging.getLogger(__name__)

# What an email to a registrant is about; each has courses/email/session_<kind>_{subject,body}.txt
EMAIL_REGISTERED = "registered"
EMAIL_WAITLISTED = "waitlisted"
EMAIL_PROMOTED = "promoted"
EMAIL_CHANGED = "changed"
EMAIL_SESSION_CANCELLED = "session_cancelled"
EMAIL_REGISTRATION_CANCELLED = "registration_cancelled"
EMAIL_WITHDRAWN = "withdrawn"  # the person gave up their own seat
EMAIL_KINDS = frozenset(
    {
        EMAIL_REGISTERED,
        EMAIL_WAITLISTED,
        EMAIL_PROMOTED,
        EMAIL_CHANGED,
        EMAIL_SESSION_CANCELLED,
        EMAIL_REGISTRATION_CANCELLED,
        EMAIL_WITHDRAWN,
    }
)
# The emails that carry a calendar invitation (METHOD:REQUEST) to a person with a seat, and
# those that withdraw it (METHOD:CANCEL) from a person who had one.
_EMAILS_INVITING = frozenset({EMAIL_REGISTERED, EMAIL_PROMOTED, EMAIL_CHANGED})
_EMAILS_WITHDRAWING = frozenset(
    {EMAIL_SESSION_CANCELLED, EMAIL_REGISTRATION_CANCELLED, EMAIL_WITHDRAWN}
)
METHOD_PUBLISH = "PUBLISH"
METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"
# Changing these moves people's calendars: registrants get the new calendar file.
_CALENDAR_FIELDS = ("starts_at", "ends_at", "mode", "location", "join_url", "title", "title_es")
_EDITABLE_FIELDS = (
    "title",
    "title_es",
    "mode",
    "starts_at",
    "ends_at",
    "location",
    "join_url",
    "capacity",
    "department",
    "notes",
)
_ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


# --- scheduling -------------------------------------------------------------------------------


def session_check(
    *,
    actor: User,
    course: CoursePage | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
    mode: str,
    location: str = "",
    join_url: str = "",
    capacity: int | None,
    department: Department | None = None,
    as_of: datetime | None = None,
    session: LiveSession | None = None,
) -> None:
    """Checks a session's details before it is scheduled (`session` None) or changed.

    Raises ValidationError with a message per field (keys are the argument names, so a form
    with the same field names shows each message next to its field).
    """
    as_of = as_of or timezone.now()
    errors: dict[str, list[str]] = {}

    def problem(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if course is None or not course.live:
        problem("course", _("Choose a published course."))
    if starts_at is None:
        problem("starts_at", _("Enter when the session starts."))
    if ends_at is None:
        problem("ends_at", _("Enter when the session ends."))
    if starts_at and ends_at and ends_at <= starts_at:
        problem("ends_at", _("The session must end after it starts."))
    times_changed = session is None or (starts_at, ends_at) != (session.starts_at, session.ends_at)
    if session is not None and times_changed and session.starts_at <= as_of:
        problem("starts_at", _("The session has started: its times can no longer change."))
    elif starts_at and times_changed and starts_at <= as_of:
        problem("starts_at", _("The session must start in the future."))
    if capacity is None or capacity < 1:
        problem("capacity", _("A session holds at least one person."))
    elif session is not None:
        registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if capacity < registered:
            problem(
                "capacity",
                ngettext(
                    "%(count)s person is registered: the capacity cannot be lower. "
                    "Cancel a registration first.",
                    "%(count)s people are registered: the capacity cannot be lower. "
                    "Cancel some registrations first.",
                    registered,
                )
                % {"count": registered},
            )
    if mode not in SessionMode.values:
        problem("mode", _("Choose in person or virtual."))
    elif mode == SessionMode.IN_PERSON and not location.strip():
        problem("location", _("An in-person session needs a place."))
    elif mode == SessionMode.VIRTUAL:
        if not join_url.strip():
            problem("join_url", _("A virtual session needs a link to join."))
        else:
            try:
                URLValidator(schemes=["https", "http"])(join_url)
            except ValidationError:
                problem("join_url", _("Enter a full web address, starting with https://."))
    if not can_view_all_departments(actor):
        if department is None:
            problem("department", _("Choose the department the session is for."))
        elif department.pk not in liaison_department_ids(actor):
            problem("department", _("Choose one of your departments."))
    if (
        session is not None
        and (department.pk if department else None) != session.department_id
        and session.registrations.filter(status__in=_ACTIVE).exists()
    ):
        problem(
            "department",
            _("People are registered: the department can no longer change."),
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_schedule(
    *,
    actor: User,
    course: CoursePage,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    location: str = "",
    join_url: str = "",
    capacity: int,
    department: Department | None = None,
    title: str = "",
    title_es: str = "",
    notes: str = "",
    as_of: datetime | None = None,
) -> LiveSession:
    """Schedules a live session of `course`, hosted by `department` (None: citywide, ORE only).

    Returns the new session. Raises ValidationError (per field, see `session_check`) when the
    details do not hold or a liaison schedules outside their departments.
    """
    session_check(
        actor=actor,
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        location=location,
        join_url=join_url,
        capacity=capacity,
        department=department,
        as_of=as_of,
    )
    session = LiveSession.objects.create(
        course=course,
        title=title.strip(),
        title_es=title_es.strip(),
        mode=mode,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        join_url=join_url.strip(),
        capacity=capacity,
        department=department,
        notes=notes.strip(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SESSION_SCHEDULED,
        department=department,
        after=_session_facts(session),
    )
    logger.info(
        "live session %s of course %s scheduled by employee pk=%s", session.pk, course.pk, actor.pk
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor: User,
    session: LiveSession,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    location: str = "",
    join_url: str = "",
    capacity: int,
    department: Department | None = None,
    title: str = "",
    title_es: str | None = None,
    notes: str = "",
    as_of: datetime | None = None,
) -> LiveSession:
    """Changes a session's details (its course stays). Safe to repeat: no change, no writes.
    `title_es` None keeps the Spanish title as it is.

    People registered get the new calendar file when the time, place or link changes; a larger
    capacity gives the new seats to the waiting list in order. Returns the session. Raises
    ValidationError for a cancelled session or details that do not hold (see `session_check`;
    in addition, the times of a started session and the department of a session with
    registrations cannot change, and the capacity cannot drop below the people registered).
    """
    as_of = as_of or timezone.now()
    current = LiveSession.objects.select_for_update().get(pk=session.pk)
    if current.is_cancelled:
        raise ValidationError(_("This session was cancelled: it can no longer change."))
    wanted = {
        "title": title.strip(),
        "title_es": current.title_es if title_es is None else title_es.strip(),
        "mode": mode,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": location.strip(),
        "join_url": join_url.strip(),
        "capacity": capacity,
        "department": department,
        "notes": notes.strip(),
    }
    session_check(
        actor=actor,
        course=current.course,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        location=wanted["location"],
        join_url=wanted["join_url"],
        capacity=capacity,
        department=department,
        as_of=as_of,
        session=current,
    )
    before = _session_facts(current)
    changed = [name for name in _EDITABLE_FIELDS if getattr(current, name) != wanted[name]]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, wanted[name])
    current.save(update_fields=changed)
    after = _session_facts(current)
    kept = [key for key in after if key == "session" or before[key] != after[key]]
    audit_record(
        actor=actor,
        action=AuditAction.SESSION_CHANGED,
        department=current.department,
        before={key: before[key] for key in kept},
        after={key: after[key] for key in kept},
    )
    if any(name in changed for name in _CALENDAR_FIELDS):
        for registration_id in current.registrations.filter(
            status=RegistrationStatus.REGISTERED
        ).values_list("pk", flat=True):
            _email_after_commit(registration_id, EMAIL_CHANGED)
    if "capacity" in changed:
        _waitlist_promote(current)
    logger.info("live session %s changed by employee pk=%s", current.pk, actor.pk)
    return current


@transaction.atomic
def session_cancel(
    *, actor: User, session: LiveSession, reason: str, as_of: datetime | None = None
) -> LiveSession:
    """Cancels a session; everyone registered or waiting is emailed the reason (and a calendar
    file that removes the event). Safe to repeat: a cancelled session stays as it is.

    Raises ValidationError without a reason, for a session that has already ended, or once
    attendance has been recorded.
    """
    as_of = as_of or timezone.now()
    reason = (reason or "").strip()
    current = LiveSession.objects.select_for_update().get(pk=session.pk)
    if current.is_cancelled:
        return current
    if not reason:
        raise ValidationError({"reason": [_("Say why the session is cancelled.")]})
    if current.ends_at <= as_of:
        raise ValidationError(_("This session has already taken place."))
    if current.registrations.filter(attended_at__isnull=False).exists():
        raise ValidationError(_("Attendance is recorded for this session: it cannot be cancelled."))
    current.is_cancelled = True
    current.save(update_fields=["is_cancelled"])
    audit_record(
        actor=actor,
        action=AuditAction.SESSION_CHANGED,
        department=current.department,
        before={"session": current.pk, "is_cancelled": False},
        after={"session": current.pk, "is_cancelled": True, "reason": reason},
    )
    for registration_id, status in current.registrations.filter(status__in=_ACTIVE).values_list(
        "pk", "status"
    ):
        _email_after_commit(
            registration_id,
            EMAIL_SESSION_CANCELLED,
            reason=reason,
            had_seat=status == RegistrationStatus.REGISTERED,
        )
    logger.info("live session %s cancelled by employee pk=%s", current.pk, actor.pk)
    return current


# --- registration -----------------------------------------------------------------------------


def registration_problem(
    *, session: LiveSession, user: User, actor: User | None = None, as_of: datetime | None = None
) -> str | None:
    """Why `user` cannot be registered for `session` (by `actor`, when not themself), or None."""
    by_someone_else = actor is not None and actor.pk != user.pk
    return _registration_problem(
        session=session,
        user=user,
        scope=partial(roster_scope_for_user, actor) if by_someone_else else None,
        as_of=as_of or timezone.now(),
    )


def _registration_problem(
    *,
    session: LiveSession,
    user: User,
    scope: Callable[[], frozenset[int] | None] | None,
    as_of: datetime,
) -> str | None:
    """The rules of `registration_problem`. `scope` gives the roster scope of the person who
    registers `user` when that is someone else (None: `user` registers themself); it is called
    only once the other rules pass, so a refusal for a cancelled session costs no query."""
    if session.is_cancelled:
        return _("This session was cancelled.")
    if session.starts_at <= as_of:
        return _("This session has already started.")
    if not user.is_active:
        return _("This person no longer works for the City.")
    if session.department_id is not None and user.department_id != session.department_id:
        return _("This session is only for employees of %(department)s.") % {
            "department": session.department.name
        }
    if scope is not None:
        departments = scope()
        if departments is not None and user.department_id not in departments:
            return _("This person is not in your departments.")
    return None


@transaction.atomic
def registration_create(
    *,
    session: LiveSession,
    user: User,
    actor: User | None = None,
    as_of: datetime | None = None,
) -> SessionRegistration:
    """Registers `user` for `session`, themself (`actor` None or the user) or by a liaison/ORE.

    The person gets a seat while one is free and a place on the waiting list otherwise; the
    session row is locked while seats are counted. A second call returns the same registration;
    a cancelled registration is renewed. A newly registered person is emailed a confirmation
    with the calendar file; a person put on the waiting list is told so. Raises ValidationError
    for a cancelled or started session, a person outside the session's department or the
    actor's departments, or someone who left the City.
    """
    as_of = as_of or timezone.now()
    locked = (
        LiveSession.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=session.pk)
    )
    problem = registration_problem(session=locked, user=user, actor=actor, as_of=as_of)
    if problem:
        raise ValidationError(problem)
    existing = SessionRegistration.objects.filter(session=locked, user=user).first()
    if existing is not None and existing.status in _ACTIVE:
        return existing
    taken = locked.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = (
        RegistrationStatus.REGISTERED if taken < locked.capacity else RegistrationStatus.WAITLISTED
    )
    by = actor if actor is not None and actor.pk != user.pk else None
    before_status = existing.status if existing else None
    if existing is None:
        registration = SessionRegistration.objects.create(
            session=locked, user=user, status=status, registered_at=as_of, registered_by=by
        )
    else:
        registration = existing
        registration.status = status
        registration.registered_at = as_of
        registration.registered_by = by
        registration.save(update_fields=["status", "registered_at", "registered_by"])
    if by is not None:
        audit_record(
            actor=by,
            action=AuditAction.REGISTRATION_CHANGED,
            employee=user,
            before={"session": locked.pk, "registration": registration.pk, "status": before_status},
            after={"session": locked.pk, "registration": registration.pk, "status": status},
        )
    _email_after_commit(
        registration.pk,
        EMAIL_REGISTERED if status == RegistrationStatus.REGISTERED else EMAIL_WAITLISTED,
    )
    logger.info(
        "employee pk=%s %s for live session %s (by pk=%s)",
        user.pk,
        status,
        locked.pk,
        by.pk if by else user.pk,
    )
    return registration


@transaction.atomic
def session_register_people(
    *,
    actor: User,
    session: LiveSession,
    user_ids: Iterable[int],
    as_of: datetime | None = None,
) -> list[SessionRegistration]:
    """A liaison or ORE registers many people at once (`user_ids`, in that order: when seats
    run out, the rest go on the waiting list).

    All or nothing: if anyone cannot be registered (no such person, outside the actor's
    departments or the session's department, left the City; or the session is cancelled or
    started) ValidationError lists each of them with the reason, and nobody is registered.
    Returns the registrations (people already registered or waiting keep theirs).

    Each person registered is what `registration_create` makes of them: a seat or a place on
    the waiting list, an audit entry when the actor registers someone else, an email after the
    commit. The writes are bulk: the number of queries does not grow with the number of people.
    """
    as_of = as_of or timezone.now()
    ids = list(dict.fromkeys(int(pk) for pk in user_ids))
    if not ids:
        raise ValidationError(_("Choose at least one person."))
    locked = (
        LiveSession.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=session.pk)
    )
    people = User.objects.select_related("department").in_bulk(ids)
    actor_scope = cache(partial(roster_scope_for_user, actor))
    problems = []
    for pk in ids:
        person = people.get(pk)
        if person is None:
            problems.append(_("Employee record %(pk)s does not exist.") % {"pk": pk})
            continue
        problem = _registration_problem(
            session=locked,
            user=person,
            scope=actor_scope if actor.pk != person.pk else None,
            as_of=as_of,
        )
        if problem:
            problems.append(f"{_person_label(person)}: {problem}")
    if problems:
        raise ValidationError(problems)

    existing = {
        registration.user_id: registration
        for registration in SessionRegistration.objects.filter(session=locked, user_id__in=ids)
    }
    taken = locked.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    registrations, new, renewed, changes = [], [], [], []
    for pk in ids:
        current = existing.get(pk)
        if current is not None and current.status in _ACTIVE:
            registrations.append(current)
            continue
        status = (
            RegistrationStatus.REGISTERED
            if taken < locked.capacity
            else RegistrationStatus.WAITLISTED
        )
        taken += status == RegistrationStatus.REGISTERED
        by = actor if actor.pk != pk else None
        before_status = current.status if current else None
        if current is None:
            registration = SessionRegistration(
                session=locked,
                user=people[pk],
                status=status,
                registered_at=as_of,
                registered_by=by,
            )
            new.append(registration)
        else:
            registration = current
            registration.status = status
            registration.registered_at = as_of
            registration.registered_by = by
            renewed.append(registration)
        registrations.append(registration)
        changes.append((registration, before_status, by))
    SessionRegistration.objects.bulk_create(new)
    SessionRegistration.objects.bulk_update(renewed, ["status", "registered_at", "registered_by"])
    AuditEntry.objects.bulk_create(
        _audit_entry(
            actor=by,
            action=AuditAction.REGISTRATION_CHANGED,
            employee=people[registration.user_id],
            before={"session": locked.pk, "registration": registration.pk, "status": before},
            after={
                "session": locked.pk,
                "registration": registration.pk,
                "status": registration.status,
            },
        )
        for registration, before, by in changes
        if by is not None
    )
    for registration, _before, by in changes:
        _email_after_commit(
            registration.pk,
            EMAIL_REGISTERED
            if registration.status == RegistrationStatus.REGISTERED
            else EMAIL_WAITLISTED,
        )
        logger.info(
            "employee pk=%s %s for live session %s (by pk=%s)",
            registration.user_id,
            registration.status,
            locked.pk,
            by.pk if by else registration.user_id,
        )
    return registrations


@transaction.atomic
def registration_cancel(
    *,
    registration: SessionRegistration,
    actor: User | None = None,
    as_of: datetime | None = None,
) -> SessionRegistration:
    """Cancels a registration (by the person, or by a liaison/ORE as `actor`).

    A freed seat goes to the first person on the waiting list, who is emailed the calendar
    file. Safe to repeat: a cancelled registration stays as it is. Raises ValidationError once
    the session has started or the person's attendance is recorded.
    """
    as_of = as_of or timezone.now()
    session = LiveSession.objects.select_for_update().get(pk=registration.session_id)
    current = SessionRegistration.objects.select_related("user").get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        return current
    if current.attended_at is not None:
        raise ValidationError(_("Attendance is recorded: the registration can no longer change."))
    if session.starts_at <= as_of:
        raise ValidationError(_("This session has already started."))
    before_status = current.status
    had_seat = before_status == RegistrationStatus.REGISTERED
    current.status = RegistrationStatus.CANCELLED
    update_fields = ["status"]
    if had_seat and not session.is_cancelled:
        # Their calendar gets a CANCEL: their copy of the event moves on (see _calendar_sequence).
        current.calendar_cancellations += 1
        update_fields.append("calendar_cancellations")
    current.save(update_fields=update_fields)
    by = actor if actor is not None and actor.pk != current.user_id else None
    if by is not None:
        audit_record(
            actor=by,
            action=AuditAction.REGISTRATION_CHANGED,
            employee=current.user,
            before={"session": session.pk, "registration": current.pk, "status": before_status},
            after={"session": session.pk, "registration": current.pk, "status": current.status},
        )
        _email_after_commit(current.pk, EMAIL_REGISTRATION_CANCELLED, had_seat=had_seat)
    elif had_seat and not session.is_cancelled:
        # The person gave up their seat: remove the event the invitation put in their calendar.
        _email_after_commit(current.pk, EMAIL_WITHDRAWN, had_seat=True)
    if before_status == RegistrationStatus.REGISTERED and not session.is_cancelled:
        _waitlist_promote(session)
    logger.info(
        "employee pk=%s cancelled for live session %s (by pk=%s)",
        current.user_id,
        session.pk,
        by.pk if by else current.user_id,
    )
    return current


def _waitlist_promote(session: LiveSession) -> list[SessionRegistration]:
    """Gives free seats to the waiting list, first come first served. The caller holds the
    session row lock."""
    free = (
        session.capacity
        - session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    )
    if free <= 0:
        return []
    waiting = list(
        session.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
            "registered_at", "pk"
        )[:free]
    )
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        _email_after_commit(registration.pk, EMAIL_PROMOTED)
        logger.info(
            "employee pk=%s moved from the waiting list into live session %s",
            registration.user_id,
            session.pk,
        )
    return waiting


# --- attendance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceResult:
    """What `attendance_record` did: the people newly marked present, and those whose
    attendance was already recorded (left as they were)."""

    recorded: list[SessionRegistration]
    already_recorded: list[SessionRegistration]


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    session: LiveSession,
    user_ids: Iterable[int],
    as_of: datetime,
) -> AttendanceResult:
    """Marks the people `user_ids` present at `session` and completes the course for them.

    Each person must hold a seat (registered, not waiting or cancelled) and, when the actor is
    a liaison, belong to one of the actor's departments; the session must have started. All or
    nothing: otherwise ValidationError lists each person and why, and nothing is written.

    For each person: attended_at (the session's end, or `as_of` if earlier) and who recorded
    it; a course completion with the evidence "Attended live session <pk> on <date>, recorded
    by <actor pk>" (a completion of the current run from before the session starts a new run,
    so a recurring requirement is renewed); one audit entry. Safe to repeat: people already
    marked present are left as they are (no second completion, no second audit entry). Their
    assignments are refreshed at once. Returns who was recorded and who already was.

    The writes are bulk (see `_attendance_completions`): the number of queries does not grow
    with the number of people.
    """
    ids = list(dict.fromkeys(int(pk) for pk in user_ids))
    if not ids:
        raise ValidationError(_("Choose at least one person who attended."))
    locked = (
        LiveSession.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(pk=session.pk)
    )
    if locked.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    if locked.starts_at > as_of:
        raise ValidationError(_("Attendance can be taken once the session has started."))
    registrations, people = _registrations_to_mark(actor=actor, session=locked, ids=ids)

    attended_at = min(as_of, locked.ends_at)
    evidence = (
        f"Attended live session {locked.pk} on "
        f"{timezone.localdate(locked.starts_at).isoformat()}, recorded by {actor.pk}"
    )
    already = [
        registrations[pk] for pk in ids if registrations[pk].attendance == Attendance.PRESENT
    ]
    recorded = [
        registrations[pk] for pk in ids if registrations[pk].attendance != Attendance.PRESENT
    ]
    if recorded:
        completions = _attendance_completions(
            people=[people[registration.user_id] for registration in recorded],
            session=locked,
            at=attended_at,
            evidence=evidence,
        )
        entries = []
        for registration in recorded:
            before_attendance = registration.attendance
            completion = completions[registration.user_id]
            registration.attendance = Attendance.PRESENT
            registration.attended_at = attended_at
            registration.attendance_recorded_by = actor
            registration.completion = completion
            entries.append(
                _audit_entry(
                    actor=actor,
                    action=AuditAction.ATTENDANCE_RECORDED,
                    employee=people[registration.user_id],
                    before={
                        "session": locked.pk,
                        "registration": registration.pk,
                        "status": registration.status,
                        "attendance": before_attendance,
                        "attended_at": None,
                    },
                    after={
                        "session": locked.pk,
                        "registration": registration.pk,
                        "status": registration.status,
                        "attendance": Attendance.PRESENT.value,
                        "attended_at": attended_at.isoformat(),
                        "completion": completion.pk,
                        "course": locked.course_id,
                    },
                )
            )
        SessionRegistration.objects.bulk_update(
            recorded, ["attendance", "attended_at", "attendance_recorded_by", "completion"]
        )
        AuditEntry.objects.bulk_create(entries)
        attendance_recorded.send(sender=SessionRegistration, session=locked, registrations=recorded)
        assignments_refresh(as_of=timezone.localdate(as_of), user_ids=[r.user_id for r in recorded])
        logger.info(
            "attendance at live session %s recorded for %s people by employee pk=%s",
            locked.pk,
            len(recorded),
            actor.pk,
        )
    return AttendanceResult(recorded=recorded, already_recorded=already)


@dataclass(frozen=True)
class AttendanceChangeResult:
    """What `attendance_change` did: the people whose attendance changed, and those already so."""

    changed: list[SessionRegistration]
    unchanged: list[SessionRegistration]


@transaction.atomic
def attendance_change(
    *,
    actor: User,
    session: LiveSession,
    user_ids: Iterable[int],
    attendance: str,
    as_of: datetime,
) -> AttendanceChangeResult:
    """Marks the people `user_ids` absent or excused at `session`, or takes their attendance
    back to not recorded (`attendance` ""), with one audit entry (ATTENDANCE_CHANGED) each.
    "present" goes through `attendance_record` instead, which completes the course.

    The same checks as `attendance_record`, all or nothing. Changing a "present" keeps the
    course completion it gave: a completion is a record (a certificate may have been issued
    from it); the audit entry names it, so ORE can see the correction and, if the person never
    attended, remove the completion in the admin. Absent and excused complete nothing.
    """
    if attendance not in (Attendance.ABSENT, Attendance.EXCUSED, ""):
        raise ValidationError(_("Choose present, absent, excused or not recorded."))
    ids = list(dict.fromkeys(int(pk) for pk in user_ids))
    if not ids:
        raise ValidationError(_("Choose at least one person."))
    locked = LiveSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if locked.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    if locked.starts_at > as_of:
        raise ValidationError(_("Attendance can be taken once the session has started."))
    registrations, people = _registrations_to_mark(actor=actor, session=locked, ids=ids)
    changed, unchanged = [], []
    for pk in ids:
        registration = registrations[pk]
        if registration.attendance == attendance:
            unchanged.append(registration)
            continue
        before = {
            "session": locked.pk,
            "registration": registration.pk,
            "attendance": registration.attendance,
            "attended_at": (
                registration.attended_at.isoformat() if registration.attended_at else None
            ),
        }
        if registration.completion_id is not None:
            # Kept (see above); named in the entry so the correction can be followed.
            before |= {"completion": registration.completion_id, "course": locked.course_id}
        registration.attendance = attendance
        registration.attended_at = None
        registration.attendance_recorded_by = actor if attendance else None
        registration.save(update_fields=["attendance", "attended_at", "attendance_recorded_by"])
        audit_record(
            actor=actor,
            action=AuditAction.ATTENDANCE_CHANGED,
            employee=people[pk],
            before=before,
            after={
                "session": locked.pk,
                "registration": registration.pk,
                "attendance": attendance,
                "attended_at": None,
                "course": locked.course_id,
            },
        )
        changed.append(registration)
    if changed:
        logger.info(
            "attendance at live session %s changed to %r for %s people by employee pk=%s",
            locked.pk,
            attendance,
            len(changed),
            actor.pk,
        )
    return AttendanceChangeResult(changed=changed, unchanged=unchanged)


def _registrations_to_mark(
    *, actor: User, session: LiveSession, ids: list[int]
) -> tuple[dict[int, SessionRegistration], dict[int, User]]:
    """The seats of `ids` at `session`, locked, and the people; ValidationError listing each
    person who holds no seat or is outside the actor's departments."""
    locked = session
    registrations = {
        registration.user_id: registration
        for registration in SessionRegistration.objects.select_for_update()
        .filter(session=locked, user_id__in=ids)
        .order_by("pk")
    }
    people = User.objects.select_related("department").in_bulk(ids)
    scope = roster_scope_for_user(actor)
    problems = []
    for pk in ids:
        person = people.get(pk)
        registration = registrations.get(pk)
        if person is None:
            problems.append(_("Employee record %(pk)s does not exist.") % {"pk": pk})
            continue
        if scope is not None and person.department_id not in scope:
            reason = _("not in your departments")
        elif registration is None:
            reason = _("not registered for this session")
        elif registration.status == RegistrationStatus.WAITLISTED:
            reason = _("on the waiting list, not registered")
        elif registration.status == RegistrationStatus.CANCELLED:
            reason = _("cancelled their registration")
        else:
            continue
        problems.append(f"{_person_label(person)}: {reason}")
    if problems:
        raise ValidationError(problems)
    return registrations, people


def _attendance_completions(
    *, people: list[User], session: LiveSession, at: datetime, evidence: str
) -> dict[int, CourseCompletion]:
    """The completion that attending `session` earns each of `people`, by person id, in a
    fixed number of queries: what `course_completion_record` does for one person, for many.

    A completion of a person's current run from before the session (last year's, say) is
    history: attending starts a new run (as `course_retake_start`). A person without an
    enrolment is enrolled. A completion already stored for the run is kept as it is; each new
    one is announced as `courses.learning.services` announces any (compliance marks the person
    stale, certificates issues one where the course gives one, the confirmation email is queued).
    """
    from django.db import IntegrityError

    course = session.course
    user_ids = [person.pk for person in people]
    enrollments = {
        enrollment.user_id: enrollment
        for enrollment in Enrollment.objects.select_for_update().filter(
            course=course, user_id__in=user_ids
        )
    }
    completions = {
        (completion.user_id, completion.run): completion
        for completion in CourseCompletion.objects.filter(course=course, user_id__in=user_ids)
    }
    retaken = []
    for enrollment in enrollments.values():
        earlier = completions.get((enrollment.user_id, enrollment.current_run))
        if earlier is not None and earlier.completed_at < session.starts_at:
            enrollment.current_run += 1
            retaken.append(enrollment)
    Enrollment.objects.bulk_update(retaken, ["current_run"])
    for enrollment in retaken:
        logger.info(
            "course %s retake run %s by employee pk=%s",
            course.pk,
            enrollment.current_run,
            enrollment.user_id,
        )
    missing = [pk for pk in user_ids if pk not in enrollments]
    if missing:
        # ignore_conflicts: someone enrolled at this moment keeps that enrolment, read below.
        Enrollment.objects.bulk_create(
            [Enrollment(user_id=pk, course=course, enrolled_at=at) for pk in missing],
            ignore_conflicts=True,
        )
        enrollments |= {
            enrollment.user_id: enrollment
            for enrollment in Enrollment.objects.filter(course=course, user_id__in=missing)
        }
    result, new = {}, []
    for person in people:
        run = enrollments[person.pk].current_run
        stored = completions.get((person.pk, run))
        if stored is not None:
            result[person.pk] = stored
        else:
            new.append(
                CourseCompletion(
                    user=person,
                    course=course,
                    run=run,
                    completed_at=at,
                    score=None,
                    course_revision_id=course.live_revision_id,
                    evidence=evidence,
                )
            )
    try:
        with transaction.atomic():
            CourseCompletion.objects.bulk_create(new)
    except IntegrityError:
        # Someone completed the course at this very moment: one at a time, as get_or_create
        # does, keeping theirs.
        for completion in new:
            result[completion.user_id] = course_completion_record(
                user=completion.user, course=course, as_of=at, evidence=evidence
            )
        return result
    for completion in new:
        result[completion.user_id] = completion
    if new:
        completions_announce(new)
    return result


# --- calendar files and emails ----------------------------------------------------------------


def session_ics(
    *,
    session: LiveSession,
    language: str | None = None,
    as_of: datetime | None = None,
    method: str = METHOD_PUBLISH,
    registration: SessionRegistration | None = None,
) -> bytes:
    """The session as an iCalendar object (RFC 5545, one VEVENT) for `method` (RFC 5546 iTIP).

    PUBLISH is the file people download. REQUEST is the invitation emailed to the person of
    `registration`, named as ATTENDEE; CANCEL takes the event out of their calendar again. Every
    event has the ORGANIZER (``CALENDAR_ORGANIZER_EMAIL``). The UID is the same for every file of
    a session and SEQUENCE grows with each change of the session and of the person's seat (see
    `_calendar_sequence`), so a calendar that has an earlier copy updates or removes it.
    Times are in UTC; the summary and description are in `language` (default: the current).
    """
    from icalendar import Calendar, Event, vCalAddress

    from content.translation import translation_for

    if method not in (METHOD_PUBLISH, METHOD_REQUEST, METHOD_CANCEL):
        raise ValueError(f"unknown calendar method {method!r}")
    if method != METHOD_PUBLISH and registration is None:
        raise ValueError(f"a {method} is for one person: give their registration")
    with translation.override(language or translation.get_language()):
        course_title = translation_for(session.course, language).title
        summary = session.display_title or course_title
        lines = [course_title] if session.display_title else []
        if session.notes:
            lines.append(session.notes)
        if session.mode == SessionMode.VIRTUAL and session.join_url:
            lines.append(_("Join: %(url)s") % {"url": session.join_url})
        lines.append(_("Details: %(url)s") % {"url": _absolute_url(session)})
        description = "\n\n".join(lines)
    calendar = Calendar()
    calendar.add("prodid", "-//Equity LMS//Live sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", (as_of or timezone.now()).astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("sequence", _calendar_sequence(session, registration, method))
    event.add("summary", summary)
    event.add("description", description)
    if session.mode == SessionMode.VIRTUAL:
        event.add("location", session.join_url)
        event.add("url", session.join_url)
    else:
        event.add("location", session.location)
        event.add("url", _absolute_url(session))
    cancelled = method == METHOD_CANCEL or session.is_cancelled
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer_name, organizer_email = calendar_organizer()
    organizer = vCalAddress(f"mailto:{organizer_email}")
    if organizer_name:
        organizer.params["cn"] = organizer_name
    event.add("organizer", organizer)
    if method != METHOD_PUBLISH and registration is not None and registration.user.email:
        # The invitee, already holding the seat: no reply is expected (RSVP=FALSE).
        attendee = vCalAddress(f"mailto:{registration.user.email}")
        name = registration.user.get_full_name()
        if name:
            attendee.params["cn"] = name
        attendee.params["cutype"] = "INDIVIDUAL"
        attendee.params["role"] = "REQ-PARTICIPANT"
        attendee.params["partstat"] = "DECLINED" if cancelled else "ACCEPTED"
        attendee.params["rsvp"] = "FALSE"
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


def calendar_organizer() -> tuple[str, str]:
    """The ORGANIZER of every calendar event: name and address of ``CALENDAR_ORGANIZER_EMAIL``
    (an ORE mailbox; by default ``DEFAULT_FROM_EMAIL``), e.g. ``("ORE Training", "ore@...")``."""
    value = getattr(settings, "CALENDAR_ORGANIZER_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    name, address = parseaddr(value)
    return name, address or value


def session_uid(session: LiveSession) -> str:
    """The calendar UID of a session: stable for its whole life."""
    host = urlparse(settings.SITE_URL).hostname or "equity-lms"
    return f"live-session-{session.pk}@{host}"


def session_email_send(
    *, registration_id: int, kind: str, reason: str = "", had_seat: bool = False
) -> bool:
    """Emails the person of one registration about it (`kind`: one of EMAIL_KINDS), in their
    preferred language.

    An email that confirms or changes a seat carries a calendar invitation (METHOD:REQUEST); one
    that takes a seat away from someone who had one (`had_seat`: cancelled by them, by a liaison
    or with the session) carries a METHOD:CANCEL for the same event, so Outlook and Google
    update or remove it. Returns False when there is nothing to send (no such registration, no
    email address).
    """
    from django.template.loader import render_to_string

    from content.translation import translation_for

    if kind not in EMAIL_KINDS:
        raise ValueError(f"unknown session email {kind!r}")
    registration = (
        SessionRegistration.objects.select_related("user", "session", "session__course")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.user.email:
        return False
    person, session = registration.user, registration.session
    language = _language_for(person)
    with translation.override(language):
        context = {
            "person": person,
            "session": session,
            "registration": registration,
            "course_title": translation_for(session.course, language).title,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "url": _absolute_url(session),
            "reason": reason,
            "had_seat": had_seat,
        }
        subject = render_to_string(f"courses/email/session_{kind}_subject.txt", context)
        body = render_to_string(f"courses/email/session_{kind}_body.txt", context)
    method = None
    if kind in _EMAILS_INVITING and registration.status == RegistrationStatus.REGISTERED:
        method = METHOD_REQUEST
    elif kind in _EMAILS_WITHDRAWING and had_seat:
        method = METHOD_CANCEL
    arguments = (" ".join(subject.split()), body, None, [person.email])
    if method is None:
        message = EmailMessage(*arguments)
    else:
        message = CalendarEmail(
            *arguments,
            calendar=session_ics(
                session=session, language=language, method=method, registration=registration
            ),
            method=method,
        )
    message.send()
    logger.info(
        "session email %s sent for registration %s (employee pk=%s)",
        kind,
        registration.pk,
        person.pk,
    )
    return True


class CalendarEmail(EmailMessage):
    """An email that carries an iTIP calendar message the way mail clients recognise one.

    The body is ``multipart/alternative``: the text, then the calendar as ``text/calendar;
    method=<METHOD>`` (the same METHOD as inside, as RFC 6047 requires), which Outlook and
    Google show as an invitation or cancellation; the same calendar is attached as
    ``invite.ics`` (``application/ics``) for other clients. `calendar` is the iCalendar bytes.
    """

    def __init__(self, *args, calendar: bytes, method: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.calendar_method = method

    def message(self, *, policy=email.policy.default) -> email.message.EmailMessage:
        msg = super().message(policy=policy)
        msg.add_alternative(
            self.calendar.decode(),
            subtype="calendar",
            charset="utf-8",
            params={"method": self.calendar_method},
        )
        msg.add_attachment(
            self.calendar, maintype="application", subtype="ics", filename="invite.ics"
        )
        return msg


def _email_after_commit(
    registration_id: int, kind: str, *, reason: str = "", had_seat: bool = False
) -> None:
    # robust: a mail server that refuses must not undo a registration that is already stored.
    transaction.on_commit(
        partial(
            session_email_send,
            registration_id=registration_id,
            kind=kind,
            reason=reason,
            had_seat=had_seat,
        ),
        robust=True,
    )


def _language_for(person: User) -> str:
    language = (person.preferred_language or settings.LANGUAGE_CODE).split("-")[0].lower()
    supported = {code for code, _name in settings.LANGUAGES}
    return language if language in supported else settings.LANGUAGE_CODE


def _absolute_url(session: LiveSession) -> str:
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse("sessions:detail", args=[session.pk])


def _session_sequence(session: LiveSession) -> int:
    """How many times the session changed since it was scheduled (its cancellation included)."""
    return AuditEntry.objects.filter(
        action=AuditAction.SESSION_CHANGED, after__session=session.pk
    ).count()


def _calendar_sequence(
    session: LiveSession, registration: SessionRegistration | None, method: str
) -> int:
    """The SEQUENCE of the event in the calendar of `registration`'s person (or of anyone, for
    the downloaded file of someone without a seat).

    Every message must carry a higher SEQUENCE than the one it replaces, or Outlook and Google
    ignore it. The session's changes count one each (a change, then its cancellation); each
    time the person gave up their seat counts two: one for the CANCEL they were sent, one more
    so a renewed seat's REQUEST comes after that CANCEL.
    """
    sequence = _session_sequence(session)
    if registration is None:
        return sequence
    sequence += 2 * registration.calendar_cancellations
    if method == METHOD_CANCEL and registration.status == RegistrationStatus.CANCELLED:
        sequence -= 1  # the CANCEL of the seat given up, between two invitations
    return sequence


def _session_facts(session: LiveSession) -> dict:
    """The session for the audit log: ids, ISO times and settings; never names."""
    return {
        "session": session.pk,
        "course": session.course_id,
        "department": session.department_id,
        "mode": session.mode,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "capacity": session.capacity,
        "location": session.location,
        "join_url": session.join_url,
        "title": session.title,
        "title_es": session.title_es,
        "notes": session.notes,
    }


def _audit_entry(
    *, actor: User, action: AuditAction, employee: User, before: dict, after: dict
) -> AuditEntry:
    """An audit entry as `courses.audit.audit_record` writes it (the employee's department),
    unsaved, for a bulk_create of many."""
    return AuditEntry(
        actor=actor if actor.is_authenticated else None,
        action=action,
        employee=employee,
        department=employee.department,
        before=before,
        after=after,
    )


def _person_label(person: User) -> str:
    name = person.get_full_name() or _("Employee record %(pk)s") % {"pk": person.pk}
    return f"{name} ({person.employee_id})" if person.employee_id else name


__all__ = [
    "EMAIL_KINDS",
    "AttendanceResult",
    "CalendarEmail",
    "attendance_record",
    "calendar_organizer",
    "registration_cancel",
    "registration_create",
    "registration_problem",
    "session_cancel",
    "session_check",
    "session_email_send",
    "session_ics",
    "session_register_people",
    "session_schedule",
    "session_uid",
    "session_update",
]
