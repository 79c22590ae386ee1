"""Forms with an error summary move the focus to it after a refused submission, so keyboard and
screen reader users land on what went wrong (the pre-assessment, a TA request, an exemption)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations
from tests.browser.conftest import sign_in as sign_in_as
from tests.courses.learning.test_evaluation import with_bank
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"

FOCUSED_SUMMARY = (
    "() => { const active = document.activeElement;"
    " return !!active && active.classList.contains('error-summary'); }"
)


def submit_by_keyboard(page, button_name: str) -> None:
    page.get_by_role("button", name=button_name).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_focus_on_the_error_summary(page) -> None:
    page.wait_for_function(FOCUSED_SUMMARY, timeout=5000)
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    # Tab from the summary reaches its first link, to the field in error.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.error-summary') !== null")
    assert axe_violations(page) == []


def test_pre_assessment_errors_take_the_focus(page, live_server, learner, course):
    course = with_bank(course)
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(f"{live_server.url}/learn/evaluation/{course.pk}/pre/")
    submit_by_keyboard(page, "Submit my answers")
    assert_focus_on_the_error_summary(page)


def test_ta_request_errors_take_the_focus(page, live_server, liaison):
    sign_in_as(page, live_server.url, liaison.email, PASSWORD)
    page.goto(f"{live_server.url}/ta/new/")
    submit_by_keyboard(page, "Send the request")
    assert_focus_on_the_error_summary(page)


def test_exemption_errors_take_the_focus(page, live_server, liaison, department, course):
    requirement = RequirementFactory(
        course=course, name="Foundations", due_on=timezone.localdate() - timedelta(days=3)
    )
    person = UserFactory(department=department, first_name="Ines", last_name="Overdue")
    compliance_refresh()
    sign_in_as(page, live_server.url, liaison.email, PASSWORD)
    page.goto(
        f"{live_server.url}/liaison/{department.code}/people/{person.pk}/exemptions/new/"
        f"?requirement={requirement.pk}"
    )
    submit_by_keyboard(page, "Grant the exemption")
    assert_focus_on_the_error_summary(page)
