"""Who may see, manage and take the roster of a live session. Every session view calls one of
these gates first.

- ORE (anyone who may see every department) manages every session.
- A liaison manages the sessions hosted by one of their departments. A citywide session (no
  host department) is managed by ORE only, but a liaison may register their own departments'
  people for it and take their attendance: the liaison's *roster scope*.
- Everyone else sees the citywide sessions, their own department's sessions and any session
  they registered for.

A signed-in person with no liaison or ORE role asking for a manager's page gets 403. A liaison
asking about another department's session gets 404, so ids cannot be probed; a liaison asking
to manage a citywide session (which they can see) gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from courses.sessions.models import LiveSession, RegistrationStatus, SessionRegistration
from lms.users.models import LiaisonScope, User
from lms.users.permissions import can_view_all_departments, require_liaison_or_ore


def liaison_department_ids(user: User) -> frozenset[int]:
    """The departments `user` is a liaison of (empty for anyone else). One query."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(LiaisonScope.objects.filter(user=user).values_list("department_id", flat=True))


def roster_scope_for_user(user: User) -> frozenset[int] | None:
    """The departments whose people `user` may register or mark present: None means everyone
    (ORE), an empty set means nobody."""
    if can_view_all_departments(user):
        return None
    return liaison_department_ids(user)


def sessions_visible_to(user: User) -> QuerySet[LiveSession]:
    """The sessions `user` may open: all for ORE; otherwise citywide sessions, their own
    department's, their liaison departments', and any they registered for."""
    sessions = LiveSession.objects.all()
    if can_view_all_departments(user):
        return sessions
    return sessions.filter(
        Q(department__isnull=True)
        | Q(department_id=user.department_id)
        | Q(department__in=LiaisonScope.objects.filter(user=user).values("department_id"))
        | Q(pk__in=SessionRegistration.objects.filter(user=user).values("session_id"))
    )


def may_manage_session(user: User, session: LiveSession) -> bool:
    """ORE, or a liaison of the session's host department (citywide sessions: ORE only)."""
    if can_view_all_departments(user):
        return True
    return session.department_id is not None and session.department_id in liaison_department_ids(
        user
    )


def may_take_roster(user: User, session: LiveSession) -> bool:
    """Whether `user` may register people for `session` and mark them present (for some
    people at least): a manager, or a liaison for a citywide session."""
    if may_manage_session(user, session):
        return True
    return session.department_id is None and bool(liaison_department_ids(user))


def access_session_by_id(user: User, pk: int) -> LiveSession:
    """The session `pk` if `user` may see it; Http404 otherwise."""
    session = sessions_visible_to(user).select_related("course", "department").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def access_session_for_manager(user: User, pk: int) -> LiveSession:
    """The session `pk` if `user` may change or cancel it.

    Raises PermissionDenied for someone with no liaison or ORE role, or a liaison asking to
    manage a citywide session; Http404 for a session that does not exist or belongs to a
    department outside the liaison's scope.
    """
    require_liaison_or_ore(user)
    session = access_session_by_id(user, pk)
    if may_manage_session(user, session):
        return session
    if session.department_id is None:
        raise PermissionDenied
    raise Http404


def access_session_roster(user: User, pk: int) -> tuple[LiveSession, frozenset[int] | None]:
    """The session `pk` and the departments whose people `user` may register or mark present
    for it (None: everyone).

    A manager of a department's session acts for their own departments' people; a liaison acts
    for their departments' people on a citywide session; ORE acts for everyone. Raises
    PermissionDenied for someone with no liaison or ORE role, Http404 for another
    department's session.
    """
    require_liaison_or_ore(user)
    session = access_session_by_id(user, pk)
    if not may_take_roster(user, session):
        raise Http404
    return session, roster_scope_for_user(user)


def access_session_calendar(user: User, pk: int) -> LiveSession:
    """The session `pk` if `user` may download its calendar file: people registered for it
    (not on the waiting list) and those who may take its roster. Http404 otherwise."""
    session = access_session_by_id(user, pk)
    registered = SessionRegistration.objects.filter(
        session=session, user=user, status=RegistrationStatus.REGISTERED
    ).exists()
    if registered or may_take_roster(user, session):
        return session
    raise Http404
