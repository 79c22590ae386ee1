"""A Spanish reader's whole journey through the demo city, in a real browser: sign-in, My
learning, the course to a certificate, the pilot course, the glossary, the resource library
and a live session, all in Spanish, with axe-core on every page and every stretch of English
marked as English."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from lms.demo_data import demo_data
from tests.browser.conftest import axe_violations
from tests.browser.test_course_to_certificate import answer_check_correctly

CHECKS = demo_data("courses.demo", "checks.yaml")
SPANISH = demo_data("courses.demo", "spanish.yaml")
GLOSSARY_ES = demo_data("content.demo", "glossary_es.yaml")
RESOURCES_ES = demo_data("content.demo", "resources_es.yaml")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
FOUNDATIONS = "implicit-bias-foundations"
PILOT = "equity-in-everyday-decisions"

# English text that a Spanish page may show without lang="en": names of people and places,
# codes, and words that read the same in both languages.
UNMARKED_ENGLISH = re.compile(
    r"\b(Implicit Bias|Equity in Everyday|What Implicit Bias Is|Who Benefits|Glossary|"
    r"Resources|My learning|Sign out|Not translated|Mark this lesson)\b"
)


def checked(page) -> str:
    """The page's Spanish, checked: axe finds nothing, the page says it is Spanish, and no
    English the demo has a translation for is left outside a lang="en" element."""
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)
    assert page.locator("html").get_attribute("lang") == "es", page.url
    unmarked = page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.querySelector('main'),
                NodeFilter.SHOW_TEXT);
            const found = [];
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const lang = node.parentElement.closest('[lang]');
                if (lang && lang.getAttribute('lang').startsWith('en')) continue;
                if (node.textContent.trim()) found.push(node.textContent.trim());
            }
            return found.join('\\n');
        }"""
    )
    english = [line for line in unmarked.splitlines() if UNMARKED_ENGLISH.search(line)]
    assert english == [], (page.url, english)
    return page.content()


def test_a_spanish_reader_goes_through_the_demo_city_in_spanish(page, live_server):
    call_command("seed_demo", employees=0)
    base = live_server.url

    # The reader chooses Spanish on the sign-in page, then signs in.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Language").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()
    checked(page)
    page.get_by_label(re.compile("Correo electrónico")).fill("learner@demo.lacity.test")
    page.get_by_label("Contraseña").fill("equity-demo-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Iniciar sesión").click()
    html = checked(page)
    assert "Ha iniciado sesión" in html
    assert "Successfully signed in" not in html

    # My learning names both demo courses in Spanish.
    page.goto(f"{base}/learn/")
    html = checked(page)
    assert SPANISH[FOUNDATIONS]["title"] in html
    assert SPANISH[PILOT]["title"] in html

    # The required course, start to certificate, in Spanish.
    page.get_by_role("link", name=SPANISH[FOUNDATIONS]["title"], exact=True).first.click()
    html = checked(page)
    assert page.get_by_role("heading", level=1).inner_text() == SPANISH[FOUNDATIONS]["title"]
    assert "Dirigido a" in html
    page.get_by_role("link", name=re.compile("Comenzar el curso|Empezar el curso")).click()
    for lesson_slug, check in CHECKS[FOUNDATIONS].items():
        assert page.url.endswith(f"/{lesson_slug}/"), page.url
        assert (
            page.get_by_role("heading", level=1).inner_text()
            == SPANISH[FOUNDATIONS]["lessons"][lesson_slug]["title"]
        )
        checked(page)
        answer_check_correctly(page, check["es"], submit="Enviar respuestas")
        checked(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Marcar esta lección como completada").click()
    checked(page)
    page.get_by_role("link", name="Ver su certificado").click()
    html = checked(page)
    assert SPANISH[FOUNDATIONS]["title"] in html
    assert "Alex Demo-Learner" in html
    verification = page.locator("a[href*='/certificates/']").first.get_attribute("href")
    page.goto(f"{base}{urlsplit(verification).path}")
    checked(page)

    # The transcript lists the completion under its Spanish title.
    page.goto(f"{base}/learn/")
    page.get_by_role("link", name=re.compile("expediente|historial", re.IGNORECASE)).first.click()
    assert SPANISH[FOUNDATIONS]["title"] in checked(page)

    # The pilot course is in Spanish too, lesson titles included.
    page.goto(f"{base}/learn/")
    page.get_by_role("link", name=SPANISH[PILOT]["title"], exact=True).first.click()
    html = checked(page)
    for lesson in SPANISH[PILOT]["lessons"].values():
        assert lesson["title"] in html
    # ... and its live sessions carry their Spanish titles.
    assert "Equity in Everyday Decisions:" not in html

    # The glossary: the intro and the entries in Spanish.
    page.get_by_role("link", name="Glosario", exact=True).first.click()
    html = checked(page)
    assert _first_words(GLOSSARY_ES["intro"]) in html
    entry = GLOSSARY_ES["entries"]["racial-equity"]["title"]
    page.get_by_role("link", name=entry, exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == entry
    checked(page)

    # The resource library: the intro and a resource in Spanish.
    page.get_by_role("link", name="Recursos", exact=True).first.click()
    html = checked(page)
    assert _first_words(RESOURCES_ES["intro"]) in html


def _first_words(html: str, words: int = 6) -> str:
    text = re.sub(r"<[^>]+>", "", html)
    return " ".join(text.split()[:words])
