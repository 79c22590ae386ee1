"""A Spanish reader's journey: signing in, and every page that shows English content says so."""

import pytest

PASSWORD = "correct-horse-battery"


def _sign_in(client, user, **headers):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 302
    return client.get(response["Location"], headers=headers).content.decode()


@pytest.mark.django_db
def test_signed_in_message_is_in_the_employees_roster_language(client, learner):
    learner.preferred_language = "es"
    learner.save()
    html = _sign_in(client, learner)
    assert "Ha iniciado sesión exitosamente como" in html
    assert "Successfully signed in" not in html


@pytest.mark.django_db
def test_signed_in_message_is_spanish_for_a_spanish_browser(client, learner):
    html = _sign_in(client, learner, accept_language="es")
    assert "Ha iniciado sesión exitosamente como" in html


@pytest.mark.django_db
def test_signed_in_message_follows_the_language_the_person_chose(client, learner):
    learner.preferred_language = "es"
    learner.save()
    client.cookies["django_language"] = "en"
    html = _sign_in(client, learner)
    assert "Successfully signed in" in html


# --- English content for a Spanish reader: marked lang="en", with the note ------------------

NOTE = "aún no está traducida a su idioma"  # "This page is not translated into your language yet"
TAG = "Aún no traducido"  # "Not yet translated", after one item of a list


@pytest.fixture
def spanish(client):
    client.cookies["django_language"] = "es"
    return client


def _main(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db
def test_home_page_untranslated_is_marked_english_and_says_so(spanish):
    from content.site import site_root

    html = _main(spanish.get("/"))
    assert f'<h1 lang="en">{site_root().title}</h1>' in html
    assert NOTE in html


@pytest.mark.django_db
def test_home_page_translated_is_spanish(spanish):
    from content.site import site_root
    from tests.content.glossary.factories import translate

    translate(site_root(), title="Inicio", intro="<p>Capacitación de la Oficina.</p>")
    html = _main(spanish.get("/"))
    assert '<h1 lang="es">Inicio</h1>' in html
    assert "Capacitación de la Oficina." in html
    assert NOTE not in html


@pytest.mark.django_db
def test_course_catalogue_names_translated_courses_in_spanish_and_marks_the_others(
    client, learner, course
):
    from courses.learning.models import CourseIndexPage
    from tests.content.glossary.factories import translate
    from tests.factories import course_with_lessons

    other, _lessons = course_with_lessons(lessons=1, title="Data Equity Basics")
    translate(course, title="Sesgo implícito: fundamentos", summary="Qué es el sesgo implícito.")
    learner.preferred_language = "es"
    learner.save()
    client.force_login(learner)
    index = CourseIndexPage.objects.get(pk=course.get_parent().pk)
    html = _main(client.get(index.url))
    assert f'<a href="{course.url}" lang="es">Sesgo implícito: fundamentos</a>' in html
    assert '<p lang="es">Qué es el sesgo implícito.</p>' in html
    assert f'<a href="{other.url}" lang="en">Data Equity Basics</a>' in html
    assert TAG in html
    # the catalogue itself was copied along with the course, not translated: English, noted
    assert f'<h1 lang="en">{index.title}</h1>' in html
    assert NOTE in html


@pytest.mark.django_db
def test_resource_library_marks_english_intro_and_cards(spanish):
    from tests.content.glossary.factories import translate
    from tests.content.resources.factories import make_resource, resource_library

    translated = make_resource(title="Budget Equity Tool", summary="Check a budget.")
    untranslated = make_resource(title="Community Engagement Guide", summary="Plan outreach.")
    translate(translated, title="Herramienta de equidad presupuestaria", summary="Revise.")
    html = _main(spanish.get(resource_library().url))
    assert '<div class="resource-intro" lang="en">' in html
    assert NOTE in html
    assert 'lang="es">Herramienta de equidad presupuestaria</a>' in html
    assert '<p lang="es">Revise.</p>' in html
    assert f'href="{untranslated.url}" lang="en">Community Engagement Guide</a>' in html
    assert '<p lang="en">Plan outreach.</p>' in html
    assert html.count(TAG) == 1


@pytest.mark.django_db
def test_resource_page_is_spanish_when_translated_with_spanish_breadcrumb_and_terms(spanish):
    from tests.content.glossary.factories import translate
    from tests.content.resources.factories import make_resource, make_term, resource_library

    term = make_term(title="Racial equity")
    translate(term, title="Equidad racial", short_definition="Cuando la raza no predice.")
    translate(resource_library(), title="Recursos", intro="<p>Guías de la Oficina.</p>")
    resource = make_resource(
        title="Budget Equity Tool",
        summary="Check a budget.",
        audience="Budget analysts",
        body="<p>How to use it.</p>",
        related_terms=[term],
    )
    translate(
        resource,
        title="Herramienta de equidad presupuestaria",
        summary="Revise un presupuesto.",
        audience="Analistas de presupuesto",
        body="<p>Cómo usarla.</p>",
    )
    html = _main(spanish.get(resource.url))
    assert 'lang="es">Recursos</a>' in html
    assert '<h1 id="resource-title" lang="es">Herramienta de equidad presupuestaria</h1>' in html
    assert "Revise un presupuesto." in html
    assert '<dd lang="es">Analistas de presupuesto</dd>' in html
    assert "Cómo usarla." in html
    assert 'lang="es">Equidad racial</a>: <span lang="es">Cuando la raza no predice.</span>' in html
    assert "Budget Equity Tool" not in html
    assert NOTE not in html
    assert "aún no está traducido" not in html


@pytest.mark.django_db
def test_untranslated_resource_page_is_marked_english_and_says_so(spanish):
    from tests.content.resources.factories import make_resource, make_term

    resource = make_resource(
        title="Budget Equity Tool", body="<p>How to use it.</p>", related_terms=[make_term()]
    )
    html = _main(spanish.get(resource.url))
    assert "Este recurso aún no está traducido a su idioma" in html
    assert '<h1 id="resource-title" lang="en">Budget Equity Tool</h1>' in html
    assert '<div lang="en"><p>How to use it.</p></div>' in html
    assert 'lang="en">Resources</a>' in html  # the library, in the breadcrumb
    assert 'lang="en">Racial equity</a>' in html
    assert TAG not in html  # the page's note says it once


@pytest.mark.django_db
def test_glossary_with_an_english_introduction_says_it_is_not_translated(spanish):
    from tests.content.glossary.factories import glossary_index, term

    term(title="Racial equity")
    html = _main(spanish.get(glossary_index().url))
    assert NOTE in html


@pytest.mark.django_db
def test_english_reader_gets_no_note(client):
    from tests.content.resources.factories import make_resource

    resource = make_resource(title="Budget Equity Tool")
    for url in ["/", resource.url, resource.get_parent().url]:
        html = _main(client.get(url))
        assert "not translated" not in html, url
        assert "Not yet translated" not in html, url


@pytest.mark.django_db
def test_a_preview_shows_the_draft_being_edited_not_the_live_translation(rf):
    from content.translation import display_context
    from tests.content.glossary.factories import translate
    from tests.content.resources.factories import make_resource

    resource = make_resource(title="Budget Equity Tool")
    translate(resource, title="Herramienta de equidad presupuestaria")
    resource.title = "Budget Equity Tool, second edition"  # the editor's unsaved draft
    request = rf.get("/")
    request.is_preview = True
    shown = display_context(resource, request, language="es")
    assert shown["display"].title == "Budget Equity Tool, second edition"
    assert shown["display_lang"] == "en"
    assert shown["is_untranslated"]
    assert display_context(resource, language="es")["display"].title.startswith("Herramienta")
