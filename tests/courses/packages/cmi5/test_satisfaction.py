"""moveOn in a registration (cmi5_spec.md 9.6.1, 13.1.4), the LMS's "satisfied" statements for
blocks and the course (9.3.9), waiving (9.3.7), abandoning (9.3.6), and the lesson counting."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from courses.learning.models import CourseCompletion, LessonProgress
from courses.packages.cmi5 import vocab
from courses.packages.cmi5.services import (
    Cmi5Error,
    au_waive,
    block_activity_id,
    course_activity_id,
    registration_for,
    registration_results,
    session_abandon,
)
from courses.packages.models import Cmi5AuState, Cmi5Session
from courses.signals import package_result_recorded
from courses.xapi.errors import XapiError
from courses.xapi.models import Credential, Statement
from tests.courses.packages.cmi5.helpers import BASE, au_item, cmi5_lesson, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course):
    return cmi5_lesson(course)


def satisfied(lesson, name) -> bool:
    return Cmi5AuState.objects.get(item=au_item(lesson, name)).satisfied_at is not None


def satisfied_statements():
    return [
        s.payload for s in Statement.objects.filter(verb_id=vocab.VERB_SATISFIED).order_by("pk")
    ]


def test_not_applicable_aus_are_satisfied_at_registration(learner, lesson):
    registration_for(user=learner, lesson=lesson)
    assert satisfied(lesson, "not-applicable")
    assert not satisfied(lesson, "completed")
    assert satisfied_statements() == []


def test_a_course_of_only_not_applicable_aus_is_done_at_registration(learner, course):
    lesson = cmi5_lesson(course, structure=[{"id": "na", "move_on": "NotApplicable"}])
    registration = registration_for(user=learner, lesson=lesson)
    assert registration.satisfied_at is not None
    assert [s["object"]["definition"]["type"] for s in satisfied_statements()] == [
        vocab.ACTIVITY_TYPE_COURSE
    ]
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()


def _play(au, *steps):
    au.initialized()
    for step in steps:
        getattr(au, step)()
    au.terminated()


@pytest.mark.parametrize(
    ("name", "steps", "expected"),
    [
        ("completed", ["completed"], True),
        ("passed", ["completed"], False),
        ("passed", ["passed"], True),
        ("passed", ["failed"], False),
        ("completed-or-passed", ["completed"], True),
        ("completed-or-passed", ["passed"], True),
        ("completed-and-passed", ["completed"], False),
        ("completed-and-passed", ["passed"], False),
        ("completed-and-passed", ["completed", "passed"], True),
    ],
)
def test_each_move_on_through_real_statements(learner, lesson, name, steps, expected):
    _play(launch(learner, lesson, name), *steps)
    assert satisfied(lesson, name) is expected


def test_completed_and_passed_over_two_sessions(learner, lesson):
    _play(launch(learner, lesson, "completed-and-passed"), "completed")
    assert not satisfied(lesson, "completed-and-passed")
    _play(launch(learner, lesson, "completed-and-passed"), "passed")
    assert satisfied(lesson, "completed-and-passed")


def test_the_block_is_satisfied_when_its_aus_are(learner, lesson):
    first = launch(learner, lesson, "completed-or-passed")
    _play(first, "completed")
    assert satisfied_statements() == []
    second = launch(learner, lesson, "completed-and-passed")
    _play(second, "completed", "passed")
    (statement,) = satisfied_statements()
    block = lesson.package.current_version.items.get(is_launchable=False)
    assert statement["object"]["id"] == block_activity_id(block)
    assert statement["object"]["definition"]["type"] == vocab.ACTIVITY_TYPE_BLOCK
    assert statement["context"]["contextActivities"]["grouping"][0]["id"] == f"{BASE}/block"
    # 9.3.9: triggered in a launch session, it carries that session's id
    assert statement["context"]["extensions"][vocab.EXT_SESSION_ID] == second.session_id
    assert statement["context"]["registration"] == second.params["registration"]


def test_the_course_is_satisfied_and_the_lesson_and_course_complete(learner, course):
    lesson = cmi5_lesson(
        course,
        structure=[
            {"id": "completed", "move_on": "Completed"},
            {"id": "passed", "move_on": "Passed", "mastery_score": 0.8},
        ],
    )
    for other in course.get_children().live().exclude(pk=lesson.pk):  # the native lessons
        from courses.learning.services import lesson_complete

        lesson_complete(user=learner, lesson=other.specific)
    _play(launch(learner, lesson, "completed"), "completed")
    assert not LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
    _play(launch(learner, lesson, "passed"), "passed")
    registration = registration_for(user=learner, lesson=lesson)
    assert registration.satisfied_at is not None
    (statement,) = satisfied_statements()
    assert statement["object"]["id"] == course_activity_id(lesson.package.current_version)
    assert statement["object"]["definition"]["type"] == vocab.ACTIVITY_TYPE_COURSE
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()


def test_satisfied_statements_are_sent_once(learner, course):
    lesson = cmi5_lesson(
        course, structure=[{"id": "completed-or-passed", "move_on": "CompletedOrPassed"}]
    )
    au = launch(learner, lesson, "completed-or-passed")
    au.initialized()
    au.completed()
    au.passed()
    au.terminated()
    assert len(satisfied_statements()) == 1


def test_the_au_result_is_announced(learner, lesson):
    seen = []

    def receiver(sender, au_state, **kwargs):
        seen.append((au_state.item_id, au_state.satisfied_at is not None))

    package_result_recorded.connect(receiver)
    try:
        _play(launch(learner, lesson, "passed"), "failed")
        _play(launch(learner, lesson, "passed"), "passed")
    finally:
        package_result_recorded.disconnect(receiver)
    item = au_item(lesson, "passed")
    not_applicable = au_item(lesson, "not-applicable")
    # the NotApplicable AU at registration, then the failed and the passed result
    assert seen == [(not_applicable.pk, True), (item.pk, False), (item.pk, True)]


def test_terminated_closes_the_session_and_ends_its_credential(learner, lesson):
    au = launch(learner, lesson, "completed")
    _play(au, "completed")
    session = Cmi5Session.objects.get(pk=au.session_id)
    assert session.terminated_at is not None
    assert Credential.objects.get(session_id=session.id).revoked_at is not None


# Waive ------------------------------------------------------------------------------------------


def test_waive_records_the_reason_and_satisfies_the_au(learner, lesson, ore):
    registration = registration_for(user=learner, lesson=lesson)
    item = au_item(lesson, "passed")
    assert au_waive(registration=registration, item=item, reason="Tested Out", by=ore)
    assert satisfied(lesson, "passed")
    statement = Statement.objects.get(verb_id=vocab.VERB_WAIVED).payload
    assert statement["result"] == {
        "success": True,
        "completion": True,
        "extensions": {vocab.EXT_REASON: "Tested Out"},
    }
    categories = {c["id"] for c in statement["context"]["contextActivities"]["category"]}
    assert categories == {vocab.CATEGORY_CMI5, vocab.CATEGORY_MOVEON}
    # 9.3.7: a session id of its own, no launch session
    assert not Cmi5Session.objects.filter(
        pk=statement["context"]["extensions"][vocab.EXT_SESSION_ID]
    ).exists()
    results = registration_results(registration=registration)
    (row,) = [au for au in results["aus"] if au["id"] == f"{BASE}/passed"]
    assert row["waived"]
    assert row["satisfied"]
    assert row["waive_reason"] == "Tested Out"


def test_waiving_twice_sends_one_waived_statement(learner, lesson):
    registration = registration_for(user=learner, lesson=lesson)
    item = au_item(lesson, "passed")
    au_waive(registration=registration, item=item, reason="Administrative")
    assert not au_waive(registration=registration, item=item, reason="Administrative")
    assert Statement.objects.filter(verb_id=vocab.VERB_WAIVED).count() == 1


def test_an_unknown_waive_reason_is_refused(learner, lesson):
    registration = registration_for(user=learner, lesson=lesson)
    with pytest.raises(Cmi5Error, match="The reason must be one of: Tested Out, Equivalent AU"):
        au_waive(registration=registration, item=au_item(lesson, "passed"), reason="Because")
    assert not satisfied(lesson, "passed")
    assert not Statement.objects.filter(verb_id=vocab.VERB_WAIVED).exists()


def test_waiving_every_au_satisfies_the_course(learner, lesson):
    registration = registration_for(user=learner, lesson=lesson)
    for name in ("completed", "passed", "completed-or-passed", "completed-and-passed"):
        au_waive(registration=registration, item=au_item(lesson, name), reason="Equivalent AU")
    registration.refresh_from_db()
    assert registration.satisfied_at is not None
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()


# Abandon ----------------------------------------------------------------------------------------


def test_a_new_launch_abandons_the_open_session(learner, lesson):
    first = launch(learner, lesson, "completed")
    first.initialized()
    launch(learner, lesson, "passed")
    statement = Statement.objects.get(verb_id=vocab.VERB_ABANDONED).payload
    assert statement["context"]["extensions"][vocab.EXT_SESSION_ID] == first.session_id
    assert statement["object"]["id"] == first.params["activityId"]
    assert statement["result"]["duration"].startswith("PT")
    # 9.3.6: nothing more is recorded for the abandoned session
    with pytest.raises(XapiError) as caught:
        first.completed()
    assert caught.value.status in (401, 403)


def test_session_abandon_by_api_once(learner, lesson):
    au = launch(learner, lesson, "completed")
    session = Cmi5Session.objects.get(pk=au.session_id)
    assert session_abandon(session=session)
    assert not session_abandon(session=session)
    assert Statement.objects.filter(verb_id=vocab.VERB_ABANDONED).count() == 1


def test_a_terminated_session_is_not_abandoned(learner, lesson):
    au = launch(learner, lesson, "completed")
    _play(au, "completed")
    launch(learner, lesson, "passed", fetch=False)
    assert not Statement.objects.filter(verb_id=vocab.VERB_ABANDONED).exists()


# Access ------------------------------------------------------------------------------------------


def test_launch_view_needs_sign_in_and_post(learner, lesson):
    from django.urls import reverse

    url = reverse("courses:cmi5:launch", args=[lesson.pk, au_item(lesson, "completed").pk])
    anonymous = Client().post(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    client = Client()
    client.force_login(learner)
    assert client.get(url).status_code == 405
    assert not Cmi5Session.objects.exists()


def test_another_learner_launches_on_their_own_registration_only(learner, lesson):
    from django.urls import reverse

    from tests.factories import UserFactory

    mine = registration_for(user=learner, lesson=lesson)
    other = UserFactory()
    client = Client()
    client.force_login(other)
    url = reverse("courses:cmi5:launch", args=[lesson.pk, au_item(lesson, "completed").pk])
    response = client.post(url, follow=True)
    au_url = BeautifulSoup(response.content, "html.parser").find("iframe")["src"]
    assert "/learn/packages/files/" in au_url
    session = Cmi5Session.objects.get()
    assert session.registration.user == other
    assert session.registration_id != mine.id
    assert f"registration={session.registration_id}" in au_url
    assert f"registration={mine.id}" not in au_url


def test_an_item_of_another_package_is_not_found(learner, lesson, course):
    from django.urls import reverse

    other_lesson = cmi5_lesson(course)
    client = Client()
    client.force_login(learner)
    url = reverse("courses:cmi5:launch", args=[lesson.pk, au_item(other_lesson, "completed").pk])
    assert client.post(url).status_code == 404


def test_a_retake_starts_a_new_registration(learner, course):
    from courses.learning.services import course_retake_start, lesson_complete
    from courses.packages.models import Cmi5Registration

    lesson = cmi5_lesson(course, structure=[{"id": "completed", "move_on": "Completed"}])
    for other in course.get_children().live().exclude(pk=lesson.pk):
        lesson_complete(user=learner, lesson=other.specific)
    _play(launch(learner, lesson, "completed"), "completed")
    first = registration_for(user=learner, lesson=lesson)
    assert first.satisfied_at is not None
    course_retake_start(user=learner, course=course)
    again = launch(learner, lesson, "completed")
    assert again.params["registration"] != str(first.id)
    assert again.launch_data["launchMode"] == "Normal"  # nothing is satisfied in the new run
    _play(again, "completed")  # completed again: once per registration, not once ever
    assert Cmi5Registration.objects.filter(user=learner).count() == 2
    assert Cmi5Registration.objects.get(pk=again.params["registration"]).run == 2


def test_an_any_window_au_is_framed_once_and_returns_through_a_frameable_page(learner, lesson):
    from django.urls import reverse

    client = Client()
    client.force_login(learner)
    item = au_item(lesson, "passed")  # AnyWindow
    response = client.post(reverse("courses:cmi5:launch", args=[lesson.pk, item.pk]))
    play = reverse("courses:cmi5:play", args=[lesson.pk])
    assert response["Location"] == play
    page = client.get(play)
    frame = BeautifulSoup(page.content, "html.parser").find("iframe")
    assert frame["src"].startswith("http://testserver/learn/packages/files/")
    assert "fetch=" in frame["src"]
    assert frame["title"] == "Activity: passed"
    # shown once: a reload goes back to the lesson
    assert client.get(play)["Location"] == lesson.url
    session = Cmi5Session.objects.get()
    returned = reverse("courses:cmi5:returned", args=[lesson.pk])
    assert session.registration.user == learner
    assert Statement.objects.get(verb_id=vocab.VERB_LAUNCHED)  # launched once
    back = client.get(returned)
    assert back.status_code == 200
    assert "frame-ancestors 'self'" in back["Content-Security-Policy"]
    assert back["X-Frame-Options"] == "SAMEORIGIN"
    assert f'href="{lesson.url}"' in back.content.decode()


def test_an_own_window_au_replaces_the_window_and_returns_to_the_lesson(learner, lesson):
    from django.urls import reverse

    client = Client()
    client.force_login(learner)
    item = au_item(lesson, "completed")
    item.data["launch_method"] = "OwnWindow"
    item.save()
    response = client.post(reverse("courses:cmi5:launch", args=[lesson.pk, item.pk]))
    assert "/learn/packages/files/" in response["Location"]
