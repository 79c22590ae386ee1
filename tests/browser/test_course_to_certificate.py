"""The demo course from sign-in to certificate in a real browser, with axe-core on every page."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from lms.demo_data import demo_data
from tests.browser.conftest import axe_violations

CHECKS = demo_data("courses.demo", "checks.yaml")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
COURSE = "implicit-bias-foundations"


def no_violations(page):
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


def answer_check_correctly(page, check, submit: str = "Submit answers"):
    for question in check["questions"]:
        fieldset = page.locator("fieldset", has_text=question["prompt"])
        for choice in question["choices"]:
            if choice["is_correct"]:
                fieldset.get_by_label(choice["text"], exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=submit).click()


def test_learner_takes_the_demo_course_to_a_verified_certificate(page, live_server):
    call_command("seed_demo", employees=0)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("learner@demo.lacity.test")
    page.get_by_label("Password").fill("equity-demo-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    no_violations(page)

    page.get_by_role("link", name="Implicit Bias: Foundations", exact=True).click()
    no_violations(page)
    page.get_by_role("link", name="Start the course").click()

    for lesson_slug, check in CHECKS[COURSE].items():
        assert page.url.endswith(f"/{lesson_slug}/"), page.url
        no_violations(page)
        answer_check_correctly(page, check["en"])
        assert "100%, passed" in page.content()
        no_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Mark this lesson as done").click()

    assert "Completed on" in page.content()
    no_violations(page)
    page.get_by_role("link", name="View your certificate").click()
    no_violations(page)
    assert "Alex Demo-Learner" in page.content()
    # the certificate links its public address on SITE_URL; follow the same path here
    verification = page.locator("a[href*='/certificates/']").first.get_attribute("href")
    page.goto(f"{base}{urlsplit(verification).path}")
    no_violations(page)
    assert "and not revoked" in page.content()
    assert "learner@demo.lacity.test" not in page.content()
