"""Granting and revoking exemptions: the status follows at once, every action is audited, and
bad input gets a clear message and changes nothing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from courses.compliance.assignments import assignments_reconcile
from courses.compliance.exemptions import exemption_grant, exemption_revoke
from courses.compliance.models import (
    Assignment,
    AssignmentStatus,
    AuditAction,
    AuditEntry,
    Exemption,
)
from tests.factories import DepartmentFactory, RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
MORNING = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def gsd_requirement(course, department):
    """Required of General Services, due in 60 days."""
    requirement = RequirementFactory(course=course, name="Foundations (GSD)")
    requirement.departments.add(department)
    return requirement


@pytest.fixture
def person(department, gsd_requirement):
    person = UserFactory(department=department)
    compliance_refresh(as_of=TODAY)
    return person


def current(person, requirement) -> Assignment:
    return Assignment.objects.get(user=person, requirement=requirement, is_current=True)


def snapshot() -> tuple:
    """Everything a failed action must leave as it was."""
    return (
        list(Exemption.objects.values()),
        list(AuditEntry.objects.values()),
        list(Assignment.objects.values("pk", "status", "exemption_id", "is_current")),
    )


def error_text(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def test_granting_makes_the_person_exempt_at_once_and_audits_it(person, liaison, gsd_requirement):
    before = current(person, gsd_requirement)
    assert before.status == AssignmentStatus.NOT_STARTED

    exemption = exemption_grant(
        actor=liaison,
        user=person,
        requirement=gsd_requirement,
        reason="  On extended medical leave  ",
        until_on=date(2026, 6, 30),
        as_of=TODAY,
    )

    assert exemption.reason == "On extended medical leave"
    assert exemption.granted_by == liaison
    assert exemption.revoked_at is None
    after = current(person, gsd_requirement)
    assert after.status == AssignmentStatus.EXEMPT
    assert after.exemption_id == exemption.pk
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.EXEMPTION_GRANTED
    assert (entry.actor, entry.employee, entry.requirement) == (liaison, person, gsd_requirement)
    assert entry.department == person.department
    assert entry.before == {
        "assignment_id": before.pk,
        "status": "not_started",
        "due_on": before.due_on.isoformat(),
    }
    assert entry.after == {
        "exemption_id": exemption.pk,
        "reason": "On extended medical leave",
        "until_on": "2026-06-30",
        "status": "exempt",
    }


def test_revoking_brings_the_real_status_back_and_audits_it(person, liaison, ore, gsd_requirement):
    exemption = exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Leave", as_of=TODAY
    )
    assert current(person, gsd_requirement).status == AssignmentStatus.EXEMPT

    revoked = exemption_revoke(
        actor=ore, exemption=exemption, reason="Back from leave", as_of=TODAY
    )

    assert revoked.revoked_at is not None
    assert (revoked.revoked_by, revoked.revoke_reason) == (ore, "Back from leave")
    after = current(person, gsd_requirement)
    assert after.status == AssignmentStatus.NOT_STARTED
    assert after.exemption_id is None
    entry = AuditEntry.objects.filter(action=AuditAction.EXEMPTION_REVOKED).get()
    assert entry.actor == ore
    assert entry.before["status"] == "exempt"
    assert entry.before["exemption_id"] == exemption.pk
    assert entry.after == {
        "exemption_id": exemption.pk,
        "revoke_reason": "Back from leave",
        "status": "not_started",
    }


def test_revoked_after_the_due_date_the_person_is_overdue(person, liaison, gsd_requirement):
    exemption = exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Leave", as_of=TODAY
    )
    later = current(person, gsd_requirement).due_on + timedelta(days=1)
    exemption_revoke(actor=liaison, exemption=exemption, reason="Returned", as_of=later)
    assert current(person, gsd_requirement).status == AssignmentStatus.OVERDUE


def test_an_exemption_stops_counting_once_its_end_date_has_passed(person, liaison, gsd_requirement):
    exemption_grant(
        actor=liaison,
        user=person,
        requirement=gsd_requirement,
        reason="Training next month instead",
        until_on=TODAY + timedelta(days=5),
        as_of=TODAY,
    )
    assignments_reconcile(as_of=TODAY + timedelta(days=5))
    assert current(person, gsd_requirement).status == AssignmentStatus.EXEMPT

    assignments_reconcile(as_of=TODAY + timedelta(days=6))

    after = current(person, gsd_requirement)
    assert after.status == AssignmentStatus.NOT_STARTED
    assert after.exemption_id is None


def test_an_expired_exemption_can_be_replaced_by_a_new_one(person, liaison, gsd_requirement):
    first = exemption_grant(
        actor=liaison,
        user=person,
        requirement=gsd_requirement,
        reason="Short leave",
        until_on=TODAY + timedelta(days=5),
        as_of=TODAY,
    )
    later = TODAY + timedelta(days=10)

    second = exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Longer leave", as_of=later
    )

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert "Expired on" in first.revoke_reason
    assert current(person, gsd_requirement).exemption_id == second.pk
    assert AuditEntry.objects.latest("pk").after["replaces_exemption_id"] == first.pk


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_exemption_without_a_reason_is_refused_and_nothing_is_written(
    person, liaison, gsd_requirement, reason
):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        exemption_grant(
            actor=liaison, user=person, requirement=gsd_requirement, reason=reason, as_of=TODAY
        )
    assert error.value.message_dict == {"reason": ["Give the reason. It is kept in the audit log."]}
    assert snapshot() == before


def test_an_end_date_in_the_past_is_refused_and_nothing_is_written(
    person, liaison, gsd_requirement
):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        exemption_grant(
            actor=liaison,
            user=person,
            requirement=gsd_requirement,
            reason="Leave",
            until_on=TODAY - timedelta(days=1),
            as_of=TODAY,
        )
    assert "until_on" in error.value.message_dict
    assert "cannot be before today" in error_text(error)
    assert snapshot() == before


def test_an_end_date_of_today_is_accepted(person, liaison, gsd_requirement):
    exemption = exemption_grant(
        actor=liaison,
        user=person,
        requirement=gsd_requirement,
        reason="Leave",
        until_on=TODAY,
        as_of=TODAY,
    )
    assert exemption.until_on == TODAY
    assert current(person, gsd_requirement).status == AssignmentStatus.EXEMPT


def test_someone_outside_the_audience_cannot_be_exempted(liaison, gsd_requirement, person):
    outsider = UserFactory(department=DepartmentFactory(code="LAPL"))
    compliance_refresh(as_of=TODAY)
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        exemption_grant(
            actor=liaison, user=outsider, requirement=gsd_requirement, reason="x", as_of=TODAY
        )
    assert "is not required to take “Foundations (GSD)”" in error_text(error)
    assert snapshot() == before


def test_granting_twice_is_refused_with_the_end_date_and_changes_nothing(
    person, liaison, ore, gsd_requirement
):
    exemption_grant(
        actor=liaison,
        user=person,
        requirement=gsd_requirement,
        reason="Leave",
        until_on=date(2026, 6, 30),
        as_of=TODAY,
    )
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        exemption_grant(
            actor=ore, user=person, requirement=gsd_requirement, reason="Again", as_of=TODAY
        )
    assert error_text(error) == "Already exempt from “Foundations (GSD)” until June 30, 2026."
    assert snapshot() == before


def test_granting_twice_without_end_date_says_so(person, liaison, gsd_requirement):
    exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Leave", as_of=TODAY
    )
    with pytest.raises(ValidationError) as error:
        exemption_grant(
            actor=liaison, user=person, requirement=gsd_requirement, reason="x", as_of=TODAY
        )
    assert "with no end date" in error_text(error)
    assert Exemption.objects.count() == 1


def test_revoking_twice_is_refused_and_changes_nothing(person, liaison, ore, gsd_requirement):
    exemption = exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Leave", as_of=TODAY
    )
    exemption_revoke(actor=liaison, exemption=exemption, reason="Back", as_of=TODAY)
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        exemption_revoke(actor=ore, exemption=exemption, reason="Again", as_of=TODAY)
    assert error_text(error) == "This exemption was already revoked on March 2, 2026."
    assert snapshot() == before


@pytest.mark.parametrize("reason", ["", "  "])
def test_revoking_without_a_reason_is_refused_and_changes_nothing(
    person, liaison, gsd_requirement, reason
):
    exemption = exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Leave", as_of=TODAY
    )
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        exemption_revoke(actor=liaison, exemption=exemption, reason=reason, as_of=TODAY)
    assert error.value.message_dict == {"reason": ["Give the reason. It is kept in the audit log."]}
    assert snapshot() == before
    assert current(person, gsd_requirement).status == AssignmentStatus.EXEMPT


def test_an_overlong_reason_is_refused(person, liaison, gsd_requirement):
    with pytest.raises(ValidationError) as error:
        exemption_grant(
            actor=liaison,
            user=person,
            requirement=gsd_requirement,
            reason="x" * 1001,
            as_of=TODAY,
        )
    assert "under 1000 characters" in error_text(error)
    assert not Exemption.objects.exists()


def test_the_audit_entry_holds_no_names(person, liaison, gsd_requirement):
    exemption_grant(
        actor=liaison, user=person, requirement=gsd_requirement, reason="Leave", as_of=TODAY
    )
    entry = AuditEntry.objects.get()
    text = f"{entry.before} {entry.after}"
    for name in (person.first_name, person.email, liaison.first_name, liaison.email):
        assert name not in text
