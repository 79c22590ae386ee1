"""A liaison (or ORE) sends reminders now to people picked on the staff list."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.models import Requirement
from courses.reminders import ManualReminderResult, reminders_send_now
from lms.users.permissions import access_department_by_code


@login_required
@require_POST
def reminders_send(request, code: str):
    """POST `requirement` (id) and `user` (employee pks, repeated): reminds them now, then goes
    back to the department (or to `next`, a page of this department's workbench)."""
    department = access_department_by_code(request.user, code)
    back = _back_url(request, code)
    try:
        requirement_id = _pk(request.POST.get("requirement", ""))
        user_ids = [_pk(value) for value in request.POST.getlist("user")]
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
    home = reverse("analytics:liaison_department", args=[code])
    target = request.POST.get("next", "")
    parts = urlsplit(target)
    is_local = not (parts.scheme or parts.netloc) and "\\" not in target
    if is_local and parts.path.startswith(home) and ".." not in parts.path.split("/"):
        return target
    return home
