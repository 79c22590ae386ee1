"""The system owner's admin screens for people render with our custom user model."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/users/",
        "/admin/users/new/",
        "/admin/snippets/users/department/",
        "/admin/snippets/courses/requirement/add/",
        "/django-admin/users/user/",
        "/django-admin/users/user/add/",
        "/django-admin/users/department/",
    ],
)
def test_admin_screens_render_for_the_system_owner(client, admin_user, learner, url):
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_system_owner_can_open_an_employee_in_both_admins(client, admin_user, learner):
    client.force_login(admin_user)
    assert client.get(f"/admin/users/edit/{learner.pk}/").status_code == 200
    assert client.get(f"/django-admin/users/user/{learner.pk}/change/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "liaison"])
@pytest.mark.parametrize("admin_path", ["/admin/", "/django-admin/"])
def test_a_signed_in_person_without_admin_access_gets_the_403_page_not_a_loop(
    client, request, who, admin_path
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(admin_path, follow=True)
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()
    # The admins' sign-in addresses themselves answer 403 too (never back to allauth).
    login = admin_path + "login/?next=" + admin_path
    assert client.get(login).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("admin_path", ["/admin/", "/django-admin/"])
def test_anonymous_visitors_to_either_admin_go_to_sign_in(client, admin_path):
    response = client.get(admin_path, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_ore_and_the_system_owner_still_reach_the_admins(client, ore, admin_user):
    client.force_login(ore)
    assert client.get("/admin/").status_code == 200
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200
