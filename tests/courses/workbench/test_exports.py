"""Exports: exactly the filtered staff list, streamed, defused against formula injection."""

import csv
import io
import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from courses.compliance.models import AssignmentStatus
from courses.workbench import exports
from courses.workbench.models import ExportJob
from lms.spreadsheets import defused as defuse
from lms.users.models import User
from tests.courses.workbench.export_helpers import (
    job_of,
    start_export,
    use_export_storage,
    workbook_rows,
    xlsx_via_job,
)
from tests.courses.workbench.workbench_data import assign
from tests.factories import JobClassFactory, RequirementFactory, UserFactory

S = AssignmentStatus
INJECTION = '=HYPERLINK("http://x","y")'


@pytest.fixture(autouse=True)
def _frozen():
    """16 March 2026, noon in Los Angeles: the date in the file names."""
    with time_machine.travel(
        datetime(2026, 3, 16, 12, tzinfo=ZoneInfo("America/Los_Angeles")), tick=False
    ):
        yield


@pytest.fixture(autouse=True)
def _export_storage(monkeypatch, tmp_path):
    use_export_storage(monkeypatch, tmp_path / "private")


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana", "Ana"),
        ("O'Brien", "O'Brien"),
        ("", ""),
    ],
)
def test_defuse_prefixes_anything_that_could_start_a_formula(value, expected):
    assert defuse(value) == expected


@pytest.mark.django_db
def test_csv_is_streamed_with_every_filtered_row_and_the_columns(
    client, liaison, department, requirement
):
    analyst = JobClassFactory(code="9184")
    boss = UserFactory(department=department, employee_id="100")
    people = UserFactory.create_batch(
        60, department=department, job_class=analyst, supervisor=boss, hired_on=date(2021, 4, 1)
    )
    for person in people:
        assign(person, requirement, status=S.OVERDUE, due_on=date(2026, 3, 1))
    assign(
        people[0],
        requirement,
        cycle=2,
        status=S.COMPLETED_LATE,
        due_on=date(2026, 3, 1),
        completed_on=date(2026, 3, 10),
    )
    people[0].assignments.filter(cycle=1).update(is_current=False)
    UserFactory.create_batch(5, department=department)  # other job class: filtered out
    client.force_login(liaison)

    response = client.get("/liaison/GSD/export.csv", {"job_class": analyst.pk, "page": 2})

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="gsd-staff-job-class-9184-2026-03-16.csv"'
    )
    header, *rows = _csv_rows(response)
    assert header == [
        "Employee ID",
        "Last name",
        "First name",
        "Email",
        "Job class",
        "Supervisor employee ID",
        "Supervisor",
        "Hire date",
        f"{requirement.name}: status",
        f"{requirement.name}: due date",
        f"{requirement.name}: completed on",
    ]
    assert len(rows) == 60  # every page, not page 2 only
    by_id = {row[0]: row for row in rows}
    first = by_id[people[0].employee_id]
    assert first[4:] == [
        str(analyst),
        "100",
        f"{boss.last_name}, {boss.first_name}",
        "2021-04-01",
        "Completed late",
        "2026-03-01",
        "2026-03-10",
    ]
    assert by_id[people[1].employee_id][8:] == ["Overdue", "2026-03-01", ""]


@pytest.mark.django_db
def test_both_formats_give_the_day_of_completion_in_the_city_s_time(
    client, liaison, department, requirement
):
    """23:30 in Los Angeles is the next day in UTC: the export shows the city's day, in the CSV
    as text and in the workbook as a date, as the staff list does."""
    person = UserFactory(department=department)
    assignment = assign(person, requirement, status=S.COMPLETED_ON_TIME, due_on=date(2026, 3, 31))
    late_evening = datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    assignment.completed_at = late_evening
    assignment.save(update_fields=["completed_at"])
    client.force_login(liaison)

    _header, *rows = _csv_rows(client.get("/liaison/GSD/export.csv"))
    row = next(row for row in rows if row[0] == person.employee_id)
    assert row[8:] == ["Completed on time", "2026-03-31", "2026-03-10"]
    rows = list(
        exports.export_rows(people=User.objects.filter(pk=person.pk), requirements=[requirement])
    )
    assert rows[0][8:] == ["Completed on time", date(2026, 3, 31), date(2026, 3, 10)]


def test_csv_exports_a_formula_as_text(client, liaison, department, course):
    dangerous = RequirementFactory(course=course, name="+cmd|' /C calc'!A0")
    person = UserFactory(department=department, last_name=INJECTION, first_name="@evil")
    assign(person, dangerous)
    client.force_login(liaison)

    header, *rows = _csv_rows(client.get("/liaison/GSD/export.csv", {"q": person.employee_id}))

    [row] = rows
    assert row[1] == "'" + INJECTION
    assert row[2] == "'@evil"
    assert header[8] == "'+cmd|' /C calc'!A0: status"


@pytest.mark.django_db
def test_xlsx_is_a_file_whose_formula_cells_are_plain_strings(
    client, liaison, department, requirement, django_capture_on_commit_callbacks
):
    person = UserFactory(
        department=department, last_name=INJECTION, first_name="-2+3", hired_on=date(2020, 2, 29)
    )
    assign(person, requirement, status=S.NOT_STARTED, due_on=date(2026, 4, 1))
    client.force_login(liaison)

    job = job_of(
        start_export(client, django_capture_on_commit_callbacks, params={"q": person.employee_id})
    )

    response = client.get(f"/liaison/GSD/exports/{job.pk}/download/")
    assert response["Content-Disposition"] == (
        f'attachment; filename="gsd-staff-search-{person.employee_id}-2026-03-16.xlsx"'
    )
    assert response["Cache-Control"] == "no-store"
    header, row = workbook_rows(client, job)
    assert header[0].value == "Employee ID"
    last_name, first_name = row[1], row[2]
    # Text cells, not formulas, with no apostrophe to show (Excel's hidden quote prefix).
    assert (last_name.value, last_name.data_type, last_name.quotePrefix) == (INJECTION, "s", True)
    assert (first_name.value, first_name.data_type, first_name.quotePrefix) == ("-2+3", "s", True)
    assert row[7].value.date() == date(2020, 2, 29)
    assert row[8].value == "Not started"
    assert row[9].value.date() == date(2026, 4, 1)
    assert row[10].value is None


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_hostile_job_class_and_requirement_are_text_in_both_formats(
    client, liaison, department, course, fmt, django_capture_on_commit_callbacks
):
    dangerous = RequirementFactory(course=course, name="@SUM(A1)")
    person = UserFactory(department=department, job_class=JobClassFactory(code="=1+1"))
    assign(person, dangerous)
    client.force_login(liaison)

    if fmt == "csv":
        response = client.get("/liaison/GSD/export.csv", {"q": person.employee_id})
        header, row = _csv_rows(response)
        assert row[4].startswith("'=1+1")
        assert header[8] == "'@SUM(A1): status"
        assert not any(value.startswith(("=", "+", "-", "@")) for value in header + row)
    else:
        params = {"q": person.employee_id}
        header, row = xlsx_via_job(client, django_capture_on_commit_callbacks, params)
        assert (row[4].value.split()[0], row[4].data_type) == ("=1+1", "s")
        assert (header[8].value, header[8].data_type) == ("@SUM(A1): status", "s")
        assert not any(cell.data_type == "f" for cell in header + row)


@pytest.mark.django_db
def test_export_logs_department_row_count_and_user_pk_but_no_names(
    client, liaison, department, requirement, caplog, django_capture_on_commit_callbacks
):
    person = UserFactory(department=department, last_name="Zamora", email="zamora@x.test")
    assign(person, requirement)
    client.force_login(liaison)
    with caplog.at_level(logging.INFO, logger="courses.workbench.exports"):
        response = client.get("/liaison/GSD/export.csv")
        b"".join(response.streaming_content)
        start_export(client, django_capture_on_commit_callbacks)
    messages = [r.getMessage() for r in caplog.records if r.name == "courses.workbench.exports"]
    assert messages == [
        f"staff export: department=GSD format=csv rows=2 user={liaison.pk}",
        f"staff export: department=GSD format=xlsx rows=2 user={liaison.pk}",
    ]
    assert "Zamora" not in caplog.text
    assert "zamora@" not in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "params",
    [
        {"requirement": "999999"},
        {"status": "everyone"},
        {"sort": "email"},
        {"hired_from": "not-a-date"},
        {"department": "LAPL"},
        {"q": ["a", "b"]},
    ],
)
def test_export_with_forged_filters_is_refused_and_exports_nothing(
    client,
    liaison,
    department,
    requirement,
    caplog,
    fmt,
    params,
    django_capture_on_commit_callbacks,
):
    UserFactory(department=department, last_name="Secret")
    client.force_login(liaison)
    with caplog.at_level(logging.INFO, logger="courses.workbench.exports"):
        if fmt == "csv":
            response = client.get("/liaison/GSD/export.csv", params)
        else:
            response = start_export(client, django_capture_on_commit_callbacks, params=params)
    assert response.status_code == 400
    body = response.content.decode()
    if fmt == "csv":
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert body.startswith("Nothing was exported: these filters are not valid.")
    else:
        assert "Nothing was exported: these filters are not valid." in body
        assert not ExportJob.objects.exists()
    assert "Secret" not in body
    assert "Content-Disposition" not in response
    assert not [r for r in caplog.records if r.name == "courses.workbench.exports"]


@pytest.mark.django_db
def test_export_in_an_unknown_format_is_not_found(client, liaison, department):
    client.force_login(liaison)
    assert client.get("/liaison/GSD/export.pdf").status_code == 404
    assert client.get("/liaison/GSD/export.csv.exe").status_code == 404
    assert client.get("/liaison/GSD/export.xlsx.exe").status_code == 404


@pytest.mark.django_db
def test_csv_export_query_count_does_not_grow_with_department_size(
    client, liaison, department, course, django_assert_num_queries
):
    requirements = [RequirementFactory(course=course) for _ in range(3)]

    def grow(count: int) -> None:
        for person in UserFactory.create_batch(count, department=department):
            for requirement in requirements:
                assign(person, requirement)

    client.force_login(liaison)
    grow(2)
    with CaptureQueriesContext(connection) as small:
        b"".join(client.get("/liaison/GSD/export.csv").streaming_content)
    grow(150)
    with django_assert_num_queries(len(small)):
        rows = _csv_rows(client.get("/liaison/GSD/export.csv"))
    assert len(rows) == 1 + 153  # header, 152 people and the liaison


@pytest.mark.django_db
def test_xlsx_has_a_frozen_filtered_header_widths_and_names_as_on_screen(
    client, liaison, department, requirement, django_capture_on_commit_callbacks
):
    analyst = JobClassFactory(code="9184", title="Management Analyst")
    boss = UserFactory(department=department, employee_id="100", first_name="Bea", last_name="Boss")
    person = UserFactory(department=department, job_class=analyst, supervisor=boss)
    assign(person, requirement, status=S.OVERDUE, due_on=date(2026, 3, 1))
    client.force_login(liaison)

    job = job_of(
        start_export(client, django_capture_on_commit_callbacks, params={"status": "overdue"})
    )

    response = client.get(f"/liaison/GSD/exports/{job.pk}/download/")
    assert response["Content-Disposition"] == (
        'attachment; filename="gsd-staff-overdue-2026-03-16.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:K2"
    assert sheet.column_dimensions["B"].width >= 12
    assert sheet.column_dimensions["I"].width >= 12
    header = [cell.value for cell in sheet[1]]
    assert header[4:7] == ["Job class", "Supervisor employee ID", "Supervisor"]
    row = [cell.value for cell in sheet[2]]
    assert row[4:7] == ["9184 Management Analyst", "100", "Boss, Bea"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({}, "gsd-staff-2026-03-16.csv"),
        ({"status": "not_started"}, "gsd-staff-not-started-2026-03-16.csv"),
        ({"q": "Rivera, Emily"}, "gsd-staff-search-rivera-emily-2026-03-16.csv"),
    ],
)
def test_export_file_names_say_what_was_filtered(
    client, liaison, department, requirement, params, name
):
    client.force_login(liaison)
    response = client.get("/liaison/GSD/export.csv", params)
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


@pytest.mark.django_db
def test_export_file_name_names_the_requirement_and_job_class(
    client, liaison, department, course, django_capture_on_commit_callbacks
):
    chosen = RequirementFactory(course=course, name="Implicit Bias: Foundations")
    analyst = JobClassFactory(code="9184")
    assign(UserFactory(department=department, job_class=analyst), chosen)
    client.force_login(liaison)
    params = {"requirement": chosen.pk, "job_class": analyst.pk}
    job = job_of(start_export(client, django_capture_on_commit_callbacks, params=params))
    response = client.get(f"/liaison/GSD/exports/{job.pk}/download/")
    assert response["Content-Disposition"] == (
        'attachment; filename="gsd-staff-implicit-bias-foundations-job-class-9184-2026-03-16.xlsx"'
    )


@pytest.mark.django_db
def test_glossary_csv_starts_with_a_byte_order_mark_like_the_other_csvs(client):
    content = client.get("/api/glossary.csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    assert content[3:].decode("utf-8").startswith("slug,")
