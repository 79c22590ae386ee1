"""A learner's transcript: every course they completed, in every run, and its downloads.

`transcript_for_user` is the one read (one query, whatever the number of completions);
`transcript_csv` and `transcript_pdf` turn its rows into files. Only the learner's own records
are ever read: the views pass `request.user`, and no URL names another person.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms.spreadsheets import SafeWriter
from lms.users.models import User

from .certificates import (
    LmsPDF,
    certificate_public_url,
    course_version_label,
    date_display,
    site_url,
)
from .models import Certificate, CourseCompletion
from .selectors import completion_is_current

CERTIFICATE_VALID = "valid"
CERTIFICATE_REVOKED = "revoked"


@dataclass(frozen=True)
class TranscriptRow:
    """One completion: a course finished in one run (a retake is another row)."""

    completion: CourseCompletion
    course_title: str
    run: int
    completed_at: datetime
    score: int | None
    course_version: str
    certificate: Certificate | None
    is_current: bool

    @property
    def certificate_status(self) -> str:
        """CERTIFICATE_VALID, CERTIFICATE_REVOKED, or "" when the course issued none."""
        if self.certificate is None:
            return ""
        return CERTIFICATE_VALID if self.certificate.is_valid else CERTIFICATE_REVOKED

    @property
    def certificate_status_label(self) -> str:
        """The certificate status in words, in the active language ("" without a certificate)."""
        return {
            CERTIFICATE_VALID: _("Valid"),
            CERTIFICATE_REVOKED: _("Revoked"),
        }.get(self.certificate_status, "")

    @property
    def completed_on(self) -> date:
        """The completion's local date."""
        return timezone.localdate(self.completed_at)


def transcript_for_user(*, user: User) -> list[TranscriptRow]:
    """Every course completion of `user`, newest first, with its certificate if any.

    `is_current` is False when the course has since published a version that requires a retake.
    The course version is the certificate's, or else the completed revision's. One query.
    """
    completions = (
        CourseCompletion.objects.filter(user=user)
        .select_related("course", "course_revision", "certificate")
        .order_by("-completed_at", "-run", "-pk")
    )
    rows = []
    for completion in completions:
        certificate = _certificate_of(completion)
        rows.append(
            TranscriptRow(
                completion=completion,
                course_title=completion.course.title,
                run=completion.run,
                completed_at=completion.completed_at,
                score=completion.score,
                course_version=(
                    certificate.course_version
                    if certificate
                    else course_version_label(completion.course_revision)
                ),
                certificate=certificate,
                is_current=completion_is_current(completion, completion.course),
            )
        )
    return rows


def _certificate_of(completion: CourseCompletion) -> Certificate | None:
    try:
        return completion.certificate
    except ObjectDoesNotExist:
        return None


def transcript_csv_columns() -> list[str]:
    """The CSV header, in the active language."""
    return [
        _("Course"),
        _("Attempt"),
        _("Completed on"),
        _("Score (%)"),
        _("Course version"),
        _("Still counts"),
        _("Certificate code"),
        _("Certificate status"),
        _("Certificate verification URL"),
    ]


def transcript_csv(rows: list[TranscriptRow]) -> str:
    """The transcript as CSV text: a header (`transcript_csv_columns`), then one line per row.

    Dates are ISO (YYYY-MM-DD, local time); a missing score or certificate is an empty cell.
    Text cells that start like a formula get an apostrophe (`lms.spreadsheets`).
    """
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(transcript_csv_columns())
    for row in rows:
        certificate = row.certificate
        writer.writerow(
            [
                row.course_title,
                row.run,
                row.completed_on.isoformat(),
                "" if row.score is None else row.score,
                row.course_version,
                _("yes") if row.is_current else _("no, retake required"),
                certificate.code if certificate else "",
                row.certificate_status_label,
                certificate_public_url(certificate) if certificate else "",
            ]
        )
    return out.getvalue()


def transcript_pdf(*, user: User, rows: list[TranscriptRow], as_of: date) -> bytes:
    """The transcript as a PDF: the learner's name, the date it was made, and a table of rows
    (course, attempt, completed on, score, version, certificate). Letter, portrait."""
    name = user.get_full_name() or user.email
    pdf = LmsPDF(title=_("Training transcript: %(name)s") % {"name": name})
    pdf.add_page()
    pdf.set_text_color(30, 60, 110)
    pdf.centred(_("Training transcript"), size=20, bold=True)
    pdf.set_text_color(20, 20, 20)
    pdf.centred(name, size=14, bold=True)
    pdf.centred(
        _("%(issuer)s · as of %(date)s")
        % {
            "issuer": settings.CERTIFICATE_ISSUER_NAME,
            "date": formats.date_format(as_of, "DATE_FORMAT"),
        },
        size=10,
        gap=6,
    )
    if not rows:
        pdf.centred(_("No completed courses yet."), size=12)
        return bytes(pdf.output())
    pdf.set_font(pdf.lms_font, "", 8)
    headings = [
        _("Course"),
        _("Attempt"),
        _("Completed on"),
        _("Score"),
        _("Version"),
        _("Certificate"),
    ]
    with pdf.table(
        col_widths=(50, 17, 26, 14, 25, 64),
        text_align=("LEFT", "CENTER", "LEFT", "CENTER", "LEFT", "LEFT"),
        line_height=5,
    ) as table:
        heading = table.row()
        for text in headings:
            heading.cell(text)
        for row in rows:
            cells = table.row()
            title = row.course_title
            if not row.is_current:
                title += " " + _("(a newer version requires a retake)")
            cells.cell(title)
            cells.cell(str(row.run))
            cells.cell(date_display(row.completed_at))
            cells.cell("—" if row.score is None else f"{row.score}%")
            cells.cell(row.course_version or "—")
            cells.cell(_certificate_cell(row))
    pdf.ln(4)
    pdf.centred(
        _("Anyone can check a certificate by its code at %(url)s")
        % {"url": site_url() + reverse("certificates:lookup")},
        size=9,
    )
    return bytes(pdf.output())


def _certificate_cell(row: TranscriptRow) -> str:
    if row.certificate is None:
        return "—"
    return f"{row.certificate.code}\n{row.certificate_status_label}"
