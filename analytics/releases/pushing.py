"""Pushing a valid monitoring release to the city's monitoring platform or open-data portal.

When MONITORING_PUSH_URL is set, each valid release is POSTed there once, as
`multipart/form-data` with four parts:

    version      the release version (text)
    sha256       the SHA-256 of the CSV (text)
    datapackage  datapackage.json (application/json): the Frictionless descriptor
    data         training-indicators.csv (text/csv): the rows the descriptor describes

(the Parquet copy stays local: the receiving end can rebuild it from the CSV and the schema).
Headers: `Authorization: Bearer <MONITORING_PUSH_TOKEN>` (when a token is set) and
`Idempotency-Key: <version>.<first 32 hex of the CSV's SHA-256>`, the same on every attempt for
the release, so a receiver that sees a retry of a request it already processed can ignore it.

Connection errors, timeouts, 5xx and 429 answers are retried, up to MONITORING_PUSH_ATTEMPTS
attempts in all, waiting 1, 2, 4... seconds between them (or the server's Retry-After, at most
five minutes); any other 4xx is final. Every attempt is logged as a PushAttempt, and the
release's push_status ends `pushed` or `failed`. A failed push never changes the release
itself: it stays valid and, if it was, the latest.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from analytics.releases.models import MonitoringRelease, PushAttempt, PushStatus, ReleaseStatus
from analytics.releases.publishing import CSV_NAME, PACKAGE_NAME

logger = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 300.0
DETAIL_CHARS = 500


def idempotency_key(release: MonitoringRelease) -> str:
    """Stable for a release: its version and the start of its CSV checksum (at most 73 chars)."""
    return f"{release.version}.{release.sha256[:32]}"


def backoff_seconds(attempt: int, retry_after: str | None = None) -> float:
    """How long to wait after failed attempt number `attempt` (1-based): the server's
    Retry-After in seconds when it gives one, else 1, 2, 4... seconds; never over 5 minutes."""
    seconds = (retry_after or "").strip()
    if seconds.isascii() and seconds.isdigit():
        return min(float(seconds), MAX_WAIT_SECONDS)
    return min(float(2 ** (attempt - 1)), MAX_WAIT_SECONDS)


def _multipart(parts: list[tuple[str, str | None, str, bytes]]) -> tuple[bytes, str]:
    """(body, content type) for parts of (name, filename, content type, bytes)."""
    boundary = f"equity-lms-{uuid.uuid4().hex}"
    chunks: list[bytes] = []
    for name, filename, content_type, payload in parts:
        disposition = f'form-data; name="{name}"'
        if filename:
            disposition += f'; filename="{filename}"'
        chunks.append(
            (
                f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
        )
        chunks.append(payload)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _retryable(status: int | None) -> bool:
    return status is None or status == 429 or status >= 500


def monitoring_release_push(
    *, release_id: int, sleep: Callable[[float], None] = time.sleep
) -> MonitoringRelease:
    """POSTs the release to MONITORING_PUSH_URL, retrying as the module docstring says, and
    records every attempt. Returns the release with its push_status updated.

    Safe to repeat: a release already pushed is not sent again; a failed one is tried again
    (its attempts keep counting). Without MONITORING_PUSH_URL nothing is sent and the status
    is `not_configured`. Raises MonitoringRelease.DoesNotExist for an unknown id and
    ValueError for an invalid release (only valid releases are published anywhere).
    `sleep` waits between attempts (tests pass a recorder instead of sleeping)."""
    release = MonitoringRelease.objects.get(pk=release_id)
    if release.status != ReleaseStatus.VALID:
        raise ValueError(f"Release {release.version} is invalid: only valid releases are pushed.")
    url = settings.MONITORING_PUSH_URL
    if not url:
        if release.push_status != PushStatus.PUSHED:
            release.push_status = PushStatus.NOT_CONFIGURED
            release.save(update_fields=["push_status"])
        return release
    if release.push_status == PushStatus.PUSHED:
        return release
    key = idempotency_key(release)
    done = release.push_attempts.count()
    attempts = max(1, int(settings.MONITORING_PUSH_ATTEMPTS))

    def log(number: int, *, status: int | None, ok: bool, detail: str) -> None:
        PushAttempt.objects.create(
            release=release,
            attempted_at=timezone.now(),
            number=done + number,
            url=url[:500],
            idempotency_key=key,
            status_code=status,
            is_success=ok,
            detail=detail[:DETAIL_CHARS],
        )

    if urlsplit(url).scheme not in ("http", "https"):
        log(1, status=None, ok=False, detail=f"MONITORING_PUSH_URL must be http(s): {url!r}")
        return _finish(release, PushStatus.FAILED)
    directory = Path(release.directory)
    try:
        body, content_type = _multipart(
            [
                ("version", None, "text/plain; charset=utf-8", release.version.encode()),
                ("sha256", None, "text/plain; charset=utf-8", release.sha256.encode()),
                (
                    "datapackage",
                    PACKAGE_NAME,
                    "application/json",
                    (directory / PACKAGE_NAME).read_bytes(),
                ),
                ("data", CSV_NAME, "text/csv; charset=utf-8", (directory / CSV_NAME).read_bytes()),
            ]
        )
    except OSError as error:
        log(1, status=None, ok=False, detail=f"The release's files cannot be read: {error}")
        return _finish(release, PushStatus.FAILED)
    headers = {"Content-Type": content_type, "Idempotency-Key": key, "Accept": "application/json"}
    if settings.MONITORING_PUSH_TOKEN:
        headers["Authorization"] = f"Bearer {settings.MONITORING_PUSH_TOKEN}"
    timeout = float(settings.MONITORING_PUSH_TIMEOUT_SECONDS)

    for number in range(1, attempts + 1):
        status, detail, retry_after = _post(url, body=body, headers=headers, timeout=timeout)
        ok = status is not None and 200 <= status < 300
        log(number, status=status, ok=ok, detail=detail)
        if ok:
            return _finish(release, PushStatus.PUSHED)
        if not _retryable(status) or number == attempts:
            break
        sleep(backoff_seconds(number, retry_after))
    logger.warning("Push of monitoring release %s failed", release.version)
    return _finish(release, PushStatus.FAILED)


def _post(
    url: str, *, body: bytes, headers: dict[str, str], timeout: float
) -> tuple[int | None, str, str | None]:
    """(HTTP status or None for no answer, a short detail, the Retry-After header)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (scheme checked)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, _text(response.read(DETAIL_CHARS)), None
    except urllib.error.HTTPError as error:
        return error.code, _text(error.read(DETAIL_CHARS)), error.headers.get("Retry-After")
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, f"No answer: {reason}", None


def _text(payload: bytes) -> str:
    return payload.decode("utf-8", errors="replace").strip()


def _finish(release: MonitoringRelease, status: str) -> MonitoringRelease:
    release.push_status = status
    release.save(update_fields=["push_status"])
    return release
