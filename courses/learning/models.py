"""Courses and lessons (Wagtail pages with drafts, revisions, preview and moderation) and each
learner's way through them: enrolments, lesson progress, check attempts, completions, the
evaluation's assessments and feedback."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.page_cache import CachedViewRestrictionsMixin
from courses.blocks import AssessmentBankBlock, LessonBodyBlock
from lms.page_hooks import page_hook


class ScorePolicy(models.TextChoices):
    BEST = "best", _("Best attempt counts")
    LATEST = "latest", _("Latest attempt counts")


class LoginRequiredPageMixin:
    """Courses are for signed-in employees: anyone else is sent to sign in first."""

    def serve(self, request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class SpecificChildRouteMixin:
    """Routes to a child of the one page type its `subpage_types` allow, in one query, read as
    that model at once.

    Wagtail's own `route` reads the child as a Page and then again as its specific page. The
    child keeps this page as its cached parent (as Wagtail's does), so the child's context reads
    its course without another query. A child of any other type, or no child of that slug,
    goes Wagtail's way (which 404s); a child that is not live 404s in its own `route`.
    """

    def route(self, request: HttpRequest, path_components):
        (child_model,) = type(self).allowed_subpage_models()
        if path_components:
            child = child_model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class CourseIndexPage(
    SpecificChildRouteMixin, LoginRequiredPageMixin, CachedViewRestrictionsMixin, Page
):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from content.translation import display_context, with_display

        context = super().get_context(request, *args, **kwargs)
        context.update(display_context(self, request))
        courses = with_display(CoursePage.objects.child_of(self).live())
        # In the order of the titles the reader sees.
        context["courses"] = sorted(courses, key=lambda course: course.display.title.casefold())
        return context


class CoursePage(
    SpecificChildRouteMixin, LoginRequiredPageMixin, CachedViewRestrictionsMixin, Page
):
    summary = models.TextField(_("summary"), max_length=600)
    learning_objectives = RichTextField(
        _("learning objectives"), blank=True, features=["ul", "ol", "bold", "italic"]
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    issue_areas = ParentalManyToManyField(
        "content.IssueArea", verbose_name=_("issue areas"), blank=True, related_name="+"
    )
    audience_note = models.CharField(_("who it is for"), max_length=300, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The score each knowledge check needs, unless the check sets its own."),
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempts allowed per knowledge check"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    score_policy = models.CharField(
        _("which attempt counts"),
        max_length=10,
        choices=ScorePolicy.choices,
        default=ScorePolicy.BEST,
    )
    has_certificate = models.BooleanField(_("issues a certificate"), default=True)
    retake_required_since = models.DateTimeField(
        _("require a retake of completions before"),
        null=True,
        blank=True,
        help_text=_(
            "When a new version changes what people must know, set this to the time it is "
            "published: everyone who completed an earlier version must take the course again."
        ),
    )
    assessment_questions = StreamField(
        AssessmentBankBlock(),
        verbose_name=_("pre- and post-assessment question bank"),
        blank=True,
        help_text=_("Leave empty for no pre- and post-assessment."),
    )
    has_feedback_survey = models.BooleanField(_("ask for feedback at the end"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("estimated_minutes"),
        FieldPanel("issue_areas"),
        FieldPanel("audience_note"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("score_policy"),
                FieldPanel("has_certificate"),
                FieldPanel("retake_required_since"),
            ],
            heading=_("Passing and certificates"),
        ),
        MultiFieldPanel(
            [FieldPanel("assessment_questions"), FieldPanel("has_feedback_survey")],
            heading=_("Evaluation"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        # What the page shows a learner (progress, evaluation) comes from the function
        # registered for this hook (courses/learning/page_context.py; lms/page_hooks.py).
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hook("courses_course_page_context")(self, request))
        return context


class LessonPageForm(WagtailAdminPageForm):
    """A native lesson needs a body to be published; a package lesson may have none (a draft,
    which Wagtail validates without its required fields, may have neither)."""

    def clean(self):
        cleaned = super().clean()
        if (
            not self.is_deferred_validation
            and not cleaned.get("body")
            and not cleaned.get("package")
        ):
            self.add_error("body", _("This field is required."))
        return cleaned


class LessonPage(LoginRequiredPageMixin, CachedViewRestrictionsMixin, Page):
    body = StreamField(
        LessonBodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("A package lesson may leave this empty; it shows above the package."),
    )
    # A package lesson plays a SCORM or cmi5 package (courses.packages); the lesson is done when
    # the package says so, not when the learner marks it.
    package = models.ForeignKey(
        "courses.Package",
        verbose_name=_("package"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lessons",
    )
    autolink_glossary = models.BooleanField(
        _("link glossary terms"),
        default=True,
        help_text=_("Link the first use of each adopted glossary term in this lesson's text."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("package")]
    base_form_class = LessonPageForm
    settings_panels = [*Page.settings_panels, FieldPanel("autolink_glossary")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request: HttpRequest, *args, **kwargs):
        def draw():
            return super(LessonPage, self).serve(request, *args, **kwargs)

        if not request.user.is_authenticated:
            return draw()  # sent to sign in (LoginRequiredPageMixin)
        # Drawn once per kind of reader where it can be (courses/learning/lesson_page_cache.py).
        return page_hook("courses_lesson_page_response")(self, request, draw)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hook("courses_lesson_page_context")(self, request))
        return context


# Each learner's enrolment, lesson progress, knowledge-check attempts and completions.
#
# A learner takes a course in runs: run 1 is the first time; a retake starts run 2, and so on.
# Every row keeps its run, so history keeps every attempt and completion.


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
