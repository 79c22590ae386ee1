"""The demo content: ORE's glossary, resource library and TA requests, seeded twice."""

import itertools
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Locale, PageLogEntry, Revision

from content.demo.seed import content_demo_seed
from content.forms import file_problem
from content.glossary.models import EntryStatus, GlossaryIndexPage, IndicatorPage, TermPage
from content.resources.models import ResourceIndexPage, ResourceKind, ResourcePage
from content.site import site_root
from content.ta.models import TARequest, TARequestEvent, TAStatus
from courses.learning.models import CourseIndexPage, CoursePage
from lms.demo_data import demo_data
from lms.users.models import LiaisonScope, User
from tests.factories import DepartmentFactory, UserFactory, publish

GLOSSARY = demo_data("content.demo", "glossary.yaml")
RESOURCES = demo_data("content.demo", "resources.yaml")

AS_OF = date(2026, 11, 25)
COURSES = {
    "implicit-bias-foundations": "Implicit Bias: Foundations",
    "equity-in-everyday-decisions": "Equity in Everyday Decisions",
}
TOOLKITS = {
    "budget-equity-tool": ("CAO", "City Administrative Officer"),
    "contract-and-procurement-equity-toolkit": ("BCA", "Bureau of Contract Administration"),
    "capital-improvement-project-equity-grading-system": ("BOE", "Bureau of Engineering"),
}


def _demo_city():
    """What the demo city holds when courses.demo calls content_demo_seed."""
    departments = {
        code: DepartmentFactory(code=code, name=name)
        for code, name in [
            ("GSD", "General Services"),
            ("CAO", "City Administrative Officer"),
            ("BCA", "Bureau of Contract Administration"),
            ("BOE", "Bureau of Engineering"),
            ("LADOT", "Transportation"),
            ("CHRED", "Civil, Human Rights and Equity"),
        ]
    }
    liaison = UserFactory(email="liaison@demo.lacity.test", department=departments["GSD"])
    LiaisonScope.objects.create(user=liaison, department=departments["GSD"])
    UserFactory(email="learner@demo.lacity.test", department=departments["GSD"])
    UserFactory(email="ore@demo.lacity.test", department=departments["CHRED"])
    for code in ("CAO", "BCA", "BOE", "LADOT"):
        UserFactory(department=departments[code], is_active=False)  # left the City
        UserFactory(department=departments[code])
    index = CourseIndexPage(title="Courses", slug="courses")
    site_root().add_child(instance=index)
    publish(index)
    for slug, title in COURSES.items():
        course = CoursePage(title=title, slug=slug, summary="A demo course.")
        index.add_child(instance=course)
        publish(course)


@pytest.fixture(scope="module")
def media_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_root(settings, media_folder):
    """Overrides the suite's per-test media folder: the seeded files live as long as the module."""
    settings.MEDIA_ROOT = media_folder


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, media_folder):
    """Seeds once for the module (seeding takes seconds) inside a transaction rolled back at
    the end; each test runs in a savepoint inside it, as with the `db` fixture alone."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_folder),
        transaction.atomic(),
    ):
        _demo_city()
        lines = []
        content_demo_seed(as_of=AS_OF, say=lines.append)
        yield lines
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def _english():
    return site_root().locale


def _counts():
    return (
        TermPage.objects.count(),
        IndicatorPage.objects.count(),
        GlossaryIndexPage.objects.count(),
        ResourceIndexPage.objects.count(),
        ResourcePage.objects.count(),
        Revision.objects.count(),
        get_document_model().objects.count(),
        TARequest.objects.count(),
        TARequestEvent.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_glossary_has_30_public_entries_across_kinds_and_statuses(seeded):
    glossary = GlossaryIndexPage.objects.get(slug="glossary", locale=_english())
    assert glossary.title == "Equity glossary"
    assert glossary.intro
    terms = TermPage.objects.child_of(glossary).live()
    indicators = IndicatorPage.objects.child_of(glossary).live()
    assert terms.count() + indicators.count() >= 34
    assert terms.count() >= 30
    assert indicators.count() >= 4
    statuses = set(terms.values_list("status", flat=True))
    assert statuses == {s.value for s in EntryStatus}
    adopted = terms.filter(status=EntryStatus.ADOPTED)
    assert adopted.count() > terms.count() / 2
    for term in adopted:
        assert term.adopted_on, term
        assert term.adopted_on.year in {2025, 2026}, term
        assert term.adopting_body in set(GLOSSARY["adopting_bodies"].values()), term
    for term in terms:
        assert term.short_definition.endswith("."), term
        assert term.definition.startswith("<p>"), term
        assert 1 <= len(term.sources) <= 2, term
        assert term.issue_areas.exists(), term
        assert term.related_terms.exists(), term
    assert terms.exclude(alternative_labels="").count() >= 20


def test_the_three_completion_indicators_are_defined(seeded):
    completion = IndicatorPage.objects.get(
        slug="implicit-bias-training-completion-rate", locale=_english()
    )
    assert completion.title == "Implicit-bias training completion rate"
    assert "completed the required implicit-bias course" in completion.numerator
    assert "Active employees in the audience" in completion.denominator
    assert completion.unit == "percent"
    assert completion.data_source == "Equity LMS completion records"
    assert completion.update_frequency == "monthly"
    assert completion.disaggregation_list == [
        "department",
        "job class",
        "fiscal year",
        "fiscal quarter",
    ]
    assert completion.owner_department.code == "CHRED"
    assert "under 11" in completion.caveats
    for slug in ("on-time-completion-rate", "liaison-training-coverage"):
        indicator = IndicatorPage.objects.get(slug=slug, locale=_english())
        assert indicator.live
        assert indicator.status == EntryStatus.ADOPTED
        assert indicator.numerator
        assert indicator.denominator
        assert indicator.purpose
        assert indicator.unit == "percent"
        assert indicator.owner_department.code == "CHRED"
        assert "department" in indicator.disaggregation_list


def test_retired_terms_point_to_their_replacement(seeded):
    minority = TermPage.objects.get(slug="minority", locale=_english())
    assert minority.status == EntryStatus.RETIRED
    assert minority.replaced_by.slug == "people-of-color"
    assert minority.replaced_by.status == EntryStatus.ADOPTED
    for term in TermPage.objects.filter(status=EntryStatus.RETIRED):
        assert term.replaced_by is not None, term
        # a Spanish entry sends its reader to the Spanish replacement
        assert term.replaced_by.locale_id == term.locale_id, term


def test_adopted_terms_have_a_history_of_what_changed(seeded):
    with_history = 0
    for term in TermPage.objects.filter(locale=_english(), status=EntryStatus.ADOPTED):
        published = PageLogEntry.objects.filter(page=term, action="wagtail.publish").values_list(
            "revision_id", flat=True
        )
        revisions = list(Revision.objects.filter(pk__in=published).order_by("created_at", "pk"))
        notes = [revision.content["change_note"] for revision in revisions]
        assert all(notes), term
        if len(revisions) >= 2:
            with_history += 1
            assert notes[0] == "Adopted citywide"
            assert notes[-1] != notes[0]
            assert revisions[0].content["definition"] != revisions[-1].content["definition"]
            assert revisions[0].created_at < revisions[-1].created_at
            assert term.live_revision_id == revisions[-1].pk
    assert with_history >= 5
    racial_equity = TermPage.objects.get(slug="racial-equity", locale=_english())
    assert racial_equity.first_published_at.date().isoformat() == "2025-03-18"


def test_spanish_translations_are_live_under_spanish_parents(seeded):
    spanish = Locale.objects.get(language_code="es")
    terms = TermPage.objects.live().filter(locale=spanish)
    indicators = IndicatorPage.objects.live().filter(locale=spanish)
    assert terms.count() + indicators.count() >= 8
    assert terms.count() >= 8
    english = _english()
    for slug, title in [("racial-equity", "Equidad racial"), ("implicit-bias", "Sesgo implícito")]:
        source = TermPage.objects.get(slug=slug, locale=english)
        translation = source.get_translation(spanish)
        assert translation.live
        assert translation.title == title
        assert translation.short_definition != source.short_definition
        assert translation.status == EntryStatus.ADOPTED
        assert translation.get_parent().locale == spanish
        assert translation.url_path != source.url_path
    for term in terms:
        # every entry is translated (adopted, proposed, retired or draft) and keeps its status
        assert term.status == term.get_translation(english).status
        for related in term.related_terms.all():
            # in Spanish when that term is translated, else the English entry
            assert related.locale == (spanish if related.has_translation(spanish) else english)
    completion = IndicatorPage.objects.get(
        slug="implicit-bias-training-completion-rate", locale=spanish
    )
    assert completion.live
    assert completion.unit == "porcentaje"
    assert completion.owner_department.code == "CHRED"


def test_resources_have_the_three_toolkits_and_real_files(seeded):
    library = ResourceIndexPage.objects.get(slug="resources", locale=_english())
    assert library.title == "TA resources and toolkits"
    resources = ResourcePage.objects.child_of(library).live()
    assert resources.count() >= 7
    assert resources.values("kind").distinct().count() >= 4
    for slug, (owner, partner) in TOOLKITS.items():
        toolkit = resources.get(slug=slug)
        assert toolkit.kind == ResourceKind.TOOLKIT
        assert toolkit.owner_department.code == owner
        assert toolkit.partner == partner
    spanish_files = 0
    for resource in resources:
        assert resource.summary, resource
        assert resource.version, resource
        assert resource.last_reviewed_on, resource
        assert resource.issue_areas.exists(), resource
        assert resource.related_terms.exists(), resource
        documents = [block.value for block in resource.files if block.block_type == "file"]
        assert documents, resource
        for value in documents:
            document = value["document"]
            with document.open_file() as handle:
                head = handle.read(8192)
            assert file_problem(document.file.name, head) is None, document.title
            assert document.file_size > 500, document.title
            spanish_files += value["language"] == "es"
        if any(value["language"] == "es" for value in documents):
            assert "es" in resource.language_codes
    assert spanish_files >= 2
    extensions = {doc.file_extension for doc in get_document_model().objects.all()}
    assert extensions == {"pdf", "xlsx"}
    course_type = ContentType.objects.get(app_label="courses", model="coursepage")
    linked = {
        block.value.slug
        for resource in resources
        for block in resource.related_courses
        if block.value.content_type_id == course_type.pk
    }
    assert linked == set(COURSES)


def test_spreadsheets_hold_formulas(seeded):
    from openpyxl import load_workbook

    document = get_document_model().objects.get(
        title="CIP Equity Grading System: criteria and weights (v1.0)"
    )
    with document.open_file() as handle:
        workbook = load_workbook(handle)
    sheet = workbook["Grading"]
    assert sheet["D2"].value == "=B2*C2"
    assert sheet.cell(row=sheet.max_row, column=4).value == "=SUM(D2:D7)"
    assert sum(sheet.cell(row=row, column=2).value for row in range(2, 8)) == 100


def test_ta_requests_in_several_states_with_their_history(seeded):
    requests = TARequest.objects.all()
    assert 6 <= requests.count() <= 8
    statuses = set(requests.values_list("status", flat=True))
    assert statuses == {s.value for s in TAStatus}
    assert requests.filter(department__code="GSD", requester__email="liaison@demo.lacity.test")
    assert requests.exclude(department__code="GSD").count() >= 3
    for request in requests:
        assert request.requester.department == request.department
        assert request.requester.is_active
        events = list(request.events.order_by("at", "pk"))
        assert events[0].from_status == ""
        assert events[0].to_status == TAStatus.NEW
        assert events[0].at == request.created_at
        for before, after in itertools.pairwise(events):
            assert after.from_status == before.to_status
            assert after.at > before.at
            assert after.by.email == "ore@demo.lacity.test"
        assert events[-1].to_status == request.status
        if request.status == TAStatus.NEW:
            assert request.assigned_to is None
        else:
            assert request.assigned_to.email == "ore@demo.lacity.test"
    completed = requests.filter(status=TAStatus.COMPLETED)
    assert all(request.hours_logged > 0 and request.outcome for request in completed)
    declined = requests.get(status=TAStatus.DECLINED)
    assert declined.decline_reason
    created = sorted(requests.values_list("created_at", flat=True))
    assert (created[-1] - created[0]).days > 365


def test_a_second_run_changes_nothing(seeded):
    first = _counts()
    lines = []
    content_demo_seed(as_of=AS_OF, say=lines.append)
    assert _counts() == first
    assert lines.count("  already there") == 4


def test_progress_lines_and_the_data_files_agree(seeded):
    assert seeded[0].startswith("Glossary")
    assert any(line.startswith("TA requests") for line in seeded)
    slugs = [spec["slug"] for spec in GLOSSARY["terms"] + GLOSSARY["indicators"]]
    assert len(slugs) == len(set(slugs))
    titles = [f["title"] for spec in RESOURCES["resources"] for f in spec["files"]]
    assert len(titles) == len(set(titles))


def test_requests_of_departments_without_staff_are_skipped(seeded):
    TARequest.objects.all().delete()
    User.objects.exclude(department__code__in=["GSD", "CHRED"]).update(is_active=False)
    lines = []
    content_demo_seed(as_of=AS_OF, say=lines.append)
    assert TARequest.objects.filter(department__code="GSD").count() == 3
    assert not TARequest.objects.exclude(department__code="GSD").exists()
    assert lines.count("  already there") == 3
    assert sum(line.startswith("  skipped") for line in lines) == 4
