"""Evaluation of learning: pre- and post-assessments, knowledge gain, the anonymous survey."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.learning.evaluation import (
    LIKERT_QUESTIONS,
    SUPPRESSION_THRESHOLD,
    assessment_questions,
    assessment_submit,
    evaluation_state_for_user,
    feedback_submit,
    knowledge_gain_rows,
    knowledge_gain_summary,
)
from courses.learning.models import (
    AssessmentResult,
    CourseCompletion,
    CoursePage,
    FeedbackReceipt,
    FeedbackResponse,
)
from courses.learning.services import course_completion_record, course_retake_start, lesson_complete
from tests.factories import UserFactory, course_with_lessons, publish


def choice(text: str, *, is_correct: bool = False) -> dict:
    # ListBlock reads an item as {"type", "value", "id"} only when it has an id.
    return {
        "type": "item",
        "value": {"text": text, "is_correct": is_correct, "feedback": ""},
        "id": str(uuid.uuid4()),
    }


def make_bank() -> list[dict]:
    """A fresh question bank (Wagtail writes block ids into the dicts it is given)."""
    return [
        {
            "type": "question",
            "value": {
                "kind": "single",
                "prompt": "What is implicit bias?",
                "choices": [
                    choice("An automatic association", is_correct=True),
                    choice("A deliberate choice"),
                ],
                "explanation": "",
            },
        },
        {
            "type": "question",
            "value": {
                "kind": "multiple",
                "prompt": "Which help reduce the effect of bias?",
                "choices": [
                    choice("Structured interviews", is_correct=True),
                    choice("Clear criteria decided in advance", is_correct=True),
                    choice("Going with your gut"),
                ],
                "explanation": "",
            },
        },
        {
            "type": "question",
            "value": {
                "kind": "true_false",
                "prompt": "Everyone has implicit biases.",
                "choices": [choice("True", is_correct=True), choice("False")],
                "explanation": "",
            },
        },
    ]


def with_bank(course: CoursePage, questions: list | None = None, **fields) -> CoursePage:
    """Publishes `course` with a question bank, reloaded so every question has its block id."""
    course.assessment_questions = make_bank() if questions is None else questions
    for name, value in fields.items():
        setattr(course, name, value)
    publish(course)
    return CoursePage.objects.get(pk=course.pk)


def right_answers(course: CoursePage, *, right: int | None = None) -> dict[str, list[str]]:
    """Answers to every question: the first `right` ones correct, the rest wrong."""
    questions = assessment_questions(course)
    right = len(questions) if right is None else right
    answers = {}
    for number, question in enumerate(questions):
        correct = sorted(question.correct_ids)
        wrong = [c.id for c in question.choices if not c.is_correct][:1]
        answers[question.id] = correct if number < right else wrong
    return answers


def form_data(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{question_id}": chosen for question_id, chosen in answers.items()}


def ratings(value: int = 4) -> dict[str, int]:
    return {key: value for key, _label in LIKERT_QUESTIONS}


@pytest.fixture
def banked(course):
    return with_bank(course)


def complete(user, course) -> CourseCompletion:
    return course_completion_record(user=user, course=course)


# --- the question bank ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_bank_gives_questions_with_stable_ids(banked):
    questions = assessment_questions(banked)
    assert [q.kind for q in questions] == ["single", "multiple", "true_false"]
    assert all(q.id and all(c.id for c in q.choices) for q in questions)
    assert [q.id for q in assessment_questions(CoursePage.objects.get(pk=banked.pk))] == [
        q.id for q in questions
    ]


# --- assessments: the services ----------------------------------------------------------------


@pytest.mark.django_db
def test_pre_assessment_is_scored_and_stored_for_the_current_run(learner, banked):
    result = assessment_submit(
        user=learner, course=banked, phase="pre", answers=right_answers(banked, right=2)
    )
    assert result.score == 67
    assert result.run == 1
    stored = AssessmentResult.objects.get(user=learner, course=banked, phase="pre")
    assert stored.answers == {k: sorted(v) for k, v in right_answers(banked, right=2).items()}


@pytest.mark.django_db
def test_a_multiple_choice_question_needs_every_right_answer(learner, banked):
    answers = right_answers(banked)
    multiple = assessment_questions(banked)[1]
    answers[multiple.id] = answers[multiple.id][:1]
    result = assessment_submit(user=learner, course=banked, phase="pre", answers=answers)
    assert result.score == 67


@pytest.mark.django_db
def test_a_second_pre_assessment_in_the_same_run_is_refused(learner, banked):
    assessment_submit(user=learner, course=banked, phase="pre", answers=right_answers(banked))
    with pytest.raises(ValidationError) as error:
        assessment_submit(
            user=learner, course=banked, phase="pre", answers=right_answers(banked, right=0)
        )
    assert error.value.code == "duplicate"
    assert AssessmentResult.objects.get(user=learner).score == 100


@pytest.mark.django_db
def test_pre_assessment_is_refused_once_a_lesson_is_done(learner, banked):
    lesson = banked.get_children().live().first().specific
    lesson_complete(user=learner, lesson=lesson)
    with pytest.raises(ValidationError) as error:
        assessment_submit(user=learner, course=banked, phase="pre", answers=right_answers(banked))
    assert error.value.code == "closed"
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_post_assessment_before_completion_is_refused(learner, banked):
    with pytest.raises(ValidationError) as error:
        assessment_submit(user=learner, course=banked, phase="post", answers=right_answers(banked))
    assert error.value.code == "closed"
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_post_assessment_after_completion_gives_the_knowledge_gain(learner, banked):
    assessment_submit(
        user=learner, course=banked, phase="pre", answers=right_answers(banked, right=1)
    )
    complete(learner, banked)
    assessment_submit(user=learner, course=banked, phase="post", answers=right_answers(banked))
    state = evaluation_state_for_user(user=learner, course=banked)
    assert (state.pre.score, state.post.score, state.gain) == (33, 100, 67)
    with pytest.raises(ValidationError) as error:
        assessment_submit(user=learner, course=banked, phase="post", answers=right_answers(banked))
    assert error.value.code == "duplicate"
    assert AssessmentResult.objects.filter(phase="post").count() == 1


@pytest.mark.django_db
def test_a_question_of_another_course_is_refused_and_nothing_stored(learner, banked):
    other, _lessons = course_with_lessons(lessons=1, title="Another course")
    other = with_bank(other)
    answers = right_answers(banked)
    answers.update(right_answers(other))
    with pytest.raises(ValidationError) as error:
        assessment_submit(user=learner, course=banked, phase="pre", answers=answers)
    assert error.value.code == "invalid"
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_a_forged_choice_id_is_refused_and_nothing_stored(learner, banked):
    answers = right_answers(banked)
    first = assessment_questions(banked)[0].id
    answers[first] = ["not-a-choice"]
    with pytest.raises(ValidationError) as error:
        assessment_submit(user=learner, course=banked, phase="pre", answers=answers)
    assert error.value.code == "invalid"
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_a_choice_of_another_question_is_refused(learner, banked):
    questions = assessment_questions(banked)
    answers = right_answers(banked)
    answers[questions[0].id] = [questions[2].choices[0].id]
    with pytest.raises(ValidationError):
        assessment_submit(user=learner, course=banked, phase="pre", answers=answers)
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_an_unanswered_question_or_two_answers_to_a_single_choice_is_refused(learner, banked):
    questions = assessment_questions(banked)
    missing = right_answers(banked)
    del missing[questions[2].id]
    both = right_answers(banked)
    both[questions[0].id] = [c.id for c in questions[0].choices]
    for answers in (missing, both):
        with pytest.raises(ValidationError):
            assessment_submit(user=learner, course=banked, phase="pre", answers=answers)
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_a_course_without_a_bank_has_no_assessment(learner, course):
    with pytest.raises(ValidationError) as error:
        assessment_submit(user=learner, course=course, phase="pre", answers={})
    assert error.value.code == "closed"
    state = evaluation_state_for_user(user=learner, course=course)
    assert not state.can_take_pre
    assert not state.can_take_post


@pytest.mark.django_db
def test_assessments_are_not_needed_to_complete(learner, banked):
    for lesson in banked.get_children().live().specific():
        _progress, completion = lesson_complete(user=learner, lesson=lesson)
    assert completion is not None
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_a_retake_opens_both_assessments_again_in_the_new_run(learner, banked):
    assessment_submit(user=learner, course=banked, phase="pre", answers=right_answers(banked))
    complete(learner, banked)
    assessment_submit(user=learner, course=banked, phase="post", answers=right_answers(banked))
    course_retake_start(user=learner, course=banked)
    state = evaluation_state_for_user(user=learner, course=banked)
    assert state.run == 2
    assert state.can_take_pre
    assert not state.can_take_post
    assessment_submit(
        user=learner, course=banked, phase="pre", answers=right_answers(banked, right=0)
    )
    assert AssessmentResult.objects.filter(user=learner, phase="pre").count() == 2


@pytest.mark.django_db
def test_evaluation_state_takes_two_queries(learner, banked, django_assert_num_queries):
    assessment_submit(user=learner, course=banked, phase="pre", answers=right_answers(banked))
    with django_assert_num_queries(2):
        state = evaluation_state_for_user(user=learner, course=banked)
        assert state.pre is not None


# --- knowledge gain for analytics -------------------------------------------------------------


def record(user, course, *, run: int = 1, pre: int | None = None, post: int | None = None):
    moment = timezone.now()
    for phase, score, offset in (("pre", pre, 0), ("post", post, 1)):
        if score is not None:
            AssessmentResult.objects.create(
                user=user,
                course=course,
                run=run,
                phase=phase,
                score=score,
                submitted_at=moment + datetime.timedelta(days=30 * run + offset),
            )


@pytest.mark.django_db
def test_knowledge_gain_rows_give_pre_post_and_gain_per_learner_and_run(learner, banked):
    other = UserFactory()
    record(learner, banked, pre=40, post=90)
    record(other, banked, pre=70)
    rows = {row["user_id"]: row for row in knowledge_gain_rows(course=banked)}
    assert rows[learner.pk] == {
        "user_id": learner.pk,
        "course_id": banked.pk,
        "run": 1,
        "pre": 40,
        "post": 90,
        "gain": 50,
    }
    assert rows[other.pk]["post"] is None
    assert rows[other.pk]["gain"] is None


@pytest.mark.django_db
def test_knowledge_gain_summary_is_withheld_under_eleven_learners(banked):
    for _number in range(SUPPRESSION_THRESHOLD - 1):
        record(UserFactory(), banked, pre=50, post=80)
    record(UserFactory(), banked, pre=50)  # only one assessment: does not count
    summary = knowledge_gain_summary(course=banked)
    assert summary["learners"] == SUPPRESSION_THRESHOLD - 1
    assert summary["is_suppressed"] is True
    assert summary["mean_pre"] is None
    assert summary["mean_post"] is None
    assert summary["mean_gain"] is None


@pytest.mark.django_db
def test_knowledge_gain_summary_from_eleven_learners(banked):
    for number in range(SUPPRESSION_THRESHOLD):
        record(UserFactory(), banked, pre=40 + number, post=90)
    summary = knowledge_gain_summary(course=banked)
    assert summary["learners"] == 11
    assert summary["is_suppressed"] is False
    assert summary["mean_pre"] == 45.0
    assert summary["mean_post"] == 90.0
    assert summary["mean_gain"] == 45.0


@pytest.mark.django_db
def test_a_learner_counts_once_with_their_latest_run(learner, banked):
    record(learner, banked, run=1, pre=10, post=20)
    record(learner, banked, run=2, pre=60, post=100)
    for _number in range(SUPPRESSION_THRESHOLD - 1):
        record(UserFactory(), banked, pre=60, post=100)
    summary = knowledge_gain_summary(course=banked)
    assert summary["learners"] == 11
    assert summary["mean_gain"] == 40.0
    assert len(knowledge_gain_rows(course=banked)) == 12


@pytest.mark.django_db
def test_knowledge_gain_counts_the_translations_of_a_course(learner, banked):
    from wagtail.models import Locale

    spanish = banked.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.save_revision().publish()
    record(learner, spanish, pre=20, post=70)
    rows = knowledge_gain_rows(course=banked)
    assert [(row["course_id"], row["gain"]) for row in rows] == [(spanish.pk, 50)]


# --- the course page offers -------------------------------------------------------------------


def course_html(client, course) -> str:
    response = client.get(course.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_course_page_offers_the_pre_assessment_before_the_first_lesson(client, learner, banked):
    client.force_login(learner)
    html = course_html(client, banked)
    assert "Take the pre-assessment" in html
    assert reverse("courses:assessment", args=[banked.pk, "pre"]) in html
    assert "Take the post-assessment" not in html
    assert "Give feedback" not in html


@pytest.mark.django_db
def test_no_pre_assessment_once_taken_or_once_started(client, learner, banked):
    client.force_login(learner)
    assessment_submit(user=learner, course=banked, phase="pre", answers=right_answers(banked))
    html = course_html(client, banked)
    assert "Take the pre-assessment" not in html
    assert "Your pre-assessment score: 100%" in html

    other = UserFactory()
    lesson_complete(user=other, lesson=banked.get_children().live().first().specific)
    client.force_login(other)
    assert "Take the pre-assessment" not in course_html(client, banked)


@pytest.mark.django_db
def test_course_without_a_bank_offers_no_assessment(client, learner, course):
    client.force_login(learner)
    complete(learner, course)
    html = course_html(client, course)
    assert "pre-assessment" not in html
    assert "post-assessment" not in html
    assert "Give feedback" in html  # the survey is on by default


@pytest.mark.django_db
def test_course_page_offers_the_post_assessment_and_feedback_once_completed(
    client, learner, banked
):
    client.force_login(learner)
    complete(learner, banked)
    html = course_html(client, banked)
    assert "Take the pre-assessment" not in html
    assert "Take the post-assessment" in html
    assert reverse("courses:assessment", args=[banked.pk, "post"]) in html
    assert "Give feedback" in html
    assert reverse("courses:feedback", args=[banked.pk]) in html

    assessment_submit(user=learner, course=banked, phase="post", answers=right_answers(banked))
    feedback_submit(user=learner, course=banked, ratings=ratings())
    html = course_html(client, banked)
    assert "Take the post-assessment" not in html
    assert "Give feedback" not in html
    assert "Your post-assessment score: 100%" in html


@pytest.mark.django_db
def test_no_feedback_offer_when_the_course_has_no_survey(client, learner, course):
    course = with_bank(course, questions=[], has_feedback_survey=False)
    client.force_login(learner)
    complete(learner, course)
    assert "Give feedback" not in course_html(client, course)


# --- assessments: the pages -------------------------------------------------------------------


def assessment_url(course, phase: str) -> str:
    return reverse("courses:assessment", args=[course.pk, phase])


@pytest.mark.django_db
def test_assessment_form_has_a_fieldset_and_legend_per_question(client, learner, banked):
    client.force_login(learner)
    response = client.get(assessment_url(banked, "pre"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 3
    assert html.count("<legend>") == 3
    assert "What is implicit bias?" in html
    assert html.count('type="radio"') == 4
    assert html.count('type="checkbox"') == 3
    assert "Question 1 of 3" in html


@pytest.mark.django_db
def test_submitting_the_pre_assessment_shows_the_score(client, learner, banked):
    client.force_login(learner)
    response = client.post(
        assessment_url(banked, "pre"), form_data(right_answers(banked, right=2)), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "courses:assessment_result", args=[banked.pk, "pre"]
    )
    assert "You answered 67% of the questions correctly." in response.content.decode()
    assert AssessmentResult.objects.get(user=learner).score == 67


@pytest.mark.django_db
def test_a_second_submission_gets_a_clear_message_and_stores_nothing(client, learner, banked):
    client.force_login(learner)
    client.post(assessment_url(banked, "pre"), form_data(right_answers(banked)))
    response = client.post(
        assessment_url(banked, "pre"), form_data(right_answers(banked, right=0)), follow=True
    )
    assert "You have already taken the pre-assessment." in response.content.decode()
    assert AssessmentResult.objects.get(user=learner).score == 100


@pytest.mark.django_db
def test_a_forged_choice_in_the_form_is_an_error_on_the_question(client, learner, banked):
    client.force_login(learner)
    data = form_data(right_answers(banked))
    first = assessment_questions(banked)[0].id
    data[f"q-{first}"] = ["forged"]
    response = client.post(assessment_url(banked, "pre"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose one of the answers shown." in html
    assert f'aria-describedby="id_q-{first}_error"' in html
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_a_forged_question_in_the_form_is_refused(client, learner, banked):
    client.force_login(learner)
    data = form_data(right_answers(banked))
    data["q-forged-question"] = ["x"]
    response = client.post(assessment_url(banked, "pre"), data)
    assert response.status_code == 200
    assert "These answers do not belong to this assessment." in response.content.decode()
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_unanswered_questions_are_shown_next_to_each_question(client, learner, banked):
    client.force_login(learner)
    response = client.post(assessment_url(banked, "pre"), {})
    html = response.content.decode()
    assert html.count("Answer this question.") == 6  # in the summary and at each question
    assert "<title>Error:" in html
    assert not AssessmentResult.objects.exists()


@pytest.mark.django_db
def test_the_post_assessment_page_before_completion_refuses(client, learner, banked):
    client.force_login(learner)
    response = client.post(assessment_url(banked, "post"), form_data(right_answers(banked)))
    assert response.status_code == 302
    assert response["Location"] == banked.url
    assert not AssessmentResult.objects.exists()
    response = client.get(assessment_url(banked, "post"), follow=True)
    assert "The post-assessment opens when you have completed the course." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_the_post_assessment_result_shows_the_knowledge_gain(client, learner, banked):
    client.force_login(learner)
    client.post(assessment_url(banked, "pre"), form_data(right_answers(banked, right=1)))
    complete(learner, banked)
    response = client.post(
        assessment_url(banked, "post"), form_data(right_answers(banked)), follow=True
    )
    html = response.content.decode()
    assert "You answered 100% of the questions correctly." in html
    assert "67 percentage points more than before the course" in html
    assert reverse("courses:feedback", args=[banked.pk]) in html


@pytest.mark.django_db
def test_assessment_pages_need_a_signed_in_learner_and_a_bank(client, learner, course, banked):
    response = client.get(assessment_url(banked, "pre"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(learner)
    assert client.get(reverse("courses:assessment", args=[999999, "pre"])).status_code == 404
    assert client.get(f"/learn/evaluation/{banked.pk}/middle/").status_code == 404
    plain, _lessons = course_with_lessons(lessons=1, title="No bank")
    assert client.get(assessment_url(plain, "pre")).status_code == 404


@pytest.mark.django_db
def test_result_page_without_a_result_goes_back_to_the_course(client, learner, banked):
    client.force_login(learner)
    response = client.get(reverse("courses:assessment_result", args=[banked.pk, "post"]))
    assert response.status_code == 302
    assert response["Location"] == banked.url


# --- the feedback survey ----------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_is_stored_without_a_link_to_the_learner_and_with_a_date_only(learner, course):
    complete(learner, course)
    as_of = timezone.now()
    receipt = feedback_submit(
        user=learner, course=course, ratings=ratings(5), comment=" Useful. ", as_of=as_of
    )
    assert (receipt.user, receipt.course, receipt.run) == (learner, course, 1)
    response = FeedbackResponse.objects.get()
    assert response.ratings == ratings(5)
    assert response.comment == "Useful."
    assert type(response.submitted_on) is datetime.date
    assert response.submitted_on == timezone.localdate(as_of)
    related = {
        field.related_model
        for field in FeedbackResponse._meta.get_fields()
        if getattr(field, "related_model", None)
    }
    assert related == {CoursePage}
    assert not any(f.get_internal_type() == "DateTimeField" for f in FeedbackResponse._meta.fields)


@pytest.mark.django_db
def test_feedback_once_per_run(learner, course):
    complete(learner, course)
    feedback_submit(user=learner, course=course, ratings=ratings(4))
    with pytest.raises(ValidationError) as error:
        feedback_submit(user=learner, course=course, ratings=ratings(1))
    assert error.value.code == "duplicate"
    assert FeedbackResponse.objects.count() == 1
    assert FeedbackReceipt.objects.count() == 1

    course_retake_start(user=learner, course=course)
    complete(learner, course)
    feedback_submit(user=learner, course=course, ratings=ratings(2))
    assert FeedbackResponse.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {**ratings(), "relevant": 0},
        {**ratings(), "relevant": 6},
        {**ratings(), "apply": "very"},
        {**ratings(), "clear": None},
        {key: 3 for key, _label in LIKERT_QUESTIONS[1:]},
        {**ratings(), "extra": 3},
    ],
)
def test_an_invalid_rating_is_refused_and_nothing_stored(learner, course, bad):
    complete(learner, course)
    with pytest.raises(ValidationError) as error:
        feedback_submit(user=learner, course=course, ratings=bad)
    assert error.value.code == "invalid"
    assert not FeedbackResponse.objects.exists()
    assert not FeedbackReceipt.objects.exists()


@pytest.mark.django_db
def test_feedback_before_completion_or_without_a_survey_is_refused(learner, course):
    with pytest.raises(ValidationError) as error:
        feedback_submit(user=learner, course=course, ratings=ratings())
    assert error.value.code == "closed"
    complete(learner, course)
    course.has_feedback_survey = False
    with pytest.raises(ValidationError):
        feedback_submit(user=learner, course=course, ratings=ratings())
    assert not FeedbackResponse.objects.exists()
    assert not FeedbackReceipt.objects.exists()


@pytest.mark.django_db
def test_a_comment_over_the_limit_is_refused(learner, course):
    complete(learner, course)
    with pytest.raises(ValidationError):
        feedback_submit(user=learner, course=course, ratings=ratings(), comment="x" * 3001)
    assert not FeedbackResponse.objects.exists()


def feedback_url(course) -> str:
    return reverse("courses:feedback", args=[course.pk])


@pytest.mark.django_db
def test_the_survey_page_asks_four_statements_and_a_comment(client, learner, course):
    client.force_login(learner)
    complete(learner, course)
    response = client.get(feedback_url(course))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 4
    assert "The course was relevant to my work." in html
    assert html.count('type="radio"') == 20
    assert "Strongly disagree" in html
    assert "Strongly agree" in html
    assert '<label for="id_comment">' in html


@pytest.mark.django_db
def test_sending_the_survey_thanks_the_learner_and_stores_it(client, learner, course):
    client.force_login(learner)
    complete(learner, course)
    data = {**{key: "5" for key, _label in LIKERT_QUESTIONS}, "comment": "Clear and useful."}
    response = client.post(feedback_url(course), data, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Thank you for your feedback." in response.content.decode()
    assert FeedbackResponse.objects.get().comment == "Clear and useful."

    again = client.post(feedback_url(course), data, follow=True)
    assert "You have already given feedback on this course." in again.content.decode()
    assert FeedbackResponse.objects.count() == 1


@pytest.mark.django_db
def test_an_invalid_rating_in_the_survey_form_is_shown_and_nothing_stored(client, learner, course):
    client.force_login(learner)
    complete(learner, course)
    data = {key: "4" for key, _label in LIKERT_QUESTIONS}
    data["relevant"] = "9"
    response = client.post(feedback_url(course), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose one of the answers shown." in html
    assert 'id="id_relevant_error"' in html
    assert not FeedbackResponse.objects.exists()
    assert not FeedbackReceipt.objects.exists()


@pytest.mark.django_db
def test_the_survey_page_before_completion_refuses(client, learner, course):
    client.force_login(learner)
    data = {key: "4" for key, _label in LIKERT_QUESTIONS}
    response = client.post(feedback_url(course), data)
    assert response.status_code == 302
    assert not FeedbackResponse.objects.exists()


@pytest.mark.django_db
def test_the_analytics_selectors_take_a_fixed_number_of_queries(banked, django_assert_num_queries):
    from courses.learning.evaluation import feedback_summary

    for _number in range(SUPPRESSION_THRESHOLD + 2):
        person = UserFactory()
        record(person, banked, pre=50, post=75)
    with django_assert_num_queries(2):
        assert len(knowledge_gain_rows(course=banked)) == SUPPRESSION_THRESHOLD + 2
    with django_assert_num_queries(2):
        assert knowledge_gain_summary(course=banked)["mean_gain"] == 25.0
    with django_assert_num_queries(2):
        assert feedback_summary(course=banked)["responses"] == 0


@pytest.mark.django_db
def test_a_spanish_reader_takes_the_assessment_in_spanish_and_it_scores_the_same(
    client, learner, banked
):
    from tests.courses.learning.test_translations import translate

    spanish = translate(banked, title="Sesgo implícito")
    bank = list(spanish.assessment_questions.raw_data)
    bank[0]["value"]["prompt"] = "¿Qué es el sesgo implícito?"
    bank[0]["value"]["choices"][0]["value"]["text"] = "Una asociación automática"
    spanish.assessment_questions = bank
    spanish.save_revision().publish()
    learner.preferred_language = "es"
    learner.save()
    client.force_login(learner)

    html = client.get(assessment_url(banked, "pre")).content.decode()
    assert "¿Qué es el sesgo implícito?" in html
    assert "Una asociación automática" in html
    assert "What is implicit bias?" not in html

    client.post(assessment_url(banked, "pre"), form_data(right_answers(banked, right=2)))
    assert AssessmentResult.objects.get(user=learner).score == 67
