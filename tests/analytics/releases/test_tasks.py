"""The nightly analytics task runs once per day: a second copy of it (two beats, a redelivered
message) finds the day done and runs nothing; a copy after a failed one does the work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from analytics.pipeline.models import AnalyticsRun, RunKind, RunStatus
from analytics.releases.models import MonitoringRelease
from analytics.releases.tasks import analytics_nightly_task


@pytest.fixture
def nightly(tmp_path, settings, staffed):
    settings.MONITORING_RELEASE_DIR = tmp_path / "releases"
    settings.MONITORING_PUSH_URL = ""
    return timezone.localdate().isoformat()


@pytest.mark.django_db
def test_the_nightly_task_queued_twice_makes_one_run_and_one_release(nightly):
    first = analytics_nightly_task(as_of=nightly)
    second = analytics_nightly_task(as_of=nightly)

    assert second == first
    assert list(AnalyticsRun.objects.filter(kind=RunKind.FULL).values_list("pk", flat=True)) == [
        first
    ]
    assert MonitoringRelease.objects.count() == 1


@pytest.mark.django_db
def test_the_next_day_runs_again(nightly):
    today = timezone.localdate()
    analytics_nightly_task(as_of=(today - timedelta(days=1)).isoformat())
    analytics_nightly_task(as_of=today.isoformat())

    assert AnalyticsRun.objects.filter(kind=RunKind.FULL).count() == 2
    assert MonitoringRelease.objects.count() == 2


@pytest.mark.django_db
def test_a_copy_after_a_run_that_never_published_does_the_work(nightly, settings, tmp_path):
    releases = settings.MONITORING_RELEASE_DIR
    settings.MONITORING_RELEASE_DIR = tmp_path / "not-a-directory"
    settings.MONITORING_RELEASE_DIR.write_text("")  # the release cannot be written there
    with pytest.raises(FileExistsError):
        analytics_nightly_task(as_of=nightly)
    assert AnalyticsRun.objects.filter(kind=RunKind.FULL, status=RunStatus.COMPLETE).count() == 1
    assert not MonitoringRelease.objects.exists()

    settings.MONITORING_RELEASE_DIR = releases
    run_id = analytics_nightly_task(as_of=nightly)

    assert AnalyticsRun.objects.filter(kind=RunKind.FULL, status=RunStatus.COMPLETE).count() == 2
    release = MonitoringRelease.objects.get()
    assert run_id in release.runs
