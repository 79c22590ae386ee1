"""Forwarding statements to the city's LRS (settings.XAPI_FORWARD_URL, an xAPI base URL, with
HTTP Basic credentials XAPI_FORWARD_USERNAME / XAPI_FORWARD_PASSWORD from the environment).

Exactly once, whatever the retries:
- statements go in batches of XAPI_FORWARD_BATCH, oldest stored first, POSTed to
  <XAPI_FORWARD_URL>/statements;
- a batch is marked forwarded (Statement.forwarded_at) in its own committed transaction as
  soon as the LRS acknowledged it, before the next batch is sent: a run killed half-way leaves
  every acknowledged batch marked, and the next run starts after them;
- the only statements that can be sent twice are those of a batch the LRS acknowledged in the
  instant before the process died, and those carry the same stable ids (courses.xapi.ids), which
  an LRS stores once. When the LRS answers 409 to a batch (some ids already stored: the case
  just described), the batch is sent again one statement at a time with PUT, and an id the LRS
  already holds counts as delivered;
- two runs at once take different batches (rows locked with SKIP LOCKED on PostgreSQL).

Every run is recorded (ForwardRun: when, how many, the error) for the ORE releases page. A
failure (no answer, 5xx, 4xx other than 409) stops the run with ForwardError; the Celery task
retries it with backoff."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from courses.xapi.models import ForwardRun, Statement

logger = logging.getLogger(__name__)

VERSION = "1.0.3"
TIMEOUT_SECONDS = 30
DETAIL_CHARS = 300


class ForwardError(Exception):
    """The LRS did not acknowledge a batch; the run stopped there (acknowledged batches stay
    marked)."""


@dataclass
class ForwardReport:
    configured: bool
    sent: int = 0
    batches: int = 0
    error: str = ""
    run: ForwardRun | None = None
    ids: list[str] = field(default_factory=list)


def forwarding_configured() -> bool:
    return bool(settings.XAPI_FORWARD_URL)


def _endpoint() -> str:
    return settings.XAPI_FORWARD_URL.rstrip("/") + "/statements"


def _session() -> requests.Session:
    session = requests.Session()
    if settings.XAPI_FORWARD_USERNAME or settings.XAPI_FORWARD_PASSWORD:
        session.auth = (settings.XAPI_FORWARD_USERNAME, settings.XAPI_FORWARD_PASSWORD)
    session.headers.update(
        {"X-Experience-API-Version": VERSION, "Content-Type": "application/json"}
    )
    return session


def _outgoing(payload: dict) -> dict:
    """The statement as the receiving LRS should get it: its `stored` and `authority` are the
    receiving LRS's to set."""
    return {key: value for key, value in payload.items() if key not in ("stored", "authority")}


def _detail(response: requests.Response) -> str:
    return f"HTTP {response.status_code}: {response.text[:DETAIL_CHARS].strip()}"


def _send(session: requests.Session, payloads: list[dict]) -> None:
    """Delivers one batch or raises ForwardError."""
    try:
        response = session.post(
            _endpoint(), json=[_outgoing(p) for p in payloads], timeout=TIMEOUT_SECONDS
        )
    except requests.RequestException as error:
        raise ForwardError(f"No answer from the LRS: {error.__class__.__name__}") from error
    if response.status_code in (200, 204):
        return
    if response.status_code != 409:
        raise ForwardError(_detail(response))
    # Some ids are stored there already: one by one, an id it holds counts as delivered.
    for payload in payloads:
        try:
            single = session.put(
                _endpoint(),
                params={"statementId": payload["id"]},
                json=_outgoing(payload),
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise ForwardError(f"No answer from the LRS: {error.__class__.__name__}") from error
        if single.status_code == 409:
            logger.info("xAPI statement %s was already at the LRS", payload["id"])
        elif single.status_code not in (200, 204):
            raise ForwardError(_detail(single))


def _pending_batch(size: int):
    queryset = Statement.objects.filter(forwarded_at__isnull=True).order_by("stored", "pk")
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return list(queryset.values_list("pk", "payload")[:size])


def statements_forward(
    *,
    batch_size: int | None = None,
    max_batches: int | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> ForwardReport:
    """Sends every pending statement (or `max_batches` batches); returns what was sent.
    `on_batch(batch number, statements in it)` is called after each acknowledged batch has been
    marked (the management command prints progress with it). Raises ForwardError when the LRS
    fails (the run is recorded with the error first)."""
    if not forwarding_configured():
        return ForwardReport(configured=False)
    size = batch_size or settings.XAPI_FORWARD_BATCH
    run = ForwardRun.objects.create(started_at=timezone.now())
    report = ForwardReport(configured=True, run=run)
    session = _session()
    try:
        while max_batches is None or report.batches < max_batches:
            with transaction.atomic():
                batch = _pending_batch(size)
                if not batch:
                    break
                _send(session, [payload for _pk, payload in batch])
                Statement.objects.filter(pk__in=[pk for pk, _payload in batch]).update(
                    forwarded_at=timezone.now()
                )
            report.batches += 1
            report.sent += len(batch)
            report.ids += [payload["id"] for _pk, payload in batch]
            ForwardRun.objects.filter(pk=run.pk).update(sent=report.sent)
            if on_batch is not None:
                on_batch(report.batches, len(batch))
    except ForwardError as error:
        report.error = str(error)
        logger.warning("xAPI forwarding stopped after %s statements: %s", report.sent, error)
        raise
    finally:
        run.sent = report.sent
        run.error = report.error
        run.finished_at = timezone.now()
        run.save(update_fields=["sent", "error", "finished_at"])
    logger.info("xAPI forwarding sent %s statements in %s batches", report.sent, report.batches)
    return report


@dataclass(frozen=True)
class ForwardingStatus:
    configured: bool
    url: str
    pending: int
    last_run: ForwardRun | None

    @property
    def host(self) -> str:
        """The LRS's scheme and host only (never credentials or paths) for display."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}"


def forwarding_status() -> ForwardingStatus:
    """For the ORE releases page: is forwarding on, how many statements wait, the last run.
    Two queries."""
    return ForwardingStatus(
        configured=forwarding_configured(),
        url=settings.XAPI_FORWARD_URL,
        pending=Statement.objects.filter(forwarded_at__isnull=True).count(),
        last_run=ForwardRun.objects.order_by("-started_at").first(),
    )
