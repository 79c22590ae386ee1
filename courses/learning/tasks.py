"""Celery tasks of learning: thin, idempotent wrappers around one service each. Registered under
their first names (courses.tasks.*), which queued messages carry."""

from celery import shared_task

from courses.learning import services


@shared_task(
    name="courses.tasks.completion_email_send_task",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def completion_email_send_task(*, completion_id: int) -> bool:
    return services.completion_email_send(completion_id=completion_id)
