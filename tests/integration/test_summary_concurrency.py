"""The per-department summary on PostgreSQL: refreshes racing each other over the same people
(two workers taking the same stale marks) leave it equal to a recount, because each recount
locks its departments first and counts after the other committed."""

import pytest
from django.utils import timezone

from courses.compliance.assignments import assignments_reconcile, assignments_refresh_stale
from courses.compliance.summary import summary_counts_from_assignments, summary_stored
from courses.learning.services import course_completion_record
from tests.factories import DepartmentFactory, RequirementFactory, UserFactory
from tests.integration.threads import at_once

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _no_tasks_left_on_the_broker():
    """Completions queue refresh tasks to Redis on commit; no worker runs here, so drop them."""
    yield
    from lms.celery import app

    app.control.purge()


def test_stale_refreshes_racing_over_the_same_people_keep_the_summary_true(course, department):
    other = DepartmentFactory()
    people = UserFactory.create_batch(20, department=department)
    people += UserFactory.create_batch(20, department=other)
    for n in range(2):
        RequirementFactory(course=course, name=f"r{n}")
    today = timezone.localdate()
    assignments_reconcile(as_of=today)
    for person in people[::2]:
        course_completion_record(user=person, course=course)  # each marks the person stale

    # Both read the same marks and refresh the same people at the same moment.
    at_once(3, lambda _i: assignments_refresh_stale(as_of=today))

    counts, due = summary_counts_from_assignments()
    assert summary_stored() == (counts, due)
    assert counts[(department.pk, course.requirements.first().pk)]["completed_on_time"] == 10
