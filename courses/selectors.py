"""Every read about learning and compliance, each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q

from lms.users.models import Department, User

from .checks import CheckSpec, checks_in_body
from .models import (
    Assignment,
    CourseCompletion,
    CoursePage,
    Enrollment,
    LessonPage,
    LessonProgress,
    Requirement,
)

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
OVERDUE = "overdue"
STATUSES = (COMPLETED, IN_PROGRESS, NOT_STARTED, OVERDUE)


def compliance_status(
    *, completed_at: datetime | None, has_started: bool, due_on: date | None, as_of: date
) -> str:
    """One person's status for one requirement; the categories do not overlap.

    Completed wins; otherwise past the due date is overdue, whatever was started; otherwise in
    progress once any lesson is done, else not started.
    """
    if completed_at is not None:
        return COMPLETED
    if due_on is not None and as_of > due_on:
        return OVERDUE
    return IN_PROGRESS if has_started else NOT_STARTED


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


def course_progress_for_user(*, user: User, course: CoursePage) -> CourseProgress:
    """The course's live lessons in order, which of them `user` has done in their current run,
    and their completions. Four queries."""
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    progress = CourseProgress(course=course, lessons=lessons)
    if not user.is_authenticated:
        return progress
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    progress.run = enrollment.current_run if enrollment else 1
    progress.done_ids = set(
        LessonProgress.objects.filter(user=user, course=course, run=progress.run).values_list(
            "lesson_id", flat=True
        )
    )
    progress.history = list(
        CourseCompletion.objects.filter(user=user, course=course).order_by("-run")
    )
    progress.completion = next((c for c in progress.history if c.run == progress.run), None)
    return progress


def check_specs_for_course(course: CoursePage) -> list[CheckSpec]:
    """Every knowledge check in the course's live lessons, in lesson order. One query."""
    specs: list[CheckSpec] = []
    for lesson in LessonPage.objects.child_of(course).live().order_by("path"):
        specs.extend(
            checks_in_body(lesson_id=lesson.pk, body=lesson.body, course_pass_mark=course.pass_mark)
        )
    return specs


def assignment_list_for_user(*, user: User) -> list[Assignment]:
    """The person's current assignments under requirements in force, soonest due first.

    Statuses are as the compliance engine last stored them. One query."""
    if not user.is_authenticated:
        return []
    return list(
        Assignment.objects.filter(
            user=user, is_current=True, requirement__is_active=True, requirement__course__live=True
        )
        .select_related("requirement")
        .order_by("due_on", "requirement__name")
    )


def requirement_list_for_user(*, user: User) -> list[Requirement]:
    """Requirements in force that currently apply to `user`, soonest due first."""
    return [assignment.requirement for assignment in assignment_list_for_user(user=user)]


@dataclass
class LearningItem:
    course: CoursePage
    assignment: Assignment | None
    status: str
    done_count: int
    total: int
    completed_at: datetime | None
    next_lesson: LessonPage | None

    @property
    def requirement(self) -> Requirement | None:
        return self.assignment.requirement if self.assignment else None

    @property
    def due_on(self) -> date | None:
        return self.assignment.due_on if self.assignment else None


def learning_list_for_user(*, user: User, as_of: date) -> list[LearningItem]:
    """What `user` must take and has taken: required courses first (by due date), then others.

    A required course shows its assignment's stored status; any other course shows the
    learner's progress. Five queries whatever the number of courses.
    """
    by_course: dict[int, Assignment] = {}
    for assignment in assignment_list_for_user(user=user):
        by_course.setdefault(assignment.requirement.course_id, assignment)
    runs = dict(Enrollment.objects.filter(user=user).values_list("course_id", "current_run"))
    course_ids = set(by_course) | set(runs)
    courses = {c.pk: c for c in CoursePage.objects.live().filter(pk__in=course_ids)}
    completions: dict[int, datetime] = {}
    for completion in CourseCompletion.objects.filter(user=user, course_id__in=course_ids).order_by(
        "run"
    ):
        course = courses.get(completion.course_id)
        if course is not None and completion_is_current(completion, course):
            completions[completion.course_id] = completion.completed_at
    lessons = list(
        LessonPage.objects.live()
        .filter(_children_of(courses.values()))
        .order_by("path")
        .only("pk", "path", "depth", "url_path", "title")
    )
    done = {
        lesson_id
        for lesson_id, course_id, run in LessonProgress.objects.filter(
            user=user, course_id__in=course_ids
        ).values_list("lesson_id", "course_id", "run")
        if run == runs.get(course_id, 1)
    }
    items = []
    for course in sorted(courses.values(), key=lambda c: _sort_key(c, by_course)):
        own = [lesson for lesson in lessons if lesson.path.startswith(course.path)]
        next_lesson = next((lesson for lesson in own if lesson.pk not in done), None)
        done_count = sum(1 for lesson in own if lesson.pk in done)
        assignment = by_course.get(course.pk)
        if assignment is not None:
            status = assignment.status
            completed_at = assignment.completed_at
        else:
            completed_at = completions.get(course.pk)
            status = compliance_status(
                completed_at=completed_at, has_started=done_count > 0, due_on=None, as_of=as_of
            )
        items.append(
            LearningItem(
                course=course,
                assignment=assignment,
                status=status,
                done_count=done_count,
                total=len(own),
                completed_at=completed_at,
                next_lesson=next_lesson,
            )
        )
    return items


def requirement_list_for_department(*, department: Department) -> list[Requirement]:
    """Requirements in force with anyone of the department in their audience today. One query."""
    current = Assignment.objects.filter(
        requirement=OuterRef("pk"), department=department, is_current=True
    )
    return list(
        Requirement.objects.filter(Exists(current), is_active=True)
        .select_related("course")
        .order_by("name")
    )


def _children_of(courses) -> Q:
    condition = Q(pk__in=[])
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    return condition


def _sort_key(course: CoursePage, by_course: dict[int, Assignment]):
    assignment = by_course.get(course.pk)
    return (assignment is None, assignment.due_on if assignment else date.max, course.title)
