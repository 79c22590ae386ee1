"""The public glossary in a real browser: search, the A-Z letters, Spanish, small screens, axe."""

import pytest

from content.glossary.models import EntryStatus
from tests.browser.conftest import axe_violations, visible
from tests.content.glossary.factories import indicator, term, translate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def entries():
    equity = term(
        title="Racial equity",
        slug="racial-equity",
        short_definition="When race no longer predicts outcomes.",
        alternative_labels="Race equity",
        issue_areas=["justice-civic-engagement"],
    )
    translate(
        equity,
        title="Equidad racial",
        short_definition="Cuando la raza ya no predice los resultados.",
    )
    bias = term(title="Implicit bias", slug="implicit-bias", related=[equity])
    term(title="Minorities", slug="minorities", status=EntryStatus.RETIRED, replaced_by=equity)
    term(title="Equity lens", slug="equity-lens", status=EntryStatus.PROPOSED)
    for number in range(8):
        term(title=f"Word {number}", slug=f"word-{number}")
    indicator(title="On-time completion rate", slug="on-time-completion-rate", related=[bias])
    return {"equity": equity, "bias": bias}


def test_search_letters_and_spanish_all_pass_axe(page, live_server, entries):
    page.goto(f"{live_server.url}/glossary/")
    assert visible(page.get_by_role("heading", name="Glossary", level=1))
    assert axe_violations(page) == []

    page.get_by_label("Search the glossary", exact=True).fill("unconscious race")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert visible(page.get_by_text("No entries match"))
    assert axe_violations(page) == []

    page.get_by_label("Search the glossary", exact=True).fill("race equity")
    page.get_by_label("Kind").select_option("term")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert "q=race+equity" in page.url
    assert visible(page.locator("dt").get_by_role("link", name="Racial equity", exact=True))
    assert page.get_by_role("link", name="Implicit bias").count() == 0
    assert axe_violations(page) == []

    page.get_by_role("link", name="Clear search and filters").click()
    page.get_by_role("navigation", name="Entries by first letter").get_by_role(
        "link", name="W", exact=True
    ).click()
    assert page.url.endswith("#letter-w")
    heading = page.get_by_role("heading", name="W", exact=True, level=2)
    assert visible(heading)
    assert page.evaluate("document.getElementById('letter-w').getBoundingClientRect().top") < 200
    assert axe_violations(page) == []

    page.locator("dt").get_by_role("link", name="Racial equity", exact=True).click()
    assert visible(page.get_by_role("heading", name="Racial equity", level=1))
    assert axe_violations(page) == []

    page.get_by_label("Language").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.url.endswith(entries["equity"].url)
    assert visible(page.get_by_role("heading", name="Equidad racial", level=1))
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}{entries['bias'].url}")
    assert page.locator("h1").get_attribute("lang") == "en"
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/glossary/")
    assert visible(page.locator("dt").get_by_role("link", name="Equidad racial", exact=True))
    assert axe_violations(page) == []


def test_retired_term_lands_on_its_replacement_with_a_notice(page, live_server, entries):
    page.goto(f"{live_server.url}/glossary/minorities/")
    assert page.url.endswith("/glossary/racial-equity/?retired=minorities")
    assert visible(page.get_by_text("“Minorities” was retired; use “Racial equity”."))
    assert axe_violations(page) == []


def test_history_and_indicator_pages_pass_axe(page, live_server, entries):
    page.goto(f"{live_server.url}/glossary/history/")
    assert visible(page.get_by_role("table"))
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/glossary/on-time-completion-rate/")
    assert visible(page.get_by_role("heading", name="On-time completion rate", level=1))
    assert axe_violations(page) == []


def test_glossary_pages_fit_a_320_pixel_screen(browser, live_server, entries):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    small = context.new_page()
    try:
        for url in [
            "/glossary/",
            "/glossary/racial-equity/",
            "/glossary/on-time-completion-rate/",
            "/glossary/history/",
        ]:
            small.goto(f"{live_server.url}{url}")
            overflow = small.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (url, overflow)
    finally:
        context.close()
