"""ORE triages TA requests through the real Wagtail admin views."""

from decimal import Decimal

import pytest

from content.ta.models import TARequest, TARequestEvent, TAStatus
from tests.content.ta.factories import TARequestFactory, issue_area


def _triage(request: TARequest, **changes) -> dict:
    data = {
        "status": request.status,
        "decline_reason": request.decline_reason,
        "assigned_to": request.assigned_to_id or "",
        "hours_logged": str(request.hours_logged),
        "internal_notes": request.internal_notes,
        "outcome": request.outcome,
    }
    data.update(changes)
    return data


@pytest.fixture
def gsd_request(liaison):
    return TARequestFactory(
        department=liaison.department, requester=liaison, title="Supervisor training"
    )


@pytest.mark.django_db
def test_ore_accepts_a_request_in_the_admin_and_the_requester_is_emailed(
    client, ore, liaison, gsd_request, django_capture_on_commit_callbacks
):
    client.force_login(ore)
    url = f"/admin/ta-requests/edit/{gsd_request.pk}/"
    page = client.get(url).content.decode()
    assert "Supervisor training" in page
    assert liaison.email in page  # who asked, so ORE can reach them
    data = _triage(
        gsd_request,
        status=TAStatus.ACCEPTED,
        assigned_to=ore.pk,
        hours_logged="1.50",
        internal_notes="Call the GM first.",
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    gsd_request.refresh_from_db()
    assert gsd_request.status == TAStatus.ACCEPTED
    assert gsd_request.assigned_to == ore
    assert gsd_request.hours_logged == Decimal("1.50")
    assert gsd_request.internal_notes == "Call the GM first."
    event = TARequestEvent.objects.get(request=gsd_request)
    assert (event.from_status, event.to_status, event.by) == (
        TAStatus.NEW,
        TAStatus.ACCEPTED,
        ore,
    )
    assert len(callbacks) == 2  # the email to the requester, and the analytics TA refresh


@pytest.mark.django_db
def test_an_illegal_transition_shows_an_error_and_changes_nothing(client, ore, gsd_request):
    client.force_login(ore)
    url = f"/admin/ta-requests/edit/{gsd_request.pk}/"
    response = client.post(
        url, _triage(gsd_request, status=TAStatus.COMPLETED, internal_notes="Should not stick")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot become" in html
    assert "Accepted, Declined" in html  # what it can become instead
    gsd_request.refresh_from_db()
    assert gsd_request.status == TAStatus.NEW
    assert gsd_request.internal_notes == ""
    assert not TARequestEvent.objects.exists()


@pytest.mark.django_db
def test_declining_without_a_reason_is_refused_on_the_form(client, ore, gsd_request):
    client.force_login(ore)
    url = f"/admin/ta-requests/edit/{gsd_request.pk}/"
    response = client.post(url, _triage(gsd_request, status=TAStatus.DECLINED))
    assert response.status_code == 200
    assert "Give the reason for declining the request." in response.content.decode()
    gsd_request.refresh_from_db()
    assert gsd_request.status == TAStatus.NEW

    response = client.post(
        url, _triage(gsd_request, status=TAStatus.DECLINED, decline_reason="Out of scope.")
    )
    assert response.status_code == 302
    gsd_request.refresh_from_db()
    assert (gsd_request.status, gsd_request.decline_reason) == (TAStatus.DECLINED, "Out of scope.")


@pytest.mark.django_db
def test_negative_hours_and_non_ore_assignees_are_refused(client, ore, learner, gsd_request):
    client.force_login(ore)
    url = f"/admin/ta-requests/edit/{gsd_request.pk}/"
    response = client.post(url, _triage(gsd_request, hours_logged="-2"))
    assert "Hours logged cannot be negative." in response.content.decode()
    response = client.post(url, _triage(gsd_request, assigned_to=learner.pk))
    assert response.status_code == 200
    gsd_request.refresh_from_db()
    assert gsd_request.hours_logged == 0
    assert gsd_request.assigned_to is None


@pytest.mark.django_db
def test_the_service_has_the_last_word_when_the_form_let_a_change_through(
    client, ore, gsd_request, monkeypatch
):
    # As if the request had moved on between showing the form and saving it.
    monkeypatch.setattr("content.ta.admin.ta_request_update_check", lambda **kwargs: None)
    client.force_login(ore)
    url = f"/admin/ta-requests/edit/{gsd_request.pk}/"
    response = client.post(url, _triage(gsd_request, status=TAStatus.COMPLETED))
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    gsd_request.refresh_from_db()
    assert gsd_request.status == TAStatus.NEW
    assert not TARequestEvent.objects.exists()


@pytest.mark.django_db
def test_the_listing_shows_and_filters_requests(client, ore, liaison, other_liaison):
    TARequestFactory(
        department=liaison.department,
        requester=liaison,
        title="Budget tool help",
        status=TAStatus.ACCEPTED,
        assigned_to=ore,
    )
    TARequestFactory(
        department=other_liaison.department,
        requester=other_liaison,
        title="Library zoning data",
        topic=issue_area("zoning"),
    )
    client.force_login(ore)
    html = client.get("/admin/ta-requests/").content.decode()
    assert "Budget tool help" in html
    assert "Library zoning data" in html
    assert "General Services (GSD)" in html
    assert str(ore) in html
    html = client.get("/admin/ta-requests/?status=accepted").content.decode()
    assert "Budget tool help" in html
    assert "Library zoning data" not in html
    zoning = issue_area("zoning").pk
    html = client.get(f"/admin/ta-requests/?topic={zoning}").content.decode()
    assert "Library zoning data" in html
    assert "Budget tool help" not in html
    html = client.get(f"/admin/ta-requests/?department={liaison.department.pk}").content.decode()
    assert "Budget tool help" in html
    assert "Library zoning data" not in html


@pytest.mark.django_db
def test_ore_editors_are_not_offered_deletion(client, ore, gsd_request):
    client.force_login(ore)
    html = client.get(f"/admin/ta-requests/edit/{gsd_request.pk}/").content.decode()
    assert f"/admin/ta-requests/delete/{gsd_request.pk}/" not in html
    html = client.get("/admin/ta-requests/").content.decode()
    assert "/admin/ta-requests/new/" not in html
