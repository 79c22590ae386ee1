"""Reminders go out exactly once when several workers send them at once (PostgreSQL + Redis).

Threads in this process race `reminders_send` and `reminders_send_now` on PostgreSQL; then two
real Celery worker processes (two pool processes each), fed from Redis, run the daily and weekly
tasks several times at once and write their emails to files, which we count.
"""

import email
import email.policy
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from courses.compliance.models import ReminderKind, ReminderLog
from courses.compliance.reminders import reminders_plan, reminders_send, reminders_send_now
from tests.factories import RequirementFactory, UserFactory, compliance_refresh
from tests.integration.threads import at_once

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TODAY = timezone.localdate()
DUE = TODAY + timedelta(days=20)
OVERDUE_DAY = DUE + timedelta(days=7)  # each person: an overdue reminder and their supervisor's
PEOPLE = 24


@pytest.fixture
def staff(department, liaison, course):
    """PEOPLE employees of GSD with one supervisor, overdue on OVERDUE_DAY, escalated that day."""
    boss = UserFactory(department=department, email="boss@example.lacity.test")
    people = UserFactory.create_batch(PEOPLE, department=department, supervisor=boss)
    RequirementFactory(course=course, due_on=DUE, escalate_to_supervisor_after_days=7)
    compliance_refresh(as_of=TODAY)
    return people


def test_threads_racing_the_daily_run_send_each_reminder_once(staff):
    planned = reminders_plan(as_of=OVERDUE_DAY)
    assert len(planned) > PEOPLE  # overdue reminders to everyone, escalations to the boss

    reports = at_once(4, lambda _i: reminders_send(as_of=OVERDUE_DAY), return_errors=True)

    assert not [r for r in reports if isinstance(r, Exception)], reports
    assert sum(report.sent for report in reports) == len(planned)
    assert sum(report.failed for report in reports) == 0
    assert len(mail.outbox) == len(planned)
    sent_to = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert set(sent_to.values()) == {1}
    keys = Counter(ReminderLog.objects.values_list("key", flat=True))
    assert sorted(keys) == sorted(p.key for p in planned)
    assert set(keys.values()) == {1}
    assert not ReminderLog.objects.filter(sent_at__isnull=True).exists()


def test_two_liaison_requests_at_once_share_one_rate_limit_and_remind_each_person_once(
    settings, liaison, department, staff
):
    from courses.compliance.models import Requirement

    settings.REMINDER_MANUAL_LIMIT_PER_HOUR = PEOPLE
    requirement = Requirement.objects.get()
    ids = [person.pk for person in staff]

    def send(_i):
        return reminders_send_now(
            actor=liaison,
            department=department,
            requirement=requirement,
            user_ids=ids[: PEOPLE * 3 // 4],
            as_of=TODAY,
        )

    results = at_once(2, send, return_errors=True)
    assert not [r for r in results if isinstance(r, Exception)], results
    # Whoever went second found every person already reminded today.
    assert sorted(len(result.sent) for result in results) == [0, PEOPLE * 3 // 4]
    assert len(mail.outbox) == PEOPLE * 3 // 4

    # The rest would exceed the hour's limit if both went through: exactly one does.
    rest = ids[PEOPLE * 3 // 4 :]
    settings.REMINDER_MANUAL_LIMIT_PER_HOUR = PEOPLE * 3 // 4 + len(rest) // 2 + 1
    halves = [rest[: len(rest) // 2], rest[len(rest) // 2 :]]
    results = at_once(
        2,
        lambda i: reminders_send_now(
            actor=liaison,
            department=department,
            requirement=requirement,
            user_ids=halves[i],
            as_of=TODAY,
        ),
        return_errors=True,
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    succeeded = [r for r in results if not isinstance(r, Exception)]
    assert len(refused) == 1
    assert len(succeeded) == 1
    assert len(mail.outbox) == PEOPLE * 3 // 4 + len(succeeded[0].sent)
    assert (
        ReminderLog.objects.filter(kind=ReminderKind.MANUAL).count()
        == PEOPLE * 3 // 4 + len(rest) // 2
    )


# --- real workers ------------------------------------------------------------------------------

_WORKER = """
import os, sys
from django.conf import settings
settings.MAILERS = {"default": {
    "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    "OPTIONS": {"file_path": sys.argv[1]},
}}
import django
django.setup()
from lms.celery import app
app.worker_main(["worker", "--pool=prefork", "--concurrency=2", "--loglevel=INFO",
                 "--without-gossip", "--without-mingle", "--without-heartbeat",
                 "--hostname", sys.argv[2]])
"""


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def _start_worker(name: str, outbox: Path, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(),  # the test database this test wrote to
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    return subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", _WORKER, str(outbox), f"{name}@%h"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_for(condition, *, timeout: float, what: str, logs: list[Path]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    tails = "\n".join(log.read_text()[-3000:] for log in logs)
    raise AssertionError(f"timed out waiting for {what}; the workers said:\n{tails}")


def _emails(outbox: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every email the file backend wrote, from every worker."""
    emails = []
    for path in outbox.iterdir():
        for text in path.read_text().split("\n" + "-" * 79 + "\n"):
            message = email.message_from_string(text, policy=email.policy.default)
            if message["To"]:
                emails.append((str(message["To"]), str(message["Subject"])))
    return emails


def test_two_real_workers_running_the_tasks_at_once_send_each_reminder_once(
    staff, liaison, tmp_path
):
    from courses.tasks import liaison_digests_send_task, reminders_send_task
    from lms.celery import app

    assert settings.CELERY_BROKER_URL.startswith("redis://")
    planned = reminders_plan(as_of=OVERDUE_DAY)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    app.control.purge()  # tasks queued on commit while the fixtures were made
    workers = [_start_worker(f"rem{n}", outbox, log) for n, log in zip("ab", logs, strict=True)]
    try:
        _wait_for(
            lambda: all(" ready." in log.read_text() for log in logs),
            timeout=90,
            what="both workers to start",
            logs=logs,
        )
        for _ in range(3):
            reminders_send_task.apply_async(kwargs={"as_of": OVERDUE_DAY.isoformat()})
            liaison_digests_send_task.apply_async(kwargs={"as_of": OVERDUE_DAY.isoformat()})

        def finished() -> int:
            return sum(
                line.count("succeeded in")
                for log in logs
                for line in log.read_text().splitlines()
                if "send_task[" in line
            )

        _wait_for(lambda: finished() == 6, timeout=120, what="the six tasks to finish", logs=logs)
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)

    emails = _emails(outbox)
    assert len(emails) == len(planned) + 1  # and the liaison's digest
    assert set(Counter(emails).values()) == {1}, Counter(emails).most_common(3)
    assert Counter(to for to, _subject in emails) == Counter(
        [p.recipient.email for p in planned] + [liaison.email]
    )
    keys = list(ReminderLog.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == len(planned) + 1
    assert not ReminderLog.objects.filter(sent_at__isnull=True).exists()


# --- a worker killed between claiming a reminder and sending it --------------------------------

_KILLED_SENDER = """
import sys
from django.conf import settings
settings.MAILERS = {"default": {
    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "OPTIONS": {"host": "127.0.0.1", "port": int(sys.argv[1]), "timeout": 600},
}}
import django
django.setup()
from datetime import date
from courses.compliance.reminders import reminders_send
reminders_send(as_of=date.fromisoformat(sys.argv[2]))
"""


def test_a_reminder_claimed_by_a_killed_worker_is_listed_released_and_sent_once(
    staff, settings, tmp_path
):
    import socket

    from courses.compliance.reminders import reminder_claims_stuck, reminders_release

    planned = reminders_plan(as_of=OVERDUE_DAY)
    # A mail server that accepts the connection and never answers: the sender hangs there,
    # after its claim is committed, until we kill it.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(),
    }
    log = tmp_path / "sender.log"
    sender = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [
            sys.executable,
            "-c",
            _KILLED_SENDER,
            str(silent.getsockname()[1]),
            OVERDUE_DAY.isoformat(),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(
            lambda: ReminderLog.objects.exists(),
            timeout=90,
            what="the sender to claim a reminder",
            logs=[log],
        )
        time.sleep(0.5)  # it is stuck talking to the silent server, not claiming more
    finally:
        os.killpg(sender.pid, signal.SIGKILL)
        sender.wait(timeout=30)
        silent.close()
    [claim] = ReminderLog.objects.all()
    assert claim.sent_at is None
    assert claim.error == ""

    # Never twice by itself: the next run does not send it.
    first = reminders_send(as_of=OVERDUE_DAY)
    assert first.sent == len(planned) - 1
    assert claim.key not in {item.key for item in first.planned}
    # A fresh claim (its sender might still be sending) is neither listed nor releasable ...
    now = timezone.now()
    assert list(reminder_claims_stuck(now=now)) == []
    assert reminders_release(now=now, ids=[claim.pk]).released == []
    # ... and once older than the threshold it is listed, released, and sent exactly once.
    later = now + timedelta(minutes=settings.REMINDER_STUCK_AFTER_MINUTES + 1)
    assert list(reminder_claims_stuck(now=later)) == [claim]
    assert reminders_release(now=later, ids=[claim.pk]).released == [claim]
    again = at_once(2, lambda _i: reminders_send(as_of=OVERDUE_DAY))
    assert sum(report.sent for report in again) == 1
    assert reminders_send(as_of=OVERDUE_DAY).sent == 0

    assert len(mail.outbox) == len(planned)
    assert set(Counter((m.to[0], m.subject) for m in mail.outbox).values()) == {1}
    claim.refresh_from_db()
    assert claim.sent_at is not None
    assert claim.released_at is not None
    assert not ReminderLog.objects.filter(sent_at__isnull=True).exists()
