"""A new or changed TA request reaches the analytics at once (an incremental run queued by the
write when it commits), not only after the nightly run. The task is called here as a function;
tests/integration runs it on a real worker."""

from decimal import Decimal
from types import MethodType

import pytest
from django.utils import timezone

from analytics.pipeline.models import AnalyticsRun, SnapshotSlice
from analytics.pipeline.tasks import analytics_refresh_ta_task
from content.ta.models import TAKind, TAStatus
from content.ta.services import ta_request_create, ta_request_update
from tests.content.ta.factories import issue_area

TA_REFRESH = analytics_refresh_ta_task.name


def _request(liaison):
    return ta_request_create(
        requester=liaison,
        department=liaison.department,
        topic=issue_area(),
        kind=TAKind.TRAINING,
        title="Equity training for our supervisors",
        description="A session for twelve supervisors.",
        as_of=timezone.now(),
    )


def _queued_tasks(callbacks) -> list[str]:
    """The names of the Celery tasks the captured on-commit callbacks would send."""
    return [
        callback.func.__self__.name
        for callback in callbacks
        if isinstance(getattr(callback, "func", None), MethodType)
    ]


@pytest.mark.django_db
def test_a_new_ta_request_queues_one_refresh_when_it_commits(
    liaison, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        _request(liaison)
    assert _queued_tasks(queued).count(TA_REFRESH) == 1
    assert not AnalyticsRun.objects.exists()  # nothing runs before the commit


@pytest.mark.django_db
def test_a_status_change_queues_another_refresh(liaison, ore, django_capture_on_commit_callbacks):
    request = _request(liaison)
    with django_capture_on_commit_callbacks() as queued:
        ta_request_update(
            request=request,
            by=ore,
            status=TAStatus.ACCEPTED,
            decline_reason="",
            assigned_to=None,
            internal_notes="",
            hours_logged=Decimal("0"),
            outcome="",
        )
    assert _queued_tasks(queued).count(TA_REFRESH) == 1


@pytest.mark.django_db
def test_the_ta_refresh_task_is_an_incremental_run_of_the_ta_figures_only(liaison):
    _request(liaison)

    run_id = analytics_refresh_ta_task(as_of=timezone.localdate().isoformat())

    run = AnalyticsRun.objects.get(pk=run_id)
    assert run.kind == "incremental"
    assert run.status == "complete"
    visible = set(SnapshotSlice.objects.filter(run=run).values_list("key", flat=True))
    assert visible
    assert all("ta" in key for key in visible), visible
