"""Who may open the citywide dashboard and its downloads: ORE and superusers only."""

import pytest

from tests.analytics.citywide.data import compliance_cells, make_visible, run_make

ROLES = ["anonymous", "learner", "liaison", "ore", "admin_user"]
EXPECTED = {"anonymous": None, "learner": 403, "liaison": 403, "ore": 200, "admin_user": 200}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("query", ["", "?download=compliance", "?department=nope"])
def test_every_role_on_the_dashboard(client, request, role, query, requirement):
    run = run_make()
    compliance_cells(run, requirement, completed=1, on_time=1, audience=2, overdue=0)
    make_visible(run)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get("/analytics/" + query)
    expected = EXPECTED[role]
    if expected is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/analytics/")
    else:
        assert response.status_code == expected, (role, query)


@pytest.mark.django_db
def test_dashboard_refuses_writes(client, ore):
    client.force_login(ore)
    assert client.post("/analytics/").status_code == 405
