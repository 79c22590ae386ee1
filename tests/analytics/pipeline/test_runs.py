"""Analytics runs against the real database: what they store, what readers see, and when."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from analytics.pipeline import services
from analytics.pipeline.models import (
    AnalyticsRun,
    DirtyMark,
    IndicatorValue,
    RunStatus,
    SnapshotSlice,
)
from analytics.pipeline.selectors import indicator_values_visible, visible_cells_frame
from analytics.pipeline.tasks import analytics_refresh_dirty_task
from courses.compliance.assignments import assignments_refresh_stale
from courses.learning.services import lesson_complete
from courses.workbench.selectors import requirement_summary_list_for_department
from lms.fiscal import fiscal_year_of
from tests.factories import UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def fy_start(day: date) -> date:
    return date(fiscal_year_of(day) - 1, 7, 1)


def citywide_rate(requirement, *, indicator="completion_rate"):
    row = indicator_values_visible(
        indicator=indicator,
        requirement=requirement,
        scope="citywide",
        period_type="fiscal_year",
        period_start=fy_start(today()),
    ).get()
    return row.numerator, row.denominator


def test_a_full_run_agrees_with_the_liaison_summary(staffed, department):
    run = services.analytics_run_full()
    assert run.status == RunStatus.COMPLETE
    assert citywide_rate(staffed) == (2, 8)
    gsd = indicator_values_visible(
        indicator="completion_rate",
        requirement=staffed,
        scope="department",
        department=department,
        period_type="fiscal_year",
        period_start=fy_start(today()),
    ).get()
    [summary] = requirement_summary_list_for_department(
        department=department, requirements=[staffed], as_of=today()
    )
    assert (gsd.numerator, gsd.denominator) == (summary.completed, summary.required)


def test_running_again_with_no_new_data_gives_identical_numbers(staffed):
    services.analytics_run_full()
    first = visible_cells_frame().drop(columns=["run_id", "computed_at"])
    services.analytics_run_full()
    second = visible_cells_frame().drop(columns=["run_id", "computed_at"])
    assert len(first) > 0
    assert first.equals(second)


def test_a_run_that_crashes_mid_way_leaves_the_previous_run_visible(staffed, monkeypatch):
    good = services.analytics_run_full()
    before = citywide_rate(staffed)

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    # The new rows are written, then the process dies before they are made visible.
    monkeypatch.setattr(services, "_run_publish", crash)
    with pytest.raises(RuntimeError):
        services.analytics_run_full()

    failed = AnalyticsRun.objects.exclude(pk=good.pk).get()
    assert failed.status == RunStatus.FAILED
    assert "worker killed" in failed.error
    assert IndicatorValue.objects.filter(run=failed).exists()
    assert set(SnapshotSlice.objects.values_list("run_id", flat=True)) == {good.pk}
    assert citywide_rate(staffed) == before


def test_one_completion_reaches_the_snapshots_through_an_incremental_run(
    staffed, department, lessons, django_capture_on_commit_callbacks
):
    full = services.analytics_run_full()
    newcomer = UserFactory(department=department)
    compliance_refresh()
    with django_capture_on_commit_callbacks() as queued:
        for lesson in lessons:
            lesson_complete(user=newcomer, lesson=lesson)
    assert queued, "a completion queues the refresh of stale assignments"

    # The stale refresh (run here as the worker would) queues the incremental analytics run.
    with django_capture_on_commit_callbacks() as after_refresh:
        assignments_refresh_stale(as_of=today())
    assert after_refresh, "changed assignments queue an incremental analytics run"
    assert DirtyMark.objects.filter(requirement=staffed).exists()
    run_id = analytics_refresh_dirty_task(as_of=today().isoformat())
    assert not DirtyMark.objects.exists()
    # The next task queued by the same burst of changes finds nothing to do.
    assert analytics_refresh_dirty_task(as_of=today().isoformat()) == 0

    incremental = AnalyticsRun.objects.get(pk=run_id)
    assert incremental.kind == "incremental"
    # The full run's numbers said 2 of 8; the new person joined and completed.
    assert citywide_rate(staffed) == (3, 9)
    # Slices the incremental run did not touch still come from the full run.
    pointers = dict(SnapshotSlice.objects.values_list("key", "run_id"))
    key = f"req{staffed.pk}-fy{fiscal_year_of(today())}"
    assert pointers[key] == incremental.pk
    # Their cycle opened last fiscal year, but a completion today moves only today's figures:
    # this year alone was recomputed.
    assert fiscal_year_of(staffed.effective_on) < fiscal_year_of(today())
    assert set(SnapshotSlice.objects.filter(run=incremental).values_list("key", flat=True)) == {
        f"req{staffed.pk}-fy{fiscal_year_of(today())}"
    }
    assert full.status == RunStatus.COMPLETE


def test_an_older_run_never_replaces_a_newer_one(staffed, lessons, department):
    slow = services._run_start(kind="full", as_of=today())
    services.analytics_run_full()
    newest = citywide_rate(staffed)
    services._run_publish(
        slow, keys={f"req{staffed.pk}-fy{fiscal_year_of(today())}"}, rows=0, replace_all=True
    )
    assert citywide_rate(staffed) == newest
    assert not SnapshotSlice.objects.filter(run=slow).exists()


def test_pruning_keeps_visible_runs_and_deletes_old_rows(staffed):
    first = services.analytics_run_full()
    second = services.analytics_run_full()
    assert services.analytics_runs_prune(keep=0) == 1
    first.refresh_from_db()
    assert first.rows_pruned_at is not None
    assert first.row_count > 0, "the run's record stays"
    assert not IndicatorValue.objects.filter(run_id=first.pk).exists()
    assert IndicatorValue.objects.filter(run=second).exists()
    assert services.analytics_runs_prune(keep=0) == 0


def test_readers_see_nothing_before_the_first_run(staffed):
    assert not indicator_values_visible().exists()
    assert visible_cells_frame().empty


def test_compute_analytics_prints_progress_and_the_run(staffed, capsys):
    call_command("compute_analytics")
    out = capsys.readouterr().out
    assert "Reading assignment cycles" in out
    run = AnalyticsRun.objects.get()
    assert f"Run {run.pk}:" in out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("25-11-2026", "must be a date like"),
        ("2999-01-01", "future"),
    ],
)
def test_compute_analytics_refuses_a_bad_date_and_changes_nothing(staffed, value, message):
    with pytest.raises(CommandError, match=message):
        call_command("compute_analytics", "--as-of", value)
    assert not AnalyticsRun.objects.exists()


def test_the_liaison_page_compares_the_department_with_the_city(
    client, staffed, liaison, department
):
    services.analytics_run_full()
    client.force_login(liaison)
    response = client.get(f"/liaison/{department.code}/")
    [row] = response.context["comparison"].rows
    # GSD: the learner of five people; the city: two of eight.
    gsd, city = row.department["completion_rate"], row.citywide["completion_rate"]
    assert (gsd.numerator, gsd.denominator) == (1, 5)
    assert (city.numerator, city.denominator) == (2, 8)
    html = response.content.decode()
    assert "This fiscal year against the city" in html
    # Whole percentages, rounded down, as everywhere on the liaison page.
    assert '<td class="num">20%</td>' in html
    assert '<td class="num">25%</td>' in html


def test_the_liaison_comparison_reads_no_other_department(
    client, staffed, liaison, other_department
):
    services.analytics_run_full()
    client.force_login(liaison)
    response = client.get("/liaison/GSD/")
    scopes = {
        (cell.numerator, cell.denominator)
        for row in response.context["comparison"].rows
        for cell in (*row.department.values(), *row.citywide.values())
    }
    lapl = indicator_values_visible(
        indicator="completion_rate", scope="department", department=other_department
    ).first()
    assert (lapl.numerator, lapl.denominator) not in scopes or lapl.denominator == 0
    assert client.get(f"/liaison/{other_department.code}/").status_code == 404


def test_many_changes_to_one_requirement_make_one_run_from_the_earliest_day(staffed, course):
    from tests.factories import RequirementFactory

    other = RequirementFactory(course=course)
    last_year = today() - timedelta(days=400)
    services.analytics_mark_dirty(touched={staffed.pk: today()})
    services.analytics_mark_dirty(touched={staffed.pk: last_year, other.pk: today()})
    run = services.analytics_refresh_dirty()
    keys = set(SnapshotSlice.objects.filter(run=run).values_list("key", flat=True))
    this_year, previous = fiscal_year_of(today()), fiscal_year_of(last_year)
    assert f"req{staffed.pk}-fy{previous}" in keys
    assert f"req{staffed.pk}-fy{this_year}" in keys
    assert f"req{other.pk}-fy{this_year}" in keys
    assert f"req{other.pk}-fy{previous}" not in keys
    assert AnalyticsRun.objects.filter(kind="incremental").count() == 1


def test_an_incremental_run_gives_the_numbers_a_full_run_gives(department, course):
    """The incremental run reads only cycles that can count in the years it recomputes."""
    from courses.compliance.models import AssignmentStatus as S
    from tests.courses.workbench.workbench_data import assign
    from tests.factories import RequirementFactory

    requirement = RequirementFactory(course=course, recurrence_months=12)
    day = today()
    for index in range(6):
        person = UserFactory(department=department)
        # An old cycle done, superseded by this year's; one left the audience; one withdrawn.
        assign(
            person,
            requirement,
            cycle=1,
            status=S.COMPLETED_ON_TIME,
            opened_on=day - timedelta(days=800),
            completed_on=day - timedelta(days=700),
            is_current=False,
        )
        assign(
            person,
            requirement,
            cycle=2,
            status=S.IN_PROGRESS if index % 2 else S.COMPLETED_LATE,
            opened_on=day - timedelta(days=300 + index),
            completed_on=None if index % 2 else day - timedelta(days=10 * index),
            is_current=index != 5,
            left_audience_on=day - timedelta(days=20) if index == 5 else None,
        )
    services.analytics_run_full()
    key = f"req{requirement.pk}-fy{fiscal_year_of(day)}"
    full = visible_cells_frame(slice_key=key).drop(columns=["run_id", "computed_at"])
    services.analytics_run_slices(
        requirement_ids=[requirement.pk], fiscal_years=[fiscal_year_of(day)]
    )
    incremental = visible_cells_frame(slice_key=key)
    assert AnalyticsRun.objects.get(pk=incremental["run_id"].iloc[0]).kind == "incremental"
    assert len(full) > 0
    assert full.equals(incremental.drop(columns=["run_id", "computed_at"]))


@pytest.mark.parametrize(
    ("reader", "columns"),
    [
        ("feedback_frame", ["course_id", "submitted_on", "score"]),
        ("ta_requests_frame", ["department_id", "created_on", "hours"]),
        ("assessments_frame", ["user_id", "course_id", "run", "phase", "score", "submitted_on"]),
    ],
)
def test_reading_a_table_with_no_rows_gives_an_empty_frame(reader, columns):
    from analytics.pipeline import extract

    frame = getattr(extract, reader)()
    assert frame.empty
    assert set(columns) <= set(frame.columns)


def test_a_full_run_takes_care_of_changes_marked_before_it(staffed):
    services.analytics_mark_dirty(touched={staffed.pk: today()})
    services.analytics_run_full()
    assert not DirtyMark.objects.exists()
    assert services.analytics_refresh_dirty() is None


def test_an_incremental_run_keeps_a_mark_with_a_lower_id_committed_during_it(staffed, monkeypatch):
    """Ids are handed out at insert, not commit: a change whose transaction inserted its mark
    before the run read the marks, and committed during the run, must wait for the next run."""
    services.analytics_run_full()
    DirtyMark.objects.create(pk=1000, requirement=staffed, since_on=today())
    touched = services.analytics_refresh_touched

    def run_while_an_earlier_transaction_commits(**kwargs):
        run = touched(**kwargs)
        DirtyMark.objects.create(pk=999, requirement=staffed, since_on=today())
        return run

    monkeypatch.setattr(
        services, "analytics_refresh_touched", run_while_an_earlier_transaction_commits
    )
    assert services.analytics_refresh_dirty() is not None
    assert list(DirtyMark.objects.values_list("pk", flat=True)) == [999]


def test_a_full_run_keeps_a_mark_that_committed_after_it_began_reading(staffed, monkeypatch):
    """A mark's time is taken at insert: one stamped before the run began but committed while it
    read (a long transaction, or another machine's clock) is not in the run's figures."""
    from analytics.pipeline import extract

    cycles_frame = extract.cycles_frame

    def read_while_a_change_commits(**kwargs):
        frame = cycles_frame(**kwargs)
        mark = DirtyMark.objects.create(requirement=staffed, since_on=today())
        DirtyMark.objects.filter(pk=mark.pk).update(marked_at=timezone.now() - timedelta(minutes=5))
        return frame

    monkeypatch.setattr(extract, "cycles_frame", read_while_a_change_commits)
    services.analytics_run_full()
    assert DirtyMark.objects.count() == 1
    monkeypatch.undo()
    assert services.analytics_refresh_dirty() is not None
    assert not DirtyMark.objects.exists()


def test_a_run_beats_its_heartbeat_while_it_works(staffed, monkeypatch):
    from analytics.pipeline import extract

    beats = []
    assessments_frame = extract.assessments_frame

    def read_and_note_the_heartbeat(**kwargs):
        beats.append(AnalyticsRun.objects.get(status=RunStatus.RUNNING).heartbeat_at)
        return assessments_frame(**kwargs)

    monkeypatch.setattr(extract, "assessments_frame", read_and_note_the_heartbeat)
    run = services.analytics_run_full()
    run.refresh_from_db()
    assert beats
    assert run.started_at < beats[0] <= run.heartbeat_at


def test_a_run_with_no_heartbeat_is_abandoned_and_blocks_no_later_run(settings, staffed):
    settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT = 600
    killed_at = timezone.now() - timedelta(minutes=30)
    killed = AnalyticsRun.objects.create(
        kind="full", as_of=today(), started_at=killed_at, heartbeat_at=killed_at
    )
    never_beat = AnalyticsRun.objects.create(
        kind="incremental", as_of=today(), started_at=killed_at
    )
    working = AnalyticsRun.objects.create(
        kind="incremental",
        as_of=today(),
        started_at=killed_at,
        heartbeat_at=timezone.now() - timedelta(minutes=5),
    )

    later = services.analytics_run_full()

    assert later.status == RunStatus.COMPLETE
    assert set(SnapshotSlice.objects.values_list("run_id", flat=True)) == {later.pk}
    statuses = dict(AnalyticsRun.objects.values_list("pk", "status"))
    assert statuses[killed.pk] == statuses[never_beat.pk] == RunStatus.ABANDONED
    assert statuses[working.pk] == RunStatus.RUNNING
    killed.refresh_from_db()
    assert "heartbeat" in killed.error
    assert services.analytics_runs_abandon(now=timezone.now()) == 0


def test_a_run_abandoned_while_only_slow_may_still_complete(settings, staffed, monkeypatch):
    """Pointers never move backwards, so a run wrongly taken for dead may finish its work."""
    from analytics.pipeline import extract

    cycles_frame = extract.cycles_frame

    def read_slowly(**kwargs):
        frame = cycles_frame(**kwargs)
        AnalyticsRun.objects.filter(status=RunStatus.RUNNING).update(
            status=RunStatus.ABANDONED, finished_at=timezone.now()
        )
        return frame

    monkeypatch.setattr(extract, "cycles_frame", read_slowly)
    run = services.analytics_run_full()
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETE
    assert citywide_rate(staffed) == (2, 8)


def test_the_liaison_figures_follow_the_visible_run_even_when_cached(
    client, staffed, liaison, department
):
    services.analytics_run_full()
    client.force_login(liaison)
    cell = '<td class="num">20%</td>'
    assert cell in _comparison(client.get(f"/liaison/{department.code}/"))
    assert cell in _comparison(client.get(f"/liaison/{department.code}/"))  # cached
    # Nothing visible any more (no assignment changed): the cached fragment is not reused.
    SnapshotSlice.objects.all().delete()
    comparison = _comparison(client.get(f"/liaison/{department.code}/"))
    assert "no figure yet" in comparison
    assert cell not in comparison


def _comparison(response) -> str:
    """The "against the city" section of a liaison page (the summary above has rates too)."""
    html = response.content.decode()
    return html[html.index('id="comparison-heading"') : html.index('id="trend-heading"')]


def test_without_a_replica_the_full_run_reads_and_writes_the_primary(staffed):
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.test.utils import CaptureQueriesContext

    assert "replica" not in connections.settings
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
        services.analytics_run_full()
    queries = " ".join(query["sql"] for query in on_primary.captured_queries)
    for table in ("courses_assignment", "courses_assessmentresult", "courses_feedbackresponse"):
        assert f"FROM {table}" in queries.replace('"', "")
    assert "INSERT INTO analytics_analyticsrun" in queries.replace('"', "")


def test_the_liaison_figures_stay_cached_while_the_assignments_change(
    client, staffed, liaison, department
):
    """A change to assignments (here a new hire put in the audience) moves the compliance
    version, so the summary is drawn again; the figures come from the nightly run, which did not
    change, so they are not worked out again (on a deadline day the city completes training
    every second)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.analytics_run_full()
    client.force_login(liaison)
    url = f"/liaison/{department.code}/"
    with CaptureQueriesContext(connection) as first:
        before = client.get(url)
    # Drawing the figures reads the analytics values (which runs are visible is read anyway).
    assert "analytics_indicatorvalue" in " ".join(q["sql"] for q in first.captured_queries)
    UserFactory(department=department)
    compliance_refresh()
    with CaptureQueriesContext(connection) as second:
        after = client.get(url)
    assert "analytics_indicatorvalue" not in " ".join(q["sql"] for q in second.captured_queries)
    assert _comparison(after) == _comparison(before)
    # In the audience: 5, then 7 (the new hire, and the liaison, made after the fixture's
    # refresh of assignments).
    assert '<td class="num">5</td>' in _summary(before)
    assert '<td class="num">7</td>' in _summary(after)


def _summary(response) -> str:
    """The "Required training" table of a liaison page."""
    html = response.content.decode()
    return html[html.index('id="summary-heading"') : html.index('id="comparison-heading"')]
