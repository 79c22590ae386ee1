"""Technical-assistance requests from departments to ORE, and their triage."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.taxonomy import IssueArea
from lms.users.models import Department


class TAStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")


class TAKind(models.TextChoices):
    TRAINING = "training", _("Training session")
    POLICY_REVIEW = "policy_review", _("Policy review")
    DATA = "data", _("Data and indicators")
    BUDGET_TOOL = "budget_tool", _("Budget equity tool")
    PROCUREMENT = "procurement", _("Procurement")
    FACILITATION = "facilitation", _("Facilitation")


class TARequest(models.Model):
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="ta_requests",
    )
    topic = models.ForeignKey(
        IssueArea, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=TAKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    desired_start_on = models.DateField(_("earliest date"), null=True, blank=True)
    desired_end_on = models.DateField(_("latest date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TAStatus.choices, default=TAStatus.NEW
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned ORE staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)
    hours_logged = models.DecimalField(_("hours logged"), max_digits=7, decimal_places=2, default=0)
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("TA request")
        verbose_name_plural = _("TA requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_logged__gte=0), name="content_tarequest_hours_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="content_tarequest_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(desired_start_on__isnull=True)
                | models.Q(desired_end_on__isnull=True)
                | models.Q(desired_end_on__gte=models.F("desired_start_on")),
                name="content_tarequest_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return self.title


def private_storage():
    return storages["private"]


class TARequestAttachment(models.Model):
    request = models.ForeignKey(TARequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="ta-requests/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.original_name


class TARequestEvent(models.Model):
    """One status change of a request: who, when, from what to what, and why."""

    request = models.ForeignKey(TARequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=TAStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=TAStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("TA request status change")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"
