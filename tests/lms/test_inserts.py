"""`lms.inserts.row_insert_new`: one INSERT that skips a row a unique constraint already holds,
leaving the transaction usable, on SQLite and PostgreSQL alike."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.learning.models import CheckAttempt, Enrollment
from lms.inserts import row_insert_new

pytestmark = pytest.mark.django_db


def test_a_new_row_is_inserted_and_gets_its_primary_key(learner, course):
    as_of = timezone.now() - timedelta(days=1)
    enrollment = Enrollment(user=learner, course=course, enrolled_at=as_of)
    assert row_insert_new(enrollment) is True
    assert enrollment.pk is not None
    stored = Enrollment.objects.get(pk=enrollment.pk)
    assert (stored.user_id, stored.course_id, stored.enrolled_at) == (learner.pk, course.pk, as_of)
    assert stored.current_run == 1  # the field's default


def test_a_row_the_constraint_holds_is_skipped_and_the_transaction_goes_on(learner, course):
    first = Enrollment(user=learner, course=course, enrolled_at=timezone.now())
    row_insert_new(first)
    with transaction.atomic():
        again = Enrollment(user=learner, course=course, enrolled_at=timezone.now(), current_run=5)
        assert row_insert_new(again) is False
        assert again.pk is None
        assert Enrollment.objects.count() == 1  # the transaction is still usable
    assert Enrollment.objects.get().current_run == 1  # nothing of the second was written


def _attempt(learner, course, **fields) -> CheckAttempt:
    values = {"check_id": "c1", "number": 1, "score": 50, "is_passed": False, "answers": {}}
    lesson = course.get_children().first()
    return CheckAttempt(
        user=learner,
        course=course,
        lesson_id=lesson.pk,
        submitted_at=timezone.now(),
        **(values | fields),
    )


def test_json_values_are_stored_as_json(learner, course):
    attempt = _attempt(learner, course, answers={"q1": ["a", "b"]})
    assert row_insert_new(attempt)
    assert CheckAttempt.objects.get(pk=attempt.pk).answers == {"q1": ["a", "b"]}


def test_a_broken_check_constraint_still_raises(learner, course):
    attempt = _attempt(learner, course, score=101)  # over 100%: the check constraint refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        row_insert_new(attempt)
    assert not CheckAttempt.objects.exists()
