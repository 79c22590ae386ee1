"""The dashboard reads a fixed number of queries, whatever the number of departments."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.analytics.citywide.data import cell, compliance_cells, make_visible, run_make
from tests.factories import DepartmentFactory, JobClassFactory, RequirementFactory

PERIODS = [("fiscal_year", date(2026, 7, 1)), ("fiscal_quarter", date(2026, 10, 1))]


def _departments(run, requirements, course, numbers):
    for n in numbers:
        department = DepartmentFactory(code=f"Q{n:02d}", name=f"Department {n:02d}")
        for period_type, start in PERIODS:
            where = {"period_type": period_type, "start": start}
            for requirement in requirements:
                compliance_cells(
                    run,
                    requirement,
                    completed=n,
                    on_time=n,
                    audience=20,
                    overdue=1,
                    scope="department",
                    department=department,
                    **where,
                )
            cell(
                run,
                "ta_requests",
                scope="department",
                department=department,
                numerator=n,
                value=n,
                **where,
            )
            cell(
                run,
                "knowledge_gain",
                course=course,
                scope="department",
                department=department,
                numerator=n,
                denominator=1,
                value=n,
                **where,
            )
    make_visible(run)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?department={department}",
        "?job_class=1368&period_type=fiscal_quarter",
        "?download=ranking",
    ],
)
def test_query_count_is_the_same_for_2_and_12_departments(
    client, ore, course, django_assert_num_queries, query
):
    requirements = [RequirementFactory(course=course, name=f"Requirement {n}") for n in range(3)]
    job_class = JobClassFactory(code="1368")
    run = run_make()
    for requirement in requirements:
        for period_type, start in PERIODS:
            compliance_cells(
                run,
                requirement,
                completed=50,
                on_time=40,
                audience=100,
                overdue=5,
                period_type=period_type,
                start=start,
            )
            compliance_cells(
                run,
                requirement,
                completed=5,
                on_time=4,
                audience=10,
                overdue=1,
                period_type=period_type,
                start=start,
                scope="job_class",
                job_class=job_class,
            )
        for month in (7, 8, 9, 10, 11):
            cell(
                run,
                "completion_rate",
                period_type="month",
                start=date(2026, month, 1),
                requirement=requirement,
                numerator=5,
                denominator=10,
                value=0.5,
            )
    _departments(run, requirements, course, range(2))
    client.force_login(ore)
    first = DepartmentFactory(code="Q00")
    url = "/analytics/" + query.format(department=first.pk)
    client.get(url)  # the first request of a session may warm caches
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200

    _departments(run, requirements, course, range(2, 12))
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    if not query.startswith("?download"):
        ranking = next(s for s in response.context["sections"] if s.key == "ranking")
        assert len(ranking.table.rows) == 12


@pytest.mark.django_db
def test_a_warm_dashboard_reads_no_figures_and_a_new_run_shows_at_once(client, ore, course):
    requirement = RequirementFactory(course=course, name="Foundations")
    first = run_make()
    compliance_cells(first, requirement, completed=50, on_time=40, audience=100, overdue=5)
    make_visible(first)
    client.force_login(ore)
    assert "50.0%" in client.get("/analytics/").content.decode()

    with CaptureQueriesContext(connection) as warm:
        page = client.get("/analytics/").content.decode()
    assert "50.0%" in page
    assert not [q for q in warm.captured_queries if "analytics_indicatorvalue" in q["sql"]]

    # A newer run moves the pointers: the cached figures are not shown again.
    second = run_make()
    compliance_cells(second, requirement, completed=75, on_time=60, audience=100, overdue=5)
    make_visible(second)
    page = client.get("/analytics/").content.decode()
    assert "75.0%" in page
    assert "50.0%" not in page
