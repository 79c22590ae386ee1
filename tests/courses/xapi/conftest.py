"""Fixtures of the xAPI store's tests: a launch credential for the learner, an HTTP client that
sends it, and statements to send."""

import base64
import uuid

import pytest
from django.test import Client

from courses.xapi.agents import actor_for_user
from courses.xapi.credentials import credential_issue


def basic(credential, token) -> str:
    return "Basic " + base64.b64encode(f"{credential.pk}:{token}".encode()).decode()


class XapiClient:
    """A Django test client that sends the xAPI version header and a credential."""

    def __init__(self, authorization=None, version="1.0.3"):
        self.client = Client()
        self.headers = {}
        if version:
            self.headers["X-Experience-API-Version"] = version
        if authorization:
            self.headers["Authorization"] = authorization

    def request(
        self, method, path, data=None, *, content_type="application/json", headers=None, **params
    ):
        import json as _json
        from urllib.parse import urlencode

        all_headers = {**self.headers, **(headers or {})}
        query = urlencode(
            {k: (_json.dumps(v) if isinstance(v, dict) else v) for k, v in params.items()}
        )
        url = f"{path}?{query}" if query else path
        body = data
        if data is not None and not isinstance(data, bytes | str):
            body = _json.dumps(data)
        kwargs = {"headers": all_headers}
        if body is not None:
            kwargs.update(data=body, content_type=content_type)
        return getattr(self.client, method.lower())(url, **kwargs)

    def get(self, path, **params):
        return self.request("GET", path, **params)


@pytest.fixture
def registration():
    return uuid.uuid4()


@pytest.fixture
def launch(learner, registration):
    """(credential, token) of a launch of the learner in `registration`."""
    return credential_issue(
        user=learner, registration=registration, activity_id="https://example.test/au/1"
    )


@pytest.fixture
def xapi(launch):
    return XapiClient(basic(*launch))


@pytest.fixture
def make_statement(learner, registration):
    def make(**overrides):
        statement = {
            "actor": actor_for_user(learner),
            "verb": {
                "id": "http://adlnet.gov/expapi/verbs/experienced",
                "display": {"en-US": "experienced"},
            },
            "object": {"id": "https://example.test/au/1", "objectType": "Activity"},
            "context": {"registration": str(registration)},
        }
        statement.update(overrides)
        return {k: v for k, v in statement.items() if v is not None}

    return make
