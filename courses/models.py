"""Courses and lessons (Wagtail pages), requirements, and each learner's progress."""

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.users.models import Department

from .blocks import LessonBodyBlock


class LoginRequiredPageMixin:
    """Courses are for signed-in employees: anyone else is sent to sign in first."""

    def serve(self, request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CourseIndexPage(LoginRequiredPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().order_by("title")
        return context


class CoursePage(LoginRequiredPageMixin, Page):
    summary = models.TextField(_("summary"), max_length=600)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("estimated_minutes")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_progress_for_user

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = course_progress_for_user(user=request.user, course=self)
        return context


class LessonPage(LoginRequiredPageMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_progress_for_user

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        progress = course_progress_for_user(user=request.user, course=course)
        context["course"] = course
        context["progress"] = progress
        context["lesson_state"] = progress.lesson_state(self.pk)
        return context


class Requirement(models.Model):
    """ "This course is required of this audience by this date."

    The foundation of the compliance engine: today an audience is everyone active or a set of
    departments, with one due date. Per-employee assignments, recurrence and exemptions grow
    from here.
    """

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="requirements"
    )
    name = models.CharField(_("name"), max_length=200)
    due_on = models.DateField(_("due date"))
    applies_to_all = models.BooleanField(
        _("required of every active employee"),
        default=True,
        help_text=_("Leave unticked to require it only of the departments chosen below."),
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments"), blank=True, related_name="requirements"
    )
    is_active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldPanel("due_on"),
        FieldPanel("applies_to_all"),
        FieldPanel("departments"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["due_on", "name"]
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrollments")
    enrolled_at = models.DateTimeField()

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_enrollment_unique")
        ]

    def __str__(self) -> str:
        return f"enrolment {self.user_id} in {self.course_id}"


class LessonProgress(models.Model):
    """A lesson a learner has marked done. One row per learner and lesson, ever."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="courses_lessonprogress_unique")
        ]
        indexes = [models.Index(fields=["course", "user"])]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} done by {self.user_id}"


class CourseCompletion(models.Model):
    """A learner finished a course. Records which published revision they completed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="completions")
    completed_at = models.DateTimeField()
    course_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("course completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="courses_coursecompletion_unique"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"course {self.course_id} completed by {self.user_id}"
