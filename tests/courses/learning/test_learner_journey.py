"""Step 2 of the foundation: a learner sees what is required, works through it, and resumes."""

import pytest
from django.core import mail
from django.urls import reverse

from courses.learning.models import CourseCompletion, LessonProgress
from tests.factories import compliance_refresh


def lesson_done_url(lesson):
    return reverse("courses:lesson_done", args=[lesson.pk])


@pytest.mark.django_db
def test_learner_sees_required_course_with_due_date(client, learner, requirement):
    compliance_refresh()
    client.force_login(learner)
    response = client.get("/learn/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Implicit Bias: Foundations" in html
    assert requirement.due_on.strftime("%Y") in html
    assert "Not started" in html


@pytest.mark.django_db
def test_learner_works_through_course_and_it_shows_completed(client, learner, requirement, lessons):
    client.force_login(learner)
    course_url = requirement.course.url
    response = client.get(course_url)
    assert response.status_code == 200
    assert "0 of 3 lessons done" in response.content.decode()

    for lesson in lessons:
        page = client.get(lesson.url)
        assert page.status_code == 200
        assert "Mark this lesson as done" in page.content.decode()
        client.post(lesson_done_url(lesson))

    completion = CourseCompletion.objects.get(user=learner, course=requirement.course)
    assert completion.course_revision_id == requirement.course.live_revision_id
    html = client.get("/learn/").content.decode()
    assert "Completed on" in html
    assert "Completed" in client.get(course_url).content.decode()


@pytest.mark.django_db
def test_progress_survives_sign_out_and_resume_points_at_first_unfinished(
    client, learner, requirement, lessons
):
    client.force_login(learner)
    client.post(lesson_done_url(lessons[0]))
    client.logout()
    client.force_login(learner)
    response = client.get("/learn/")
    html = response.content.decode()
    assert "1 of 3 lessons done" in html
    assert f'href="{lessons[1].url}"' in html
    assert "Resume" in html


@pytest.mark.django_db
def test_marking_done_twice_keeps_one_record(client, learner, lessons):
    client.force_login(learner)
    client.post(lesson_done_url(lessons[0]))
    client.post(lesson_done_url(lessons[0]))
    assert LessonProgress.objects.filter(user=learner, lesson=lessons[0]).count() == 1


@pytest.mark.django_db
def test_mark_done_needs_post(client, learner, lessons):
    client.force_login(learner)
    response = client.get(lesson_done_url(lessons[0]))
    assert response.status_code == 405
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_mark_done_of_unknown_lesson_is_404_and_records_nothing(client, learner, lessons):
    client.force_login(learner)
    response = client.post(reverse("courses:lesson_done", args=[999999]))
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_completion_queues_one_confirmation_email(
    client, learner, lessons, django_capture_on_commit_callbacks
):
    from courses.tasks import completion_email_send_task

    client.force_login(learner)
    with django_capture_on_commit_callbacks():
        for lesson in lessons:
            client.post(lesson_done_url(lesson))
        client.post(lesson_done_url(lessons[-1]))
    completion = CourseCompletion.objects.get(user=learner)
    completion_email_send_task(completion_id=completion.pk)
    assert len(mail.outbox) == 1
    completion_email_send_task(completion_id=completion.pk)  # a retry, or a repeated queueing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]
    assert "Implicit Bias: Foundations" in mail.outbox[0].subject


@pytest.mark.django_db
def test_lesson_page_renders_each_block_kind_accessibly(client, learner, course):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from courses.learning.models import LessonPage
    from tests.factories import publish

    image = get_image_model().objects.create(title="diagram", file=get_test_image_file())
    documents = get_document_model()
    video = documents.objects.create(title="talk", file=ContentFile(b"\x00\x00", name="talk.mp4"))
    captions = documents.objects.create(
        title="captions", file=ContentFile(b"WEBVTT\n", name="talk.vtt")
    )
    lesson = LessonPage(
        title="Blocks",
        slug="blocks",
        body=[
            {"type": "text", "value": "<h2>Heading</h2><p>Body text.</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "An iceberg", "caption": "Fig"},
            },
            {
                "type": "video",
                "value": {
                    "title": "A talk",
                    "video": video.pk,
                    "captions": captions.pk,
                    "captions_language": "en",
                    "transcript": "<p>Every word of the talk.</p>",
                },
            },
            {
                "type": "transcript",
                "value": {"title": "An account", "speaker": "A clerk", "text": "<p>I noticed.</p>"},
            },
            {"type": "callout", "value": {"kind": "reflect", "text": "<p>What would you do?</p>"}},
        ],
    )
    course.add_child(instance=lesson)
    publish(lesson)
    client.force_login(learner)
    html = client.get(LessonPage.objects.get(slug="blocks").url).content.decode()
    assert 'alt="An iceberg"' in html
    assert '<track kind="captions"' in html
    assert "Every word of the talk." in html
    assert "I noticed." in html
    assert "What would you do?" in html


@pytest.mark.django_db
def test_lesson_text_links_the_first_use_of_an_adopted_glossary_term(client, learner, course):
    from content.glossary.models import EntryStatus, GlossaryIndexPage, TermPage
    from courses.learning.models import LessonPage
    from tests.factories import home_page, publish

    glossary = GlossaryIndexPage(title="Glossary", slug="glossary")
    home_page().add_child(instance=glossary)
    publish(glossary)
    term = TermPage(
        title="Implicit bias",
        slug="implicit-bias",
        short_definition="Automatic associations that shape how we see people.",
        definition="<p>Automatic associations.</p>",
        status=EntryStatus.ADOPTED,
    )
    glossary.add_child(instance=term)
    publish(term)
    text = "<p>Implicit bias is common.</p><p>Naming implicit bias helps.</p>"
    lesson = LessonPage(title="Links", slug="links", body=[{"type": "text", "value": text}])
    quiet = LessonPage(
        title="Quiet",
        slug="quiet",
        autolink_glossary=False,
        body=[{"type": "text", "value": text}],
    )
    for page in (lesson, quiet):
        course.add_child(instance=page)
        publish(page)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert html.count('href="/glossary/implicit-bias/"') == 1
    assert 'href="/glossary/implicit-bias/"' not in client.get(quiet.url).content.decode()
