"""Language access for courses: Spanish readers get the Spanish version where one exists."""

import pytest
from wagtail.models import Locale

from courses.learning.models import CourseCompletion, LessonPage


def translate(page, **fields):
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    for name, value in fields.items():
        setattr(spanish, name, value)
    spanish.save_revision().publish()
    return spanish


@pytest.fixture
def spanish_reader(learner):
    learner.preferred_language = "es"
    learner.save()
    return learner


@pytest.mark.django_db
def test_spanish_reader_gets_the_spanish_lesson_at_the_same_address(
    client, spanish_reader, course, lessons
):
    translate(course, title="Sesgo implícito: fundamentos", summary="Qué es el sesgo implícito.")
    translate(
        lessons[0],
        title="Qué es el sesgo implícito",
        body=[{"type": "text", "value": "<p>El sesgo implícito es una asociación automática.</p>"}],
    )
    client.force_login(spanish_reader)
    html = client.get(lessons[0].url).content.decode()
    assert "El sesgo implícito es una asociación automática." in html
    assert "Sesgo implícito: fundamentos" in html
    course_html = client.get(course.url).content.decode()
    assert "Qué es el sesgo implícito" in course_html  # the lesson list is translated too


@pytest.mark.django_db
def test_untranslated_lesson_is_shown_in_english_and_says_so(client, spanish_reader, lessons):
    client.force_login(spanish_reader)
    html = client.get(lessons[1].url).content.decode()
    assert "Lesson 2 text." in html
    assert '<article lang="en">' in html
    assert "aún no está traducida" in html


@pytest.mark.django_db
def test_english_reader_never_sees_the_translation(client, learner, lessons):
    translate(lessons[0], body=[{"type": "text", "value": "<p>Texto en español.</p>"}])
    client.force_login(learner)
    html = client.get(lessons[0].url).content.decode()
    assert "Lesson 1 text." in html
    assert "Texto en español." not in html


@pytest.mark.django_db
def test_completing_in_spanish_completes_the_course(client, spanish_reader, course, lessons):
    for lesson in lessons:
        translate(lesson, title=f"Lección {lesson.pk}")
    client.force_login(spanish_reader)
    for lesson in lessons:
        client.post(f"/learn/lessons/{lesson.pk}/done/")
    assert CourseCompletion.objects.filter(user=spanish_reader, course=course).count() == 1
    # the Spanish copies are pages too, but learners never record progress against them
    english_ids = [lesson.pk for lesson in lessons]
    spanish_ids = set(LessonPage.objects.exclude(pk__in=english_ids).values_list("pk", flat=True))
    assert spanish_ids
    assert not spanish_reader.lesson_progress.filter(lesson_id__in=spanish_ids).exists()


@pytest.mark.django_db
def test_spanish_readers_reach_every_page_once_a_spanish_home_exists(
    client, spanish_reader, course, lessons
):
    translate(lessons[0], title="Lección traducida")  # makes the Spanish home and parents
    client.force_login(spanish_reader)
    for page in [course, lessons[0], lessons[1]]:
        assert client.get(page.url).status_code == 200, page.url
    assert "Lección traducida" in client.get(lessons[0].url).content.decode()


@pytest.mark.django_db
def test_who_the_course_is_for_is_shown_in_spanish(client, spanish_reader, course):
    course.audience_note = "Every City employee"
    course.save_revision().publish()
    translate(course, title="Sesgo implícito", audience_note="Todo el personal municipal")
    client.force_login(spanish_reader)
    html = client.get(course.url).content.decode()
    assert 'Dirigido a: <span lang="es">Todo el personal municipal</span>' in html
    assert "Every City employee" not in html


@pytest.mark.django_db
def test_untranslated_lessons_of_a_translated_course_are_marked_english(
    client, spanish_reader, course, lessons
):
    translate(course, title="Sesgo implícito")
    translate(lessons[0], title="Qué es el sesgo implícito")
    client.force_login(spanish_reader)
    html = client.get(course.url).content.decode()
    assert f'<a href="{lessons[0].url}" lang="es">Qué es el sesgo implícito</a>' in html
    assert f'<a href="{lessons[1].url}" lang="en">Lesson 2</a>' in html
    assert html.count("Aún no traducido") == 2  # lessons 2 and 3
    # "Start the course: <first lesson>" names it in Spanish too
    assert '<span lang="es">Qué es el sesgo implícito</span></span></a>' in html


@pytest.mark.django_db
def test_lesson_links_name_the_neighbours_in_spanish(client, spanish_reader, course, lessons):
    translate(course, title="Sesgo implícito")
    translate(lessons[0], title="Qué es el sesgo implícito")
    translate(lessons[2], title="Qué podemos hacer")
    client.force_login(spanish_reader)
    html = client.get(lessons[1].url).content.decode()
    assert '<span lang="es">Qué es el sesgo implícito</span>' in html
    assert '<span lang="es">Qué podemos hacer</span>' in html
    assert 'lang="es">Sesgo implícito</a>' in html  # the breadcrumb


@pytest.mark.django_db
def test_a_course_copied_only_as_the_parent_of_a_translated_lesson_is_not_a_translation(
    client, spanish_reader, course, lessons
):
    translate(lessons[0], title="Lección traducida")  # copies the course as an alias
    client.force_login(spanish_reader)
    html = client.get(course.url).content.decode()
    assert "Este curso aún no está traducido" in html
    assert f"<h1>{course.title}</h1>" in html
    assert '<div lang="en">' in html


@pytest.mark.django_db
def test_the_feedback_page_names_the_course_in_spanish(client, spanish_reader, course):
    from django.urls import reverse

    from courses.learning.services import course_completion_record

    translate(course, title="Sesgo implícito: fundamentos")
    course_completion_record(user=spanish_reader, course=course)
    client.force_login(spanish_reader)
    html = client.get(reverse("courses:feedback", args=[course.pk])).content.decode()
    assert f'<a href="{course.url}" lang="es">Sesgo implícito: fundamentos</a>' in html
    assert course.title not in html


@pytest.mark.django_db
def test_completing_a_translated_course_congratulates_in_spanish(client, spanish_reader, lessons):
    course = lessons[0].get_parent().specific
    translate(course, title="Sesgo implícito: fundamentos")
    client.force_login(spanish_reader)
    for lesson in lessons:
        response = client.post(f"/learn/lessons/{lesson.pk}/done/", follow=True)
    assert "Completó “Sesgo implícito: fundamentos”" in response.content.decode()
