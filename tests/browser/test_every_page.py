"""Every page of the README's "What is where", as each role that may see it, in English and in
Spanish, on a 320 px wide screen: no serious or critical axe-core violation, nothing wider than
the screen but a data table in its own labelled, focusable region (WCAG 1.4.10), and every
interactive element reached by Tab with a visible focus.

One demo city is seeded for the whole module and each role signs in once; every check then only
loads a page in that role's browser context.
"""

import sqlite3

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.browser.checks import page_problems
from tests.browser.conftest import sign_in

PASSWORD = "equity-demo-2026"
EMAILS = {
    "liaison": "liaison@demo.lacity.test",
    "ore": "ore@demo.lacity.test",
    "admin": "admin@demo.lacity.test",
}
# A small screen: 320 CSS px wide is what WCAG 1.4.10 asks a page to reflow to.
SMALL_SCREEN = {"width": 320, "height": 640}

PAGES = {
    "anonymous": [
        "home",
        "login",
        "password_reset",
        "glossary",
        "glossary_history",
        "glossary_term",
        "glossary_indicator",
        "resources",
        "resource",
        "certificate_public",
        "certificate_verify",
    ],
    "learner": [
        "home",
        "my_learning",
        "course",
        "lesson",
        "transcript",
        "certificate",
        "sessions",
        "session",
        "ta",
        "ta_new",
        "glossary",
    ],
    "liaison": [
        "liaison_department",
        "liaison_person",
        "exemption_new",
        "audit",
        "sessions",
        "session",
        "session_new",
        "session_people",
        "session_attendance",
        "ta",
        "ta_request",
    ],
    "ore": [
        "liaison_index",
        "liaison_department",
        "liaison_person",
        "audit",
        "analytics",
        "releases",
        "release",
        "ta",
        "ta_request",
        "ta_summary",
        "sessions",
        "session",
    ],
    "admin": ["wagtail_admin", "django_admin"],
}
# Each test's own writes (a page view that enrols, say) are rolled back after it; the demo city
# and the sign-ins, made before the first test, stay for the module.
pytestmark = pytest.mark.django_db
CASES = [
    pytest.param(role, name, language, id=f"{role}-{name}-{language}")
    for language in ("en", "es")
    for role, names in PAGES.items()
    for name in names
]


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo city (small) served by a live server of its own, the addresses of its pages, and
    the learner who holds a certificate. The database is put back as it was afterwards.

    The server is not pytest-django's `live_server`: a test that uses that one is made
    transactional, and the database is emptied after each test. These tests are not
    transactional, so pytest-django runs them before every transactional test, on the database
    as migrations made it."""
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        snapshot = _snapshot(connection)
        call_command("seed_demo", employees=120, stdout=_Quiet())
        cache.clear()
        urls, holder_email = _demo_urls()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield {"base": server.url, "urls": urls, "emails": {**EMAILS, "learner": holder_email}}
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            _restore(connection, snapshot)
            cache.clear()


def _snapshot(connection):
    """A copy of the whole test database, when it is SQLite (CI's browser tests): the tests
    after these expect it as migrations left it, and a flush cannot give that back."""
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:")
    connection.connection.backup(copy)
    return copy


def _restore(connection, snapshot) -> None:
    from django.contrib.contenttypes.models import ContentType

    if snapshot is None:
        call_command("flush", interactive=False, verbosity=0)
    else:
        snapshot.backup(connection.connection)
        snapshot.close()
    ContentType.objects.clear_cache()


class _Quiet:
    def write(self, *_args, **_kwargs):
        pass

    def flush(self):
        pass


def _demo_urls() -> tuple[dict[str, str], str]:
    from analytics.releases.models import MonitoringRelease
    from content.glossary.models import IndicatorPage, TermPage
    from content.resources.models import ResourcePage
    from content.ta.models import TARequest
    from courses.certificates.models import Certificate
    from courses.learning.models import CoursePage, LessonPage
    from courses.sessions.models import LiveSession
    from lms.users.models import User

    certificate = Certificate.objects.select_related("completion__user").latest("issued_at")
    holder = certificate.completion.user
    holder.set_password(PASSWORD)
    holder.save(update_fields=["password"])
    liaison = User.objects.get(email=EMAILS["liaison"])
    department = liaison.department
    person = User.objects.filter(department=department).exclude(pk=liaison.pk).first()
    session = LiveSession.objects.filter(department=department).order_by("starts_at").first()
    ta_request = TARequest.objects.filter(department=department).first()
    release = MonitoringRelease.objects.latest("pk")
    course = CoursePage.objects.live().first()
    code = department.code
    urls = {
        "home": "/",
        "login": "/accounts/login/",
        "password_reset": "/accounts/password/reset/",
        "glossary": "/glossary/",
        "glossary_history": "/glossary/history/",
        "glossary_term": TermPage.objects.live().first().url,
        "glossary_indicator": IndicatorPage.objects.live().first().url,
        "resources": "/resources/",
        "resource": ResourcePage.objects.live().first().url,
        "certificate_public": f"/certificates/{certificate.code}/",
        "certificate_verify": "/certificates/verify/",
        "my_learning": "/learn/",
        "course": course.url,
        "lesson": LessonPage.objects.live().child_of(course).first().url,
        "transcript": "/learn/transcript/",
        "certificate": f"/learn/certificates/{certificate.code}/",
        "sessions": "/sessions/",
        "session": f"/sessions/{session.pk}/",
        "session_new": "/sessions/new/",
        "session_people": f"/sessions/{session.pk}/people/",
        "session_attendance": f"/sessions/{session.pk}/attendance/",
        "ta": "/ta/",
        "ta_new": "/ta/new/",
        "ta_request": f"/ta/{ta_request.pk}/",
        "ta_summary": "/ta/summary/",
        "liaison_index": "/liaison/",
        "liaison_department": f"/liaison/{code}/",
        "liaison_person": f"/liaison/{code}/people/{person.pk}/",
        "exemption_new": f"/liaison/{code}/people/{person.pk}/exemptions/new/",
        "audit": f"/liaison/{code}/audit/",
        "analytics": "/analytics/",
        "releases": "/analytics/releases/",
        "release": f"/analytics/releases/{release.version}/",
        "wagtail_admin": "/admin/",
        "django_admin": "/django-admin/",
    }
    return urls, holder.email


@pytest.fixture(scope="module")
def role_pages(browser, demo_city):
    """A browser page per role, each signed in once, before any test: a test's own writes are
    rolled back after it, and a sign-in must outlive that."""
    pages = {}
    for role in PAGES:
        context = browser.new_context(viewport=SMALL_SCREEN)
        pages[role] = context.new_page()
        if role != "anonymous":
            sign_in(pages[role], demo_city["base"], demo_city["emails"][role], PASSWORD)
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize(("role", "name", "language"), CASES)
def test_page_passes_axe_reflows_and_works_by_keyboard(role, name, language, role_pages, demo_city):
    page = role_pages[role]
    base = demo_city["base"]
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    url = demo_city["urls"][name]
    response = page.goto(f"{base}{url}")
    assert (response.status, page.url) == (200, f"{base}{url}")
    assert page.locator("html").get_attribute("lang") == language
    assert page_problems(page) == {}, url
