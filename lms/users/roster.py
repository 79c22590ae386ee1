"""Reading and checking a roster CSV (the city's HR export), without writing to the database.

The file format is the roster contract in DESIGN.md. Checking happens in two steps:

- `read_roster(path)` checks the file as a whole (encoding, header, CSV structure) and raises
  `RosterFileError` with one line of explanation when it cannot be a roster at all; then it checks
  every row on its own and against the other rows of the file (duplicate ids and emails).
- `check_against_database(roster, ...)` checks what depends on the people already stored
  (supervisors, emails owned by someone else, superusers), given plain collections that the
  caller loads once, so that this module stays free of queries.

Reasons never contain an employee's name: only line numbers, employee ids and the offending
value of a non-name column.
"""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from .validators import CODE_RE, CODE_RULE, FORMULA_RULE, starts_like_formula

REQUIRED_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "first_name",
    "last_name",
    "email",
    "department_code",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "department_name",
    "job_class_code",
    "job_class_title",
    "hire_date",
    "supervisor_employee_id",
    "status",
    "preferred_language",
)
ROSTER_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "first_name",
    "last_name",
    "email",
    "department_code",
    "department_name",
    "job_class_code",
    "job_class_title",
    "hire_date",
    "supervisor_employee_id",
    "status",
    "preferred_language",
)

# Field sizes of the models in lms/users/models.py; a longer value would fail at write time.
MAX_LENGTHS: dict[str, int] = {
    "employee_id": 20,
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "department_code": 20,
    "department_name": 200,
    "job_class_code": 20,
    "job_class_title": 200,
    "supervisor_employee_id": 20,
    "preferred_language": 16,
}
# Values of these columns may hold a person's name, so a reason never quotes them.
NAME_COLUMNS = frozenset({"first_name", "last_name"})
# Codes go into web addresses; names and titles into every export (see validators.py).
CODE_COLUMNS = ("department_code", "job_class_code")
LABEL_COLUMNS = ("department_name", "job_class_title")

PROGRESS_EVERY = 5_000

_EMPLOYEE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# C0 and C1 control characters (tab and line breaks included): invisible in a page, refused in
# spreadsheet files; inside a value they come from a damaged or hand-edited export.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# BCP 47 language tag, the common subset: language, optional script, region and variants.
_LANGUAGE_TAG_RE = re.compile(
    r"(?P<language>[a-z]{2,3})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?P<variants>(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*)",
    re.IGNORECASE,
)
_STATUSES = {"active": True, "inactive": False}
_validate_email = EmailValidator()

ProgressCallback = Callable[[str], None]


class RosterFileError(ValueError):
    """The file cannot be read as a roster at all; the message is one line for the operator."""


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that cannot be imported: its line in the file and why.

    `employee_id` is set when the row carried a well-formed one, so that the import can leave
    that person alone (neither update nor deactivate them) when it applies the good rows only.
    """

    line: int
    reason: str
    employee_id: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RosterRow:
    """A valid row, normalised: stripped values, email lowercased, dates parsed."""

    line: int
    employee_id: str
    first_name: str
    last_name: str
    email: str
    department_code: str
    department_name: str = ""
    job_class_code: str = ""
    job_class_title: str = ""
    hired_on: date | None = None
    supervisor_employee_id: str = ""
    is_active: bool = True
    preferred_language: str = ""


@dataclass(slots=True)
class Roster:
    """The rows of one roster file, split into valid and bad ones.

    `columns` are the roster columns the header names: a column the file lacks is left as it is
    in the database, while a blank value in a present column clears the field.
    """

    columns: frozenset[str]
    rows: list[RosterRow] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data rows in the file (blank lines not counted)."""
        return len(self.rows) + len(self.bad_rows)

    @property
    def employee_ids(self) -> set[str]:
        """Every employee id the file mentions on a row, valid or bad."""
        ids = {row.employee_id for row in self.rows}
        ids.update(bad.employee_id for bad in self.bad_rows if bad.employee_id)
        return ids


def read_roster(path: str | Path, *, progress: ProgressCallback | None = None) -> Roster:
    """Read and check a roster CSV file.

    Args:
        path: the CSV file, UTF-8 (a byte-order mark is accepted), with a header row.
        progress: called with a plain line every `PROGRESS_EVERY` rows of a long file.

    Returns:
        The valid rows and the bad rows (line number and reason), in file order.

    Raises:
        RosterFileError: the file cannot be opened, is empty, is not UTF-8, is not CSV text, has
            no header, lacks a required column, or has no data rows.
    """
    text = _decode(_read_bytes(Path(path)))
    records = _records(text)
    header = _first_record(records)
    index = _check_header(header)
    columns = frozenset(index)

    drafts: list[_Draft] = []
    for line, record in records:
        if not any(value.strip() for value in record):
            continue
        drafts.append(_check_record(line, record, index, width=len(header)))
        if progress is not None and len(drafts) % PROGRESS_EVERY == 0:
            progress(f"read {len(drafts)} rows")
    if not drafts:
        raise RosterFileError("the roster has a header but no employee rows; nothing to import")

    _mark_duplicates(drafts, "employee_id", show_value=True)
    # An email can spell out a name, so the line numbers alone point to the duplicates.
    _mark_duplicates(drafts, "email", show_value=False)

    roster = Roster(columns=columns)
    for draft in drafts:
        if draft.problems:
            roster.bad_rows.append(
                BadRow(draft.line, "; ".join(draft.problems), draft.values["employee_id"])
            )
        else:
            roster.rows.append(draft.to_row())
    return roster


def check_against_database(
    roster: Roster,
    *,
    stored_employee_ids: Collection[str],
    email_owners: Mapping[str, str | None],
    superuser_employee_ids: Collection[str] = (),
) -> Roster:
    """Check the valid rows against the people already stored, and against each other.

    A row becomes bad when its supervisor is neither stored nor on a valid row, when its email
    belongs to an account that keeps it after the import (an account without employee id, an
    employee missing from the file, or one whose row is bad), or when it would deactivate a
    superuser. Because a row that turns bad can make others bad (its reports, or whoever
    takes its email), the checks repeat until nothing changes.

    Args:
        roster: the result of `read_roster`.
        stored_employee_ids: employee ids of everyone in the database.
        email_owners: lowercased email -> employee id (None for accounts without one), for
            every account in the database.
        superuser_employee_ids: employee ids of superusers.

    Returns:
        A new `Roster` with the rows that fail these checks moved to `bad_rows`, sorted by line.
    """
    stored = set(stored_employee_ids)
    superusers = set(superuser_employee_ids)
    line_of = {bad.employee_id: bad.line for bad in roster.bad_rows if bad.employee_id}
    valid = {row.employee_id: row for row in roster.rows}
    bad_rows = list(roster.bad_rows)

    def problem(row: RosterRow) -> str | None:
        supervisor = row.supervisor_employee_id
        if supervisor and supervisor not in valid and supervisor not in stored:
            if supervisor in line_of:
                return (
                    f"supervisor_employee_id {supervisor} is on a bad row "
                    f"(line {line_of[supervisor]})"
                )
            return f"supervisor_employee_id {supervisor} is neither in the file nor stored"
        if row.email in email_owners:
            owner = email_owners[row.email]
            if owner is None:
                return "email already belongs to an account without employee_id"
            if owner != row.employee_id:
                if owner in line_of:
                    return (
                        f"email belongs to employee {owner}, whose row is bad "
                        f"(line {line_of[owner]})"
                    )
                if owner not in valid:
                    return f"email already belongs to employee {owner}"
        if not row.is_active and row.employee_id in superusers:
            return f"employee {row.employee_id} is a superuser; the import never deactivates one"
        return None

    while True:
        newly_bad = [(row, reason) for row in valid.values() if (reason := problem(row))]
        if not newly_bad:
            break
        for row, reason in newly_bad:
            del valid[row.employee_id]
            line_of[row.employee_id] = row.line
            bad_rows.append(BadRow(row.line, reason, row.employee_id))

    bad_rows.sort(key=lambda bad: bad.line)
    return replace(roster, rows=list(valid.values()), bad_rows=bad_rows)


# --- the file as a whole ---


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RosterFileError(f"cannot read roster file {str(path)!r}: {exc.strerror}") from exc


def _decode(data: bytes) -> str:
    if not data.strip():
        raise RosterFileError("the roster file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterFileError("the roster file is UTF-16, not UTF-8; save it as 'CSV UTF-8'")
    if data.startswith(b"PK\x03\x04"):
        raise RosterFileError(
            "the roster file is a zip archive or a spreadsheet workbook, not CSV; "
            "export it as 'CSV UTF-8'"
        )
    if b"\x00" in data[:65536]:
        raise RosterFileError("the roster file is binary data, not CSV text")
    # A NUL further on is damage (a bad copy, a file glued to another): no database stores it.
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise RosterFileError(
            f"the roster file is binary data, not CSV text (a NUL byte on line {line})"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RosterFileError(
            f"the roster file is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
            "save it as 'CSV UTF-8'"
        ) from exc
    if not text.strip():
        raise RosterFileError("the roster file is empty")
    return text


# The longest field a roster may hold (csv's default limit): anything longer is a damaged file.
FIELD_SIZE_LIMIT = 131_072


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line where the record starts, fields), following quoted line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last_line = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RosterFileError(f"not a valid CSV file: {exc} (line {reader.line_num})") from exc
        # csv's own field limit is process-wide and other libraries raise it (Frictionless does on
        # import), so the roster holds its own.
        if any(len(value) > FIELD_SIZE_LIMIT for value in record):
            raise RosterFileError(
                f"not a valid CSV file: field larger than field limit ({FIELD_SIZE_LIMIT}) "
                f"(line {reader.line_num})"
            )
        yield last_line + 1, record
        last_line = reader.line_num


def _first_record(records: Iterator[tuple[int, list[str]]]) -> list[str]:
    for _line, record in records:
        if any(value.strip() for value in record):
            return record
    raise RosterFileError("the roster file is empty")


def _check_header(header: list[str]) -> dict[str, int]:
    """Map each roster column the header names to its position."""
    names = [name.strip().lower() for name in header]
    known = set(ROSTER_COLUMNS)
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        if name not in known:
            continue
        if name in index:
            raise RosterFileError(f"the header names column {name!r} twice")
        index[name] = position
    if not index:
        if len(names) == 1:
            for separator in (";", "\t", "|"):
                if set(names[0].split(separator)) & known:
                    raise RosterFileError(
                        f"the roster is separated by {separator!r}, not by commas; "
                        "save it as comma-separated 'CSV UTF-8'"
                    )
            raise RosterFileError(
                "not a roster CSV: the first line is a single field that names no roster column "
                f"(expected a header such as {','.join(REQUIRED_COLUMNS)})"
            )
        raise RosterFileError(
            "the roster has no header row: the first line names none of the roster columns "
            f"(expected {','.join(REQUIRED_COLUMNS)}, ...)"
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in index]
    if missing:
        raise RosterFileError(f"the header lacks required column(s): {', '.join(missing)}")
    return index


# --- one row ---


@dataclass(slots=True)
class _Draft:
    line: int
    values: dict[str, str]
    problems: list[str]
    hired_on: date | None = None
    is_active: bool = True

    def to_row(self) -> RosterRow:
        values = self.values
        return RosterRow(
            line=self.line,
            employee_id=values["employee_id"],
            first_name=values["first_name"],
            last_name=values["last_name"],
            email=values["email"],
            department_code=values["department_code"],
            department_name=values["department_name"],
            job_class_code=values["job_class_code"],
            job_class_title=values["job_class_title"],
            hired_on=self.hired_on,
            supervisor_employee_id=values["supervisor_employee_id"],
            is_active=self.is_active,
            preferred_language=values["preferred_language"],
        )


def _check_record(line: int, record: list[str], index: dict[str, int], *, width: int) -> _Draft:
    values = {
        name: (record[index[name]].strip() if name in index and index[name] < len(record) else "")
        for name in ROSTER_COLUMNS
    }
    draft = _Draft(line=line, values=values, problems=[])
    problems = draft.problems
    if len(record) != width:
        # Values have shifted (often an unquoted comma in a name), so checking them would only
        # quote the wrong columns, perhaps a name; the employee id is kept if it looks like one.
        problems.append(f"has {len(record)} fields, the header has {width}")
        employee_id = values["employee_id"]
        values.update(dict.fromkeys(ROSTER_COLUMNS, ""))
        if _EMPLOYEE_ID_RE.fullmatch(employee_id) and len(employee_id) <= 20:
            values["employee_id"] = employee_id
        return draft

    missing = [name for name in REQUIRED_COLUMNS if not values[name]]
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    for name in ROSTER_COLUMNS:
        if control := _CONTROL_RE.search(values[name]):
            problems.append(f"{name} holds a control character (U+{ord(control[0]):04X})")
            values[name] = ""
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            problems.append(f"{name} longer than {limit} characters")
            if name not in NAME_COLUMNS:
                values[name] = ""

    for name in CODE_COLUMNS:
        code = values[name]
        if code and not CODE_RE.fullmatch(code):
            problems.append(f"bad {name} {code!r} (a code is {CODE_RULE})")
            values[name] = ""
    for name in LABEL_COLUMNS:
        if starts_like_formula(values[name]):
            problems.append(
                f"{name} starts like a spreadsheet formula ({FORMULA_RULE}); "
                "make it start with a letter or digit"
            )

    employee_id = values["employee_id"]
    if employee_id and not _EMPLOYEE_ID_RE.fullmatch(employee_id):
        problems.append(f"bad employee_id {employee_id!r}")
        values["employee_id"] = ""

    email = values["email"].lower()
    values["email"] = email
    if email:
        try:
            _validate_email(email)
        except ValidationError:
            problems.append(f"bad email {_masked_email(email)!r}")
            values["email"] = ""

    hire_date = values["hire_date"]
    if hire_date:
        try:
            if not _ISO_DATE_RE.fullmatch(hire_date):
                raise ValueError(hire_date)
            draft.hired_on = date.fromisoformat(hire_date)
        except ValueError:
            problems.append(f"bad hire_date {hire_date!r} (expected YYYY-MM-DD)")

    supervisor = values["supervisor_employee_id"]
    if supervisor:
        if not _EMPLOYEE_ID_RE.fullmatch(supervisor):
            problems.append(f"bad supervisor_employee_id {supervisor!r}")
        elif supervisor == values["employee_id"]:
            problems.append("supervisor_employee_id is the employee's own id")

    status = values["status"].lower()
    if status:
        if status in _STATUSES:
            draft.is_active = _STATUSES[status]
        else:
            problems.append(f"unknown status {values['status']!r} (expected active or inactive)")

    language = values["preferred_language"]
    if language:
        tag = _normalise_language(language)
        if tag is None:
            problems.append(f"bad preferred_language {language!r} (expected a BCP 47 tag like es)")
        else:
            values["preferred_language"] = tag
    return draft


def _masked_email(email: str) -> str:
    """`ana.reyes@lacity` -> `a…@lacity`: enough to find the mistake, without the name."""
    local, at, domain = email.partition("@")
    return (local[:1] + "…" if len(local) > 1 else local) + at + domain


def _normalise_language(tag: str) -> str | None:
    """`es-mx` -> `es-MX`: a well-formed BCP 47 tag in its usual casing, or None."""
    match = _LANGUAGE_TAG_RE.fullmatch(tag)
    if match is None:
        return None
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    parts.extend(variant.lower() for variant in match["variants"].split("-") if variant)
    return "-".join(parts)


def _mark_duplicates(drafts: list[_Draft], column: str, *, show_value: bool) -> None:
    """Mark every row sharing a value of `column` bad: which one is right cannot be known."""
    lines: defaultdict[str, list[int]] = defaultdict(list)
    for draft in drafts:
        if value := draft.values[column]:
            lines[value].append(draft.line)
    for draft in drafts:
        value = draft.values[column]
        if value and len(lines[value]) > 1:
            others = ", ".join(str(line) for line in lines[value] if line != draft.line)
            shown = f" {value}" if show_value else ""
            draft.problems.append(f"duplicate {column}{shown} in the file (also on line {others})")
