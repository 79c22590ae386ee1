"""The content app's task registry: the app-wide tasks, and the feature task modules imported
so that every process knows their names (AppConfig.ready imports this module)."""

from celery import shared_task

from content.ta import tasks as ta_tasks  # noqa: F401  (registers the TA tasks)


@shared_task(acks_late=True)
def scheduled_pages_publish_task() -> None:
    """Publishes pages whose scheduled go-live time has come (and unpublishes expired ones):
    Wagtail's scheduled publishing needs this run every few minutes (lms/celery.py)."""
    from django.core.management import call_command

    call_command("publish_scheduled")
