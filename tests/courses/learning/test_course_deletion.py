"""A course people have records of (completions, requirements, live sessions) is unpublished,
never deleted: the admin refuses with a message instead of a server error, and changes
nothing."""

import pytest

from courses.learning.models import CourseCompletion, CoursePage, LessonPage
from courses.learning.services import course_completion_record
from tests.factories import course_with_lessons


@pytest.fixture
def completed(course, learner):
    course_completion_record(user=learner, course=course)
    return course


def _refusal(response) -> str:
    """The message a refused delete shows ("" when there is none)."""
    html = response.content.decode()
    return "Nothing was deleted" if "Nothing was deleted" in html else ""


def _kept(course) -> bool:
    """The course, its lessons and its completion are all still there."""
    return (
        CoursePage.objects.filter(pk=course.pk).exists()
        and LessonPage.objects.child_of(course).count() == 3
        and CourseCompletion.objects.filter(course=course).count() == 1
    )


@pytest.mark.django_db
def test_deleting_a_course_with_completions_is_refused_with_a_message(
    client, admin_user, completed
):
    client.force_login(admin_user)
    url = f"/admin/pages/{completed.pk}/delete/"

    asked = client.get(url, follow=True)
    assert asked.status_code == 200
    assert _refusal(asked)
    assert "Unpublish it instead" in asked.content.decode()
    assert _kept(completed)

    posted = client.post(url, follow=True)
    assert posted.status_code == 200
    assert _refusal(posted)
    assert _kept(completed)


@pytest.mark.django_db
def test_deleting_the_course_index_above_it_is_refused_too(client, admin_user, completed):
    client.force_login(admin_user)
    index = completed.get_parent()

    response = client.post(f"/admin/pages/{index.pk}/delete/", follow=True)

    assert response.status_code == 200
    assert _refusal(response)
    assert _kept(completed)


@pytest.mark.django_db
def test_bulk_deleting_it_from_the_explorer_is_refused(client, admin_user, completed):
    client.force_login(admin_user)
    url = f"/admin/bulk/wagtailcore/page/delete/?id={completed.pk}"

    response = client.post(url, follow=True)

    assert response.status_code == 200
    assert _refusal(response)
    assert _kept(completed)


@pytest.mark.django_db
def test_a_course_nobody_has_a_record_of_can_still_be_deleted(client, admin_user, completed):
    unused, _lessons = course_with_lessons(lessons=1)
    client.force_login(admin_user)

    response = client.post(f"/admin/pages/{unused.pk}/delete/", follow=True)

    assert response.status_code == 200
    assert not CoursePage.objects.filter(pk=unused.pk).exists()
