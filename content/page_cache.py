"""Published pages, read once per change instead of once per request.

Most of a lesson page's work was finding the same pages again: the site, the locale, the pages of
its path, their view restrictions, the course's lessons, the glossary's terms. All of them change
only when someone publishes, unpublishes, moves, deletes or restricts a page, or edits a site or a
locale. One query per request (`pages_version`) sums those tables up: the newest page log entry
(Wagtail writes one for every publish, unpublish, move, deletion, copy and view-restriction
change), the pages' count, newest id, live count and newest publish time, the view restrictions,
and every site and locale row. It also holds the newest log entry of any other object edited in
the admin (Wagtail writes one for every image, document and snippet created, edited or deleted
there), so a lesson drawn with an image's rendition or a document's link (`kept_get`) is drawn
afresh once an editor replaces the file.

What is read from the pages is kept in this process's memory (the "pages" cache, local to the
process) under a key holding that version: the first request after any change reads afresh, in
every process, with nothing to invalidate by hand; an entry no longer asked for ages out.

Values are pickled by the cache, so each request gets its own copies of the pages (a request that
sets attributes on a page it was given changes nobody else's). Within a request that
`PagesVersionMiddleware` serves, a value read once is kept for the rest of the request: two
callers asking for the same key share one copy.

A page type takes part in the route cache by setting `route_cacheable = True`: its `route` must
depend on nothing but the path (the course tree's pages do; see courses.learning.models). Only a
route to such a page is kept; any other page, a 404 and a redirect go Wagtail's way every time.
"""

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Locale, ModelLogEntry, Page, PageLogEntry, PageViewRestriction, Site

from lms.prepared import fetchone

CACHE_ALIAS = "pages"
_MISSING = object()
_request = threading.local()


def _version_sql() -> str:
    page = Page._meta.db_table
    log = PageLogEntry._meta.db_table
    model_log = ModelLogEntry._meta.db_table
    restriction = PageViewRestriction._meta.db_table
    restriction_groups = PageViewRestriction.groups.through._meta.db_table
    site = Site._meta.db_table
    locale = Locale._meta.db_table
    # (what, from where): table and column names come from the models, nothing from outside.
    if connection.vendor == "postgresql":

        def rows(table: str, columns: str) -> tuple[str, str]:
            return (f"string_agg(concat_ws(':', {columns}), '|' ORDER BY id)", f"FROM {table}")
    else:  # SQLite: group_concat keeps the order of its subquery

        def rows(table: str, columns: str) -> tuple[str, str]:
            joined = " || ':' || ".join(f"COALESCE({c}, '')" for c in columns.split(", "))
            ordered = f"FROM (SELECT * FROM {table} ORDER BY id)"  # noqa: S608 - model names
            return (f"group_concat({joined}, '|')", ordered)

    parts = [
        ("MAX(id)", f"FROM {log}"),
        ("COUNT(*)", f"FROM {page}"),
        ("MAX(id)", f"FROM {page}"),
        ("COUNT(*)", f"FROM {page} WHERE live"),
        ("MAX(last_published_at)", f"FROM {page}"),
        ("COUNT(*)", f"FROM {restriction}"),
        ("MAX(id)", f"FROM {restriction}"),
        ("COUNT(*)", f"FROM {restriction_groups}"),
        rows(site, "id, hostname, port, root_page_id, is_default_site"),
        rows(locale, "id, language_code"),
        ("MAX(id)", f"FROM {model_log}"),
    ]
    return "SELECT " + ", ".join(f"(SELECT {what} {source})" for what, source in parts)


_SQL: dict[str, str] = {}


def pages_version() -> str:
    """What the published pages are now, summed up in one query (see the module). Read once a
    request where `PagesVersionMiddleware` runs, on every call elsewhere."""
    memo = getattr(_request, "version", None)
    if memo is not None:
        return memo
    sql = _SQL.get(connection.vendor)
    if sql is None:
        sql = _SQL[connection.vendor] = _version_sql()
    row = repr(tuple(fetchone(sql)))  # prepared: planned once per connection (lms.prepared)
    version = hashlib.sha256(row.encode()).hexdigest()[:24]
    if getattr(_request, "active", False):
        _request.version = version
    return version


class PagesVersionMiddleware:
    """Reads the pages' version at most once a request (a request that publishes pages reads
    the next one at its next request), and keeps what `cached_pages` gave for the rest of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version, _request.kept = True, None, {}
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.version, _request.kept = False, None, None


def in_request() -> bool:
    """True while `PagesVersionMiddleware` serves a request: the version is then read once."""
    return getattr(_request, "active", False)


def cached_pages(key: str, build: Callable[[], Any]) -> Any:
    """`build()`, kept under `key` for as long as the published pages stay as they are.
    `build` must read only pages (and what only an editor changes along with them)."""
    full_key = f"{pages_version()}:{key}"
    kept = getattr(_request, "kept", None)
    if kept is not None and full_key in kept:
        return kept[full_key]
    cache = caches[CACHE_ALIAS]
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(full_key, value)
    if kept is not None:
        kept[full_key] = value
    return value


def kept_get(key: str) -> Any:
    """What `kept_set` kept under `key` while the published pages stayed as they are, or None.
    For a value that needs more than the pages to make (a page drawn for a request): the caller
    puts everything else it depends on in `key`."""
    return caches[CACHE_ALIAS].get(f"{pages_version()}:{key}")


def kept_set(key: str, value: Any) -> None:
    """Keeps `value` under `key` until the published pages change (see `kept_get`)."""
    caches[CACHE_ALIAS].set(f"{pages_version()}:{key}", value)


# --- routing -----------------------------------------------------------------------------------


def address_key(request: HttpRequest, path: str) -> str:
    """A digest of where `path` is asked for: the request's host and port and the active
    language (what a page's route and its links depend on besides the path)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    where = f"{hostname}:{request.get_port()}:{get_language() or ''}:{path}"
    return hashlib.sha256(where.encode()).hexdigest()[:32]


def _route_key(request: HttpRequest, path: str) -> str:
    return f"route:{address_key(request, path)}"


def site_prime(request: HttpRequest) -> Site | None:
    """The request's Wagtail site (what `Site.find_for_request` answers), from the cache: a page
    URL made for the request (`get_url(request)`) then reads no site."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = cached_pages(
            f"site:{hostname}:{request.get_port()}", lambda: Site._find_for_request(request)
        )
    _root_paths_prime(request)
    return request._wagtail_site


def _root_paths_prime(request: HttpRequest) -> None:
    """Gives `request` the sites' root paths, which Wagtail reads from the shared cache (a round
    trip to Redis) for the first page URL of each request and keeps on the request."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = cached_pages(
            "site-root-paths", Site.get_site_root_paths
        )


def route_prime(request: HttpRequest, path: str) -> bool:
    """Gives `request` its site and its page route from the cache, as Wagtail keeps them on the
    request (`_wagtail_site`, `_wagtail_route_for_request`), so Wagtail's `serve` finds them and
    reads nothing. False when the route is not cached."""
    cache = caches[CACHE_ALIAS]
    cached = cache.get(f"{pages_version()}:{_route_key(request, path)}")
    if cached is None:
        return False
    site, page, args, kwargs, restrictions = cached
    page._view_restrictions_cached = restrictions
    request._wagtail_site = site
    request._wagtail_route_for_request = (page, args, kwargs)
    return True


def route_keep(request: HttpRequest, path: str) -> None:
    """Keeps the route Wagtail found for `request` when its page takes part (see the module),
    with the page's view restrictions, read now."""
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None:
        return
    page, args, kwargs = route
    if not getattr(page, "route_cacheable", False):
        return
    restrictions = list(page.get_view_restrictions())
    caches[CACHE_ALIAS].set(
        f"{pages_version()}:{_route_key(request, path)}",
        (site, page, list(args), dict(kwargs), restrictions),
    )
    page._view_restrictions_cached = restrictions


class CachedViewRestrictionsMixin:
    """A page routed from the cache carries its view restrictions: reading them costs nothing."""

    route_cacheable = True

    def get_view_restrictions(self):
        restrictions = getattr(self, "_view_restrictions_cached", None)
        if restrictions is not None:
            return restrictions
        return super().get_view_restrictions()


def serve(request: HttpRequest, path: str):
    """Wagtail's page view, with the route from the cache when the page takes part (see the
    module): the site, the pages of the path and their view restrictions cost no query."""
    from wagtail.views import serve as wagtail_serve

    if not route_prime(request, path):
        Page.route_for_request(request, path)
        # Kept as routed, before serving changes anything on the pages.
        route_keep(request, path)
    _root_paths_prime(request)
    return wagtail_serve(request, path)
