"""The State, Activity Profile and Agent Profile resources: store, merge, list, delete, and
the ETag concurrency rules."""

import json
import uuid

import pytest

from courses.xapi.agents import actor_for_user
from courses.xapi.models import Document

pytestmark = pytest.mark.django_db

STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"
ACTIVITY = "https://example.test/au/1"


@pytest.fixture
def state(learner, registration):
    return {
        "activityId": ACTIVITY,
        "agent": actor_for_user(learner),
        "registration": str(registration),
    }


def test_state_put_get_post_merge_delete(xapi, state):
    response = xapi.request("PUT", STATE, {"a": 1, "b": 2}, stateId="bookmark", **state)
    assert response.status_code == 204
    etag = response["ETag"]
    response = xapi.get(STATE, stateId="bookmark", **state)
    assert response.status_code == 200
    assert response.json() == {"a": 1, "b": 2}
    assert response["ETag"] == etag
    assert (
        xapi.request("POST", STATE, {"b": 3, "c": 4}, stateId="bookmark", **state).status_code
        == 204
    )
    assert xapi.get(STATE, stateId="bookmark", **state).json() == {"a": 1, "b": 3, "c": 4}
    assert xapi.request("DELETE", STATE, stateId="bookmark", **state).status_code == 204
    assert xapi.get(STATE, stateId="bookmark", **state).status_code == 404


def test_state_keeps_any_content_type(xapi, state):
    response = xapi.request(
        "PUT",
        STATE,
        b"\x00\x01binary",
        content_type="application/octet-stream",
        stateId="blob",
        **state,
    )
    assert response.status_code == 204
    response = xapi.get(STATE, stateId="blob", **state)
    assert response.content == b"\x00\x01binary"
    assert response["Content-Type"] == "application/octet-stream"
    # a non-JSON document cannot be merged into
    response = xapi.request("POST", STATE, {"a": 1}, stateId="blob", **state)
    assert response.status_code == 400
    assert xapi.get(STATE, stateId="blob", **state).content == b"\x00\x01binary"


def test_state_ids_since_and_delete_all(xapi, state):
    xapi.request("PUT", STATE, {"n": 1}, stateId="one", **state)
    middle = Document.objects.get().updated
    xapi.request("PUT", STATE, {"n": 2}, stateId="two", **state)
    assert xapi.get(STATE, **state).json() == ["one", "two"]
    assert xapi.get(STATE, since=middle.isoformat(), **state).json() == ["two"]
    assert xapi.request("DELETE", STATE, **state).status_code == 204
    assert xapi.get(STATE, **state).json() == []


def test_state_of_another_learner_or_registration_is_forbidden(xapi, state, other_department):
    from tests.factories import UserFactory

    stranger = UserFactory(department=other_department)
    response = xapi.request(
        "PUT", STATE, {"a": 1}, stateId="s", **{**state, "agent": actor_for_user(stranger)}
    )
    assert response.status_code == 403
    response = xapi.request(
        "PUT", STATE, {"a": 1}, stateId="s", **{**state, "registration": str(uuid.uuid4())}
    )
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_state_needs_activity_and_agent(xapi, state):
    assert xapi.get(STATE, stateId="s", agent=state["agent"]).status_code == 400
    assert xapi.get(STATE, stateId="s", activityId=ACTIVITY).status_code == 400
    assert xapi.get(STATE, stateId="s", activityId=ACTIVITY, agent="{not json").status_code == 400


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (ACTIVITY_PROFILE, lambda learner: {"activityId": ACTIVITY}),
        (AGENT_PROFILE, lambda learner: {"agent": actor_for_user(learner)}),
    ],
    ids=["activity profile", "agent profile"],
)
def test_profile_concurrency(xapi, learner, url, params):
    scope = params(learner)
    created = xapi.request(
        "PUT", url, {"v": 1}, profileId="p", headers={"If-None-Match": "*"}, **scope
    )
    assert created.status_code == 204
    etag = created["ETag"]
    # it exists now: If-None-Match * refuses, a PUT without a precondition conflicts
    assert (
        xapi.request(
            "PUT", url, {"v": 2}, profileId="p", headers={"If-None-Match": "*"}, **scope
        ).status_code
        == 412
    )
    conflict = xapi.request("PUT", url, {"v": 2}, profileId="p", **scope)
    assert conflict.status_code == 409
    assert "If-Match" in conflict.json()["error"]
    # a stale ETag loses, the current one wins
    assert (
        xapi.request(
            "PUT", url, {"v": 2}, profileId="p", headers={"If-Match": '"stale"'}, **scope
        ).status_code
        == 412
    )
    assert xapi.get(url, profileId="p", **scope).json() == {"v": 1}
    updated = xapi.request("PUT", url, {"v": 2}, profileId="p", headers={"If-Match": etag}, **scope)
    assert updated.status_code == 204
    assert updated["ETag"] != etag
    assert xapi.get(url, profileId="p", **scope).json() == {"v": 2}
    # POST merges, honouring If-Match too
    assert (
        xapi.request(
            "POST", url, {"w": 3}, profileId="p", headers={"If-Match": etag}, **scope
        ).status_code
        == 412
    )
    assert xapi.request("POST", url, {"w": 3}, profileId="p", **scope).status_code == 204
    assert xapi.get(url, profileId="p", **scope).json() == {"v": 2, "w": 3}
    assert xapi.get(url, **scope).json() == ["p"]
    assert (
        xapi.request(
            "DELETE", url, profileId="p", headers={"If-Match": '"stale"'}, **scope
        ).status_code
        == 412
    )
    assert xapi.request("DELETE", url, profileId="p", **scope).status_code == 204
    assert xapi.get(url, profileId="p", **scope).status_code == 404


def test_activity_profile_writes_only_for_the_credentials_activity(xapi):
    response = xapi.request(
        "PUT", ACTIVITY_PROFILE, {"v": 1}, profileId="p", activityId="https://example.test/other"
    )
    assert response.status_code == 403
    assert (
        xapi.get(
            ACTIVITY_PROFILE, profileId="p", activityId="https://example.test/other"
        ).status_code
        == 404
    )


def test_merge_needs_json_objects(xapi, state):
    response = xapi.request("POST", STATE, json.dumps([1, 2]), stateId="s", **state)
    assert response.status_code == 400
    assert not Document.objects.exists()
