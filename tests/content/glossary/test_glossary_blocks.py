"""The glossary-term block (a linked term with its short definition inline) and the source block."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from content.blocks import SourceBlock
from content.glossary.blocks import GlossaryTermBlock
from content.glossary.models import EntryStatus
from tests.content.glossary.factories import term, translate


def render(page, label="", language="en"):
    block = GlossaryTermBlock()
    value = block.to_python({"term": page.pk if page else None, "label": label})
    with translation.override(language):
        return block.render(value, context={"request": RequestFactory().get("/")})


@pytest.mark.django_db
def test_block_links_the_term_and_shows_its_short_definition_inline():
    page = term(title="Implicit bias", short_definition="Automatic associations.")
    html = render(page)
    assert f'<a class="glossary-term-link" href="{page.url}">' in html
    assert '<dfn lang="en">Implicit bias</dfn></a>' in html
    assert '<span class="glossary-term-definition" lang="en">Automatic associations.</span>' in html
    assert "title=" not in html  # the definition is text on the page, not a hover tooltip


@pytest.mark.django_db
def test_block_shows_the_words_the_editor_chose():
    page = term(title="Implicit bias")
    html = render(page, label="implicit biases")
    assert "<dfn>implicit biases</dfn>" in html
    assert f'href="{page.url}"' in html


@pytest.mark.django_db
def test_block_speaks_spanish_when_the_term_is_translated():
    page = term(title="Implicit bias", short_definition="Automatic associations.")
    spanish = translate(page, title="Sesgo implícito", short_definition="Asociaciones automáticas.")
    for chosen in (page, spanish):  # a translated lesson may point at the Spanish page
        html = render(chosen, language="es")
        assert f'href="{page.url}"' in html
        assert '<dfn lang="es">Sesgo implícito</dfn>' in html
        assert "Asociaciones automáticas." in html


@pytest.mark.django_db
def test_block_falls_back_to_english_marked_as_such():
    page = term(title="Implicit bias", short_definition="Automatic associations.")
    html = render(page, language="es")
    assert '<dfn lang="en">Implicit bias</dfn>' in html
    assert '<span class="glossary-term-definition" lang="en">' in html


@pytest.mark.django_db
def test_block_does_not_link_a_term_the_public_cannot_read():
    draft = term(title="Zeta draft", status=EntryStatus.DRAFT, short_definition="Secret.")
    html = render(draft, label="zeta")
    assert "<a" not in html
    assert "Secret." not in html
    assert "zeta" in html
    assert render(draft).strip() == ""


def test_source_block_renders_a_citation_with_or_without_a_link():
    block = SourceBlock()
    linked = block.render(block.to_python({"citation": "ORE plan", "url": "https://example.org"}))
    assert linked.strip() == '<a href="https://example.org"><cite>ORE plan</cite></a>'
    plain = block.render(block.to_python({"citation": "A <b>report</b>", "url": ""}))
    assert plain.strip() == "<cite>A &lt;b&gt;report&lt;/b&gt;</cite>"
