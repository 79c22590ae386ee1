"""ORE's monitoring-data releases in a real browser: axe finds nothing, everything by keyboard."""

import pytest

from analytics.pipeline.indicators import BY_CODE
from tests.analytics.releases.data import two_releases
from tests.browser.conftest import axe_violations, visible
from tests.browser.test_workbench import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def releases(tmp_path, settings, requirement, department, other_department):
    settings.MONITORING_RELEASE_DIR = tmp_path / "releases"
    settings.MONITORING_PUSH_URL = ""
    # Signing people up runs the real engine and an incremental analytics run in this
    # transactional test, so every code it may publish needs its definition.
    return two_releases(
        requirement=requirement,
        department=department,
        other_department=other_department,
        codes=tuple(BY_CODE),
    )


def test_ore_reads_the_releases_and_their_changes_by_keyboard(page, live_server, ore, releases):
    _first, second = releases
    ore.set_password("correct-horse-battery")
    ore.save()
    sign_in(page, live_server, ore.email)
    page.goto(f"{live_server.url}/analytics/releases/")
    assert visible(page.get_by_role("heading", name="Monitoring data releases", level=1))
    assert axe_violations(page) == []

    # Keyboard only: Tab to the newest release's link and follow it.
    link = page.get_by_role("link", name=second.version)
    link.focus()
    assert page.evaluate("document.activeElement.textContent.trim()") == second.version
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert second.version in page.url
    assert visible(page.get_by_role("heading", level=1))
    assert page.locator("table caption").count() >= 1
    assert axe_violations(page) == []
