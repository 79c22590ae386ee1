"""Celery tasks of compliance: thin, idempotent wrappers around one service each. Registered
under their first names (courses.tasks.*), which lms/celery.py's beat_schedule and queued
messages carry."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from courses.compliance import assignments, reminders
from lms.queueing import coalesced_finished


@shared_task(name="courses.tasks.assignments_refresh_stale_task", acks_late=True)
def assignments_refresh_stale_task(*, as_of: str | None = None) -> int:
    """Recomputes what changed; returns the number of assignments it changed. Then queues the
    next refresh, `COMPLIANCE_REFRESH_DELAY_SECONDS` later, if changes came meanwhile."""
    day = date_from(as_of)
    changed = assignments.assignments_refresh_stale(as_of=day).changed
    coalesced_finished(
        "courses.tasks.assignments_refresh_stale_task",
        marks_left=assignments.stale_marks_exist,
        seconds=settings.COMPLIANCE_REFRESH_DELAY_SECONDS,
    )
    return changed


@shared_task(name="courses.tasks.assignments_reconcile_task", acks_late=True)
def assignments_reconcile_task(*, as_of: str | None = None) -> int:
    """The nightly full reconciliation; returns the number of assignments it changed."""
    return assignments.assignments_reconcile(as_of=date_from(as_of)).changed


@shared_task(
    name="courses.tasks.reminders_send_task",
    bind=True,
    acks_late=True,
    max_retries=5,
    default_retry_delay=600,
)
def reminders_send_task(self, *, as_of: str | None = None) -> int:
    """Sends the day's reminders; returns how many. Reminders whose email failed are retried
    later for the same day (each reminder is claimed once, so a retry never sends twice)."""
    day = date_from(as_of)
    report = reminders.reminders_send(as_of=day)
    if report.failed:
        raise self.retry(kwargs={"as_of": day.isoformat()})
    return report.sent


@shared_task(
    name="courses.tasks.liaison_digests_send_task",
    bind=True,
    acks_late=True,
    max_retries=5,
    default_retry_delay=600,
)
def liaison_digests_send_task(self, *, as_of: str | None = None) -> int:
    """Sends the week's liaison digests; returns how many. Failed emails are retried later."""
    day = date_from(as_of)
    report = reminders.liaison_digests_send(as_of=day)
    if report.failed:
        raise self.retry(kwargs={"as_of": day.isoformat()})
    return report.sent


def date_from(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else timezone.localdate()
