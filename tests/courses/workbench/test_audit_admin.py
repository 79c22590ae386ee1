"""The compliance audit log and exemptions in the Wagtail admin: ORE reads them, nobody (not even
a superuser) adds, edits or deletes them; and the audit entry itself refuses change."""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from content.roles import ORE_EDITORS
from courses.compliance.audit import audit_record
from courses.compliance.exemptions import exemption_grant, exemption_revoke
from courses.compliance.models import AuditAction, AuditEntry, Exemption
from courses.workbench.audit_log import audit_changes
from tests.factories import RequirementFactory, UserFactory, compliance_refresh

pytestmark = pytest.mark.django_db

AUDIT = "/admin/compliance-audit/"
EXEMPTIONS = "/admin/compliance-exemptions/"


@pytest.fixture
def entries(learner, liaison, other_liaison, other_department, course):
    """An exemption granted in GSD (one entry) and a reminder sent in LAPL (another)."""
    requirement = RequirementFactory(course=course, name="Foundations (all)")
    librarian = UserFactory(department=other_department)
    compliance_refresh()
    exemption_grant(
        actor=liaison,
        user=learner,
        requirement=requirement,
        reason="On leave",
        as_of=timezone.localdate(),
    )
    audit_record(actor=other_liaison, action=AuditAction.REMINDER_SENT, employee=librarian)
    return {
        "granted": AuditEntry.objects.get(action=AuditAction.EXEMPTION_GRANTED),
        "reminded": AuditEntry.objects.get(action=AuditAction.REMINDER_SENT),
        "requirement": requirement,
        "librarian": librarian,
    }


@pytest.fixture
def ore_editor(db, groups):
    """In the admin (an ORE editor) but not allowed to see every department."""
    user = UserFactory(department=None)
    user.groups.add(groups[ORE_EDITORS])
    return user


def listed(response) -> list:
    return list(response.context["object_list"])


# --- reading ---


@pytest.mark.parametrize("role", ["ore", "admin_user"])
def test_ore_lists_the_audit_log_newest_first(client, request, entries, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(AUDIT)
    assert response.status_code == 200
    assert listed(response) == [entries["reminded"], entries["granted"]]
    html = response.content.decode()
    assert "Exemption granted" in html
    assert "Reminder sent" in html


def test_ore_sees_the_audit_log_in_the_admin_menu(client, ore, entries):
    client.force_login(ore)
    html = client.get("/admin/").content.decode()
    assert "Compliance audit log" in html
    assert AUDIT in html


def test_audit_log_filters_by_action_and_department(client, ore, entries, other_department):
    client.force_login(ore)
    by_action = client.get(AUDIT, {"action": AuditAction.EXEMPTION_GRANTED})
    assert listed(by_action) == [entries["granted"]]
    by_department = client.get(AUDIT, {"department": other_department.pk})
    assert listed(by_department) == [entries["reminded"]]


def test_inspecting_an_entry_shows_before_and_after_in_words(client, ore, entries):
    client.force_login(ore)
    response = client.get(f"{AUDIT}inspect/{entries['granted'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not started" in html
    assert "Exempt" in html
    assert "On leave" in html


def test_ore_lists_exemptions_filtered_by_requirement_and_status(
    client, ore, liaison, entries, course
):
    in_force = Exemption.objects.get()
    other = RequirementFactory(course=course, name="Refresher")
    compliance_refresh()
    revoked = exemption_grant(
        actor=liaison,
        user=in_force.user,
        requirement=other,
        reason="Leave",
        as_of=timezone.localdate(),
    )
    exemption_revoke(actor=liaison, exemption=revoked, reason="Back", as_of=timezone.localdate())
    client.force_login(ore)

    assert client.get(EXEMPTIONS).status_code == 200
    assert listed(client.get(EXEMPTIONS, {"requirement": other.pk})) == [revoked]
    assert listed(client.get(EXEMPTIONS, {"status": "in_force"})) == [in_force]
    assert listed(client.get(EXEMPTIONS, {"status": "revoked"})) == [revoked]
    assert listed(client.get(EXEMPTIONS, {"status": "expired"})) == []


def test_an_exemption_past_its_end_date_is_listed_as_expired(client, ore, liaison, entries):
    exemption = Exemption.objects.get()
    Exemption.objects.filter(pk=exemption.pk).update(
        until_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(ore)
    response = client.get(EXEMPTIONS, {"status": "expired"})
    assert listed(response) == [exemption]
    assert "Expired on" in response.content.decode()


# --- who may not read ---


def test_admin_user_without_all_departments_cannot_read_the_log(client, ore_editor, entries):
    client.force_login(ore_editor)
    assert "Compliance audit log" not in client.get("/admin/").content.decode()
    for url in (AUDIT, f"{AUDIT}inspect/{entries['granted'].pk}/", EXEMPTIONS):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


@pytest.mark.parametrize("role", ["learner", "liaison"])
def test_people_without_admin_access_cannot_read_the_log(client, request, entries, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(AUDIT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"]).status_code == 403  # signed in: no sign-in loop


# --- nobody writes ---


@pytest.mark.parametrize("role", ["ore", "admin_user"])
@pytest.mark.parametrize("prefix", [AUDIT, EXEMPTIONS])
def test_no_add_edit_copy_or_delete_screens_exist(client, request, entries, role, prefix):
    client.force_login(request.getfixturevalue(role))
    pk = entries["granted"].pk if prefix == AUDIT else Exemption.objects.get().pk
    for path in ("new/", f"edit/{pk}/", f"copy/{pk}/", f"delete/{pk}/", f"history/{pk}/"):
        assert client.get(prefix + path).status_code == 404, path
        assert client.post(prefix + path, {"reason": "changed"}).status_code == 404, path
    assert AuditEntry.objects.count() == 2
    assert Exemption.objects.get().reason == "On leave"


@pytest.mark.parametrize("name", ["add", "edit", "delete", "copy"])
def test_the_write_urls_are_not_even_named(name):
    args = [] if name == "add" else [1]
    for namespace in ("compliance_audit", "compliance_exemptions"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{namespace}:{name}", args=args)


def test_the_listing_offers_no_add_or_edit_link(client, admin_user, entries):
    client.force_login(admin_user)
    html = client.get(AUDIT).content.decode()
    assert f"{AUDIT}new/" not in html
    assert f"{AUDIT}edit/" not in html
    assert f"{AUDIT}inspect/{entries['granted'].pk}/" in html


def test_the_policy_allows_only_viewing_even_to_a_superuser(admin_user, ore, learner):
    from wagtail.permissions import policy_registry

    for model in (AuditEntry, Exemption):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "delete"):
            assert not policy.user_has_permission(admin_user, action)
            assert not policy.user_has_permission(ore, action)
            assert not policy.users_with_any_permission([action]).exists()
        assert policy.user_has_permission(ore, "view")
        assert policy.user_has_permission(admin_user, "view")
        assert not policy.user_has_permission(learner, "view")
        assert set(policy.users_with_any_permission(["view"])) == {ore, admin_user}


# --- the entry itself ---


def test_saving_an_existing_entry_raises_and_changes_nothing(entries):
    entry = entries["granted"]
    entry.after = {"reason": "rewritten"}
    with pytest.raises(ValueError, match="never edited"):
        entry.save()
    entry.refresh_from_db()
    assert entry.after["reason"] == "On leave"


def test_deleting_an_entry_raises_and_changes_nothing(entries):
    with pytest.raises(ValueError, match="never deleted"):
        entries["granted"].delete()
    assert AuditEntry.objects.filter(pk=entries["granted"].pk).exists()


def test_audit_changes_reads_keys_on_either_side(entries):
    changes = {change.key: change for change in audit_changes(entries["granted"])}
    assert (changes["status"].before, changes["status"].after) == ("Not started", "Exempt")
    assert changes["status"].is_changed
    assert changes["reason"].before == "—"
    assert changes["reason"].after == "On leave"
    assert changes["until_on"].after == "No end date"
    assert changes["exemption_id"].after.startswith("#")
    assert list(changes)[:3] == ["assignment_id", "status", "due_on"]


def test_each_exemption_links_to_its_read_only_page(client, ore, entries):
    exemption = Exemption.objects.get()
    client.force_login(ore)
    html = client.get(EXEMPTIONS).content.decode()
    assert f"{EXEMPTIONS}inspect/{exemption.pk}/" in html
    assert exemption.user.employee_id in html
    page = client.get(f"{EXEMPTIONS}inspect/{exemption.pk}/")
    assert page.status_code == 200
    assert "On leave" in page.content.decode()


def test_inspecting_an_entry_names_what_its_ids_stand_for(client, ore, entries, course):
    entry = audit_record(
        actor=ore,
        action=AuditAction.REMINDER_SENT,
        employee=entries["librarian"],
        after={"course": course.pk, "exemption_id": Exemption.objects.get().pk},
    )
    client.force_login(ore)
    html = client.get(f"{AUDIT}inspect/{entry.pk}/").content.decode()
    assert course.title in html
    assert f"#{course.pk}" not in html
    assert "Foundations (all)" in html
