"""What the learner's own pages read (My learning, and the transcript's open items): their
assignments, courses and sessions, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from content.translation import reader_language, translated_titles
from courses.compliance.models import Assignment, AssignmentStatus, Requirement
from courses.learning.models import (
    CourseCompletion,
    CoursePage,
    Enrollment,
    LessonPage,
    LessonProgress,
)
from courses.learning.selectors import completion_is_current
from courses.sessions.models import STANDING_REGISTRATION_STATUSES, SessionRegistration
from lms.users.models import User

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


@dataclass(frozen=True)
class LessonLink:
    """A lesson as My learning links to it: no page object, only what the link needs."""

    pk: int
    title: str
    url: str | None


@dataclass
class LearningItem:
    """One course on a learner's My learning page, with what the page says about it.

    `title` is in the reader's language when a live translation exists; `title_lang` is "en"
    when the English title is shown to a reader of another language (for a lang attribute),
    else "". `completion` is the completion that counts today (with its certificate), if any.
    """

    course: CoursePage
    assignment: Assignment | None
    status: str
    done_count: int
    total: int
    completed_at: datetime | None
    next_lesson: LessonLink | None
    title: str = ""
    title_lang: str = ""
    completion: CourseCompletion | None = None
    as_of: date | None = None
    url: str | None = None

    def __post_init__(self):
        self.title = self.title or self.course.title

    @property
    def requirement(self) -> Requirement | None:
        return self.assignment.requirement if self.assignment else None

    @property
    def due_on(self) -> date | None:
        return self.assignment.due_on if self.assignment else None

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None and self.status != AssignmentStatus.EXEMPT

    @property
    def is_exempt(self) -> bool:
        return self.status == AssignmentStatus.EXEMPT

    @property
    def days_overdue(self) -> int | None:
        """Whole days past the due date on `as_of`; None when not past due or not to do."""
        if self.due_on is None or self.as_of is None or self.is_completed or self.is_exempt:
            return None
        days = (self.as_of - self.due_on).days
        return days if days > 0 else None

    @property
    def days_until_due(self) -> int | None:
        """Whole days from `as_of` to the due date (0 on the day); None once past or done."""
        if self.due_on is None or self.as_of is None or self.is_completed or self.is_exempt:
            return None
        days = (self.due_on - self.as_of).days
        return days if days >= 0 else None

    @property
    def certificate(self):
        if self.completion is None:
            return None
        try:
            return self.completion.certificate
        except ObjectDoesNotExist:
            return None

    @property
    def valid_until(self) -> date | None:
        """When the completion stops counting (a recurring requirement), else None."""
        if self.assignment is None or not self.is_completed:
            return None
        return self.assignment.valid_until

    @property
    def renewal_opens_on(self) -> date | None:
        """The day the renewal is assigned (it opens before the completion expires)."""
        if self.valid_until is None:
            return None
        return self.valid_until - timedelta(days=self.requirement.renewal_window_days)

    @property
    def is_expired(self) -> bool:
        if self.valid_until is None or self.as_of is None:
            return False
        return self.as_of > self.valid_until


def learning_list_for_user(
    *,
    user: User,
    as_of: date,
    language: str | None = None,
    catalog: bool = False,
    request=None,
) -> list[LearningItem]:
    """What `user` must take and has taken: required courses first (by due date), then others.

    A required course shows its assignment's stored status; any other course shows the
    learner's progress. With `catalog`, every live course of the site's language is listed,
    not only the ones assigned or started. Titles are in `language` (default: the reader's)
    where a live translation exists. Given the `request` a page serves, each item's `url` and
    its `next_lesson.url` are set (Wagtail's links, relative on the request's site; a lesson's
    is its course's followed by its slug): the lessons are read as values, not page objects.
    Six queries whatever the number of courses (eight for a reader of another language), and
    with a request, Wagtail's site of the request.
    """
    by_course: dict[int, Assignment] = {}
    for assignment in assignment_list_for_user(user=user):
        by_course.setdefault(assignment.requirement.course_id, assignment)
    runs = dict(Enrollment.objects.filter(user=user).values_list("course_id", "current_run"))
    wanted = Q(pk__in=set(by_course) | set(runs))
    if catalog:
        wanted |= Q(locale__language_code=settings.LANGUAGE_CODE)
    courses = {c.pk: c for c in CoursePage.objects.live().filter(wanted)}
    course_ids = set(courses)
    completions: dict[int, CourseCompletion] = {}
    by_pk: dict[int, CourseCompletion] = {}
    for completion in (
        CourseCompletion.objects.filter(user=user, course_id__in=course_ids)
        .select_related("certificate")
        .order_by("run")
    ):
        by_pk[completion.pk] = completion
        if completion_is_current(completion, courses[completion.course_id]):
            completions[completion.course_id] = completion
    lessons = list(
        LessonPage.objects.live()
        .filter(_children_of(courses.values()))
        .order_by("path")
        .values_list("pk", "path", "url_path", "title")
    )
    done = {
        lesson_id
        for lesson_id, course_id, run in LessonProgress.objects.filter(
            user=user, course_id__in=course_ids
        ).values_list("lesson_id", "course_id", "run")
        if run == runs.get(course_id, 1)
    }
    titles, title_lang = course_titles_for_reader(courses.values(), language)
    # The links, for a page (My learning); the transcript needs none.
    urls = _page_urls(courses.values(), request) if request is not None else {}
    items = []
    for course in sorted(courses.values(), key=lambda c: _sort_key(c, by_course)):
        own = [lesson for lesson in lessons if lesson[1].startswith(course.path)]
        following = next((lesson for lesson in own if lesson[0] not in done), None)
        done_count = sum(1 for lesson in own if lesson[0] in done)
        url = urls.get(course.pk)
        next_lesson = (
            LessonLink(
                pk=following[0],
                title=following[3],
                # A lesson is served at its course's address followed by its own slug.
                url=url + following[2][len(course.url_path) :] if url else None,
            )
            if following
            else None
        )
        assignment = by_course.get(course.pk)
        if assignment is not None:
            status = assignment.status
            completed_at = assignment.completed_at
            completion = by_pk.get(assignment.completion_id) if completed_at else None
        else:
            completion = completions.get(course.pk)
            completed_at = completion.completed_at if completion else None
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
                title=titles.get(course.pk, course.title),
                title_lang="" if course.pk in titles else title_lang,
                completion=completion,
                as_of=as_of,
                url=url,
            )
        )
    return items


def _page_urls(pages, request=None) -> dict[int, str | None]:
    """page id → its URL as `{% pageurl %}` gives it (relative on the request's site)."""
    return {page.pk: page.get_url(request) for page in pages}


def course_titles_for_reader(pages, language: str | None) -> tuple[dict[int, str], str]:
    """Translated titles of `pages`, and the lang attribute an untranslated (English) title
    needs for this reader: "en" for a reader of another language, else ""."""
    language = reader_language(language)
    if language == settings.LANGUAGE_CODE:
        # Courses are written in the site's language: nothing to look up for its readers.
        return {}, ""
    return translated_titles(list(pages), language), settings.LANGUAGE_CODE


@dataclass
class MyLearning:
    """The sections of a learner's My learning page.

    `to_do`: assigned and not completed (soonest due first); `exempt`: assigned but excused;
    `completed`: completions that count today, assigned or not (newest first); `optional`:
    courses not assigned to the person and not completed (started first, then by title);
    `sessions`: the person's registrations (registered or waiting) for sessions not yet over.
    """

    to_do: list[LearningItem]
    exempt: list[LearningItem]
    completed: list[LearningItem]
    optional: list[LearningItem]
    sessions: list[SessionRegistration]


def my_learning_for_user(
    *,
    user: User,
    as_of: date,
    now: datetime,
    language: str | None = None,
    request=None,
    with_sessions: bool = True,
) -> MyLearning:
    """Everything the learner's My learning page shows, in sections (see `MyLearning`).

    `as_of` is the learner's today (due dates), `now` the moment that splits past from coming
    sessions. Titles of courses and sessions' courses are in the reader's language where a
    translation exists; each registration gets `course_title` and `course_title_lang`. Seven
    queries whatever the number of courses, assignments and sessions (at most eleven for a
    reader of another language).
    """
    items = learning_list_for_user(
        user=user, as_of=as_of, language=language, catalog=True, request=request
    )
    to_do, exempt, completed, optional = [], [], [], []
    for item in items:
        if item.is_completed:
            completed.append(item)
        elif item.assignment is None:
            optional.append(item)
        elif item.is_exempt:
            exempt.append(item)
        else:
            to_do.append(item)
    completed.sort(key=lambda item: item.completed_at, reverse=True)
    optional.sort(key=lambda item: (item.done_count == 0, item.title.casefold()))
    return MyLearning(
        to_do=to_do,
        exempt=exempt,
        completed=completed,
        optional=optional,
        sessions=(
            registration_list_upcoming_for_user(user=user, now=now, language=language)
            if with_sessions
            else []
        ),
    )


def registration_list_upcoming_for_user(
    *, user: User, now: datetime, language: str | None = None
) -> list[SessionRegistration]:
    """`user`'s registrations (registered or on the waiting list) for sessions that have not
    ended by `now`, cancelled sessions included (so the person learns of it), soonest first.
    Each has `course_title` in the reader's language and `course_title_lang`. One query (at
    most three for a reader of another language)."""
    registrations = list(
        SessionRegistration.objects.filter(
            user=user,
            status__in=STANDING_REGISTRATION_STATUSES,
            session__ends_at__gt=now,
        )
        .select_related("session", "session__course")
        .order_by("session__starts_at", "pk")
    )
    courses = {registration.session.course for registration in registrations}
    titles, title_lang = course_titles_for_reader(courses, language) if courses else ({}, "")
    for registration in registrations:
        course = registration.session.course
        registration.course_title = titles.get(course.pk, course.title)
        registration.course_title_lang = "" if course.pk in titles else title_lang
    return registrations


def _children_of(courses) -> Q:
    condition = Q(pk__in=[])
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    return condition


def _sort_key(course: CoursePage, by_course: dict[int, Assignment]):
    assignment = by_course.get(course.pk)
    return (assignment is None, assignment.due_on if assignment else date.max, course.title)
