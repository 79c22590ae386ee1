from lms.users.permissions import can_view_all_departments, is_liaison
from lms.users.roles import ACCESS_ADMIN, site_roles_of


def site_roles(request):
    """Which navigation entries the signed-in person should see.

    Every page shows them, so they cost at most one query (lms.users.roles), shared with the
    staff two-factor check that already asked for them in this request. When this request has
    loaded the person's permissions instead (a view asked `has_perm`), those are used.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_liaison": False, "nav_is_ore": False}
    if hasattr(user, "_perm_cache") and not hasattr(user, "_site_roles"):
        is_ore = can_view_all_departments(user)
        return {
            "nav_is_liaison": is_ore or is_liaison(user),
            "nav_is_ore": is_ore,
            "nav_can_admin": user.has_perm(ACCESS_ADMIN),
        }
    roles = site_roles_of(user)
    return {
        "nav_is_liaison": roles.has_liaison_scope or roles.is_ore,
        "nav_is_ore": roles.is_ore,
        "nav_can_admin": roles.can_admin,
    }
