"""ORE revokes certificates in the Wagtail admin; nobody without the permission can."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from courses.certificates.models import Certificate
from courses.certificates.services import STATUS_LIST_SIZE, certificate_revoke
from courses.learning.services import course_completion_record
from tests.factories import UserFactory, course_with_lessons

INDEX = "/admin/certificates/"


@pytest.fixture
def certificate(learner, course):
    return course_completion_record(user=learner, course=course).certificate


@pytest.fixture
def certificate_officer(db):
    """An ORE admin who is not a superuser: admin access and the certificate permission."""
    user = UserFactory(email="ore.admin@example.lacity.test", department=None)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="courses", codename="change_certificate"),
    )
    return user


def _revoke_url(certificate: Certificate) -> str:
    return f"/admin/certificates/edit/{certificate.pk}/"


@pytest.mark.django_db
def test_listing_shows_code_course_issued_and_status(client, admin_user, certificate):
    client.force_login(admin_user)
    response = client.get(INDEX)
    assert response.status_code == 200
    content = response.content.decode()
    assert certificate.code in content
    assert certificate.course_title in content
    assert "Valid" in content


@pytest.mark.django_db
def test_listing_filters_by_status_and_course(client, admin_user, learner, certificate):
    other_course, _lessons = course_with_lessons(lessons=1, title="Language Access Basics")
    other = course_completion_record(user=learner, course=other_course).certificate
    certificate_revoke(certificate=other, by=admin_user, reason="Issued in error.")
    client.force_login(admin_user)
    revoked = client.get(INDEX, {"status": "revoked"}).content.decode()
    assert other.code in revoked
    assert certificate.code not in revoked
    valid = client.get(INDEX, {"status": "valid"}).content.decode()
    assert certificate.code in valid
    assert other.code not in valid
    by_course = client.get(INDEX, {"course": other_course.pk}).content.decode()
    assert other.code in by_course
    assert certificate.code not in by_course


@pytest.mark.django_db
def test_listing_searches_by_code(client, admin_user, learner, certificate):
    other_course, _lessons = course_with_lessons(lessons=1, title="Language Access Basics")
    other = course_completion_record(user=learner, course=other_course).certificate
    client.force_login(admin_user)
    content = client.get(INDEX, {"q": certificate.code}).content.decode()
    assert certificate.code in content
    assert other.code not in content


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin_user", "certificate_officer"])
def test_ore_admin_revokes_with_a_reason(client, request, certificate, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(_revoke_url(certificate)).status_code == 200
    response = client.post(_revoke_url(certificate), {"revoked_reason": "Issued in error."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Issued in error."
    assert certificate.revoked_by == user
    entry = ModelLogEntry.objects.get(action="courses.certificate.revoke")
    assert entry.user == user
    assert entry.object_id == str(certificate.pk)


@pytest.mark.django_db
def test_revoking_without_a_reason_shows_an_error_and_changes_nothing(
    client, admin_user, certificate
):
    client.force_login(admin_user)
    response = client.post(_revoke_url(certificate), {"revoked_reason": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.django_db
def test_revoking_a_revoked_certificate_is_refused(client, admin_user, certificate):
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    client.force_login(admin_user)
    response = client.post(_revoke_url(certificate), {"revoked_reason": "Again."})
    assert response.status_code == 200
    assert "already revoked" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error."


@pytest.mark.django_db
def test_certificates_cannot_be_added_or_deleted_in_the_admin(client, admin_user, certificate):
    client.force_login(admin_user)
    assert client.get("/admin/certificates/new/").status_code in {302, 403}
    client.post(f"/admin/certificates/delete/{certificate.pk}/")
    assert Certificate.objects.filter(pk=certificate.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "liaison"])
def test_learners_and_liaisons_cannot_revoke(client, request, certificate, who):
    client.force_login(request.getfixturevalue(who))
    for url in (INDEX, _revoke_url(certificate)):
        assert client.get(url).status_code == 302  # to sign-in, or back to the dashboard
    client.post(_revoke_url(certificate), {"revoked_reason": "Not allowed."})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, certificate):
    response = client.get(_revoke_url(certificate))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_revoking_in_the_admin_sets_the_bit_in_the_published_status_list(
    client, admin_user, certificate
):
    from courses.certificates.credentials import (
        credential_build,
        status_list_bit,
        status_list_credential,
    )

    entry = credential_build(certificate)["credentialStatus"]
    index = int(entry["statusListIndex"])
    number = certificate.status_list_index // STATUS_LIST_SIZE

    def bit() -> bool:
        listing = status_list_credential(number, as_of=certificate.issued_at)
        return status_list_bit(listing["credentialSubject"]["encodedList"], index)

    assert bit() is False
    client.force_login(admin_user)
    client.post(_revoke_url(certificate), {"revoked_reason": "Issued in error."})
    assert bit() is True
