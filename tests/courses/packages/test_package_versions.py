"""Replacing a package: the new version becomes current; old versions, their files and the
attempts made on them stay."""

import pytest
from django.utils import timezone

from courses.packages.importing import (
    PackageInvalid,
    package_files_root,
    package_import,
    package_version_import,
)
from courses.packages.models import PackageAttempt, PackageVersion
from tests.courses.packages.builders import sample_zip, scorm12_package, zip_write


def test_a_new_version_becomes_current_and_the_old_one_keeps_its_attempts(
    course, learner, ore, tmp_path
):
    lesson = package_import(file=sample_zip(tmp_path, "scorm12_multi"), course=course)
    package = lesson.package
    first = package.current_version
    item = first.items.filter(is_launchable=True).first()
    now = timezone.now()
    attempt = PackageAttempt.objects.create(
        user=learner,
        item=item,
        version=first,
        course=course,
        lesson=lesson,
        started_at=now,
        updated_at=now,
        completion_status="completed",
    )

    second = package_version_import(
        file=sample_zip(tmp_path, "scorm2004_4th_sequential"), package=package, user=ore
    )

    package.refresh_from_db()
    assert package.current_version == second
    assert (second.number, second.kind, second.imported_by) == (2, "scorm2004", ore)
    assert list(package.versions.order_by("number")) == [first, second]
    attempt.refresh_from_db()
    assert attempt.version == first
    assert attempt.completion_status == "completed"
    assert package_files_root(first).is_dir()
    assert package_files_root(second).is_dir()
    assert package_files_root(first) != package_files_root(second)
    lesson.refresh_from_db()
    assert lesson.package == package


def test_a_bad_new_version_changes_nothing(course, tmp_path, package_root):
    lesson = package_import(file=sample_zip(tmp_path, "cmi5_single"), course=course)
    files = scorm12_package()
    del files["sco1/index.html"]

    with pytest.raises(PackageInvalid, match="missing from the zip"):
        package_version_import(file=zip_write(tmp_path / "bad.zip", files), package=lesson.package)

    lesson.package.refresh_from_db()
    assert lesson.package.current_version.number == 1
    assert PackageVersion.objects.count() == 1
    assert [p.name for p in package_root.iterdir()] == [
        str(lesson.package.current_version.storage_key)
    ]
