"""Who may open each workbench URL: every role against every URL, and no probing across
departments by employee id."""

import pytest
from django.http import StreamingHttpResponse

from tests.courses.workbench.workbench_data import assign
from tests.factories import UserFactory

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]
DEPARTMENT_URLS = {
    "department": "/liaison/GSD/",
    "person": "/liaison/GSD/people/{learner}/",
    "csv": "/liaison/GSD/export.csv",
    "xlsx": "/liaison/GSD/export.xlsx",
}
# Expected status per role; None: the redirect to sign in.
EXPECTED = {
    "anonymous": None,
    "learner": 403,
    "liaison": 200,
    "other_liaison": 404,
    "ore": 200,
    "admin_user": 200,
}


def _client_as(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(DEPARTMENT_URLS))
def test_every_role_on_every_department_url(client, request, role, name, learner, requirement):
    assign(learner, requirement)
    url = DEPARTMENT_URLS[name].format(learner=learner.pk)
    response = _client_as(client, request, role).get(url)
    expected = EXPECTED[role]
    if expected is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected, (role, name)
    if expected == 200 and name == "csv":
        assert isinstance(response, StreamingHttpResponse)
    if expected == 200 and name == "xlsx":
        # The workbook is made by a job: a GET shows the button that starts one.
        assert "Prepare the Excel file" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status", "location"),
    [
        ("anonymous", 302, "/accounts/login/?next=/liaison/"),
        ("learner", 403, None),
        ("liaison", 302, "/liaison/GSD/"),
        ("other_liaison", 302, "/liaison/LAPL/"),
        ("ore", 200, None),
        ("admin_user", 200, None),
    ],
)
def test_every_role_on_the_index(
    client, request, role, status, location, department, other_department
):
    response = _client_as(client, request, role).get("/liaison/")
    assert response.status_code == status
    if location:
        assert response["Location"] == location


@pytest.mark.django_db
def test_liaison_of_a_cannot_see_an_employee_of_b_by_id(
    client, liaison, other_liaison, other_department, requirement
):
    employee_of_b = UserFactory(department=other_department)
    assign(employee_of_b, requirement)
    client.force_login(liaison)
    assert client.get(f"/liaison/GSD/people/{employee_of_b.pk}/").status_code == 404
    assert client.get(f"/liaison/LAPL/people/{employee_of_b.pk}/").status_code == 404
    assert client.get("/liaison/GSD/people/999999/").status_code == 404


@pytest.mark.django_db
def test_ore_sees_a_person_only_under_a_department_they_belong_to(
    client, ore, learner, other_department
):
    client.force_login(ore)
    assert client.get(f"/liaison/GSD/people/{learner.pk}/").status_code == 200
    assert client.get(f"/liaison/LAPL/people/{learner.pk}/").status_code == 404


@pytest.mark.django_db
def test_unknown_department_is_not_found_even_for_ore(client, ore):
    client.force_login(ore)
    assert client.get("/liaison/NOPE/").status_code == 404
    assert client.get("/liaison/NOPE/export.csv").status_code == 404


@pytest.mark.django_db
def test_a_learner_is_refused_before_the_format_is_looked_at(client, learner, department):
    client.force_login(learner)
    assert client.get("/liaison/GSD/export.pdf").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/liaison/", "/liaison/GSD/", "/liaison/GSD/export.csv"])
def test_workbench_pages_only_answer_reads(client, liaison, url):
    client.force_login(liaison)
    assert client.post(url).status_code == 405
