"""A learner's transcript: every course they completed, in every run; what is assigned to them
and in progress; the live sessions they attended; their exemptions; and its downloads.

`transcript_for_user` reads the completions (one query, whatever their number; three for a
reader of another language); `transcript_get` reads the whole record (a fixed number of
queries). `transcript_csv` and `transcript_pdf` turn it into files, in the reader's language,
with course titles translated where a translation exists. Only the learner's own records are
ever read: the views pass `request.user`, and no URL names another person.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.certificates.models import Certificate
from courses.certificates.services import (
    LmsPDF,
    certificate_public_url,
    course_version_label,
    date_display,
    site_url,
)
from courses.compliance.models import Exemption
from courses.learner.selectors import LearningItem, course_titles_for_reader, learning_list_for_user
from courses.learning.models import CourseCompletion
from courses.learning.selectors import completion_is_current
from courses.sessions.models import Attendance, SessionRegistration
from lms.spreadsheets import SafeWriter
from lms.users.models import User

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
    title_lang: str = ""

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


def transcript_for_user(*, user: User, language: str | None = None) -> list[TranscriptRow]:
    """Every course completion of `user`, newest first, with its certificate if any.

    `is_current` is False when the course has since published a version that requires a retake.
    The course version is the certificate's, or else the completed revision's. Course titles
    are in `language` (default: the reader's) where a live translation exists; `title_lang` is
    "en" for an English title shown to a reader of another language. One query (three for a
    reader of another language).
    """
    completions = list(
        CourseCompletion.objects.filter(user=user)
        .select_related("course", "course_revision", "certificate")
        .order_by("-completed_at", "-run", "-pk")
    )
    titles, title_lang = course_titles_for_reader({c.course for c in completions}, language)
    rows = []
    for completion in completions:
        certificate = _certificate_of(completion)
        rows.append(
            TranscriptRow(
                completion=completion,
                course_title=titles.get(completion.course_id, completion.course.title),
                title_lang="" if completion.course_id in titles else title_lang,
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


KIND_COMPLETED = "completed"
KIND_ASSIGNED = "assigned"
KIND_IN_PROGRESS = "in_progress"
KIND_SESSION = "session"
KIND_EXEMPTION = "exemption"


@dataclass(frozen=True)
class SessionAttended:
    """A live session the learner was recorded present at."""

    registration: SessionRegistration
    course_title: str
    title_lang: str

    @property
    def session(self):
        return self.registration.session

    @property
    def session_title(self) -> str:
        """The session's own title in the reader's language, else the course's."""
        return self.session.display_title or self.course_title


@dataclass(frozen=True)
class ExemptionRow:
    """An exemption from a requirement: in force, ended, or revoked."""

    exemption: Exemption
    course_title: str
    title_lang: str
    as_of: date

    @property
    def requirement_name(self) -> str:
        return self.exemption.requirement.name

    @property
    def granted_on(self) -> date:
        return timezone.localdate(self.exemption.granted_at)

    @property
    def revoked_on(self) -> date | None:
        revoked = self.exemption.revoked_at
        return timezone.localdate(revoked) if revoked else None

    @property
    def state_label(self) -> str:
        """In force, ended or revoked, in words in the active language."""
        if self.exemption.revoked_at is not None:
            return _("Revoked")
        if self.exemption.until_on is not None and self.exemption.until_on < self.as_of:
            return _("Ended")
        return _("In force")


@dataclass
class Transcript:
    """A learner's whole record: `completions` (newest first), `open` (assigned and not
    completed, or started: soonest due first), `sessions` (attended, newest first) and
    `exemptions` (newest first)."""

    completions: list[TranscriptRow]
    open: list[LearningItem]
    sessions: list[SessionAttended]
    exemptions: list[ExemptionRow]

    @property
    def is_empty(self) -> bool:
        return not (self.completions or self.open or self.sessions or self.exemptions)


def open_item_kind(item: LearningItem) -> str:
    """KIND_IN_PROGRESS once a lesson is done (or the engine says so), else KIND_ASSIGNED."""
    return KIND_IN_PROGRESS if item.done_count or item.status == "in_progress" else KIND_ASSIGNED


def open_item_label(item: LearningItem) -> str:
    """What the record is, in the active language: assigned (not started) or in progress."""
    if open_item_kind(item) == KIND_IN_PROGRESS:
        return _("In progress")
    return _("Assigned, not started")


def transcript_get(*, user: User, as_of: date, language: str | None = None) -> Transcript:
    """Everything on `user`'s transcript on `as_of` (their local today).

    Open items are the courses assigned to them and not completed or exempt, and any course
    they started and have not completed; sessions attended are those where attendance was
    recorded as present; exemptions are every exemption they were granted, revoked ones too.
    Titles are in `language` (default: the reader's) where a translation exists. Nine queries
    whatever the number of records (at most fifteen for a reader of another language).
    """
    completions = transcript_for_user(user=user, language=language)
    open_items = [
        item
        for item in learning_list_for_user(user=user, as_of=as_of, language=language)
        if not item.is_completed
        and not item.is_exempt
        and (item.assignment is not None or item.done_count)
    ]
    registrations = list(
        SessionRegistration.objects.filter(user=user, attendance=Attendance.PRESENT)
        .select_related("session", "session__course")
        .order_by("-session__starts_at", "-pk")
    )
    exemptions = list(
        Exemption.objects.filter(user=user)
        .select_related("requirement", "requirement__course")
        .order_by("-granted_at", "-pk")
    )
    courses = {r.session.course for r in registrations} | {e.requirement.course for e in exemptions}
    titles, title_lang = course_titles_for_reader(courses, language) if courses else ({}, "")

    def title(course) -> tuple[str, str]:
        return titles.get(course.pk, course.title), "" if course.pk in titles else title_lang

    return Transcript(
        completions=completions,
        open=open_items,
        sessions=[
            SessionAttended(registration, *title(registration.session.course))
            for registration in registrations
        ],
        exemptions=[
            ExemptionRow(exemption, *title(exemption.requirement.course), as_of=as_of)
            for exemption in exemptions
        ],
    )


def _certificate_of(completion: CourseCompletion) -> Certificate | None:
    try:
        return completion.certificate
    except ObjectDoesNotExist:
        return None


def transcript_csv_columns() -> list[str]:
    """The CSV header, in the active language: the completion columns first (as they always
    were), then what kind of record each line is and the columns the other kinds need."""
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
        _("Record"),
        _("Date"),
        _("Due on"),
        _("Until"),
        _("Details"),
    ]


def transcript_csv(transcript: Transcript) -> str:
    """The transcript as CSV text: a header (`transcript_csv_columns`), then one line per
    completion (newest first), per course assigned or in progress, per live session attended and
    per exemption, in that order. The "Record" column says which; "Date" is the completion date,
    the day the course was assigned (empty for a course started without an assignment), the
    session's day or the day the exemption was granted.

    Dates are ISO (YYYY-MM-DD, local time); a missing value is an empty cell. Text cells that
    start like a formula get an apostrophe (`lms.spreadsheets`).
    """
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(transcript_csv_columns())
    blank = [""] * 8
    for row in transcript.completions:
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
                _("Completed"),
                row.completed_on.isoformat(),
                "",
                "",
                "",
            ]
        )
    for item in transcript.open:
        assignment = item.assignment
        writer.writerow(
            [
                item.title,
                *blank,
                open_item_label(item),
                assignment.opened_on.isoformat() if assignment else "",
                item.due_on.isoformat() if item.due_on else "",
                "",
                _open_item_details(item),
            ]
        )
    for attended in transcript.sessions:
        session = attended.session
        writer.writerow(
            [
                attended.course_title,
                *blank,
                _("Live session attended"),
                timezone.localdate(session.starts_at).isoformat(),
                "",
                "",
                _session_details(attended),
            ]
        )
    for exemption in transcript.exemptions:
        writer.writerow(
            [
                exemption.course_title,
                *blank,
                _("Exemption"),
                exemption.granted_on.isoformat(),
                "",
                exemption.exemption.until_on.isoformat() if exemption.exemption.until_on else "",
                _exemption_details(exemption),
            ]
        )
    return out.getvalue()


def _open_item_details(item: LearningItem) -> str:
    parts = []
    if item.requirement is not None:
        parts.append(_("Required: %(requirement)s") % {"requirement": item.requirement.name})
    else:
        parts.append(_("Not required of you"))
    parts.append(
        _("%(done)s of %(total)s lessons done") % {"done": item.done_count, "total": item.total}
    )
    if item.days_overdue:
        parts.append(_("overdue"))
    return "; ".join(parts)


def _session_details(attended: SessionAttended) -> str:
    session = attended.session
    place = _("Virtual") if session.mode == "virtual" else session.location
    return "; ".join(part for part in (attended.session_title, place) if part)


def _exemption_details(row: ExemptionRow) -> str:
    parts = [
        row.state_label,
        _("Requirement: %(requirement)s") % {"requirement": row.requirement_name},
        _("Reason: %(reason)s") % {"reason": row.exemption.reason},
    ]
    if row.revoked_on is not None:
        parts.append(_("revoked on %(date)s") % {"date": row.revoked_on.isoformat()})
    return "; ".join(parts)


def transcript_pdf(*, user: User, transcript: Transcript, as_of: date) -> bytes:
    """The transcript as a PDF: the learner's name, the date it was made, then a table for each
    part that has rows: completed courses (course, attempt, completed on, score, version,
    certificate), assigned and in progress, live sessions attended, exemptions. Letter,
    portrait."""
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
    if not transcript.completions:
        pdf.centred(_("No completed courses yet."), size=12)
    else:
        _pdf_heading(pdf, _("Completed courses"))
        _pdf_table(
            pdf,
            headings=[
                _("Course"),
                _("Attempt"),
                _("Completed on"),
                _("Score"),
                _("Version"),
                _("Certificate"),
            ],
            widths=(50, 17, 26, 14, 25, 64),
            align=("LEFT", "CENTER", "LEFT", "CENTER", "LEFT", "LEFT"),
            rows=[_completion_cells(row) for row in transcript.completions],
        )
    if transcript.open:
        _pdf_heading(pdf, _("Assigned and in progress"))
        _pdf_table(
            pdf,
            headings=[_("Course"), _("Status"), _("Due on"), _("Details")],
            widths=(60, 34, 28, 74),
            align=("LEFT", "LEFT", "LEFT", "LEFT"),
            rows=[
                [
                    item.title,
                    open_item_label(item),
                    _date(item.due_on),
                    _open_item_details(item),
                ]
                for item in transcript.open
            ],
        )
    if transcript.sessions:
        _pdf_heading(pdf, _("Live sessions attended"))
        _pdf_table(
            pdf,
            headings=[_("Course"), _("Date"), _("Session")],
            widths=(60, 34, 102),
            align=("LEFT", "LEFT", "LEFT"),
            rows=[
                [
                    attended.course_title,
                    _date(timezone.localdate(attended.session.starts_at)),
                    _session_details(attended),
                ]
                for attended in transcript.sessions
            ],
        )
    if transcript.exemptions:
        _pdf_heading(pdf, _("Exemptions"))
        _pdf_table(
            pdf,
            headings=[_("Course"), _("Granted on"), _("Until"), _("Details")],
            widths=(50, 28, 28, 90),
            align=("LEFT", "LEFT", "LEFT", "LEFT"),
            rows=[
                [
                    row.course_title,
                    _date(row.granted_on),
                    _date(row.exemption.until_on),
                    _exemption_details(row),
                ]
                for row in transcript.exemptions
            ],
        )
    pdf.ln(4)
    pdf.centred(
        _("Anyone can check a certificate by its code at %(url)s")
        % {"url": site_url() + reverse("certificates:lookup")},
        size=9,
    )
    return bytes(pdf.output())


def _date(value: date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def _pdf_heading(pdf: LmsPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(pdf.lms_font, "B", 12)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _pdf_table(pdf: LmsPDF, *, headings, widths, align, rows) -> None:
    pdf.set_font(pdf.lms_font, "", 8)
    with pdf.table(col_widths=widths, text_align=align, line_height=5) as table:
        heading = table.row()
        for text in headings:
            heading.cell(text)
        for cells in rows:
            line = table.row()
            for text in cells:
                line.cell(text)
    pdf.ln(2)


def _completion_cells(row: TranscriptRow) -> list[str]:
    title = row.course_title
    if not row.is_current:
        title += " " + _("(a newer version requires a retake)")
    return [
        title,
        str(row.run),
        date_display(row.completed_at),
        "—" if row.score is None else f"{row.score}%",
        row.course_version or "—",
        _certificate_cell(row),
    ]


def _certificate_cell(row: TranscriptRow) -> str:
    if row.certificate is None:
        return "—"
    return f"{row.certificate.code}\n{row.certificate_status_label}"
