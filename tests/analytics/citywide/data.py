"""Hand-made analytics snapshots for the citywide dashboard tests: runs, cells and pointers."""

import calendar
from datetime import date, datetime, time

from django.utils import timezone

from analytics.pipeline.indicators import BY_CODE, slice_key
from analytics.pipeline.models import AnalyticsRun, IndicatorValue, RunStatus, SnapshotSlice
from lms.fiscal import fiscal_year_of

AS_OF = date(2026, 11, 24)
FY = 2027  # FY 2026-27, the year holding AS_OF
FY_START = date(2026, 7, 1)


def run_make(*, as_of: date = AS_OF, status: str = RunStatus.COMPLETE) -> AnalyticsRun:
    started = timezone.make_aware(datetime.combine(as_of, time(2, 0)))
    return AnalyticsRun.objects.create(
        kind="full",
        status=status,
        as_of=as_of,
        started_at=started,
        finished_at=started.replace(minute=5) if status == RunStatus.COMPLETE else None,
    )


def period_end(period_type: str, start: date) -> date:
    if period_type == "fiscal_year":
        return date(start.year + 1, 6, 30)
    months = 3 if period_type == "fiscal_quarter" else 1
    month = start.month + months - 1
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def cell(
    run: AnalyticsRun,
    indicator: str,
    *,
    period_type: str = "fiscal_year",
    start: date = FY_START,
    scope: str = "citywide",
    requirement=None,
    course=None,
    department=None,
    job_class=None,
    numerator: float | None = None,
    denominator: float | None = None,
    value: float | None = None,
) -> IndicatorValue:
    family = BY_CODE[indicator].family
    key = slice_key(
        family,
        fiscal_year_of(start),
        requirement_id=requirement.pk if requirement is not None else None,
    )
    return IndicatorValue.objects.create(
        run=run,
        slice_key=key,
        indicator=indicator,
        requirement=requirement,
        course=course,
        period_type=period_type,
        period_start=start,
        period_end=period_end(period_type, start),
        scope=scope,
        department=department,
        job_class=job_class,
        numerator=numerator,
        denominator=denominator,
        value=value,
    )


def compliance_cells(
    run: AnalyticsRun,
    requirement,
    *,
    completed: int,
    on_time: int,
    audience: int,
    overdue: int,
    **where,
) -> None:
    """completion_rate, on_time_rate and overdue_count for one requirement, group and period."""
    cell(
        run,
        "completion_rate",
        requirement=requirement,
        numerator=completed,
        denominator=audience,
        value=completed / audience,
        **where,
    )
    cell(
        run,
        "on_time_rate",
        requirement=requirement,
        numerator=on_time,
        denominator=audience,
        value=on_time / audience,
        **where,
    )
    cell(
        run,
        "overdue_count",
        requirement=requirement,
        numerator=overdue,
        denominator=audience,
        value=overdue,
        **where,
    )


def make_visible(run: AnalyticsRun) -> None:
    """Point every slice the run wrote at it, as a completed run does."""
    for key in set(run.values.values_list("slice_key", flat=True)):
        SnapshotSlice.objects.update_or_create(
            key=key, defaults={"run": run, "computed_from_at": run.started_at}
        )
