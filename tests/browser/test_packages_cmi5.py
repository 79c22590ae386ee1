"""A cmi5 course in a real browser: the learner launches the sample AU, which talks to our /xapi/
with the real @xapi/cmi5 library (fetch URL, LMS.LaunchData, statements), completes it, exits
back to the lesson, and the requirement turns complete on My learning and on the liaison's
workbench."""

import re

import pytest

from courses.packages.importing import package_import
from tests.browser.conftest import axe_violations, visible
from tests.browser.conftest import sign_in as sign_in_as
from tests.courses.packages.cmi5.helpers import sample_zip
from tests.factories import RequirementFactory, compliance_refresh, course_with_lessons

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def packaged_course(tmp_path, learner):
    course, _ = course_with_lessons(lessons=0, title="Packaged cmi5 course")
    lesson = package_import(
        file=sample_zip("cmi5_play_single", tmp_path), course=course, title="The cmi5 lesson"
    )
    requirement = RequirementFactory(course=course, name="Packaged cmi5 course (all)")
    compliance_refresh()
    return lesson, requirement


def test_learner_completes_a_cmi5_au_and_the_requirement_counts(
    page, live_server, learner, liaison, packaged_course
):
    lesson, requirement = packaged_course
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(f"{live_server.url}{lesson.url}")
    assert visible(page.get_by_role("heading", name="Activities in this lesson"))
    assert axe_violations(page) == []

    launch = page.get_by_role("button", name=re.compile("Launch"))
    launch.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/learn/packages/files/" in page.url
    assert "endpoint=" in page.url
    status = page.locator("#status")
    status.filter(has_text="Ready (Normal)").wait_for(timeout=15000)

    page.get_by_role("button", name="Complete").click()
    status.filter(has_text="Completed").wait_for(timeout=15000)
    with page.expect_navigation(timeout=15000):
        page.get_by_role("button", name="Exit").click()
    # the AU sent the learner back to the lesson (returnURL)
    assert page.url.split("?")[0].endswith(lesson.url)
    assert "You have finished every activity in this lesson." in page.content()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/learn/")
    learning = page.locator("main").inner_text()
    assert "Nothing is required of you right now." in learning
    done = learning.split("Completed", 1)[1]
    assert "Packaged cmi5 course" in done
    assert "Completed on" in done

    page.context.clear_cookies()
    compliance_refresh()
    sign_in_as(page, live_server.url, liaison.email, PASSWORD)
    page.goto(f"{live_server.url}/liaison/GSD/")
    row = page.locator("tr", has_text=requirement.name).first.inner_text().split("\t")
    # Requirement, Due, In audience, Completed, ...: the learner and the liaison; one completed
    assert row[2:4] == ["2", "1"], row
    assert axe_violations(page) == []


def test_the_demo_course_plays_in_spanish_from_the_learner_preferences(
    page, live_server, learner, tmp_path
):
    from tests.courses.packages.cmi5.helpers import DEMO

    learner.preferred_language = "es"
    learner.save(update_fields=["preferred_language"])
    course, _ = course_with_lessons(lessons=0, title="Demo cmi5")
    lesson = package_import(
        file=sample_zip("cmi5-demo", tmp_path, DEMO), course=course, title="Equidad"
    )
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(f"{live_server.url}{lesson.url}")
    buttons = page.locator(".cmi5-player__launch button")
    assert buttons.count() == 2

    with page.expect_navigation():
        buttons.nth(0).click()
    page.locator("#status").filter(has_text="Listo.").wait_for(timeout=15000)
    assert page.locator("html").get_attribute("lang") == "es"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ya leí esto").click()
    page.locator("#status").filter(has_text="Gracias").wait_for(timeout=15000)
    with page.expect_navigation(timeout=15000):
        page.get_by_role("button", name="Salir y volver al curso").click()

    with page.expect_navigation():
        page.locator(".cmi5-player__launch button").nth(1).click()
    page.locator("#status").filter(has_text="Listo.").wait_for(timeout=15000)
    page.get_by_label("Depende de quién puede llegar a él y usarlo de verdad").check()
    page.get_by_label("A las personas a quienes afecta, en su idioma").check()
    page.get_by_role("button", name="Enviar respuestas").click()
    page.locator("#status").filter(has_text="Aprobó (2 de 2 correctas).").wait_for(timeout=15000)
    assert axe_violations(page) == []
    with page.expect_navigation(timeout=15000):
        page.get_by_role("button", name="Salir y volver al curso").click()
    assert page.url.split("?")[0].endswith(lesson.url)
    assert visible(page.locator(".cmi5-player__done"))


def test_an_any_window_au_plays_framed_and_exit_brings_the_lesson_back(
    page, live_server, learner, tmp_path
):
    course, _ = course_with_lessons(lessons=0, title="Framed cmi5")
    lesson = package_import(
        file=sample_zip("cmi5_play_multi", tmp_path), course=course, title="Several AUs"
    )
    sign_in_as(page, live_server.url, learner.email, PASSWORD)
    page.goto(f"{live_server.url}{lesson.url}")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"Launch\s+Passed")).click()
    assert page.url.endswith(f"/learn/packages/cmi5/play/{lesson.pk}/")
    assert visible(page.get_by_role("heading", name="Passed"))
    assert axe_violations(page) == []
    frame = page.frame_locator("iframe")
    frame.locator("#status").filter(has_text="Ready (Normal)").wait_for(timeout=15000)
    frame.get_by_role("button", name="Pass").click()
    frame.locator("#status").filter(has_text="Passed").wait_for(timeout=15000)
    with page.expect_navigation(timeout=15000):
        frame.get_by_role("button", name="Exit").click()
    page.wait_for_url(re.compile(re.escape(lesson.url) + "$"), timeout=15000)
    statuses = page.locator(".cmi5-player__au .cmi5-player__status").all_inner_texts()
    assert [s.split(":")[-1].strip() for s in statuses] == [
        "Not started",
        "Done",
        "Not started",
        "Not started",
        "Done",
    ]
