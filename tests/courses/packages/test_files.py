"""Package files: who may read them (a signed-in session on the site's origin, or the learner's
token in the URL on any origin), the headers they are served with, paths kept inside the
package, the admin kept out of a package's frame, and a separate package origin (the SCORM
cross-frame API injected into its HTML pages)."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from courses.packages.files import file_token, package_file_url
from courses.packages.importing import package_import
from lms.security import content_security_policy
from tests.courses.packages.builders import sample_files, sample_zip, zip_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(tmp_path, course):
    files = {
        **sample_files("scorm12_single"),
        "notes.txt": "plain text",
        "data.unknownext": "??",
        "media/clip.bin": bytes(range(256)) * 4,
    }
    return package_import(file=zip_write(tmp_path / "p.zip", files), course=course)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(lesson, path="index.html", user=None):
    """The file's URL with `user`'s token, or, without a user, with no valid token (only a
    signed-in session on the site's origin opens it)."""
    version = lesson.package.current_version
    if user is None:
        return f"/learn/packages/files/{version.storage_key}/-/{path}"
    return package_file_url(version, path, user=user)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("learner", 200), ("liaison", 200), ("ore", 200)],
)
def test_who_may_read_a_package_file(lesson, request, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = _client(user).get(_url(lesson))  # the session, no token
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_a_draft_package_lesson_is_for_ore_previews_only(lesson, learner, ore):
    lesson.unpublish()
    assert _client(learner).get(_url(lesson)).status_code == 404
    assert _client(ore).get(_url(lesson)).status_code == 200


def test_an_unknown_version_is_not_found(lesson, learner):
    url = _url(lesson).replace(str(lesson.package.current_version.storage_key), "0" * 32)
    assert _client(learner).get(url).status_code == 404


def test_headers_of_a_package_file(lesson, learner):
    response = _client(learner).get(_url(lesson))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "form-action 'self'" in policy
    assert "object-src 'none'" in policy
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "Set-Cookie" not in response
    assert not response.cookies


def test_content_types_come_from_the_extension(lesson, learner):
    client = _client(learner)
    assert client.get(_url(lesson, "sco.js"))["Content-Type"].startswith("text/javascript")
    assert client.get(_url(lesson, "notes.txt"))["Content-Type"].startswith("text/plain")
    assert client.get(_url(lesson, "data.unknownext"))["Content-Type"] == (
        "application/octet-stream"
    )


def test_a_byte_range_is_served(lesson, learner):
    response = _client(learner).get(_url(lesson, "media/clip.bin"), HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(response.streaming_content) == bytes(range(10, 20))


@pytest.mark.parametrize(
    "path", ["../../../etc/passwd", "%2e%2e/%2e%2e/settings.py", "media/../../x", "missing.html"]
)
def test_paths_outside_the_package_are_refused(lesson, learner, path):
    base = _url(lesson, "")
    assert _client(learner).get(base + path).status_code == 404


def test_the_admin_is_refused_to_a_package_frame(lesson, ore):
    client = _client(ore)
    referer = "http://testserver" + _url(lesson)
    assert client.get("/admin/", HTTP_REFERER=referer).status_code == 403
    assert client.get("/django-admin/", HTTP_REFERER=referer).status_code == 403
    assert client.get("/admin/", HTTP_SEC_FETCH_DEST="iframe").status_code == 403
    # The admin framing itself (page previews) and a plain visit still work.
    assert (
        client.get(
            "/admin/", HTTP_SEC_FETCH_DEST="iframe", HTTP_REFERER="http://testserver/admin/pages/"
        ).status_code
        != 403
    )
    assert client.get("/admin/").status_code != 403


def test_package_url_keeps_the_launch_parameters(lesson, learner):
    version = lesson.package.current_version
    token = file_token(user=learner, storage_key=version.storage_key)
    assert package_file_url(version, "index.html?level=1", user=learner) == (
        f"/learn/packages/files/{version.storage_key}/{token}/index.html?level=1"
    )


def test_the_files_of_a_second_zip_are_kept_apart(tmp_path, course, learner):
    one = package_import(file=sample_zip(tmp_path, "scorm12_single"), course=course)
    two = package_import(file=sample_zip(tmp_path, "scorm12_two_scos"), course=course)
    client = _client(learner)
    assert client.get(_url(one, "part1.html")).status_code == 404
    assert client.get(_url(two, "part1.html")).status_code == 200


# The learner's token: any origin, no session.

PACKAGES = "packages.testserver"


@pytest.fixture
def package_origin(settings):
    """Package files on their own origin: a second host name of the same application."""
    settings.PACKAGE_FILES_ORIGIN = f"http://{PACKAGES}"
    settings.ALLOWED_HOSTS = ["testserver", PACKAGES]
    settings.SITE_URL = "http://testserver"
    # what lms.settings.base derives from the environment (see the test below)
    settings.SECURE_CSP, settings.SECURE_CSP_ADMIN = content_security_policy(
        frame_sources=[settings.PACKAGE_FILES_ORIGIN]
    )
    return settings.PACKAGE_FILES_ORIGIN


def test_the_settings_let_the_site_frame_the_package_origin():
    code = "from django.conf import settings; print(settings.SECURE_CSP['frame-src'])"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "PACKAGE_FILES_ORIGIN": "https://packages.lms.example.org/",
    }
    out = subprocess.run(  # noqa: S603  (our own interpreter, fixed arguments)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[3],
    ).stdout
    assert "'https://packages.lms.example.org'" in out


def _on_packages(client, url, **extra):
    """GET `url` (absolute on the package origin) as the browser would there: no cookies."""
    assert url.startswith(f"http://{PACKAGES}/")
    return client.get(url.removeprefix(f"http://{PACKAGES}"), HTTP_HOST=PACKAGES, **extra)


def test_a_token_url_opens_the_file_without_a_session(lesson, learner):
    response = Client().get(_url(lesson, user=learner))
    assert response.status_code == 200
    assert b"Reading an equity indicator" in b"".join(response.streaming_content)
    assert "Set-Cookie" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_relative_links_keep_the_token(lesson, learner):
    # index.html loads sco.js relatively: the token is part of the folder, so it is kept
    url = _url(lesson, user=learner)
    sibling = url.rsplit("/", 1)[0] + "/sco.js"
    assert sibling == _url(lesson, "sco.js", user=learner)
    assert Client().get(sibling).status_code == 200


def test_a_token_url_on_the_package_origin(lesson, learner, package_origin):
    url = _url(lesson, user=learner)
    assert url.startswith(package_origin + "/learn/packages/files/")
    response = _on_packages(Client(), url)
    assert response.status_code == 200
    assert "Set-Cookie" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_an_expired_token_is_refused(lesson, learner, package_origin):
    url = _url(lesson, user=learner)
    with time_machine.travel(timezone.now() + timedelta(hours=11)):
        assert _on_packages(Client(), url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=13, minutes=1)):
        response = _on_packages(Client(), url)
        assert response.status_code == 404
        assert b"equity indicator" not in response.content
        # on the site's origin an anonymous request is sent to sign in, nothing served
        site = Client().get(url.removeprefix(package_origin))
        assert site.status_code == 302
        assert "login" in site["Location"]


def test_a_token_for_another_version_is_refused(tmp_path, course, learner, package_origin):
    one = package_import(file=sample_zip(tmp_path, "scorm12_single"), course=course)
    two = package_import(file=sample_zip(tmp_path, "scorm12_two_scos"), course=course)
    one_key = str(one.package.current_version.storage_key)
    two_key = str(two.package.current_version.storage_key)
    foreign = _url(one, "imsmanifest.xml", user=learner).replace(one_key, two_key)
    assert _on_packages(Client(), foreign).status_code == 404
    assert _on_packages(Client(), _url(two, "imsmanifest.xml", user=learner)).status_code == 200


def test_a_tampered_token_is_refused(lesson, learner, liaison, package_origin):
    url = _url(lesson, user=learner)
    key = str(lesson.package.current_version.storage_key)
    token = file_token(user=learner, storage_key=key)
    pk, stamp, signature = token.split(":")
    for forged in (
        f"{liaison.pk}:{stamp}:{signature}",  # someone else's pk with the learner's signature
        f"{pk}:{stamp}:{signature[:-2]}xx",
        f"{pk}:{stamp}",
        "-",
    ):
        response = _on_packages(Client(), url.replace(token, forged))
        assert response.status_code == 404, forged


def test_a_learner_who_lost_access_is_refused(lesson, learner, package_origin):
    url = _url(lesson, user=learner)
    assert _on_packages(Client(), url).status_code == 200
    lesson.unpublish()
    assert _on_packages(Client(), url).status_code == 404
    lesson.save_revision().publish()
    assert _on_packages(Client(), url).status_code == 200
    learner.is_active = False  # left the City
    learner.save(update_fields=["is_active"])
    assert _on_packages(Client(), url).status_code == 404


def test_the_session_is_not_accepted_on_the_package_origin(lesson, learner, package_origin):
    # Without a valid token, a session cookie (were one sent there) opens nothing.
    url = f"{package_origin}/learn/packages/files/{lesson.package.current_version.storage_key}"
    assert _on_packages(_client(learner), url + "/-/index.html").status_code == 404
    # ... while on the site's own origin it still does.
    assert _client(learner).get(_url(lesson)).status_code == 200


def test_the_player_and_its_frame_use_the_learners_token(lesson, learner, package_origin):
    response = _client(learner).get(lesson.url)
    assert response.status_code == 200
    token = file_token(user=learner, storage_key=lesson.package.current_version.storage_key)
    config = response.context["package_player"]["config"]
    assert config["launchUrl"].startswith(f"{package_origin}/learn/packages/files/")
    assert f"/{token}/" in config["launchUrl"]
    assert config["filesOrigin"] == package_origin
    assert b"cross-frame-lms.min.js" in response.content
    assert package_origin in response["Content-Security-Policy"].split("frame-src")[1]


def test_the_same_origin_player_is_unchanged(lesson, learner):
    response = _client(learner).get(lesson.url)
    config = response.context["package_player"]["config"]
    assert config["launchUrl"].startswith("/learn/packages/files/")
    assert config["filesOrigin"] == ""
    assert b"cross-frame-lms" not in response.content


# SCORM across origins: the injected cross-frame API.


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_html_on_the_package_origin_gets_the_cross_frame_api(lesson, learner, package_origin):
    response = _on_packages(Client(), _url(lesson, user=learner))
    html = _content(response).decode()
    head = html.split("<head>", 1)[1]
    assert head.startswith(
        '<script src="/static/vendor/scorm-again/cross-frame-api.min.js"></script>'
        '<script src="/static/courses/packages/sco-api.js"'
        ' data-lms-origin="http://testserver" data-scorm-kind="scorm12"></script>'
    )
    assert html.count("<script") == 3  # the two, then the package's own sco.js
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' http://testserver" in policy
    assert "connect-src 'self' http://testserver" in policy
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "X-Frame-Options" not in response  # the site (another origin) frames it
    assert "Set-Cookie" not in response


def test_other_files_on_the_package_origin_are_served_as_they_are(
    lesson, learner, package_origin, settings
):
    for path in ("sco.js", "notes.txt", "imsmanifest.xml"):
        response = _on_packages(Client(), _url(lesson, path, user=learner))
        disk = settings.PACKAGE_ROOT / str(lesson.package.current_version.storage_key) / path
        assert _content(response) == disk.read_bytes(), path


def test_html_on_the_sites_origin_is_served_as_it_is(lesson, learner, settings):
    response = _client(learner).get(_url(lesson, user=learner))
    disk = settings.PACKAGE_ROOT / str(lesson.package.current_version.storage_key) / "index.html"
    assert _content(response) == disk.read_bytes()
    assert b"cross-frame" not in _content(response)
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_package_origin_serves_nothing_but_package_and_static_files(
    lesson, learner, package_origin
):
    client = _client(learner)
    for path in ("/", "/accounts/login/", "/learn/", "/admin/", "/xapi/about", lesson.url):
        response = client.get(path, HTTP_HOST=PACKAGES)
        assert response.status_code == 404, path
        assert not response.cookies, path
        assert b"Only course package files are served here." in response.content
    # static files pass (the injected scripts load from there; the test client has no
    # collected static files, so the site answers both hosts alike)
    static = "/static/courses/packages/sco-api.js"
    there = client.get(static, HTTP_HOST=PACKAGES)
    assert b"Only course package files" not in there.content
    assert there.status_code == client.get(static).status_code
    assert _on_packages(Client(), _url(lesson, user=learner)).status_code == 200
    # the site itself is untouched
    assert client.get(lesson.url).status_code == 200


# The session, the user and their roles; the version; for a learner, the live lessons that
# play it and their course.
PACKAGE_FILE_QUERIES = {"learner": 6, "ore": 4}


@pytest.mark.parametrize("who", ["learner", "ore"])
def test_a_package_file_asks_who_may_read_it_in_a_fixed_number_of_queries(lesson, request, who):
    """A package loads dozens of files: whether the reader is ORE staff (who may preview any
    package) comes from the request's roles query (lms.users.roles), not from Django's
    permission reads on top of it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(request.getfixturevalue(who))
    url = _url(lesson)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    assert [s for s in sql if "auth_permission" in s and "EXISTS" not in s] == []
    assert len(sql) == PACKAGE_FILE_QUERIES[who]
