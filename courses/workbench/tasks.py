"""Celery tasks of the workbench's Excel exports: thin wrappers around `courses.workbench.jobs`,
registered under courses.tasks.* (lms/celery.py's beat_schedule names the expiry task)."""

from celery import shared_task

from courses.workbench import jobs


@shared_task(name="courses.tasks.export_job_run_task", acks_late=True)
def export_job_run_task(*, job_id: int) -> str | None:
    """Makes the job's workbook; returns the job's status. Safe to deliver twice."""
    job = jobs.export_job_run(job_id=job_id)
    return job.status if job is not None else None


@shared_task(name="courses.tasks.export_jobs_expire_task", acks_late=True)
def export_jobs_expire_task() -> int:
    """Deletes expired workbooks; returns how many."""
    return jobs.export_jobs_expire()
