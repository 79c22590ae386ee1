"""Technical-assistance requests: a department asks ORE for help, and ORE triages the request.

Every write goes through the two services here: `ta_request_create` (a person asks) and
`ta_request_update` (ORE triages). Each status change is recorded as a `TARequestEvent` and the
requester is emailed about it by a Celery task queued after the transaction commits.
"""

import logging
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from content.forms import safe_file_name, upload_problem
from content.ta.models import TAKind, TARequest, TARequestAttachment, TARequestEvent, TAStatus
from content.ta.selectors import ta_department_choices_for_user
from content.ta.signals import ta_requests_changed
from content.taxonomy import IssueArea
from lms.queueing import task_named
from lms.users.models import Department, User

logger = logging.getLogger(__name__)

# Queued by name: the task module imports this one (lms/queueing.py).
TA_STATUS_EMAIL_TASK = "content.tasks.ta_status_email_send_task"

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "csv", "txt")

# Where a request may go next from each status; completed and declined are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    TAStatus.NEW: frozenset({TAStatus.ACCEPTED, TAStatus.DECLINED}),
    TAStatus.ACCEPTED: frozenset({TAStatus.SCHEDULED, TAStatus.IN_PROGRESS, TAStatus.DECLINED}),
    TAStatus.SCHEDULED: frozenset({TAStatus.IN_PROGRESS, TAStatus.DECLINED}),
    TAStatus.IN_PROGRESS: frozenset({TAStatus.COMPLETED}),
    TAStatus.COMPLETED: frozenset(),
    TAStatus.DECLINED: frozenset(),
}


def ta_next_statuses(status: str) -> list[str]:
    """The statuses a request in `status` may move to, in the order of TAStatus."""
    allowed = TRANSITIONS.get(status, frozenset())
    return [value for value in TAStatus.values if value in allowed]


def ta_attachment_problem(upload: UploadedFile) -> str | None:
    """Why `upload` may not be attached to a TA request, or None when it may.

    Checks the extension (PDF, Word, Excel, PowerPoint, CSV, plain text), the size (at most
    10 MB, and not empty) and that the bytes are what the name says (an HTML page renamed
    `.pdf` is refused; see content.forms.upload_problem). Leaves the file at its start.
    """
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ATTACHMENT_EXTENSIONS:
        return _(
            "Only PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), CSV and plain text "
            "files can be attached."
        )
    if not upload.size:
        return _("This file is empty.")
    if upload.size > MAX_ATTACHMENT_BYTES:
        return _("This file is larger than %(limit)s MB.") % {
            "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)
        }
    problem = upload_problem(upload)
    return str(problem) if problem else None


def ta_request_problems(
    *,
    desired_start_on: date | None,
    desired_end_on: date | None,
    files: Sequence[UploadedFile] = (),
    as_of: date | None = None,
) -> dict[str, list[str]]:
    """What is wrong with the dates and files of a new request, by form field name.

    Empty when nothing is. Dates may be left out; when given they may not be in the past and
    the latest may not come before the earliest. At most three files, each passing
    `ta_attachment_problem`.
    """
    today = as_of or timezone.localdate()
    problems: dict[str, list[str]] = {}
    if desired_start_on and desired_start_on < today:
        problems.setdefault("desired_start_on", []).append(
            _("The earliest date cannot be in the past.")
        )
    if desired_end_on and desired_end_on < today:
        problems.setdefault("desired_end_on", []).append(
            _("The latest date cannot be in the past.")
        )
    if desired_start_on and desired_end_on and desired_end_on < desired_start_on:
        problems.setdefault("desired_end_on", []).append(
            _("The latest date cannot be before the earliest date.")
        )
    if len(files) > MAX_ATTACHMENTS:
        problems.setdefault("attachments", []).append(
            _("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS}
        )
    for upload in files:
        problem = ta_attachment_problem(upload)
        if problem:
            problems.setdefault("attachments", []).append(
                _("%(name)s: %(problem)s")
                % {"name": _display_name(upload.name), "problem": problem}
            )
    return problems


def _display_name(name: str | None) -> str:
    """The file's own name (no folders), without control characters, for display and download."""
    printable = "".join(ch for ch in PurePath(name or "").name if ch.isprintable())
    return printable[:255] or "file"


def _attachment_storage():
    return TARequestAttachment._meta.get_field("file").storage


@transaction.atomic
def ta_request_create(
    *,
    requester: User,
    department: Department,
    topic: IssueArea,
    kind: str,
    title: str,
    description: str,
    desired_start_on: date | None = None,
    desired_end_on: date | None = None,
    files: Sequence[UploadedFile] = (),
    as_of: datetime | None = None,
) -> TARequest:
    """Records a new request for technical assistance from ORE, with its attachments.

    The request starts as "new" with a first status event ("" -> new), and the requester is
    emailed a confirmation once the transaction commits. `department` must be one the requester
    may ask for (`content.ta.selectors.ta_department_choices_for_user`).

    Raises ValidationError (a dict keyed by form field) when the department, kind, title,
    description, dates or files are not acceptable; then nothing is stored: no row and no file.
    """
    as_of = as_of or timezone.now()
    problems = ta_request_problems(
        desired_start_on=desired_start_on,
        desired_end_on=desired_end_on,
        files=files,
        as_of=timezone.localdate(as_of),
    )
    if not ta_department_choices_for_user(user=requester).filter(pk=department.pk).exists():
        problems.setdefault("department", []).append(
            _("You can only ask for help for your own department or one you are liaison of.")
        )
    if kind not in TAKind.values:
        problems.setdefault("kind", []).append(_("Choose a kind of help from the list."))
    if not title.strip():
        problems.setdefault("title", []).append(_("Give the request a title."))
    if not description.strip():
        problems.setdefault("description", []).append(_("Describe what you need help with."))
    if problems:
        raise ValidationError(problems)

    request = TARequest.objects.create(
        department=department,
        requester=requester,
        topic=topic,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        desired_start_on=desired_start_on,
        desired_end_on=desired_end_on,
        status=TAStatus.NEW,
        created_at=as_of,
    )
    event = TARequestEvent.objects.create(
        request=request, from_status="", to_status=TAStatus.NEW, by=requester, at=as_of
    )
    _attachments_store(request=request, files=files, as_of=as_of)
    logger.info("TA request %s created by employee pk=%s", request.pk, requester.pk)

    task_named(TA_STATUS_EMAIL_TASK).delay_on_commit(event_id=event.pk)
    ta_requests_changed.send(sender=TARequest, as_of=timezone.localdate(as_of))
    return request


def _attachments_store(*, request: TARequest, files: Sequence[UploadedFile], as_of: datetime):
    """Writes the files to private storage; removes those written if any later one fails.

    The database rows roll back with the transaction, but files on disk do not: every file is
    checked before the first is written, and the ones written are removed if a later one fails.
    """
    stored: list[str] = []
    try:
        for upload in files:
            upload.seek(0)
            attachment = TARequestAttachment(
                request=request,
                original_name=_display_name(upload.name),
                size=upload.size,
                uploaded_at=as_of,
            )
            attachment.file.save(safe_file_name(_display_name(upload.name)), upload, save=False)
            stored.append(attachment.file.name)
            attachment.save()
    except Exception:
        storage = _attachment_storage()
        for name in stored:
            storage.delete(name)
        raise


def ta_request_update_check(
    *,
    current_status: str,
    status: str,
    decline_reason: str,
    assigned_to: User | None,
    hours_logged: Decimal | None,
) -> None:
    """Raises ValidationError (a dict keyed by field) unless the triage values are acceptable.

    The status may stay as it is or follow TRANSITIONS; a declined request needs a reason;
    hours are never negative; the assigned person must be ORE staff who may triage requests.
    """
    problems: dict[str, list[str]] = {}
    if status not in TAStatus.values:
        problems["status"] = [_("Choose a status from the list.")]
    elif status != current_status and status not in TRANSITIONS.get(current_status, ()):
        labels = [str(TAStatus(value).label) for value in ta_next_statuses(current_status)]
        current_label = (
            TAStatus(current_status).label if current_status in TAStatus.values else current_status
        )
        if labels:
            message = _(
                "A request that is “%(current)s” cannot become “%(wanted)s”. "
                "It can become: %(allowed)s."
            ) % {
                "current": current_label,
                "wanted": TAStatus(status).label,
                "allowed": ", ".join(labels),
            }
        else:
            message = _("A request that is “%(current)s” is final: its status cannot change.") % {
                "current": current_label
            }
        problems["status"] = [message]
    if status == TAStatus.DECLINED and not (decline_reason or "").strip():
        problems["decline_reason"] = [_("Give the reason for declining the request.")]
    if hours_logged is not None and hours_logged < 0:
        problems["hours_logged"] = [_("Hours logged cannot be negative.")]
    if assigned_to is not None and not (
        assigned_to.is_active and assigned_to.has_perm("content.change_tarequest")
    ):
        problems["assigned_to"] = [_("Assign the request to a member of ORE staff.")]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def ta_request_update(
    *,
    request: TARequest,
    by: User,
    status: str,
    decline_reason: str,
    assigned_to: User | None,
    internal_notes: str,
    hours_logged: Decimal,
    outcome: str,
    as_of: datetime | None = None,
) -> TARequest:
    """ORE's triage of `request`: status, reason, assigned staff, notes, hours and outcome.

    The stored row is locked and checked again (so `request` may be a stale or form-modified
    copy). A change of status must be legal (see TRANSITIONS); it is recorded as a
    TARequestEvent by `by`, and the requester is emailed once the transaction commits.
    Saving the same values again changes nothing and sends nothing.

    Raises ValidationError (a dict keyed by field) for an illegal transition, a decline without
    a reason, negative hours or an assignee who is not ORE staff; nothing is changed then.
    Returns the updated request.
    """
    current = TARequest.objects.select_for_update().get(pk=request.pk)
    hours = Decimal(hours_logged if hours_logged is not None else 0)
    decline_reason = (decline_reason or "").strip()
    ta_request_update_check(
        current_status=current.status,
        status=status,
        decline_reason=decline_reason,
        assigned_to=assigned_to,
        hours_logged=hours,
    )
    previous_status = current.status
    current.status = status
    current.decline_reason = decline_reason
    current.assigned_to = assigned_to
    current.internal_notes = internal_notes or ""
    current.hours_logged = hours
    current.outcome = outcome or ""
    current.save()
    if status != previous_status:
        event = TARequestEvent.objects.create(
            request=current,
            from_status=previous_status,
            to_status=status,
            by=by,
            note=decline_reason if status == TAStatus.DECLINED else "",
            at=as_of or timezone.now(),
        )
        logger.info(
            "TA request %s: %s -> %s by employee pk=%s", current.pk, previous_status, status, by.pk
        )
        task_named(TA_STATUS_EMAIL_TASK).delay_on_commit(event_id=event.pk)
        ta_requests_changed.send(sender=TARequest, as_of=timezone.localdate(event.at))
    return current


def ta_status_email_send(*, event_id: int) -> bool:
    """Emails the requester about one status change of their request (or its receipt).

    Written in the requester's preferred language (English or Spanish). Returns False when
    there is nothing to send: no such event, a requester without an email address, or an
    email already sent for this event (so a retried task does not send it twice).
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    event = (
        TARequestEvent.objects.select_related(
            "request", "request__requester", "request__department", "request__topic"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.email_sent_at or not event.request.requester.email:
        return False
    request = event.request
    requester = request.requester
    language = (requester.preferred_language or "en").split("-")[0].lower()
    supported = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in supported else settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "request": request,
            "user": requester,
            "status_label": TAStatus(event.to_status).label,
            "url": settings.SITE_URL.rstrip("/") + reverse("ta:detail", args=[request.pk]),
        }
        name = "received" if event.to_status == TAStatus.NEW else "status"
        subject = render_to_string(f"content/email/ta_{name}_subject.txt", context)
        body = render_to_string(f"content/email/ta_{name}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [requester.email])
    TARequestEvent.objects.filter(pk=event.pk).update(email_sent_at=timezone.now())
    return True
