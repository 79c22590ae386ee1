"""Live sessions in the Wagtail admin: ORE lists, schedules and changes them, with the same rules
as on the site; nobody else gets in and nobody deletes."""

from datetime import datetime

import pytest
import time_machine

from content.roles import ORE_EDITORS
from courses.compliance.models import AuditAction, AuditEntry
from courses.sessions.models import LiveSession, SessionRegistration
from courses.sessions.services import registration_create
from tests.courses.sessions.test_sessions import LA, NOW, make_session
from tests.factories import UserFactory

INDEX_URL = "/admin/live-sessions/"
ADD_URL = "/admin/live-sessions/new/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def admin_form(course, **changes) -> dict:
    data = {
        "course": course.pk,
        "title": "Spring workshop",
        "department": "",
        "mode": "in_person",
        "starts_at": "2026-04-01 09:00",
        "ends_at": "2026-04-01 12:00",
        "location": "Piper Tech, room 2",
        "join_url": "",
        "capacity": "25",
        "notes": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_ore_lists_sessions_with_their_registrations(client, ore, course, department):
    session = make_session(course, department=department, title="GSD workshop", capacity=2)
    for _ in range(3):
        registration_create(session=session, user=UserFactory(department=department))
    client.force_login(ore)

    response = client.get(INDEX_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "GSD workshop" in html
    assert "Registered" in html
    assert "Waiting" in html
    assert f"/admin/live-sessions/edit/{session.pk}/" in html
    assert f"/admin/live-sessions/delete/{session.pk}/" not in html
    assert INDEX_URL in client.get("/admin/").content.decode()  # in the menu


@pytest.mark.django_db
def test_ore_schedules_a_session_in_the_admin_through_the_service(client, ore, course):
    client.force_login(ore)
    assert client.get(ADD_URL).status_code == 200

    response = client.post(ADD_URL, admin_form(course))

    assert response.status_code == 302, response.content.decode()[:2000]
    session = LiveSession.objects.get()
    assert session.starts_at == datetime(2026, 4, 1, 9, 0, tzinfo=LA)
    assert session.department is None
    assert session.created_by == ore
    assert AuditEntry.objects.get().action == AuditAction.SESSION_SCHEDULED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2026-04-01 08:00"}, "The session must end after it starts."),
        ({"location": ""}, "An in-person session needs a place."),
        ({"mode": "virtual", "location": ""}, "A virtual session needs a link to join."),
        (
            {"starts_at": "2026-02-01 09:00", "ends_at": "2026-02-01 10:00"},
            "The session must start in the future.",
        ),
    ],
)
def test_the_admin_refuses_a_session_that_cannot_happen(client, ore, course, changes, message):
    client.force_login(ore)

    response = client.post(ADD_URL, admin_form(course, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LiveSession.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_ore_changes_a_session_in_the_admin_and_the_waiting_list_moves_up(client, ore, course):
    session = make_session(course, capacity=1)
    first, second = UserFactory(), UserFactory()
    registration_create(session=session, user=first)
    registration_create(session=session, user=second)
    client.force_login(ore)
    edit_url = f"/admin/live-sessions/edit/{session.pk}/"
    assert client.get(edit_url).status_code == 200

    response = client.post(
        edit_url,
        admin_form(
            course,
            starts_at="2026-03-10 09:00",
            ends_at="2026-03-10 12:00",
            location="City Hall, room 340",
            title="",
            capacity="2",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.capacity == 2
    assert set(SessionRegistration.objects.values_list("status", flat=True)) == {"registered"}
    change = AuditEntry.objects.get(action=AuditAction.SESSION_CHANGED)
    assert change.after == {"session": session.pk, "capacity": 2}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "learner", "liaison", "editor_only"])
def test_only_ore_analysts_and_superusers_get_in(client, request, groups, course, role):
    session = make_session(course)
    if role == "editor_only":
        user = UserFactory(department=None)
        user.groups.add(groups[ORE_EDITORS])  # in the admin, but not an analyst
        client.force_login(user)
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    for url in (INDEX_URL, ADD_URL, f"/admin/live-sessions/edit/{session.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, (role, url)
    response = client.post(ADD_URL, admin_form(course))
    assert LiveSession.objects.count() == 1


@pytest.mark.django_db
def test_nobody_deletes_a_session_in_the_admin(client, admin_user, course):
    session = make_session(course)
    client.force_login(admin_user)
    assert client.get(INDEX_URL).status_code == 200

    client.post(f"/admin/live-sessions/delete/{session.pk}/")

    assert LiveSession.objects.filter(pk=session.pk).exists()
