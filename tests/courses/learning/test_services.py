"""The services that record learning: idempotent, and complete the course exactly once."""

import pytest
from django.core import mail

from courses.learning.models import CourseCompletion, Enrollment, LessonProgress
from courses.learning.services import course_completion_record, lesson_complete
from courses.tasks import completion_email_send_task
from tests.courses.learning.test_translations import translate


@pytest.mark.django_db
def test_course_completes_only_when_every_live_lesson_is_done(learner, lessons):
    for lesson in lessons[:-1]:
        _progress, completion = lesson_complete(user=learner, lesson=lesson)
        assert completion is None
    _progress, completion = lesson_complete(user=learner, lesson=lessons[-1])
    assert completion is not None
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert LessonProgress.objects.filter(user=learner).count() == 3


@pytest.mark.django_db
def test_repeating_completion_keeps_the_first_date(learner, course):
    first = course_completion_record(user=learner, course=course)
    again = course_completion_record(user=learner, course=course)
    assert first.pk == again.pk
    assert again.completed_at == first.completed_at
    assert CourseCompletion.objects.count() == 1


@pytest.mark.django_db
def test_completion_email_task_sends_once_as_a_plain_function(learner, course):
    completion = course_completion_record(user=learner, course=course)
    assert completion_email_send_task(completion_id=completion.pk) is True
    assert completion_email_send_task(completion_id=completion.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_completion_email_is_in_the_learners_language(learner, course):
    learner.preferred_language = "es"
    learner.save()
    completion = course_completion_record(user=learner, course=course)
    completion_email_send_task(completion_id=completion.pk)
    assert "Completó" in mail.outbox[0].subject


@pytest.mark.django_db
def test_completion_email_names_the_course_in_spanish_where_it_is_translated(learner, course):
    translate(course, title="Sesgo implícito: fundamentos")
    learner.preferred_language = "es"
    learner.save()
    completion = course_completion_record(user=learner, course=course)
    completion_email_send_task(completion_id=completion.pk)
    assert "Sesgo implícito: fundamentos" in mail.outbox[0].subject
    assert "Sesgo implícito: fundamentos" in mail.outbox[0].body


@pytest.mark.django_db
def test_completion_email_for_a_missing_completion_sends_nothing(db):
    assert completion_email_send_task(completion_id=424242) is False
    assert mail.outbox == []
