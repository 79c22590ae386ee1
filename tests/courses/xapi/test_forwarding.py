"""Forwarding to the city's LRS: batches, marks, exactly once across repeated and killed runs,
failures recorded, the task, the command, and the releases page's status."""

import uuid

import pytest
from django.core.management import CommandError, call_command

from courses.xapi.agents import actor_for_user
from courses.xapi.forwarding import ForwardError, forwarding_status, statements_forward
from courses.xapi.models import ForwardRun, Statement
from courses.xapi.store import statements_record
from courses.xapi.tasks import xapi_forward_task
from tests.courses.xapi.fake_lrs import FakeLRS

pytestmark = pytest.mark.django_db


@pytest.fixture
def lrs(settings):
    with FakeLRS() as fake:
        settings.XAPI_FORWARD_URL = fake.url
        settings.XAPI_FORWARD_USERNAME = "lms"
        settings.XAPI_FORWARD_PASSWORD = "secret"
        settings.XAPI_FORWARD_BATCH = 3
        yield fake


@pytest.fixture
def stored(learner):
    def store(count):
        return statements_record(
            statements=[
                {
                    "id": str(uuid.uuid4()),
                    "actor": actor_for_user(learner),
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
                    "object": {"id": f"https://lms.lacity.test/xapi/courses/c/lessons/{n}"},
                }
                for n in range(count)
            ]
        )

    return store


def test_every_statement_is_sent_once_in_batches(lrs, stored):
    ids = stored(7)
    report = statements_forward()
    assert (report.sent, report.batches) == (7, 3)
    assert sorted(lrs.received) == sorted(ids)
    assert set(lrs.statements) == set(ids)
    assert "stored" not in lrs.statements[ids[0]]
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()
    run = ForwardRun.objects.get()
    assert (run.sent, run.error) == (7, "")
    assert run.finished_at is not None


def test_a_second_run_sends_nothing(lrs, stored):
    stored(4)
    statements_forward()
    received = list(lrs.received)
    assert statements_forward().sent == 0
    assert lrs.received == received


def test_a_run_killed_between_batches_resends_nothing_acknowledged(lrs, stored):
    ids = stored(7)

    class Killed(BaseException):
        pass

    def kill(number, count):
        if number == 1:
            raise Killed

    with pytest.raises(Killed):
        statements_forward(on_batch=kill)
    assert Statement.objects.filter(forwarded_at__isnull=False).count() == 3
    assert len(lrs.received) == 3
    statements_forward()
    assert sorted(lrs.received) == sorted(ids)  # each exactly once


def test_a_batch_acknowledged_but_not_marked_is_harmless(lrs, stored):
    """The process died after the LRS answered but before the mark: the next run sends the
    batch again, the LRS knows the ids (409), one by one they count as delivered, and the LRS
    still holds each statement once."""
    ids = stored(3)
    for statement_id in ids[:2]:
        lrs.statements[statement_id] = {"id": statement_id}
    report = statements_forward()
    assert report.sent == 3
    assert set(lrs.statements) == set(ids)
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()


def test_a_failing_lrs_stops_the_run_and_records_the_error(lrs, stored):
    stored(5)
    lrs.fail_with = 503
    with pytest.raises(ForwardError):
        statements_forward()
    run = ForwardRun.objects.get()
    assert "HTTP 503" in run.error
    assert run.sent == 0
    assert Statement.objects.filter(forwarded_at__isnull=True).count() == 5
    lrs.fail_with = None
    assert statements_forward().sent == 5


def test_wrong_credentials_are_an_error(lrs, stored, settings):
    stored(1)
    settings.XAPI_FORWARD_PASSWORD = "wrong"
    with pytest.raises(ForwardError, match="401"):
        statements_forward()
    assert Statement.objects.filter(forwarded_at__isnull=True).count() == 1


def test_no_answer_is_an_error(settings, stored):
    settings.XAPI_FORWARD_URL = "http://127.0.0.1:9/xapi"
    stored(1)
    with pytest.raises(ForwardError, match="No answer"):
        statements_forward()


def test_off_without_a_url(settings, stored):
    settings.XAPI_FORWARD_URL = ""
    stored(2)
    report = statements_forward()
    assert not report.configured
    assert not ForwardRun.objects.exists()
    with pytest.raises(CommandError, match="XAPI_FORWARD_URL"):
        call_command("xapi_forward")


def test_the_task_forwards_and_retries_on_failure(lrs, stored):
    stored(4)
    assert ForwardError in xapi_forward_task.autoretry_for
    assert xapi_forward_task.retry_backoff
    assert xapi_forward_task.name == "courses.tasks.xapi_forward_task"
    assert xapi_forward_task() == 4


def test_the_command_prints_progress(lrs, stored, capsys):
    stored(5)
    call_command("xapi_forward")
    out = capsys.readouterr().out
    assert "5 statements to forward" in out
    assert "batch 1: 3 statements acknowledged" in out
    assert "batch 2: 2 statements acknowledged" in out
    assert "5 statements forwarded." in out


def test_status(lrs, stored):
    stored(2)
    status = forwarding_status()
    assert status.configured
    assert status.pending == 2
    assert status.last_run is None
    statements_forward()
    status = forwarding_status()
    assert status.pending == 0
    assert status.last_run.sent == 2
