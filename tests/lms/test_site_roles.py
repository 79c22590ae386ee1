"""The navigation's roles (lms.context_processors.site_roles): one query on every page, and the
same answers as Django's permission checks for every kind of person."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import RequestFactory

from lms.context_processors import site_roles
from lms.users.models import User
from lms.users.permissions import can_view_all_departments, is_liaison
from lms.users.roles import site_roles_of
from tests.factories import UserFactory


def roles_for(user, django_assert_num_queries, queries=1):
    request = RequestFactory().get("/learn/")
    request.user = User.objects.get(pk=user.pk)  # nothing loaded yet, as on a new request
    with django_assert_num_queries(queries):
        return site_roles(request)


def expected_for(user) -> dict:
    """What Django's own checks say (ModelBackend's has_perm, the person's scopes)."""
    fresh = User.objects.get(pk=user.pk)
    is_ore = fresh.has_perm("users.view_all_departments")
    return {
        "nav_is_liaison": fresh.liaison_scopes.exists() or is_ore,
        "nav_is_ore": is_ore,
        "nav_can_admin": fresh.has_perm("wagtailadmin.access_admin"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "person", ["learner", "liaison", "analyst", "editor", "lead", "ore", "admin_user"]
)
def test_roles_match_the_permission_checks_in_one_query(request, person, django_assert_num_queries):
    user = request.getfixturevalue(person)
    assert roles_for(user, django_assert_num_queries) == expected_for(user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "person", ["learner", "liaison", "analyst", "editor", "lead", "ore", "admin_user"]
)
def test_the_access_checks_match_djangos_permissions_in_one_query(
    request, person, django_assert_num_queries
):
    """The liaison's and ORE's pages ask both, with the navigation and the two-factor check:
    one query for all of them."""
    user = request.getfixturevalue(person)
    expected = expected_for(user)
    fresh = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        checks = (is_liaison(fresh), can_view_all_departments(fresh), site_roles_of(fresh))
    assert checks[0] == User.objects.get(pk=user.pk).liaison_scopes.exists()
    assert checks[1] == expected["nav_is_ore"]


@pytest.mark.django_db
def test_a_permission_given_to_the_person_directly_counts(learner, django_assert_num_queries):
    learner.user_permissions.add(Permission.objects.get(codename="view_all_departments"))
    roles = roles_for(learner, django_assert_num_queries)
    assert roles["nav_is_ore"] is True
    assert roles["nav_is_liaison"] is True
    assert roles["nav_can_admin"] is False


@pytest.mark.django_db
def test_an_inactive_superuser_has_no_roles(django_assert_num_queries):
    user = UserFactory(email="gone@example.lacity.test", is_superuser=True, is_active=False)
    roles = roles_for(user, django_assert_num_queries)
    assert roles == {"nav_is_liaison": False, "nav_is_ore": False, "nav_can_admin": False}


@pytest.mark.django_db
def test_permissions_already_loaded_are_used(liaison, django_assert_num_queries):
    request = RequestFactory().get("/learn/")
    request.user = User.objects.get(pk=liaison.pk)
    request.user.has_perm("wagtailadmin.access_admin")  # as the two-factor middleware does
    with django_assert_num_queries(1):  # the liaison scope only
        roles = site_roles(request)
    assert roles == expected_for(liaison)


def test_a_visitor_has_no_roles():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert site_roles(request) == {"nav_is_liaison": False, "nav_is_ore": False}
