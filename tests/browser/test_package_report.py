"""ORE's package report in a real browser: it passes axe (WCAG 2.2 AA), reflows on a small
screen, and its CSV downloads arrive."""

import pytest

from content.roles import ORE_ANALYSTS, roles_ensure
from courses.packages.models import PackageKind
from tests.browser.conftest import axe_violations
from tests.browser.conftest import sign_in as sign_in_as
from tests.courses.packages.rows import attempt_add, package_make
from tests.factories import UserFactory, course_with_lessons

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct-horse-battery"


@pytest.mark.parametrize("kind", [PackageKind.SCORM2004, PackageKind.CMI5])
def test_package_report_passes_axe_and_downloads(page, live_server, kind):
    analyst = UserFactory(email="analyst.browser@example.lacity.test", department=None)
    analyst.groups.add(roles_ensure()[ORE_ANALYSTS])
    course, _lessons = course_with_lessons(lessons=0, title="Vendor courses")
    items = ("au-1",) if kind == PackageKind.CMI5 else ("sco-1", "sco-2")
    package = package_make(title="Vendor course", kind=kind, items=items, course=course)
    if kind != PackageKind.CMI5:
        for number in range(4):
            attempt_add(
                user=UserFactory(),
                package=package,
                completion="completed",
                success="passed" if number % 2 else "failed",
                score_scaled=number / 4,
                seconds=300 + number,
                answers=[("q1", "abcd"[number], "correct")],
            )
    sign_in_as(page, live_server.url, analyst.email, PASSWORD)
    page.goto(f"{live_server.url}/admin/package-reports/")
    page.get_by_role("link", name="Vendor course").click()
    page.get_by_role("heading", name="Attempts and results").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Version").select_option("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert "version=1" in page.url
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the item analysis (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    page.set_viewport_size({"width": 320, "height": 640})
    assert axe_violations(page) == []
