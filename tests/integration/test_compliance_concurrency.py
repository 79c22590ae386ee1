"""The compliance engine on PostgreSQL: refreshes racing each other and racing completions are
safe, agree, and never leave a completed person overdue."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from courses.compliance.assignments import assignments_reconcile, assignments_refresh_stale
from courses.compliance.models import COMPLETED_STATUSES, Assignment, AssignmentStatus, StaleMark
from courses.learning.services import course_completion_record
from tests.factories import RequirementFactory, UserFactory
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


def _status(person, requirement) -> str:
    return Assignment.objects.get(user=person, requirement=requirement, is_current=True).status


def test_a_completion_committed_while_a_refresh_runs_keeps_its_mark(course, department):
    """The completing transaction inserts its mark first (a lower id), a second learner's
    completion commits, the refresh reads the marks (only the second is visible), and the first
    transaction commits before the refresh deletes what it read. The first mark must survive,
    so the refresh its commit queued makes that learner completed."""
    early, late = UserFactory.create_batch(2, department=department)
    today = timezone.localdate()
    requirement = RequirementFactory(course=course, due_on=today - timedelta(days=10))
    assignments_reconcile(as_of=today)
    assert _status(early, requirement) == AssignmentStatus.OVERDUE
    StaleMark.objects.all().delete()

    marked, marks_read, committed = threading.Event(), threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def complete_slowly():
        try:
            with transaction.atomic():
                course_completion_record(user=early, course=course)
                marked.set()
                assert marks_read.wait(timeout=30), "the refresh never read the marks"
            committed.set()
        except BaseException as error:  # reported by the test below
            failures.append(error)
            committed.set()
        finally:
            connection.close()

    completer = threading.Thread(target=complete_slowly)
    completer.start()
    assert marked.wait(timeout=30)
    course_completion_record(user=late, course=course)  # commits, with the higher mark id

    def pause_after_reading_marks(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if (
            not marks_read.is_set()
            and sql.lstrip().upper().startswith("SELECT")
            and StaleMark._meta.db_table in sql
        ):
            marks_read.set()
            assert committed.wait(timeout=30), "the completion never committed"
        return result

    with connection.execute_wrapper(pause_after_reading_marks):
        assignments_refresh_stale(as_of=today)
    completer.join(timeout=30)
    assert not failures, failures

    assert _status(late, requirement) in COMPLETED_STATUSES
    # The early completion's mark was not read, so it must still be waiting ...
    assert StaleMark.objects.filter(user=early).exists()
    # ... for the refresh its own commit queued, which completes that learner.
    assignments_refresh_stale(as_of=today)
    assert _status(early, requirement) in COMPLETED_STATUSES
    assert not StaleMark.objects.exists()


def test_a_hundred_learners_completing_at_once_all_end_completed(course, department):
    """100 learners complete at once on 10 connections, each completion followed by the
    refresh its commit queues (as a worker would run it); every one ends completed."""
    people = UserFactory.create_batch(100, department=department)
    today = timezone.localdate()
    requirement = RequirementFactory(course=course, due_on=today - timedelta(days=10))
    assignments_reconcile(as_of=today)
    StaleMark.objects.all().delete()
    threads = 10

    def complete_and_refresh(i):
        for person in people[i::threads]:
            course_completion_record(user=person, course=course)
            assignments_refresh_stale(as_of=today)

    at_once(threads, complete_and_refresh, timeout=300)

    statuses = dict(
        Assignment.objects.filter(requirement=requirement, is_current=True).values_list(
            "user_id", "status"
        )
    )
    overdue = [pk for pk, status in statuses.items() if status not in COMPLETED_STATUSES]
    assert len(statuses) == 100
    assert overdue == []
    assert not StaleMark.objects.exists()
