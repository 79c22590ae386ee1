"""Celery tasks: thin, idempotent wrappers around services."""

from celery import shared_task
from django.utils import timezone

from . import assignments, services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def completion_email_send_task(*, completion_id: int) -> bool:
    return services.completion_email_send(completion_id=completion_id)


@shared_task(acks_late=True)
def assignments_refresh_stale_task(*, as_of: str | None = None) -> int:
    """Recomputes what changed; returns the number of assignments it changed."""
    day = date_from(as_of)
    return assignments.assignments_refresh_stale(as_of=day).changed


@shared_task(acks_late=True)
def assignments_reconcile_task(*, as_of: str | None = None) -> int:
    """The nightly full reconciliation; returns the number of assignments it changed."""
    return assignments.assignments_reconcile(as_of=date_from(as_of)).changed


def date_from(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else timezone.localdate()
