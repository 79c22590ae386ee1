"""Celery tasks of TA requests: thin, idempotent wrappers around one service each. Registered
under their old names (`content.tasks.*`): queued messages and lms/queueing.py use them."""

from celery import shared_task

from content.ta.services import ta_status_email_send


@shared_task(
    name="content.tasks.ta_status_email_send_task",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def ta_status_email_send_task(*, event_id: int) -> bool:
    """Emails the requester about one TA request status event (at least once; see the service)."""
    return ta_status_email_send(event_id=event_id)
