"""Autolinking glossary terms in lesson text: the pure function, and the terms it is given."""

import pytest
from django.utils import translation

from content.glossary.models import EntryStatus
from content.glossary.selectors import autolink_terms_get
from content.glossary.services import AutolinkTerm, glossary_autolink
from tests.content.glossary.factories import term, translate

BIAS = AutolinkTerm(url="/glossary/bias/", labels=("bias",))
IMPLICIT_BIAS = AutolinkTerm(
    url="/glossary/implicit-bias/", labels=("implicit bias", "unconscious bias")
)
EQUITY = AutolinkTerm(url="/glossary/racial-equity/", labels=("racial equity",))


def link(url: str, text: str) -> str:
    return f'<a href="{url}" class="glossary-link">{text}</a>'


def test_links_the_first_use_only_and_keeps_the_writers_case():
    html = "<p>Implicit bias shapes decisions. We can notice implicit bias.</p>"
    assert glossary_autolink(html, [IMPLICIT_BIAS]) == (
        f"<p>{link('/glossary/implicit-bias/', 'Implicit bias')} shapes decisions. "
        "We can notice implicit bias.</p>"
    )


def test_a_term_is_linked_once_whichever_label_comes_first():
    html = "<p>Unconscious bias, also called implicit bias.</p>"
    result = glossary_autolink(html, [IMPLICIT_BIAS])
    assert result == (
        f"<p>{link('/glossary/implicit-bias/', 'Unconscious bias')}, also called implicit bias.</p>"
    )


def test_the_longest_label_wins_and_the_shorter_term_is_linked_later():
    html = "<p>Implicit bias is one kind of bias.</p>"
    result = glossary_autolink(html, [BIAS, IMPLICIT_BIAS])
    assert result == (
        f"<p>{link('/glossary/implicit-bias/', 'Implicit bias')} is one kind of "
        f"{link('/glossary/bias/', 'bias')}.</p>"
    )


def test_whole_words_only():
    html = "<p>Biased, biases and anti-bias are not the word; bias is.</p>"
    assert glossary_autolink(html, [BIAS]) == (
        "<p>Biased, biases and anti-bias are not the word; "
        f"{link('/glossary/bias/', 'bias')} is.</p>"
    )


def test_never_inside_links_headings_or_code_and_the_first_use_outside_them_is_linked():
    html = (
        "<h2>Implicit bias</h2>"
        '<p>See <a href="/elsewhere/">what <em>implicit bias</em> means</a>.</p>'
        "<p><code>implicit bias</code> and <pre>implicit bias</pre></p>"
        "<p>Then implicit bias again.</p>"
    )
    result = glossary_autolink(html, [IMPLICIT_BIAS])
    assert result.count("glossary-link") == 1
    assert result.endswith(
        f"<p>Then {link('/glossary/implicit-bias/', 'implicit bias')} again.</p>"
    )
    assert "<h2>Implicit bias</h2>" in result
    assert '<a href="/elsewhere/">what <em>implicit bias</em> means</a>' in result


def test_nested_inline_tags_are_kept_and_text_inside_them_is_linked():
    html = '<ul><li><strong class="x">Racial equity</strong> is a <em>goal</em>.</li></ul>'
    assert glossary_autolink(html, [EQUITY]) == (
        '<ul><li><strong class="x">'
        f"{link('/glossary/racial-equity/', 'Racial equity')}"
        "</strong> is a <em>goal</em>.</li></ul>"
    )


def test_attributes_are_never_rewritten():
    html = '<p title="implicit bias"><img alt="implicit bias" src="x.png"> text</p>'
    assert glossary_autolink(html, [IMPLICIT_BIAS]) == html


def test_labels_with_regex_characters_are_matched_literally():
    terms = [
        AutolinkTerm(url="/glossary/c-plus/", labels=("C++ (plus)",)),
        AutolinkTerm(url="/glossary/dot/", labels=("a.b",)),
    ]
    html = "<p>We use C++ (plus) here, not aXb, but a.b.</p>"
    assert glossary_autolink(html, terms) == (
        f"<p>We use {link('/glossary/c-plus/', 'C++ (plus)')} here, not aXb, but "
        f"{link('/glossary/dot/', 'a.b')}.</p>"
    )


def test_labels_match_escaped_ampersands_apostrophes_and_line_breaks():
    terms = [
        AutolinkTerm(url="/glossary/bca/", labels=("Contract & Procurement",)),
        AutolinkTerm(url="/glossary/people/", labels=("people's budget",)),
    ]
    html = "<p>Contract &amp; Procurement and the people&#x27;s\n budget.</p>"
    result = glossary_autolink(html, terms)
    assert link("/glossary/bca/", "Contract &amp; Procurement") in result
    assert link("/glossary/people/", "people&#x27;s\n budget") in result


def test_an_entity_is_never_split():
    terms = [AutolinkTerm(url="/glossary/amp/", labels=("amp",))]
    assert glossary_autolink("<p>Black &amp; Brown</p>", terms) == "<p>Black &amp; Brown</p>"


def test_urls_are_escaped_and_empty_input_is_unchanged():
    odd = AutolinkTerm(url='/glossary/x/?a=1&b="2"', labels=("equity",))
    assert 'href="/glossary/x/?a=1&amp;b=&quot;2&quot;"' in glossary_autolink(
        "<p>equity</p>", [odd]
    )
    assert glossary_autolink("", [odd]) == ""
    assert glossary_autolink("<p>equity</p>", []) == "<p>equity</p>"


def test_comments_and_scripts_are_left_alone():
    html = "<!-- implicit bias --><script>var a = 'implicit bias';</script><p>implicit bias</p>"
    result = glossary_autolink(html, [IMPLICIT_BIAS])
    assert result.startswith("<!-- implicit bias --><script>var a = 'implicit bias';</script>")
    assert result.endswith(f"<p>{link('/glossary/implicit-bias/', 'implicit bias')}</p>")


def test_two_terms_sharing_a_label_link_to_the_first_listed():
    first = AutolinkTerm(url="/glossary/first/", labels=("equity",))
    second = AutolinkTerm(url="/glossary/second/", labels=("Equity", "fairness"))
    result = glossary_autolink("<p>equity and fairness</p>", [first, second])
    assert result == (
        f"<p>{link('/glossary/first/', 'equity')} and {link('/glossary/second/', 'fairness')}</p>"
    )


def test_accented_words_are_whole_words():
    terms = [AutolinkTerm(url="/glossary/equidad/", labels=("equidad racial",))]
    html = "<p>La Equidad racial importa; inequidad racial no es el término.</p>"
    assert glossary_autolink(html, terms) == (
        f"<p>La {link('/glossary/equidad/', 'Equidad racial')} importa; "
        "inequidad racial no es el término.</p>"
    )


@pytest.mark.django_db
def test_autolink_terms_are_adopted_public_terms_with_their_labels(django_assert_num_queries):
    adopted = term(title="Implicit bias", alternative_labels="Unconscious bias\n\nHidden bias")
    term(title="Proposed words", status=EntryStatus.PROPOSED)
    term(title="Draft words", status=EntryStatus.DRAFT)
    term(title="Retired words", status=EntryStatus.RETIRED)
    term(title="Unpublished words", live=False)
    autolink_terms_get("en")  # the site's root paths are cached after a first use
    with django_assert_num_queries(1):
        terms = autolink_terms_get("en")
    assert terms == [
        AutolinkTerm(url=adopted.url, labels=("Implicit bias", "Unconscious bias", "Hidden bias"))
    ]


@pytest.mark.django_db
def test_autolink_terms_in_spanish_use_the_translation_when_there_is_one():
    translated = term(title="Racial equity", alternative_labels="Race equity")
    untranslated = term(title="Implicit bias")
    translate(translated, title="Equidad racial", alternative_labels="Equidad de raza")
    with translation.override("es"):
        terms = autolink_terms_get("es")
    assert AutolinkTerm(url=translated.url, labels=("Equidad racial", "Equidad de raza")) in terms
    assert AutolinkTerm(url=untranslated.url, labels=("Implicit bias",)) in terms
    html = glossary_autolink("<p>La equidad racial y el implicit bias.</p>", terms)
    assert f'<a href="{translated.url}" class="glossary-link">equidad racial</a>' in html


@pytest.mark.django_db
def test_autolink_terms_query_count_does_not_grow_with_the_glossary(django_assert_num_queries):
    for number in range(3):
        translate(term(title=f"Word {number}"), title=f"Palabra {number}")
    autolink_terms_get("es")  # the site's root paths are cached after a first use
    with django_assert_num_queries(2):
        small = autolink_terms_get("es")
    for number in range(3, 12):
        translate(term(title=f"Word {number}"), title=f"Palabra {number}")
    autolink_terms_get("es")
    with django_assert_num_queries(2):
        large = autolink_terms_get("es")
    assert len(small) == 3
    assert len(large) == 12
