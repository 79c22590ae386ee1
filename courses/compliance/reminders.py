"""Reminders and escalation: who is reminded of what today, and sending each reminder once.

Kinds (see `ReminderKind`):
- due soon: to the employee, on each day of the requirement's schedule (default 14, 7 and 1
  days before the due date);
- overdue: to the employee, every `overdue_reminder_every_days` days once overdue (default
  weekly, on the weekday of the due date);
- supervisor: once, to the employee's supervisor, `escalate_to_supervisor_after_days` days
  after the due date;
- liaison digest: weekly, to each liaison, one email per department with overdue people;
- manual: sent now by a liaison or ORE to people they select (rate-limited, audited).

Never twice. Every reminder has a deterministic key; a sender first claims it by inserting a
`ReminderLog` row (the key is unique, committed before the email goes out), and only the one
sender whose insert succeeds sends. A send that raises marks its claim failed, and a later run
may claim it again. A claim whose sender died between claiming and sending is never sent again
by itself: we cannot know whether the email left, and the rule is at most once. Such a claim
is "stuck" once it is older than REMINDER_STUCK_AFTER_MINUTES: ORE sees the stuck claims in the
Wagtail admin, and an operator who has checked (the mail server's log) releases them with
`manage.py release_reminders`, after which the next send that plans them sends each once. So
these functions must not be called inside a transaction that is still open when emails go out.

Catch-up. A day the daily run missed is made up the next day it runs, and never doubled:
- due soon: the threshold planned on any day is the nearest one at or above the days left
  (12 days left with "14,7,1": the 14-day reminder), keyed by assignment, due date and
  threshold; so a threshold missed on its day goes out once, late, until the next threshold is
  reached, which replaces it (someone never gets two reminders at once);
- overdue: the days since the due date are split in periods of `every` days; each period from
  the first full one on gets one reminder (keyed by its number), on its first day if the job
  runs then;
- supervisor: from the escalation day on, once per assignment and due date.
A due date that changes (a requirement edit) starts its schedule afresh: the due date is part of
every key.
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from courses.certificates.services import site_url
from courses.compliance.audit import audit_record
from courses.compliance.models import (
    COMPLETED_STATUSES,
    Assignment,
    AssignmentStatus,
    AuditAction,
    ReminderKind,
    ReminderLog,
    Requirement,
)
from courses.learning.models import CoursePage
from lms.users.models import Department, LiaisonScope, User
from lms.users.permissions import departments_for_user

logger = logging.getLogger(__name__)

KEY_LOOKUP_CHUNK = 2000
DIGEST_ROWS_MAX = 200
MANUAL_WINDOW = timedelta(hours=1)
_CLOSED_STATUSES = (*COMPLETED_STATUSES, AssignmentStatus.EXEMPT)


# --- what to send --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder to send: `recipient` is the employee, or their supervisor for SUPERVISOR."""

    key: str
    kind: str
    assignment: Assignment
    recipient: User
    sent_by: User | None = None

    @property
    def employee(self) -> User:
        return self.assignment.user

    @property
    def requirement(self) -> Requirement:
        return self.assignment.requirement

    @property
    def due_on(self) -> date:
        return self.assignment.due_on


@dataclass(frozen=True)
class DigestRow:
    employee: User
    requirement: Requirement
    due_on: date


@dataclass(frozen=True)
class PlannedDigest:
    """One liaison's weekly email about one department's overdue people."""

    key: str
    liaison: User
    department: Department
    rows: list[DigestRow]

    kind = ReminderKind.LIAISON_DIGEST

    @property
    def people_count(self) -> int:
        return len({row.employee.pk for row in self.rows})


def _open_assignments():
    """Current assignments still to do, of active people, under requirements in force:
    everything a reminder may be about."""
    return Assignment.objects.filter(
        is_current=True,
        requirement__is_active=True,
        requirement__course__live=True,
        user__is_active=True,
    ).exclude(status__in=_CLOSED_STATUSES)


def _thresholds(requirement: Requirement, cache: dict[int, list[int]]) -> list[int]:
    if requirement.pk not in cache:
        try:
            cache[requirement.pk] = requirement.reminder_days()
        except ValueError:
            logger.warning("requirement %s has a garbled reminder schedule", requirement.pk)
            cache[requirement.pk] = []
    return cache[requirement.pk]


def _can_receive(person: User | None) -> bool:
    return person is not None and person.is_active and bool(person.email)


def _plan_one(assignment: Assignment, *, as_of: date, thresholds: list[int]):
    requirement = assignment.requirement
    due_on = assignment.due_on.isoformat()
    days_left = (assignment.due_on - as_of).days
    if days_left >= 0:
        # The nearest threshold at or above the days left (see the module's catch-up note).
        reached = [day for day in thresholds if day >= days_left]
        if reached:
            threshold = min(reached)
            yield PlannedReminder(
                key=f"due_soon:{assignment.pk}:{due_on}:{threshold}",
                kind=ReminderKind.DUE_SOON,
                assignment=assignment,
                recipient=assignment.user,
            )
        return
    days_late = -days_left
    every = requirement.overdue_reminder_every_days
    if every and days_late >= every:
        yield PlannedReminder(
            key=f"overdue:{assignment.pk}:{due_on}:{days_late // every}",
            kind=ReminderKind.OVERDUE,
            assignment=assignment,
            recipient=assignment.user,
        )
    after = requirement.escalate_to_supervisor_after_days
    supervisor = assignment.user.supervisor
    if (
        after is not None
        and days_late >= max(after, 1)
        and _can_receive(supervisor)
        and supervisor.pk != assignment.user_id
    ):
        yield PlannedReminder(
            key=f"supervisor:{assignment.pk}:{due_on}",
            kind=ReminderKind.SUPERVISOR,
            assignment=assignment,
            recipient=supervisor,
        )


def _taken_keys(keys: Iterable[str]) -> set[str]:
    """The keys already claimed (sent, or being sent) and not marked failed.

    One query per KEY_LOOKUP_CHUNK keys."""
    keys = list(keys)
    taken: set[str] = set()
    for start in range(0, len(keys), KEY_LOOKUP_CHUNK):
        taken.update(
            ReminderLog.objects.filter(
                key__in=keys[start : start + KEY_LOOKUP_CHUNK], error=""
            ).values_list("key", flat=True)
        )
    return taken


def reminders_plan(*, as_of: date) -> list[PlannedReminder]:
    """The reminders to send on `as_of` that nobody has sent (or is sending) yet.

    Due soon and overdue reminders go to the employee; a supervisor escalation to their active
    supervisor. Nobody completed, exempt, inactive, without email, or out of the audience (no
    current assignment) is reminded. Ordered by assignment. Three queries (one more per 2,000
    reminders due), whatever the number of people.
    """
    cache: dict[int, list[int]] = {}
    # Nothing due further ahead than the longest schedule can need a reminder today.
    horizon = max(
        (max(_thresholds(r, cache), default=0) for r in Requirement.objects.filter(is_active=True)),
        default=0,
    )
    assignments = (
        _open_assignments()
        .exclude(user__email="")
        .filter(due_on__lte=as_of + timedelta(days=horizon))
        .select_related("user", "user__supervisor", "requirement", "requirement__course")
        .order_by("pk")
    )
    candidates = [
        planned
        for assignment in assignments.iterator(chunk_size=2000)
        for planned in _plan_one(
            assignment, as_of=as_of, thresholds=_thresholds(assignment.requirement, cache)
        )
    ]
    taken = _taken_keys(planned.key for planned in candidates)
    return [planned for planned in candidates if planned.key not in taken]


def liaison_digests_plan(*, as_of: date) -> list[PlannedDigest]:
    """This ISO week's digests not yet sent: one per liaison and department with overdue people
    (due before `as_of`, not completed or exempt). Three queries."""
    year, week, _weekday = as_of.isocalendar()
    scopes = list(
        LiaisonScope.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "department")
        .order_by("department__code", "user_id")
    )
    rows: dict[int, list[DigestRow]] = {}
    overdue = (
        _open_assignments()
        .filter(due_on__lt=as_of, department_id__in={scope.department_id for scope in scopes})
        .select_related("user", "requirement")
        .order_by("due_on", "user__last_name", "user__first_name", "user_id", "requirement__name")
    )
    for assignment in overdue:
        rows.setdefault(assignment.department_id, []).append(
            DigestRow(
                employee=assignment.user,
                requirement=assignment.requirement,
                due_on=assignment.due_on,
            )
        )
    candidates = [
        PlannedDigest(
            key=f"digest:{scope.user_id}:{scope.department_id}:{year}-W{week:02d}",
            liaison=scope.user,
            department=scope.department,
            rows=rows[scope.department_id],
        )
        for scope in scopes
        if rows.get(scope.department_id)
    ]
    taken = _taken_keys(digest.key for digest in candidates)
    return [digest for digest in candidates if digest.key not in taken]


# --- claiming and sending ------------------------------------------------------------------------


def _claim(
    *,
    key: str,
    kind: str,
    recipient: User,
    assignment: Assignment | None = None,
    department: Department | None = None,
    sent_by: User | None = None,
) -> ReminderLog | None:
    """Claims `key` for this sender: the new log row, or None when another sender has it.

    A claim marked failed (its send raised) may be claimed again; the conditional update lets
    exactly one of several retries have it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(
                key=key,
                kind=kind,
                assignment=assignment,
                department_id=department.pk if department else _department_id(assignment),
                recipient=recipient,
                sent_by=sent_by,
                claimed_at=now,
            )
    except IntegrityError:
        pass
    with transaction.atomic():
        retaken = (
            ReminderLog.objects.filter(key=key, sent_at__isnull=True)
            .exclude(error="")
            .update(error="", claimed_at=now, sent_by=sent_by)
        )
    return ReminderLog.objects.get(key=key) if retaken else None


def _department_id(assignment: Assignment | None) -> int | None:
    return assignment.department_id if assignment is not None else None


def _send_claimed(claim: ReminderLog, build: Callable[[], tuple[str, str, str]]) -> None:
    """Builds and sends the email of a claim, then records it sent. If anything raises, the claim
    is marked failed (with the error's type only: SMTP errors can hold addresses) and the
    error propagates."""
    try:
        subject, body, address = build()
        send_mail(subject, body, None, [address])
    except Exception as error:
        ReminderLog.objects.filter(pk=claim.pk, sent_at__isnull=True).update(
            error=type(error).__name__[:300] or "error"
        )
        logger.warning(
            "reminder %s to user %s failed: %s", claim.key, claim.recipient_id, type(error).__name__
        )
        raise
    claim.sent_at = timezone.now()
    ReminderLog.objects.filter(pk=claim.pk).update(sent_at=claim.sent_at)


def _language(person: User) -> str:
    return "es" if (person.preferred_language or "").lower().startswith("es") else "en"


def _course_link(course: CoursePage) -> str:
    """The absolute URL of the course page, in the active language when it is translated."""
    page = course.localized
    parts = page.get_url_parts()
    path = parts[2] if parts and parts[2] else reverse("courses:my_learning")
    return site_url() + path


def _reminder_email(planned: PlannedReminder, *, as_of: date) -> tuple[str, str, str]:
    recipient = planned.recipient
    days_left = (planned.due_on - as_of).days
    with translation.override(_language(recipient)):
        context = {
            "recipient": recipient,
            "employee": planned.employee,
            "requirement": planned.requirement,
            "course": planned.requirement.course.localized,
            "due_on": planned.due_on,
            "days_left": max(days_left, 0),
            "days_late": max(-days_left, 0),
            "is_overdue": days_left < 0,
            "is_manual": planned.kind == ReminderKind.MANUAL,
            "link": _course_link(planned.requirement.course),
        }
        name = "supervisor" if planned.kind == ReminderKind.SUPERVISOR else "reminder"
        subject = render_to_string(f"courses/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"courses/email/{name}_body.txt", context)
    return " ".join(subject.split()), body, recipient.email


def reminder_send(*, planned: PlannedReminder, as_of: date) -> bool:
    """Sends one planned reminder unless another sender already has it.

    Claims `planned.key` first (committed at once, so other workers see it), then emails the
    recipient in their preferred language, naming the course, the due date and a direct link.
    Returns True when this call sent it, False when the key was already claimed. If sending
    raises, the claim is marked failed so a later run can send it, and the error propagates.
    Call it outside any transaction.
    """
    claim = _claim(
        key=planned.key,
        kind=planned.kind,
        recipient=planned.recipient,
        assignment=planned.assignment,
        sent_by=planned.sent_by,
    )
    if claim is None:
        return False
    _send_claimed(claim, lambda: _reminder_email(planned, as_of=as_of))
    return True


@dataclass
class ReminderReport:
    """What a run sent. `already` were claimed by another worker between planning and sending;
    `failed` raised while sending and will be tried again by the next run."""

    as_of: date
    dry_run: bool = False
    planned: list = field(default_factory=list)
    sent: int = 0
    already: int = 0
    failed: int = 0
    by_kind: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        verb = "would send" if self.dry_run else "sent"
        lines = [f"as of {self.as_of.isoformat()}: planned {len(self.planned)}"]
        if self.dry_run:
            lines.append(f"{verb}: {len(self.planned)}")
        else:
            lines += [
                f"{verb}: {self.sent}",
                f"already sent by another worker: {self.already}",
                f"failed (will be retried): {self.failed}",
            ]
        lines += [f"  {kind}: {count}" for kind, count in sorted(self.by_kind.items())]
        return lines


def _send_all(
    planned: list,
    send: Callable[[object], bool],
    report: ReminderReport,
    progress: Callable[[str], None] | None,
) -> ReminderReport:
    for index, item in enumerate(planned, start=1):
        try:
            if send(item):
                report.sent += 1
                report.by_kind[item.kind] += 1
            else:
                report.already += 1
        except Exception as error:
            # One bad address must not stop everyone else's reminders; the claim is marked
            # failed, so the task's retry (or tomorrow's run) sends it.
            logger.warning("reminder %s not sent: %s", item.key, type(error).__name__)
            report.failed += 1
        if progress and (index % 100 == 0 or index == len(planned)):
            progress(f"reminders: {index}/{len(planned)}")
    return report


def reminders_send(
    *, as_of: date, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> ReminderReport:
    """Sends every reminder planned for `as_of` (see `reminders_plan`), each at most once.

    With `dry_run`, returns the plan in `report.planned` and sends and writes nothing. Safe to
    run again, and on several workers at once: each reminder is claimed before it is sent. A
    reminder whose send raised is counted in `report.failed` and left for the next run.
    Call it outside any transaction.
    """
    planned = reminders_plan(as_of=as_of)
    report = ReminderReport(as_of=as_of, dry_run=dry_run, planned=planned)
    if dry_run:
        report.by_kind.update(item.kind for item in planned)
        return report
    return _send_all(
        planned, lambda item: reminder_send(planned=item, as_of=as_of), report, progress
    )


# --- the liaison's weekly digest -----------------------------------------------------------------


def _digest_email(digest: PlannedDigest) -> tuple[str, str, str]:
    liaison = digest.liaison
    with translation.override(_language(liaison)):
        link = (
            site_url()
            + reverse("workbench:liaison_department", args=[digest.department.code])
            + "?status=overdue"
        )
        context = {
            "recipient": liaison,
            "department": digest.department,
            "people_count": digest.people_count,
            "rows": digest.rows[:DIGEST_ROWS_MAX],
            "more": max(len(digest.rows) - DIGEST_ROWS_MAX, 0),
            "link": link,
        }
        subject = render_to_string("courses/email/liaison_digest_subject.txt", context).strip()
        body = render_to_string("courses/email/liaison_digest_body.txt", context)
    return " ".join(subject.split()), body, liaison.email


def liaison_digest_send(*, digest: PlannedDigest) -> bool:
    """Sends one planned digest unless another sender already has it (see `reminder_send`)."""
    claim = _claim(
        key=digest.key,
        kind=ReminderKind.LIAISON_DIGEST,
        recipient=digest.liaison,
        department=digest.department,
    )
    if claim is None:
        return False
    _send_claimed(claim, lambda: _digest_email(digest))
    return True


def liaison_digests_send(
    *, as_of: date, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> ReminderReport:
    """Emails each liaison, once per ISO week and department, the department's overdue people:
    how many, and for each their employee id, name, requirement and due date, with a link to
    the department's overdue list. With `dry_run`, plans only. Safe to repeat and to run on
    several workers at once. Call it outside any transaction.
    """
    planned = liaison_digests_plan(as_of=as_of)
    report = ReminderReport(as_of=as_of, dry_run=dry_run, planned=planned)
    if dry_run:
        report.by_kind[ReminderKind.LIAISON_DIGEST] += len(planned)
        return report
    return _send_all(planned, lambda item: liaison_digest_send(digest=item), report, progress)


# --- claims whose sender died before sending ---------------------------------------------------

RELEASED = "released"


def stuck_after() -> timedelta:
    return timedelta(minutes=settings.REMINDER_STUCK_AFTER_MINUTES)


def reminder_claims_stuck(*, now: datetime, older_than: timedelta | None = None):
    """Claims that were never sent and never failed, claimed more than `older_than` (at least,
    and by default, REMINDER_STUCK_AFTER_MINUTES) before `now`: their sender died between
    claiming and sending. Oldest first; one query."""
    older_than = max(older_than or stuck_after(), stuck_after())
    return (
        ReminderLog.objects.filter(sent_at__isnull=True, error="", claimed_at__lt=now - older_than)
        .select_related("recipient", "department", "assignment__requirement")
        .order_by("claimed_at", "pk")
    )


@dataclass
class ReleaseReport:
    """What `reminders_release` did: the claims released (or, in a dry run, that would be),
    and the ids refused with the reason."""

    dry_run: bool = False
    released: list[ReminderLog] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def reminders_release(
    *,
    now: datetime,
    ids: Iterable[int] | None = None,
    older_than: timedelta | None = None,
    dry_run: bool = False,
) -> ReleaseReport:
    """Releases stuck claims (see `reminder_claims_stuck`) so that the next send that plans
    them claims them again and sends each once: the ones in `ids`, or every one older than
    `older_than`. A claim that is not stuck (sent, failed, released already, or claimed too
    recently: its sender may still be sending) is refused with the reason and left alone.

    Raises ValidationError, changing nothing, when neither or both of `ids` and `older_than`
    are given, or `older_than` is shorter than REMINDER_STUCK_AFTER_MINUTES. Only the
    operator knows whether a stuck email left (the mail server's log): release only those
    that did not, or the person may get it twice.
    """
    if (ids is None) == (older_than is None):
        raise ValidationError(
            _("Give the ids of the claims to release, or an age, not both."), code="choose"
        )
    if older_than is not None and older_than < stuck_after():
        raise ValidationError(
            _(
                "A claim younger than %(minutes)d minutes may still be being sent: give an age "
                "of at least %(minutes)d minutes."
            )
            % {"minutes": settings.REMINDER_STUCK_AFTER_MINUTES},
            code="too_recent",
        )
    stuck = reminder_claims_stuck(now=now, older_than=older_than)
    report = ReleaseReport(dry_run=dry_run)
    if ids is not None:
        wanted = sorted(set(ids))
        found = {claim.pk: claim for claim in stuck.filter(pk__in=wanted)}
        known = {
            row["pk"]: row
            for row in ReminderLog.objects.filter(pk__in=set(wanted) - set(found)).values(
                "pk", "sent_at", "error"
            )
        }
        for pk in wanted:
            if pk in found:
                report.released.append(found[pk])
            else:
                report.refused.append((pk, _not_stuck_reason(known.get(pk))))
    else:
        report.released = list(stuck)
    if dry_run or not report.released:
        return report
    cutoff = now - max(older_than or stuck_after(), stuck_after())
    with transaction.atomic():
        for claim in report.released:
            # Still stuck at this instant: a sender that finished meanwhile keeps its claim.
            changed = ReminderLog.objects.filter(
                pk=claim.pk, sent_at__isnull=True, error="", claimed_at__lt=cutoff
            ).update(error=RELEASED, released_at=now)
            if not changed:
                report.refused.append((claim.pk, str(_("sent or changed meanwhile"))))
        refused = {pk for pk, _reason in report.refused}
        report.released = [claim for claim in report.released if claim.pk not in refused]
    for claim in report.released:
        logger.info("reminder claim %s (%s) released for sending", claim.pk, claim.key)
    return report


def _not_stuck_reason(row: dict | None) -> str:
    if row is None:
        return str(_("no such reminder"))
    if row["sent_at"] is not None:
        return str(_("already sent"))
    if row["error"] == RELEASED:
        return str(_("already released"))
    if row["error"]:
        return str(_("failed, and will be tried again without being released"))
    return str(_("claimed too recently: its sender may still be sending it"))


def reminders_send_released(*, keys: Iterable[str], as_of: date) -> ReminderReport:
    """Sends now the released claims among `keys` that are still due on `as_of` (planned
    today: the person has not completed meanwhile, and no later reminder replaced it), each at
    most once. The others stay released and are not sent. Call it outside any transaction."""
    keys = set(keys)
    planned = [item for item in reminders_plan(as_of=as_of) if item.key in keys]
    planned += [item for item in liaison_digests_plan(as_of=as_of) if item.key in keys]
    report = ReminderReport(as_of=as_of, planned=planned)

    def send(item) -> bool:
        if item.kind == ReminderKind.LIAISON_DIGEST:
            return liaison_digest_send(digest=item)
        return reminder_send(planned=item, as_of=as_of)

    return _send_all(planned, send, report, None)


# --- reminders sent now by a liaison -------------------------------------------------------------


class SkipReason(models.TextChoices):
    INACTIVE = "inactive", gettext_lazy("no longer active or without an email address")
    NOT_ASSIGNED = "not_assigned", gettext_lazy("not assigned this requirement")
    COMPLETED = "completed", gettext_lazy("already completed")
    EXEMPT = "exempt", gettext_lazy("exempt")
    REMINDED_TODAY = "reminded_today", gettext_lazy("already reminded today")
    SEND_FAILED = "send_failed", gettext_lazy("could not be sent; try again later")


@dataclass
class ManualReminderResult:
    """Who was reminded, and who was not and why (`skipped`: (employee, reason) pairs)."""

    sent: list[User] = field(default_factory=list)
    skipped: list[tuple[User, SkipReason]] = field(default_factory=list)

    def skipped_by_reason(self) -> Counter:
        return Counter(reason for _person, reason in self.skipped)


def _manual_skip_reason(person: User, assignment: Assignment | None) -> SkipReason | None:
    if not _can_receive(person):
        return SkipReason.INACTIVE
    if assignment is None:
        return SkipReason.NOT_ASSIGNED
    if assignment.status in COMPLETED_STATUSES:
        return SkipReason.COMPLETED
    if assignment.status == AssignmentStatus.EXEMPT:
        return SkipReason.EXEMPT
    return None


def manual_reminders_remaining(*, actor: User, now=None) -> int:
    """How many more reminders `actor` may send by hand in the rolling hour. One query; counted
    in the database, so every process sees the same number."""
    now = now or timezone.now()
    used = (
        ReminderLog.objects.filter(
            kind=ReminderKind.MANUAL, sent_by=actor, claimed_at__gte=now - MANUAL_WINDOW
        )
        .filter(error="")
        .count()
    )
    return max(settings.REMINDER_MANUAL_LIMIT_PER_HOUR - used, 0)


def reminders_send_now(
    *,
    actor: User,
    department: Department,
    requirement: Requirement,
    user_ids: Iterable[int],
    as_of: date,
) -> ManualReminderResult:
    """Reminds the selected people of `department` of `requirement` now, on behalf of `actor`
    (a liaison of the department, or ORE).

    Each person with a current assignment that is neither completed nor exempt gets one email
    (once a day per requirement: a repeat is skipped as "already reminded today"); everyone
    else is skipped with the reason. Each reminder sent is written to the audit log.

    Raises PermissionDenied if `actor` may not see `department`; ValidationError (and sends
    nothing) when no one is selected, when the requirement is not in force for the department,
    when someone selected is not in the department, or when the reminders would exceed the
    actor's REMINDER_MANUAL_LIMIT_PER_HOUR. Call it outside any transaction.
    """
    if not departments_for_user(actor).filter(pk=department.pk).exists():
        raise PermissionDenied
    ids = sorted(set(user_ids))
    if not ids:
        raise ValidationError(_("Select at least one person to remind."), code="empty")
    in_force = (
        requirement.is_active
        and Assignment.objects.filter(
            requirement=requirement, department=department, is_current=True
        ).exists()
    )
    if not in_force:
        raise ValidationError(
            _("That requirement is not in force for this department; nothing was sent."),
            code="requirement",
        )
    people = {
        person.pk: person for person in User.objects.filter(pk__in=ids, department=department)
    }
    outside = len(ids) - len(people)
    if outside:
        raise ValidationError(
            ngettext(
                "%(count)d of the people selected is not in this department; nothing was sent.",
                "%(count)d of the people selected are not in this department; nothing was sent.",
                outside,
            )
            % {"count": outside},
            code="department",
        )
    assignments = {
        assignment.user_id: assignment
        for assignment in Assignment.objects.filter(
            requirement=requirement, user_id__in=ids, is_current=True
        ).select_related("user", "requirement", "requirement__course", "department")
    }

    result = ManualReminderResult()
    candidates: list[PlannedReminder] = []
    for pk in ids:
        person, assignment = people[pk], assignments.get(pk)
        reason = _manual_skip_reason(person, assignment)
        if reason is not None:
            result.skipped.append((person, reason))
            continue
        candidates.append(
            PlannedReminder(
                key=f"manual:{assignment.pk}:{as_of.isoformat()}",
                kind=ReminderKind.MANUAL,
                assignment=assignment,
                recipient=assignment.user,
                sent_by=actor,
            )
        )
    claimed: list[tuple[PlannedReminder, ReminderLog]] = []
    with transaction.atomic():
        # One actor's requests take turns from here, so two at once cannot both pass the limit,
        # and the second sees the first one's reminders as already sent today.
        list(User.objects.select_for_update().filter(pk=actor.pk).values_list("pk"))
        taken = _taken_keys(planned.key for planned in candidates)
        result.skipped += [
            (p.employee, SkipReason.REMINDED_TODAY) for p in candidates if p.key in taken
        ]
        candidates = [planned for planned in candidates if planned.key not in taken]
        remaining = manual_reminders_remaining(actor=actor)
        if len(candidates) > remaining:
            raise ValidationError(
                ngettext(
                    "You can send %(remaining)d more reminder this hour, and %(count)d were "
                    "selected; nothing was sent. Try again later or select fewer people.",
                    "You can send %(remaining)d more reminders this hour, and %(count)d were "
                    "selected; nothing was sent. Try again later or select fewer people.",
                    remaining,
                )
                % {"remaining": remaining, "count": len(candidates)},
                code="rate_limit",
            )
        for planned in candidates:
            claim = _claim(
                key=planned.key,
                kind=planned.kind,
                recipient=planned.recipient,
                assignment=planned.assignment,
                department=department,
                sent_by=actor,
            )
            if claim is None:
                result.skipped.append((planned.employee, SkipReason.REMINDED_TODAY))
            else:
                claimed.append((planned, claim))

    for planned, claim in claimed:
        try:
            _send_claimed(claim, lambda planned=planned: _reminder_email(planned, as_of=as_of))
        except Exception:
            result.skipped.append((planned.employee, SkipReason.SEND_FAILED))
            continue
        audit_record(
            actor=actor,
            action=AuditAction.REMINDER_SENT,
            employee=planned.employee,
            requirement=requirement,
            department=department,
            after={
                "kind": ReminderKind.MANUAL.value,
                "reminder": claim.pk,
                "assignment": planned.assignment.pk,
                "status": planned.assignment.status,
                "due_on": planned.due_on.isoformat(),
            },
        )
        result.sent.append(planned.employee)
    return result


__all__ = [
    "ManualReminderResult",
    "PlannedDigest",
    "PlannedReminder",
    "ReleaseReport",
    "ReminderReport",
    "SkipReason",
    "liaison_digest_send",
    "liaison_digests_plan",
    "liaison_digests_send",
    "manual_reminders_remaining",
    "reminder_claims_stuck",
    "reminder_send",
    "reminders_plan",
    "reminders_release",
    "reminders_send",
    "reminders_send_now",
    "reminders_send_released",
]
