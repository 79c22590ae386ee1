"""Excel exports as background jobs: asking for one, making it, finding it, and cleaning up.

A liaison (or ORE) asks for the workbook of the staff list they are looking at
(`export_job_create`); a Celery task makes it (`export_job_run`, writing the rows in openpyxl's
write-only mode and saying how far it is every `PROGRESS_EVERY` rows) and keeps it in private
storage for `EXPORT_KEEP`; a periodic task deletes the files of expired jobs
(`export_jobs_expire`). Only the person who asked, and ORE, may see a job or download its file
(`access_export_job_by_id`). With the embedded (eager) Celery the job is done by the time the
request that asked for it returns.
"""

import dataclasses
import logging
import tempfile
from datetime import date, datetime, timedelta

from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation

from courses.compliance.selectors import requirement_list_for_department
from courses.workbench import exports
from courses.workbench.models import ExportJob, ExportJobFailure, ExportJobStatus
from courses.workbench.selectors import StaffFilters, staff_list_for_department
from lms.queueing import task_named
from lms.users.models import Department, User
from lms.users.permissions import access_department_by_code, can_view_all_departments

logger = logging.getLogger(__name__)

RUN_TASK = "courses.tasks.export_job_run_task"
# How long a finished workbook is kept for the person to download it.
EXPORT_KEEP = timedelta(hours=24)
# Rows between two progress updates (one UPDATE each).
PROGRESS_EVERY = 1000
_DATE_FIELDS = ("hired_from", "hired_to")


def filters_to_json(filters: StaffFilters) -> dict:
    """The validated filters as JSON primitives (dates as ISO text)."""
    data = dataclasses.asdict(filters)
    for name in _DATE_FIELDS:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    return data


def filters_from_json(data: dict) -> StaffFilters:
    data = dict(data)
    for name in _DATE_FIELDS:
        if data.get(name):
            data[name] = date.fromisoformat(data[name])
    return StaffFilters(**data)


@transaction.atomic
def export_job_create(
    *,
    user: User,
    department: Department,
    requirements: list,
    filters: StaffFilters,
    query: str = "",
    as_of: date | None = None,
) -> ExportJob:
    """A queued job for the workbook of `department`'s staff list narrowed by `filters` (already
    validated by the staff filter form), in the active language; its task is queued once the
    transaction commits. The caller has checked that `user` may see `department`."""
    as_of = as_of or timezone.localdate()
    job = ExportJob.objects.create(
        requested_by=user,
        department=department,
        filters=filters_to_json(filters),
        query=query[:2000],
        language=translation.get_language() or "en",
        filename=exports.export_filename(
            department=department,
            as_of=as_of,
            extension="xlsx",
            filters=filters,
            requirements=requirements,
        ),
    )
    task_named(RUN_TASK).delay_on_commit(job_id=job.pk)
    return job


def export_job_run(*, job_id: int, now: datetime | None = None) -> ExportJob | None:
    """Makes the workbook of job `job_id` and keeps it for `EXPORT_KEEP`. Safe to repeat: a job
    already finished (done, failed, expired) is left as it is; one left running by a worker that
    died starts again. A job whose filters no longer fit the department, or that fails while
    writing, is marked failed with the reason, and nothing is stored. Returns the job (None if
    there is no such job)."""
    job = ExportJob.objects.select_related("department").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return job
    started = now or timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.RUNNING, started_at=started, rows_done=0, rows_total=None
    )
    try:
        with translation.override(job.language):
            requirements = requirement_list_for_department(department=job.department)
            try:
                people = staff_list_for_department(
                    department=job.department,
                    requirements=requirements,
                    filters=filters_from_json(job.filters),
                )
            except (TypeError, ValueError):
                return _fail(job, ExportJobFailure.FILTERS)
            total = people.count()
            ExportJob.objects.filter(pk=job.pk).update(rows_total=total)

            def progress(rows: int) -> None:
                ExportJob.objects.filter(pk=job.pk).update(rows_done=min(rows, total))

            with tempfile.TemporaryFile() as handle:
                rows = exports.xlsx_write(
                    handle,
                    requirements=requirements,
                    people=people,
                    progress=progress,
                    progress_every=PROGRESS_EVERY,
                )
                handle.seek(0)
                job.file.save(f"{job.pk}.xlsx", File(handle), save=False)
    except Exception as error:
        # The job's id and the kind of error only: its text could carry a person's name.
        logger.error("staff export job %s failed: %s", job.pk, type(error).__name__)
        return _fail(job, ExportJobFailure.ERROR)
    finished = timezone.now() if now is None else now
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.DONE,
        file=job.file.name,
        rows_done=rows,
        rows_total=rows,
        finished_at=finished,
        expires_at=finished + EXPORT_KEEP,
    )
    exports.log_export(
        department=job.department, user_id=job.requested_by_id, fmt="xlsx", rows=rows
    )
    job.refresh_from_db()
    return job


def _fail(job: ExportJob, failure: str) -> ExportJob:
    if job.file:
        job.file.delete(save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.FAILED, failure=failure, file="", finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def export_jobs_expire(*, now: datetime | None = None) -> int:
    """Deletes the workbooks of finished jobs past their expiry and marks the jobs expired (the
    job stays: who exported what, and when). Returns how many expired. Safe to repeat."""
    now = now or timezone.now()
    expired = 0
    for job in ExportJob.objects.filter(status=ExportJobStatus.DONE, expires_at__lte=now):
        if job.file:
            job.file.delete(save=False)
        expired += ExportJob.objects.filter(pk=job.pk, status=ExportJobStatus.DONE).update(
            status=ExportJobStatus.EXPIRED, file=""
        )
    return expired


def access_export_job_by_id(user: User, code: str, job_id: int) -> ExportJob:
    """The export job `job_id` of the department `code`, if `user` may see it: the department
    gate first (no role: PermissionDenied; outside their scope: Http404), then only the person
    who asked, or ORE (Http404 for anyone else, so job ids cannot be probed)."""
    department = access_department_by_code(user, code)
    job = (
        ExportJob.objects.select_related("department")
        .filter(pk=job_id, department=department)
        .first()
    )
    if job is None or not (job.requested_by_id == user.pk or can_view_all_departments(user)):
        raise Http404
    return job
