"""A liaison (or ORE) sends reminders now to people picked on the staff list, or to everyone
the list's filters match (after a confirmation page that says how many)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.compliance.models import Requirement
from courses.compliance.reminders import (
    ManualReminderResult,
    manual_reminders_remaining,
    reminders_send_now,
)
from courses.compliance.selectors import requirement_list_for_department
from courses.workbench.forms import StaffFilterForm
from courses.workbench.selectors import staff_filter_choices, staff_list_for_department
from lms.users.permissions import access_department_by_code

FILTERS_MAX_LENGTH = 2000


@login_required
@require_POST
def reminders_send(request, code: str):
    """POST `requirement` (id) and `user` (employee pks, repeated): reminds them now, then goes
    back to the department (or to `next`, a page of this department's workbench, so the
    liaison returns to the same filters).

    With `scope=matching`, everyone of the department the staff list's `filters` (its query
    string) match instead: first a page asking to confirm, saying how many; then, with
    `confirmed`, the reminders, within the same hourly and once-a-day limits."""
    department = access_department_by_code(request.user, code)
    back = _back_url(request, code)
    matching = request.POST.get("scope") == "matching"
    try:
        requirement_id = _pk(request.POST.get("requirement", ""))
        user_ids = [] if matching else [_pk(value) for value in request.POST.getlist("user")]
    except ValueError:
        messages.error(
            request, _("Choose a requirement and the people to remind; nothing was sent.")
        )
        return redirect(back)
    requirement = Requirement.objects.select_related("course").filter(pk=requirement_id).first()
    if requirement is None:
        messages.error(
            request, _("That requirement is not in force for this department; nothing was sent.")
        )
        return redirect(back)
    if matching:
        user_ids = _matching_ids(department, request.POST.get("filters", ""))
        if user_ids is None:
            messages.error(request, _("These filters are not valid; nothing was sent."))
            return redirect(back)
        if not user_ids:
            messages.error(request, _("Nobody matches these filters; nothing was sent."))
            return redirect(back)
        if not request.POST.get("confirmed"):
            return render(
                request,
                "courses/workbench/reminders_confirm.html",
                {
                    "department": department,
                    "requirement": requirement,
                    "count": len(user_ids),
                    "remaining": manual_reminders_remaining(actor=request.user),
                    "filters": request.POST.get("filters", ""),
                    "back": back,
                },
            )
    try:
        result = reminders_send_now(
            actor=request.user,
            department=department,
            requirement=requirement,
            user_ids=user_ids,
            as_of=timezone.localdate(),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    (messages.success if result.sent else messages.warning)(request, _summary(result))
    return redirect(back)


def _matching_ids(department, query: str) -> list[int] | None:
    """The pks of the department's people the staff list's filters (a query string) match;
    None when the filters do not validate. People counted here but recorded in another
    department are left out: only the department's own staff are reminded."""
    if len(query) > FILTERS_MAX_LENGTH:
        return None
    requirements = requirement_list_for_department(department=department)
    form = StaffFilterForm(
        QueryDict(query),
        requirements=requirements,
        choices=staff_filter_choices(department=department),
    )
    if not form.is_valid():
        return None
    people = staff_list_for_department(
        department=department, requirements=requirements, filters=form.filters()
    )
    return list(people.filter(department=department).order_by().values_list("pk", flat=True))


def _pk(value: str) -> int:
    """A primary key from the form; ValueError for anything else (the database would choke on
    numbers beyond 64 bits)."""
    number = int(value)
    if not 0 < number < 2**63:
        raise ValueError(value)
    return number


def _summary(result: ManualReminderResult) -> str:
    sent = ngettext("Sent %(count)d reminder", "Sent %(count)d reminders", len(result.sent)) % {
        "count": len(result.sent)
    }
    if not result.skipped:
        return _("%(sent)s.") % {"sent": sent}
    reasons = ", ".join(
        _("%(reason)s: %(count)d") % {"reason": reason.label, "count": count}
        for reason, count in result.skipped_by_reason().most_common()
    )
    skipped = ngettext(
        "%(count)d skipped (%(reasons)s)", "%(count)d skipped (%(reasons)s)", len(result.skipped)
    ) % {"count": len(result.skipped), "reasons": reasons}
    return _("%(sent)s; %(skipped)s.") % {"sent": sent, "skipped": skipped}


def _back_url(request, code: str) -> str:
    """`next` if it is a page of this department's workbench on this site, else the department."""
    home = reverse("workbench:liaison_department", args=[code])
    target = request.POST.get("next", "")
    parts = urlsplit(target)
    is_local = not (parts.scheme or parts.netloc) and "\\" not in target
    if is_local and parts.path.startswith(home) and ".." not in parts.path.split("/"):
        return target
    return home
