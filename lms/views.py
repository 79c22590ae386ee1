import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from lms.users.models import Department

logger = logging.getLogger(__name__)


_allauth_sign_in = RedirectView.as_view(url="/accounts/login/", query_string=True)


def admin_sign_in(request):
    """Both admins send whoever may not use them to their sign-in form. A visitor is sent on to
    allauth's (its rate limits then cover every sign-in); a signed-in person without access gets
    the 403 page, since allauth would send them straight back to the admin (a redirect loop)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return _allauth_sign_in(request)


def health(request):
    """200 when the database and the broker answer, 503 otherwise. Public, and says no more."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{k: "ok" if v else "down" for k, v in checks.items()},
        },
        status=200 if healthy else 503,
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        logger.exception("health: database unreachable")
        return False


def _broker_ok() -> bool:
    if not settings.CELERY_BROKER_URL:
        return True  # the embedded default runs tasks in-process: there is no broker to reach
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("health: broker unreachable")
        return False


@require_safe
def floor(request):
    """The bench's floor (scripts/bench_city.py): what any signed-in page costs on this stack.

    Session, user, one query and a small template, served only when BENCH_FLOOR_VIEW is on (404
    otherwise, so production does not expose it); visitors are sent to sign in as on the learner
    pages. The learner pages' throughput is measured as a share of this one's.
    """
    if not settings.BENCH_FLOOR_VIEW:
        raise Http404
    return _floor_signed_in(request)


@login_required
def _floor_signed_in(request):
    user = request.user
    department = (
        Department.objects.filter(pk=user.department_id).values_list("name", flat=True).first()
    )
    html = loader.render_to_string(
        "bench/floor.html", {"user_id": user.pk, "department": department or ""}
    )
    return HttpResponse(html)
