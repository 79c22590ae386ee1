"""Live sessions (instructor-led or virtual) of a course: registration, waiting list, attendance."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.learning.models import CourseCompletion, CoursePage
from lms.users.models import Department


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")


def _active_language() -> str:
    return (get_language() or "en").split("-")[0].lower()


def _reads_spanish() -> bool:
    return _active_language() == "es"


def _reads_english() -> bool:
    return _active_language() == "en"


class LiveSession(models.Model):
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    title_es = models.CharField(
        _("title in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Shown to Spanish readers; leave empty to show the title."),
    )
    mode = models.CharField(
        _("format"), max_length=10, choices=SessionMode.choices, default=SessionMode.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    join_url = models.URLField(_("link to join"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=30)
    department = models.ForeignKey(
        Department,
        verbose_name=_("host department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for a citywide session open to everyone."),
    )
    notes = models.TextField(_("notes for attendees"), blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("live session")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="courses_livesession_ends_after"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="courses_livesession_cap"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.course_id} {self.starts_at:%Y-%m-%d}"

    @property
    def display_title(self) -> str:
        """The title in the active language: the Spanish title for a Spanish reader when there
        is one, otherwise the title. Empty when the session has no title of its own: show the
        course's title then (as `session.display_title|default:course_title`). `str()` stays the
        English title (or course id and date), for the admin and the audit log."""
        if self.title_es and _reads_spanish():
            return self.title_es
        return self.title

    @property
    def display_title_lang(self) -> str:
        """The language code of `display_title` when it differs from the reader's: "en" for the
        English title shown to a reader of another language (for a lang attribute), else ""."""
        if self.title and not (self.title_es and _reads_spanish()) and not _reads_english():
            return "en"
        return ""


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# A registration that still stands: the person holds a seat or waits for one.
STANDING_REGISTRATION_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class Attendance(models.TextChoices):
    """What was recorded of a registered person at a session; blank until then."""

    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class SessionRegistration(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True, default=""
    )
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completion = models.ForeignKey(
        CourseCompletion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # How many times this person's seat was given up. Each time their calendar got a CANCEL, so
    # the SEQUENCE of their copy of the event moves on by two per time (courses.sessions).
    calendar_cancellations = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session registration")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="courses_registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at session {self.session_id}"
