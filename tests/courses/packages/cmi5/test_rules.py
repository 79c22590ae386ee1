"""The rules for the statements an AU sends (cmi5_spec.md 7.1, 9.3, 9.5, 9.6, 10.2.2), one test
per rule: a statement that breaks one is refused with 403 and nothing of its batch is stored."""

import pytest

from courses.packages.cmi5 import vocab
from courses.packages.models import Cmi5AuState
from courses.xapi.errors import XapiError
from courses.xapi.models import Statement
from tests.courses.packages.cmi5.helpers import cmi5_lesson, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course):
    return cmi5_lesson(course)


@pytest.fixture
def au(learner, lesson):
    """The "passed" AU (masteryScore 0.8), launched and initialized."""
    au = launch(learner, lesson, "passed")
    au.initialized()
    return au


def refused(au, *statements, match: str) -> XapiError:
    """Sends the statements, which must be refused (403) with `match` in the message and
    nothing stored; returns the refusal."""
    before = Statement.objects.count()
    with pytest.raises(XapiError, match=match) as caught:
        au.send(*statements)
    assert caught.value.status == 403
    assert Statement.objects.count() == before
    return caught.value


def test_a_conforming_session_is_stored(au):
    au.passed(0.9)
    au.terminated()
    verbs = list(Statement.objects.order_by("pk").values_list("verb_id", flat=True))
    assert verbs[0] == vocab.VERB_LAUNCHED
    assert verbs == [
        vocab.VERB_LAUNCHED,
        vocab.VERB_INITIALIZED,
        vocab.VERB_PASSED,
        vocab.VERB_TERMINATED,
    ]


def test_the_first_statement_must_be_initialized(learner, lesson):
    au = launch(learner, lesson, "completed")
    assert refused(
        au,
        au.statement(vocab.VERB_COMPLETED, result={"completion": True, "duration": "PT1S"}),
        match="first statement",
    )


def test_a_cmi5_allowed_statement_may_not_come_first(learner, lesson):
    au = launch(learner, lesson, "completed")
    assert refused(
        au,
        au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False),
        match="first statement",
    )


def test_initialized_only_once_per_session(au):
    assert refused(au, au.statement(vocab.VERB_INITIALIZED), match="only one initialized")


def test_initialized_and_more_in_one_batch_is_accepted(learner, lesson):
    au = launch(learner, lesson, "completed")
    au.send(
        au.statement(vocab.VERB_INITIALIZED),
        au.statement(vocab.VERB_COMPLETED, result={"completion": True, "duration": "PT1S"}),
    )
    assert Cmi5AuState.objects.get(item__identifier__endswith="/completed").completed_at


def test_nothing_after_terminated(au):
    au.terminated()
    assert refused(
        au,
        au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False),
        match="terminated",
    )


def test_nothing_after_terminated_in_the_same_batch(au):
    assert refused(
        au,
        au.statement(vocab.VERB_TERMINATED, result={"duration": "PT1S"}),
        au.statement(vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"}),
        match="terminated",
    )


def test_completed_at_most_once_per_registration(learner, lesson):
    au = launch(learner, lesson, "completed-and-passed")
    au.initialized()
    au.completed()
    au.terminated()
    again = launch(learner, lesson, "completed-and-passed")
    again.initialized()
    assert refused(
        again,
        again.statement(vocab.VERB_COMPLETED, result={"completion": True, "duration": "PT1S"}),
        match="already completed",
    )


def test_passed_at_most_once_per_registration(learner, lesson):
    au = launch(learner, lesson, "completed-and-passed")
    au.initialized()
    au.passed()
    au.terminated()
    again = launch(learner, lesson, "completed-and-passed", launch_mode="Normal")
    again.initialized()
    assert refused(
        again,
        again.statement(vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"}),
        match="already passed",
    )


def test_failed_may_not_follow_passed(learner, lesson):
    au = launch(learner, lesson, "completed-and-passed")
    au.initialized()
    au.passed()
    au.terminated()
    again = launch(learner, lesson, "completed-and-passed", launch_mode="Normal")
    again.initialized()
    assert refused(
        again,
        again.statement(vocab.VERB_FAILED, result={"success": False, "duration": "PT1S"}),
        match="nothing may follow",
    )


def test_failed_then_passed_in_a_later_session_is_fine(learner, lesson):
    au = launch(learner, lesson, "passed")
    au.initialized()
    au.failed(0.2)
    au.terminated()
    again = launch(learner, lesson, "passed")
    again.initialized()
    again.passed(0.9)
    assert Cmi5AuState.objects.get(item__identifier__endswith="/passed").passed_at


def test_one_passed_or_failed_per_session(au):
    au.failed(0.1)
    assert refused(
        au,
        au.statement(vocab.VERB_FAILED, result={"success": False, "duration": "PT1S"}),
        match="at most one passed or failed",
    )


def test_passed_needs_the_mastery_score(au):
    assert refused(
        au,
        au.statement(
            vocab.VERB_PASSED,
            result={"success": True, "duration": "PT1S", "score": {"scaled": 0.79}},
        ),
        match="below the masteryScore",
    )


def test_failed_must_be_below_the_mastery_score(au):
    assert refused(
        au,
        au.statement(
            vocab.VERB_FAILED,
            result={"success": False, "duration": "PT1S", "score": {"scaled": 0.8}},
        ),
        match="at or above the masteryScore",
    )


@pytest.mark.parametrize("mode", ["Browse", "Review"])
@pytest.mark.parametrize(
    ("verb", "result"),
    [
        (vocab.VERB_COMPLETED, {"completion": True, "duration": "PT1S"}),
        (vocab.VERB_PASSED, {"success": True, "duration": "PT1S"}),
        (vocab.VERB_FAILED, {"success": False, "duration": "PT1S"}),
    ],
)
def test_browse_and_review_send_no_results(learner, lesson, mode, verb, result):
    au = launch(learner, lesson, "completed-or-passed", launch_mode=mode)
    au.initialized()
    assert refused(au, au.statement(verb, result=result), match=f"A {mode} launch may not send")


def test_browse_may_initialize_and_terminate(learner, lesson):
    au = launch(learner, lesson, "completed-or-passed", launch_mode="Browse")
    au.initialized()
    au.terminated()
    verbs = list(Statement.objects.order_by("pk").values_list("verb_id", flat=True))
    assert verbs[-2:] == [vocab.VERB_INITIALIZED, vocab.VERB_TERMINATED]


def test_the_registration_must_be_the_launchs(au):
    statement = au.statement(vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"})
    statement["context"]["registration"] = "8f1b6c58-8a06-4b8e-9b6f-2d6a39e8e0a1"
    with pytest.raises(XapiError) as caught:
        au.send(statement)
    assert caught.value.status == 403


def test_the_session_id_extension_is_required(au):
    statement = au.statement(vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"})
    del statement["context"]["extensions"][vocab.EXT_SESSION_ID]
    assert refused(au, statement, match="session id")


def test_a_defined_statement_needs_the_publisher_grouping(au):
    statement = au.statement(vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"})
    statement["context"]["contextActivities"]["grouping"] = []
    assert refused(au, statement, match="publisher id grouping")


def test_a_defined_statements_object_is_the_au(au):
    statement = au.statement(vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"})
    statement["object"]["id"] = "https://elsewhere.test/au"
    assert refused(au, statement, match="object must be the AU")


def test_completed_passed_failed_need_the_moveon_category(au):
    statement = au.statement(
        vocab.VERB_PASSED, result={"success": True, "duration": "PT1S"}, moveon=False
    )
    assert refused(au, statement, match="moveOn category")


def test_terminated_may_not_carry_the_moveon_category(au):
    statement = au.statement(vocab.VERB_TERMINATED, result={"duration": "PT1S"}, moveon=True)
    assert refused(au, statement, match="Only completed, passed and failed carry the moveOn")


def test_completed_needs_completion_true(learner, lesson):
    au = launch(learner, lesson, "completed")
    au.initialized()
    assert refused(
        au, au.statement(vocab.VERB_COMPLETED, result={"duration": "PT1S"}), match="completion true"
    )


def test_passed_needs_success_true(au):
    assert refused(
        au,
        au.statement(vocab.VERB_PASSED, result={"success": False, "duration": "PT1S"}),
        match="success true",
    )


def test_failed_needs_success_false(au):
    assert refused(
        au,
        au.statement(vocab.VERB_FAILED, result={"success": True, "duration": "PT1S"}),
        match="success false",
    )


def test_only_passed_and_failed_carry_a_score(learner, lesson):
    au = launch(learner, lesson, "completed")
    au.initialized()
    assert refused(
        au,
        au.statement(
            vocab.VERB_COMPLETED,
            result={"completion": True, "duration": "PT1S", "score": {"scaled": 1}},
        ),
        match="carry a score",
    )


@pytest.mark.parametrize(
    ("verb", "result"),
    [
        (vocab.VERB_COMPLETED, {"completion": True}),
        (vocab.VERB_PASSED, {"success": True}),
        (vocab.VERB_FAILED, {"success": False}),
        (vocab.VERB_TERMINATED, {}),
    ],
)
def test_a_duration_is_required(au, verb, result):
    assert refused(au, au.statement(verb, result=result), match="duration")


@pytest.mark.parametrize(
    "verb", [vocab.VERB_SATISFIED, vocab.VERB_WAIVED, vocab.VERB_ABANDONED, vocab.VERB_LAUNCHED]
)
def test_lms_verbs_only_come_from_the_lms(au, verb):
    assert refused(au, au.statement(verb), match="Only the LMS")


def test_cmi5_allowed_statements_are_stored_between_initialized_and_terminated(au):
    au.send(au.statement("http://adlnet.gov/expapi/verbs/answered", defined=False))
    assert Statement.objects.filter(verb_id="http://adlnet.gov/expapi/verbs/answered").exists()


def test_a_refused_batch_records_nothing_of_its_results(learner, lesson):
    au = launch(learner, lesson, "completed")
    au.initialized()
    assert refused(
        au,
        au.statement(vocab.VERB_COMPLETED, result={"completion": True, "duration": "PT1S"}),
        au.statement(vocab.VERB_LAUNCHED),
        match="Only the LMS",
    )
    assert Cmi5AuState.objects.get(item__identifier__endswith="/completed").completed_at is None


def test_an_au_may_not_void(au):
    statement = au.statement("http://adlnet.gov/expapi/verbs/voided", defined=False)
    statement["object"] = {
        "objectType": "StatementRef",
        "id": au.send(au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False))[0],
    }
    assert refused(au, statement, match="may not void")


def test_the_xapi_endpoint_answers_403_for_a_broken_rule(learner, lesson):
    """Over HTTP, as the AU's library sends it: the status reaches the AU, nothing is stored."""
    import json

    from django.test import Client

    au = launch(learner, lesson, "completed")
    before = Statement.objects.count()
    response = Client().post(
        "/xapi/statements",
        data=json.dumps(
            au.statement(vocab.VERB_COMPLETED, result={"completion": True, "duration": "PT1S"})
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=au.authorization,
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )
    assert response.status_code == 403
    assert "first statement" in response.content.decode()
    assert Statement.objects.count() == before


def _state(au, method: str, *, state_id: str | None, body: bytes = b"{}"):
    from urllib.parse import urlencode

    from django.test import Client

    query = {
        "activityId": au.params["activityId"],
        "agent": au.params["actor"],
        "registration": au.params["registration"],
    }
    if state_id is not None:
        query["stateId"] = state_id
    return Client().generic(
        method,
        f"/xapi/activities/state?{urlencode(query)}",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=au.authorization,
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )


@pytest.mark.parametrize(
    ("method", "state_id"),
    [
        ("PUT", "LMS.LaunchData"),
        ("POST", "LMS.LaunchData"),
        ("DELETE", "LMS.LaunchData"),
        ("DELETE", None),
    ],
    ids=["put", "post", "delete", "delete-all"],
)
def test_an_au_may_read_but_never_change_its_launch_data(learner, lesson, method, state_id):
    """10.2: LMS.LaunchData is the LMS's; the AU reads it, and a write or delete is refused with
    nothing changed. The AU's own state documents are its to write."""
    au = launch(learner, lesson, "completed")
    before = _state(au, "GET", state_id="LMS.LaunchData")
    assert before.status_code == 200

    response = _state(au, method, state_id=state_id, body=b'{"launchMode": "Browse"}')

    assert response.status_code == 403
    assert "LMS.LaunchData" in response.json()["error"]
    after = _state(au, "GET", state_id="LMS.LaunchData")
    assert after.content == before.content
    assert _state(au, "PUT", state_id="bookmark", body=b'{"page": 3}').status_code == 204
