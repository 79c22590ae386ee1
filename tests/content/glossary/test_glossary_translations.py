"""Spanish readers: an entry's translation at the same English URL when there is one, and a clear
note (in Spanish) with the English text marked lang="en" when there is not."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from content.glossary.models import EntryStatus
from content.glossary.selectors import glossary_index_get
from tests.content.glossary.factories import glossary_index, indicator, publish, term, translate


def spanish_fallback_notice() -> str:
    """The notice an untranslated entry shows, in the reader's (Spanish) language."""
    with translation.override("es"):
        return translation.gettext(
            "This entry is not yet translated into your language; it is shown in English."
        )


def english_fallback_notice() -> str:
    return "This entry is not yet translated into your language; it is shown in English."


@pytest.fixture
def spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def index_titles(response) -> list[str]:
    return re.findall(r"<dt><a [^>]*>([^<]+)</a></dt>", main_html(response))


@pytest.mark.django_db
def test_spanish_reader_gets_the_translation_at_the_english_url(spanish):
    page = term(
        title="Racial equity",
        alternative_labels="Race equity",
        short_definition="When race no longer predicts outcomes.",
        definition="<p>Both a result and a way of working.</p>",
    )
    translate(
        page,
        title="Equidad racial",
        alternative_labels="Equidad de raza",
        short_definition="Cuando la raza ya no predice los resultados.",
        definition="<p>Es a la vez un resultado y una forma de trabajar.</p>",
    )
    response = spanish.get(page.url)
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    html = main_html(response)
    assert '<h1 lang="es">Equidad racial</h1>' in html
    assert "<li>Equidad de raza</li>" in html
    assert "Cuando la raza ya no predice los resultados." in html
    assert "Es a la vez un resultado y una forma de trabajar." in html
    assert "Racial equity" not in html
    assert spanish_fallback_notice() not in html


@pytest.mark.django_db
def test_untranslated_entry_is_shown_in_english_marked_and_said_so_in_spanish(spanish):
    page = term(title="Implicit bias", short_definition="Automatic associations.")
    html = main_html(spanish.get(page.url))
    assert spanish_fallback_notice() in html
    assert '<h1 lang="en">Implicit bias</h1>' in html
    assert '<p class="entry-lead" lang="en">Automatic associations.</p>' in html


@pytest.mark.django_db
def test_english_reader_never_sees_the_translation_notice(client):
    page = term(title="Implicit bias")
    translated = term(title="Racial equity")
    translate(translated, title="Equidad racial")
    for url in [page.url, translated.url, "/glossary/"]:
        html = main_html(client.get(url))
        assert english_fallback_notice() not in html
        assert spanish_fallback_notice() not in html
        assert "Not yet translated" not in html
    assert '<h1 lang="en">Racial equity</h1>' in main_html(client.get(translated.url))


@pytest.mark.django_db
def test_an_unpublished_translation_is_not_shown(spanish):
    page = term(title="Implicit bias")
    translate(page, title="Sesgo implícito", live=False)
    html = main_html(spanish.get(page.url))
    assert "Sesgo implícito" not in html
    assert '<h1 lang="en">Implicit bias</h1>' in html
    assert spanish_fallback_notice() in html


@pytest.mark.django_db
def test_spanish_indicator_shows_its_translated_fields(spanish):
    page = indicator(title="On-time completion rate", numerator="Completed by the due date.")
    translate(
        page,
        title="Tasa de finalización a tiempo",
        numerator="Completaron antes de la fecha límite.",
        disaggregations="Departamento\nClase de puesto",
    )
    html = main_html(spanish.get(page.url))
    assert '<h1 lang="es">Tasa de finalización a tiempo</h1>' in html
    assert "Completaron antes de la fecha límite." in html
    assert "<li>Clase de puesto</li>" in html


@pytest.mark.django_db
def test_spanish_index_shows_translated_words_sorted_and_marks_the_rest(spanish):
    translated = term(title="Racial equity", short_definition="English short.")
    translate(translated, title="Equidad racial", short_definition="Definición corta.")
    term(title="Implicit bias", short_definition="Automatic associations.")
    term(title="Anti-racism")
    response = spanish.get("/glossary/")
    html = main_html(response)
    assert index_titles(response) == ["Anti-racism", "Equidad racial", "Implicit bias"]
    assert f'<a href="{translated.url}" lang="es">Equidad racial</a>' in html
    assert '<p class="entry-short" lang="es">Definición corta.</p>' in html
    assert '<p class="entry-short" lang="en">Automatic associations.</p>' in html
    assert "English short." not in html
    # Listed under the letter of the title the reader sees.
    assert '<a href="#letter-e">E</a>' in html
    assert '<a href="#letter-r">R</a>' not in html
    with translation.override("es"):
        not_translated = translation.gettext("Not yet translated")
    assert html.count(not_translated) == 2


@pytest.mark.django_db
def test_spanish_index_uses_the_translated_glossary_title(spanish):
    term(title="Racial equity")
    translate(glossary_index(), title="Glosario", intro="<p>El lenguaje común.</p>")
    html = main_html(spanish.get("/glossary/"))
    assert '<h1 lang="es">Glosario</h1>' in html
    assert "El lenguaje común." in html


@pytest.mark.django_db
def test_spanish_reader_finds_entries_by_their_spanish_words(spanish, client):
    page = term(title="Racial equity")
    translate(page, title="Equidad racial", short_definition="Cuando la raza no predice nada.")
    term(title="Implicit bias")
    assert index_titles(spanish.get("/glossary/?q=equidad")) == ["Equidad racial"]
    assert index_titles(spanish.get("/glossary/?q=predice")) == ["Equidad racial"]
    assert index_titles(spanish.get("/glossary/?q=racial equity")) == ["Equidad racial"]
    assert index_titles(spanish.get("/glossary/?q=xilófono")) == []
    english = client.__class__()
    assert index_titles(english.get("/glossary/?q=equidad")) == []


@pytest.mark.django_db
def test_spanish_index_query_count_does_not_grow_with_the_glossary(spanish, client):
    def count(browser, url="/glossary/"):
        browser.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        return len(queries)

    english = client.__class__()
    for number in range(2):
        translate(term(title=f"Word {number}"), title=f"Palabra {number}")
        indicator(title=f"Measure {number}")
    small_es, small_en = count(spanish), count(english)
    for number in range(2, 10):
        translate(term(title=f"Word {number}"), title=f"Palabra {number}")
        indicator(title=f"Measure {number}")
    assert count(spanish) == small_es
    assert count(english) == small_en


@pytest.mark.django_db
def test_the_spanish_words_of_the_whole_index_come_in_one_extra_query(
    rf, django_assert_num_queries
):
    index = glossary_index()
    for number in range(6):
        translate(term(title=f"Word {number}"), title=f"Palabra {number}")
        indicator(title=f"Measure {number}")
    translate(index, title="Glosario")
    request = rf.get("/glossary/")
    glossary_index_get(index=index, params={}, language="en", request=request)
    with CaptureQueriesContext(connection) as english:
        glossary_index_get(index=index, params={}, language="en", request=request)
    with django_assert_num_queries(len(english) + 1):
        view = glossary_index_get(index=index, params={}, language="es", request=request)
    assert view.title == "Glosario"
    assert {item.title for item in view.groups[-1].items} == {f"Palabra {n}" for n in range(6)}


@pytest.mark.django_db
def test_spanish_history_names_terms_in_spanish(spanish):
    page = term(title="Racial equity", change_note="Adopted by Council.")
    translate(page, title="Equidad racial")
    html = main_html(spanish.get("/glossary/history/"))
    assert f'<a href="{page.url}" lang="es">Equidad racial</a>' in html
    assert '<span lang="en">Adopted by Council.</span>' in html


@pytest.mark.django_db
def test_the_english_tree_answers_even_when_the_spanish_one_is_published(spanish):
    """Translating with copy_parents publishes Spanish copies of the home page and the index,
    which Wagtail would route for Spanish readers: the glossary still answers at its English
    URLs, with the Spanish words."""
    page = term(title="Racial equity")
    retired = term(title="Minorities", status=EntryStatus.RETIRED, replaced_by=page)
    spanish_page = translate(page, title="Equidad racial")
    assert spanish_page.get_parent().live
    assert spanish.get("/glossary/").status_code == 200
    assert spanish.get("/glossary/history/").status_code == 200
    assert '<h1 lang="es">Equidad racial</h1>' in main_html(spanish.get(page.url))
    response = spanish.get(retired.url)
    assert response.status_code == 302
    assert response["Location"] == f"{page.url}?retired={retired.slug}"


@pytest.mark.django_db
def test_editors_view_a_spanish_draft_in_its_own_words(client, ore):
    page = term(title="Racial equity")
    spanish_page = translate(page, title="Equidad racial")
    spanish_page.title = "Equidad racial (borrador)"
    spanish_page.save_revision()
    client.force_login(ore)
    response = client.get(f"/admin/pages/{spanish_page.pk}/view_draft/")
    assert response.status_code == 200
    assert "Equidad racial (borrador)" in main_html(response)


@pytest.mark.django_db
def test_retired_notice_names_the_old_term_in_spanish_when_translated(spanish):
    current = term(title="People of color")
    retired = term(title="Minorities", status=EntryStatus.RETIRED, replaced_by=current)
    translate(current, title="Personas de color")
    translate(retired, title="Minorías")
    publish(current)
    response = spanish.get(spanish.get(retired.url)["Location"])
    assert "Minorías" in main_html(response)
    assert "Personas de color" in main_html(response)


@pytest.mark.django_db
def test_an_alias_copy_in_spanish_is_not_a_translation(spanish):
    """wagtail-localize keeps untranslated pages of other locales as aliases (exact copies):
    they are English words, so the reader is told the entry is not translated."""
    translated = term(title="Racial equity")
    spanish_page = translate(translated, title="Equidad racial")
    untranslated = term(title="Implicit bias")
    untranslated.create_alias(
        parent=spanish_page.get_parent(), update_locale=spanish_page.locale, update_slug="ib"
    )
    html = main_html(spanish.get(untranslated.url))
    assert '<h1 lang="en">Implicit bias</h1>' in html
    assert spanish_fallback_notice() in html
    index_html = main_html(spanish.get("/glossary/"))
    assert '<h1 lang="en">Glossary</h1>' in index_html  # the index itself is an alias here
    assert f'<a href="{untranslated.url}" lang="en">Implicit bias</a>' in index_html
