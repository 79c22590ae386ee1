"""Who may use /xapi/: a valid per-launch credential (its learner, its registration), ORE staff
reading statements with their session; nobody else, and never a session cookie for a write."""

import base64
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from courses.xapi.agents import actor_for_user
from courses.xapi.credentials import credential_issue, credentials_revoke
from courses.xapi.models import Credential, Statement
from courses.xapi.store import statement_record
from tests.courses.xapi.conftest import XapiClient, basic

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"


def test_no_credential_is_a_401_with_a_challenge(make_statement):
    client = XapiClient()
    for method in ("GET", "POST", "PUT"):
        response = client.request(
            method,
            URL,
            make_statement() if method != "GET" else None,
            statementId=str(uuid.uuid4()),
        )
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Basic")
    response = client.get(
        "/xapi/activities/state",
        activityId="https://example.test/a",
        agent=make_statement()["actor"],
        stateId="s",
    )
    assert response.status_code == 401
    assert not Statement.objects.exists()


def test_a_session_cookie_alone_gets_401_even_for_the_learner(learner, make_statement):
    client = XapiClient()
    client.client.force_login(learner)
    assert client.request("POST", URL, make_statement()).status_code == 401
    assert client.get(URL).status_code == 401
    assert not Statement.objects.exists()


def test_ore_staff_read_statements_with_their_session_but_never_write(ore, learner, make_statement):
    statement_record(statement=make_statement(id=str(uuid.uuid4())))
    client = XapiClient()
    client.client.force_login(ore)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.json()["statements"]) == 1
    assert client.request("POST", URL, make_statement()).status_code == 401
    assert Statement.objects.count() == 1


def test_anonymous_never_reads(make_statement):
    statement_record(statement=make_statement(id=str(uuid.uuid4())))
    assert XapiClient().get(URL).status_code == 401


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer abc",
        "Basic !!!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        # An unknown credential id (fixed, so every pytest-xdist worker collects the same tests).
        "Basic " + base64.b64encode(b"c73077ee-4399-49ec-ab4b-4e56891ae6d7:token").decode(),
    ],
    ids=["bearer", "not-base64", "no-colon", "unknown-credential"],
)
def test_malformed_or_unknown_credentials(authorization, make_statement):
    response = XapiClient(authorization).request("POST", URL, make_statement())
    assert response.status_code == 401
    assert not Statement.objects.exists()


def test_a_wrong_token(launch, make_statement):
    credential, _token = launch
    response = XapiClient(basic(credential, "guessed")).request("POST", URL, make_statement())
    assert response.status_code == 401


def test_an_expired_credential(launch, make_statement):
    credential, token = launch
    Credential.objects.filter(pk=credential.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = XapiClient(basic(credential, token)).request("POST", URL, make_statement())
    assert response.status_code == 401
    assert "expired" in response.json()["error"]
    assert not Statement.objects.exists()


def test_a_revoked_credential(launch, make_statement):
    credential, token = launch
    assert credentials_revoke(credentials=[credential]) == 1
    assert credentials_revoke(credentials=[credential]) == 0
    response = XapiClient(basic(credential, token)).request("POST", URL, make_statement())
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]


def test_the_token_is_stored_hashed(launch):
    credential, token = launch
    credential.refresh_from_db()
    assert token not in credential.token_hash
    assert len(credential.token_hash) == 64


def test_a_credential_writes_only_its_learner_and_registration(
    xapi, make_statement, other_department
):
    from tests.factories import UserFactory

    stranger = UserFactory(department=other_department)
    response = xapi.request("POST", URL, make_statement(actor=actor_for_user(stranger)))
    assert response.status_code == 403
    response = xapi.request(
        "POST", URL, make_statement(context={"registration": str(uuid.uuid4())})
    )
    assert response.status_code == 403
    assert not Statement.objects.exists()


def test_a_credential_reads_only_its_learner(xapi, make_statement, other_department):
    from tests.factories import UserFactory

    stranger = UserFactory(department=other_department)
    theirs = statement_record(
        statement=make_statement(id=str(uuid.uuid4()), actor=actor_for_user(stranger))
    )
    mine = xapi.request("POST", URL, make_statement()).json()[0]
    assert [s["id"] for s in xapi.get(URL).json()["statements"]] == [mine]
    assert xapi.get(URL, statementId=theirs).status_code == 404


def test_cors_only_for_the_package_files_origin(settings, xapi):
    response = xapi.request(
        "GET", "/xapi/about", headers={"Origin": "https://packages.lacity.test"}
    )
    assert "Access-Control-Allow-Origin" not in response
    settings.PACKAGE_FILES_ORIGIN = "https://packages.lacity.test"
    response = xapi.request("OPTIONS", URL, headers={"Origin": "https://packages.lacity.test"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "https://packages.lacity.test"
    assert "Authorization" in response["Access-Control-Allow-Headers"]
    response = xapi.request("OPTIONS", URL, headers={"Origin": "https://evil.test"})
    assert "Access-Control-Allow-Origin" not in response


def test_credential_issue_defaults(learner):
    credential, token = credential_issue(user=learner)
    assert credential.registration is None
    assert credential.actor_key == f"account:https://lms.lacity.test/xapi|user-{learner.pk}"
    assert timedelta(hours=11) < credential.expires_at - timezone.now() <= timedelta(hours=12)
    assert token


def test_the_csrf_check_is_not_what_refuses_a_cookie(learner, make_statement):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(
        URL,
        make_statement(),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert response.status_code == 401  # not 403: no cookie authenticates here at all
