"""The roster import: `manage.py import_roster`, `roster_import` and the synthetic roster."""

import csv
from collections.abc import Callable, Iterable
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lms.users import roster as roster_module
from lms.users import services as services_module
from lms.users.models import Department, JobClass, User
from lms.users.roster import ROSTER_COLUMNS, check_against_database, read_roster
from lms.users.services import RosterDeactivationRefused, roster_import
from lms.users.synthetic import load_departments, roster_rows, write_roster_csv

# A fixed number of queries per batch of 2,000 rows (2,500 rows make two batches), never per row.
QUERY_BOUND = 30

WriteRoster = Callable[..., Path]


def person(n: int, **overrides: str) -> dict[str, str]:
    """A valid roster row for test person `n`; overrides replace columns."""
    row = {
        "employee_id": str(2_000_000 + n),
        "first_name": "Zenobia",
        "last_name": f"Quillfeather{n}",
        "email": f"person{n}@example.lacity.test",
        "department_code": "GSD",
        "department_name": "General Services",
        "job_class_code": "1368",
        "job_class_title": "Senior Administrative Clerk",
        "hire_date": "2020-01-15",
        "supervisor_employee_id": "",
        "status": "active",
        "preferred_language": "en",
    }
    row.update(overrides)
    return row


def eid(n: int) -> str:
    return str(2_000_000 + n)


@pytest.fixture
def write_roster(tmp_path: Path) -> WriteRoster:
    """Write rows as a roster CSV in tmp_path and return its path."""

    def write(
        rows: Iterable[dict[str, str]],
        *,
        name: str = "roster.csv",
        columns: Iterable[str] = ROSTER_COLUMNS,
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


def run(path: Path, *args: str) -> tuple[str, str]:
    """Run the command; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("import_roster", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path: Path, *args: str) -> tuple[str, str]:
    """Run the command expecting CommandError; return (stdout, the error message)."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_roster", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), str(caught.value)


def counts(out: str) -> dict[str, str]:
    """The `name: value` lines of a report."""
    found = {}
    for line in out.splitlines():
        if ": " in line and not line.startswith("  "):
            name, value = line.split(": ", 1)
            found[name] = value
    return found


def snapshot() -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Everything an import may change, to compare before and after."""
    return (
        list(
            User.objects.order_by("pk").values_list(
                "pk",
                "employee_id",
                "email",
                "first_name",
                "last_name",
                "department_id",
                "job_class_id",
                "hired_on",
                "supervisor_id",
                "preferred_language",
                "is_active",
                "password",
            )
        ),
        list(Department.objects.order_by("pk").values_list("pk", "code", "name")),
        list(JobClass.objects.order_by("pk").values_list("pk", "code", "title")),
    )


# --- a good file ---


@pytest.mark.django_db
def test_good_file_creates_people_departments_and_job_classes(write_roster):
    path = write_roster(
        [
            person(1, email="Ana.Person1@Example.LACITY.test", preferred_language="es"),
            person(
                2,
                department_code="LAPL",
                department_name="Library",
                job_class_code="9184",
                job_class_title="Management Analyst",
            ),
            person(3, department_code="LAPL", department_name="", hire_date=""),
            person(
                4, department_code="ZOO", department_name="", job_class_code="", job_class_title=""
            ),
        ]
    )

    out, _err = run(path)

    report = counts(out)
    assert report["created"] == "4"
    assert report["departments created"] == "3"
    assert report["job classes created"] == "2"
    assert report["changes applied"] == "yes"
    first = User.objects.get(employee_id=eid(1))
    assert first.email == "ana.person1@example.lacity.test"
    assert first.department.code == "GSD"
    assert first.department.name == "General Services"
    assert first.job_class.title == "Senior Administrative Clerk"
    assert first.hired_on == date(2020, 1, 15)
    assert first.preferred_language == "es"
    assert first.is_active
    assert not first.has_usable_password()
    assert not first.is_staff
    assert not first.is_superuser
    assert User.objects.get(employee_id=eid(3)).hired_on is None
    assert Department.objects.get(code="LAPL").name == "Library"
    assert Department.objects.get(code="ZOO").name == "ZOO"
    assert User.objects.get(employee_id=eid(4)).job_class is None
    assert JobClass.objects.get(code="9184").title == "Management Analyst"
    passwords = set(User.objects.values_list("password", flat=True))
    assert len(passwords) == 4


@pytest.mark.django_db
def test_utf8_bom_and_accented_names_are_read(tmp_path):
    path = tmp_path / "bom.csv"
    header = ",".join(ROSTER_COLUMNS)
    line = f"{eid(1)},José,Núñez,jose@example.lacity.test,GSD,,,,,,,"
    path.write_bytes(f"{header}\r\n{line}\r\n".encode("utf-8-sig"))

    run(path)

    assert User.objects.get(employee_id=eid(1)).last_name == "Núñez"


@pytest.mark.django_db
def test_rerun_is_idempotent(write_roster):
    path = write_roster(
        [person(1), person(2, supervisor_employee_id=eid(1)), person(3, department_code="LAPL")]
    )
    run(path)
    before = snapshot()

    out, _err = run(path)

    report = counts(out)
    assert report["unchanged"] == "3"
    for name in ("created", "updated", "deactivated", "reactivated", "departments created"):
        assert report[name] == "0"
    assert report["changes applied"] == "yes (nothing needed changing)"
    assert snapshot() == before


@pytest.mark.django_db
def test_changed_row_updates_the_employee(write_roster):
    run(write_roster([person(1), person(2)]))

    out, _err = run(
        write_roster(
            [
                person(
                    1,
                    last_name="Renamed",
                    department_code="LAPL",
                    hire_date="2021-03-01",
                    preferred_language="es-mx",
                    job_class_code="",
                ),
                person(2),
            ]
        )
    )

    report = counts(out)
    assert report["updated"] == "1"
    assert report["unchanged"] == "1"
    assert report["departments created"] == "1"
    first = User.objects.get(employee_id=eid(1))
    assert first.last_name == "Renamed"
    assert first.department.code == "LAPL"
    assert first.hired_on == date(2021, 3, 1)
    assert first.preferred_language == "es-MX"
    assert first.job_class is None


@pytest.mark.django_db
def test_column_absent_from_the_file_keeps_stored_values(write_roster):
    run(write_roster([person(1)]))
    columns = [c for c in ROSTER_COLUMNS if c not in {"hire_date", "job_class_code"}]

    out, _err = run(write_roster([person(1)], columns=columns))

    assert counts(out)["unchanged"] == "1"
    first = User.objects.get(employee_id=eid(1))
    assert first.hired_on == date(2020, 1, 15)
    assert first.job_class.code == "1368"


@pytest.mark.django_db
def test_missing_person_is_marked_inactive_never_deleted_and_reactivated_when_back(
    write_roster,
):
    run(write_roster([person(1), person(2), person(3)]))

    out, _err = run(write_roster([person(1), person(2)]), "--allow-mass-deactivation", "1")

    assert counts(out)["deactivated"] == "1"
    gone = User.objects.get(employee_id=eid(3))
    assert not gone.is_active
    assert User.objects.count() == 3

    out, _err = run(write_roster([person(1), person(2), person(3)]))

    assert counts(out)["reactivated"] == "1"
    assert User.objects.get(employee_id=eid(3)).is_active


@pytest.mark.django_db
def test_status_inactive_deactivates_and_active_reactivates(write_roster):
    run(write_roster([person(1), person(2)]))

    out, _err = run(
        write_roster([person(1, status="Inactive"), person(2)]), "--allow-mass-deactivation=1"
    )

    assert counts(out)["deactivated"] == "1"
    assert not User.objects.get(employee_id=eid(1)).is_active

    out, _err = run(write_roster([person(1, status=""), person(2)]))

    assert counts(out)["reactivated"] == "1"
    assert User.objects.get(employee_id=eid(1)).is_active


@pytest.mark.django_db
def test_dry_run_changes_nothing_and_reports_what_would_change(write_roster):
    run(write_roster([person(1), person(2), person(3), person(4, status="inactive")]))
    before = snapshot()
    path = write_roster(
        [
            person(1),
            person(2, last_name="Changed"),
            person(4),
            person(5, department_code="NEW"),
        ]
    )

    out, _err = run(path, "--dry-run", "--allow-mass-deactivation=1")

    report = counts(out)
    assert report["created"] == "1"
    assert report["updated"] == "1"
    assert report["unchanged"] == "1"
    assert report["deactivated"] == "1"
    assert report["reactivated"] == "1"
    assert report["departments created"] == "1"
    assert report["changes applied"].startswith("no (dry run")
    assert snapshot() == before


# --- bad rows ---

BAD_ROWS = [
    pytest.param({"first_name": ""}, "line 3: missing first_name", id="missing-first-name"),
    pytest.param(
        {"email": "", "department_code": " "},
        "line 3: missing email, department_code",
        id="missing-two-values",
    ),
    pytest.param({"email": "x@"}, "line 3: bad email 'x@'", id="bad-email"),
    pytest.param({"email": "a b@example.org"}, "line 3: bad email", id="email-with-space"),
    pytest.param({"status": "retired"}, "line 3: unknown status 'retired'", id="unknown-status"),
    pytest.param(
        {"hire_date": "2019-13-01"}, "line 3: bad hire_date '2019-13-01'", id="impossible-date"
    ),
    pytest.param(
        {"hire_date": "07/15/2019"}, "line 3: bad hire_date '07/15/2019'", id="us-style-date"
    ),
    pytest.param(
        {"supervisor_employee_id": "9999999"},
        "line 3: supervisor_employee_id 9999999 is neither in the file nor stored",
        id="unknown-supervisor",
    ),
    pytest.param(
        {"supervisor_employee_id": eid(2)},
        "line 3: supervisor_employee_id is the employee's own id",
        id="own-supervisor",
    ),
    pytest.param(
        {"preferred_language": "spanish"},
        "line 3: bad preferred_language 'spanish'",
        id="bad-language",
    ),
    pytest.param({"employee_id": "12 34"}, "line 3: bad employee_id '12 34'", id="bad-employee-id"),
    pytest.param(
        {"department_code": "X" * 21},
        "line 3: department_code longer than 20 characters",
        id="too-long-code",
    ),
    # Codes are part of web addresses (/liaison/<code>/): only letters, digits, - and _.
    pytest.param(
        {"department_code": "SEC REL"},
        "line 3: bad department_code 'SEC REL'",
        id="department-code-with-space",
    ),
    pytest.param(
        {"department_code": "SEC/REL"},
        "line 3: bad department_code 'SEC/REL'",
        id="department-code-with-slash",
    ),
    pytest.param(
        {"department_code": "SÉCREL"},
        "line 3: bad department_code 'SÉCREL'",
        id="department-code-not-ascii",
    ),
    pytest.param(
        {"department_code": "-SEC"},
        "line 3: bad department_code '-SEC'",
        id="department-code-leading-dash",
    ),
    pytest.param(
        {"job_class_code": "13 68"},
        "line 3: bad job_class_code '13 68'",
        id="job-class-code-with-space",
    ),
    pytest.param(
        {"job_class_code": "1368/A"},
        "line 3: bad job_class_code '1368/A'",
        id="job-class-code-with-slash",
    ),
    # Names that a spreadsheet would run as a formula when opened from an export.
    pytest.param(
        {"department_code": "NEW", "department_name": '=HYPERLINK("http://x.test","Click")'},
        "line 3: department_name starts like a spreadsheet formula",
        id="department-name-formula",
    ),
    pytest.param(
        {"department_code": "NEW", "department_name": "   @SUM(A1)"},
        "line 3: department_name starts like a spreadsheet formula",
        id="department-name-at-after-spaces",
    ),
    pytest.param(
        {"department_name": "+1 Services"},
        "line 3: department_name starts like a spreadsheet formula",
        id="department-name-plus-existing-code",
    ),
    pytest.param(
        {"job_class_title": "-2+3"},
        "line 3: job_class_title starts like a spreadsheet formula",
        id="job-class-title-minus",
    ),
    pytest.param(
        {"job_class_title": "\t=cmd"},
        "line 3: job_class_title starts like a spreadsheet formula",
        id="job-class-title-tab-then-formula",
    ),
    # Control characters: invisible, and refused by spreadsheet files and some tools.
    pytest.param(
        {"last_name": "Quill\x1bfeather"},
        "line 3: last_name holds a control character (U+001B)",
        id="escape-in-a-name",
    ),
    pytest.param(
        {"department_name": "General\nServices"},
        "line 3: department_name holds a control character (U+000A)",
        id="line-break-in-a-name",
    ),
    pytest.param(
        {"job_class_title": "Cl\x0cerk"},
        "line 3: job_class_title holds a control character (U+000C)",
        id="form-feed",
    ),
    pytest.param(
        {"department_name": "\u00a0=1"},
        "line 3: department_name starts like a spreadsheet formula",
        id="department-name-nbsp-then-formula",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("override", "expected"), BAD_ROWS)
def test_each_bad_row_is_reported_with_line_and_reason_and_nothing_changes(
    write_roster, override, expected
):
    before = snapshot()
    path = write_roster([person(1), person(2, **override), person(3)])

    out, error = run_failing(path)

    assert expected in out
    assert counts(out)["bad rows"] == "1"
    assert counts(out)["changes applied"].startswith("no (the file has bad rows")
    assert "1 bad rows" in error
    assert "\n" not in error
    assert snapshot() == before


@pytest.mark.django_db
def test_duplicate_employee_id_and_email_in_the_file_mark_every_copy(write_roster):
    path = write_roster(
        [
            person(1),
            person(2, employee_id=eid(1)),
            person(3, email="SHARED@example.lacity.test"),
            person(4, email="shared@example.lacity.test"),
        ]
    )

    out, _error = run_failing(path)

    assert f"line 2: duplicate employee_id {eid(1)} in the file (also on line 3)" in out
    assert f"line 3: duplicate employee_id {eid(1)} in the file (also on line 2)" in out
    assert "line 4: duplicate email in the file (also on line 5)" in out
    assert "line 5: duplicate email in the file (also on line 4)" in out
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_email_of_another_employee_in_the_database_is_a_bad_row(write_roster):
    run(write_roster([person(1), person(2)]))
    before = snapshot()

    out, _error = run_failing(
        write_roster([person(2), person(3, email="PERSON1@example.lacity.test")])
    )

    assert f"line 3: email already belongs to employee {eid(1)}" in out
    assert snapshot() == before


@pytest.mark.django_db
def test_email_of_an_account_without_employee_id_is_a_bad_row(write_roster):
    User.objects.create_superuser(email="admin@example.lacity.test", password="x" * 16)

    out, _error = run_failing(write_roster([person(1, email="Admin@example.lacity.test")]))

    assert "line 2: email already belongs to an account without employee_id" in out
    assert User.objects.filter(employee_id__isnull=False).count() == 0


@pytest.mark.django_db
def test_row_pointing_at_a_bad_row_is_bad_too(write_roster):
    path = write_roster(
        [person(1, email="x@"), person(2, supervisor_employee_id=eid(1)), person(3)]
    )

    out, _error = run_failing(path)

    assert "line 2: bad email 'x@'" in out
    assert f"line 3: supervisor_employee_id {eid(1)} is on a bad row (line 2)" in out
    assert counts(out)["bad rows"] == "2"


@pytest.mark.django_db
def test_row_with_wrong_number_of_fields_is_bad(tmp_path):
    path = tmp_path / "short.csv"
    header = ",".join(ROSTER_COLUMNS)
    good = f"{eid(1)},Zenobia,Q,p1@example.lacity.test,GSD,,,,,,,"
    path.write_text(f"{header}\n{good}\n{eid(2)},Zenobia,Q,p2@example.lacity.test\n")

    out, _error = run_failing(path)

    assert "line 3: has 4 fields, the header has 12" in out
    assert "missing" not in out
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_reports_never_show_names(write_roster):
    path = write_roster(
        [
            person(1, first_name="Hortensia", last_name="Vandersloot", email="x@"),
            person(2, first_name="Hortensia", last_name="Y" * 151),
            person(3, first_name="Hortensia", last_name="Vandersloot"),
            person(4, first_name="Hortensia", email="hortensia.vandersloot@"),
        ]
    )
    # An unquoted comma in a name shifts every later column by one.
    text = path.read_text()
    path.write_text(
        text + f"{eid(5)},Vandersloot, Jr.,Hortensia,h@example.lacity.test,GSD,,,,,,,\n"
    )

    out, error = run_failing(path)

    assert "line 3: last_name longer than 150 characters" in out
    assert "line 5: bad email 'h…@'" in out
    assert "line 6: has 13 fields, the header has 12" in out
    assert "Hortensia" not in out + error
    assert "Vandersloot" not in out + error
    assert "YYYY" not in out + error


# --- --apply-valid ---


@pytest.mark.django_db
def test_apply_valid_applies_good_rows_and_leaves_people_on_bad_rows_alone(write_roster):
    run(write_roster([person(1), person(2), person(3)]))
    second_before = User.objects.get(employee_id=eid(2))

    out, _err = run(
        write_roster(
            [
                person(1, last_name="Updated"),
                person(2, last_name="Ignored", status="nonsense"),
                person(4),
            ]
        ),
        "--apply-valid",
        "--allow-mass-deactivation=1",
    )

    report = counts(out)
    assert report["created"] == "1"
    assert report["updated"] == "1"
    assert report["deactivated"] == "1"
    assert report["bad rows"] == "1"
    assert "line 3: unknown status 'nonsense'" in out
    assert report["changes applied"].startswith("yes (valid rows only, 1 bad rows left out")
    assert User.objects.get(employee_id=eid(1)).last_name == "Updated"
    assert User.objects.filter(employee_id=eid(4)).exists()
    assert not User.objects.get(employee_id=eid(3)).is_active
    second = User.objects.get(employee_id=eid(2))
    assert second.is_active
    assert second.last_name == second_before.last_name


@pytest.mark.django_db
def test_apply_valid_with_dry_run_changes_nothing(write_roster):
    run(write_roster([person(1)]))
    before = snapshot()

    out, _err = run(
        write_roster([person(1, last_name="New"), person(2, email="x@")]),
        "--apply-valid",
        "--dry-run",
    )

    assert counts(out)["updated"] == "1"
    assert snapshot() == before


# --- files that are not a roster ---

HEADER = ",".join(ROSTER_COLUMNS)
ROW = f"{eid(9)},Zenobia,Quill,p9@example.lacity.test,GSD,,,,,,,"
# About 90 KiB of good rows.
LONG_LINES = 1_500
LONG_BODY = "".join(
    f"{eid(10 + n)},Zenobia,Quill,p{10 + n}@example.lacity.test,GSD,,,,,,,\n"
    for n in range(LONG_LINES)
)

BAD_FILES = [
    pytest.param(
        f"{HEADER}\n{eid(9)},Peña,Quill,p9@example.lacity.test,GSD,,,,,,,\n".encode("latin-1"),
        "not UTF-8 (byte 0xf1 on line 2)",
        id="latin-1",
    ),
    pytest.param(f"{HEADER}\n{ROW}\n".encode("utf-16"), "UTF-16", id="utf-16"),
    pytest.param(f"{ROW}\n{ROW}\n".encode(), "no header row", id="no-header"),
    pytest.param(
        f"{HEADER.replace('email,', '')}\n".encode() + b"1,A,B,GSD,,,,,,,\n",
        "lacks required column(s): email",
        id="missing-column",
    ),
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"\xef\xbb\xbf\r\n\r\n", "empty", id="bom-and-blank-lines"),
    pytest.param(f"{HEADER}\n".encode(), "no employee rows", id="header-only"),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data, not CSV", id="binary"
    ),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "not CSV", id="xlsx"),
    pytest.param(
        b"lorem ipsum\ndolor sit amet\nconsectetur\n", "single field", id="one-column-junk"
    ),
    pytest.param(
        HEADER.replace(",", ";").encode() + b"\n1;A;B;c@d.org;GSD;;;;;;;\n",
        "separated by ';'",
        id="semicolons",
    ),
    pytest.param(
        f'{HEADER}\n{eid(9)},"Zenobia,Quill,p9@example.lacity.test\n'.encode(),
        "not a valid CSV file",
        id="unclosed-quote",
    ),
    # Damage far into a long file, past what a quick look at its start would catch.
    pytest.param(
        f"{HEADER}\n{LONG_BODY}{eid(9)},Zeno\x00bia,Quill,p9@example.lacity.test,GSD,,,,,,,\n".encode(),
        f"binary data, not CSV text (a NUL byte on line {LONG_LINES + 2})",
        id="nul-after-64-kib",
    ),
    pytest.param(
        f"{HEADER}\n{LONG_BODY}".encode() + "9,Pe\u00f1a,Q,p@x.test,GSD,,,,,,,\n".encode("latin-1"),
        f"not UTF-8 (byte 0xf1 on line {LONG_LINES + 2})",
        id="latin-1-after-64-kib",
    ),
    pytest.param(
        f"{HEADER}\n{LONG_BODY}".encode() + b"\x00" * 70_000,
        f"binary data, not CSV text (a NUL byte on line {LONG_LINES + 2})",
        id="binary-tail",
    ),
    pytest.param(
        f'{HEADER}\n{eid(9)},"{"Z" * 200_000}",Quill,p9@example.lacity.test,GSD,,,,,,,\n'.encode(),
        "not a valid CSV file: field larger than field limit",
        id="huge-field",
    ),
    pytest.param(
        f"{HEADER}\n{eid(9)},{'Z' * 200_000},Quill,p9@example.lacity.test,GSD,,,,,,,\n".encode(),
        "not a valid CSV file: field larger than field limit",
        id="huge-unquoted-line",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "expected"), BAD_FILES)
def test_unreadable_file_is_one_clear_error_and_changes_nothing(
    tmp_path, write_roster, content, expected
):
    run(write_roster([person(1)], name="first.csv"))
    before = snapshot()
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    out, error = run_failing(path)

    assert expected in error
    assert "\n" not in error
    assert out == ""
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [param.values[0] for param in BAD_FILES if param.id in ("huge-field", "huge-unquoted-line")],
)
def test_a_huge_field_is_refused_even_after_another_library_raised_csvs_limit(
    tmp_path, write_roster, content
):
    import csv

    run(write_roster([person(1)], name="first.csv"))
    before = snapshot()
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    previous = csv.field_size_limit(10**9)  # as frictionless does when it is imported
    try:
        _out, error = run_failing(path)
    finally:
        csv.field_size_limit(previous)
    assert "field larger than field limit" in error
    assert snapshot() == before


@pytest.mark.django_db
def test_missing_file_is_one_clear_error(tmp_path):
    _out, error = run_failing(tmp_path / "nope.csv")

    assert "cannot read roster file" in error
    assert "\n" not in error


# --- people the import must not touch ---


@pytest.mark.django_db
def test_admin_without_employee_id_is_never_deactivated(write_roster):
    admin = User.objects.create_superuser(email="admin@example.lacity.test", password="x" * 16)
    staff = User.objects.create_user(email="ore@example.lacity.test")
    run(write_roster([person(1)]))

    out, _err = run(write_roster([person(2)]), "--allow-mass-deactivation=1")

    assert counts(out)["deactivated"] == "1"
    admin.refresh_from_db()
    staff.refresh_from_db()
    assert admin.is_active
    assert staff.is_active


@pytest.mark.django_db
def test_superuser_with_employee_id_is_never_deactivated(write_roster):
    run(write_roster([person(1), person(2)]))
    User.objects.filter(employee_id=eid(1)).update(is_superuser=True)

    out, _err = run(write_roster([person(2)]))

    assert counts(out)["deactivated"] == "0"
    assert User.objects.get(employee_id=eid(1)).is_active

    out, _error = run_failing(write_roster([person(1, status="inactive"), person(2)]))

    assert f"line 2: employee {eid(1)} is a superuser" in out
    assert User.objects.get(employee_id=eid(1)).is_active


# --- a file that would deactivate many people (a truncated HR export) ---


@pytest.fixture
def forty_people(write_roster) -> list[dict[str, str]]:
    rows = [person(n) for n in range(1, 41)]
    run(write_roster(rows, name="full.csv"))
    return rows


@pytest.mark.django_db
def test_truncated_file_that_would_deactivate_most_people_is_refused_and_changes_nothing(
    write_roster, forty_people
):
    before = snapshot()

    out, error = run_failing(write_roster(forty_people[:1], name="truncated.csv"))

    assert "refused" in error
    assert "would deactivate 39 of 40 active employees (97.5%)" in error
    assert "more than the limit of 5% (2 employees)" in error
    assert "--dry-run" in error
    assert "--allow-mass-deactivation=39" in error
    assert "\n" not in error
    assert counts(out)["deactivated"] == "39"
    assert counts(out)["changes applied"].startswith("no (")
    assert snapshot() == before
    assert User.objects.filter(is_active=True).count() == 40


@pytest.mark.django_db
def test_dry_run_shows_the_count_and_says_a_real_import_would_be_refused(
    write_roster, forty_people
):
    before = snapshot()

    out, error = run_failing(write_roster(forty_people[:1]), "--dry-run")

    assert counts(out)["deactivated"] == "39"
    assert counts(out)["deactivation limit"] == "2 of 40 active employees (5%)"
    assert "a real import would be refused" in error
    assert "--allow-mass-deactivation=39" in error
    assert snapshot() == before


@pytest.mark.django_db
def test_confirmed_count_lets_the_mass_deactivation_through(write_roster, forty_people):
    path = write_roster(forty_people[:1])
    out, _err = run(path, "--dry-run", "--allow-mass-deactivation=39")
    assert counts(out)["changes applied"].startswith("no (dry run")

    out, _err = run(path, "--allow-mass-deactivation=39")

    assert counts(out)["deactivated"] == "39"
    assert counts(out)["changes applied"] == "yes"
    assert User.objects.filter(is_active=True).count() == 1


@pytest.mark.django_db
def test_confirmed_count_lower_than_the_real_one_is_refused(write_roster, forty_people):
    before = snapshot()

    _out, error = run_failing(write_roster(forty_people[:1]), "--allow-mass-deactivation=20")

    assert "would deactivate 39 of 40 active employees" in error
    assert "confirmed only 20" in error
    assert snapshot() == before


@pytest.mark.django_db
def test_deactivations_up_to_the_limit_need_no_confirmation(write_roster, forty_people):
    out, _err = run(write_roster(forty_people[:38]))

    assert counts(out)["deactivated"] == "2"
    assert User.objects.filter(is_active=True).count() == 38

    before = snapshot()
    _out, error = run_failing(write_roster(forty_people[:35]))

    assert "would deactivate 3 of 38 active employees" in error
    assert snapshot() == before


@pytest.mark.django_db
def test_rows_marked_inactive_count_towards_the_limit(write_roster, forty_people):
    rows = [person(n, status="inactive") if n > 30 else person(n) for n in range(1, 41)]

    _out, error = run_failing(write_roster(rows))

    assert "would deactivate 10 of 40 active employees (25%)" in error


@pytest.mark.django_db
def test_the_limit_is_a_setting(write_roster, forty_people, settings):
    settings.ROSTER_MAX_DEACTIVATION_PERCENT = 50

    out, _err = run(write_roster(forty_people[:21]))

    assert counts(out)["deactivated"] == "19"
    assert counts(out)["deactivation limit"] == "20 of 40 active employees (50%)"

    settings.ROSTER_MAX_DEACTIVATION_PERCENT = 0
    _out, error = run_failing(write_roster(forty_people[:20]))

    assert "more than the limit of 0% (0 employees)" in error


@pytest.mark.django_db
def test_service_refuses_a_mass_deactivation_for_every_caller(write_roster, forty_people):
    before = snapshot()

    with pytest.raises(RosterDeactivationRefused) as refused:
        roster_import(path=write_roster(forty_people[:1]))

    assert refused.value.report.deactivated == 39
    assert not refused.value.report.applied
    assert snapshot() == before


@pytest.mark.django_db
def test_bad_allow_mass_deactivation_value_is_refused(write_roster, forty_people):
    with pytest.raises(CommandError, match="allow-mass-deactivation"):
        call_command(
            "import_roster",
            str(write_roster(forty_people)),
            "--allow-mass-deactivation=-1",
            stdout=StringIO(),
            stderr=StringIO(),
        )


# --- supervisors ---


@pytest.mark.django_db
def test_supervisors_are_linked_in_the_file_and_in_the_database(write_roster):
    run(write_roster([person(1)]))

    run(
        write_roster(
            [
                person(1),
                person(2, supervisor_employee_id=eid(4)),  # named before their supervisor
                person(3, supervisor_employee_id=eid(1)),  # supervisor already stored
                person(4, supervisor_employee_id=eid(3)),  # a chain of new people
                person(5, supervisor_employee_id=eid(6)),  # a loop between two new people
                person(6, supervisor_employee_id=eid(5)),
            ]
        )
    )

    def supervisor_of(n: int) -> str | None:
        supervisor = User.objects.get(employee_id=eid(n)).supervisor
        return supervisor.employee_id if supervisor else None

    assert supervisor_of(1) is None
    assert supervisor_of(2) == eid(4)
    assert supervisor_of(3) == eid(1)
    assert supervisor_of(4) == eid(3)
    assert supervisor_of(5) == eid(6)
    assert supervisor_of(6) == eid(5)


@pytest.mark.django_db
def test_supervisor_change_and_removal_count_as_updates(write_roster):
    run(write_roster([person(1), person(2), person(3, supervisor_employee_id=eid(1))]))

    out, _err = run(
        write_roster(
            [person(1, supervisor_employee_id=eid(2)), person(2), person(3)],
        )
    )

    assert counts(out)["updated"] == "2"
    assert User.objects.get(employee_id=eid(1)).supervisor.employee_id == eid(2)
    assert User.objects.get(employee_id=eid(3)).supervisor is None


@pytest.mark.django_db
def test_supervisor_stored_but_missing_from_the_file_is_accepted(write_roster):
    run(write_roster([person(1), person(2)]))

    out, _err = run(
        write_roster([person(2, supervisor_employee_id=eid(1))]), "--allow-mass-deactivation=1"
    )

    assert counts(out)["deactivated"] == "1"
    assert User.objects.get(employee_id=eid(2)).supervisor.employee_id == eid(1)


# --- emails ---


@pytest.mark.django_db
def test_emails_are_case_insensitive_and_stored_lowercased(write_roster):
    run(write_roster([person(1, email="Mixed.Case@Example.LACITY.test")]))

    assert User.objects.get(employee_id=eid(1)).email == "mixed.case@example.lacity.test"

    out, _err = run(write_roster([person(1, email="MIXED.CASE@example.lacity.test")]))

    assert counts(out)["unchanged"] == "1"


@pytest.mark.django_db
def test_stored_mixed_case_email_is_lowercased_by_the_import(write_roster):
    # Accounts made outside the import may hold a mixed-case email.
    user = User.objects.create_user(email="x@example.org", employee_id=eid(1))
    User.objects.filter(pk=user.pk).update(email="Person1@Example.LACITY.test")

    out, _err = run(write_roster([person(1)]))

    assert counts(out)["updated"] == "1"
    assert User.objects.get(employee_id=eid(1)).email == "person1@example.lacity.test"


@pytest.mark.django_db
def test_two_employees_can_swap_emails_in_one_import(write_roster):
    run(write_roster([person(1), person(2)]))

    out, _err = run(
        write_roster(
            [
                person(1, email="person2@example.lacity.test"),
                person(2, email="person1@example.lacity.test"),
                person(3, email="person9@example.lacity.test"),
            ]
        )
    )

    assert counts(out)["updated"] == "2"
    assert User.objects.get(employee_id=eid(1)).email == "person2@example.lacity.test"
    assert User.objects.get(employee_id=eid(2)).email == "person1@example.lacity.test"


@pytest.mark.django_db
def test_new_employee_can_take_an_email_freed_in_the_same_file(write_roster):
    run(write_roster([person(1)]))

    run(
        write_roster(
            [
                person(1, email="renamed@example.lacity.test"),
                person(2, email="person1@example.lacity.test"),
            ]
        )
    )

    assert User.objects.get(employee_id=eid(2)).email == "person1@example.lacity.test"
    assert User.objects.get(employee_id=eid(1)).email == "renamed@example.lacity.test"


# --- scale ---


def wide_roster(n: int) -> list[dict[str, str]]:
    """n people over 5 departments and 3 job classes, each reporting to their department's first."""
    rows = []
    for i in range(n):
        department = f"D{i % 5}"
        first_of_department = eid(i % 5)
        rows.append(
            person(
                i,
                department_code=department,
                job_class_code=f"J{i % 3}",
                supervisor_employee_id="" if i < 5 else first_of_department,
            )
        )
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize("n", [20, 200, 2_500])
def test_query_count_does_not_grow_with_rows(write_roster, django_assert_max_num_queries, n):
    stale = User.objects.create_user(email="old@example.lacity.test", employee_id="1")
    first = write_roster(wide_roster(n), name="first.csv")
    with django_assert_max_num_queries(QUERY_BOUND):
        roster_import(path=first, allow_mass_deactivation=1)
    # Everyone changes name and supervisor: both update passes run over every row.
    second = write_roster(
        [
            {
                **row,
                "last_name": "Again",
                "supervisor_employee_id": eid(5 + i % 5) if i >= 10 else "",
            }
            for i, row in enumerate(wide_roster(n))
        ],
        name="second.csv",
    )
    with django_assert_max_num_queries(QUERY_BOUND):
        report = roster_import(path=second)

    assert report.updated == n
    assert User.objects.filter(last_name="Again").count() == n
    assert User.objects.filter(supervisor__employee_id=eid(5)).count() == len(range(10, n, 5))
    stale.refresh_from_db()
    assert not stale.is_active


@pytest.mark.django_db
def test_service_reports_progress_only_for_long_files(write_roster, monkeypatch):
    monkeypatch.setattr(roster_module, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(services_module, "PROGRESS_EVERY", 10)
    lines: list[str] = []

    roster_import(path=write_roster(wide_roster(5), name="short.csv"), progress=lines.append)

    assert lines == []

    roster_import(path=write_roster(wide_roster(25), name="long.csv"), progress=lines.append)

    assert "read 10 rows" in lines
    assert "read 20 rows" in lines
    assert any(line.startswith("created employees: ") for line in lines)


@pytest.mark.django_db
def test_service_returns_the_report(write_roster):
    report = roster_import(path=write_roster([person(1), person(2, email="x@")]), apply_valid=True)

    assert report.applied
    assert report.created == 1
    assert report.rows_read == 2
    assert [str(bad) for bad in report.bad_rows] == ["line 3: bad email 'x@'"]
    assert report.bad_rows[0].employee_id == eid(2)


# --- pure parts ---


def test_read_roster_normalises_values(write_roster):
    roster = read_roster(
        write_roster(
            [person(1, email=" A@B.ORG ", preferred_language="ZH-hant-tw", status=" ACTIVE ")]
        )
    )

    assert roster.bad_rows == []
    (row,) = roster.rows
    assert row.email == "a@b.org"
    assert row.preferred_language == "zh-Hant-TW"
    assert row.is_active
    assert row.line == 2


def test_check_against_database_cascades_through_bad_rows(write_roster):
    roster = read_roster(
        write_roster(
            [
                person(1, supervisor_employee_id="777"),
                person(2, supervisor_employee_id=eid(1)),
                person(3, supervisor_employee_id=eid(2)),
                person(4, supervisor_employee_id="888"),
            ]
        )
    )

    checked = check_against_database(
        roster, stored_employee_ids={"888"}, email_owners={}, superuser_employee_ids=()
    )

    assert [row.employee_id for row in checked.rows] == [eid(4)]
    assert [str(bad) for bad in checked.bad_rows] == [
        "line 2: supervisor_employee_id 777 is neither in the file nor stored",
        f"line 3: supervisor_employee_id {eid(1)} is on a bad row (line 2)",
        f"line 4: supervisor_employee_id {eid(2)} is on a bad row (line 3)",
    ]


# --- synthetic roster ---


def test_synthetic_roster_is_deterministic_and_fictional():
    departments = load_departments()
    rows = list(roster_rows(2_000, seed=7, departments=departments))

    assert rows == list(roster_rows(2_000, seed=7, departments=departments))
    assert rows != list(roster_rows(2_000, seed=8, departments=departments))
    assert len(departments) == 44
    assert rows[0]["employee_id"] == "1000001"
    assert [row["employee_id"] for row in rows] == [str(1_000_001 + i) for i in range(2_000)]
    position = {row["employee_id"]: i for i, row in enumerate(rows)}
    with_supervisor = [row for row in rows if row["supervisor_employee_id"]]
    assert len(with_supervisor) > 0.8 * len(rows)
    for row in with_supervisor:
        supervisor = rows[position[row["supervisor_employee_id"]]]
        assert position[supervisor["employee_id"]] < position[row["employee_id"]]
        assert supervisor["department_code"] == row["department_code"]
    for row in rows:
        assert row["email"].endswith(f".{row['employee_id']}@demo.lacity.test")
        assert row["email"].isascii()
        assert row["status"] == "active"
        assert "1990-01-01" <= row["hire_date"] <= "2026-12-31"
    spanish = sum(row["preferred_language"] == "es" for row in rows) / len(rows)
    assert 0.10 < spanish < 0.20
    by_department = {}
    for row in rows:
        by_department[row["department_code"]] = by_department.get(row["department_code"], 0) + 1
    assert max(by_department, key=by_department.get) == "LAPD"
    assert len({row["job_class_code"] for row in rows}) >= 8


@pytest.mark.django_db
def test_synthetic_roster_imports_without_bad_rows(tmp_path):
    path = tmp_path / "synthetic.csv"
    assert write_roster_csv(path, roster_rows(300)) == 300

    report = roster_import(path=path)

    assert report.bad_rows == []
    assert report.created == 300
    assert User.objects.filter(supervisor__isnull=False).count() > 250
