"""Reads for technical-assistance requests: who may see which, and ORE's summary counts.

A request is visible to the person who asked, to the liaisons of its department and to ORE
(anyone with `users.view_all_departments`). Anyone else is told it does not exist (404).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.utils import timezone

from content.ta.models import TARequest, TARequestAttachment, TARequestEvent, TAStatus
from content.taxonomy import IssueArea
from lms.fiscal import fiscal_year_label
from lms.users.models import Department, User
from lms.users.permissions import can_view_all_departments, departments_for_user

VIEW_ALL_TA_REQUESTS = "content.view_tarequest"


def ta_user_sees_all(user: User) -> bool:
    """Whether `user` is ORE for TA purposes: sees every request and ORE's internal fields.

    Anyone who may see every department (ORE analysts) or view TA requests (ORE editors, who
    triage them in the admin).
    """
    return user.is_authenticated and (
        can_view_all_departments(user) or user.has_perm(VIEW_ALL_TA_REQUESTS)
    )


def ta_request_list_for_user(*, user: User, status: str | None = None) -> QuerySet[TARequest]:
    """The requests `user` may see, newest first, optionally only those in `status`.

    Their own, those of the departments they are liaison of, and every request for ORE
    (`ta_user_sees_all`). The
    department, topic and requester come in the same query. An unknown `status` matches none.
    """
    queryset = TARequest.objects.select_related("department", "topic", "requester")
    if not user.is_authenticated:
        return queryset.none()
    if not ta_user_sees_all(user):
        # A subquery, not a join through the liaison table, so no request is listed twice.
        queryset = queryset.filter(
            Q(requester=user) | Q(department__in=departments_for_user(user).values("pk"))
        )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def access_ta_request_by_id(*, user: User, request_id: int) -> TARequest:
    """The request with `request_id` if `user` may see it; Http404 otherwise (even if it exists).

    The assigned ORE staff member comes in the same query.
    """
    request = (
        ta_request_list_for_user(user=user)
        .select_related("assigned_to")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise Http404
    return request


def access_ta_attachment_by_id(
    *, user: User, request_id: int, attachment_id: int
) -> TARequestAttachment:
    """An attachment of a request `user` may see; Http404 for anything else."""
    attachment = (
        TARequestAttachment.objects.filter(
            pk=attachment_id,
            request__in=ta_request_list_for_user(user=user).filter(pk=request_id).values("pk"),
        )
        .select_related("request")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def ta_event_list_for_request(*, request: TARequest) -> QuerySet[TARequestEvent]:
    """The status history of `request`, oldest first, with who made each change."""
    return request.events.select_related("by").order_by("at", "pk")


def ta_attachment_list_for_request(*, request: TARequest) -> QuerySet[TARequestAttachment]:
    """The files attached to `request`, in the order they were uploaded."""
    return request.attachments.order_by("uploaded_at", "pk")


def ta_department_choices_for_user(*, user: User) -> QuerySet[Department]:
    """The departments `user` may ask ORE for help for.

    Their own department and those they are liaison of; every department for ORE.
    """
    if not user.is_authenticated:
        return Department.objects.none()
    if ta_user_sees_all(user):
        return Department.objects.all()
    return Department.objects.filter(
        Q(pk=user.department_id) | Q(pk__in=departments_for_user(user).values("pk"))
    )


def ta_staff_list() -> QuerySet[User]:
    """Active people who may triage requests (content.change_tarequest), by name."""
    permissions = Permission.objects.filter(
        codename="change_tarequest", content_type__app_label="content"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permissions)
            | Q(groups__permissions__in=permissions)
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


@dataclass(frozen=True)
class TASummaryRow:
    """One row of the summary: a label (department, topic or fiscal year) and its counts."""

    label: str
    requests: int
    completed: int
    declined: int
    hours: Decimal


@dataclass(frozen=True)
class TASummary:
    """Counts of requests and hours logged by department, topic and fiscal year, with totals."""

    by_department: list[TASummaryRow]
    by_topic: list[TASummaryRow]
    by_fiscal_year: list[TASummaryRow]
    total: TASummaryRow


_COUNTS = {
    "requests": Count("pk"),
    "completed": Count("pk", filter=Q(status=TAStatus.COMPLETED)),
    "declined": Count("pk", filter=Q(status=TAStatus.DECLINED)),
    "hours": Sum("hours_logged"),
}


def _row(label: str, values: dict) -> TASummaryRow:
    return TASummaryRow(
        label=label,
        requests=values["requests"],
        completed=values["completed"],
        declined=values["declined"],
        hours=Decimal(values["hours"] or 0),
    )


def _added(label: str, rows: list[TASummaryRow]) -> TASummaryRow:
    return TASummaryRow(
        label=label,
        requests=sum(row.requests for row in rows),
        completed=sum(row.completed for row in rows),
        declined=sum(row.declined for row in rows),
        hours=sum((row.hours for row in rows), Decimal(0)),
    )


def ta_summary() -> TASummary:
    """Every request counted by department, by topic and by fiscal year, in three queries.

    Each row has the number of requests, how many were completed and declined, and the hours
    ORE logged. Fiscal years (July-June, `lms.fiscal.fiscal_year_label`) are those of the local
    date (settings.TIME_ZONE) on which the request was made, newest first; departments and
    topics are listed by name, only those with requests. Topic names follow the active language.
    """
    by_department = [
        _row(f"{values['department__name']} ({values['department__code']})", values)
        for values in TARequest.objects.order_by()
        .values("department__name", "department__code")
        .annotate(**_COUNTS)
        .order_by("department__name", "department__code")
    ]
    by_topic = [
        _row(
            IssueArea(name=values["topic__name"], name_es=values["topic__name_es"]).display_name,
            values,
        )
        for values in TARequest.objects.order_by()
        .values("topic__name", "topic__name_es", "topic__sort_order")
        .annotate(**_COUNTS)
        .order_by("topic__sort_order", "topic__name")
    ]
    # The database groups by local calendar month; the one fiscal-year helper folds months into
    # years, so no second definition of the fiscal year lives in SQL.
    local = timezone.get_default_timezone()
    months = (
        TARequest.objects.order_by()
        .annotate(
            year=ExtractYear("created_at", tzinfo=local),
            month=ExtractMonth("created_at", tzinfo=local),
        )
        .values("year", "month")
        .annotate(**_COUNTS)
    )
    by_label: dict[str, list[TASummaryRow]] = {}
    for values in months:
        label = fiscal_year_label(date(values["year"], values["month"], 1))
        by_label.setdefault(label, []).append(_row(label, values))
    by_fiscal_year = [_added(label, rows) for label, rows in sorted(by_label.items(), reverse=True)]
    return TASummary(
        by_department=by_department,
        by_topic=by_topic,
        by_fiscal_year=by_fiscal_year,
        total=_added("", by_department),
    )
