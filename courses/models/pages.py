"""Courses and lessons: Wagtail pages with drafts, revisions, preview and moderation."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import AssessmentBankBlock, LessonBodyBlock


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


class CourseIndexPage(LoginRequiredPageMixin, Page):
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


class CoursePage(LoginRequiredPageMixin, Page):
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
        from content.translation import display_context, with_display

        from ..selectors import course_progress_for_user

        context = super().get_context(request, *args, **kwargs)
        progress = course_progress_for_user(user=request.user, course=self)
        from ..evaluation import evaluation_state_for_user

        lessons = {lesson.pk: lesson for lesson in with_display(progress.lessons)}
        context["progress"] = progress
        context["course_evaluation"] = evaluation_state_for_user(user=request.user, course=self)
        context.update(display_context(self, request))
        context["lesson_rows"] = [
            {
                "lesson": lesson,
                "title": lesson.display.title,
                "lang": lesson.display_lang,
                "is_untranslated": lesson.is_untranslated,
                "is_done": lesson.pk in progress.done_ids,
            }
            for lesson in lessons.values()
        ]
        if progress.next_lesson:
            context["next_lesson"] = lessons.get(progress.next_lesson.pk, progress.next_lesson)
        return context


class LessonPage(LoginRequiredPageMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    autolink_glossary = models.BooleanField(
        _("link glossary terms"),
        default=True,
        help_text=_("Link the first use of each adopted glossary term in this lesson's text."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    settings_panels = [*Page.settings_panels, FieldPanel("autolink_glossary")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_progress_for_user

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        progress = course_progress_for_user(user=request.user, course=course)
        from content.translation import display_context, reader_language, with_display

        from ..attempts import check_states_for_lesson
        from ..reflections import reflections_for_lesson

        context.update(display_context(self, request))
        course_display = display_context(course)
        context["course_display"] = course_display["display"]
        context["course_display_lang"] = course_display["display_lang"]
        lesson_state = progress.lesson_state(self.pk)
        # The links to the neighbours name them in the reader's language too.
        with_display(page for page in (lesson_state["previous"], lesson_state["next"]) if page)
        if self.autolink_glossary:
            from content.glossary.selectors import autolink_terms_get

            context["glossary_autolink"] = {"terms": autolink_terms_get(reader_language())}
        context["course"] = course
        context["progress"] = progress
        context["lesson_state"] = lesson_state
        context["check_states"] = check_states_for_lesson(user=request.user, lesson=self)
        context["reflections"] = reflections_for_lesson(user=request.user, lesson=self)
        return context
