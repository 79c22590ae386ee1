"""Reflection prompts: saved privately for the learner, one per learner and block, never shown
to anyone else."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.learning.models import LessonPage, ReflectionResponse
from courses.learning.reflections import (
    REFLECTION_MAX_LENGTH,
    reflection_save,
    reflections_for_lesson,
)
from tests.factories import UserFactory, publish

PROMPT = "Think of a decision you made this week. What might have shaped it?"


@pytest.fixture
def lesson(course):
    """A published lesson with text and one reflection prompt, reloaded for its block ids."""
    page = LessonPage(
        title="Reflecting on bias",
        slug="reflecting-on-bias",
        body=[
            {"type": "text", "value": "<p>Bias shows up in small choices.</p>"},
            {"type": "reflection", "value": {"prompt": PROMPT}},
        ],
    )
    course.add_child(instance=page)
    return publish(page)


def block_ids(lesson) -> dict[str, str]:
    return {block.block_type: str(block.id) for block in lesson.body}


@pytest.fixture
def reflection_id(lesson):
    return block_ids(lesson)["reflection"]


def save_url(lesson, block_id) -> str:
    return reverse("courses:reflection_save", args=[getattr(lesson, "pk", lesson), block_id])


# --- the service ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reflection_is_saved_and_read_back(learner, lesson, reflection_id):
    saved = reflection_save(
        user=learner, lesson=lesson, block_id=reflection_id, text="  I hired fast.  "
    )
    assert saved.text == "I hired fast."
    assert reflections_for_lesson(user=learner, lesson=lesson) == {reflection_id: "I hired fast."}


@pytest.mark.django_db
def test_saving_again_replaces_the_text_in_one_row(learner, lesson, reflection_id):
    reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="First thought.")
    reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="Second thought.")
    assert ReflectionResponse.objects.count() == 1
    assert ReflectionResponse.objects.get().text == "Second thought."


@pytest.mark.django_db
def test_saving_empty_text_clears_the_reflection(learner, lesson, reflection_id):
    reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="A thought.")
    assert reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="  ") is None
    assert not ReflectionResponse.objects.exists()


@pytest.mark.django_db
def test_the_length_limit_is_5000_characters(learner, lesson, reflection_id):
    reflection_save(
        user=learner, lesson=lesson, block_id=reflection_id, text="x" * REFLECTION_MAX_LENGTH
    )
    with pytest.raises(ValidationError) as error:
        reflection_save(
            user=learner,
            lesson=lesson,
            block_id=reflection_id,
            text="y" * (REFLECTION_MAX_LENGTH + 1),
        )
    assert error.value.code == "too_long"
    assert ReflectionResponse.objects.get().text == "x" * REFLECTION_MAX_LENGTH


@pytest.mark.django_db
def test_windows_line_breaks_count_once(learner, lesson, reflection_id):
    text = "ab\r\n" * (REFLECTION_MAX_LENGTH // 3)
    saved = reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text=text)
    assert "\r" not in saved.text


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["not-a-block", "", "text"])
def test_a_block_that_is_not_a_reflection_of_the_lesson_is_refused(learner, lesson, forged):
    block_id = block_ids(lesson)["text"] if forged == "text" else forged
    with pytest.raises(ValidationError) as error:
        reflection_save(user=learner, lesson=lesson, block_id=block_id, text="Hello.")
    assert error.value.code == "unknown_block"
    assert not ReflectionResponse.objects.exists()


@pytest.mark.django_db
def test_a_reflection_of_another_lesson_is_refused(learner, lesson, reflection_id, lessons):
    with pytest.raises(ValidationError):
        reflection_save(user=learner, lesson=lessons[0], block_id=reflection_id, text="Hello.")
    assert not ReflectionResponse.objects.exists()


@pytest.mark.django_db
def test_a_reflection_only_in_a_draft_is_refused(learner, lesson):
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [
        *draft.body.raw_data,
        {"type": "reflection", "value": {"prompt": "A new, unpublished prompt."}},
    ]
    revision = draft.save_revision()
    draft_ids = {str(b.id) for b in revision.as_object().body if b.block_type == "reflection"}
    new_id = (draft_ids - {block_ids(lesson)["reflection"]}).pop()
    with pytest.raises(ValidationError):
        reflection_save(user=learner, lesson=draft, block_id=new_id, text="Too early.")
    assert not ReflectionResponse.objects.exists()


@pytest.mark.django_db
def test_reflections_are_private_to_the_learner(learner, lesson, reflection_id):
    other = UserFactory()
    reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="Mine alone.")
    assert reflections_for_lesson(user=other, lesson=lesson) == {}


@pytest.mark.django_db
def test_no_admin_lists_reflections(client, ore, admin_user):
    from wagtail.snippets.models import get_snippet_models

    assert not admin.site.is_registered(ReflectionResponse)
    assert ReflectionResponse not in get_snippet_models()
    client.force_login(admin_user)
    assert client.get("/django-admin/courses/reflectionresponse/").status_code == 404


# --- the block in the lesson, and the view ----------------------------------------------------


@pytest.mark.django_db
def test_the_lesson_shows_the_prompt_with_a_labelled_prefilled_textarea(
    client, learner, lesson, reflection_id
):
    reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="Saved & <kept>.")
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert f'id="reflection-{reflection_id}"' in html
    assert f'<label for="reflection-{reflection_id}-text">{PROMPT}</label>' in html
    assert f'<textarea id="reflection-{reflection_id}-text" name="text"' in html
    assert f'maxlength="{REFLECTION_MAX_LENGTH}"' in html
    assert "Saved &amp; &lt;kept&gt;.</textarea>" in html
    assert f'action="{save_url(lesson, reflection_id)}"' in html
    assert "Only you can see what you write here." in html


@pytest.mark.django_db
def test_another_learner_sees_an_empty_reflection(client, learner, lesson, reflection_id):
    reflection_save(user=learner, lesson=lesson, block_id=reflection_id, text="Mine alone.")
    client.force_login(UserFactory())
    html = client.get(lesson.url).content.decode()
    assert "Mine alone." not in html


@pytest.mark.django_db
def test_saving_from_the_lesson_returns_to_the_prompt_with_a_message(
    client, learner, lesson, reflection_id
):
    client.force_login(learner)
    response = client.post(save_url(lesson, reflection_id), {"text": "I noticed a pattern."})
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#reflection-{reflection_id}"
    html = client.get(response["Location"]).content.decode()
    assert "Your reflection is saved. Only you can see it." in html
    assert "I noticed a pattern.</textarea>" in html
    client.post(save_url(lesson, reflection_id), {"text": "A better answer."})
    assert ReflectionResponse.objects.get(user=learner).text == "A better answer."


@pytest.mark.django_db
def test_too_long_a_reflection_is_shown_again_with_the_error_and_not_saved(
    client, learner, lesson, reflection_id
):
    client.force_login(learner)
    text = "z" * (REFLECTION_MAX_LENGTH + 1)
    response = client.post(save_url(lesson, reflection_id), {"text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keep your reflection to 5000 characters or fewer (it has 5001)." in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert f"{text}</textarea>" in html
    assert not ReflectionResponse.objects.exists()


@pytest.mark.django_db
def test_a_forged_block_id_in_the_address_saves_nothing(client, learner, lesson):
    client.force_login(learner)
    response = client.post(save_url(lesson, "forged-block"), {"text": "Hello."}, follow=True)
    assert "This reflection is not part of the lesson any more." in response.content.decode()
    assert not ReflectionResponse.objects.exists()


@pytest.mark.django_db
def test_saving_needs_a_signed_in_learner_and_a_post(client, learner, lesson, reflection_id):
    response = client.post(save_url(lesson, reflection_id), {"text": "Hello."})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(learner)
    assert client.get(save_url(lesson, reflection_id)).status_code == 405
    assert client.post(save_url(999999, reflection_id), {"text": "x"}).status_code == 404
    assert not ReflectionResponse.objects.exists()
