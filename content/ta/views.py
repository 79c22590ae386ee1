"""Technical-assistance request pages: ask ORE for help, follow requests, and ORE's summary.

Thin: access is decided by `content.ta.selectors` (404 for requests a person may not see),
writes by `content.ta.services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from content.ta.forms import TARequestForm
from content.ta.models import TAStatus
from content.ta.selectors import (
    access_ta_attachment_by_id,
    access_ta_request_by_id,
    ta_attachment_list_for_request,
    ta_department_choices_for_user,
    ta_event_list_for_request,
    ta_request_list_for_user,
    ta_summary,
    ta_user_sees_all,
)
from content.ta.services import ta_request_create
from lms.users.permissions import can_view_all_departments

REQUESTS_PER_PAGE = 50


@require_GET
@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in TAStatus.values:
        status = ""
    requests = ta_request_list_for_user(user=request.user, status=status or None)
    page = Paginator(requests, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "content/ta/request_list.html",
        {
            "page": page,
            "status": status,
            "statuses": TAStatus.choices,
            "is_ore": ta_user_sees_all(request.user),
            "can_summarise": can_view_all_departments(request.user),
            "can_request": ta_department_choices_for_user(user=request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TARequestForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ta_request = ta_request_create(
                    requester=request.user,
                    department=data["department"],
                    topic=data["topic"],
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    desired_start_on=data["desired_start_on"],
                    desired_end_on=data["desired_end_on"],
                    files=data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you. ORE received your request and emailed you a confirmation."),
                )
                return redirect("ta:detail", request_id=ta_request.pk)
    else:
        form = TARequestForm(user=request.user)
    has_departments = form.fields["department"].queryset.exists()
    return render(
        request,
        "content/ta/request_form.html",
        {"form": form, "has_departments": has_departments},
    )


@require_GET
@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    ta_request = access_ta_request_by_id(user=request.user, request_id=request_id)
    is_ore = ta_user_sees_all(request.user)
    admin_url = None
    if request.user.has_perm("content.change_tarequest"):
        try:
            admin_url = reverse("ta_requests:edit", args=[ta_request.pk])
        except NoReverseMatch:  # the admin screen is not registered (for example in a test)
            admin_url = None
    return render(
        request,
        "content/ta/request_detail.html",
        {
            "ta_request": ta_request,
            "events": ta_event_list_for_request(request=ta_request),
            "attachments": ta_attachment_list_for_request(request=ta_request),
            "is_ore": is_ore,
            "admin_url": admin_url,
        },
    )


@require_GET
@login_required
def attachment_download(request: HttpRequest, request_id: int, attachment_id: int) -> FileResponse:
    attachment = access_ta_attachment_by_id(
        user=request.user, request_id=request_id, attachment_id=attachment_id
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def summary(request: HttpRequest) -> HttpResponse:
    if not can_view_all_departments(request.user):
        raise PermissionDenied
    return render(request, "content/ta/summary.html", {"summary": ta_summary()})
