"""Reads of a learner's way through a course (progress, the checks a course holds), each in a
fixed number of queries."""

from dataclasses import dataclass, field
from functools import cache

from content.page_cache import cached_pages
from courses.learning.checks import CheckSpec, checks_in_body
from courses.learning.models import (
    CourseCompletion,
    CoursePage,
    Enrollment,
    LessonPage,
    LessonProgress,
)
from lms.prepared import fetchall
from lms.users.models import User


@dataclass
class CourseProgress:
    """Where a learner stands in a course: their current run's lessons, and their completions.

    `completion` is the completion of the current run (None while it is open); `history` holds
    every completion, newest first; `needs_retake` says the newest one predates a version that
    requires a retake.
    """

    course: CoursePage
    lessons: list[LessonPage]
    run: int = 1
    done_ids: set[int] = field(default_factory=set)
    completion: CourseCompletion | None = None
    history: list[CourseCompletion] = field(default_factory=list)

    @property
    def needs_retake(self) -> bool:
        return bool(self.history) and not completion_is_current(self.history[0], self.course)

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done_ids)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def next_lesson(self) -> LessonPage | None:
        """The first lesson not yet done: where the learner resumes."""
        return next((lesson for lesson in self.lessons if lesson.pk not in self.done_ids), None)

    @property
    def is_started(self) -> bool:
        return bool(self.done_ids) or self.completion is not None

    def lesson_state(self, lesson_id: int) -> dict:
        ids = [lesson.pk for lesson in self.lessons]
        position = ids.index(lesson_id) if lesson_id in ids else None
        following = (
            self.lessons[position + 1]
            if position is not None and position + 1 < len(self.lessons)
            else None
        )
        previous = self.lessons[position - 1] if position else None
        return {
            "is_done": lesson_id in self.done_ids,
            "number": position + 1 if position is not None else None,
            "next": following,
            "previous": previous,
        }


def completion_is_current(completion: CourseCompletion, course: CoursePage) -> bool:
    """False when the course has since published a version that requires a retake."""
    since = course.retake_required_since
    return since is None or completion.completed_at >= since


@dataclass(frozen=True)
class RunAndDone:
    """A learner's current run of a course (1 before they enrol) and the lessons done in it."""

    course_id: int
    run: int
    done_ids: frozenset[int]


def course_run_and_done(*, user: User, course: CoursePage) -> RunAndDone:
    """`user`'s current run of `course` and the lessons they have done in it: one query."""
    rows = fetchall(_run_and_done_sql(), [user.pk, course.pk, user.pk, course.pk])
    return RunAndDone(
        course_id=course.pk,
        run=rows[0][0],
        done_ids=frozenset(lesson_id for _run, lesson_id in rows if lesson_id is not None),
    )


def course_progress_for_user(
    *,
    user: User,
    course: CoursePage,
    completions: bool = True,
    run_and_done: RunAndDone | None = None,
) -> CourseProgress:
    """The course's live lessons in order, which of them `user` has done in their current run,
    and (unless `completions` is False, when `history` stays empty and `completion` None) their
    completions. Two queries, one without completions, and the lessons' once per change of the
    pages; `run_and_done`, when the caller has just read it for this course
    (`course_run_and_done`), saves the first."""
    progress = CourseProgress(course=course, lessons=live_lessons_of(course))
    if not user.is_authenticated:
        return progress
    if run_and_done is None or run_and_done.course_id != course.pk:
        run_and_done = course_run_and_done(user=user, course=course)
    progress.run = run_and_done.run
    progress.done_ids = set(run_and_done.done_ids)
    if completions:
        progress.history = list(
            CourseCompletion.objects.filter(user=user, course=course).order_by("-run")
        )
        progress.completion = next((c for c in progress.history if c.run == progress.run), None)
    return progress


@cache
def _run_and_done_sql() -> str:
    """The learner's current run of a course (1 before they enrol) on every row, with a lesson
    they have done in it (none: one row, no lesson): one prepared query on every lesson page
    (lms.prepared) where the ORM took two."""
    enrollment = Enrollment._meta.db_table
    progress = LessonProgress._meta.db_table
    return (
        "SELECT learner.run, done.lesson_id FROM (SELECT COALESCE(("  # noqa: S608 - model names
        f"SELECT current_run FROM {enrollment} WHERE user_id = %s AND course_id = %s"
        "), 1) AS run) AS learner "
        f"LEFT JOIN {progress} AS done ON done.user_id = %s AND done.course_id = %s "
        "AND done.run = learner.run"
    )


def live_lessons_of(course: CoursePage) -> list[LessonPage]:
    """The course's live lessons in order: read once per change of the published pages
    (content.page_cache), each caller getting its own copies."""
    return cached_pages(
        f"course-lessons:{course.pk}",
        lambda: list(LessonPage.objects.child_of(course).live().order_by("path")),
    )


def live_lesson_in_course(lesson_id: int) -> tuple[LessonPage, CoursePage] | None:
    """The live lesson `lesson_id` and its course (the lesson's parent), or None when there is
    no such live lesson: read once per change of the published pages."""

    def read():
        lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
        if lesson is None:
            return None
        course = CoursePage.objects.parent_of(lesson).first() or lesson.get_parent().specific
        return lesson, course

    return cached_pages(f"lesson-in-course:{lesson_id}", read)


def check_specs_for_course(course: CoursePage) -> list[CheckSpec]:
    """Every knowledge check in the course's live lessons, in lesson order (what the published
    lessons and the course's pass mark say: read once per change of the pages)."""

    def read() -> list[CheckSpec]:
        specs: list[CheckSpec] = []
        for lesson in live_lessons_of(course):
            specs.extend(
                checks_in_body(
                    lesson_id=lesson.pk, body=lesson.body, course_pass_mark=course.pass_mark
                )
            )
        return specs

    return cached_pages(f"course-checks:{course.pk}:{course.pass_mark}", read)
