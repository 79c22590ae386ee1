"""The glossary's open data: JSON at /api/glossary/ and downloads as CSV, Turtle and JSON-LD.

Public (no sign-in), read-only, and thin: the selectors read the public entries, the services
shape them. Draft-status entries are never included.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from rdflib import Graph

from content.selectors.glossary import (
    glossary_export_list,
    glossary_scheme_get,
    issue_area_list,
)
from content.services.glossary import glossary_csv, glossary_graph, glossary_jsonld, glossary_turtle


def _base_url() -> str:
    # Identifiers must not depend on the Host header a client sends: they come from settings.
    return settings.SITE_URL.rstrip("/")


def _open_data(response: HttpResponse, filename: str | None = None) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def glossary_json(request: HttpRequest) -> HttpResponse:
    """Every public entry as JSON; `?status=` and `?kind=` narrow the list."""
    status = request.GET.get("status") or None
    kind = request.GET.get("kind") or None
    entries = glossary_export_list(base_url=_base_url(), status=status, kind=kind)
    return _open_data(
        JsonResponse(
            {"count": len(entries), "entries": entries},
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    )


@require_GET
def glossary_csv_download(request: HttpRequest) -> HttpResponse:
    """The whole public glossary as a CSV file, one row per entry."""
    text = glossary_csv(glossary_export_list(base_url=_base_url()))
    # With a byte-order mark, like the other CSVs, so Excel reads accented words as UTF-8.
    response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    return _open_data(response, "glossary.csv")


def _graph() -> Graph:
    scheme = glossary_scheme_get(base_url=_base_url())
    return glossary_graph(
        glossary_export_list(base_url=_base_url()),
        base_url=_base_url(),
        scheme_iri=scheme.iri,
        scheme_title=scheme.title,
        issue_areas=[
            {"slug": area.slug, "name": area.name, "name_es": area.name_es}
            for area in issue_area_list()
        ],
    )


@require_GET
def glossary_turtle_download(request: HttpRequest) -> HttpResponse:
    """The whole public glossary as SKOS in Turtle."""
    response = HttpResponse(
        glossary_turtle(_graph()).encode("utf-8"), content_type="text/turtle; charset=utf-8"
    )
    return _open_data(response, "glossary.ttl")


@require_GET
def glossary_jsonld_download(request: HttpRequest) -> HttpResponse:
    """The whole public glossary as SKOS in JSON-LD."""
    response = HttpResponse(
        glossary_jsonld(_graph()).encode("utf-8"), content_type="application/ld+json"
    )
    return _open_data(response, "glossary.jsonld")
