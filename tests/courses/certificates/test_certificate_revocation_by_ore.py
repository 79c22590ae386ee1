"""ORE leads revoke certificates in the admin (README: "ORE can revoke one"), not only superusers;
ORE editors and analysts alone cannot."""

import pytest

from content.roles import ORE_ANALYSTS, ORE_EDITORS, ORE_LEADS, roles_ensure
from courses.certificates.models import Certificate
from courses.learning.services import course_completion_record
from tests.factories import UserFactory


@pytest.fixture
def certificate(learner, course):
    return course_completion_record(user=learner, course=course).certificate


def _ore_member(group_name: str):
    groups = roles_ensure()
    user = UserFactory(email=f"{group_name.split()[1]}@example.lacity.test", department=None)
    user.groups.add(groups[group_name])
    return user


def _revoke_url(certificate: Certificate) -> str:
    return f"/admin/certificates/edit/{certificate.pk}/"


@pytest.mark.django_db
def test_an_ore_lead_revokes_a_certificate_with_a_reason(client, certificate):
    client.force_login(_ore_member(ORE_LEADS))
    assert client.get("/admin/certificates/").status_code == 200
    assert client.get(_revoke_url(certificate)).status_code == 200
    response = client.post(_revoke_url(certificate), {"revoked_reason": "Issued in error."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Issued in error."


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", [ORE_EDITORS, ORE_ANALYSTS])
def test_ore_editors_and_analysts_alone_cannot_revoke(client, certificate, group_name):
    client.force_login(_ore_member(group_name))
    assert client.get(_revoke_url(certificate)).status_code == 302
    client.post(_revoke_url(certificate), {"revoked_reason": "Not allowed."})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
