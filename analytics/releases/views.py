"""ORE's releases page at /analytics/releases/: the published monitoring dataset's versions,
each release's headline numbers beside the previous valid one, its files, and a button that
queues a new release.

Only ORE (users.view_all_departments) and superusers: every view calls `access_releases`
first; anonymous visitors are sent to sign in, anyone else gets 403. Files are served from
MONITORING_RELEASE_DIR by these views, never from a public static directory.
"""

import logging
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from analytics.pipeline.selectors import analytics_run_list_recent
from analytics.pipeline.services import analytics_runs_abandon
from analytics.releases.models import MonitoringRelease, ReleaseStatus
from analytics.releases.publishing import (
    RELEASE_FILES,
    headline_diff,
    monitoring_release_list,
    monitoring_release_previous_valid_get,
)
from analytics.releases.tasks import monitoring_release_publish_task
from courses.xapi.forwarding import forwarding_status
from lms.users.models import User
from lms.users.permissions import can_view_all_departments

logger = logging.getLogger(__name__)

RECENT_RUNS = 10
RELEASES_PAGE_SIZE = 50
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "datapackage": "application/json",
}


def can_view_releases(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or can_view_all_departments(user))


def access_releases(user: User) -> None:
    """Raises PermissionDenied unless `user` is ORE staff (sees every department) or a
    superuser."""
    if not can_view_releases(user):
        raise PermissionDenied


@require_safe
@login_required
def release_list(request: HttpRequest) -> HttpResponse:
    access_releases(request.user)
    page = Paginator(monitoring_release_list(), RELEASES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # A run whose worker died is recorded as abandoned before it is shown.
    analytics_runs_abandon(now=timezone.now())
    return render(
        request,
        "analytics/releases/list.html",
        {
            "page": page,
            "runs": analytics_run_list_recent(limit=RECENT_RUNS),
            "heartbeat_minutes": max(1, round(settings.ANALYTICS_RUN_HEARTBEAT_TIMEOUT / 60)),
            "forwarding": forwarding_status(),
        },
    )


@require_safe
@login_required
def release_detail(request: HttpRequest, version: str) -> HttpResponse:
    access_releases(request.user)
    release = get_object_or_404(
        monitoring_release_list().select_related(None).select_related("created_by"),
        version=version,
    )
    previous = monitoring_release_previous_valid_get(release)
    changes = [
        {
            "name": change.name,
            "unit": change.unit,
            "previous": _number(change.previous, change.unit),
            "current": _number(change.current, change.unit),
            "change": _number(change.change, change.unit, signed=True),
        }
        for change in headline_diff(release.headline, previous.headline if previous else None)
    ]
    return render(
        request,
        "analytics/releases/detail.html",
        {
            "release": release,
            "previous": previous,
            "changes": changes,
            "files": [
                {"kind": kind, "name": name, "exists": (Path(release.directory) / name).is_file()}
                for kind, name in RELEASE_FILES.items()
            ],
            "is_valid": release.status == ReleaseStatus.VALID,
        },
    )


@require_safe
@login_required
def release_file(request: HttpRequest, version: str, kind: str) -> FileResponse:
    """One of the release's three files, as a download. Only the known names are served, from
    the release's own directory."""
    access_releases(request.user)
    release = get_object_or_404(MonitoringRelease, version=version)
    name = RELEASE_FILES.get(kind)
    if name is None:
        raise Http404
    path = Path(release.directory) / name
    if not path.is_file():
        raise Http404
    download = f"{release.version}-{name}"
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=download,
        content_type=CONTENT_TYPES[kind],
    )


@require_POST
@login_required
def release_publish(request: HttpRequest) -> HttpResponse:
    """Queues a new release (after the request's transaction commits) and says so. Embedded
    (no broker: tasks run in-process) the release is built once the response has been sent,
    so the page answers at once instead of after the seconds publishing takes."""
    access_releases(request.user)
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        monitoring_release_publish_task.delay_on_commit(user_id=request.user.pk)
        messages.success(
            request,
            _(
                "A new release has been queued. It appears at the top of the table when it is "
                "ready, usually within a few minutes: reload this page to see it."
            ),
        )
        return redirect("releases:list")
    messages.success(
        request,
        _(
            "A new release is being published now. It appears at the top of the table when it "
            "is ready, usually within a minute: reload this page to see it."
        ),
    )
    response = redirect("releases:list")
    user_id = request.user.pk

    def publish_after_the_response() -> None:
        try:
            monitoring_release_publish_task.apply(kwargs={"user_id": user_id}, throw=True)
        except Exception:
            logger.exception("monitoring release publish (after the response) failed")

    # Django closes the response once the server has sent it (Django's own hook for work
    # after a response; there is no public one).
    response._resource_closers.append(publish_after_the_response)
    return response


def _number(value: float | None, unit: str, *, signed: bool = False) -> str:
    """A headline number for display: proportions as percentages (changes in percentage
    points), counts whole, others to one decimal; an em dash when there is none."""
    if value is None:
        return "—"
    sign = "+" if signed and value > 0 else ""
    if unit == "proportion":
        text = number_format(_tenths(value * 100), decimal_pos=1, use_l10n=True)
        suffix = _(" pp") if signed else "%"
        return f"{sign}{text}{suffix}"
    if float(value).is_integer():
        return f"{sign}{number_format(int(value), use_l10n=True, force_grouping=True)}"
    return f"{sign}{number_format(_tenths(value), decimal_pos=1, use_l10n=True)}"


def _tenths(value: float) -> Decimal:
    """Rounded half up to one decimal, as people round (59.375 -> 59.4)."""
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
