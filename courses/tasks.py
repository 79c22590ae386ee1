"""Celery tasks: thin, idempotent wrappers around services."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def completion_email_send_task(*, completion_id: int) -> bool:
    return services.completion_email_send(completion_id=completion_id)
