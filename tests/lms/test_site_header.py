"""The site's header, kept per kind of page and reader (lms/users/templatetags/site_chrome.py):
what each reader sees is what a fresh render shows them, with their own CSRF token and their own
return address, escaped."""

import re

import pytest
from django.test import Client, override_settings

from lms.users.templatetags import site_chrome

HEADER = re.compile(r'<header class="site-header">.*?</header>', re.DOTALL)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PATHS = ["/learn/", "/ta/", "/sessions/", "/liaison/", "/analytics/", "/accounts/login/"]


@pytest.fixture(autouse=True)
def _nothing_kept():
    site_chrome._kept.clear()
    yield
    site_chrome._kept.clear()


def _header(response) -> str:
    html = response.content.decode()
    assert site_chrome._TOKEN not in html
    assert site_chrome._NEXT not in html
    found = HEADER.search(html)
    assert found, "no site header"
    return found.group(0)


def _without_tokens(header: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', header)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_kind_of_reader_gets_the_header_a_fresh_render_gives(request, language, requirement):
    # One after another, so that each finds the headers the others' pages left.
    for person in [None, "learner", "liaison", "ore", "admin_user", None]:
        client = Client()
        if person:
            client.force_login(request.getfixturevalue(person))
        client.cookies["django_language"] = language
        for path in PATHS:
            kept = client.get(path, follow=True)
            with override_settings(DEBUG=True):
                fresh = client.get(path, follow=True)
            if fresh.status_code != 200:  # a page this person may not see
                assert kept.status_code == fresh.status_code, (person, path)
                continue
            assert _without_tokens(_header(kept)) == _without_tokens(_header(fresh)), (person, path)
    assert site_chrome._kept, "nothing was kept: the header was rendered afresh every time"


@pytest.mark.django_db
def test_the_navigation_marks_the_section_and_shows_each_role_its_links(
    client, learner, liaison, ore
):
    client.force_login(learner)
    header = _header(client.get("/learn/"))
    assert re.search(r'href="/learn/" aria-current="page">My learning', header)
    assert header.count('aria-current="page"') == 1
    assert "Department compliance" not in header
    assert "Citywide analytics" not in header
    assert "Sign out" in header

    client.force_login(liaison)
    header = _header(client.get("/liaison/", follow=True))
    assert re.search(r'aria-current="page">Department compliance', header)
    assert 'href="/learn/" aria-current' not in header
    assert "Citywide analytics" not in header

    client.force_login(ore)
    header = _header(client.get("/analytics/"))
    assert re.search(r'aria-current="page">Citywide analytics', header)
    assert "Department compliance" in header

    client.logout()
    header = _header(client.get("/accounts/login/"))
    assert "Sign in" in header
    assert "Sign out" not in header
    assert "My learning" not in header


@pytest.mark.django_db
def test_each_reader_gets_their_own_csrf_token_and_only_it_works(learner, liaison):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(learner)
    second.force_login(liaison)
    first_token = TOKEN.search(_header(first.get("/learn/"))).group(1)
    second_token = TOKEN.search(_header(second.get("/learn/"))).group(1)
    assert first_token != second_token
    assert site_chrome._kept

    # The other reader's token is refused, and nobody is signed out by it.
    refused = first.post("/i18n/setlang/", {"language": "es", "csrfmiddlewaretoken": second_token})
    assert refused.status_code == 403
    assert "Mi aprendizaje" not in first.get("/learn/").content.decode()

    # Their own token, from the kept header, works: the sign-out form signs them out.
    signed_out = first.post("/accounts/logout/", {"csrfmiddlewaretoken": first_token})
    assert signed_out.status_code == 302
    assert first.get("/learn/").status_code == 302  # to the sign-in page
    assert second.get("/learn/").status_code == 200


@pytest.mark.django_db
def test_the_language_form_returns_to_the_page_and_its_address_is_escaped(client, learner):
    client.force_login(learner)
    client.get("/learn/")  # the header kept first, for another address
    hostile = '/learn/?q="><script>alert(1)</script>&x=<b>'
    header = _header(client.get(hostile))
    assert "<script>" not in header
    assert "<b>" not in header
    assert (
        'name="next" type="hidden" value="/learn/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E'
        "&amp;x=%3Cb%3E"
        in header
        or 'value="/learn/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=&lt;b&gt;"'
        in header
    ), header
    assert 'name="next" type="hidden" value="/learn/"' in _header(client.get("/learn/"))


def test_sections_are_told_by_the_path_as_the_navigation_marks_them():
    assert site_chrome.section_of("/learn/") == "learn"
    assert site_chrome.section_of("/learn/courses/x/") == ""  # a course is not My learning
    assert site_chrome.section_of("/liaison/departments/3/") == "liaison"
    assert site_chrome.section_of("/glossary/bias/") == "glossary"
    assert site_chrome.section_of("/tax/") == ""
    assert site_chrome.section_of("/") == ""
