"""What analytics adds to a department's page of the liaison's workbench: this fiscal year's
figures beside the city's, and the compliance rate at each of the last 12 month-ends, read from
the analytics snapshots (registered for the workbench's "workbench_department_figures" hook)."""

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Q,
)
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from analytics.pipeline.selectors import (
    indicator_values_visible,
    last_complete_run_get,
    visible_slices,
)
from courses.compliance.models import (
    Requirement,
)
from courses.workbench.figures import HOOK, DepartmentFigures
from courses.workbench.selectors import percent_floor
from lms.fiscal import fiscal_year_of
from lms.users.models import Department

TREND_MONTHS = 12


@dataclass(frozen=True)
class TrendPoint:
    on: date
    in_audience: int
    completed: int
    city_in_audience: int = 0
    city_completed: int = 0

    @property
    def rate(self) -> float | None:
        return self.completed / self.in_audience if self.in_audience else None

    @property
    def percent(self) -> int | None:
        return percent_floor(self.completed, self.in_audience)

    @property
    def city_rate(self) -> float | None:
        return self.city_completed / self.city_in_audience if self.city_in_audience else None

    @property
    def city_percent(self) -> int | None:
        return percent_floor(self.city_completed, self.city_in_audience)


@dataclass(frozen=True)
class TrendSeries:
    requirement: Requirement
    points: list[TrendPoint]


def month_ends(as_of: date, *, months: int = TREND_MONTHS) -> list[date]:
    """The last `months` month-ends on or before `as_of`, oldest first."""
    latest = as_of if (as_of + timedelta(days=1)).day == 1 else as_of.replace(day=1) - timedelta(1)
    ends = [latest]
    while len(ends) < months:
        ends.append(ends[-1].replace(day=1) - timedelta(days=1))
    return ends[::-1]


def compliance_trend_for_department(
    *,
    department: Department,
    requirements: list[Requirement],
    as_of: date,
    slices: dict[str, int] | None = None,
) -> list[TrendSeries]:
    """The compliance rate of each requirement at each of the last 12 month-ends, for the
    department and citywide, read from the analytics snapshots (`analytics.frames` computes
    them: the cycle in force at each month-end, exempt people left out). Two queries: the
    visible slices, then the month cells of the department and the city. A month the
    snapshots do not cover shows nobody in the audience."""
    if not requirements:
        return []
    ends = month_ends(as_of)
    starts = [end.replace(day=1) for end in ends]
    found: dict[tuple[int, date, str], tuple[float, float]] = {}
    cells = indicator_values_visible(
        slices=slices,
        indicator="completion_rate",
        period_type="month",
        requirement_id__in=[r.pk for r in requirements],
        period_start__in=starts,
    ).filter(Q(scope="citywide") | Q(scope="department", department=department))
    for requirement_id, start, scope, numerator, denominator in cells.values_list(
        "requirement_id", "period_start", "scope", "numerator", "denominator"
    ):
        found[(requirement_id, start, scope)] = (numerator or 0, denominator or 0)

    def point(requirement: Requirement, start: date, end: date) -> TrendPoint:
        done, audience = found.get((requirement.pk, start, "department"), (0, 0))
        city_done, city_audience = found.get((requirement.pk, start, "citywide"), (0, 0))
        return TrendPoint(
            on=end,
            in_audience=int(audience),
            completed=int(done),
            city_in_audience=int(city_audience),
            city_completed=int(city_done),
        )

    return [
        TrendSeries(
            requirement=requirement,
            points=[
                point(requirement, start, end) for start, end in zip(starts, ends, strict=True)
            ],
        )
        for requirement in requirements
    ]


COMPARED_INDICATORS = (
    "completion_rate",
    "on_time_rate",
    "overdue_count",
    "median_days_to_complete",
)


@dataclass(frozen=True)
class ComparisonCell:
    numerator: float | None
    denominator: float | None
    value: float | None

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded down, like every other figure on the liaison's page."""
        if self.numerator is not None and self.denominator:
            return percent_floor(round(self.numerator), round(self.denominator))
        # Rounded to 6 places first, so 0.29 * 100 (28.999...) is 29, not 28.
        return None if self.value is None else math.floor(round(self.value * 100, 6))


@dataclass(frozen=True)
class ComparisonRow:
    requirement: Requirement
    department: dict[str, ComparisonCell]
    citywide: dict[str, ComparisonCell]

    @property
    def pairs(self) -> list[tuple[str, dict[str, ComparisonCell]]]:
        return [(_("This department"), self.department), (_("Citywide"), self.citywide)]


@dataclass(frozen=True)
class Comparison:
    fiscal_year_start: date | None
    as_of: date | None
    rows: list[ComparisonRow]


def department_comparison_get(
    *,
    department: Department,
    requirements: list[Requirement],
    slices: dict[str, int] | None = None,
) -> Comparison:
    """This fiscal year's figures (as of the last analytics run) for the department beside the
    citywide ones, per requirement: completion and on-time rates, overdue people and median
    days to complete. Three queries whatever the department's size: the last run, the visible
    slices, the cells. Other departments' figures are never read."""
    last = last_complete_run_get()
    if last is None or not requirements:
        return Comparison(fiscal_year_start=None, as_of=None, rows=[])
    start = date(fiscal_year_of(last.as_of) - 1, 7, 1)
    cells = indicator_values_visible(
        slices=slices,
        indicator__in=COMPARED_INDICATORS,
        period_type="fiscal_year",
        period_start=start,
        requirement_id__in=[r.pk for r in requirements],
    ).filter(Q(scope="citywide") | Q(scope="department", department=department))
    found: dict[tuple[int, str, str], ComparisonCell] = {}
    for requirement_id, indicator, scope, numerator, denominator, value in cells.values_list(
        "requirement_id", "indicator", "scope", "numerator", "denominator", "value"
    ):
        found[(requirement_id, scope, indicator)] = ComparisonCell(numerator, denominator, value)
    empty = ComparisonCell(None, None, None)
    rows = [
        ComparisonRow(
            requirement=requirement,
            department={
                code: found.get((requirement.pk, "department", code), empty)
                for code in COMPARED_INDICATORS
            },
            citywide={
                code: found.get((requirement.pk, "citywide", code), empty)
                for code in COMPARED_INDICATORS
            },
        )
        for requirement in requirements
    ]
    return Comparison(fiscal_year_start=start, as_of=last.as_of, rows=rows)


def trend_rows(trend: list[TrendSeries]) -> list[dict]:
    """The trend as table rows: one per month-end, a point per requirement."""
    if not trend:
        return []
    return [
        {"on": point.on, "points": [series.points[index] for series in trend]}
        for index, point in enumerate(trend[0].points)
    ]


CHART_WIDTH = 640


CHART_HEIGHT = 220


PLOT_LEFT = 44


PLOT_RIGHT = 8


PLOT_TOP = 24


PLOT_BOTTOM = 44


BAR_RATIO = 0.6


def trend_chart(series: TrendSeries) -> dict:
    """Bar geometry for one requirement's trend: one bar per month-end, its height the
    compliance rate, labelled with the percentage (or a dash without anyone in the audience)."""
    plot_height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    slot = (CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT) / len(series.points)
    baseline = PLOT_TOP + plot_height
    bars = []
    for index, point in enumerate(series.points):
        height = round(plot_height * (point.rate or 0), 1)
        x = PLOT_LEFT + index * slot + slot * (1 - BAR_RATIO) / 2
        bars.append(
            {
                "point": point,
                "x": round(x, 1),
                "y": round(baseline - height, 1),
                "width": round(slot * BAR_RATIO, 1),
                "height": height,
                "centre": round(PLOT_LEFT + index * slot + slot / 2, 1),
                "label_y": round(baseline - height - 6, 1),
                "city_x1": round(x - 4, 1),
                "city_x2": round(x + slot * BAR_RATIO + 4, 1),
                "city_y": (
                    round(baseline - plot_height * point.city_rate, 1)
                    if point.city_rate is not None
                    else None
                ),
                "show_year": index == 0 or point.on.month == 1,
            }
        )
    known = [p for p in series.points if p.percent is not None]
    return {
        "series": series,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "plot_left": PLOT_LEFT,
        "plot_right": CHART_WIDTH - PLOT_RIGHT,
        "gridlines": [
            {"label": f"{share}%", "y": round(baseline - plot_height * share / 100, 1)}
            for share in (0, 50, 100)
        ],
        "month_y": baseline + 16,
        "year_y": baseline + 32,
        "first": series.points[0],
        "last": series.points[-1],
        "lowest": min(known, key=lambda p: p.percent) if known else None,
        "highest": max(known, key=lambda p: p.percent) if known else None,
    }


@hooks.register(HOOK)
def department_figures(
    *, department: Department, requirements: list[Requirement], as_of: date
) -> DepartmentFigures:
    """The comparison with the city and the 12-month trend, each worked out only when the
    page's cached figures fragment is drawn (keyed on the visible analytics runs)."""
    slices = visible_slices()
    trend = SimpleLazyObject(
        lambda: compliance_trend_for_department(
            department=department, requirements=requirements, as_of=as_of, slices=slices
        )
    )
    return DepartmentFigures(
        template="analytics/includes/department_figures.html",
        context={
            "comparison": SimpleLazyObject(
                lambda: department_comparison_get(
                    department=department, requirements=requirements, slices=slices
                )
            ),
            "charts": SimpleLazyObject(lambda: [trend_chart(series) for series in trend]),
            "trend": trend,
            "trend_rows": SimpleLazyObject(lambda: trend_rows(trend)),
        },
        cache_key=sorted(slices.items()),
    )
