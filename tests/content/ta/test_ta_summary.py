"""ORE's summary of TA requests: counts and hours by department, topic and fiscal year."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from content.ta.models import TAStatus
from content.ta.selectors import ta_summary
from tests.content.ta.factories import TARequestFactory, issue_area


def _utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def requests(department, other_department):
    health, zoning = issue_area("health-well-being"), issue_area("zoning")
    # 2025-07-01 06:00 UTC is still June 30 in Los Angeles: fiscal year 2024-25.
    TARequestFactory(
        department=department,
        topic=health,
        created_at=_utc(2025, 7, 1, 6),
        status=TAStatus.COMPLETED,
        hours_logged=Decimal("4.5"),
    )
    # 2025-07-01 08:00 UTC is July 1 in Los Angeles: fiscal year 2025-26.
    TARequestFactory(
        department=department,
        topic=zoning,
        created_at=_utc(2025, 7, 1, 8),
        status=TAStatus.IN_PROGRESS,
        hours_logged=Decimal("2"),
    )
    TARequestFactory(
        department=other_department,
        topic=health,
        created_at=_utc(2026, 6, 30, 18),
        status=TAStatus.DECLINED,
        decline_reason="Out of scope.",
    )
    TARequestFactory(
        department=other_department,
        topic=health,
        created_at=_utc(2024, 1, 10, 18),
        status=TAStatus.COMPLETED,
        hours_logged=Decimal("10.25"),
    )


def _table(rows):
    return [(r.label, r.requests, r.completed, r.declined, r.hours) for r in rows]


@pytest.mark.django_db
def test_counts_and_hours_by_department_topic_and_local_fiscal_year(requests):
    summary = ta_summary()
    assert _table(summary.by_department) == [
        ("General Services (GSD)", 2, 1, 0, Decimal("6.5")),
        ("Library (LAPL)", 2, 1, 1, Decimal("10.25")),
    ]
    assert _table(summary.by_topic) == [
        ("Health & Well-being", 3, 2, 1, Decimal("14.75")),
        ("Zoning", 1, 0, 0, Decimal("2")),
    ]
    assert _table(summary.by_fiscal_year) == [
        ("FY 2025-26", 2, 0, 1, Decimal("2")),
        ("FY 2024-25", 1, 1, 0, Decimal("4.5")),
        ("FY 2023-24", 1, 1, 0, Decimal("10.25")),
    ]
    assert (summary.total.requests, summary.total.hours) == (4, Decimal("16.75"))


@pytest.mark.django_db
def test_the_summary_takes_three_queries_however_many_requests(requests, django_assert_num_queries):
    with django_assert_num_queries(3):
        ta_summary()
    TARequestFactory.create_batch(15)
    with django_assert_num_queries(3):
        ta_summary()


@pytest.mark.django_db
def test_the_summary_page_shows_accessible_tables_with_totals(client, ore, requests):
    client.force_login(ore)
    html = client.get("/ta/summary/").content.decode()
    assert html.count("<table>") == 3
    assert html.count("<tfoot>") == 3
    assert '<th scope="col" class="num">Hours logged</th>' in html
    assert '<th scope="row">FY 2024-25</th>' in html
    assert '<th scope="row">Library (LAPL)</th>' in html
    assert "16.75" in html  # the total of hours


@pytest.mark.django_db
def test_the_summary_page_query_count_does_not_grow(
    client, ore, requests, django_assert_max_num_queries
):
    client.force_login(ore)
    client.get("/ta/summary/")
    with django_assert_max_num_queries(10) as first:
        client.get("/ta/summary/")
    TARequestFactory.create_batch(15)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/ta/summary/")


@pytest.mark.django_db
def test_topic_names_follow_the_readers_language(client, ore, requests):
    client.force_login(ore)
    client.cookies["django_language"] = "es"
    html = client.get("/ta/summary/").content.decode()
    assert "Salud y bienestar" in html
