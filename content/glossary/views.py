"""The glossary's views: what its pages show (the page models call these by name, see
lms/page_hooks.py), and its open data: JSON at /api/glossary/ and downloads as CSV, Turtle
and JSON-LD.

Public (no sign-in), read-only, and thin: the selectors read the public entries, the services
shape them. Draft-status entries are never included in the open data.
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from rdflib import Graph
from wagtail import hooks

from content.glossary.models import GlossaryIndexPage, IndicatorPage, TermPage
from content.glossary.selectors import (
    canonical_page_get,
    default_language,
    entry_is_public,
    glossary_entry_get,
    glossary_export_list,
    glossary_history_list,
    glossary_index_get,
    glossary_scheme_get,
    issue_area_list,
    term_replacement_get,
    translation_language,
)
from content.glossary.services import glossary_csv, glossary_graph, glossary_jsonld, glossary_turtle

# --- the pages ---------------------------------------------------------------------------------


@hooks.register("content_glossary_index_routed")
def glossary_index_routed(index: GlossaryIndexPage) -> GlossaryIndexPage:
    """The index that routes the request: itself, or the canonical (English) index when the
    reader's language has translations (see GlossaryIndexPage.route)."""
    if translation_language(get_language()):
        return canonical_page_get(index)
    return index


@hooks.register("content_glossary_index_context")
def glossary_index_context(index: GlossaryIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The A-Z index with the reader's filters and search, and the link to the history."""
    return {
        "glossary": glossary_index_get(
            index=index, params=request.GET, language=get_language(), request=request
        ),
        "history_url": index.url + index.reverse_subpage("history"),
    }


@hooks.register("content_glossary_history_context")
def glossary_history_context(index: GlossaryIndexPage, request: HttpRequest) -> dict[str, Any]:
    """What changed: the published changes of adopted terms, newest first."""
    return {
        "default_lang": default_language(),
        "changes": glossary_history_list(index=index, language=get_language(), request=request),
    }


@hooks.register("content_glossary_entry_may_serve")
def glossary_entry_may_serve(entry: TermPage | IndicatorPage, request: HttpRequest) -> bool:
    """Whether `request` may read the entry: anyone when it is public; a draft-status entry
    only in a preview or for someone who may edit it."""
    canonical = canonical_page_get(entry)
    if entry_is_public(canonical) or getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_authenticated
        and canonical.permissions_for_user(user).can_edit()
    )


@hooks.register("content_glossary_entry_context")
def glossary_entry_context(entry: TermPage | IndicatorPage, request: HttpRequest) -> dict[str, Any]:
    """The entry in the reader's language, with its links (and the retired term it replaces)."""
    return {
        "entry": glossary_entry_get(
            page=entry,
            language=get_language(),
            request=request,
            retired_slug=request.GET.get("retired", ""),
        )
    }


@hooks.register("content_term_replacement_redirect")
def term_replacement_redirect(term: TermPage, request: HttpRequest) -> HttpResponse | None:
    """For a retired term with a public replacement: the redirect there (302), naming the retired
    term in `?retired=` so the replacement can say so; None to show the term itself."""
    replacement = term_replacement_get(term=canonical_page_get(term))
    if replacement is None:
        return None
    query = urlencode({"retired": canonical_page_get(term).slug})
    return HttpResponseRedirect(f"{replacement.get_url(request)}?{query}")


# --- the open data -----------------------------------------------------------------------------


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
