"""The demo glossary reads in Spanish: every entry, and the glossary's intro, has a translation
of every field a reader sees, with the same structure as the English."""

import re

import pytest

from lms.demo_data import demo_data

GLOSSARY = demo_data("content.demo", "glossary.yaml")
GLOSSARY_ES = demo_data("content.demo", "glossary_es.yaml")

TERM_FIELDS = {"title", "labels", "short", "definition"}
INDICATOR_FIELDS = {
    "title",
    "short",
    "purpose",
    "numerator",
    "denominator",
    "unit",
    "data_source",
    "update_frequency",
    "caveats",
    "disaggregations",
}
TERMS = {spec["slug"]: spec for spec in GLOSSARY["terms"]}
INDICATORS = {spec["slug"]: spec for spec in GLOSSARY["indicators"]}
ENTRIES = {**TERMS, **INDICATORS}


def _tags(html: str) -> list[str]:
    """The sequence of opening and closing tags, e.g. ['<p', '</p', '<ul', '<li', ...]."""
    return re.findall(r"</?[a-z][a-z0-9]*", html)


@pytest.mark.parametrize("slug", sorted(ENTRIES))
def test_every_entry_has_a_spanish_translation_of_every_field(slug):
    spanish = GLOSSARY_ES["entries"].get(slug)
    assert spanish is not None, f"{slug} has no Spanish"
    assert set(spanish) == (TERM_FIELDS if slug in TERMS else INDICATOR_FIELDS)
    english = ENTRIES[slug]
    assert spanish["short"] != english["short"]
    assert spanish["short"].endswith(".")
    assert all(
        isinstance(spanish[field], str) and spanish[field]
        for field in spanish.keys() - {"labels", "disaggregations"}
    )
    if slug in INDICATORS:
        assert len(spanish["disaggregations"]) == len(english["disaggregations"])
        assert spanish["disaggregations"] != english["disaggregations"]


@pytest.mark.parametrize("slug", sorted(ENTRIES))
def test_spanish_keeps_the_html_structure_of_the_english(slug):
    spanish = GLOSSARY_ES["entries"].get(slug, {})
    english = ENTRIES[slug]
    for field, text in spanish.items():
        if isinstance(text, str):
            assert _tags(text) == _tags(english[field]), (slug, field)


def test_the_glossary_intro_has_spanish_with_the_same_structure():
    spanish = GLOSSARY_ES["intro"]
    assert spanish != GLOSSARY["intro"]
    assert "Los Ángeles" in spanish
    assert _tags(spanish) == _tags(GLOSSARY["intro"])
