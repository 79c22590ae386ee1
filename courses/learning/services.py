"""Every write that records learning. Each is safe to repeat and safe under concurrency.

`course_completion_evaluate` is the one place that decides whether a course is complete.
"""

import logging
from datetime import datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.learning.models import (
    CheckAttempt,
    CourseCompletion,
    CoursePage,
    Enrollment,
    LessonPage,
    LessonProgress,
)
from courses.learning.selectors import (
    check_specs_for_course,
    completion_is_current,
    live_lessons_of,
)
from courses.signals import courses_completed, lesson_completed, progress_recorded
from lms.inserts import row_insert_new
from lms.prepared import as_orm_value, fetchall, fetchone
from lms.queueing import task_named
from lms.users.models import User

logger = logging.getLogger(__name__)


# Called inside a larger transaction (marking a lesson done, an attempt), neither of these makes
# a savepoint of its own: nothing catches an error from them to go on, and an insert that
# another request's row beats is skipped, not an error (lms.inserts). Called alone, each is its
# own transaction.
@transaction.atomic(savepoint=False)
def enrollment_ensure(
    *, user: User, course: CoursePage, as_of: datetime | None = None
) -> Enrollment:
    """The learner's enrolment in `course`, created on first call; a repeat returns the same row.
    One query once enrolled, two or three the first time."""
    mine = {"user": user, "course": course}
    enrollment = Enrollment.objects.filter(**mine).first()
    if enrollment is None:
        enrollment = Enrollment(**mine, enrolled_at=as_of or timezone.now())
        if not row_insert_new(enrollment):
            enrollment = Enrollment.objects.get(**mine)
    return enrollment


def lesson_course(lesson: LessonPage) -> CoursePage:
    """The course `lesson` belongs to (its parent page). One query."""
    return CoursePage.objects.parent_of(lesson).first() or lesson.get_parent().specific


@transaction.atomic
def lesson_complete(
    *,
    user: User,
    lesson: LessonPage,
    as_of: datetime | None = None,
    course: CoursePage | None = None,
) -> tuple[LessonProgress, CourseCompletion | None]:
    """Marks `lesson` done for `user` in their current run, then evaluates the course.

    Returns the progress row and the course completion (None while something remains). Repeating
    the call, or two calls at once, never makes a second row: the unique constraints hold.
    `course`, the lesson's course when the caller has it, saves reading it again.

    An enrolled learner's enrolment, this lesson's progress and the run's completion are read
    in one prepared query (lms.prepared), and the lessons done after the insert in another:
    marking a lesson done is most of what a learner writes on deadline day.
    """
    as_of = as_of or timezone.now()
    course = course or lesson_course(lesson)
    state = _lesson_state(user=user, course=course, lesson=lesson)
    if state is None:  # the learner's first lesson of the course
        enrollment = enrollment_ensure(user=user, course=course, as_of=as_of)
        progress = LessonProgress.objects.filter(
            user=user, lesson=lesson, run=enrollment.current_run
        ).first()
        completion_pk = None
    else:
        enrollment, progress, completion_pk = state
    created = False
    if progress is None:
        mine = {"user": user, "lesson": lesson, "run": enrollment.current_run}
        # No savepoint: an insert that another request's row beats is skipped, not an error.
        progress = LessonProgress(**mine, course=course, completed_at=as_of)
        created = row_insert_new(progress)
        if not created:
            progress = LessonProgress.objects.get(**mine)
    if created:
        progress_recorded.send(sender=LessonProgress, user_ids=[user.pk])
        lesson_completed.send(sender=LessonProgress, progress=progress)
    if completion_pk is not None:
        return progress, CourseCompletion.objects.get(pk=completion_pk)
    if state is None:
        completion = course_completion_evaluate(
            user=user, course=course, as_of=as_of, enrollment=enrollment
        )
    else:
        # The run had no completion a moment ago; one that another request made since is
        # found when this one's insert of it is skipped (_completion_record).
        completion = _completion_by_rules(
            user=user, course=course, run=enrollment.current_run, as_of=as_of
        )
    return progress, completion


def _lesson_state(
    *, user: User, course: CoursePage, lesson: LessonPage
) -> tuple[Enrollment, LessonProgress | None, int | None] | None:
    """The learner's enrolment in `course`, their progress row for `lesson` in its current run
    (None: not done) and the id of the run's completion (None: not completed); None when the
    learner is not enrolled. One prepared query."""
    row = fetchone(_lesson_state_sql(), [lesson.pk, user.pk, course.pk])
    if row is None:
        return None
    enrollment_pk, enrolled_at, run, progress_pk, completed_at, completion_pk = row
    enrollment = Enrollment(
        pk=enrollment_pk,
        user=user,
        course=course,
        enrolled_at=as_orm_value(Enrollment, "enrolled_at", enrolled_at),
        current_run=run,
    )
    enrollment._state.adding = False
    progress = None
    if progress_pk is not None:
        progress = LessonProgress(
            pk=progress_pk,
            user=user,
            lesson=lesson,
            course=course,
            run=run,
            completed_at=as_orm_value(LessonProgress, "completed_at", completed_at),
        )
        progress._state.adding = False
    return enrollment, progress, completion_pk


@cache
def _lesson_state_sql() -> str:
    enrollment = Enrollment._meta.db_table
    progress = LessonProgress._meta.db_table
    completion = CourseCompletion._meta.db_table
    return (
        "SELECT e.id, e.enrolled_at, e.current_run, p.id, p.completed_at, c.id "  # noqa: S608
        f"FROM {enrollment} AS e "
        f"LEFT JOIN {progress} AS p ON p.user_id = e.user_id AND p.lesson_id = %s "
        "AND p.run = e.current_run "
        f"LEFT JOIN {completion} AS c ON c.user_id = e.user_id AND c.course_id = e.course_id "
        "AND c.run = e.current_run "
        "WHERE e.user_id = %s AND e.course_id = %s"
    )


@cache
def _lessons_done_sql() -> str:
    return (
        f"SELECT lesson_id FROM {LessonProgress._meta.db_table} "  # noqa: S608 - model names
        "WHERE user_id = %s AND course_id = %s AND run = %s"
    )


@transaction.atomic(savepoint=False)
def course_completion_evaluate(
    *,
    user: User,
    course: CoursePage,
    as_of: datetime | None = None,
    enrollment: Enrollment | None = None,
) -> CourseCompletion | None:
    """Completes the learner's current run of `course` if, and only if, the rules are met.

    The rules: every live lesson is marked done in this run, and every scored knowledge check
    of the live lessons has a counted score (best or latest attempt, as the course decides) at
    or above its pass mark. Returns the run's completion, or None while something remains.
    `enrollment`: the learner's enrolment in `course` as this transaction already read it.
    """
    as_of = as_of or timezone.now()
    if enrollment is None:
        enrollment = enrollment_ensure(user=user, course=course, as_of=as_of)
    run = enrollment.current_run
    existing = CourseCompletion.objects.filter(user=user, course=course, run=run).first()
    if existing:
        return existing
    return _completion_by_rules(user=user, course=course, run=run, as_of=as_of)


def _completion_by_rules(
    *, user: User, course: CoursePage, run: int, as_of: datetime
) -> CourseCompletion | None:
    """The completion of `run`, recorded now when the rules are met (see
    `course_completion_evaluate`); None while something remains."""
    live_ids = {lesson.pk for lesson in live_lessons_of(course)}
    done_ids = {row[0] for row in fetchall(_lessons_done_sql(), [user.pk, course.pk, run])}
    if not live_ids or not live_ids <= done_ids:
        return None
    scores = check_scores_counted(user=user, course=course, run=run)
    checks = [check for check in check_specs_for_course(course) if check.is_scored]
    for check in checks:
        counted = scores.get((check.lesson_id, check.id))
        if counted is None or counted < check.pass_mark:
            return None
    counted_scores = [scores[(c.lesson_id, c.id)] for c in checks]
    return _completion_record(
        user=user,
        course=course,
        run=run,
        as_of=as_of,
        score=round(sum(counted_scores) / len(counted_scores)) if counted_scores else None,
    )


def check_scores_counted(*, user: User, course: CoursePage, run: int) -> dict[tuple[int, str], int]:
    """(lesson id, check id) → the score that counts under the course's score policy."""
    from courses.learning.checks import counted_score

    attempts: dict[tuple[int, str], list[int]] = {}
    for lesson_id, check_id, score in (
        CheckAttempt.objects.filter(user=user, course=course, run=run)
        .order_by("number")
        .values_list("lesson_id", "check_id", "score")
    ):
        attempts.setdefault((lesson_id, check_id), []).append(score)
    return {
        key: counted_score(values, policy=course.score_policy) for key, values in attempts.items()
    }


def _completion_record(
    *,
    user: User,
    course: CoursePage,
    run: int,
    as_of: datetime,
    score: int | None,
    evidence: str = "",
) -> CourseCompletion:
    mine = {"user": user, "course": course, "run": run}
    completion = CourseCompletion(
        **mine,
        completed_at=as_of,
        score=score,
        course_revision_id=course.live_revision_id,
        evidence=evidence,
    )
    if not row_insert_new(completion):  # completed before, or by another request meanwhile
        return CourseCompletion.objects.get(**mine)
    completions_announce([completion])
    return completion


def completions_announce(completions: list[CourseCompletion]) -> None:
    """What follows new completions, inside the transaction that created them: a log line each,
    the `courses_completed` signal (compliance marks the people stale; certificates issues one
    where the course gives one) and each confirmation email, queued for after the commit."""
    for completion in completions:
        logger.info(
            "course %s completed by employee pk=%s (run %s)",
            completion.course_id,
            completion.user_id,
            completion.run,
        )
    courses_completed.send(sender=CourseCompletion, completions=completions)
    email_task = task_named("courses.tasks.completion_email_send_task")
    for completion in completions:
        email_task.delay_on_commit(completion_id=completion.pk)


@transaction.atomic
def course_completion_record(
    *,
    user: User,
    course: CoursePage,
    as_of: datetime | None = None,
    evidence: str = "",
) -> CourseCompletion:
    """Records a completion of the learner's current run directly (imports, history, tests).

    The learner-facing path is `course_completion_evaluate`; this one skips the rules.
    """
    enrollment = enrollment_ensure(user=user, course=course, as_of=as_of)
    return _completion_record(
        user=user,
        course=course,
        run=enrollment.current_run,
        as_of=as_of or timezone.now(),
        score=None,
        evidence=evidence,
    )


@transaction.atomic
def course_retake_start(
    *, user: User, course: CoursePage, as_of: datetime | None = None
) -> Enrollment:
    """Starts a new run of a course the learner completed: lessons and checks begin again.

    The earlier runs, their attempts and their completions stay in the history. Raises
    ValidationError when the current run is not completed (there is nothing to retake yet).
    """
    enrollment = Enrollment.objects.select_for_update().filter(user=user, course=course).first()
    completion = (
        CourseCompletion.objects.filter(
            user=user, course=course, run=enrollment.current_run
        ).first()
        if enrollment
        else None
    )
    if completion is None:
        raise ValidationError(_("Finish the course before starting it again."))
    enrollment.current_run += 1
    enrollment.save(update_fields=["current_run"])
    logger.info(
        "course %s retake run %s by employee pk=%s", course.pk, enrollment.current_run, user.pk
    )
    return enrollment


def completion_email_send(*, completion_id: int) -> bool:
    """Emails the learner a confirmation of their completion, once.

    Returns False when there is nothing to send (no such completion, or already sent).
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    completion = (
        CourseCompletion.objects.select_related("user", "course").filter(pk=completion_id).first()
    )
    if completion is None or completion.confirmation_sent_at or not completion.user.email:
        return False
    from content.translation import translation_for

    language = (completion.user.preferred_language or "en").split("-")[0]
    language = language if language in {"en", "es"} else "en"
    with translation.override(language):
        course = translation_for(completion.course, language)
        context = {"completion": completion, "course": course, "user": completion.user}
        subject = render_to_string("courses/email/completion_subject.txt", context).strip()
        body = render_to_string("courses/email/completion_body.txt", context)
    send_mail(subject, body, None, [completion.user.email])
    CourseCompletion.objects.filter(pk=completion.pk).update(confirmation_sent_at=timezone.now())
    return True


__all__ = [
    "check_scores_counted",
    "completion_email_send",
    "completion_is_current",
    "course_completion_evaluate",
    "course_completion_record",
    "course_retake_start",
    "enrollment_ensure",
    "lesson_complete",
    "lesson_course",
]
