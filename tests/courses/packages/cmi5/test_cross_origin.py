"""cmi5 with package files on a separate origin (PACKAGE_FILES_ORIGIN): the AU's page is there,
its fetch URL and the xAPI endpoint are on the site; the browser's preflights and the AU's
requests from that origin get the CORS answers they need, and no other origin does."""

import base64
import json
from urllib.parse import urlsplit

import pytest
from django.test import Client

from courses.packages.cmi5 import vocab
from courses.packages.files import file_token
from tests.courses.packages.cmi5.helpers import cmi5_lesson, launch

pytestmark = pytest.mark.django_db
PACKAGES = "https://packages.lacity.test"


@pytest.fixture
def lesson(course, settings):
    settings.PACKAGE_FILES_ORIGIN = PACKAGES
    return cmi5_lesson(course)


def _path(url) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _preflight(path, origin, headers):
    return Client().options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": headers,
        },
    )


def test_the_au_is_launched_on_the_package_origin_with_the_learners_token(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    token = file_token(user=learner, storage_key=lesson.package.current_version.storage_key)
    assert au.url.startswith(f"{PACKAGES}/learn/packages/files/")
    assert f"/{token}/au.html?" in au.url
    assert au.params["endpoint"] == "http://testserver/xapi/"


def test_the_fetch_url_answers_the_package_origin(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    preflight = _preflight(_path(au.params["fetch"]), PACKAGES, "content-type")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == PACKAGES
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight["Access-Control-Allow-Headers"]
    response = Client().post(_path(au.params["fetch"]), headers={"Origin": PACKAGES})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PACKAGES
    assert "Access-Control-Allow-Credentials" not in response
    assert base64.b64decode(response.json()["auth-token"])
    # an error answer is readable there too (8.2.3: the AU must see the error-code)
    again = Client().post(_path(au.params["fetch"]), headers={"Origin": PACKAGES})
    assert again.json()["error-code"] == "1"
    assert again["Access-Control-Allow-Origin"] == PACKAGES


def test_the_fetch_url_answers_no_other_origin(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    preflight = _preflight(_path(au.params["fetch"]), "https://evil.test", "content-type")
    assert "Access-Control-Allow-Origin" not in preflight
    response = Client().post(_path(au.params["fetch"]), headers={"Origin": "https://evil.test"})
    assert "Access-Control-Allow-Origin" not in response
    assert Client().get(_path(au.params["fetch"])).status_code == 405


def test_the_xapi_preflight_and_a_statement_from_the_package_origin(learner, lesson):
    au = launch(learner, lesson, "completed")
    preflight = _preflight(
        "/xapi/statements", PACKAGES, "authorization,content-type,x-experience-api-version"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == PACKAGES
    allowed = {h.strip().lower() for h in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "x-experience-api-version"} <= allowed
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "PUT" in preflight["Access-Control-Allow-Methods"]
    # the AU's POST from that origin (Basic auth, no cookies) is stored and readable there
    response = Client().post(
        "/xapi/statements",
        json.dumps(au.statement(vocab.VERB_INITIALIZED)),
        content_type="application/json",
        headers={
            "Origin": PACKAGES,
            "Authorization": au.authorization,
            "X-Experience-API-Version": "1.0.3",
        },
    )
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == PACKAGES
    assert "X-Experience-API-Version" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
