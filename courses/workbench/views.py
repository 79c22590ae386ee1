"""The liaison's workbench at /liaison/: departments, a department, one person, exports.

Every view calls the department gate first (`access_department_by_code`): no role → 403, a
department outside the person's scope → 404. Reads come from `courses.workbench.selectors`; the
staff filters are validated by `courses.workbench.forms.StaffFilterForm` before any query or
export uses them.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from courses.compliance.selectors import requirement_list_for_department
from courses.freshness import compliance_version
from courses.workbench import exports, jobs
from courses.workbench.caching import FrozenPage, cached, ids
from courses.workbench.figures import department_figures_get
from courses.workbench.forms import SORT_LABELS, StaffFilterForm
from courses.workbench.models import ExportJobStatus
from courses.workbench.selectors import (
    SORT_KEYS,
    person_get_for_department,
    person_record_get,
    requirement_summary_list_for_department,
    staff_filter_choices,
    staff_job_classes,
    staff_list_for_department,
    staff_page_for_department,
)
from lms.users.models import Department, User
from lms.users.permissions import (
    access_department_by_code,
    departments_for_user,
    require_liaison_or_ore,
)


@require_safe
@login_required
def liaison_index(request: HttpRequest) -> HttpResponse:
    """The departments the person may see (every one for ORE). With one, or with a department
    chosen in the switcher (?department=CODE), straight to it."""
    require_liaison_or_ore(request.user)
    departments = list(departments_for_user(request.user))
    chosen = request.GET.get("department")
    if chosen is not None:
        if not any(department.code == chosen for department in departments):
            raise Http404
        return redirect("workbench:liaison_department", code=chosen)
    if len(departments) == 1:
        return redirect("workbench:liaison_department", code=departments[0].code)
    return render(request, "courses/workbench/liaison_index.html", {"departments": departments})


@require_safe
@login_required
def liaison_department(request: HttpRequest, code: str) -> HttpResponse:
    """The department's summary per requirement, its 12-month trend, and the filtered staff
    list, 50 people a page. Invalid filters show what is wrong instead of a list."""
    department = access_department_by_code(request.user, code)
    as_of = timezone.localdate()
    requirements = requirement_list_for_department(department=department)
    # What the roster and the stored assignments give is cached until either changes (the
    # version moves with every write) or the day turns; the access check above runs first.
    version = (department.pk, compliance_version(), as_of.isoformat(), ids(requirements))
    job_classes = cached(
        ("job-classes", *version), lambda: staff_job_classes(department=department)
    )
    form = StaffFilterForm(
        request.GET,
        requirements=requirements,
        choices=staff_filter_choices(department=department, job_classes=job_classes),
    )
    # The summary is drawn in a template fragment cached under the workbench version and the
    # figures' key. The figures inside it have their own, cached under what they are drawn
    # from: the department, the day, the requirements' names and what each app adding figures
    # keys them on (analytics: its visible runs), not the version, which every completion in
    # the city moves. On a hit none of their lazy values is ever worked out.
    figures = department_figures_get(department=department, requirements=requirements, as_of=as_of)
    figures_on = (department.pk, as_of.isoformat(), [(r.pk, r.name) for r in requirements])
    figures_key = _fragment_key(figures_on, *(each.cache_key for each in figures))
    context = {
        "department": department,
        "departments": _switchable_departments(request.user),
        "as_of": as_of,
        "requirements": requirements,
        "summaries": cached(
            ("summaries", *version),
            lambda: requirement_summary_list_for_department(
                department=department, requirements=requirements, as_of=as_of
            ),
        ),
        "figure_templates": [each.template for each in figures],
        "figures_key": figures_key,
        "summary_key": _fragment_key(version, figures_key),
        "form": form,
    }
    for each in figures:
        context |= each.context
    if form.is_valid():
        filters = form.filters()

        def staff_page():
            page, rows = staff_page_for_department(
                department=department,
                requirements=requirements,
                filters=filters,
                page_number=request.GET.get("page"),
            )
            return FrozenPage.of(page), rows

        staff_key = ("staff", *version, repr(filters), request.GET.get("page"))
        page, rows = cached(staff_key, staff_page)
        context |= {
            # The rendered table is cached too (the template's `liaison_staff` fragment): its
            # links carry the query string, so that is part of the key.
            "staff_table_key": _fragment_key(staff_key, sorted(request.GET.lists())),
            "filters": filters,
            "page": page,
            "rows": rows,
            "page_query": _query(request.GET, drop=("page",)),
            "export_query": _query(request.GET, drop=("page",)).rstrip("&"),
            "sort_columns": _sort_columns(request.GET, filters.sort),
        }
    return render(request, "courses/workbench/liaison_department.html", context)


@require_safe
@login_required
def liaison_person(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    """One person's record: assignments of every cycle, certificates, reminders, exemptions,
    session registrations and audit entries. 404 unless the person belongs to the department."""
    department = access_department_by_code(request.user, code)
    person = person_get_for_department(department=department, user_id=user_id)
    if person is None:
        raise Http404
    record = person_record_get(person=person)
    return render(
        request,
        "courses/workbench/liaison_person.html",
        {"department": department, "person": person, "record": record},
    )


@require_safe
@login_required
def liaison_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The current filtered staff list, every page, as CSV, streamed. Filters that do
    not validate get a 400 with the reasons in plain text, and nothing is exported."""
    department = access_department_by_code(request.user, code)
    if fmt != "csv":  # the workbook is made by a job: `export_job_start` answers export.xlsx
        raise Http404
    requirements = requirement_list_for_department(department=department)
    form = _filter_form(request.GET, department=department, requirements=requirements)
    if not form.is_valid():
        message = "\n".join(
            [_("Nothing was exported: these filters are not valid."), *form.error_messages_plain()]
        )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    filters = form.filters()
    people = staff_list_for_department(
        department=department, requirements=requirements, filters=filters
    )
    return exports.csv_response(
        department=department,
        requirements=requirements,
        people=people,
        user=request.user,
        as_of=timezone.localdate(),
        filters=filters,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def export_job_start(request: HttpRequest, code: str) -> HttpResponse:
    """/liaison/<code>/export.xlsx?<filters>: the Excel export of the filtered staff list, made
    in the background. GET shows what will be exported and the button; POST (the button, here
    or on the department page) checks the filters, queues the job and goes to its page. Filters
    that do not validate get a 400 page with the reasons, and no job."""
    department = access_department_by_code(request.user, code)
    requirements = requirement_list_for_department(department=department)
    form = _filter_form(request.GET, department=department, requirements=requirements)
    query = _query(request.GET, drop=("page",)).rstrip("&")
    context = {"department": department, "form": form, "query": query}
    if not form.is_valid():
        return render(request, "courses/workbench/export_job_start.html", context, status=400)
    if request.method != "POST":
        return render(request, "courses/workbench/export_job_start.html", context)
    job = jobs.export_job_create(
        user=request.user,
        department=department,
        requirements=requirements,
        filters=form.filters(),
        query=query,
    )
    return redirect(reverse("workbench:export_job", args=[department.code, job.pk]))


@require_safe
@login_required
def export_job_detail(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    """The job's page: its status in a live region, how far it is, and the download once ready.
    Without JavaScript the person checks again with a link; with it, the page asks every few
    seconds (courses/workbench/export_job.js)."""
    job = jobs.access_export_job_by_id(request.user, code, job_id)
    response = render(
        request,
        "courses/workbench/export_job.html",
        {"department": job.department, "job": job},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def export_job_download(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    """The job's workbook, for the person who asked (or ORE). A job not ready, failed or expired
    sends the person to its page, which says why."""
    job = jobs.access_export_job_by_id(request.user, code, job_id)
    if job.status != ExportJobStatus.DONE or not job.file:
        return redirect(reverse("workbench:export_job", args=[code, job.pk]))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=job.filename,
        content_type=exports.XLSX_CONTENT_TYPE,
    )
    response["Cache-Control"] = "no-store"
    return response


def _fragment_key(*parts) -> str:
    """A short, stable name for a cached template fragment made from what its content depends on."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def _filter_form(data: QueryDict, *, department: Department, requirements) -> StaffFilterForm:
    """The filters of an export. The form is never drawn here, so the department's job classes
    (a query over its whole staff) are read only when a job class was asked for."""
    job_classes = None if data.get("job_class") else []
    return StaffFilterForm(
        data,
        requirements=requirements,
        choices=staff_filter_choices(department=department, job_classes=job_classes),
    )


def _switchable_departments(user: User) -> list[Department]:
    """The departments to switch between; empty when there is only this one."""
    departments = list(departments_for_user(user))
    return departments if len(departments) > 1 else []


def _query(data: QueryDict, *, drop: tuple[str, ...] = ()) -> str:
    """The query string without `drop`, ready to prefix more parameters ("a=1&" or "")."""
    kept = data.copy()
    for name in drop:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{encoded}&" if encoded else ""


@dataclass(frozen=True)
class SortColumn:
    label: str
    href: str
    aria_sort: str | None


def _sort_columns(data: QueryDict, current: str) -> dict[str, SortColumn]:
    """A link per sortable column: ascending first, descending when already ascending."""
    base = _query(data, drop=("page", "sort"))
    columns = {}
    for key in SORT_KEYS:
        if current == key:
            aria, target = "ascending", f"-{key}"
        elif current == f"-{key}":
            aria, target = "descending", key
        else:
            aria, target = None, key
        columns[key] = SortColumn(
            label=str(SORT_LABELS[key]), href=f"?{base}sort={target}", aria_sort=aria
        )
    return columns


# --- the trend chart, drawn server-side as SVG ------------------------------------------------
