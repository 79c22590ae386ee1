"""The liaison's audit log names what an entry is about (course, requirement, session, person)
instead of database ids, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.compliance.audit import audit_record
from courses.compliance.models import Assignment, AuditAction
from courses.learning.models import CourseCompletion
from courses.sessions.models import LiveSession, SessionRegistration
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

URL = "/liaison/GSD/audit/"


def _attendance(*, ore, person, course, requirement):
    now = timezone.now()
    session = LiveSession.objects.create(
        course=course,
        title="Workshop at City Hall East",
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=1),
    )
    registration = SessionRegistration.objects.create(session=session, user=person)
    completion = CourseCompletion.objects.create(user=person, course=course, completed_at=now)
    assignment = Assignment.objects.get(user=person, requirement=requirement)
    audit_record(
        actor=ore,
        action=AuditAction.ATTENDANCE_RECORDED,
        employee=person,
        before={"session": session.pk, "registration": registration.pk, "attended_at": None},
        after={
            "session": session.pk,
            "registration": registration.pk,
            "attended_at": now.isoformat(),
            "completion": completion.pk,
            "course": course.pk,
        },
    )
    audit_record(
        actor=ore,
        action=AuditAction.REMINDER_SENT,
        employee=person,
        requirement=requirement,
        after={"assignment": assignment.pk, "status": assignment.status},
    )
    return completion, assignment


@pytest.fixture
def foundations(course):
    requirement = RequirementFactory(course=course, name="Foundations for everyone")
    return requirement


@pytest.mark.django_db
def test_entries_name_the_course_requirement_session_and_person(
    client, liaison, ore, department, course, foundations
):
    person = UserFactory(department=department, first_name="Ines", last_name="Attender")
    compliance_refresh()
    completion, assignment = _attendance(
        ore=ore, person=person, course=course, requirement=foundations
    )
    client.force_login(liaison)

    html = client.get(URL).content.decode()

    assert f"#{completion.pk}" not in html
    assert f"#{assignment.pk}" not in html
    assert f"#{course.pk}" not in html
    assert course.title in html
    assert "Workshop at City Hall East" in html
    # The attendance entry names the requirement its course meets.
    rows = client.get(URL).context["rows"]
    attendance = next(r for r in rows if r["entry"].action == AuditAction.ATTENDANCE_RECORDED)
    assert attendance["requirement_names"] == ["Foundations for everyone"]
    assert "Ines Attender" in html


@pytest.mark.django_db
def test_naming_takes_a_fixed_number_of_queries(
    client, liaison, ore, department, course, foundations
):
    client.force_login(liaison)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    people = [UserFactory(department=department) for _ in range(6)]
    compliance_refresh()
    _attendance(ore=ore, person=people[0], course=course, requirement=foundations)
    few = queries()
    for person in people[1:]:
        _attendance(ore=ore, person=person, course=course, requirement=foundations)
    assert queries() == few
    assert few <= 16
