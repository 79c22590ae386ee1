"""Who must take which course by when, and each employee's assignment under each requirement.

A requirement is course x audience x due rule x recurrence. The compliance engine
(`courses.assignments`) turns it into one `Assignment` per employee in the audience and cycle,
with a stored status that the engine keeps true; nothing here computes a status.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from courses.compliance.forms import RequirementForm
from courses.learning.models import CourseCompletion, CoursePage
from lms.users.models import Department, JobClass

DEFAULT_REMINDER_DAYS = "14,7,1"


def _today():
    return timezone.localdate()


class Requirement(models.Model):
    """ "This course is required of this audience, due by this rule, again every N months."

    Audience: every active employee, narrowed by each condition that is set (all of them must
    hold): departments, job classes, hired on or after a date, liaisons only, supervisors only;
    minus named exclusions.
    """

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="requirements"
    )
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in force"), default=True)
    effective_on = models.DateField(
        _("in force from"),
        default=_today,
        help_text=_("Nobody is assigned the course before this date."),
    )

    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments"),
        blank=True,
        related_name="requirements",
        help_text=_("Leave empty for every department."),
    )
    job_classes = models.ManyToManyField(
        JobClass,
        verbose_name=_("job classes"),
        blank=True,
        related_name="requirements",
        help_text=_("Leave empty for every job class."),
    )
    hired_on_or_after = models.DateField(
        _("hired on or after"),
        null=True,
        blank=True,
        help_text=_("Only employees hired on or after this date."),
    )
    is_for_liaisons = models.BooleanField(_("department liaisons only"), default=False)
    is_for_supervisors = models.BooleanField(
        _("supervisors only"),
        default=False,
        help_text=_("Anyone who is the supervisor of at least one active employee."),
    )
    excluded_employees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("excluded employees"),
        blank=True,
        related_name="+",
        help_text=_("Named people who are never in this audience."),
    )

    due_on = models.DateField(_("due date"), null=True, blank=True)
    due_days_after_entry = models.PositiveIntegerField(
        _("due days after entering the audience"),
        null=True,
        blank=True,
        help_text=_(
            "Days after hire, transfer or promotion into the audience. With a due date as well, "
            "whichever is later applies."
        ),
    )

    recurrence_months = models.PositiveSmallIntegerField(
        _("repeat every (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a one-time requirement. A completion is valid this long."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal opens (days before expiry)"),
        default=60,
        help_text=_("How early the next cycle opens before a completion expires."),
    )

    reminder_days_before = models.CharField(
        _("reminders (days before due)"),
        max_length=50,
        default=DEFAULT_REMINDER_DAYS,
        blank=True,
        help_text=_("Comma-separated day counts, for example 14,7,1. Empty: no reminders."),
    )
    overdue_reminder_every_days = models.PositiveSmallIntegerField(
        _("while overdue, remind every (days)"),
        default=7,
        help_text=_("0: no reminders once overdue."),
    )
    escalate_to_supervisor_after_days = models.PositiveSmallIntegerField(
        _("tell the supervisor after (days overdue)"),
        null=True,
        blank=True,
        help_text=_("Leave empty never to email supervisors."),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = RequirementForm
    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldPanel("is_active"),
        FieldPanel("effective_on"),
        MultiFieldPanel(
            [
                FieldPanel("departments"),
                FieldPanel("job_classes"),
                FieldPanel("hired_on_or_after"),
                FieldPanel("is_for_liaisons"),
                FieldPanel("is_for_supervisors"),
                FieldPanel("excluded_employee_ids"),
            ],
            heading=_("Audience (every condition set must hold)"),
        ),
        MultiFieldPanel(
            [FieldPanel("due_on"), FieldPanel("due_days_after_entry")],
            heading=_("Due"),
        ),
        MultiFieldPanel(
            [FieldPanel("recurrence_months"), FieldPanel("renewal_window_days")],
            heading=_("Recurrence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reminder_days_before"),
                FieldPanel("overdue_reminder_every_days"),
                FieldPanel("escalate_to_supervisor_after_days"),
            ],
            heading=_("Reminders and escalation"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=False) | Q(due_days_after_entry__isnull=False),
                name="courses_requirement_has_due_rule",
            ),
            models.CheckConstraint(
                condition=Q(recurrence_months__isnull=True) | Q(recurrence_months__gte=1),
                name="courses_requirement_recurrence_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.due_on is None and self.due_days_after_entry is None:
            raise ValidationError(
                _("Give a due date, a number of days after entering the audience, or both.")
            )
        try:
            self.reminder_days()
        except ValueError:
            raise ValidationError(
                {
                    "reminder_days_before": _(
                        "Write whole numbers of days separated by commas, for example 14,7,1."
                    )
                }
            ) from None

    def reminder_days(self) -> list[int]:
        """The reminder schedule as day counts, largest first. Raises ValueError when garbled."""
        parts = [part.strip() for part in self.reminder_days_before.split(",") if part.strip()]
        days = sorted({int(part) for part in parts}, reverse=True)
        if any(day < 0 or day > 365 for day in days):
            raise ValueError(self.reminder_days_before)
        return days


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED_ON_TIME = "completed_on_time", _("Completed on time")
    COMPLETED_LATE = "completed_late", _("Completed late")
    OVERDUE = "overdue", _("Overdue")
    EXEMPT = "exempt", _("Exempt")


COMPLETED_STATUSES = (AssignmentStatus.COMPLETED_ON_TIME, AssignmentStatus.COMPLETED_LATE)


class Exemption(models.Model):
    """A person excused from a requirement: why, who decided, when, and until when."""

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="exemptions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exemptions"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"))
    until_on = models.DateField(_("until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("exemption")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""), name="courses_exemption_reason_required"
            ),
            models.UniqueConstraint(
                fields=["requirement", "user"],
                condition=Q(revoked_at__isnull=True),
                name="courses_exemption_one_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"exemption of {self.user_id} from {self.requirement_id}"


class Assignment(models.Model):
    """One employee's obligation under one requirement in one cycle, with its stored status.

    Cycle 1 opens when the person enters the audience; a recurring requirement opens cycle 2
    before the cycle-1 completion expires, and so on. Earlier cycles keep their record as it
    was. `is_current` marks the cycle that counts today for a person still in the audience.
    """

    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_on = models.DateField(_("assigned on"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=AssignmentStatus.choices)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    completion = models.ForeignKey(
        CourseCompletion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    exemption = models.ForeignKey(
        Exemption, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    left_audience_on = models.DateField(_("left the audience on"), null=True, blank=True)
    is_current = models.BooleanField(default=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("assignment")
        ordering = ["requirement_id", "user_id", "cycle"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "user", "cycle"], name="courses_assignment_unique"
            ),
        ]
        indexes = [
            # The department's summary, and (with the person, read from the index alone on
            # PostgreSQL) who in the department holds a requirement in a status: the staff
            # list filtered by status or requirement.
            models.Index(
                fields=["department", "requirement", "is_current", "status"],
                include=["user"],
                name="courses_assign_dept_req_cover",
            ),
            models.Index(fields=["user", "is_current"], name="courses_assign_user"),
            models.Index(fields=["is_current", "status", "due_on"], name="courses_assign_due"),
            # The staff list: who counts in a department, and who has a requirement in a status,
            # both answered from the index alone.
            models.Index(
                fields=["department", "user"],
                condition=Q(is_current=True),
                name="courses_assign_dept_user",
            ),
            # The export's cells of a chunk of people are read from this index alone on
            # PostgreSQL (an index-only scan: 38 -> 13 ms per 2,000 people at 50,000 employees).
            models.Index(
                fields=["user", "status", "requirement"],
                include=["due_on", "completed_at"],
                condition=Q(is_current=True),
                name="courses_assign_user_cover",
            ),
            # ...and the people with a requirement in a status, read once for a whole department
            # (the staff list filtered by status) rather than person by person.
            models.Index(
                fields=["status", "user", "requirement"],
                condition=Q(is_current=True),
                name="courses_assign_status_user",
            ),
        ]

    def __str__(self) -> str:
        return f"assignment {self.requirement_id}/{self.user_id}/{self.cycle}"

    @property
    def is_completed(self) -> bool:
        return self.status in COMPLETED_STATUSES


class DepartmentRequirementSummary(models.Model):
    """How many current assignments of active people one department counts under one
    requirement, per status: what the liaison's page shows, kept by the compliance engine.

    Every write of assignments recounts the (department, requirement) pairs it touched, in the
    same transaction (`courses.compliance.summary`), so a row always equals a count over the
    `Assignment` rows it summarises; `manage.py compliance_summary --rebuild` recounts them all.
    """

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    not_started = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    completed_on_time = models.PositiveIntegerField(default=0)
    completed_late = models.PositiveIntegerField(default=0)
    exempt = models.PositiveIntegerField(default=0)
    counted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("department status summary")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "requirement"], name="courses_dept_summary_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"summary {self.department_id}/{self.requirement_id}"


class DepartmentDueCount(models.Model):
    """How many unfinished current assignments of active people (not started, in progress,
    overdue) one department counts under one requirement, due on one day: "due in the next 30
    days" is a sum over a few of these rows, whatever the day. Kept with the summary."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    open = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("department due-date count")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "requirement", "due_on"], name="courses_dept_due_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "due_on"], name="courses_dept_due_on"),
        ]

    def __str__(self) -> str:
        return f"due {self.department_id}/{self.requirement_id}/{self.due_on}"


class StaleMark(models.Model):
    """Something changed that may change assignments: one person (all their requirements), one
    requirement (everyone), or both. The refresh task recomputes what is marked, then deletes
    the marks it read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stale compliance mark")

    def __str__(self) -> str:
        return f"stale user={self.user_id} requirement={self.requirement_id}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    SUPERVISOR = "supervisor", _("Supervisor escalation")
    LIAISON_DIGEST = "liaison_digest", _("Liaison weekly digest")
    MANUAL = "manual", _("Sent by a liaison")


class ReminderLog(models.Model):
    """Every reminder sent, or being sent. `key` is unique, so a reminder is sent at most once
    whatever the retries, restarts or number of workers: a sender claims the key first."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_received"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    # Set when an operator released a claim whose sender died before sending (see
    # `courses.reminders.reminders_release`); kept after the reminder is sent.
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-claimed_at"]
        indexes = [
            models.Index(fields=["sent_by", "claimed_at"], name="courses_reminder_by"),
            models.Index(
                fields=["claimed_at"],
                condition=models.Q(sent_at__isnull=True),
                name="courses_reminder_unsent",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class AuditAction(models.TextChoices):
    EXEMPTION_GRANTED = "exemption_granted", _("Exemption granted")
    EXEMPTION_REVOKED = "exemption_revoked", _("Exemption revoked")
    ATTENDANCE_RECORDED = "attendance_recorded", _("Attendance recorded")
    ATTENDANCE_CHANGED = "attendance_changed", _("Attendance changed")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    SESSION_SCHEDULED = "session_scheduled", _("Live session scheduled")
    SESSION_CHANGED = "session_changed", _("Live session changed")
    REGISTRATION_CHANGED = "registration_changed", _("Registration changed")


class AuditEntry(models.Model):
    """Who did what to whom, when, with the state before and after. Written once, never edited:
    `save` refuses to update a stored entry and `delete` refuses outright."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=30, choices=AuditAction.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["department", "at"], name="courses_audit_dept")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor_id} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("audit entries are never edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit entries are never deleted")
