"""Every URL of the site, for every role, answers hostile input with a 4xx or a form error.

The URLs are enumerated from the URL resolver (path parameters filled with the seeded site's
ids) and the Wagtail page tree of a small seeded site. For each URL and role:

- a plain GET; then, if the role is let in, GETs whose parameters (those the views read, and
  those of every form the page shows) carry hostile values: NUL, non-ASCII digits, 10 kB,
  negative and huge numbers, impossible dates, repeated parameters, empty values;
- every form the page shows is submitted with those values in every field (GET or POST);
- each string path parameter (a certificate code, a release version, ...) is replaced by the
  same values, and each integer one by a number too large for the database.

No answer may be a 5xx. PostgreSQL refuses a NUL character in any text it is sent, SQLite
does not: a wrapper around every query fails a query that carries one, so the rule is checked
on SQLite too. A 10 kB value that reaches a varchar column only fails on PostgreSQL: run this
file once with DATABASE_URL=postgres://... as well.

The Wagtail and Django admins are third-party screens: each of their URLs gets the plain GET
for every role and, for the admin, the hostile GET parameters; their forms are not submitted
(they create, publish and delete content), except those of our own admin screens.
"""

import logging
import os
import time
import traceback
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

ROLES = ["anonymous", "learner", "liaison", "ore", "admin_user"]
NUL = "\x00"
LONG = "x" * 10_240
# Each request gives parameter j the value HOSTILE[(i + j) % len(HOSTILE)], so over the
# len(HOSTILE) requests of a form every parameter meets every value.
# A repeated parameter reads as its last value ("") with get() and as both with getlist().
HOSTILE: list = [NUL, "²٣", LONG, "9" * 30, "2026-02-30", ["-1", ""]]
# The parameters views read from request.GET (grep request.GET), sent to every URL.
COMMON_PARAMS = [
    "q",
    "page",
    "status",
    "kind",
    "issue_area",
    "retired",
    "requirement",
    "course",
    "department",
    "download",
    "user",
    "next",
    "sort",
    "fiscal_year",
    "quarter",
    "job_class",
    "language",
    "owner",
    "from",
    "to",
    "action",
    "p",
    "ordering",
]
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
OUR_PACKAGES = ("lms.", "content.", "courses.", "analytics.")
# Forms never submitted: signing out would end the role's session for the rest of the run.
SKIPPED_ACTIONS = ("/accounts/logout/",)
# Wagtail's "failwhale" raises on purpose, for trying out the admin's error page.
SKIPPED_URLS = ("/admin/failwhale/",)
PATH_VALUES = [NUL, "²٣", LONG, "..%2F", "-1"]
HUGE_INT = "9" * 30


class FormParser(HTMLParser):
    """The forms of a page: action, method and field names (file inputs and buttons left out)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in {"input", "select", "textarea"}:
            name = attrs.get("name")
            kind = (attrs.get("type") or "").lower()
            if name and name != "csrfmiddlewaretoken" and kind not in {"file", "submit"}:
                self._form["fields"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _refuse_nul(execute, sql, params, many, context):
    """What PostgreSQL does with a NUL in a query's text, done on SQLite too."""
    rows = params if many else [params]
    for row in rows or []:
        values = row.values() if isinstance(row, dict) else row or []
        if any(isinstance(value, str) and NUL in value for value in values):
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
    return execute(sql, params, many, context)


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.lookup_str


@pytest.fixture
def site(course, lessons, requirement, learner, liaison, ore, admin_user, other_department):
    """A small site with one of everything a URL can point at; returns the path parameters."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from analytics.pipeline.services import analytics_run_full
    from analytics.releases.publishing import monitoring_release_publish
    from courses.compliance.exemptions import exemption_grant
    from courses.learning.services import course_completion_record
    from courses.sessions.models import LiveSession, SessionMode
    from courses.sessions.services import registration_create
    from tests.content.glossary.factories import glossary_index, indicator, term
    from tests.content.resources.factories import (
        file_block,
        make_document,
        make_resource,
        resource_library,
    )
    from tests.content.ta.factories import TARequestFactory, attachment_for
    from tests.factories import compliance_refresh

    glossary_index()
    term(title="Implicit bias", slug="implicit-bias")
    indicator()
    document = make_document()
    resource = make_resource(library=resource_library(), files=[file_block(document)])
    compliance_refresh()
    exemption = exemption_grant(
        actor=liaison,
        user=learner,
        requirement=requirement,
        reason="On leave",
        as_of=timezone.localdate(),
    )
    completion = course_completion_record(user=learner, course=course)
    starts = timezone.now() + timedelta(days=7)
    session = LiveSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        mode=SessionMode.IN_PERSON,
        location="City Hall",
        capacity=30,
        department=learner.department,
    )
    registration_create(session=session, user=learner)
    ta_request = TARequestFactory(requester=learner, department=learner.department)
    attachment = attachment_for(ta_request)
    analytics_run_full()
    release = monitoring_release_publish()
    video = get_document_model().objects.create(
        title="captions", file=ContentFile(b"WEBVTT\n", name="captions.vtt")
    )
    return {
        "lesson_id": lessons[0].pk,
        "course_id": course.pk,
        "check_id": "check",
        "phase": "pre",
        "block_id": "block",
        "certificate": completion.certificate.code if completion.certificate else "X",
        "department": "GSD",
        "user_id": learner.pk,
        "exemption_id": exemption.pk,
        "version": release.version,
        "kind": "csv",
        "fmt": "csv",
        "pk": session.pk,
        "resource_id": resource.pk,
        "document_id": document.pk,
        "video_id": video.pk,
        "request_id": ta_request.pk,
        "attachment_id": attachment.pk,
        "page_id": course.pk,
        "provider_id": "city",
    }


def _fill(route: str, lookup: str, ids: dict) -> list[tuple[str, bool]]:
    """Concrete URLs for a route: the seeded one, then the hostile variants of its parameters.

    Returns (url, is_hostile_variant) pairs."""
    import re

    converter = re.compile(r"<(?:(?P<type>\w+):)?(?P<name>\w+)>")
    if route.startswith("^") or "(?P" in route or "(" in route:
        return _fill_regex(route, ids)
    params = converter.findall(route)

    def value(kind, name):
        if name == "code":
            return ids["department"] if route.startswith("liaison/") else ids["certificate"]
        if name in ids:
            return str(ids[name])
        return "1" if kind == "int" else "x"

    def build(overrides):
        def swap(match):
            kind, name = match.group("type"), match.group("name")
            if name in overrides:
                return overrides[name]
            return quote(value(kind, name), safe="")

        return "/" + converter.sub(swap, route)

    urls = [(build({}), False)]
    if lookup.startswith(OUR_PACKAGES) or lookup.startswith("wagtail.documents"):
        for kind, name in params:
            if kind == "int":
                urls.append((build({name: HUGE_INT}), True))
            elif kind in {"str", "slug", "path", "department", ""} or "phase" in kind:
                urls.extend((build({name: quote(v, safe="")}), True) for v in PATH_VALUES)
    return urls


def _fill_regex(route: str, ids: dict) -> list[tuple[str, bool]]:
    if route.startswith("^documents/"):
        return [
            (f"/documents/{ids['video_id']}/captions.vtt", False),
            (f"/documents/{HUGE_INT}/x.vtt", True),
            (f"/documents/{ids['video_id']}/%00", True),
        ]
    if route.startswith("accounts/^confirm-email/"):
        return [("/accounts/confirm-email/abc/", False), ("/accounts/confirm-email/%00/", True)]
    if route.startswith("accounts/^password/reset/key/"):
        return [("/accounts/password/reset/key/1-abc/", False)]
    if route.startswith("accounts/oidc/"):
        tail = route.split("/login/", 1)[1]
        return [(f"/accounts/oidc/city/login/{tail}", False)]
    if route == "^((?:[\\w\\-]+/)*)$":
        return []  # Wagtail's page serving: the pages are listed from the page tree
    return []


def _pages() -> list[str]:
    from wagtail.models import Page

    urls = []
    for page in Page.objects.filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            urls.append(url)
            if hasattr(page, "reverse_subpage"):
                for name in ("history",):
                    try:
                        urls.append(url + page.reverse_subpage(name))
                    except Exception:  # noqa: S112 - not every routable page has this route
                        continue
    urls.append("/glossary/no-such-term/")
    return urls


def _targets(ids: dict) -> list[tuple[str, bool, bool]]:
    """Every URL to try: (url, is_admin, is_hostile_variant)."""
    targets, seen = [], set()
    for route, lookup in _patterns(get_resolver()):
        for url, hostile in _fill(route, lookup, ids):
            if url not in seen and not url.startswith(SKIPPED_URLS):
                seen.add(url)
                admin = url.startswith(ADMIN_PREFIXES) and not lookup.startswith(OUR_PACKAGES)
                targets.append((url, admin, hostile))
    for url in _pages():
        if url not in seen:
            seen.add(url)
            targets.append((url, False, False))
    return targets


def _hostile_data(names: list[str], round_: int) -> dict:
    return {name: HOSTILE[(round_ + j) % len(HOSTILE)] for j, name in enumerate(names)}


class Prober:
    """Sends requests as one role and records every 5xx (with the exception, if one was
    raised)."""

    def __init__(self, client, role):
        self.client = client
        self.role = role
        self.failures: list[str] = []
        self.count = 0
        self.timing: dict[str, float] = {}
        self.signed_out_by = ""

    def send(self, method: str, url: str, data: dict | None = None):
        self.count += 1
        began = time.monotonic()
        try:
            return self._send(method, url, data)
        finally:
            key = "/".join(urlsplit(url).path.split("/")[:3])
            self.timing[key] = self.timing.get(key, 0) + time.monotonic() - began

    def _send(self, method: str, url: str, data: dict | None = None):
        response = self._request(method, url, data)
        if (
            self.role != "anonymous"
            and not self.signed_out_by
            and not self.client.session.get("_auth_user_id")
        ):
            self.signed_out_by = f"{method.upper()} {url[:120]} {_summary(data)}"
        return response

    def _request(self, method: str, url: str, data: dict | None = None):
        try:
            if method == "post":
                response = self.client.post(url, data or {})
            else:
                response = self.client.get(url, data or {})
        except Exception as error:
            self.failures.append(
                f"{self.role} {method.upper()} {url[:120]} {_summary(data)}: "
                f"{str(error)[:200]!r} at {_where(error)}"
            )
            return None
        if response.status_code >= 500:
            self.failures.append(
                f"{self.role} {method.upper()} {url[:120]} {_summary(data)}: {response.status_code}"
            )
        return response


def _where(error: Exception) -> str:
    """The innermost frame of the project's own code that the exception passed through."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "/.venv/" not in frame.filename and "/tests/" not in frame.filename
    ]
    frame = frames[-1] if frames else traceback.extract_tb(error.__traceback__)[-1]
    return f"{frame.filename.rsplit('/main/', 1)[-1]}:{frame.lineno}"


def _summary(data) -> str:
    if not data:
        return ""
    return "{" + ", ".join(f"{k}={str(v)[:12]!r}" for k, v in list(data.items())[:6]) + "}"


def _let_in(response) -> bool:
    return response is not None and response.status_code == 200


def _forms(response, url: str) -> list[dict]:
    if "text/html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser()
    parser.feed(response.content.decode(errors="replace"))
    forms = []
    for form in parser.forms:
        action = form["action"] or url
        path = urlsplit(action).path or urlsplit(url).path
        if path.startswith(SKIPPED_ACTIONS) or not form["fields"]:
            continue
        forms.append({"path": path, "method": form["method"], "fields": form["fields"]})
    return forms


@pytest.fixture
def quiet_request_log():
    """4xx answers are the point of this test: don't log thousands of them."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_hostile_input_with_a_server_error(request, role, site, quiet_request_log):
    from django.test import Client

    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    prober = Prober(client, role)
    started, cpu_started = time.monotonic(), time.process_time()
    submitted: set[tuple] = set()
    with connection.execute_wrapper(_refuse_nul):
        for url, admin, hostile_variant in _targets(site):
            response = prober.send("get", url)
            if hostile_variant:
                prober.send("post", url, _hostile_data(COMMON_PARAMS, 0))
                continue
            if not _let_in(response):
                if not admin:
                    # Refused or redirected: once with every hostile parameter, in case a view
                    # reads its input before it checks who is asking.
                    prober.send("get", url, _hostile_data(COMMON_PARAMS, 0))
                    prober.send("post", url, _hostile_data(COMMON_PARAMS, 1))
                continue
            if admin and role != "admin_user":
                continue
            rounds = range(len(HOSTILE))
            # A file (PDF, CSV, calendar) costs more to make and has no forms: two rounds.
            html = "text/html" in response.get("Content-Type", "")
            for round_ in rounds if html else rounds[::3]:
                prober.send("get", url, _hostile_data(COMMON_PARAMS, round_))
            if admin:
                continue
            for form in _forms(response, url):
                key = (form["path"], form["method"], tuple(form["fields"]))
                if key in submitted:
                    continue
                submitted.add(key)
                for round_ in rounds:
                    prober.send(form["method"], form["path"], _hostile_data(form["fields"], round_))
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    print(f"{role}: {prober.count} requests in {elapsed:.1f}s ({cpu:.1f}s CPU)")  # noqa: T201
    if os.environ.get("HOSTILE_PROFILE"):
        slowest = sorted(prober.timing.items(), key=lambda item: -item[1])[:25]
        print("\n".join(f"{seconds:6.2f}s {path}" for path, seconds in slowest))  # noqa: T201
    assert not prober.failures, "\n".join(prober.failures)
    # The role must have stayed signed in: otherwise the rest of the run was anonymous.
    assert not prober.signed_out_by, prober.signed_out_by


# --- the inputs reported in issue 11, one by one ----------------------------------------------


@pytest.fixture
def session(course, learner):
    from courses.sessions.models import LiveSession, SessionMode
    from courses.sessions.services import registration_create

    starts = timezone.now() + timedelta(days=7)
    session = LiveSession.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        mode=SessionMode.IN_PERSON,
        location="City Hall",
        capacity=30,
        department=learner.department,
    )
    registration_create(session=session, user=learner)
    return session


@pytest.mark.django_db
def test_a_nul_in_the_glossary_search_is_a_form_error(client):
    from tests.content.glossary.factories import glossary_index, term

    glossary_index()
    term(title="Implicit bias", slug="implicit-bias")
    with connection.execute_wrapper(_refuse_nul):
        response = client.get("/glossary/", {"q": "bias\x00"})
        assert response.status_code == 200
        assert "Search words cannot contain control characters." in response.content.decode()
        assert 'aria-invalid="true"' in response.content.decode()
        # a retired term's notice named with a NUL is no term: no notice, no error
        assert client.get("/glossary/implicit-bias/", {"retired": "\x00"}).status_code == 200


@pytest.mark.django_db
def test_a_nul_in_the_session_people_search_is_a_form_error(client, liaison, session):
    client.force_login(liaison)
    with connection.execute_wrapper(_refuse_nul):
        response = client.get(f"/sessions/{session.pk}/people/", {"q": "\x00"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣x", "-1", "9" * 30])
def test_a_bad_requirement_in_the_exemption_link_is_a_400(client, liaison, learner, value):
    client.force_login(liaison)
    url = f"/liaison/GSD/people/{learner.pk}/exemptions/new/"
    response = client.get(url, {"requirement": value})
    assert response.status_code == 400
    assert "names no requirement" in response.content.decode()
    assert client.get(url, {"requirement": "1"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "\x00", "9" * 30, "x"])
def test_a_bad_person_on_a_cancel_button_is_a_400_and_cancels_nothing(
    client, liaison, session, value
):
    from courses.sessions.models import RegistrationStatus

    client.force_login(liaison)
    response = client.post(f"/sessions/{session.pk}/cancel/", {"user": value})
    assert response.status_code == 400
    assert session.registrations.get().status == RegistrationStatus.REGISTERED


@pytest.mark.django_db
def test_record_ids_beyond_64_bits_are_not_found(client, learner, course):
    client.force_login(learner)
    huge = "9" * 30
    for url in [
        f"/learn/evaluation/{huge}/pre/",
        f"/learn/evaluation/{huge}/feedback/",
        f"/downloads/{huge}/1/",
        f"/sessions/{huge}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/learn/lessons/{huge}/done/").status_code == 404


@pytest.mark.django_db
def test_a_course_id_beyond_64_bits_in_the_schedule_form_is_a_form_error(client, ore, course):
    client.force_login(ore)
    response = client.post("/sessions/new/", {"course": "9" * 30, "title": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["course"]


@pytest.mark.django_db
def test_the_admins_refuse_bad_numbers_wagtail_would_choke_on(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/pages/", {"owner": "9" * 30}).status_code == 400
    assert client.get("/admin/workflows/edit/1/", {"p": "²"}).status_code == 400
    assert client.get("/admin/pages/", {"p": "last"}).status_code == 200


@pytest.mark.django_db
def test_a_nul_in_a_department_code_matches_no_url(client, liaison):
    client.force_login(liaison)
    with connection.execute_wrapper(_refuse_nul):
        assert client.get("/liaison/%00/").status_code == 404
        assert client.get("/liaison/GSD%00/people/1/").status_code == 404


@pytest.mark.django_db
def test_the_live_session_admin_form_refuses_ids_that_are_no_ids(client, admin_user, course):
    client.force_login(admin_user)
    for data in [{"course": "²"}, {"course": "9" * 30}, {"department": "9" * 30}]:
        response = client.post("/admin/live-sessions/new/", data)
        assert response.status_code == 200, data
        assert response.context["form"].errors, data


@pytest.mark.django_db
def test_release_versions_and_admin_course_ids_that_are_no_ids_are_not_found(client, ore):
    client.force_login(ore)
    with connection.execute_wrapper(_refuse_nul):
        assert client.get("/analytics/releases/%00/").status_code == 404
        assert client.get("/analytics/releases/x%00/files/csv/").status_code == 404
    huge = "9" * 30
    assert client.get(f"/admin/evaluation/{huge}/").status_code == 404
    assert client.get(f"/admin/check-results/{huge}/").status_code == 404


@pytest.mark.django_db
def test_the_document_chooser_takes_only_ids(client, admin_user):
    client.force_login(admin_user)
    for value in ["x", "%C2%B2", "%00"]:
        assert client.get(f"/admin/documents/chooser/chosen/{value}/").status_code == 404
