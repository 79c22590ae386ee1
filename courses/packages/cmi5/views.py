"""cmi5 views: the learner's Launch button (POST, then the AU), the page that frames an AU, the
page an AU returns to, and the AU's one-time fetch URL (cmi5_spec.md 8.2)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from courses.learning.models import LessonPage
from courses.packages.cmi5.launch import FetchRefused, au_launch_url, fetch_token_redeem
from courses.packages.cmi5.player import localized
from courses.packages.cmi5.services import Cmi5Error
from courses.packages.models import PackageItem

logger = logging.getLogger(__name__)


PLAY_KEY = "cmi5-play"


def _live_package_lesson(lesson_id: int) -> LessonPage:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if lesson.package_id is None:
        raise Http404
    return lesson


@login_required
@require_POST
def launch(request, lesson_id: int, item_id: int):
    """Launches an AU of a live package lesson for the signed-in learner, on their own
    registration (8.1). An "OwnWindow" AU replaces this window and returns to the lesson when the
    learner exits (returnURL, 10.2.6). An "AnyWindow" AU is framed in a page of the site (the
    LMS's choice, 8.1), and returns to a page that brings the whole window back to the lesson."""
    lesson = _live_package_lesson(lesson_id)
    item = get_object_or_404(PackageItem, pk=item_id, version__package_id=lesson.package_id)
    framed = item.data.get("launch_method", "AnyWindow") != "OwnWindow"
    if framed:
        return_url = request.build_absolute_uri(reverse("courses:cmi5:returned", args=[lesson.pk]))
    else:
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
    if not framed:
        return redirect(url)
    # The launch URL holds the one-time fetch URL: shown once, by the page that frames it.
    request.session[PLAY_KEY] = {"lesson": lesson.pk, "item": item.pk, "url": url}
    return redirect("courses:cmi5:play", lesson_id=lesson.pk)


@login_required
def play(request, lesson_id: int):
    """The page framing the AU just launched (its URL is used once: a reload, which would need a
    new launch anyway, goes back to the lesson)."""
    lesson = _live_package_lesson(lesson_id)
    launched = request.session.pop(PLAY_KEY, None)
    if not launched or launched.get("lesson") != lesson.pk:
        messages.info(request, _("Launch the activity again from the lesson."))
        return redirect(lesson.url)
    item = get_object_or_404(PackageItem, pk=launched["item"])
    return render(
        request,
        "courses/packages/cmi5_frame.html",
        {
            "lesson": lesson,
            "course": lesson.get_parent().specific,
            "title": localized(item.data.get("title"), item.title),
            "au_url": launched["url"],
        },
    )


# The page an AU returns to is loaded in the AU's frame: our own pages may frame it.
RETURNED_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


@login_required
@xframe_options_sameorigin
@csp_override(RETURNED_CSP)
def returned(request, lesson_id: int):
    """Where a framed AU sends the learner when they exit (returnURL): a link back to the lesson,
    followed at once by a script file that takes the whole window there."""
    lesson = _live_package_lesson(lesson_id)
    return render(request, "courses/packages/cmi5_returned.html", {"lesson": lesson})


def _json(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _cors(request, response):
    """An AU on the separate package origin (PACKAGE_FILES_ORIGIN) posts to the fetch URL from
    there: that origin, and only it, may read the answer (no cookies: the secret is the check)."""
    origin = (settings.PACKAGE_FILES_ORIGIN or "").rstrip("/")
    if origin and request.headers.get("Origin") == origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = "600"
        response["Vary"] = "Origin"
    return response


@csrf_exempt  # the AU posts here from its own page (8.2.1); the one-time secret is the check
@never_cache
@require_http_methods(["POST", "OPTIONS"])
def fetch(request, session_id):
    """The fetch URL (8.2): POST only (a GET is 405; OPTIONS answers a cross-origin
    preflight); the first call answers {"auth-token": ...}, any other {"error-code": ...,
    "error-text": ...}, always with status 200 and application/json (8.2.1, 8.2.3)."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = "POST, OPTIONS"
        return _cors(request, response)
    try:
        token = fetch_token_redeem(
            session_id=session_id, secret=request.GET.get("k", ""), user=request.user
        )
    except FetchRefused as refused:
        return _cors(request, _json({"error-code": refused.code, "error-text": refused.text}))
    return _cors(request, _json({"auth-token": token}))
