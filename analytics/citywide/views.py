"""ORE's citywide dashboard at /analytics/: eight sections of figures, each a chart, a table and a
CSV download of exactly that table.

Only people who may see every department (ORE, superusers) get in; a learner or liaison gets a
403, and an anonymous visitor is sent to sign in. Figures come from the visible snapshots through
`analytics.citywide.selectors` in a fixed number of queries. The filters are validated by
`CitywideFilterForm`: bad values are listed in an error summary and the default figures shown.
Each section is one `Table`; the page, the chart and the CSV are all built from it, so the
download is always what the page shows.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format, number_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from analytics.citywide import charts
from analytics.citywide.forms import CitywideFilterForm
from analytics.citywide.selectors import (
    DashboardChoices,
    DashboardFigures,
    DashboardQuery,
    Measure,
    RequirementFigures,
    TrendPoint,
    dashboard_choices_get,
    dashboard_figures_get,
    selected_period,
)
from analytics.pipeline.indicators import fiscal_year_label, period_label
from lms.spreadsheets import CSV_CONTENT_TYPE, csv_number, defused
from lms.users.permissions import can_view_all_departments

SECTION_KEYS = (
    "compliance",
    "ranking",
    "distribution",
    "trend_month",
    "trend_quarter",
    "status",
    "knowledge",
    "feedback",
    "ta",
)
PERCENT_TICKS = (0.0, 0.5, 1.0)
DASH = "\u2013"  # written where a figure is missing; the table says "no figure"


def _require_ore(user) -> None:
    if not (user.is_superuser or can_view_all_departments(user)):
        raise PermissionDenied


@require_safe
@login_required
def citywide_dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard, or with ?download=<section> that section's table as CSV (filters that do
    not validate get a 400 listing the reasons, and nothing is downloaded)."""
    _require_ore(request.user)
    choices = dashboard_choices_get()
    download = request.GET.get("download")
    if download is not None and download not in SECTION_KEYS:
        raise Http404
    if not choices.has_figures:
        return render(request, "analytics/citywide/dashboard.html", {"choices": choices})
    form = CitywideFilterForm(request.GET or None, choices=choices)
    as_of = choices.run.as_of if choices.run is not None else None
    if download is not None and form.is_bound and not form.is_valid():
        message = "\n".join(
            [
                _("Nothing was downloaded: these filters are not valid."),
                *form.error_messages_plain(),
            ]
        )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    query = form.query(
        selected_period=lambda period_type, year: selected_period(period_type, year, as_of=as_of)
    )
    context = _Context(choices=choices, query=query, job_class=form.job_class_chosen())
    if download is not None:
        sections = _sections(dashboard_figures_get(slices=choices.slices, query=query), context)
        section = next(section for section in sections if section.key == download)
        return _csv_response(section, context)
    # Built only when the template's cached fragment (keyed on the visible runs, the filters
    # and the language) is missing: a warm page reads no figures at all.
    sections = SimpleLazyObject(
        lambda: _sections(dashboard_figures_get(slices=choices.slices, query=query), context)
    )
    return render(
        request,
        "analytics/citywide/dashboard.html",
        {
            "choices": choices,
            "run": choices.run,
            "form": form,
            "query": query,
            "period_text": context.period_text,
            "group_text": context.group_text,
            "fiscal_year_text": fiscal_year_label(query.fiscal_year),
            "is_running_period": as_of is not None and _period_holds(query, as_of),
            "job_class_by_month": context.job_class_by_month,
            "sections": sections,
            "figures_version": _figures_version(choices.slices),
            "download_query": _download_query(query, context),
        },
    )


def _figures_version(slices: dict[str, int]) -> str:
    """Names the visible figures: it changes whenever any slice points at another run."""
    return hashlib.sha256(repr(sorted(slices.items())).encode()).hexdigest()[:20]


# --- what each section shows ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    is_numeric: bool = True


@dataclass(frozen=True)
class Cell:
    text: str
    raw: str

    @property
    def is_missing(self) -> bool:
        return self.raw == ""


MISSING = Cell("", "")


@dataclass
class Table:
    caption: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    highlight: int | None = None


@dataclass
class Figure:
    chart: charts.Chart
    title: str
    desc: str


@dataclass
class Section:
    key: str
    title: str
    description: str
    table: Table
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty_text: str = ""


@dataclass
class _Context:
    choices: DashboardChoices
    query: DashboardQuery
    job_class: object | None

    @property
    def department(self):
        return next((d for d in self.choices.departments if d.pk == self.query.department_id), None)

    @property
    def requirement_name(self) -> str:
        name = next(
            (name for pk, name in self.choices.requirements if pk == self.query.requirement_id),
            "",
        )
        if name and self.query.requirement_id in self.choices.retired_requirement_ids:
            return _("%(name)s (no longer in force)") % {"name": name}
        return name

    @property
    def job_class_by_month(self) -> bool:
        return self.job_class is not None and self.query.period_type == "month"

    @property
    def group_text(self) -> str:
        scope = self.query.group_scope
        if scope == "job_class":
            return _("Job class %(code)s, %(title)s") % {
                "code": self.job_class.code,
                "title": self.job_class.title,
            }
        if scope == "department":
            department = self.department
            return f"{department.name} ({department.code})"
        return _("Citywide")

    @property
    def period_text(self) -> str:
        query = self.query
        if query.period_type == "month":
            return date_format(query.period_start, get_format("YEAR_MONTH_FORMAT"))
        return period_label(query.period_type, query.period_start)


def _period_holds(query: DashboardQuery, on: date) -> bool:
    start = query.period_start
    if query.period_type == "month":
        return (on.year, on.month) == (start.year, start.month)
    months = 12 if query.period_type == "fiscal_year" else 3
    index = (on.year - start.year) * 12 + on.month - start.month
    return 0 <= index < months


# --- number formats: the page in the reader's language, the CSV plain --------------------------


def percent(value: float | None) -> Cell:
    if value is None:
        return MISSING
    share = round(value * 100, 1)
    return Cell(_("%(number)s%%") % {"number": number_format(share, 1)}, f"{share:.1f}")


def count(value: float | None) -> Cell:
    if value is None:
        return MISSING
    whole = round(value)
    return Cell(number_format(whole, 0, force_grouping=True), str(whole))


def decimal(value: float | None) -> Cell:
    if value is None:
        return MISSING
    rounded = round(value, 1)
    return Cell(number_format(rounded, 1, force_grouping=True), f"{rounded:.1f}")


def text(value: str) -> Cell:
    return Cell(value, value)


def _value(measure: Measure | None) -> float | None:
    return measure.value if measure is not None else None


def _numerator(measure: Measure | None) -> float | None:
    return measure.numerator if measure is not None else None


def _denominator(measure: Measure | None) -> float | None:
    return measure.denominator if measure is not None else None


def _percent_ticks() -> list[tuple[float, str]]:
    return [
        (share, _("%(number)s%%") % {"number": number_format(round(share * 100), 0)})
        for share in PERCENT_TICKS
    ]


def _label(cell: Cell) -> str:
    return cell.text or DASH


# --- the sections ----------------------------------------------------------------------------


def _sections(figures: DashboardFigures, context: _Context) -> list[Section]:
    return [
        _compliance_section(figures.compliance, context),
        _ranking_section(figures.ranking, context),
        _distribution_section(figures.ranking, context),
        _trend_section(figures.trend_months, context, by="month"),
        _trend_section(figures.trend_quarters, context, by="fiscal_quarter"),
        _status_section(figures.compliance, context),
        _knowledge_section(figures, context),
        _feedback_section(figures, context),
        _ta_section(figures, context),
    ]


def _group_notes(context: _Context) -> list[str]:
    if context.job_class_by_month:
        return [
            _(
                "Job-class figures are computed by fiscal year and fiscal quarter only, not by "
                "month: this section shows citywide figures. Choose fiscal year or fiscal "
                "quarter to see job class %(code)s."
            )
            % {"code": context.job_class.code}
        ]
    return []


def _compliance_section(rows: list[RequirementFigures], context: _Context) -> Section:
    table = Table(
        caption=_("Compliance per requirement, %(group)s, %(period)s")
        % {"group": context.group_text, "period": context.period_text},
        columns=[
            Column(_("Requirement"), is_numeric=False),
            Column(_("Completion rate")),
            Column(_("Completed")),
            Column(_("In audience")),
            Column(_("On-time rate")),
            Column(_("Completed on time")),
            Column(_("Overdue")),
        ],
    )
    for row in rows:
        table.rows.append(
            [
                text(row.name),
                percent(_value(row.completion)),
                count(_numerator(row.completion)),
                count(_denominator(row.completion)),
                percent(_value(row.on_time)),
                count(_numerator(row.on_time)),
                count(_value(row.overdue)),
            ]
        )
    section = Section(
        key="compliance",
        title=_("Compliance per requirement"),
        description=_(
            "For each requirement: the share of the audience with the training completed, the "
            "share who completed it by the due date, and how many are overdue, at the end of "
            "the period (or on the reporting date while it runs)."
        ),
        table=table,
        notes=_group_notes(context),
        empty_text=_("No requirement has figures for this period and group."),
    )
    if rows:
        chart = charts.hbar_chart(
            key="chart-compliance",
            categories=[row.name for row in rows],
            series=[
                charts.Series(_("Completion rate"), "solid"),
                charts.Series(_("On-time rate"), "hatch"),
            ],
            values=[[_value(row.completion), _value(row.on_time)] for row in rows],
            labels=[[_label(cells[1]), _label(cells[4])] for cells in table.rows],
            maximum=1.0,
            ticks=_percent_ticks(),
            notes=[_("%(count)s overdue") % {"count": _label(cells[6])} for cells in table.rows],
        )
        section.figures.append(
            Figure(
                chart,
                title=table.caption,
                desc=_(
                    "Completion rate (solid bars) and on-time rate (hatched bars) for "
                    "%(count)s requirements, each bar labelled with its percentage and each "
                    "row with the number overdue. The same figures are in the table."
                )
                % {"count": len(rows)},
            )
        )
    return section


def _ranking_section(rows: list[RequirementFigures], context: _Context) -> Section:
    table = Table(
        caption=_("Departments ranked by completion rate: %(requirement)s, %(period)s")
        % {"requirement": context.requirement_name, "period": context.period_text},
        columns=[
            Column(_("Department"), is_numeric=False),
            Column(_("Rank")),
            Column(_("Completion rate")),
            Column(_("Completed")),
            Column(_("In audience")),
            Column(_("On-time rate")),
            Column(_("Overdue")),
        ],
    )
    highlight = None
    for index, row in enumerate(rows):
        if row.key == context.query.department_id:
            highlight = index
        table.rows.append(
            [
                text(row.name),
                count(index + 1),
                percent(_value(row.completion)),
                count(_numerator(row.completion)),
                count(_denominator(row.completion)),
                percent(_value(row.on_time)),
                count(_value(row.overdue)),
            ]
        )
    table.highlight = highlight
    section = Section(
        key="ranking",
        title=_("Departments ranked"),
        description=_(
            "Every department's completion rate for the chosen requirement, highest first, "
            "with the people completed and in the audience."
        ),
        table=table,
        empty_text=_("No department has figures for this requirement and period."),
    )
    if context.job_class is not None:
        section.notes.append(_("Departments are not broken down by job class."))
    if rows:
        categories = [row.name for row in rows]
        if highlight is not None:
            categories[highlight] = _("%(name)s (selected)") % {"name": categories[highlight]}
        chart = charts.hbar_chart(
            key="chart-ranking",
            categories=categories,
            series=[charts.Series(_("Completion rate"), "solid")],
            values=[[_value(row.completion)] for row in rows],
            labels=[
                [
                    _("%(rate)s (%(completed)s of %(audience)s)")
                    % {
                        "rate": _label(cells[2]),
                        "completed": _label(cells[3]),
                        "audience": _label(cells[4]),
                    }
                ]
                for cells in table.rows
            ],
            maximum=1.0,
            ticks=_percent_ticks(),
            highlight=highlight,
        )
        best, worst = table.rows[0], table.rows[-1]
        section.figures.append(
            Figure(
                chart,
                title=table.caption,
                desc=_(
                    "%(count)s departments. Highest: %(best)s, %(best_rate)s. Lowest: "
                    "%(worst)s, %(worst_rate)s. The same figures are in the table."
                )
                % {
                    "count": len(rows),
                    "best": best[0].text,
                    "best_rate": _label(best[2]),
                    "worst": worst[0].text,
                    "worst_rate": _label(worst[2]),
                },
            )
        )
    return section


def _band_label(index: int) -> str:
    return _("%(low)s to %(high)s%%") % {
        "low": number_format(index * 10, 0),
        "high": number_format(index * 10 + 10, 0),
    }


def _distribution_section(rows: list[RequirementFigures], context: _Context) -> Section:
    rated = [(row.name, row.completion.value) for row in rows if _value(row.completion) is not None]
    tallies = charts.bands([rate for _name, rate in rated])
    names: list[list[str]] = [[] for _tally in tallies]
    for name, rate in rated:
        names[min(9, max(0, int(rate * 10 + 1e-9)))].append(name)
    table = Table(
        caption=_("Departments by completion rate band: %(requirement)s, %(period)s")
        % {"requirement": context.requirement_name, "period": context.period_text},
        columns=[
            Column(_("Completion rate band"), is_numeric=False),
            Column(_("Departments")),
            Column(_("Which departments"), is_numeric=False),
        ],
    )
    if rated:
        for index, tally in enumerate(tallies):
            table.rows.append(
                [text(_band_label(index)), count(tally), text(", ".join(sorted(names[index])))]
            )
    section = Section(
        key="distribution",
        title=_("Spread of department rates"),
        description=_(
            "How many departments have a completion rate in each band of 10 percentage points "
            "for the chosen requirement. A band's upper bound belongs to the next band, except "
            "100%."
        ),
        table=table,
        empty_text=_("No department has figures for this requirement and period."),
    )
    if rated:
        chart = charts.column_chart(
            key="chart-distribution",
            categories=[(f"{index * 10}{DASH}{index * 10 + 10}%", "") for index in range(10)],
            series=[charts.Series(_("Departments"), "solid")],
            values=[[float(tally)] for tally in tallies],
            labels=[[cells[1].text] for cells in table.rows],
            ticks=[(0.0, "0"), (float(max(tallies)), number_format(max(tallies), 0))],
        )
        section.figures.append(
            Figure(
                chart,
                title=table.caption,
                desc=_(
                    "%(count)s departments in ten bands of completion rate, each column "
                    "labelled with its number of departments. The same figures are in the table."
                )
                % {"count": len(rated)},
            )
        )
    return section


def _trend_section(points: list[TrendPoint], context: _Context, *, by: str) -> Section:
    has_group = context.query.group_scope != "citywide"
    job_class_months = by == "month" and context.job_class is not None
    group_text = context.group_text
    if by == "month":
        key, title = "trend_month", _("Trend by month")
        first_column = _("Month")
        caption = _("Completion rate at each month-end, %(year)s: %(requirement)s") % {
            "year": fiscal_year_label(context.query.fiscal_year),
            "requirement": context.requirement_name,
        }
    else:
        key, title = "trend_quarter", _("Trend by fiscal quarter")
        first_column = _("Fiscal quarter")
        caption = _("Completion rate at each fiscal quarter's end: %(requirement)s") % {
            "requirement": context.requirement_name
        }
    columns = [
        Column(first_column, is_numeric=False),
        Column(_("Citywide rate")),
        Column(_("Citywide completed")),
        Column(_("Citywide in audience")),
    ]
    if has_group:
        columns += [
            Column(_("%(group)s: rate") % {"group": group_text}),
            Column(_("%(group)s: completed") % {"group": group_text}),
            Column(_("%(group)s: in audience") % {"group": group_text}),
        ]
    table = Table(caption=caption, columns=columns)
    for point in points:
        label = (
            date_format(point.period_start, get_format("YEAR_MONTH_FORMAT"))
            if by == "month"
            else period_label(by, point.period_start)
        )
        cells = [
            text(label),
            percent(_value(point.citywide)),
            count(_numerator(point.citywide)),
            count(_denominator(point.citywide)),
        ]
        if has_group:
            cells += [
                percent(_value(point.group)),
                count(_numerator(point.group)),
                count(_denominator(point.group)),
            ]
        table.rows.append(cells)
    section = Section(
        key=key,
        title=title,
        description=_(
            "The chosen requirement's completion rate at the end of each period (or on the "
            "reporting date for the period still running), citywide and for the chosen "
            "department or job class."
        ),
        table=table,
        empty_text=_("No figures for this requirement yet."),
    )
    if job_class_months:
        section.notes.append(
            _(
                "Job-class figures are computed by fiscal year and fiscal quarter only: the "
                "monthly trend is citywide."
            )
        )
    if points:
        series = [charts.Series(_("Citywide"), "solid")]
        if has_group:
            series.append(charts.Series(group_text, "hatch"))
        if by == "month":
            categories = [
                (
                    date_format(p.period_start, "M"),
                    str(p.period_start.year) if i == 0 or p.period_start.month == 1 else "",
                )
                for i, p in enumerate(points)
            ]
        else:
            categories = [
                (
                    period_label(by, p.period_start)[-2:],
                    fiscal_year_label(p.period_start.year + (p.period_start.month >= 7))
                    if i == 0 or p.period_start.month == 7
                    else "",
                )
                for i, p in enumerate(points)
            ]
        chart = charts.column_chart(
            key=f"chart-{key}",
            categories=categories,
            series=series,
            values=[
                [_value(p.citywide), *([_value(p.group)] if has_group else [])] for p in points
            ],
            labels=[
                [_label(cells[1]), *([_label(cells[4])] if has_group else [])]
                for cells in table.rows
            ],
            maximum=1.0,
            ticks=_percent_ticks(),
        )
        last = table.rows[-1]
        section.figures.append(
            Figure(
                chart,
                title=caption,
                desc=_(
                    "%(count)s periods from %(first)s to %(last)s; citywide %(rate)s in "
                    "%(last)s. The same figures are in the table."
                )
                % {
                    "count": len(points),
                    "first": table.rows[0][0].text,
                    "last": last[0].text,
                    "rate": _label(last[1]),
                },
            )
        )
    return section


def _status_section(rows: list[RequirementFigures], context: _Context) -> Section:
    table = Table(
        caption=_("Completed on time, late, or not completed, %(group)s, %(period)s")
        % {"group": context.group_text, "period": context.period_text},
        columns=[
            Column(_("Requirement"), is_numeric=False),
            Column(_("On time")),
            Column(_("On time (people)")),
            Column(_("Late")),
            Column(_("Late (people)")),
            Column(_("Not completed")),
            Column(_("Not completed (people)")),
            Column(_("In audience")),
        ],
    )
    shares = []
    for row in rows:
        audience = _denominator(row.completion)
        completed = _numerator(row.completion)
        on_time = _numerator(row.on_time)
        if not audience or completed is None or on_time is None:
            continue
        late = max(0.0, completed - on_time)
        not_completed = max(0.0, audience - completed)
        shares.append([on_time / audience, late / audience, not_completed / audience])
        table.rows.append(
            [
                text(row.name),
                percent(on_time / audience),
                count(on_time),
                percent(late / audience),
                count(late),
                percent(not_completed / audience),
                count(not_completed),
                count(audience),
            ]
        )
    section = Section(
        key="status",
        title=_("On time, late and not completed"),
        description=_(
            "Each requirement's audience split into those who completed by the due date, those "
            "who completed after it (late), and those who have not completed."
        ),
        table=table,
        notes=_group_notes(context),
        empty_text=_("No requirement has figures for this period and group."),
    )
    if table.rows:
        chart = charts.stacked_chart(
            key="chart-status",
            categories=[cells[0].text for cells in table.rows],
            series=[
                charts.Series(_("On time"), "solid"),
                charts.Series(_("Late"), "hatch"),
                charts.Series(_("Not completed"), "dots"),
            ],
            shares=shares,
            captions=[
                _("On time %(on_time)s · late %(late)s · not completed %(not_completed)s")
                % {"on_time": cells[1].text, "late": cells[3].text, "not_completed": cells[5].text}
                for cells in table.rows
            ],
        )
        section.figures.append(
            Figure(
                chart,
                title=table.caption,
                desc=_(
                    "One bar per requirement split into on time (solid), late (hatched) and not "
                    "completed (dotted), with the percentages written under each bar. The same "
                    "figures are in the table."
                ),
            )
        )
    return section


def _course_section(
    *,
    key: str,
    title: str,
    description: str,
    caption: str,
    value_label: str,
    count_label: str,
    rows,
    maximum: float | None,
    ticks: list[tuple[float, str]],
    empty_text: str,
    notes: list[str],
) -> Section:
    table = Table(
        caption=caption,
        columns=[Column(_("Course"), is_numeric=False), Column(value_label), Column(count_label)],
    )
    for row in rows:
        table.rows.append(
            [text(row.title), decimal(row.measure.value), count(row.measure.denominator)]
        )
    section = Section(
        key=key,
        title=title,
        description=description,
        table=table,
        notes=notes,
        empty_text=empty_text,
    )
    if rows:
        chart = charts.hbar_chart(
            key=f"chart-{key}",
            categories=[row.title for row in rows],
            series=[charts.Series(value_label, "solid")],
            values=[[row.measure.value] for row in rows],
            labels=[
                [_("%(value)s (n = %(count)s)") % {"value": _label(c[1]), "count": _label(c[2])}]
                for c in table.rows
            ],
            maximum=maximum,
            ticks=ticks,
        )
        section.figures.append(
            Figure(
                chart,
                title=caption,
                desc=_(
                    "%(count)s courses, each bar labelled with its value and the number it "
                    "summarises. The same figures are in the table."
                )
                % {"count": len(rows)},
            )
        )
    return section


def _knowledge_section(figures: DashboardFigures, context: _Context) -> Section:
    rows = figures.knowledge
    top = max([abs(row.measure.value or 0) for row in rows] or [0])
    return _course_section(
        key="knowledge",
        title=_("Knowledge gain per course"),
        description=_(
            "The mean change from the pre-assessment to the post-assessment, in percentage "
            "points, over the learners who took both and finished in the period."
        ),
        caption=_("Knowledge gain per course, %(group)s, %(period)s")
        % {"group": context.group_text, "period": context.period_text},
        value_label=_("Mean gain (points)"),
        count_label=_("Learners"),
        rows=rows,
        maximum=max(top, 1.0),
        ticks=[(0.0, "0")],
        empty_text=_("No knowledge checks were taken in this period."),
        notes=_group_notes(context),
    )


def _feedback_section(figures: DashboardFigures, context: _Context) -> Section:
    notes = []
    if context.query.group_scope != "citywide":
        notes.append(_("Feedback is anonymous, so it is shown citywide only."))
    return _course_section(
        key="feedback",
        title=_("Feedback score per course"),
        description=_("The mean score learners gave each course, from 1 (poor) to 5 (excellent)."),
        caption=_("Feedback score per course, citywide, %(period)s")
        % {"period": context.period_text},
        value_label=_("Mean score (1 to 5)"),
        count_label=_("Responses"),
        rows=figures.feedback,
        maximum=5.0,
        ticks=[(float(score), number_format(score, 0)) for score in (0, 1, 2, 3, 4, 5)],
        empty_text=_("No feedback was given in this period."),
        notes=notes,
    )


def _ta_section(figures: DashboardFigures, context: _Context) -> Section:
    rows = figures.ta
    table = Table(
        caption=_("Technical-assistance requests and hours by department, %(period)s")
        % {"period": context.period_text},
        columns=[
            Column(_("Department"), is_numeric=False),
            Column(_("Requests")),
            Column(_("Hours")),
        ],
    )
    highlight = None
    for index, row in enumerate(rows):
        if row.key == context.query.department_id:
            highlight = index
        table.rows.append([text(row.name), count(row.requests), decimal(row.hours)])
    table.highlight = highlight
    if figures.ta_citywide is not None:
        table.rows.append(
            [
                text(_("Citywide")),
                count(figures.ta_citywide.requests),
                decimal(figures.ta_citywide.hours),
            ]
        )
    section = Section(
        key="ta",
        title=_("Technical assistance by department"),
        description=_(
            "Requests for technical assistance made in the period, and the hours logged on "
            "them, per department (the last row is the citywide total)."
        ),
        table=table,
        empty_text=_("No technical assistance was requested in this period."),
    )
    if context.job_class is not None:
        section.notes.append(_("Technical assistance is not broken down by job class."))
    if rows:
        categories = [row.name for row in rows]
        if highlight is not None:
            categories[highlight] = _("%(name)s (selected)") % {"name": categories[highlight]}
        for name, index, label in (
            ("requests", 1, _("Requests")),
            ("hours", 2, _("Hours")),
        ):
            values = [getattr(row, name) for row in rows]
            chart = charts.hbar_chart(
                key=f"chart-ta-{name}",
                categories=categories,
                series=[charts.Series(label, "solid" if name == "requests" else "hatch")],
                values=[[value] for value in values],
                labels=[[_label(cells[index])] for cells in table.rows[: len(rows)]],
                ticks=[(0.0, "0")],
                highlight=highlight,
                width=560,
            )
            section.figures.append(
                Figure(
                    chart,
                    title=_("%(what)s by department, %(period)s")
                    % {"what": label, "period": context.period_text},
                    desc=_(
                        "%(count)s departments, most requests first, each bar labelled with "
                        "its value. The same figures are in the table."
                    )
                    % {"count": len(rows)},
                )
            )
    return section


# --- downloads -------------------------------------------------------------------------------


def _download_query(query: DashboardQuery, context: _Context) -> str:
    """The query string of the figures shown (the validated filters, or the defaults), to
    which "download=<section>" is appended."""
    params = QueryDict(mutable=True)
    if query.requirement_id is not None:
        params["requirement"] = str(query.requirement_id)
    if query.department_id is not None:
        params["department"] = str(query.department_id)
    if context.job_class is not None:
        params["job_class"] = context.job_class.code
    params["period_type"] = query.period_type
    params["fiscal_year"] = str(query.fiscal_year)
    return params.urlencode()


def _csv_response(section: Section, context: _Context) -> HttpResponse:
    """The section's table as CSV: the column headings, then one line per table row, numbers
    plain (percentages in percent with one decimal), text defused against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([defused(column.label) for column in section.table.columns])
    for cells in section.table.rows:
        writer.writerow(
            [
                csv_number(cell.raw) if column.is_numeric else defused(cell.raw)
                for column, cell in zip(section.table.columns, cells, strict=True)
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    as_of = context.choices.run.as_of.isoformat() if context.choices.run else "latest"
    query = context.query
    filename = (
        f"citywide-{section.key.replace('_', '-')}-{query.period_type.replace('_', '-')}-"
        f"{query.period_start.isoformat()}-as-of-{as_of}.csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
