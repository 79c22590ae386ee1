"""Live-session pages: every role against every URL, and what each person can do there."""

from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from courses.compliance.models import AuditEntry
from courses.learning.models import CourseCompletion
from courses.sessions.models import LiveSession, RegistrationStatus, SessionRegistration
from courses.sessions.selectors import (
    registration_list_for_session,
    registration_list_for_user,
    session_list_for_manager,
    session_list_upcoming_for_user,
    staff_list_for_registration,
)
from courses.sessions.services import registration_create
from tests.courses.sessions.test_sessions import LA, NOW, START, calendar_of, make_session
from tests.factories import UserFactory

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]
SIGNED_IN = ROLES[1:]
MANAGERS = {"ore": 200, "admin_user": 200}


@pytest.fixture(autouse=True)
def _clock():
    """Every test starts at NOW, before its fixtures are made; a test travels on from there."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def ids(course, learner, department, other_department):
    """{gsd}: General Services' session (the learner is registered); {lapl}: the Library's;
    {city}: a citywide session."""
    gsd = make_session(course, department=department, title="GSD workshop")
    lapl = make_session(course, department=other_department, title="Library workshop")
    city = make_session(course, title="Citywide workshop")
    registration_create(session=gsd, user=learner)
    return {"gsd": gsd.pk, "lapl": lapl.pk, "city": city.pk, "none": 999999}


def roster_urls(suffix: str) -> list:
    """register_people and attendance: who may take which roster."""
    return [
        (
            f"/sessions/{{gsd}}/{suffix}",
            {"learner": 403, "liaison": 200, "other_liaison": 404, **MANAGERS},
        ),
        (
            f"/sessions/{{lapl}}/{suffix}",
            {"learner": 403, "liaison": 404, "other_liaison": 200, **MANAGERS},
        ),
        # Citywide: ORE manages it, and each liaison takes it for their own people.
        (
            f"/sessions/{{city}}/{suffix}",
            {"learner": 403, "liaison": 200, "other_liaison": 200, **MANAGERS},
        ),
        (
            f"/sessions/{{none}}/{suffix}",
            {"learner": 403, "liaison": 404, "other_liaison": 404, "ore": 404, "admin_user": 404},
        ),
    ]


MATRIX = [
    ("/sessions/", dict.fromkeys(SIGNED_IN, 200)),
    ("/sessions/new/", {"learner": 403, "liaison": 200, "other_liaison": 200, **MANAGERS}),
    ("/sessions/{gsd}/", {"learner": 200, "liaison": 200, "other_liaison": 404, **MANAGERS}),
    ("/sessions/{lapl}/", {"learner": 404, "liaison": 404, "other_liaison": 200, **MANAGERS}),
    ("/sessions/{city}/", dict.fromkeys(SIGNED_IN, 200)),
    ("/sessions/{none}/", dict.fromkeys(SIGNED_IN, 404)),
    # Calendar files: people registered (the learner, for GSD's) and those who take the roster.
    (
        "/sessions/{gsd}/calendar.ics",
        {"learner": 200, "liaison": 200, "other_liaison": 404, **MANAGERS},
    ),
    (
        "/sessions/{lapl}/calendar.ics",
        {"learner": 404, "liaison": 404, "other_liaison": 200, **MANAGERS},
    ),
    (
        "/sessions/{city}/calendar.ics",
        {"learner": 404, "liaison": 200, "other_liaison": 200, **MANAGERS},
    ),
    ("/sessions/{gsd}/edit/", {"learner": 403, "liaison": 200, "other_liaison": 404, **MANAGERS}),
    ("/sessions/{lapl}/edit/", {"learner": 403, "liaison": 404, "other_liaison": 200, **MANAGERS}),
    ("/sessions/{city}/edit/", {"learner": 403, "liaison": 403, "other_liaison": 403, **MANAGERS}),
    (
        "/sessions/{none}/edit/",
        {"learner": 403, "liaison": 404, "other_liaison": 404, "ore": 404, "admin_user": 404},
    ),
    *roster_urls("people/"),
    *roster_urls("attendance/"),
    # Actions are POSTs: a GET is refused whoever asks.
    ("/sessions/{city}/register/", dict.fromkeys(SIGNED_IN, 405)),
    ("/sessions/{city}/cancel/", dict.fromkeys(SIGNED_IN, 405)),
    ("/sessions/{city}/cancel-session/", dict.fromkeys(SIGNED_IN, 405)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("template", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_every_role_against_every_session_url(client, request, ids, template, expected):
    url = template.format(**ids)
    client.logout()
    response = client.get(url)
    if url.endswith(("/register/", "/cancel/", "/cancel-session/")):
        assert response.status_code == 405, url
    else:
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    for role, outcome in expected.items():
        client.force_login(request.getfixturevalue(role))
        response = client.get(url)
        assert response.status_code == outcome, (role, url, response.status_code)


POSTS = [
    # (url, role, status): a refused POST changes nothing.
    ("/sessions/{lapl}/register/", "learner", 404),
    ("/sessions/{lapl}/cancel-session/", "liaison", 404),
    ("/sessions/{city}/cancel-session/", "liaison", 403),
    ("/sessions/{gsd}/cancel-session/", "learner", 403),
    ("/sessions/{lapl}/edit/", "liaison", 404),
    ("/sessions/{lapl}/people/", "liaison", 404),
    ("/sessions/{lapl}/attendance/", "liaison", 404),
    ("/sessions/{gsd}/attendance/", "learner", 403),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("template", "role", "status"), POSTS, ids=[f"{r[1]} {r[0]}" for r in POSTS]
)
def test_refused_posts_change_nothing(client, request, ids, template, role, status):
    client.force_login(request.getfixturevalue(role))
    before = list(SessionRegistration.objects.values_list("pk", "status", "attended_at"))

    response = client.post(
        template.format(**ids),
        {"reason": "x", "capacity": 1, "list-user": [1], "present-user": [1]},
    )

    assert response.status_code == status
    assert list(SessionRegistration.objects.values_list("pk", "status", "attended_at")) == before
    assert not LiveSession.objects.filter(is_cancelled=True).exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_anonymous_posts_are_sent_to_sign_in(client, ids):
    response = client.post(f"/sessions/{ids['city']}/register/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert SessionRegistration.objects.count() == 1


# --- learners ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_learner_sees_open_sessions_and_registers(
    client, learner, ids, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    page = client.get("/sessions/").content.decode()
    assert "Citywide workshop" in page
    assert "Library workshop" not in page
    assert "30 seats left" in page
    assert "Sessions you organise" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sessions/{ids['city']}/register/", follow=True)

    assert response.redirect_chain == [(f"/sessions/{ids['city']}/", 302)]
    assert "You are registered" in response.content.decode()
    assert SessionRegistration.objects.get(session_id=ids["city"]).user == learner
    assert mail.outbox[0].to == [learner.email]
    invitation = calendar_of(mail.outbox[0])
    assert str(invitation["method"]) == "REQUEST"
    assert str(invitation.walk("VEVENT")[0]["attendee"]) == f"mailto:{learner.email}"


@pytest.mark.django_db
def test_a_full_session_offers_the_waiting_list(client, learner, course):
    session = make_session(course, capacity=1, title="Tiny workshop")
    registration_create(session=session, user=UserFactory())
    client.force_login(learner)
    assert "Join the waiting list" in client.get("/sessions/").content.decode()

    response = client.post(f"/sessions/{session.pk}/register/", follow=True)

    html = response.content.decode()
    assert "you are on the waiting list" in html
    assert "You are number 1 on the waiting list" in html
    assert SessionRegistration.objects.get(user=learner).status == RegistrationStatus.WAITLISTED


@pytest.mark.django_db
def test_a_learner_cancels_their_registration(client, learner, ids):
    client.force_login(learner)
    response = client.post(f"/sessions/{ids['gsd']}/cancel/", follow=True)

    assert "The registration is cancelled" in response.content.decode()
    assert SessionRegistration.objects.get(user=learner).status == RegistrationStatus.CANCELLED


@pytest.mark.django_db
def test_registering_for_a_started_session_says_why(client, learner, course):
    session = make_session(course, starts_at=NOW - timedelta(minutes=10))
    client.force_login(learner)

    response = client.post(f"/sessions/{session.pk}/register/", follow=True)

    assert "This session has already started." in response.content.decode()
    assert not SessionRegistration.objects.filter(session=session).exists()


@pytest.mark.django_db
def test_the_calendar_download_is_a_calendar(client, learner, ids):
    client.force_login(learner)
    response = client.get(f"/sessions/{ids['gsd']}/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["method"]) == "PUBLISH"
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "GSD workshop"
    assert str(event["organizer"]).startswith("mailto:")


@pytest.mark.django_db
def test_the_liaisons_session_page_links_the_calendar_file(client, liaison, ids):
    client.force_login(liaison)
    html = client.get(f"/sessions/{ids['gsd']}/").content.decode()

    assert f'href="/sessions/{ids["gsd"]}/calendar.ics"' in html
    response = client.get(f"/sessions/{ids['gsd']}/calendar.ics")
    assert response.status_code == 200
    assert str(Calendar.from_ical(response.content)["method"]) == "PUBLISH"


@pytest.mark.django_db
def test_a_learner_cancelling_in_the_page_gets_the_calendar_cancellation(
    client, learner, course, django_capture_on_commit_callbacks
):
    session = make_session(course)
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/sessions/{session.pk}/register/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/sessions/{session.pk}/cancel/")

    methods = [str(calendar_of(message)["method"]) for message in mail.outbox]
    assert methods == ["REQUEST", "CANCEL"]


@pytest.mark.django_db
def test_the_course_page_lists_its_upcoming_sessions(client, learner, course, ids):
    client.force_login(learner)
    html = client.get(course.url).content.decode()

    assert "Live sessions" in html
    assert f'href="/sessions/{ids["city"]}/"' in html
    assert f'href="/sessions/{ids["gsd"]}/"' in html
    assert f'href="/sessions/{ids["lapl"]}/"' not in html
    assert "You are registered" in html


# --- scheduling and changing ------------------------------------------------------------------


def schedule_form(course, department=None, **changes) -> dict:
    data = {
        "course": course.pk,
        "title": "Spring workshop",
        "department": department.pk if department else "",
        "mode": "in_person",
        "starts_at": "2026-04-01T09:00",
        "ends_at": "2026-04-01T12:00",
        "location": "Piper Tech, room 2",
        "join_url": "",
        "capacity": "25",
        "notes": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_liaison_schedules_a_session_for_their_department(client, liaison, department, course):
    client.force_login(liaison)
    page = client.get("/sessions/new/").content.decode()
    assert "Everyone (a citywide session)" not in page

    response = client.post("/sessions/new/", schedule_form(course, department))

    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.pk}/"
    assert session.department == department
    assert session.starts_at == datetime(2026, 4, 1, 9, 0, tzinfo=LA)  # Pacific time
    assert session.created_by == liaison


@pytest.mark.django_db
def test_a_mistake_in_the_schedule_form_is_shown_at_the_field_and_nothing_is_saved(
    client, liaison, department, other_department, course
):
    client.force_login(liaison)
    response = client.post(
        "/sessions/new/",
        schedule_form(course, department, ends_at="2026-04-01T08:00", location=""),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The session must end after it starts." in html
    assert "An in-person session needs a place." in html
    assert 'href="#id_ends_at"' in html
    assert 'id="id_ends_at_error"' in html
    assert 'aria-describedby="id_ends_at_helptext id_ends_at_error"' in html
    assert "<title>Error:" in html
    # A department outside the liaison's scope is not even a choice.
    response = client.post("/sessions/new/", schedule_form(course, other_department))
    assert "Select a valid choice" in response.content.decode()
    assert not LiveSession.objects.exists()


@pytest.mark.django_db
def test_ore_schedules_a_citywide_session(client, ore, course):
    client.force_login(ore)
    response = client.post("/sessions/new/", schedule_form(course))

    assert response.status_code == 302
    assert LiveSession.objects.get().department is None


@pytest.mark.django_db
def test_a_manager_changes_and_cancels_a_session(
    client, liaison, ids, learner, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    data = schedule_form(LiveSession.objects.get(pk=ids["gsd"]).course, learner.department)
    data.pop("course")
    data.update(starts_at="2026-03-10T10:00", ends_at="2026-03-10T13:00")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sessions/{ids['gsd']}/edit/", data)
    assert response.status_code == 302
    assert "changed" in mail.outbox[-1].subject

    response = client.post(f"/sessions/{ids['gsd']}/cancel-session/", {"cancel-reason": ""})
    html = response.content.decode()
    assert "There is a problem" in html
    assert (
        '<a href="#id_cancel-reason">Why is the session cancelled?: This field is required.' in html
    )
    assert not LiveSession.objects.get(pk=ids["gsd"]).is_cancelled

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/sessions/{ids['gsd']}/cancel-session/", {"cancel-reason": "Room closed."})
    assert LiveSession.objects.get(pk=ids["gsd"]).is_cancelled
    assert "Room closed." in mail.outbox[-1].body


# --- registering people -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_liaison_registers_people_of_their_department_from_a_searchable_list(
    client, liaison, department, other_department, ids, django_capture_on_commit_callbacks
):
    ana = UserFactory(department=department, first_name="Ana", last_name="Alvarez")
    ben = UserFactory(department=department, first_name="Ben", last_name="Brown")
    lib = UserFactory(department=other_department, first_name="Lia", last_name="Library")
    url = f"/sessions/{ids['city']}/people/"
    client.force_login(liaison)

    html = client.get(url).content.decode()
    assert f'<label for="person-{ana.pk}">Alvarez, Ana</label>' in html
    assert f'id="person-{ben.pk}"' in html
    assert "Library, Lia" not in html
    assert "<legend>Choose the people to register</legend>" in html
    found = client.get(url, {"q": "alva"}).content.decode()
    assert "Alvarez, Ana" in found
    assert "Brown, Ben" not in found

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "list", "list-user": [ana.pk, ben.pk]}, follow=True)

    assert "2 people are registered" in response.content.decode()
    assert set(
        SessionRegistration.objects.filter(session_id=ids["city"]).values_list("user", flat=True)
    ) == {ana.pk, ben.pk}
    assert len(mail.outbox) == 2

    # A forged id from another department registers nobody.
    response = client.post(url, {"action": "list", "list-user": [lib.pk]})
    assert "This person is not in your departments." in response.content.decode()
    assert not SessionRegistration.objects.filter(user=lib).exists()


@pytest.mark.django_db
def test_ore_registers_anyone_by_employee_id(client, ore, other_department, ids):
    lib = UserFactory(department=other_department, employee_id="7000001")
    url = f"/sessions/{ids['city']}/people/"
    client.force_login(ore)

    response = client.post(url, {"action": "ids", "ids-employee_ids": "7000001, 9999999"})
    assert "No employee has the ID 9999999." in response.content.decode()
    assert not SessionRegistration.objects.filter(user=lib).exists()

    response = client.post(url, {"action": "ids", "ids-employee_ids": "7000001\n"})
    assert response.status_code == 302
    assert SessionRegistration.objects.get(user=lib).registered_by == ore


@pytest.mark.django_db
def test_a_liaison_cancels_their_persons_registration_but_not_anothers(
    client, liaison, other_liaison, learner, other_department, ids
):
    lib = UserFactory(department=other_department)
    registration_create(session=LiveSession.objects.get(pk=ids["city"]), user=lib)
    registration_create(session=LiveSession.objects.get(pk=ids["city"]), user=learner)
    client.force_login(liaison)

    response = client.post(f"/sessions/{ids['city']}/cancel/", {"user": lib.pk})
    assert response.status_code == 404
    assert SessionRegistration.objects.get(user=lib).status == RegistrationStatus.REGISTERED

    client.post(f"/sessions/{ids['city']}/cancel/", {"user": learner.pk})
    city = SessionRegistration.objects.get(user=learner, session_id=ids["city"])
    assert city.status == RegistrationStatus.CANCELLED


# --- attendance -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_liaison_takes_attendance_for_their_people_at_a_citywide_session(
    client, liaison, learner, department, other_department, course
):
    with time_machine.travel(NOW, tick=False):
        session = make_session(course, capacity=2)
        colleague = UserFactory(department=department, first_name="Cy", last_name="Colleague")
        lib = UserFactory(department=other_department, first_name="Lia", last_name="Library")
        waiting = UserFactory(department=department, first_name="Wes", last_name="Waiting")
        for person in (learner, lib, waiting):
            registration_create(session=session, user=person)
    url = f"/sessions/{session.pk}/attendance/"
    client.force_login(liaison)

    with time_machine.travel(START + timedelta(hours=2), tick=False):
        html = client.get(url).content.decode()
        assert "<legend>Whose attendance to record?</legend>" in html
        assert f'<label for="present-{learner.pk}">' in html
        assert "Library, Lia" not in html  # another department's person
        assert "Waiting, Wes" in html  # listed, without a checkbox
        assert f'id="present-{waiting.pk}"' not in html

        # Someone on the waiting list, someone not registered, another department's person:
        # each is named with the reason, and nobody is recorded.
        response = client.post(
            url, {"present-user": [learner.pk, waiting.pk, colleague.pk, lib.pk]}
        )
        html = response.content.decode()
        assert "There is a problem" in html
        assert f"Wes Waiting ({waiting.employee_id}): on the waiting list" in html
        assert f"Cy Colleague ({colleague.employee_id}): not registered" in html
        assert f"Lia Library ({lib.employee_id}): not in your departments" in html
        assert (
            f'value="{learner.pk}" id="present-{learner.pk}" class="session-check" checked' in html
        )
        assert not CourseCompletion.objects.exists()
        assert not AuditEntry.objects.exists()

        response = client.post(url, {"present-user": [learner.pk]}, follow=True)

    assert "Attendance recorded for 1 person" in response.content.decode()
    completion = CourseCompletion.objects.get(user=learner)
    assert completion.evidence.startswith(f"Attended live session {session.pk}")
    assert SessionRegistration.objects.get(user=learner).completion == completion


@pytest.mark.django_db
def test_attendance_waits_for_the_session_to_start(client, liaison, learner, ids):
    client.force_login(liaison)
    url = f"/sessions/{ids['gsd']}/attendance/"

    assert "once the session has started" in client.get(url).content.decode()
    response = client.post(url, {"present-user": [learner.pk]})

    assert "once the session has started" in response.content.decode()
    assert not CourseCompletion.objects.exists()


@pytest.mark.django_db
def test_a_gsd_liaison_cannot_take_attendance_for_a_library_person(
    client, liaison, other_department, ids
):
    lib = UserFactory(department=other_department)
    lapl = LiveSession.objects.get(pk=ids["lapl"])
    registration_create(session=lapl, user=lib)
    client.force_login(liaison)

    with time_machine.travel(START + timedelta(hours=1), tick=False):
        response = client.post(f"/sessions/{ids['lapl']}/attendance/", {"present-user": [lib.pk]})

    assert response.status_code == 404
    assert not CourseCompletion.objects.exists()


# --- pages are usable: labels, and queries that do not grow -----------------------------------


class _Controls(HTMLParser):
    """The form controls of a page and the ids that some <label for> names."""

    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "submit",
        }:
            self.controls.append(attrs)


def unlabelled_controls(html: str) -> list[dict]:
    parser = _Controls()
    parser.feed(html)
    return [c for c in parser.controls if c.get("id") not in parser.labelled]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "template"),
    [
        ("ore", "/sessions/new/"),
        ("liaison", "/sessions/new/"),
        ("liaison", "/sessions/{gsd}/edit/"),
        ("ore", "/sessions/{city}/people/?q=a"),
        ("liaison", "/sessions/{gsd}/people/"),
        ("liaison", "/sessions/{gsd}/attendance/"),
        ("learner", "/sessions/"),
        ("ore", "/sessions/"),
    ],
)
def test_every_form_control_has_a_label(client, request, ids, learner, role, template):
    UserFactory.create_batch(2, department=learner.department, first_name="Alma")
    client.force_login(request.getfixturevalue(role))
    html = client.get(template.format(**ids)).content.decode()

    assert unlabelled_controls(html) == []
    assert "<caption" in html or "<form" in html


@pytest.mark.django_db
def test_the_list_page_takes_as_many_queries_for_many_sessions(
    client, ore, course, department, django_assert_max_num_queries
):
    make_session(course)
    client.force_login(ore)
    with django_assert_max_num_queries(30) as few:
        client.get("/sessions/")
    for number in range(10):
        session = make_session(course, department=department if number % 2 else None)
        registration_create(session=session, user=UserFactory(department=department))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sessions/")


@pytest.mark.django_db
def test_the_selectors_take_a_fixed_number_of_queries(
    liaison, learner, department, course, django_assert_num_queries
):
    sessions = [make_session(course, department=department) for _ in range(3)]
    sessions += [make_session(course) for _ in range(2)]
    for session in sessions:
        registration_create(session=session, user=learner)
        registration_create(session=session, user=UserFactory(department=department))

    with django_assert_num_queries(2):  # the sessions, the locale of translations
        rows = session_list_upcoming_for_user(user=learner, as_of=NOW)
    assert len(rows) == 5
    assert all(row.my_status == RegistrationStatus.REGISTERED for row in rows)
    assert rows[0].seats_left == 28
    # the liaison's roles (lms.users.roles), scope, the sessions, the locale
    with django_assert_num_queries(4):
        managed = session_list_for_manager(user=liaison, as_of=NOW)
    assert len(managed) == 5
    assert sum(row.is_manager for row in managed) == 3
    with django_assert_num_queries(1):
        roster = registration_list_for_session(session=sessions[0])
    assert [r.user.department.code for r in roster] == ["GSD", "GSD"]
    with django_assert_num_queries(2):
        mine = registration_list_for_user(user=learner, as_of=NOW)
    assert len(mine) == 5
    with django_assert_num_queries(2):
        staff, total = staff_list_for_registration(
            session=sessions[0], department_ids={department.pk}
        )
    assert total == len(staff) == 7  # learner, liaison and five colleagues
    assert {person.session_status for person in staff} >= {RegistrationStatus.REGISTERED, None}


@pytest.mark.django_db
def test_the_link_to_join_goes_to_people_with_a_seat_and_organisers(
    client, learner, liaison, course, department
):
    link = "https://teams.example.test/meet/42"
    session = make_session(
        course, department=department, mode="virtual", location="", join_url=link
    )
    client.force_login(learner)
    url = f"/sessions/{session.pk}/"
    assert link not in client.get(url).content.decode()

    registration_create(session=session, user=learner)
    assert link in client.get(url).content.decode()
    client.force_login(liaison)
    assert link in client.get(url).content.decode()
