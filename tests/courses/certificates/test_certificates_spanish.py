"""Certificates in Spanish: the course is named in the reader's language when it is translated.

The title copied onto the certificate at issue stays the record (the credential names it); a
reader of Spanish sees the live Spanish title beside it, as long as the course still has the
title it was certified under. The public page is read by whoever checks the certificate, in
their language, not the holder's.
"""

import pytest
from wagtail.models import Locale

from courses.certificates import services as certificates
from courses.certificates.services import certificate_pdf
from courses.learning.services import course_completion_record
from tests.courses.certificates.pdf_text import pdf_streams

SPANISH_TITLE = "Sesgo implícito: fundamentos"


def _translate(page, **fields):
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    for name, value in fields.items():
        setattr(spanish, name, value)
    spanish.save_revision().publish()
    return spanish


@pytest.fixture
def holder(learner):
    learner.first_name, learner.last_name = "María", "Núñez"
    learner.preferred_language = "es"
    learner.save()
    return learner


@pytest.fixture
def certificate(holder, course):
    return course_completion_record(user=holder, course=course).certificate


@pytest.fixture
def spanish_course(course):
    Locale.objects.get_or_create(language_code="es")
    return _translate(course, title=SPANISH_TITLE)


@pytest.mark.django_db
def test_spanish_holder_sees_the_spanish_course_title_on_their_certificate(
    client, holder, certificate, spanish_course
):
    client.force_login(holder)
    html = client.get(f"/learn/certificates/{certificate.code}/").content.decode()
    assert f'<span lang="es">{SPANISH_TITLE}</span>' in html
    assert f"<title>Su certificado: {SPANISH_TITLE}" in html
    # the title it was issued under is still there, marked as English
    assert f'Título con el que se emitió: <span lang="en">{certificate.course_title}</span>' in html


@pytest.mark.django_db
def test_untranslated_course_title_on_a_certificate_is_marked_english(client, holder, certificate):
    client.force_login(holder)
    html = client.get(f"/learn/certificates/{certificate.code}/").content.decode()
    assert f'<span lang="en">{certificate.course_title}</span>' in html


@pytest.mark.django_db
def test_a_course_renamed_since_issue_keeps_the_title_it_was_certified_under(
    client, holder, certificate, course, spanish_course
):
    course.title = "Implicit bias: a new course"
    course.save_revision().publish()
    client.force_login(holder)
    html = client.get(f"/learn/certificates/{certificate.code}/").content.decode()
    assert f'<span lang="en">{certificate.course_title}</span>' in html
    assert SPANISH_TITLE not in html


@pytest.mark.django_db
def test_public_page_is_in_the_visitors_language_not_the_holders(
    client, certificate, spanish_course
):
    english = client.get(
        f"/certificates/{certificate.code}/", headers={"accept-language": "en"}
    ).content.decode()
    assert f'<span lang="en">{certificate.course_title}</span>' in english
    assert SPANISH_TITLE not in english
    spanish = client.get(
        f"/certificates/{certificate.code}/", headers={"accept-language": "es"}
    ).content.decode()
    assert f'<span lang="es">{SPANISH_TITLE}</span>' in spanish


@pytest.mark.django_db
def test_spanish_holders_pdf_names_the_course_in_spanish(
    client, holder, certificate, spanish_course, monkeypatch
):
    monkeypatch.setattr(certificates, "pdf_font_files", lambda: None)  # text readable as cp1252
    client.force_login(holder)
    data = client.get(f"/learn/certificates/{certificate.code}/pdf/").content
    text = pdf_streams(data)
    assert SPANISH_TITLE.encode("cp1252") in text
    assert certificate.course_title.encode("cp1252") in text  # as issued, in small type
    assert b"/Lang (es)" in data


@pytest.mark.django_db
def test_english_pdf_is_unchanged_by_a_translation(certificate, spanish_course, monkeypatch):
    monkeypatch.setattr(certificates, "pdf_font_files", lambda: None)
    text = pdf_streams(certificate_pdf(certificate))
    assert certificate.course_title.encode("cp1252") in text
    assert SPANISH_TITLE.encode("cp1252") not in text
