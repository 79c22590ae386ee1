"""A small visible analytics snapshot and its glossary definitions, for the release tests.

Rows are written the way a completed run leaves them: an AnalyticsRun, its IndicatorValues,
and SnapshotSlice pointers naming it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from analytics.pipeline.indicators import slice_key
from analytics.pipeline.models import (
    AnalyticsRun,
    IndicatorValue,
    RunKind,
    RunStatus,
    SnapshotSlice,
)
from tests.content.glossary.factories import indicator as indicator_page
from tests.factories import DepartmentFactory, JobClassFactory

LA = ZoneInfo("America/Los_Angeles")
AS_OF = date(2026, 11, 25)
FY_START = date(2026, 7, 1)
Q2_START = date(2026, 10, 1)
CODES = ("completion_rate", "overdue_count", "ta_requests")


def glossary_definitions(codes=CODES) -> dict[str, object]:
    """One live indicator page per code, titled after it."""
    return {
        code: indicator_page(title=f"Glossary {code.replace('_', ' ')}", code=code)
        for code in codes
    }


def snapshot(
    *,
    requirement,
    departments,
    as_of: date = AS_OF,
    completed: tuple[int, ...] = (5, 100, 25, 60),
    finished_at: datetime | None = None,
) -> AnalyticsRun:
    """A completed run with visible cells for `requirement` (completion rate and overdue count,
    FY 2026-27 and its Q2) and TA requests, citywide, by department and by one job class.

    `departments`: four departments; `completed` their completions out of 40, 110, 50 and 100
    people, so the first department's 5 is withheld and the third goes with it."""
    finished_at = finished_at or datetime(2026, 11, 25, 3, 0, 12, tzinfo=LA)
    run = AnalyticsRun.objects.create(
        kind=RunKind.FULL,
        status=RunStatus.COMPLETE,
        as_of=as_of,
        started_at=finished_at - timedelta(minutes=5),
        finished_at=finished_at,
    )
    job_class = JobClassFactory(code="1368", title="Senior Administrative Clerk")
    sizes = (40, 110, 50, 100)
    req_key = slice_key("requirement", 2027, requirement_id=requirement.pk)
    ta_key = slice_key("ta", 2027)
    rows = []
    for period_type, start in (("fiscal_year", FY_START), ("fiscal_quarter", Q2_START)):
        common = {
            "run": run,
            "slice_key": req_key,
            "requirement": requirement,
            "period_type": period_type,
            "period_start": start,
            "period_end": as_of,
        }
        total_done, total_people = sum(completed), sum(sizes) + 20  # 20 without department
        rows += [
            IndicatorValue(
                indicator="completion_rate",
                scope="citywide",
                numerator=total_done,
                denominator=total_people,
                value=total_done / total_people,
                **common,
            ),
            IndicatorValue(
                indicator="overdue_count",
                scope="citywide",
                numerator=30,
                denominator=total_people,
                value=30,
                **common,
            ),
            IndicatorValue(
                indicator="completion_rate",
                scope="job_class",
                job_class=job_class,
                numerator=150,
                denominator=200,
                value=0.75,
                **common,
            ),
        ]
        for department, done, size in zip(departments, completed, sizes, strict=True):
            rows.append(
                IndicatorValue(
                    indicator="completion_rate",
                    scope="department",
                    department=department,
                    numerator=done,
                    denominator=size,
                    value=done / size,
                    **common,
                )
            )
    for scope, department, count in (
        ("citywide", None, 7),
        ("department", departments[0], 3),
        ("department", departments[1], 4),
    ):
        rows.append(
            IndicatorValue(
                run=run,
                slice_key=ta_key,
                indicator="ta_requests",
                period_type="fiscal_year",
                period_start=FY_START,
                period_end=as_of,
                scope=scope,
                department=department,
                numerator=count,
                value=count,
            )
        )
    IndicatorValue.objects.bulk_create(rows)
    for key in (req_key, ta_key):
        SnapshotSlice.objects.update_or_create(
            key=key, defaults={"run": run, "computed_from_at": run.started_at}
        )
    run.row_count = len(rows)
    run.slice_count = 2
    run.save()
    return run


def four_departments(department, other_department):
    return [
        department,
        other_department,
        DepartmentFactory(code="HCID", name="Housing"),
        DepartmentFactory(code="PW", name="Public Works"),
    ]


def two_releases(*, requirement, department, other_department, codes=CODES):
    """Two valid releases with different numbers, the second the latest. `codes`: the codes
    given a glossary definition (all of them when a real run may publish more)."""
    from analytics.releases.models import ReleaseStatus
    from analytics.releases.publishing import monitoring_release_publish

    glossary_definitions(codes)
    departments = four_departments(department, other_department)
    snapshot(requirement=requirement, departments=departments)
    first = monitoring_release_publish()
    snapshot(requirement=requirement, departments=departments, completed=(5, 110, 25, 60))
    second = monitoring_release_publish()
    assert first.status == second.status == ReleaseStatus.VALID
    return first, second
