"""The course tree's pages are read once per change of the published pages (content.page_cache),
and a learner still sees every change at their next request, whoever made it and however."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from courses.learning.models import CoursePage, LessonPage, LessonProgress
from tests.factories import course_with_lessons, publish


def _page_reads(call) -> tuple[list[str], object]:
    """The queries of `call` that read page rows or sites (the version query aside)."""
    with CaptureQueriesContext(connection) as queries:
        response = call()
    sql = [q["sql"] for q in queries.captured_queries]
    version = [s for s in sql if "wagtailcore_pagelogentry" in s]
    assert len(version) == 1, "the pages' version is read once a request"
    reads = [
        s
        for s in sql
        if s not in version and ('FROM "wagtailcore_page"' in s or "wagtailcore_site" in s)
    ]
    return reads, response


@pytest.mark.django_db
def test_a_lesson_page_read_again_reads_no_page_or_site(client, learner, lessons):
    client.force_login(learner)
    url = lessons[1].get_url()
    first = client.get(url)
    assert first.status_code == 200
    reads, again = _page_reads(lambda: client.get(url))
    assert again.status_code == 200
    assert reads == []
    assert b"Lesson 2 text." in again.content
    assert b"Implicit Bias: Foundations" in again.content


@pytest.mark.django_db
def test_a_published_change_shows_at_the_next_request(client, learner, lessons):
    client.force_login(learner)
    url = lessons[1].get_url()
    assert b"Lesson 2 text." in client.get(url).content
    lesson = LessonPage.objects.get(pk=lessons[1].pk)
    lesson.title = "Lesson two, revised"
    lesson.body = [{"type": "text", "value": "<p>The revised text.</p>"}]
    publish(lesson)
    response = client.get(url)
    assert b"Lesson two, revised" in response.content
    assert b"The revised text." in response.content
    assert b"Lesson 2 text." not in response.content


@pytest.mark.django_db
def test_an_unpublished_lesson_is_gone_at_the_next_request(client, learner, lessons):
    client.force_login(learner)
    url = lessons[2].get_url()
    assert client.get(url).status_code == 200
    LessonPage.objects.get(pk=lessons[2].pk).unpublish()
    assert client.get(url).status_code == 404
    response = client.post(f"/learn/lessons/{lessons[2].pk}/done/")
    assert response.status_code == 404
    assert not LessonProgress.objects.filter(user=learner).exists()


@pytest.mark.django_db
def test_a_change_made_outside_wagtail_shows_too(client, learner, lessons):
    """No signal, no log entry: a row changed by hand (another process, a shell) is seen too."""
    client.force_login(learner)
    url = lessons[0].get_url()
    assert client.get(url).status_code == 200
    Page.objects.filter(pk=lessons[0].pk).update(live=False)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_moved_lesson_is_served_at_its_new_address_only(client, learner, lessons, course):
    client.force_login(learner)
    other, _ = course_with_lessons(lessons=1, title="Another course")
    old_url = lessons[0].get_url()
    assert client.get(old_url).status_code == 200
    moving = LessonPage.objects.get(pk=lessons[0].pk)
    moving.slug = "moved-lesson"
    publish(moving)
    url_before_move = moving.get_url()
    assert client.get(url_before_move).status_code == 200
    moving.move(other, pos="last-child")
    new_url = LessonPage.objects.get(pk=lessons[0].pk).get_url()
    assert new_url != url_before_move
    # Not served from the cache at its old addresses: the address before the slug changed is
    # gone, and Wagtail's automatic redirect answers the one before the move.
    assert client.get(old_url).status_code == 404
    moved = client.get(url_before_move)
    assert moved.status_code == 301
    assert moved["Location"] == new_url
    response = client.get(new_url)
    assert response.status_code == 200
    assert b"Another course" in response.content


@pytest.mark.django_db
def test_a_deleted_lesson_is_gone_and_its_course_counts_one_lesson_less(
    client, learner, lessons, course
):
    client.force_login(learner)
    url = lessons[2].get_url()
    assert client.get(url).status_code == 200
    for lesson in lessons[:2]:
        assert client.post(f"/learn/lessons/{lesson.pk}/done/").status_code == 302
    LessonPage.objects.get(pk=lessons[2].pk).delete()
    assert client.get(url).status_code == 404
    # The course's live lessons are read afresh: the two done are now all of it.
    response = client.get(CoursePage.objects.get(pk=course.pk).get_url())
    assert response.status_code == 200
    from courses.learning.models import CourseCompletion

    assert client.post(f"/learn/lessons/{lessons[1].pk}/done/").status_code == 302
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()


@pytest.mark.django_db
def test_a_view_restriction_added_holds_at_the_next_request(client, learner, lessons, course):
    client.force_login(learner)
    url = lessons[0].get_url()
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=course.pk), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Pilot departments"))
    refused = client.get(url)
    assert refused.status_code == 302
    assert "login" in refused["Location"]
    learner.groups.add(Group.objects.get(name="Pilot departments"))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_site_moved_to_another_root_routes_from_there(client, learner, lessons):
    client.force_login(learner)
    url = lessons[0].get_url()
    assert client.get(url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    original_root = site.root_page
    site.root_page = Page.objects.get(pk=lessons[0].get_parent().pk)  # the course
    site.save()
    assert client.get(url).status_code == 404
    site.root_page = original_root
    site.save()
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_pages_are_copies_a_request_cannot_change_for_the_next(client, learner, lessons):
    """Each request is given its own copies: what one request sets on a page is not seen by
    another (readers of two languages, one after the other, each get their own titles)."""
    from content.page_cache import cached_pages

    first = cached_pages("test-copies", lambda: list(LessonPage.objects.order_by("path")))
    first[0].title = "changed by one request"
    second = cached_pages("test-copies", lambda: [])
    assert [lesson.pk for lesson in second] == [lesson.pk for lesson in first]
    assert second[0].title == "Lesson 1"


@pytest.mark.django_db
def test_within_one_request_a_value_is_read_from_the_cache_once(lessons):
    """Two callers in the same request share one copy (no second unpickling); the next request
    gets its own again."""
    from content.page_cache import PagesVersionMiddleware, cached_pages

    def read():
        return list(LessonPage.objects.order_by("path"))

    seen = []

    def view(_request):
        seen.append((cached_pages("test-shared", read), cached_pages("test-shared", read)))

    middleware = PagesVersionMiddleware(view)
    middleware(None)
    middleware(None)
    (first, again), (next_request, _) = seen
    assert again is first
    assert next_request is not first
    assert [lesson.pk for lesson in next_request] == [lesson.pk for lesson in first]


@pytest.mark.django_db
def test_a_translation_published_after_a_visit_shows_at_the_next_request(
    client, learner, course, lessons
):
    """A Spanish reader's lesson page reads which translations exist once per change of the
    pages: a translation published since shows at their next request, and so does its removal."""
    from wagtail.models import Locale

    learner.preferred_language = "es"
    learner.save()
    client.force_login(learner)
    url = lessons[0].get_url()
    html = client.get(url).content.decode()
    assert "Lesson 1 text." in html
    assert '<article lang="en">' in html
    spanish = lessons[0].copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    spanish.body = [{"type": "text", "value": "<p>El texto de la lección uno.</p>"}]
    spanish.save_revision().publish()
    html = client.get(url).content.decode()
    assert "El texto de la lección uno." in html
    assert '<article lang="en">' not in html
    LessonPage.objects.get(pk=spanish.pk).unpublish()
    html = client.get(url).content.decode()
    assert "Lesson 1 text." in html
    assert "El texto de la lección uno." not in html


@pytest.mark.django_db
def test_the_pages_cache_keys_are_valid_for_any_cache_backend(client, learner, course, lessons):
    """Keys made from many pages (a Spanish reader's translations) are digests: no spaces and
    no length that a shared cache would refuse (Django warns on such keys, every time)."""
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning
    from wagtail.models import Locale

    learner.preferred_language = "es"
    learner.save()
    spanish = lessons[1].copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    spanish.save_revision().publish()
    client.force_login(learner)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        for url in (lessons[0].get_url(), lessons[1].get_url(), course.get_url(), "/learn/"):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_lesson_page_read_again_asks_for_no_site_root_paths(
    client, learner, lessons, monkeypatch
):
    """Wagtail reads the sites' root paths from the shared cache for the first page URL of every
    request; a lesson page routed from the pages cache has them already."""
    client.force_login(learner)
    url = lessons[1].get_url()
    assert client.get(url).status_code == 200
    asked = []
    read = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", lambda: asked.append(1) or read())
    response = client.get(url)
    assert response.status_code == 200
    assert asked == []
    assert f'href="{lessons[2].get_url()}"'.encode() in response.content
