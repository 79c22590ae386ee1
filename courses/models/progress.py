"""Each learner's enrolment, lesson progress, knowledge-check attempts and completions.

A learner takes a course in runs: run 1 is the first time; a retake starts run 2, and so on.
Every row keeps its run, so history keeps every attempt and completion.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.pages import CoursePage, LessonPage


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrollments")
    enrolled_at = models.DateTimeField()
    current_run = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_unique")
        ]

    def __str__(self) -> str:
        return f"enrolment {self.user_id} in {self.course_id}"


class LessonProgress(models.Model):
    """A lesson a learner has marked done in one run. One row per learner, lesson and run."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    run = models.PositiveSmallIntegerField(default=1)
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "run"], name="courses_lessonprogress_unique"
            )
        ]
        indexes = [models.Index(fields=["course", "user"])]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} done by {self.user_id}"


class CheckAttempt(models.Model):
    """One submitted attempt at a knowledge check (a block of a lesson body, by its block id)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_attempts"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    check_id = models.CharField(max_length=64)
    run = models.PositiveSmallIntegerField(default=1)
    number = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(help_text=_("percent of questions right"))
    is_passed = models.BooleanField()
    answers = models.JSONField(default=dict, help_text=_("question id → chosen choice ids"))
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("knowledge check attempt")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "check_id", "run", "number"],
                name="courses_checkattempt_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="courses_checkattempt_score_percent"
            ),
        ]
        indexes = [models.Index(fields=["lesson", "check_id"])]

    def __str__(self) -> str:
        return f"attempt {self.number} at {self.check_id} by {self.user_id}"


class ReflectionResponse(models.Model):
    """What a learner wrote to a reflection prompt: private to them, never graded or reported."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reflection")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="courses_reflection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"reflection {self.block_id} by {self.user_id}"


class CourseCompletion(models.Model):
    """A learner finished a course in one run. Records which published revision they completed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="completions")
    run = models.PositiveSmallIntegerField(default=1)
    completed_at = models.DateTimeField()
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("average of the counted knowledge-check scores")
    )
    course_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("How it was completed when not online, e.g. attendance at a live session."),
    )

    class Meta:
        verbose_name = _("course completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "run"], name="courses_coursecompletion_unique"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"course {self.course_id} completed by {self.user_id}"


class Certificate(models.Model):
    """Proof of a completion, verifiable by anyone at /certificates/<code>/."""

    completion = models.OneToOneField(
        CourseCompletion, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    holder_name = models.CharField(_("issued to"), max_length=300)
    course_title = models.CharField(_("course"), max_length=255)
    course_version = models.CharField(_("course version"), max_length=50)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Its bit in the published revocation status lists (courses.credentials): given once, at
    # random, when the certificate is issued; never reused.
    status_list_index = models.PositiveIntegerField(
        _("status list index"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="courses_certificate_revoked_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"certificate {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class AssessmentPhase(models.TextChoices):
    PRE = "pre", _("Pre-assessment")
    POST = "post", _("Post-assessment")


class AssessmentResult(models.Model):
    """A learner's score on the course's pre- or post-assessment in one run."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_results"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    run = models.PositiveSmallIntegerField(default=1)
    phase = models.CharField(max_length=4, choices=AssessmentPhase.choices)
    score = models.PositiveSmallIntegerField(help_text=_("percent right"))
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("assessment result")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "run", "phase"], name="courses_assessmentresult_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phase} {self.course_id} by {self.user_id}"


class FeedbackResponse(models.Model):
    """An end-of-course survey answer. Anonymous by design: no link to who gave it, and a random
    id, so not even the order of rows can pair an answer with its receipt."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    submitted_on = models.DateField()
    ratings = models.JSONField(default=dict, help_text=_("question key → 1..5"))
    comment = models.TextField(max_length=3000, blank=True)

    class Meta:
        verbose_name = _("feedback response")

    def __str__(self) -> str:
        return f"feedback on {self.course_id}"


class FeedbackReceipt(models.Model):
    """That a learner answered the survey for a run, kept apart from what they answered."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    run = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("feedback receipt")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "run"], name="courses_feedbackreceipt_unique"
            )
        ]

    def __str__(self) -> str:
        return f"feedback receipt {self.course_id} {self.user_id}"
