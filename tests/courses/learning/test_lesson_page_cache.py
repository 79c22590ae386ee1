"""A lesson page is drawn once per kind of reader and kept for the next reader of that kind
(courses.learning.lesson_page_cache): each reader still gets their own CSRF token, their own
"done", their own navigation, their language, their messages and whatever only they have, and a
change to the pages or their images shows at the next request."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.learning.models import LessonPage, LessonProgress, ReflectionResponse
from tests.courses.learning.test_checks import add_lesson, checks_of, right_answers
from tests.courses.learning.test_checks_views import post_answers
from tests.factories import UserFactory, publish

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def drawn(response) -> bool:
    """Whether the page was drawn for this request (a kept page renders no template)."""
    return bool(response.templates)


def tokens(response) -> set[str]:
    return set(TOKEN.findall(response.content.decode()))


def without_tokens(response) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())


@pytest.mark.django_db
def test_a_lesson_read_again_is_served_kept_with_the_readers_own_working_token(learner, lessons):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    url = lessons[0].get_url()
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert drawn(first)
    assert not drawn(again)
    assert without_tokens(again) == without_tokens(first)
    (token,) = tokens(again)  # every form of the page (the header's too) has the same one
    assert len(token) == 64  # Django's masked token, not a stand-in
    response = client.post(f"/learn/lessons/{lessons[0].pk}/done/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert LessonProgress.objects.filter(user=learner, lesson=lessons[0]).exists()


@pytest.mark.django_db
def test_a_new_session_served_a_kept_page_gets_its_csrf_cookie(learner, lessons, department):
    url = lessons[0].get_url()
    first = Client()
    first.force_login(learner)
    first.get(url)
    newcomer = Client(enforce_csrf_checks=True)
    newcomer.force_login(UserFactory(department=department))
    response = newcomer.get(url)
    assert not drawn(response)
    assert "csrftoken" in response.cookies
    (token,) = tokens(response)
    done = newcomer.post(f"/learn/lessons/{lessons[0].pk}/done/", {"csrfmiddlewaretoken": token})
    assert done.status_code == 302


@pytest.mark.django_db
def test_each_reader_sees_whether_they_have_done_the_lesson(client, learner, lessons, department):
    other = UserFactory(department=department)
    url = lessons[0].get_url()
    LessonProgress.objects.create(
        user=learner,
        lesson=lessons[0],
        course=lessons[0].get_parent().specific,
        completed_at="2026-12-01T10:00:00Z",
    )
    for reader in (learner, other, learner, other):
        client.force_login(reader)
        html = client.get(url).content.decode()
        if reader == learner:
            assert "You have finished this lesson." in html
            assert "Mark this lesson as done" not in html
        else:
            assert "You have finished this lesson." not in html
            assert "Mark this lesson as done" in html


@pytest.mark.django_db
def test_a_message_waiting_for_the_reader_is_shown_once_not_a_kept_page(client, learner, lessons):
    client.force_login(learner)
    url = lessons[1].get_url()
    client.get(url)
    assert not drawn(client.get(url))
    # Marking the first lesson done goes on to the second, with a message.
    assert client.post(f"/learn/lessons/{lessons[0].pk}/done/").url == url
    shown = client.get(url)
    assert drawn(shown)
    assert "Lesson marked as done." in shown.content.decode()
    after = client.get(url)
    assert not drawn(after)
    assert "Lesson marked as done." not in after.content.decode()


@pytest.mark.django_db
def test_the_navigation_is_each_readers_own(client, learner, liaison, ore, lessons):
    url = lessons[0].get_url()
    for reader in (liaison, ore, learner, liaison, ore, learner):
        client.force_login(reader)
        html = client.get(url).content.decode()
        assert ("Department compliance" in html) == (reader != learner)
        assert ("Citywide analytics" in html) == (reader == ore)


@pytest.mark.django_db
def test_a_spanish_reader_gets_the_spanish_page_after_an_english_one_was_kept(
    client, learner, lessons, department
):
    url = lessons[0].get_url()
    client.force_login(learner)
    client.get(url)
    assert not drawn(client.get(url))
    spanish_reader = UserFactory(department=department, preferred_language="es")
    client.force_login(spanish_reader)
    html = client.get(url).content.decode()
    assert '<html lang="es">' in html
    assert "Mi aprendizaje" in html
    client.force_login(learner)
    assert '<html lang="en">' in client.get(url).content.decode()


@pytest.mark.django_db
def test_an_address_with_a_query_string_is_drawn_and_the_language_form_returns_to_it(
    client, learner, lessons
):
    client.force_login(learner)
    url = lessons[0].get_url()
    client.get(url)
    response = client.get(f"{url}?from=email")
    assert drawn(response)
    assert f'name="next" type="hidden" value="{url}?from=email"' in response.content.decode()
    assert f'value="{url}"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_lesson_with_a_knowledge_check_is_drawn_for_every_reader(
    client, learner, liaison, course
):
    lesson = add_lesson(course)
    check = checks_of(lesson)[0]
    client.force_login(learner)
    post_answers(client, lesson, check, right_answers(check))
    for reader in (learner, liaison, learner, liaison):
        client.force_login(reader)
        response = client.get(lesson.url)
        assert drawn(response)
        assert ("Your result" in response.content.decode()) == (reader == learner)


@pytest.mark.django_db
def test_a_lesson_with_a_reflection_is_drawn_for_every_reader(client, learner, liaison, course):
    lesson = LessonPage(
        title="Reflecting",
        slug="reflecting",
        body=[
            {"type": "text", "value": "<p>Bias shows up in small choices.</p>"},
            {"type": "reflection", "value": {"prompt": "What shaped your last decision?"}},
        ],
    )
    course.add_child(instance=lesson)
    publish(lesson)
    block_id = next(str(block.id) for block in lesson.body if block.block_type == "reflection")
    client.force_login(learner)
    saved = client.post(
        reverse("courses:reflection_save", args=[lesson.pk, block_id]),
        {"text": "I hired the candidate who reminded me of myself."},
    )
    assert saved.status_code == 302
    assert ReflectionResponse.objects.filter(user=learner).exists()
    for reader in (learner, liaison, learner, liaison):
        client.force_login(reader)
        response = client.get(lesson.url)
        assert drawn(response)
        mine = "reminded me of myself" in response.content.decode()
        assert mine == (reader == learner)


@pytest.mark.django_db
def test_an_image_replaced_in_the_admin_shows_at_the_next_request(
    client, learner, admin_user, course
):
    image = get_image_model().objects.create(title="diagram", file=get_test_image_file())
    lesson = LessonPage(
        title="A figure",
        slug="a-figure",
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "An iceberg"}}],
    )
    course.add_child(instance=lesson)
    publish(lesson)
    client.force_login(learner)
    client.get(lesson.url)
    kept = client.get(lesson.url)
    assert not drawn(kept)
    (before,) = re.findall(r'<img[^>]* src="([^"]+)"', kept.content.decode())

    png = get_test_image_file(filename="iceberg-2.png", colour="red").file.getvalue()
    editor = Client()
    editor.force_login(admin_user)
    replaced = editor.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "diagram",
            "collection": image.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("iceberg-2.png", png, content_type="image/png"),
        },
    )
    assert replaced.status_code == 302

    after = client.get(lesson.url)
    assert drawn(after)
    (src,) = re.findall(r'<img[^>]* src="([^"]+)"', after.content.decode())
    assert src != before
    assert "iceberg-2" in src
