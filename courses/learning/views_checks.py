"""Submitting a knowledge check: a plain form post, no JavaScript needed.

A recorded attempt redirects back to the lesson at the check's anchor (post/redirect/get), where
the result is shown. A refused one shows the lesson again with the message at the check and the
learner's choices kept, and records nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.translation import translation_for
from courses.learning.attempts import (
    CODE_LIMIT,
    CODE_MISSING,
    CODE_PASSED,
    CODE_REPLAYED,
    check_attempt_submit,
)
from courses.learning.forms_checks import CheckSubmissionForm
from courses.learning.models import LessonPage

# After these refusals the learner's choices no longer apply: the form is shown afresh.
_FRESH_FORM_CODES = frozenset({CODE_REPLAYED, CODE_LIMIT, CODE_PASSED})


@login_required
@require_POST
def check_submit(request: HttpRequest, lesson_id: int, check_id: str) -> HttpResponse:
    """Records an attempt at knowledge check `check_id` of lesson `lesson_id`, then redirects."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    form = CheckSubmissionForm(request.POST)
    answers = form.answers()
    if not form.is_valid():
        return _lesson_with_error(
            request, lesson, check_id, error=ValidationError(form.error_message()), answers=answers
        )
    try:
        outcome = check_attempt_submit(
            user=request.user,
            lesson=lesson,
            check_id=check_id,
            answers=answers,
            attempt_number=form.cleaned_data["attempt"],
        )
    except ValidationError as error:
        code = getattr(error, "code", None)
        return _lesson_with_error(
            request,
            lesson,
            check_id,
            error=error,
            answers=None if code in _FRESH_FORM_CODES else answers,
        )
    if outcome.is_course_completed_now:
        course = lesson.get_parent().specific
        messages.success(
            request,
            _("You completed “%(course)s”. Well done.") % {"course": translation_for(course).title},
        )
    return redirect(f"{lesson.get_url(request)}#check-{check_id}")


def _lesson_with_error(
    request: HttpRequest,
    lesson: LessonPage,
    check_id: str,
    *,
    error: ValidationError,
    answers: dict[str, list[str]] | None,
) -> HttpResponse:
    """The lesson page again, the refusal shown at the check (status 400).

    When the check is not on the page any more, the message goes to the top of the lesson.
    """
    response = lesson.serve(request)
    states = (
        response.context_data.get("check_states")
        if isinstance(response, TemplateResponse) and response.context_data is not None
        else None
    )
    state = (states or {}).get(check_id)
    if state is None or getattr(error, "code", None) == CODE_MISSING:
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.get_url(request))
    state.show_error(error)
    if answers:
        state.keep_answers(answers)
    response.status_code = 400
    return response
