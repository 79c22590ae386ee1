"""Step 3: a liaison sees their department's compliance at once, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.services import lesson_complete
from tests.factories import RequirementFactory, UserFactory


@pytest.mark.django_db
def test_liaison_index_redirects_to_their_only_department(client, liaison):
    client.force_login(liaison)
    response = client.get("/liaison/")
    assert response.status_code == 302
    assert response["Location"] == "/liaison/GSD/"


@pytest.mark.django_db
def test_dashboard_counts_each_status_and_lists_staff(
    client, liaison, learner, department, requirement, lessons
):
    starter = UserFactory(department=department, first_name="Sam", last_name="Starter")
    UserFactory(department=department, first_name="Gone", last_name="Away", is_active=False)
    lesson_complete(user=starter, lesson=lessons[0])
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)

    client.force_login(liaison)
    response = client.get("/liaison/GSD/")
    assert response.status_code == 200
    assert response.context["headcount"] == 3  # learner, starter, liaison; not the one who left
    row = response.context["counts"][0]
    assert (row["completed"], row["in_progress"], row["not_started"], row["overdue"]) == (
        1,
        1,
        1,
        0,
    )
    html = response.content.decode()
    assert "Starter, Sam" in html
    assert "Away, Gone" not in html


@pytest.mark.django_db
def test_past_due_requirement_counts_unfinished_people_as_overdue(
    client, liaison, learner, course, lessons
):
    RequirementFactory(course=course, due_on=timezone.localdate() - timedelta(days=1))
    lesson_complete(user=learner, lesson=lessons[0])
    client.force_login(liaison)
    row = client.get("/liaison/GSD/").context["counts"][0]
    assert (row["completed"], row["in_progress"], row["not_started"], row["overdue"]) == (
        0,
        0,
        0,
        2,
    )


@pytest.mark.django_db
def test_requirement_for_other_departments_is_not_shown(client, liaison, course, other_department):
    requirement = RequirementFactory(course=course, applies_to_all=False, name="Library only")
    requirement.departments.add(other_department)
    client.force_login(liaison)
    response = client.get("/liaison/GSD/")
    assert response.context["counts"] == []
    assert "Library only" not in response.content.decode()


@pytest.mark.django_db
def test_staff_search_finds_by_name(client, liaison, department, requirement):
    UserFactory(department=department, first_name="Marisol", last_name="Quintero")
    UserFactory(department=department, first_name="Other", last_name="Person")
    client.force_login(liaison)
    response = client.get("/liaison/GSD/", {"q": "quinter"})
    assert [row["person"].last_name for row in response.context["rows"]] == ["Quintero"]


def _dashboard_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_department_size(
    client, liaison, department, requirement, lessons
):
    client.force_login(liaison)
    UserFactory.create_batch(3, department=department)
    small = _dashboard_queries(client, "/liaison/GSD/")
    people = UserFactory.create_batch(120, department=department)
    for person in people[:40]:
        lesson_complete(user=person, lesson=lessons[0])
    large = _dashboard_queries(client, "/liaison/GSD/")
    assert large == small
