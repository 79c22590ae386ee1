"""Running an Excel export job the way a liaison does, for the export tests."""

import io
import re
from urllib.parse import urlencode

from django.core.files.storage import FileSystemStorage
from openpyxl import load_workbook

from courses.workbench.jobs import export_job_run
from courses.workbench.models import ExportJob

JOB_URL = re.compile(r"^/liaison/(?P<code>[^/]+)/exports/(?P<id>[0-9]+)/$")


def use_export_storage(monkeypatch, root) -> FileSystemStorage:
    """Points the jobs' private storage at `root` for one test, and returns it."""
    storage = FileSystemStorage(location=root, base_url="/private-media-not-served/")
    monkeypatch.setattr(ExportJob._meta.get_field("file"), "storage", storage)
    return storage


def start_export(client, capture, code="GSD", params=None, *, execute=True):
    """Presses "Export this list to Excel" on the department page with `params` as its query
    string. The request queues exactly one task on commit; with `execute`, the job is then run
    as a worker runs it (`export_job_run`, called directly). Returns the response (a redirect to
    the job's page when the filters are valid)."""
    query = urlencode(params or {}, doseq=True)
    url = f"/liaison/{code}/export.xlsx" + (f"?{query}" if query else "")
    with capture(execute=False) as queued:
        response = client.post(url)
    if response.status_code == 302 and JOB_URL.match(response["Location"]):
        assert len(queued) == 1, queued  # the job's task, queued once the job is stored
        if execute:
            export_job_run(job_id=job_of(response).pk)
    return response


def job_of(response) -> ExportJob:
    match = JOB_URL.match(response["Location"])
    assert match, response["Location"]
    return ExportJob.objects.get(pk=int(match["id"]))


def workbook_rows(client, job: ExportJob):
    """The downloaded workbook's rows, as openpyxl cells."""
    response = client.get(f"/liaison/{job.department.code}/exports/{job.pk}/download/")
    assert response.status_code == 200, response.status_code
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.active.iter_rows())


def xlsx_via_job(client, capture, params=None, code="GSD"):
    """The workbook of the staff list filtered by `params`, made by a job and downloaded."""
    response = start_export(client, capture, code, params)
    assert response.status_code == 302, response.status_code
    return workbook_rows(client, job_of(response))
