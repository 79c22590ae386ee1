"""The citywide dashboard's sections against hand-made snapshot cells."""

import csv
import io
from datetime import date

import pytest

from analytics.pipeline.models import RunStatus
from tests.analytics.citywide.data import (
    cell,
    compliance_cells,
    make_visible,
    run_make,
)
from tests.factories import DepartmentFactory, JobClassFactory, RequirementFactory

URL = "/analytics/"


@pytest.fixture
def figures(db, department, other_department, requirement, course):
    """A complete, visible run: two requirements, two departments, a job class, every family."""
    second = RequirementFactory(course=course, name="Anti-harassment (all)")
    job_class = JobClassFactory(code="1368", title="Senior Administrative Clerk")
    run = run_make()
    compliance_cells(run, requirement, completed=150, on_time=120, audience=200, overdue=30)
    compliance_cells(run, second, completed=45, on_time=45, audience=50, overdue=2)
    compliance_cells(
        run,
        requirement,
        completed=90,
        on_time=80,
        audience=100,
        overdue=10,
        scope="department",
        department=department,
    )
    compliance_cells(
        run,
        requirement,
        completed=60,
        on_time=40,
        audience=100,
        overdue=20,
        scope="department",
        department=other_department,
    )
    compliance_cells(
        run,
        requirement,
        completed=9,
        on_time=9,
        audience=12,
        overdue=1,
        scope="job_class",
        job_class=job_class,
    )
    for month, (done, of) in zip(
        (7, 8, 9, 10, 11), ((10, 200), (50, 200), (90, 200), (120, 200), (150, 200)), strict=True
    ):
        cell(
            run,
            "completion_rate",
            period_type="month",
            start=date(2026, month, 1),
            requirement=requirement,
            numerator=done,
            denominator=of,
            value=done / of,
        )
    cell(
        run,
        "completion_rate",
        period_type="month",
        start=date(2026, 11, 1),
        scope="department",
        department=department,
        requirement=requirement,
        numerator=90,
        denominator=100,
        value=0.9,
    )
    cell(
        run,
        "completion_rate",
        period_type="fiscal_quarter",
        start=date(2026, 7, 1),
        requirement=requirement,
        numerator=90,
        denominator=200,
        value=0.45,
    )
    cell(
        run,
        "completion_rate",
        period_type="fiscal_quarter",
        start=date(2026, 10, 1),
        requirement=requirement,
        numerator=150,
        denominator=200,
        value=0.75,
    )
    cell(run, "knowledge_gain", course=course, numerator=300, denominator=20, value=15.0)
    cell(
        run,
        "knowledge_gain",
        course=course,
        scope="department",
        department=department,
        numerator=-10,
        denominator=4,
        value=-2.5,
    )
    cell(run, "feedback_score", course=course, numerator=86, denominator=20, value=4.3)
    cell(run, "ta_requests", scope="department", department=department, numerator=4, value=4)
    cell(run, "ta_hours", scope="department", department=department, numerator=12.5, value=12.5)
    cell(run, "ta_requests", numerator=4, value=4)
    cell(run, "ta_hours", numerator=12.5, value=12.5)
    make_visible(run)
    return {"run": run, "second": second, "job_class": job_class}


def _get(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response


def _section(response, key):
    return next(section for section in response.context["sections"] if section.key == key)


def _rows(response, key) -> list[list[str]]:
    """The section's table as the page shows it: the text of every cell."""
    return [[cell.text for cell in row] for row in _section(response, key).table.rows]


def _csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def _req(figures_, requirement):
    return f"?requirement={requirement.pk}"


# --- empty state and what is visible ----------------------------------------------------------


@pytest.mark.django_db
def test_before_any_run_the_page_says_how_figures_arrive(client, ore):
    response = _get(client, ore)
    html = response.content.decode()
    assert "No analytics have been computed yet." in html
    assert "compute_analytics" in html
    assert "<svg" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", [RunStatus.RUNNING, RunStatus.FAILED])
def test_a_run_without_pointers_is_never_shown(client, ore, requirement, status):
    run = run_make(status=status)
    compliance_cells(run, requirement, completed=1, on_time=1, audience=2, overdue=0)
    html = _get(client, ore).content.decode()
    assert "No analytics have been computed yet." in html
    assert "50.0%" not in html


def test_a_newer_run_still_being_written_does_not_replace_the_visible_one(
    client, ore, figures, requirement
):
    newer = run_make(as_of=date(2026, 11, 25), status=RunStatus.RUNNING)
    compliance_cells(newer, requirement, completed=1, on_time=1, audience=200, overdue=199)
    failed = run_make(as_of=date(2026, 11, 25), status=RunStatus.FAILED)
    compliance_cells(failed, requirement, completed=2, on_time=2, audience=200, overdue=198)
    response = _get(client, ore, _req(figures, requirement))
    rows = {row[0]: row for row in _rows(response, "compliance")}
    assert rows["Implicit Bias: Foundations (all)"][1:] == [
        "75.0%",
        "150",
        "200",
        "60.0%",
        "120",
        "30",
    ]
    html = response.content.decode()
    assert "Figures as of Nov. 24, 2026 (computed Nov. 24, 2026, 2:05 a.m.)." in html
    assert "199 overdue" not in html
    assert "198 overdue" not in html


# --- each section's numbers ---------------------------------------------------------------------


def test_compliance_per_requirement(client, ore, figures):
    response = _get(client, ore)
    assert _rows(response, "compliance") == [
        ["Anti-harassment (all)", "90.0%", "45", "50", "90.0%", "45", "2"],
        ["Implicit Bias: Foundations (all)", "75.0%", "150", "200", "60.0%", "120", "30"],
    ]
    html = response.content.decode()
    assert "30 overdue" in html  # written on the chart as text


def test_departments_ranked_for_the_chosen_requirement(client, ore, figures, requirement):
    response = _get(client, ore, _req(figures, requirement))
    assert _rows(response, "ranking") == [
        ["General Services", "1", "90.0%", "90", "100", "80.0%", "10"],
        ["Library", "2", "60.0%", "60", "100", "40.0%", "20"],
    ]
    assert "90.0% (90 of 100)" in response.content.decode()


def test_distribution_counts_departments_per_band(client, ore, figures, requirement):
    rows = _rows(_get(client, ore, _req(figures, requirement)), "distribution")
    assert len(rows) == 10
    assert rows[6] == ["60 to 70%", "1", "Library"]
    assert rows[9] == ["90 to 100%", "1", "General Services"]
    assert sum(int(row[1]) for row in rows) == 2


def test_trends_by_month_and_quarter_citywide(client, ore, figures, requirement):
    response = _get(client, ore, _req(figures, requirement))
    months = _rows(response, "trend_month")
    assert [row[1] for row in months] == ["5.0%", "25.0%", "45.0%", "60.0%", "75.0%"]
    assert months[0][0] == "July 2026"
    assert _rows(response, "trend_quarter") == [
        ["FY 2026-27 Q1", "45.0%", "90", "200"],
        ["FY 2026-27 Q2", "75.0%", "150", "200"],
    ]


def test_trend_adds_the_chosen_departments_line(client, ore, figures, requirement, department):
    query = f"?requirement={requirement.pk}&department={department.pk}"
    months = _rows(_get(client, ore, query), "trend_month")
    assert months[-1] == ["November 2026", "75.0%", "150", "200", "90.0%", "90", "100"]
    assert months[0][4] == ""  # no department cell for July: shown as "no figure"


def test_on_time_late_and_not_completed(client, ore, figures):
    rows = _rows(_get(client, ore), "status")
    # late = completed - on time = 150 - 120 = 30; not completed = 200 - 150 = 50
    assert rows[1] == [
        "Implicit Bias: Foundations (all)",
        "60.0%",
        "120",
        "15.0%",
        "30",
        "25.0%",
        "50",
        "200",
    ]
    assert rows[0][3:5] == ["0.0%", "0"]


def test_knowledge_feedback_and_technical_assistance(client, ore, figures, course):
    response = _get(client, ore)
    assert _rows(response, "knowledge") == [[course.title, "15.0", "20"]]
    assert _rows(response, "feedback") == [[course.title, "4.3", "20"]]
    assert _rows(response, "ta") == [["General Services", "4", "12.5"], ["Citywide", "4", "12.5"]]


# --- filters ------------------------------------------------------------------------------------


def test_department_filter_shows_the_departments_figures(client, ore, figures, department, course):
    response = _get(client, ore, f"?department={department.pk}")
    assert _rows(response, "knowledge") == [[course.title, "-2.5", "4"]]
    assert _rows(response, "compliance") == [
        ["Implicit Bias: Foundations (all)", "90.0%", "90", "100", "80.0%", "80", "10"]
    ]
    assert "Showing FY 2026-27, General Services (GSD)." in response.content.decode()
    assert "Feedback is anonymous" in response.content.decode()


def test_job_class_filter_uses_job_class_cells(client, ore, figures):
    response = _get(client, ore, "?job_class=1368&period_type=fiscal_year")
    assert _rows(response, "compliance") == [
        ["Implicit Bias: Foundations (all)", "75.0%", "9", "12", "75.0%", "9", "1"]
    ]
    assert "Job class 1368, Senior Administrative Clerk" in response.content.decode()


def test_job_class_by_month_says_so_and_shows_citywide(client, ore, figures, requirement):
    cell(
        figures["run"],
        "completion_rate",
        period_type="month",
        start=date(2026, 11, 1),
        scope="job_class",
        job_class=figures["job_class"],
        requirement=requirement,
        numerator=1,
        denominator=2,
        value=0.5,
    )
    response = _get(client, ore, "?job_class=1368&period_type=month")
    html = response.content.decode()
    assert "Job-class figures are computed by fiscal year and fiscal quarter only" in html
    assert response.context["query"].group_scope == "citywide"


def test_quarter_period_shows_the_running_quarter(client, ore, figures, requirement):
    compliance_cells(
        figures["run"],
        requirement,
        completed=7,
        on_time=7,
        audience=10,
        overdue=3,
        period_type="fiscal_quarter",
        start=date(2026, 10, 1),
    )
    response = _get(client, ore, f"?requirement={requirement.pk}&period_type=fiscal_quarter")
    assert _rows(response, "compliance") == [
        ["Implicit Bias: Foundations (all)", "70.0%", "7", "10", "70.0%", "7", "3"]
    ]
    assert response.context["period_text"] == "FY 2026-27 Q2"


def test_past_fiscal_year_shows_its_last_period(client, ore, figures, requirement):
    run = figures["run"]
    compliance_cells(
        run, requirement, completed=1, on_time=1, audience=4, overdue=3, start=date(2025, 7, 1)
    )
    compliance_cells(
        run,
        requirement,
        completed=3,
        on_time=2,
        audience=4,
        overdue=1,
        period_type="month",
        start=date(2026, 6, 1),
    )
    make_visible(run)
    response = _get(client, ore, "?fiscal_year=2026&period_type=month")
    assert response.context["query"].period_start == date(2026, 6, 1)
    assert _rows(response, "compliance")[0][1] == "75.0%"
    response = _get(client, ore, "?fiscal_year=2026")
    assert _rows(response, "compliance")[0][1] == "25.0%"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?requirement=abc", "Choose a requirement from the list."),
        ("?requirement=999999", "Choose a requirement from the list."),
        ("?department=999999", "Choose a department from the list."),
        ("?job_class=0000", "No job class has the code 0000."),
        ("?period_type=week", "Choose fiscal year, fiscal quarter or month."),
        ("?fiscal_year=1990", "Choose a fiscal year that has figures."),
        ("?fiscal_year=<script>", "Choose a fiscal year that has figures."),
        ("?colour=red", "These filters do not exist: colour."),
        ("?period_type=month&period_type=fiscal_year", "Give each filter once: period_type."),
    ],
)
def test_bad_filters_show_a_message_and_the_default_figures(client, ore, figures, query, message):
    response = _get(client, ore, query)
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    default = _rows(_get(client, ore), "compliance")
    assert _rows(response, "compliance") == default
    assert "<script>" not in html


def test_department_and_job_class_together_are_refused(client, ore, figures, department):
    response = _get(client, ore, f"?department={department.pk}&job_class=1368")
    assert "Choose a department or a job class, not both" in response.content.decode()
    assert response.context["query"].group_scope == "citywide"


def test_numbers_follow_the_language(client, ore, figures):
    client.force_login(ore)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    rows = _rows(response, "compliance")
    assert rows[1][1].startswith("75,0")


# --- downloads ----------------------------------------------------------------------------------


SECTIONS = [
    "compliance",
    "ranking",
    "distribution",
    "trend_month",
    "trend_quarter",
    "status",
    "knowledge",
    "feedback",
    "ta",
]


@pytest.mark.parametrize("key", SECTIONS)
def test_each_download_is_the_sections_table(client, ore, figures, requirement, department, key):
    query = f"?requirement={requirement.pk}&department={department.pk}&period_type=fiscal_year"
    page = _get(client, ore, query)
    table = _section(page, key).table
    assert table.rows, key
    response = client.get(URL + query + f"&download={key}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="citywide-')
    lines = _csv(response)
    assert lines[0] == [column.label for column in table.columns]
    assert lines[1:] == [[cell.raw for cell in row] for row in table.rows]
    # The raw values are the page's numbers without the locale's formatting.
    for shown, written in zip(_rows(page, key), lines[1:], strict=True):
        for column, text_, raw in zip(table.columns, shown, written, strict=True):
            expected = text_.replace(",", "").replace("%", "") if column.is_numeric else text_
            assert expected == raw


def test_download_link_on_the_page_carries_the_filters(client, ore, figures, requirement):
    html = _get(client, ore, f"?requirement={requirement.pk}").content.decode()
    assert (
        f"?requirement={requirement.pk}&amp;period_type=fiscal_year&amp;fiscal_year=2027"
        "&amp;download=ranking"
    ) in html


def test_download_defuses_formulas(client, ore, figures, requirement):
    evil = DepartmentFactory(code="EVIL", name='=HYPERLINK("http://x")')
    compliance_cells(
        figures["run"],
        requirement,
        completed=1,
        on_time=1,
        audience=2,
        overdue=1,
        scope="department",
        department=evil,
    )
    client.force_login(ore)
    response = client.get(URL + f"?requirement={requirement.pk}&download=ranking")
    names = [line[0] for line in _csv(response)[1:]]
    assert '\'=HYPERLINK("http://x")' in names


def test_download_with_bad_filters_is_refused(client, ore, figures):
    client.force_login(ore)
    response = client.get(URL + "?department=nope&download=ranking")
    assert response.status_code == 400
    assert "Choose a department from the list." in response.content.decode()


def test_unknown_download_is_not_found(client, ore, figures):
    client.force_login(ore)
    assert client.get(URL + "?download=salaries").status_code == 404
