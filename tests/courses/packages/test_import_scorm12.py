"""Importing SCORM 1.2 packages: one SCO, several SCOs, and the files in place."""

import pytest

from courses.packages.importing import package_files_root, package_import
from courses.packages.models import Package, PackageItem
from tests.courses.packages.builders import scorm12_package, zip_write


def test_a_single_sco_package_becomes_a_published_lesson_of_the_course(course, ore, tmp_path):
    path = zip_write(tmp_path / "one.zip", scorm12_package(mastery_score=80))

    lesson = package_import(file=path, course=course, user=ore)

    assert lesson.live
    assert lesson.get_parent().specific == course
    assert lesson.title == "Working with data"
    version = lesson.package.current_version
    assert (version.number, version.kind, version.edition) == (1, "scorm12", "1.2")
    assert version.imported_by == ore
    assert version.file_count == 2
    [item] = version.items.all()
    assert item.launch_url == "sco1/index.html"
    assert item.is_launchable
    assert item.data["scorm_type"] == "sco"
    assert item.data["mastery_score"] == 80.0
    assert (package_files_root(version) / "sco1" / "index.html").is_file()
    assert version.structure["organization"]["identifier"] == "ORG-1"


def test_a_multi_sco_package_keeps_the_manifest_order(course, tmp_path):
    scos = [
        ("SCO-A", "Introduction", "a/index.html"),
        ("SCO-B", "Practice", "b/start.html?page=1"),
        ("SCO-C", "Quiz", "c/quiz.html"),
    ]
    path = zip_write(tmp_path / "multi.zip", scorm12_package(scos=scos, title="Three parts"))

    lesson = package_import(file=path, course=course, title="Our own title")

    assert lesson.title == "Our own title"
    items = list(lesson.package.current_version.items.order_by("order"))
    assert [(i.identifier, i.title, i.launch_url) for i in items] == [
        ("SCO-A", "Introduction", "a/index.html"),
        ("SCO-B", "Practice", "b/start.html?page=1"),
        ("SCO-C", "Quiz", "c/quiz.html"),
    ]


def test_a_package_file_object_imports_like_a_path(course, tmp_path):
    path = zip_write(tmp_path / "one.zip", scorm12_package())

    with path.open("rb") as handle:
        lesson = package_import(file=handle, course=course, publish=False)

    assert not lesson.live
    assert Package.objects.count() == 1
    assert PackageItem.objects.count() == 1


@pytest.mark.parametrize("schemaversion", ["1.2"])
def test_the_lesson_slug_is_unique_among_the_course_lessons(course, tmp_path, schemaversion):
    path = zip_write(tmp_path / "one.zip", scorm12_package(schemaversion=schemaversion))

    first = package_import(file=path, course=course)
    second = package_import(file=path, course=course)

    assert first.slug != second.slug
