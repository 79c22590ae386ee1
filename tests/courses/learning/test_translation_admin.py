"""ORE translates its own pages in the admin (wagtail-localize), uploaded videos included."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from content.roles import ORE_EDITORS, ORE_LEADS, roles_ensure
from courses.learning.models import LessonPage
from tests.content.glossary.factories import term
from tests.factories import UserFactory, publish

# The smallest MP4 header (an ftyp box) and a WebVTT file, so the block's checks accept them.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"


@pytest.fixture
def ore_editor(db):
    groups = roles_ensure()
    user = UserFactory(email="ore.editor@example.lacity.test", department=None)
    user.groups.add(groups[ORE_EDITORS])
    return user


@pytest.fixture
def ore_lead(db):
    groups = roles_ensure()
    user = UserFactory(email="ore.lead@example.lacity.test", department=None)
    user.groups.add(groups[ORE_LEADS])
    return user


def _submit_to_spanish(client, page):
    spanish = Locale.objects.get(language_code="es")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, {"locales": [spanish.pk]})
    assert response.status_code == 302, response.content[:500]
    translation = page.get_translation(spanish)
    assert client.get(response.url).status_code == 200  # the edit-translation page loads
    assert client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk])).status_code == 200
    return translation


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["ore_editor", "ore_lead"])
def test_ore_sees_translate_this_page_and_translates_a_course(client, request, role, course):
    client.force_login(request.getfixturevalue(role))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[course.pk]) in edit
    translation = _submit_to_spanish(client, course)
    assert translation.title == course.title


@pytest.mark.django_db
def test_an_ore_editor_translates_a_lesson(client, ore_editor, lessons):
    client.force_login(ore_editor)
    translation = _submit_to_spanish(client, lessons[0])
    assert translation.locale.language_code == "es"


@pytest.mark.django_db
def test_an_ore_editor_translates_a_glossary_entry(client, ore_editor):
    entry = term(title="Implicit bias")
    client.force_login(ore_editor)
    translation = _submit_to_spanish(client, entry)
    assert translation.specific_class is type(entry)


@pytest.mark.django_db
def test_migrate_alone_gives_the_ore_groups_every_permission_they_need():
    """The groups as the migrate-time set-up left them (the permissions of apps migrated after
    `content`, wagtail-localize's and the requirements', included)."""
    from django.contrib.auth.models import Group

    for name in (ORE_EDITORS, ORE_LEADS):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"submit_translation", "add_requirement", "delete_requirement"} <= codenames


@pytest.mark.django_db
def test_a_learner_still_cannot_submit_translations(client, learner, course):
    client.force_login(learner)
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    assert client.get(url).status_code in (302, 403)


def _video_lesson(course, *, embed=False):
    documents = get_document_model()
    body = {"title": "A talk", "captions_language": "en", "transcript": "<p>Every word.</p>"}
    if embed:
        body["embed"] = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    else:
        body["video"] = documents.objects.create(
            title="talk", file=ContentFile(MP4, name="talk.mp4")
        ).pk
        body["captions"] = documents.objects.create(
            title="captions", file=ContentFile(WEBVTT, name="talk.vtt")
        ).pk
    lesson = LessonPage(
        title="Video lesson", slug="video-lesson", body=[{"type": "video", "value": body}]
    )
    course.add_child(instance=lesson)
    return publish(lesson)


@pytest.mark.django_db
def test_a_lesson_with_an_uploaded_video_is_translated(client, ore_editor, course):
    lesson = _video_lesson(course)
    client.force_login(ore_editor)
    translation = _submit_to_spanish(client, lesson)
    video = translation.specific.body[0].value
    original = LessonPage.objects.get(pk=lesson.pk).body[0].value
    assert video["video"].pk == original["video"].pk
    assert video["captions"].pk == original["captions"].pk
    assert video["embed"] is None


@pytest.mark.django_db
def test_a_lesson_with_an_embedded_video_keeps_its_address_in_spanish(client, ore_editor, course):
    from wagtail.embeds.models import Embed

    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.create(url=url, max_width=None, html="<iframe></iframe>", type="video")
    lesson = _video_lesson(course, embed=True)
    client.force_login(ore_editor)
    translation = _submit_to_spanish(client, lesson)
    assert translation.specific.body[0].value["embed"].url == url
    assert Page.objects.filter(pk=translation.pk).exists()
