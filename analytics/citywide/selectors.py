"""Reads for ORE's citywide dashboard at /analytics/: visible snapshot cells only.

Everything comes through `analytics.pipeline.selectors`, so a run still being written (or one
that failed) is never shown, and no request reads raw progress or assignment rows. The number of
queries is fixed whatever the number of departments, people or requirements: the pointers, the
last run, the requirement and department choices, and one query for every cell the page shows.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from analytics.pipeline.models import AnalyticsRun
from analytics.pipeline.selectors import (
    indicator_values_visible,
    last_complete_run_get,
    visible_slices,
)
from courses.compliance.models import Requirement
from lms.fiscal import fiscal_year_of
from lms.users.models import Department, JobClass

REQUIREMENT_INDICATORS = ("completion_rate", "on_time_rate", "overdue_count")
_FISCAL_YEAR_IN_KEY = re.compile(r"-fy(\d{4})$")


@dataclass(frozen=True)
class DashboardChoices:
    """What the filters can choose from, and the run the figures come from."""

    slices: dict[str, int]
    run: AnalyticsRun | None
    requirements: list[tuple[int, str]]  # those in force first
    departments: list[Department]
    fiscal_years: list[int]
    # The requirements no longer in force (their figures stay), listed apart by the filters.
    retired_requirement_ids: frozenset[int] = frozenset()

    @property
    def has_figures(self) -> bool:
        return bool(self.slices)

    @property
    def default_fiscal_year(self) -> int | None:
        """The fiscal year of the last run's reporting date, else the latest one computed."""
        if self.run is not None and fiscal_year_of(self.run.as_of) in self.fiscal_years:
            return fiscal_year_of(self.run.as_of)
        return self.fiscal_years[-1] if self.fiscal_years else None


def dashboard_choices_get() -> DashboardChoices:
    """The visible slices, the last complete run, the requirements and the departments: four
    queries. The fiscal years come from the slice keys, with no query of their own."""
    slices = visible_slices()
    years = sorted(
        {int(match.group(1)) for key in slices if (match := _FISCAL_YEAR_IN_KEY.search(key))}
    )
    requirements = list(
        Requirement.objects.order_by("-is_active", "name", "pk").values_list(
            "pk", "name", "is_active"
        )
    )
    return DashboardChoices(
        slices=slices,
        run=last_complete_run_get() if slices else None,
        requirements=[(pk, name) for pk, name, _in_force in requirements],
        retired_requirement_ids=frozenset(
            pk for pk, _name, in_force in requirements if not in_force
        ),
        departments=list(Department.objects.order_by("name", "code")),
        fiscal_years=years,
    )


def job_class_get_by_code(code: str) -> JobClass | None:
    return JobClass.objects.filter(code=code).first()


def selected_period(period_type: str, fiscal_year: int, *, as_of: date | None) -> date:
    """The start of the period of `period_type` the dashboard shows for `fiscal_year`: the one
    holding the reporting date while the year runs, else the year's last one."""
    year_end = date(fiscal_year, 6, 30)
    on = min(as_of, year_end) if as_of is not None else year_end
    if on < date(fiscal_year - 1, 7, 1):
        on = date(fiscal_year - 1, 7, 1)
    if period_type == "fiscal_year":
        return date(fiscal_year - 1, 7, 1)
    if period_type == "fiscal_quarter":
        month = on.month - (on.month - 7) % 3
        return date(on.year, month, 1)
    return date(on.year, on.month, 1)


@dataclass(frozen=True)
class DashboardQuery:
    """The validated filters, as ids and dates. `group_scope` is the scope of the group the
    per-requirement, trend and knowledge sections show: citywide, the department or the job
    class (job classes have no monthly cells, so with months they fall back to citywide)."""

    fiscal_year: int
    period_type: str
    period_start: date
    requirement_id: int | None = None
    department_id: int | None = None
    job_class_id: int | None = None

    @property
    def group_scope(self) -> str:
        if self.job_class_id is not None and self.period_type != "month":
            return "job_class"
        if self.department_id is not None:
            return "department"
        return "citywide"


@dataclass(frozen=True)
class Measure:
    numerator: float | None
    denominator: float | None
    value: float | None


@dataclass
class RequirementFigures:
    """One requirement (or, in the ranking, one department) at the end of the period."""

    key: int
    name: str
    completion: Measure | None = None
    on_time: Measure | None = None
    overdue: Measure | None = None


@dataclass
class TrendPoint:
    period_start: date
    citywide: Measure | None = None
    group: Measure | None = None


@dataclass
class CourseFigures:
    key: int
    title: str
    measure: Measure


@dataclass
class TaFigures:
    key: int
    name: str
    requests: float | None = None
    hours: float | None = None


@dataclass
class DashboardFigures:
    compliance: list[RequirementFigures] = field(default_factory=list)
    ranking: list[RequirementFigures] = field(default_factory=list)
    trend_months: list[TrendPoint] = field(default_factory=list)
    trend_quarters: list[TrendPoint] = field(default_factory=list)
    knowledge: list[CourseFigures] = field(default_factory=list)
    feedback: list[CourseFigures] = field(default_factory=list)
    ta: list[TaFigures] = field(default_factory=list)
    ta_citywide: TaFigures | None = None


_FIELDS = (
    "indicator",
    "requirement_id",
    "requirement__name",
    "course_id",
    "course__title",
    "period_type",
    "period_start",
    "scope",
    "department_id",
    "department__name",
    "department__code",
    "job_class_id",
    "numerator",
    "denominator",
    "value",
)


def _group_q(query: DashboardQuery) -> Q:
    if query.group_scope == "job_class":
        return Q(scope="job_class", job_class_id=query.job_class_id)
    if query.group_scope == "department":
        return Q(scope="department", department_id=query.department_id)
    return Q(scope="citywide")


def dashboard_figures_get(*, slices: dict[str, int], query: DashboardQuery) -> DashboardFigures:
    """Every figure the dashboard shows for `query`, from the visible cells: one query.

    - compliance: per requirement, the group's completion, on-time and overdue cells for the
      chosen period (ordered by requirement name);
    - ranking: the chosen requirement's department cells for the period, best rate first;
    - trend_months / trend_quarters: the chosen requirement's completion rate, citywide and for
      the group, each month of the fiscal year and each fiscal quarter computed;
    - knowledge (group) and feedback (citywide) per course for the period;
    - ta: requests and hours per department for the period, and the citywide totals."""
    group = _group_q(query)
    at = Q(period_type=query.period_type, period_start=query.period_start)
    year_start, year_end = date(query.fiscal_year - 1, 7, 1), date(query.fiscal_year, 6, 30)
    wanted = (
        (at & Q(indicator__in=REQUIREMENT_INDICATORS, requirement__isnull=False) & group)
        | (at & Q(indicator="knowledge_gain") & group)
        | (at & Q(indicator="feedback_score", scope="citywide"))
        | (at & Q(indicator__in=("ta_requests", "ta_hours"), scope__in=("citywide", "department")))
    )
    if query.requirement_id is not None:
        trend_periods = Q(
            period_type="month", period_start__gte=year_start, period_start__lte=year_end
        ) | Q(period_type="fiscal_quarter")
        trend_groups = Q(scope="citywide") | group
        wanted |= at & Q(
            indicator__in=REQUIREMENT_INDICATORS,
            requirement_id=query.requirement_id,
            scope="department",
        )
        wanted |= (
            Q(indicator="completion_rate", requirement_id=query.requirement_id)
            & trend_periods
            & trend_groups
        )
    rows = indicator_values_visible(slices=slices).filter(wanted).values_list(*_FIELDS)
    return _figures_from_rows([dict(zip(_FIELDS, row, strict=True)) for row in rows], query)


def _measure(row: dict) -> Measure:
    return Measure(row["numerator"], row["denominator"], row["value"])


def _figures_from_rows(rows: list[dict], query: DashboardQuery) -> DashboardFigures:
    """Sort the cells into the sections. Pure: no queries."""
    figures = DashboardFigures()
    group_scope = query.group_scope
    compliance: dict[int, RequirementFigures] = {}
    ranking: dict[int, RequirementFigures] = {}
    months: dict[date, TrendPoint] = {}
    quarters: dict[date, TrendPoint] = {}
    ta: dict[int, TaFigures] = {}
    attribute = {"completion_rate": "completion", "on_time_rate": "on_time"}
    attribute["overdue_count"] = "overdue"
    for row in rows:
        indicator, scope = row["indicator"], row["scope"]
        is_selected_period = (
            row["period_type"] == query.period_type and row["period_start"] == query.period_start
        )
        in_group = scope == group_scope and (
            scope == "citywide"
            or (scope == "department" and row["department_id"] == query.department_id)
            or (scope == "job_class" and row["job_class_id"] == query.job_class_id)
        )
        if indicator in REQUIREMENT_INDICATORS:
            if is_selected_period and in_group:
                entry = compliance.setdefault(
                    row["requirement_id"],
                    RequirementFigures(row["requirement_id"], row["requirement__name"]),
                )
                setattr(entry, attribute[indicator], _measure(row))
            if (
                is_selected_period
                and scope == "department"
                and row["requirement_id"] == query.requirement_id
            ):
                entry = ranking.setdefault(
                    row["department_id"],
                    RequirementFigures(row["department_id"], row["department__name"]),
                )
                setattr(entry, attribute[indicator], _measure(row))
            if indicator == "completion_rate" and row["requirement_id"] == query.requirement_id:
                points = {"month": months, "fiscal_quarter": quarters}.get(row["period_type"])
                if points is not None and (scope == "citywide" or in_group):
                    point = points.setdefault(row["period_start"], TrendPoint(row["period_start"]))
                    if scope == "citywide":
                        point.citywide = _measure(row)
                    if in_group and scope != "citywide":
                        point.group = _measure(row)
        elif not is_selected_period:
            continue
        elif indicator == "knowledge_gain" and in_group:
            figures.knowledge.append(
                CourseFigures(row["course_id"], row["course__title"], _measure(row))
            )
        elif indicator == "feedback_score" and scope == "citywide":
            figures.feedback.append(
                CourseFigures(row["course_id"], row["course__title"], _measure(row))
            )
        elif indicator in ("ta_requests", "ta_hours"):
            name = "requests" if indicator == "ta_requests" else "hours"
            if scope == "citywide":
                figures.ta_citywide = figures.ta_citywide or TaFigures(0, "")
                setattr(figures.ta_citywide, name, row["value"])
            elif scope == "department":
                entry = ta.setdefault(
                    row["department_id"], TaFigures(row["department_id"], row["department__name"])
                )
                setattr(entry, name, row["value"])
    figures.compliance = sorted(compliance.values(), key=lambda f: (f.name.casefold(), f.key))
    figures.ranking = sorted(
        ranking.values(),
        key=lambda f: (
            -(f.completion.value if f.completion and f.completion.value is not None else -1),
            f.name.casefold(),
        ),
    )
    figures.trend_months = [months[start] for start in sorted(months)]
    figures.trend_quarters = [quarters[start] for start in sorted(quarters)]
    figures.knowledge.sort(key=lambda f: (f.title.casefold(), f.key))
    figures.feedback.sort(key=lambda f: (f.title.casefold(), f.key))
    figures.ta = sorted(ta.values(), key=lambda f: (-(f.requests or 0), f.name.casefold()))
    return figures
