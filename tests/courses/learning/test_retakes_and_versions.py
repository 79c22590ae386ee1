"""Retakes keep every run; a version that requires a retake reopens the course for everyone
who completed an earlier one, and compliance follows."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.compliance.models import Assignment
from courses.learner.selectors import learning_list_for_user
from courses.learning.models import CourseCompletion, Enrollment, LessonProgress
from courses.learning.selectors import course_progress_for_user
from courses.learning.services import course_retake_start, lesson_complete
from tests.factories import compliance_refresh


def complete(user, lessons):
    completion = None
    for lesson in lessons:
        _progress, completion = lesson_complete(user=user, lesson=lesson)
    return completion


@pytest.mark.django_db
def test_retake_starts_a_new_run_and_keeps_the_first(learner, course, lessons):
    first = complete(learner, lessons)
    course_retake_start(user=learner, course=course)
    progress = course_progress_for_user(user=learner, course=course)
    assert progress.run == 2
    assert progress.completion is None
    assert progress.done_ids == set()
    assert progress.history == [first]

    second = complete(learner, lessons)
    assert second.run == 2
    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 2
    assert LessonProgress.objects.filter(user=learner).count() == 2 * len(lessons)


@pytest.mark.django_db
def test_retake_before_completing_is_refused_and_changes_nothing(learner, course, lessons):
    lesson_complete(user=learner, lesson=lessons[0])
    with pytest.raises(ValidationError):
        course_retake_start(user=learner, course=course)
    assert Enrollment.objects.get(user=learner, course=course).current_run == 1


@pytest.mark.django_db
def test_retake_through_the_course_page(client, learner, course, lessons):
    complete(learner, lessons)
    client.force_login(learner)
    response = client.post(f"/learn/courses/{course.pk}/retake/")
    assert response.status_code == 302
    assert "0 of 3 lessons done" in client.get(course.url).content.decode()
    assert "You last completed this course on" in client.get(course.url).content.decode()


@pytest.mark.django_db
def test_retake_of_a_course_never_started_shows_a_message(client, learner, course):
    client.force_login(learner)
    response = client.post(f"/learn/courses/{course.pk}/retake/", follow=True)
    assert "once you have completed it" in response.content.decode()
    assert not Enrollment.objects.filter(user=learner).exists()


@pytest.mark.django_db
def test_a_version_requiring_a_retake_reopens_the_course_and_compliance(
    client, learner, liaison, requirement, course, lessons
):
    complete(learner, lessons)
    compliance_refresh()
    first = Assignment.objects.get(user=learner, requirement=requirement)
    assert first.status == "completed_on_time"
    course.retake_required_since = timezone.now() + timedelta(seconds=1)
    course.save_revision().publish()
    compliance_refresh()

    today = timezone.localdate()
    item = next(i for i in learning_list_for_user(user=learner, as_of=today) if i.course == course)
    assert item.completed_at is None  # the old completion no longer counts
    assert item.status == "not_started"
    assert course_progress_for_user(user=learner, course=course).needs_retake
    history = list(Assignment.objects.filter(user=learner, requirement=requirement))
    assert [(a.cycle, a.status, a.is_current) for a in history] == [
        (1, "completed_on_time", False),  # the earlier cycle keeps its record
        (2, "not_started", True),
    ]

    course_retake_start(user=learner, course=course)
    later = timezone.now() + timedelta(seconds=5)
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson, as_of=later)
    compliance_refresh()
    current = Assignment.objects.get(user=learner, requirement=requirement, is_current=True)
    assert (current.cycle, current.status) == (2, "completed_on_time")
    course.refresh_from_db()
    old = CourseCompletion.objects.get(user=learner, run=1)
    assert old.course_revision_id != course.live_revision_id  # it records the version taken
