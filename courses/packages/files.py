"""Package files, served to the people who may take the package's course, from their own path
(/learn/packages/files/<storage_key>/<path>), with a policy of their own.

Packages are code written by vendors that runs in the learner's browser. Their files are
served with the content type their extension says and `nosniff` (so a .txt never runs as a
script), privately cached, never setting cookies (lms.security.PackageFrameMiddleware strips
any), and with a Content-Security-Policy that lets the package run its own inline scripts and
styles but only talk to us, only be framed by us, and only post forms to us. The same
middleware refuses the admin to requests coming from a package's frame. A city that wants
packages on a separate origin sets PACKAGE_FILES_ORIGIN (see the README).
"""

import mimetypes
import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.csp import CSP

from courses.learning.models import LessonPage
from courses.packages.models import PackageVersion

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
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def version_files_root(version: PackageVersion) -> Path:
    """Where the import unpacked the version (settings.PACKAGE_ROOT/<storage_key>/)."""
    return Path(settings.PACKAGE_ROOT) / str(version.storage_key)


def package_file_url(version: PackageVersion, path: str) -> str:
    """The URL of a file of the version; `path` is relative to the package root and may carry
    a query string (a SCORM launch URL with the manifest's parameters)."""
    path, _mark, query = path.partition("?")
    base = reverse("courses:packages:file", args=[version.storage_key, "-"])[:-1]
    url = base + quote(path.lstrip("/"), safe="/")
    origin = getattr(settings, "PACKAGE_FILES_ORIGIN", "").rstrip("/")
    return f"{origin}{url}{'?' + query if query else ''}"


def may_preview(user) -> bool:
    """ORE staff who edit pages may open any package (to preview a draft lesson)."""
    return user.has_perm("wagtailadmin.access_admin")


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
