"""The Celery app. Schedules are a static beat_schedule (django-celery-beat lacks Django 6.1)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["lms.users", "content", "courses", "analytics"])
app.conf.beat_schedule = {
    "publish-scheduled-pages": {
        "task": "content.tasks.scheduled_pages_publish_task",
        "schedule": 300.0,
    },
}
