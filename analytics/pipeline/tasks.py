"""Celery tasks of the analytics runs: thin, idempotent wrappers around the pipeline services.
They keep the names they were registered under in `analytics.tasks` (lms/celery.py and queued
messages use them)."""

from datetime import date

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from analytics.pipeline import services
from lms.queueing import coalesced_finished


@shared_task(name="analytics.tasks.analytics_run_full_task", acks_late=True)
def analytics_run_full_task(*, as_of: str | None = None) -> int:
    """A full analytics run; returns its id."""
    return services.analytics_run_full(as_of=_day(as_of)).pk


@shared_task(name="analytics.tasks.analytics_refresh_dirty_task", acks_late=True)
def analytics_refresh_dirty_task(*, as_of: str | None = None) -> int:
    """The incremental run for every requirement marked dirty; returns the run id, or 0 when
    another task already took the marks. Then queues the next run,
    `ANALYTICS_REFRESH_DELAY_SECONDS` later, if statuses changed meanwhile."""
    run = services.analytics_refresh_dirty(as_of=_day(as_of))
    coalesced_finished(
        "analytics.tasks.analytics_refresh_dirty_task",
        marks_left=services.dirty_marks_exist,
        seconds=settings.ANALYTICS_REFRESH_DELAY_SECONDS,
    )
    return run.pk if run else 0


@shared_task(name="analytics.tasks.analytics_refresh_ta_task", acks_late=True)
def analytics_refresh_ta_task(*, as_of: str | None = None) -> int:
    """The incremental run of the TA figures (after a TA request changed); returns its id."""
    return services.analytics_refresh_ta(as_of=_day(as_of)).pk


def _day(value: str | None) -> date:
    return date.fromisoformat(value) if value else timezone.localdate()
