"""SCORM packages played in a real browser: the sample packages of tests/courses/packages/samples
run in the lesson page's frame on scorm-again, suspend and resume, and their completion counts
on My learning and on the liaison's workbench."""

import pytest

from courses.compliance.models import Assignment
from courses.packages.importing import package_import
from tests.browser.conftest import axe_violations, visible
from tests.browser.conftest import sign_in as sign_in_as
from tests.courses.packages.builders import sample_zip
from tests.factories import RequirementFactory, compliance_refresh, course_with_lessons

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "package-files"


def _package_course(tmp_path, sample):
    course, _lessons = course_with_lessons(lessons=0, title="Equity indicators")
    lesson = package_import(file=sample_zip(tmp_path, sample), course=course)
    return course, lesson


def _frame(page):
    return page.frame_locator("#package-frame")


def _click_in_frame(page, name):
    _frame(page).get_by_role("button", name=name).click()


def _finish_part(page, *, answer=False):
    """Answers (when asked) and finishes the part in the frame; the player moves on."""
    if answer:
        _click_in_frame(page, "Answer the question")
        _frame(page).get_by_text("Answer recorded").wait_for()
    with page.expect_navigation():
        _click_in_frame(page, "Finish this part")


def test_scorm12_package_suspends_resumes_and_counts(
    page, live_server, tmp_path, learner, liaison, department
):
    course, lesson = _package_course(tmp_path, "scorm12_single")
    requirement = RequirementFactory(course=course, name="Equity indicators")
    compliance_refresh()
    sign_in_as(page, live_server.url, learner.email, PASSWORD)

    page.goto(live_server.url + lesson.url)
    assert visible(page.get_by_role("heading", name="Reading an equity indicator", level=2))
    _frame(page).get_by_text("Entry: ab-initio").wait_for()
    assert page.get_by_role("button", name="Mark this lesson as done").count() == 0
    assert axe_violations(page) == []
    _click_in_frame(page, "Next page")
    _frame(page).get_by_text("Place: page-2").wait_for()

    with page.expect_navigation():
        page.get_by_role("link", name="Suspend").click()
    assert "Your place in the package is kept." in page.content()
    # Back (as on another device: everything comes from the server).
    page.goto(live_server.url + lesson.url)
    _frame(page).get_by_text("Entry: resume. Place: page-2. Saved: visited=1,2.").wait_for()

    _finish_part(page, answer=True)
    assert "You have finished this lesson." in page.content()
    assert "left=done" in page.url

    page.goto(f"{live_server.url}/learn/")
    completed = page.locator("section", has=page.get_by_role("heading", name="Completed"))
    assert "Equity indicators" in completed.inner_text()

    compliance_refresh()
    assignment = Assignment.objects.get(user=learner, requirement=requirement)
    assert assignment.status == "completed_on_time"
    page.context.clear_cookies()
    sign_in_as(page, live_server.url, liaison.email, PASSWORD)
    page.goto(f"{live_server.url}/liaison/")
    row = page.get_by_role("row", name="Equity indicators")
    assert row.get_by_role("cell").nth(2).inner_text().strip() == "1"  # completed


@pytest.mark.parametrize(
    ("sample", "parts"),
    [
        ("scorm12_two_scos", [("What an indicator shows", False), ("Check your", True)]),
        (
            "scorm2004_3rd",
            [("Module 1", False), ("Module 2", False), ("Post-test", True)],
        ),
        (
            "scorm2004_4th",
            [("Module 1", False), ("Module 2", False), ("Post-test", True)],
        ),
    ],
)
def test_multi_sco_package_plays_in_order_to_completion(
    page, live_server, tmp_path, learner, sample, parts
):
    _course, lesson = _package_course(tmp_path, sample)
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(live_server.url + lesson.url)
    toc = page.get_by_role("navigation", name="Parts of this lesson")
    assert visible(toc)
    for title, answer in parts:
        assert page.locator("#package-heading").inner_text().startswith(title)
        assert title in toc.locator("[aria-current=step]").inner_text()
        _frame(page).get_by_text("Entry:").wait_for()
        _finish_part(page, answer=answer)
    assert "You have finished this lesson." in page.content()
    assert "Done" in page.get_by_role("navigation", name="Parts of this lesson").inner_text()


def test_the_demo_package_speaks_the_learners_language(page, live_server, tmp_path, learner):
    from tests.courses.packages.test_demo_packages import demo_zip

    learner.preferred_language = "es"
    learner.save()
    course, _lessons = course_with_lessons(lessons=0, title="Equity indicators")
    lesson = package_import(file=demo_zip(tmp_path, "scorm2004-demo"), course=course)
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(live_server.url + lesson.url)
    frame = _frame(page)
    frame.get_by_role("heading", name="Qué muestra un indicador").wait_for()
    assert frame.locator("html").get_attribute("lang") == "es"
    assert axe_violations(page) == []
    frame.get_by_role("button", name="Siguiente").click()
    with page.expect_navigation():
        frame.get_by_role("button", name="Terminar").click()
    frame.get_by_label("28 puntos porcentuales").check()
    frame.get_by_role("button", name="Comprobar mi respuesta").click()
    frame.get_by_text("Correcto").wait_for()
    with page.expect_navigation():
        frame.get_by_role("button", name="Terminar").click()
    assert page.locator(".status-completed").count() >= 1
    assert "left=exitAll" in page.url


def test_a_package_plays_in_a_new_window(page, live_server, tmp_path, learner):
    _course, lesson = _package_course(tmp_path, "scorm12_single")
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(live_server.url + lesson.url)
    _frame(page).get_by_text("Entry: ab-initio").wait_for()
    with page.expect_navigation():
        page.get_by_role("link", name="Open in a new window").click()
    assert page.locator("#package-frame").count() == 0
    with page.expect_popup() as opened:
        page.get_by_role("link", name="Open in a new window").click()
    window = opened.value
    # The frame's session was suspended on leaving: the window resumes it.
    window.get_by_text("Entry: resume").wait_for()
    assert "another window" in page.get_by_role("status").first.inner_text()
    window.get_by_role("button", name="Answer the question").click()
    window.get_by_text("Answer recorded").wait_for()
    with page.expect_navigation():
        window.get_by_role("button", name="Finish this part").click()
    assert "You have finished this lesson." in page.content()
