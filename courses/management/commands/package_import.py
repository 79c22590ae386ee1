"""manage.py package_import FILE.zip --course SLUG [--title T] [--replace-lesson SLUG]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from courses.learning.models import CoursePage, LessonPage
from courses.packages.importing import (
    PackageInvalid,
    package_check,
    package_import,
    package_version_import,
)
from courses.packages.models import PackageKind


class Command(BaseCommand):
    help = (
        "Imports a SCORM 1.2, SCORM 2004 or cmi5 package (a zip) as a new lesson at the end of a "
        "course, or as a new version of a package lesson's package with --replace-lesson. A "
        "package with problems is refused: each is printed on its own line, nothing is changed "
        "and the exit code is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the package's zip file")
        parser.add_argument("--course", required=True, help="the course page's slug")
        parser.add_argument("--title", help="the lesson's title (default: the package's title)")
        parser.add_argument(
            "--replace-lesson",
            dest="replace_lesson",
            help="slug of a package lesson of the course whose package gets this new version",
        )

    def handle(self, *args, file: str, course: str, title, replace_lesson, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        course_page = self._course(course)
        lesson = self._lesson(course_page, replace_lesson) if replace_lesson else None
        say = self.stdout.write
        say(_("Checking %(file)s…") % {"file": path.name})
        try:
            parsed = package_check(path)
            launchable = sum(1 for item in parsed.items if item.is_launchable)
            say(
                _("%(kind)s package “%(title)s” (%(edition)s), %(count)s launchable items.")
                % {
                    "kind": PackageKind(parsed.kind).label,
                    "title": parsed.title,
                    "edition": parsed.edition,
                    "count": launchable,
                }
            )
            say(_("Unpacking and storing…"))
            if lesson is not None:
                version = package_version_import(file=path, package=lesson.package)
                say(
                    self.style.SUCCESS(
                        _(
                            "Version %(number)s of “%(package)s” is now the one lesson "
                            "“%(lesson)s” plays."
                        )
                        % {
                            "number": version.number,
                            "package": lesson.package.title,
                            "lesson": lesson.title,
                        }
                    )
                )
                say(
                    _(
                        "Learners who finished the course keep their completion; to make them "
                        "take it again, set the course's “retake required since” date."
                    )
                )
                return
            new_lesson = package_import(file=path, course=course_page, title=title)
        except PackageInvalid as refusal:
            for problem in refusal.problems:
                self.stderr.write(problem)
            raise CommandError(_("The package was refused; nothing was changed.")) from None
        say(
            self.style.SUCCESS(
                _("Imported as lesson “%(lesson)s” (page %(id)s) of “%(course)s”.")
                % {"lesson": new_lesson.title, "id": new_lesson.pk, "course": course_page.title}
            )
        )

    def _course(self, slug: str) -> CoursePage:
        courses = CoursePage.objects.filter(slug=slug)
        course = courses.filter(locale=Locale.get_default()).first() or courses.first()
        if course is None:
            raise CommandError(_("No course has the slug “%(slug)s”.") % {"slug": slug})
        return course

    def _lesson(self, course: CoursePage, slug: str) -> LessonPage:
        lesson = LessonPage.objects.child_of(course).filter(slug=slug).first()
        if lesson is None:
            raise CommandError(
                _("The course has no lesson with the slug “%(slug)s”.") % {"slug": slug}
            )
        if lesson.package_id is None:
            raise CommandError(
                _("Lesson “%(slug)s” is not a package lesson; there is nothing to replace.")
                % {"slug": slug}
            )
        return lesson
