"""The ORE releases page shows whether statements are forwarded to the city's LRS, how many
wait, and the last run (in the page's language)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.xapi.agents import actor_for_user
from courses.xapi.models import ForwardRun
from courses.xapi.store import statement_record

pytestmark = pytest.mark.django_db

PAGE = "/analytics/releases/"


def _statement(learner):
    statement_record(
        statement={
            "id": str(uuid.uuid4()),
            "actor": actor_for_user(learner),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
            "object": {"id": "https://lms.lacity.test/xapi/courses/c"},
        }
    )


def test_off_when_no_lrs_is_configured(client, ore, settings):
    settings.XAPI_FORWARD_URL = ""
    client.force_login(ore)
    html = client.get(PAGE).content.decode()
    assert "Learning records sent to the city's LRS (xAPI)" in html
    assert "Off: no learning record store is configured" in html
    assert "None yet." in html


def test_on_with_pending_count_and_last_run(client, ore, learner, settings):
    settings.XAPI_FORWARD_URL = "https://user:pw@lrs.lacity.test:8443/xapi/"
    for _ in range(3):
        _statement(learner)
    ForwardRun.objects.create(
        started_at=timezone.now() - timedelta(minutes=5),
        finished_at=timezone.now(),
        sent=12,
        error="HTTP 503: down",
    )
    client.force_login(ore)
    html = client.get(PAGE).content.decode()
    assert "On, to https://lrs.lacity.test:8443" in html
    assert "pw@" not in html  # credentials in the URL are never shown
    assert "<dd>3</dd>" in html
    assert "12 statements sent" in html
    assert "Stopped by an error:" in html
    assert "HTTP 503: down" in html


def test_learners_do_not_see_it(client, learner):
    client.force_login(learner)
    assert client.get(PAGE).status_code == 403
