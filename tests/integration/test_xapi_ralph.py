"""Forwarding against a real LRS: Ralph (ralph-malph, its file-system backend) started on a free
port from its own venv (`make ralph`; .ci/run passes RALPH_BIN). The statements are read back
from Ralph by id, a second run sends nothing, and a run killed between batches resends nothing
the LRS acknowledged (Ralph's file holds each statement once, and the runs sent exactly as many
statements as there were).

Without RALPH_BIN this fails: it never skips. Outside CI's PostgreSQL pass it is deselected with
the other integration tests (tests/conftest.py)."""

import json
import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

from courses.xapi.agents import actor_for_user
from courses.xapi.forwarding import statements_forward
from courses.xapi.models import ForwardRun, Statement
from courses.xapi.store import statements_record

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

USERNAME = "equity-lms"
PASSWORD = "forwarding-test-secret"
VERSION_HEADER = {"X-Experience-API-Version": "1.0.3"}


# Ralph 5.1.0's file-system backend writes its statements file with the "create" operation, so
# its LRS accepts one write per file and answers 500 ("Statements bulk indexation failed") to
# every later POST. Its API is started here with that backend set to append instead: the LRS's
# own code (validation, duplicate ids, 409s, GET by id) is unchanged. Run by Ralph's python.
RALPH_LAUNCHER = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
from ralph.api import app
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    """(xAPI base URL, the fs backend's statements file) of a Ralph server of this module."""
    ralph_bin = os.environ.get("RALPH_BIN")
    if not ralph_bin or not Path(ralph_bin).is_file():
        pytest.fail(
            "RALPH_BIN must name the ralph executable (make ralph builds .venv-ralph/bin/ralph; "
            f"got {ralph_bin!r}). This test does not skip."
        )
    root = tmp_path_factory.mktemp("ralph")
    (root / "app").mkdir()
    (root / "data").mkdir()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(root / "app"),
        "RALPH_AUTH_FILE": str(root / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(root / "data"),
    }
    # `ralph auth` prints the credentials entry (bcrypt hash) after a line of explanation.
    printed = subprocess.run(  # noqa: S603
        [
            ralph_bin,
            "auth",
            "-u",
            USERNAME,
            "-p",
            PASSWORD,
            "-s",
            "all",
            "-M",
            "mailto:lms@lacity.org",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    entry = json.loads(printed[printed.index("{") :])
    (root / "auth.json").write_text(json.dumps([entry]))
    port = _free_port()
    log = (root / "ralph.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [str(Path(ralph_bin).parent / "python"), "-c", RALPH_LAUNCHER, str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # stopped with its process group below
    )
    base = f"http://127.0.0.1:{port}/xAPI"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/__heartbeat__", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Ralph did not start:\n{(root / 'ralph.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield base, root / "data" / "fs_lrs.jsonl"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def forwarding(settings, ralph):
    base, _file = ralph
    settings.XAPI_FORWARD_URL = base
    settings.XAPI_FORWARD_USERNAME = USERNAME
    settings.XAPI_FORWARD_PASSWORD = PASSWORD
    settings.XAPI_FORWARD_BATCH = 4
    return ralph


def _record(learner, count) -> list[str]:
    registration = str(uuid.uuid4())
    return statements_record(
        statements=[
            {
                "id": str(uuid.uuid4()),
                "actor": actor_for_user(learner),
                "verb": {
                    "id": "http://adlnet.gov/expapi/verbs/completed",
                    "display": {"en-US": "completed", "es": "completó"},
                },
                "object": {
                    "objectType": "Activity",
                    "id": f"https://lms.lacity.test/xapi/courses/c/lessons/{n}",
                    "definition": {
                        "type": "http://adlnet.gov/expapi/activities/lesson",
                        "name": {"en-US": f"Lesson {n}", "es": f"Lección {n}"},
                    },
                },
                "context": {"registration": registration, "platform": "Equity LMS"},
                "result": {"completion": True},
            }
            for n in range(count)
        ]
    )


def _read_back(base: str, statement_id: str) -> dict:
    response = requests.get(
        f"{base}/statements",
        params={"statementId": statement_id},
        auth=(USERNAME, PASSWORD),
        headers=VERSION_HEADER,
        timeout=10,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    # Ralph answers a single statement inside a statements list
    return body["statements"][0] if "statements" in body else body


def _copies_in_ralph(file: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in file.read_text().splitlines():
        if line.strip():
            statement_id = json.loads(line)["id"]
            counts[statement_id] = counts.get(statement_id, 0) + 1
    return counts


def test_statements_reach_ralph_once_and_a_second_run_sends_nothing(forwarding, learner):
    base, file = forwarding
    ids = _record(learner, 10)
    first = statements_forward()
    assert (first.sent, first.batches) == (10, 3)
    for statement_id in ids:
        statement = _read_back(base, statement_id)
        assert statement["id"] == statement_id
        assert statement["actor"]["account"]["name"] == f"user-{learner.pk}"
    second = statements_forward()
    assert second.sent == 0
    copies = _copies_in_ralph(file)
    assert all(copies[statement_id] == 1 for statement_id in ids)
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()


def test_a_run_killed_between_batches_resends_nothing(forwarding, learner):
    base, file = forwarding
    ids = _record(learner, 10)

    class Killed(BaseException):
        """What a SIGKILL between two batches leaves: the first batch acknowledged and marked."""

    def kill_after_first(number, count):
        if number == 1:
            raise Killed

    with pytest.raises(Killed):
        statements_forward(on_batch=kill_after_first)
    acknowledged = set(
        Statement.objects.filter(forwarded_at__isnull=False, statement_id__in=ids).values_list(
            "statement_id", flat=True
        )
    )
    assert len(acknowledged) == 4
    resumed = statements_forward()
    assert resumed.sent == 6  # only what the killed run had not delivered
    assert {str(i) for i in acknowledged}.isdisjoint(resumed.ids)
    assert statements_forward().sent == 0
    copies = _copies_in_ralph(file)
    assert all(copies[statement_id] == 1 for statement_id in ids)
    for statement_id in ids:
        assert _read_back(base, statement_id)["id"] == statement_id
    assert ForwardRun.objects.filter(error="").count() == 3
