"""The workbench pages: summary, trend chart, staff list with filters, switcher, one person."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from analytics.pipeline.services import analytics_run_full
from courses.compliance.models import Assignment, AssignmentStatus, Exemption
from courses.workbench.forms import _sort_choices
from courses.workbench.selectors import SORT_KEYS
from tests.courses.workbench.workbench_data import assign
from tests.factories import (
    DepartmentFactory,
    JobClassFactory,
    LiaisonScopeFactory,
    RequirementFactory,
    UserFactory,
)

S = AssignmentStatus
GSD = "/liaison/GSD/"


def _url_exists(name: str, *args) -> bool:
    try:
        reverse(name, args=args)
    except NoReverseMatch:
        return False
    return True


@pytest.mark.django_db
def test_department_page_shows_summary_trend_chart_and_its_table(
    client, liaison, department, requirement
):
    for status in (S.COMPLETED_ON_TIME, S.OVERDUE, S.NOT_STARTED, S.NOT_STARTED):
        assign(UserFactory(department=department), requirement, status=status)
    client.force_login(liaison)

    response = client.get(GSD)

    assert response.status_code == 200
    [summary] = response.context["summaries"]
    assert (summary.in_audience, summary.completed, summary.overdue) == (4, 1, 1)
    html = response.content.decode()
    assert "25%" in html
    # The chart: an image with a title and a description, and the same data as a table.
    assert 'role="img"' in html
    assert '<title id="trend-title-1">' in html
    assert '<desc id="trend-desc-1">' in html
    assert "<details>" in html
    assert "Compliance rate at each month-end" in html
    assert len(response.context["trend_rows"]) == 12


@pytest.mark.django_db
def test_trend_chart_numbers_are_not_localised(client, liaison, department, requirement):
    """Spanish writes 12,5 for 12.5: SVG coordinates must stay in dots."""
    assign(
        UserFactory(department=department),
        requirement,
        status=S.NOT_STARTED,
        opened_on=timezone.localdate() - timedelta(days=400),
    )
    analytics_run_full()
    client.force_login(liaison)
    response = client.get(GSD, HTTP_ACCEPT_LANGUAGE="es")
    chart = response.context["charts"][0]
    html = response.content.decode()
    bar = chart["bars"][0]
    assert f'width="{bar["width"]}"' in html
    assert "," not in str(bar["width"])


@pytest.mark.django_db
def test_staff_table_lists_each_person_with_a_link_to_their_page(
    client, liaison, department, requirement
):
    person = UserFactory(department=department, first_name="Sam", last_name="Starter")
    assign(person, requirement, status=S.IN_PROGRESS)
    UserFactory(department=department, first_name="Gone", last_name="Away", is_active=False)
    client.force_login(liaison)

    html = client.get(GSD).content.decode()

    assert "Starter, Sam" in html
    assert "Away, Gone" not in html
    assert f'href="/liaison/GSD/people/{person.pk}/"' in html


@pytest.mark.django_db
def test_staff_rows_can_be_ticked_for_a_reminder_when_reminders_exist(
    client, liaison, department, requirement
):
    person = UserFactory(department=department)
    assign(person, requirement)
    client.force_login(liaison)
    html = client.get(GSD).content.decode()
    if _url_exists("workbench:reminders_send", "GSD"):
        assert f'action="{reverse("workbench:reminders_send", args=["GSD"])}"' in html
        assert f'name="user" value="{person.pk}"' in html
        assert 'name="requirement"' in html
    else:
        assert 'name="user"' not in html


@pytest.mark.django_db
def test_department_page_links_to_sessions_and_audit_log_when_they_exist(
    client, liaison, department
):
    client.force_login(liaison)
    html = client.get(GSD).content.decode()
    if _url_exists("sessions:list"):
        assert f'href="{reverse("sessions:list")}"' in html
    if _url_exists("workbench:audit_log", "GSD"):
        assert f'href="{reverse("workbench:audit_log", args=["GSD"])}"' in html


@pytest.mark.django_db
def test_staff_list_filters_by_requirement_and_status(client, liaison, department, requirement):
    late = UserFactory(department=department, last_name="Late")
    assign(late, requirement, status=S.OVERDUE)
    assign(UserFactory(department=department, last_name="Done"), requirement, status=S.EXEMPT)
    client.force_login(liaison)

    response = client.get(GSD, {"requirement": requirement.pk, "status": "overdue"})

    assert [row.person.last_name for row in response.context["rows"]] == ["Late"]


@pytest.mark.django_db
def test_staff_search_finds_by_name_or_employee_id(client, liaison, department, requirement):
    UserFactory(department=department, first_name="Marisol", last_name="Quintero")
    UserFactory(department=department, last_name="Other", employee_id="7654321")
    client.force_login(liaison)
    by_name = client.get(GSD, {"q": "quinter"}).context["rows"]
    by_id = client.get(GSD, {"q": "7654321"}).context["rows"]
    assert [row.person.last_name for row in by_name] == ["Quintero"]
    assert [row.person.last_name for row in by_id] == ["Other"]


@pytest.mark.django_db
def test_staff_list_paginates_fifty_a_page_keeping_the_filters(client, liaison, department):
    analyst = JobClassFactory(code="9184")
    UserFactory.create_batch(55, department=department, job_class=analyst)
    UserFactory.create_batch(3, department=department)
    client.force_login(liaison)

    first = client.get(GSD, {"job_class": analyst.pk, "sort": "-employee_id"})
    second = client.get(GSD, {"job_class": analyst.pk, "sort": "-employee_id", "page": 2})

    assert first.context["page"].paginator.count == 55
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 5
    html = first.content.decode()
    assert f"?job_class={analyst.pk}&amp;sort=-employee_id&amp;page=2" in html
    ids = [row.person.employee_id for row in first.context["rows"] + second.context["rows"]]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.django_db
def test_sort_links_say_which_column_is_sorted(client, liaison, department):
    client.force_login(liaison)
    response = client.get(GSD, {"sort": "hired_on"})
    columns = response.context["sort_columns"]
    assert columns["hired_on"].aria_sort == "ascending"
    assert columns["hired_on"].href == "?sort=-hired_on"
    assert columns["name"].aria_sort is None
    assert 'aria-sort="ascending"' in response.content.decode()


def _forged(department, other_department, course):
    """Filter values a liaison of GSD could type by hand, and the message each one gets."""
    elsewhere = RequirementFactory(course=course)
    other_class = JobClassFactory(code="7777")
    outsider = UserFactory(department=other_department, job_class=other_class)
    UserFactory(department=other_department, supervisor=outsider)
    return [
        ({"requirement": "999999"}, "Choose one of this department"),
        ({"requirement": str(elsewhere.pk)}, "Choose one of this department"),
        ({"requirement": "1 OR 1=1"}, "Choose one of this department"),
        ({"status": "hacked"}, "Choose a status from the list."),
        ({"sort": "password"}, "Choose a sort order from the list."),
        ({"job_class": str(other_class.pk)}, "Choose a job class held by someone in this"),
        ({"supervisor": str(outsider.pk)}, "Choose a supervisor of someone in this"),
        ({"hired_from": "31/12/2025"}, "Enter a date as YYYY-MM-DD."),
        ({"hired_from": "2025-06-01", "hired_to": "2025-01-01"}, "before its start"),
        ({"department": "LAPL"}, "These filters do not exist: department."),
        ({"status": ["overdue", "exempt"]}, "Give each filter once: status."),
    ]


@pytest.mark.django_db
def test_forged_filters_show_a_clear_error_and_no_list(
    client, liaison, department, other_department, course, requirement
):
    UserFactory(department=department, last_name="Visible")
    client.force_login(liaison)
    for params, message in _forged(department, other_department, course):
        response = client.get(GSD, params)
        html = response.content.decode()
        assert response.status_code == 200, params
        assert 'role="alert"' in html, params
        assert message in html, params
        assert "rows" not in response.context, params
        assert "Visible" not in html, params


@pytest.mark.django_db
def test_an_invalid_field_is_tied_to_its_message(client, liaison, department):
    client.force_login(liaison)
    html = client.get(GSD, {"hired_from": "yesterday"}).content.decode()
    assert 'aria-describedby="id_hired_from_error"' in html
    assert 'id="id_hired_from_error"' in html
    assert 'aria-invalid="true"' in html


def _queries(client, path, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_department_page_query_count_does_not_grow_with_department_size(
    client, liaison, department, course, django_assert_num_queries
):
    requirements = [RequirementFactory(course=course) for _ in range(3)]
    boss = UserFactory(department=department)
    params = {"sort": "status", "q": "Test"}

    def grow(count: int) -> None:
        for person in UserFactory.create_batch(count, department=department, supervisor=boss):
            for requirement in requirements:
                assign(person, requirement, status=S.IN_PROGRESS)

    client.force_login(liaison)
    grow(3)
    small = _queries(client, GSD, params)
    small_warm = _queries(client, GSD, params)
    grow(120)
    cache.clear()
    with django_assert_num_queries(small):
        response = client.get(GSD, params)
    assert len(response.context["rows"]) == 50
    cache.clear()
    with django_assert_num_queries(small):
        client.get(GSD, {**params, "page": 3})
    # Warm, the summary, the staff page and the job classes come from the cache.
    with django_assert_num_queries(small_warm):
        again = client.get(GSD, {**params, "page": 3})
    assert small_warm < small
    assert [row.person.pk for row in again.context["rows"]] == [
        row.person.pk for row in client.get(GSD, {**params, "page": 3}).context["rows"]
    ]


def _staff_table(response) -> str:
    html = response.content.decode()
    start = html.index('<table class="staff-table"')
    return html[start : html.index("</table>", start)]


@pytest.mark.django_db
def test_a_warm_department_page_does_not_render_the_staff_table_again(
    client, liaison, department, requirement
):
    for n in range(3):
        person = UserFactory(department=department, last_name=f"Staff{n}")
        assign(person, requirement, status=S.NOT_STARTED)
    client.force_login(liaison)

    cold = client.get(GSD, {"sort": "-name"})
    warm = client.get(GSD, {"sort": "-name"})
    other_order = client.get(GSD, {"sort": "name"})

    assert "courses/workbench/includes/sort_header.html" in [t.name for t in cold.templates]
    assert "courses/workbench/includes/sort_header.html" not in [t.name for t in warm.templates]
    assert _staff_table(warm) == _staff_table(cold)
    # Another query string is another table, with its own sort links.
    assert _staff_table(other_order) != _staff_table(cold)
    assert 'aria-sort="ascending"' in _staff_table(other_order)


@pytest.mark.django_db
def test_a_cached_department_page_shows_a_change_at_once(client, liaison, department, requirement):
    person = UserFactory(department=department, first_name="Sam", last_name="Starter")
    assign(person, requirement, status=S.NOT_STARTED)
    client.force_login(liaison)
    [before] = client.get(GSD).context["summaries"]
    assert client.get(GSD).context["summaries"][0].completed == before.completed == 0
    # The engine stores a completion: the next page view shows it, cache or not.
    Assignment.objects.filter(user=person).delete()
    assign(person, requirement, status=S.COMPLETED_ON_TIME, completed_on=timezone.localdate())
    [after] = client.get(GSD).context["summaries"]
    assert after.completed == 1
    # A roster change (a new name) shows at once too.
    person.last_name = "Finisher"
    person.save()
    assert "Finisher" in client.get(GSD).content.decode()


@pytest.mark.django_db
def test_liaison_of_several_departments_can_switch_between_them(
    client, liaison, department, other_department
):
    LiaisonScopeFactory(user=liaison, department=other_department)
    client.force_login(liaison)

    page = client.get(GSD)
    switched = client.get("/liaison/", {"department": "LAPL"})

    assert [d.code for d in page.context["departments"]] == ["GSD", "LAPL"]
    assert 'name="department"' in page.content.decode()
    assert switched.status_code == 302
    assert switched["Location"] == "/liaison/LAPL/"


@pytest.mark.django_db
def test_liaison_of_one_department_has_no_switcher_and_cannot_switch_out(
    client, liaison, department, other_department
):
    client.force_login(liaison)
    assert client.get(GSD).context["departments"] == []
    assert client.get("/liaison/", {"department": "LAPL"}).status_code == 404


@pytest.mark.django_db
def test_ore_sees_every_department(client, ore, department, other_department):
    DepartmentFactory(code="PW", name="Public Works")
    client.force_login(ore)
    response = client.get("/liaison/")
    assert [d.code for d in response.context["departments"]] == ["GSD", "LAPL", "PW"]
    assert client.get("/liaison/", {"department": "PW"})["Location"] == "/liaison/PW/"
    assert len(client.get(GSD).context["departments"]) == 3


@pytest.mark.django_db
def test_person_page_shows_every_cycle_and_the_exemption_actions(
    client, liaison, learner, department, requirement
):
    assign(
        learner,
        requirement,
        cycle=1,
        status=S.COMPLETED_LATE,
        is_current=False,
        completed_on=date(2024, 3, 1),
    )
    assign(learner, requirement, cycle=2, status=S.OVERDUE)
    exemption = Exemption.objects.create(
        requirement=requirement,
        user=learner,
        reason="Took it at the county",
        granted_by=liaison,
        granted_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(liaison)

    response = client.get(f"/liaison/GSD/people/{learner.pk}/")

    assert response.status_code == 200
    history = response.context["record"].histories[0]
    assert [a.cycle for a in history.assignments] == [2, 1]
    html = response.content.decode()
    assert "Took it at the county" in html
    assert "Completed late" in html
    if _url_exists("workbench:exemption_revoke", "GSD", exemption.pk):
        revoke = reverse("workbench:exemption_revoke", args=["GSD", exemption.pk])
        assert f'action="{revoke}"' in html
        assert 'name="reason"' in html
    if _url_exists("workbench:exemption_grant", "GSD", learner.pk):
        grant = reverse("workbench:exemption_grant", args=["GSD", learner.pk])
        assert f'href="{grant}?requirement={requirement.pk}"' in html


def test_every_sort_key_can_be_chosen_both_ways_and_nothing_else():
    values = [value for value, _label in _sort_choices()]
    assert sorted(values) == sorted([*SORT_KEYS, *[f"-{key}" for key in SORT_KEYS]])


@pytest.mark.django_db
def test_export_links_carry_the_current_filters_but_not_the_page(client, liaison, department):
    UserFactory.create_batch(3, department=department)
    client.force_login(liaison)
    plain = client.get(GSD).content.decode()
    filtered = client.get(GSD, {"q": "Test", "page": "1"}).content.decode()
    assert 'href="/liaison/GSD/export.csv"' in plain
    assert 'action="/liaison/GSD/export.xlsx?q=Test"' in filtered


@pytest.mark.django_db
def test_supervisor_filter_takes_an_employee_id_instead_of_listing_every_supervisor(
    client, liaison, department, requirement
):
    from tests.factories import compliance_refresh

    bosses = UserFactory.create_batch(30, department=department, last_name="Boss")
    for boss in bosses:
        UserFactory(department=department, supervisor=boss, last_name="Report")
    compliance_refresh()
    client.force_login(liaison)
    page = client.get("/liaison/GSD/").content.decode()
    assert page.count("<option") < 30  # no select box of thirty supervisors
    chosen = client.get("/liaison/GSD/", {"supervisor": bosses[3].employee_id})
    rows = chosen.context["page"].object_list
    assert [person.supervisor_id for person in rows] == [bosses[3].pk]
    unknown = client.get("/liaison/GSD/", {"supervisor": "0000000"})
    assert "Choose a supervisor of someone in this department." in unknown.content.decode()
