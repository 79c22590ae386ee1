"""The liaison's actions on a person's compliance: grant or revoke an exemption; and the
department's audit log of every such action.

Thin: every view calls the department gate first (403 without a liaison or ORE role, 404 for a
department outside the person's scope), then 404s for a person or exemption outside that
department; writes go through `courses.compliance.exemptions`, which audits them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.compliance.exemptions import exemption_grant, exemption_revoke
from courses.compliance.models import AuditEntry, Exemption
from courses.workbench.audit_log import audit_changes, audit_names_get
from courses.workbench.forms import (
    AuditFilterForm,
    ExemptionGrantForm,
    ExemptionPreselectForm,
    ExemptionRevokeForm,
)
from lms.users.models import Department, User
from lms.users.permissions import access_department_by_code

AUDIT_ENTRIES_PER_PAGE = 50


def _person_in_department(*, department: Department, user_id: int) -> User:
    person = User.objects.filter(pk=user_id, department=department).first()
    if person is None:
        raise Http404
    return person


def _exemption_in_department(*, department: Department, exemption_id: int) -> Exemption:
    exemption = (
        Exemption.objects.select_related("user", "requirement", "granted_by", "revoked_by")
        .filter(pk=exemption_id, user__department=department)
        .first()
    )
    if exemption is None:
        raise Http404
    return exemption


@require_http_methods(["GET", "POST"])
@login_required
def exemption_grant_view(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    department = access_department_by_code(request.user, code)
    person = _person_in_department(department=department, user_id=user_id)
    if request.method == "POST":
        form = ExemptionGrantForm(request.POST, person=person)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exemption = exemption_grant(
                    actor=request.user,
                    user=person,
                    requirement=data["requirement"],
                    reason=data["reason"],
                    until_on=data["until_on"],
                    as_of=timezone.localdate(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(person)s is now exempt from “%(requirement)s”.")
                    % {"person": person, "requirement": exemption.requirement},
                )
                return redirect("workbench:liaison_person", code=department.code, user_id=person.pk)
    else:
        # The link may choose the requirement in advance; the form limits the choice.
        preselect = ExemptionPreselectForm(request.GET)
        if not preselect.is_valid():
            return HttpResponseBadRequest(
                _("This link names no requirement we know. Choose it in the form instead."),
                content_type="text/plain; charset=utf-8",
            )
        form = ExemptionGrantForm(
            person=person, initial={"requirement": preselect.cleaned_data["requirement"]}
        )
    return render(
        request,
        "courses/workbench/actions/exemption_grant.html",
        {"department": department, "person": person, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def exemption_revoke_view(request: HttpRequest, code: str, exemption_id: int) -> HttpResponse:
    department = access_department_by_code(request.user, code)
    exemption = _exemption_in_department(department=department, exemption_id=exemption_id)
    if request.method == "POST":
        form = ExemptionRevokeForm(request.POST)
        if form.is_valid():
            try:
                exemption_revoke(
                    actor=request.user,
                    exemption=exemption,
                    reason=form.cleaned_data["reason"],
                    as_of=timezone.localdate(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The exemption of %(person)s from “%(requirement)s” is revoked.")
                    % {
                        "person": exemption.user,
                        "requirement": exemption.requirement,
                    },
                )
                return redirect(
                    "workbench:liaison_person", code=department.code, user_id=exemption.user_id
                )
    else:
        form = ExemptionRevokeForm()
    return render(
        request,
        "courses/workbench/actions/exemption_revoke.html",
        {"department": department, "exemption": exemption, "person": exemption.user, "form": form},
    )


@require_GET
@login_required
def audit_log_view(request: HttpRequest, code: str) -> HttpResponse:
    department = access_department_by_code(request.user, code)
    form = AuditFilterForm(request.GET)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    entries = AuditEntry.objects.filter(department=department).select_related(
        "actor", "employee", "requirement"
    )
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries.order_by("-at", "-pk"), AUDIT_ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Names for the ids the entries hold: a fixed number of queries for the whole page.
    names = audit_names_get(list(page.object_list))
    rows = [
        {
            "entry": entry,
            "changes": audit_changes(entry, names),
            "requirement_names": names.requirement_names(entry),
        }
        for entry in page.object_list
    ]
    return render(
        request,
        "courses/workbench/actions/audit_log.html",
        {"department": department, "form": form, "action": action, "page": page, "rows": rows},
    )
