"""The learner's own pages: My learning, and the transcript (page, CSV and PDF)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from courses.learner.fragments import course_cards, course_cards_state
from courses.learner.selectors import my_learning_for_user, registration_list_upcoming_for_user
from courses.learner.transcript import transcript_csv, transcript_get, transcript_pdf


@login_required
def my_learning(request):
    """The learner's trainings in sections: to do, exempt, upcoming live sessions, completed,
    optional (see `my_learning_for_user`). The course cards come from the learner's cache
    while nothing they are read from has changed (courses/learner/fragments.py)."""
    today = timezone.localdate()
    now = timezone.now()
    state = course_cards_state(user=request.user, as_of=today, site=request.get_host())
    cards = course_cards(
        key=state.key,
        build=lambda: my_learning_for_user(
            user=request.user, as_of=today, now=now, request=request, with_sessions=False
        ),
    )
    # Most people hold no registration: then there is no live session to look for.
    sessions = (
        registration_list_upcoming_for_user(user=request.user, now=now)
        if state.registrations
        else []
    )
    return render(
        request,
        "courses/my_learning.html",
        {"cards": cards, "sessions": sessions, "today": today},
    )


@login_required
@never_cache
@require_safe
def transcript(request: HttpRequest) -> HttpResponse:
    """The signed-in learner's transcript: completions with their certificates, what is assigned
    and in progress, live sessions attended and exemptions, in the reader's language."""
    today = timezone.localdate()
    record = transcript_get(user=request.user, as_of=today)
    return render(
        request,
        "courses/transcript.html",
        {"transcript": record, "rows": record.completions, "today": today},
    )


@login_required
@never_cache
@require_safe
def transcript_csv_download(request: HttpRequest) -> HttpResponse:
    """The signed-in learner's transcript as CSV (UTF-8 with a byte-order mark, for Excel), in
    the reader's language: headers and labels translated, course titles too where a
    translation exists."""
    today = timezone.localdate()
    text = transcript_csv(transcript_get(user=request.user, as_of=today))
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="transcript-{today.isoformat()}.csv"'
    return response


@login_required
@never_cache
@require_safe
def transcript_pdf_download(request: HttpRequest) -> HttpResponse:
    """The signed-in learner's transcript as a PDF, in the reader's language."""
    today = timezone.localdate()
    record = transcript_get(user=request.user, as_of=today)
    response = HttpResponse(
        transcript_pdf(user=request.user, transcript=record, as_of=today),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="transcript-{today.isoformat()}.pdf"'
    return response
