"""A SCORM package served from a separate origin (PACKAGE_FILES_ORIGIN) in a real browser: the
site on http://127.0.0.1:<port>, the package files on http://localhost:<port> (two origins, one
server). The SCO reaches the lesson page's runtime through scorm-again's cross-frame API, plays
to completion, and cannot read the lesson page."""

from urllib.parse import urlsplit

import pytest

from courses.packages.importing import package_import
from courses.packages.models import PackageAttempt
from lms.security import content_security_policy
from tests.browser.conftest import sign_in
from tests.courses.packages.builders import sample_zip
from tests.factories import course_with_lessons

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def origins(settings, live_server, tmp_path):
    port = urlsplit(live_server.url).port
    site, packages = f"http://127.0.0.1:{port}", f"http://localhost:{port}"
    settings.PACKAGE_ROOT = tmp_path / "package-files"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.SITE_URL = site
    settings.PACKAGE_FILES_ORIGIN = packages
    settings.SECURE_CSP, settings.SECURE_CSP_ADMIN = content_security_policy(
        frame_sources=[packages]
    )
    return site, packages


def test_a_scorm12_package_plays_across_origins(page, origins, tmp_path, learner):
    site, packages = origins
    course, _lessons = course_with_lessons(lessons=0, title="Equity indicators")
    lesson = package_import(file=sample_zip(tmp_path, "scorm12_single"), course=course)
    sign_in(page, site, learner.email, PASSWORD)

    page.goto(site + lesson.url)
    frame_element = page.locator("#package-frame")
    frame_element.wait_for()
    frame = page.frame_locator("#package-frame")
    # The SCO reads the attempt's values right after LMSInitialize: sco-api.js filled the
    # cross-frame cache (from the frame's name) before the SCO's script ran.
    frame.get_by_text("Entry: ab-initio").wait_for()
    content = frame_element.element_handle().content_frame()
    assert content.url.startswith(packages + "/learn/packages/files/")
    # The package cannot read the lesson page, nor has it the site's cookies.
    outcome = content.evaluate(
        "() => { try { return parent.document.title; } catch (error) { return error.name; } }"
    )
    assert outcome == "SecurityError"
    assert content.evaluate("() => document.cookie") == ""
    # Its runtime is scorm-again's cross-frame API, on its own window.
    assert content.evaluate("() => typeof window.API.LMSInitialize") == "function"
    assert content.evaluate("() => window.API_1484_11 === undefined")

    frame.get_by_role("button", name="Answer the question").click()
    frame.get_by_text("Answer recorded").wait_for()
    with page.expect_navigation():
        frame.get_by_role("button", name="Finish this part").click()
    assert "You have finished this lesson." in page.content()
    assert page.url.startswith(site)
    assert "left=done" in page.url

    attempt = PackageAttempt.objects.filter(user=learner, lesson=lesson).latest("updated_at")
    assert attempt.completion_status == "completed"
    assert attempt.score_raw == 90
