"""The demo's packaged course: one lesson per package kind (SCORM 1.2, SCORM 2004, cmi5), each
imported from a package written for the demo (courses/demo/packages/<folder>/), with its Spanish
translation. Safe to repeat: a lesson already there is left as it is."""

import io
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from courses.compliance.models import Requirement
from courses.learning.models import CourseIndexPage, CoursePage, LessonPage
from courses.packages.importing import package_import
from lms.demo_data import demo_data
from lms.users.models import Department

DEMO_DEPARTMENT = "GSD"

PACKAGES = Path(__file__).resolve().parent / "packages"
# The AU-side cmi5 library (npm @xapi/cmi5), put into a cmi5 package where its pages load it.
CMI5_LIBRARY = Path(settings.BASE_DIR) / "node_modules" / "@xapi" / "cmi5" / "dist" / "Cmi5.umd.js"
CMI5_LIBRARY_PATH = "Cmi5.umd.js"
SCORM_SCRIPT_PATH = "demo.js"


def demo_package_zip(folder: Path) -> bytes:
    """The zip of a demo package folder, as a vendor would ship it: a SCORM package gains the
    SCO script the demo's SCORM packages share (`shared/demo.js`), a cmi5 package the cmi5
    library its pages load."""
    members = {path.relative_to(folder).as_posix(): path for path in folder.rglob("*")}
    if (folder / "imsmanifest.xml").exists():
        members.setdefault(SCORM_SCRIPT_PATH, PACKAGES / "shared" / SCORM_SCRIPT_PATH)
    if (folder / "cmi5.xml").exists():
        members.setdefault(CMI5_LIBRARY_PATH, CMI5_LIBRARY)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in sorted(members.items()):
            if path.is_file():
                archive.write(path, name)
    return buffer.getvalue()


def demo_packages_seed(*, as_of: date, say: Callable[[str], None] = print) -> CoursePage:
    """The packaged course under the course catalogue, its lessons imported, Spanish, and a
    requirement of the demo department due in six weeks."""
    text = demo_data("courses.demo", "packages.yaml")
    spec = text["course"]
    course = CoursePage.objects.filter(slug=spec["slug"], locale__language_code="en").first()
    if course is None:
        index = CourseIndexPage.objects.filter(locale__language_code="en").first()
        course = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            estimated_minutes=spec["estimated_minutes"],
            pass_mark=80,
        )
        index.add_child(instance=course)
        course.save_revision().publish()
    for lesson_spec in text["lessons"]:
        if LessonPage.objects.child_of(course).filter(slug=lesson_spec["slug"]).exists():
            continue
        say(f"  importing the {lesson_spec['folder']} package")
        lesson = package_import(
            file=io.BytesIO(demo_package_zip(PACKAGES / lesson_spec["folder"])),
            course=course,
            title=lesson_spec["title"],
        )
        if lesson.slug != lesson_spec["slug"]:
            lesson.slug = lesson_spec["slug"]
            lesson.save_revision().publish()
    _spanish_ensure(course, text["es"])
    requirement, created = Requirement.objects.get_or_create(
        course=course,
        name=text["requirement"],
        defaults={"effective_on": as_of - timedelta(days=7), "due_on": as_of + timedelta(days=42)},
    )
    if created:
        requirement.departments.set(Department.objects.filter(code=DEMO_DEPARTMENT))
    return course


def _spanish_ensure(course: CoursePage, text: dict) -> None:
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is None:
        return
    if course.get_translation_or_none(spanish) is None:
        course_es = course.copy_for_translation(spanish, copy_parents=True)
        course_es.title = text["title"]
        course_es.summary = text["summary"]
        course_es.save_revision().publish()
    for lesson in LessonPage.objects.child_of(course).live().order_by("path"):
        if lesson.get_translation_or_none(spanish) is not None:
            continue
        lesson_es = lesson.copy_for_translation(spanish)
        lesson_es.title = text["lessons"].get(lesson.slug, lesson.title)
        lesson_es.save_revision().publish()
