"""Step 5: ORE edits the course in the Wagtail admin and learners see the change."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.home import HomePage
from courses.learning.models import CourseIndexPage, CoursePage, LessonPage


@pytest.mark.django_db
def test_ore_adds_a_lesson_in_the_admin_and_the_learner_sees_it(
    client, ore, learner, course, lessons
):
    client.force_login(ore)
    data = nested_form_data(
        {
            "title": "Lesson four: repair",
            "slug": "lesson-four",
            "body": streamfield([("text", rich_text("<p>Noticing and repairing harm.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/courses/lessonpage/{course.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(slug="lesson-four")
    assert lesson.live

    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Lesson four: repair" in html
    assert "0 of 4 lessons done" in html
    assert "Noticing and repairing harm." in client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_a_learner_cannot_use_the_admin(client, learner, course):
    client.force_login(learner)
    response = client.get(f"/admin/pages/add/courses/lessonpage/{course.pk}/")
    assert response.status_code == 302
    assert LessonPage.objects.child_of(course).count() == 3


@pytest.mark.django_db
def test_draft_lesson_is_not_shown_to_learners(client, ore, learner, course, lessons):
    draft = LessonPage(title="Unpublished", slug="unpublished", body=[], live=False)
    course.add_child(instance=draft)
    client.force_login(learner)
    assert "Unpublished" not in client.get(course.url).content.decode()


class TestPageTree(WagtailPageTestCase):
    def test_courses_live_in_the_catalogue_and_lessons_in_courses(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_home_page_is_the_site_root_and_renders(self):
        home = HomePage.objects.get(locale__language_code="en")
        self.assertPageIsRenderable(home)


@pytest.mark.django_db
def test_ore_requires_a_course_in_the_admin_and_the_learner_sees_the_due_date(
    client, ore, learner, course, django_capture_on_commit_callbacks
):
    client.force_login(ore)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            "/admin/snippets/courses/requirement/add/",
            {
                "name": "Foundations for everyone",
                "course": course.pk,
                "effective_on": "2026-01-01",
                "due_on": "2027-06-30",
                "reminder_days_before": "14,7,1",
                "overdue_reminder_every_days": "7",
                "renewal_window_days": "60",
                "is_active": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert queued
    from courses.tasks import assignments_refresh_stale_task

    assignments_refresh_stale_task()  # the refresh the save queued, as the worker runs it
    client.force_login(learner)
    html = client.get("/learn/").content.decode()
    assert course.title in html
    assert "June 30, 2027" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Give a due date, a number of days after entering the audience, or both."),
        ({"due_on": "2027-06-30", "reminder_days_before": "14, soon"}, "Write whole numbers"),
    ],
)
def test_requirement_with_bad_rules_is_refused_and_nothing_is_saved(
    client, ore, course, fields, message
):
    from courses.compliance.models import Requirement

    client.force_login(ore)
    response = client.post(
        "/admin/snippets/courses/requirement/add/",
        {
            "name": "No date",
            "course": course.pk,
            "effective_on": "2026-01-01",
            "reminder_days_before": "14,7,1",
            "overdue_reminder_every_days": "7",
            "renewal_window_days": "60",
            "is_active": "on",
            **fields,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Requirement.objects.exists()


@pytest.mark.django_db
def test_an_editor_submits_for_review_and_an_ore_lead_approves(client, groups, course, lessons):
    from content.roles import ORE_EDITORS, ORE_LEADS
    from tests.factories import UserFactory

    editor = UserFactory(department=None)
    editor.groups.add(groups[ORE_EDITORS])
    lead = UserFactory(department=None)
    lead.groups.add(groups[ORE_LEADS])
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Lesson for review",
            "slug": "for-review",
            "body": streamfield([("text", rich_text("<p>Draft text.</p>"))]),
        }
    )
    client.post(
        f"/admin/pages/add/courses/lessonpage/{course.pk}/", {**data, "action-publish": "publish"}
    )
    lesson = LessonPage.objects.get(slug="for-review")
    assert not lesson.live  # an editor cannot publish

    response = client.post(f"/admin/pages/{lesson.pk}/edit/", {**data, "action-submit": "submit"})
    assert response.status_code == 302
    state = lesson.current_workflow_state
    assert state is not None
    assert state.current_task_state.task.name == "ORE lead approval"

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, lead, "approve")
    lesson.refresh_from_db()
    assert lesson.live


@pytest.mark.django_db
def test_a_lesson_scheduled_for_publishing_goes_live_when_the_task_runs(course):
    from datetime import timedelta

    from django.utils import timezone

    from content.tasks import scheduled_pages_publish_task

    lesson = LessonPage(title="Scheduled", slug="scheduled", body=[], live=False)
    course.add_child(instance=lesson)
    lesson.go_live_at = timezone.now() - timedelta(minutes=1)
    lesson.save_revision(approved_go_live_at=lesson.go_live_at)
    assert not LessonPage.objects.get(pk=lesson.pk).live
    scheduled_pages_publish_task()
    assert LessonPage.objects.get(pk=lesson.pk).live


REQUIREMENT_FORM = {
    "name": "Supervisors",
    "effective_on": "2026-01-01",
    "due_days_after_entry": "183",
    "recurrence_months": "24",
    "reminder_days_before": "14,7,1",
    "overdue_reminder_every_days": "7",
    "renewal_window_days": "60",
    "is_active": "on",
}


@pytest.mark.django_db
def test_ore_excludes_named_people_by_employee_id(client, ore, course, learner, department):
    from courses.compliance.models import Requirement
    from tests.factories import UserFactory

    other = UserFactory(department=department)
    client.force_login(ore)
    response = client.post(
        "/admin/snippets/courses/requirement/add/",
        {
            **REQUIREMENT_FORM,
            "course": course.pk,
            "excluded_employee_ids": f"{learner.employee_id}",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get()
    assert list(requirement.excluded_employees.all()) == [learner]
    edit = client.get(f"/admin/snippets/courses/requirement/edit/{requirement.pk}/")
    assert learner.employee_id in edit.content.decode()
    assert other.employee_id not in edit.content.decode()  # no list of the whole city


@pytest.mark.django_db
def test_an_unknown_employee_id_is_refused_and_nothing_is_saved(client, ore, course):
    from courses.compliance.models import Requirement

    client.force_login(ore)
    response = client.post(
        "/admin/snippets/courses/requirement/add/",
        {**REQUIREMENT_FORM, "course": course.pk, "excluded_employee_ids": "999999999"},
    )
    assert response.status_code == 200
    assert "No employee has the ID 999999999." in response.content.decode()
    assert not Requirement.objects.exists()


@pytest.mark.django_db
def test_a_requirement_with_assignments_cannot_be_deleted_and_the_page_says_why(
    client, ore, requirement, learner
):
    from courses.compliance.models import Assignment, Requirement
    from tests.factories import compliance_refresh

    compliance_refresh()
    assert Assignment.objects.filter(requirement=requirement).exists()
    url = reverse("wagtailsnippets_courses_requirement:delete", args=[requirement.pk])
    client.force_login(ore)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "take it out of force instead" in html
    assert "Yes, delete" not in html
    response = client.post(url)
    assert response.status_code == 409
    assert "take it out of force instead" in response.content.decode()
    assert Requirement.objects.filter(pk=requirement.pk).exists()


@pytest.mark.django_db
def test_a_requirement_nobody_was_assigned_can_still_be_deleted(client, ore, course):
    from courses.compliance.models import Requirement
    from tests.factories import RequirementFactory

    requirement = RequirementFactory(course=course, name="Never assigned")
    url = reverse("wagtailsnippets_courses_requirement:delete", args=[requirement.pk])
    client.force_login(ore)
    assert "Yes, delete" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Requirement.objects.filter(pk=requirement.pk).exists()


@pytest.mark.django_db
def test_bulk_deleting_requirements_with_assignments_is_refused_with_a_message(
    client, ore, requirement, learner
):
    from courses.compliance.models import Requirement
    from tests.factories import compliance_refresh

    compliance_refresh()
    client.force_login(ore)
    url = f"/admin/bulk/courses/requirement/delete/?id={requirement.pk}"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Take it out of force instead" in response.content.decode()
    assert Requirement.objects.filter(pk=requirement.pk).exists()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1aE\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01B\xf2\x81\x04B\xf3\x81\x08B\x82\x84webm"
WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"


def _document(name, content):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))


def _clean_video(**value):
    from courses.blocks import VideoBlock

    block = VideoBlock()
    raw = {"title": "A talk", "captions_language": "en", "transcript": "", **value}
    return block.clean(block.to_python(raw))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [("talk.mp4", MP4), ("talk.webm", WEBM)])
def test_a_video_block_takes_an_mp4_or_webm_video_with_webvtt_captions(name, content):
    video, captions = _document(name, content), _document("talk.vtt", WEBVTT)
    value = _clean_video(video=video.pk, captions=captions.pk)
    assert value["video"] == video


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("video", "captions", "refused"),
    [
        (("talk.pdf", PDF), ("talk.vtt", WEBVTT), "video"),
        (("talk.mp4", PDF), ("talk.vtt", WEBVTT), "video"),  # judged by content, not name
        (("talk.mp4", MP4), ("notes.pdf", PDF), "captions"),
        (("talk.mp4", MP4), ("talk.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHi\n"), "captions"),
        (("talk.mp4", MP4), ("talk.txt", b"Just some text"), "captions"),
    ],
)
def test_a_video_block_refuses_a_document_that_is_not_a_video_or_not_webvtt(
    video, captions, refused
):
    from wagtail.blocks.struct_block import StructBlockValidationError

    with pytest.raises(StructBlockValidationError) as error:
        _clean_video(video=_document(*video).pk, captions=_document(*captions).pk)
    assert set(error.value.block_errors) == {refused}


MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64
OGG = b"OggS\x00\x02" + b"\x00" * 64


def _clean_audio(**value):
    from courses.blocks import AudioBlock

    block = AudioBlock()
    raw = {"title": "An interview", "transcript": "<p>What was said.</p>", **value}
    return block.clean(block.to_python(raw))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"), [("talk.mp3", MP3), ("talk.wav", WAV), ("talk.ogg", OGG)]
)
def test_an_audio_block_takes_a_recording_with_its_transcript(name, content):
    audio = _document(name, content)
    assert _clean_audio(audio=audio.pk)["audio"] == audio


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("audio", "transcript", "refused"),
    [
        (("talk.pdf", PDF), "<p>What was said.</p>", "audio"),
        (("talk.mp3", PDF), "<p>What was said.</p>", "audio"),  # judged by content, not name
        (("talk.mp3", MP3), "<p></p>", "transcript"),  # an editor left empty
    ],
)
def test_an_audio_block_refuses_a_document_that_is_not_a_recording_or_no_transcript(
    audio, transcript, refused
):
    from wagtail.blocks.struct_block import StructBlockValidationError

    with pytest.raises(StructBlockValidationError) as error:
        _clean_audio(audio=_document(*audio).pk, transcript=transcript)
    assert set(error.value.block_errors) == {refused}
