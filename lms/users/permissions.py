"""Who may see what. Every view, export and API that shows a department calls these first."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import Department, User
from .roles import site_roles_of

# Both checks read the person's roles (lms.users.roles): one query per request, shared with the
# navigation and the staff two-factor check, where Django's has_perm read every permission of
# the person and of their groups (two queries) and the scope check a third.


def is_liaison(user: User) -> bool:
    return user.is_authenticated and site_roles_of(user).has_liaison_scope


def can_view_all_departments(user: User) -> bool:
    """The person holds `lms.users.roles.VIEW_ALL_DEPARTMENTS` (themselves or through a group,
    as Django's ModelBackend decides; an active superuser holds every permission)."""
    return user.is_authenticated and site_roles_of(user).is_ore


def departments_for_user(user: User) -> QuerySet[Department]:
    """The departments whose compliance `user` may see: all for ORE, their scopes for liaisons."""
    if can_view_all_departments(user):
        return Department.objects.all()
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(liaisons=user)


def access_department_by_code(user: User, code: str) -> Department:
    """The department with `code`, if `user` may see it.

    Raises PermissionDenied for a signed-in person without any liaison or ORE role, and Http404
    for a liaison asking about a department outside their scope (so codes cannot be probed).
    """
    if not (can_view_all_departments(user) or is_liaison(user)):
        raise PermissionDenied
    department = departments_for_user(user).filter(code=code).first()
    if department is None:
        raise Http404
    return department


def require_liaison_or_ore(user: User) -> None:
    """Raises PermissionDenied unless `user` is a liaison or may see every department."""
    if not (can_view_all_departments(user) or is_liaison(user)):
        raise PermissionDenied
