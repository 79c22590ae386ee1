"""Analytics runs and releases racing each other, and a worker killed mid-run, on PostgreSQL."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from analytics.pipeline.models import AnalyticsRun, DirtyMark, RunStatus, SnapshotSlice
from analytics.pipeline.services import (
    analytics_mark_dirty,
    analytics_refresh_dirty,
    analytics_run_full,
    analytics_runs_abandon,
)
from analytics.releases.models import MonitoringRelease, ReleaseStatus
from analytics.releases.publishing import latest_version_read, monitoring_release_publish
from tests.analytics.releases.data import glossary_definitions, snapshot
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


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def _cells(run) -> set[tuple]:
    from analytics.pipeline.models import IndicatorValue

    return set(
        IndicatorValue.objects.filter(run=run).values_list(
            "indicator",
            "scope",
            "department_id",
            "requirement_id",
            "period_type",
            "period_end",
            "numerator",
            "denominator",
        )
    )


def _connections_open() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_a_full_run_reads_alongside_on_a_connection_it_closes_and_counts_the_same(
    course, monkeypatch
):
    from analytics.pipeline import extract

    department = DepartmentFactory()
    RequirementFactory(course=course)
    for _ in range(5):
        UserFactory(department=department)
    compliance_refresh()
    read_by = []
    read = extract.assessments_frame

    def assessments_frame(**kwargs):
        read_by.append(threading.current_thread() is threading.main_thread())
        return read(**kwargs)

    monkeypatch.setattr(extract, "assessments_frame", assessments_frame)
    before = _connections_open()

    alongside = analytics_run_full()
    counted = _cells(alongside)  # before the next run prunes it
    with transaction.atomic():  # inside a transaction every read is in this thread
        inline = analytics_run_full()

    assert read_by == [False, True]
    assert alongside.status == inline.status == "complete"
    assert counted
    assert counted == _cells(inline)
    assert _connections_open() == before


def test_a_dirty_mark_committed_during_an_incremental_run_waits_for_the_next(course, department):
    """The marking transaction inserts its mark first (a lower id) and commits only after the
    run has read the marks: the run must not delete it."""
    requirement = RequirementFactory(course=course)
    UserFactory.create_batch(3, department=department)
    compliance_refresh()
    analytics_run_full()
    today = timezone.localdate()

    marked, marks_read, committed = threading.Event(), threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def mark_slowly():
        try:
            with transaction.atomic():
                analytics_mark_dirty(touched={requirement.pk: today})
                marked.set()
                assert marks_read.wait(timeout=30), "the run never read the marks"
        except BaseException as error:  # reported by the test below
            failures.append(error)
        finally:
            committed.set()
            connection.close()

    marker = threading.Thread(target=mark_slowly)
    marker.start()
    assert marked.wait(timeout=30)
    analytics_mark_dirty(touched={requirement.pk: today})  # committed, with the higher id

    def pause_after_reading_marks(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if (
            not marks_read.is_set()
            and sql.lstrip().upper().startswith("SELECT")
            and DirtyMark._meta.db_table in sql
        ):
            marks_read.set()
            assert committed.wait(timeout=30), "the marking transaction never committed"
        return result

    with connection.execute_wrapper(pause_after_reading_marks):
        run = analytics_refresh_dirty(as_of=today)
    marker.join(timeout=30)
    assert not failures, failures

    assert run is not None
    assert run.status == RunStatus.COMPLETE
    # The mark the run could not see is still waiting; the next run takes it.
    assert DirtyMark.objects.count() == 1
    assert analytics_refresh_dirty(as_of=today) is not None
    assert not DirtyMark.objects.exists()


_KILLED_RUN = """
import sys, time
import django
django.setup()
from analytics.pipeline.services import analytics_run_full

def progress(line):
    if line.startswith("Computing"):
        print("computing", flush=True)
        time.sleep(600)  # killed here, half-way through the run

analytics_run_full(progress=progress)
"""


def test_a_run_whose_worker_is_killed_is_abandoned_and_the_next_run_completes(
    client, settings, ore, course, department
):
    requirement = RequirementFactory(course=course)
    UserFactory.create_batch(3, department=department)
    compliance_refresh()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(),  # the test database this test wrote to
    }
    worker = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", _KILLED_RUN],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        line = ""
        deadline = time.monotonic() + 120
        while "computing" not in line and time.monotonic() < deadline:
            line = worker.stdout.readline()
            assert line or worker.poll() is None, "the worker ended before its run was half done"
        assert "computing" in line
        killed = AnalyticsRun.objects.get()
        assert killed.status == RunStatus.RUNNING
        assert killed.heartbeat_at is not None
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        worker.stdout.close()

    # Not abandoned while its heartbeat is recent ...
    settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT = 600
    assert analytics_runs_abandon(now=timezone.now()) == 0
    # ... and abandoned once it has been silent for longer than the timeout.
    settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT = 1
    time.sleep(1.5)
    later = analytics_run_full()
    killed.refresh_from_db()
    assert killed.status == RunStatus.ABANDONED
    assert later.status == RunStatus.COMPLETE
    assert set(SnapshotSlice.objects.values_list("run_id", flat=True)) == {later.pk}
    assert SnapshotSlice.objects.filter(key__startswith=f"req{requirement.pk}-").exists()

    client.force_login(ore)
    html = client.get("/analytics/releases/").content.decode()
    assert "<strong>Abandoned</strong>" in html


def test_the_nightly_task_twice_at_once_makes_one_run_and_one_release(settings, tmp_path, course):
    """Two workers given the day's nightly task at once (two beats, a redelivered message):
    one runs and publishes, the other waits its turn and finds the day done."""
    from analytics.releases.tasks import analytics_nightly_task

    settings.MONITORING_RELEASE_DIR = tmp_path
    settings.MONITORING_PUSH_URL = ""
    department = DepartmentFactory()
    RequirementFactory(course=course)
    UserFactory.create_batch(3, department=department)
    compliance_refresh()
    day = timezone.localdate().isoformat()

    run_ids = at_once(2, lambda _i: analytics_nightly_task(as_of=day))

    assert run_ids[0] == run_ids[1]
    assert list(AnalyticsRun.objects.values_list("pk", flat=True)) == [run_ids[0]]
    assert MonitoringRelease.objects.count() == 1
