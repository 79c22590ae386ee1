"""The store's services, without HTTP: statements stored atomically, idempotent ids, voiding,
credentials' limits, policies."""

import uuid

import pytest

from courses.xapi import policies
from courses.xapi.agents import agent_key, lms_authority
from courses.xapi.errors import XapiError
from courses.xapi.models import Statement, StatementActivity, StatementAgent
from courses.xapi.store import statement_record, statements_store

pytestmark = pytest.mark.django_db

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def test_a_batch_is_stored_with_the_lrs_properties(launch, make_statement):
    credential, _token = launch
    ids = statements_store(statements=[make_statement(), make_statement()], credential=credential)
    assert len(ids) == 2
    row = Statement.objects.get(statement_id=ids[0])
    assert row.payload["version"] == "1.0.3"
    assert row.payload["authority"]["account"]["name"] == "equity-lms"
    assert row.payload["stored"]
    assert row.payload["timestamp"] == row.payload["stored"]
    assert row.credential == credential
    assert StatementActivity.objects.filter(statement=row, is_object=True).count() == 1
    assert StatementAgent.objects.filter(statement=row, is_actor=True).count() == 1


def test_the_same_statement_twice_is_stored_once(launch, make_statement):
    credential, _token = launch
    statement = make_statement(id=str(uuid.uuid4()))
    statements_store(statements=[statement], credential=credential)
    statements_store(statements=[statement], credential=credential)
    assert Statement.objects.count() == 1


def test_a_different_statement_with_a_stored_id_is_a_conflict(launch, make_statement):
    credential, _token = launch
    statement_id = str(uuid.uuid4())
    statements_store(statements=[make_statement(id=statement_id)], credential=credential)
    with pytest.raises(XapiError) as refused:
        statements_store(
            statements=[
                make_statement(),
                make_statement(
                    id=statement_id, verb={"id": "http://adlnet.gov/expapi/verbs/completed"}
                ),
            ],
            credential=credential,
        )
    assert refused.value.status == 409
    assert Statement.objects.count() == 1  # nothing of the batch


def test_a_credential_writes_only_its_learner(launch, make_statement, other_department):
    from courses.xapi.agents import actor_for_user
    from tests.factories import UserFactory

    credential, _token = launch
    stranger = UserFactory(department=other_department)
    with pytest.raises(XapiError) as refused:
        statements_store(
            statements=[make_statement(actor=actor_for_user(stranger))], credential=credential
        )
    assert refused.value.status == 403
    assert "own learner" in refused.value.message
    assert not Statement.objects.exists()


def test_a_credential_writes_only_its_registration(launch, make_statement):
    credential, _token = launch
    for context in ({"registration": str(uuid.uuid4())}, None):
        with pytest.raises(XapiError) as refused:
            statements_store(statements=[make_statement(context=context)], credential=credential)
        assert refused.value.status == 403
    assert not Statement.objects.exists()


def test_voiding_flags_the_target_and_a_voiding_statement_cannot_be_voided(launch, make_statement):
    credential, _token = launch
    target = statements_store(statements=[make_statement()], credential=credential)[0]
    voiding = statements_store(
        statements=[
            make_statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target})
        ],
        credential=credential,
    )[0]
    assert Statement.objects.get(statement_id=target).voided
    assert not Statement.objects.get(statement_id=voiding).voided
    with pytest.raises(XapiError) as refused:
        statements_store(
            statements=[
                make_statement(
                    verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": voiding}
                )
            ],
            credential=credential,
        )
    assert refused.value.status == 400
    assert not Statement.objects.get(statement_id=voiding).voided


def test_a_policy_refuses_the_whole_batch_and_after_store_sees_it(
    launch, make_statement, monkeypatch
):
    credential, _token = launch
    seen = []
    monkeypatch.setattr(policies, "_policies", [])
    monkeypatch.setattr(policies, "_after_store", [])

    @policies.statement_policy
    def no_failed(*, credential, statement):
        if statement["verb"]["id"].endswith("/failed"):
            raise XapiError("no failing here", 403)

    @policies.after_store
    def remember(*, credential, statements):
        seen.extend(s["id"] for s in statements)

    with pytest.raises(XapiError):
        statements_store(
            statements=[
                make_statement(),
                make_statement(verb={"id": "http://adlnet.gov/expapi/verbs/failed"}),
            ],
            credential=credential,
        )
    assert not Statement.objects.exists()
    ids = statements_store(statements=[make_statement()], credential=credential)
    assert seen == ids


def test_the_lms_records_its_own_statements_idempotently(learner, make_statement):
    statement = make_statement(id=str(uuid.uuid4()), context=None)
    assert statement_record(statement=statement) == statement["id"]
    assert statement_record(statement=statement) == statement["id"]
    assert Statement.objects.get().credential is None


def test_the_lms_s_own_statement_is_indexed_by_every_activity_and_agent(learner, make_statement):
    parent = {"id": "https://example.test/course/1", "objectType": "Activity"}
    grouping = {"id": "https://example.test/program/1", "objectType": "Activity"}
    statement = make_statement(
        id=str(uuid.uuid4()),
        context={"contextActivities": {"parent": [parent], "grouping": [grouping]}},
    )
    statement_record(statement=statement)
    row = Statement.objects.get(statement_id=statement["id"])
    assert set(row.activities.values_list("activity_id", "is_object")) == {
        ("https://example.test/au/1", True),
        (parent["id"], False),
        (grouping["id"], False),
    }
    assert dict(row.agents.values_list("agent_key", "is_actor")) == {
        agent_key(statement["actor"]): True,
        agent_key(lms_authority()): False,
    }


def test_the_lms_s_own_batch_with_an_id_stored_differently_stores_none(learner, make_statement):
    stored = make_statement(id=str(uuid.uuid4()), context=None)
    statement_record(statement=stored)
    changed = {**stored, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}}
    with pytest.raises(XapiError) as refused:
        statements_store(statements=[make_statement(id=str(uuid.uuid4()), context=None), changed])
    assert refused.value.status == 409
    assert list(Statement.objects.values_list("statement_id", flat=True)) == [
        uuid.UUID(stored["id"])
    ]


def test_the_lms_s_own_statement_refused_leaves_the_enclosing_transaction_usable(
    learner, make_statement
):
    from django.db import transaction

    stored = make_statement(id=str(uuid.uuid4()), context=None)
    changed = {**stored, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}}
    other = make_statement(id=str(uuid.uuid4()), context=None)
    with transaction.atomic():
        statement_record(statement=stored)
        with pytest.raises(XapiError) as refused:
            statement_record(statement=changed)
        statement_record(statement=other)  # the transaction goes on
    assert refused.value.status == 409
    assert Statement.objects.count() == 2
    assert Statement.objects.get(statement_id=stored["id"]).payload["verb"] == stored["verb"]


def test_a_policy_sees_the_earlier_statements_of_its_batch_and_not_resends(
    launch, make_statement, monkeypatch
):
    credential, _token = launch
    monkeypatch.setattr(policies, "_policies", [])
    seen = []

    @policies.statement_policy
    def order(*, credential, statement):
        seen.append(
            (statement["verb"]["id"], [s["verb"]["id"] for s in policies.batch_statements()])
        )
        if statement["verb"]["id"].endswith("/completed") and not any(
            s["verb"]["id"].endswith("/initialized") for s in policies.batch_statements()
        ):
            raise XapiError("initialized must come first", 403)

    initialized = make_statement(
        id=str(uuid.uuid4()), verb={"id": "http://adlnet.gov/expapi/verbs/initialized"}
    )
    completed = make_statement(
        id=str(uuid.uuid4()), verb={"id": "http://adlnet.gov/expapi/verbs/completed"}
    )
    with pytest.raises(XapiError):
        statements_store(statements=[completed, initialized], credential=credential)
    seen.clear()
    statements_store(statements=[initialized, completed], credential=credential)
    assert seen == [
        ("http://adlnet.gov/expapi/verbs/initialized", []),
        (
            "http://adlnet.gov/expapi/verbs/completed",
            ["http://adlnet.gov/expapi/verbs/initialized"],
        ),
    ]
    seen.clear()
    statements_store(statements=[completed], credential=credential)  # a resend: not checked again
    assert seen == []
    assert policies.batch_statements() == ()
