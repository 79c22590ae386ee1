"""Knowledge checks: submitting attempts, scoring, limits, replays, forgeries and completion.

The helpers at the top build lessons whose body holds knowledge checks; the other
test_checks_* modules import them. Every StreamField and ListBlock item carries an "id", as the
admin saves them: without one, Wagtail makes a new id on every load and attempts could not be
matched to their questions.
"""

import logging
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError

from courses.learning import attempts as attempts_module
from courses.learning.attempts import (
    CODE_FORGED,
    CODE_LIMIT,
    CODE_MISSING,
    CODE_PASSED,
    CODE_REPLAYED,
    CODE_UNANSWERED,
    answers_validate,
    attempt_refusal,
    check_attempt_submit,
)
from courses.learning.checks import CheckSpec, checks_in_body
from courses.learning.models import CheckAttempt, CourseCompletion, Enrollment, LessonPage
from courses.learning.services import (
    course_completion_evaluate,
    course_retake_start,
    lesson_complete,
)
from tests.factories import course_with_lessons, publish

# --- Helpers used by every test_checks_* module ------------------------------------------------


def choice(text: str, *, correct: bool = False, feedback: str = "") -> dict:
    return {
        "type": "item",
        "id": str(uuid4()),
        "value": {"text": text, "is_correct": correct, "feedback": feedback},
    }


def question(prompt: str, *choices: dict, kind: str = "single", explanation: str = "") -> dict:
    return {
        "type": "item",
        "id": str(uuid4()),
        "value": {
            "kind": kind,
            "prompt": prompt,
            "choices": list(choices),
            "explanation": explanation,
        },
    }


def check_block(
    *questions: dict,
    title: str = "Check your understanding",
    pass_mark: int | None = None,
    is_scored: bool = True,
    shuffle_questions: bool = False,
    shuffle_answers: bool = False,
) -> dict:
    return {
        "type": "knowledge_check",
        "id": str(uuid4()),
        "value": {
            "title": title,
            "questions": list(questions) or standard_questions(),
            "pass_mark": pass_mark,
            "is_scored": is_scored,
            "shuffle_questions": shuffle_questions,
            "shuffle_answers": shuffle_answers,
        },
    }


def standard_questions() -> list[dict]:
    """A single-choice and a multiple-choice question: answering one right scores 50%."""
    return [
        question(
            "What is implicit bias?",
            choice("An automatic association", correct=True, feedback="Yes: it is automatic."),
            choice("A deliberate choice", feedback="Deliberate bias is explicit bias."),
            choice("A legal term"),
            explanation="Implicit bias works below awareness.",
        ),
        question(
            "Which of these reduce the effect of bias in hiring?",
            choice("Structured interviews", correct=True, feedback="Same questions for all."),
            choice("Scoring rubrics", correct=True),
            choice("Going with your gut", feedback="Gut feelings carry bias."),
            kind="multiple",
            explanation="Structure leaves less room for bias.",
        ),
    ]


def true_false_question(prompt: str = "Bias can be unlearned over time.") -> dict:
    return question(
        prompt,
        choice("True", correct=True, feedback="Practice helps."),
        choice("False"),
        kind="true_false",
        explanation="Awareness and structure both help.",
    )


def add_lesson(course, *blocks: dict, title: str = "Check lesson") -> LessonPage:
    """A published lesson at the end of `course` whose body is `blocks`."""
    lesson = LessonPage(
        title=title,
        slug=f"check-lesson-{uuid4().hex[:8]}",
        body=list(blocks) or [check_block()],
    )
    course.add_child(instance=lesson)
    publish(lesson)
    return LessonPage.objects.get(pk=lesson.pk)


def checks_of(lesson: LessonPage) -> list[CheckSpec]:
    course = lesson.get_parent().specific
    return checks_in_body(lesson_id=lesson.pk, body=lesson.body, course_pass_mark=course.pass_mark)


def right_answers(check: CheckSpec) -> dict[str, list[str]]:
    return {q.id: sorted(q.correct_ids) for q in check.questions}


def wrong_answers(check: CheckSpec) -> dict[str, list[str]]:
    return {q.id: [next(c.id for c in q.choices if not c.is_correct)] for q in check.questions}


def half_right_answers(check: CheckSpec) -> dict[str, list[str]]:
    """The first question right, every other one wrong."""
    answers = wrong_answers(check)
    first = check.questions[0]
    answers[first.id] = sorted(first.correct_ids)
    return answers


def submit(user, lesson, check, answers, number, **kwargs):
    return check_attempt_submit(
        user=user,
        lesson=lesson,
        check_id=check.id,
        answers=answers,
        attempt_number=number,
        **kwargs,
    )


def finish_lessons(user, lessons) -> None:
    for lesson in lessons:
        lesson_complete(user=user, lesson=lesson)


# --- Scoring and pass marks --------------------------------------------------------------------


@pytest.mark.django_db
def test_right_answers_score_100_and_pass(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    outcome = submit(learner, lesson, check, right_answers(check), 1)
    attempt = CheckAttempt.objects.get()
    assert outcome.attempt == attempt
    assert (attempt.score, attempt.is_passed, attempt.number, attempt.run) == (100, True, 1, 1)
    assert attempt.answers == right_answers(check)
    assert attempt.course_id == course.pk
    assert all(result.is_correct for result in outcome.results)


@pytest.mark.django_db
def test_wrong_answers_score_0_and_a_half_right_attempt_scores_50(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, wrong_answers(check), 1)
    outcome = submit(learner, lesson, check, half_right_answers(check), 2)
    scores = list(CheckAttempt.objects.order_by("number").values_list("score", "is_passed"))
    assert scores == [(0, False), (50, False)]
    assert [result.is_correct for result in outcome.results] == [True, False]
    assert outcome.results[1].feedback == ["Gut feelings carry bias."]


@pytest.mark.django_db
def test_multiple_choice_needs_every_right_answer_and_no_wrong_one(learner, course):
    lesson = add_lesson(course, check_block(pass_mark=0))
    check = checks_of(lesson)[0]
    multiple = check.questions[1]
    right = sorted(multiple.correct_ids)
    wrong = next(c.id for c in multiple.choices if not c.is_correct)
    answers = right_answers(check)
    for number, chosen in enumerate([right[:1], [*right, wrong], right], start=1):
        answers[multiple.id] = chosen
        submit(learner, lesson, check, answers, number)
    assert list(CheckAttempt.objects.order_by("number").values_list("score", flat=True)) == [
        50,
        50,
        100,
    ]


@pytest.mark.django_db
def test_true_false_question_is_scored(learner, course):
    lesson = add_lesson(course, check_block(true_false_question()))
    check = checks_of(lesson)[0]
    outcome = submit(learner, lesson, check, right_answers(check), 1)
    assert outcome.attempt.score == 100


@pytest.mark.django_db
def test_check_pass_mark_overrides_the_course_pass_mark(learner, course):
    lesson = add_lesson(course, check_block(pass_mark=50))
    check = checks_of(lesson)[0]
    assert (check.pass_mark, course.pass_mark) == (50, 80)
    outcome = submit(learner, lesson, check, half_right_answers(check), 1)
    assert outcome.attempt.is_passed


@pytest.mark.django_db
def test_course_pass_mark_applies_when_the_check_sets_none(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    assert not submit(learner, lesson, check, half_right_answers(check), 1).attempt.is_passed

    course.pass_mark = 50
    publish(course)
    check = checks_of(LessonPage.objects.get(pk=lesson.pk))[0]
    assert check.pass_mark == 50
    other = add_lesson(course)
    other_check = checks_of(other)[0]
    assert submit(learner, other, other_check, half_right_answers(other_check), 1).attempt.is_passed


# --- Completion: lessons and checks together ---------------------------------------------------


@pytest.mark.django_db
def test_lessons_done_and_check_passed_completes_the_course(learner, course, lessons):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    finish_lessons(learner, [*lessons, lesson])
    assert not CourseCompletion.objects.exists()
    outcome = submit(learner, lesson, check, right_answers(check), 1)
    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert outcome.completion == completion
    assert outcome.is_course_completed_now
    assert completion.score == 100


@pytest.mark.django_db
def test_an_attempt_after_the_course_is_complete_does_not_complete_it_again(
    learner, course, lessons
):
    course.score_policy = "best"  # a pass below 100% can be bettered: attempts stay open
    publish(course)
    lesson = add_lesson(course, check_block(pass_mark=50), check_block(is_scored=False))
    scored, practice = checks_of(lesson)
    finish_lessons(learner, [*lessons, lesson])
    assert submit(learner, lesson, scored, half_right_answers(scored), 1).is_course_completed_now
    outcome = submit(learner, lesson, practice, wrong_answers(practice), 1)
    assert outcome.completion is None
    assert not outcome.is_course_completed_now
    again = submit(learner, lesson, scored, right_answers(scored), 2)
    assert again.attempt.is_passed
    assert again.completion is None  # passed again: the run was complete already
    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1


@pytest.mark.django_db
def test_lessons_done_and_check_failed_does_not_complete(learner, course, lessons):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    finish_lessons(learner, [*lessons, lesson])
    outcome = submit(learner, lesson, check, half_right_answers(check), 1)
    assert outcome.completion is None
    assert not outcome.is_course_completed_now
    assert not CourseCompletion.objects.exists()


@pytest.mark.django_db
def test_check_passed_but_a_lesson_not_done_does_not_complete(learner, course, lessons):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    finish_lessons(learner, [lessons[0], lessons[1], lesson])
    outcome = submit(learner, lesson, check, right_answers(check), 1)
    assert outcome.completion is None
    assert not CourseCompletion.objects.exists()
    _progress, completion = lesson_complete(user=learner, lesson=lessons[2])
    assert completion is not None


@pytest.mark.django_db
def test_an_unscored_check_does_not_block_completion(learner, course, lessons):
    lesson = add_lesson(course, check_block(is_scored=False))
    _progress, completion = lesson_complete(user=learner, lesson=lesson)
    assert completion is None
    finish_lessons(learner, lessons)
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()


@pytest.mark.django_db
def test_every_scored_check_must_be_passed(learner, course, lessons):
    first = add_lesson(course, check_block(), check_block(is_scored=False))
    second = add_lesson(course)
    scored, practice = checks_of(first)
    last = checks_of(second)[0]
    finish_lessons(learner, [*lessons, first, second])
    submit(learner, first, practice, wrong_answers(practice), 1)
    assert submit(learner, second, last, right_answers(last), 1).completion is None
    assert submit(learner, first, scored, right_answers(scored), 1).is_course_completed_now


def _attempt_row(user, lesson, check, *, number, score):
    course = lesson.get_parent().specific
    return CheckAttempt.objects.create(
        user=user,
        course=course,
        lesson=lesson,
        check_id=check.id,
        number=number,
        score=score,
        is_passed=score >= check.pass_mark,
        answers={},
        submitted_at=lesson.first_published_at,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("policy", "scores", "completes"),
    [
        ("best", [100, 0], True),
        ("latest", [100, 0], False),
        ("best", [0, 100], True),
        ("latest", [0, 100], True),
        ("best", [0, 50], False),
    ],
)
def test_score_policy_decides_which_attempt_counts_for_completion(
    learner, course, lessons, policy, scores, completes
):
    course.score_policy = policy
    publish(course)
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    for number, score in enumerate(scores, start=1):
        _attempt_row(learner, lesson, check, number=number, score=score)
    finish_lessons(learner, [*lessons, lesson])
    completion = course_completion_evaluate(user=learner, course=course)
    assert (completion is not None) is completes


@pytest.mark.django_db
@pytest.mark.parametrize(("policy", "score"), [("best", 100), ("latest", 0)])
def test_completion_score_follows_the_policy(learner, course, lessons, policy, score):
    course.score_policy = policy
    publish(course)
    first = add_lesson(course, check_block(pass_mark=0))
    second = add_lesson(course)
    first_check, last = checks_of(first)[0], checks_of(second)[0]
    finish_lessons(learner, [*lessons, first, second])
    # Pass mark 0: every attempt passes; under "best" a second attempt can still improve it.
    submit(learner, first, first_check, wrong_answers(first_check), 1)
    if policy == "best":
        submit(learner, first, first_check, right_answers(first_check), 2)
    outcome = submit(learner, second, last, right_answers(last), 1)
    assert outcome.completion is not None
    assert outcome.completion.score == round((score + 100) / 2)


# --- Attempts: limits, replays, runs -----------------------------------------------------------


@pytest.mark.django_db
def test_attempt_beyond_the_limit_is_refused_and_nothing_recorded(learner, course):
    course.attempt_limit = 2
    publish(course)
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, wrong_answers(check), 1)
    submit(learner, lesson, check, wrong_answers(check), 2)
    with pytest.raises(ValidationError) as error:
        submit(learner, lesson, check, right_answers(check), 3)
    assert error.value.code == CODE_LIMIT
    assert "all 2 attempts" in error.value.messages[0]
    assert CheckAttempt.objects.count() == 2


@pytest.mark.django_db
def test_unlimited_attempts_when_the_course_sets_no_limit(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    assert course.attempt_limit is None
    for number in range(1, 6):
        submit(learner, lesson, check, wrong_answers(check), number)
    assert CheckAttempt.objects.count() == 5


@pytest.mark.django_db
def test_replayed_submission_is_refused_and_nothing_recorded(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, wrong_answers(check), 1)
    for number in (1, 3, 0):
        with pytest.raises(ValidationError) as error:
            submit(learner, lesson, check, right_answers(check), number)
        assert error.value.code == CODE_REPLAYED
        assert "already submitted" in error.value.messages[0]
    assert list(CheckAttempt.objects.values_list("number", "score")) == [(1, 0)]


@pytest.mark.django_db
def test_a_concurrent_duplicate_hits_the_unique_constraint_and_reads_as_a_replay(
    learner, course, monkeypatch
):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    real_score_answers = attempts_module.score_answers

    def score_while_another_request_records(questions, answers):
        # Another request for the same attempt commits between our check and our insert.
        _attempt_row(learner, lesson, check, number=1, score=0)
        return real_score_answers(questions, answers)

    monkeypatch.setattr(attempts_module, "score_answers", score_while_another_request_records)
    with pytest.raises(ValidationError) as error:
        submit(learner, lesson, check, right_answers(check), 1)
    assert error.value.code == CODE_REPLAYED
    assert not CheckAttempt.objects.filter(score=100).exists()


@pytest.mark.django_db
def test_no_new_attempt_after_passing_under_the_latest_policy(learner, course):
    course.score_policy = "latest"
    publish(course)
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, right_answers(check), 1)
    with pytest.raises(ValidationError) as error:
        submit(learner, lesson, check, wrong_answers(check), 2)
    assert error.value.code == CODE_PASSED
    assert CheckAttempt.objects.count() == 1


@pytest.mark.django_db
def test_best_policy_lets_a_learner_improve_a_pass_below_100(learner, course):
    lesson = add_lesson(course, check_block(pass_mark=50))
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, half_right_answers(check), 1)
    submit(learner, lesson, check, right_answers(check), 2)
    with pytest.raises(ValidationError) as error:
        submit(learner, lesson, check, right_answers(check), 3)
    assert error.value.code == CODE_PASSED


def test_attempt_refusal_rules():
    allowed = {"attempts_used": 1, "attempt_limit": None, "pass_mark": 80}
    assert attempt_refusal(**allowed, counted=50, policy="latest") == ("", "")
    assert attempt_refusal(**allowed, counted=90, policy="best") == ("", "")
    assert attempt_refusal(**allowed, counted=90, policy="latest")[0] == CODE_PASSED
    assert attempt_refusal(**allowed, counted=100, policy="best")[0] == CODE_PASSED
    limit = {**allowed, "attempt_limit": 1}
    assert attempt_refusal(**limit, counted=0, policy="best")[0] == CODE_LIMIT
    assert "only attempt" in attempt_refusal(**limit, counted=0, policy="best")[1]


@pytest.mark.django_db
def test_attempts_start_again_in_a_new_run(learner, course, lessons):
    course.attempt_limit = 1
    publish(course)
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    finish_lessons(learner, [*lessons, lesson])
    assert submit(learner, lesson, check, right_answers(check), 1).is_course_completed_now
    course_retake_start(user=learner, course=course)
    outcome = submit(learner, lesson, check, right_answers(check), 1)
    assert outcome.attempt.run == 2
    assert CheckAttempt.objects.filter(user=learner).count() == 2


@pytest.mark.django_db
def test_submitting_enrols_the_learner(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, wrong_answers(check), 1)
    assert Enrollment.objects.filter(user=learner, course=course).exists()


@pytest.mark.django_db
def test_attempts_are_kept_per_learner(learner, liaison, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, wrong_answers(check), 1)
    submit(liaison, lesson, check, right_answers(check), 1)
    assert CheckAttempt.objects.filter(user=liaison, number=1, score=100).exists()


# --- Bad input: forged, unanswered, missing -----------------------------------------------------


def _refused(user, lesson, check_id, answers, number=1):
    with pytest.raises(ValidationError) as error:
        check_attempt_submit(
            user=user, lesson=lesson, check_id=check_id, answers=answers, attempt_number=number
        )
    assert not CheckAttempt.objects.exists()
    return error.value


@pytest.mark.django_db
def test_forged_question_of_another_course_is_refused(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    other_course, _lessons = course_with_lessons(lessons=1, title="Another course")
    other_check = checks_of(add_lesson(other_course))[0]
    answers = {**right_answers(check), **right_answers(other_check)}
    error = _refused(learner, lesson, check.id, answers)
    assert error.code == CODE_FORGED
    assert "do not belong" in error.messages[0]


@pytest.mark.django_db
def test_forged_choice_of_another_question_is_refused(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    first, second = check.questions
    answers = right_answers(check)
    answers[first.id] = [second.choices[0].id]
    assert _refused(learner, lesson, check.id, answers).code == CODE_FORGED


@pytest.mark.django_db
def test_two_answers_to_a_single_choice_question_are_refused(learner, course):
    lesson = add_lesson(course, check_block(true_false_question()))
    check = checks_of(lesson)[0]
    only = check.questions[0]
    answers = {only.id: [c.id for c in only.choices]}
    assert _refused(learner, lesson, check.id, answers).code == CODE_FORGED


@pytest.mark.django_db
def test_check_of_another_lesson_is_refused(learner, course):
    lesson = add_lesson(course)
    other = add_lesson(course)
    other_check = checks_of(other)[0]
    error = _refused(learner, lesson, other_check.id, right_answers(other_check))
    assert error.code == CODE_MISSING
    assert error.messages == ["This knowledge check no longer exists."]


@pytest.mark.django_db
def test_check_removed_from_the_live_lesson_is_refused(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    lesson.body = [{"type": "text", "value": "<p>No check any more.</p>"}]
    publish(lesson)
    assert _refused(learner, lesson, check.id, right_answers(check)).code == CODE_MISSING


@pytest.mark.django_db
def test_check_only_in_a_draft_is_refused(learner, course):
    lesson = add_lesson(course, {"type": "text", "value": "<p>Text only.</p>"})
    lesson.body = [check_block()]
    lesson.save_revision()
    draft = lesson.get_latest_revision_as_object()
    check = checks_of(draft)[0]
    assert _refused(learner, draft, check.id, right_answers(check)).code == CODE_MISSING


@pytest.mark.django_db
def test_check_of_an_unpublished_lesson_is_refused(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    lesson.unpublish()
    assert _refused(learner, lesson, check.id, right_answers(check)).code == CODE_MISSING


@pytest.mark.django_db
def test_unanswered_question_is_an_error_per_question_and_nothing_recorded(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    first, second = check.questions
    answers = right_answers(check)
    answers[second.id] = []
    error = _refused(learner, lesson, check.id, answers)
    assert set(error.error_dict) == {second.id}
    assert error.error_dict[second.id][0].code == CODE_UNANSWERED
    error = _refused(learner, lesson, check.id, {})
    assert set(error.error_dict) == {first.id, second.id}


def test_answers_validate_cleans_duplicates_and_sorts():
    check = CheckSpec(
        lesson_id=1,
        id="c",
        title="T",
        questions=_multiple_question_specs(),
        pass_mark=80,
        is_scored=True,
        shuffle_questions=False,
        shuffle_answers=False,
    )
    assert answers_validate(check, {"q": ["b", "a", "b"]}) == {"q": ["a", "b"]}


def _multiple_question_specs():
    from courses.learning.checks import ChoiceSpec, QuestionSpec

    return (
        QuestionSpec(
            id="q",
            kind="multiple",
            prompt="P",
            choices=(
                ChoiceSpec(id="a", text="A", is_correct=True, feedback=""),
                ChoiceSpec(id="b", text="B", is_correct=True, feedback=""),
            ),
            explanation="",
        ),
    )


@pytest.mark.django_db
def test_logs_carry_ids_never_names(learner, course, caplog):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    with caplog.at_level(logging.INFO, logger="courses"):
        submit(learner, lesson, check, right_answers(check), 1)
        with pytest.raises(ValidationError):
            submit(learner, lesson, check, {"forged": ["x"]}, 2)
    text = caplog.text
    assert f"pk={learner.pk}" in text
    assert "forged answers" in text
    for private in (learner.email, learner.first_name, learner.last_name):
        assert private not in text
