"""Package files and the SCORM runtime's endpoints (/learn/packages/, namespace "packages").

Thin: each checks access, calls runtime/files, and answers. The runtime's endpoints answer in
the form scorm-again expects ({"result": true|false, "errorCode": n}) plus our own fields.
"""

import json
import mimetypes

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from courses.packages import files, runtime
from courses.packages.models import PackageAttempt, PackageKind
from courses.packages.player import navigation_url

MAX_COMMIT_BYTES = 2 * 1024 * 1024


def _file_reader(request: HttpRequest, storage_key, token: str):
    """Who reads the file: the token's learner; or, on the site's own origin, the signed-in
    person (as before tokens). None: nobody (a bad token on the package origin, anonymous)."""
    user = files.token_user(token, storage_key)
    if user is not None:
        return user
    if not files.is_files_origin_request(request) and request.user.is_authenticated:
        return request.user
    return None


@require_GET
@cache_control(private=True, max_age=3600)
def package_file(request: HttpRequest, storage_key, token: str, path: str) -> HttpResponse:
    """A package file, to the holder of a valid token (any origin) or a signed-in person on
    the site's origin who may take the course; an HTML file on the package origin gets the
    cross-frame SCORM API injected."""
    reader = _file_reader(request, storage_key, token)
    if reader is None:
        if files.is_files_origin_request(request) or request.user.is_authenticated:
            raise Http404
        return redirect_to_login(request.get_full_path())
    version = files.access_version_by_storage_key(reader, storage_key)
    target = files.resolve_file(version, path)
    on_files_origin = files.is_files_origin_request(request)
    content_type = mimetypes.guess_type(target.name)[0] or ""
    injected = (
        files.html_with_cross_frame_api(target, kind=version.kind)
        if on_files_origin
        and content_type == "text/html"
        and version.kind in (PackageKind.SCORM12, PackageKind.SCORM2004)
        else None
    )
    if injected is not None:
        response = HttpResponse(injected, content_type="text/html; charset=utf-8")
    else:
        response = files.file_response(request, target)
    response["X-Content-Type-Options"] = "nosniff"
    if not on_files_origin:
        response["X-Frame-Options"] = "SAMEORIGIN"
    # on the package origin the site frames it: the policy's frame-ancestors says so (an
    # X-Frame-Options SAMEORIGIN would refuse the site)
    response.xframe_options_exempt = True
    response._csp_config = files.package_csp(request)
    return response


def _own_attempt(request: HttpRequest, attempt_id: int) -> PackageAttempt:
    attempt = (
        PackageAttempt.objects.select_related("item", "version", "lesson")
        .filter(pk=attempt_id, user=request.user)
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def attempt_state(request: HttpRequest, attempt_id: int) -> JsonResponse:
    """The attempt's data model as the runtime starts with it (resume on another device)."""
    attempt = _own_attempt(request, attempt_id)
    return JsonResponse(
        {
            "result": True,
            "errorCode": 0,
            "revision": attempt.revision,
            "values": runtime.launch_values(
                attempt=attempt, user=request.user, language=get_language() or "en"
            ),
        }
    )


def _refuse(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"result": False, "errorCode": 101, "message": message}, status=status)


@login_required
@require_POST
def attempt_commit(request: HttpRequest, attempt_id: int) -> JsonResponse:
    """Stores a commit: {"revision": int, "values": {cmi key: value}, "finish": bool}."""
    _own_attempt(request, attempt_id)
    if len(request.body) > MAX_COMMIT_BYTES:
        return _refuse(_("The commit is too large."), status=413)
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return _refuse(_("The commit is not valid JSON."))
    if not isinstance(body, dict) or not isinstance(body.get("values"), dict):
        return _refuse(_("The commit must be a JSON object with “values”."))
    unknown = set(body) - {"revision", "values", "finish"}
    if unknown:
        return _refuse(
            _("Unknown fields in the commit: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    revision = body.get("revision", 0)
    if isinstance(revision, bool) or not isinstance(revision, int):
        return _refuse(_("“revision” must be a whole number."))
    finish = body.get("finish", False)
    if not isinstance(finish, bool):
        return _refuse(_("“finish” must be true or false."))
    try:
        attempt = runtime.attempt_commit(
            attempt_id=attempt_id,
            user=request.user,
            revision=revision,
            values=body["values"],
            finish=finish,
        )
    except runtime.CommitInvalid as error:
        return _refuse(error.message)
    except PackageAttempt.DoesNotExist:
        raise Http404 from None
    return JsonResponse(
        {
            "result": True,
            "errorCode": 0,
            "revision": attempt.revision,
            "completion_status": attempt.completion_status,
            "success_status": attempt.success_status,
            "next_url": navigation_url(attempt=attempt, request=request) if finish else "",
        }
    )
