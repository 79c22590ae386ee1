"""Upload safety: documents added in the Wagtail admin, one at a time or several at once.

Every refusal shows a clear message and stores nothing: no Document row, no pending upload, no
file on disk. The checks themselves (content.forms.file_problem, upload_problem,
safe_file_name) are also tested directly.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import UploadedFile

from content.forms import (
    content_type_for,
    file_extension,
    file_problem,
    safe_file_name,
    upload_problem,
)
from tests.content.resources.factories import PDF_BYTES, make_document

Document = get_document_model()

ADD_URL = "/admin/documents/add/"
ADD_MULTIPLE_URL = "/admin/documents/multiple/add/"
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def office_file(main_folder: str = "word/", *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Office Open XML archive whose main part is in `main_folder`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{main_folder}document.xml", "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def add_one(client, name: str, content: bytes, *, title: str = "Uploaded file"):
    return client.post(ADD_URL, {"title": title, "file": SimpleUploadedFile(name, content)})


def add_multiple(client, name: str, content: bytes, **extra: str):
    return client.post(ADD_MULTIPLE_URL, {"files[]": SimpleUploadedFile(name, content), **extra})


def assert_nothing_stored() -> None:
    assert Document.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_files() == []


def form_file_errors(response) -> list[str]:
    return list(response.context["form"].errors.get("file", []))


# --- through the real admin views, as an ORE editor ---


@pytest.mark.django_db
def test_allowed_pdf_is_accepted_and_its_name_sanitised(client, ore):
    client.force_login(ore)
    response = add_one(client, "Presupuesto de Equidad (versión final) 2026.PDF", PDF_BYTES)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.filename == "presupuesto-de-equidad-version-final-2026.pdf"
    assert document.file_size == len(PDF_BYTES)
    assert document.uploaded_by_user == ore
    assert [path.name for path in stored_files()] == [document.filename]


@pytest.mark.django_db
def test_multiple_uploader_accepts_a_pdf_with_a_sanitised_name(client, ore):
    client.force_login(ore)
    response = add_multiple(client, "../Contract Equity Guide.pdf", PDF_BYTES)
    assert response.json()["success"] is True
    assert Document.objects.get().filename == "contract-equity-guide.pdf"


@pytest.mark.django_db
def test_real_office_file_is_accepted(client, ore):
    client.force_login(ore)
    response = add_one(client, "Capital projects grading.xlsx", office_file("xl/"))
    assert response.status_code == 302
    assert Document.objects.get().filename == "capital-projects-grading.xlsx"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "Files of type .exe cannot be uploaded"),
        ("toolkit.html", HTML_BYTES, "Files of type .html cannot be uploaded"),
        ("logo.svg", SVG_BYTES, "Files of type .svg cannot be uploaded"),
        ("toolkit.pdf", HTML_BYTES, "is named .pdf but is not a PDF"),
        ("worksheet.docx", b"This is not a Word document at all.", "is not an Office file"),
        ("worksheet.docx", office_file("xl/"), "is not an Office file"),
        ("notes.csv", b"name,value\n<script>alert(1)</script>,2\n", "web page or SVG markup"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_unsafe_upload_is_refused_with_a_clear_message_and_nothing_stored(
    client, ore, name, content, message
):
    client.force_login(ore)
    response = add_one(client, name, content)
    assert response.status_code == 200
    errors = form_file_errors(response)
    assert len(errors) == 1, errors
    assert message in errors[0]
    assert message in response.content.decode()
    assert_nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "Files of type .exe cannot be uploaded"),
        ("toolkit.html", HTML_BYTES, "Files of type .html cannot be uploaded"),
        ("logo.svg", SVG_BYTES, "Files of type .svg cannot be uploaded"),
        ("toolkit.pdf", HTML_BYTES, "is named .pdf but is not a PDF"),
        ("worksheet.docx", b"PK but not really a zip", "is not an Office file"),
    ],
)
def test_multiple_uploader_refuses_unsafe_files_and_stores_nothing(
    client, ore, name, content, message
):
    client.force_login(ore)
    data = add_multiple(client, name, content).json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert_nothing_stored()


@pytest.mark.django_db
def test_multiple_uploader_checks_the_file_even_when_another_field_fails(client, ore):
    """A too-long title sends a valid file to a pending upload; a bad file never gets there."""
    client.force_login(ore)
    data = add_multiple(client, "toolkit.pdf", HTML_BYTES, title="x" * 300).json()
    assert data["success"] is False
    assert "is named .pdf but is not a PDF" in data["error_message"]
    assert_nothing_stored()


@pytest.mark.django_db
def test_pending_upload_of_a_valid_file_keeps_the_sanitised_name(client, ore):
    client.force_login(ore)
    data = add_multiple(client, "Guía de Equidad.pdf", PDF_BYTES, title="x" * 300).json()
    assert data["success"] is True
    pending = UploadedFile.objects.get()
    assert Path(pending.file.name).name.startswith("guia-de-equidad")
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_too_large_file_is_refused_and_nothing_stored(client, ore, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 64
    client.force_login(ore)
    response = add_one(client, "toolkit.pdf", PDF_BYTES + b"\n" * 100)
    assert response.status_code == 200
    assert "This file is too big" in form_file_errors(response)[0]
    data = add_multiple(client, "toolkit.pdf", PDF_BYTES + b"\n" * 100).json()
    assert data["success"] is False
    assert "This file is too big" in data["error_message"]
    assert_nothing_stored()


@pytest.mark.django_db
def test_extension_outside_the_settings_list_is_refused(client, ore, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf"]
    client.force_login(ore)
    response = add_one(client, "data.csv", b"a,b\n1,2\n")
    assert "Files of type .csv cannot be uploaded. Allowed types: pdf." in form_file_errors(
        response
    )
    assert_nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [("logo.svg", SVG_BYTES), ("page.html", HTML_BYTES)])
def test_svg_and_html_are_refused_even_if_settings_allow_them(client, ore, settings, name, content):
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "svg", "html"]
    client.force_login(ore)
    errors = form_file_errors(add_one(client, name, content))
    assert errors == [
        "Web pages, SVG images and scripts are never accepted: they could run code in a "
        "reader's browser. Save the content as a PDF and upload that instead."
    ]
    assert add_multiple(client, name, content).json()["success"] is False
    assert_nothing_stored()


@pytest.mark.django_db
def test_replacing_a_file_with_html_renamed_pdf_is_refused_and_the_original_kept(client, ore):
    document = make_document(name="guide.pdf")
    client.force_login(ore)
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Guide", "file": SimpleUploadedFile("guide.pdf", HTML_BYTES)},
    )
    assert response.status_code == 200
    assert "is named .pdf but is not a PDF" in form_file_errors(response)[0]
    document.refresh_from_db()
    with document.open_file() as handle:
        assert handle.read() == PDF_BYTES
    assert len(stored_files()) == 1


@pytest.mark.django_db
def test_editing_a_title_keeps_the_stored_file_without_checking_it_again(client, ore):
    document = make_document(name="guide.pdf")
    client.force_login(ore)
    response = client.post(f"/admin/documents/edit/{document.pk}/", {"title": "A new title"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "A new title"
    assert document.filename == "guide.pdf"


@pytest.mark.django_db
def test_learner_cannot_reach_the_upload_views(client, learner):
    client.force_login(learner)
    response = add_one(client, "toolkit.pdf", PDF_BYTES)
    assert response.status_code in {302, 403}
    assert_nothing_stored()


# --- the checks themselves ---


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("report.pdf", PDF_BYTES),
        ("REPORT.PDF", PDF_BYTES),
        ("slides.pptx", b"PK\x03\x04rest"),
        ("data.csv", b"department,completed\nGSD,12\n"),
        ("data.csv", "\ufeffdepartamento,año\nGSD,2026\n".encode()),
        ("notes.txt", "Equidad racial: año fiscal 2025-26".encode("utf-16")),
        ("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n"),
        ("talk.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"),
        ("talk.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm"),
    ],
)
def test_file_problem_accepts_files_whose_bytes_match_their_name(name, head):
    assert file_problem(name, head) is None


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("toolkit.pdf", HTML_BYTES, "not a PDF"),
        ("toolkit.pdf", b"  %PDF-1.4", "not a PDF"),
        ("logo.svg", SVG_BYTES, "SVG images"),
        ("page.htm", HTML_BYTES, "Web pages"),
        ("page.xhtml", HTML_BYTES, "Web pages"),
        ("script.js", b"alert(1)", "scripts"),
        ("setup.exe", b"MZ", "Files of type .exe"),
        ("report.pdf.exe", PDF_BYTES, "Files of type .exe"),
        ("README", b"hello", "no extension"),
        ("report.pdf.", PDF_BYTES, "no extension"),
        ("report.docx", HTML_BYTES, "not an Office file"),
        ("data.csv", b"a,b\n<svg onload=alert(1)>", "markup"),
        ("data.csv", b"a,b\n< SCRIPT >", "markup"),
        ("data.csv", "a,<html>".encode("utf-16"), "markup"),
        ("data.txt", b"MZ\x90\x00\x03\x00\x00\x00", "binary data"),
        ("data.txt", "no BOM".encode("utf-16-le"), "binary data"),
        ("captions.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHello\n", "WebVTT"),
        ("talk.mp4", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "not a video"),
        ("talk.webm", b"not a video", "not a video"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_file_problem_refuses_files_that_are_not_what_they_say(name, head, message):
    problem = file_problem(name, head)
    assert problem is not None
    assert message in problem


def test_upload_problem_scans_a_whole_text_file_not_only_its_start():
    clean_start = b"department,completed\n" + b"GSD,12\n" * 3000
    assert file_problem("data.csv", clean_start[:8192]) is None
    upload = SimpleUploadedFile("data.csv", clean_start + b"<script>alert(1)</script>\n")
    assert "markup" in upload_problem(upload)
    assert upload.tell() == 0


def test_upload_problem_sees_a_tag_split_between_two_chunks():
    content = b"a" * (65536 - 3) + b"<script>"
    assert "markup" in upload_problem(SimpleUploadedFile("data.txt", content))


def test_upload_problem_checks_office_archives():
    assert upload_problem(SimpleUploadedFile("memo.docx", office_file("word/"))) is None
    assert upload_problem(SimpleUploadedFile("deck.pptx", office_file("ppt/"))) is None
    wrong_kind = upload_problem(SimpleUploadedFile("memo.docx", office_file("ppt/")))
    assert "not an Office file" in wrong_kind
    macros = office_file("word/", extra={"word/vbaProject.bin": b"\x00macro"})
    assert "macros" in upload_problem(SimpleUploadedFile("memo.docx", macros))
    broken = upload_problem(SimpleUploadedFile("memo.docx", b"PK\x03\x04 truncated archive"))
    assert "not an Office file" in broken


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Budget Equity Tool.pdf", "budget-equity-tool.pdf"),
        ("Résumé final (v2).PDF", "resume-final-v2.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\Contract equity.docx", "contract-equity.docx"),
        (".pdf", "file.pdf"),
        ("___.pdf", "file.pdf"),
        ("report.exe.pdf", "report-exe.pdf"),
        ("con.txt", "file-con.txt"),
        ("notes.p df", "notes-p-df"),
        ("data_2026_q1.csv", "data-2026-q1.csv"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("año fiscal 2025\u201326.xlsx", "ano-fiscal-2025-26.xlsx"),  # an en dash
    ],
)
def test_safe_file_name_keeps_only_lowercase_letters_digits_and_dashes(name, expected):
    assert safe_file_name(name) == expected


def test_safe_file_name_is_never_too_long():
    name = safe_file_name("x" * 500 + ".pdf")
    assert name == "x" * 80 + ".pdf"


def test_file_extension_reads_the_last_segment_and_the_last_dot():
    assert file_extension("a/b.c/report.PDF") == "pdf"
    assert file_extension("a\\b.c\\report") == ""
    assert file_extension("report.") == ""


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("guide.pdf", "application/pdf"),
        ("data.csv", "text/csv"),
        ("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("page.html", "application/octet-stream"),
        ("logo.svg", "application/octet-stream"),
        ("unknown", "application/octet-stream"),
    ],
)
def test_content_type_is_taken_from_the_extension_and_never_html_or_svg(name, content_type):
    assert content_type_for(name) == content_type
