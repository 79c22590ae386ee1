"""A signed-in person's site roles, read once per request.

The navigation (lms.context_processors.site_roles), the staff two-factor check
(lms.users.middleware) and the access checks of the liaison's and ORE's pages
(lms.users.permissions) all need them; `site_roles_of` answers them all with one query and
keeps the answer on the user object for the rest of the request.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import router
from django.db.models import Exists, OuterRef

from lms.prepared import fetchone

from .models import LiaisonScope, User

VIEW_ALL_DEPARTMENTS = "users.view_all_departments"
ACCESS_ADMIN = "wagtailadmin.access_admin"
_MEMO = "_site_roles"


@dataclass(frozen=True)
class SiteRoles:
    has_liaison_scope: bool
    is_ore: bool  # may view all departments (own permission, a group's, or superuser)
    can_admin: bool  # may use the Wagtail admin


# The roles query has five subqueries: compiling it costs more CPU than running it, on every
# signed-in request. It is compiled once per database with a stand-in id, then only executed.
_STAND_IN_PK = -7_300_001
_compiled: dict[str, tuple[str, tuple]] = {}


def _roles_queryset(pk: int):
    def holds(perm: str, through: str):
        app_label, codename = perm.split(".", 1)
        return Exists(
            Permission.objects.filter(
                content_type__app_label=app_label, codename=codename, **{through: OuterRef("pk")}
            )
        )

    return (
        User.objects.filter(pk=pk)
        .annotate(
            has_scope=Exists(LiaisonScope.objects.filter(user=OuterRef("pk"))),
            ore_own=holds(VIEW_ALL_DEPARTMENTS, "user"),
            ore_group=holds(VIEW_ALL_DEPARTMENTS, "group__user"),
            admin_own=holds(ACCESS_ADMIN, "user"),
            admin_group=holds(ACCESS_ADMIN, "group__user"),
        )
        .values_list("has_scope", "ore_own", "ore_group", "admin_own", "admin_group")
    )


def _roles_row(pk: int) -> tuple | None:
    alias = router.db_for_read(User)
    if alias not in _compiled:
        sql, params = _roles_queryset(_STAND_IN_PK).query.sql_with_params()
        if params.count(_STAND_IN_PK) != 1:
            raise RuntimeError(f"the roles query should take the id once: {params}")
        _compiled[alias] = (sql, params)
    sql, params = _compiled[alias]
    # Prepared: PostgreSQL takes longer to plan this query than to run it (lms.prepared).
    row = fetchone(sql, [pk if p == _STAND_IN_PK else p for p in params], using=alias)
    # SQLite answers EXISTS with 0/1
    return None if row is None else tuple(bool(value) for value in row)


def site_roles_of(user: User) -> SiteRoles:
    """`user`'s roles, as Django's ModelBackend decides permissions (own or through a group; an
    active superuser has every permission). One query the first time in a request, then none."""
    memo = getattr(user, _MEMO, None)
    if memo is not None:
        return memo

    row = _roles_row(user.pk)
    if row is None:
        roles = SiteRoles(False, False, False)
    else:
        has_scope, ore_own, ore_group, admin_own, admin_group = row
        if not user.is_active:
            roles = SiteRoles(has_scope, False, False)
        else:
            superuser = user.is_superuser
            roles = SiteRoles(
                has_scope, superuser or ore_own or ore_group, superuser or admin_own or admin_group
            )
    setattr(user, _MEMO, roles)
    return roles
