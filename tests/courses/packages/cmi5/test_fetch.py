"""The fetch URL (cmi5_spec.md 8.2): POST only, the auth-token once, then the spec's error."""

import base64
from urllib.parse import urlsplit

import pytest
from django.test import Client

from courses.xapi.models import Credential
from tests.courses.packages.cmi5.helpers import cmi5_lesson, launch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course):
    return cmi5_lesson(course)


def _path(au) -> str:
    fetch = urlsplit(au.params["fetch"])
    return f"{fetch.path}?{fetch.query}"


def test_the_first_post_returns_a_basic_token_for_a_session_credential(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    response = Client().post(_path(au))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    credential_id, _token = base64.b64decode(response.json()["auth-token"]).decode().split(":")
    credential = Credential.objects.get(pk=credential_id)
    assert credential.user == learner
    assert str(credential.session_id) == au.session_id
    assert str(credential.registration) == au.params["registration"]
    assert credential.activity_id == au.params["activityId"]


def test_a_second_post_gets_error_code_1_and_no_token(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    Client().post(_path(au))
    again = Client().post(_path(au))
    assert again.status_code == 200  # 8.2.1: errors are answered with 200 too
    assert again.json() == {
        "error-code": "1",
        "error-text": "The authorization token has already been returned.",
    }
    assert Credential.objects.count() == 1


def test_get_is_not_allowed(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    assert Client().get(_path(au)).status_code == 405
    assert not Credential.objects.exists()


def test_a_wrong_secret_gets_error_code_2(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    path = _path(au).split("?")[0] + "?k=guessed"
    body = Client().post(path).json()
    assert body["error-code"] == "2"
    assert "auth-token" not in body
    # and the right secret still works afterwards
    assert "auth-token" in Client().post(_path(au)).json()


def test_another_learner_cannot_fetch_someone_elses_token(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    client = Client()
    client.force_login(UserFactory())
    body = client.post(_path(au)).json()
    assert body == {"error-code": "2", "error-text": "This launch belongs to another learner."}
    assert not Credential.objects.exists()


def test_the_learner_signed_in_may_fetch(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    client = Client()
    client.force_login(learner)
    assert "auth-token" in client.post(_path(au)).json()


def test_an_abandoned_sessions_fetch_url_is_spent(learner, lesson):
    first = launch(learner, lesson, "completed", fetch=False)
    launch(learner, lesson, "passed", fetch=False)  # abandons the first session
    assert Client().post(_path(first)).json()["error-code"] == "1"
