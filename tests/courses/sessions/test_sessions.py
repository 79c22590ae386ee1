"""Live-session services: scheduling rules, seats and the waiting list, calendar files, and
attendance that completes the course (all or nothing)."""

import email.policy
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from courses.compliance.models import Assignment, AuditAction, AuditEntry
from courses.learning.models import CourseCompletion
from courses.learning.services import course_completion_record
from courses.sessions.models import (
    LiveSession,
    RegistrationStatus,
    SessionMode,
    SessionRegistration,
)
from courses.sessions.services import (
    attendance_record,
    registration_cancel,
    registration_create,
    session_cancel,
    session_ics,
    session_register_people,
    session_schedule,
    session_uid,
    session_update,
)
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LA)
START = datetime(2026, 3, 10, 9, 0, tzinfo=LA)
END = datetime(2026, 3, 10, 12, 0, tzinfo=LA)


@pytest.fixture(autouse=True)
def _clock():
    """Every test starts at NOW, before its fixtures are made; a test travels on from there."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_session(course, **fields) -> LiveSession:
    """A session stored directly (the tests of the rules call the services)."""
    values = {
        "course": course,
        "starts_at": START,
        "ends_at": END,
        "mode": SessionMode.IN_PERSON,
        "location": "City Hall, room 340",
        "capacity": 30,
    }
    values.update(fields)
    return LiveSession.objects.create(**values)


def details(course, **changes) -> dict:
    values = {
        "course": course,
        "starts_at": START,
        "ends_at": END,
        "mode": SessionMode.IN_PERSON,
        "location": "City Hall, room 340",
        "join_url": "",
        "capacity": 20,
    }
    values.update(changes)
    return values


def edits(**changes) -> dict:
    """What `session_update` takes: the details without the course (which stays)."""
    values = details(None, **changes)
    del values["course"]
    return values


def sent(callbacks_fixture, work):
    """Runs `work` and the emails it queues after commit; returns its result."""
    with callbacks_fixture(execute=True):
        return work()


def calendar_of(message) -> Calendar | None:
    """The calendar a sent email carries, read as a mail client reads it: the MIME part
    ``text/calendar`` whose ``method`` parameter must equal the METHOD inside (RFC 6047). None
    when the email has no calendar."""
    mime = message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    parts = [part for part in mime.walk() if part.get_content_type() == "text/calendar"]
    if not parts:
        return None
    (part,) = parts
    calendar = Calendar.from_ical(part.get_content())
    assert part.get_param("method") == str(calendar["method"])
    assert part.get_content_disposition() is None  # inline, in multipart/alternative
    attachments = [p for p in mime.iter_attachments() if p.get_filename() == "invite.ics"]
    assert [a.get_content_type() for a in attachments] == ["application/ics"]
    assert Calendar.from_ical(attachments[0].get_content()) == calendar
    return calendar


def event_of(message):
    return calendar_of(message).walk("VEVENT")[0]


# --- scheduling -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ore_schedules_a_citywide_session_and_the_audit_log_says_so(ore, course):
    session = session_schedule(actor=ore, **details(course), title="Foundations workshop")

    assert session.department is None
    assert session.created_by == ore
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.SESSION_SCHEDULED
    assert entry.actor == ore
    assert entry.after["session"] == session.pk
    assert entry.after["starts_at"] == START.isoformat()


@pytest.mark.django_db
def test_a_liaison_schedules_for_their_own_department(liaison, department, course):
    session = session_schedule(actor=liaison, **details(course), department=department)

    assert session.department == department
    assert AuditEntry.objects.get().department == department


SCHEDULING_MISTAKES = [
    ("ends before it starts", {"ends_at": START - timedelta(hours=1)}, "ends_at", "end after"),
    ("ends when it starts", {"ends_at": START}, "ends_at", "end after"),
    (
        "starts in the past",
        {"starts_at": NOW - timedelta(days=1), "ends_at": NOW - timedelta(hours=20)},
        "starts_at",
        "future",
    ),
    ("no seats", {"capacity": 0}, "capacity", "at least one"),
    ("in person without a place", {"location": "  "}, "location", "needs a place"),
    (
        "virtual without a link",
        {"mode": SessionMode.VIRTUAL, "location": ""},
        "join_url",
        "needs a link",
    ),
    (
        "virtual with something that is not a link",
        {"mode": SessionMode.VIRTUAL, "join_url": "teams meeting"},
        "join_url",
        "https://",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [row[1:] for row in SCHEDULING_MISTAKES],
    ids=[row[0] for row in SCHEDULING_MISTAKES],
)
def test_a_session_that_cannot_happen_is_refused_and_nothing_is_stored(
    ore, course, changes, field, message
):
    with pytest.raises(ValidationError) as refused:
        session_schedule(actor=ore, **details(course, **changes))

    assert message in " ".join(refused.value.message_dict[field])
    assert not LiveSession.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_liaison_must_choose_one_of_their_departments(
    liaison, other_department, department, course
):
    for chosen, message in ((None, "Choose the department"), (other_department, "your depart")):
        with pytest.raises(ValidationError) as refused:
            session_schedule(actor=liaison, **details(course), department=chosen)
        assert message in refused.value.message_dict["department"][0]
    assert not LiveSession.objects.exists()


@pytest.mark.django_db
def test_a_learner_cannot_schedule(learner, department, course):
    with pytest.raises(ValidationError):
        session_schedule(actor=learner, **details(course), department=department)
    assert not LiveSession.objects.exists()


@pytest.mark.django_db
def test_changing_the_time_emails_registrants_a_new_calendar_with_a_higher_sequence(
    ore, learner, course, django_capture_on_commit_callbacks
):
    session = session_schedule(actor=ore, **details(course))
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )
    first = event_of(mail.outbox[0])
    later = {"starts_at": START + timedelta(days=1), "ends_at": END + timedelta(days=1)}

    sent(
        django_capture_on_commit_callbacks,
        lambda: session_update(actor=ore, session=session, **edits(**later)),
    )

    assert len(mail.outbox) == 2
    assert "changed" in mail.outbox[1].subject
    assert str(calendar_of(mail.outbox[1])["method"]) == "REQUEST"
    event = event_of(mail.outbox[1])
    assert event.decoded("dtstart") == (START + timedelta(days=1)).astimezone(UTC)
    assert str(event["uid"]) == str(first["uid"])
    assert int(event["sequence"]) == int(first["sequence"]) + 1
    change = AuditEntry.objects.get(action=AuditAction.SESSION_CHANGED)
    assert set(change.after) == {"session", "starts_at", "ends_at"}


@pytest.mark.django_db
def test_saving_a_session_unchanged_writes_nothing(ore, course):
    session = session_schedule(actor=ore, **details(course))
    session_update(actor=ore, session=session, **edits())

    assert not AuditEntry.objects.filter(action=AuditAction.SESSION_CHANGED).exists()


@pytest.mark.django_db
def test_capacity_cannot_drop_below_the_people_registered(ore, course):
    session = make_session(course, capacity=3)
    for _ in range(3):
        registration_create(session=session, user=UserFactory())
    with pytest.raises(ValidationError) as refused:
        session_update(actor=ore, session=session, **edits(capacity=2))

    assert "3 people are registered" in refused.value.message_dict["capacity"][0]
    session.refresh_from_db()
    assert session.capacity == 3


@pytest.mark.django_db
def test_a_larger_capacity_gives_seats_to_the_waiting_list_in_order(ore, course):
    session = make_session(course, capacity=1)
    people = UserFactory.create_batch(3)
    for person in people:
        registration_create(session=session, user=person)
    session_update(actor=ore, session=session, **edits(capacity=2))

    statuses = dict(SessionRegistration.objects.values_list("user_id", "status"))
    assert statuses == {
        people[0].pk: RegistrationStatus.REGISTERED,
        people[1].pk: RegistrationStatus.REGISTERED,
        people[2].pk: RegistrationStatus.WAITLISTED,
    }


@pytest.mark.django_db
def test_cancelling_a_session_emails_everyone_with_the_reason_once(
    ore, course, django_capture_on_commit_callbacks
):
    session = make_session(course, capacity=1)
    seated, waiting = UserFactory(), UserFactory()
    registration_create(session=session, user=seated)
    registration_create(session=session, user=waiting)

    for _ in range(2):
        sent(
            django_capture_on_commit_callbacks,
            lambda: session_cancel(actor=ore, session=session, reason="The trainer is ill."),
        )

    assert sorted(message.to[0] for message in mail.outbox) == sorted([seated.email, waiting.email])
    assert all("The trainer is ill." in message.body for message in mail.outbox)
    (to_seated,) = [m for m in mail.outbox if m.to == [seated.email]]
    (to_waiting,) = [m for m in mail.outbox if m.to == [waiting.email]]
    assert str(calendar_of(to_seated)["method"]) == "CANCEL"
    assert str(event_of(to_seated)["status"]) == "CANCELLED"
    assert calendar_of(to_waiting) is None  # never had the event: nothing to remove
    assert AuditEntry.objects.filter(action=AuditAction.SESSION_CHANGED).count() == 1


@pytest.mark.django_db
def test_cancelling_needs_a_reason(ore, course):
    session = make_session(course)
    with pytest.raises(ValidationError) as refused:
        session_cancel(actor=ore, session=session, reason=" ")
    assert "reason" in refused.value.message_dict
    session.refresh_from_db()
    assert not session.is_cancelled


# --- registration, the waiting list -----------------------------------------------------------


@pytest.mark.django_db
def test_a_full_session_puts_people_on_the_waiting_list_and_a_freed_seat_goes_to_the_first(
    course, django_capture_on_commit_callbacks
):
    session = make_session(course, capacity=2)
    first, second, third, fourth = UserFactory.create_batch(4)

    registrations = sent(
        django_capture_on_commit_callbacks,
        lambda: [registration_create(session=session, user=p) for p in (first, second, third)],
    )
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        registration_create(session=session, user=fourth)

    assert [r.status for r in registrations] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
    ]
    assert [m.to for m in mail.outbox] == [[first.email], [second.email], [third.email]]
    assert calendar_of(mail.outbox[0]), "the confirmation carries the calendar invitation"
    assert calendar_of(mail.outbox[2]) is None, "the waiting list email has no calendar"
    assert "waiting list" in mail.outbox[2].subject
    mail.outbox.clear()

    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_cancel(registration=registrations[0]),
    )

    statuses = dict(SessionRegistration.objects.values_list("user_id", "status"))
    assert statuses == {
        first.pk: RegistrationStatus.CANCELLED,
        second.pk: RegistrationStatus.REGISTERED,
        third.pk: RegistrationStatus.REGISTERED,
        fourth.pk: RegistrationStatus.WAITLISTED,
    }
    assert [m.to for m in mail.outbox] == [[first.email], [third.email]]
    assert str(calendar_of(mail.outbox[0])["method"]) == "CANCEL"  # out of first's calendar
    assert "seat" in mail.outbox[1].subject
    assert str(calendar_of(mail.outbox[1])["method"]) == "REQUEST"


@pytest.mark.django_db
def test_registering_twice_returns_the_same_registration_and_sends_one_email(
    learner, course, django_capture_on_commit_callbacks
):
    session = make_session(course)

    first = sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )
    again = sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )

    assert again.pk == first.pk
    assert SessionRegistration.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_cancelling_twice_is_harmless_and_registering_again_renews(learner, course):
    session = make_session(course)
    registration = registration_create(session=session, user=learner)
    registration_cancel(registration=registration)
    registration_cancel(registration=registration)

    renewed = registration_create(session=session, user=learner)

    assert renewed.pk == registration.pk
    assert renewed.status == RegistrationStatus.REGISTERED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"is_cancelled": True}, "cancelled"),
        (
            {"starts_at": NOW - timedelta(hours=2), "ends_at": NOW - timedelta(hours=1)},
            "already started",
        ),
        ({"starts_at": NOW - timedelta(minutes=5)}, "already started"),
    ],
    ids=["cancelled", "past", "under way"],
)
def test_no_registering_for_a_cancelled_or_started_session(learner, course, fields, message):
    session = make_session(course, **fields)

    with pytest.raises(ValidationError) as refused:
        registration_create(session=session, user=learner)

    assert message in refused.value.messages[0]
    assert not SessionRegistration.objects.exists()


@pytest.mark.django_db
def test_a_departments_session_is_for_its_own_employees(
    learner, other_liaison, other_department, course
):
    session = make_session(course, department=other_department)

    with pytest.raises(ValidationError) as refused:
        registration_create(session=session, user=learner)

    assert "only for employees of Library" in refused.value.messages[0]
    assert not SessionRegistration.objects.exists()
    registration_create(session=session, user=other_liaison)
    assert SessionRegistration.objects.count() == 1


@pytest.mark.django_db
def test_a_liaison_registers_many_of_their_people_and_it_is_audited(
    liaison, department, course, django_capture_on_commit_callbacks
):
    session = make_session(course, capacity=2)
    people = UserFactory.create_batch(3, department=department)

    registrations = sent(
        django_capture_on_commit_callbacks,
        lambda: session_register_people(
            actor=liaison, session=session, user_ids=[p.pk for p in people]
        ),
    )

    assert [r.status for r in registrations] == ["registered", "registered", "waitlisted"]
    assert all(r.registered_by == liaison for r in registrations)
    entries = AuditEntry.objects.filter(action=AuditAction.REGISTRATION_CHANGED)
    assert sorted(entries.values_list("employee_id", flat=True)) == sorted(p.pk for p in people)
    assert {entry.actor_id for entry in entries} == {liaison.pk}
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_registering_someone_outside_the_liaisons_departments_registers_nobody(
    liaison, department, other_department, course
):
    session = make_session(course)
    mine = UserFactory(department=department, first_name="Ana", last_name="Mine")
    theirs = UserFactory(department=other_department, first_name="Bo", last_name="Theirs")

    with pytest.raises(ValidationError) as refused:
        session_register_people(actor=liaison, session=session, user_ids=[mine.pk, theirs.pk])

    assert refused.value.messages == [
        f"Bo Theirs ({theirs.employee_id}): This person is not in your departments."
    ]
    assert not SessionRegistration.objects.exists()
    assert not AuditEntry.objects.exists()


# --- the calendar file ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_calendar_file_parses_with_a_stable_uid_and_utc_times(course, settings):
    settings.SITE_URL = "https://learn.lacity.test"
    session = make_session(course, title="Foundations workshop", notes="Bring a pen.")

    first = Calendar.from_ical(session_ics(session=session))
    again = Calendar.from_ical(session_ics(session=session))

    assert str(first["method"]) == "PUBLISH"
    assert str(first["version"]) == "2.0"
    event = first.walk("VEVENT")[0]
    assert str(event["uid"]) == str(again.walk("VEVENT")[0]["uid"]) == session_uid(session)
    assert str(event["uid"]) == f"live-session-{session.pk}@learn.lacity.test"
    assert event.decoded("dtstart") == datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 3, 10, 19, 0, tzinfo=UTC)
    assert event["dtstart"].to_ical().endswith(b"Z")
    assert str(event["summary"]) == "Foundations workshop"
    assert str(event["location"]) == "City Hall, room 340"
    assert "Bring a pen." in str(event["description"])
    assert f"https://learn.lacity.test/sessions/{session.pk}/" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"


@pytest.mark.django_db
def test_a_virtual_sessions_calendar_file_carries_the_link(course):
    link = "https://teams.example.test/meet/123"
    session = make_session(course, mode=SessionMode.VIRTUAL, location="", join_url=link)

    event = Calendar.from_ical(session_ics(session=session)).walk("VEVENT")[0]

    assert str(event["url"]) == link
    assert str(event["location"]) == link
    assert str(event["summary"]) == course.title


@pytest.mark.django_db
def test_the_confirmation_is_in_the_persons_language(course, django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="es")
    session = make_session(course)

    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=person),
    )

    assert "martes, 10 de marzo de 2026" in mail.outbox[0].body  # Spanish date formats
    assert "10 de marzo de 2026" in mail.outbox[0].subject


@pytest.fixture
def organizer(settings):
    settings.CALENDAR_ORGANIZER_EMAIL = "ORE Training <ore.training@lacity.test>"
    return "mailto:ore.training@lacity.test"


def _person(event, name: str) -> tuple[str, dict]:
    value = event[name]
    assert not isinstance(value, list), f"one {name} only"
    return str(value), dict(value.params)


@pytest.mark.django_db
def test_the_confirmation_is_an_invitation_from_ore_to_the_person(
    course, organizer, django_capture_on_commit_callbacks
):
    person = UserFactory(first_name="Ana", last_name="Reyes")
    session = make_session(course)

    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=person),
    )

    calendar = calendar_of(mail.outbox[0])
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == session_uid(session)
    address, params = _person(event, "organizer")
    assert address == organizer
    assert params["CN"] == "ORE Training"
    address, params = _person(event, "attendee")
    assert address == f"mailto:{person.email}"
    assert params["CN"] == "Ana Reyes"
    assert params["PARTSTAT"] == "ACCEPTED"
    assert params["RSVP"] == "FALSE"
    assert str(event["status"]) == "CONFIRMED"


@pytest.mark.django_db
def test_the_organizer_defaults_to_the_sender_address(course, settings):
    settings.DEFAULT_FROM_EMAIL = "Equity LMS <no-reply@lacity.test>"
    del settings.CALENDAR_ORGANIZER_EMAIL
    session = make_session(course)

    event = Calendar.from_ical(session_ics(session=session)).walk("VEVENT")[0]

    assert str(event["organizer"]) == "mailto:no-reply@lacity.test"
    assert event["organizer"].params["CN"] == "Equity LMS"


@pytest.mark.django_db
def test_the_download_is_published_with_an_organizer_and_no_attendee(course, organizer):
    session = make_session(course)

    calendar = Calendar.from_ical(session_ics(session=session))

    assert str(calendar["method"]) == "PUBLISH"
    event = calendar.walk("VEVENT")[0]
    assert str(event["organizer"]) == organizer
    assert "attendee" not in event


@pytest.mark.django_db
def test_cancelling_my_seat_cancels_the_event_and_a_new_seat_invites_again(
    learner, course, organizer, django_capture_on_commit_callbacks
):
    session = make_session(course)
    registration = sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_cancel(registration=registration),
    )
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_cancel(registration=registration),
    )

    calendars = [calendar_of(message) for message in mail.outbox]
    assert [str(c["method"]) for c in calendars] == ["REQUEST", "CANCEL", "REQUEST", "CANCEL"]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert {str(e["uid"]) for e in events} == {session_uid(session)}
    sequences = [int(e["sequence"]) for e in events]
    assert sequences == sorted(set(sequences)), "each message replaces the one before"
    assert str(events[1]["status"]) == "CANCELLED"
    assert str(events[1]["organizer"]) == organizer
    assert str(events[1]["attendee"]) == f"mailto:{learner.email}"


@pytest.mark.django_db
def test_a_liaison_cancelling_a_seat_cancels_the_persons_event(
    liaison, learner, course, django_capture_on_commit_callbacks
):
    session = make_session(course)
    registration = sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_cancel(registration=registration, actor=liaison),
    )

    invitation, cancellation = (event_of(message) for message in mail.outbox)
    assert mail.outbox[1].to == [learner.email]
    assert str(calendar_of(mail.outbox[1])["method"]) == "CANCEL"
    assert str(cancellation["uid"]) == str(invitation["uid"])
    assert int(cancellation["sequence"]) > int(invitation["sequence"])
    assert "removes it from your calendar" in mail.outbox[1].body


@pytest.mark.django_db
def test_leaving_the_waiting_list_sends_no_calendar(
    learner, course, django_capture_on_commit_callbacks
):
    session = make_session(course, capacity=1)
    registration_create(session=session, user=UserFactory())
    waiting = registration_create(session=session, user=learner)
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_cancel(registration=waiting),
    )

    assert mail.outbox == []


@pytest.mark.django_db
def test_a_cancelled_session_cancels_the_event_after_every_update(
    ore, learner, course, django_capture_on_commit_callbacks
):
    session = session_schedule(actor=ore, **details(course))
    sent(
        django_capture_on_commit_callbacks,
        lambda: registration_create(session=session, user=learner),
    )
    sent(
        django_capture_on_commit_callbacks,
        lambda: session_update(actor=ore, session=session, **edits(location="Room 2")),
    )
    sent(
        django_capture_on_commit_callbacks,
        lambda: session_cancel(actor=ore, session=session, reason="The trainer is ill."),
    )

    methods = [str(calendar_of(message)["method"]) for message in mail.outbox]
    assert methods == ["REQUEST", "REQUEST", "CANCEL"]
    sequences = [int(event_of(message)["sequence"]) for message in mail.outbox]
    assert sequences[0] < sequences[1] < sequences[2]
    assert str(event_of(mail.outbox[1])["location"]) == "Room 2"


# --- attendance -------------------------------------------------------------------------------


@pytest.fixture
def started(course):
    """A session that started an hour ago (we travel to during the session)."""
    return make_session(course, capacity=3)


def during_session():
    return time_machine.travel(START + timedelta(hours=1), tick=False)


@pytest.mark.django_db
def test_attendance_completes_the_course_with_evidence_and_the_assignment_at_once(
    liaison, learner, course, started
):
    requirement = RequirementFactory(course=course)
    compliance_refresh()
    registration_create(session=started, user=learner)
    assignment = Assignment.objects.get(user=learner, requirement=requirement, is_current=True)
    assert assignment.status == "not_started"

    with during_session():
        as_of = START + timedelta(hours=1)
        result = attendance_record(
            actor=liaison, session=started, user_ids=[learner.pk], as_of=as_of
        )

    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert completion.evidence == (
        f"Attended live session {started.pk} on 2026-03-10, recorded by {liaison.pk}"
    )
    assert completion.completed_at == as_of
    registration = SessionRegistration.objects.get(session=started, user=learner)
    assert registration.attended_at == as_of
    assert registration.attendance_recorded_by == liaison
    assert registration.completion == completion
    assert result.recorded == [registration]
    assignment.refresh_from_db()
    assert assignment.status == "completed_on_time"
    assert assignment.completion == completion
    entry = AuditEntry.objects.get(action=AuditAction.ATTENDANCE_RECORDED)
    assert entry.actor == liaison
    assert entry.employee == learner
    assert entry.before["attended_at"] is None
    assert entry.after["completion"] == completion.pk
    assert entry.after["attended_at"] == as_of.isoformat()


@pytest.mark.django_db
def test_attendance_recorded_late_counts_at_the_end_of_the_session(ore, learner, started):
    registration_create(session=started, user=learner)

    attendance_record(
        actor=ore, session=started, user_ids=[learner.pk], as_of=END + timedelta(days=3)
    )

    assert CourseCompletion.objects.get(user=learner).completed_at == END


@pytest.mark.django_db
def test_recording_attendance_again_changes_nothing(liaison, learner, started):
    registration_create(session=started, user=learner)
    as_of = START + timedelta(hours=1)
    attendance_record(actor=liaison, session=started, user_ids=[learner.pk], as_of=as_of)

    again = attendance_record(
        actor=liaison, session=started, user_ids=[learner.pk], as_of=as_of + timedelta(hours=1)
    )

    assert again.recorded == []
    assert [r.user_id for r in again.already_recorded] == [learner.pk]
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.ATTENDANCE_RECORDED).count() == 1
    assert SessionRegistration.objects.get(user=learner).attended_at == as_of


@pytest.mark.django_db
def test_attending_after_an_earlier_completion_renews_it(ore, learner, course, started):
    earlier = course_completion_record(user=learner, course=course, as_of=NOW - timedelta(days=400))
    registration_create(session=started, user=learner)

    attendance_record(
        actor=ore, session=started, user_ids=[learner.pk], as_of=START + timedelta(hours=1)
    )

    registration = SessionRegistration.objects.get(user=learner)
    assert registration.completion != earlier
    assert registration.completion.run == earlier.run + 1
    assert registration.completion.evidence.startswith("Attended live session")
    earlier.refresh_from_db()
    assert earlier.evidence == ""


@pytest.mark.django_db
def test_attendance_for_anyone_not_seated_or_outside_the_department_records_nobody(
    liaison, department, other_department, course
):
    session = make_session(course, capacity=2)  # citywide: any department may register
    seated = UserFactory(department=department, first_name="Ana", last_name="Seated")
    also = UserFactory(department=department, first_name="Cy", last_name="Seated")
    waiting = UserFactory(department=department, first_name="Wes", last_name="Waiting")
    never = UserFactory(department=department, first_name="Nia", last_name="Never")
    left = UserFactory(department=department, first_name="Lee", last_name="Left")
    library = UserFactory(department=other_department, first_name="Lib", last_name="Rary")
    for person in (seated, also, waiting, left, library):  # two seats: the rest wait
        registration_create(session=session, user=person)
    registration_cancel(registration=SessionRegistration.objects.get(user=left))
    audit_before = AuditEntry.objects.count()

    with during_session(), pytest.raises(ValidationError) as refused:
        attendance_record(
            actor=liaison,
            session=session,
            user_ids=[seated.pk, never.pk, waiting.pk, left.pk, library.pk],
            as_of=START + timedelta(hours=1),
        )

    assert refused.value.messages == [
        f"Nia Never ({never.employee_id}): not registered for this session",
        f"Wes Waiting ({waiting.employee_id}): on the waiting list, not registered",
        f"Lee Left ({left.employee_id}): cancelled their registration",
        f"Lib Rary ({library.employee_id}): not in your departments",
    ]
    assert not CourseCompletion.objects.exists()
    assert AuditEntry.objects.count() == audit_before
    assert not SessionRegistration.objects.filter(attended_at__isnull=False).exists()
    assert not SessionRegistration.objects.filter(completion__isnull=False).exists()


@pytest.mark.django_db
def test_ore_may_mark_anyone_seated_present(ore, other_department, started):
    library = UserFactory(department=other_department)
    registration_create(session=started, user=library)

    result = attendance_record(
        actor=ore, session=started, user_ids=[library.pk], as_of=START + timedelta(hours=1)
    )

    assert [r.user_id for r in result.recorded] == [library.pk]


@pytest.mark.django_db
def test_no_attendance_before_the_session_starts_or_for_a_cancelled_one(ore, learner, started):
    registration_create(session=started, user=learner)

    with pytest.raises(ValidationError) as early:
        attendance_record(actor=ore, session=started, user_ids=[learner.pk], as_of=NOW)
    assert "once the session has started" in early.value.messages[0]

    session_cancel(actor=ore, session=started, reason="Room flooded.")
    with pytest.raises(ValidationError) as cancelled:
        attendance_record(
            actor=ore, session=started, user_ids=[learner.pk], as_of=START + timedelta(hours=1)
        )
    assert "cancelled" in cancelled.value.messages[0]
    assert not CourseCompletion.objects.exists()


@pytest.mark.django_db
def test_attendance_needs_someone(ore, started):
    with pytest.raises(ValidationError):
        attendance_record(actor=ore, session=started, user_ids=[], as_of=END)


@pytest.mark.django_db
def test_a_registration_with_attendance_cannot_be_cancelled_nor_the_session(ore, learner, started):
    registration = registration_create(session=started, user=learner)
    attendance_record(
        actor=ore, session=started, user_ids=[learner.pk], as_of=START + timedelta(minutes=30)
    )

    with during_session(), pytest.raises(ValidationError):
        registration_cancel(registration=registration)
    with (
        time_machine.travel(START + timedelta(minutes=45), tick=False),
        pytest.raises(ValidationError),
    ):
        session_cancel(actor=ore, session=started, reason="Too late")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


# --- concurrency (PostgreSQL) -----------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_cannot_take_the_last_seat_at_once(course):
    session = LiveSession.objects.create(
        course=course,
        starts_at=datetime.now(UTC) + timedelta(days=7),
        ends_at=datetime.now(UTC) + timedelta(days=7, hours=2),
        location="City Hall",
        capacity=1,
    )
    people = UserFactory.create_batch(6)
    barrier = threading.Barrier(len(people))
    errors: list = []

    def register(person):
        from django.db import connection

        try:
            barrier.wait(timeout=10)
            registration_create(session=session, user=person)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    statuses = list(SessionRegistration.objects.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.REGISTERED) == 1
    assert statuses.count(RegistrationStatus.WAITLISTED) == 5


@pytest.mark.django_db
def test_session_logs_carry_ids_never_names(caplog, ore, department, course):
    import logging

    caplog.set_level(logging.DEBUG)
    person = UserFactory(department=department, first_name="Zoraida", last_name="Quenneville")
    session = make_session(course, capacity=1)
    registration_create(session=session, user=person)
    registration_create(session=session, user=UserFactory(first_name="Xiomara"))
    with during_session():
        attendance_record(
            actor=ore, session=session, user_ids=[person.pk], as_of=START + timedelta(hours=1)
        )

    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("courses"))
    assert "live session" in ours
    for name in ("Zoraida", "Quenneville", "Xiomara", person.email):
        assert name not in ours
