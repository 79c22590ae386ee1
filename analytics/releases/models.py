"""The monitoring releases built on the analytics runs, and each attempt to push one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    INVALID = "invalid", _("Invalid")


class PushStatus(models.TextChoices):
    NOT_CONFIGURED = "not_configured", _("Not configured")
    PENDING = "pending", _("Pending")
    PUSHED = "pushed", _("Pushed")
    FAILED = "failed", _("Failed")


class MonitoringRelease(models.Model):
    """One published version of the monitoring dataset, written under MONITORING_RELEASE_DIR."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("created at"))
    as_of = models.DateField(_("reporting date"))
    runs = models.JSONField(
        _("runs"), default=list, help_text=_("ids of the runs it was built from")
    )
    directory = models.CharField(_("directory"), max_length=500)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    suppressed_count = models.PositiveIntegerField(_("suppressed cells"), default=0)
    status = models.CharField(_("validation"), max_length=10, choices=ReleaseStatus.choices)
    validation_errors = models.JSONField(_("validation errors"), default=list)
    is_latest = models.BooleanField(_("latest"), default=False)
    headline = models.JSONField(_("headline numbers"), default=dict)
    sha256 = models.CharField(_("CSV checksum"), max_length=64, blank=True)
    push_status = models.CharField(
        _("push"), max_length=16, choices=PushStatus.choices, default=PushStatus.NOT_CONFIGURED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("monitoring release")
        verbose_name_plural = _("monitoring releases")
        constraints = [
            models.UniqueConstraint(
                fields=["is_latest"],
                condition=models.Q(is_latest=True),
                name="analytics_release_one_latest",
            )
        ]

    def __str__(self) -> str:
        return self.version


class PushAttempt(models.Model):
    release = models.ForeignKey(
        MonitoringRelease, on_delete=models.CASCADE, related_name="push_attempts"
    )
    attempted_at = models.DateTimeField(_("attempted at"))
    number = models.PositiveSmallIntegerField(_("attempt"))
    url = models.CharField(_("endpoint"), max_length=500)
    idempotency_key = models.CharField(_("idempotency key"), max_length=80)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    is_success = models.BooleanField(_("succeeded"), default=False)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["release", "number"]
        verbose_name = _("push attempt")
        verbose_name_plural = _("push attempts")

    def __str__(self) -> str:
        return f"push {self.number} of {self.release_id}"
