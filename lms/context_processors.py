from lms.users.permissions import can_view_all_departments, is_liaison


def site_roles(request):
    """Which navigation entries the signed-in person should see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_liaison": False, "nav_is_ore": False}
    return {
        "nav_is_liaison": is_liaison(user) or can_view_all_departments(user),
        "nav_is_ore": can_view_all_departments(user),
        "nav_can_admin": user.has_perm("wagtailadmin.access_admin"),
    }
