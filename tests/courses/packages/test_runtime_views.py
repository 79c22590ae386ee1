"""The runtime's endpoints (attempt state, commit) and the package lesson's page."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from courses.packages import runtime
from courses.packages.importing import package_import
from courses.packages.models import PackageAttempt
from tests.courses.packages.builders import sample_zip


@pytest.fixture
def lesson(tmp_path, course):
    return package_import(file=sample_zip(tmp_path, "scorm12_single"), course=course)


@pytest.fixture
def attempt(lesson, learner):
    item = lesson.package.current_version.items.get()
    return runtime.attempt_for(user=learner, lesson=lesson, item=item)


def _csrf_client(user) -> tuple[Client, str]:
    """A client that checks CSRF like a browser, and the token the page gives player.js."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/learn/")
    return client, client.cookies["csrftoken"].value


def _commit(client, attempt, body, token):
    return client.post(
        f"/learn/packages/attempts/{attempt.pk}/commit/",
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )


@pytest.mark.django_db
def test_a_commit_is_stored_and_answered_as_scorm_again_expects(attempt, learner):
    client, token = _csrf_client(learner)
    response = _commit(
        client,
        attempt,
        {"revision": 0, "values": {"cmi.core.lesson_location": "p2"}, "finish": False},
        token,
    )
    assert response.status_code == 200
    assert response.json()["result"] is True
    assert response.json()["revision"] == 1
    state = client.get(f"/learn/packages/attempts/{attempt.pk}/").json()
    assert state["values"]["cmi.core.lesson_location"] == "p2"


@pytest.mark.django_db
def test_a_commit_needs_the_csrf_header(attempt, learner):
    client, _token = _csrf_client(learner)
    response = _commit(client, attempt, {"revision": 0, "values": {}}, "wrong")
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"values": []}, "with “values”"),
        ({"values": {}, "extra": 1}, "Unknown fields in the commit: extra"),
        ({"values": {"cmi.core.lesson_status": {"a": 1}}}, "must be text or a number"),
        ({"values": {"cmi.suspend_data": "x" * 5000}}, "longer than 4096"),
        ({"values": {}, "revision": "one"}, "whole number"),
    ],
)
def test_a_bad_commit_gets_400_with_a_message_and_changes_nothing(attempt, learner, body, message):
    client, token = _csrf_client(learner)
    response = _commit(client, attempt, body, token)
    assert response.status_code == 400
    assert message in response.json()["message"]
    attempt.refresh_from_db()
    assert attempt.revision == 0


@pytest.mark.django_db
def test_another_learners_attempt_is_not_found(attempt, liaison):
    client, token = _csrf_client(liaison)
    assert client.get(f"/learn/packages/attempts/{attempt.pk}/").status_code == 404
    response = _commit(client, attempt, {"values": {"cmi.core.lesson_status": "passed"}}, token)
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.completion_status == "not attempted"


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(attempt):
    assert Client().get(f"/learn/packages/attempts/{attempt.pk}/").status_code == 302


@pytest.mark.django_db
def test_the_package_lesson_page_shows_the_player(lesson, learner):
    client = Client()
    client.force_login(learner)
    response = client.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="package-frame"' in html
    assert 'title="Package: Reading an equity indicator"' in html
    assert 'id="package-config"' in html
    assert "vendor/scorm-again/scorm12.min.js" in html
    assert "courses/packages/player.js" in html
    assert "Mark this lesson as done" not in html
    assert "Suspend" in html
    assert "Exit" in html
    config = json.loads(html.split('id="package-config" type="application/json">')[1].split("<")[0])
    assert config["values"]["cmi.core.entry"] == "ab-initio"
    assert learner.email not in html.split('id="package-config"')[1]


@pytest.mark.django_db
def test_after_leaving_the_page_offers_to_continue(lesson, learner):
    client = Client()
    client.force_login(learner)
    html = client.get(lesson.url + "?left=suspend").content.decode()
    assert 'id="package-frame"' not in html
    assert "Continue the package" in html


@pytest.mark.django_db
def test_a_package_lesson_cannot_be_marked_done_by_hand(lesson, learner):
    """The lesson is done when the package says so: the native "mark as done" request, sent
    by hand, is refused with a message and records nothing."""
    from django.urls import reverse

    from courses.learning.models import LessonProgress

    client = Client()
    client.force_login(learner)
    response = client.post(reverse("courses:lesson_done", args=[lesson.pk]), follow=True)

    assert "done when you finish the package" in response.content.decode()
    assert not LessonProgress.objects.filter(user=learner, lesson=lesson).exists()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tabs_committing_at_once_lose_nothing(attempt, learner):
    """Two threads (two tabs) commit different keys to one attempt at the same moment, many
    times: every key of both survives (row lock and key-by-key merge)."""
    assert connection.vendor == "postgresql"
    errors = []
    barrier = threading.Barrier(2)

    def tab(name):
        try:
            barrier.wait()
            for step in range(10):
                runtime.attempt_commit(
                    attempt_id=attempt.pk,
                    user=learner,
                    revision=0,
                    values={f"cmi.objectives.{name}.id": f"{name}-{step}"},
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tab, args=(name,)) for name in ("0", "1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = PackageAttempt.objects.get(pk=attempt.pk)
    assert stored.revision == 20
    assert stored.cmi["cmi.objectives.0.id"] == "0-9"
    assert stored.cmi["cmi.objectives.1.id"] == "1-9"


@pytest.mark.django_db
def test_the_lesson_page_queries_do_not_grow_with_the_package(tmp_path, course, learner):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    small = package_import(file=sample_zip(tmp_path, "scorm12_single"), course=course)
    large = package_import(file=sample_zip(tmp_path, "scorm2004_3rd"), course=course)
    client = Client()
    client.force_login(learner)
    counts = []
    for lesson in (small, large):
        client.get(lesson.url)  # the first visit enrols and starts the attempt
        with CaptureQueriesContext(db) as queries:
            assert client.get(lesson.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
