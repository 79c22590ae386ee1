"""The workbench reads: summary, trend, staff list, one person, from stored assignments."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from analytics.department import compliance_trend_for_department, month_ends
from analytics.pipeline.services import analytics_run_full
from courses.certificates.services import certificate_issue
from courses.compliance.audit import audit_record
from courses.compliance.models import (
    Assignment,
    AssignmentStatus,
    AuditAction,
    Exemption,
    ReminderKind,
    ReminderLog,
    StaleMark,
)
from courses.learning.services import course_completion_record
from courses.sessions.models import LiveSession, RegistrationStatus, SessionRegistration
from courses.workbench.selectors import (
    StaffFilters,
    person_get_for_department,
    person_record_get,
    requirement_summary_list_for_department,
    staff_list_for_department,
    staff_rows_for_people,
    staff_rows_iter,
)
from tests.courses.workbench.workbench_data import assign, at_noon
from tests.factories import JobClassFactory, RequirementFactory, UserFactory

S = AssignmentStatus
AS_OF = date(2026, 3, 15)


def _names(people) -> list[str]:
    return [person.last_name for person in people]


# --- summary ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_summary_counts_each_status_of_current_assignments_of_active_people(
    department, other_department, requirement
):
    soon, later = AS_OF + timedelta(days=10), AS_OF + timedelta(days=45)
    for status, due_on in [
        (S.COMPLETED_ON_TIME, soon),
        (S.COMPLETED_ON_TIME, later),
        (S.COMPLETED_LATE, AS_OF - timedelta(days=5)),
        (S.OVERDUE, AS_OF - timedelta(days=1)),
        (S.EXEMPT, soon),
        (S.NOT_STARTED, soon),
        (S.NOT_STARTED, later),
        (S.IN_PROGRESS, AS_OF + timedelta(days=30)),
    ]:
        assign(UserFactory(department=department), requirement, status=status, due_on=due_on)
    # Not counted: someone who left the city, an old cycle, another department.
    assign(UserFactory(department=department, is_active=False), requirement, status=S.OVERDUE)
    assign(UserFactory(department=department), requirement, status=S.OVERDUE, is_current=False)
    assign(UserFactory(department=other_department), requirement, status=S.OVERDUE)

    [row] = requirement_summary_list_for_department(
        department=department, requirements=[requirement], as_of=AS_OF
    )

    assert row.requirement == requirement
    assert (row.in_audience, row.completed, row.completed_on_time, row.completed_late) == (
        8,
        3,
        2,
        1,
    )
    assert (row.overdue, row.exempt, row.not_started, row.in_progress) == (1, 1, 2, 1)
    # Due in the next 30 days and not done: one not started (day 10), one in progress (day 30).
    assert row.due_soon == 2
    # The exempt person is excused: 3 of the 7 who must take it have.
    assert row.required == 7
    assert row.compliance_rate == pytest.approx(3 / 7)
    assert row.compliance_percent == 42  # 42.9 %: rounded down, never up
    assert row.on_time_rate == pytest.approx(2 / 3)
    assert row.on_time_percent == 66


@pytest.mark.django_db
def test_summary_of_requirement_nobody_is_counted_under_has_no_rates(department, requirement):
    [row] = requirement_summary_list_for_department(
        department=department, requirements=[requirement], as_of=AS_OF
    )
    assert row.in_audience == 0
    assert row.compliance_rate is None
    assert row.on_time_rate is None


@pytest.mark.django_db
def test_summary_is_one_query_for_all_requirements(department, course, django_assert_num_queries):
    requirements = [RequirementFactory(course=course) for _ in range(3)]
    for requirement in requirements:
        for _ in range(4):
            assign(UserFactory(department=department), requirement)
    with django_assert_num_queries(1):
        rows = requirement_summary_list_for_department(
            department=department, requirements=requirements, as_of=AS_OF
        )
    assert [row.in_audience for row in rows] == [4, 4, 4]


# --- trend ------------------------------------------------------------------------------------


def test_month_ends_are_the_last_twelve_on_or_before_the_day():
    assert month_ends(date(2024, 3, 15)) == [
        date(2023, 3, 31),
        date(2023, 4, 30),
        date(2023, 5, 31),
        date(2023, 6, 30),
        date(2023, 7, 31),
        date(2023, 8, 31),
        date(2023, 9, 30),
        date(2023, 10, 31),
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
    ]
    assert month_ends(date(2026, 6, 30))[-1] == date(2026, 6, 30)
    assert month_ends(date(2026, 1, 1))[-1] == date(2025, 12, 31)


@pytest.mark.django_db
def test_trend_rebuilds_each_month_end_from_assignment_dates(
    department, requirement, django_assert_num_queries
):
    # Opened in June, completed in September.
    finisher = UserFactory(department=department)
    assign(
        finisher,
        requirement,
        status=S.COMPLETED_ON_TIME,
        opened_on=date(2025, 6, 1),
        completed_on=date(2025, 9, 10),
    )
    # In the audience from June, left it in mid-August.
    leaver = UserFactory(department=department)
    assign(
        leaver,
        requirement,
        status=S.NOT_STARTED,
        opened_on=date(2025, 6, 1),
        is_current=False,
        left_audience_on=date(2025, 8, 15),
    )
    # A cycle the engine withdrew (no successor, never left): history, never counted.
    withdrawn = UserFactory(department=department)
    assign(
        withdrawn, requirement, status=S.NOT_STARTED, opened_on=date(2025, 6, 1), is_current=False
    )

    analytics_run_full(as_of=AS_OF)
    with django_assert_num_queries(2):
        [series] = compliance_trend_for_department(
            department=department, requirements=[requirement], as_of=AS_OF
        )

    by_month = {point.on: (point.completed, point.in_audience) for point in series.points}
    assert len(series.points) == 12
    assert by_month[date(2025, 5, 31)] == (0, 0)
    assert by_month[date(2025, 6, 30)] == (0, 2)
    assert by_month[date(2025, 7, 31)] == (0, 2)
    assert by_month[date(2025, 8, 31)] == (0, 1)  # the leaver is gone
    assert by_month[date(2025, 9, 30)] == (1, 1)
    assert by_month[date(2026, 2, 28)] == (1, 1)
    points = {point.on: point for point in series.points}
    assert points[date(2025, 5, 31)].rate is None
    assert points[date(2025, 9, 30)].percent == 100


@pytest.mark.django_db
def test_trend_counts_a_recurring_requirement_once_per_person_through_its_cycle_in_force(
    department, course, django_assert_num_queries
):
    requirement = RequirementFactory(course=course, recurrence_months=12)
    # Done before the window; cycle 2 opened in November and is not done.
    renewer = UserFactory(department=department)
    assign(
        renewer,
        requirement,
        cycle=1,
        status=S.COMPLETED_ON_TIME,
        opened_on=date(2024, 1, 2),
        completed_on=date(2025, 1, 20),
        valid_until=date(2026, 1, 20),
        is_current=False,
    )
    assign(renewer, requirement, cycle=2, status=S.NOT_STARTED, opened_on=date(2025, 11, 21))
    # Cycle 1 opened in April and done in June, inside the window; cycle 2 opened in December.
    newcomer = UserFactory(department=department)
    assign(
        newcomer,
        requirement,
        cycle=1,
        status=S.COMPLETED_ON_TIME,
        opened_on=date(2025, 4, 1),
        completed_on=date(2025, 6, 15),
        is_current=False,
    )
    assign(newcomer, requirement, cycle=2, status=S.IN_PROGRESS, opened_on=date(2025, 12, 1))
    # A later cycle the engine withdrew (no successor, never left): history, never counted.
    withdrawn = UserFactory(department=department)
    assign(withdrawn, requirement, cycle=1, status=S.OVERDUE, opened_on=date(2025, 1, 2))
    assign(
        withdrawn,
        requirement,
        cycle=2,
        status=S.NOT_STARTED,
        opened_on=date(2025, 8, 1),
        is_current=False,
    )

    analytics_run_full(as_of=AS_OF)
    with django_assert_num_queries(2):
        [series] = compliance_trend_for_department(
            department=department, requirements=[requirement], as_of=AS_OF
        )

    by_month = {point.on: (point.completed, point.in_audience) for point in series.points}
    assert by_month[date(2025, 3, 31)] == (1, 2)  # renewer done; withdrawn's cycle 1 open
    assert by_month[date(2025, 4, 30)] == (1, 3)
    assert by_month[date(2025, 6, 30)] == (2, 3)
    assert by_month[date(2025, 10, 31)] == (2, 3)
    assert by_month[date(2025, 11, 30)] == (1, 3)  # the renewer's cycle 2 counts now
    assert by_month[date(2025, 12, 31)] == (0, 3)
    assert by_month[date(2026, 2, 28)] == (0, 3)


# --- staff list -------------------------------------------------------------------------------


@pytest.fixture
def staff(department, other_department, requirement, course):
    """A small department with a second requirement, job classes, supervisors and hire dates."""
    second = RequirementFactory(course=course, name="Second requirement")
    analyst, clerk = JobClassFactory(code="9184", title="Analyst"), JobClassFactory(code="1358")
    boss = UserFactory(department=department, last_name="Boss", employee_id="100")
    people = {
        "Adams": UserFactory(
            department=department,
            last_name="Adams",
            first_name="Ana",
            employee_id="300",
            job_class=clerk,
            supervisor=boss,
            hired_on=date(2020, 5, 1),
        ),
        "Baker": UserFactory(
            department=department,
            last_name="Baker",
            first_name="Marisol",
            employee_id="200",
            email="mbaker@example.lacity.test",
            job_class=analyst,
            hired_on=date(2024, 1, 15),
        ),
        "Cruz": UserFactory(
            department=department,
            last_name="Cruz",
            first_name="Quintero",
            employee_id="400",
            job_class=analyst,
            supervisor=boss,
            hired_on=date(2025, 9, 1),
        ),
    }
    people["Boss"] = boss
    assign(people["Adams"], requirement, status=S.OVERDUE, due_on=AS_OF - timedelta(days=3))
    assign(
        people["Baker"],
        requirement,
        status=S.COMPLETED_ON_TIME,
        completed_on=AS_OF,
        due_on=AS_OF + timedelta(days=60),
    )
    assign(people["Cruz"], requirement, status=S.NOT_STARTED, due_on=AS_OF + timedelta(days=9))
    assign(people["Cruz"], second, status=S.IN_PROGRESS, due_on=AS_OF + timedelta(days=2))
    # A transfer the engine has not caught up with: still counted in the department, and marked
    # stale, as every change of department is (courses.compliance.handlers).
    moved = UserFactory(department=other_department, last_name="Moved", employee_id="500")
    StaleMark.objects.create(user=moved)
    assign(
        moved,
        requirement,
        status=S.NOT_STARTED,
        department=department,
        due_on=AS_OF + timedelta(days=60),
    )
    people["Moved"] = moved
    # Not staff: left the city; works elsewhere.
    UserFactory(department=department, last_name="Gone", is_active=False)
    UserFactory(department=other_department, last_name="Elsewhere")
    return {"people": people, "requirements": [requirement, second], "second": second}


def _list(department, staff, **filters):
    return list(
        staff_list_for_department(
            department=department,
            requirements=staff["requirements"],
            filters=StaffFilters(**filters),
        )
    )


@pytest.mark.django_db
def test_staff_are_active_people_of_the_department_or_counted_in_it(department, staff):
    assert _names(_list(department, staff)) == ["Adams", "Baker", "Boss", "Cruz", "Moved"]


@pytest.mark.django_db
def test_a_transfer_not_yet_seen_is_found_by_status_in_both_departments(
    department, other_department, staff
):
    """ "Moved" now works in the other department, and the engine has not yet moved their
    assignment (counted in the first): filtered by its status they are in both lists, as
    they are in both unfiltered."""
    for where in (department, other_department):
        found = staff_list_for_department(
            department=where,
            requirements=staff["requirements"],
            filters=StaffFilters(status=S.NOT_STARTED),
        )
        assert "Moved" in _names(found)
        by_requirement = staff_list_for_department(
            department=where,
            requirements=staff["requirements"],
            filters=StaffFilters(requirement_id=staff["requirements"][0].pk),
        )
        assert "Moved" in _names(by_requirement)
    gone = StaffFilters(requirement_id=staff["second"].pk)
    assert "Moved" not in _names(
        staff_list_for_department(
            department=other_department, requirements=staff["requirements"], filters=gone
        )
    )


@pytest.mark.django_db
def test_both_ways_of_reading_the_staff_give_the_same_people_once(department, staff):
    """The lazy form (one query) and the read form (the moved-out people first) agree, also when
    someone still in the department is marked stale and counted here (not listed twice)."""
    from courses.workbench.selectors import department_staff, department_staff_read

    StaleMark.objects.create(user=staff["people"]["Adams"])
    expected = ["Adams", "Baker", "Boss", "Cruz", "Moved"]
    assert sorted(_names(department_staff(department=department))) == expected
    assert sorted(_names(department_staff_read(department=department))) == expected


@pytest.mark.django_db
def test_staff_job_classes_are_those_of_the_staff_moved_out_people_included(
    department, staff, django_assert_num_queries
):
    from courses.workbench.selectors import staff_job_classes

    staff["people"]["Moved"].job_class = JobClassFactory(code="7777")
    staff["people"]["Moved"].save()
    UserFactory(department=department, is_active=False, job_class=JobClassFactory(code="1111"))
    UserFactory(job_class=JobClassFactory(code="2222"))  # elsewhere
    with django_assert_num_queries(1):
        codes = sorted(job_class.code for job_class in staff_job_classes(department=department))
    assert codes == ["1358", "7777", "9184"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": S.OVERDUE}, ["Adams"]),
        ({"status": S.IN_PROGRESS}, ["Cruz"]),
        ({"status": S.NOT_STARTED}, ["Cruz", "Moved"]),
        ({"job_class_code": "9184"}, ["Baker", "Cruz"]),
        ({"supervisor_name": "Boss"}, ["Adams", "Cruz"]),
        ({"hired_from": date(2024, 1, 15)}, ["Baker", "Cruz"]),
        ({"hired_to": date(2024, 1, 15)}, ["Adams", "Baker"]),
        ({"hired_from": date(2021, 1, 1), "hired_to": date(2024, 12, 31)}, ["Baker"]),
        ({"search": "quinter"}, ["Cruz"]),
        ({"search": "300"}, ["Adams"]),
        ({"search": "mbaker@"}, ["Baker"]),
        ({"search": "Marisol BAKER"}, ["Baker"]),
        ({"search": "Marisol Cruz"}, []),
    ],
)
def test_staff_filters(department, staff, filters, expected):
    from lms.users.models import JobClass

    if "job_class_code" in filters:
        filters["job_class_id"] = JobClass.objects.get(code=filters.pop("job_class_code")).pk
    if "supervisor_name" in filters:
        filters["supervisor_id"] = staff["people"][filters.pop("supervisor_name")].pk
    assert _names(_list(department, staff, **filters)) == expected


@pytest.mark.django_db
def test_staff_filter_by_requirement_keeps_its_audience_and_then_its_status(
    department, staff, requirement
):
    second = staff["second"]
    assert _names(_list(department, staff, requirement_id=second.pk)) == ["Cruz"]
    assert _names(_list(department, staff, requirement_id=requirement.pk)) == [
        "Adams",
        "Baker",
        "Cruz",
        "Moved",
    ]
    assert (
        _names(_list(department, staff, requirement_id=requirement.pk, status=S.IN_PROGRESS)) == []
    )
    assert _names(_list(department, staff, requirement_id=second.pk, status=S.IN_PROGRESS)) == [
        "Cruz"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Adams", "Baker", "Boss", "Cruz", "Moved"]),
        ("-name", ["Moved", "Cruz", "Boss", "Baker", "Adams"]),
        ("employee_id", ["Boss", "Baker", "Adams", "Cruz", "Moved"]),
        ("-employee_id", ["Moved", "Cruz", "Adams", "Baker", "Boss"]),
        # Job class by code; people without one last, by name.
        ("job_class", ["Adams", "Baker", "Cruz", "Boss", "Moved"]),
        ("-job_class", ["Baker", "Cruz", "Adams", "Boss", "Moved"]),
        ("hired_on", ["Adams", "Baker", "Cruz", "Boss", "Moved"]),
        # Soonest open due date across requirements: Adams overdue (-3), Cruz +2, Moved +60.
        ("due_on", ["Adams", "Cruz", "Moved", "Baker", "Boss"]),
        # Worst status first: overdue, not started, not started, completed; no assignment last.
        ("status", ["Adams", "Cruz", "Moved", "Baker", "Boss"]),
        ("-status", ["Baker", "Cruz", "Moved", "Adams", "Boss"]),
    ],
)
def test_staff_sort(department, staff, sort, expected):
    assert _names(_list(department, staff, sort=sort)) == expected


@pytest.mark.django_db
def test_staff_sort_by_due_date_of_the_chosen_requirement(department, staff):
    second = staff["second"]
    people = _list(department, staff, requirement_id=staff["requirements"][0].pk, sort="due_on")
    # Adams -3, Cruz +9, Baker +60 (completed, still dated), Moved +60.
    assert _names(people) == ["Adams", "Cruz", "Baker", "Moved"]
    assert _names(_list(department, staff, requirement_id=second.pk, sort="-due_on")) == ["Cruz"]


@pytest.mark.django_db
def test_staff_list_refuses_an_unknown_sort_or_another_departments_requirement(
    department, staff, course
):
    with pytest.raises(ValueError, match="sort"):
        _list(department, staff, sort="password")
    elsewhere = RequirementFactory(course=course)
    with pytest.raises(ValueError, match="requirement"):
        _list(department, staff, requirement_id=elsewhere.pk)


@pytest.mark.django_db
def test_staff_rows_pivot_current_assignments_in_one_query(
    department, staff, django_assert_num_queries
):
    people = _list(department, staff)
    with django_assert_num_queries(1):
        rows = staff_rows_for_people(people=people, requirements=staff["requirements"])
    cells = {row.person.last_name: [c.status if c else None for c in row.cells] for row in rows}
    assert cells == {
        "Adams": [S.OVERDUE, None],
        "Baker": [S.COMPLETED_ON_TIME, None],
        "Boss": [None, None],
        "Cruz": [S.NOT_STARTED, S.IN_PROGRESS],
        "Moved": [S.NOT_STARTED, None],
    }


@pytest.mark.django_db
def test_staff_rows_iter_reads_in_chunks_with_one_pivot_query_per_chunk(
    department, staff, django_assert_num_queries
):
    people = staff_list_for_department(
        department=department, requirements=staff["requirements"], filters=StaffFilters()
    )
    # The people query (read through a cursor) plus one pivot per chunk of two: 5 people, 3.
    with django_assert_num_queries(4):
        rows = list(
            staff_rows_iter(people=people, requirements=staff["requirements"], chunk_size=2)
        )
    assert _names(row.person for row in rows) == ["Adams", "Baker", "Boss", "Cruz", "Moved"]
    assert rows[3].cells[1].status == S.IN_PROGRESS


# --- one person -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_person_belongs_to_their_department_or_one_they_have_assignments_in(
    department, other_department, requirement, learner, other_liaison
):
    assert person_get_for_department(department=department, user_id=learner.pk) == learner
    assert person_get_for_department(department=other_department, user_id=learner.pk) is None
    # Someone who transferred out keeps their history in the department they left.
    assign(other_liaison, requirement, is_current=False, department=department)
    assert person_get_for_department(department=department, user_id=other_liaison.pk) == (
        other_liaison
    )
    assert person_get_for_department(department=department, user_id=999_999) is None


@pytest.mark.django_db
def test_person_record_holds_history_certificates_reminders_exemptions_sessions_and_audit(
    department, course, requirement, learner, liaison, django_assert_num_queries
):
    supervisor = UserFactory(department=department)
    old = assign(
        learner, requirement, cycle=1, status=S.COMPLETED_LATE, completed_on=date(2024, 3, 1)
    )
    current = assign(learner, requirement, cycle=2, status=S.OVERDUE)
    retired = RequirementFactory(course=course, name="A retired requirement")
    assign(learner, retired, status=S.NOT_STARTED, is_current=False)
    completion = course_completion_record(user=learner, course=course, as_of=at_noon(AS_OF))
    certificate = certificate_issue(completion=completion)
    revoked = Exemption.objects.create(
        requirement=requirement,
        user=learner,
        reason="On leave",
        granted_by=liaison,
        granted_at=timezone.now() - timedelta(days=9),
        revoked_at=timezone.now() - timedelta(days=2),
        revoked_by=liaison,
        revoke_reason="Back at work",
    )
    in_force = Exemption.objects.create(
        requirement=requirement,
        user=learner,
        reason="Took it elsewhere",
        granted_by=liaison,
        granted_at=timezone.now(),
    )
    to_them = ReminderLog.objects.create(
        key="due-1",
        kind=ReminderKind.DUE_SOON,
        assignment=current,
        recipient=learner,
        claimed_at=timezone.now(),
    )
    about_them = ReminderLog.objects.create(
        key="supervisor-1",
        kind=ReminderKind.SUPERVISOR,
        assignment=current,
        recipient=supervisor,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    ReminderLog.objects.create(  # about someone else: not theirs
        key="digest-1",
        kind=ReminderKind.LIAISON_DIGEST,
        recipient=liaison,
        claimed_at=timezone.now(),
    )
    session = LiveSession.objects.create(
        course=course,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
    )
    registration = SessionRegistration.objects.create(
        session=session, user=learner, status=RegistrationStatus.REGISTERED
    )
    entry = audit_record(
        actor=liaison,
        action=AuditAction.EXEMPTION_GRANTED,
        employee=learner,
        requirement=requirement,
        after={"exemption": in_force.pk},
    )
    audit_record(actor=liaison, action=AuditAction.REMINDER_SENT, employee=supervisor)

    with django_assert_num_queries(6):
        record = person_record_get(person=learner)

    [current_history, retired_history] = record.histories
    assert current_history.requirement == requirement
    assert current_history.assignments == [current, old]
    assert current_history.current == current
    assert retired_history.current is None
    assert record.certificates == [certificate]
    assert record.reminders == [to_them, about_them]
    assert record.exemptions == [in_force, revoked]
    assert record.exemptions_in_force == [in_force]
    assert record.registrations == [registration]
    assert record.audit_entries == [entry]


@pytest.mark.django_db
def test_a_transfer_stays_on_the_old_departments_list_until_the_engine_moves_it(
    department, other_department, requirement
):
    """Moved in the admin (which announces the change, as the roster import does): the person
    shows in both departments' lists while their assignments still count in the old one, then
    only in the new one once the engine has run."""
    from courses.compliance.assignments import assignments_refresh_stale
    from courses.workbench.selectors import department_staff
    from lms.users.models import User
    from lms.users.signals import roster_changed
    from tests.factories import compliance_refresh

    person = UserFactory(department=department, last_name="Rivera")
    UserFactory(department=department, last_name="Stays")
    compliance_refresh()
    assert Assignment.objects.get(user=person, is_current=True).department == department
    person.department = other_department
    person.save()
    roster_changed.send(sender=User, user_ids=[person.pk])

    def names(where):
        return sorted(_names(department_staff(department=where)))

    assert names(department) == ["Rivera", "Stays"]
    assert "Rivera" in names(other_department)
    assignments_refresh_stale(as_of=timezone.localdate())
    assert names(department) == ["Stays"]
    assert "Rivera" in names(other_department)
    assert not StaleMark.objects.exists()
