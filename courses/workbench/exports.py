"""CSV and Excel exports of a department's filtered staff list.

Both read the people through a database cursor in chunks (`export_rows`: a chunk of people as
plain tuples, and that chunk's current assignments in one query), so a 15,000-row export never
holds the department in memory and builds no model object per row. The CSV is streamed in
chunks of many rows; the workbook is written by openpyxl's write-only mode in a background job
(`courses.workbench.jobs`), which saves it to private storage for the person who asked.

Every cell goes through `lms.spreadsheets` (OWASP "CSV injection"): in the CSV a text value
starting with = + - @ tab or carriage return gets a leading single quote; in the workbook text is
an explicit string cell (Excel never evaluates it and shows no apostrophe), dates are dates.
"""

import logging
from collections.abc import Callable, Iterator
from datetime import date
from itertools import batched, chain

from django.db import connections
from django.db.models import QuerySet
from django.db.models.functions import TruncDate
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from courses.compliance.models import Assignment, AssignmentStatus, Requirement
from courses.workbench.selectors import EXPORT_CHUNK_SIZE, StaffFilters
from lms.spreadsheets import CSV_CONTENT_TYPE, csv_chunks, defused, xlsx_cell, xlsx_row
from lms.users.models import Department, JobClass, User

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows per chunk of the streamed CSV (about 200 kB at 12 requirements).
CSV_ROWS_PER_CHUNK = 500
# What an export reads of each person (see `export_rows`): values, never model objects.
EXPORT_PERSON_FIELDS = (
    "pk",
    "employee_id",
    "last_name",
    "first_name",
    "email",
    "job_class_id",
    "job_class__code",
    "job_class__title",
    "supervisor_id",
    "supervisor__employee_id",
    "supervisor__last_name",
    "supervisor__first_name",
    "hired_on",
)


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


def _same(value):
    return value


class _Days(dict):
    """A day as the database gives it (a date; on SQLite, read without Django's converters, its
    ISO text) -> the date, or its ISO text with `as_text`: worked out once per distinct day (an
    export has few: the same due dates recur thousands of times)."""

    def __init__(self, *, as_text: bool):
        super().__init__()
        self.as_text = as_text

    def __missing__(self, raw: date | str) -> date | str:
        day = raw if isinstance(raw, date) else date.fromisoformat(raw)
        self[raw] = value = day.isoformat() if self.as_text else day
        return value


def _rows_unconverted(queryset: QuerySet) -> list[tuple]:
    """The rows of a `values_list` query as the database driver gives them, without Django's
    per-value converters (for the export, a fifth of its time: 134,000 assignments at 13,900
    people). Dates come as dates on PostgreSQL and as ISO text on SQLite (see `_Days`)."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def export_rows(
    *,
    people: QuerySet[User],
    requirements: list[Requirement],
    text: Callable[[str], str] = _same,
    days_as_text: bool = False,
    chunk_size: int = EXPORT_CHUNK_SIZE,
) -> Iterator[list[str | date | None]]:
    """Every exported row of `people` (in their order), after the header: the person's columns,
    then status, due date and completion date under each of `requirements` ("", None, None
    outside its audience). Text is passed through `text` (e.g. `lms.spreadsheets.defused`);
    dates are dates, or their ISO text with `days_as_text`; blanks are None.

    Reads `chunk_size` people at a time from a database cursor, as tuples, and each chunk's
    current assignments in one query: 1 + one query per chunk, whatever the department's size,
    and memory that does not grow with it.
    """
    tz = timezone.get_current_timezone()
    day = _Days(as_text=days_as_text).__getitem__
    labels = {status: text(label) for status, label in status_labels().items()}
    blank = ("", None, None)
    # One tuple per distinct (status, due, completed) shown, shared by every cell showing it.
    shown: dict[tuple, tuple] = {}
    requirement_ids = [requirement.pk for requirement in requirements]
    column_of = {requirement_id: index for index, requirement_id in enumerate(requirement_ids)}
    # A person's cells, one per requirement, in a list filled as their assignments are read:
    # a row then takes them in one step, not one lookup per requirement (167,000 at 13,900).
    no_cells = (blank,) * len(requirement_ids)
    job_classes: dict[int, str] = {}
    rows = people.values_list(*EXPORT_PERSON_FIELDS).iterator(chunk_size=chunk_size)
    for chunk in batched(rows, chunk_size):
        cells: dict[int, list[tuple]] = {}
        if requirement_ids:
            current = (
                Assignment.objects.filter(
                    user_id__in=[person[0] for person in chunk],
                    requirement_id__in=requirement_ids,
                    is_current=True,
                )
                .order_by()
                # The local day of completion, worked out by the database (as the staff list
                # shows it): a date is cheaper to read than a datetime to convert.
                .annotate(completed_on=TruncDate("completed_at", tzinfo=tz))
                .values_list("user_id", "requirement_id", "status", "due_on", "completed_on")
            )
            for user_id, requirement_id, status, due_on, completed_on in _rows_unconverted(current):
                key = (status, due_on, completed_on)
                cell = shown.get(key)
                if cell is None:
                    cell = shown[key] = (
                        labels[status],
                        day(due_on) if due_on else None,
                        day(completed_on) if completed_on else None,
                    )
                own = cells.get(user_id)
                if own is None:
                    own = cells[user_id] = list(no_cells)
                own[column_of[requirement_id]] = cell
        for (
            pk,
            employee_id,
            last_name,
            first_name,
            email,
            job_class_id,
            job_class_code,
            job_class_title,
            supervisor_id,
            supervisor_employee_id,
            supervisor_last_name,
            supervisor_first_name,
            hired_on,
        ) in chunk:
            if job_class_id is None:
                job_class = ""
            elif (job_class := job_classes.get(job_class_id)) is None:
                # Job class and supervisor as the staff list shows them.
                job_class = str(JobClass(code=job_class_code, title=job_class_title))
                job_classes[job_class_id] = job_class
            if supervisor_id is None:
                supervisor_id_text = supervisor_name = ""
            else:
                supervisor_id_text = supervisor_employee_id or ""
                supervisor_name = f"{supervisor_last_name}, {supervisor_first_name}"
            row: list[str | date | None] = [
                text(employee_id or ""),
                text(last_name),
                text(first_name),
                text(email),
                text(job_class),
                text(supervisor_id_text),
                text(supervisor_name),
                day(hired_on) if hired_on else None,
            ]
            row.extend(chain.from_iterable(cells.get(pk, no_cells)))
            yield row


def log_export(*, department: Department, user_id: int, fmt: str, rows: int) -> None:
    logger.info(
        "staff export: department=%s format=%s rows=%s user=%s",
        department.code,
        fmt,
        rows,
        user_id,
    )


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
    accented names), in chunks of `CSV_ROWS_PER_CHUNK` rows. The export is logged once the last
    row is sent."""
    header = [defused(title) for title in header_row(requirements)]

    def lines() -> Iterator[str]:
        yield "\ufeff" + next(csv_chunks([header]))
        count = 0

        def counted() -> Iterator[list]:
            nonlocal count
            rows = export_rows(
                people=people, requirements=requirements, text=defused, days_as_text=True
            )
            for row in rows:
                count += 1
                yield row

        yield from csv_chunks(counted(), rows_per_chunk=CSV_ROWS_PER_CHUNK)
        log_export(department=department, user_id=user.pk, fmt="csv", rows=count)

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


def xlsx_write(
    handle,
    *,
    requirements: list[Requirement],
    people: QuerySet[User],
    progress: Callable[[int], None] | None = None,
    progress_every: int = 1000,
) -> int:
    """Writes the staff list as an Excel workbook to the binary file `handle`, in openpyxl's
    write-only mode (rows go to a temporary file as they are appended): a frozen, filtered
    header, widths, text as string cells, dates as dates. Calls `progress(rows_done)` every
    `progress_every` rows. Returns the number of rows written after the header."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Staff")[:31])
    header = header_row(requirements)
    # Write-only sheets take their view and columns before the first row, the filter at the end.
    sheet.freeze_panes = "A2"
    for index, title in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _column_width(index, title)
    sheet.append([xlsx_cell(sheet, value) for value in header])
    count = 0
    for row in export_rows(people=people, requirements=requirements):
        sheet.append(xlsx_row(sheet, row))
        count += 1
        if progress is not None and count % progress_every == 0:
            progress(count)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    workbook.save(handle)
    return count


# Widths in characters of the fixed columns (ID, names, email, job class, supervisor, hired).
_FIXED_WIDTHS = [12, 18, 16, 30, 30, 14, 24, 12]


def _column_width(index: int, title: str) -> int:
    """A fixed column's width, or a requirement column's: room for a status or a date and its
    title, within reason."""
    if index <= len(_FIXED_WIDTHS):
        return _FIXED_WIDTHS[index - 1]
    return min(max(len(title) + 2, 14), 40)
