"""The per-department status summary: counts the liaison's page reads instead of counting
assignment rows on every request.

`DepartmentRequirementSummary` holds, per department and requirement, how many current
assignments of active people are in each status; `DepartmentDueCount` how many of the unfinished
ones fall due on each day. Both are a pure function of the `Assignment` rows and the people's
`is_active` (`summary_counts_from_assignments`), and every write that can change that function
recounts the (department, requirement) pairs it touched in its own transaction:

- the compliance engine (`courses.compliance.assignments`): each refreshed chunk recounts the
  pairs whose rows changed department, requirement, status, due date or currency; a requirement
  retired recounts its pairs everywhere (refresh, stale refresh, exemptions, reconciliation,
  due dates passing, completions and roster moves all write through it);
- a roster change (`roster_changed`, sent inside the import's transaction and by the admin)
  recounts the departments that count the people it names, since deactivating someone takes
  them out of the counts before the engine closes their assignments;
- the nightly reconciliation ends with a full recount, which repairs anything written around the
  engine and reports how many pairs it had to correct.

A recount first locks the departments' rows (FOR NO KEY UPDATE, in id order), then counts: two
transactions recounting the same department take turns, and the second counts after the first
committed, so concurrent refreshes cannot leave a stale count behind (deltas could).
"""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from courses.compliance.models import (
    Assignment,
    AssignmentStatus,
    DepartmentDueCount,
    DepartmentRequirementSummary,
)
from lms.users.models import Department

STATUS_FIELDS = tuple(status.value for status in AssignmentStatus)
OPEN_STATUSES = (
    AssignmentStatus.NOT_STARTED,
    AssignmentStatus.IN_PROGRESS,
    AssignmentStatus.OVERDUE,
)

Pair = tuple[int, int]
Counts = dict[Pair, dict[str, int]]
DueCounts = dict[tuple[int, int, date], int]


def _counted(department_ids=None, requirement_ids=None, scope: Q | None = None):
    """The assignment rows the summary counts: current ones of active people in a department."""
    rows = Assignment.objects.filter(
        is_current=True, user__is_active=True, department__isnull=False
    )
    if scope is not None:
        rows = rows.filter(scope)
    if department_ids is not None:
        rows = rows.filter(department_id__in=list(department_ids))
    if requirement_ids is not None:
        rows = rows.filter(requirement_id__in=list(requirement_ids))
    return rows


def summary_counts_from_assignments(
    *,
    department_ids: Iterable[int] | None = None,
    requirement_ids: Iterable[int] | None = None,
    scope: Q | None = None,
) -> tuple[Counts, DueCounts]:
    """The summary recounted from the assignment rows (None: every department or requirement;
    `scope`, a further filter on department_id and requirement_id).

    Returns ({(department_id, requirement_id): {status: count}}, {(department_id,
    requirement_id, due_on): unfinished count}), with only the pairs and days that count
    someone. Two queries."""
    department_ids = None if department_ids is None else list(department_ids)
    requirement_ids = None if requirement_ids is None else list(requirement_ids)
    counts: Counts = {}
    for department_id, requirement_id, status, count in (
        _counted(department_ids, requirement_ids, scope)
        .values_list("department_id", "requirement_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts.setdefault((department_id, requirement_id), dict.fromkeys(STATUS_FIELDS, 0))[
            status
        ] = count
    due: DueCounts = {
        (department_id, requirement_id, due_on): count
        for department_id, requirement_id, due_on, count in (
            _counted(department_ids, requirement_ids, scope)
            .filter(status__in=OPEN_STATUSES)
            .values_list("department_id", "requirement_id", "due_on")
            .annotate(count=Count("pk"))
            .order_by()
        )
    }
    return counts, due


def summary_stored(
    *,
    department_ids: Iterable[int] | None = None,
    requirement_ids: Iterable[int] | None = None,
) -> tuple[Counts, DueCounts]:
    """The summary as stored, in the shape of `summary_counts_from_assignments` (pairs and days
    with nobody counted left out). Two queries."""
    scope = _scope(department_ids, requirement_ids)
    counts: Counts = {}
    for row in DepartmentRequirementSummary.objects.filter(scope).values(
        "department_id", "requirement_id", *STATUS_FIELDS
    ):
        pair = (row.pop("department_id"), row.pop("requirement_id"))
        if any(row.values()):
            counts[pair] = row
    due: DueCounts = {
        (department_id, requirement_id, due_on): count
        for department_id, requirement_id, due_on, count in DepartmentDueCount.objects.filter(
            scope
        ).values_list("department_id", "requirement_id", "due_on", "open")
        if count
    }
    return counts, due


def _scope(department_ids, requirement_ids) -> Q:
    scope = Q()
    if department_ids is not None:
        scope &= Q(department_id__in=list(department_ids))
    if requirement_ids is not None:
        scope &= Q(requirement_id__in=list(requirement_ids))
    return scope


def summary_recount(
    *,
    department_ids: Iterable[int] | None = None,
    requirement_ids: Iterable[int] | None = None,
    pairs: Iterable[Pair] | None = None,
) -> int:
    """Recounts the summary of `department_ids` x `requirement_ids` (None: all), or of exactly
    the (department, requirement) `pairs`, from the assignment rows, in the caller's
    transaction (or its own), after locking those departments.

    Writes only the pairs that differ, deletes pairs and days that count nobody any more.
    Returns how many (department, requirement) pairs were wrong. About seven queries."""
    only: Q | None = None
    if pairs is not None:
        by_requirement: dict[int, set[int]] = {}
        for department_id, requirement_id in pairs:
            by_requirement.setdefault(requirement_id, set()).add(department_id)
        department_ids = {pk for departments in by_requirement.values() for pk in departments}
        requirement_ids = by_requirement
        only = Q(pk__in=[])
        for requirement_id, departments in sorted(by_requirement.items()):
            only |= Q(requirement_id=requirement_id, department_id__in=sorted(departments))
    department_ids = None if department_ids is None else sorted(set(department_ids))
    requirement_ids = None if requirement_ids is None else sorted(set(requirement_ids))
    if department_ids == [] or requirement_ids == []:
        return 0
    with transaction.atomic():
        departments = Department.objects.order_by("pk").select_for_update(no_key=True)
        if department_ids is not None:
            departments = departments.filter(pk__in=department_ids)
        locked = list(departments.values_list("pk", flat=True))
        if not locked:
            return 0
        scope = _scope(None if department_ids is None else locked, requirement_ids)
        if only is not None:
            scope &= only
        counts, due = summary_counts_from_assignments(
            department_ids=None if department_ids is None else locked,
            requirement_ids=requirement_ids,
            scope=only,
        )
        stored = {
            (row.pop("department_id"), row.pop("requirement_id")): row
            for row in DepartmentRequirementSummary.objects.filter(scope).values(
                "pk", "department_id", "requirement_id", *STATUS_FIELDS
            )
        }
        gone = [row["pk"] for pair, row in stored.items() if pair not in counts]
        wrong = [
            pair
            for pair, row in counts.items()
            if pair not in stored or any(stored[pair][key] != row[key] for key in STATUS_FIELDS)
        ]
        drift = len(wrong) + sum(
            1 for pair, row in stored.items() if pair not in counts and _any_count(row)
        )
        if gone:
            DepartmentRequirementSummary.objects.filter(pk__in=gone).delete()
        if wrong:
            now = timezone.now()
            DepartmentRequirementSummary.objects.bulk_create(
                [
                    DepartmentRequirementSummary(
                        department_id=department_id,
                        requirement_id=requirement_id,
                        counted_at=now,
                        **counts[(department_id, requirement_id)],
                    )
                    for department_id, requirement_id in wrong
                ],
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["department", "requirement"],
                update_fields=[*STATUS_FIELDS, "counted_at"],
            )
        _due_write(scope, due)
    return drift


def _any_count(row: dict) -> bool:
    return any(row[key] for key in STATUS_FIELDS)


def _due_write(scope: Q, due: DueCounts) -> None:
    stored = {
        (department_id, requirement_id, due_on): (pk, count)
        for pk, department_id, requirement_id, due_on, count in DepartmentDueCount.objects.filter(
            scope
        ).values_list("pk", "department_id", "requirement_id", "due_on", "open")
    }
    gone = [pk for key, (pk, _count) in stored.items() if key not in due]
    if gone:
        DepartmentDueCount.objects.filter(pk__in=gone).delete()
    wrong = [key for key, count in due.items() if stored.get(key, (None, None))[1] != count]
    if wrong:
        DepartmentDueCount.objects.bulk_create(
            [
                DepartmentDueCount(
                    department_id=department_id,
                    requirement_id=requirement_id,
                    due_on=due_on,
                    open=due[(department_id, requirement_id, due_on)],
                )
                for department_id, requirement_id, due_on in wrong
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["department", "requirement", "due_on"],
            update_fields=["open"],
        )


def summary_recount_for_people(*, user_ids: Iterable[int]) -> int:
    """Recounts every department that counts a current assignment of `user_ids` (a roster change:
    someone deactivated or back leaves or rejoins the counts at once). Returns the pairs that
    were wrong."""
    user_ids = list(set(user_ids))
    if not user_ids:
        return 0
    departments: set[int] = set()
    for start in range(0, len(user_ids), 5000):
        departments.update(
            Assignment.objects.filter(
                user_id__in=user_ids[start : start + 5000],
                is_current=True,
                department__isnull=False,
            )
            .values_list("department_id", flat=True)
            .distinct()
        )
    return summary_recount(department_ids=departments)


class SummaryTouches:
    """The (department, requirement) pairs a batch of assignment writes may have moved."""

    def __init__(self) -> None:
        self.pairs: set[Pair] = set()

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def write(self, before: Assignment | None, after: Assignment | None) -> None:
        """Notes the write of `after` over `before` (None: a new row; after None: the row stops
        being current) if it may move a count."""
        old, new = _key(before), _key(after)
        if old == new:
            return
        for key in (old, new):
            if key is not None and key[0] is not None:
                self.pairs.add((key[0], key[1]))

    def recount(self) -> int:
        """Recounts the pairs touched, and only those: each requirement in the departments
        where it moved, not every department touched times every requirement touched (a batch
        of completions of one course beside a few other changes would recount most of the
        city's rows)."""
        if not self:
            return 0
        return summary_recount(pairs=self.pairs)


def _key(row: Assignment | None):
    if row is None or not row.is_current:
        return None
    return (row.department_id, row.requirement_id, row.status, row.due_on)


def summary_drift() -> tuple[int, int]:
    """How far the stored summary is from a recount, changing nothing: the number of
    (department, requirement) pairs whose status counts differ, and of (department, requirement,
    day) due counts that differ. Four queries."""
    stored, stored_due = summary_stored()
    counts, due = summary_counts_from_assignments()
    pairs = sum(1 for pair in stored.keys() | counts.keys() if stored.get(pair) != counts.get(pair))
    days = sum(1 for key in stored_due.keys() | due.keys() if stored_due.get(key) != due.get(key))
    return pairs, days
