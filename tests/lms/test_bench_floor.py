"""The load bench's floor view (/health/floor/): off unless asked, and a signed-in page when on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_floor_is_not_found_by_default_even_when_signed_in(client, learner):
    client.force_login(learner)
    assert client.get("/health/floor/").status_code == 404


@pytest.mark.django_db
def test_floor_is_not_found_by_default_for_visitors(client):
    assert client.get("/health/floor/").status_code == 404


@pytest.mark.django_db
def test_floor_sends_visitors_to_sign_in_when_on(client, settings):
    settings.BENCH_FLOOR_VIEW = True
    response = client.get("/health/floor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/health/floor/")


@pytest.mark.django_db
def test_floor_is_session_user_and_one_query_when_on(client, settings, learner):
    settings.BENCH_FLOOR_VIEW = True
    client.force_login(learner)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/health/floor/")
    assert response.status_code == 200
    # the session, the user, and the one query of the view (the department's name)
    assert len(captured.captured_queries) == 3, [q["sql"] for q in captured.captured_queries]
    assert learner.department.name in response.text
    assert "<h1>" in response.text


@pytest.mark.django_db
def test_floor_refuses_writes(client, settings, learner):
    settings.BENCH_FLOOR_VIEW = True
    client.force_login(learner)
    assert client.post("/health/floor/").status_code == 405
