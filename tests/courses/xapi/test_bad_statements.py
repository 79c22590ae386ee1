"""Every statement the store refuses: a 400 that names the property at fault, and nothing
stored (not even the good statements sent with it)."""

import uuid

import pytest

from courses.xapi.models import Statement

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
ACCOUNT = {"homePage": "https://lms.lacity.test/xapi", "name": "user-1"}

BAD = [
    ("no actor", {"actor": None}, "actor is required"),
    (
        "two IFIs",
        {"actor": {"mbox": "mailto:a@example.test", "account": ACCOUNT}},
        "exactly one identifier",
    ),
    ("no IFI", {"actor": {"name": "Nobody"}}, "exactly one identifier"),
    ("mbox without mailto", {"actor": {"mbox": "a@example.test"}}, "mailto"),
    (
        "account without name",
        {"actor": {"account": {"homePage": "https://x.test"}}},
        "homePage and name",
    ),
    (
        "group in a group",
        {"actor": {"objectType": "Group", "member": [{"objectType": "Group", "member": []}]}},
        "Group may not be a member",
    ),
    ("verb without id", {"verb": {"display": {"en-US": "did"}}}, "verb: id is required"),
    ("verb id not an IRI", {"verb": {"id": "completed"}}, "verb.id: must be an IRI"),
    (
        "verb display not a language map",
        {"verb": {"id": "http://x.test/v", "display": {"not a tag!": "x"}}},
        "language tag",
    ),
    ("no object", {"object": None}, "object is required"),
    ("object id not an IRI", {"object": {"id": "not an iri"}}, "object.id"),
    (
        "unknown object type",
        {"object": {"objectType": "Thing", "id": "http://x.test/a"}},
        "object.objectType",
    ),
    (
        "scaled above 1",
        {"result": {"score": {"scaled": 1.5}}},
        "result.score.scaled: must be between -1 and 1",
    ),
    ("scaled below -1", {"result": {"score": {"scaled": -1.01}}}, "between -1 and 1"),
    ("raw above max", {"result": {"score": {"raw": 11, "min": 0, "max": 10}}}, "more than max"),
    ("success not a boolean", {"result": {"success": "yes"}}, "result.success"),
    ("bad duration", {"result": {"duration": "90 seconds"}}, "result.duration"),
    ("bad timestamp", {"timestamp": "yesterday at noon"}, "timestamp: must be an ISO 8601"),
    ("negative zero offset", {"timestamp": "2026-05-01T09:30:00-00:00"}, "timestamp"),
    ("id not a UUID", {"id": "statement-1"}, "id: must be a UUID"),
    ("unknown top-level property", {"colour": "blue"}, "unknown properties: colour"),
    (
        "registration not a UUID",
        {"context": {"registration": "abc"}},
        "context.registration: must be a UUID",
    ),
    (
        "unknown context property",
        {"context": {"registration": None, "mood": "happy"}},
        "unknown properties: mood",
    ),
    (
        "voiding without a StatementRef",
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/voided"}},
        "StatementRef",
    ),
    ("extension key not an IRI", {"result": {"extensions": {"score": 1}}}, "result.extensions"),
    ("version 2", {"version": "2.0.0"}, "version"),
    (
        "revision on an agent object",
        {
            "object": {"objectType": "Agent", "mbox": "mailto:b@example.test"},
            "context": {"registration": None, "revision": "2"},
        },
        "only allowed when the object is an Activity",
    ),
    (
        "substatement in a substatement",
        {
            "object": {
                "objectType": "SubStatement",
                "actor": {"mbox": "mailto:a@example.test"},
                "verb": {"id": "http://x.test/v"},
                "object": {"objectType": "SubStatement"},
            }
        },
        "SubStatement may not contain",
    ),
    (
        "attachment without fileUrl",
        {
            "attachments": [
                {
                    "usageType": "http://x.test/u",
                    "display": {"en-US": "x"},
                    "contentType": "text/plain",
                    "length": 1,
                    "sha2": "abc",
                }
            ]
        },
        "fileUrl",
    ),
]


@pytest.mark.parametrize(("case", "change", "message"), BAD, ids=[case for case, _c, _m in BAD])
def test_a_bad_statement_is_refused_with_a_clear_message(
    xapi, make_statement, registration, case, change, message
):
    statement = make_statement()
    for key, value in change.items():
        if value is None:
            statement.pop(key, None)
        elif key == "context":
            statement["context"] = {
                k: v for k, v in {**statement["context"], **value}.items() if v is not None
            }
        else:
            statement[key] = value
    response = xapi.request("POST", URL, [make_statement(), statement])
    assert response.status_code == 400, (case, response.content)
    error = response.json()["error"]
    assert message in error, error
    assert error.startswith("statement 2")
    assert not Statement.objects.exists()


def test_a_body_that_is_not_json_or_not_a_statement(xapi):
    assert xapi.request("POST", URL, "{not json").status_code == 400
    assert xapi.request("POST", URL, []).status_code == 400
    assert xapi.request("POST", URL, [1, 2]).status_code == 400
    assert (
        xapi.request("POST", URL, {"id": str(uuid.uuid4())}, content_type="text/plain").status_code
        == 400
    )
    assert not Statement.objects.exists()


def test_two_different_statements_with_one_id_in_a_batch(xapi, make_statement):
    statement_id = str(uuid.uuid4())
    response = xapi.request(
        "POST",
        URL,
        [
            make_statement(id=statement_id),
            make_statement(id=statement_id, verb={"id": "http://x.test/other"}),
        ],
    )
    assert response.status_code == 400
    assert not Statement.objects.exists()
