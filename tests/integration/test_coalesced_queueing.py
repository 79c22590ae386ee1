"""Coalesced refreshes (lms.queueing.delay_coalesced) on the real Redis broker: the changes made
while a refresh is queued or running queue no second message, the refresh covers them or queues
the next one itself, and nothing is held back once it has ended or when the cache cannot be
asked."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from courses.compliance.assignments import assignments_mark_stale, assignments_reconcile
from courses.compliance.models import COMPLETED_STATUSES, Assignment, StaleMark
from courses.learning.services import lesson_complete
from courses.signals import assignments_changed
from courses.tasks import assignments_refresh_stale_task
from lms.celery import app
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMPLIANCE = "courses.tasks.assignments_refresh_stale_task"
ANALYTICS = "analytics.tasks.analytics_refresh_dirty_task"


@pytest.fixture(autouse=True)
def _empty_queue():
    app.control.purge()
    yield
    app.control.purge()


def waiting(name: str) -> int:
    """Messages of task `name` on this test process's queue (delayed ones included: Redis
    holds them in the queue until a worker takes them)."""
    import json

    with app.connection_for_write() as connection:
        client = connection.default_channel.client
        queued = client.lrange(app.conf.task_default_queue, 0, -1)
    return sum(1 for raw in queued if json.loads(raw)["headers"]["task"] == name)


def stale_marked(person) -> None:
    with transaction.atomic():
        assignments_mark_stale(user_ids=[person.pk])


def analytics_touched(requirement) -> None:
    with transaction.atomic():
        assignments_changed.send(
            sender=Assignment,
            touched={requirement.pk: timezone.localdate() - timedelta(days=1)},
            as_of=timezone.localdate(),
        )


def test_changes_while_a_compliance_refresh_waits_send_one_message(department):
    people = UserFactory.create_batch(3, department=department)
    for person in people:
        stale_marked(person)
    assert StaleMark.objects.count() == 3
    assert waiting(COMPLIANCE) == 1


def test_changes_while_an_analytics_refresh_waits_send_one_message(requirement):
    for _ in range(3):
        analytics_touched(requirement)
    assert waiting(ANALYTICS) == 1


def test_a_change_after_the_refresh_ended_sends_another(department):
    first, second = UserFactory.create_batch(2, department=department)
    stale_marked(first)
    assignments_refresh_stale_task()  # what the worker runs: it lowers the flag at its end
    assert not StaleMark.objects.exists()
    assert waiting(COMPLIANCE) == 1  # nothing was left for a next run
    stale_marked(second)
    assert waiting(COMPLIANCE) == 2


def test_changes_made_while_the_refresh_ran_get_the_next_one_later(course, department, requirement):
    """A change committed during a refresh, too late for it to read, sends nothing (the flag is
    up); the refresh finds its mark when it ends and queues the next run, delayed."""
    import json

    from courses.learning.services import course_completion_record

    finisher, meanwhile = UserFactory.create_batch(2, department=department)
    assignments_reconcile(as_of=timezone.localdate())
    course_completion_record(user=finisher, course=course)  # marks them stale: message 1

    def a_change_commits_meanwhile(sender, **kwargs):
        stale_marked(meanwhile)

    assignments_changed.connect(a_change_commits_meanwhile)
    try:
        assignments_refresh_stale_task()
    finally:
        assignments_changed.disconnect(a_change_commits_meanwhile)
    assert list(StaleMark.objects.values_list("user", flat=True)) == [meanwhile.pk]
    with app.connection_for_write() as connection:
        queued = connection.default_channel.client.lrange(app.conf.task_default_queue, 0, -1)
    headers = [json.loads(raw)["headers"] for raw in queued]
    etas = [header["eta"] for header in headers if header["task"] == COMPLIANCE]
    assert len(etas) == 2
    assert etas.count(None) == 1  # the first change's, sent at once; the next run is delayed


def test_without_a_cache_every_change_sends_its_refresh(department):
    people = UserFactory.create_batch(2, department=department)
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
    with override_settings(CACHES={"default": unreachable, "pages": settings.CACHES["pages"]}):
        for person in people:
            stale_marked(person)
    assert StaleMark.objects.count() == 2
    assert waiting(COMPLIANCE) == 2


def test_one_delayed_refresh_brings_every_learner_up_to_date(department, lessons, requirement):
    """Three learners finish the course within the delay; a real worker then runs one refresh,
    and all three read complete."""
    from celery.contrib.testing.worker import start_worker

    people = UserFactory.create_batch(3, department=department)
    assignments_reconcile(as_of=timezone.localdate())
    assert Assignment.objects.filter(user__in=people, is_current=True).count() == 3
    for person in people:
        for lesson in lessons:
            lesson_complete(user=person, lesson=lesson)
    assert waiting(COMPLIANCE) == 1
    current = Assignment.objects.filter(user__in=people, is_current=True)
    done = COMPLETED_STATUSES
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        for _ in range(150):
            if not StaleMark.objects.exists() and not current.exclude(status__in=done).exists():
                break
            threading.Event().wait(0.1)
    assert not StaleMark.objects.exists()
    assert sorted(current.values_list("status", flat=True)) == ["completed_on_time"] * 3
