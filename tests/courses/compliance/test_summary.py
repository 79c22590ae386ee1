"""The per-department status summary equals a recount from the assignment rows after every kind
of change the compliance engine or the roster makes, and the reconciliation repairs it."""

import contextlib
import csv
import importlib
import random
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from courses.compliance.assignments import assignments_reconcile, assignments_refresh_stale
from courses.compliance.exemptions import exemption_grant, exemption_revoke
from courses.compliance.models import (
    Assignment,
    DepartmentDueCount,
    DepartmentRequirementSummary,
    Exemption,
)
from courses.compliance.summary import (
    summary_counts_from_assignments,
    summary_recount,
    summary_stored,
)
from courses.learning.services import course_completion_record
from lms.users.models import Department, User
from lms.users.roster import ROSTER_COLUMNS
from lms.users.services import roster_import
from tests.factories import DepartmentFactory, RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("America/Los_Angeles"))
TODAY = date(2026, 11, 25)


def assert_summary_true(after: str = ""):
    """The stored summary is exactly what a recount of the assignment rows gives."""
    assert summary_stored() == summary_counts_from_assignments(), after


def counts(department, requirement) -> dict:
    return summary_stored(department_ids=[department.pk], requirement_ids=[requirement.pk])[0].get(
        (department.pk, requirement.pk), {}
    )


def counted(department, requirement) -> int:
    return sum(counts(department, requirement).values())


def roster_row(n: int, **overrides) -> dict[str, str]:
    row = {
        "employee_id": str(4_000_000 + n),
        "first_name": "Ana",
        "last_name": f"Sample{n}",
        "email": f"ana{n}@example.lacity.test",
        "department_code": "GSD",
        "department_name": "General Services",
        "job_class_code": "1368",
        "job_class_title": "Senior Administrative Clerk",
        "hire_date": "2020-01-15",
        "supervisor_employee_id": "",
        "status": "active",
        "preferred_language": "en",
    }
    row.update(overrides)
    return row


@pytest.fixture
def import_roster(tmp_path, settings):
    """Imports rows as the HR file would; the queued refresh is left for the test to run."""
    settings.ROSTER_MAX_DEACTIVATION_PERCENT = 100

    def run(rows):
        path = tmp_path / "roster.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=ROSTER_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        report = roster_import(path=path)
        assert report.applied
        return report

    return run


def test_new_assignments_are_counted_per_department_and_status(
    course, department, other_department
):
    requirement = RequirementFactory(course=course, due_on=TODAY + timedelta(days=10))
    UserFactory.create_batch(3, department=department)
    UserFactory(department=other_department)
    UserFactory(department=department, is_active=False)
    compliance_refresh(as_of=TODAY)
    assert_summary_true()
    assert counts(department, requirement)["not_started"] == 3
    assert counts(other_department, requirement)["not_started"] == 1
    # Unfinished work by due date, for "due in the next 30 days".
    assert DepartmentDueCount.objects.get(department=department).open == 3


def test_a_completion_moves_the_count_once_the_engine_refreshes(learner, requirement, course):
    compliance_refresh()
    course_completion_record(user=learner, course=course)
    assert_summary_true()  # a stale mark only: the assignment (and so the summary) waits
    assignments_refresh_stale(as_of=timezone.localdate())
    assert_summary_true()
    assert counts(learner.department, requirement)["completed_on_time"] == 1
    assert not DepartmentDueCount.objects.exists()


def test_an_exemption_granted_and_revoked_moves_the_count(learner, liaison, requirement):
    compliance_refresh()
    today = timezone.localdate()
    exemption = exemption_grant(
        actor=liaison, user=learner, requirement=requirement, reason="On leave", as_of=today
    )
    assert_summary_true()
    assert counts(learner.department, requirement)["exempt"] == 1
    exemption_revoke(actor=liaison, exemption=exemption, reason="Back at work", as_of=today)
    assert_summary_true()
    assert counts(learner.department, requirement)["exempt"] == 0


@time_machine.travel(NOON, tick=False)
def test_a_transfer_moves_the_person_between_departments(
    course, import_roster, department, other_department
):
    requirement = RequirementFactory(course=course, due_on=None, due_days_after_entry=60)
    import_roster([roster_row(1), roster_row(2)])
    assignments_refresh_stale(as_of=TODAY)
    assert counted(department, requirement) == 2

    import_roster([roster_row(1), roster_row(2, department_code="LAPL", department_name="Library")])
    assert_summary_true()  # before the engine has seen the move
    assignments_refresh_stale(as_of=TODAY)
    assert_summary_true()
    assert counted(department, requirement) == 1
    assert counted(other_department, requirement) == 1


@time_machine.travel(NOON, tick=False)
def test_a_leaver_leaves_the_counts_with_the_import_itself(course, import_roster, department):
    requirement = RequirementFactory(course=course)
    import_roster([roster_row(1), roster_row(2)])
    assignments_refresh_stale(as_of=TODAY)
    import_roster([roster_row(1)])  # person 2 left
    # Deactivated inside the import's transaction: the count drops before any refresh runs.
    assert_summary_true()
    assert counts(department, requirement)["not_started"] == 1
    assignments_refresh_stale(as_of=TODAY)
    assert_summary_true()

    import_roster([roster_row(1), roster_row(2)])  # and back
    assert_summary_true()
    assignments_refresh_stale(as_of=TODAY)
    assert_summary_true()
    assert counts(department, requirement)["not_started"] == 2


def test_a_deactivation_by_hand_leaves_the_counts_with_the_roster_signal(learner, requirement):
    from lms.users.signals import roster_changed

    compliance_refresh()

    learner.is_active = False
    learner.save()
    roster_changed.send(sender=User, user_ids={learner.pk})  # what the admin's save sends
    assert_summary_true()
    assert counts(learner.department, requirement) == {}


def test_requirements_added_changed_narrowed_and_retired(
    course, learner, department, other_department
):
    UserFactory(department=other_department)
    compliance_refresh()
    requirement = RequirementFactory(course=course, due_on=TODAY + timedelta(days=90))
    assignments_refresh_stale(as_of=TODAY)  # the new requirement marked itself stale
    assert_summary_true()
    assert counts(department, requirement)["not_started"] == 1

    requirement.due_on = TODAY + timedelta(days=20)
    requirement.save()
    assignments_refresh_stale(as_of=TODAY)
    assert_summary_true()
    assert DepartmentDueCount.objects.filter(due_on=TODAY + timedelta(days=20)).count() == 2

    requirement.departments.add(other_department)  # only the library now
    assignments_refresh_stale(as_of=TODAY)
    assert_summary_true()
    assert counts(department, requirement) == {}

    requirement.is_active = False
    requirement.save()
    assignments_refresh_stale(as_of=TODAY)
    assert_summary_true()
    assert not DepartmentRequirementSummary.objects.filter(requirement=requirement).exists()


def test_the_due_date_passing_turns_the_count_overdue_at_reconciliation(learner, requirement):
    compliance_refresh()
    later = requirement.due_on + timedelta(days=1)
    report = assignments_reconcile(as_of=later)
    assert_summary_true()
    assert counts(learner.department, requirement)["overdue"] == 1
    assert report.summary_corrected == 0  # the engine kept it; nothing to repair


def test_reconciliation_repairs_a_summary_written_around_the_engine(learner, requirement):
    compliance_refresh()
    DepartmentRequirementSummary.objects.update(not_started=7)  # by hand, around the engine
    report = assignments_reconcile(as_of=timezone.localdate())
    assert report.summary_corrected == 1
    assert "department summaries corrected: 1" in report.lines()
    assert_summary_true()


def test_the_recount_writes_nothing_when_the_summary_is_true(learner, requirement):
    compliance_refresh()
    before = list(DepartmentRequirementSummary.objects.values_list("counted_at", flat=True))
    assert summary_recount() == 0
    assert list(DepartmentRequirementSummary.objects.values_list("counted_at", flat=True)) == (
        before
    )


def test_the_migration_backfills_an_existing_city(learner, requirement, department):
    UserFactory.create_batch(2, department=DepartmentFactory())
    compliance_refresh()
    DepartmentRequirementSummary.objects.all().delete()
    DepartmentDueCount.objects.all().delete()
    migration = importlib.import_module("courses.migrations.0014_department_status_summary")
    migration.summary_backfill(django_apps, None)
    assert_summary_true()
    assert summary_stored()[0]


def test_the_command_checks_and_rebuilds(learner, requirement):
    compliance_refresh()
    call_command("compliance_summary", "--check", stdout=StringIO())  # true: no error
    DepartmentRequirementSummary.objects.update(in_progress=5)
    out = StringIO()
    with pytest.raises(CommandError, match="1 department summary"):
        call_command("compliance_summary", "--check", stdout=out)
    assert counts(learner.department, requirement)["in_progress"] == 5  # a check changes nothing
    call_command("compliance_summary", "--rebuild", stdout=out)
    assert "corrected 1" in out.getvalue()
    assert_summary_true()


def test_the_command_needs_one_of_check_or_rebuild():
    with pytest.raises(CommandError, match="--check or --rebuild"):
        call_command("compliance_summary", stdout=StringIO())


# --- a random sequence of every kind of change ------------------------------------------------


def _complete(rng, people, requirements, **_):
    person = rng.choice(people)
    course_completion_record(user=person, course=rng.choice(requirements).course)
    assignments_refresh_stale(as_of=TODAY)


def _exempt(rng, people, requirements, liaison, **_):
    current = list(
        Assignment.objects.filter(is_current=True, user__in=people).exclude(status="exempt")
    )
    if current:
        assignment = rng.choice(current)
        # Refused (and nothing changed) when an exemption is already in force.
        with contextlib.suppress(ValidationError):
            exemption_grant(
                actor=liaison,
                user=assignment.user,
                requirement=assignment.requirement,
                reason="Random leave",
                as_of=TODAY,
            )


def _revoke(rng, liaison, **_):
    in_force = list(Exemption.objects.filter(revoked_at__isnull=True))
    if in_force:
        exemption_revoke(actor=liaison, exemption=rng.choice(in_force), reason="Back", as_of=TODAY)


def _move(rng, people, departments, **_):
    from lms.users.signals import roster_changed

    person = rng.choice(people)
    person.department = rng.choice(departments)
    person.department_since = TODAY
    person.save()
    roster_changed.send(sender=User, user_ids={person.pk})
    if rng.random() < 0.5:
        assignments_refresh_stale(as_of=TODAY)


def _toggle_active(rng, people, **_):
    from lms.users.signals import roster_changed

    person = rng.choice(people)
    person.is_active = not person.is_active
    person.save()
    roster_changed.send(sender=User, user_ids={person.pk})
    if rng.random() < 0.5:
        assignments_refresh_stale(as_of=TODAY)


def _edit_requirement(rng, requirements, departments, **_):
    requirement = rng.choice(requirements)
    choice = rng.randrange(4)
    if choice == 0:
        requirement.due_on = TODAY + timedelta(days=rng.randrange(-40, 60))
        requirement.save()
    elif choice == 1:
        requirement.departments.set(rng.sample(departments, rng.randrange(len(departments))))
    elif choice == 2:
        requirement.is_active = not requirement.is_active
        requirement.save()
    else:
        requirement.recurrence_months = rng.choice([None, 12])
        requirement.save()
    assignments_refresh_stale(as_of=TODAY)


def _days_pass(rng, **_):
    assignments_reconcile(as_of=TODAY + timedelta(days=rng.randrange(0, 90)))


CHANGES = [_complete, _exempt, _revoke, _move, _toggle_active, _edit_requirement, _days_pass]


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_changes_keeps_the_summary_equal_to_a_recount(seed, course, liaison):
    rng = random.Random(seed)
    departments = [liaison.department, *DepartmentFactory.create_batch(2)]
    people = [UserFactory(department=rng.choice(departments)) for _ in range(8)]
    requirements = [
        RequirementFactory(course=course, name=f"r{n}", due_on=TODAY + timedelta(days=n * 15))
        for n in range(3)
    ]
    compliance_refresh(as_of=TODAY)
    assert_summary_true()
    for _step in range(12):
        change = rng.choice(CHANGES)
        change(
            rng=rng,
            people=people,
            departments=departments,
            requirements=requirements,
            liaison=liaison,
        )
        for person in people:
            person.refresh_from_db()
        assert_summary_true(after=change.__name__)
    assert Department.objects.count() >= 3


def test_a_refresh_recounts_the_pairs_it_moved_and_no_others(course, department, other_department):
    from courses.compliance.assignments import assignments_mark_stale
    from courses.learning.models import CourseCompletion
    from tests.factories import course_with_lessons

    other_course, _lessons = course_with_lessons(lessons=1, title="Ethics")
    first = RequirementFactory(course=course)
    second = RequirementFactory(course=other_course)
    here = UserFactory(department=department)
    there = UserFactory(department=other_department)
    compliance_refresh()
    # Written around the engine: a pair that neither change below moves.
    DepartmentRequirementSummary.objects.filter(department=department, requirement=second).update(
        not_started=7
    )
    CourseCompletion.objects.create(user=here, course=course, completed_at=timezone.now())
    CourseCompletion.objects.create(user=there, course=other_course, completed_at=timezone.now())
    assignments_mark_stale(user_ids=[here.pk, there.pk])
    assignments_refresh_stale(as_of=timezone.localdate())
    # (GSD, first) and (LAPL, second) moved and were recounted, in one chunk...
    assert counts(department, first)["completed_on_time"] == 1
    assert counts(other_department, second)["completed_on_time"] == 1
    # ...and not every department touched times every requirement touched.
    assert counts(department, second)["not_started"] == 7
    assert assignments_reconcile(as_of=timezone.localdate()).summary_corrected == 1
    assert_summary_true()
