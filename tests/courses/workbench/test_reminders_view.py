"""POST /liaison/<code>/reminders/: every role, forged input, and where the liaison lands."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from courses.compliance.models import AuditEntry, Exemption, ReminderLog
from courses.learning.services import course_completion_record
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

URL = "/liaison/GSD/reminders/"


@pytest.fixture
def due_requirement(course):
    return RequirementFactory(course=course, due_on=timezone.localdate() + timedelta(days=10))


@pytest.fixture
def todo(department, due_requirement):
    person = UserFactory(department=department)
    compliance_refresh()
    return person


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _nothing_sent():
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("role", "status", "location", "sends"),
    [
        ("anonymous", 302, "/accounts/login/?next=/liaison/GSD/reminders/", False),
        ("learner", 403, None, False),
        ("liaison", 302, "/liaison/GSD/", True),
        ("other_liaison", 404, None, False),
        ("ore", 302, "/liaison/GSD/", True),
        ("admin_user", 302, "/liaison/GSD/", True),
    ],
)
def test_every_role_posting_reminders(
    request, client, role, status, location, sends, learner, due_requirement, todo
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.post(URL, {"requirement": due_requirement.pk, "user": [todo.pk]})
    assert response.status_code == status
    if location:
        assert response["Location"] == location
    assert [m.to for m in mail.outbox] == ([[todo.email]] if sends else [])


@pytest.mark.parametrize("role", ["learner", "liaison", "ore"])
def test_get_is_not_allowed(client, request, role, department):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 405


def test_the_liaison_is_told_what_was_sent_and_skipped(
    client, liaison, department, due_requirement, todo, admin_user
):
    done = UserFactory(department=department)
    exempt = UserFactory(department=department)
    course_completion_record(user=done, course=due_requirement.course)
    Exemption.objects.create(
        requirement=due_requirement,
        user=exempt,
        reason="On leave",
        granted_by=admin_user,
        granted_at=timezone.now(),
    )
    compliance_refresh()
    client.force_login(liaison)

    response = client.post(
        URL, {"requirement": due_requirement.pk, "user": [todo.pk, done.pk, exempt.pk]}
    )

    assert response.status_code == 302
    [message] = _messages(response)
    assert message.startswith("Sent 1 reminder; 2 skipped (")
    assert "already completed: 1" in message
    assert "exempt: 1" in message
    assert [m.to for m in mail.outbox] == [[todo.email]]
    assert AuditEntry.objects.get().employee == todo

    again = client.post(URL, {"requirement": due_requirement.pk, "user": [todo.pk]})
    assert _messages(again)[-1] == "Sent 0 reminders; 1 skipped (already reminded today: 1)."
    assert len(mail.outbox) == 1


def test_a_forged_employee_from_another_department_sends_nothing(
    client, liaison, due_requirement, todo, other_department
):
    stranger = UserFactory(department=other_department)
    compliance_refresh()
    client.force_login(liaison)
    response = client.post(URL, {"requirement": due_requirement.pk, "user": [todo.pk, stranger.pk]})
    assert response.status_code == 302
    assert response["Location"] == "/liaison/GSD/"
    assert _messages(response) == [
        "1 of the people selected is not in this department; nothing was sent."
    ]
    _nothing_sent()


@pytest.mark.parametrize("forged", ["missing", "other_department", "retired"])
def test_a_forged_requirement_sends_nothing(
    client, liaison, course, todo, other_department, forged
):
    if forged == "missing":
        requirement_id = 999_999
    elif forged == "other_department":
        library = RequirementFactory(course=course)
        library.departments.add(other_department)
        requirement_id = library.pk
    else:
        requirement_id = RequirementFactory(course=course, is_active=False).pk
    compliance_refresh()
    client.force_login(liaison)
    response = client.post(URL, {"requirement": requirement_id, "user": [todo.pk]})
    assert response.status_code == 302
    assert _messages(response) == [
        "That requirement is not in force for this department; nothing was sent."
    ]
    _nothing_sent()


@pytest.mark.parametrize(
    "data",
    [
        {"requirement": "abc", "user": ["1"]},
        {"user": ["1"]},
        {"requirement": "1", "user": ["1 OR 1=1"]},
        {"requirement": "9" * 30, "user": ["1"]},
        {"requirement": "1", "user": ["-1"]},
    ],
)
def test_garbled_input_sends_nothing(client, liaison, todo, data):
    client.force_login(liaison)
    response = client.post(URL, data)
    assert response.status_code == 302
    assert _messages(response) == [
        "Choose a requirement and the people to remind; nothing was sent."
    ]
    _nothing_sent()


def test_nobody_selected_sends_nothing(client, liaison, due_requirement, todo):
    client.force_login(liaison)
    response = client.post(URL, {"requirement": due_requirement.pk})
    assert _messages(response) == ["Select at least one person to remind."]
    _nothing_sent()


def test_the_rate_limit_is_reported(settings, client, liaison, department, due_requirement):
    settings.REMINDER_MANUAL_LIMIT_PER_HOUR = 1
    people = UserFactory.create_batch(2, department=department)
    compliance_refresh()
    client.force_login(liaison)
    response = client.post(URL, {"requirement": due_requirement.pk, "user": [p.pk for p in people]})
    [message] = _messages(response)
    assert "You can send 1 more reminder this hour" in message
    _nothing_sent()


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/liaison/GSD/?status=overdue&page=2", "/liaison/GSD/?status=overdue&page=2"),
        ("/liaison/GSD/people/12/", "/liaison/GSD/people/12/"),
        ("/liaison/LAPL/", "/liaison/GSD/"),
        ("https://evil.example/liaison/GSD/", "/liaison/GSD/"),
        ("//evil.example/liaison/GSD/", "/liaison/GSD/"),
        ("/liaison/GSD/../LAPL/", "/liaison/GSD/"),
        ("/liaison/GSD\\..\\LAPL/", "/liaison/GSD/"),
        ("/admin/", "/liaison/GSD/"),
    ],
)
def test_next_is_followed_only_within_the_departments_workbench(
    client, liaison, due_requirement, todo, next_url, lands_on
):
    client.force_login(liaison)
    response = client.post(
        URL, {"requirement": due_requirement.pk, "user": [todo.pk], "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_the_staff_list_sends_its_filters_along_so_the_liaison_comes_back_to_them(
    client, liaison, due_requirement, todo
):
    client.force_login(liaison)
    html = client.get("/liaison/GSD/", {"status": "not_started", "q": todo.last_name}).content
    html = html.decode()
    assert (
        f'name="next" value="/liaison/GSD/?status=not_started&amp;q={todo.last_name}#staff-heading"'
        in html
    )
    assert f'name="filters" value="status=not_started&amp;q={todo.last_name}"' in html
    # Select all on this page: a real checkbox with a label, shown by a static script.
    assert 'id="select-all-on-page"' in html
    assert 'for="select-all-on-page"' in html
    assert "courses/workbench/staff_select.js" in html
    assert "<script>" not in html


def _matching(department, count):
    people = [UserFactory(department=department, last_name=f"Match{n}") for n in range(count)]
    UserFactory(department=department, last_name="Elsewhere")
    compliance_refresh()
    return people


def test_remind_all_matching_first_asks_how_many_then_sends_to_exactly_them(
    client, liaison, department, due_requirement
):
    people = _matching(department, 3)
    client.force_login(liaison)
    data = {
        "requirement": due_requirement.pk,
        "scope": "matching",
        "filters": "q=match",
        "next": "/liaison/GSD/?q=match#staff-heading",
    }

    asked = client.post(URL, data)

    assert asked.status_code == 200
    html = asked.content.decode()
    assert "Send a reminder to 3 people" in html
    assert 'name="confirmed"' in html
    _nothing_sent()

    sent = client.post(URL, {**data, "confirmed": "1"})

    assert sent.status_code == 302
    assert sent["Location"] == "/liaison/GSD/?q=match#staff-heading"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert _messages(sent) == ["Sent 3 reminders."]


@override_settings(REMINDER_MANUAL_LIMIT_PER_HOUR=2)
def test_remind_all_matching_keeps_the_hourly_limit(client, liaison, department, due_requirement):
    _matching(department, 3)
    client.force_login(liaison)
    response = client.post(
        URL,
        {
            "requirement": due_requirement.pk,
            "scope": "matching",
            "filters": "q=match",
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    [message] = _messages(response)
    assert "You can send 2 more reminders this hour" in message
    _nothing_sent()


@pytest.mark.parametrize("filters", ["status=bogus", "requirement=999999", "sort=password"])
def test_remind_all_matching_with_forged_filters_sends_nothing(
    client, liaison, department, due_requirement, filters
):
    _matching(department, 2)
    client.force_login(liaison)
    response = client.post(
        URL,
        {
            "requirement": due_requirement.pk,
            "scope": "matching",
            "filters": filters,
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    assert _messages(response) == ["These filters are not valid; nothing was sent."]
    _nothing_sent()


def test_remind_all_matching_when_nobody_matches_sends_nothing(
    client, liaison, department, due_requirement
):
    _matching(department, 1)
    client.force_login(liaison)
    response = client.post(
        URL,
        {"requirement": due_requirement.pk, "scope": "matching", "filters": "q=zzzz"},
    )
    assert response.status_code == 302
    assert _messages(response) == ["Nobody matches these filters; nothing was sent."]
    _nothing_sent()
