"""Celery task of the xAPI store: forwarding to the city's LRS (a thin wrapper, registered
under courses.tasks.xapi_forward_task; lms/celery.py schedules it every 5 minutes when
XAPI_FORWARD_URL is set)."""

from celery import shared_task

from courses.xapi.forwarding import ForwardError, statements_forward


@shared_task(
    name="courses.tasks.xapi_forward_task",
    acks_late=True,
    autoretry_for=(ForwardError,),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=8,
)
def xapi_forward_task() -> int:
    """Forwards the pending statements; returns how many were sent. Safe to repeat or run twice
    at once: acknowledged batches are marked before the next is sent."""
    return statements_forward().sent
