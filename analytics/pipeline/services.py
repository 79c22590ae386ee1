"""Analytics runs: extract, transform with the pure frames, load the cells, then make them
visible in one step.

A run inserts its rows under its own id while readers keep seeing the previous run's; then, in
one transaction, the slice pointers move to it and it is marked complete. A run that fails or
is killed part-way leaves rows no pointer names (pruned later), so nothing half-written is
ever visible. Running again with no new data gives the same numbers.
"""

import io
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Q
from django.utils import timezone

from analytics.pipeline import extract, frames
from analytics.pipeline.indicators import REQUIREMENT, slice_key
from analytics.pipeline.models import (
    AnalyticsRun,
    DirtyMark,
    IndicatorValue,
    RunKind,
    RunStatus,
    SnapshotSlice,
)
from lms.db_router import replica_alias
from lms.fiscal import fiscal_year_of

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]

# An arbitrary constant naming the advisory lock that serialises pointer moves ("ORE-S").
_POINTER_LOCK_KEY = 0x4F52452D53

_VALUE_COLUMNS = ["run_id", *frames.CELL_COLUMNS]


def analytics_run_full(
    *, as_of: date | None = None, progress: Progress | None = None
) -> AnalyticsRun:
    """Compute every indicator for every period up to `as_of` (default: today) and make the
    result the visible one. Slices that this run no longer produces (a requirement deleted)
    stop being visible. Returns the completed run; raises (after marking the run failed) if
    anything goes wrong, leaving the previous run visible."""
    as_of = as_of or timezone.localdate()
    run = _run_start(kind=RunKind.FULL, as_of=as_of)

    def say(line: str) -> None:
        _run_beat(run)
        if progress:
            progress(line)

    # The replica, if there is one: a night's reads a moment behind the primary are as good.
    source = replica_alias()
    try:
        # The marks committed before this run reads anything: their changes are in its figures.
        # Read where the figures are read: a mark is committed with its change, so a replica
        # that shows the mark has the change too.
        seen = list(DirtyMark.objects.using(source).values_list("pk", flat=True))
        say("Reading assignment cycles…")
        people = extract.people_frame(using=source)
        # Most of a read is PostgreSQL producing rows: the assessments, feedback and TA
        # requests are read on a connection of their own while the cycles are read and counted.
        others = _read_alongside(_other_inputs, people, using=source)
        cycles = extract.cycles_frame(people=people, using=source)
        say(f"  {len(cycles):,} cycles")
        say("Computing compliance indicators…")
        parts = [frames.requirement_indicators(cycles, as_of=as_of)]
        del cycles
        say("Reading and computing knowledge gain, feedback and TA activity…")
        assessments, feedback, ta_requests = others()
        parts += [
            frames.knowledge_gain_by_group(assessments, as_of=as_of),
            frames.feedback_score_by_course(feedback, as_of=as_of),
            frames.ta_activity_by_department(ta_requests, as_of=as_of),
        ]
        cells = pd.concat([part for part in parts if not part.empty] or [frames.empty_cells()])
        say(f"Writing {len(cells):,} cells…")
        _cells_write(run, cells)
        _run_beat(run)
        keys = set(cells["slice_key"])
        _run_publish(run, keys=keys, rows=len(cells), replace_all=True)
    except BaseException as error:
        _run_fail(run, error)
        raise
    say(f"Run {run.pk} complete: {run.row_count:,} cells in {run.seconds:.1f} s")
    # Only the marks it saw: a mark's timestamp is taken at insert, not at commit (and on
    # another machine's clock), so "marked before the run began" may name a change this run
    # never read.
    _marks_delete(seen)
    analytics_runs_prune()
    return run


def _other_inputs(
    people: pd.DataFrame, *, using: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The full run's inputs besides the cycles: assessments, feedback, TA requests."""
    return (
        extract.assessments_frame(people=people, using=using),
        extract.feedback_frame(using=using),
        extract.ta_requests_frame(using=using),
    )


def _read_alongside[T](read: Callable[..., T], *args, using: str) -> Callable[[], T]:
    """`read(*args, using=using)` started on a thread with a database connection of its own;
    returns the function that waits for its result (and raises what it raised). Only on
    PostgreSQL outside a transaction: a transaction's rows (a test's) are invisible to another
    connection, and SQLite has one writer and little to overlap. Elsewhere the read runs when
    its result is asked for, in this thread."""
    database = connections[using]
    if database.vendor != "postgresql" or database.in_atomic_block:
        return lambda: read(*args, using=using)

    def run() -> T:
        try:
            return read(*args, using=using)
        finally:
            connections[using].close()  # this thread's own connection

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analytics-read")
    future = pool.submit(run)
    pool.shutdown(wait=False)  # the thread ends with its read, whether or not it is waited for
    return future.result


def analytics_run_slices(
    *,
    requirement_ids: Iterable[int],
    fiscal_years: Iterable[int],
    as_of: date | None = None,
) -> AnalyticsRun:
    """Recompute the compliance indicators of `requirement_ids` for `fiscal_years` only, and
    make those slices visible: how one completion reaches the dashboards within a second."""
    as_of = as_of or timezone.localdate()
    years = set(fiscal_years)
    return _run_slices(
        wanted={(requirement_id, year) for requirement_id in requirement_ids for year in years},
        as_of=as_of,
    )


def analytics_refresh_touched(*, touched: dict[int, date], as_of: date) -> AnalyticsRun | None:
    """The incremental run for changed assignments: each requirement from the fiscal year of
    the earliest day it changed through the current one."""
    if not touched:
        return None
    current = fiscal_year_of(as_of)
    wanted = {
        (requirement_id, year)
        for requirement_id, day in touched.items()
        for year in range(fiscal_year_of(day), current + 1)
    }
    return _run_slices(wanted=wanted, as_of=as_of)


def _run_slices(*, wanted: set[tuple[int, int]], as_of: date) -> AnalyticsRun:
    """One incremental run over the (requirement id, fiscal year) slices in `wanted`."""
    current = fiscal_year_of(as_of)
    wanted = {(requirement_id, year) for requirement_id, year in wanted if year <= current}
    keys = {
        slice_key(REQUIREMENT, year, requirement_id=requirement_id)
        for requirement_id, year in wanted
    }
    run = _run_start(kind=RunKind.INCREMENTAL, as_of=as_of)
    try:
        cycles = extract.cycles_frame(requirement_ids={pk for pk, _year in wanted})
        _run_beat(run)
        cells = frames.requirement_indicators(
            cycles, as_of=as_of, fiscal_years={year for _pk, year in wanted}
        )
        cells = cells[cells["slice_key"].isin(keys)]
        _run_beat(run)
        _cells_write(run, cells)
        _run_beat(run)
        _run_publish(run, keys=keys, rows=len(cells), replace_all=False)
    except BaseException as error:
        _run_fail(run, error)
        raise
    return run


def analytics_refresh_ta(*, as_of: date | None = None) -> AnalyticsRun:
    """The incremental run for technical assistance: every TA slice recomputed (TA requests
    are few, so all of them), so a new or changed request shows without the nightly run."""
    as_of = as_of or timezone.localdate()
    run = _run_start(kind=RunKind.INCREMENTAL, as_of=as_of)
    try:
        cells = frames.ta_activity_by_department(extract.ta_requests_frame(), as_of=as_of)
        _run_beat(run)
        _cells_write(run, cells)
        _run_publish(run, keys=set(cells["slice_key"]), rows=len(cells), replace_all=False)
    except BaseException as error:
        _run_fail(run, error)
        raise
    analytics_runs_prune()
    return run


def analytics_mark_dirty(*, touched: dict[int, date]) -> None:
    """Record that these requirements' figures changed from the given days on; the refresh
    task picks the marks up."""
    DirtyMark.objects.bulk_create(
        DirtyMark(requirement_id=requirement_id, since_on=day)
        for requirement_id, day in touched.items()
    )


def dirty_marks_exist() -> bool:
    """Whether a change waits for an incremental run."""
    return DirtyMark.objects.exists()


def analytics_refresh_dirty(*, as_of: date | None = None) -> AnalyticsRun | None:
    """One incremental run for every mark waiting, then exactly the marks it read are deleted,
    by id (marks committed meanwhile wait for the next run, even those with a lower id: ids are
    handed out at insert, not at commit). Returns the run, or None when nothing was marked."""
    as_of = as_of or timezone.localdate()
    marks = list(DirtyMark.objects.order_by("pk").values_list("pk", "requirement_id", "since_on"))
    if not marks:
        return None
    touched: dict[int, date] = {}
    for _pk, requirement_id, since_on in marks:
        touched[requirement_id] = min(since_on, touched.get(requirement_id, since_on))
    run = analytics_refresh_touched(touched=touched, as_of=as_of)
    _marks_delete([pk for pk, _requirement_id, _since_on in marks])
    analytics_runs_prune()
    return run


def _marks_delete(pks: list[int], *, chunk: int = 5000) -> None:
    for start in range(0, len(pks), chunk):
        DirtyMark.objects.filter(pk__in=pks[start : start + chunk]).delete()


def analytics_runs_prune(*, keep: int | None = None) -> int:
    """Delete the cells of old runs, keeping every run's record (when, what kind, how many
    cells, how long, any error). Cells stay for every run still visible in some slice and for
    the newest `keep` (ANALYTICS_KEEP_RUNS) complete runs; failed or abandoned runs lose theirs
    after a day. Published releases keep their own copy of the numbers. Returns how many runs
    lost their cells."""
    keep = settings.ANALYTICS_KEEP_RUNS if keep is None else keep
    visible = set(SnapshotSlice.objects.values_list("run_id", flat=True))
    recent = set(
        AnalyticsRun.objects.filter(status=RunStatus.COMPLETE)
        .order_by("-finished_at")
        .values_list("pk", flat=True)[:keep]
    )
    day_ago = timezone.now() - timedelta(days=1)
    doomed = list(
        AnalyticsRun.objects.exclude(pk__in=visible | recent)
        .filter(rows_pruned_at__isnull=True)
        .filter(Q(status=RunStatus.COMPLETE) | Q(started_at__lt=day_ago))
        .values_list("pk", flat=True)
    )
    if doomed:
        IndicatorValue.objects.filter(run_id__in=doomed).delete()
        AnalyticsRun.objects.filter(pk__in=doomed).update(rows_pruned_at=timezone.now())
    return len(doomed)


def _run_start(*, kind: str, as_of: date) -> AnalyticsRun:
    now = timezone.now()
    # Runs whose worker died are recorded as such; they hold no pointer or lock, so nothing
    # waits for them.
    analytics_runs_abandon(now=now)
    return AnalyticsRun.objects.create(kind=kind, as_of=as_of, started_at=now, heartbeat_at=now)


def _run_beat(run: AnalyticsRun) -> None:
    """The run is alive: it says so between steps (each takes seconds at city scale, far less
    than ANALYTICS_RUN_HEARTBEAT_TIMEOUT). Autocommitted, so other processes see it at once."""
    AnalyticsRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )


def analytics_runs_abandon(*, now: datetime) -> int:
    """Records as abandoned every running run with no heartbeat for
    ANALYTICS_RUN_HEARTBEAT_TIMEOUT seconds before `now`: its worker was killed or lost the
    database, so it will never finish. Its cells stay invisible and are pruned after a day.
    Returns how many. (A run marked abandoned that was only slow may still complete: its
    publish then marks it complete, and the pointers never move backwards.)"""
    silent_since = now - timedelta(seconds=settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT)
    abandoned = AnalyticsRun.objects.filter(status=RunStatus.RUNNING).filter(
        Q(heartbeat_at__lt=silent_since) | Q(heartbeat_at__isnull=True, started_at__lt=silent_since)
    )
    count = abandoned.update(
        status=RunStatus.ABANDONED,
        finished_at=now,
        error=f"No heartbeat for {settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT} s: its worker stopped.",
    )
    if count:
        logger.warning("%s analytics run(s) abandoned: their worker stopped", count)
    return count


def _run_fail(run: AnalyticsRun, error: BaseException) -> None:
    logger.exception("analytics run %s failed", run.pk)
    AnalyticsRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        error=f"{type(error).__name__}: {error}"[:2000],
    )


@transaction.atomic
def _run_publish(run: AnalyticsRun, *, keys: set[str], rows: int, replace_all: bool) -> None:
    """Point `keys` at `run` (unless a run that began reading later already holds one), and
    with `replace_all` withdraw the slices this run did not produce. Runs finishing at the
    same moment take turns here (an advisory lock on PostgreSQL; SQLite has one writer)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POINTER_LOCK_KEY])
    held = {
        pointer.key: pointer
        for pointer in SnapshotSlice.objects.select_for_update().filter(key__in=keys)
    }
    moved = []
    for key in keys:
        pointer = held.get(key)
        if pointer is None:
            SnapshotSlice.objects.create(key=key, run=run, computed_from_at=run.started_at)
        elif pointer.computed_from_at < run.started_at:
            pointer.run = run
            pointer.computed_from_at = run.started_at
            moved.append(pointer)
    SnapshotSlice.objects.bulk_update(moved, ["run", "computed_from_at"])
    if replace_all:
        SnapshotSlice.objects.exclude(key__in=keys).filter(
            computed_from_at__lt=run.started_at
        ).delete()
    run.status = RunStatus.COMPLETE
    run.finished_at = timezone.now()
    run.seconds = (run.finished_at - run.started_at).total_seconds()
    run.slice_count = len(keys)
    run.row_count = rows
    run.save(update_fields=["status", "finished_at", "seconds", "slice_count", "row_count"])


def _cells_write(run: AnalyticsRun, cells: pd.DataFrame) -> None:
    """Insert the cells under `run`: COPY on PostgreSQL, executemany elsewhere. Nobody can see
    these rows until `_run_publish` points the slices at the run."""
    if cells.empty:
        return
    table = cells.assign(run_id=run.pk)[_VALUE_COLUMNS]
    names = ", ".join(_VALUE_COLUMNS)
    db_table = IndicatorValue._meta.db_table
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        pa_csv.write_csv(
            pa.Table.from_pandas(table, preserve_index=False),
            buffer,
            pa_csv.WriteOptions(include_header=False),
        )
        buffer.seek(0)
        copy_sql = f"COPY {db_table} ({names}) FROM STDIN WITH (FORMAT csv)"
        with (
            connection.cursor() as cursor,
            extract.logged(cursor, copy_sql),
            cursor.cursor.copy(copy_sql) as copy,
        ):
            while block := buffer.read(1 << 20):
                copy.write(block)
        return
    table = table.assign(
        period_start=table["period_start"].astype(str), period_end=table["period_end"].astype(str)
    )
    records = table.astype(object).where(table.notna(), None)
    markers = ", ".join(["?"] * len(_VALUE_COLUMNS))
    insert = f"INSERT INTO {db_table} ({names}) VALUES ({markers})"  # noqa: S608
    # One transaction (SQLite would otherwise commit, and sync, row by row), through the bare
    # DB-API cursor: Django's wrapper would rewrite and log every one of the rows (the query log
    # gets the statement once).
    with transaction.atomic(), connection.cursor() as cursor, extract.logged(cursor, insert):
        raw = connection.connection.cursor()
        try:
            raw.executemany(insert, records.itertuples(index=False, name=None))
        finally:
            raw.close()
