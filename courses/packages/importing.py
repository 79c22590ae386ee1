"""Importing a package (a zip) as a lesson of a course, or as a new version of a package.

Everything is checked before anything is stored: the zip (`courses.packages.archive`), then the
manifest (`courses.packages.manifest`). A package with problems raises `PackageInvalid` with all
of them and changes nothing. A valid one is unpacked into a staging folder under PACKAGE_ROOT,
its rows are written in one transaction, and the folder is renamed to
`PACKAGE_ROOT/<storage_key>/` as the last step of that transaction; when the transaction fails
the files are removed, so a failed import leaves neither rows nor files.

Replacing a package adds a version and makes it current; old versions, their files and their
attempts stay. Whether learners must take the course again is the course's rule
(`CoursePage.retake_required_since`), set by ORE as for a change to a native lesson.
"""

import shutil
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.learning.models import CoursePage, LessonPage
from courses.packages.archive import (
    ArchiveInvalid,
    archive_extract,
    archive_open,
    archive_problems,
    archive_sha256,
    member_names,
)
from courses.packages.manifest import ManifestInvalid, ParsedPackage, manifest_read
from courses.packages.models import Package, PackageItem, PackageVersion

PackageFile = str | Path | BinaryIO


class PackageInvalid(Exception):
    """The package is refused. `problems` lists every problem found, translated."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def package_files_root(version: PackageVersion) -> Path:
    """The folder holding the unpacked files of `version`."""
    return Path(settings.PACKAGE_ROOT) / str(version.storage_key)


def package_check(file: PackageFile) -> ParsedPackage:
    """Checks the zip and its manifest without storing anything; the parsed manifest.

    Raises PackageInvalid with every problem found.
    """
    try:
        with archive_open(file) as archive:
            problems = archive_problems(archive)
            names = member_names(archive)
            try:
                parsed = manifest_read(names=names, read=archive.read)
            except ManifestInvalid as error:
                problems.extend(error.problems)
                parsed = None
    except ArchiveInvalid as error:
        raise PackageInvalid(error.problems) from None
    if problems or parsed is None:
        raise PackageInvalid(problems)
    return parsed


def _unpack(file: PackageFile) -> tuple[ParsedPackage, Path, dict]:
    parsed = package_check(file)
    try:
        with archive_open(file) as archive:
            staging = archive_extract(archive)
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except ArchiveInvalid as error:
        raise PackageInvalid(error.problems) from None
    facts = {
        "sha256": archive_sha256(file),
        "file_count": len(infos),
        "size_bytes": sum(info.file_size for info in infos),
    }
    return parsed, staging, facts


def _version_create(
    *, package: Package, parsed: ParsedPackage, facts: dict, user, number: int
) -> PackageVersion:
    version = PackageVersion.objects.create(
        package=package,
        number=number,
        kind=parsed.kind,
        edition=parsed.edition,
        identifier=parsed.identifier[:2000],
        title=parsed.title,
        structure=parsed.structure,
        imported_at=timezone.now(),
        imported_by=user if user is not None and user.is_authenticated else None,
        **facts,
    )
    PackageItem.objects.bulk_create(
        PackageItem(
            version=version,
            identifier=item.identifier[:2000],
            title=item.title,
            order=order,
            parent_identifier=item.parent_identifier[:2000],
            depth=item.depth,
            is_launchable=item.is_launchable,
            launch_url=item.launch_url[:4000],
            data=item.data,
        )
        for order, item in enumerate(parsed.items, start=1)
    )
    return version


def _place(staging: Path, version: PackageVersion) -> None:
    """Moves the unpacked files into place; on a rollback of the transaction they go again."""
    final = package_files_root(version)
    staging.rename(final)


def _lesson_slug(course: CoursePage, title: str) -> str:
    base = slugify(title)[:70] or "package"
    taken = set(LessonPage.objects.child_of(course).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _stored(staging: Path, write):
    """Runs `write` (which creates the rows and renames `staging` into place) in a transaction;
    when anything fails, the staging folder and any placed files are removed."""
    placed: list[Path] = []
    try:
        with transaction.atomic():
            result, version = write()
            _place(staging, version)
            placed.append(package_files_root(version))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for path in placed:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return result


def package_import(
    *,
    file: PackageFile,
    course: CoursePage,
    user=None,
    title: str | None = None,
    publish: bool = True,
) -> LessonPage:
    """Imports the package in `file` (a path or a binary file object of the zip) as a new
    lesson at the end of `course`, published unless `publish` is False.

    Creates the Package, its first PackageVersion, its PackageItems and the LessonPage, and
    unpacks the files to `package_files_root(version)`. Raises PackageInvalid (nothing stored)
    when the zip or its manifest has problems.
    """
    parsed, staging, facts = _unpack(file)
    lesson_title = (title or parsed.title).strip()[:255] or _("Package")

    def write():
        package = Package.objects.create(title=lesson_title[:300], created_at=timezone.now())
        version = _version_create(package=package, parsed=parsed, facts=facts, user=user, number=1)
        package.current_version = version
        package.save(update_fields=["current_version"])
        lesson = LessonPage(
            title=lesson_title,
            slug=_lesson_slug(course, lesson_title),
            package=package,
            live=False,
        )
        course.add_child(instance=lesson)
        revision = lesson.save_revision(user=user if _is_user(user) else None)
        if publish:
            revision.publish(user=user if _is_user(user) else None)
            lesson.refresh_from_db()
        return lesson, version

    return _stored(staging, write)


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def package_version_import(*, file: PackageFile, package: Package, user=None) -> PackageVersion:
    """Imports `file` as the next version of `package` and makes it the current one.

    Old versions, their files and the attempts made on them stay. Raises PackageInvalid
    (nothing stored) when the zip or its manifest has problems.
    """
    parsed, staging, facts = _unpack(file)

    def write():
        locked = Package.objects.select_for_update().get(pk=package.pk)
        number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = _version_create(
            package=locked, parsed=parsed, facts=facts, user=user, number=number
        )
        locked.current_version = version
        locked.save(update_fields=["current_version"])
        return version, version

    version = _stored(staging, write)
    package.refresh_from_db()
    return version
