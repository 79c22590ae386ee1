"""The liaison's exemption pages and the department audit log: who may use them, what a
forged or incomplete form gets (a clear message, nothing changed), and what the log shows."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.compliance.audit import audit_record
from courses.compliance.exemptions import exemption_grant
from courses.compliance.models import (
    Assignment,
    AssignmentStatus,
    AuditAction,
    AuditEntry,
    Exemption,
)
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]
# What each role gets on a GSD page: the login page, 403 (no liaison or ORE role), 404 (a
# department outside their scope), or the page.
EXPECTED_GET = {
    "anonymous": "login",
    "learner": 403,
    "liaison": 200,
    "other_liaison": 404,
    "ore": 200,
    "admin_user": 200,
}
EXPECTED_POST = {**EXPECTED_GET, "liaison": 302, "ore": 302, "admin_user": 302}


@pytest.fixture
def world(department, other_department, learner, liaison, other_liaison, ore, admin_user, course):
    """Everyone, a citywide requirement, a LAPL-only one, and the engine run over all."""
    citywide = RequirementFactory(course=course, name="Foundations (all)")
    library_only = RequirementFactory(course=course, name="Library only")
    library_only.departments.add(other_department)
    librarian = UserFactory(department=other_department)
    compliance_refresh()
    return {
        "citywide": citywide,
        "library_only": library_only,
        "librarian": librarian,
        "learner": learner,
    }


@pytest.fixture
def users(learner, liaison, other_liaison, ore, admin_user):
    return {
        "anonymous": None,
        "learner": learner,
        "liaison": liaison,
        "other_liaison": other_liaison,
        "ore": ore,
        "admin_user": admin_user,
    }


@pytest.fixture
def exemption(world, liaison):
    return exemption_grant(
        actor=liaison,
        user=world["learner"],
        requirement=world["citywide"],
        reason="On leave",
        as_of=timezone.localdate(),
    )


def grant_url(person, code="GSD") -> str:
    return f"/liaison/{code}/people/{person.pk}/exemptions/new/"


def revoke_url(exemption, code="GSD") -> str:
    return f"/liaison/{code}/exemptions/{exemption.pk}/revoke/"


def person_url(person, code="GSD") -> str:
    return f"/liaison/{code}/people/{person.pk}/"


def sign_in(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])


def assert_outcome(response, expected, url):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert url in response["Location"] or "next=" in response["Location"]
    else:
        assert response.status_code == expected, response.content.decode()[:500]


def snapshot() -> tuple:
    return (
        list(Exemption.objects.values()),
        list(AuditEntry.objects.values()),
        list(Assignment.objects.values("pk", "status", "exemption_id")),
    )


# --- every role against every URL ---


@pytest.mark.parametrize("role", ROLES)
def test_grant_form_by_role(client, users, world, role):
    sign_in(client, users, role)
    url = grant_url(world["learner"])
    assert_outcome(client.get(url), EXPECTED_GET[role], url)


@pytest.mark.parametrize("role", ROLES)
def test_grant_post_by_role(client, users, world, role):
    sign_in(client, users, role)
    url = grant_url(world["learner"])
    before = snapshot()
    response = client.post(
        url, {"requirement": world["citywide"].pk, "reason": "On leave", "until_on": ""}
    )
    assert_outcome(response, EXPECTED_POST[role], url)
    if EXPECTED_POST[role] == 302:
        assert response["Location"] == person_url(world["learner"])
        assert Exemption.objects.filter(user=world["learner"], granted_by=users[role]).exists()
    else:
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_revoke_form_by_role(client, users, exemption, role):
    sign_in(client, users, role)
    url = revoke_url(exemption)
    assert_outcome(client.get(url), EXPECTED_GET[role], url)


@pytest.mark.parametrize("role", ROLES)
def test_revoke_post_by_role(client, users, exemption, role):
    sign_in(client, users, role)
    url = revoke_url(exemption)
    before = snapshot()
    response = client.post(url, {"reason": "Back at work"})
    assert_outcome(response, EXPECTED_POST[role], url)
    exemption.refresh_from_db()
    if EXPECTED_POST[role] == 302:
        assert response["Location"] == person_url(exemption.user)
        assert exemption.revoked_by == users[role]
    else:
        assert exemption.revoked_at is None
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_audit_log_by_role(client, users, world, role):
    sign_in(client, users, role)
    url = "/liaison/GSD/audit/"
    assert_outcome(client.get(url), EXPECTED_GET[role], url)


def test_other_liaison_sees_their_own_audit_log(client, other_liaison, world):
    client.force_login(other_liaison)
    assert client.get("/liaison/LAPL/audit/").status_code == 200


# --- people and exemptions outside the department ---


def test_liaison_asking_for_another_departments_employee_gets_404(client, liaison, world):
    client.force_login(liaison)
    librarian = world["librarian"]
    before = snapshot()
    assert client.get(grant_url(librarian)).status_code == 404
    response = client.post(
        grant_url(librarian), {"requirement": world["library_only"].pk, "reason": "x"}
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_liaison_cannot_revoke_another_departments_exemption(client, liaison, ore, world):
    library_exemption = exemption_grant(
        actor=ore,
        user=world["librarian"],
        requirement=world["library_only"],
        reason="On leave",
        as_of=timezone.localdate(),
    )
    client.force_login(liaison)
    assert client.get(revoke_url(library_exemption)).status_code == 404
    assert client.post(revoke_url(library_exemption), {"reason": "x"}).status_code == 404
    library_exemption.refresh_from_db()
    assert library_exemption.revoked_at is None


def test_unknown_person_or_exemption_is_404(client, liaison, world):
    client.force_login(liaison)
    assert client.get("/liaison/GSD/people/999999/exemptions/new/").status_code == 404
    assert client.get("/liaison/GSD/exemptions/999999/revoke/").status_code == 404


def test_ore_may_act_in_any_department(client, ore, world):
    client.force_login(ore)
    response = client.post(
        grant_url(world["librarian"], code="LAPL"),
        {"requirement": world["library_only"].pk, "reason": "Seasonal staff"},
    )
    assert response["Location"] == person_url(world["librarian"], code="LAPL")


# --- the grant form ---


def test_grant_form_offers_only_the_persons_current_requirements(client, liaison, world):
    client.force_login(liaison)
    response = client.get(grant_url(world["learner"]) + f"?requirement={world['citywide'].pk}")
    field = response.context["form"].fields["requirement"]
    assert list(field.queryset) == [world["citywide"]]
    html = response.content.decode()
    assert "Library only" not in html
    assert f'<option value="{world["citywide"].pk}" selected>' in html
    assert '<label for="id_reason">' in html


def test_granting_shows_exempt_and_says_so(client, liaison, world):
    client.force_login(liaison)
    response = client.post(
        grant_url(world["learner"]),
        {"requirement": world["citywide"].pk, "reason": "On leave", "until_on": "2099-01-31"},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(user=world["learner"], is_current=True)
    assert assignment.status == AssignmentStatus.EXEMPT
    assert Exemption.objects.get().until_on == date(2099, 1, 31)
    [message] = get_messages(response.wsgi_request)
    assert str(message) == f"{world['learner']} is now exempt from “Foundations (all)”."


def test_forged_requirement_is_refused_and_nothing_changes(client, liaison, world):
    client.force_login(liaison)
    before = snapshot()
    response = client.post(
        grant_url(world["learner"]), {"requirement": world["library_only"].pk, "reason": "x"}
    )
    assert response.status_code == 200
    assert "requirement" in response.context["form"].errors
    assert "Select a valid choice" in response.content.decode()
    assert snapshot() == before


def test_missing_reason_is_a_form_error_tied_to_the_field(client, liaison, world):
    client.force_login(liaison)
    before = snapshot()
    response = client.post(
        grant_url(world["learner"]), {"requirement": world["citywide"].pk, "reason": "   "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Give the reason. It is kept in the audit log."
    ]
    html = response.content.decode()
    assert 'role="alert"' in html
    assert '<a href="#id_reason">Reason: Give the reason.' in html
    assert 'id="id_reason_error"' in html
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Error:" in html
    assert snapshot() == before


def test_end_date_in_the_past_is_refused(client, liaison, world):
    client.force_login(liaison)
    before = snapshot()
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        grant_url(world["learner"]),
        {"requirement": world["citywide"].pk, "reason": "x", "until_on": yesterday.isoformat()},
    )
    assert response.status_code == 200
    assert "cannot be before today" in response.context["form"].errors["until_on"][0]
    assert snapshot() == before


def test_granting_when_already_exempt_says_until_when(client, liaison, exemption):
    client.force_login(liaison)
    before = snapshot()
    response = client.post(
        grant_url(exemption.user), {"requirement": exemption.requirement_id, "reason": "Again"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["requirement"] == [
        "Already exempt from “Foundations (all)”, with no end date."
    ]
    assert snapshot() == before


def test_person_without_requirements_gets_no_form(client, liaison, department):
    person = UserFactory(department=department)
    client.force_login(liaison)
    html = client.get(grant_url(person)).content.decode()
    assert "has no requirements right now" in html
    assert '<form method="post" class="action-form"' not in html


# --- the revoke form ---


def test_revoking_without_reason_is_refused(client, liaison, exemption):
    client.force_login(liaison)
    before = snapshot()
    response = client.post(revoke_url(exemption), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Give the reason. It is kept in the audit log."
    ]
    assert snapshot() == before


def test_revoking_shows_the_real_status_again(client, liaison, exemption):
    client.force_login(liaison)
    response = client.post(revoke_url(exemption), {"reason": "Back at work"})
    assert response.status_code == 302
    assignment = Assignment.objects.get(user=exemption.user, is_current=True)
    assert assignment.status == AssignmentStatus.NOT_STARTED
    [message] = get_messages(response.wsgi_request)
    assert "is revoked" in str(message)


def test_revoking_twice_says_it_was_already_revoked(client, liaison, exemption):
    client.force_login(liaison)
    client.post(revoke_url(exemption), {"reason": "Back at work"})
    before = snapshot()
    response = client.post(revoke_url(exemption), {"reason": "Again"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This exemption was already revoked on" in html
    assert "Back at work" in html
    assert snapshot() == before


# --- the audit log ---


def test_audit_log_shows_who_what_whom_and_the_change(client, liaison, ore, exemption, world):
    client.force_login(ore)  # the exemption fixture wrote the one entry
    html = client.get("/liaison/GSD/audit/").content.decode()
    assert "Exemption granted" in html
    assert str(liaison) in html  # who
    assert str(world["learner"]) in html  # whom
    assert "Foundations (all)" in html
    assert (
        'Not started <span aria-hidden="true">→</span>'
        '<span class="visually-hidden">changed to</span> Exempt'
    ) in html
    assert "On leave" in html
    assert '<th scope="col">When</th>' in html


def test_audit_log_lists_only_the_department_newest_first(client, liaison, ore, world):
    learner, librarian = world["learner"], world["librarian"]
    audit_record(actor=ore, action=AuditAction.REMINDER_SENT, employee=learner)
    audit_record(actor=ore, action=AuditAction.ATTENDANCE_RECORDED, employee=learner)
    audit_record(actor=ore, action=AuditAction.REMINDER_SENT, employee=librarian)
    client.force_login(liaison)
    response = client.get("/liaison/GSD/audit/")
    actions = [row["entry"].action for row in response.context["rows"]]
    assert actions == [AuditAction.ATTENDANCE_RECORDED, AuditAction.REMINDER_SENT]


def test_audit_log_filters_by_action(client, liaison, ore, world):
    audit_record(actor=ore, action=AuditAction.REMINDER_SENT, employee=world["learner"])
    audit_record(actor=ore, action=AuditAction.ATTENDANCE_RECORDED, employee=world["learner"])
    client.force_login(liaison)
    response = client.get("/liaison/GSD/audit/?action=reminder_sent")
    assert [row["entry"].action for row in response.context["rows"]] == ["reminder_sent"]


def test_audit_log_with_a_forged_action_says_so_and_lists_everything(client, liaison, ore, world):
    audit_record(actor=ore, action=AuditAction.REMINDER_SENT, employee=world["learner"])
    client.force_login(liaison)
    response = client.get("/liaison/GSD/audit/?action=drop_table")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(response.context["rows"]) == 1


def test_audit_log_pages_by_fifty_in_a_fixed_number_of_queries(client, liaison, ore, world):
    client.force_login(liaison)

    def queries_for_page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/liaison/GSD/audit/")
        assert response.status_code == 200
        return len(queries), response

    for _ in range(3):
        audit_record(actor=ore, action=AuditAction.REMINDER_SENT, employee=world["learner"])
    few, _response = queries_for_page()
    for _ in range(60):
        audit_record(actor=liaison, action=AuditAction.REMINDER_SENT, employee=world["learner"])
    many, response = queries_for_page()
    assert many == few
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.num_pages == 2


def test_audit_log_cannot_be_changed_through_the_page(client, liaison, ore, world):
    entry = audit_record(actor=ore, action=AuditAction.REMINDER_SENT, employee=world["learner"])
    client.force_login(liaison)
    assert client.post("/liaison/GSD/audit/", {"action": "x"}).status_code == 405
    assert AuditEntry.objects.get() == entry
