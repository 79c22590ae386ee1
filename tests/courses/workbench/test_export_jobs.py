"""The Excel export as a background job: asking, progress, the download, who may see it, failure
and expiry; and the CSV export's fast path giving what the per-cell path gives."""

import csv
import io
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.compliance.models import AssignmentStatus
from courses.compliance.selectors import requirement_list_for_department
from courses.tasks import export_job_run_task, export_jobs_expire_task
from courses.workbench import exports, jobs
from courses.workbench.models import ExportJob, ExportJobFailure, ExportJobStatus
from courses.workbench.selectors import StaffFilters, staff_list_for_department
from lms.spreadsheets import SafeWriter
from tests.courses.workbench.export_helpers import (
    job_of,
    start_export,
    use_export_storage,
    workbook_rows,
    xlsx_via_job,
)
from tests.courses.workbench.workbench_data import assign
from tests.factories import JobClassFactory, LiaisonScopeFactory, RequirementFactory, UserFactory

S = AssignmentStatus
INJECTION = '=HYPERLINK("http://x","y")'


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(
        datetime(2026, 3, 16, 12, tzinfo=ZoneInfo("America/Los_Angeles")), tick=False
    ):
        yield


@pytest.fixture
def storage(monkeypatch, tmp_path):
    return use_export_storage(monkeypatch, tmp_path / "private")


@pytest.fixture
def staff(department, course):
    """Two requirements and people covering every kind of cell: a formula-like name, no employee
    ID, no supervisor, a job class, a completion late in the evening (another day in UTC), an
    exemption, and someone outside one requirement's audience."""
    first = RequirementFactory(course=course, name="Foundations")
    second = RequirementFactory(course=course, name="+Refresher")
    boss = UserFactory(department=department, employee_id="100", first_name="Bea", last_name="Boss")
    analyst = JobClassFactory(code="9184", title="Management Analyst")
    hostile = UserFactory(
        department=department,
        last_name=INJECTION,
        first_name="-2+3",
        job_class=analyst,
        supervisor=boss,
        hired_on=date(2020, 2, 29),
    )
    nameless = UserFactory(department=department, employee_id=None, last_name="Nobody")
    assign(hostile, first, status=S.OVERDUE, due_on=date(2026, 3, 1))
    late = assign(
        hostile,
        second,
        status=S.COMPLETED_LATE,
        due_on=date(2026, 3, 1),
        completed_on=date(2026, 3, 10),
    )
    # 21:30 in Los Angeles is the next day in UTC: the export shows the local day.
    late.completed_at = datetime(2026, 3, 10, 21, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    late.save()
    assign(nameless, first, status=S.EXEMPT, due_on=date(2026, 5, 1))
    assign(boss, first, status=S.COMPLETED_ON_TIME, completed_on=date(2026, 2, 1))
    return {"requirements": [first, second], "hostile": hostile, "nameless": nameless}


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _as_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value


# --- the CSV's fast path ----------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_is_exactly_what_the_per_cell_safe_writer_makes_of_the_same_rows(
    client, liaison, department, staff
):
    client.force_login(liaison)
    body = b"".join(client.get("/liaison/GSD/export.csv").streaming_content)

    requirements = requirement_list_for_department(department=department)
    people = staff_list_for_department(
        department=department, requirements=requirements, filters=StaffFilters()
    )
    expected = io.StringIO()
    writer = SafeWriter(expected)
    writer.writerow(exports.header_row(requirements))
    for row in exports.export_rows(people=people, requirements=requirements):
        writer.writerow(row)
    assert body.decode("utf-8") == "\ufeff" + expected.getvalue()
    rows = {row[1]: row for row in _csv(client.get("/liaison/GSD/export.csv"))}
    assert rows["'" + INJECTION][2] == "'-2+3"
    assert rows["'" + INJECTION][4:8] == [
        "9184 Management Analyst",
        "100",
        "Boss, Bea",
        "2020-02-29",
    ]
    # +Refresher (first by name): completed late, on the local day; Foundations: overdue.
    assert rows["'" + INJECTION][8:] == [
        "Completed late", "2026-03-01", "2026-03-10", "Overdue", "2026-03-01", "",
    ]  # fmt: skip
    assert rows["Nobody"][0] == ""
    assert rows["Nobody"][8:] == ["", "", "", "Exempt", "2026-05-01", ""]


@pytest.mark.django_db
def test_csv_reads_people_in_chunks_with_one_assignment_query_each(department, liaison, staff):
    requirements = requirement_list_for_department(department=department)
    people = staff_list_for_department(
        department=department, requirements=requirements, filters=StaffFilters()
    )
    with CaptureQueriesContext(connection) as queries:
        rows = list(exports.export_rows(people=people, requirements=requirements, chunk_size=2))
    assert len(rows) == 4
    # The people (read through a cursor) and one query per chunk of two: 4 people, 2 chunks.
    assert len(queries) == 3


# --- asking for the workbook ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_department_page_has_the_export_button_and_get_creates_no_job(
    client, liaison, department, staff
):
    client.force_login(liaison)
    page = client.get("/liaison/GSD/", {"status": "overdue"}).content.decode()
    assert 'action="/liaison/GSD/export.xlsx?status=overdue"' in page
    assert "Export this list to Excel" in page

    response = client.get("/liaison/GSD/export.xlsx", {"status": "overdue"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post" action="/liaison/GSD/export.xlsx?status=overdue"' in html
    assert "Prepare the Excel file" in html
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_export_to_excel_makes_a_job_that_a_worker_finishes_with_the_csv_rows(
    client, liaison, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(liaison)

    response = start_export(client, django_capture_on_commit_callbacks)

    job = job_of(response)
    assert response.status_code == 302
    assert (job.status, job.requested_by, job.department) == ("done", liaison, department)
    assert (job.rows_done, job.rows_total) == (4, 4)
    assert job.expires_at == job.finished_at + jobs.EXPORT_KEEP
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert 'role="status"' in html
    assert "Your Excel file is ready: 4 people." in html
    assert f'href="/liaison/GSD/exports/{job.pk}/download/"' in html
    assert "export_job.js" not in html  # finished: nothing to poll
    # The workbook holds exactly the CSV's rows (dates as dates, text without apostrophes).
    csv_rows = _csv(client.get("/liaison/GSD/export.csv"))
    sheet = workbook_rows(client, job)
    assert [[_as_text(cell) for cell in row] for row in sheet] == [
        [value.removeprefix("'") for value in row] for row in csv_rows
    ]


@pytest.mark.django_db
def test_the_job_keeps_the_filters_and_the_language_of_the_person_who_asked(
    client, liaison, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    client.cookies["django_language"] = "es"
    response = start_export(client, django_capture_on_commit_callbacks, params={"q": "Nobody"})

    job = job_of(response)
    assert job.language == "es"
    assert job.query == "q=Nobody"
    assert job.filters["search"] == "Nobody"
    header, row = workbook_rows(client, job)
    assert header[0].value == "Número de empleado"
    assert row[1].value == "Nobody"


@pytest.mark.django_db
def test_a_queued_job_shows_its_status_a_check_again_link_and_the_polling_script(
    client, liaison, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    job = job_of(start_export(client, django_capture_on_commit_callbacks, execute=False))
    url = f"/liaison/GSD/exports/{job.pk}/"

    html = client.get(url).content.decode()
    assert job.status == "queued"
    assert "Waiting to start" in html
    assert f'href="{url}">Check again</a>' in html
    assert "courses/workbench/export_job.js" in html
    assert "download/" not in html
    # Not ready: the download sends the person to the job's page.
    assert client.get(f"{url}download/")["Location"] == url

    ExportJob.objects.filter(pk=job.pk).update(status="running", rows_done=1000, rows_total=2500)
    html = client.get(url).content.decode()
    assert "The file is being prepared." in html
    assert 'max="2500" value="1000"' in html
    assert "1,000 of 2,500" in html

    export_job_run_task(job_id=job.pk)  # the worker gets to it
    assert "Your Excel file is ready" in client.get(url).content.decode()


@pytest.mark.django_db
def test_progress_is_saved_every_n_rows_while_writing(department, liaison, staff, storage):
    requirements = requirement_list_for_department(department=department)
    job = jobs.export_job_create(
        user=liaison, department=department, requirements=requirements, filters=StaffFilters()
    )
    jobs.PROGRESS_EVERY, every = 2, jobs.PROGRESS_EVERY
    try:
        with CaptureQueriesContext(connection) as queries:
            jobs.export_job_run(job_id=job.pk)
    finally:
        jobs.PROGRESS_EVERY = every
    progress = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('UPDATE "courses_exportjob" SET "rows_done"')
    ]
    assert len(progress) == 2  # after rows 2 and 4
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", 4, 4)


@pytest.mark.django_db
def test_running_a_finished_job_again_changes_nothing(
    client, liaison, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    job = job_of(start_export(client, django_capture_on_commit_callbacks))
    assert export_job_run_task(job_id=job.pk) == "done"
    again = ExportJob.objects.get(pk=job.pk)
    assert (again.file.name, again.finished_at) == (job.file.name, job.finished_at)
    assert len(list((storage.base_location / "exports").rglob("*.xlsx"))) == 1
    assert export_job_run_task(job_id=999_999) is None


# --- failure ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_job_whose_filters_no_longer_fit_fails_and_says_so(
    client, liaison, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    chosen = staff["requirements"][1]
    job = job_of(
        start_export(
            client,
            django_capture_on_commit_callbacks,
            params={"requirement": chosen.pk},
            execute=False,
        )
    )
    chosen.is_active = False  # withdrawn by ORE before the worker got to the job
    chosen.save()

    export_job_run_task(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.failure, job.file.name) == ("failed", "filters", "")
    html = client.get(f"/liaison/GSD/exports/{job.pk}/").content.decode()
    assert "The export failed: the filters no longer fit" in html
    assert "Check again" not in html
    assert 'href="/liaison/GSD/export.xlsx">Export the list again' in html
    assert client.get(f"/liaison/GSD/exports/{job.pk}/download/").status_code == 302
    assert (
        not list(storage.base_location.rglob("*.xlsx")) if storage.base_location.exists() else True
    )


@pytest.mark.django_db
def test_a_job_that_breaks_while_writing_fails_stores_nothing_and_logs_no_names(
    client, liaison, department, staff, storage, monkeypatch, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    def broken(handle, **kwargs):
        handle.write(b"half a workbook")
        raise RuntimeError(f"cannot write {INJECTION} for Nobody")

    monkeypatch.setattr(exports, "xlsx_write", broken)
    client.force_login(liaison)
    with caplog.at_level(logging.INFO):
        job = job_of(start_export(client, django_capture_on_commit_callbacks))

    assert (job.status, job.failure, job.file.name) == ("failed", ExportJobFailure.ERROR, "")
    html = client.get(f"/liaison/GSD/exports/{job.pk}/").content.decode()
    assert "The export failed: the file could not be made. Nothing was saved." in html
    assert "Nobody" not in caplog.text
    assert f"staff export job {job.pk} failed: RuntimeError" in caplog.text
    root = storage.base_location
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]


# --- expiry -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_expired_files_are_deleted_and_the_page_says_so(
    client, liaison, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    job = job_of(start_export(client, django_capture_on_commit_callbacks))
    path = storage.path(job.file.name)

    assert jobs.export_jobs_expire(now=job.expires_at - timedelta(minutes=1)) == 0
    with time_machine.travel(job.expires_at + timedelta(minutes=1), tick=False):
        assert export_jobs_expire_task() == 1
        assert export_jobs_expire_task() == 0

    job.refresh_from_db()
    assert (job.status, job.file.name) == ("expired", "")
    assert not storage.exists(path)
    html = client.get(f"/liaison/GSD/exports/{job.pk}/").content.decode()
    assert "This file has expired and was deleted." in html
    assert client.get(f"/liaison/GSD/exports/{job.pk}/download/").status_code == 302


def test_the_expiry_runs_every_hour_from_the_static_beat_schedule():
    from lms.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "courses.tasks.export_jobs_expire_task" in tasks
    assert "courses.tasks.export_jobs_expire_task" in app.tasks
    assert "courses.tasks.export_job_run_task" in app.tasks


# --- who may see a job ------------------------------------------------------------------------


@pytest.fixture
def done_job(client, liaison, department, staff, storage, django_capture_on_commit_callbacks):
    client.force_login(liaison)
    job = job_of(start_export(client, django_capture_on_commit_callbacks))
    client.logout()
    return job


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "page", "download"),
    [
        ("liaison", 200, 200),
        ("ore", 200, 200),
        ("admin_user", 200, 200),
        ("learner", 403, 403),
        ("other_liaison", 404, 404),
        ("same_department_liaison", 404, 404),
    ],
)
def test_only_the_person_who_asked_and_ore_see_the_job_and_its_file(
    client, request, done_job, department, role, page, download
):
    if role == "same_department_liaison":
        user = UserFactory(department=department)
        LiaisonScopeFactory(user=user, department=department)
    else:
        user = request.getfixturevalue(role)
    client.force_login(user)
    url = f"/liaison/GSD/exports/{done_job.pk}/"
    assert client.get(url).status_code == page
    assert client.get(f"{url}download/").status_code == download


@pytest.mark.django_db
def test_a_job_is_not_found_under_another_department_or_an_unknown_id(
    client, done_job, liaison, other_department, ore
):
    client.force_login(ore)
    assert client.get(f"/liaison/LAPL/exports/{done_job.pk}/").status_code == 404
    assert client.get(f"/liaison/NOPE/exports/{done_job.pk}/").status_code == 404
    client.force_login(liaison)
    assert client.get(f"/liaison/LAPL/exports/{done_job.pk}/").status_code == 404
    assert client.get("/liaison/GSD/exports/999999/").status_code == 404
    assert client.get("/liaison/GSD/exports/999999/download/").status_code == 404
    assert client.get("/liaison/GSD/exports/99999999999999999999/").status_code == 404


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_sign_in_and_nobody_starts_a_job_by_get(
    client, done_job, learner, other_liaison, django_capture_on_commit_callbacks
):
    response = client.get(f"/liaison/GSD/exports/{done_job.pk}/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(learner)
    assert start_export(client, django_capture_on_commit_callbacks).status_code == 403
    client.force_login(other_liaison)
    assert start_export(client, django_capture_on_commit_callbacks).status_code == 404
    assert ExportJob.objects.count() == 1
    assert client.post(f"/liaison/LAPL/exports/{done_job.pk}/").status_code == 405


@pytest.mark.django_db
def test_ore_exports_any_department_and_the_job_is_theirs(
    client, ore, department, staff, storage, django_capture_on_commit_callbacks
):
    client.force_login(ore)
    rows = xlsx_via_job(client, django_capture_on_commit_callbacks)
    assert len(rows) == 1 + 3  # the header, Boss, the hostile name and Nobody
    assert ExportJob.objects.get().requested_by == ore
    assert ExportJob.objects.get().status == ExportJobStatus.DONE
