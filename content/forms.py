"""Upload safety for the documents store: the bytes must match the name, and names are tidy.

Wagtail already limits extensions (WAGTAILDOCS_EXTENSIONS) and size
(WAGTAILDOCS_MAX_UPLOAD_SIZE); this form adds what neither checks: that a ".pdf" really is a
PDF and not HTML in disguise, and that stored file names carry nothing odd.
"""

import re
from pathlib import PurePath

import filetype
from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP_KINDS = {"docx", "xlsx", "pptx"}
TEXT_KINDS = {"csv", "txt", "vtt"}
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed)\b", re.I)


def file_problem(name: str, head: bytes) -> str | None:
    """Why a file whose name is `name` and which starts with `head` may not be stored, or None."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension == "pdf":
        return None if head.startswith(b"%PDF-") else _("This file is not a PDF.")
    if extension in ZIP_KINDS:
        return None if head.startswith(b"PK\x03\x04") else _("This file is not an Office file.")
    if extension in {"mp4", "webm"}:
        kind = filetype.guess(head)
        return None if kind and kind.extension == extension else _("This file is not a video.")
    if extension in TEXT_KINDS:
        text = head.decode("utf-8-sig", errors="ignore")
        if MARKUP.search(head):
            return _("Web pages and SVG images cannot be uploaded as text files.")
        if extension == "vtt" and not text.lstrip().startswith("WEBVTT"):
            return _("A captions file must be WebVTT (it starts with WEBVTT).")
        return None
    return _("This kind of file cannot be uploaded.")


def safe_file_name(name: str) -> str:
    """A stored name made only of lowercase letters, digits and dashes, keeping the extension."""
    path = PurePath(name)
    stem = slugify(path.stem)[:80] or "file"
    return f"{stem}{path.suffix.lower()}"


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            position = upload.tell() if hasattr(upload, "tell") else 0
            upload.seek(0)
            head = upload.read(8192)
            upload.seek(position)
            problem = file_problem(upload.name, head)
            if problem:
                raise forms.ValidationError(problem)
            upload.name = safe_file_name(upload.name)
        return upload
