"""cmi5 views: the learner's Launch button (POST, then a redirect to the AU) and the AU's
one-time fetch URL (cmi5_spec.md 8.2)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courses.learning.models import LessonPage
from courses.packages.cmi5.launch import FetchRefused, au_launch_url, fetch_token_redeem
from courses.packages.cmi5.services import Cmi5Error
from courses.packages.models import PackageItem

logger = logging.getLogger(__name__)


@login_required
@require_POST
def launch(request, lesson_id: int, item_id: int):
    """Launches an AU of a live package lesson for the signed-in learner, on their own
    registration, and sends the browser to it. The AU returns to the lesson (returnURL, 10.2.6)
    when the learner exits. Both launch methods open in this window (8.1: OwnWindow may redirect
    the window; AnyWindow lets the LMS choose)."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if lesson.package_id is None:
        raise Http404
    item = get_object_or_404(PackageItem, pk=item_id, version__package_id=lesson.package_id)
    return_url = request.build_absolute_uri(lesson.url)
    try:
        url = au_launch_url(
            user=request.user,
            lesson=lesson,
            item=item,
            return_url=return_url,
            base_url=request.build_absolute_uri("/"),
        )
    except Cmi5Error as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    logger.info("cmi5 launch: user %s, item %s", request.user.pk, item.pk)
    return redirect(url)


def _json(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # the AU posts here from its own page (8.2.1); the one-time secret is the check
@never_cache
@require_POST
def fetch(request, session_id):
    """The fetch URL (8.2): POST only (a GET is 405); the first call answers
    {"auth-token": ...}, any other {"error-code": ..., "error-text": ...}, always with status
    200 and application/json (8.2.1, 8.2.3)."""
    try:
        token = fetch_token_redeem(
            session_id=session_id, secret=request.GET.get("k", ""), user=request.user
        )
    except FetchRefused as refused:
        return _json({"error-code": refused.code, "error-text": refused.text})
    return _json({"auth-token": token})
