"""A learner and a liaison in a real browser: keyboard, small screens, and axe-core."""

import pytest

from tests.browser.conftest import axe_violations, visible
from tests.browser.conftest import sign_in as sign_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


def sign_in(page, live_server, email):
    sign_in_as(page, live_server.url, email, PASSWORD)


def test_learner_takes_the_course_with_the_keyboard_and_every_page_passes_axe(
    page, live_server, learner, requirement, lessons
):
    page.goto(f"{live_server.url}/")
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"

    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []
    sign_in(page, live_server, learner.email)
    assert page.url.endswith("/learn/")
    assert visible(page.get_by_role("heading", name="My learning"))
    assert axe_violations(page) == []

    page.get_by_role("link", name="Implicit Bias: Foundations", exact=True).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Start the course").click()
    for _ in lessons:
        assert axe_violations(page) == []
        button = page.get_by_role("button", name="Mark this lesson as done")
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert "Completed on" in page.content()
    assert axe_violations(page) == []


def test_pages_fit_a_320_pixel_screen(browser, live_server, learner, requirement, lessons):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in(page, live_server, learner.email)
        for url in ["/learn/", requirement.course.url, lessons[0].url]:
            page.goto(f"{live_server.url}{url}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (url, overflow)
    finally:
        context.close()


def test_liaison_dashboard_passes_axe(page, live_server, liaison, learner, requirement, lessons):
    sign_in(page, live_server, liaison.email)
    page.goto(f"{live_server.url}/liaison/GSD/")
    assert visible(page.get_by_role("heading", name="General Services"))
    assert axe_violations(page) == []


def test_spanish_pages_pass_axe(page, live_server, learner, requirement, lessons):
    sign_in(page, live_server, learner.email)
    page.get_by_label("Language").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert axe_violations(page) == []
