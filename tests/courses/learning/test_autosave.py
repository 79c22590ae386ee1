"""Autosave and drafts in the page editor: the captions rule holds on every save, and a new
page whose first Publish met an autosave is published once, without "slug already in use"."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.learning.models import LessonPage

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}  # how Wagtail's autosave script posts the form
CAPTIONS_RULE = "A video needs captions or a transcript before it can be saved."


def _add_url(course):
    return f"/admin/pages/add/courses/lessonpage/{course.pk}/"


def _captionless_video_body():
    video = get_document_model().objects.create(
        title="talk", file=ContentFile(MP4, name="talk.mp4")
    )
    # The transcript editor left empty: Draftail still sends one empty paragraph.
    value = {
        "title": "A talk",
        "video": video.pk,
        "embed": "",
        "captions": "",
        "captions_language": "en",
        "transcript": rich_text(""),
    }
    return streamfield([("video", value)])


def _lesson_form(title, slug, body=None, **extra):
    fields = {"title": title, "slug": slug, "body": body or streamfield([])}
    return {**nested_form_data(fields), **extra}


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["save draft", "autosave"])
def test_a_new_draft_with_a_captionless_uploaded_video_is_refused_and_nothing_is_saved(
    client, ore, course, how
):
    client.force_login(ore)
    data = _lesson_form("Video lesson", "video-lesson", _captionless_video_body())
    headers = AUTOSAVE if how == "autosave" else {}

    response = client.post(_add_url(course), data, **headers)

    if how == "autosave":
        assert response.status_code == 400
        assert response.json()["error_code"] == "validation_error"
    else:
        assert response.status_code == 200
        assert CAPTIONS_RULE in response.content.decode()
    assert not LessonPage.objects.filter(slug="video-lesson").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["save draft", "autosave"])
def test_a_draft_of_a_lesson_cannot_add_a_captionless_uploaded_video(
    client, ore, course, lessons, how
):
    lesson = lessons[0]
    revision = lesson.latest_revision
    client.force_login(ore)
    data = _lesson_form(lesson.title, lesson.slug, _captionless_video_body())
    headers = AUTOSAVE if how == "autosave" else {}

    response = client.post(f"/admin/pages/{lesson.pk}/edit/", data, **headers)

    if how == "autosave":
        assert response.status_code == 400
    else:
        assert CAPTIONS_RULE in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.latest_revision == revision
    assert not any(
        block.block_type == "video" for block in lesson.get_latest_revision_as_object().body
    )


def _add_form_fields(html: str) -> dict:
    """The hidden fields of the add form that a browser posts with every save of it."""
    found = re.search(r'<input type="hidden" name="add_form_id" value="([0-9a-f]+)">', html)
    assert found, "the add form carries no id of its own"
    return {"add_form_id": found[1]}


@pytest.mark.django_db
def test_a_publish_that_meets_the_first_autosave_publishes_the_one_new_page(client, ore, course):
    client.force_login(ore)
    form = _add_form_fields(client.get(_add_url(course)).content.decode())
    draft = _lesson_form("Lesson four: repair", "lesson-four", **form)
    body = streamfield([("text", rich_text("<p>Noticing and repairing harm.</p>"))])

    # The autosave reaches the server first and creates the page...
    assert client.post(_add_url(course), draft, **AUTOSAVE).json()["success"]
    # ...and the Publish clicked meanwhile (the body still empty) goes to the add view.
    response = client.post(_add_url(course), {**draft, "action-publish": "publish"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "already in use" not in html
    assert "This field is required." in html
    # The form shown again autosaves, then the editor fixes the body and publishes.
    again = client.post(_add_url(course), draft, **AUTOSAVE).json()
    lesson = LessonPage.objects.get(slug="lesson-four")
    assert again["success"]
    assert again["url"] == f"/admin/pages/{lesson.pk}/edit/"
    fixed = _lesson_form("Lesson four: repair", "lesson-four", body, **form)
    response = client.post(_add_url(course), {**fixed, "action-publish": "publish"})

    assert response.status_code == 302
    assert LessonPage.objects.child_of(course).filter(title="Lesson four: repair").count() == 1
    assert LessonPage.objects.get(slug="lesson-four").live


@pytest.mark.django_db
def test_another_add_form_never_edits_an_earlier_draft_with_the_same_slug(client, ore, course):
    client.force_login(ore)
    first = _add_form_fields(client.get(_add_url(course)).content.decode())
    assert client.post(
        _add_url(course), _lesson_form("Repair", "repair", **first), **AUTOSAVE
    ).json()["success"]
    second = _add_form_fields(client.get(_add_url(course)).content.decode())
    assert second != first
    body = streamfield([("text", rich_text("<p>Another lesson.</p>"))])

    response = client.post(
        _add_url(course),
        {**_lesson_form("Repair", "repair", body, **second), "action-publish": "1"},
    )

    assert "already in use" in response.content.decode()
    lesson = LessonPage.objects.get(slug="repair")
    assert not lesson.live
    assert list(lesson.get_latest_revision_as_object().body) == []
