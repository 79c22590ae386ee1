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


@pytest.mark.parametrize("enrolled", [False, True], ids=["first attempt", "enrolled"])
def test_the_same_check_attempt_sent_twice_at_once_is_recorded_once(learner, course, enrolled):
    from courses.learning.models import CheckAttempt, Enrollment
    from courses.xapi.models import Statement
    from tests.courses.learning.test_checks import add_lesson, checks_of, right_answers

    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    if enrolled:
        lesson_complete(user=learner, lesson=course.get_children().live().first().specific)
    answers = {f"answer-{k}": v for k, v in right_answers(check).items()}

    def post(_i):
        client = Client()
        client.force_login(learner)
        return client.post(
            f"/learn/checks/{lesson.pk}/{check.id}/", {"attempt": 1, **answers}
        ).status_code

    # One is recorded; the other waits for it (the enrolment's lock) and reads as a replay.
    assert sorted(at_once(2, post)) == [302, 400]
    assert CheckAttempt.objects.filter(user=learner).count() == 1
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1
    attempt = CheckAttempt.objects.get(user=learner)
    assert Statement.objects.filter(activity_id__endswith=f"/checks/{check.id}").count() == 1
    assert attempt.number == 1


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
