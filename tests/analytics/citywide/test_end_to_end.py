"""From real assignments through `analytics_run_full` to the citywide dashboard."""

import pytest

from analytics.pipeline import services

pytestmark = pytest.mark.django_db


def test_completions_reach_every_compliance_section(client, ore, staffed):
    """Five people in GSD (the learner done), three in LAPL (one done), and the ORE analyst
    (in no department, but an employee in the audience): 2 of 9 citywide."""
    requirement = staffed

    client.force_login(ore)
    assert "No analytics have been computed yet." in client.get("/analytics/").content.decode()

    run = services.analytics_run_full()
    response = client.get(f"/analytics/?requirement={requirement.pk}")
    assert response.status_code == 200
    sections = {section.key: section for section in response.context["sections"]}

    [compliance] = sections["compliance"].table.rows
    assert [cell.text for cell in compliance[:4]] == [requirement.name, "22.2%", "2", "9"]
    ranking = [[cell.text for cell in row[:5]] for row in sections["ranking"].table.rows]
    assert ranking == [
        ["Library", "1", "33.3%", "1", "3"],
        ["General Services", "2", "20.0%", "1", "5"],
    ]
    assert sections["trend_month"].table.rows[-1][1].text == "22.2%"
    [status] = sections["status"].table.rows
    assert [cell.text for cell in status[1:]] == ["22.2%", "2", "0.0%", "0", "77.8%", "7", "9"]
    assert response.context["run"] == run
    html = response.content.decode()
    assert "Figures as of" in html
