"""The TA resource library at /resources/ and each resource's page: public, filterable, complete."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from content.resources.models import ResourceIndexPage, ResourceKind, ResourcePage
from content.resources.selectors import (
    ResourceFilters,
    resource_detail,
    resource_filter_options,
    resource_list_for_library,
)
from content.taxonomy import IssueArea
from tests.content.resources.factories import (
    file_block,
    link_block,
    make_document,
    make_resource,
    make_term,
    resource_library,
    review_date,
)
from tests.factories import DepartmentFactory, course_with_lessons, publish

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]


def area(slug: str) -> IssueArea:
    return IssueArea.objects.get(slug=slug)


def titles(response) -> list[str]:
    return [resource.title for resource in response.context["resources"]]


def sign_in(client, request, role: str) -> None:
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.fixture
def library(db):
    return resource_library()


@pytest.fixture
def toolkits(library, department, other_department):
    """Three resources that differ in every filter, and a draft that matches all of them."""
    cao = DepartmentFactory(code="CAO", name="City Administrative Officer")
    budget = make_resource(
        title="Budget Equity Tool",
        summary="Questions every department answers when it builds its budget request.",
        kind=ResourceKind.TOOLKIT,
        owner_department=cao,
        partner="City Administrative Officer (CAO)",
        languages="en,es",
        issue_areas=[area("economic-opportunity"), area("community-wealth")],
        last_reviewed_on=date(2025, 9, 15),
    )
    contracting = make_resource(
        title="Contracting and Procurement Equity Guide",
        summary="How to widen the pool of bidders.",
        kind=ResourceKind.GUIDE,
        owner_department=department,
        partner="Bureau of Contract Administration (BCA)",
        languages="en",
        issue_areas=[area("procurement")],
        body="<p>Includes a worksheet for <b>outreach to small businesses</b>.</p>",
    )
    grading = make_resource(
        title="Capital Improvement Project Grading",
        summary="Scoring capital projects by equity need.",
        kind=ResourceKind.DATA_TOOL,
        owner_department=other_department,
        partner="Bureau of Engineering (BOE)",
        languages="en, es, ko",
        issue_areas=[area("housing-built-environments"), area("zoning")],
    )
    draft = make_resource(
        title="Budget Equity Tool, draft second edition",
        summary="Budget questions, not yet approved.",
        kind=ResourceKind.TOOLKIT,
        owner_department=cao,
        languages="en,es",
        issue_areas=[area("economic-opportunity")],
        is_live=False,
    )
    return {"budget": budget, "contracting": contracting, "grading": grading, "draft": draft}


# --- the page tree ---


@pytest.mark.django_db
def test_library_lives_at_resources_under_the_home_page(library):
    assert library.url == "/resources/"
    assert ResourceIndexPage.allowed_subpage_models() == [ResourcePage]
    assert ResourcePage.allowed_parent_page_models() == [ResourceIndexPage]


@pytest.mark.django_db
def test_ore_editor_can_open_the_new_resource_form(client, ore, library):
    client.force_login(ore)
    response = client.get(f"/admin/pages/add/content/resourcepage/{library.pk}/")
    assert response.status_code == 200


# --- the library ---


@pytest.mark.django_db
def test_library_lists_live_resources_with_their_facts(client, toolkits):
    response = client.get("/resources/")
    assert response.status_code == 200
    assert titles(response) == [
        "Budget Equity Tool",
        "Capital Improvement Project Grading",
        "Contracting and Procurement Equity Guide",
    ]
    html = response.content.decode()
    assert "3 resources in the library." in html
    assert f'href="{toolkits["budget"].url}"' in html
    for text in [
        "Toolkit",
        "City Administrative Officer (CAO)",
        "English, Spanish",
        "Economic Opportunity, Community Wealth",
        'datetime="2025-09-15"',
        "Data tool",
        "English, Spanish, Korean",
    ]:
        assert text in html, text


@pytest.mark.django_db
def test_library_never_lists_a_draft(client, toolkits):
    response = client.get("/resources/", {"q": "budget"})
    assert titles(response) == ["Budget Equity Tool"]
    assert "draft second edition" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "toolkit"}, ["Budget Equity Tool"]),
        ({"kind": "data_tool"}, ["Capital Improvement Project Grading"]),
        ({"issue_area": "procurement"}, ["Contracting and Procurement Equity Guide"]),
        ({"issue_area": "zoning"}, ["Capital Improvement Project Grading"]),
        ({"issue_area": "health-well-being"}, []),
        ({"owner": "GSD"}, ["Contracting and Procurement Equity Guide"]),
        ({"owner": "CAO"}, ["Budget Equity Tool"]),
        ({"language": "es"}, ["Budget Equity Tool", "Capital Improvement Project Grading"]),
        ({"language": "ko"}, ["Capital Improvement Project Grading"]),
        ({"language": "es", "owner": "LAPL"}, ["Capital Improvement Project Grading"]),
        ({"kind": "toolkit", "issue_area": "zoning"}, []),
    ],
)
def test_library_filters(client, toolkits, params, expected):
    response = client.get("/resources/", params)
    assert titles(response) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("budget equity", ["Budget Equity Tool"]),  # title, any case
        ("POOL OF BIDDERS", ["Contracting and Procurement Equity Guide"]),  # summary
        ("bureau of engineering", ["Capital Improvement Project Grading"]),  # partner
        ("small businesses", ["Contracting and Procurement Equity Guide"]),  # description
        ("EQUITY NEED", ["Capital Improvement Project Grading"]),
        (
            "equity",
            [
                "Budget Equity Tool",
                "Capital Improvement Project Grading",
                "Contracting and Procurement Equity Guide",
            ],
        ),
        ("no such words", []),
    ],
)
def test_library_search_covers_title_summary_partner_and_description(client, toolkits, q, expected):
    response = client.get("/resources/", {"q": q})
    assert titles(response) == expected


@pytest.mark.django_db
def test_filter_form_has_labelled_controls_and_a_submit_button(client, toolkits):
    response = client.get("/resources/", {"kind": "guide"})
    html = response.content.decode()
    assert '<form method="get" action="/resources/"' in html
    for name in ["q", "kind", "issue_area", "owner", "language"]:
        assert f'<label for="resource-filter-{name}">' in html
        assert f'id="resource-filter-{name}"' in html
    assert '<button type="submit">' in html
    assert '<option value="guide" selected>' in html
    assert "1 resource matches your search." in html
    assert 'href="/resources/">Clear search and filters' in html


@pytest.mark.django_db
def test_filters_offer_only_owners_and_languages_of_live_resources(library, toolkits):
    options = resource_filter_options(library=library)
    assert [department.code for department in options.owners] == ["CAO", "GSD", "LAPL"]
    assert [language.code for language in options.languages] == ["en", "ko", "es"]
    assert len(options.issue_areas) == 9
    assert [value for value, _label in options.kinds] == list(ResourceKind.values)


@pytest.mark.django_db
def test_unknown_filter_value_is_reported_and_the_other_filters_still_apply(client, toolkits):
    response = client.get("/resources/", {"kind": "spreadsheet", "language": "es"})
    assert titles(response) == ["Budget Equity Tool", "Capital Improvement Project Grading"]
    html = response.content.decode()
    assert 'aria-describedby="resource-filter-kind_error"' in html
    assert 'id="resource-filter-kind_error"' in html


@pytest.mark.django_db
def test_library_in_spanish_names_issue_areas_in_spanish(client, toolkits):
    client.cookies["django_language"] = "es"
    html = client.get("/resources/").content.decode()
    assert "Oportunidad económica" in html
    assert '<option value="procurement">Contratación pública</option>' in html


@pytest.mark.django_db
def test_library_pages_keep_the_filters(client, toolkits, monkeypatch):
    monkeypatch.setattr(ResourceIndexPage, "per_page", 1)
    response = client.get("/resources/", {"language": "es"})
    assert titles(response) == ["Budget Equity Tool"]
    html = response.content.decode()
    assert "2 resources match your search." in html
    assert 'href="?language=es&amp;page=2"' in html
    assert titles(client.get("/resources/", {"language": "es", "page": 2})) == [
        "Capital Improvement Project Grading"
    ]


@pytest.mark.django_db
def test_library_hides_a_resource_restricted_to_signed_in_readers(client, library, learner):
    restricted = make_resource(title="Internal worksheet")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    make_resource(title="Public guide")
    assert titles(client.get("/resources/")) == ["Public guide"]


@pytest.mark.django_db
def test_library_takes_the_same_queries_whatever_the_number_of_resources(client, library):
    def one_resource(number: int) -> None:
        document = make_document(name=f"file-{number}.pdf")
        make_resource(
            title=f"Resource {number}",
            owner_department=DepartmentFactory(),
            partner="A partner",
            languages="en,es",
            issue_areas=[area("procurement"), area("zoning")],
            files=[file_block(document)],
            last_reviewed_on=review_date(),
        )

    def queries() -> int:
        client.get("/resources/", {"language": "es"})  # warm the caches Wagtail fills once
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/resources/", {"language": "es"})
        assert response.status_code == 200
        return len(captured)

    for number in range(2):
        one_resource(number)
    with_two = queries()
    for number in range(2, 9):
        one_resource(number)
    assert queries() == with_two


@pytest.mark.django_db
def test_library_selector_pins_its_queries(library, toolkits, django_assert_num_queries):
    with django_assert_num_queries(3):  # view restrictions, the rows, their issue areas
        resources = list(
            resource_list_for_library(library=library, filters=ResourceFilters(language="es"))
        )
        for resource in resources:
            assert resource.owner_department.name
            assert list(resource.issue_areas.all())


# --- a resource's page ---


@pytest.fixture
def full_resource(library, department):
    course, _lessons = course_with_lessons(lessons=1, title="Budgeting for Equity")
    hidden_course, _lessons = course_with_lessons(lessons=1, title="Retired course")
    hidden_course.unpublish()
    term = make_term(title="Racial equity")
    draft_term = make_term(title="Unapproved term", is_live=False)
    english = make_document(name="budget-equity-tool.pdf")
    spanish = make_document(name="herramienta.xlsx", content=b"PK\x03\x04" + b"\x00" * 2000)
    resource = make_resource(
        title="Budget Equity Tool",
        summary="Questions every department answers when it builds its budget request.",
        kind=ResourceKind.TOOLKIT,
        owner_department=department,
        partner="City Administrative Officer (CAO)",
        audience="Budget analysts and department liaisons",
        languages="en,es",
        body="<p>Use it <b>before</b> the budget hearings.</p>",
        version="2.1",
        last_reviewed_on=review_date(),
        issue_areas=[area("economic-opportunity")],
        related_terms=[term, draft_term],
        files=[
            file_block(english, label="Budget equity tool (PDF)", language="en"),
            file_block(spanish, label="Herramienta de equidad presupuestaria", language="es"),
            link_block("https://cao.lacity.gov/budget/", label="The City budget", language="en"),
        ],
        related_courses=[
            {"type": "course", "value": course.pk},
            {"type": "course", "value": hidden_course.pk},
        ],
    )
    return {
        "resource": resource,
        "course": course,
        "term": term,
        "english": english,
        "spanish": spanish,
    }


@pytest.mark.django_db
def test_resource_page_shows_everything_about_the_resource(client, full_resource):
    resource = full_resource["resource"]
    response = client.get(resource.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1",
        "Budget Equity Tool",
        "Questions every department answers",
        "Toolkit",
        "General Services",
        "City Administrative Officer (CAO)",
        "Economic Opportunity",
        "Budget analysts and department liaisons",
        '<span lang="en">English</span>, <span lang="es">Spanish</span>',
        "Use it <b>before</b> the budget hearings.",
        "2.1",
        'datetime="2025-11-03"',
        # files: label, language, type and size, and the download count
        "Budget equity tool (PDF)",
        "Herramienta de equidad presupuestaria",
        "<td>PDF</td>",
        "<td>XLSX</td>",
        "2.0\xa0KB",
        '<th scope="col" class="num">Downloads</th>',
        # links, courses (with the sign-in note) and terms
        'href="https://cao.lacity.gov/budget/"',
        "The City budget",
        f'href="{full_resource["course"].url}"',
        "Budgeting for Equity",
        "you will be asked to sign in",
        f'href="{full_resource["term"].url}"',
        "Racial equity",
    ]:
        assert text in html, text
    assert "Retired course" not in html
    assert "Unapproved term" not in html


@pytest.mark.django_db
def test_resource_page_links_every_file_to_the_counted_download(client, full_resource):
    resource = full_resource["resource"]
    html = client.get(resource.url).content.decode()
    for document in (full_resource["english"], full_resource["spanish"]):
        assert f'href="/downloads/{resource.pk}/{document.pk}/"' in html
        assert document.url not in html  # never the sign-in-only /documents/ address


@pytest.mark.django_db
def test_resource_detail_counts_downloads_per_file(full_resource):
    from content.resources.services import resource_download_record

    resource = full_resource["resource"]
    for _time in range(3):
        resource_download_record(resource=resource, document=full_resource["english"])
    detail = resource_detail(resource=ResourcePage.objects.get(pk=resource.pk))
    assert [(item.label, item.download_count) for item in detail.files] == [
        ("Budget equity tool (PDF)", 3),
        ("Herramienta de equidad presupuestaria", 0),
    ]
    assert detail.total_downloads == 3
    assert [course.title for course in detail.courses] == ["Budgeting for Equity"]
    assert [term.title for term in detail.terms] == ["Racial equity"]


@pytest.mark.django_db
def test_resource_page_skips_a_deleted_document(client, full_resource):
    full_resource["spanish"].delete()
    html = client.get(full_resource["resource"].url).content.decode()
    assert "Budget equity tool (PDF)" in html
    assert "Herramienta de equidad presupuestaria" not in html


@pytest.mark.django_db
def test_resource_page_in_spanish_names_languages_and_issue_areas_in_spanish(client, full_resource):
    client.cookies["django_language"] = "es"
    html = client.get(full_resource["resource"].url).content.decode()
    assert "Oportunidad económica" in html
    assert '<span lang="es">español</span>' in html.lower()


# --- access: public, for every role; drafts for nobody ---


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_and_anonymous_can_read_the_library_and_a_resource(
    client, request, full_resource, role
):
    sign_in(client, request, role)
    assert client.get("/resources/").status_code == 200
    assert client.get(full_resource["resource"].url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_draft_resource_is_not_served_to_anyone(client, request, toolkits, role):
    sign_in(client, request, role)
    draft = toolkits["draft"]
    assert client.get(f"/resources/{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_an_unpublished_resource_leaves_the_library(client, toolkits):
    toolkits["budget"].unpublish()
    assert "Budget Equity Tool" not in titles(client.get("/resources/"))
    assert client.get("/resources/" + toolkits["budget"].slug + "/").status_code == 404


@pytest.mark.django_db
def test_publishing_a_draft_adds_it_to_the_library(client, toolkits):
    publish(toolkits["draft"])
    assert "Budget Equity Tool, draft second edition" in titles(
        client.get("/resources/", {"kind": "toolkit"})
    )


# --- the editor's preview ---


@pytest.mark.django_db
def test_a_new_resource_previews_before_its_first_save(library, department):
    """Wagtail previews a new page unsaved, with a realistic tree path and no id."""
    document = make_document(name="guide.pdf")
    term = make_term(title="Equity lens")
    resource = ResourcePage(
        title="Unsaved guide",
        slug="unsaved-guide",
        summary="Not saved yet.",
        kind=ResourceKind.GUIDE,
        owner_department=department,
        languages="en",
        files=[file_block(document, label="The guide")],
    )
    resource.related_terms = [term]
    resource.depth = library.depth + 1
    resource.path = resource._get_path(library.path, resource.depth, 1)
    resource.set_url_path(library)
    response = resource.make_preview_request()
    assert response.status_code == 200
    html = response.render().content.decode()
    assert "The guide" in html
    assert "Equity lens" in html
    assert "/downloads/" not in html


@pytest.mark.django_db
def test_a_draft_revision_previews_with_its_new_files(client, ore, full_resource):
    resource = full_resource["resource"]
    extra = make_document(name="extra.pdf")
    resource.files = [*resource.files.raw_data, file_block(extra, label="A new annex")]
    revision = resource.save_revision(user=ore)
    response = revision.as_object().make_preview_request()
    assert response.status_code == 200
    assert "A new annex" in response.render().content.decode()
