"""manage.py package_import: a package becomes a lesson; a bad one prints every problem, exits
with 1 and changes nothing; --replace-lesson adds a version."""

import pytest
from django.core.management import CommandError, call_command

from courses.learning.models import LessonPage
from courses.packages.models import Package, PackageVersion
from tests.courses.packages.builders import sample_zip, scorm12_package, zip_write


def test_the_command_imports_a_package_as_a_lesson_of_the_course(course, tmp_path, capsys):
    path = sample_zip(tmp_path, "cmi5_multi")

    call_command("package_import", str(path), "--course", course.slug, "--title", "Budgets")

    out = capsys.readouterr().out
    assert "Checking cmi5_multi.zip…" in out
    assert "cmi5 package “Budgeting for equity” (cmi5), 5 launchable items." in out
    lesson = LessonPage.objects.get(package__isnull=False)
    assert f"Imported as lesson “Budgets” (page {lesson.pk})" in out
    assert lesson.get_parent().pk == course.pk
    assert lesson.live


def test_a_bad_package_prints_each_problem_and_changes_nothing(course, tmp_path, capsys):
    scos = [("SCO-1", "One", "one.html"), ("SCO-2", "Two", "two.html")]
    files = scorm12_package(scos=scos)
    del files["one.html"], files["two.html"]
    path = zip_write(tmp_path / "bad.zip", files)

    with pytest.raises(CommandError, match="refused; nothing was changed") as error:
        call_command("package_import", str(path), "--course", course.slug)

    assert error.value.returncode == 1
    assert capsys.readouterr().err.splitlines() == [
        "imsmanifest.xml: the launch file “one.html” of resource “RES-SCO-1” is missing from "
        "the zip.",
        "imsmanifest.xml: the launch file “two.html” of resource “RES-SCO-2” is missing from "
        "the zip.",
    ]
    assert not Package.objects.exists()


def test_an_unknown_course_is_refused(db, tmp_path):
    path = sample_zip(tmp_path, "cmi5_single")
    with pytest.raises(CommandError, match="No course has the slug “nope”"):
        call_command("package_import", str(path), "--course", "nope")


def test_replace_lesson_adds_a_version_to_the_lesson_package(course, tmp_path, capsys):
    call_command(
        "package_import", str(sample_zip(tmp_path, "cmi5_single")), "--course", course.slug
    )
    lesson = LessonPage.objects.get(package__isnull=False)

    call_command(
        "package_import",
        str(sample_zip(tmp_path, "cmi5_multi")),
        "--course",
        course.slug,
        "--replace-lesson",
        lesson.slug,
    )

    lesson.refresh_from_db()
    assert lesson.package.current_version.number == 2
    assert PackageVersion.objects.filter(package=lesson.package).count() == 2
    assert LessonPage.objects.filter(package__isnull=False).count() == 1
    assert "retake required since" in capsys.readouterr().out


def test_replace_lesson_refuses_a_native_lesson(course, lessons, tmp_path):
    with pytest.raises(CommandError, match="not a package lesson"):
        call_command(
            "package_import",
            str(sample_zip(tmp_path, "cmi5_single")),
            "--course",
            course.slug,
            "--replace-lesson",
            lessons[0].slug,
        )
    assert not Package.objects.exists()
