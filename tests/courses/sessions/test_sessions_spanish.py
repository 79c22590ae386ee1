"""Live sessions in Spanish: a session's Spanish title is what a Spanish reader sees, on the
course page, the session pages and the calendar file; the English title shown to them is marked
as English; ORE and liaisons enter the Spanish title in the admin and on the site."""

import pytest
import time_machine
from icalendar import Calendar

from courses.sessions.models import LiveSession
from courses.sessions.services import registration_create
from tests.courses.sessions.test_sessions import NOW, make_session
from tests.courses.sessions.test_sessions_admin import ADD_URL, admin_form
from tests.factories import UserFactory

ENGLISH = "Spring workshop for supervisors"
SPANISH = "Taller de primavera para supervisores"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def session(course):
    return make_session(course, title=ENGLISH, title_es=SPANISH)


def reader(department, language):
    return UserFactory(department=department, preferred_language=language)


def pages(client, session):
    return {
        "course page": client.get(session.course.url),
        "session": client.get(f"/sessions/{session.pk}/"),
        "sessions": client.get("/sessions/"),
    }


@pytest.mark.django_db
def test_a_spanish_reader_sees_the_spanish_session_title(client, session, department):
    client.force_login(reader(department, "es"))

    for name, response in pages(client, session).items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert SPANISH in html, name
        assert ENGLISH not in html, name


@pytest.mark.django_db
def test_an_english_reader_sees_the_english_session_title(client, session, department):
    client.force_login(reader(department, "en"))

    for name, response in pages(client, session).items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert ENGLISH in html, name
        assert SPANISH not in html, name


@pytest.mark.django_db
def test_an_english_title_shown_to_a_spanish_reader_is_marked_english(client, course, department):
    untranslated = make_session(course, title=ENGLISH)
    client.force_login(reader(department, "es"))

    for name, response in pages(client, untranslated).items():
        assert f'<span lang="en">{ENGLISH}</span>' in response.content.decode(), name


@pytest.mark.django_db
def test_the_calendar_file_carries_the_title_in_the_readers_language(client, session, department):
    person = reader(department, "es")
    registration_create(session=session, user=person)
    client.force_login(person)

    response = client.get(f"/sessions/{session.pk}/calendar.ics")

    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == SPANISH


@pytest.mark.django_db
def test_ore_enters_the_spanish_title_in_the_admin(client, ore, course):
    client.force_login(ore)
    assert 'name="title_es"' in client.get(ADD_URL).content.decode()

    response = client.post(ADD_URL, admin_form(course, title=ENGLISH, title_es=SPANISH))

    assert response.status_code == 302, response.content.decode()[:2000]
    session = LiveSession.objects.get()
    assert (session.title, session.title_es) == (ENGLISH, SPANISH)
    edit = f"/admin/live-sessions/edit/{session.pk}/"
    response = client.post(edit, admin_form(course, title=ENGLISH, title_es="Taller de otoño"))
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.title_es == "Taller de otoño"


@pytest.mark.django_db
def test_a_liaison_enters_the_spanish_title_on_the_site(client, liaison, session, department):
    client.force_login(liaison)
    session.department = department
    session.save()
    form = {
        "title": ENGLISH,
        "title_es": "Taller para supervisores de GSD",
        "department": department.pk,
        "mode": "in_person",
        "starts_at": "2026-03-10T09:00",
        "ends_at": "2026-03-10T12:00",
        "location": "City Hall, room 340",
        "join_url": "",
        "capacity": "30",
        "notes": "",
    }

    response = client.post(f"/sessions/{session.pk}/edit/", form)

    assert response.status_code == 302, response.content.decode()[:3000]
    session.refresh_from_db()
    assert session.title_es == "Taller para supervisores de GSD"


@pytest.mark.django_db
def test_a_spanish_liaison_sees_the_spanish_title_on_a_persons_record(
    client, session, department, liaison, learner
):
    from courses.sessions.models import RegistrationStatus, SessionRegistration

    SessionRegistration.objects.create(
        session=session, user=learner, status=RegistrationStatus.REGISTERED
    )
    liaison.preferred_language = "es"
    liaison.save()
    client.force_login(liaison)

    response = client.get(f"/liaison/{department.code}/people/{learner.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert SPANISH in html
    assert ENGLISH not in html
