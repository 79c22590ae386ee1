"""Admin screens for knowledge-check results (registered on import by wagtail_hooks).

Editors pick a course (from the "Check results" menu item, or the course's actions in the page
explorer) and see, for each knowledge check, how many learners answered each question and how
many got it right. Counts only: no learner is ever named.

Who may see a course's results: people with Wagtail admin access (every admin URL requires it)
who may see every department (ORE analysts, superusers) or may edit the course page (ORE
editors).

Admin screens for evaluation results (registered on import by wagtail_hooks).

ORE's report "Evaluation of learning" (Reports menu): per course, the knowledge gain of the
learners who took the pre- and post-assessment, and the anonymous feedback survey. Only ORE
analysts (users.view_all_departments) and superusers see it; small groups are held back by the
selectors in `evaluation.py`. Reflections are private to each learner and appear nowhere here.

Also attaches the learner's evaluation state to course page requests, for the course page's
"courses/includes/evaluation_links.html" (see `course_evaluation_attach`).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.learning.attempts import check_results_for_course
from courses.learning.evaluation import (
    SUPPRESSION_THRESHOLD,
    access_evaluation_report_by_course_id,
    can_view_evaluation_report,
    course_list_for_evaluation_report,
    feedback_summary,
    knowledge_gain_summary,
)
from courses.learning.models import CoursePage
from lms.users.models import User
from lms.users.permissions import can_view_all_departments

INDEX_URL_NAME = "courses_check_results"
COURSE_URL_NAME = "courses_check_results_course"


def may_view_any_check_results(user: User) -> bool:
    """Whether `user` may see the results of at least some course."""
    return can_view_all_departments(user) or PagePermissionPolicy().user_has_permission(
        user, "change"
    )


def check_results_courses_for_user(user: User) -> QuerySet[CoursePage]:
    """The courses whose results `user` may see, by title: all of them, or those they may edit."""
    courses = CoursePage.objects.order_by("title", "pk")
    if can_view_all_departments(user):
        return courses
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return courses.filter(pk__in=editable.values("pk"))


def access_check_results_by_course_id(user: User, course_id: int) -> CoursePage:
    """The course with `course_id`, if `user` may see its results.

    Raises Http404 for no such course and PermissionDenied for someone who may neither see
    every department nor edit the course.
    """
    course = get_object_or_404(CoursePage, pk=course_id)
    if can_view_all_departments(user) or course.permissions_for_user(user).can_edit():
        return course
    raise PermissionDenied


class CheckResultsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The courses whose knowledge-check results the editor may see."""

    template_name = "courses/admin/checks/index.html"
    page_title = _("Knowledge-check results")
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not may_view_any_check_results(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = check_results_courses_for_user(self.request.user)
        return context


class CheckResultsCourseView(WagtailAdminTemplateMixin, TemplateView):
    """Per-question results of every knowledge check of one course."""

    template_name = "courses/admin/checks/course.html"
    page_title = _("Knowledge-check results")
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.course = access_check_results_by_course_id(request.user, kwargs["course_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": self.page_title},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["checks"] = check_results_for_course(course=self.course)
        return context


@hooks.register("register_admin_urls")
def register_check_results_urls():
    return [
        path("check-results/", CheckResultsIndexView.as_view(), name=INDEX_URL_NAME),
        path(
            "check-results/<id:course_id>/",
            CheckResultsCourseView.as_view(),
            name=COURSE_URL_NAME,
        ),
    ]


class CheckResultsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_view_any_check_results(request.user)


@hooks.register("register_admin_menu_item")
def register_check_results_menu_item():
    return CheckResultsMenuItem(
        _("Check results"), reverse(INDEX_URL_NAME), icon_name="tasks", order=210
    )


class CheckResultsPageButton(PageMenuItem):
    """ "Knowledge-check results" among a course page's actions in the page explorer."""

    label = _("Knowledge-check results")
    icon_name = "tasks"
    url_name = COURSE_URL_NAME

    def is_shown(self, user: User) -> bool:
        if self.page.specific_class is not CoursePage:
            return False
        return can_view_all_departments(user) or self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_listing_more_buttons")
def check_results_listing_button(page, user, next_url=None):
    yield CheckResultsPageButton(page=page, priority=55)


@hooks.register("register_page_header_buttons")
def check_results_header_button(page, user, view_name, next_url=None):
    yield CheckResultsPageButton(page=page, priority=75)


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
