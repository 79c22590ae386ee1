"""Certificates: issued once per completion, unguessable codes, revoking, public verification
that shows nothing personal beyond the name, and the holder's own pages and PDF."""

import re

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from courses.certificates import services as certificates
from courses.certificates.models import Certificate
from courses.certificates.services import (
    certificate_code_new,
    certificate_code_normalize,
    certificate_get_by_code,
    certificate_issue,
    certificate_pdf,
    certificate_revoke,
    pdf_text_fallback,
)
from courses.learning.services import course_completion_record, course_retake_start
from tests.courses.certificates.pdf_text import pdf_streams
from tests.factories import UserFactory

CODE_FORMAT = re.compile(r"[0-9A-F]{5}(-[0-9A-F]{5}){5}")


@pytest.fixture(scope="session")
def signing_pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(autouse=True)
def _signing_key_file(settings, tmp_path, signing_pem):
    """Credentials are signed with a key in this test's own directory, never the real one."""
    path = tmp_path / "keys" / "certificate-signing.pem"
    path.parent.mkdir()
    path.write_bytes(signing_pem)
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_KEY_FILE = path


@pytest.fixture
def holder(learner):
    learner.first_name = "María"
    learner.last_name = "Núñez"
    learner.employee_id = "5123456"
    learner.save()
    return learner


@pytest.fixture
def completion(holder, course):
    return course_completion_record(user=holder, course=course)


@pytest.fixture
def certificate(completion):
    return completion.certificate


# --- issuing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_completing_a_course_with_certificates_issues_one(holder, course):
    completion = course_completion_record(user=holder, course=course)
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.holder_name == "María Núñez"
    assert certificate.course_title == course.title
    assert certificate.issued_at == completion.completed_at
    assert certificate.course_version.endswith(f"r{course.live_revision_id}")
    assert certificate.is_valid


@pytest.mark.django_db
def test_issuing_again_returns_the_same_certificate(completion):
    first = completion.certificate
    again = certificate_issue(completion=completion)
    assert again.pk == first.pk
    assert again.code == first.code
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_a_course_without_certificates_issues_none(learner, course):
    course.has_certificate = False
    course.save_revision().publish()
    course_completion_record(user=learner, course=course)
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_a_retake_earns_a_second_certificate_with_its_own_code(learner, course):
    first = course_completion_record(user=learner, course=course)
    course_retake_start(user=learner, course=course)
    second = course_completion_record(user=learner, course=course)
    assert second.run == 2
    assert first.certificate.code != second.certificate.code


@pytest.mark.django_db
def test_a_learner_without_a_name_is_not_shown_by_email(course):
    person = UserFactory(first_name="", last_name="", email="nameless@example.lacity.test")
    completion = course_completion_record(user=person, course=course)
    assert completion.certificate.holder_name == ""


def test_codes_have_120_random_bits_in_six_groups():
    codes = {certificate_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert CODE_FORMAT.fullmatch(code)
        assert len(code.replace("-", "")) * 4 == 120


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8", "3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8"),
        ("3f9a1-0c2be-77d41-9e0aa-5b6c3-d21f8", "3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8"),
        ("3F9A10C2BE77D419E0AA5B6C3D21F8", "3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8"),
        (" 3F9A1 0C2BE 77D41 9E0AA 5B6C3 D21F8 ", "3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8"),
        (
            "3F9A1\u20130C2BE\u201377D41\u20139E0AA\u20135B6C3\u2013D21F8",
            "3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8",
        ),
        ("3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F", None),
        ("3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F80", None),
        ("3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21FZ", None),
        ("../../etc/passwd", None),
        ("", None),
    ],
)
def test_code_normalisation_ignores_case_dashes_and_spaces_only(typed, expected):
    assert certificate_code_normalize(typed) == expected


# --- revoking --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_revoking_records_who_when_and_why(certificate, admin_user):
    when = timezone.now()
    revoked = certificate_revoke(
        certificate=certificate, by=admin_user, reason="  Issued in error.  ", as_of=when
    )
    certificate.refresh_from_db()
    assert certificate.revoked_at == when
    assert certificate.revoked_reason == "Issued in error."
    assert certificate.revoked_by == admin_user
    assert revoked.pk == certificate.pk
    assert not certificate.is_valid


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_revoking_without_a_reason_is_refused_and_changes_nothing(certificate, admin_user, reason):
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, by=admin_user, reason=reason)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert certificate.revoked_reason == ""


@pytest.mark.django_db
def test_revoking_twice_is_refused_and_the_first_reason_stands(certificate, admin_user):
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, by=admin_user, reason="Second thoughts.")
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error."


# --- public verification ---------------------------------------------------------------------


@pytest.mark.django_db
def test_public_page_says_valid_with_name_course_date_and_version(client, certificate):
    response = client.get(f"/certificates/{certificate.code}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Valid" in content
    assert "María Núñez" in content
    assert certificate.course_title in content
    assert certificate.course_version in content
    assert certificate.code in content
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.django_db
def test_public_page_shows_no_email_employee_id_or_department(client, certificate, holder):
    content = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert holder.email not in content
    assert "learner@" not in content
    assert holder.employee_id not in content
    assert holder.department.name not in content
    assert holder.department.code not in content


@pytest.mark.django_db
def test_public_page_of_a_revoked_certificate_says_so_with_date_and_reason(
    client, certificate, admin_user
):
    certificate_revoke(certificate=certificate, by=admin_user, reason="Completed by someone else.")
    response = client.get(f"/certificates/{certificate.code}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Revoked" in content
    assert "Completed by someone else." in content
    assert formats.date_format(timezone.localdate(), "DATE_FORMAT") in content
    assert admin_user.email not in content


@pytest.mark.django_db
def test_unknown_code_is_a_plain_404(client, certificate):
    response = client.get("/certificates/00000-00000-00000-00000-00000-00000/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "No certificate with this code" in content
    assert "María" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: code[:-1] + ("0" if code[-1] != "0" else "1"),
        lambda code: code[:-1],
        lambda code: code + "A",
        lambda code: code.replace("-", "_"),
        lambda code: code + "' OR '1'='1",
    ],
)
def test_a_tampered_code_finds_nothing(client, certificate, tamper):
    response = client.get(f"/certificates/{tamper(certificate.code)}/")
    assert response.status_code == 404
    assert "María" not in response.content.decode()


@pytest.mark.django_db
def test_lookup_tolerates_lower_case_and_missing_dashes(client, certificate):
    typed = certificate.code.replace("-", "").lower()
    response = client.get(f"/certificates/{typed}/")
    assert response.status_code == 200
    assert "María Núñez" in response.content.decode()
    assert certificate_get_by_code(typed) == certificate


@pytest.mark.django_db
def test_code_lookup_form_sends_a_code_to_its_page(client, certificate):
    assert client.get("/certificates/").status_code == 200
    response = client.get("/certificates/", {"code": certificate.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/{certificate.code}/"
    response = client.get("/certificates/", {"code": "not a code"})
    assert response.status_code == 200
    assert "not a verification code" in response.content.decode()


# --- the holder's own pages ------------------------------------------------------------------

OWN_URLS = [
    "/learn/certificates/{code}/",
    "/learn/certificates/{code}/pdf/",
    "/learn/certificates/{code}/credential.json",
    "/learn/certificates/{code}/credential.jwt",
]
ROLES = {
    "anonymous": "login",
    "holder": 200,
    "other_learner": 404,
    "liaison": 404,
    "ore": 404,
    "admin_user": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", OWN_URLS)
@pytest.mark.parametrize(("role", "expected"), list(ROLES.items()))
def test_only_the_holder_sees_their_certificate(client, request, certificate, url, role, expected):
    if role == "other_learner":
        client.force_login(UserFactory())
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    path = url.format(code=certificate.code)
    response = client.get(path)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.mark.django_db
def test_certificate_page_has_every_detail_and_link(client, certificate, holder):
    client.force_login(holder)
    response = client.get(f"/learn/certificates/{certificate.code.lower()}/")
    content = response.content.decode()
    assert "María Núñez" in content
    assert certificate.course_title in content
    assert certificate.course_version in content
    assert certificate.code in content
    assert f"http://testserver/certificates/{certificate.code}/" in content or (
        f"/certificates/{certificate.code}/" in content
    )
    assert f"/learn/certificates/{certificate.code}/pdf/" in content
    assert f"/learn/certificates/{certificate.code}/credential.json" in content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_certificate_pdf_is_a_pdf_named_after_the_code(client, certificate, holder):
    client.force_login(holder)
    response = client.get(f"/learn/certificates/{certificate.code}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="certificate-{certificate.code}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 1000


@pytest.mark.django_db
def test_certificate_pdf_embeds_a_unicode_font_when_the_system_has_one(certificate):
    if certificates.pdf_font_files() is None:
        pytest.skip("no DejaVu Sans on this machine")
    data = certificate_pdf(certificate)
    assert b"DejaVuSans" in data


@pytest.mark.django_db
def test_certificate_pdf_without_a_unicode_font_prints_accents(certificate, monkeypatch):
    monkeypatch.setattr(certificates, "pdf_font_files", lambda: None)
    certificate.holder_name = "María Núñez-Nguyễn"
    text = pdf_streams(certificate_pdf(certificate))
    assert "María Núñez-Nguyen".encode("cp1252") in text
    assert certificate.code.encode() in text
    assert certificate.course_title.encode("cp1252") in text


@pytest.mark.django_db
def test_pdf_of_a_revoked_certificate_says_it_was_revoked(certificate, admin_user, monkeypatch):
    monkeypatch.setattr(certificates, "pdf_font_files", lambda: None)
    revoked = certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    text = pdf_streams(certificate_pdf(revoked))
    assert b"Revoked on" in text
    assert b"Issued in error." in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Núñez", "Núñez"), ("Nguyễn", "Nguyen"), ("Łukasz", "Lukasz"), ("王", "?")],
)
def test_text_fallback_keeps_latin_letters_and_transliterates_the_rest(text, expected):
    assert pdf_text_fallback(text) == expected


@pytest.mark.django_db
def test_course_page_links_the_certificate_of_the_completed_run(client, certificate, holder):
    client.force_login(holder)
    course = certificate.completion.course
    content = client.get(course.url).content.decode()
    assert "View your certificate" in content
    assert f"/learn/certificates/{certificate.code}/" in content


@pytest.mark.django_db
def test_course_page_without_certificate_shows_no_link(client, learner, course):
    course.has_certificate = False
    course.save_revision().publish()
    course_completion_record(user=learner, course=course)
    client.force_login(learner)
    content = client.get(course.url).content.decode()
    assert "View your certificate" not in content
