"""The learner path's query counts, pinned: a lesson page, marking a lesson done (the first time
and again) and a knowledge-check submit each read a fixed number of queries, whatever the
learner has done before (deadline day: 45,000 people on these pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.learning.models import CheckAttempt, LessonProgress
from tests.courses.learning.test_checks import (
    add_lesson,
    check_block,
    checks_of,
    right_answers,
    wrong_answers,
)

# Each request's session and user come first. Once the learner is enrolled in the course (their
# first lesson done or first attempt made, which also enrols them: three queries more):
LESSON_PAGE = 6
# A lesson with no knowledge check reads no attempts; kept for the next reader of its kind
# (courses.learning.lesson_page_cache), it reads what it reads when drawn.
PLAIN_LESSON_PAGE = LESSON_PAGE - 1
# Marking a lesson done reads the enrolment, the lesson's progress and the run's completion in
# one query, then (the run not yet complete) the lessons done in another.
DONE_AGAIN = 7
# The LMS's own xAPI statement of a lesson done or an attempt is one command on PostgreSQL, and
# three elsewhere (courses.xapi.store._own_statements_store).
XAPI = 1 if connection.vendor == "postgresql" else 3
DONE_FIRST = 12 + XAPI
CHECK_SUBMIT = 8 + XAPI
# A pass of a scored check evaluates the course: its completion and the lessons done, read.
CHECK_SUBMIT_PASSED = CHECK_SUBMIT + 2


def queries_of(call) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    return len(queries), response


@pytest.fixture
def check_lesson(course):
    return add_lesson(course, check_block())


@pytest.mark.django_db
def test_a_lesson_page_reads_a_fixed_number_of_queries(client, learner, lessons, check_lesson):
    client.force_login(learner)
    url = check_lesson.get_url()
    client.get(url)  # the site's Wagtail caches, warm in every running process
    count, response = queries_of(lambda: client.get(url))
    assert response.status_code == 200
    assert count == LESSON_PAGE
    for lesson in lessons:
        client.post(f"/learn/lessons/{lesson.pk}/done/")
    check = checks_of(check_lesson)[0]
    for number in (1, 2, 3):
        client.post(
            f"/learn/checks/{check_lesson.pk}/{check.id}/",
            {"attempt": number, **{f"answer-{k}": v for k, v in wrong_answers(check).items()}},
        )
    assert CheckAttempt.objects.filter(user=learner).count() == 3
    count, response = queries_of(lambda: client.get(url))
    assert response.status_code == 200
    assert count == LESSON_PAGE


@pytest.mark.django_db
def test_a_plain_lesson_page_reads_as_many_queries_kept_as_drawn(client, learner, lessons):
    client.force_login(learner)
    client.post(f"/learn/lessons/{lessons[0].pk}/done/")  # enrolled
    url = lessons[1].get_url()
    client.get(url)  # the site's Wagtail caches, warm in every running process
    client.get(url)  # the message of the lesson done, shown
    count, response = queries_of(lambda: client.get(f"{url}?from=email"))  # drawn
    assert response.status_code == 200
    assert response.templates
    assert count == PLAIN_LESSON_PAGE
    count, response = queries_of(lambda: client.get(url))
    assert response.status_code == 200
    assert not response.templates  # kept
    assert count == PLAIN_LESSON_PAGE


@pytest.mark.django_db
def test_marking_a_lesson_done_reads_a_fixed_number_of_queries(client, learner, lessons):
    client.force_login(learner)

    def done(lesson):
        return lambda: client.post(f"/learn/lessons/{lesson.pk}/done/")

    done(lessons[0])()  # enrolled
    count, response = queries_of(done(lessons[1]))
    assert response.status_code == 302
    assert count == DONE_FIRST
    for lesson in lessons[:2]:
        count, response = queries_of(done(lesson))
        assert response.status_code == 302
        assert count == DONE_AGAIN
    assert LessonProgress.objects.filter(user=learner).count() == 2


@pytest.mark.django_db
def test_a_knowledge_check_submit_reads_a_fixed_number_of_queries(client, learner, check_lesson):
    client.force_login(learner)
    client.get(check_lesson.get_url())
    check = checks_of(check_lesson)[0]
    answers = {f"answer-{k}": v for k, v in wrong_answers(check).items()}
    url = f"/learn/checks/{check_lesson.pk}/{check.id}/"
    client.post(url, {"attempt": 1, **answers})  # enrolled
    for number in (2, 3, 4):
        count, response = queries_of(lambda n=number: client.post(url, {"attempt": n, **answers}))
        assert response.status_code == 302
        assert count == CHECK_SUBMIT
    assert CheckAttempt.objects.filter(user=learner).count() == 4


@pytest.mark.django_db
def test_a_passing_knowledge_check_submit_reads_a_fixed_number_of_queries(client, learner, course):
    lesson = add_lesson(course, *[check_block() for _ in range(4)])
    client.force_login(learner)
    client.get(lesson.get_url())
    checks = checks_of(lesson)

    def passed(check):
        answers = {f"answer-{k}": v for k, v in right_answers(check).items()}
        return lambda: client.post(
            f"/learn/checks/{lesson.pk}/{check.id}/", {"attempt": 1, **answers}
        )

    passed(checks[0])()  # enrolled
    for check in checks[1:]:
        count, response = queries_of(passed(check))
        assert response.status_code == 302
        assert count == CHECK_SUBMIT_PASSED
    assert CheckAttempt.objects.filter(user=learner, is_passed=True).count() == 4
