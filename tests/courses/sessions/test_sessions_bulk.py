"""Registering many people and taking their attendance are bulk writes: the number of queries is
the same for 3 people as for 30, and every effect of the one-by-one path is kept."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.certificates.models import Certificate
from courses.compliance.models import AuditAction, AuditEntry, StaleMark
from courses.learning.models import CourseCompletion, Enrollment
from courses.learning.services import course_completion_record
from courses.sessions.models import (
    Attendance,
    LiveSession,
    RegistrationStatus,
    SessionMode,
    SessionRegistration,
)
from courses.sessions.services import (
    attendance_record,
    registration_cancel,
    registration_create,
    session_register_people,
)
from lms.users.models import User
from tests.factories import UserFactory

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LA)
START = datetime(2026, 3, 10, 9, 0, tzinfo=LA)
END = datetime(2026, 3, 10, 12, 0, tzinfo=LA)
DURING = START + timedelta(hours=1)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_session(course, *, capacity: int) -> LiveSession:
    return LiveSession.objects.create(
        course=course,
        starts_at=START,
        ends_at=END,
        mode=SessionMode.IN_PERSON,
        location="City Hall, room 340",
        capacity=capacity,
    )


def measured(work, **arguments):
    """What `work(**arguments)` returns, and the number of queries it made."""
    with CaptureQueriesContext(connection) as captured:
        result = work(**arguments)
    return result, len(captured.captured_queries)


def queued(callbacks, keyword: str) -> list:
    """The values of `keyword` in the callbacks queued for after the commit (tasks queued with
    delay_on_commit, session emails)."""
    return [
        callback.keywords[keyword]
        for callback in callbacks
        if keyword in (getattr(callback, "keywords", None) or {})
    ]


def register_scene(course, department, size: int):
    """A session with one seat fewer than `size` people: the first already holds a seat, the
    second cancelled theirs (and is registered again), the rest are new."""
    session = make_session(course, capacity=size - 1)
    people = UserFactory.create_batch(size, department=department)
    registration_create(session=session, user=people[0])
    registration_cancel(registration=registration_create(session=session, user=people[1]))
    return session, people


@pytest.mark.django_db
def test_registering_30_people_takes_as_many_queries_as_3(
    liaison, department, course, django_capture_on_commit_callbacks
):
    counts = {}
    for size in (3, 30):
        session, people = register_scene(course, department, size)
        actor = User.objects.get(pk=liaison.pk)  # no permission cache carried over
        with django_capture_on_commit_callbacks() as callbacks:
            registrations, counts[size] = measured(
                session_register_people,
                actor=actor,
                session=session,
                user_ids=[p.pk for p in people],
            )
        assert [r.user_id for r in registrations] == [p.pk for p in people]
        # The first kept their seat; then seats in order until the session is full.
        assert [r.status for r in registrations] == [RegistrationStatus.REGISTERED] * (size - 1) + [
            RegistrationStatus.WAITLISTED
        ]
        assert all(r.pk for r in registrations)
        stored = dict(
            SessionRegistration.objects.filter(session=session).values_list("user_id", "status")
        )
        assert stored == {r.user_id: r.status for r in registrations}
        assert all(r.registered_by_id == liaison.pk for r in registrations[1:])
        entries = AuditEntry.objects.filter(
            action=AuditAction.REGISTRATION_CHANGED, after__session=session.pk
        )
        assert sorted(entries.values_list("employee_id", flat=True)) == sorted(
            p.pk for p in people[1:]
        )
        renewed = entries.get(employee=people[1])
        assert renewed.before["status"] == RegistrationStatus.CANCELLED
        assert renewed.after == {
            "session": session.pk,
            "registration": registrations[1].pk,
            "status": RegistrationStatus.REGISTERED,
        }
        assert {entry.department_id for entry in entries} == {department.pk}
        # One email each to everyone newly registered or put on the waiting list.
        assert sorted(queued(callbacks, "registration_id")) == sorted(
            r.pk for r in registrations[1:]
        )
        assert queued(callbacks, "kind") == ["registered"] * (size - 2) + ["waitlisted"]

    assert counts[3] == counts[30]


@pytest.mark.django_db
def test_one_person_outside_the_departments_among_30_registers_nobody(
    liaison, department, other_department, course
):
    session = make_session(course, capacity=40)
    people = UserFactory.create_batch(29, department=department)
    outsider = UserFactory(department=other_department, first_name="Bo", last_name="Theirs")

    with pytest.raises(ValidationError) as refused:
        session_register_people(
            actor=liaison, session=session, user_ids=[*(p.pk for p in people), outsider.pk, 0]
        )

    assert refused.value.messages == [
        f"Bo Theirs ({outsider.employee_id}): This person is not in your departments.",
        "Employee record 0 does not exist.",
    ]
    assert not SessionRegistration.objects.exists()
    assert not AuditEntry.objects.exists()


def attendance_scene(ore, course, size: int):
    """A started session where `size` people hold a seat: the first completed the course last
    year (attending renews it), the second is already marked present, the rest never enrolled."""
    session = make_session(course, capacity=size)
    people = UserFactory.create_batch(size)
    session_register_people(actor=ore, session=session, user_ids=[p.pk for p in people])
    earlier = course_completion_record(
        user=people[0], course=course, as_of=NOW - timedelta(days=400)
    )
    with time_machine.travel(DURING, tick=False):
        attendance_record(actor=ore, session=session, user_ids=[people[1].pk], as_of=DURING)
    return session, people, earlier


@pytest.mark.django_db
def test_taking_attendance_of_30_people_takes_as_many_queries_as_3(
    ore, course, django_capture_on_commit_callbacks
):
    counts = {}
    for size in (3, 30):
        session, people, earlier = attendance_scene(ore, course, size)
        StaleMark.objects.all().delete()
        actor = User.objects.get(pk=ore.pk)
        with (
            time_machine.travel(DURING, tick=False),
            django_capture_on_commit_callbacks() as callbacks,
        ):
            result, counts[size] = measured(
                attendance_record,
                actor=actor,
                session=session,
                user_ids=[p.pk for p in people],
                as_of=DURING,
            )
        newly = [p for p in people if p != people[1]]
        assert [r.user_id for r in result.recorded] == [p.pk for p in newly]
        assert [r.user_id for r in result.already_recorded] == [people[1].pk]
        registrations = SessionRegistration.objects.filter(session=session, user__in=newly)
        assert {r.attendance for r in registrations} == {Attendance.PRESENT}
        assert {r.attended_at for r in registrations} == {DURING}
        assert {r.attendance_recorded_by_id for r in registrations} == {ore.pk}
        completions = CourseCompletion.objects.filter(
            pk__in=[r.completion_id for r in registrations]
        )
        assert sorted(completions.values_list("user_id", flat=True)) == sorted(p.pk for p in newly)
        assert {c.evidence for c in completions} == {
            f"Attended live session {session.pk} on 2026-03-10, recorded by {ore.pk}"
        }
        assert {c.completed_at for c in completions} == {DURING}
        # Last year's completion is history: the renewal is a new run.
        renewal = completions.get(user=people[0])
        assert renewal.run == earlier.run + 1
        assert Enrollment.objects.get(user=people[0], course=course).current_run == renewal.run
        assert (
            Enrollment.objects.filter(user__in=newly[1:], course=course, current_run=1).count()
            == len(newly) - 1
        )
        assert Enrollment.objects.filter(user__in=newly, course=course).count() == len(newly)
        # Each new completion has its certificate, its confirmation email queued and the
        # person's compliance marked stale; one audit entry each.
        certificates = Certificate.objects.filter(completion__in=completions)
        assert certificates.count() == len(newly)
        assert len({c.status_list_index for c in certificates}) == len(newly)
        assert {c.holder_name for c in certificates} >= {people[2].get_full_name()}
        assert sorted(queued(callbacks, "completion_id")) == sorted(c.pk for c in completions)
        assert set(StaleMark.objects.values_list("user_id", flat=True)) == {p.pk for p in newly}
        entries = AuditEntry.objects.filter(
            action=AuditAction.ATTENDANCE_RECORDED, after__session=session.pk
        )
        assert entries.count() == size  # people[1]'s from before, and one per person now
        entry = entries.get(employee=people[0])
        assert entry.after["completion"] == renewal.pk
        assert entry.before["attendance"] == ""

    assert counts[3] == counts[30]


@pytest.mark.django_db
def test_one_person_without_a_seat_among_30_records_nobody(ore, course):
    session = make_session(course, capacity=29)
    people = UserFactory.create_batch(30)
    session_register_people(actor=ore, session=session, user_ids=[p.pk for p in people])
    waiting = people[-1]
    audit_before = AuditEntry.objects.count()

    with time_machine.travel(DURING, tick=False), pytest.raises(ValidationError) as refused:
        attendance_record(actor=ore, session=session, user_ids=[p.pk for p in people], as_of=DURING)

    assert refused.value.messages == [
        f"{waiting.get_full_name()} ({waiting.employee_id}): on the waiting list, not registered"
    ]
    assert not CourseCompletion.objects.exists()
    assert not Certificate.objects.exists()
    assert AuditEntry.objects.count() == audit_before
    assert not SessionRegistration.objects.filter(attended_at__isnull=False).exists()
