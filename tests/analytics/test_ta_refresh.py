"""A new or changed TA request reaches the analytics at once (an incremental run queued by the
write), not only after the nightly run."""

from decimal import Decimal

import pytest
from django.utils import timezone

from analytics.models import AnalyticsRun, SnapshotSlice
from content.models import TAKind, TAStatus
from content.services.ta import ta_request_create, ta_request_update
from tests.content.ta_factories import issue_area

# Tasks run in-process here: the first CI pass (no broker) runs these.
pytestmark = pytest.mark.embedded


@pytest.mark.django_db
def test_a_new_ta_request_queues_the_incremental_ta_refresh(
    liaison, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ta_request_create(
            requester=liaison,
            department=liaison.department,
            topic=issue_area(),
            kind=TAKind.TRAINING,
            title="Equity training for our supervisors",
            description="A session for twelve supervisors.",
            as_of=timezone.now(),
        )
    run = AnalyticsRun.objects.get()
    assert run.kind == "incremental"
    assert run.status == "complete"
    visible = set(SnapshotSlice.objects.filter(run=run).values_list("key", flat=True))
    assert visible
    assert all("ta" in key for key in visible), visible


@pytest.mark.django_db
def test_a_status_change_refreshes_the_ta_figures_again(
    liaison, ore, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ta_request_create(
            requester=liaison,
            department=liaison.department,
            topic=issue_area(),
            kind=TAKind.TRAINING,
            title="Equity training for our supervisors",
            description="A session for twelve supervisors.",
            as_of=timezone.now(),
        )
    with django_capture_on_commit_callbacks(execute=True):
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
    assert AnalyticsRun.objects.filter(kind="incremental", status="complete").count() == 2
