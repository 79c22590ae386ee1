"""Factories and files for the technical-assistance request tests."""

from pathlib import Path

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from content.ta.models import TAKind, TARequest, TARequestAttachment, TAStatus
from content.taxonomy import IssueArea
from tests.factories import DepartmentFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _office_bytes(part: str) -> bytes:
    """A minimal but real Office archive: what the upload checks look for."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


DOCX_BYTES = _office_bytes("word/document.xml")
XLSX_BYTES = _office_bytes("xl/workbook.xml")
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def issue_area(slug: str = "health-well-being") -> IssueArea:
    """One of the nine issue areas the migrations seed."""
    return IssueArea.objects.get(slug=slug)


class TARequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TARequest

    department = factory.SubFactory(DepartmentFactory)
    requester = factory.SubFactory(UserFactory, department=factory.SelfAttribute("..department"))
    topic = factory.LazyFunction(issue_area)
    kind = TAKind.TRAINING
    title = factory.Sequence(lambda n: f"Equity training for team {n}")
    description = "A session on implicit bias for our supervisors."
    status = TAStatus.NEW


def attachment_for(request: TARequest, *, name: str = "brief.pdf", content: bytes = PDF_BYTES):
    """An attachment stored in the (test) private storage."""
    attachment = TARequestAttachment(request=request, original_name=name, size=len(content))
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def use_private_storage(monkeypatch, root: Path) -> FileSystemStorage:
    """Points the attachments' private storage at `root` for one test, and returns it."""
    storage = FileSystemStorage(location=root, base_url="/private-media-not-served/")
    monkeypatch.setattr(TARequestAttachment._meta.get_field("file"), "storage", storage)
    return storage


def stored_files(root: Path) -> list[Path]:
    """Every file under `root` (the private storage), to prove nothing was written."""
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
