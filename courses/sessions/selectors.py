"""Reads about live sessions, each in a fixed number of queries.

Callers pass `as_of` (a datetime) instead of these functions reading the clock. Course titles
come in the reader's language (`content.translation`), at most two more queries per list.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower

from content.translation import translated_titles
from courses.learning.models import CoursePage
from courses.sessions.models import LiveSession, RegistrationStatus, SessionRegistration
from courses.sessions.permissions import liaison_department_ids
from lms.users.models import User
from lms.users.permissions import can_view_all_departments

MANAGER_LIST_PAST_DAYS = 90
STAFF_LIST_LIMIT = 100


@dataclass
class SessionRow:
    """A session with its seat counts and, for a reader, their own registration's status."""

    session: LiveSession
    course_title: str
    registered: int
    waitlisted: int
    my_status: str | None = None
    is_manager: bool = False

    @property
    def seats_left(self) -> int:
        return max(self.session.capacity - self.registered, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def is_mine(self) -> bool:
        return self.my_status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def _with_counts(sessions: QuerySet[LiveSession]) -> QuerySet[LiveSession]:
    return sessions.select_related("course", "department").annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waitlisted_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


def _rows(sessions: list[LiveSession], **flags) -> list[SessionRow]:
    titles = translated_titles({session.course for session in sessions})
    return [
        SessionRow(
            session=session,
            course_title=titles.get(session.course_id, session.course.title),
            registered=session.registered_count,
            waitlisted=session.waitlisted_count,
            my_status=getattr(session, "my_status", None),
            is_manager=flags.get("is_manager", lambda s: False)(session),
        )
        for session in sessions
    ]


def _open_to(user: User) -> Q:
    """Sessions `user` may attend: citywide, their department's, or any they registered for."""
    return (
        Q(department__isnull=True)
        | Q(department_id=user.department_id)
        | Q(Exists(SessionRegistration.objects.filter(session=OuterRef("pk"), user=user)))
    )


def session_list_upcoming_for_user(
    *, user: User, as_of: datetime, course: CoursePage | None = None
) -> list[SessionRow]:
    """Sessions `user` may attend that start after `as_of` (of `course` only, when given), not
    cancelled, soonest first, with seats taken, the waiting list and the user's own status
    (None when never registered). At most three queries."""
    sessions = _with_counts(
        LiveSession.objects.filter(_open_to(user), is_cancelled=False, starts_at__gt=as_of)
    ).annotate(
        my_status=Subquery(
            SessionRegistration.objects.filter(session=OuterRef("pk"), user=user).values("status")[
                :1
            ]
        )
    )
    if course is not None:
        sessions = sessions.filter(course=course)
    return _rows(list(sessions.order_by("starts_at", "pk")))


def session_list_for_manager(
    *, user: User, as_of: datetime, past_days: int = MANAGER_LIST_PAST_DAYS
) -> list[SessionRow]:
    """The sessions whose roster `user` may take, from `past_days` before `as_of` on (so
    attendance can still be recorded), cancelled ones included, soonest first.

    ORE: every session. A liaison: their departments' sessions (which they manage) and the
    citywide ones (for their own people). Others: none. `is_manager` says who may change the
    session. At most four queries.
    """
    if can_view_all_departments(user):
        scope = None
        sessions = LiveSession.objects.all()
    else:
        scope = liaison_department_ids(user)
        if not scope:
            return []
        sessions = LiveSession.objects.filter(Q(department__isnull=True) | Q(department__in=scope))
    sessions = _with_counts(sessions.filter(starts_at__gte=as_of - timedelta(days=past_days)))
    return _rows(
        list(sessions.order_by("starts_at", "pk")),
        is_manager=lambda s: scope is None or s.department_id in scope,
    )


def session_counts(*, session: LiveSession) -> dict[str, int]:
    """Seats taken, people waiting and people marked present. One query."""
    return session.registrations.aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)),
    )


def registration_for_user(*, session: LiveSession, user: User) -> SessionRegistration | None:
    """`user`'s registration for `session` (any status), with their place on the waiting list
    as `waitlist_position` (1 = next in line; None when not waiting). Up to two queries."""
    registration = SessionRegistration.objects.filter(session=session, user=user).first()
    if registration is None:
        return None
    registration.waitlist_position = None
    if registration.status == RegistrationStatus.WAITLISTED:
        ahead = session.registrations.filter(
            Q(registered_at__lt=registration.registered_at)
            | Q(registered_at=registration.registered_at, pk__lt=registration.pk),
            status=RegistrationStatus.WAITLISTED,
        ).count()
        registration.waitlist_position = ahead + 1
    return registration


def registration_list_for_session(
    *,
    session: LiveSession,
    department_ids: frozenset[int] | set[int] | None = None,
    statuses: tuple[str, ...] | None = None,
) -> list[SessionRegistration]:
    """The registrations of `session` with their people and departments, seats first then
    the waiting list in order, then cancellations. `department_ids` limits them to people of
    those departments (None: everyone); `statuses` to those statuses. One query."""
    registrations = SessionRegistration.objects.filter(session=session).select_related(
        "user", "user__department", "user__job_class"
    )
    if department_ids is not None:
        registrations = registrations.filter(user__department_id__in=department_ids)
    if statuses is not None:
        registrations = registrations.filter(status__in=statuses)
    order = {
        RegistrationStatus.REGISTERED: 0,
        RegistrationStatus.WAITLISTED: 1,
        RegistrationStatus.CANCELLED: 2,
    }
    rows = list(registrations.order_by("registered_at", "pk"))
    rows.sort(key=lambda registration: order.get(registration.status, 3))
    return rows


def registration_list_for_user(
    *, user: User, as_of: datetime, past_days: int = 365
) -> list[SessionRegistration]:
    """`user`'s registrations (not cancelled ones) of sessions that start after `past_days`
    before `as_of`, soonest first, with their sessions and courses; each has `course_title`
    in the reader's language. At most three queries."""
    registrations = list(
        SessionRegistration.objects.filter(
            user=user,
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED),
            session__starts_at__gte=as_of - timedelta(days=past_days),
        )
        .select_related("session", "session__course", "session__department")
        .order_by("session__starts_at", "pk")
    )
    titles = translated_titles({registration.session.course for registration in registrations})
    for registration in registrations:
        course = registration.session.course
        registration.course_title = titles.get(course.pk, course.title)
    return registrations


def staff_list_for_registration(
    *,
    session: LiveSession,
    department_ids: frozenset[int] | set[int] | None,
    search: str = "",
    limit: int = STAFF_LIST_LIMIT,
) -> tuple[list[User], int]:
    """Active employees a liaison may register for `session`: people of `department_ids`
    (None: everyone), and of the session's department when it has one; matching `search`
    (name, email or employee ID). Returns the first `limit` by name, each with
    `session_status` (their registration's status or None), and how many match. Two queries.
    """
    people = User.objects.filter(is_active=True).select_related("department")
    if department_ids is not None:
        people = people.filter(department_id__in=department_ids)
    if session.department_id is not None:
        people = people.filter(department_id=session.department_id)
    for word in search.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(employee_id__iexact=word)
        )
    total = people.count()
    people = people.annotate(
        session_status=Subquery(
            SessionRegistration.objects.filter(session=session, user=OuterRef("pk")).values(
                "status"
            )[:1]
        )
    ).order_by(Lower("last_name"), Lower("first_name"), "pk")
    return list(people[:limit]), total


def employees_by_employee_id(*, employee_ids: list[str]) -> dict[str, User]:
    """Employee ID → person, for the IDs that exist (active or not). One query."""
    if not employee_ids:
        return {}
    return {
        person.employee_id: person
        for person in User.objects.filter(employee_id__in=employee_ids).select_related("department")
    }
