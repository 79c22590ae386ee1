"""Embedded mode (no CELERY_BROKER_URL): tasks run in-process without a broker warning."""

import logging

import pytest

from content.tasks import scheduled_pages_publish_task

# Tasks run in-process here: the first CI pass (no broker) runs these.
pytestmark = pytest.mark.embedded


@pytest.mark.django_db
def test_a_task_run_in_process_logs_no_broker_warning(caplog, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    with caplog.at_level(logging.WARNING):
        scheduled_pages_publish_task.delay()
    assert not [record for record in caplog.records if record.name.startswith("kombu")], [
        record.getMessage() for record in caplog.records
    ]
