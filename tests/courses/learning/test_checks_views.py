"""Submitting a knowledge check through the lesson page: post, redirect, see the result."""

from copy import deepcopy

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from courses.learning.models import CheckAttempt, CourseCompletion
from tests.courses.learning.test_checks import (
    add_lesson,
    check_block,
    checks_of,
    finish_lessons,
    half_right_answers,
    right_answers,
    wrong_answers,
)
from tests.courses.learning.test_checks_rendering import check_section
from tests.factories import course_with_lessons, publish


def submit_url(lesson, check_id: str) -> str:
    return reverse("courses:check_submit", args=[lesson.pk, check_id])


def post_answers(client, lesson, check, answers, attempt=1, *, check_id=None):
    data = {"attempt": str(attempt)}
    data.update({f"answer-{question_id}": ids for question_id, ids in answers.items()})
    return client.post(submit_url(lesson, check_id or check.id), data)


def text_of(section) -> str:
    return section.get_text(" ", strip=True)


@pytest.mark.django_db
def test_submitting_redirects_to_the_check_and_shows_the_result(client, learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = post_answers(client, lesson, check, right_answers(check))
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#check-{check.id}"
    assert CheckAttempt.objects.filter(user=learner, score=100).count() == 1

    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    heading = section.find(id=f"check-{check.id}")
    assert heading.name == "h3"
    assert heading["tabindex"] == "-1"
    assert heading.get_text(strip=True) == "Your result for attempt 1: 100%, passed"
    summary = section.find(id=heading["aria-describedby"])
    assert summary.get_text(strip=True) == "You answered 2 of 2 questions correctly."
    text = text_of(section)
    assert "Correct" in text
    assert "Yes: it is automatic." in text
    assert "Implicit bias works below awareness." in text
    assert "Structure leaves less room for bias." in text


@pytest.mark.django_db
def test_a_failed_attempt_shows_what_was_wrong_and_a_try_again_form(client, learner, course):
    course.attempt_limit = 3
    publish(course)
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = post_answers(client, lesson, check, half_right_answers(check))
    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    text = text_of(section)
    assert "Your result for attempt 1: 50%, not passed" in text
    assert "Incorrect" in text
    assert "Going with your gut — Gut feelings carry bias." in text
    assert "You have 2 attempts left." in text
    form = section.find("form")
    assert "Try again" in text_of(form)
    assert form.find("input", attrs={"name": "attempt"})["value"] == "2"

    response = post_answers(client, lesson, check, right_answers(check), attempt=2)
    assert response.status_code == 302
    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    assert "Your result for attempt 2: 100%, passed" in text_of(section)
    assert "Your best attempt counts: 100%." in text_of(section)
    assert section.find("form") is None
    assert "You have passed this knowledge check." in text_of(section)


@pytest.mark.django_db
def test_best_policy_offers_to_improve_a_pass(client, learner, course):
    lesson = add_lesson(course, check_block(pass_mark=50))
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = post_answers(client, lesson, check, half_right_answers(check))
    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    assert "50%, passed" in text_of(section)
    assert "Try to improve your score" in text_of(section.find("form"))


@pytest.mark.django_db
def test_latest_policy_offers_no_new_attempt_after_a_pass(client, learner, course):
    course.score_policy = "latest"
    publish(course)
    lesson = add_lesson(course, check_block(pass_mark=50))
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = post_answers(client, lesson, check, half_right_answers(check))
    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    assert section.find("form") is None
    assert "You have passed this knowledge check." in text_of(section)


@pytest.mark.django_db
def test_no_form_once_the_attempts_are_used_up(client, learner, course):
    course.attempt_limit = 1
    publish(course)
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = post_answers(client, lesson, check, wrong_answers(check))
    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    assert section.find("form") is None
    text = text_of(section)
    assert "You have used your only attempt at this knowledge check." in text
    assert "Contact the Office of Racial Equity" in text

    response = post_answers(client, lesson, check, right_answers(check), attempt=2)
    assert response.status_code == 400
    assert CheckAttempt.objects.count() == 1


@pytest.mark.django_db
def test_passing_the_last_check_completes_the_course_and_says_so(client, learner, course, lessons):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    finish_lessons(learner, [*lessons, lesson])
    client.force_login(learner)
    response = post_answers(client, lesson, check, right_answers(check))
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    html = client.get(response["Location"]).content.decode()
    assert f"You completed “{course.title}”. Well done." in html


@pytest.mark.django_db
def test_unanswered_question_shows_the_error_at_the_check_and_keeps_choices(
    client, learner, course
):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    first, second = check.questions
    answers = right_answers(check)
    del answers[second.id]
    client.force_login(learner)
    response = post_answers(client, lesson, check, answers)
    assert response.status_code == 400
    assert not CheckAttempt.objects.exists()

    section = check_section(response.content.decode(), check.id)
    heading = section.find(id=f"check-{check.id}")
    assert heading["tabindex"] == "-1"
    assert heading.get_text(strip=True) == "There is a problem"
    message = section.find(id=heading["aria-describedby"]).get_text(strip=True)
    assert message == "Question 2 needs an answer. Nothing was recorded."
    fieldsets = section.find_all("fieldset")
    error_id = f"check-{check.id}-q2-error"
    assert error_id in fieldsets[1]["aria-describedby"].split()
    field_error = fieldsets[1].find(id=error_id).get_text(" ", strip=True)
    assert field_error == "Error: Choose all the answers that apply."
    assert error_id not in fieldsets[0]["aria-describedby"]
    kept = {item["value"] for item in fieldsets[0].find_all("input") if item.has_attr("checked")}
    assert kept == first.correct_ids
    assert section.find("input", attrs={"name": "attempt"})["value"] == "1"
    # The page is the lesson, so the learner can fix the answers and send them again.
    response = post_answers(client, lesson, check, right_answers(check))
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_form_posted_twice_is_recorded_once_with_a_clear_message(client, learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    assert post_answers(client, lesson, check, wrong_answers(check)).status_code == 302
    response = post_answers(client, lesson, check, right_answers(check))
    assert response.status_code == 400
    section = check_section(response.content.decode(), check.id)
    assert "already submitted" in text_of(section)
    assert "Your result for attempt 1: 0%, not passed" in text_of(section)
    assert section.find("input", attrs={"name": "attempt"})["value"] == "2"
    assert not any(item.has_attr("checked") for item in section.find_all("input"))
    assert list(CheckAttempt.objects.values_list("number", "score")) == [(1, 0)]


@pytest.mark.django_db
def test_forged_answers_from_another_course_are_refused(client, learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    other_course, _lessons = course_with_lessons(lessons=1, title="Another course")
    other_check = checks_of(add_lesson(other_course))[0]
    client.force_login(learner)
    response = post_answers(client, lesson, check, right_answers(other_check))
    assert response.status_code == 400
    assert "do not belong to this knowledge check" in response.content.decode()
    assert not CheckAttempt.objects.exists()


@pytest.mark.django_db
def test_a_check_of_another_lesson_is_refused_at_the_top_of_the_lesson(client, learner, course):
    lesson = add_lesson(course)
    other = add_lesson(course)
    other_check = checks_of(other)[0]
    client.force_login(learner)
    response = post_answers(client, lesson, other_check, right_answers(other_check))
    assert response.status_code == 302
    assert response["Location"] == lesson.url
    html = client.get(lesson.url).content.decode()
    assert "This knowledge check no longer exists." in html
    assert not CheckAttempt.objects.exists()


@pytest.mark.django_db
def test_a_form_without_its_attempt_number_is_out_of_date(client, learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    data = {f"answer-{q}": ids for q, ids in right_answers(check).items()}
    for attempt in (None, "x", "0"):
        payload = data if attempt is None else {**data, "attempt": attempt}
        response = client.post(submit_url(lesson, check.id), payload)
        assert response.status_code == 400
        assert "This form is out of date" in response.content.decode()
    assert not CheckAttempt.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_and_nothing_recorded(client, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    response = post_answers(client, lesson, check, right_answers(check))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not CheckAttempt.objects.exists()


@pytest.mark.django_db
def test_submitting_needs_post(client, learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    assert client.get(submit_url(lesson, check.id)).status_code == 405


@pytest.mark.django_db
def test_submitting_needs_a_csrf_token(learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = post_answers(client, lesson, check, right_answers(check))
    assert response.status_code == 403
    assert not CheckAttempt.objects.exists()


@pytest.mark.django_db
def test_unknown_or_unpublished_lesson_is_404(client, learner, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = client.post(reverse("courses:check_submit", args=[999999, check.id]), {})
    assert response.status_code == 404
    lesson.unpublish()
    assert post_answers(client, lesson, check, right_answers(check)).status_code == 404


@pytest.mark.django_db
def test_results_are_private_to_each_learner(client, learner, liaison, course):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    post_answers(client, lesson, check, right_answers(check))
    client.force_login(liaison)
    section = check_section(client.get(lesson.url).content.decode(), check.id)
    assert "Your result" not in text_of(section)
    assert section.find("input", attrs={"name": "attempt"})["value"] == "1"
    assert section.find("form") is not None


@pytest.mark.django_db
def test_a_spanish_reader_answers_the_spanish_check_and_it_counts_for_the_course(
    client, learner, course
):
    block = check_block()
    lesson = add_lesson(course, block)
    check = checks_of(lesson)[0]
    spanish_block = deepcopy(block)
    spanish_block["value"]["title"] = "Comprueba lo que sabes"
    for item in spanish_block["value"]["questions"]:
        item["value"]["prompt"] = f"ES {item['value']['prompt']}"
        item["value"]["explanation"] = "Explicación en español."
        for answer in item["value"]["choices"]:
            answer["value"]["text"] = f"ES {answer['value']['text']}"
    spanish = lesson.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.body = [spanish_block]
    spanish.save_revision().publish()
    learner.preferred_language = "es"
    learner.save()
    client.force_login(learner)

    section = check_section(client.get(lesson.url).content.decode(), check.id)
    assert "Comprueba lo que sabes" in text_of(section)
    assert "ES What is implicit bias?" in section.find("legend").get_text()
    assert "ES An automatic association" in text_of(section.find("fieldset"))
    assert section.find("form")["action"].startswith(submit_url(lesson, check.id))

    response = post_answers(client, lesson, check, right_answers(check))
    assert response.status_code == 302
    attempt = CheckAttempt.objects.get()
    assert (attempt.lesson_id, attempt.score) == (lesson.pk, 100)
    section = check_section(client.get(response["Location"]).content.decode(), check.id)
    assert "Explicación en español." in text_of(section)
