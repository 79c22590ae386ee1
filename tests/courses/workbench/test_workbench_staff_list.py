"""The staff list when nobody matches, and the name search as the list writes names."""

import pytest

from courses.compliance.models import AssignmentStatus
from tests.courses.workbench.workbench_data import assign
from tests.factories import UserFactory

GSD = "/liaison/GSD/"


@pytest.mark.django_db
def test_a_filter_nobody_matches_says_so_and_keeps_the_export_links(
    client, liaison, department, requirement
):
    assign(UserFactory(department=department), requirement, status=AssignmentStatus.NOT_STARTED)
    client.force_login(liaison)

    response = client.get(GSD, {"q": "nobody-has-this-name"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nobody matches these filters" in html
    assert "The staff list is shown once the filters above are corrected" not in html
    assert "/liaison/GSD/export.csv?q=nobody-has-this-name" in html
    assert "/liaison/GSD/export.xlsx?q=nobody-has-this-name" in html


@pytest.mark.parametrize(
    "query", ["Rivera, Emily", "Emily Rivera", "rivera,emily", "Riv, Em", "Emily", "RIVERA"]
)
@pytest.mark.django_db
def test_search_finds_a_name_written_as_the_list_shows_it_or_first_name_first(
    client, liaison, department, query
):
    UserFactory(department=department, first_name="Emily", last_name="Rivera")
    UserFactory(department=department, first_name="Emil", last_name="Nolan")
    UserFactory(department=department, first_name="Rosa", last_name="Rivers")
    client.force_login(liaison)

    rows = client.get(GSD, {"q": query}).context["rows"]

    assert [(row.person.last_name, row.person.first_name) for row in rows] == [("Rivera", "Emily")]


@pytest.mark.django_db
def test_a_search_of_only_commas_lists_everyone(client, liaison, department):
    UserFactory(department=department, first_name="Emily", last_name="Rivera")
    client.force_login(liaison)

    response = client.get(GSD, {"q": " , ,"})

    assert response.status_code == 200
    everyone = client.get(GSD).context["rows"]
    assert response.context["rows"] == everyone
    assert "Rivera" in [row.person.last_name for row in everyone]
