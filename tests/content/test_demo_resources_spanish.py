"""The demo resource library in Spanish: seeding gives live Spanish translations of the library
(title and intro), of every resource (text and file labels, the same files) and of the
glossary's intro; a second run adds nothing."""

import pytest
from wagtail.models import Locale, Revision

from content.demo.seed import content_demo_seed
from content.glossary.models import GlossaryIndexPage
from content.resources.models import ResourceIndexPage, ResourcePage
from content.site import site_root
from lms.demo_data import demo_data
from tests.content.test_demo_content import (  # noqa: F401 - the seeded module's fixtures
    AS_OF,
    _media_root,
    media_folder,
    seeded_once,
)

GLOSSARY = demo_data("content.demo", "glossary.yaml")
GLOSSARY_ES = demo_data("content.demo", "glossary_es.yaml")
RESOURCES = demo_data("content.demo", "resources.yaml")
RESOURCES_ES = demo_data("content.demo", "resources_es.yaml")


@pytest.fixture
def spanish(seeded_once, db):  # noqa: F811 - the imported module fixture
    return Locale.objects.get(language_code="es")


def _english_resource(slug):
    return ResourcePage.objects.get(slug=slug, locale=site_root().locale)


def test_the_library_is_live_in_spanish_with_its_spanish_intro(spanish):
    library = ResourceIndexPage.objects.get(locale=site_root().locale)

    translation = library.get_translation(spanish)

    assert translation.live
    assert translation.title == RESOURCES_ES["title"]
    assert translation.intro == RESOURCES_ES["intro"]
    assert library.intro == RESOURCES["intro"]  # the English stays English


def test_every_resource_is_live_in_spanish(spanish):
    assert len(RESOURCES_ES["resources"]) == len(RESOURCES["resources"]) == 8
    for spec in RESOURCES["resources"]:
        source = _english_resource(spec["slug"])
        fields = RESOURCES_ES["resources"][spec["slug"]]

        translation = source.get_translation(spanish)

        assert translation.live, spec["slug"]
        assert translation.title == fields["title"]
        assert translation.summary == fields["summary"] != source.summary
        assert translation.body == fields["body"] != source.body
        assert translation.audience == fields["audience"]
        assert translation.partner == fields["partner"]
        assert translation.get_parent().locale == spanish
        assert translation.kind == source.kind
        assert translation.languages == source.languages
        # The same files, with Spanish labels.
        files = [(b.value["document"].pk, b.value["language"]) for b in translation.files]
        assert files == [(b.value["document"].pk, b.value["language"]) for b in source.files]
        labels = [b.value["label"] for b in translation.files]
        assert labels == [fields["labels"][f["key"]] for f in spec["files"]]
        assert set(translation.issue_areas.all()) == set(source.issue_areas.all())


def test_related_glossary_terms_are_spanish_where_translated(spanish):
    translation = _english_resource("equity-lens-worksheet").get_translation(spanish)

    related = {term.slug: term.locale for term in translation.related_terms.all()}

    assert related["equity-lens"] == spanish
    assert set(related) == {
        term.slug for term in _english_resource("equity-lens-worksheet").related_terms.all()
    }


def test_the_glossary_index_is_spanish(spanish):
    glossary = GlossaryIndexPage.objects.get(locale=site_root().locale)

    translation = glossary.get_translation(spanish)

    assert translation.live
    assert translation.title == GLOSSARY_ES["title"]
    assert translation.intro == GLOSSARY_ES["intro"]
    assert glossary.intro == GLOSSARY["intro"]


def test_a_second_run_adds_no_translation(spanish):
    counts = (ResourcePage.objects.filter(locale=spanish).count(), Revision.objects.count())
    lines = []

    content_demo_seed(as_of=AS_OF, say=lines.append)

    assert (ResourcePage.objects.filter(locale=spanish).count(), Revision.objects.count()) == counts
    assert counts[0] == 8
    assert lines.count("  already there") == 4
