"""An ORE editor translates a course into Spanish in the admin, in a real browser."""

import re

import pytest

from content.services import ORE_EDITORS, roles_ensure
from tests.browser.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


def test_an_ore_editor_translates_a_course_into_spanish(page, live_server, course):
    editor = UserFactory(email="ore.editor@example.lacity.test", department=None)
    editor.groups.add(roles_ensure()[ORE_EDITORS])
    sign_in(page, live_server.url, editor.email, PASSWORD)

    # The address of "Translate this page" (an ORE editor was told "you do not have permission").
    page.goto(f"{live_server.url}/admin/localize/submit/page/{course.pk}/")
    assert page.get_by_role("heading", name=re.compile("Translate page")).is_visible()
    page.get_by_label(re.compile("Spanish|Español")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()

    translation = course.get_translations().get(locale__language_code="es")
    assert page.url.endswith(f"/admin/pages/{translation.pk}/edit/")
    # The translation editor shows the course's own text, ready to translate.
    page.get_by_text(course.title).first.wait_for()
