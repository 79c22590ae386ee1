"""The liaison's workbench and live sessions in a real browser: keyboard only, axe on each page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.compliance.models import Assignment
from courses.sessions.models import LiveSession, SessionRegistration
from tests.browser.conftest import axe_violations, visible
from tests.browser.conftest import sign_in as sign_in_as
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


def sign_in(page, live_server, email):
    sign_in_as(page, live_server.url, email, PASSWORD)


def press_enter_on(page, locator):
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_liaison_filters_opens_a_person_and_grants_an_exemption_by_keyboard(
    page, live_server, liaison, department, course
):
    requirement = RequirementFactory(
        course=course, name="Foundations", due_on=timezone.localdate() - timedelta(days=3)
    )
    late = UserFactory(department=department, first_name="Ines", last_name="Overdue")
    for n in range(3):
        UserFactory(department=department, first_name=f"Other{n}", last_name="Colleague")
    compliance_refresh()

    sign_in(page, live_server, liaison.email)
    page.goto(f"{live_server.url}/liaison/")
    assert page.url.endswith("/liaison/GSD/")
    assert visible(page.get_by_role("heading", name="General Services"))
    assert axe_violations(page) == []

    page.get_by_label("Status").select_option("overdue")
    press_enter_on(page, page.get_by_role("button", name="Show staff"))
    assert "status=overdue" in page.url
    assert axe_violations(page) == []

    press_enter_on(page, page.get_by_role("link", name="Overdue, Ines"))
    assert visible(page.get_by_role("heading", name="Ines Overdue"))
    assert axe_violations(page) == []

    press_enter_on(page, page.get_by_role("link", name="Grant an exemption from Foundations"))
    assert axe_violations(page) == []
    press_enter_on(page, page.get_by_role("button", name="Grant the exemption"))
    assert visible(page.locator("[role=alert]"))  # the reason is required
    assert axe_violations(page) == []
    page.get_by_label("Reason").fill("On extended leave")
    press_enter_on(page, page.get_by_role("button", name="Grant the exemption"))
    assert "/people/" in page.url
    assert Assignment.objects.get(user=late, requirement=requirement).status == "exempt"
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/liaison/GSD/audit/")
    assert "On extended leave" in page.content()
    assert axe_violations(page) == []


def test_learner_registers_and_the_liaison_records_attendance(
    page, live_server, learner, liaison, department, course
):
    RequirementFactory(course=course, name="Foundations")
    compliance_refresh()
    now = timezone.now()
    session = LiveSession.objects.create(
        course=course,
        title="Workshop at City Hall East",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        location="City Hall East, room 1500",
        capacity=10,
        department=department,
        created_by=liaison,
    )

    sign_in(page, live_server, learner.email)
    page.goto(f"{live_server.url}/sessions/")
    assert axe_violations(page) == []
    press_enter_on(page, page.get_by_role("button", name="Register").first)
    assert SessionRegistration.objects.get(session=session, user=learner).status == "registered"
    assert axe_violations(page) == []

    # The session has taken place.
    LiveSession.objects.filter(pk=session.pk).update(
        starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=1)
    )
    page.context.clear_cookies()
    sign_in(page, live_server, liaison.email)
    page.goto(f"{live_server.url}/sessions/{session.pk}/attendance/")
    assert axe_violations(page) == []
    checkbox = page.get_by_role("checkbox").first
    checkbox.focus()
    page.keyboard.press("Space")
    press_enter_on(page, page.get_by_role("button", name="Record attendance"))
    assert SessionRegistration.objects.get(session=session, user=learner).attended_at
    assert Assignment.objects.get(user=learner, is_current=True).status == "completed_on_time"
    assert axe_violations(page) == []


def test_liaison_selects_everyone_on_the_page_and_comes_back_to_the_same_filters(
    page, live_server, liaison, department, course
):
    from django.core import mail

    RequirementFactory(
        course=course, name="Foundations", due_on=timezone.localdate() - timedelta(days=3)
    )
    late = [UserFactory(department=department, last_name=f"Late{n}") for n in range(3)]
    compliance_refresh()

    sign_in(page, live_server, liaison.email)
    page.goto(f"{live_server.url}/liaison/GSD/?q=late")
    select_all = page.get_by_label("Select everyone on this page")
    assert visible(select_all)
    assert axe_violations(page) == []
    select_all.focus()
    page.keyboard.press("Space")
    boxes = page.locator("input[name=user]")
    assert boxes.count() == 3
    assert all(boxes.nth(n).is_checked() for n in range(3))
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    assert select_all.evaluate("box => box.indeterminate")
    select_all.focus()
    page.keyboard.press("Space")
    press_enter_on(
        page, page.get_by_role("button", name="Send a reminder now to the people ticked below")
    )
    assert page.url.endswith("/liaison/GSD/?q=late#staff-heading")
    assert "Sent 3 reminders." in page.content()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in late)
    assert axe_violations(page) == []

    press_enter_on(page, page.get_by_role("button", name="Remind all 3 people matching"))
    assert "Send a reminder to 3 people" in page.content()
    assert axe_violations(page) == []
    press_enter_on(page, page.get_by_role("button", name="Send 3 reminders"))
    assert page.url.endswith("/liaison/GSD/?q=late#staff-heading")
    assert "3 skipped (already reminded today: 3)" in page.content()
