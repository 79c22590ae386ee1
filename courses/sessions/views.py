"""Live-session pages: learners find, join and leave sessions; liaisons and ORE schedule them,
register their people and take attendance.

Thin: who may do what is decided by `courses.sessions.permissions` (called first by every
view), reads by `courses.sessions.selectors`, writes by `courses.sessions.services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.sessions.forms import (
    AttendanceForm,
    CancelSessionForm,
    EmployeeIdsForm,
    PeopleForm,
    PeopleSearchForm,
    RegistrationCancelForm,
    SessionForm,
    add_service_error,
)
from courses.sessions.models import Attendance, LiveSession, RegistrationStatus, SessionRegistration
from courses.sessions.permissions import (
    access_session_by_id,
    access_session_calendar,
    access_session_for_manager,
    access_session_roster,
    may_manage_session,
    may_take_roster,
)
from courses.sessions.selectors import (
    registration_for_user,
    registration_list_for_session,
    registration_list_for_user,
    session_counts,
    session_list_for_manager,
    session_list_upcoming_for_user,
    staff_list_for_registration,
)
from courses.sessions.services import (
    attendance_change,
    attendance_record,
    registration_cancel,
    registration_create,
    registration_problem,
    session_cancel,
    session_ics,
    session_register_people,
    session_schedule,
    session_update,
)
from lms.users.permissions import can_view_all_departments, is_liaison, require_liaison_or_ore


@require_GET
@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    may_schedule = can_view_all_departments(user) or is_liaison(user)
    upcoming = session_list_upcoming_for_user(user=user, as_of=now)
    return render(
        request,
        "courses/sessions/list.html",
        {
            "registrations": registration_list_for_user(user=user, as_of=now),
            "open_rows": [row for row in upcoming if not row.is_mine],
            "managed": session_list_for_manager(user=user, as_of=now) if may_schedule else [],
            "may_schedule": may_schedule,
            "now": now,
        },
    )


@require_GET
@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access_session_by_id(request.user, pk)
    registration = registration_for_user(session=session, user=request.user)
    is_active = registration is not None and registration.status != RegistrationStatus.CANCELLED
    context = _session_context(
        request,
        session,
        registration=registration,
        why_not=None if is_active else registration_problem(session=session, user=request.user),
    )
    # The link to join goes to people with a seat and those who organise the session.
    context["show_link"] = context["may_take_roster"] or (
        registration is not None and registration.status == RegistrationStatus.REGISTERED
    )
    return render(request, "courses/sessions/detail.html", context)


@require_POST
@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    session = access_session_by_id(request.user, pk)
    try:
        registration = registration_create(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(
                request,
                _("You are registered. We emailed you the details with a calendar invitation."),
            )
        else:
            messages.success(
                request,
                _(
                    "The session is full: you are on the waiting list. We will email you if a "
                    "seat becomes free."
                ),
            )
    return redirect("sessions:detail", pk=session.pk)


@require_POST
@login_required
def cancel_registration(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancels the signed-in person's registration, or (with `user`) someone else's for a
    liaison or ORE who may take the session's roster for that person."""
    form = RegistrationCancelForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("This cancel button names no person we know. Go back and try again."),
            content_type="text/plain; charset=utf-8",
        )
    other_id = form.cleaned_data["user"]
    if other_id and other_id != request.user.pk:
        session, scope = access_session_roster(request.user, pk)
        registration = _registration_in_scope(session, other_id, scope)
        done_url = redirect("sessions:register_people", pk=session.pk)
    else:
        session = access_session_by_id(request.user, pk)
        registration = SessionRegistration.objects.filter(
            session=session, user=request.user
        ).first()
        if registration is None:
            raise Http404
        done_url = redirect("sessions:detail", pk=session.pk)
    try:
        registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration is cancelled."))
    return done_url


@require_GET
@login_required
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's calendar file (METHOD:PUBLISH) for a person with a seat or an organiser;
    a person's copy carries the SEQUENCE of the invitations they were emailed."""
    session = access_session_calendar(request.user, pk)
    registration = registration_for_user(session=session, user=request.user)
    if registration is not None and registration.status != RegistrationStatus.REGISTERED:
        registration = None
    response = HttpResponse(
        session_ics(session=session, registration=registration),
        content_type="text/calendar; charset=utf-8; method=PUBLISH",
    )
    response["Content-Disposition"] = f'attachment; filename="live-session-{session.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    require_liaison_or_ore(request.user)
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = session_schedule(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session is scheduled. Employees can now register."))
            return redirect("sessions:detail", pk=session.pk)
    return render(request, "courses/sessions/form.html", {"form": form, "session": None})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = access_session_for_manager(request.user, pk)
    form = SessionForm(request.POST or None, user=request.user, session=session)
    if request.method == "POST" and not session.is_cancelled and form.is_valid():
        try:
            session_update(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The session is saved. People registered were sent the changes.")
            )
            return redirect("sessions:detail", pk=session.pk)
    return render(
        request,
        "courses/sessions/form.html",
        {"form": form, "session": session, "cancel_form": CancelSessionForm(prefix="cancel")},
    )


@require_POST
@login_required
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = access_session_for_manager(request.user, pk)
    cancel_form = CancelSessionForm(request.POST, prefix="cancel")
    if cancel_form.is_valid():
        try:
            session_cancel(
                actor=request.user, session=session, reason=cancel_form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(cancel_form, error)
        else:
            messages.success(
                request, _("The session is cancelled. Everyone registered was emailed.")
            )
            return redirect("sessions:detail", pk=session.pk)
    return render(
        request,
        "courses/sessions/form.html",
        {
            "form": SessionForm(user=request.user, session=session),
            "session": session,
            "cancel_form": cancel_form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def register_people(request: HttpRequest, pk: int) -> HttpResponse:
    session, scope = access_session_roster(request.user, pk)
    search_form = PeopleSearchForm(request.GET)
    search = search_form.cleaned_data["q"] if search_form.is_valid() else ""
    people_form = PeopleForm(prefix="list")
    ids_form = EmployeeIdsForm(prefix="ids") if scope is None else None
    if request.method == "POST":
        if request.POST.get("action") == "ids" and ids_form is not None:
            ids_form = EmployeeIdsForm(request.POST, prefix="ids")
            form, user_ids = ids_form, None
            if ids_form.is_valid():
                user_ids = [person.pk for person in ids_form.cleaned_data["employee_ids"]]
        else:
            people_form = PeopleForm(request.POST, prefix="list")
            form, user_ids = people_form, None
            if people_form.is_valid():
                user_ids = people_form.cleaned_data["user"]
        if user_ids is not None:
            try:
                registrations = session_register_people(
                    actor=request.user, session=session, user_ids=user_ids
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                _registered_message(request, registrations)
                return redirect(request.get_full_path())
    # ORE could list every employee of the City: they search first.
    if scope is None and not search:
        staff, staff_total = [], 0
    else:
        staff, staff_total = staff_list_for_registration(
            session=session, department_ids=scope, search=search
        )
    return render(
        request,
        "courses/sessions/people.html",
        {
            **_session_context(request, session),
            "people_form": people_form,
            "ids_form": ids_form,
            "search": search,
            "search_errors": search_form.errors.get("q"),
            "staff": staff,
            "staff_total": staff_total,
            "registrations": registration_list_for_session(
                session=session,
                department_ids=scope,
                statuses=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED),
            ),
            "may_register": not session.is_cancelled and session.starts_at > timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session, scope = access_session_roster(request.user, pk)
    now = timezone.now()
    form = AttendanceForm(request.POST or None, prefix="present")
    if request.method == "POST" and form.is_valid():
        chosen_attendance = form.cleaned_data["attendance"]
        try:
            if chosen_attendance == Attendance.PRESENT:
                result = attendance_record(
                    actor=request.user,
                    session=session,
                    user_ids=form.cleaned_data["user"],
                    as_of=now,
                )
            else:
                changed = attendance_change(
                    actor=request.user,
                    session=session,
                    user_ids=form.cleaned_data["user"],
                    attendance=chosen_attendance,
                    as_of=now,
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if chosen_attendance == Attendance.PRESENT:
                recorded = len(result.recorded)
                message = ngettext(
                    "Attendance recorded for %(count)s person: the course is complete for them.",
                    "Attendance recorded for %(count)s people: the course is complete for them.",
                    recorded,
                ) % {"count": recorded}
            else:
                count = len(changed.changed)
                message = ngettext(
                    "Attendance changed for %(count)s person.",
                    "Attendance changed for %(count)s people.",
                    count,
                ) % {"count": count}
            messages.success(request, message)
            return redirect("sessions:attendance", pk=session.pk)
    roster = registration_list_for_session(
        session=session,
        department_ids=scope,
        statuses=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED),
    )
    chosen = {str(pk) for pk in request.POST.getlist("present-user")}
    return render(
        request,
        "courses/sessions/attendance.html",
        {
            **_session_context(request, session),
            "form": form,
            "registered": [r for r in roster if r.status == RegistrationStatus.REGISTERED],
            "waitlisted": [r for r in roster if r.status == RegistrationStatus.WAITLISTED],
            "chosen": chosen,
            "has_started": session.starts_at <= now,
        },
    )


def _session_context(request: HttpRequest, session: LiveSession, **extra) -> dict:
    from content.translation import translation_for

    return {
        "session": session,
        "course_title": translation_for(session.course).title,
        "counts": session_counts(session=session),
        "may_manage": may_manage_session(request.user, session),
        "may_take_roster": (
            (can_view_all_departments(request.user) or is_liaison(request.user))
            and may_take_roster(request.user, session)
        ),
        "has_started": session.starts_at <= timezone.now(),
        **extra,
    }


def _registration_in_scope(
    session: LiveSession, user_id: int, scope: frozenset[int] | None
) -> SessionRegistration:
    """The registration of person `user_id` for `session`, if the actor acts for them."""
    registration = (
        SessionRegistration.objects.select_related("user")
        .filter(session=session, user_id=user_id)
        .first()
    )
    if registration is None or (scope is not None and registration.user.department_id not in scope):
        raise Http404
    return registration


def _registered_message(request: HttpRequest, registrations: list[SessionRegistration]) -> None:
    seated = sum(1 for r in registrations if r.status == RegistrationStatus.REGISTERED)
    waiting = len(registrations) - seated
    text = ngettext(
        "%(count)s person is registered and was emailed a calendar invitation.",
        "%(count)s people are registered and were emailed a calendar invitation.",
        seated,
    ) % {"count": seated}
    if waiting:
        text += " " + ngettext(
            "%(count)s person is on the waiting list.",
            "%(count)s people are on the waiting list.",
            waiting,
        ) % {"count": waiting}
    messages.success(request, text)
