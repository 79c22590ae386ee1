"""An ORE editor translates a course into Spanish in the admin, in a real browser, and a
Spanish reader then gets it."""

import re

import pytest

from content.roles import ORE_EDITORS, ORE_LEADS, roles_ensure
from tests.browser.conftest import sign_in, visible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"
SPANISH_TITLE = "Sesgo implícito: lo esencial"


def test_an_ore_editor_translates_a_course_and_a_lead_publishes_it(
    browser, page, live_server, course
):
    editor = UserFactory(email="ore.editor@example.lacity.test", department=None)
    editor.groups.add(roles_ensure()[ORE_EDITORS])
    sign_in(page, live_server.url, editor.email, PASSWORD)

    # From the course's editor, as an editor finds it: the header's "Actions" menu.
    page.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Translate this page").click()
    assert visible(page.get_by_role("heading", name=re.compile("Translate page")))
    page.get_by_label(re.compile("Spanish|Español")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()

    translation = course.get_translations().get(locale__language_code="es")
    assert page.url.endswith(f"/admin/pages/{translation.pk}/edit/")

    # The translation editor lists the course's own text; the editor translates the title
    # (the first string) and publishes.
    page.get_by_text(course.title).first.wait_for()
    page.get_by_role("button", name="Translate", exact=True).first.click()
    page.locator("textarea").first.fill(SPANISH_TITLE)
    # The editor saves in the background: wait for the server's answer before the lead looks
    # (under load the lead's page could otherwise load before the save arrived).
    with page.expect_response(
        lambda response: "/strings/" in response.url and response.request.method != "GET"
    ) as saved:
        page.get_by_role("button", name="Save", exact=True).first.click()
    assert saved.value.ok
    page.get_by_text(SPANISH_TITLE).first.wait_for()
    # Editors translate; publishing is the ORE leads' (the review the English pages get too):
    # the lead opens the same translation, sees the editor's Spanish, and publishes it.
    assert not page.get_by_role("button", name=re.compile("Publish in")).count()
    lead = UserFactory(email="ore.lead@example.lacity.test", department=None)
    lead.groups.add(roles_ensure()[ORE_LEADS])
    lead_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(lead_page, live_server.url, lead.email, PASSWORD)
    lead_page.goto(f"{live_server.url}/admin/pages/{translation.pk}/edit/")
    lead_page.get_by_text(SPANISH_TITLE).first.wait_for()
    with lead_page.expect_navigation():
        lead_page.get_by_role("button", name=re.compile("Publish in")).click()

    translation.refresh_from_db()
    assert translation.live
    assert translation.title == SPANISH_TITLE

    # A Spanish reader now gets the Spanish title at the course's own address.
    page.goto(f"{live_server.url}{course.url}")
    page.get_by_label("Language").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()
    page.goto(f"{live_server.url}{course.url}")
    assert page.get_by_role("heading", level=1).inner_text() == SPANISH_TITLE
