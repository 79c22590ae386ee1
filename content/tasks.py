"""Celery tasks of the content app: thin, idempotent wrappers around one service each."""

from celery import shared_task

from content.services import ta


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def ta_status_email_send_task(*, event_id: int) -> bool:
    """Emails the requester about one TA request status event (at least once; see the service)."""
    return ta.ta_status_email_send(event_id=event_id)


@shared_task(acks_late=True)
def scheduled_pages_publish_task() -> None:
    """Publishes pages whose scheduled go-live time has come (and unpublishes expired ones):
    Wagtail's scheduled publishing needs this run every few minutes (lms/celery.py)."""
    from django.core.management import call_command

    call_command("publish_scheduled")
