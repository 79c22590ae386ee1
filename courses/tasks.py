"""The courses app's task registry: Celery and AppConfig.ready import this module, which imports
every feature's tasks. Each task keeps its first registered name, courses.tasks.<name>."""

from courses.compliance.tasks import (
    assignments_reconcile_task,
    assignments_refresh_stale_task,
    liaison_digests_send_task,
    reminders_send_task,
)
from courses.learning.tasks import completion_email_send_task
from courses.workbench.tasks import export_job_run_task, export_jobs_expire_task
from courses.xapi.tasks import xapi_forward_task

__all__ = [
    "assignments_reconcile_task",
    "assignments_refresh_stale_task",
    "completion_email_send_task",
    "export_job_run_task",
    "export_jobs_expire_task",
    "liaison_digests_send_task",
    "reminders_send_task",
    "xapi_forward_task",
]
