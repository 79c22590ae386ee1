"""An ORE editor adds a lesson in the admin while Wagtail autosaves it, in a real browser."""

import pytest

from courses.learning.models import LessonPage
from tests.browser.conftest import sign_in, visible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


def _publish(page):
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()


def test_a_publish_clicked_during_the_first_autosave_publishes_one_lesson(
    page, live_server, ore, course
):
    sign_in(page, live_server.url, ore.email, PASSWORD)
    add_url = f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/"
    # The first autosave reaches the server (which creates the page) but its answer is slow
    # to come back: the editor clicks Publish before the form learns of the new page.
    slow_answers = []

    def slow_first_autosave(route):
        request = route.request
        is_autosave = "json" in (request.headers.get("accept") or "")
        if request.method == "POST" and is_autosave and not slow_answers:
            slow_answers.append(route.fetch())  # never delivered to the page
            return
        route.continue_()

    page.route(f"{add_url}**", slow_first_autosave)
    page.goto(add_url)
    page.wait_for_timeout(2500)  # the editor starts typing once the form is ready
    title = page.get_by_role("textbox", name="Title").first
    title.fill("Lesson four: repair")
    title.press("Tab")
    for _wait in range(20):
        if slow_answers:
            break
        page.wait_for_timeout(250)
    assert slow_answers, "no autosave"
    assert slow_answers[0].ok, slow_answers[0].text()

    _publish(page)  # the body is still empty: a validation error
    assert visible(page.get_by_text("This field is required.").first)
    # The form shown again autosaves at once; then the editor writes the body and publishes.
    page.wait_for_timeout(2000)
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").first.click()
    page.locator(".public-DraftEditor-content").first.fill("Noticing and repairing harm.")
    _publish(page)

    assert "already in use" not in page.content()
    page.get_by_text("Page 'Lesson four: repair' has been published.").wait_for()
    lessons = LessonPage.objects.child_of(course).filter(title="Lesson four: repair")
    assert [lesson.live for lesson in lessons] == [True]


def test_an_autosave_that_arrives_after_the_publish_turns_the_form_into_the_lessons_editor(
    page, live_server, ore, course
):
    sign_in(page, live_server.url, ore.email, PASSWORD)
    add_url = f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/"
    # Autosaves are held on the way; the test lets them through in the order it needs.
    held = []

    def hold_autosaves(route):
        request = route.request
        if request.method == "POST" and "json" in (request.headers.get("accept") or ""):
            held.append(route)
            return
        route.continue_()

    def wait_for_autosaves(count):
        for _wait in range(40):
            if len(held) >= count:
                return
            page.wait_for_timeout(250)
        raise AssertionError(f"{count} autosaves expected, {len(held)} seen")

    page.route(f"{add_url}**", hold_autosaves)
    page.goto(add_url)
    page.wait_for_timeout(2500)
    title = page.get_by_role("textbox", name="Title").first
    title.fill("Lesson four: repair")
    title.press("Tab")
    wait_for_autosaves(1)
    _publish(page)  # reaches the server before that autosave: the empty body is refused
    assert visible(page.get_by_text("This field is required.").first)
    wait_for_autosaves(2)  # the form shown again autosaves at once

    late = page.request.fetch(held[0].request)  # the first autosave arrives: the page is made
    assert late.json()["success"], late.text()
    # The second one is answered with that page's editor: the form then fetches the edit
    # view's partials (hydration), and the editor goes on once they are in.
    with (
        page.expect_response(lambda response: "_w_hydrate_create_view" in response.url),
        page.expect_response(lambda response: response.request.method == "POST") as answer,
    ):
        held[1].continue_()
    assert answer.value.json()["success"], answer.value.text()
    page.wait_for_function("document.getElementById('page-edit-form').action.includes('/edit/')")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").first.click()
    page.locator(".public-DraftEditor-content").first.fill("Noticing and repairing harm.")
    page.wait_for_timeout(1500)  # as a person would, before reaching for Publish
    _publish(page)

    assert "already in use" not in page.content()
    published = page.get_by_text("Page 'Lesson four: repair' has been published.")
    published.or_(page.locator(".messages, .error-message")).first.wait_for()
    assert visible(published), page.locator(".messages, .error-message").all_inner_texts()
    lessons = LessonPage.objects.child_of(course).filter(title="Lesson four: repair")
    assert [lesson.live for lesson in lessons] == [True]
