"""Certificates: issuing, revoking, finding one by its code, and printing it as a PDF.

A certificate is a snapshot taken when a learner completes a course: the holder's name, the
course title and the course version are copied onto it, so later edits to the person or the
course never change what a printed certificate says.

The title is copied in the site's default language (learners complete the English course, the
one the site routes). A reader of another language sees the course's live translation instead,
but only while the course still has the title it had at issue, so the translation names what
was certified; the copied title is then shown beside it, as issued. A course renamed since
shows the copied title alone, marked as the default language (`certificate_course_title`).

Verification codes are 30 hexadecimal digits (120 bits from `secrets`) written in six groups
of five joined by dashes, e.g. ``3F9A1-0C2BE-77D41-9E0AA-5B6C3-D21F8``. People copy codes from
paper, so `certificate_code_normalize` accepts any case and missing or extra dashes and spaces,
and turns them into that canonical form before an exact lookup; anything else is "no such
certificate".
"""

import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from wagtail.models import Revision

from content.translation import reader_language, translation_for
from courses.certificates.models import Certificate
from courses.learning.models import CourseCompletion
from lms.users.models import User

logger = logging.getLogger(__name__)

CODE_BYTES = 15  # 120 bits of randomness: unguessable, and short enough to read aloud
CODE_GROUP = 5
# Bits in one published revocation status list: the Bitstring Status List minimum (16 KiB), which
# is what keeps a list from telling how few certificates were revoked.
STATUS_LIST_SIZE = 131_072
STATUS_INDEX_ATTEMPTS = 5
_CODE_DIGITS = re.compile(rf"[0-9A-F]{{{CODE_BYTES * 2}}}")
_CODE_IGNORED = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces, and dashes of every width


def certificate_code_new() -> str:
    """A fresh verification code: URL-safe, unguessable, grouped for reading."""
    raw = secrets.token_hex(CODE_BYTES).upper()
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, len(raw), CODE_GROUP))


def certificate_code_normalize(code: str) -> str | None:
    """The canonical form of a code as someone typed it, or None if it cannot be a code.

    Case is ignored, and so are spaces and dashes anywhere (a code copied from paper may lose
    them or gain some); what remains must be exactly 30 hexadecimal digits.
    """
    digits = _CODE_IGNORED.sub("", code or "").upper()
    if not _CODE_DIGITS.fullmatch(digits):
        return None
    return "-".join(digits[i : i + CODE_GROUP] for i in range(0, len(digits), CODE_GROUP))


def course_version_label(revision: Revision | None) -> str:
    """How a certificate names the course version: the day that version was saved and its
    revision number, e.g. ``2026-03-12 r42``; empty when the completion recorded no revision."""
    if revision is None:
        return ""
    return f"{timezone.localdate(revision.created_at).isoformat()} r{revision.pk}"


@transaction.atomic
def certificate_issue(*, completion: CourseCompletion) -> Certificate:
    """The certificate of `completion`, issued once; the holder's name and course are snapshots.

    Safe to repeat: a second call returns the existing certificate. The holder's name is their
    full name as the roster has it (never their email, since the name is shown publicly).
    """
    existing = Certificate.objects.filter(completion=completion).first()
    if existing:
        return existing
    for _attempt in range(STATUS_INDEX_ATTEMPTS):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    completion=completion,
                    code=certificate_code_new(),
                    holder_name=completion.user.get_full_name(),
                    course_title=completion.course.title,
                    course_version=course_version_label(completion.course_revision),
                    issued_at=completion.completed_at,
                    status_list_index=status_list_index_free(),
                )
            break
        except IntegrityError:
            # Someone else issued it, or took the same free index at the same moment.
            existing = Certificate.objects.filter(completion=completion).first()
            if existing:
                return existing
    else:
        raise RuntimeError("no free status list index after several attempts")
    logger.info("certificate pk=%s issued for completion pk=%s", certificate.pk, completion.pk)
    return certificate


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, by: User, reason: str, as_of: datetime | None = None
) -> Certificate:
    """Revokes `certificate`: verification then says so, with the date and `reason`.

    Returns the updated certificate. Raises ValidationError, changing nothing, when the reason
    is blank or the certificate is already revoked (the first revocation stands).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"revoked_reason": _("Give the reason for revoking.")})
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(
            _("This certificate was already revoked on %(date)s.")
            % {"date": formats.date_format(timezone.localtime(locked.revoked_at), "DATE_FORMAT")}
        )
    locked.revoked_at = as_of or timezone.now()
    locked.revoked_reason = reason
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    logger.info("certificate pk=%s revoked by employee pk=%s", locked.pk, by.pk)
    return locked


def status_list_index_free() -> int:
    """A random index no certificate has, for a new certificate's revocation bit.

    Random, not sequential, as the Bitstring Status List recommends, so an index says nothing
    about when or to whom a certificate was issued. The indexes in use fill at most half of the
    lists published, so a random pick is free at the first or second try; another list is
    published when they fill up. The caller stores it under the unique constraint (a race with
    another issue ends in IntegrityError: pick again).
    """
    used = Certificate.objects.filter(status_list_index__isnull=False).count()
    capacity = STATUS_LIST_SIZE * (1 + (2 * used) // STATUS_LIST_SIZE)
    for _attempt in range(64):
        index = secrets.randbelow(capacity)
        if not Certificate.objects.filter(status_list_index=index).exists():
            return index
    raise RuntimeError("no free status list index found")


def certificates_issue_many(completions: list[CourseCompletion]) -> None:
    """The certificates of new `completions` (of one course, none issued yet), as
    `certificate_issue` makes each one (snapshots of the holder's name and the course; a random
    free revocation-list index), in a fixed number of queries."""
    course = completions[0].course
    version = course_version_label(completions[0].course_revision)
    for _attempt in range(STATUS_INDEX_ATTEMPTS):
        indexes = status_list_indexes_free(len(completions))
        certificates = [
            Certificate(
                completion=completion,
                code=certificate_code_new(),
                holder_name=completion.user.get_full_name(),
                course_title=course.title,
                course_version=version,
                issued_at=completion.completed_at,
                status_list_index=index,
            )
            for completion, index in zip(completions, indexes, strict=True)
        ]
        try:
            with transaction.atomic():
                Certificate.objects.bulk_create(certificates)
            break
        except IntegrityError:
            # Another issue took one of the same free indexes at the same moment.
            continue
    else:
        raise RuntimeError("no free status list index after several attempts")
    for certificate in certificates:
        logger.info(
            "certificate pk=%s issued for completion pk=%s",
            certificate.pk,
            certificate.completion_id,
        )


def status_list_indexes_free(count: int) -> list[int]:
    """`count` distinct random indexes no certificate has, as `status_list_index_free` picks
    one: the lists published are sized for the certificates there will be, so at most half of
    their indexes are in use; the indexes picked are checked in one query per round."""
    used = Certificate.objects.filter(status_list_index__isnull=False).count() + count
    capacity = STATUS_LIST_SIZE * (1 + (2 * used) // STATUS_LIST_SIZE)
    chosen: set[int] = set()
    for _attempt in range(64):
        picked = {secrets.randbelow(capacity) for _ in range(count - len(chosen))} - chosen
        taken = set(
            Certificate.objects.filter(status_list_index__in=picked).values_list(
                "status_list_index", flat=True
            )
        )
        chosen |= picked - taken
        if len(chosen) == count:
            return list(chosen)
    raise RuntimeError("no free status list index found")


def certificate_get_by_code(code: str) -> Certificate | None:
    """The certificate with `code` (normalised first), with its completion and course; None if
    there is none. One query, or none for a string that cannot be a code."""
    canonical = certificate_code_normalize(code)
    if canonical is None:
        return None
    return Certificate.objects.select_related("completion__course").filter(code=canonical).first()


def certificate_get_for_owner(*, user: User, code: str) -> Certificate | None:
    """The certificate with `code` if `user` holds it, else None (whoever else asks).

    Loads the completion, its learner and its course, everything the certificate page, the PDF
    and the credential need. One query.
    """
    canonical = certificate_code_normalize(code)
    if canonical is None or not user.is_authenticated:
        return None
    return (
        Certificate.objects.select_related("completion__user", "completion__course")
        .filter(code=canonical, completion__user=user)
        .first()
    )


@dataclass(frozen=True)
class CourseTitle:
    """How a certificate names its course for one reader."""

    title: str  # the words to show
    lang: str  # their language, for `lang=` and the PDF
    as_issued: str = ""  # the title copied at issue, when `title` is a translation of it
    as_issued_lang: str = ""


def certificate_course_title(certificate: Certificate, language: str | None = None) -> CourseTitle:
    """The course of `certificate` named in `language` (default: the reader's, i.e. the active
    language: the holder's on their own pages, the visitor's on the public page).

    The live translation of the course when there is one and the course still has the title
    copied at issue (see the module's docstring); the copied title otherwise. No query for a
    reader of the default language; two for others (the locale, the translation).
    """
    issued = certificate.course_title
    default = reader_language(settings.LANGUAGE_CODE)
    wanted = reader_language(language)
    course = certificate.completion.course
    if wanted != default and course.title == issued:
        shown = translation_for(course, wanted)
        if shown is not course and shown.title != issued:
            return CourseTitle(shown.title, wanted, as_issued=issued, as_issued_lang=default)
    return CourseTitle(issued, default)


def site_url() -> str:
    """SITE_URL without a trailing slash: the base of every absolute link we hand out."""
    return settings.SITE_URL.rstrip("/")


def certificate_public_url(certificate: Certificate) -> str:
    """The public verification page of `certificate`, as an absolute URL."""
    return site_url() + reverse("certificates:detail", args=[certificate.code])


# --- PDF ---------------------------------------------------------------------------------------

_FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu (fonts-dejavu-core)
    Path("/usr/share/fonts/dejavu"),  # Fedora, Alpine
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
]


@cache
def pdf_font_files() -> tuple[Path, Path] | None:
    """The regular and bold DejaVu Sans font files, if the system has them, else None.

    DejaVu covers Latin, Greek, Cyrillic and more, so names such as "Nguyễn" or "Núñez" print as
    written. Without it, PDFs use the built-in Helvetica and `pdf_text_fallback`.
    """
    for directory in _FONT_DIRS:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


_FALLBACK_MAP = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"})


def pdf_text_fallback(text: str, encoding: str = "windows-1252") -> str:
    """`text` with every character the built-in PDF fonts lack replaced by its closest plain
    letter ("ễ" becomes "e"), or "?" when there is none. Latin-1 letters such as "ñ" stay."""
    out = []
    for char in text.translate(_FALLBACK_MAP):
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            try:
                base.encode(encoding)
            except UnicodeEncodeError:
                base = "?"
            out.append(base or "?")
        else:
            out.append(char)
    return "".join(out)


class LmsPDF(FPDF):
    """An FPDF document with a Unicode font when one is installed, transliterating otherwise.

    `lms_font` is the font family to pass to `set_font`. Title, language and creator are set, so
    readers and screen readers announce the document properly.
    """

    def __init__(self, *, title: str, orientation: str = "portrait") -> None:
        super().__init__(orientation=orientation, unit="mm", format="letter")
        fonts = pdf_font_files()
        if fonts:
            self.add_font("DejaVu", "", str(fonts[0]))
            self.add_font("DejaVu", "B", str(fonts[1]))
            self.lms_font = "DejaVu"
        else:
            self.core_fonts_encoding = "windows-1252"
            self.lms_font = "Helvetica"
        self.set_title(title)
        self.set_lang(get_language() or settings.LANGUAGE_CODE)
        self.set_creator(settings.CERTIFICATE_ISSUER_NAME)
        self.set_author(settings.CERTIFICATE_ISSUER_NAME)
        self.set_creation_date(timezone.now())
        self.set_display_mode("fullpage")
        self.set_auto_page_break(auto=True, margin=15)

    def normalize_text(self, text: str) -> str:
        if not self.is_ttf_font:
            text = pdf_text_fallback(text, self.core_fonts_encoding)
        return super().normalize_text(text)

    def centred(self, text: str, *, size: float, bold: bool = False, gap: float = 2) -> None:
        """Writes `text` centred across the page, wrapping as needed, then a small gap."""
        self.set_font(self.lms_font, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def date_display(value: datetime | None) -> str:
    """A datetime as a local date in the active language's format, or "—" when missing."""
    if value is None:
        return "—"
    return formats.date_format(timezone.localdate(value), "DATE_FORMAT")


def certificate_pdf(certificate: Certificate) -> bytes:
    """The printable certificate: holder, course, completion date, version, verification code
    and URL, on one landscape Letter page. A revoked certificate says so in red."""
    course = certificate_course_title(certificate)
    pdf = LmsPDF(
        title=_("Certificate of completion: %(course)s") % {"course": course.title},
        orientation="landscape",
    )
    pdf.set_subject(course.title)
    pdf.add_page()
    pdf.set_draw_color(30, 60, 110)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)
    pdf.set_text_color(30, 60, 110)
    pdf.set_y(24)
    pdf.centred(settings.CERTIFICATE_ISSUER_NAME, size=13, gap=6)
    pdf.centred(_("Certificate of completion"), size=28, bold=True, gap=8)
    pdf.set_text_color(20, 20, 20)
    pdf.centred(_("This certifies that"), size=13)
    pdf.centred(certificate.holder_name or _("(name not on record)"), size=24, bold=True, gap=4)
    pdf.centred(_("completed the course"), size=13)
    pdf.centred(course.title, size=18, bold=True, gap=2 if course.as_issued else 4)
    if course.as_issued:
        pdf.centred(
            _("Title as issued: %(title)s") % {"title": course.as_issued},
            size=10,
            gap=4,
        )
    pdf.centred(
        _("on %(date)s") % {"date": date_display(certificate.completion.completed_at)}, size=13
    )
    if certificate.course_version:
        pdf.centred(
            _("Course version: %(version)s") % {"version": certificate.course_version},
            size=11,
            gap=6,
        )
    if certificate.revoked_at is not None:
        pdf.set_text_color(160, 20, 20)
        pdf.centred(
            _("Revoked on %(date)s: %(reason)s")
            % {"date": date_display(certificate.revoked_at), "reason": certificate.revoked_reason},
            size=13,
            bold=True,
        )
        pdf.set_text_color(20, 20, 20)
    pdf.set_y(pdf.h - 42)
    pdf.centred(_("Verification code: %(code)s") % {"code": certificate.code}, size=11)
    pdf.centred(
        _("Check this certificate at %(url)s") % {"url": certificate_public_url(certificate)},
        size=11,
    )
    return bytes(pdf.output())
