"""What every signed-in request pays before the page does anything: the session, the user and
the person's roles, with sessions read from the shared cache when there is one (cached_db)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lms.users.models import User

from .settings_probe import settings_probe
from .test_mfa import PASSWORD, SECRET, totp_code

CACHED_DB = "django.contrib.sessions.backends.cached_db"
SCRIPT = "import json; from django.conf import settings; print(json.dumps(settings.SESSION_ENGINE))"


def _session_engine(**variables) -> str:
    return settings_probe(SCRIPT, variables=variables, unset=("CACHE_URL",))


def test_sessions_are_read_from_the_shared_cache_when_there_is_one():
    assert _session_engine(CACHE_URL="redis://127.0.0.1:6379/3") == CACHED_DB


def test_sessions_stay_in_the_database_without_a_shared_cache():
    # A per-process cache would hold a stale copy in each worker: the database alone instead.
    assert _session_engine() == "django.contrib.sessions.backends.db"


def _queries(client, path) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def _production_like(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    settings.BENCH_FLOOR_VIEW = True
    settings.SESSION_ENGINE = CACHED_DB


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
def test_a_signed_in_learner_reads_no_session_row_with_cached_sessions(client, learner):
    client.force_login(learner)
    client.get("/health/floor/")  # the first read fills the cache
    queries = _queries(client, "/health/floor/")
    # the user, the roles (for the staff two-factor check) and the view's own query
    assert len(queries) == 3, queries
    assert not any("django_session" in sql for sql in queries)


@pytest.mark.django_db
def test_the_staff_two_factor_check_costs_a_learner_no_extra_query_on_a_page(
    client, learner, settings
):
    client.force_login(learner)
    client.get("/learn/")  # the page's own cached parts, filled once
    settings.MFA_REQUIRED_FOR_STAFF = False
    without = _queries(client, "/learn/")
    settings.MFA_REQUIRED_FOR_STAFF = True
    with_check = _queries(client, "/learn/")
    # The check and the navigation share one roles query.
    assert len(with_check) == len(without), (with_check, without)
    assert sum("auth_permission" in sql for sql in with_check) == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
@pytest.mark.parametrize("who", ["ore", "editor", "admin_user"])
def test_staff_found_by_the_shared_roles_query_are_still_sent_to_set_up_two_factor(
    client, who, request
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get("/learn/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
def test_a_cached_session_outlives_a_cache_flush(client, learner):
    client.force_login(learner)
    assert client.get("/learn/").status_code == 200
    cache.clear()  # Redis restarted or flushed: the database still has the session
    assert client.get("/learn/").status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
def test_signing_out_ends_the_cached_session(client, learner):
    client.force_login(learner)
    assert client.get("/learn/").status_code == 200
    old_cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    response = replay.get("/learn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
def test_an_employee_deactivated_by_the_roster_is_signed_out_at_the_next_request(client, learner):
    client.force_login(learner)
    assert client.get("/learn/").status_code == 200
    # as the roster import does: a bulk update, no session is touched
    User.objects.filter(pk=learner.pk).update(is_active=False)
    response = client.get("/learn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
def test_a_password_change_ends_the_other_cached_sessions_but_not_this_one(learner):
    elsewhere, here = Client(), Client()
    for client in (elsewhere, here):
        client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
        assert client.get("/learn/").status_code == 200
    changed = here.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-pass-2026",
            "password2": "a-new-long-pass-2026",
        },
    )
    assert changed.status_code == 302
    assert here.get("/learn/").status_code == 200
    response = elsewhere.get("/learn/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.usefixtures("_production_like")
def test_two_factor_sign_in_works_with_cached_sessions(client, ore):
    TOTP.activate(ore, SECRET)
    response = client.post("/accounts/login/", {"login": ore.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/learn/").status_code == 302  # not signed in until the code
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert right.status_code == 302
    assert client.get("/learn/").status_code == 200
