"""The learner's actions while taking a course: marking a lesson done, starting a retake,
submitting a knowledge check, and the evaluation.

Submitting a knowledge check: a plain form post, no JavaScript needed.

A recorded attempt redirects back to the lesson at the check's anchor (post/redirect/get), where
the result is shown. A refused one shows the lesson again with the message at the check and the
learner's choices kept, and records nothing.

Learner pages for evaluation: the pre- and post-assessment, the survey, reflection prompts.

Thin: each parses a form, calls a service of `evaluation.py` or `reflections.py`, and redirects
after a successful POST (so a reload cannot submit twice) with a status message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from content.page_cache import site_prime
from content.translation import display_context, translation_for
from courses.learning.attempts import (
    CODE_LIMIT,
    CODE_MISSING,
    CODE_PASSED,
    CODE_REPLAYED,
    check_attempt_submit,
)
from courses.learning.evaluation import (
    INVALID,
    EvaluationState,
    assessment_questions,
    assessment_questions_as_shown,
    assessment_submit,
    evaluation_state_for_user,
    feedback_submit,
)
from courses.learning.forms import AssessmentForm, CheckSubmissionForm, FeedbackForm, ReflectionForm
from courses.learning.models import AssessmentPhase, CoursePage, LessonPage
from courses.learning.reflections import reflection_prompt_get, reflection_save
from courses.learning.selectors import live_lesson_in_course, live_lessons_of
from courses.learning.services import course_retake_start, lesson_complete


@login_required
@require_POST
def lesson_done(request, lesson_id: int):
    found = live_lesson_in_course(lesson_id)
    if found is None:
        raise Http404
    lesson, course = found
    site_prime(request)  # the redirects below name pages of this site
    if lesson.package_id:
        # A package lesson is done when its package says so (courses.packages), never by hand.
        messages.error(request, _("This lesson is done when you finish the package in it."))
        return redirect(lesson.get_url(request))
    _progress, completion = lesson_complete(user=request.user, lesson=lesson, course=course)
    if completion is not None:
        messages.success(
            request,
            _("You completed “%(course)s”. Well done.") % {"course": translation_for(course).title},
        )
        return redirect(course.get_url(request))
    messages.success(request, _("Lesson marked as done."))
    following = (each for each in live_lessons_of(course) if each.path > lesson.path)
    next_lesson = next(following, None)
    return redirect((next_lesson or course).get_url(request))


@login_required
@require_POST
def course_retake(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        course_retake_start(user=request.user, course=course)
    except ValidationError:
        messages.error(request, _("You can start the course again once you have completed it."))
        return redirect(course.get_url(request))
    messages.success(request, _("You started the course again. Your earlier completion is kept."))
    return redirect(course.get_url(request))


# After these refusals the learner's choices no longer apply: the form is shown afresh.
_FRESH_FORM_CODES = frozenset({CODE_REPLAYED, CODE_LIMIT, CODE_PASSED})


@login_required
@require_POST
def check_submit(request: HttpRequest, lesson_id: int, check_id: str) -> HttpResponse:
    """Records an attempt at knowledge check `check_id` of lesson `lesson_id`, then redirects."""
    found = live_lesson_in_course(lesson_id)
    if found is None:
        raise Http404
    lesson, course = found
    site_prime(request)  # the redirect names the lesson's address on this site
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


def _live_course(course_id: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), pk=course_id)


def _assessment_refusal(state: EvaluationState, phase: str) -> str | None:
    """Why the learner cannot take `phase` now, or None when it is open to them."""
    if phase == AssessmentPhase.PRE:
        if state.pre is not None:
            return _("You have already taken the pre-assessment.")
        if state.can_take_pre:
            return None
        return _("The pre-assessment is only open before you start the lessons.")
    if state.post is not None:
        return _("You have already taken the post-assessment.")
    if state.can_take_post:
        return None
    return _("The post-assessment opens when you have completed the course.")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_take(request: HttpRequest, course_id: int, phase: str) -> HttpResponse:
    course = _live_course(course_id)
    questions = assessment_questions(course)
    if not questions:
        raise Http404
    state = evaluation_state_for_user(user=request.user, course=course)
    refusal = _assessment_refusal(state, phase)
    if refusal:
        messages.error(request, refusal)
        return redirect(course.get_url(request))
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        questions=assessment_questions_as_shown(course),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment_submit(user=request.user, course=course, phase=phase, answers=form.answers())
        except ValidationError as error:
            if error.code != INVALID:
                messages.error(request, error.messages[0])
                return redirect(course.get_url(request))
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect("courses:assessment_result", course_id=course.pk, phase=phase)
    return render(
        request,
        "courses/evaluation/assessment_form.html",
        {
            "course": course,
            **display_context(course),
            "phase": phase,
            "is_pre": phase == AssessmentPhase.PRE,
            "form": form,
            "total": len(questions),
        },
    )


@login_required
def assessment_result(request: HttpRequest, course_id: int, phase: str) -> HttpResponse:
    course = _live_course(course_id)
    state = evaluation_state_for_user(user=request.user, course=course)
    result = state.pre if phase == AssessmentPhase.PRE else state.post
    if result is None:
        return redirect(course.get_url(request))
    return render(
        request,
        "courses/evaluation/assessment_result.html",
        {
            "course": course,
            **display_context(course),
            "result": result,
            "is_pre": phase == AssessmentPhase.PRE,
            "state": state,
            "gain": state.gain if phase == AssessmentPhase.POST else None,
            "gain_size": abs(state.gain) if state.gain is not None else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_give(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _live_course(course_id)
    if not course.has_feedback_survey:
        raise Http404
    state = evaluation_state_for_user(user=request.user, course=course)
    if state.has_given_feedback:
        messages.info(request, _("You have already given feedback on this course. Thank you."))
        return redirect(course.get_url(request))
    if not state.can_give_feedback:
        messages.error(request, _("The feedback survey opens when you have completed the course."))
        return redirect(course.get_url(request))
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_submit(
                user=request.user,
                course=course,
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            if error.code != INVALID:
                messages.error(request, error.messages[0])
                return redirect(course.get_url(request))
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect(course.get_url(request))
    return render(
        request,
        "courses/evaluation/feedback_form.html",
        {"course": course, **display_context(course), "form": form},
    )


@login_required
@require_POST
def reflection_save_view(request: HttpRequest, lesson_id: int, block_id: str) -> HttpResponse:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    prompt = reflection_prompt_get(lesson=lesson, block_id=block_id)
    if prompt is None:
        messages.error(
            request, _("This reflection is not part of the lesson any more. Reload the page.")
        )
        return redirect(lesson.get_url(request))
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            saved = reflection_save(
                user=request.user, lesson=lesson, block_id=block_id, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                _("Your reflection is saved. Only you can see it.")
                if saved
                else _("Your reflection is cleared."),
            )
            return redirect(f"{lesson.get_url(request)}#reflection-{block_id}")
    return render(
        request,
        "courses/evaluation/reflection_form.html",
        {
            "lesson": lesson,
            **display_context(lesson),
            "prompt": prompt,
            "form": form,
            "block_id": block_id,
            "action": reverse("courses:reflection_save", args=[lesson.pk, block_id]),
        },
    )
