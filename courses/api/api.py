"""The JSON API for ORE automation (conformance tools, scripted imports), mounted at /api/.

Every call needs an ORE lead's token (`courses.api.auth`). Calls: import a package, list the
packages, list a package's SCOs/AUs, get a launch URL for a learner, waive a cmi5 AU, abandon a
cmi5 session, read a cmi5 registration's results. The OpenAPI document is /api/openapi.json.

The views only parse and check the request, then call the packages' services; answers carry
ids and counts, never an employee's name or email (learners are named by employee id).
"""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.files import UploadedFile
from pydantic import Field

from courses.api.auth import NotAllowed, TokenAuth
from courses.api.selectors import (
    lesson_for_launch,
    package_get,
    package_items,
    package_list,
    registration_get,
    registration_list,
    session_get,
)
from courses.learning.models import CoursePage
from courses.packages.cmi5.launch import au_launch_url
from courses.packages.cmi5.services import (
    Cmi5Error,
    au_waive,
    is_au,
    registration_results,
    session_abandon,
)
from courses.packages.importing import PackageInvalid, package_import
from courses.packages.models import PackageItem, PackageKind
from lms.users.models import User

api = NinjaAPI(
    title="Equity LMS automation API",
    version="1",
    description=(
        "For ORE's automation: packaged courses (SCORM 1.2, SCORM 2004, cmi5). Every call needs "
        "`Authorization: Bearer <token>`; tokens belong to ORE leads (`manage.py "
        "api_token_create`)."
    ),
    auth=TokenAuth(),
    urls_namespace="ore_api",
    docs_url=None,
)


# A record id: 1 to 18 digits, as lms.converters' <id:…> (a longer number reached the database
# and failed there); a version number fits its PositiveSmallIntegerField.
RecordId = Annotated[int, Field(ge=1, le=10**18 - 1)]
VersionNumber = Annotated[int, Field(ge=1, le=32767)]


# --- errors: one JSON shape, {"detail": text} (plus "problems" for a refused package) -------


class Error(Schema):
    detail: str


class Refusal(Schema):
    detail: str
    problems: list[str]


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
    response = api.create_response(
        request,
        {"detail": _("A valid API token is required: send “Authorization: Bearer <token>”.")},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(NotAllowed)
def _not_allowed(request: HttpRequest, exc: NotAllowed):
    return api.create_response(request, {"detail": str(NotAllowed.message)}, status=403)


@api.exception_handler(Cmi5Error)
def _cmi5_refused(request: HttpRequest, exc: Cmi5Error):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body",))
        problems.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg")))
    return api.create_response(
        request, {"detail": _("The request is not valid."), "problems": problems}, status=400
    )


def _bad_request(message: str):
    return HttpError(400, message)


def _not_found(message: str):
    return HttpError(404, message)


# --- schemas ---------------------------------------------------------------------------------


class LessonOut(Schema):
    id: int
    title: str
    course_slug: str
    url: str
    live: bool


class PackageOut(Schema):
    id: int
    title: str
    kind: str
    edition: str
    version: int | None
    versions: int
    imported_at: datetime | None
    lessons: list[LessonOut]


class ItemOut(Schema):
    identifier: str
    title: str
    kind: str
    is_launchable: bool
    parent_identifier: str
    depth: int
    launch_url: str
    activity_id: str | None = None
    move_on: str | None = None
    mastery_score: float | None = None


class ImportOut(Schema):
    package: PackageOut
    lesson: LessonOut


class LaunchIn(Schema):
    employee_id: str = Field(max_length=40)
    package_id: RecordId
    item: str = Field(max_length=2000)
    lesson_id: RecordId | None = None
    # Left out: "Review" for an AU already satisfied, "Normal" otherwise (cmi5 10.2.2).
    launch_mode: Literal["Normal", "Browse", "Review"] | None = None
    return_url: str = Field("", max_length=2000)


class LaunchOut(Schema):
    url: str
    kind: str
    registration: uuid.UUID | None = None


class WaiveIn(Schema):
    item: str = Field(max_length=2000)
    reason: Literal["Tested Out", "Equivalent AU", "Equivalent Outside Activity", "Administrative"]


class RegistrationOut(Schema):
    id: uuid.UUID
    package_id: int
    version: int
    lesson_id: int
    run: int
    created_at: datetime
    satisfied_at: datetime | None


class SessionOut(Schema):
    id: uuid.UUID
    registration: uuid.UUID
    item: str
    abandoned_at: datetime | None
    terminated_at: datetime | None


# --- calls -----------------------------------------------------------------------------------


@api.post(
    "/packages",
    response={201: ImportOut, 400: Refusal, 404: Error},
    summary="Import a package as a new lesson of a course",
    tags=["packages"],
)
def package_import_call(
    request: HttpRequest,
    file: File[UploadedFile],
    course: Form[str],
    title: Form[str] = "",
    publish: Form[bool] = True,
):
    """Uploads a zip (multipart field `file`) and makes it a lesson of the course with slug
    `course`. A refused package changes nothing and answers 400 with every problem found."""
    target = CoursePage.objects.filter(slug=course).first()
    if target is None:
        raise _not_found(_("No course has the slug “%(slug)s”.") % {"slug": course})
    if file.size > settings.PACKAGE_MAX_UPLOAD_BYTES:
        return Status(
            400,
            {
                "detail": _("The package was refused."),
                "problems": [_("The zip is larger than the allowed upload size.")],
            },
        )
    try:
        lesson = package_import(
            file=file, course=target, user=request.auth.user, title=title or None, publish=publish
        )
    except PackageInvalid as error:
        return Status(
            400, {"detail": _("The package was refused."), "problems": list(error.problems)}
        )
    package = package_get(lesson.package_id)
    lesson_out = next(out for out in package["lessons"] if out["id"] == lesson.pk)
    return Status(201, {"package": package, "lesson": lesson_out})


@api.get("/packages", response=list[PackageOut], summary="List the packages", tags=["packages"])
def package_list_call(request: HttpRequest):
    """Every package, with its current version and the lessons that play it."""
    return package_list()


@api.get(
    "/packages/{package_id}",
    response={200: PackageOut, 404: Error},
    summary="One package",
    tags=["packages"],
)
def package_get_call(request: HttpRequest, package_id: RecordId):
    package = package_get(package_id)
    if package is None:
        raise _not_found(_("No package has the id %(id)s.") % {"id": package_id})
    return package


@api.get(
    "/packages/{package_id}/items",
    response={200: list[ItemOut], 404: Error},
    summary="A package's SCOs and assets (SCORM) or AUs and blocks (cmi5)",
    tags=["packages"],
)
def package_items_call(
    request: HttpRequest, package_id: RecordId, version: VersionNumber | None = None
):
    """The items of the current version (or of version number `version`), in manifest order."""
    items = package_items(package_id, version=version)
    if items is None:
        raise _not_found(_("No such package or version."))
    return items


@api.post(
    "/launch-url",
    response={200: LaunchOut, 400: Error, 404: Error},
    summary="A launch URL for a learner",
    tags=["launch"],
)
def launch_url_call(request: HttpRequest, launch: LaunchIn):
    """cmi5: a launch URL of the AU for the learner (creates the registration and session, as
    when the learner opens it). SCORM: the lesson page's URL (the learner signs in and the
    player opens there)."""
    learner = User.objects.filter(employee_id=launch.employee_id, is_active=True).first()
    if learner is None:
        raise _not_found(_("No active employee has that employee id."))
    found = lesson_for_launch(
        package_id=launch.package_id, item=launch.item, lesson_id=launch.lesson_id
    )
    if isinstance(found, str):
        raise _bad_request(found)
    lesson, item = found
    if item.version.kind != PackageKind.CMI5:
        return {"url": lesson.get_full_url(request), "kind": item.version.kind}
    url = au_launch_url(
        user=learner,
        lesson=lesson,
        item=item,
        launch_mode=launch.launch_mode,
        return_url=launch.return_url,
    )
    registration = parse_qs(urlsplit(url).query).get("registration", [None])[0]
    return {"url": url, "kind": PackageKind.CMI5, "registration": registration}


@api.get(
    "/registrations",
    response={200: list[RegistrationOut], 404: Error},
    summary="A learner's cmi5 registrations of a package",
    tags=["cmi5"],
)
def registration_list_call(request: HttpRequest, package_id: RecordId, employee_id: str):
    learner = User.objects.filter(employee_id=employee_id).first()
    if learner is None:
        raise _not_found(_("No employee has that employee id."))
    return registration_list(package_id=package_id, user=learner)


@api.get(
    "/registrations/{registration_id}/results",
    response={200: dict[str, Any], 404: Error},
    summary="A cmi5 registration's results",
    tags=["cmi5"],
)
def registration_results_call(request: HttpRequest, registration_id: uuid.UUID):
    """Per AU: completed, passed, failed, waived, satisfied, score; and the course's moveOn."""
    registration = registration_get(registration_id)
    if registration is None:
        raise _not_found(_("No such registration."))
    return registration_results(registration=registration)


@api.post(
    "/registrations/{registration_id}/waive",
    response={200: dict[str, Any], 400: Error, 404: Error},
    summary="Waive an AU in a cmi5 registration",
    tags=["cmi5"],
)
def au_waive_call(request: HttpRequest, registration_id: uuid.UUID, waiver: WaiveIn):
    """Records the LMS's "waived" statement for the AU (`item` is its identifier) with one of
    the cmi5 reasons; answers with the registration's results."""
    registration = registration_get(registration_id)
    if registration is None:
        raise _not_found(_("No such registration."))
    item = (
        PackageItem.objects.filter(
            version_id=registration.version_id, identifier=waiver.item, is_launchable=True
        )
        .order_by("order")
        .first()
    )
    if item is None or not is_au(item):
        raise _bad_request(_("The registration's course has no AU with that identifier."))
    au_waive(registration=registration, item=item, reason=waiver.reason, by=request.auth.user)
    return registration_results(registration=registration)


@api.post(
    "/sessions/{session_id}/abandon",
    response={200: SessionOut, 404: Error},
    summary="Abandon a cmi5 session",
    tags=["cmi5"],
)
def session_abandon_call(request: HttpRequest, session_id: uuid.UUID):
    """Records the LMS's "abandoned" statement for a session the AU never terminated."""
    session = session_get(session_id)
    if session is None:
        raise _not_found(_("No such session."))
    session_abandon(session=session)
    session = session_get(session_id)
    return {
        "id": session.pk,
        "registration": session.registration_id,
        "item": session.item.identifier,
        "abandoned_at": session.abandoned_at,
        "terminated_at": session.terminated_at,
    }
