"""The compliance engine's writes: keep every employee's assignments true.

`assignments_refresh` recomputes the assignments of some people (or everyone) under some
requirements (or all) with the pure rule in `courses.compliance`, and stores only what differs.
Changes mark people or requirements stale (`assignments_mark_stale`); a Celery task refreshes
what is marked (`assignments_refresh_stale`), and a nightly reconciliation refreshes everything
and reports what it changed. Every function here is idempotent and safe to run twice at once:
rows are upserted on (requirement, user, cycle).
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from courses.compliance import rule as compliance
from courses.compliance.models import Assignment, Exemption, Requirement, StaleMark
from courses.compliance.summary import SummaryTouches, summary_recount
from courses.freshness import compliance_version_bump
from courses.learning.models import CourseCompletion, LessonProgress
from courses.signals import assignments_changed
from lms.queueing import delay_coalesced
from lms.users.models import Department, JobClass, LiaisonScope, User

logger = logging.getLogger(__name__)

CHUNK = 5000
_STORED_FIELDS = [
    "department",
    "opened_on",
    "due_on",
    "status",
    "last_activity_at",
    "completion",
    "completed_at",
    "valid_until",
    "exemption",
    "left_audience_on",
    "is_current",
    "computed_at",
]


@dataclass
class RefreshReport:
    """What a refresh changed. `transitions` counts status changes as "before → after"."""

    people: int = 0
    requirements: int = 0
    opened: int = 0
    updated: int = 0
    closed: int = 0
    unchanged: int = 0
    # (department, requirement) summaries the reconciliation found wrong and recounted
    summary_corrected: int = 0
    transitions: Counter = field(default_factory=Counter)
    # requirement id -> the earliest day whose figures the changes may move (for analytics)
    touched: dict[int, date] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.opened + self.updated + self.closed

    def lines(self) -> list[str]:
        lines = [
            f"people checked: {self.people}",
            f"requirements checked: {self.requirements}",
            f"assignments opened: {self.opened}",
            f"assignments updated: {self.updated}",
            f"assignments closed (left the audience): {self.closed}",
            f"assignments unchanged: {self.unchanged}",
            f"department summaries corrected: {self.summary_corrected}",
        ]
        lines += [f"  {key}: {count}" for key, count in sorted(self.transitions.items())]
        return lines

    def merge(self, other: "RefreshReport") -> None:
        self.opened += other.opened
        self.updated += other.updated
        self.closed += other.closed
        self.unchanged += other.unchanged
        self.transitions.update(other.transitions)
        for requirement_id, day in other.touched.items():
            self.touch(requirement_id, day)

    def touch(self, requirement_id: int, day: date) -> None:
        known = self.touched.get(requirement_id)
        self.touched[requirement_id] = day if known is None else min(known, day)


@dataclass(frozen=True)
class _RequirementFacts:
    requirement: Requirement
    audience: compliance.Audience
    rule: compliance.Rule


# The audience's sets, one query each for all the requirements (ids are all the rule needs).
_AUDIENCE_PREFETCH = (
    Prefetch("departments", queryset=Department.objects.order_by().only("pk")),
    Prefetch("job_classes", queryset=JobClass.objects.order_by().only("pk")),
    Prefetch("excluded_employees", queryset=User.objects.order_by().only("pk")),
)


def requirement_facts(requirement: Requirement) -> _RequirementFacts:
    """The requirement as the pure rule sees it. Three queries (the m2m sets), none when they
    were prefetched (`_AUDIENCE_PREFETCH`)."""
    since = requirement.course.retake_required_since
    return _RequirementFacts(
        requirement=requirement,
        audience=compliance.Audience(
            department_ids=frozenset(d.pk for d in requirement.departments.all()),
            job_class_ids=frozenset(j.pk for j in requirement.job_classes.all()),
            hired_on_or_after=requirement.hired_on_or_after,
            is_for_liaisons=requirement.is_for_liaisons,
            is_for_supervisors=requirement.is_for_supervisors,
            excluded_ids=frozenset(u.pk for u in requirement.excluded_employees.all()),
        ),
        rule=compliance.Rule(
            effective_on=requirement.effective_on,
            due_on=requirement.due_on,
            due_days_after_entry=requirement.due_days_after_entry,
            recurrence_months=requirement.recurrence_months,
            renewal_window_days=requirement.renewal_window_days,
            retake_required_at=since,
            retake_required_on=timezone.localdate(since) if since else None,
        ),
    )


def assignments_refresh(
    *,
    as_of: date,
    user_ids: Iterable[int] | None = None,
    requirement_ids: Iterable[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> RefreshReport:
    """Recompute and store the assignments of `user_ids` (None: everyone with an account or an
    assignment) under `requirement_ids` (None: every requirement).

    Requirements no longer in force lose their current assignments (kept, not counted). People
    who left an audience keep their assignments, closed on `as_of`. Returns what changed.
    """
    requirements = list(
        Requirement.objects.select_related("course")
        .prefetch_related(*_AUDIENCE_PREFETCH)
        .filter(**({"pk__in": list(requirement_ids)} if requirement_ids is not None else {}))
    )
    report = RefreshReport(requirements=len(requirements))
    live = [requirement_facts(r) for r in requirements if r.is_active and r.course.live]
    retired = [r.pk for r in requirements if not (r.is_active and r.course.live)]
    if retired:
        compliance_version_bump()
        with transaction.atomic():
            report.closed += Assignment.objects.filter(
                requirement_id__in=retired, is_current=True
            ).update(is_current=False, computed_at=timezone.now())
            summary_recount(requirement_ids=retired)

    if user_ids is None:
        people = User.objects.filter(
            Q(is_active=True)
            | Q(
                assignments__is_current=True,
                assignments__requirement_id__in=[f.requirement.pk for f in live],
            )
        ).distinct()
        pks = sorted(people.values_list("pk", flat=True))
    else:
        pks = sorted(set(user_ids))
    report.people = len(pks)
    if not live or not pks:
        return report
    # Who among them is a liaison or a supervisor: a refresh of a few people (a lesson marked
    # done) asks about those few, not the whole city; of more than a chunk (a roster import),
    # about everyone, without a list of ids longer than a query may carry.
    scopes = LiaisonScope.objects.all()
    staff = User.objects.filter(is_active=True, supervisor__isnull=False)
    if len(pks) <= CHUNK and user_ids is not None:
        scopes, staff = scopes.filter(user_id__in=pks), staff.filter(supervisor_id__in=pks)
    liaisons = set(scopes.order_by().values_list("user_id", flat=True).distinct())
    supervisors = set(staff.order_by().values_list("supervisor_id", flat=True).distinct())
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        with transaction.atomic():
            report.merge(
                _refresh_chunk(chunk, live, as_of=as_of, liaisons=liaisons, supervisors=supervisors)
            )
        if progress:
            progress(f"assignments: {min(start + CHUNK, len(pks))}/{len(pks)} people")
    return report


def _refresh_chunk(
    pks: list[int],
    requirements: list[_RequirementFacts],
    *,
    as_of: date,
    liaisons: set[int],
    supervisors: set[int],
) -> RefreshReport:
    report = RefreshReport()
    now = timezone.now()
    people = {
        row["pk"]: compliance.Person(
            **row, is_liaison=row["pk"] in liaisons, is_supervisor=row["pk"] in supervisors
        )
        for row in User.objects.filter(pk__in=pks).values(
            "pk",
            "is_active",
            "department_id",
            "job_class_id",
            "hired_on",
            "department_since",
            "job_class_since",
        )
    }
    course_ids = {facts.requirement.course_id for facts in requirements}
    completions: dict[tuple[int, int], list[compliance.Completion]] = {}
    for pk, user_id, course_id, completed_at in CourseCompletion.objects.filter(
        user_id__in=pks, course_id__in=course_ids
    ).values_list("pk", "user_id", "course_id", "completed_at"):
        completions.setdefault((user_id, course_id), []).append(
            compliance.Completion(pk=pk, at=completed_at, on=timezone.localdate(completed_at))
        )
    activity = {
        (row["user_id"], row["course_id"]): row["latest"]
        for row in LessonProgress.objects.filter(user_id__in=pks, course_id__in=course_ids)
        .values("user_id", "course_id")
        .annotate(latest=Max("completed_at"))
    }
    requirement_ids = [facts.requirement.pk for facts in requirements]
    exemptions = {
        (user_id, requirement_id): compliance.ExemptionFact(pk=pk, until_on=until_on)
        for pk, user_id, requirement_id, until_on in Exemption.objects.filter(
            user_id__in=pks, requirement_id__in=requirement_ids, revoked_at__isnull=True
        ).values_list("pk", "user_id", "requirement_id", "until_on")
    }
    stored: dict[tuple[int, int], dict[int, _Wanted]] = {}
    for values in Assignment.objects.filter(
        user_id__in=pks, requirement_id__in=requirement_ids
    ).values(*_Wanted.__slots__):
        assignment = _Wanted(**values)
        stored.setdefault((assignment.requirement_id, assignment.user_id), {})[assignment.cycle] = (
            assignment
        )

    writes: list[Assignment] = []
    touches = SummaryTouches()
    for facts in requirements:
        requirement = facts.requirement
        for pk in pks:
            person = people.get(pk)
            existing = stored.get((requirement.pk, pk), {})
            if person is not None and compliance.in_audience(facts.audience, person):
                cycles = compliance.assignment_cycles(
                    rule=facts.rule,
                    entered_on=compliance.entered_on(facts.audience, person),
                    completions=completions.get((pk, requirement.course_id), ()),
                    last_activity_at=activity.get((pk, requirement.course_id)),
                    exemption=exemptions.get((pk, requirement.pk)),
                    as_of=as_of,
                )
                wanted = [
                    _row(requirement, person, cycle, is_current=cycle is cycles[-1], now=now)
                    for cycle in cycles
                ]
            else:
                wanted = _closed(existing, as_of=as_of, now=now)
            for row in wanted:
                before = existing.get(row.cycle)
                touches.write(before, row)
                _touch(report, before, row)
                if before is None:
                    report.opened += 1
                    report.transitions[f"new → {row.status}"] += 1
                    writes.append(row.as_assignment())
                elif _differs(before, row):
                    if before.is_current and not row.is_current and row.left_audience_on:
                        report.closed += 1
                    else:
                        report.updated += 1
                    if before.status != row.status:
                        report.transitions[f"{before.status} → {row.status}"] += 1
                    writes.append(row.as_assignment())
                else:
                    report.unchanged += 1
            # Cycles that no longer exist (a completion withdrawn, a requirement moved later)
            # stay as history but stop counting.
            wanted_cycles = {row.cycle for row in wanted}
            for cycle, before in existing.items():
                if cycle not in wanted_cycles and before.is_current:
                    touches.write(before, None)
                    # Withdrawn: it stops counting from the day it opened.
                    report.touch(before.requirement_id, _earliest_day(before))
                    before.is_current = False
                    before.computed_at = now
                    writes.append(before.as_assignment())
                    report.closed += 1
    if writes:
        compliance_version_bump()
        Assignment.objects.bulk_create(
            writes,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["requirement", "user", "cycle"],
            update_fields=_STORED_FIELDS,
        )
        # The department summaries these rows move, recounted in this transaction.
        touches.recount()
    return report


@dataclass(slots=True)
class _Wanted:
    """A cycle's row as stored or as the engine works it out, with the model's attribute names:
    the two are compared as these, and made a model instance only when written (most of a
    batch is unchanged, and a model instance costs ten times as much to make or read)."""

    requirement_id: int
    user_id: int
    cycle: int
    department_id: int | None
    opened_on: date
    due_on: date
    status: str
    last_activity_at: object
    completion_id: int | None
    completed_at: object
    valid_until: date | None
    exemption_id: int | None
    left_audience_on: date | None
    is_current: bool
    computed_at: object

    def as_assignment(self) -> Assignment:
        return Assignment(**{name: getattr(self, name) for name in self.__slots__})


def _row(
    requirement: Requirement,
    person: compliance.Person,
    cycle: compliance.Cycle,
    *,
    is_current: bool,
    now,
) -> _Wanted:
    return _Wanted(
        requirement_id=requirement.pk,
        user_id=person.pk,
        cycle=cycle.cycle,
        department_id=person.department_id,
        opened_on=cycle.opened_on,
        due_on=cycle.due_on,
        status=cycle.status,
        last_activity_at=cycle.last_activity_at,
        completion_id=cycle.completion_id,
        completed_at=cycle.completed_at,
        valid_until=cycle.valid_until,
        exemption_id=cycle.exemption_id,
        left_audience_on=None,
        is_current=is_current,
        computed_at=now,
    )


def _closed(existing: dict[int, _Wanted], *, as_of: date, now) -> list[_Wanted]:
    """The person is out of the audience: their current cycle closes, the rest stay as they are."""
    return [
        replace(assignment, is_current=False, left_audience_on=as_of, computed_at=now)
        if assignment.is_current
        else assignment
        for assignment in existing.values()
    ]


# What analytics reads of a cycle (`analytics.pipeline.extract.cycles_frame`), besides the
# completion's day; the status, last activity and validity it works out for itself.
_ANALYTICS_FIELDS = (
    "department_id",
    "opened_on",
    "due_on",
    "left_audience_on",
    "is_current",
    "exemption_id",
)
_COMPARED = tuple(
    Assignment._meta.get_field(name).attname for name in _STORED_FIELDS if name != "computed_at"
)


def _completed_on(row: Assignment) -> date | None:
    return timezone.localdate(row.completed_at) if row.completed_at is not None else None


def _earliest_day(row: Assignment) -> date:
    """The first day on which this cycle's figures could differ: it opened then, or its
    completion (which may predate the cycle, and is counted on its own day) was dated then."""
    completed_on = _completed_on(row)
    return row.opened_on if completed_on is None else min(row.opened_on, completed_on)


def _touch(report: RefreshReport, before: Assignment | None, after: Assignment) -> None:
    """Notes in `report` the earliest day whose analytics figures writing `after` over
    `before` can move, if any.

    A new cycle counts from the day it opened (and ends the previous one then). A change of
    completion alone (the usual one: someone finishes today) moves the figures from the
    earlier of the two completion days only: a completion counts from its day on (completed,
    on time, no longer overdue) and in the median of its month. A change of status, activity
    or validity alone moves none (analytics works them out from the dates). Anything else may
    move the cycle's figures from the day it opened, before or after the change."""
    if before is None:
        report.touch(after.requirement_id, _earliest_day(after))
        return
    moved = any(getattr(before, name) != getattr(after, name) for name in _ANALYTICS_FIELDS)
    if moved:
        report.touch(after.requirement_id, min(_earliest_day(before), _earliest_day(after)))
    elif before.completed_at != after.completed_at:
        # (the days are worked out only when the moments differ: most rows of a batch do not)
        old_on, new_on = _completed_on(before), _completed_on(after)
        if old_on != new_on:
            days = (day for day in (old_on, new_on) if day is not None)
            report.touch(after.requirement_id, min(days))


def _differs(before: Assignment, after: Assignment) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in _COMPARED)


def assignments_mark_stale(
    *, user_ids: Iterable[int] = (), requirement_ids: Iterable[int] = ()
) -> None:
    """Notes that these people, or everyone under these requirements, need recomputing, and
    queues the refresh once the current transaction commits, unless one is queued or running
    (it covers them: lms.queueing.delay_coalesced)."""
    marks = [StaleMark(user_id=pk) for pk in set(user_ids)]
    marks += [StaleMark(requirement_id=pk) for pk in set(requirement_ids)]
    if not marks:
        return
    StaleMark.objects.bulk_create(marks, batch_size=2000)
    delay_coalesced("courses.tasks.assignments_refresh_stale_task")


def stale_marks_exist() -> bool:
    """Whether a change waits for a refresh."""
    return StaleMark.objects.exists()


def assignments_refresh_stale(*, as_of: date) -> RefreshReport:
    """Refreshes what is marked stale, then deletes exactly the marks it read, by id.

    A mark is written in the same transaction as the change it announces, so a mark this run
    read was committed with its change, which the refresh then sees. A mark it did not read
    stays for the next run, even one with a lower id: ids are handed out at insert, not at
    commit, so "every mark up to the last id read" would take a mark whose transaction was
    still open at the read and committed during the refresh, leaving that person's status stale
    until the nightly reconciliation. Two runs at once do the same work twice, harmlessly."""
    marks = list(StaleMark.objects.order_by("pk").values_list("pk", "user_id", "requirement_id"))
    if not marks:
        return RefreshReport()
    whole = {requirement_id for _pk, user_id, requirement_id in marks if user_id is None}
    people = {user_id for _pk, user_id, _r in marks if user_id is not None}
    report = RefreshReport()
    if whole:
        report.merge(assignments_refresh(as_of=as_of, requirement_ids=whole))
    if people:
        part = assignments_refresh(as_of=as_of, user_ids=people)
        report.merge(part)
        report.people = part.people
    _marks_delete(StaleMark, [pk for pk, _user_id, _requirement_id in marks])
    logger.info("compliance refresh: %s marks, %s assignments changed", len(marks), report.changed)
    if report.touched:
        assignments_changed.send(sender=Assignment, touched=dict(report.touched), as_of=as_of)
    return report


def assignments_reconcile(
    *, as_of: date, progress: Callable[[str], None] | None = None
) -> RefreshReport:
    """The nightly full reconciliation: every person under every requirement. Fixes any drift
    and moves statuses on with the calendar (due dates passing, completions expiring); the
    report says what it changed."""
    report = assignments_refresh(as_of=as_of, progress=progress)
    # Anything written around the engine (a hand edit, a restore) is put right here too.
    report.summary_corrected = summary_recount()
    logger.info("compliance reconciliation: %s", "; ".join(report.lines()))
    return report


def _marks_delete(model, pks: list[int]) -> int:
    """Deletes the mark rows `pks` of `model` (and no others), CHUNK ids a query. Returns how
    many were still there (a run at the same moment may have deleted some)."""
    deleted = 0
    for start in range(0, len(pks), CHUNK):
        count, _by_model = model.objects.filter(pk__in=pks[start : start + CHUNK]).delete()
        deleted += count
    return deleted
