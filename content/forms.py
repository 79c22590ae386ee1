"""Upload safety for the documents store (the resource library's files, lesson handouts, TA
attachments).

Wagtail limits a document's size (WAGTAILDOCS_MAX_UPLOAD_SIZE, in its form field) and its
extension (WAGTAILDOCS_EXTENSIONS, in the model's clean()). SafeDocumentForm, which settings make
the base of every document form (the add and edit views, the chooser's upload tab and the
multiple uploader, whose files go through the same form before anything is stored), adds what
neither checks:

- the extension is one we know how to verify, and never a web page, SVG image or script;
- the bytes match the extension: a ".pdf" starts like a PDF, a ".docx" is an Office archive of
  the right kind and without macros, a ".csv" is text with no markup anywhere in it;
- the stored name is made of lowercase ASCII letters, digits and dashes, plus the extension.

Served files are attachments with a content type taken from the extension (see
`content_type_for`), so nothing uploaded here is ever rendered by a browser as a page.
"""

import codecs
import re
import zipfile
from collections.abc import Iterable
from typing import IO, Any

import filetype
from django import forms
from django.conf import settings
from django.core.files import File
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.documents.forms import BaseDocumentForm

#: How much of a file `file_problem` needs to see.
HEAD_SIZE = 8192

PDF = "pdf"
OFFICE = "office"
VIDEO = "video"
TEXT = "text"

#: Every extension we can verify, and its family.
KINDS: dict[str, str] = {
    "pdf": PDF,
    "docx": OFFICE,
    "xlsx": OFFICE,
    "pptx": OFFICE,
    "mp4": VIDEO,
    "webm": VIDEO,
    "csv": TEXT,
    "txt": TEXT,
    "vtt": TEXT,
}

#: The content type each allowed extension is served with; anything else is octet-stream.
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "mp4": "video/mp4",
    "webm": "video/webm",
    "csv": "text/csv",
    "txt": "text/plain",
    "vtt": "text/vtt",
}

#: The folder inside an Office archive that holds the main part of each kind.
OFFICE_MAIN_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}

#: Extensions of things a browser may run or render as a page: refused with their own message.
ACTIVE_EXTENSIONS = frozenset(
    {"htm", "html", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl"}
    | {"js", "mjs", "swf", "hta", "php"}
)

VIDEO_MATCHES = {"mp4": {"mp4", "m4v"}, "webm": {"webm"}}

# Tags that make a browser treat text as a document, anywhere in a text file.
MARKUP = re.compile(
    r"<\s*/?\s*(?:!doctype|\?xml|html|head|body|script|svg|math|iframe|frame|frameset|object|"
    r"embed|applet|meta|link|style|base|form|img|xml)\b",
    re.IGNORECASE,
)
# Control characters other than tab, newline, form feed and carriage return: binary data.
BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


def file_extension(name: str) -> str:
    """The lowercase extension of `name` without its dot ("" when there is none).

    Reads the last path segment whichever separator the uploading system used, and takes what
    follows the last dot, exactly as Django's FileExtensionValidator does.
    """
    base = re.split(r"[\\/]", name)[-1]
    _stem, dot, extension = base.rpartition(".")
    return extension.lower() if dot else ""


def content_type_for(name: str) -> str:
    """The content type a stored file named `name` is served with.

    Only the allowed kinds have a type of their own; anything else, including a web page or an
    SVG image that reached the store some other way, is served as application/octet-stream.
    """
    return CONTENT_TYPES.get(file_extension(name), "application/octet-stream")


def _encoding_of(head: bytes) -> tuple[str, int]:
    """The encoding a text file's BOM names (else Latin-1, which decodes any byte) and BOM size."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "latin-1", 0


def _text_problem(text: str) -> str | None:
    if BINARY.search(text):
        return gettext(
            "This file is named as a text file but contains binary data. Upload a plain text "
            "file saved as UTF-8."
        )
    if MARKUP.search(text):
        return gettext(
            "This text file contains web page or SVG markup, which cannot be uploaded. Remove "
            "the markup or upload the content as a PDF."
        )
    return None


def file_problem(name: str, head: bytes) -> str | None:
    """Why a file named `name`, whose first bytes are `head`, may not be stored; None if it may.

    `head` should be the first HEAD_SIZE bytes (or the whole file if shorter). Checks the
    extension (known kinds only; never web pages, SVG or scripts) and that the bytes are of that
    kind. It cannot see past `head`: `upload_problem` also scans a whole text file and opens an
    Office archive. Returns a message for the uploader, in the active language.
    """
    extension = file_extension(name)
    if not extension:
        return gettext(
            "This file has no extension, so its type cannot be checked. Name it with its type, "
            "for example report.pdf."
        )
    if extension in ACTIVE_EXTENSIONS:
        return gettext(
            "Web pages, SVG images and scripts are never accepted: they could run code in a "
            "reader's browser. Save the content as a PDF and upload that instead."
        )
    if extension not in KINDS:
        return gettext(
            "Files of type .%(extension)s cannot be uploaded. Allowed types: %(allowed)s."
        ) % {"extension": extension[:20], "allowed": ", ".join(KINDS)}
    if not head:
        return gettext("This file is empty.")
    family = KINDS[extension]
    if family == PDF:
        if not head.startswith(b"%PDF-"):
            return gettext(
                "This file is named .pdf but is not a PDF. Save or export it as a PDF and "
                "upload that."
            )
        return None
    if family == OFFICE:
        if not head.startswith(b"PK\x03\x04"):
            return gettext(
                "This file is named .%(extension)s but is not an Office file of that kind. Save "
                "it again from Word, Excel or PowerPoint, or upload a PDF."
            ) % {"extension": extension}
        return None
    if family == VIDEO:
        kind = filetype.video_match(head)
        if kind is None or kind.extension not in VIDEO_MATCHES[extension]:
            return gettext("This file is named .%(extension)s but is not a video of that kind.") % {
                "extension": extension
            }
        return None
    encoding, bom = _encoding_of(head)
    text = head[bom:].decode(encoding, errors="replace")
    problem = _text_problem(text)
    if problem:
        return problem
    if extension == "vtt" and not text.startswith("WEBVTT"):
        return gettext("A captions file must be WebVTT: its first line starts with WEBVTT.")
    return None


def _chunks(stream: IO[bytes], size: int = 1 << 16) -> Iterable[bytes]:
    while chunk := stream.read(size):
        yield chunk


def _whole_text_problem(stream: IO[bytes], head: bytes) -> str | None:
    """Scans a whole text file for binary data or markup, a chunk at a time."""
    encoding, bom = _encoding_of(head)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    stream.seek(bom)
    tail = ""
    for chunk in _chunks(stream):
        text = decoder.decode(chunk)
        problem = _text_problem(tail + text)
        if problem:
            return problem
        tail = text[-64:]  # a tag split between two chunks is still seen whole
    return None


def _office_problem(stream: IO[bytes], extension: str) -> str | None:
    """Opens the archive's directory (never decompressing it) and checks its parts."""
    not_office = gettext(
        "This file is named .%(extension)s but is not an Office file of that kind. Save it again "
        "from Word, Excel or PowerPoint, or upload a PDF."
    ) % {"extension": extension}
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return not_office
    if "[Content_Types].xml" not in names or not any(
        part.startswith(OFFICE_MAIN_FOLDERS[extension]) for part in names
    ):
        return not_office
    if any(part.lower().endswith("vbaproject.bin") for part in names):
        return gettext(
            "This file contains macros, which cannot be uploaded. Save it without macros "
            "(as .%(extension)s) and upload it again."
        ) % {"extension": extension}
    return None


def upload_problem(upload: File) -> str | None:
    """Why the uploaded file `upload` may not be stored; None if it may.

    Everything `file_problem` checks from the first bytes, plus the whole file: a text file is
    scanned to the end for binary data and markup, and an Office file's archive directory is
    read to check it holds a document of its kind and no macros. The file's position is left
    at the start. Returns a message for the uploader, in the active language.
    """
    name = upload.name or ""
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    try:
        problem = file_problem(name, head)
        if problem:
            return problem
        extension = file_extension(name)
        family = KINDS[extension]
        if family == TEXT:
            return _whole_text_problem(upload, head)
        if family == OFFICE:
            return _office_problem(upload, extension)
        return None
    finally:
        upload.seek(0)


def safe_file_name(name: str) -> str:
    """A name to store a file under: lowercase ASCII letters, digits and dashes, and the extension.

    Drops any folder part (either separator), accents, spaces and punctuation; keeps the
    extension `file_extension` reads when it is letters and digits only (else it becomes part
    of the name, so a new extension is never made up); never returns an empty or
    hidden name or a reserved Windows device name; at most 80 characters before the extension.
    """
    base = re.split(r"[\\/]", name)[-1]
    extension = file_extension(base)
    stem = base[: -len(extension) - 1] if extension else base
    if not re.fullmatch(r"[a-z0-9]{1,10}", extension):
        # An odd "extension" is part of the name: never turn it into a different, valid one.
        stem, extension = base, ""
    # Every run of punctuation (dots, dashes of any kind, brackets) separates words.
    stem = slugify(re.sub(r"[\W_]+", " ", stem))[:80].strip("-") or "file"
    if stem in _WINDOWS_RESERVED:
        stem = f"file-{stem}"
    return f"{stem}.{extension}" if extension else stem


class SafeDocumentForm(BaseDocumentForm):
    """Every Wagtail document form: refuses a file whose type or bytes are not safe to serve."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        # An unchanged file on an edit form is already stored and was checked then.
        if not upload or getattr(upload, "_committed", False):
            return upload
        name = upload.name or ""
        allowed = [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
        if allowed and file_extension(name) not in allowed:
            raise forms.ValidationError(
                gettext(
                    "Files of type .%(extension)s cannot be uploaded. Allowed types: %(allowed)s."
                )
                % {"extension": file_extension(name)[:20] or "?", "allowed": ", ".join(allowed)},
                code="invalid_extension",
            )
        problem = upload_problem(upload)
        if problem:
            raise forms.ValidationError(problem, code="unsafe_file")
        upload.name = safe_file_name(name)
        return upload

    def _post_clean(self) -> None:
        super()._post_clean()
        # When the file was refused above, the model's own extension check sees an empty file
        # and adds a confusing second message ("extension '' is not allowed"): keep ours only.
        file_errors = self.errors.get("file")
        if file_errors and len(file_errors) > 1 and "file" not in self.cleaned_data:
            kept = file_errors.as_data()[:1]
            self._errors["file"] = self.error_class(kept, renderer=self.renderer)


__all__ = [
    "HEAD_SIZE",
    "KINDS",
    "SafeDocumentForm",
    "content_type_for",
    "file_extension",
    "file_problem",
    "safe_file_name",
    "upload_problem",
]
