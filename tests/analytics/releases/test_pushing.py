"""Pushing a valid release to a monitoring endpoint: a real HTTP server on 127.0.0.1, no sleep."""

import json
import socket
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from analytics.releases.models import MonitoringRelease, PushStatus, ReleaseStatus
from analytics.releases.publishing import monitoring_release_publish
from analytics.releases.pushing import backoff_seconds, idempotency_key, monitoring_release_push
from analytics.releases.tasks import monitoring_release_push_task
from tests.analytics.releases.data import four_departments, glossary_definitions, snapshot


class Endpoint:
    """A local HTTP server answering POSTs with the given statuses in turn (the last repeats),
    recording each request's headers and body."""

    def __init__(self, statuses: list[int]):
        self.statuses = list(statuses)
        self.requests: list[dict] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                endpoint.requests.append({"headers": dict(self.headers), "body": body})
                status = (
                    endpoint.statuses.pop(0) if len(endpoint.statuses) > 1 else endpoint.statuses[0]
                )
                payload = json.dumps({"status": status}).encode()
                self.send_response(status)
                if status in (429, 503):
                    self.send_header("Retry-After", "7")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/releases"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint_factory():
    endpoints = []

    def make(statuses):
        endpoint = Endpoint(statuses)
        endpoints.append(endpoint)
        return endpoint

    yield make
    for endpoint in endpoints:
        endpoint.close()


@pytest.fixture
def release(tmp_path, settings, requirement, department, other_department):
    settings.MONITORING_RELEASE_DIR = tmp_path / "releases"
    settings.MONITORING_PUSH_URL = ""  # published without a push; each test sets its own
    settings.MONITORING_PUSH_TOKEN = "s3cret-token"
    settings.MONITORING_PUSH_ATTEMPTS = 4
    settings.MONITORING_PUSH_TIMEOUT_SECONDS = 5
    glossary_definitions()
    snapshot(requirement=requirement, departments=four_departments(department, other_department))
    published = monitoring_release_publish()
    assert published.status == ReleaseStatus.VALID
    return published


def parts(request) -> dict[str, bytes]:
    """The multipart body's parts by name."""
    content_type = request["headers"]["Content-Type"]
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request["body"]
    )
    return {
        part.get_param("name", header="content-disposition"): part.get_content()
        for part in message.iter_parts()
    }


def test_a_push_sends_package_and_csv_with_token_and_idempotency_key(
    release, settings, endpoint_factory
):
    endpoint = endpoint_factory([201])
    settings.MONITORING_PUSH_URL = endpoint.url
    waits = []

    pushed = monitoring_release_push(release_id=release.pk, sleep=waits.append)

    assert pushed.push_status == PushStatus.PUSHED
    assert waits == []
    (request,) = endpoint.requests
    assert request["headers"]["Authorization"] == "Bearer s3cret-token"
    assert request["headers"]["Idempotency-Key"] == idempotency_key(release)
    assert release.version in idempotency_key(release)
    sent = parts(request)
    package = json.loads(sent["datapackage"])
    assert package["version"] == release.version
    csv_text = sent["data"] if isinstance(sent["data"], str) else sent["data"].decode()
    assert csv_text.splitlines()[0].startswith("indicator_id,indicator_name,definition_url")
    assert len(csv_text.splitlines()) == release.row_count + 1
    (attempt,) = release.push_attempts.all()
    assert attempt.number == 1
    assert attempt.status_code == 201
    assert attempt.is_success
    assert attempt.url == endpoint.url


def test_a_503_is_retried_with_the_same_key_and_both_attempts_are_logged(
    release, settings, endpoint_factory
):
    endpoint = endpoint_factory([503, 200])
    settings.MONITORING_PUSH_URL = endpoint.url
    waits = []

    pushed = monitoring_release_push(release_id=release.pk, sleep=waits.append)

    assert pushed.push_status == PushStatus.PUSHED
    assert waits == [7.0]  # the server's Retry-After
    keys = {r["headers"]["Idempotency-Key"] for r in endpoint.requests}
    assert keys == {idempotency_key(release)}
    attempts = list(release.push_attempts.values_list("number", "status_code", "is_success"))
    assert attempts == [(1, 503, False), (2, 200, True)]
    assert {a.idempotency_key for a in release.push_attempts.all()} == keys


def test_a_400_is_not_retried_and_the_push_fails(release, settings, endpoint_factory):
    endpoint = endpoint_factory([400])
    settings.MONITORING_PUSH_URL = endpoint.url
    waits = []

    pushed = monitoring_release_push(release_id=release.pk, sleep=waits.append)

    assert pushed.push_status == PushStatus.FAILED
    assert len(endpoint.requests) == 1
    assert waits == []
    (attempt,) = release.push_attempts.all()
    assert attempt.status_code == 400
    assert '"status": 400' in attempt.detail


def test_a_server_that_keeps_failing_is_tried_up_to_the_limit(release, settings, endpoint_factory):
    endpoint = endpoint_factory([500])
    settings.MONITORING_PUSH_URL = endpoint.url
    settings.MONITORING_PUSH_ATTEMPTS = 3
    waits = []

    pushed = monitoring_release_push(release_id=release.pk, sleep=waits.append)

    assert pushed.push_status == PushStatus.FAILED
    assert len(endpoint.requests) == 3
    assert waits == [1.0, 2.0]  # exponential backoff, none after the last attempt


def test_a_server_that_is_down_fails_the_push_and_leaves_the_release_latest(release, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MONITORING_PUSH_URL = f"http://127.0.0.1:{port}/releases"
    waits = []

    pushed = monitoring_release_push(release_id=release.pk, sleep=waits.append)

    assert pushed.push_status == PushStatus.FAILED
    assert release.push_attempts.count() == 4
    assert all(a.status_code is None for a in release.push_attempts.all())
    assert "No answer" in release.push_attempts.first().detail
    assert waits == [1.0, 2.0, 4.0]
    release.refresh_from_db()
    assert release.status == ReleaseStatus.VALID
    assert release.is_latest


def test_a_pushed_release_is_not_sent_again(release, settings, endpoint_factory):
    endpoint = endpoint_factory([200])
    settings.MONITORING_PUSH_URL = endpoint.url
    monitoring_release_push(release_id=release.pk, sleep=lambda _s: None)
    assert monitoring_release_push_task(release_id=release.pk) == PushStatus.PUSHED
    assert len(endpoint.requests) == 1


def test_without_a_url_nothing_is_sent(release):
    assert monitoring_release_push(release_id=release.pk).push_status == PushStatus.NOT_CONFIGURED
    assert not release.push_attempts.exists()


def test_an_invalid_release_is_never_pushed(release, settings, endpoint_factory):
    endpoint = endpoint_factory([200])
    settings.MONITORING_PUSH_URL = endpoint.url
    MonitoringRelease.objects.filter(pk=release.pk).update(
        status=ReleaseStatus.INVALID, is_latest=False
    )
    with pytest.raises(ValueError, match="invalid"):
        monitoring_release_push(release_id=release.pk)
    assert endpoint.requests == []


def test_backoff_is_bounded():
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
    assert backoff_seconds(20) == 300.0
    assert backoff_seconds(1, "86400") == 300.0
    assert backoff_seconds(2, "soon") == 2.0
    # Unicode digits pass str.isdigit() but are no number of seconds: back off as usual.
    assert backoff_seconds(2, "²") == 2.0
    assert backoff_seconds(3, "٣") == 4.0
