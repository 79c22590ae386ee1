"""Against the real servers: PostgreSQL for concurrency, Redis with a real Celery worker."""

import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client

from courses.learning.models import CourseCompletion, LessonProgress
from courses.learning.services import course_completion_record, lesson_complete
from tests.integration.threads import at_once

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_two_requests_completing_the_last_lesson_at_once_make_one_record(learner, lessons):
    for lesson in lessons[:-1]:
        lesson_complete(user=learner, lesson=lesson)
    last = lessons[-1]

    def post(_i):
        client = Client()
        client.force_login(learner)
        return client.post(f"/learn/lessons/{last.pk}/done/").status_code

    statuses = at_once(2, post)
    assert statuses == [302, 302]
    assert LessonProgress.objects.filter(user=learner, lesson=last).count() == 1
    assert CourseCompletion.objects.filter(user=learner).count() == 1


def test_many_concurrent_completions_of_one_course_make_one_record(learner, course):
    at_once(6, lambda _i: course_completion_record(user=learner, course=course).pk)
    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1


def test_a_real_worker_on_redis_sends_the_completion_email(learner, course):
    from celery.contrib.testing.worker import start_worker

    from lms.celery import app

    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not app.conf.task_always_eager
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        completion = course_completion_record(user=learner, course=course)
        # delay_on_commit: in a transaction=True test there is no open transaction, so it is sent
        for _ in range(100):
            completion.refresh_from_db()
            if completion.confirmation_sent_at:
                break
            threading.Event().wait(0.1)
    assert completion.confirmation_sent_at is not None
    assert [m.to for m in mail.outbox] == [[learner.email]]


def test_a_real_worker_refreshes_the_ta_figures_when_a_ta_request_is_made(liaison):
    from celery.contrib.testing.worker import start_worker
    from django.utils import timezone

    from analytics.pipeline.models import AnalyticsRun
    from content.ta.models import TAKind
    from content.ta.services import ta_request_create
    from lms.celery import app
    from tests.content.ta.factories import issue_area

    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        ta_request_create(
            requester=liaison,
            department=liaison.department,
            topic=issue_area(),
            kind=TAKind.TRAINING,
            title="Equity training for our supervisors",
            description="A session for twelve supervisors.",
            as_of=timezone.now(),
        )
        runs = AnalyticsRun.objects.filter(kind="incremental", status="complete")
        for _ in range(150):
            if runs.exists():
                break
            threading.Event().wait(0.1)
    assert runs.count() == 1


def test_health_reports_the_real_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
