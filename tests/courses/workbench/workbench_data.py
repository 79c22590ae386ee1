"""Hand-built assignments for the workbench tests: exact rows, no engine in between."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from courses.compliance.models import Assignment, AssignmentStatus
from courses.compliance.summary import summary_recount
from courses.freshness import compliance_version_bump


def assign(
    person,
    requirement,
    *,
    status: str = AssignmentStatus.NOT_STARTED,
    due_on: date | None = None,
    opened_on: date | None = None,
    completed_on: date | None = None,
    cycle: int = 1,
    is_current: bool = True,
    left_audience_on: date | None = None,
    valid_until: date | None = None,
    department=None,
) -> Assignment:
    """One stored assignment of `person` under `requirement`, counted in their department unless
    `department` is given."""
    today = timezone.localdate()
    # Stored as the engine stores it, so bump the version the engine bumps.
    compliance_version_bump()
    assignment = Assignment.objects.create(
        requirement=requirement,
        user=person,
        cycle=cycle,
        department=department or person.department,
        opened_on=opened_on or today - timedelta(days=30),
        due_on=due_on or today + timedelta(days=60),
        status=status,
        completed_at=at_noon(completed_on) if completed_on else None,
        valid_until=valid_until,
        is_current=is_current,
        left_audience_on=left_audience_on,
        computed_at=timezone.now(),
    )
    # ...and recount the department's summary, as the engine does in the same transaction.
    if assignment.department_id is not None:
        summary_recount(department_ids=[assignment.department_id], requirement_ids=[requirement.pk])
    return assignment


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())
