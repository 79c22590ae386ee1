"""CSV and Excel exports of a department's filtered staff list, streamed.

Both read the people through a database cursor in chunks (`selectors.staff_rows_iter`), so a
15,000-row export never holds the department in memory: the CSV is written row by row into the
response; the workbook is written by openpyxl's write-only mode to a temporary file on disk and
streamed from there.

Every cell goes through `lms.spreadsheets` (OWASP "CSV injection"): in the CSV a text value
starting with = + - @ tab or carriage return gets a leading single quote; in the workbook text is
an explicit string cell (Excel never evaluates it and shows no apostrophe), dates are dates.
"""

import logging
import tempfile
from collections.abc import Iterator
from datetime import date, datetime

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from courses.compliance.models import AssignmentStatus, Requirement
from courses.workbench.selectors import StaffFilters, StaffRow, staff_rows_iter
from lms.spreadsheets import CSV_CONTENT_TYPE, SafeWriter, xlsx_cell
from lms.users.models import Department, JobClass, User

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spill the workbook to disk beyond this many bytes; a 15,000-row sheet is a few megabytes.
SPOOL_BYTES = 1024 * 1024


def export_filename(
    *,
    department: Department,
    as_of: date,
    extension: str,
    filters: StaffFilters | None = None,
    requirements: list[Requirement] = (),
) -> str:
    """`gsd-staff-overdue-2026-12-04.xlsx`: the department, then what was filtered (status,
    requirement, job class, supervisor, hire dates, search), then the date. Only ASCII letters,
    digits and "-" (safe in a Content-Disposition header and on every file system)."""
    parts = [department.code, "staff"]
    if filters is not None:
        if filters.requirement_id is not None:
            parts += [r.name for r in requirements if r.pk == filters.requirement_id]
        if filters.status:
            parts.append(filters.status)
        if filters.job_class_id is not None:
            job_class = JobClass.objects.filter(pk=filters.job_class_id).first()
            if job_class is not None:
                parts += ["job-class", job_class.code]
        if filters.supervisor_id is not None:
            parts.append("one-supervisor")
        if filters.hired_from is not None:
            parts += ["hired-from", filters.hired_from.isoformat()]
        if filters.hired_to is not None:
            parts += ["hired-to", filters.hired_to.isoformat()]
        if filters.search:
            parts += ["search", filters.search[:30]]
    words = (slugify(part).replace("_", "-") for part in parts)
    slug = "-".join(filter(None, words))[:120].strip("-")
    return f"{slug}-{as_of.isoformat()}.{extension}"


def header_row(requirements: list[Requirement]) -> list[str]:
    header = [
        _("Employee ID"),
        _("Last name"),
        _("First name"),
        _("Email"),
        _("Job class"),
        _("Supervisor employee ID"),
        _("Supervisor"),
        _("Hire date"),
    ]
    for requirement in requirements:
        header += [
            _("%(requirement)s: status") % {"requirement": requirement.name},
            _("%(requirement)s: due date") % {"requirement": requirement.name},
            _("%(requirement)s: completed on") % {"requirement": requirement.name},
        ]
    return header


def status_labels() -> dict[str, str]:
    """Each status's label in the active language: worked out once per export, not per cell
    (translating 160,000 cells one by one took two seconds)."""
    return {status: str(label) for status, label in AssignmentStatus.choices}


def row_values(row: StaffRow, *, labels: dict[str, str] | None = None) -> list[str | date | None]:
    """One exported row: text as str, dates as date, blanks as None (not yet defused)."""
    labels = labels if labels is not None else status_labels()
    person = row.person
    values: list[str | date | None] = [
        person.employee_id or "",
        person.last_name,
        person.first_name,
        person.email,
        # Job class and supervisor as the staff list shows them.
        str(person.job_class) if person.job_class else "",
        (person.supervisor.employee_id or "") if person.supervisor else "",
        f"{person.supervisor.last_name}, {person.supervisor.first_name}"
        if person.supervisor
        else "",
        person.hired_on,
    ]
    for cell in row.cells:
        if cell is None:
            values += ["", None, None]
        else:
            completed_on = timezone.localdate(cell.completed_at) if cell.completed_at else None
            values += [labels[cell.status], cell.due_on, completed_on]
    return values


def _log_export(*, department: Department, user: User, fmt: str, rows: int) -> None:
    logger.info(
        "staff export: department=%s format=%s rows=%s user=%s",
        department.code,
        fmt,
        rows,
        user.pk,
    )


class _Echo:
    """A file-like object whose write returns what it was given, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_response(
    *,
    department: Department,
    requirements: list[Requirement],
    people: QuerySet[User],
    user: User,
    as_of: date,
    filters: StaffFilters | None = None,
) -> StreamingHttpResponse:
    """The staff list as a streamed CSV attachment (UTF-8 with a byte-order mark, so Excel reads
    accented names). The export is logged once the last row is sent."""
    writer = SafeWriter(_Echo())
    labels = status_labels()

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header_row(requirements))
        count = 0
        for row in staff_rows_iter(people=people, requirements=requirements):
            count += 1
            yield writer.writerow(row_values(row, labels=labels))
        _log_export(department=department, user=user, fmt="csv", rows=count)

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    filename = export_filename(
        department=department,
        as_of=as_of,
        extension="csv",
        filters=filters,
        requirements=requirements,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(
    *,
    department: Department,
    requirements: list[Requirement],
    people: QuerySet[User],
    user: User,
    as_of: date,
    filters: StaffFilters | None = None,
) -> FileResponse:
    """The staff list as an Excel workbook, built in openpyxl's write-only mode into a temporary
    file (rows go to disk as they are appended) and streamed from it; the file disappears when
    the response is closed."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Staff")[:31])
    header = header_row(requirements)
    # Write-only sheets take their view and columns before the first row, the filter at the end.
    sheet.freeze_panes = "A2"
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _column_width(index, title)
    sheet.append([_xlsx_cell(sheet, value) for value in header])
    count = 0
    labels = status_labels()
    for row in staff_rows_iter(people=people, requirements=requirements):
        count += 1
        sheet.append([_xlsx_cell(sheet, value) for value in row_values(row, labels=labels)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    handle = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    _log_export(department=department, user=user, fmt="xlsx", rows=count)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=export_filename(
            department=department,
            as_of=as_of,
            extension="xlsx",
            filters=filters,
            requirements=requirements,
        ),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Cache-Control"] = "no-store"
    return response


# Widths in characters of the fixed columns (ID, names, email, job class, supervisor, hired).
_FIXED_WIDTHS = [12, 18, 16, 30, 30, 14, 24, 12]


def _column_width(index: int, title: str) -> int:
    """A fixed column's width, or a requirement column's: room for a status or a date and its
    title, within reason."""
    if index <= len(_FIXED_WIDTHS):
        return _FIXED_WIDTHS[index - 1]
    return min(max(len(title) + 2, 14), 40)


def _xlsx_cell(sheet, value: str | date | None):
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return xlsx_cell(sheet, value)
