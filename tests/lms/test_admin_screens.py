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
