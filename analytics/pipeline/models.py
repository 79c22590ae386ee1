"""Analytics runs and the indicator snapshots they write.

A run writes its rows first and becomes visible last: `SnapshotSlice` points each slice of the
numbers (one requirement's fiscal year, or one indicator family's fiscal year) at the run that
computed it most recently, and the pointers move in one transaction when the run completes. A
crash mid-run leaves rows no pointer names, so readers keep seeing the previous run.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.compliance.models import Requirement
from courses.learning.models import CoursePage
from lms.users.models import Department, JobClass


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETE = "complete", _("Complete")
    FAILED = "failed", _("Failed")
    # Its worker stopped (killed, or lost the database) without saying: no heartbeat for
    # ANALYTICS_RUN_HEARTBEAT_TIMEOUT seconds.
    ABANDONED = "abandoned", _("Abandoned")


class RunKind(models.TextChoices):
    FULL = "full", pgettext_lazy("kind of analytics run", "Full")
    INCREMENTAL = "incremental", pgettext_lazy("kind of analytics run", "Incremental")


class AnalyticsRun(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=RunKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    as_of = models.DateField(_("reporting date"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("last heartbeat"),
        null=True,
        blank=True,
        help_text=_("A running run updates this as it works; one that stops is abandoned."),
    )
    slice_count = models.PositiveIntegerField(_("slices"), default=0)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    rows_pruned_at = models.DateTimeField(
        _("cells deleted at"),
        null=True,
        blank=True,
        help_text=_("Old runs keep this record; their cells go once newer runs replace them."),
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("analytics run")
        verbose_name_plural = _("analytics runs")
        indexes = [models.Index(fields=["status", "-started_at"], name="analytics_run_status")]

    def __str__(self) -> str:
        return f"run {self.pk} ({self.kind}, {self.status})"


class PeriodType(models.TextChoices):
    FISCAL_YEAR = "fiscal_year", _("Fiscal year")
    FISCAL_QUARTER = "fiscal_quarter", _("Fiscal quarter")
    MONTH = "month", _("Month")


class Scope(models.TextChoices):
    CITYWIDE = "citywide", _("Citywide")
    DEPARTMENT = "department", _("Department")
    JOB_CLASS = "job_class", _("Job class")


def _group_key(model) -> models.ForeignKey:
    """A group column of a cell (requirement, course, department, job class): optional, with
    no index or database-level check of its own."""
    return models.ForeignKey(
        model,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )


class IndicatorValue(models.Model):
    """One cell: an indicator for one requirement or course, one group, one period, one run."""

    # A run writes a hundred thousand of these at once: no index or database-level foreign-key
    # check of their own (the composite indexes below serve the reads; Django still cascades
    # deletes). The check of the run alone, one lookup per row inserted, was a third of the
    # time it took to write them; the run writes its own id, and run records are never deleted.
    run = models.ForeignKey(
        AnalyticsRun,
        on_delete=models.CASCADE,
        related_name="values",
        db_index=False,
        db_constraint=False,
    )
    slice_key = models.CharField(max_length=40)
    indicator = models.CharField(max_length=40)
    requirement = _group_key(Requirement)
    course = _group_key(CoursePage)
    period_type = models.CharField(max_length=16, choices=PeriodType.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    scope = models.CharField(max_length=12, choices=Scope.choices)
    department = _group_key(Department)
    job_class = _group_key(JobClass)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    value = models.FloatField(null=True)

    class Meta:
        verbose_name = _("indicator value")
        indexes = [
            models.Index(
                fields=["run", "slice_key", "indicator", "period_type", "scope"],
                name="analytics_value_read",
            ),
            models.Index(
                fields=["run", "indicator", "scope", "department", "period_type"],
                name="analytics_value_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_type} {self.period_start} ({self.scope})"


class SnapshotSlice(models.Model):
    """The run whose rows are visible for one slice of the numbers."""

    key = models.CharField(max_length=40, unique=True)
    run = models.ForeignKey(AnalyticsRun, on_delete=models.PROTECT, related_name="+")
    computed_from_at = models.DateTimeField(
        help_text=_("When the run began reading: a slower, older run never replaces a newer one.")
    )

    class Meta:
        verbose_name = _("snapshot slice")

    def __str__(self) -> str:
        return f"{self.key} → run {self.run_id}"


class DirtyMark(models.Model):
    """A requirement whose figures changed from `since_on` on, waiting for an incremental run.
    Many completions in a minute leave many marks and one run: the first task takes them all."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    since_on = models.DateField()
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("analytics dirty mark")

    def __str__(self) -> str:
        return f"requirement {self.requirement_id} since {self.since_on}"
