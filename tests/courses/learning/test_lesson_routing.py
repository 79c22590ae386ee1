"""The lesson page is routed through its course in fewer queries (SpecificChildRouteMixin) and
its checks read only each check's latest attempt whole: what a learner sees stays the same."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from courses.learning.attempts import check_states_for_lesson
from tests.courses.learning.test_checks import (
    add_lesson,
    check_block,
    checks_of,
    half_right_answers,
    wrong_answers,
)
from tests.factories import publish


def submit(client, lesson, check, number, answers):
    response = client.post(
        f"/learn/checks/{lesson.pk}/{check.id}/",
        {"attempt": number, **{f"answer-{k}": v for k, v in answers.items()}},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_lesson_is_served_through_its_course_with_its_course(client, learner, course, lessons):
    client.force_login(learner)
    response = client.get(lessons[1].get_url())
    assert response.status_code == 200
    assert response.context["page"].pk == lessons[1].pk
    assert response.context["course"].pk == course.pk
    assert response.context["lesson_state"]["number"] == 2


@pytest.mark.django_db
def test_an_unknown_or_unpublished_lesson_is_not_found(client, learner, course, lessons):
    client.force_login(learner)
    url = lessons[0].get_url()
    assert client.get(f"{course.get_url()}no-such-lesson/").status_code == 404
    assert client.get(f"{url}deeper/").status_code == 404
    lessons[0].unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_course_restricted_to_a_group_keeps_its_lessons_from_others(
    client, learner, course, lessons
):
    group = Group.objects.create(name="Pilot department")
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    client.force_login(learner)
    refused = client.get(lessons[0].get_url())  # Wagtail sends them to sign in as someone else
    assert refused.status_code == 302
    assert "login" in refused["Location"]
    learner.groups.add(group)
    assert client.get(lessons[0].get_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("policy", "counted"), [("best", 50), ("latest", 0)])
def test_the_check_shows_the_latest_attempt_and_the_counted_score(
    client, learner, course, policy, counted
):
    course.score_policy = policy
    publish(course)
    lesson = add_lesson(course, check_block(pass_mark=80))
    check = checks_of(lesson)[0]
    client.force_login(learner)
    submit(client, lesson, check, 1, half_right_answers(check))
    submit(client, lesson, check, 2, wrong_answers(check))
    state = check_states_for_lesson(user=learner, lesson=lesson)[check.id]
    assert state.attempts_used == 2
    assert state.counted_score == counted
    assert state.last.number == 2
    assert state.last.score == 0
    assert not any(outcome.is_correct for outcome in state.last.questions)
    assert state.next_number == 3


@pytest.mark.django_db
def test_another_learners_attempts_are_not_shown(client, learner, liaison, course):
    lesson = add_lesson(course, check_block(pass_mark=80))
    check = checks_of(lesson)[0]
    client.force_login(learner)
    submit(client, lesson, check, 1, half_right_answers(check))
    state = check_states_for_lesson(user=liaison, lesson=lesson)[check.id]
    assert state.attempts_used == 0
    assert state.counted_score is None
    assert state.last is None
    client.force_login(liaison)
    page = client.get(lesson.get_url())
    assert page.context["check_states"][check.id].last is None
