"""Excel exports made in the background: one `ExportJob` per "Export to Excel" a liaison or ORE
asks for (`courses.workbench.jobs` runs it; its file lives in private storage until it expires)."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def export_storage():
    """Private storage: the workbooks are served only by the job's download view, which checks
    who asks first."""
    return storages["private"]


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportJobFailure(models.TextChoices):
    # The filters no longer fit the department (a requirement of the list was removed).
    FILTERS = "filters", _("The filters no longer fit this department's list")
    ERROR = "error", _("The file could not be made")


class ExportJob(models.Model):
    """A workbook of one department's filtered staff list, for the person who asked.

    `filters` holds the validated staff-list filters (`StaffFilters` as JSON primitives) and
    `query` the list's query string (to go back to it). `rows_done` of `rows_total` says how far
    the job is; `file` is empty until it is done and again once it has expired.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey("users.Department", on_delete=models.CASCADE, related_name="+")
    filters = models.JSONField(default=dict, blank=True)
    query = models.CharField(max_length=2000, blank=True)
    # The language the person used when asking: the header and statuses are written in it.
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(
        max_length=10, choices=ExportJobStatus.choices, default=ExportJobStatus.QUEUED
    )
    failure = models.CharField(max_length=10, choices=ExportJobFailure.choices, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    filename = models.CharField(max_length=200)
    file = models.FileField(upload_to="exports/%Y/%m/", storage=export_storage, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("staff list export")
        indexes = [models.Index(fields=["status", "expires_at"], name="courses_exportjob_expiry")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ExportJobStatus.values),
                name="courses_exportjob_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status=ExportJobStatus.FAILED) | models.Q(failure=""),
                name="courses_exportjob_failure_only_when_failed",
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_finished(self) -> bool:
        return self.status not in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING)

    @property
    def percent(self) -> int | None:
        """Whole percent of the rows written, rounded down; None while the total is unknown."""
        if not self.rows_total:
            return None
        return min(self.rows_done * 100 // self.rows_total, 100)
