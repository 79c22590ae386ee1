"""TA request pages: asking for help (and every way of getting it wrong), lists and details."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from content.ta.models import TAKind, TARequest, TARequestAttachment, TARequestEvent, TAStatus
from content.ta.tasks import ta_status_email_send_task
from tests.content.ta.factories import (
    HTML_BYTES,
    PDF_BYTES,
    XLSX_BYTES,
    TARequestFactory,
    attachment_for,
    issue_area,
    stored_files,
    upload,
    use_private_storage,
)
from tests.factories import LiaisonScopeFactory


@pytest.fixture
def private_root(monkeypatch, tmp_path):
    root = tmp_path / "private"
    use_private_storage(monkeypatch, root)
    return root


def _form(department, **changes):
    start = timezone.localdate() + timedelta(days=20)
    data = {
        "department": department.pk,
        "topic": issue_area("economic-opportunity").pk,
        "kind": TAKind.BUDGET_TOOL,
        "title": "Budget equity tool walkthrough",
        "description": "Help our budget team answer the equity questions.",
        "desired_start_on": start.isoformat(),
        "desired_end_on": (start + timedelta(days=10)).isoformat(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_a_liaison_asks_for_help_and_is_sent_to_the_request(
    client, liaison, private_root, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    page = client.get("/ta/new/").content.decode()
    assert '<label for="id_title">' in page
    assert 'enctype="multipart/form-data"' in page

    data = _form(liaison.department, attachments=[upload("budget.xlsx", XLSX_BYTES)])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/ta/new/", data, follow=True)
    request = TARequest.objects.get()
    assert response.redirect_chain == [(f"/ta/{request.pk}/", 302)]
    html = response.content.decode()
    assert "ORE received your request" in html
    assert "Budget equity tool walkthrough" in html
    assert "budget.xlsx" in html
    assert request.requester == liaison
    assert request.status == TAStatus.NEW
    assert request.events.get().to_status == TAStatus.NEW
    assert len(stored_files(private_root)) == 1
    assert len(callbacks) == 2  # the confirmation email and the analytics TA refresh

    ta_status_email_send_task(event_id=request.events.get().pk)
    assert mail.outbox[0].to == [liaison.email]


BAD_INPUT = [
    ("missing title", {"title": None}, "title", "This field is required"),
    ("missing description", {"description": None}, "description", "This field is required"),
    ("missing topic", {"topic": None}, "topic", "This field is required"),
    ("missing kind", {"kind": None}, "kind", "This field is required"),
    ("unknown kind", {"kind": "lunch"}, "kind", "Select a valid choice"),
    ("bad date", {"desired_start_on": "31/31/2026"}, "desired_start_on", "Enter a valid date"),
    ("dates reversed", {"swap_dates": True}, "desired_end_on", "before the earliest date"),
    ("disallowed type", {"attachments": "exe"}, "attachments", "can be attached"),
    ("html as pdf", {"attachments": "html"}, "attachments", "not a PDF"),
    ("too large", {"attachments": "big"}, "attachments", "larger than 10 MB"),
    ("too many", {"attachments": "four"}, "attachments", "at most 3 files"),
]


def _bad_files(kind):
    """A good file alongside the bad one, so the good one is proven not stored either."""
    good = upload("fine.pdf", PDF_BYTES)
    return {
        "exe": [good, upload("setup.exe", b"MZ\x90\x00")],
        "html": [good, upload("minutes.pdf", HTML_BYTES)],
        "big": [good, upload("report.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))],
        "four": [good, *(upload(f"part{n}.pdf", PDF_BYTES) for n in range(3))],
    }[kind]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [row[1:] for row in BAD_INPUT],
    ids=[row[0] for row in BAD_INPUT],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(
    client, liaison, private_root, changes, field, message
):
    client.force_login(liaison)
    changes = dict(changes)
    if changes.pop("swap_dates", False):
        start = timezone.localdate() + timedelta(days=20)
        changes["desired_start_on"] = (start + timedelta(days=5)).isoformat()
        changes["desired_end_on"] = start.isoformat()
    files = changes.pop("attachments", None)
    data = _form(liaison.department, **changes)
    if files:
        data["attachments"] = _bad_files(files)
    response = client.post("/ta/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html  # the error summary
    assert f'href="#id_{field}"' in html  # which links to the field
    assert f'id="id_{field}_error"' in html  # and the error is tied to the field
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html or (
        f'aria-describedby="id_{field}_error"' in html
    )
    assert message in html
    assert not TARequest.objects.exists()
    assert not TARequestEvent.objects.exists()
    assert not TARequestAttachment.objects.exists()
    assert stored_files(private_root) == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_liaison_cannot_ask_for_another_department(client, liaison, other_department):
    client.force_login(liaison)
    page = client.get("/ta/new/").content.decode()
    assert "Library" not in page  # the other department is not offered
    response = client.post("/ta/new/", _form(other_department))
    assert "Select a valid choice" in response.content.decode()
    assert not TARequest.objects.exists()


@pytest.mark.django_db
def test_department_choices_are_own_plus_liaison_scopes_and_all_for_ore(
    client, liaison, ore, other_department
):
    from tests.factories import DepartmentFactory

    third = DepartmentFactory(code="LADOT", name="Transportation")
    LiaisonScopeFactory(user=liaison, department=third)
    client.force_login(liaison)
    page = client.get("/ta/new/").content.decode()
    assert "General Services" in page
    assert "Transportation" in page
    assert "Library" not in page
    client.force_login(ore)
    page = client.get("/ta/new/").content.decode()
    assert all(name in page for name in ["General Services", "Transportation", "Library"])


@pytest.mark.django_db
def test_the_list_shows_what_each_person_may_see_and_filters_by_status(
    client, liaison, learner, other_liaison, ore
):
    mine = TARequestFactory(department=liaison.department, requester=learner, title="Ours")
    theirs = TARequestFactory(
        department=other_liaison.department,
        requester=other_liaison,
        title="Theirs",
        status=TAStatus.ACCEPTED,
    )
    client.force_login(liaison)
    html = client.get("/ta/").content.decode()
    assert mine.title in html
    assert theirs.title not in html
    assert "Summary of requests and hours" not in html

    client.force_login(learner)  # their own request, though not a liaison
    assert mine.title in client.get("/ta/").content.decode()

    client.force_login(ore)
    html = client.get("/ta/").content.decode()
    assert mine.title in html
    assert theirs.title in html
    assert 'href="/ta/summary/"' in html
    html = client.get("/ta/?status=accepted").content.decode()
    assert theirs.title in html
    assert mine.title not in html
    html = client.get("/ta/?status=nonsense").content.decode()
    assert mine.title in html  # an unknown filter shows everything rather than failing


@pytest.mark.django_db
def test_list_uses_a_fixed_number_of_queries(client, ore, django_assert_max_num_queries):
    client.force_login(ore)
    TARequestFactory.create_batch(3)
    client.get("/ta/")
    with django_assert_max_num_queries(12) as few:
        client.get("/ta/")
    TARequestFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/ta/")


@pytest.mark.django_db
def test_requesters_do_not_see_ore_internals_but_ore_does(client, liaison, learner, ore):
    request = TARequestFactory(
        department=liaison.department,
        requester=learner,
        status=TAStatus.DECLINED,
        decline_reason="A citywide session already covers this.",
        internal_notes="Spoke to the GM privately.",
        hours_logged=Decimal("3.25"),
        assigned_to=ore,
        outcome="Referred to the March citywide session.",
    )
    TARequestEvent.objects.create(
        request=request, from_status="", to_status=TAStatus.NEW, by=learner
    )
    TARequestEvent.objects.create(
        request=request,
        from_status=TAStatus.NEW,
        to_status=TAStatus.DECLINED,
        by=ore,
        note="A citywide session already covers this.",
    )
    for reader in (learner, liaison):
        client.force_login(reader)
        html = client.get(f"/ta/{request.pk}/").content.decode()
        assert "A citywide session already covers this." in html
        assert "Referred to the March citywide session." in html
        assert "New → Declined" in html
        assert "Spoke to the GM privately." not in html
        assert "3.25" not in html
        assert str(ore) not in html  # neither as assignee nor as who changed the status
        assert "Changed by" not in html

    client.force_login(ore)
    html = client.get(f"/ta/{request.pk}/").content.decode()
    assert "Spoke to the GM privately." in html
    assert "3.25" in html
    assert "Changed by" in html
    assert str(ore) in html
    assert f"/admin/ta-requests/edit/{request.pk}/" in html


@pytest.mark.django_db
def test_attachments_download_as_files_not_pages(client, liaison, private_root):
    request = TARequestFactory(department=liaison.department, requester=liaison)
    attachment = attachment_for(request, name="Notes (final).txt", content=b"plain notes\n")
    client.force_login(liaison)
    response = client.get(f"/ta/{request.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Notes (final).txt" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"plain notes\n"
    # an attachment is only found under its own request
    other = TARequestFactory(department=liaison.department, requester=liaison)
    assert client.get(f"/ta/{other.pk}/attachments/{attachment.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_file_missing_from_storage_is_a_404_not_an_error(client, liaison, private_root):
    request = TARequestFactory(department=liaison.department, requester=liaison)
    attachment = attachment_for(request)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(liaison)
    assert client.get(f"/ta/{request.pk}/attachments/{attachment.pk}/").status_code == 404


@pytest.mark.django_db
def test_someone_without_a_department_is_told_how_to_ask(client, other_department):
    from tests.factories import UserFactory

    contractor = UserFactory(department=None)
    client.force_login(contractor)
    html = client.get("/ta/new/").content.decode()
    assert "once you belong to a department" in html
    assert '<form method="post" enctype' not in html
    assert 'href="/ta/new/"' not in client.get("/ta/").content.decode()
    client.post("/ta/new/", _form(other_department))
    assert not TARequest.objects.exists()
