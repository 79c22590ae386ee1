"""The compliance engine on PostgreSQL: two refreshes at once are safe and agree."""

import pytest
from django.utils import timezone

from courses.assignments import assignments_reconcile, assignments_refresh_stale
from courses.models import Assignment, StaleMark
from courses.services import course_completion_record
from tests.factories import RequirementFactory, UserFactory
from tests.integration.threads import at_once

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_reconciliations_at_once_make_one_assignment_each(course, department):
    people = UserFactory.create_batch(60, department=department)
    requirements = [RequirementFactory(course=course, name=f"r{n}") for n in range(3)]
    for person in people[:20]:
        course_completion_record(user=person, course=course)
    today = timezone.localdate()

    at_once(2, lambda _i: assignments_reconcile(as_of=today))

    assert Assignment.objects.count() == 60 * 3
    completed = Assignment.objects.filter(status="completed_on_time", is_current=True)
    assert completed.count() == 20 * 3
    assert assignments_reconcile(as_of=today).changed == 0
    assert {r.pk for r in requirements} == set(
        Assignment.objects.values_list("requirement", flat=True).distinct()
    )


def test_two_stale_refreshes_at_once_agree(course, department, requirement):
    people = UserFactory.create_batch(30, department=department)
    today = timezone.localdate()
    assignments_reconcile(as_of=today)
    for person in people:
        course_completion_record(user=person, course=course)  # each marks the person stale
    assert StaleMark.objects.count() >= 30

    at_once(2, lambda _i: assignments_refresh_stale(as_of=today))

    assert not StaleMark.objects.exists()
    assert (
        Assignment.objects.filter(requirement=requirement, status="completed_on_time").count() == 30
    )
