"""Package files: who may read them, the headers they are served with, paths kept inside the
package, and the admin kept out of a package's frame."""

import pytest
from django.test import Client

from courses.packages.files import package_file_url
from courses.packages.importing import package_import
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


def _url(lesson, path="index.html"):
    return package_file_url(lesson.package.current_version, path)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("learner", 200), ("liaison", 200), ("ore", 200)],
)
def test_who_may_read_a_package_file(lesson, request, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = _client(user).get(_url(lesson))
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


def test_package_url_keeps_the_launch_parameters(lesson):
    version = lesson.package.current_version
    assert package_file_url(version, "index.html?level=1") == (
        f"/learn/packages/files/{version.storage_key}/index.html?level=1"
    )


def test_the_files_of_a_second_zip_are_kept_apart(tmp_path, course, learner):
    one = package_import(file=sample_zip(tmp_path, "scorm12_single"), course=course)
    two = package_import(file=sample_zip(tmp_path, "scorm12_two_scos"), course=course)
    client = _client(learner)
    assert client.get(_url(one, "part1.html")).status_code == 404
    assert client.get(_url(two, "part1.html")).status_code == 200
