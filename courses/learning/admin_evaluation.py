"""Admin screens for evaluation results (registered on import by wagtail_hooks).

ORE's report "Evaluation of learning" (Reports menu): per course, the knowledge gain of the
learners who took the pre- and post-assessment, and the anonymous feedback survey. Only ORE
analysts (users.view_all_departments) and superusers see it; small groups are held back by the
selectors in `evaluation.py`. Reflections are private to each learner and appear nowhere here.

Also attaches the learner's evaluation state to course page requests, for the course page's
"courses/includes/evaluation_links.html" (see `course_evaluation_attach`).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.learning.evaluation import (
    SUPPRESSION_THRESHOLD,
    access_evaluation_report_by_course_id,
    can_view_evaluation_report,
    course_list_for_evaluation_report,
    feedback_summary,
    knowledge_gain_summary,
)


class EvaluationReportIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every course, each linking to its evaluation report."""

    template_name = "courses/admin/evaluation/index.html"
    page_title = _("Evaluation of learning")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_evaluation_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(courses=course_list_for_evaluation_report(), threshold=SUPPRESSION_THRESHOLD)
        return context


class EvaluationReportView(WagtailAdminTemplateMixin, TemplateView):
    """One course: knowledge gain and the survey, with small groups held back."""

    template_name = "courses/admin/evaluation/report.html"
    page_title = _("Evaluation of learning")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        self.course = access_evaluation_report_by_course_id(request.user, kwargs["course_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("courses_evaluation_report_index"), "label": self.get_page_title()},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            course=self.course,
            gain=knowledge_gain_summary(course=self.course),
            survey=feedback_summary(course=self.course),
            threshold=SUPPRESSION_THRESHOLD,
        )
        return context


class EvaluationReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_evaluation_report(request.user)


@hooks.register("register_admin_urls")
def register_evaluation_report_urls():
    return [
        path(
            "evaluation/",
            EvaluationReportIndexView.as_view(),
            name="courses_evaluation_report_index",
        ),
        path(
            "evaluation/<id:course_id>/",
            EvaluationReportView.as_view(),
            name="courses_evaluation_report",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_evaluation_report_menu_item():
    return EvaluationReportMenuItem(
        _("Evaluation of learning"),
        reverse("courses_evaluation_report_index"),
        name="evaluation-of-learning",
        icon_name="clipboard-list",
        order=900,
    )
