"""The glossary as open data: JSON at /api/glossary/, and CSV, Turtle and JSON-LD downloads that
parse back to the same entries (labels, definitions, relations) and hold nothing non-public."""

import csv
import io
import json
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS

from content.glossary.models import EntryStatus
from content.glossary.services import glossary_csv_columns
from tests.content.glossary.factories import glossary_index, indicator, term, translate
from tests.factories import DepartmentFactory

BASE = settings.SITE_URL.rstrip("/")
GL = Namespace(f"{BASE}/ns/glossary#")


@pytest.fixture
def glossary(db):
    """A small glossary: related terms, a Spanish translation, a retired term, an indicator, a
    draft-status term and an unpublished one."""
    bias = term(
        title="Implicit bias",
        slug="implicit-bias",
        alternative_labels="Unconscious bias\nHidden bias",
        short_definition="Automatic associations that shape decisions.",
        definition='<p>Attitudes <b>below awareness</b> &amp; "beliefs".</p>',
        issue_areas=["health-well-being", "procurement"],
        sources=[
            ("source", {"citation": "ORE strategic plan (2022)", "url": "https://example.org/p"}),
            ("source", {"citation": "A printed report", "url": ""}),
        ],
        adopted_on=date(2023, 5, 17),
        adopting_body="City Council",
    )
    equity = term(
        title="Racial equity",
        slug="racial-equity",
        short_definition="When race no longer predicts outcomes.",
        definition="<p>A result and a way of working.</p>",
        related=[bias],
    )
    translate(
        equity,
        title="Equidad racial",
        alternative_labels="Equidad de raza",
        short_definition="Cuando la raza ya no predice los resultados.",
        definition="<p>Un resultado y una forma de trabajar.</p>",
    )
    retired = term(
        title="Minorities",
        slug="minorities",
        status=EntryStatus.RETIRED,
        replaced_by=equity,
    )
    proposed = term(title="Equity lens", slug="equity-lens", status=EntryStatus.PROPOSED)
    measure = indicator(
        title="On-time completion rate",
        slug="on-time-completion-rate",
        numerator="Completed by the due date.",
        denominator="Required of active employees.",
        disaggregations="Department\nJob class",
        owner_department=DepartmentFactory(code="CRHE", name="Civil + Human Rights and Equity"),
        related=[bias],
    )
    draft = term(title="Zeta draft", slug="zeta-draft", status=EntryStatus.DRAFT, related=[bias])
    bias.related_terms.set([draft, equity])
    bias.save_revision().publish()
    unpublished = term(title="Unpublished", slug="unpublished", live=False)
    return {
        "bias": bias,
        "equity": equity,
        "retired": retired,
        "proposed": proposed,
        "measure": measure,
        "draft": draft,
        "unpublished": unpublished,
    }


def iri(slug: str) -> URIRef:
    return URIRef(f"{BASE}/glossary/{slug}/")


PUBLIC_SLUGS = [
    "equity-lens",
    "implicit-bias",
    "minorities",
    "on-time-completion-rate",
    "racial-equity",
]


# --- JSON ----------------------------------------------------------------------------------------


def test_json_lists_public_entries_with_their_fields_and_translations(client, glossary):
    response = client.get("/api/glossary/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["count"] == 5
    by_slug = {entry["slug"]: entry for entry in data["entries"]}
    assert sorted(by_slug) == PUBLIC_SLUGS

    bias = by_slug["implicit-bias"]
    assert bias["url"] == f"{BASE}/glossary/implicit-bias/"
    assert bias["kind"] == "term"
    assert bias["title"] == "Implicit bias"
    assert bias["alternative_labels"] == ["Unconscious bias", "Hidden bias"]
    assert bias["definition"] == '<p>Attitudes <b>below awareness</b> &amp; "beliefs".</p>'
    assert bias["status"] == "adopted"
    assert bias["adopted_on"] == "2023-05-17"
    assert bias["adopting_body"] == "City Council"
    assert bias["issue_areas"] == ["health-well-being", "procurement"]
    assert bias["related"] == ["racial-equity"]  # the draft-status relation is left out
    assert bias["sources"] == [
        {"citation": "ORE strategic plan (2022)", "url": "https://example.org/p"},
        {"citation": "A printed report", "url": ""},
    ]
    assert bias["translations"] == {}

    equity = by_slug["racial-equity"]
    assert equity["translations"]["es"]["title"] == "Equidad racial"
    assert equity["translations"]["es"]["alternative_labels"] == ["Equidad de raza"]
    assert (
        equity["translations"]["es"]["definition"] == "<p>Un resultado y una forma de trabajar.</p>"
    )
    assert by_slug["minorities"]["replaced_by"] == "racial-equity"

    measure = by_slug["on-time-completion-rate"]
    assert measure["kind"] == "indicator"
    assert measure["numerator"] == "Completed by the due date."
    assert measure["denominator"] == "Required of active employees."
    assert measure["disaggregations"] == ["Department", "Job class"]
    assert measure["owner_department"] == {
        "code": "CRHE",
        "name": "Civil + Human Rights and Equity",
    }
    assert measure["related"] == ["implicit-bias"]


def test_json_filters_by_status_and_kind(client, glossary):
    def slugs(url):
        return [entry["slug"] for entry in client.get(url).json()["entries"]]

    assert slugs("/api/glossary/?status=retired") == ["minorities"]
    assert slugs("/api/glossary/?status=proposed") == ["equity-lens"]
    assert slugs("/api/glossary/?kind=indicator") == ["on-time-completion-rate"]
    assert slugs("/api/glossary/?kind=term&status=adopted") == ["implicit-bias", "racial-equity"]
    assert slugs("/api/glossary/?status=draft") == []
    assert slugs("/api/glossary/?kind=poem") == []


def test_json_internal_links_in_definitions_become_absolute(client, glossary):
    bias = glossary["bias"]
    equity = glossary["equity"]
    equity.definition = f'<p>See <a linktype="page" id="{bias.pk}">implicit bias</a>.</p>'
    equity.save_revision().publish()
    entry = next(
        e for e in client.get("/api/glossary/").json()["entries"] if e["slug"] == equity.slug
    )
    assert f'<a href="{BASE}/glossary/implicit-bias/">implicit bias</a>' in entry["definition"]


def test_open_data_is_read_only(client, glossary):
    for url in ["/api/glossary/", "/api/glossary.csv", "/api/glossary.ttl", "/api/glossary.jsonld"]:
        assert client.post(url).status_code == 405


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_round_trips_to_the_entries(client, glossary):
    response = client.get("/api/glossary.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="glossary.csv"'
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert reader.fieldnames == glossary_csv_columns()
    rows = {row["slug"]: row for row in reader}
    assert sorted(rows) == PUBLIC_SLUGS

    bias = rows["implicit-bias"]
    assert bias["title"] == "Implicit bias"
    assert bias["alternative_labels"].split(" | ") == ["Unconscious bias", "Hidden bias"]
    assert bias["definition"] == 'Attitudes below awareness & "beliefs".'
    assert bias["issue_areas"].split(" | ") == ["health-well-being", "procurement"]
    assert bias["related"] == "racial-equity"
    assert bias["sources"].split(" | ") == [
        "ORE strategic plan (2022) <https://example.org/p>",
        "A printed report",
    ]
    assert bias["url"] == f"{BASE}/glossary/implicit-bias/"
    equity = rows["racial-equity"]
    assert equity["title_es"] == "Equidad racial"
    assert equity["short_definition_es"] == "Cuando la raza ya no predice los resultados."
    assert equity["definition_es"] == "Un resultado y una forma de trabajar."
    assert rows["minorities"]["replaced_by"] == "racial-equity"
    measure = rows["on-time-completion-rate"]
    assert measure["kind"] == "indicator"
    assert measure["disaggregations"].split(" | ") == ["Department", "Job class"]
    assert measure["owner_department"] == "Civil + Human Rights and Equity"


def test_csv_cells_never_begin_like_a_formula(client, db):
    glossary_index()
    term(
        title='=HYPERLINK("http://x","y")',
        slug="hostile",
        short_definition="@SUM(A1)",
        definition="<p>-2+3</p>",
        alternative_labels="+cmd|' /C calc'!A0",
        adopting_body="\tCouncil",
    )
    response = client.get("/api/glossary.csv")
    [row] = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["title"] == '\'=HYPERLINK("http://x","y")'
    assert row["short_definition"] == "'@SUM(A1)"
    assert row["definition"] == "'-2+3"
    assert row["alternative_labels"] == "'+cmd|' /C calc'!A0"
    assert row["adopting_body"] == "'\tCouncil"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_csv_header_order_is_stable():
    columns = glossary_csv_columns()
    assert columns[:7] == [
        "slug",
        "url",
        "kind",
        "title",
        "alternative_labels",
        "short_definition",
        "definition",
    ]
    assert columns[-4:] == [
        "title_es",
        "alternative_labels_es",
        "short_definition_es",
        "definition_es",
    ]
    assert len(columns) == len(set(columns))


# --- SKOS ----------------------------------------------------------------------------------------


def parse(client, url, fmt) -> Graph:
    graph = Graph()
    graph.parse(data=client.get(url).content.decode("utf-8"), format=fmt)
    return graph


def test_turtle_round_trips_labels_definitions_and_relations(client, glossary):
    response = client.get("/api/glossary.ttl")
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="glossary.ttl"'
    graph = parse(client, "/api/glossary.ttl", "turtle")
    scheme = URIRef(f"{BASE}/glossary/")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph

    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert concepts == {iri(slug) for slug in PUBLIC_SLUGS}
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in graph

    bias, equity = iri("implicit-bias"), iri("racial-equity")
    assert set(graph.objects(bias, SKOS.prefLabel)) == {Literal("Implicit bias", lang="en")}
    assert set(graph.objects(bias, SKOS.altLabel)) == {
        Literal("Unconscious bias", lang="en"),
        Literal("Hidden bias", lang="en"),
    }
    assert set(graph.objects(bias, SKOS.definition)) == {
        Literal('Attitudes below awareness & "beliefs".', lang="en")
    }
    assert set(graph.objects(bias, SKOS.related)) == {equity}
    assert set(graph.objects(equity, SKOS.prefLabel)) == {
        Literal("Racial equity", lang="en"),
        Literal("Equidad racial", lang="es"),
    }
    assert Literal("Un resultado y una forma de trabajar.", lang="es") in set(
        graph.objects(equity, SKOS.definition)
    )
    assert (iri("minorities"), DCTERMS.isReplacedBy, equity) in graph
    assert (bias, GL.status, Literal("adopted")) in graph
    assert (iri("minorities"), GL.status, Literal("retired")) in graph
    assert graph.value(bias, DCTERMS.modified) is not None

    procurement = URIRef(f"{BASE}/ns/issue-areas#procurement")
    assert (bias, DCTERMS.subject, procurement) in graph
    assert (procurement, RDF.type, SKOS.Concept) in graph
    assert Literal("Contratación pública", lang="es") in set(
        graph.objects(procurement, SKOS.prefLabel)
    )
    assert graph.value(procurement, SKOS.inScheme) != scheme

    measure = iri("on-time-completion-rate")
    assert (measure, RDF.type, GL.IndicatorDefinition) in graph
    assert (measure, GL.numerator, Literal("Completed by the due date.", lang="en")) in graph
    assert set(graph.objects(measure, GL.disaggregation)) == {
        Literal("Department", lang="en"),
        Literal("Job class", lang="en"),
    }
    assert (measure, SKOS.related, bias) in graph

    # Nothing that is not public, not even as the object of a relation.
    everything = " ".join(str(node) for triple in graph for node in triple)
    assert "zeta-draft" not in everything
    assert "Zeta draft" not in everything
    assert "unpublished" not in everything


# rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_holds_the_same_graph_as_turtle(client, glossary):
    response = client.get("/api/glossary.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    assert response["Content-Disposition"] == 'attachment; filename="glossary.jsonld"'
    json.loads(response.content)
    turtle = parse(client, "/api/glossary.ttl", "turtle")
    jsonld = parse(client, "/api/glossary.jsonld", "json-ld")
    assert len(jsonld) == len(turtle)
    assert isomorphic(jsonld, turtle)
    assert set(jsonld.objects(iri("racial-equity"), SKOS.prefLabel)) == {
        Literal("Racial equity", lang="en"),
        Literal("Equidad racial", lang="es"),
    }


def test_the_scheme_is_the_glossary_page(client, glossary):
    graph = parse(client, "/api/glossary.ttl", "turtle")
    index = glossary_index()
    scheme = URIRef(f"{BASE}{index.url}")
    assert graph.value(scheme, DCTERMS.title) == Literal(index.title, lang="en")
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == {iri(slug) for slug in PUBLIC_SLUGS}


# --- size ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_exports_need_the_same_number_of_queries_whatever_the_size(client):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/api/glossary/", "/api/glossary.csv", "/api/glossary.ttl", "/api/glossary.jsonld"]

    def grow(numbers):
        for number in numbers:
            word = term(title=f"Word {number}", issue_areas=["zoning"])
            translate(word, title=f"Palabra {number}")
            indicator(title=f"Measure {number}", related=[word], issue_areas=["zoning"])

    grow(range(2))
    small = {url: count(url) for url in urls}
    grow(range(2, 10))
    assert {url: count(url) for url in urls} == small
    assert client.get("/api/glossary/").json()["count"] == 20
