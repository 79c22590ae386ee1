"""Package files, served to the people who may take the package's course, from their own path
(/learn/packages/files/<storage_key>/<token>/<path>), with a policy of their own.

Packages are code written by vendors that runs in the learner's browser. Their files are
served with the content type their extension says and `nosniff` (so a .txt never runs as a
script), privately cached, never setting cookies (lms.security.PackageFrameMiddleware strips
any), and with a Content-Security-Policy that lets the package run its own inline scripts and
styles but only talk to us, only be framed by us, and only post forms to us. The same
middleware refuses the admin to requests coming from a package's frame. A city that wants
packages on a separate origin sets PACKAGE_FILES_ORIGIN (see the README).

The <token> in every file URL is signed (django.core.signing) over the learner's pk and the
version's storage key, and expires: relative links inside the package keep it, so the files can
be read on a separate origin that has no session cookie. On the site's own origin the signed-in
session is accepted as well (a stale token then does not lock a signed-in learner out).
"""

import mimetypes
import re
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.html import escape

from courses.learning.models import LessonPage
from courses.packages.models import PackageVersion
from lms.users.roles import site_roles_of

PACKAGE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
CHUNK = 64 * 1024
URL_SIGNING_SALT = "courses.packages.files.token"
TOKEN_MAX_AGE = 12 * 60 * 60  # seconds
# The injected scripts of a package page on the package origin (SCORM across origins).
CROSS_FRAME_SCRIPTS = ("vendor/scorm-again/cross-frame-api.min.js", "courses/packages/sco-api.js")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def version_files_root(version: PackageVersion) -> Path:
    """Where the import unpacked the version (settings.PACKAGE_ROOT/<storage_key>/)."""
    return Path(settings.PACKAGE_ROOT) / str(version.storage_key)


class _HourSigner(signing.TimestampSigner):
    """Timestamps rounded down to the hour: the URLs a learner gets stay the same for an hour,
    so the browser's cache of a package's files is not defeated by every page load."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) // 3600 * 3600)


def _signer(storage_key) -> signing.TimestampSigner:
    return _HourSigner(salt=f"{URL_SIGNING_SALT}:{str(storage_key).replace('-', '')}")


def file_token(*, user, storage_key) -> str:
    """The token of `user`'s file URLs of the version with `storage_key` (see the module)."""
    return _signer(storage_key).sign(str(user.pk))


def token_user(token: str, storage_key):
    """The active user a token was made for, when it is genuine, for this storage key and
    not expired; None otherwise."""
    try:
        pk = _signer(storage_key).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not pk.isdigit():
        return None
    return get_user_model().objects.filter(pk=int(pk), is_active=True).first()


def files_origin() -> str:
    """The separate origin package files are served from ("" when they are on the site's)."""
    return (getattr(settings, "PACKAGE_FILES_ORIGIN", "") or "").rstrip("/")


def site_origin() -> str:
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def is_files_origin_request(request) -> bool:
    """Whether the request came to the separate package origin's host."""
    origin = files_origin()
    return bool(origin) and request.get_host().lower() == urlsplit(origin).netloc.lower()


def package_file_url(version: PackageVersion, path: str, *, user) -> str:
    """The URL of a file of the version for `user` (with their token); `path` is relative to
    the package root and may carry a query string (a SCORM launch URL with the manifest's
    parameters)."""
    path, _mark, query = path.partition("?")
    token = file_token(user=user, storage_key=version.storage_key)
    base = reverse("courses:packages:file", args=[version.storage_key, token, "-"])[:-1]
    url = base + quote(path.lstrip("/"), safe="/")
    return f"{files_origin()}{url}{'?' + query if query else ''}"


def package_csp(request) -> dict:
    """The package files' policy; on the separate origin it names the site where 'self' meant
    it (framing, posting forms, connecting: cmi5's xAPI), and the static files' origin for the
    injected cross-frame scripts when they are elsewhere."""
    if not is_files_origin_request(request):
        return PACKAGE_CSP
    site = site_origin()
    policy = {key: list(value) for key, value in PACKAGE_CSP.items()}
    for key in ("connect-src", "frame-ancestors", "form-action", "frame-src"):
        policy[key].append(site)
    static_origin = _origin_of(static(CROSS_FRAME_SCRIPTS[0]))
    if static_origin:
        policy["script-src"].append(static_origin)
    return policy


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


_HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
MAX_INJECT_BYTES = 8 * 1024 * 1024


def html_with_cross_frame_api(target: Path, *, kind: str) -> bytes | None:
    """The HTML file with scorm-again's cross-frame API and our sco-api.js (which sets
    window.API / window.API_1484_11 to it) first in its <head>, so a SCO on the package origin
    finds the runtime on its own window; None when the file is too large to rewrite."""
    if target.stat().st_size > MAX_INJECT_BYTES:
        return None
    content = target.read_bytes()
    tags = "".join(
        f'<script src="{escape(static(name))}" data-lms-origin="{escape(site_origin())}"'
        f' data-scorm-kind="{escape(kind)}"></script>'
        if name.endswith("sco-api.js")
        else f'<script src="{escape(static(name))}"></script>'
        for name in CROSS_FRAME_SCRIPTS
    ).encode()
    match = _HEAD.search(content)
    if match:
        return content[: match.end()] + tags + content[match.end() :]
    return tags + content


def may_preview(user) -> bool:
    """ORE staff who edit pages may open any package (to preview a draft lesson). The roles
    query of the request answers it (lms.users.roles), where `has_perm` took two queries for
    every file a package loads."""
    return user.is_authenticated and site_roles_of(user).can_admin


def access_version_by_storage_key(user, storage_key) -> PackageVersion:
    """The version whose files `user` may read: one played by a live lesson of a live course
    (any version of its package, so an attempt on an older version can still be reviewed), or
    any version for ORE staff. Http404 otherwise (nothing says whether it exists)."""
    version = PackageVersion.objects.filter(storage_key=storage_key).first()
    if version is None:
        raise Http404
    if may_preview(user):
        return version
    lessons = LessonPage.objects.live().filter(package_id=version.package_id)
    for lesson in lessons:
        if lesson.get_parent().live:
            return version
    raise Http404


def resolve_file(version: PackageVersion, path: str) -> Path:
    """The file at `path` inside the version's folder; Http404 outside it or missing."""
    if "\x00" in path or "\\" in path:
        raise Http404
    root = version_files_root(version).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404
    return target


def file_response(request, target: Path) -> HttpResponse:
    """The file, streamed, with one byte range when the request asks for it (media seeking)."""
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type in (
        "application/javascript",
        "application/json",
        "image/svg+xml",
    ):
        content_type += "; charset=utf-8" if "charset" not in content_type else ""
    size = target.stat().st_size
    match = _RANGE.match(request.headers.get("Range", ""))
    handle = target.open("rb")
    if match and (match.group(1) or match.group(2)):
        start_text, end_text = match.groups()
        if start_text:
            start = int(start_text)
            end = min(int(end_text), size - 1) if end_text else size - 1
        else:
            start, end = max(size - int(end_text), 0), size - 1
        if start >= size or start > end:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        length = end - start + 1
        response = FileResponse(_limited(handle, length), content_type=content_type, status=206)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    return response


def _limited(handle, length: int):
    try:
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()
