"""The Celery app. Schedules are a static beat_schedule (django-celery-beat lacks Django 6.1)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Embedded mode (no CELERY_BROKER_URL): tasks run in-process, yet Celery still takes a producer
# from its pool; the in-memory transport named explicitly keeps kombu from warning
# "No hostname was supplied", which read like a broker failure.
if not app.conf.broker_url:
    app.conf.broker_url = "memory://localhost/"
app.autodiscover_tasks(["lms.users", "content", "courses", "analytics"])
app.conf.beat_schedule = {
    "publish-scheduled-pages": {
        "task": "content.tasks.scheduled_pages_publish_task",
        "schedule": 300.0,
    },
    # Changes queue their own refresh; this catches marks left by a worker that died.
    "compliance-refresh-stale": {
        "task": "courses.tasks.assignments_refresh_stale_task",
        "schedule": 120.0,
    },
    "compliance-reconcile-nightly": {
        "task": "courses.tasks.assignments_reconcile_task",
        "schedule": crontab(hour=2, minute=15),
    },
    "reminders-daily": {
        "task": "courses.tasks.reminders_send_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # After the nightly reconciliation: the full analytics run, then the monitoring release.
    "analytics-nightly": {
        "task": "analytics.tasks.analytics_nightly_task",
        "schedule": crontab(hour=3, minute=0),
    },
    # Excel exports are kept a day (courses.workbench.jobs.EXPORT_KEEP); then their files go.
    "exports-expire-hourly": {
        "task": "courses.tasks.export_jobs_expire_task",
        "schedule": crontab(minute=40),
    },
    "liaison-digests-weekly": {
        "task": "courses.tasks.liaison_digests_send_task",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
}
# Forwarding xAPI statements to the city's LRS, when one is configured (the environment is what
# settings read; Django's settings may not be loaded yet when this module is imported).
if os.environ.get("XAPI_FORWARD_URL"):
    app.conf.beat_schedule["xapi-forward"] = {
        "task": "courses.tasks.xapi_forward_task",
        "schedule": 300.0,
    }
