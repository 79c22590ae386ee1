"""Reminders and escalation: the right people on the right days, in their language, never twice."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses.compliance import reminders
from courses.compliance.models import AuditAction, AuditEntry, Exemption, ReminderKind, ReminderLog
from courses.compliance.reminders import (
    SkipReason,
    liaison_digests_send,
    reminder_claims_stuck,
    reminder_send,
    reminders_plan,
    reminders_release,
    reminders_send,
    reminders_send_now,
)
from courses.learning.services import course_completion_record
from courses.tasks import liaison_digests_send_task, reminders_send_task
from tests.factories import (
    LiaisonScopeFactory,
    RequirementFactory,
    UserFactory,
    compliance_refresh,
)

TODAY = timezone.localdate()
DUE = TODAY + timedelta(days=30)


@pytest.fixture
def due_requirement(course):
    """Due in 30 days, with the default schedule: 14, 7 and 1 days before, weekly overdue."""
    return RequirementFactory(course=course, name="Implicit Bias: Foundations", due_on=DUE)


def _on(offset: int):
    """The day `offset` days from the due date."""
    return DUE + timedelta(days=offset)


def _run_daily(first: int, last: int) -> list[tuple[int, str, str]]:
    """Runs the daily job from `first` to `last` days relative to the due date; returns
    (offset, kind, recipient email) of every reminder sent, in order."""
    sent = []
    for offset in range(first, last + 1):
        before = len(mail.outbox)
        report = reminders_send(as_of=_on(offset))
        kinds = [planned.kind for planned in report.planned]
        new_mail = mail.outbox[before:]
        assert len(new_mail) == report.sent == len(kinds)
        sent += [(offset, kind, m.to[0]) for kind, m in zip(kinds, new_mail, strict=True)]
    return sent


# --- the plan ------------------------------------------------------------------------------------


def test_due_soon_reminders_go_14_7_and_1_days_before_and_weekly_once_overdue(
    learner, due_requirement
):
    compliance_refresh(as_of=TODAY)
    sent = _run_daily(-20, 22)
    assert sent == [
        (-14, ReminderKind.DUE_SOON, learner.email),
        (-7, ReminderKind.DUE_SOON, learner.email),
        (-1, ReminderKind.DUE_SOON, learner.email),
        (7, ReminderKind.OVERDUE, learner.email),
        (14, ReminderKind.OVERDUE, learner.email),
        (21, ReminderKind.OVERDUE, learner.email),
    ]
    assert ReminderLog.objects.filter(recipient=learner, sent_at__isnull=False).count() == 6


def test_the_schedule_is_the_requirements_own(learner, course):
    RequirementFactory(
        course=course, due_on=DUE, reminder_days_before="3", overdue_reminder_every_days=2
    )
    compliance_refresh(as_of=TODAY)
    assert [(offset, kind) for offset, kind, _to in _run_daily(-10, 5)] == [
        (-3, ReminderKind.DUE_SOON),
        (2, ReminderKind.OVERDUE),
        (4, ReminderKind.OVERDUE),
    ]


def test_no_reminders_when_the_schedule_is_empty(learner, course):
    RequirementFactory(
        course=course, due_on=DUE, reminder_days_before="", overdue_reminder_every_days=0
    )
    compliance_refresh(as_of=TODAY)
    assert _run_daily(-20, 20) == []


def test_a_missed_day_is_caught_up_once_the_next_day(learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    # The job did not run on the 14th, 7th or overdue-day-7: each still goes out, once, late.
    sent = [(offset, kind) for offset, kind, _to in _run_daily(-12, -12)]
    sent += [(offset, kind) for offset, kind, _to in _run_daily(-11, -8)]
    sent += [(offset, kind) for offset, kind, _to in _run_daily(-5, -3)]
    sent += [(offset, kind) for offset, kind, _to in _run_daily(9, 10)]
    assert sent == [
        (-12, ReminderKind.DUE_SOON),
        (-5, ReminderKind.DUE_SOON),
        (9, ReminderKind.OVERDUE),
    ]


def test_the_supervisor_is_told_once_after_the_set_days_overdue(learner, course, department):
    supervisor = UserFactory(department=department, email="boss@example.lacity.test")
    learner.supervisor = supervisor
    learner.save()
    RequirementFactory(
        course=course,
        due_on=DUE,
        reminder_days_before="",
        overdue_reminder_every_days=0,
        escalate_to_supervisor_after_days=10,
    )
    compliance_refresh(as_of=TODAY)
    sent = _run_daily(1, 30)
    # The supervisor is also an employee under the requirement, but their own supervisor is unset.
    assert sent == [(10, ReminderKind.SUPERVISOR, "boss@example.lacity.test")]
    message = mail.outbox[0]
    assert learner.get_full_name() in message.body
    assert learner.employee_id in message.body


def test_no_escalation_without_an_active_supervisor(learner, course, department):
    learner.supervisor = UserFactory(department=department, is_active=False)
    learner.save()
    RequirementFactory(course=course, due_on=DUE, escalate_to_supervisor_after_days=3)
    compliance_refresh(as_of=TODAY)
    kinds = {planned.kind for planned in reminders_plan(as_of=_on(7))}
    assert kinds == {ReminderKind.OVERDUE}


def test_nobody_completed_exempt_inactive_or_out_of_the_audience_is_reminded(
    course, department, other_department, admin_user
):
    requirement = RequirementFactory(course=course, due_on=DUE)
    requirement.departments.add(department)
    waiting = UserFactory(department=department)
    done = UserFactory(department=department)
    exempt = UserFactory(department=department)
    leaver = UserFactory(department=department)
    mover = UserFactory(department=department)
    compliance_refresh(as_of=TODAY)
    assert {p.assignment.user_id for p in reminders_plan(as_of=_on(-7))} == {
        waiting.pk,
        done.pk,
        exempt.pk,
        leaver.pk,
        mover.pk,
    }

    course_completion_record(user=done, course=course)
    Exemption.objects.create(
        requirement=requirement,
        user=exempt,
        reason="On leave",
        granted_by=admin_user,
        granted_at=timezone.now(),
    )
    leaver.is_active = False
    leaver.save()
    mover.department = other_department
    mover.save()
    compliance_refresh(as_of=TODAY)

    for offset in (-14, -7, -1, 7, 14):
        planned = reminders_plan(as_of=_on(offset))
        assert {p.assignment.user_id for p in planned} == {waiting.pk}


def test_planning_takes_a_fixed_number_of_queries(
    due_requirement, department, django_assert_num_queries
):
    UserFactory.create_batch(3, department=department)
    compliance_refresh(as_of=TODAY)
    with django_assert_num_queries(3):
        assert len(reminders_plan(as_of=_on(-7))) == 3
    UserFactory.create_batch(12, department=department)
    compliance_refresh(as_of=TODAY)
    with django_assert_num_queries(3):
        assert len(reminders_plan(as_of=_on(-7))) == 15


# --- the email -----------------------------------------------------------------------------------


def test_the_email_is_in_spanish_with_course_due_date_and_an_absolute_link(
    settings, learner, due_requirement, course
):
    settings.SITE_URL = "https://training.example.lacity.test/"
    learner.preferred_language = "es-MX"
    learner.save()
    compliance_refresh(as_of=TODAY)

    assert reminders_send(as_of=_on(-7)).sent == 1

    message = mail.outbox[0]
    assert message.to == [learner.email]
    with translation.override("es"):
        spanish_date = date_format(DUE, "DATE_FORMAT")
    assert " de " in spanish_date  # e.g. "24 de diciembre de 2026"
    assert spanish_date in message.subject
    assert spanish_date in message.body
    assert course.title in message.subject
    assert course.title in message.body
    assert f"https://training.example.lacity.test{course.url}" in message.body
    assert translation.get_language() == "en"  # the override did not leak


def test_the_email_is_in_english_by_default(learner, due_requirement, course):
    compliance_refresh(as_of=TODAY)
    reminders_send(as_of=_on(7))
    message = mail.outbox[0]
    assert message.subject == f"Overdue: {course.title}"
    assert date_format(DUE, "DATE_FORMAT") in message.body
    assert "7 days ago" in message.body


# --- never twice ---------------------------------------------------------------------------------


def test_running_twice_sends_once(learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    first = reminders_send(as_of=_on(-7))
    second = reminders_send(as_of=_on(-7))
    assert (first.sent, second.sent) == (1, 0)
    assert len(mail.outbox) == 1
    log = ReminderLog.objects.get()
    assert log.kind == ReminderKind.DUE_SOON
    assert log.recipient == learner
    assert log.sent_at is not None
    assert log.error == ""


def test_a_planned_reminder_claimed_by_another_worker_is_not_sent(learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=_on(-7))
    assert reminder_send(planned=planned, as_of=_on(-7)) is True
    # A second worker planned the same reminder before the first one claimed it.
    assert reminder_send(planned=planned, as_of=_on(-7)) is False
    assert len(mail.outbox) == 1


def test_a_claim_whose_sender_died_is_never_sent_again(learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=_on(-7))
    ReminderLog.objects.create(
        key=planned.key,
        kind=planned.kind,
        assignment=planned.assignment,
        recipient=learner,
        claimed_at=timezone.now() - timedelta(days=1),
    )
    report = reminders_send(as_of=_on(-7))
    assert (report.planned, report.sent) == ([], 0)
    assert reminder_send(planned=planned, as_of=_on(-7)) is False
    assert mail.outbox == []


# --- claims stuck by a sender that died ----------------------------------------------------------


def _claim_as_a_dying_worker(planned, *, minutes_ago: int) -> ReminderLog:
    """What a worker killed between claiming and sending leaves: a claim, never sent."""
    return ReminderLog.objects.create(
        key=planned.key,
        kind=planned.kind,
        assignment=planned.assignment,
        department=planned.assignment.department,
        recipient=planned.recipient,
        claimed_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_stuck_claim_is_listed_released_and_then_sent_exactly_once(
    settings, learner, due_requirement
):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=_on(-7))
    claim = _claim_as_a_dying_worker(planned, minutes_ago=20)
    assert reminders_send(as_of=_on(-7)).sent == 0  # never twice: not sent by itself

    assert list(reminder_claims_stuck(now=timezone.now())) == [claim]
    report = reminders_release(now=timezone.now(), ids=[claim.pk])
    assert (report.released, report.refused) == ([claim], [])
    assert list(reminder_claims_stuck(now=timezone.now())) == []

    assert reminders_send(as_of=_on(-7)).sent == 1
    assert reminders_send(as_of=_on(-7)).sent == 0
    assert [m.to for m in mail.outbox] == [[learner.email]]
    claim.refresh_from_db()
    assert claim.sent_at is not None
    assert claim.released_at is not None
    assert claim.error == ""
    assert ReminderLog.objects.count() == 1


def test_a_fresh_claim_is_neither_listed_nor_releasable(settings, learner, due_requirement):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=_on(-7))
    claim = _claim_as_a_dying_worker(planned, minutes_ago=5)  # its sender may still be sending

    assert list(reminder_claims_stuck(now=timezone.now())) == []
    by_id = reminders_release(now=timezone.now(), ids=[claim.pk])
    assert by_id.released == []
    assert [(pk, "too recently" in reason) for pk, reason in by_id.refused] == [(claim.pk, True)]
    assert reminders_release(now=timezone.now(), older_than=timedelta(minutes=15)).released == []
    with pytest.raises(ValidationError):
        reminders_release(now=timezone.now(), older_than=timedelta(minutes=1))
    with pytest.raises(ValidationError):
        reminders_release(now=timezone.now())

    claim.refresh_from_db()
    assert (claim.error, claim.released_at, claim.sent_at) == ("", None, None)
    assert reminders_send(as_of=_on(-7)).sent == 0
    assert mail.outbox == []


def test_sent_failed_and_unknown_claims_are_not_released(settings, learner, due_requirement):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=_on(-7))
    claim = _claim_as_a_dying_worker(planned, minutes_ago=60)
    ReminderLog.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
    report = reminders_release(now=timezone.now(), ids=[claim.pk, claim.pk + 1000])
    assert report.released == []
    assert dict(report.refused) == {claim.pk: "already sent", claim.pk + 1000: "no such reminder"}


@pytest.fixture
def due_in_a_week(course):
    return RequirementFactory(course=course, due_on=TODAY + timedelta(days=7))


def test_the_release_command_lists_releases_by_id_and_sends_once(settings, learner, due_in_a_week):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=TODAY)
    stuck = _claim_as_a_dying_worker(planned, minutes_ago=30)

    listing = StringIO()
    call_command("release_reminders", stdout=listing)
    assert "1 stuck reminder claim(s)" in listing.getvalue()
    assert f"#{stuck.pk}" in listing.getvalue()
    assert f"employee {learner.employee_id}" in listing.getvalue()
    assert learner.last_name not in listing.getvalue()  # ids only: output may reach logs

    dry = StringIO()
    call_command("release_reminders", "--all-older-than", "20", "--dry-run", stdout=dry)
    assert "would release: 1" in dry.getvalue()
    stuck.refresh_from_db()
    assert stuck.released_at is None

    out = StringIO()
    call_command("release_reminders", "--id", str(stuck.pk), stdout=out)
    assert "released: 1" in out.getvalue()
    assert "sent now: 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert reminders_send(as_of=TODAY).sent == 0
    with pytest.raises(CommandError, match="nothing was released"):
        call_command("release_reminders", "--id", str(stuck.pk), stdout=StringIO())
    assert len(mail.outbox) == 1


def test_a_released_reminder_no_longer_due_is_not_sent(settings, learner, course, due_in_a_week):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=TODAY)
    stuck = _claim_as_a_dying_worker(planned, minutes_ago=30)
    course_completion_record(user=learner, course=course)  # done since: nothing to remind
    compliance_refresh(as_of=TODAY)

    out = StringIO()
    call_command("release_reminders", "--all-older-than", "15", stdout=out)
    assert "released: 1" in out.getvalue()
    assert "sent now: 0" in out.getvalue()
    assert "not due today any more, not sent: 1" in out.getvalue()
    assert mail.outbox == []
    stuck.refresh_from_db()
    assert stuck.sent_at is None
    assert stuck.released_at is not None


def test_the_release_command_refuses_an_age_below_the_threshold(settings, db):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    with pytest.raises(CommandError, match="at least 15 minutes"):
        call_command("release_reminders", "--all-older-than", "3", stdout=StringIO())
    with pytest.raises(CommandError, match="0 or more"):
        call_command("release_reminders", "--all-older-than", "-3", stdout=StringIO())


def test_ore_sees_stuck_claims_in_the_admin_and_fresh_ones_are_not_listed(
    client, settings, ore, learner, due_requirement
):
    settings.REMINDER_STUCK_AFTER_MINUTES = 15
    compliance_refresh(as_of=TODAY)
    week_before, day_before = (
        next(p for p in reminders_plan(as_of=_on(offset)) if p.recipient == learner)
        for offset in (-7, -1)
    )
    stuck = _claim_as_a_dying_worker(week_before, minutes_ago=30)
    fresh = _claim_as_a_dying_worker(day_before, minutes_ago=1)
    client.force_login(ore)

    html = client.get("/admin/stuck-reminders/").content.decode()
    assert stuck.key in html
    assert fresh.key not in html
    assert "release_reminders --id" in html

    spanish = client.get("/admin/stuck-reminders/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Recordatorios atascados" in spanish


def test_a_failed_send_is_recorded_and_sent_by_the_retry(learner, due_requirement, monkeypatch):
    compliance_refresh(as_of=TODAY)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({learner.email: (550, b"no")})

    monkeypatch.setattr(reminders, "send_mail", refuse)
    report = reminders_send(as_of=_on(-7))
    assert (report.sent, report.failed) == (0, 1)
    log = ReminderLog.objects.get()
    assert log.sent_at is None
    assert log.error == "SMTPRecipientsRefused"  # the type only: the message holds the address

    monkeypatch.undo()
    retry = reminders_send(as_of=_on(-7))
    assert (retry.sent, retry.failed) == (1, 0)
    assert len(mail.outbox) == 1
    log.refresh_from_db()
    assert log.sent_at is not None
    assert log.error == ""
    assert reminders_send(as_of=_on(-7)).sent == 0


def test_reminder_send_raises_when_the_email_fails(learner, due_requirement, monkeypatch):
    compliance_refresh(as_of=TODAY)
    [planned] = reminders_plan(as_of=_on(-7))
    monkeypatch.setattr(reminders, "send_mail", _raise(smtplib.SMTPServerDisconnected))
    with pytest.raises(smtplib.SMTPServerDisconnected):
        reminder_send(planned=planned, as_of=_on(-7))
    assert ReminderLog.objects.get().error == "SMTPServerDisconnected"


def test_a_dry_run_sends_nothing_and_writes_nothing(learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    report = reminders_send(as_of=_on(-7), dry_run=True)
    assert [planned.recipient for planned in report.planned] == [learner]
    assert report.sent == 0
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert reminders_send(as_of=_on(-7)).sent == 1  # and the real run still sends it


# --- the liaison's weekly digest -----------------------------------------------------------------


def test_each_liaison_gets_one_digest_a_week_per_department_with_overdue_people(
    settings, liaison, other_liaison, learner, department, other_department, course
):
    settings.SITE_URL = "https://training.example.lacity.test"
    requirement = RequirementFactory(course=course, name="Bias basics", due_on=DUE)
    done = UserFactory(department=department, first_name="Dana", last_name="Done")
    LiaisonScopeFactory(user=liaison, department=other_department)  # liaison of both
    compliance_refresh(as_of=TODAY)
    course_completion_record(user=done, course=course)
    compliance_refresh(as_of=TODAY)
    monday = _on(10) - timedelta(days=_on(10).weekday())

    report = liaison_digests_send(as_of=monday)

    # GSD: learner and liaison overdue; LAPL: other_liaison overdue. Liaison gets both.
    assert report.sent == 3
    to_gsd = [m for m in mail.outbox if "General Services" in m.subject]
    assert [m.to for m in to_gsd] == [[liaison.email]]
    body = to_gsd[0].body
    assert "2 people" in to_gsd[0].subject
    assert learner.employee_id in body
    assert f"{learner.last_name}, {learner.first_name}" in body
    assert "Bias basics" in body
    assert date_format(requirement.due_on, "DATE_FORMAT") in body
    assert "Done, Dana" not in body
    assert "https://training.example.lacity.test/liaison/GSD/?status=overdue" in body
    assert other_liaison.employee_id not in body
    assert sorted(m.to[0] for m in mail.outbox if "Library" in m.subject) == sorted(
        [liaison.email, other_liaison.email]
    )

    assert liaison_digests_send(as_of=monday + timedelta(days=3)).sent == 0  # same week
    assert len(mail.outbox) == 3
    assert liaison_digests_send(as_of=monday + timedelta(days=7)).sent == 3  # next week
    assert ReminderLog.objects.filter(kind=ReminderKind.LIAISON_DIGEST).count() == 6


def test_no_digest_when_nobody_is_overdue(liaison, learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    assert liaison_digests_send(as_of=_on(-1)).sent == 0
    assert mail.outbox == []


def test_a_digest_dry_run_writes_nothing(liaison, learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    report = liaison_digests_send(as_of=_on(3), dry_run=True)
    assert [digest.liaison for digest in report.planned] == [liaison]
    assert report.planned[0].people_count == 2
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


# --- reminders sent now by a liaison -------------------------------------------------------------


@pytest.fixture
def team(department, due_requirement, admin_user):
    """Four people of GSD: one to do, one completed, one exempt; and one who is excluded."""
    people = {
        "todo": UserFactory(department=department),
        "done": UserFactory(department=department),
        "exempt": UserFactory(department=department),
        "excluded": UserFactory(department=department),
    }
    due_requirement.excluded_employees.add(people["excluded"])
    course_completion_record(user=people["done"], course=due_requirement.course)
    Exemption.objects.create(
        requirement=due_requirement,
        user=people["exempt"],
        reason="On leave",
        granted_by=admin_user,
        granted_at=timezone.now(),
    )
    compliance_refresh(as_of=TODAY)
    return people


def _send_now(actor, department, requirement, people):
    return reminders_send_now(
        actor=actor,
        department=department,
        requirement=requirement,
        user_ids=[person.pk for person in people],
        as_of=TODAY,
    )


def test_a_liaison_reminds_the_people_they_select(liaison, department, due_requirement, team):
    result = _send_now(liaison, department, due_requirement, team.values())

    assert result.sent == [team["todo"]]
    assert dict(result.skipped) == {
        team["done"]: SkipReason.COMPLETED,
        team["exempt"]: SkipReason.EXEMPT,
        team["excluded"]: SkipReason.NOT_ASSIGNED,
    }
    assert [m.to for m in mail.outbox] == [[team["todo"].email]]
    assert "training liaison asked" in mail.outbox[0].body
    log = ReminderLog.objects.get()
    assert (log.kind, log.sent_by, log.recipient) == (ReminderKind.MANUAL, liaison, team["todo"])
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.employee) == (
        liaison,
        AuditAction.REMINDER_SENT,
        team["todo"],
    )
    assert (entry.requirement, entry.department) == (due_requirement, department)
    assert entry.after["reminder"] == log.pk
    assert entry.after["due_on"] == DUE.isoformat()


def test_a_person_is_reminded_by_hand_once_a_day(liaison, ore, department, due_requirement, team):
    _send_now(liaison, department, due_requirement, [team["todo"]])
    again = _send_now(ore, department, due_requirement, [team["todo"]])
    assert again.sent == []
    assert again.skipped == [(team["todo"], SkipReason.REMINDED_TODAY)]
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.count() == 1
    tomorrow = reminders_send_now(
        actor=liaison,
        department=department,
        requirement=due_requirement,
        user_ids=[team["todo"].pk],
        as_of=TODAY + timedelta(days=1),
    )
    assert tomorrow.sent == [team["todo"]]


def test_manual_reminders_are_rate_limited_per_hour_and_nothing_is_sent_beyond(
    settings, liaison, department, due_requirement
):
    settings.REMINDER_MANUAL_LIMIT_PER_HOUR = 3
    people = UserFactory.create_batch(5, department=department)
    compliance_refresh(as_of=TODAY)
    assert len(_send_now(liaison, department, due_requirement, people[:2]).sent) == 2

    with pytest.raises(ValidationError) as error:
        _send_now(liaison, department, due_requirement, people[2:])
    assert "1 more reminder this hour" in error.value.messages[0]
    assert "nothing was sent" in error.value.messages[0]
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2
    assert AuditEntry.objects.count() == 2

    # An hour later the earlier reminders no longer count.
    ReminderLog.objects.update(claimed_at=timezone.now() - timedelta(minutes=61))
    assert len(_send_now(liaison, department, due_requirement, people[2:]).sent) == 3


def test_a_person_outside_the_department_stops_the_whole_send(
    liaison, department, due_requirement, team, other_department
):
    stranger = UserFactory(department=other_department)
    compliance_refresh(as_of=TODAY)
    with pytest.raises(ValidationError, match="not in this department"):
        _send_now(liaison, department, due_requirement, [team["todo"], stranger])
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_requirement_not_in_force_for_the_department_is_refused(
    liaison, learner, department, other_department, course
):
    library_only = RequirementFactory(course=course, due_on=DUE)
    library_only.departments.add(other_department)
    compliance_refresh(as_of=TODAY)
    with pytest.raises(ValidationError, match="not in force"):
        _send_now(liaison, department, library_only, [learner])
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_nobody_selected_is_refused(liaison, department, due_requirement, team):
    with pytest.raises(ValidationError, match="Select at least one"):
        _send_now(liaison, department, due_requirement, [])


def test_a_liaison_of_another_department_may_not_send(
    other_liaison, department, due_requirement, team
):
    with pytest.raises(PermissionDenied):
        _send_now(other_liaison, department, due_requirement, [team["todo"]])
    assert mail.outbox == []


def test_a_failed_manual_send_is_skipped_and_can_be_sent_again_today(
    liaison, department, due_requirement, team, monkeypatch
):
    monkeypatch.setattr(reminders, "send_mail", _raise(smtplib.SMTPServerDisconnected))
    failed = _send_now(liaison, department, due_requirement, [team["todo"]])
    assert failed.skipped == [(team["todo"], SkipReason.SEND_FAILED)]
    assert not AuditEntry.objects.exists()
    monkeypatch.undo()
    assert _send_now(liaison, department, due_requirement, [team["todo"]]).sent == [team["todo"]]
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.count() == 1


# --- the tasks and the command -------------------------------------------------------------------


def test_the_tasks_send_once_for_the_day_they_are_given(liaison, learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    assert reminders_send_task(as_of=_on(-7).isoformat()) == 2
    assert reminders_send_task(as_of=_on(-7).isoformat()) == 0
    assert liaison_digests_send_task(as_of=_on(7).isoformat()) == 1
    assert liaison_digests_send_task(as_of=_on(7).isoformat()) == 0


def test_the_task_retries_later_for_the_same_day_when_an_email_fails(
    learner, due_requirement, monkeypatch
):
    compliance_refresh(as_of=TODAY)
    monkeypatch.setattr(reminders, "send_mail", _raise(smtplib.SMTPServerDisconnected))
    with pytest.raises(Retry):
        reminders_send_task(as_of=_on(-7).isoformat())
    monkeypatch.undo()
    assert reminders_send_task(as_of=_on(-7).isoformat()) == 1


def test_the_command_dry_run_lists_employee_ids_only_and_writes_nothing(learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--as-of", _on(-7).isoformat(), stdout=out)
    output = out.getvalue()
    assert f"employee {learner.employee_id}" in output
    assert "due_soon" in output
    assert DUE.isoformat() in output
    assert learner.email not in output
    assert learner.first_name not in output
    assert "would send: 1" in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_the_command_sends_reminders_or_digests(liaison, learner, due_requirement):
    compliance_refresh(as_of=TODAY)
    out = StringIO()
    call_command("send_reminders", "--as-of", _on(7).isoformat(), stdout=out)
    assert "sent: 2" in out.getvalue()
    call_command("send_reminders", "--as-of", _on(7).isoformat(), "--digests", stdout=out)
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.filter(kind=ReminderKind.LIAISON_DIGEST).count() == 1


def test_the_command_refuses_a_garbled_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--as-of", "next tuesday")


def _raise(error_class):
    def send(*args, **kwargs):
        raise error_class("refused")

    return send
