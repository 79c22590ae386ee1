"""The liaison page and its staff list cost a fixed number of queries, whatever the size of the
department: the counts come from the engine's per-department summary, the staff list from one
query for the ids and one each for the page's people and their cells."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    DepartmentFactory,
    LiaisonScopeFactory,
    RequirementFactory,
    UserFactory,
    compliance_refresh,
)

pytestmark = pytest.mark.django_db

# Session, user, the person's roles (lms.users.roles: the access check, the navigation), the
# department, requirements, job classes, analytics' visible runs, the department switcher, the
# summary, who moved out but is counted here, the staff ids, the page's people and their cells,
# and analytics' last run.
LIAISON_PAGE_QUERIES = 14


def _department(people: int):
    department = DepartmentFactory()
    liaison = UserFactory(department=department)
    LiaisonScopeFactory(user=liaison, department=department)
    UserFactory.create_batch(people, department=department)
    return department, liaison


def _queries(client, user, url: str) -> int:
    cache.clear()  # cold: nothing cached under the compliance version
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("query", ["", "?status=overdue&page=2", "?sort=-due_on&page=2"])
def test_liaison_page_and_staff_list_queries_do_not_grow_with_the_department(client, course, query):
    requirements = [RequirementFactory(course=course, name=f"r{n}") for n in range(3)]
    small, small_liaison = _department(2)
    big, big_liaison = _department(120)
    compliance_refresh(as_of=requirements[0].due_on + timedelta(days=1))  # everyone overdue

    few = _queries(client, small_liaison, f"/liaison/{small.code}/{query}")
    many = _queries(client, big_liaison, f"/liaison/{big.code}/{query}")
    assert few == many == LIAISON_PAGE_QUERIES
