"""TA request services: creating a request, ORE's status transitions, events and emails."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from content.ta.models import TAKind, TARequest, TARequestAttachment, TARequestEvent, TAStatus
from content.ta.services import ta_request_create, ta_request_update
from content.ta.tasks import ta_status_email_send_task
from tests.content.ta.factories import (
    DOCX_BYTES,
    HTML_BYTES,
    PDF_BYTES,
    TARequestFactory,
    issue_area,
    stored_files,
    upload,
    use_private_storage,
)
from tests.factories import UserFactory

N = TAStatus.NEW
A = TAStatus.ACCEPTED
SC = TAStatus.SCHEDULED
IP = TAStatus.IN_PROGRESS
C = TAStatus.COMPLETED
D = TAStatus.DECLINED

# The rule ORE agreed, written out in full rather than read back from the code under test.
LEGAL = {(N, A), (N, D), (A, SC), (A, IP), (A, D), (SC, IP), (SC, D), (IP, C)}
ALL_MOVES = [(a, b) for a in TAStatus.values for b in TAStatus.values if a != b]


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    use_private_storage(monkeypatch, tmp_path / "private")


def _update(request, by, status, **changes):
    values = {
        "decline_reason": request.decline_reason,
        "assigned_to": request.assigned_to,
        "internal_notes": request.internal_notes,
        "hours_logged": request.hours_logged,
        "outcome": request.outcome,
    }
    values.update(changes)
    return ta_request_update(request=request, by=by, status=status, **values)


def _at(status, liaison, ore):
    """A request of `liaison`'s department already in `status` (declined ones with a reason)."""
    reason = "Outside ORE's scope this year." if status == D else ""
    return TARequestFactory(
        department=liaison.department, requester=liaison, status=status, decline_reason=reason
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("before", "after"), ALL_MOVES, ids=[f"{a}->{b}" for a, b in ALL_MOVES])
def test_only_the_agreed_transitions_are_allowed(liaison, ore, before, after):
    request = _at(before, liaison, ore)
    reason = "We have no capacity for this." if after == D else request.decline_reason
    if (before, after) in LEGAL:
        updated = _update(request, ore, after, decline_reason=reason)
        request.refresh_from_db()
        assert updated.status == request.status == after
        event = TARequestEvent.objects.get(request=request)
        assert (event.from_status, event.to_status, event.by) == (before, after, ore)
    else:
        with pytest.raises(ValidationError) as refused:
            _update(request, ore, after, decline_reason=reason, internal_notes="changed?")
        assert "status" in refused.value.message_dict
        request.refresh_from_db()
        assert request.status == before
        assert request.internal_notes == ""
        assert not TARequestEvent.objects.filter(request=request).exists()


@pytest.mark.django_db
def test_completed_and_declined_are_final(liaison, ore):
    for final in (C, D):
        request = _at(final, liaison, ore)
        for other in set(TAStatus.values) - {final}:
            with pytest.raises(ValidationError, match="final"):
                _update(request, ore, other, decline_reason="again")


@pytest.mark.django_db
def test_declining_needs_a_reason_and_records_it(liaison, ore):
    request = _at(N, liaison, ore)
    with pytest.raises(ValidationError) as refused:
        _update(request, ore, D, decline_reason="   ")
    assert "decline_reason" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == N

    _update(request, ore, D, decline_reason="ORE is fully booked until spring.")
    request.refresh_from_db()
    assert request.status == D
    assert request.decline_reason == "ORE is fully booked until spring."
    assert TARequestEvent.objects.get(request=request).note == "ORE is fully booked until spring."


@pytest.mark.django_db
def test_hours_are_never_negative_and_assignees_are_ore_staff(liaison, learner, ore):
    request = _at(A, liaison, ore)
    with pytest.raises(ValidationError) as refused:
        _update(request, ore, A, hours_logged=Decimal("-1"))
    assert "hours_logged" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _update(request, ore, A, assigned_to=learner)
    assert "assigned_to" in refused.value.message_dict
    request.refresh_from_db()
    assert request.hours_logged == 0
    assert request.assigned_to is None

    _update(request, ore, IP, assigned_to=ore, hours_logged=Decimal("6.5"), internal_notes="Met.")
    request.refresh_from_db()
    assert (request.assigned_to, request.hours_logged, request.internal_notes) == (
        ore,
        Decimal("6.50"),
        "Met.",
    )


@pytest.mark.django_db
def test_saving_without_a_status_change_records_no_event_and_sends_no_email(
    liaison, ore, django_capture_on_commit_callbacks
):
    request = _at(A, liaison, ore)
    with django_capture_on_commit_callbacks() as callbacks:
        _update(request, ore, A, internal_notes="Called the liaison.", hours_logged=Decimal(1))
    assert callbacks == []
    assert not TARequestEvent.objects.filter(request=request).exists()
    # the notes did change
    request.refresh_from_db()
    assert request.internal_notes == "Called the liaison."


@pytest.mark.django_db
def test_each_status_change_is_recorded_and_emails_the_requester(
    liaison, ore, django_capture_on_commit_callbacks
):
    request = _at(N, liaison, ore)
    for status in (A, SC, IP, C):
        with django_capture_on_commit_callbacks() as callbacks:
            _update(request, ore, status, outcome="Two sessions for 40 supervisors.")
        assert len(callbacks) == 2, status  # and the analytics TA refresh
    events = list(TARequestEvent.objects.filter(request=request).order_by("at", "pk"))
    assert [(e.from_status, e.to_status) for e in events] == [(N, A), (A, SC), (SC, IP), (IP, C)]

    for event in events:
        assert ta_status_email_send_task(event_id=event.pk) is True
    assert [message.to for message in mail.outbox] == [[liaison.email]] * 4
    assert "Accepted" in mail.outbox[0].subject
    assert "Completed" in mail.outbox[3].subject
    assert "Two sessions for 40 supervisors." in mail.outbox[3].body
    assert f"/ta/{request.pk}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_decline_email_gives_the_reason(liaison, ore):
    request = _at(N, liaison, ore)
    _update(request, ore, D, decline_reason="Please ask the Personnel Department first.")
    event = TARequestEvent.objects.get(request=request)
    ta_status_email_send_task(event_id=event.pk)
    assert "Declined" in mail.outbox[0].subject
    assert "Please ask the Personnel Department first." in mail.outbox[0].body


@pytest.mark.django_db
def test_the_email_task_sends_nothing_for_a_missing_event():
    assert ta_status_email_send_task(event_id=987654) is False
    assert mail.outbox == []


@pytest.mark.django_db
def test_emails_follow_the_requesters_preferred_language(liaison, ore):
    liaison.preferred_language = "es"
    liaison.save()
    request = ta_request_create(
        requester=liaison,
        department=liaison.department,
        topic=issue_area(),
        kind=TAKind.TRAINING,
        title="Capacitación",
        description="Una sesión.",
        as_of=timezone.make_aware(timezone.datetime(2026, 3, 15, 10)),
    )
    ta_status_email_send_task(event_id=request.events.get().pk)
    # Django's own Spanish formats: the date is written the Spanish way.
    assert "15 de marzo de 2026" in mail.outbox[0].body
    with translation.override("es"):
        subject = render_to_string(
            "content/email/ta_status_subject.txt",
            {"request": request, "status_label": TAStatus.ACCEPTED.label},
        )
    assert "Capacitación" in subject


@pytest.mark.django_db
def test_creating_a_request_stores_it_with_a_first_event_files_and_an_email(
    liaison, tmp_path, django_capture_on_commit_callbacks
):
    start = timezone.localdate() + timedelta(days=30)
    with django_capture_on_commit_callbacks() as callbacks:
        request = ta_request_create(
            requester=liaison,
            department=liaison.department,
            topic=issue_area("procurement"),
            kind=TAKind.PROCUREMENT,
            title="  Contracting equity review  ",
            description="Review our RFP scoring.",
            desired_start_on=start,
            desired_end_on=start + timedelta(days=14),
            files=[
                upload("Scoring Rubric (v2).pdf", PDF_BYTES),
                upload("vendors.docx", DOCX_BYTES),
            ],
        )
    assert len(callbacks) == 2  # and the analytics TA refresh
    assert request.status == TAStatus.NEW
    assert request.title == "Contracting equity review"
    event = request.events.get()
    assert (event.from_status, event.to_status, event.by) == ("", TAStatus.NEW, liaison)
    names = sorted(request.attachments.values_list("original_name", flat=True))
    assert names == ["Scoring Rubric (v2).pdf", "vendors.docx"]
    stored = sorted(path.name for path in stored_files(tmp_path / "private"))
    assert stored == ["scoring-rubric-v2.pdf", "vendors.docx"]

    ta_status_email_send_task(event_id=event.pk)
    assert mail.outbox[0].to == [liaison.email]
    assert "received" in mail.outbox[0].subject
    assert "Contracting equity review" in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"files": [upload("page.pdf", HTML_BYTES)]}, "attachments"),
        ({"files": [upload("tool.exe", b"MZ\x90\x00")]}, "attachments"),
        ({"files": [upload(f"f{n}.pdf", PDF_BYTES) for n in range(4)]}, "attachments"),
        ({"title": "   "}, "title"),
        ({"kind": "lunch"}, "kind"),
        ({"desired_start_on": "+10", "desired_end_on": "+5"}, "desired_end_on"),
        ({"desired_start_on": "-1"}, "desired_start_on"),
        ({"department": "other"}, "department"),
    ],
    ids=["disguised", "type", "too-many", "title", "kind", "dates", "past", "department"],
)
def test_the_service_refuses_bad_requests_and_stores_nothing(
    liaison, other_department, tmp_path, changes, field
):
    today = timezone.localdate()
    values = {
        "requester": liaison,
        "department": liaison.department,
        "topic": issue_area(),
        "kind": TAKind.DATA,
        "title": "Indicator help",
        "description": "Disaggregating by race.",
        "files": [upload("ok.pdf", PDF_BYTES)],
    }
    for key, value in changes.items():
        if key.startswith("desired_"):
            value = today + timedelta(days=int(value))
        elif key == "department":
            value = other_department
        values[key] = value
    with pytest.raises(ValidationError) as refused:
        ta_request_create(**values)
    assert field in refused.value.message_dict
    assert not TARequest.objects.exists()
    assert not TARequestAttachment.objects.exists()
    assert stored_files(tmp_path / "private") == []


@pytest.mark.django_db
def test_a_learner_may_ask_for_their_own_department_only(learner, other_department):
    request = ta_request_create(
        requester=learner,
        department=learner.department,
        topic=issue_area(),
        kind=TAKind.FACILITATION,
        title="Team conversation",
        description="Facilitate a conversation on equity.",
    )
    assert request.department == learner.department
    stranger = UserFactory(department=None)
    with pytest.raises(ValidationError):
        ta_request_create(
            requester=stranger,
            department=other_department,
            topic=issue_area(),
            kind=TAKind.FACILITATION,
            title="Not mine",
            description="No department.",
        )


@pytest.mark.django_db
def test_a_failure_while_storing_files_leaves_no_file_behind(liaison, tmp_path, monkeypatch):
    real_save = TARequestAttachment.save
    saved = []

    def save_then_fail_on_second(self, *args, **kwargs):
        saved.append(self.file.name)
        if len(saved) == 2:
            raise OSError("disk full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(TARequestAttachment, "save", save_then_fail_on_second)
    with pytest.raises(OSError, match="disk full"):
        ta_request_create(
            requester=liaison,
            department=liaison.department,
            topic=issue_area(),
            kind=TAKind.DATA,
            title="Indicators",
            description="Two files.",
            files=[upload("one.pdf", PDF_BYTES), upload("two.pdf", PDF_BYTES)],
        )
    assert len(saved) == 2
    assert stored_files(tmp_path / "private") == []
    assert not TARequest.objects.exists()


@pytest.mark.django_db
def test_status_email_is_sent_once_even_if_the_task_runs_again(liaison, ore):
    request = _at("new", liaison, ore)
    _update(request, ore, "accepted")
    event = TARequestEvent.objects.get(request=request)
    assert ta_status_email_send_task(event_id=event.pk) is True
    assert ta_status_email_send_task(event_id=event.pk) is False
    assert len(mail.outbox) == 1
