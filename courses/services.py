"""Every write that records learning. Each is safe to repeat and safe under concurrency."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from lms.users.models import User

from .models import CourseCompletion, CoursePage, Enrollment, LessonPage, LessonProgress

logger = logging.getLogger(__name__)


@transaction.atomic
def enrollment_ensure(
    *, user: User, course: CoursePage, as_of: datetime | None = None
) -> Enrollment:
    """The learner's enrolment in `course`, created on first call; a repeat returns the same row."""
    enrollment, _created = Enrollment.objects.get_or_create(
        user=user, course=course, defaults={"enrolled_at": as_of or timezone.now()}
    )
    return enrollment


@transaction.atomic
def lesson_complete(
    *, user: User, lesson: LessonPage, as_of: datetime | None = None
) -> tuple[LessonProgress, CourseCompletion | None]:
    """Marks `lesson` done for `user`; completes the course when every live lesson is done.

    Returns the progress row and the course completion (None while lessons remain). Repeating
    the call, or two calls at once, never makes a second row: the unique constraints hold.
    """
    as_of = as_of or timezone.now()
    course = lesson.get_parent().specific
    enrollment_ensure(user=user, course=course, as_of=as_of)
    progress, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course, "completed_at": as_of}
    )
    live_ids = set(LessonPage.objects.child_of(course).live().values_list("pk", flat=True))
    done_ids = set(
        LessonProgress.objects.filter(user=user, lesson_id__in=live_ids).values_list(
            "lesson_id", flat=True
        )
    )
    completion = None
    if live_ids and live_ids <= done_ids:
        completion = course_completion_record(user=user, course=course, as_of=as_of)
    return progress, completion


@transaction.atomic
def course_completion_record(
    *, user: User, course: CoursePage, as_of: datetime | None = None
) -> CourseCompletion:
    """Records that `user` completed `course` (once), with the revision they completed.

    The confirmation email is queued after the transaction commits, and only for a new record.
    """
    completion, created = CourseCompletion.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "completed_at": as_of or timezone.now(),
            "course_revision_id": course.live_revision_id,
        },
    )
    if created:
        logger.info("course %s completed by employee pk=%s", course.pk, user.pk)
        from .tasks import completion_email_send_task

        completion_email_send_task.delay_on_commit(completion_id=completion.pk)
    return completion


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
    language = (completion.user.preferred_language or "en").split("-")[0]
    with translation.override(language if language in {"en", "es"} else "en"):
        context = {"completion": completion, "course": completion.course, "user": completion.user}
        subject = render_to_string("courses/email/completion_subject.txt", context).strip()
        body = render_to_string("courses/email/completion_body.txt", context)
    send_mail(subject, body, None, [completion.user.email])
    CourseCompletion.objects.filter(pk=completion.pk).update(confirmation_sent_at=timezone.now())
    return True
