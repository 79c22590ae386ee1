from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef

from lms.users.models import LiaisonScope, User
from lms.users.permissions import VIEW_ALL_DEPARTMENTS, can_view_all_departments, is_liaison

ACCESS_ADMIN = "wagtailadmin.access_admin"


def site_roles(request):
    """Which navigation entries the signed-in person should see.

    Every page shows them, so they cost one query: whether the person has a liaison scope and
    each of the two permissions (their own or through a group), as Django's ModelBackend decides
    (an active superuser has every permission). When this request has already loaded the
    person's permissions (a view or middleware asked `has_perm`), those are used instead.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_liaison": False, "nav_is_ore": False}
    if hasattr(user, "_perm_cache"):
        is_ore = can_view_all_departments(user)
        return {
            "nav_is_liaison": is_ore or is_liaison(user),
            "nav_is_ore": is_ore,
            "nav_can_admin": user.has_perm(ACCESS_ADMIN),
        }
    has_scope, is_ore, can_admin = _roles_of(user)
    return {"nav_is_liaison": has_scope or is_ore, "nav_is_ore": is_ore, "nav_can_admin": can_admin}


def _roles_of(user: User) -> tuple[bool, bool, bool]:
    """(has a liaison scope, may view all departments, may use the Wagtail admin). One query."""

    def holds(perm: str, through: str):
        app_label, codename = perm.split(".", 1)
        return Exists(
            Permission.objects.filter(
                content_type__app_label=app_label, codename=codename, **{through: OuterRef("pk")}
            )
        )

    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_scope=Exists(LiaisonScope.objects.filter(user=OuterRef("pk"))),
            ore_own=holds(VIEW_ALL_DEPARTMENTS, "user"),
            ore_group=holds(VIEW_ALL_DEPARTMENTS, "group__user"),
            admin_own=holds(ACCESS_ADMIN, "user"),
            admin_group=holds(ACCESS_ADMIN, "group__user"),
        )
        .values_list("has_scope", "ore_own", "ore_group", "admin_own", "admin_group")
        .first()
    )
    if row is None:
        return False, False, False
    has_scope, ore_own, ore_group, admin_own, admin_group = row
    if not user.is_active:
        return has_scope, False, False
    superuser = user.is_superuser
    return has_scope, superuser or ore_own or ore_group, superuser or admin_own or admin_group
