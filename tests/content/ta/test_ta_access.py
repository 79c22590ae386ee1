"""Every role against every TA URL: who gets in, who is sent to sign in, who gets 403 or 404."""

import pytest

from content.ta.models import TAStatus
from tests.content.ta.factories import TARequestFactory, attachment_for, use_private_storage

ROLES = ["anonymous", "learner", "liaison", "other_liaison", "ore", "admin_user"]
SIGNED_IN = ROLES[1:]

# {own}: a GSD request the learner made; {gsd}: a GSD request the liaison made;
# {lapl}: a Library request; "login" = sent to sign in; "refused" = Wagtail admin's refusal.
MATRIX = [
    ("/ta/", {"anonymous": "login", **dict.fromkeys(SIGNED_IN, 200)}),
    ("/ta/new/", {"anonymous": "login", **dict.fromkeys(SIGNED_IN, 200)}),
    (
        "/ta/summary/",
        {
            "anonymous": "login",
            "learner": 403,
            "liaison": 403,
            "other_liaison": 403,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/ta/{own}/",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/ta/{gsd}/",
        {
            "anonymous": "login",
            "learner": 404,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/ta/{lapl}/",
        {
            "anonymous": "login",
            "learner": 404,
            "liaison": 404,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    ("/ta/999999/", {"anonymous": "login", **dict.fromkeys(SIGNED_IN, 404)}),
    (
        "/ta/{own}/attachments/{own_file}/",
        {
            "anonymous": "login",
            "learner": 200,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/ta/{gsd}/attachments/{gsd_file}/",
        {
            "anonymous": "login",
            "learner": 404,
            "liaison": 200,
            "other_liaison": 404,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/ta/{lapl}/attachments/{lapl_file}/",
        {
            "anonymous": "login",
            "learner": 404,
            "liaison": 404,
            "other_liaison": 200,
            "ore": 200,
            "admin_user": 200,
        },
    ),
    # A real attachment asked for under another request it does not belong to.
    (
        "/ta/{gsd}/attachments/{lapl_file}/",
        {"anonymous": "login", **dict.fromkeys(SIGNED_IN, 404)},
    ),
    (
        "/admin/ta-requests/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "other_liaison": "login",
            "ore": 200,
            "admin_user": 200,
        },
    ),
    (
        "/admin/ta-requests/edit/{gsd}/",
        {
            "anonymous": "login",
            "learner": "login",
            "liaison": "login",
            "other_liaison": "login",
            "ore": 200,
            "admin_user": 200,
        },
    ),
    # Requests come from departments and stay on record: no creating or deleting in the admin.
    ("/admin/ta-requests/new/", {"anonymous": "login", "ore": "refused", "admin_user": "refused"}),
    (
        "/admin/ta-requests/delete/{gsd}/",
        {"anonymous": "login", "ore": "refused", "admin_user": "refused"},
    ),
]


@pytest.fixture
def ids(monkeypatch, tmp_path, learner, liaison, other_liaison):
    use_private_storage(monkeypatch, tmp_path / "private")
    own = TARequestFactory(department=learner.department, requester=learner)
    gsd = TARequestFactory(
        department=liaison.department, requester=liaison, status=TAStatus.ACCEPTED
    )
    lapl = TARequestFactory(department=other_liaison.department, requester=other_liaison)
    return {
        "own": own.pk,
        "gsd": gsd.pk,
        "lapl": lapl.pk,
        "own_file": attachment_for(own).pk,
        "gsd_file": attachment_for(gsd).pk,
        "lapl_file": attachment_for(lapl).pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("template", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_every_role_against_every_ta_url(client, request, ids, template, expected):
    url = template.format(**ids)
    for role, outcome in expected.items():
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        response = client.get(url)
        if outcome == "login":
            assert response.status_code == 302, (role, url, response.status_code)
            # The admin's sign-in address sends visitors on to /accounts/login/.
            assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), (
                role,
                response["Location"],
            )
        elif outcome == "refused":
            assert response.status_code == 302, (role, url, response.status_code)
            assert response["Location"] == "/admin/", (role, url, response["Location"])
        else:
            assert response.status_code == outcome, (role, url, response.status_code)


@pytest.mark.django_db
def test_nobody_can_post_a_deletion_or_creation_in_the_admin(client, ids, ore, admin_user):
    from content.ta.models import TARequest

    for user in (ore, admin_user):
        client.force_login(user)
        client.post(f"/admin/ta-requests/delete/{ids['gsd']}/")
        client.post("/admin/ta-requests/new/", {"title": "Made up", "status": "new"})
    assert TARequest.objects.count() == 3


@pytest.mark.django_db
def test_an_ore_editor_who_is_not_an_analyst_sees_requests_but_not_the_summary(client, ids):
    from content.roles import ORE_EDITORS, roles_ensure
    from tests.factories import UserFactory

    editor = UserFactory(department=None)
    editor.groups.add(roles_ensure()[ORE_EDITORS])
    client.force_login(editor)
    assert client.get(f"/ta/{ids['lapl']}/").status_code == 200
    assert client.get(f"/ta/{ids['gsd']}/attachments/{ids['gsd_file']}/").status_code == 200
    assert client.get(f"/admin/ta-requests/edit/{ids['gsd']}/").status_code == 200
    assert client.get("/ta/summary/").status_code == 403
    assert 'href="/ta/summary/"' not in client.get("/ta/").content.decode()
