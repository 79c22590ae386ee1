"""Glossary search results show only the letters that have results: no row of empty letters."""

import pytest

from tests.content.glossary.factories import glossary_index, term


def _main(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _nav(html: str) -> str:
    start = html.index('class="az"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
def test_search_results_list_only_the_letters_that_have_results(client):
    glossary_index()
    term(title="Racial equity", short_definition="Race no longer predicts outcomes.")
    term(title="Structural racism", short_definition="Racism built into institutions.")
    term(title="Implicit bias", short_definition="Attitudes held without knowing.")
    html = _main(client, "/glossary/?q=racism")
    nav = _nav(html)
    assert '<a href="#letter-s">S</a>' in nav
    assert "az-empty" not in nav
    assert "letter-r" not in nav
    assert "(no entries)" not in nav
    assert html.count('<h2 id="letter-') == 1


@pytest.mark.django_db
def test_search_without_results_shows_no_letters(client):
    glossary_index()
    term(title="Racial equity")
    html = _main(client, "/glossary/?q=xylophone")
    assert 'class="az"' not in html
    assert "No entries match" in html


@pytest.mark.django_db
def test_the_whole_index_still_shows_every_letter_linking_only_those_with_entries(client):
    glossary_index()
    term(title="Racial equity")
    nav = _nav(_main(client, "/glossary/"))
    assert '<a href="#letter-r">R</a>' in nav
    assert '<a href="#letter-b">' not in nav
    assert '<span class="az-empty">B' in nav
