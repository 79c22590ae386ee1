"""Reads of the ORE automation API, each with a fixed number of queries."""

import uuid

from django.db.models import Count, F
from django.http import HttpRequest
from django.utils.translation import gettext as _

from courses.learning.models import CoursePage, LessonPage
from courses.packages.models import (
    Cmi5Registration,
    Cmi5Session,
    Package,
    PackageItem,
    PackageKind,
    PackageVersion,
)
from lms.users.models import User


def _lessons_by_package(package_ids: list[int], request: HttpRequest | None) -> dict[int, list]:
    """The lessons that play each package, with their course's slug and URL (2 queries, and
    Wagtail's site lookup once per request)."""
    lessons = list(
        LessonPage.objects.filter(package_id__in=package_ids)
        .order_by("path")
        .only("pk", "title", "path", "depth", "url_path", "live", "package_id", "locale_id")
    )
    step = LessonPage.steplen
    slugs = dict(
        CoursePage.objects.filter(path__in={lesson.path[:-step] for lesson in lessons}).values_list(
            "path", "slug"
        )
    )
    found: dict[int, list] = {}
    for lesson in lessons:
        found.setdefault(lesson.package_id, []).append(
            {
                "id": lesson.pk,
                "title": lesson.title,
                "course_slug": slugs.get(lesson.path[:-step], ""),
                "url": lesson.get_full_url(request) or "",
                "live": lesson.live,
            }
        )
    return found


def _package_rows(packages, request: HttpRequest | None) -> list[dict]:
    packages = list(packages)
    lessons = _lessons_by_package([package.pk for package in packages], request)
    rows = []
    for package in packages:
        version = package.current_version
        rows.append(
            {
                "id": package.pk,
                "title": package.title,
                "kind": version.kind if version else "",
                "edition": version.edition if version else "",
                "version": version.number if version else None,
                "versions": package.version_count,
                "imported_at": version.imported_at if version else None,
                "lessons": lessons.get(package.pk, []),
            }
        )
    return rows


def _packages():
    return (
        Package.objects.select_related("current_version")
        .annotate(version_count=Count("versions"))
        .order_by("title", "pk")
    )


def package_list(request: HttpRequest | None = None) -> list[dict]:
    """Every package by title: current version (kind, edition, number, import time), number of
    versions, and the lessons that play it. Three queries whatever the number of packages."""
    return _package_rows(_packages(), request)


def package_get(package_id: int, request: HttpRequest | None = None) -> dict | None:
    """One package as in `package_list`, or None."""
    rows = _package_rows(_packages().filter(pk=package_id), request)
    return rows[0] if rows else None


def _item_kind(item: PackageItem, kind: str) -> str:
    if kind == PackageKind.CMI5:
        return item.data.get("kind", "au" if item.is_launchable else "block")
    if not item.is_launchable:
        return "cluster"
    return item.data.get("scorm_type", "sco")


def package_items(package_id: int, *, version: int | None = None) -> list[dict] | None:
    """The items of the package's current version (or of version number `version`) in
    manifest order, or None when there is no such package or version (2 queries)."""
    versions = PackageVersion.objects.filter(package_id=package_id)
    if version is None:
        found = versions.filter(package__current_version=F("pk")).first()
    else:
        found = versions.filter(number=version).first()
    if found is None:
        return None
    return [
        {
            "identifier": item.identifier,
            "title": item.title,
            "kind": _item_kind(item, found.kind),
            "is_launchable": item.is_launchable,
            "parent_identifier": item.parent_identifier,
            "depth": item.depth,
            "launch_url": item.launch_url,
            "activity_id": item.data.get("activity_id"),
            "move_on": item.data.get("move_on"),
            "mastery_score": item.data.get("mastery_score"),
        }
        for item in found.items.order_by("order")
    ]


def lesson_for_launch(
    *, package_id: int, item: str, lesson_id: int | None
) -> tuple[LessonPage, PackageItem] | str:
    """The live lesson playing the package (the one with `lesson_id`, or its only one) and the
    launchable item of the current version with identifier `item`; or why not, as a message."""
    package = Package.objects.select_related("current_version").filter(pk=package_id).first()
    if package is None or package.current_version is None:
        return _("No package has the id %(id)s.") % {"id": package_id}
    lessons = LessonPage.objects.live().filter(package=package)
    if lesson_id is not None:
        lessons = lessons.filter(pk=lesson_id)
    found = list(lessons[:2])
    if not found:
        return _("No published lesson plays this package.")
    if len(found) > 1:
        return _("Several lessons play this package: say which with lesson_id.")
    launchable = (
        PackageItem.objects.select_related("version")
        .filter(version=package.current_version, identifier=item, is_launchable=True)
        .order_by("order")
        .first()
    )
    if launchable is None:
        return _("The package has no launchable item with the identifier “%(item)s”.") % {
            "item": item
        }
    return found[0], launchable


def registration_get(registration_id: uuid.UUID) -> Cmi5Registration | None:
    return Cmi5Registration.objects.filter(pk=registration_id).first()


def registration_list(*, package_id: int, user: User) -> list[dict]:
    """The learner's cmi5 registrations of the package, newest run first."""
    return [
        {
            "id": registration.pk,
            "package_id": registration.package_id,
            "version": registration.version.number,
            "lesson_id": registration.lesson_id,
            "run": registration.run,
            "created_at": registration.created_at,
            "satisfied_at": registration.satisfied_at,
        }
        for registration in Cmi5Registration.objects.select_related("version")
        .filter(package_id=package_id, user=user)
        .order_by("-run")
    ]


def session_get(session_id: uuid.UUID) -> Cmi5Session | None:
    return Cmi5Session.objects.select_related("item", "registration").filter(pk=session_id).first()
