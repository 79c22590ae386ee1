"""Knowledge checks on the lesson page: a plain, accessible form in a deterministic order."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.blocks import KnowledgeCheckBlock
from courses.learning.attempts import check_states_for_lesson, question_order
from tests.courses.learning.test_checks import (
    add_lesson,
    check_block,
    checks_of,
    choice,
    question,
    standard_questions,
    submit,
    true_false_question,
    wrong_answers,
)


def check_section(html: str, check_id: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.find(id=f"check-{check_id}-title").find_parent("section")


def many_questions(count: int = 6) -> list[dict]:
    return [
        question(
            f"Question text {n}",
            choice(f"Q{n} right", correct=True),
            choice(f"Q{n} wrong one"),
            choice(f"Q{n} wrong two"),
            choice(f"Q{n} wrong three"),
        )
        for n in range(1, count + 1)
    ]


def shown_order(section) -> list[tuple[str, list[str]]]:
    return [
        (
            fieldset.legend.get_text(" ", strip=True),
            [item["value"] for item in fieldset.find_all("input")],
        )
        for fieldset in section.find_all("fieldset")
    ]


@pytest.mark.django_db
def test_check_renders_as_a_plain_form_with_fieldsets_legends_and_labels(client, learner, course):
    lesson = add_lesson(course, check_block(*standard_questions(), true_false_question()))
    check = checks_of(lesson)[0]
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    section = check_section(response.content.decode(), check.id)
    assert section["id"] == f"check-{check.id}"
    assert section["aria-labelledby"] == f"check-{check.id}-title"
    assert section.find("script") is None

    form = section.find("form")
    assert form["method"] == "post"
    expected_action = reverse("courses:check_submit", args=[lesson.pk, check.id])
    assert form["action"] == f"{expected_action}#check-{check.id}"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    assert form.find("input", attrs={"name": "attempt"})["value"] == "1"
    assert form.find("input", attrs={"name": "attempt"})["type"] == "hidden"
    assert form.find("button", attrs={"type": "submit"}).get_text(strip=True) == "Submit answers"

    fieldsets = form.find_all("fieldset")
    assert len(fieldsets) == 3
    kinds = []
    for fieldset, spec in zip(fieldsets, check.questions, strict=True):
        assert spec.prompt in fieldset.legend.get_text()
        inputs = fieldset.find_all("input")
        assert {item["name"] for item in inputs} == {f"answer-{spec.id}"}
        assert [item["value"] for item in inputs] == [c.id for c in spec.choices]
        for item, spec_choice in zip(inputs, spec.choices, strict=True):
            label = fieldset.find("label", attrs={"for": item["id"]})
            assert label.get_text(strip=True) == spec_choice.text
        hint = fieldset.find(id=fieldset["aria-describedby"].split()[0])
        assert hint is not None
        kinds.append({item["type"] for item in inputs})
    assert kinds == [{"radio"}, {"checkbox"}, {"radio"}]


@pytest.mark.django_db
def test_rules_are_stated_pass_mark_and_attempts_left(client, learner, course):
    course.attempt_limit = 3
    course.save_revision().publish()
    lesson = add_lesson(course, check_block(pass_mark=60))
    client.force_login(learner)
    section = check_section(client.get(lesson.url).content.decode(), checks_of(lesson)[0].id)
    text = section.get_text(" ", strip=True)
    assert "You pass with 60% or more" in text
    assert "You have 3 attempts left." in text


@pytest.mark.django_db
def test_practice_check_says_it_does_not_count(client, learner, course):
    lesson = add_lesson(course, check_block(is_scored=False))
    client.force_login(learner)
    section = check_section(client.get(lesson.url).content.decode(), checks_of(lesson)[0].id)
    assert "does not count towards completing the course" in section.get_text(" ", strip=True)
    assert "You can try as many times as you like." in section.get_text(" ", strip=True)


@pytest.mark.django_db
def test_shuffled_order_is_the_same_on_every_reload(client, learner, course):
    lesson = add_lesson(
        course, check_block(*many_questions(), shuffle_questions=True, shuffle_answers=True)
    )
    check = checks_of(lesson)[0]
    client.force_login(learner)
    first = shown_order(check_section(client.get(lesson.url).content.decode(), check.id))
    again = shown_order(check_section(client.get(lesson.url).content.decode(), check.id))
    assert first == again
    expected = [
        (question_spec.id, [c.id for c in choices])
        for question_spec, choices in question_order(check, user_id=learner.pk, attempt_number=1)
    ]
    assert [values for _legend, values in first] == [values for _id, values in expected]


@pytest.mark.django_db
def test_shuffle_changes_with_the_attempt_and_the_learner(learner, liaison, course):
    lesson = add_lesson(
        course, check_block(*many_questions(), shuffle_questions=True, shuffle_answers=True)
    )
    check = checks_of(lesson)[0]

    def ids(user_id, number):
        return [
            (q.id, tuple(c.id for c in choices))
            for q, choices in question_order(check, user_id=user_id, attempt_number=number)
        ]

    written = [(q.id, tuple(c.id for c in q.choices)) for q in check.questions]
    assert ids(learner.pk, 1) == ids(learner.pk, 1)
    orders = {tuple(ids(learner.pk, number)) for number in range(1, 6)}
    assert len(orders) > 1
    assert any(ids(learner.pk, n) != written for n in range(1, 6))
    assert any(ids(learner.pk, n) != ids(liaison.pk, n) for n in range(1, 6))
    # Every question and answer is still there, only in another order.
    for number in range(1, 6):
        shuffled = ids(learner.pk, number)
        assert sorted((q, tuple(sorted(c))) for q, c in shuffled) == sorted(
            (q, tuple(sorted(c))) for q, c in written
        )


@pytest.mark.django_db
def test_the_next_attempt_form_uses_that_attempts_order(client, learner, course):
    lesson = add_lesson(
        course, check_block(*many_questions(), shuffle_questions=True, shuffle_answers=True)
    )
    check = checks_of(lesson)[0]
    submit(learner, lesson, check, wrong_answers(check), 1)
    client.force_login(learner)
    section = check_section(client.get(lesson.url).content.decode(), check.id)
    assert section.find("input", attrs={"name": "attempt"})["value"] == "2"
    expected = [
        [c.id for c in choices]
        for _q, choices in question_order(check, user_id=learner.pk, attempt_number=2)
    ]
    assert [values for _legend, values in shown_order(section.find("form"))] == expected


@pytest.mark.django_db
def test_without_shuffle_flags_questions_and_answers_keep_the_written_order(learner, course):
    lesson = add_lesson(course, check_block(*many_questions()))
    check = checks_of(lesson)[0]
    for number in range(1, 4):
        ordered = question_order(check, user_id=learner.pk, attempt_number=number)
        assert [q for q, _c in ordered] == list(check.questions)
        assert all(choices == q.choices for q, choices in ordered)


@pytest.mark.django_db
def test_true_false_answers_are_never_shuffled(learner, course):
    lesson = add_lesson(
        course,
        check_block(
            *[true_false_question(f"Statement {n}") for n in range(6)], shuffle_answers=True
        ),
    )
    check = checks_of(lesson)[0]
    for number in range(1, 6):
        for q, choices in question_order(check, user_id=learner.pk, attempt_number=number):
            assert [c.text for c in choices] == ["True", "False"]
            assert choices == q.choices


@pytest.mark.django_db
def test_check_states_for_lesson_reads_in_three_queries(learner, course, django_assert_num_queries):
    lesson = add_lesson(course, check_block(), check_block(is_scored=False))
    scored, practice = checks_of(lesson)
    submit(learner, lesson, scored, wrong_answers(scored), 1)
    submit(learner, lesson, scored, wrong_answers(scored), 2)
    lesson = type(lesson).objects.get(pk=lesson.pk)
    with django_assert_num_queries(3):
        states = check_states_for_lesson(user=learner, lesson=lesson)
    assert set(states) == {scored.id, practice.id}
    assert states[scored.id].attempts_used == 2
    assert states[scored.id].next_number == 3
    assert states[scored.id].last.number == 2
    assert states[scored.id].counted_score == 0
    assert states[practice.id].last is None


@pytest.mark.django_db
def test_check_states_for_a_lesson_without_checks_is_empty(
    learner, lessons, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert check_states_for_lesson(user=learner, lesson=lessons[0]) == {}


def test_block_renders_a_preview_without_a_form_outside_a_lesson():
    block = KnowledgeCheckBlock()
    value = block.to_python(check_block(*standard_questions())["value"])
    html = block.render(value)
    assert "What is implicit bias?" in html
    assert "Structured interviews" in html
    assert "<form" not in html
