"""With a read replica configured, the full run reads its extracts there and writes only to
the primary; incremental runs use the primary. (Without one, see test_runs.py.)"""

import re

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

from analytics.pipeline import services
from analytics.pipeline.models import RunStatus
from lms.db_router import REPLICA
from lms.fiscal import fiscal_year_of
from tests.analytics.pipeline.test_runs import citywide_rate, today

# Committed rows: the replica is a second connection, which sees only what is committed.
pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA]
)

EXTRACTED = ("courses_assignment", "courses_assessmentresult", "courses_feedbackresponse")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|COPY \S+ \(.*\) FROM)\b", re.IGNORECASE)


@pytest.fixture(scope="module", autouse=True)
def _replica_configured(django_db_setup):
    """A "replica" alias for this module's tests: a second connection to the test database,
    what DATABASE_REPLICA_URL with TEST MIRROR "default" gives. Module-wide, so it exists
    before each test declares it may use it."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    settings.DATABASES[REPLICA] = {**primary, "TEST": {**primary["TEST"], "MIRROR": "default"}}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del settings.DATABASES[REPLICA]


@pytest.fixture
def replica():
    return connections[REPLICA]


def _reads(captured, table: str) -> list[str]:
    return [q["sql"] for q in captured if table in q["sql"] and not WRITE.match(q["sql"])]


def _writes(captured) -> list[str]:
    return [q["sql"] for q in captured if WRITE.match(q["sql"])]


def test_a_full_run_reads_its_extracts_from_the_replica_and_writes_the_primary(
    staffed, replica, monkeypatch
):
    # Every read in this thread, where the capture sees it: outside a transaction on
    # PostgreSQL a full run reads the assessments and feedback on a thread of its own
    # (tests/integration/test_analytics_concurrency.py tests that path).
    monkeypatch.setattr(
        services, "_read_alongside", lambda read, *args, using: lambda: read(*args, using=using)
    )
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        run = services.analytics_run_full()

    assert run.status == RunStatus.COMPLETE
    assert citywide_rate(staffed) == (2, 8)
    for table in EXTRACTED:
        assert _reads(on_replica.captured_queries, table), f"{table} not read on the replica"
        assert not _reads(on_primary.captured_queries, table), f"{table} read on the primary"
    assert not _writes(on_replica.captured_queries)
    written = " ".join(_writes(on_primary.captured_queries))
    for table in ("analytics_analyticsrun", "analytics_indicatorvalue", "analytics_snapshotslice"):
        assert table in written


def test_an_incremental_run_reads_the_primary_even_with_a_replica(staffed, replica):
    """A replica a moment behind would miss the very change the run was queued for."""
    services.analytics_run_full()
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        services.analytics_run_slices(
            requirement_ids=[staffed.pk], fiscal_years=[fiscal_year_of(today())]
        )
    assert not on_replica.captured_queries
    assert _reads(on_primary.captured_queries, "courses_assignment")
