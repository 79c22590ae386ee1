"""The compliance engine against the database: statuses stay true through roster changes,
requirement edits, completions and the passing of days; refreshes are idempotent."""

import csv
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from courses.compliance.assignments import (
    assignments_mark_stale,
    assignments_reconcile,
    assignments_refresh,
    assignments_refresh_stale,
)
from courses.compliance.models import Assignment, Exemption, StaleMark
from courses.learning.models import CourseCompletion
from courses.learning.services import course_completion_record, lesson_complete
from courses.tasks import assignments_refresh_stale_task
from lms.users.models import User
from lms.users.roster import ROSTER_COLUMNS
from lms.users.services import roster_import
from tests.factories import (
    DepartmentFactory,
    JobClassFactory,
    RequirementFactory,
    UserFactory,
    compliance_refresh,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
NOON = datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("America/Los_Angeles"))


def current(user, requirement) -> Assignment | None:
    return Assignment.objects.filter(user=user, requirement=requirement, is_current=True).first()


def roster_row(n: int, **overrides) -> dict[str, str]:
    row = {
        "employee_id": str(3_000_000 + n),
        "first_name": "Rosa",
        "last_name": f"Example{n}",
        "email": f"rosa{n}@example.lacity.test",
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
def import_roster(tmp_path, django_capture_on_commit_callbacks):
    """Imports rows as the nightly HR file would, and lets the queued refresh run."""

    def run(rows):
        path = tmp_path / "roster.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=ROSTER_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        with django_capture_on_commit_callbacks() as queued:
            report = roster_import(path=path)
        assert report.applied
        assert queued  # the import queued the refresh; run it as the worker would
        assignments_refresh_stale_task()
        return report

    return run


@time_machine.travel(NOON, tick=False)
def test_a_new_hire_gets_an_assignment_due_n_days_after_hire(course, import_roster, department):
    requirement = RequirementFactory(
        course=course, due_on=None, due_days_after_entry=30, effective_on=date(2026, 1, 1)
    )
    import_roster([roster_row(1, hire_date="2026-11-20")])
    person = User.objects.get(employee_id="3000001")
    assignment = current(person, requirement)
    assert (assignment.opened_on, assignment.due_on, assignment.status) == (
        date(2026, 11, 20),
        date(2026, 12, 20),
        "not_started",
    )
    assert assignment.department == department
    assert not StaleMark.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_a_transfer_closes_the_old_departments_assignment_and_opens_the_new_one(
    course, import_roster, department, other_department
):
    gsd_only = RequirementFactory(course=course, name="GSD", due_on=None, due_days_after_entry=60)
    gsd_only.departments.add(department)
    library_only = RequirementFactory(
        course=course, name="LAPL", due_on=None, due_days_after_entry=60
    )
    library_only.departments.add(other_department)
    import_roster([roster_row(1)])
    person = User.objects.get(employee_id="3000001")
    assert current(person, gsd_only) is not None
    assert current(person, library_only) is None

    import_roster([roster_row(1, department_code="LAPL", department_name="Library")])
    closed = Assignment.objects.get(user=person, requirement=gsd_only)
    assert (closed.is_current, closed.left_audience_on) == (False, TODAY)
    opened = current(person, library_only)
    # The clock starts at the transfer, not at the hire fifteen years ago.
    assert (opened.opened_on, opened.due_on) == (TODAY, TODAY + timedelta(days=60))
    assert opened.department == other_department


@time_machine.travel(NOON, tick=False)
def test_a_promotion_into_a_job_class_starts_that_requirement(course, import_roster):
    managers = RequirementFactory(course=course, due_on=None, due_days_after_entry=183)
    managers.job_classes.add(JobClassFactory(code="9184", title="Management Analyst"))
    import_roster([roster_row(1)])
    person = User.objects.get(employee_id="3000001")
    assert current(person, managers) is None
    import_roster([roster_row(1, job_class_code="9184", job_class_title="Management Analyst")])
    assert current(person, managers).due_on == TODAY + timedelta(days=183)


@time_machine.travel(NOON, tick=False)
def test_a_leaver_keeps_their_record_and_leaves_the_counts(settings, course, import_roster):
    # One of two people leaving is half the roster: past the guard against truncated files.
    settings.ROSTER_MAX_DEACTIVATION_PERCENT = 100
    requirement = RequirementFactory(course=course)
    import_roster([roster_row(1), roster_row(2)])
    leaver = User.objects.get(employee_id="3000002")
    course_completion_record(user=leaver, course=course)
    compliance_refresh()
    assert current(leaver, requirement).status == "completed_on_time"

    import_roster([roster_row(1)])  # person 2 is missing from the full file: they left
    record = Assignment.objects.get(user=leaver, requirement=requirement)
    assert (record.status, record.is_current, record.left_audience_on) == (
        "completed_on_time",
        False,
        TODAY,
    )
    assert Assignment.objects.filter(requirement=requirement, is_current=True).count() == 1


def test_editing_a_requirement_moves_due_dates_and_narrows_the_audience(
    course, learner, other_department, django_capture_on_commit_callbacks
):
    requirement = RequirementFactory(course=course, due_on=date(2027, 6, 30))
    compliance_refresh()
    assert current(learner, requirement).due_on == date(2027, 6, 30)

    with django_capture_on_commit_callbacks() as queued:
        requirement.due_on = date(2027, 3, 31)
        requirement.save()
    assert queued
    assignments_refresh_stale_task()
    assert current(learner, requirement).due_on == date(2027, 3, 31)

    with django_capture_on_commit_callbacks() as queued:
        requirement.departments.add(other_department)  # the learner is in GSD
    assert queued
    assignments_refresh_stale_task()
    assert current(learner, requirement) is None
    assert Assignment.objects.get(user=learner, requirement=requirement).left_audience_on


def test_a_requirement_taken_out_of_force_stops_counting(course, learner):
    requirement = RequirementFactory(course=course)
    compliance_refresh()
    requirement.is_active = False
    requirement.save()
    report = compliance_refresh()
    assert current(learner, requirement) is None
    assert report.closed == 1
    assert Assignment.objects.filter(requirement=requirement).count() == 1


def test_a_completion_marks_the_person_stale_and_the_refresh_completes_the_assignment(
    learner, lessons, requirement
):
    compliance_refresh()
    lesson_complete(user=learner, lesson=lessons[0])
    assert StaleMark.objects.filter(user=learner).exists()
    assignments_refresh_stale(as_of=timezone.localdate())
    assert current(learner, requirement).status == "in_progress"
    for lesson in lessons[1:]:
        lesson_complete(user=learner, lesson=lesson)
    report = assignments_refresh_stale(as_of=timezone.localdate())
    assignment = current(learner, requirement)
    assert assignment.status == "completed_on_time"
    assert assignment.completion == CourseCompletion.objects.get(user=learner)
    assert report.transitions == {"in_progress → completed_on_time": 1}
    assert not StaleMark.objects.exists()


def test_the_queued_task_refreshes_after_the_completion_commits(
    learner, lessons, requirement, django_capture_on_commit_callbacks
):
    compliance_refresh()
    with django_capture_on_commit_callbacks() as queued:
        for lesson in lessons:
            lesson_complete(user=learner, lesson=lesson)
    assert queued
    assignments_refresh_stale_task()  # what the worker runs once the completion commits
    assert current(learner, requirement).status == "completed_on_time"


def test_a_refresh_is_idempotent(learner, requirement):
    UserFactory.create_batch(5, department=learner.department)
    first = compliance_refresh()
    again = compliance_refresh()
    assert first.opened == 6
    assert again.changed == 0
    assert again.unchanged == 6


def test_reconciliation_fixes_drift_and_reports_it(learner, requirement):
    compliance_refresh()
    Assignment.objects.filter(user=learner).update(status="completed_late")
    report = assignments_reconcile(as_of=timezone.localdate())
    assert report.transitions == {"completed_late → not_started": 1}
    assert current(learner, requirement).status == "not_started"


def test_the_passing_of_the_due_date_turns_statuses_overdue(learner, requirement):
    compliance_refresh()
    report = assignments_reconcile(as_of=requirement.due_on + timedelta(days=1))
    assert current(learner, requirement).status == "overdue"
    assert report.transitions == {"not_started → overdue": 1}


def test_an_exemption_makes_the_person_exempt_until_it_ends(learner, requirement, liaison):
    compliance_refresh()
    Exemption.objects.create(
        requirement=requirement,
        user=learner,
        reason="On extended leave",
        granted_by=liaison,
        granted_at=timezone.now(),
        until_on=requirement.due_on + timedelta(days=10),
    )
    compliance_refresh(as_of=requirement.due_on + timedelta(days=5))
    assert current(learner, requirement).status == "exempt"
    compliance_refresh(as_of=requirement.due_on + timedelta(days=11))
    assert current(learner, requirement).status == "overdue"


def test_supervisors_and_liaisons_audiences_follow_the_roles(course, department, liaison):
    boss = UserFactory(department=department)
    UserFactory(department=department, supervisor=boss)
    supervisors = RequirementFactory(course=course, is_for_supervisors=True)
    liaisons = RequirementFactory(course=course, is_for_liaisons=True)
    compliance_refresh()
    assert set(
        Assignment.objects.filter(requirement=supervisors).values_list("user", flat=True)
    ) == {boss.pk}
    assert set(Assignment.objects.filter(requirement=liaisons).values_list("user", flat=True)) == {
        liaison.pk
    }


def test_a_supervisor_or_liaison_refreshed_alone_keeps_their_role_s_requirement(
    course, department, liaison
):
    # A lesson marked done refreshes only its learner: the roles are looked up for them alone.
    boss = UserFactory(department=department)
    UserFactory(department=department, supervisor=boss)
    UserFactory(department=department, supervisor=UserFactory(department=department))
    supervisors = RequirementFactory(course=course, is_for_supervisors=True)
    liaisons = RequirementFactory(course=course, is_for_liaisons=True)
    assignments_refresh(as_of=TODAY, user_ids=[boss.pk, liaison.pk])
    assert current(boss, supervisors) is not None
    assert current(liaison, liaisons) is not None
    assert current(boss, liaisons) is None
    assert current(liaison, supervisors) is None
    assert not Assignment.objects.exclude(user__in=[boss, liaison]).exists()


def test_a_refresh_of_more_people_than_a_chunk_still_finds_their_roles(
    course, department, liaison, monkeypatch
):
    # Past a chunk of people (a roster import) the roles are read for everyone, not by id list.
    from courses.compliance import assignments

    monkeypatch.setattr(assignments, "CHUNK", 1)
    boss = UserFactory(department=department)
    UserFactory(department=department, supervisor=boss)
    supervisors = RequirementFactory(course=course, is_for_supervisors=True)
    liaisons = RequirementFactory(course=course, is_for_liaisons=True)
    assignments_refresh(as_of=TODAY, user_ids=[boss.pk, liaison.pk])
    assert current(boss, supervisors) is not None
    assert current(liaison, liaisons) is not None
    assert current(boss, liaisons) is None


def test_a_refresh_costs_the_same_number_of_queries_whatever_the_number_of_requirements(
    course, department
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = UserFactory(department=department)
    RequirementFactory(course=course, name="one").excluded_employees.add(UserFactory())
    with CaptureQueriesContext(connection) as one:
        assignments_refresh(as_of=TODAY, user_ids=[person.pk])
    for n in range(5):
        RequirementFactory(course=course, name=f"more {n}").departments.add(department)
    Assignment.objects.all().delete()
    with CaptureQueriesContext(connection) as six:
        assignments_refresh(as_of=TODAY, user_ids=[person.pk])
    assert len(six.captured_queries) == len(one.captured_queries)
    assert Assignment.objects.filter(user=person).count() == 6


def test_named_exclusions_are_never_assigned(course, learner, department):
    other = UserFactory(department=department)
    requirement = RequirementFactory(course=course)
    requirement.excluded_employees.add(other)
    compliance_refresh()
    assert current(learner, requirement) is not None
    assert current(other, requirement) is None


def test_refreshing_one_person_or_many_costs_the_same_number_of_queries(
    course,
    department,
):
    for n in range(3):
        RequirementFactory(course=course, name=f"r{n}")
    few = UserFactory.create_batch(2, department=department)
    many = UserFactory.create_batch(40, department=DepartmentFactory())
    compliance_refresh()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assignments_refresh(as_of=TODAY, user_ids=[p.pk for p in few])
    with CaptureQueriesContext(connection) as large:
        assignments_refresh(as_of=TODAY, user_ids=[p.pk for p in many])
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_refresh_deletes_only_the_marks_it_read(learner, requirement, monkeypatch):
    from courses.compliance import assignments

    StaleMark.objects.all().delete()
    assignments_mark_stale(user_ids=[learner.pk])
    refresh = assignments.assignments_refresh

    def refresh_while_someone_completes(**kwargs):
        report = refresh(**kwargs)
        StaleMark.objects.create(user=learner)  # a change that lands during the refresh
        return report

    monkeypatch.setattr(assignments, "assignments_refresh", refresh_while_someone_completes)
    assignments_refresh_stale(as_of=timezone.localdate())
    assert current(learner, requirement) is not None
    assert StaleMark.objects.count() == 1  # kept for the next run


def test_a_refresh_keeps_a_mark_with_a_lower_id_that_committed_during_it(
    learner, requirement, monkeypatch
):
    """Ids are handed out at insert, not commit: a transaction that inserted its mark before the
    refresh read the marks may commit only during the refresh. Its mark must survive."""
    from courses.compliance import assignments

    StaleMark.objects.all().delete()
    StaleMark.objects.create(pk=1000, user=learner)
    refresh = assignments.assignments_refresh

    def refresh_while_an_earlier_transaction_commits(**kwargs):
        report = refresh(**kwargs)
        StaleMark.objects.create(pk=999, user=learner)
        return report

    monkeypatch.setattr(
        assignments, "assignments_refresh", refresh_while_an_earlier_transaction_commits
    )
    assignments_refresh_stale(as_of=timezone.localdate())
    assert list(StaleMark.objects.values_list("pk", flat=True)) == [999]


def test_the_reconcile_command_prints_progress_and_what_it_changed(learner, requirement):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("reconcile_compliance", "--as-of", "2026-11-25", stdout=out)
    text = out.getvalue()
    assert "assignments: 1/" in text or "people" in text
    assert "assignments opened: " in text
    assert "new → not_started: " in text
    again = StringIO()
    call_command("reconcile_compliance", "--as-of", "2026-11-25", stdout=again)
    assert "0 assignments changed." in again.getvalue()


def test_the_reconcile_command_refuses_a_garbled_date_and_changes_nothing(learner, requirement):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--as-of must be a date"):
        call_command("reconcile_compliance", "--as-of", "next tuesday")
    assert not Assignment.objects.exists()


def test_moving_someone_in_the_django_admin_moves_their_assignments(
    client, admin_user, learner, course, other_department, django_capture_on_commit_callbacks
):
    library_only = RequirementFactory(course=course, due_on=None, due_days_after_entry=30)
    library_only.departments.add(other_department)
    compliance_refresh()
    assert current(learner, library_only) is None
    client.force_login(admin_user)
    url = f"/django-admin/users/user/{learner.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in {"groups", "user_permissions", "last_login"}
    }
    data.update(
        {
            "department": other_department.pk,
            "date_joined_0": learner.date_joined.date().isoformat(),
            "date_joined_1": "09:00:00",
            "liaison_scopes-TOTAL_FORMS": "0",
            "liaison_scopes-INITIAL_FORMS": "0",
        }
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(url, data)
    assert queued
    assignments_refresh_stale_task()
    assert response.status_code == 302, response.context["adminform"].form.errors
    learner.refresh_from_db()
    assert learner.department_since == timezone.localdate()
    assert current(learner, library_only).due_on == timezone.localdate() + timedelta(days=30)
