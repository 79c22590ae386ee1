"""End to end: the engine stores statuses, the workbench shows what it stored."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.compliance.models import AssignmentStatus
from courses.learning.services import lesson_complete
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

S = AssignmentStatus


@pytest.mark.django_db
def test_liaison_index_redirects_to_their_only_department(client, liaison):
    client.force_login(liaison)
    response = client.get("/liaison/")
    assert response.status_code == 302
    assert response["Location"] == "/liaison/GSD/"


@pytest.mark.django_db
def test_dashboard_shows_the_statuses_the_engine_stored(
    client, liaison, learner, department, requirement, lessons
):
    starter = UserFactory(department=department, first_name="Sam", last_name="Starter")
    UserFactory(department=department, first_name="Gone", last_name="Away", is_active=False)
    compliance_refresh()
    lesson_complete(user=starter, lesson=lessons[0])
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(liaison)

    # Progress alone changes nothing on the dashboard: it reads stored assignments.
    [before] = client.get("/liaison/GSD/").context["summaries"]
    compliance_refresh()
    response = client.get("/liaison/GSD/")
    [after] = response.context["summaries"]

    assert (before.completed, before.in_progress, before.not_started) == (0, 0, 3)
    # learner, starter, liaison; not the one who left
    assert after.in_audience == 3
    assert (after.completed, after.in_progress, after.not_started, after.overdue) == (1, 1, 1, 0)
    statuses = {
        row.person.last_name + row.person.first_name: row.cells[0].status
        for row in response.context["rows"]
    }
    assert statuses[f"Person{learner.first_name}"] == S.COMPLETED_ON_TIME
    assert statuses["StarterSam"] == S.IN_PROGRESS
    html = response.content.decode()
    assert "Starter, Sam" in html
    assert "Away, Gone" not in html


@pytest.mark.django_db
def test_past_due_requirement_counts_unfinished_people_as_overdue(
    client, liaison, learner, course, lessons
):
    RequirementFactory(course=course, due_on=timezone.localdate() - timedelta(days=1))
    lesson_complete(user=learner, lesson=lessons[0])
    compliance_refresh()
    client.force_login(liaison)
    [row] = client.get("/liaison/GSD/").context["summaries"]
    assert (row.completed, row.in_progress, row.not_started, row.overdue) == (0, 0, 0, 2)


@pytest.mark.django_db
def test_requirement_for_other_departments_is_not_shown(
    client, liaison, learner, course, other_department
):
    requirement = RequirementFactory(course=course, name="Library only")
    requirement.departments.add(other_department)
    UserFactory(department=other_department)
    compliance_refresh()
    client.force_login(liaison)
    response = client.get("/liaison/GSD/")
    assert response.context["summaries"] == []
    assert "Library only" not in response.content.decode()
