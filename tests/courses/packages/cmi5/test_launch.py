"""Launching an AU (cmi5_spec.md 8.1, 10, 11, 9.3.1): the query string, LMS.LaunchData, the
learner preferences, and the "launched" statement."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from courses.packages.cmi5 import vocab
from courses.packages.cmi5.launch import au_launch_url
from courses.packages.cmi5.services import Cmi5Error, au_activity_id
from courses.packages.files import file_token
from courses.packages.models import Cmi5Registration, Cmi5Session
from courses.xapi.agents import actor_for_user
from courses.xapi.models import Statement
from courses.xapi.store import document_get
from tests.courses.packages.cmi5.helpers import BASE, au_item, cmi5_lesson, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course):
    return cmi5_lesson(course)


def test_the_launch_url_carries_the_cmi5_query_string(learner, lesson):
    au = launch(learner, lesson, "passed", fetch=False)
    parts = urlsplit(au.url)
    version = lesson.package.current_version
    token = file_token(user=learner, storage_key=version.storage_key)
    assert parts.path == f"/learn/packages/files/{version.storage_key}/{token}/au.html"
    query = parse_qs(parts.query)
    assert query["au"] == ["passed"]  # the AU url's own query is kept (13.1.4 url)
    assert query["endpoint"] == ["http://testserver/xapi/"]
    assert query["fetch"][0].startswith("http://testserver/learn/packages/cmi5/fetch/")
    assert json.loads(query["actor"][0]) == actor_for_user(learner)
    registration = Cmi5Registration.objects.get(user=learner)
    assert query["registration"] == [str(registration.id)]
    # 8.1.5: the LMS's own activity id, not the publisher's
    assert query["activityId"] == [au_activity_id(au_item(lesson, "passed"))]
    assert query["activityId"][0] != f"{BASE}/passed"


def test_launch_data_holds_what_the_au_needs(learner, lesson):
    au = launch(learner, lesson, "passed", fetch=False, return_url="http://testserver/back/")
    session = Cmi5Session.objects.get()
    assert au.launch_data == {
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": f"{BASE}/passed", "objectType": "Activity"}]},
            "extensions": {vocab.EXT_SESSION_ID: str(session.id)},
        },
        "launchMode": "Normal",
        "moveOn": "Passed",
        "masteryScore": 0.8,
        "launchParameters": '{"level": 2}',
        "returnURL": "http://testserver/back/",
        "entitlementKey": {"courseStructure": "sample-key-123"},
    }


def test_launch_data_leaves_out_what_the_course_structure_does_not_define(learner, lesson):
    au = launch(learner, lesson, "completed", fetch=False)
    assert au.launch_data["moveOn"] == "Completed"
    assert {"masteryScore", "launchParameters", "entitlementKey", "returnURL"}.isdisjoint(
        au.launch_data
    )


@pytest.mark.parametrize(("language", "expected"), [("es", "es-US,en-US"), ("", "en-US,es-US")])
def test_learner_preferences_follow_the_learners_language(learner, lesson, language, expected):
    learner.preferred_language = language
    learner.save()
    launch(learner, lesson, "completed", fetch=False)
    document = document_get(
        kind="agent_profile", agent=actor_for_user(learner), document_id="cmi5LearnerPreferences"
    )
    assert json.loads(bytes(document.content)) == {"languagePreference": expected}


def test_the_lms_records_launched_before_the_au_runs(learner, lesson):
    au = launch(learner, lesson, "passed", fetch=False)
    statement = Statement.objects.get(verb_id=vocab.VERB_LAUNCHED).payload
    context = statement["context"]
    assert statement["object"]["id"] == au.params["activityId"]
    assert context["registration"] == au.params["registration"]
    assert {"id": vocab.CATEGORY_CMI5, "objectType": "Activity"} in context["contextActivities"][
        "category"
    ]
    assert context["contextActivities"]["grouping"][0]["id"] == f"{BASE}/passed"
    extensions = context["extensions"]
    assert extensions[vocab.EXT_SESSION_ID] == au.session_id
    assert extensions[vocab.EXT_LAUNCH_MODE] == "Normal"
    assert extensions[vocab.EXT_MOVE_ON] == "Passed"
    assert extensions[vocab.EXT_MASTERY_SCORE] == 0.8
    assert extensions[vocab.EXT_LAUNCH_PARAMETERS] == '{"level": 2}'
    # the launch URL without the learner's file token (statements are forwarded to the LRS)
    token = file_token(user=learner, storage_key=lesson.package.current_version.storage_key)
    assert extensions[vocab.EXT_LAUNCH_URL] == au.url.split("?")[0].replace(f"/{token}/", "/")
    assert token not in extensions[vocab.EXT_LAUNCH_URL]


def test_one_registration_per_learner_and_course_with_a_session_per_launch(learner, lesson):
    first = launch(learner, lesson, "completed", fetch=False)
    second = launch(learner, lesson, "passed", fetch=False)
    assert first.params["registration"] == second.params["registration"]
    assert first.session_id != second.session_id
    assert Cmi5Registration.objects.count() == 1


def test_an_absolute_au_url_is_launched_as_written(learner, course):
    lesson = cmi5_lesson(
        course,
        structure=[{"id": "remote", "move_on": "Completed", "url": "https://vendor.test/au?x=1"}],
    )
    au = launch(learner, lesson, "remote", fetch=False)
    assert au.url.startswith("https://vendor.test/au?x=1&endpoint=")


def test_a_satisfied_au_launches_in_review_mode(learner, lesson):
    au = launch(learner, lesson, "completed")
    au.initialized()
    au.completed()
    au.terminated()
    again = launch(learner, lesson, "completed", fetch=False)
    assert again.launch_data["launchMode"] == "Review"


def test_a_block_cannot_be_launched(learner, lesson):
    block = lesson.package.current_version.items.get(is_launchable=False)
    with pytest.raises(Cmi5Error, match="Only an AU"):
        au_launch_url(user=learner, lesson=lesson, item=block)
    assert not Cmi5Session.objects.exists()


def test_a_wrong_launch_mode_is_refused(learner, lesson):
    with pytest.raises(Cmi5Error, match="Normal, Browse or Review"):
        au_launch_url(
            user=learner, lesson=lesson, item=au_item(lesson, "completed"), launch_mode="Play"
        )
    assert not Cmi5Session.objects.exists()
