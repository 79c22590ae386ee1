"""Demo compliance records for General Services: exemptions, live sessions with registrations,
a waiting list and recorded attendance, and reminders sent. Safe to repeat. The reasons and the
sessions' titles and places are in compliance.yaml."""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from courses.compliance.assignments import assignments_refresh
from courses.compliance.audit import audit_record
from courses.compliance.models import (
    Assignment,
    AssignmentStatus,
    AuditAction,
    Exemption,
    ReminderKind,
    ReminderLog,
    Requirement,
)
from courses.learning.models import CourseCompletion
from courses.learning.services import course_completion_record
from courses.sessions.models import (
    LiveSession,
    RegistrationStatus,
    SessionMode,
    SessionRegistration,
)
from lms.demo_data import demo_data
from lms.users.models import Department, User

DEMO_DEPARTMENT = "GSD"
SIGN_IN_EMAILS = [
    "learner@demo.lacity.test",
    "liaison@demo.lacity.test",
    "ore@demo.lacity.test",
    "admin@demo.lacity.test",
]
TEXT = demo_data("courses.demo", "compliance.yaml")
EXEMPTION_REASONS: list[str] = TEXT["exemption_reasons"]
SESSIONS: dict[str, dict[str, str]] = TEXT["sessions"]
# The demo sessions' titles in Spanish, for Spanish readers (LiveSession.title_es).
SESSION_TITLES_ES = {session["title"]: session["title_es"] for session in SESSIONS.values()}


@transaction.atomic
def compliance_demo_seed(*, as_of: date, say: Callable[[str], None] = print) -> None:
    if LiveSession.objects.exists():
        # A demo seeded before sessions had Spanish titles gets them.
        for title, title_es in SESSION_TITLES_ES.items():
            LiveSession.objects.filter(title=title, title_es="").update(title_es=title_es)
        say("  already there")
        return
    department = Department.objects.get(code=DEMO_DEPARTMENT)
    liaison = User.objects.get(email="liaison@demo.lacity.test")
    ore = User.objects.get(email="ore@demo.lacity.test")
    annual = Requirement.objects.filter(recurrence_months=12).order_by("pk").first()
    pilot = Requirement.objects.filter(departments=department).order_by("pk").first()
    touched: set[int] = set()

    overdue = list(
        Assignment.objects.filter(
            requirement=annual,
            department=department,
            is_current=True,
            status=AssignmentStatus.OVERDUE,
        )
        .exclude(user__email__in=SIGN_IN_EMAILS)
        .select_related("user")
        .order_by("user__employee_id")[: len(EXEMPTION_REASONS)]
    )
    for assignment, reason in zip(overdue, EXEMPTION_REASONS, strict=False):
        exemption = Exemption.objects.create(
            requirement=annual,
            user=assignment.user,
            reason=reason,
            granted_by=liaison,
            granted_at=timezone.now() - timedelta(days=3),
            until_on=as_of + timedelta(days=120),
        )
        audit_record(
            actor=liaison,
            action=AuditAction.EXEMPTION_GRANTED,
            employee=assignment.user,
            requirement=annual,
            before={"status": assignment.status, "due_on": assignment.due_on.isoformat()},
            after={"exemption": exemption.pk, "reason": reason, "until": str(exemption.until_on)},
        )
        touched.add(assignment.user_id)
    say(f"  {len(overdue)} exemptions granted by the GSD liaison")

    staff = list(
        User.objects.filter(department=department, is_active=True, employee_id__isnull=False)
        .exclude(email__in=SIGN_IN_EMAILS)
        .order_by("employee_id")
        .values_list("pk", flat=True)[:60]
    )
    course = pilot.course
    noon = timezone.make_aware(datetime.combine(as_of, datetime.min.time())) + timedelta(hours=10)
    past = LiveSession.objects.create(
        course=course,
        title=SESSIONS["past"]["title"],
        title_es=SESSIONS["past"]["title_es"],
        mode=SessionMode.IN_PERSON,
        starts_at=noon - timedelta(days=7),
        ends_at=noon - timedelta(days=7) + timedelta(hours=2),
        location=SESSIONS["past"]["location"],
        capacity=20,
        department=department,
        created_by=liaison,
    )
    upcoming = LiveSession.objects.create(
        course=course,
        title=SESSIONS["upcoming"]["title"],
        title_es=SESSIONS["upcoming"]["title_es"],
        mode=SessionMode.IN_PERSON,
        starts_at=noon + timedelta(days=9),
        ends_at=noon + timedelta(days=9) + timedelta(hours=2),
        location=SESSIONS["upcoming"]["location"],
        capacity=12,  # set below from the people registered, so the waiting list shows
        department=department,
        created_by=liaison,
    )
    virtual = LiveSession.objects.create(
        course=course,
        title=SESSIONS["virtual"]["title"],
        title_es=SESSIONS["virtual"]["title_es"],
        mode=SessionMode.VIRTUAL,
        starts_at=noon + timedelta(days=14),
        ends_at=noon + timedelta(days=14) + timedelta(hours=1, minutes=30),
        join_url=SESSIONS["virtual"]["join_url"],
        capacity=100,
        created_by=ore,
    )
    for session in (past, upcoming):
        audit_record(
            actor=session.created_by,
            action=AuditAction.SESSION_SCHEDULED,
            department=department,
            after={"session": session.pk, "starts_at": session.starts_at.isoformat()},
        )

    # The demo learner has a seat in the virtual session, so My learning shows one coming up.
    demo_learner = User.objects.filter(email=SIGN_IN_EMAILS[0]).first()
    if demo_learner is not None:
        SessionRegistration.objects.create(
            session=virtual,
            user=demo_learner,
            status=RegistrationStatus.REGISTERED,
            registered_at=noon - timedelta(days=2),
        )

    # The workshop is for people who had not taken the course online.
    finished = set(
        CourseCompletion.objects.filter(course=course, user_id__in=staff).values_list(
            "user_id", flat=True
        )
    )
    staff = [pk for pk in staff if pk not in finished]
    past_group, upcoming_group = staff[: len(staff) // 2], staff[len(staff) // 2 :][:14]
    attendees = past_group[: max(1, len(past_group) * 4 // 5)]
    upcoming.capacity = max(1, min(12, len(upcoming_group) - 2))
    upcoming.save(update_fields=["capacity"])
    for user_id in past_group:
        SessionRegistration.objects.create(
            session=past,
            user_id=user_id,
            status=RegistrationStatus.REGISTERED,
            registered_at=past.starts_at - timedelta(days=10),
            registered_by=liaison,
        )
    for user_id in attendees:
        person = User.objects.get(pk=user_id)
        completion = course_completion_record(
            user=person,
            course=course,
            as_of=past.ends_at,
            evidence=f"Attended live session {past.pk} on {past.starts_at.date()}, "
            f"recorded by {liaison.pk}",
        )
        SessionRegistration.objects.filter(session=past, user_id=user_id).update(
            attendance="present",
            attended_at=past.ends_at,
            attendance_recorded_by=liaison,
            completion=completion,
        )
        audit_record(
            actor=liaison,
            action=AuditAction.ATTENDANCE_RECORDED,
            employee=person,
            requirement=pilot,
            after={"session": past.pk, "completion": completion.pk},
        )
        touched.add(user_id)
    for position, user_id in enumerate(upcoming_group):
        SessionRegistration.objects.create(
            session=upcoming,
            user_id=user_id,
            status=(
                RegistrationStatus.REGISTERED
                if position < upcoming.capacity
                else RegistrationStatus.WAITLISTED
            ),
            registered_at=timezone.now() - timedelta(days=2, minutes=-position),
            registered_by=liaison,
        )
    say("  3 live sessions: one past with attendance recorded, one full with a waiting list")

    learner = User.objects.get(email="learner@demo.lacity.test")
    assignments_refresh(as_of=as_of, user_ids=[*touched, learner.pk])
    for assignment in Assignment.objects.filter(user=learner, is_current=True):
        ReminderLog.objects.get_or_create(
            key=f"due_soon:{assignment.pk}:14",
            defaults={
                "kind": ReminderKind.DUE_SOON,
                "assignment": assignment,
                "department": department,
                "recipient": learner,
                "claimed_at": timezone.now() - timedelta(days=6),
                "sent_at": timezone.now() - timedelta(days=6),
            },
        )
    say("  reminders sent to the demo learner")
