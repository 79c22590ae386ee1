"""Analytics runs and releases racing each other on PostgreSQL."""

from pathlib import Path

import pytest

from analytics.models import AnalyticsRun, MonitoringRelease, ReleaseStatus, SnapshotSlice
from analytics.publishing import latest_version_read, monitoring_release_publish
from analytics.services import analytics_run_full
from tests.analytics.release_data import glossary_definitions, snapshot
from tests.factories import DepartmentFactory, RequirementFactory, UserFactory, compliance_refresh
from tests.integration.threads import at_once

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_publishes_at_once_both_land_and_one_is_latest(settings, tmp_path: Path, course):
    settings.MONITORING_RELEASE_DIR = tmp_path
    settings.MONITORING_PUSH_URL = ""
    departments = [DepartmentFactory() for _ in range(4)]
    requirement = RequirementFactory(course=course)
    glossary_definitions()
    snapshot(requirement=requirement, departments=departments)

    releases = at_once(2, lambda _i: monitoring_release_publish())

    assert {release.status for release in releases} == {ReleaseStatus.VALID}
    assert MonitoringRelease.objects.count() == 2
    latest = MonitoringRelease.objects.get(is_latest=True)
    assert latest_version_read(tmp_path) == latest.version


def test_two_full_runs_at_once_leave_every_slice_on_one_complete_run(course):
    department = DepartmentFactory()
    RequirementFactory(course=course)
    for _ in range(5):
        UserFactory(department=department)
    compliance_refresh()

    runs = at_once(2, lambda _i: analytics_run_full())

    assert {run.status for run in runs} == {"complete"}
    visible = set(SnapshotSlice.objects.values_list("run_id", flat=True))
    assert len(visible) == 1
    # The run that began reading last holds every slice.
    assert visible == {AnalyticsRun.objects.order_by("-started_at").first().pk}
