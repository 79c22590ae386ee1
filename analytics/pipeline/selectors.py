"""Reading the visible analytics snapshots: for each slice, the rows of the run its pointer names.

Dashboards, the liaison panels and the monitoring release read only through here, so none of
them ever sees a run that is still being written, and none reads raw progress rows.
"""

from functools import reduce
from operator import or_

import pandas as pd
from django.db.models import Q, QuerySet

from analytics.pipeline.models import AnalyticsRun, IndicatorValue, RunStatus, SnapshotSlice


def visible_slices() -> dict[str, int]:
    """slice key -> id of the run whose rows are visible for it (one query)."""
    return dict(SnapshotSlice.objects.values_list("key", "run_id"))


def indicator_values_visible(
    *, slices: dict[str, int] | None = None, **filters
) -> QuerySet[IndicatorValue]:
    """The visible rows, narrowed by `filters` (field lookups on IndicatorValue, e.g.
    `indicator="completion_rate", scope="department", department_id=3`). One query for the
    pointers (skipped when `slices` is passed) and the queryset itself; empty when nothing has
    been computed yet."""
    if slices is None:
        slices = visible_slices()
    if not slices:
        return IndicatorValue.objects.none()
    by_run: dict[int, list[str]] = {}
    for key, run_id in slices.items():
        by_run.setdefault(run_id, []).append(key)
    visible = reduce(
        or_, (Q(run_id=run_id, slice_key__in=keys) for run_id, keys in sorted(by_run.items()))
    )
    return IndicatorValue.objects.filter(visible, **filters)


def last_complete_run_get() -> AnalyticsRun | None:
    return AnalyticsRun.objects.filter(status=RunStatus.COMPLETE).order_by("-finished_at").first()


def analytics_run_list_recent(*, limit: int) -> list[AnalyticsRun]:
    """The newest runs of any kind and status (one query)."""
    return list(AnalyticsRun.objects.order_by("-started_at")[:limit])


def visible_cells_frame(**filters) -> pd.DataFrame:
    """Every visible cell as a DataFrame, with the department's code and name and the job
    class's code and title alongside the ids, and `run_id` and `computed_at` (when that run
    finished). Ordered by indicator, requirement, course, period, scope and group."""
    fields = [
        "run_id",
        "run__finished_at",
        "slice_key",
        "indicator",
        "requirement_id",
        "requirement__name",
        "course_id",
        "course__title",
        "period_type",
        "period_start",
        "period_end",
        "scope",
        "department_id",
        "department__code",
        "department__name",
        "job_class_id",
        "job_class__code",
        "job_class__title",
        "numerator",
        "denominator",
        "value",
    ]
    rows = (
        indicator_values_visible(**filters)
        .order_by(
            "indicator",
            "requirement_id",
            "course_id",
            "period_type",
            "period_start",
            "scope",
            "department__code",
            "job_class__code",
        )
        .values_list(*fields)
    )
    frame = pd.DataFrame.from_records(list(rows), columns=fields)
    return frame.rename(
        columns={
            "run__finished_at": "computed_at",
            "requirement__name": "requirement_name",
            "course__title": "course_title",
            "department__code": "department_code",
            "department__name": "department_name",
            "job_class__code": "job_class_code",
            "job_class__title": "job_class_title",
        }
    )
