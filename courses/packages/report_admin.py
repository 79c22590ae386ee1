"""ORE's package reports in the Wagtail admin (Reports → Packaged courses), registered on import
by courses.wagtail_hooks: the list of packages, each package's report (all versions or one),
and two CSV downloads (the item analysis, the attempts summary). Counts only, no names; ORE
analysts, ORE leads and superusers only (`courses.packages.report`)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import lms.converters  # noqa: F401  (registers <id:...>)
from courses.packages.models import Package
from courses.packages.report import (
    PackageReport,
    access_package_report_by_id,
    can_view_package_report,
    package_list_for_report,
    package_questions,
    package_report,
    version_for_report,
)
from lms.forms import query_parameters_check
from lms.spreadsheets import CSV_CONTENT_TYPE, SafeWriter

INDEX_URL_NAME = "courses_package_report_index"
REPORT_URL_NAME = "courses_package_report"
ITEMS_CSV_URL_NAME = "courses_package_report_items_csv"
ATTEMPTS_CSV_URL_NAME = "courses_package_report_attempts_csv"


class VersionForm(forms.Form):
    version = forms.IntegerField(
        label=gettext_lazy("Version"), required=False, min_value=1, max_value=32767
    )

    def __init__(self, *args, package: Package, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].widget = forms.Select(
            choices=[("", _("All versions"))]
            + [
                (number, _("Version %(number)s") % {"number": number})
                for number in package.versions.order_by("-number").values_list("number", flat=True)
            ]
        )

    def clean(self):
        cleaned = super().clean()
        query_parameters_check(self, other_parameters=())
        return cleaned


def _version_from(request: HttpRequest, package: Package):
    """(form, version) from the query string; form.errors says what is wrong (else version is
    None for all versions, or the PackageVersion; Http404 for a version that does not exist)."""
    form = VersionForm(request.GET or None, package=package)
    if request.GET and not form.is_valid():
        return form, None
    number = form.cleaned_data.get("version") if request.GET else None
    return form, version_for_report(package, number)


class PackageReportIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/packages/report_index.html"
    page_title = gettext_lazy("Packaged courses")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_package_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["packages"] = package_list_for_report()
        return context


class PackageReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/packages/report.html"
    page_title = gettext_lazy("Packaged courses")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.package = access_package_report_by_id(request.user, kwargs["package_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.package.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": self.get_page_title()},
            {"url": "", "label": self.package.title},
        ]

    def get(self, request, *args, **kwargs):
        self.form, self.version = _version_from(request, self.package)
        context = self.get_context_data(**kwargs)
        if self.form.errors:
            return self.render_to_response(context, status=400)
        context["report"] = package_report(package=self.package, version=self.version)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = f"?version={self.version.number}" if self.version else ""
        context.update(
            package=self.package,
            form=self.form,
            version=self.version,
            items_csv_url=reverse(ITEMS_CSV_URL_NAME, args=[self.package.pk]) + query,
            attempts_csv_url=reverse(ATTEMPTS_CSV_URL_NAME, args=[self.package.pk]) + query,
        )
        return context


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_response(rows, *, package: Package, version, what: str) -> HttpResponse:
    """A CSV attachment (UTF-8 with a byte-order mark for Excel); every cell through
    lms.spreadsheets, so a formula in a package's ids or a learner's response stays text."""
    writer = SafeWriter(_Echo())
    body = "\ufeff" + "".join(writer.writerow(row) for row in rows)
    response = HttpResponse(body, content_type=CSV_CONTENT_TYPE)
    scope = f"v{version.number}" if version else "all-versions"
    stem = slugify(package.title)[:60] or f"package-{package.pk}"
    filename = f"{stem}-{scope}-{what}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _csv_view(build, what: str):
    def view(request: HttpRequest, package_id: int) -> HttpResponse:
        package = access_package_report_by_id(request.user, package_id)
        form, version = _version_from(request, package)
        if form.errors:
            return HttpResponseBadRequest(
                " ".join(str(error) for errors in form.errors.values() for error in errors),
                content_type="text/plain; charset=utf-8",
            )
        return _csv_response(
            build(package=package, version=version), package=package, version=version, what=what
        )

    return view


def item_analysis_rows(*, package: Package, version) -> list[list]:
    """The item analysis as CSV rows: a header, then one row per item and interaction id."""
    header = [
        _("Item"),
        _("Item title"),
        _("Interaction"),
        _("Type"),
        _("Description"),
        _("Answers"),
        _("Learners"),
        _("Correct"),
        _("Incorrect"),
        _("% correct"),
    ]
    for rank in range(1, 4):
        header += [
            _("Response %(rank)s") % {"rank": rank},
            _("Count %(rank)s") % {"rank": rank},
        ]
    rows = [header]
    for question in package_questions(package=package, version=version):
        row = [
            question.item_identifier,
            question.item_title,
            question.interaction_id,
            question.interaction_type,
            question.description,
            question.answers,
            question.learners,
            question.correct,
            question.incorrect,
            question.percent_correct,
        ]
        for response in question.responses:
            row += [response.text, response.count]
        rows.append(row)
    return rows


def attempts_summary_rows(*, package: Package, version) -> list[list]:
    """The attempts summary as CSV rows: a header, the whole package (or version), then one row
    per SCO/AU. Counts and rates only."""
    report: PackageReport = package_report(package=package, version=version)
    header = [
        _("Version"),
        _("Item"),
        _("Item title"),
        _("Attempts"),
        _("Learners"),
        _("Completed"),
        _("Completion rate (%)"),
        _("Passed"),
        pgettext("package result", "Failed"),
        _("Success rate (%)"),
        _("Waived"),
        _("Counted as done"),
        _("Mean score (%)"),
        _("Scored attempts"),
        _("Median time (s)"),
        _("90th percentile time (s)"),
    ]
    header += [
        _("Score %(low)s-%(high)s%%") % {"low": band.low, "high": band.high}
        for band in report.bands
    ]
    label = version.number if version else _("all")
    rows = [
        header,
        [
            label,
            "",
            _("All items"),
            report.attempts,
            report.learners,
            report.completed,
            report.completion_rate,
            report.passed,
            report.failed,
            report.success_rate,
            report.waived,
            report.satisfied,
            report.mean_score,
            report.scored,
            report.median_seconds,
            report.p90_seconds,
            *[band.count for band in report.bands],
        ],
    ]
    for item in report.items:
        rows.append(
            [
                label,
                item.identifier,
                item.title,
                item.attempts,
                item.learners,
                item.completed,
                round(100 * item.completed / item.attempts, 1) if item.attempts else None,
                item.passed,
                item.failed,
                round(100 * item.passed / (item.passed + item.failed), 1)
                if item.passed + item.failed
                else None,
                item.waived,
                item.satisfied,
                item.mean_score,
            ]
        )
    return rows


@hooks.register("register_admin_urls")
def register_package_report_urls():
    return [
        path("package-reports/", PackageReportIndexView.as_view(), name=INDEX_URL_NAME),
        path(
            "package-reports/<id:package_id>/",
            PackageReportView.as_view(),
            name=REPORT_URL_NAME,
        ),
        path(
            "package-reports/<id:package_id>/item-analysis.csv",
            _csv_view(item_analysis_rows, "item-analysis"),
            name=ITEMS_CSV_URL_NAME,
        ),
        path(
            "package-reports/<id:package_id>/attempts.csv",
            _csv_view(attempts_summary_rows, "attempts"),
            name=ATTEMPTS_CSV_URL_NAME,
        ),
    ]


class PackageReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_package_report(request.user)


@hooks.register("register_reports_menu_item")
def register_package_report_menu_item():
    return PackageReportMenuItem(
        gettext_lazy("Packaged courses"),
        reverse(INDEX_URL_NAME),
        name="packaged-courses",
        icon_name="doc-full-inverse",
        order=910,
    )
