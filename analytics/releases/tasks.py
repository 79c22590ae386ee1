"""Celery tasks of the monitoring dataset: publish a release, push one, and the nightly run that
ends with a release. Thin wrappers around `analytics.releases.publishing`,
`analytics.releases.pushing` and the pipeline's services; arguments are ids and ISO dates. They
keep the names they were registered under (`analytics.tasks_publishing.<name>`,
`analytics.tasks.analytics_nightly_task`): lms/celery.py and queued messages use them."""

import contextlib
from datetime import date

from celery import shared_task
from django.db import connection
from django.utils import timezone

from analytics.pipeline import services
from analytics.pipeline.models import AnalyticsRun, RunKind, RunStatus
from analytics.releases import publishing, pushing
from analytics.releases.models import MonitoringRelease
from lms.users.models import User

# The first half of the nightly task's advisory lock key on PostgreSQL (the day is the second).
_NIGHTLY_LOCK_KEY = 0x4E494748


@shared_task(name="analytics.tasks_publishing.monitoring_release_publish_task", acks_late=True)
def monitoring_release_publish_task(*, as_of: str | None = None, user_id: int | None = None) -> int:
    """Publishes a release (`as_of`: the reporting date, ISO; default that of the visible runs)
    and returns its id. A worker that dies part-way leaves at most an unrecorded directory;
    running again writes a new version."""
    release = publishing.monitoring_release_publish(
        as_of=date.fromisoformat(as_of) if as_of else None,
        created_by=User.objects.filter(pk=user_id).first() if user_id else None,
    )
    return release.pk


@shared_task(name="analytics.tasks_publishing.monitoring_release_push_task", acks_late=True)
def monitoring_release_push_task(*, release_id: int) -> str:
    """Pushes a valid release (retrying inside, see `analytics.releases.pushing`); returns the push
    status. Repeating it after a success sends nothing."""
    return pushing.monitoring_release_push(release_id=release_id).push_status


@shared_task(name="analytics.tasks.analytics_nightly_task", acks_late=True)
def analytics_nightly_task(*, as_of: str | None = None) -> int:
    """The nightly full run, then the monitoring release built from it. Returns the run id.

    Once per day across workers: when the task is queued twice (two beats, a message
    redelivered) the copies take turns, and a copy that finds the day's full run completed
    and a release published after it returns that run's id instead of running again. A copy
    whose predecessor failed or died does the work."""
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    with _nightly_lock(day):
        done = _nightly_done(day)
        if done is not None:
            return done.pk
        run = services.analytics_run_full(as_of=day)
        publishing.monitoring_release_publish(as_of=run.as_of)
    return run.pk


def _nightly_done(day: date) -> AnalyticsRun | None:
    run = (
        AnalyticsRun.objects.filter(kind=RunKind.FULL, as_of=day, status=RunStatus.COMPLETE)
        .order_by("-finished_at")
        .first()
    )
    released = (
        run is not None
        and MonitoringRelease.objects.filter(as_of=day, created_at__gte=run.finished_at).exists()
    )
    return run if released else None


@contextlib.contextmanager
def _nightly_lock(day: date):
    """One nightly task per day at a time: a PostgreSQL session advisory lock, waited for, and
    released when the task ends (or by the server when a killed worker's connection drops).
    SQLite needs none: one process writes (the embedded run queues nothing)."""
    if connection.vendor != "postgresql":
        yield
        return
    key = [_NIGHTLY_LOCK_KEY, day.toordinal()]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", key)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)
