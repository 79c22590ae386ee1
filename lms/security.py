"""Site-wide HTTP hardening: which methods the site answers, and the Content-Security-Policy.

The policies themselves are settings (`SECURE_CSP` for the site, `SECURE_CSP_ADMIN` for the
Wagtail and Django admins); `content_security_policy()` builds both from a few inputs so that
base.py and production.py stay declarative. Django's own `ContentSecurityPolicyMiddleware`
writes the header; `AdminContentSecurityPolicyMiddleware` only chooses the admin policy for the
admin paths.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
)
from django.urls import Resolver404, resolve
from django.utils.csp import CSP
from django.utils.translation import gettext as _

# Every method a view of this site (ours, Wagtail's admin, allauth) may implement. Anything else
# (TRACE, TRACK, CONNECT, PROPFIND, garbage) is refused before any view or CSRF check runs.
SITE_METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
# What a function view answers when we cannot ask it: the methods an HTML page handles.
FUNCTION_VIEW_METHODS = ("GET", "HEAD", "OPTIONS", "POST")

# Hosts whose video players a lesson's video block may embed (Wagtail's oEmbed finders give an
# <iframe> pointing at one of these). More can be added with CSP_FRAME_SOURCES.
VIDEO_PLAYERS = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)


def allowed_methods(path_info: str) -> list[str]:
    """The methods the view at `path_info` answers, for the `Allow` header of a 405."""
    try:
        match = resolve(path_info)
    except Resolver404:
        return list(FUNCTION_VIEW_METHODS)
    view_class = getattr(match.func, "view_class", None)
    if view_class is None:
        return list(FUNCTION_VIEW_METHODS)
    methods = [
        name.upper()
        for name in view_class.http_method_names
        if hasattr(view_class, name) and name.upper() in SITE_METHODS
    ]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")  # Django's View answers HEAD with get()
    return sorted(set(methods)) or list(FUNCTION_VIEW_METHODS)


class HttpMethodMiddleware:
    """405 Method Not Allowed, with `Allow`, for a method outside `SITE_METHODS`.

    Without it, CSRF refuses unknown methods with 403 (wrong: the request is not forbidden, the
    method is unknown) and lets TRACE through as "safe", so `TRACE /health/` answered 200.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SITE_METHODS:
            return HttpResponseNotAllowed(allowed_methods(request.path_info))
        return self.get_response(request)


# Query parameters that Wagtail's admin turns into numbers without checking them: a listing's
# page (`p`: `int()` in the workflow editor) and the page explorer's `owner` filter (a user id;
# a number beyond 64 bits reached the database). Both answered 500 to a bad value.
ADMIN_NUMBER_PARAMS = ("p", "owner")
_RECORD_NUMBER = re.compile(r"[0-9]{1,18}")


class AdminQueryMiddleware:
    """400 for a bad value of `ADMIN_NUMBER_PARAMS` on the admin paths, before Wagtail reads it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.prefixes and request.path_info.startswith(self.prefixes):
            for name in ADMIN_NUMBER_PARAMS:
                for value in request.GET.getlist(name):
                    if value and value != "last" and not _RECORD_NUMBER.fullmatch(value):
                        return HttpResponseBadRequest(
                            _("“%(name)s” must be a number.") % {"name": name},
                            content_type="text/plain; charset=utf-8",
                        )
        return self.get_response(request)


def not_a_record_id(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """404 for an admin URL whose record id is no id (see lms/urls.py)."""
    raise Http404


class AdminContentSecurityPolicyMiddleware:
    """Gives the Wagtail and Django admin paths `SECURE_CSP_ADMIN` instead of `SECURE_CSP`.

    Must come after Django's ContentSecurityPolicyMiddleware in MIDDLEWARE, so that it marks the
    response before Django's writes the header. Why the admin needs its own policy: see
    `content_security_policy`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            self.prefixes
            and request.path_info.startswith(self.prefixes)
            and not hasattr(response, "_csp_config")  # a view's own csp_override wins
        ):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response


class PackageFrameMiddleware:
    """Keeps packaged courses (vendor code running in the learner's browser, served under
    `PACKAGE_FILES_PATH_PREFIX`) away from the admin, and their files from cookies.

    - A request for the admin paths that comes from a package file (its Referer), or that loads
      the admin into a frame other than the admin's own (Sec-Fetch-Dest iframe/frame without an
      admin Referer), is refused with 403. A package can hide its Referer from its own scripts'
      requests, so this is a second line: the first is that package files never get the
      session's cookies refreshed nor a policy allowing them to frame anything but us, and a city
      that wants real isolation serves packages from another origin (PACKAGE_FILES_ORIGIN).
    - A package file's response never sets a cookie (the session or CSRF cookie would
      otherwise be refreshed by a file a package controls).
    - On the separate package origin's host (PACKAGE_FILES_ORIGIN), only package files and
      static files are served: every other path is 404 there, so no page of the site (sign-in,
      the learner's pages) ever runs, or sets a cookie, on the packages' origin.

    Must come before the session, CSRF and authentication middleware in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ()))
        self.files_prefix = getattr(settings, "PACKAGE_FILES_PATH_PREFIX", "")

    @staticmethod
    def _on_package_origin(request: HttpRequest) -> bool:
        origin = (getattr(settings, "PACKAGE_FILES_ORIGIN", "") or "").rstrip("/")
        return bool(origin) and request.get_host().lower() == urlsplit(origin).netloc.lower()

    def _from_package(self, request: HttpRequest) -> bool:
        referer_path = urlsplit(request.headers.get("Referer", "")).path
        if self.files_prefix and referer_path.startswith(self.files_prefix):
            return True
        destination = request.headers.get("Sec-Fetch-Dest", "")
        return destination in ("iframe", "frame") and not referer_path.startswith(
            self.admin_prefixes
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._on_package_origin(request) and not (
            (self.files_prefix and request.path_info.startswith(self.files_prefix))
            or request.path_info.startswith(settings.STATIC_URL)
        ):
            return HttpResponseNotFound(
                _("Only course package files are served here."),
                content_type="text/plain; charset=utf-8",
            )
        if (
            self.admin_prefixes
            and request.path_info.startswith(self.admin_prefixes)
            and self._from_package(request)
        ):
            return HttpResponseForbidden(
                _("The admin cannot be opened from a course package."),
                content_type="text/plain; charset=utf-8",
            )
        response = self.get_response(request)
        if self.files_prefix and request.path_info.startswith(self.files_prefix):
            response.cookies.clear()
        return response


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(
    *, sign_in_url: str = "", frame_sources: list[str] = (), report_uri: str = ""
) -> tuple[dict, dict]:
    """The site's policy and the admin's, as `SECURE_CSP` dictionaries.

    The site: everything from our own origin; scripts and styles only from files or from a
    `<script nonce="{{ csp_nonce }}">` (no 'unsafe-inline', so no inline event handlers, no
    `javascript:` URLs and no `style="..."` attributes); frames only for the video players; no
    plugins; no `<base>`; forms post only to us (and to the identity provider at `sign_in_url`,
    because Chromium applies form-action to the redirect after "City single sign-on"); and
    nobody may frame us.

    The admin (/admin/, /django-admin/): Wagtail's admin templates still write inline <script>
    and style="..." (inline panels, date pickers, wagtail-localize's editor) and its bundles
    build functions at run time (core.js, draftail.js), so there scripts may be inline and
    evaluated, and styles inline. The admin is reached only by signed-in ORE staff, and it may
    frame itself (page previews). Everything else stays as strict as the site.
    """
    sign_in = [origin] if (origin := _origin(sign_in_url)) else []
    frames = [CSP.SELF, *VIDEO_PLAYERS, *frame_sources]
    common = {
        "default-src": [CSP.SELF],
        "img-src": [CSP.SELF, "data:"],
        "media-src": [CSP.SELF],
        "font-src": [CSP.SELF],
        "connect-src": [CSP.SELF],
        "frame-src": frames,
        "object-src": [CSP.NONE],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.SELF, *sign_in],
    }
    if report_uri:
        common["report-uri"] = [report_uri]
    site = {
        **common,
        "script-src": [CSP.SELF, CSP.NONCE],
        "style-src": [CSP.SELF, CSP.NONCE],
        "frame-ancestors": [CSP.NONE],
    }
    admin = {
        **common,
        "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:", "blob:"],
        "frame-ancestors": [CSP.SELF],
    }
    # Keep directive order stable and readable in the header.
    order = [
        "default-src",
        "script-src",
        "style-src",
        "img-src",
        "media-src",
        "font-src",
        "connect-src",
        "frame-src",
        "frame-ancestors",
        "object-src",
        "base-uri",
        "form-action",
        "report-uri",
    ]
    return (
        {key: site[key] for key in order if key in site},
        {key: admin[key] for key in order if key in admin},
    )
