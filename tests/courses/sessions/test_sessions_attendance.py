"""Attendance beyond "present": absent, excused, and taking a record back, each audited."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from courses.compliance.models import Assignment, AuditAction, AuditEntry
from courses.learning.models import CourseCompletion
from courses.sessions.models import SessionRegistration
from courses.sessions.services import attendance_change, attendance_record, registration_create
from tests.courses.sessions.test_sessions import END, NOW, START, make_session
from tests.factories import RequirementFactory, compliance_refresh

DURING = START + timedelta(hours=1)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def seated(course, learner):
    session = make_session(course)
    registration_create(session=session, user=learner)
    return session


@pytest.mark.django_db
@pytest.mark.parametrize("attendance", ["absent", "excused"])
def test_absent_or_excused_is_recorded_and_audited_and_completes_nothing(
    liaison, learner, course, seated, attendance
):
    requirement = RequirementFactory(course=course)
    compliance_refresh()

    result = attendance_change(
        actor=liaison, session=seated, user_ids=[learner.pk], attendance=attendance, as_of=DURING
    )

    registration = SessionRegistration.objects.get(user=learner)
    assert result.changed == [registration]
    assert registration.attendance == attendance
    assert registration.attended_at is None
    assert not CourseCompletion.objects.exists()
    assert Assignment.objects.get(user=learner, requirement=requirement).status == "not_started"
    entry = AuditEntry.objects.get(action=AuditAction.ATTENDANCE_CHANGED)
    assert (entry.actor, entry.employee) == (liaison, learner)
    assert (entry.before["attendance"], entry.after["attendance"]) == ("", attendance)


@pytest.mark.django_db
def test_absent_can_be_undone_then_marked_present(liaison, learner, seated):
    attendance_change(
        actor=liaison, session=seated, user_ids=[learner.pk], attendance="absent", as_of=DURING
    )
    attendance_change(
        actor=liaison, session=seated, user_ids=[learner.pk], attendance="", as_of=DURING
    )
    assert SessionRegistration.objects.get(user=learner).attendance == ""

    attendance_record(actor=liaison, session=seated, user_ids=[learner.pk], as_of=DURING)

    registration = SessionRegistration.objects.get(user=learner)
    assert (registration.attendance, registration.attended_at) == ("present", DURING)
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["attendance_changed", "attendance_changed", "attendance_recorded"]
    assert AuditEntry.objects.last().before["attendance"] == ""


@pytest.mark.django_db
def test_undoing_a_present_keeps_the_completion_and_names_it_in_the_audit_log(
    liaison, learner, course, seated
):
    attendance_record(actor=liaison, session=seated, user_ids=[learner.pk], as_of=DURING)
    completion = CourseCompletion.objects.get(user=learner)

    attendance_change(
        actor=liaison, session=seated, user_ids=[learner.pk], attendance="", as_of=END
    )

    registration = SessionRegistration.objects.get(user=learner)
    assert (registration.attendance, registration.attended_at) == ("", None)
    assert CourseCompletion.objects.get(user=learner) == completion
    entry = AuditEntry.objects.get(action=AuditAction.ATTENDANCE_CHANGED)
    assert entry.before["attendance"] == "present"
    assert entry.before["completion"] == completion.pk
    assert entry.after["attendance"] == ""


@pytest.mark.django_db
def test_the_same_attendance_again_writes_nothing(liaison, learner, seated):
    for _ in range(2):
        result = attendance_change(
            actor=liaison, session=seated, user_ids=[learner.pk], attendance="excused", as_of=END
        )
    assert result.changed == []
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("attendance", ["present", "late", "EXCUSED"])
def test_an_unknown_attendance_is_refused_and_changes_nothing(liaison, learner, seated, attendance):
    with pytest.raises(ValidationError):
        attendance_change(
            actor=liaison,
            session=seated,
            user_ids=[learner.pk],
            attendance=attendance,
            as_of=DURING,
        )
    assert not AuditEntry.objects.exists()
    assert SessionRegistration.objects.get(user=learner).attendance == ""


@pytest.mark.django_db
def test_the_attendance_page_marks_excused_and_undoes_it(client, liaison, learner, seated):
    url = f"/sessions/{seated.pk}/attendance/"
    client.force_login(liaison)
    with time_machine.travel(DURING, tick=False):
        html = client.get(url).content.decode()
        assert 'name="present-attendance"' in html
        response = client.post(
            url, {"present-user": [learner.pk], "present-attendance": "excused"}, follow=True
        )
        assert "Attendance changed for 1 person." in response.content.decode()
        assert SessionRegistration.objects.get(user=learner).attendance == "excused"
        client.post(url, {"present-user": [learner.pk], "present-attendance": "not_recorded"})
        assert SessionRegistration.objects.get(user=learner).attendance == ""
        response = client.post(url, {"present-user": [learner.pk], "present-attendance": "maybe"})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.ATTENDANCE_CHANGED).count() == 2


@pytest.mark.django_db
def test_the_audit_log_reads_each_attendance_change_in_words(client, liaison, learner, seated):
    attendance_change(
        actor=liaison, session=seated, user_ids=[learner.pk], attendance="absent", as_of=DURING
    )
    client.force_login(liaison)
    html = client.get("/liaison/GSD/audit/").content.decode()
    assert "Attendance changed" in html
    assert "Absent" in html
