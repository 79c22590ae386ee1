"""The public glossary: the A-Z index with filters and search, entry pages, retired terms and the
history of adopted terms. Readable by anyone; draft-status entries are shown to no one public."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content.glossary.models import EntryStatus, GlossaryIndexPage, IndicatorPage, TermPage
from content.home import HomePage
from tests.content.glossary.factories import glossary_index, indicator, publish, term
from tests.factories import DepartmentFactory

ROLES = [None, "learner", "liaison", "other_liaison", "ore", "admin_user"]


def sign_in(client, request, role):
    if role is not None:
        client.force_login(request.getfixturevalue(role))


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def index_titles(response) -> list[str]:
    """The entry titles the index lists, in order."""
    return re.findall(r"<dt><a [^>]*>([^<]+)</a></dt>", main_html(response))


def query_count(client, url: str) -> int:
    client.get(url)  # the site's root paths are cached after a first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- who may read --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_glossary_without_signing_in(client, request, role):
    adopted = term(title="Racial equity")
    measure = indicator(title="On-time completion rate")
    sign_in(client, request, role)
    for url in [
        "/glossary/",
        adopted.url,
        measure.url,
        "/glossary/history/",
        "/api/glossary/",
        "/api/glossary.csv",
        "/api/glossary.ttl",
        "/api/glossary.jsonld",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)
    assert "Racial equity" in main_html(client.get("/glossary/"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "learner", "liaison"])
def test_draft_status_entries_are_not_exposed_anywhere_public(client, request, role):
    term(title="Racial equity", related=[], change_note="Adopted.")
    draft = term(title="Zeta draft wording", status=EntryStatus.DRAFT, change_note="Draft note.")
    draft_indicator = indicator(title="Zeta draft indicator", status=EntryStatus.DRAFT)
    sign_in(client, request, role)

    assert client.get(draft.url).status_code == 404
    assert client.get(draft_indicator.url).status_code == 404
    for url in [
        "/glossary/",
        "/glossary/?q=Zeta",
        "/glossary/history/",
        "/api/glossary/",
        "/api/glossary/?status=draft",
        "/api/glossary.csv",
        "/api/glossary.ttl",
        "/api/glossary.jsonld",
    ]:
        body = client.get(url).content.decode()
        assert "Zeta draft" not in body, url
        assert draft.slug not in body, url


@pytest.mark.django_db
def test_an_ore_editor_can_read_a_draft_status_entry_that_the_public_cannot(client, ore):
    draft = term(title="Zeta draft wording", status=EntryStatus.DRAFT)
    client.force_login(ore)
    assert client.get(draft.url).status_code == 200
    assert "Zeta draft wording" not in main_html(client.get("/glossary/"))


@pytest.mark.django_db
def test_unpublished_entries_are_neither_served_nor_listed(client):
    term(title="Racial equity")
    hidden = term(title="Unpublished idea", live=False)
    assert client.get(hidden.url).status_code == 404
    assert "Unpublished idea" not in main_html(client.get("/glossary/"))


# --- the index -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_index_lists_entries_a_to_z_with_short_definition_kind_and_status(client):
    term(title="structural racism", short_definition="Racism built into systems.")
    term(title="Équité", short_definition="Accented first letter.", status=EntryStatus.PROPOSED)
    term(title="Anti-racism")
    indicator(title="Equity lens coverage", short_definition="Share of budgets reviewed.")
    response = client.get("/glossary/")
    html = main_html(response)

    assert index_titles(response) == [
        "Anti-racism",
        "Équité",
        "Equity lens coverage",
        "structural racism",
    ]
    assert "Racism built into systems." in html
    assert "Share of budgets reviewed." in html
    assert "Indicator definition" in html
    assert "Proposed" in html
    assert "Adopted citywide" in html
    # The accented title sits under E, with the other E entry.
    e_group = html[html.index('id="letter-e"') : html.index('id="letter-s"')]
    assert "Équité" in e_group
    assert "Equity lens coverage" in e_group


@pytest.mark.django_db
def test_letters_with_entries_are_links_and_the_others_plain_text(client):
    term(title="Racial equity")
    term(title="Équité")
    html = main_html(client.get("/glossary/"))
    nav = html[html.index('class="az"') : html.index("</nav>", html.index('class="az"'))]
    assert '<a href="#letter-r">R</a>' in nav
    assert '<a href="#letter-e">E</a>' in nav
    assert '<a href="#letter-b">' not in nav
    assert '<span class="az-empty">B' in nav
    assert 'id="letter-r"' in html
    assert 'id="letter-e"' in html


@pytest.mark.django_db
def test_titles_that_do_not_start_with_a_to_z_share_one_group_after_z(client):
    term(title="2-1-1 referrals")
    term(title="Zoning")
    term(title="Æsthetics")
    response = client.get("/glossary/")
    html = main_html(response)
    assert html.count('id="letter-other"') == 1
    assert index_titles(response) == ["Zoning", "2-1-1 referrals", "Æsthetics"]
    assert '<a href="#letter-other">#' in html


@pytest.mark.django_db
def test_the_filter_form_works_without_javascript_and_its_controls_are_labelled(client):
    term(title="Racial equity")
    html = main_html(client.get("/glossary/"))
    form = html[html.index("<form") : html.index("</form>")]
    assert 'method="get"' in form
    for name, control_id in [
        ("q", "glossary-q"),
        ("kind", "glossary-kind"),
        ("status", "glossary-status"),
        ("issue_area", "glossary-issue-area"),
    ]:
        assert f'<label for="{control_id}">' in form
        assert f'id="{control_id}" name="{name}"' in form
    assert '<button type="submit">' in form


@pytest.mark.django_db
def test_filters_by_kind_status_and_issue_area(client):
    term(title="Racial equity", issue_areas=["housing-built-environments"])
    term(title="Equity lens", status=EntryStatus.PROPOSED, issue_areas=["procurement"])
    term(title="Minority", status=EntryStatus.RETIRED)
    indicator(title="On-time completion rate", issue_areas=["procurement"])

    assert index_titles(client.get("/glossary/?kind=indicator")) == ["On-time completion rate"]
    assert index_titles(client.get("/glossary/?kind=term")) == [
        "Equity lens",
        "Minority",
        "Racial equity",
    ]
    assert index_titles(client.get("/glossary/?status=proposed")) == ["Equity lens"]
    assert index_titles(client.get("/glossary/?issue_area=procurement")) == [
        "Equity lens",
        "On-time completion rate",
    ]
    both = client.get("/glossary/?issue_area=procurement&kind=term&status=proposed")
    assert index_titles(both) == ["Equity lens"]
    html = main_html(both)
    assert '<option value="procurement" selected>' in html
    assert '<option value="term" selected>' in html
    assert "Clear search and filters" in html


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored(client):
    term(title="Racial equity")
    response = client.get("/glossary/?kind=poem&status=draft&issue_area=nowhere")
    assert response.status_code == 200
    assert index_titles(response) == ["Racial equity"]


@pytest.mark.django_db
def test_search_matches_title_alternative_labels_and_both_definitions_in_any_case(client):
    term(title="Implicit bias", alternative_labels="Unconscious bias")
    term(title="Racial equity", short_definition="When race no longer predicts outcomes.")
    term(title="Structural racism", definition="<p>Embedded in <b>institutions</b>.</p>")
    indicator(title="Coverage", short_definition="Share of liaisons trained.")

    assert index_titles(client.get("/glossary/?q=IMPLICIT")) == ["Implicit bias"]
    assert index_titles(client.get("/glossary/?q=unconscious")) == ["Implicit bias"]
    assert index_titles(client.get("/glossary/?q=predicts outcomes")) == ["Racial equity"]
    assert index_titles(client.get("/glossary/?q=institutions")) == ["Structural racism"]
    assert index_titles(client.get("/glossary/?q=liaisons")) == ["Coverage"]
    nothing = client.get("/glossary/?q=xylophone")
    assert index_titles(nothing) == []
    assert "No entries match" in main_html(nothing)
    assert 'value="xylophone"' in main_html(nothing)


@pytest.mark.django_db
def test_retired_entries_are_listed_marked_with_their_replacement(client):
    current = term(title="People of color")
    term(title="Minorities", status=EntryStatus.RETIRED, replaced_by=current)
    html = main_html(client.get("/glossary/?status=retired"))
    assert "Minorities" in html
    assert "entry-status-retired" in html
    assert f'Use instead: <a href="{current.url}"' in html


@pytest.mark.django_db
def test_index_links_the_downloads_and_the_history(client):
    term(title="Racial equity")
    html = main_html(client.get("/glossary/"))
    assert "Download the glossary:" in html
    for url in ["/api/glossary.csv", "/api/glossary.ttl", "/api/glossary.jsonld", "/api/glossary/"]:
        assert f'href="{url}"' in html
    assert 'href="/glossary/history/"' in html


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_the_glossary(client):
    area = ["procurement"]
    for number in range(2):
        term(title=f"Word {number}", issue_areas=area)
        indicator(title=f"Measure {number}", issue_areas=area)
    term(title="Old word", status=EntryStatus.RETIRED, replaced_by=term(title="New word"))
    small = query_count(client, "/glossary/")
    small_search = query_count(client, "/glossary/?q=word&issue_area=procurement")
    for number in range(2, 12):
        term(title=f"Word {number}", issue_areas=area)
        indicator(title=f"Measure {number}", issue_areas=area)
        term(
            title=f"Old word {number}",
            status=EntryStatus.RETIRED,
            replaced_by=term(title=f"New word {number}"),
        )
    assert query_count(client, "/glossary/") == small
    assert query_count(client, "/glossary/?q=word&issue_area=procurement") == small_search
    assert len(index_titles(client.get("/glossary/"))) == 6 + 40


# --- entry pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_term_page_shows_everything_a_reader_needs(client):
    bias = term(title="Implicit bias")
    page = term(
        title="Racial equity",
        alternative_labels="Race equity\nEquity (racial)",
        short_definition="When race no longer predicts outcomes.",
        definition="<p>Both a <b>result</b> and a way of working.</p>",
        adopted_on=date(2023, 5, 17),
        adopting_body="City Council",
        sources=[
            ("source", {"citation": "ORE strategic plan (2022)", "url": "https://example.org/p"}),
            ("source", {"citation": "A printed report", "url": ""}),
        ],
        issue_areas=["housing-built-environments"],
        related=[bias],
    )
    response = client.get(page.url)
    html = main_html(response)
    assert '<h1 lang="en">Racial equity</h1>' in html
    assert "<li>Race equity</li>" in html
    assert "<li>Equity (racial)</li>" in html
    assert "When race no longer predicts outcomes." in html
    assert "Both a <b>result</b> and a way of working." in html
    assert '<a href="https://example.org/p"><cite>ORE strategic plan (2022)</cite></a>' in html
    assert "<cite>A printed report</cite>" in html
    assert f'<a href="{bias.url}" lang="en">Implicit bias</a>' in html
    assert 'href="/glossary/?issue_area=housing-built-environments">Housing' in html
    assert "Adopted citywide" in html
    assert "Adopted on May 17, 2023 by City Council" in html
    assert 'href="/glossary/">Glossary</a>' in html


@pytest.mark.django_db
def test_indicator_page_shows_its_definition(client):
    department = DepartmentFactory(code="CRHE", name="Civil + Human Rights and Equity")
    related = term(title="Implicit bias")
    page = indicator(
        title="Implicit-bias training completion rate",
        purpose="To track the citywide training requirement.",
        numerator="Employees who completed the course.",
        denominator="Active employees required to take it.",
        unit="percent",
        data_source="Equity LMS completion records",
        update_frequency="Monthly",
        disaggregations="Department\nJob class\nFiscal year",
        owner_department=department,
        caveats="Groups under 11 people are withheld.",
        related=[related],
    )
    html = main_html(client.get(page.url))
    for text in [
        "Indicator definition",
        "Implicit-bias training completion rate",
        "To track the citywide training requirement.",
        "Employees who completed the course.",
        "Active employees required to take it.",
        "percent",
        "Equity LMS completion records",
        "Monthly",
        "<li>Job class</li>",
        "<li>Fiscal year</li>",
        "Civil + Human Rights and Equity",
        "Groups under 11 people are withheld.",
        f'<a href="{related.url}" lang="en">Implicit bias</a>',
    ]:
        assert text in html, text


@pytest.mark.django_db
def test_entry_page_shows_its_change_history_with_dates_but_never_who(client, ore):
    page = term(title="Racial equity", change_note="Adopted by Council.")
    page.definition = "<p>Updated wording.</p>"
    revision = page.save_revision(user=ore, log_action=True)
    revision.publish(user=ore)
    page.change_note = "Clarified the second sentence."
    page.save_revision(user=ore).publish(user=ore)
    publishes = PageLogEntry.objects.filter(page=page, action="wagtail.publish")
    assert publishes.count() == 3

    html = main_html(client.get(page.url))
    history = html[html.index('id="history-heading"') :]
    assert history.index("Clarified the second sentence.") < history.index("Adopted by Council.")
    assert history.count("<time datetime=") == 3
    assert ore.email not in html
    assert ore.first_name not in html


@pytest.mark.django_db
def test_retired_term_redirects_to_its_replacement_which_says_so(client):
    current = term(title="People of color")
    retired = term(title="Minorities", status=EntryStatus.RETIRED, replaced_by=current)
    response = client.get(retired.url)
    assert response.status_code == 302
    assert response["Location"] == f"{current.url}?retired={retired.slug}"

    html = main_html(client.get(response["Location"]))
    assert "“Minorities” was retired; use “People of color”." in html


@pytest.mark.django_db
def test_a_chain_of_retired_terms_leads_to_the_current_one(client):
    current = term(title="Current words")
    middle = term(title="Middle words", status=EntryStatus.RETIRED, replaced_by=current)
    oldest = term(title="Oldest words", status=EntryStatus.RETIRED, replaced_by=middle)
    response = client.get(oldest.url)
    assert response["Location"] == f"{current.url}?retired={oldest.slug}"
    assert "“Oldest words” was retired" in main_html(client.get(response["Location"]))


@pytest.mark.django_db
def test_retired_term_without_a_public_replacement_shows_itself_as_retired(client):
    lone = term(title="Minorities", status=EntryStatus.RETIRED)
    draft = term(title="Zeta draft", status=EntryStatus.DRAFT)
    to_draft = term(title="Old draft pointer", status=EntryStatus.RETIRED, replaced_by=draft)
    for page in (lone, to_draft):
        response = client.get(page.url)
        assert response.status_code == 200
        html = main_html(response)
        assert "Retired." in html
        assert "no longer part of the City" in html
        assert "Zeta draft" not in html


@pytest.mark.django_db
def test_retired_terms_replacing_each_other_do_not_loop(client):
    first = term(title="First", status=EntryStatus.RETIRED)
    second = term(title="Second", status=EntryStatus.RETIRED, replaced_by=first)
    first.replaced_by = second
    publish(first)
    for page in (first, second):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Retired." in main_html(response)


@pytest.mark.django_db
def test_retired_notice_only_names_a_term_really_replaced_by_this_page(client):
    current = term(title="People of color")
    other = term(title="Other words")
    retired = term(title="Minorities", status=EntryStatus.RETIRED, replaced_by=other)
    adopted = term(title="Racial equity")
    for slug in [retired.slug, adopted.slug, "nothing-here", "<script>"]:
        html = main_html(client.get(f"{current.url}?retired={slug}"))
        assert "was retired" not in html, slug


@pytest.mark.django_db
def test_entry_page_query_count_does_not_grow_with_related_terms(client):
    few = term(title="Few relations", related=[term(title="Related 0")])
    many = term(title="Many relations", related=[term(title=f"Related {n}") for n in range(1, 9)])
    assert query_count(client, few.url) == query_count(client, many.url)


# --- what changed --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_history_lists_changes_of_adopted_terms_newest_first(client):
    equity = term(title="Racial equity", change_note="Adopted by Council.")
    bias = term(title="Implicit bias", change_note="First definition.")
    publish(equity, change_note="Added the ways of working.")
    term(title="Proposed words", status=EntryStatus.PROPOSED, change_note="Proposal note.")
    term(title="Retired words", status=EntryStatus.RETIRED, change_note="Retirement note.")
    indicator(title="Coverage", change_note="Indicator note.")

    html = main_html(client.get("/glossary/history/"))
    notes = re.findall(r'<span lang="en">([^<]+)</span>', html)
    assert notes == ["Added the ways of working.", "First definition.", "Adopted by Council."]
    assert f'<a href="{equity.url}" lang="en">Racial equity</a>' in html
    assert f'<a href="{bias.url}" lang="en">Implicit bias</a>' in html
    assert '<th scope="col">Date</th>' in html
    assert html.count("<time datetime=") == 3


@pytest.mark.django_db
def test_history_query_count_does_not_grow_with_the_glossary(client):
    for number in range(2):
        publish(term(title=f"Word {number}"), change_note="Second note.")
    small = query_count(client, "/glossary/history/")
    for number in range(2, 10):
        publish(term(title=f"Word {number}"), change_note="Second note.")
    assert query_count(client, "/glossary/history/") == small


# --- editing in the admin ------------------------------------------------------------------------


@pytest.mark.django_db
def test_ore_publishes_a_term_in_the_admin_and_the_public_reads_it(client, ore):
    index = glossary_index()
    client.force_login(ore)
    data = nested_form_data(
        {
            "title": "Targeted universalism",
            "slug": "targeted-universalism",
            "alternative_labels": "",
            "short_definition": "Universal goals reached by targeted strategies.",
            "definition": rich_text("<p>Set one goal for everyone; plan for each group.</p>"),
            "status": EntryStatus.ADOPTED,
            "adopted_on": "2024-09-01",
            "adopting_body": "City Council",
            "change_note": "Adopted.",
            "sources": {"count": 0},
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/content/termpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()

    page = TermPage.objects.get(slug="targeted-universalism")
    assert page.live
    assert "Targeted universalism" in index_titles(client.get("/glossary/"))
    assert "Set one goal for everyone" in main_html(client.get(page.url))
    assert "Adopted." in main_html(client.get("/glossary/history/"))


class TestGlossaryPageTree(WagtailPageTestCase):
    def test_entries_live_in_the_glossary_and_the_glossary_under_home(self):
        self.assertAllowedParentPageTypes(GlossaryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GlossaryIndexPage, {TermPage, IndicatorPage})
        self.assertAllowedParentPageTypes(TermPage, {GlossaryIndexPage})
        self.assertAllowedParentPageTypes(IndicatorPage, {GlossaryIndexPage})
        self.assertAllowedSubpageTypes(TermPage, set())
        self.assertAllowedSubpageTypes(IndicatorPage, set())
