from lms.users.roles import site_roles_of


def site_roles(request):
    """Which navigation entries the signed-in person should see.

    Every page shows them, so they cost at most one query (lms.users.roles), shared with the
    staff two-factor check and the access checks that already asked for them in this request.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_liaison": False, "nav_is_ore": False}
    roles = site_roles_of(user)
    return {
        "nav_is_liaison": roles.has_liaison_scope or roles.is_ore,
        "nav_is_ore": roles.is_ore,
        "nav_can_admin": roles.can_admin,
    }
