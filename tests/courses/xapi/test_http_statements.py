"""The Statements resource over HTTP: PUT, POST, GET (single, filters, formats, paging),
voiding, the version header, and a fixed number of queries per page."""

import uuid
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.xapi.models import Statement

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"


def test_put_stores_once_and_conflicts_on_a_different_statement(xapi, make_statement):
    statement_id = str(uuid.uuid4())
    response = xapi.request("PUT", URL, make_statement(), statementId=statement_id)
    assert response.status_code == 204
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert xapi.request("PUT", URL, make_statement(), statementId=statement_id).status_code == 204
    response = xapi.request(
        "PUT", URL, make_statement(verb={"id": COMPLETED}), statementId=statement_id
    )
    assert response.status_code == 409
    assert Statement.objects.get().verb_id != COMPLETED


def test_put_needs_a_statement_id_matching_the_body(xapi, make_statement):
    assert xapi.request("PUT", URL, make_statement()).status_code == 400
    response = xapi.request(
        "PUT", URL, make_statement(id=str(uuid.uuid4())), statementId=str(uuid.uuid4())
    )
    assert response.status_code == 400
    assert "differs" in response.json()["error"]
    assert not Statement.objects.exists()


def test_post_one_or_many_returns_the_ids_generating_missing_ones(xapi, make_statement):
    given = str(uuid.uuid4())
    response = xapi.request("POST", URL, [make_statement(id=given), make_statement()])
    assert response.status_code == 200
    ids = response.json()
    assert ids[0] == given
    assert uuid.UUID(ids[1])
    response = xapi.request("POST", URL, make_statement())
    assert response.status_code == 200
    assert len(response.json()) == 1
    assert Statement.objects.count() == 3


def test_get_by_id_and_the_consistent_through_header(xapi, make_statement):
    statement_id = xapi.request("POST", URL, make_statement()).json()[0]
    response = xapi.get(URL, statementId=statement_id)
    assert response.status_code == 200
    assert response.json()["id"] == statement_id
    assert response["X-Experience-API-Consistent-Through"]
    assert xapi.get(URL, statementId=str(uuid.uuid4())).status_code == 404
    assert xapi.get(URL, statementId=statement_id, verb=COMPLETED).status_code == 400


def test_voided_statements_only_by_voided_statement_id(xapi, make_statement):
    target = xapi.request("POST", URL, make_statement()).json()[0]
    voiding = make_statement(
        verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target}
    )
    voiding_id = xapi.request("POST", URL, voiding).json()[0]
    assert xapi.get(URL, statementId=target).status_code == 404
    assert xapi.get(URL, voidedStatementId=target).json()["id"] == target
    listed = [s["id"] for s in xapi.get(URL).json()["statements"]]
    assert listed == [voiding_id]
    # a voiding statement cannot itself be voided
    again = make_statement(
        verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": voiding_id}
    )
    assert xapi.request("POST", URL, again).status_code == 400


def test_filters(xapi, make_statement, registration):
    other_activity = "https://example.test/au/2"
    parent = "https://example.test/course"
    a = xapi.request("POST", URL, make_statement(verb={"id": COMPLETED})).json()[0]
    b = xapi.request(
        "POST",
        URL,
        make_statement(
            object={"id": other_activity},
            context={
                "registration": str(registration),
                "contextActivities": {"parent": [{"id": parent}]},
            },
        ),
    ).json()[0]

    def ids(**params):
        response = xapi.get(URL, **params)
        assert response.status_code == 200, response.content
        return {s["id"] for s in response.json()["statements"]}

    assert ids(verb=COMPLETED) == {a}
    assert ids(activity=other_activity) == {b}
    assert ids(activity=parent) == set()
    assert ids(activity=parent, related_activities="true") == {b}
    assert ids(registration=str(registration)) == {a, b}
    assert ids(registration=str(uuid.uuid4())) == set()
    actor = make_statement()["actor"]
    assert ids(agent=actor) == {a, b}
    assert ids(agent={"mbox": "mailto:nobody@example.test"}) == set()
    stored_a = Statement.objects.get(statement_id=a).stored
    assert ids(since=stored_a.isoformat()) == {b}
    assert ids(until=stored_a.isoformat()) == {a}
    assert xapi.get(URL, colour="blue").status_code == 400
    assert xapi.get(URL, since="yesterday").status_code == 400


def test_formats(xapi, make_statement):
    statement = make_statement(
        object={"id": "https://example.test/au/1", "definition": {"name": {"en-US": "One"}}}
    )
    statement_id = xapi.request("POST", URL, statement).json()[0]
    exact = xapi.get(URL, statementId=statement_id, format="exact").json()
    assert exact["object"]["definition"]["name"] == {"en-US": "One"}
    ids = xapi.get(URL, statementId=statement_id, format="ids").json()
    assert "definition" not in ids["object"]
    assert "display" not in ids["verb"]
    assert xapi.get(URL, statementId=statement_id, format="pretty").status_code == 400


def test_more_pages_through_every_statement_once(xapi, make_statement):
    sent = xapi.request("POST", URL, [make_statement() for _ in range(5)]).json()
    seen = []
    response = xapi.get(URL, limit=2)
    while True:
        body = response.json()
        seen += [s["id"] for s in body["statements"]]
        if not body["more"]:
            break
        assert urlsplit(body["more"]).path == URL
        # the continuation is stable: asking again gives the same page
        assert (
            xapi.client.get(body["more"], headers=xapi.headers).json()
            == xapi.client.get(body["more"], headers=xapi.headers).json()
        )
        response = xapi.client.get(body["more"], headers=xapi.headers)
    assert sorted(seen) == sorted(sent)
    assert len(seen) == 5
    ascending = [s["id"] for s in xapi.get(URL, ascending="true", limit=10).json()["statements"]]
    assert ascending == list(reversed(seen))


def test_a_page_is_a_fixed_number_of_queries(xapi, make_statement, registration):
    def count(n):
        Statement.objects.all().delete()
        xapi.request("POST", URL, [make_statement() for _ in range(n)])
        with CaptureQueriesContext(connection) as queries:
            response = xapi.get(
                URL,
                agent=make_statement()["actor"],
                related_activities="true",
                activity="https://example.test/au/1",
                registration=str(registration),
            )
        assert len(response.json()["statements"]) == n
        return len(queries)

    assert count(2) == count(20)


def test_a_batch_is_a_fixed_number_of_queries(xapi, make_statement):
    def count(n):
        with CaptureQueriesContext(connection) as queries:
            assert (
                xapi.request("POST", URL, [make_statement() for _ in range(n)]).status_code == 200
            )
        return len(queries)

    assert count(2) == count(30)


@pytest.mark.parametrize("version", [None, "0.95", "2.0.0", "banana"])
def test_the_version_header_is_required(launch, make_statement, version):
    from tests.courses.xapi.conftest import XapiClient, basic

    client = XapiClient(basic(*launch), version=version)
    response = client.request("POST", URL, make_statement())
    assert response.status_code == 400
    assert "version" in response.json()["error"].lower()
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert not Statement.objects.exists()


def test_any_1_0_version_is_accepted(launch, make_statement):
    from tests.courses.xapi.conftest import XapiClient, basic

    for version in ("1.0", "1.0.0", "1.0.3"):
        client = XapiClient(basic(*launch), version=version)
        assert client.request("POST", URL, make_statement()).status_code == 200


def test_about_needs_no_credential():
    from django.test import Client

    response = Client().get("/xapi/about")
    assert response.status_code == 200
    assert response.json()["version"] == ["1.0.3"]
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_a_single_context_activity_is_returned_in_an_array(xapi, make_statement, registration):
    parent = {"id": "https://example.test/course"}
    statement = make_statement(
        context={"registration": str(registration), "contextActivities": {"parent": parent}}
    )
    statement_id = xapi.request("POST", URL, statement).json()[0]
    stored = xapi.get(URL, statementId=statement_id).json()
    assert stored["context"]["contextActivities"]["parent"] == [parent]


def test_every_get_carries_consistent_through_even_an_error(xapi):
    for response in (xapi.get(URL), xapi.get(URL, statementId="not-a-uuid")):
        value = response["X-Experience-API-Consistent-Through"]
        assert value.endswith("Z")
        assert len(value) == len("2026-01-01T00:00:00.000Z")


def test_activities_and_agents_resources(xapi, make_statement):
    statement = make_statement(
        object={"id": "https://example.test/au/1", "definition": {"name": {"en-US": "One"}}}
    )
    xapi.request("POST", URL, statement)
    activity = xapi.get("/xapi/activities", activityId="https://example.test/au/1").json()
    assert activity == {
        "objectType": "Activity",
        "id": "https://example.test/au/1",
        "definition": {"name": {"en-US": "One"}},
    }
    assert xapi.get("/xapi/activities").status_code == 400
    person = xapi.get("/xapi/agents", agent=statement["actor"]).json()
    assert person["objectType"] == "Person"
    assert person["account"] == [statement["actor"]["account"]]
    assert xapi.get("/xapi/agents").status_code == 400
    assert (
        XapiClientAnonymous()
        .get("/xapi/activities", activityId="https://example.test/au/1")
        .status_code
        == 401
    )


def XapiClientAnonymous():
    from tests.courses.xapi.conftest import XapiClient

    return XapiClient()
