"""Every demo course reaches Spanish readers in Spanish, the pilot course included."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from courses.learning.models import CoursePage, LessonPage
from lms.demo_data import demo_data
from lms.users.models import User

COURSES = demo_data("courses.demo", "courses.yaml")
LEARNING_OBJECTIVES = demo_data("courses.demo", "learning_objectives.yaml")
SPANISH = demo_data("courses.demo", "spanish.yaml")
CHECKS = demo_data("courses.demo", "checks.yaml")

PILOT = "equity-in-everyday-decisions"
TAG = re.compile(r"</?([a-z0-9]+)[^>]*>")


def _tags(html: str) -> list[str]:
    """The HTML structure of a text: its tags in order, without the words between them."""
    tags = TAG.finditer(html)
    return [tag.group(0) if tag.group(1) == "a" else tag.group(1) for tag in tags]


def _english_course(slug: str) -> dict:
    return next(course for course in COURSES if course["slug"] == slug)


@pytest.mark.parametrize("course", COURSES, ids=lambda course: course["slug"])
def test_every_demo_course_has_spanish_matching_the_english_block_for_block(course):
    spanish = SPANISH.get(course["slug"])
    assert spanish is not None, f"{course['slug']} has no Spanish"
    assert spanish["title"]
    assert spanish["title"] != course["title"]
    assert spanish["summary"]
    assert spanish["summary"] != course["summary"]
    english_objectives = LEARNING_OBJECTIVES[course["slug"]]
    assert _tags(spanish["learning_objectives"]) == _tags(english_objectives)
    assert list(spanish["lessons"]) == [lesson["slug"] for lesson in course["lessons"]]
    for lesson in course["lessons"]:
        lesson_es = spanish["lessons"][lesson["slug"]]
        assert lesson_es["title"]
        assert lesson_es["title"] != lesson["title"]
        assert len(lesson_es["blocks"]) == len(lesson["blocks"]), lesson["slug"]
        for (kind, value), (kind_es, value_es) in zip(
            lesson["blocks"], lesson_es["blocks"], strict=True
        ):
            where = f"{lesson['slug']}: {kind}"
            assert kind_es == kind, where
            if isinstance(value, str):
                assert _tags(value_es) == _tags(value), where
                assert value_es != value, where
                continue
            assert set(value_es) == set(value), where
            for key, text in value.items():
                if key in {"key", "kind"}:  # which picture, which callout: not words
                    assert value_es[key] == text, where
                elif key == "text":
                    assert _tags(value_es[key]) == _tags(text), where
                    assert value_es[key] != text, where
                else:
                    assert value_es[key], f"{where} {key}"
                    assert value_es[key] != text, f"{where} {key}"
            if kind == "image":  # the image block's own limits, which publishing does not check
                assert len(value_es["alt"]) <= 400, where
                assert len(value_es.get("caption", "")) <= 300, where


@pytest.mark.parametrize("course", COURSES, ids=lambda course: course["slug"])
def test_every_knowledge_check_of_a_demo_course_has_its_spanish(course):
    for lesson_slug, check in CHECKS.get(course["slug"], {}).items():
        english, spanish = check["en"]["questions"], check["es"]["questions"]
        assert len(spanish) == len(english), lesson_slug
        for question, question_es in zip(english, spanish, strict=True):
            assert question_es["kind"] == question["kind"]
            assert [choice["is_correct"] for choice in question_es["choices"]] == [
                choice["is_correct"] for choice in question["choices"]
            ]


@pytest.mark.django_db
def test_seeded_demo_shows_the_pilot_course_to_spanish_readers_in_spanish(client):
    # A second run adding nothing, translations included, is test_seed_demo's.
    call_command("seed_demo", employees=0)
    spanish = Locale.objects.get(language_code="es")
    text = SPANISH[PILOT]
    course = CoursePage.objects.get(slug=PILOT, locale__language_code="en")
    course_es = course.get_translation(spanish)
    assert course_es.live
    assert course_es.title == text["title"]
    assert course_es.summary == text["summary"]
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    assert [lesson.slug for lesson in lessons] == [
        lesson["slug"] for lesson in _english_course(PILOT)["lessons"]
    ]
    for lesson in lessons:
        lesson_es = lesson.get_translation(spanish)
        assert lesson_es.live
        assert lesson_es.title == text["lessons"][lesson.slug]["title"]
        # answers given in Spanish count for the same questions as in English
        assert [block.id for block in lesson_es.body] == [block.id for block in lesson.body]
        assert lesson_es.body[-1].block_type == "knowledge_check"

    reader = User.objects.get(email="learner@demo.lacity.test")
    reader.preferred_language = "es"
    reader.save(update_fields=["preferred_language"])
    client.force_login(reader)
    course_html = client.get(course.url).content.decode()
    assert text["title"] in course_html
    for lesson in lessons:
        assert text["lessons"][lesson.slug]["title"] in course_html
        html = client.get(lesson.url).content.decode()
        assert "aún no está traducida" not in html
        # the words as a reader sees them, whatever glossary links the page adds
        words = TAG.sub("", html)
        opening = re.search(r"<p>(.*?)</p>", text["lessons"][lesson.slug]["blocks"][0][1])
        assert TAG.sub("", opening.group(1)) in words
        assert "Compruebe lo que aprendió" in words
        assert "Check your understanding" not in words
