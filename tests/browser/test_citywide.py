"""ORE's citywide dashboard in a real browser: axe finds nothing, the filters work by keyboard."""

from datetime import date

import pytest

from tests.analytics.citywide.data import cell, compliance_cells, make_visible, run_make
from tests.browser.conftest import axe_violations, visible
from tests.browser.test_workbench import sign_in
from tests.factories import RequirementFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def figures(department, other_department, requirement, course):
    second = RequirementFactory(course=course, name="Anti-harassment (all)")
    run = run_make()
    compliance_cells(run, requirement, completed=150, on_time=120, audience=200, overdue=30)
    compliance_cells(run, second, completed=45, on_time=45, audience=50, overdue=2)
    for dept, done in ((department, 90), (other_department, 60)):
        compliance_cells(
            run,
            requirement,
            completed=done,
            on_time=done - 10,
            audience=100,
            overdue=5,
            scope="department",
            department=dept,
        )
        cell(run, "ta_requests", scope="department", department=dept, numerator=3, value=3)
        cell(run, "ta_hours", scope="department", department=dept, numerator=7.5, value=7.5)
    for month in (7, 8, 9, 10, 11):
        cell(
            run,
            "completion_rate",
            period_type="month",
            start=date(2026, month, 1),
            requirement=requirement,
            numerator=month * 10,
            denominator=200,
            value=month * 10 / 200,
        )
    cell(run, "knowledge_gain", course=course, numerator=-10, denominator=4, value=-2.5)
    cell(run, "feedback_score", course=course, numerator=86, denominator=20, value=4.3)
    make_visible(run)
    return run


def test_ore_reads_the_dashboard_and_filters_it_by_keyboard(
    page, live_server, ore, figures, requirement, department
):
    ore.set_password("correct-horse-battery")
    ore.save()
    sign_in(page, live_server, ore.email)
    page.goto(f"{live_server.url}/analytics/")
    assert visible(page.get_by_role("heading", name="Citywide training analytics", level=1))
    assert page.locator("svg[role=img]").count() >= 5
    assert axe_violations(page) == []

    # The tables behind <details> are reachable and pass too once opened.
    for summary in page.locator("details summary").all():
        summary.click()
    assert axe_violations(page) == []

    # Keyboard only: Tab from the requirement select through the form to the submit button.
    page.get_by_label("Requirement", exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_department"
    page.get_by_label("Department", exact=True).select_option(str(department.pk))
    page.get_by_label("Requirement", exact=True).select_option(str(requirement.pk))
    page.get_by_label("Department", exact=True).focus()
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Show figures"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"department={department.pk}" in page.url
    assert visible(page.get_by_text("Showing FY 2026-27, General Services (GSD)."))
    assert axe_violations(page) == []

    # A bad value: the error summary is announced and links to the field.
    page.goto(f"{live_server.url}/analytics/?fiscal_year=1990")
    assert visible(page.locator("[role=alert]"))
    assert "Choose a fiscal year that has figures." in page.content()
    assert axe_violations(page) == []


def test_the_empty_dashboard_passes_axe(page, live_server, ore):
    ore.set_password("correct-horse-battery")
    ore.save()
    sign_in(page, live_server, ore.email)
    page.goto(f"{live_server.url}/analytics/")
    assert visible(page.get_by_text("No analytics have been computed yet."))
    assert axe_violations(page) == []
