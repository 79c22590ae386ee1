"""The one rule for spreadsheet cells: no text cell may begin like a formula (OWASP CSV
injection); numbers stay numbers; workbook text is a string cell with no visible apostrophe."""

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from lms.spreadsheets import (
    FORMULA_TRIGGERS,
    NO_FORMULA_PATTERN,
    SafeDictWriter,
    SafeWriter,
    csv_cell,
    csv_chunks,
    csv_number,
    defused,
    is_formula_like,
    xlsx_cell,
    xlsx_row,
)

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_one_apostrophe(text):
    assert defused(text) == "'" + text
    assert not is_formula_like(defused(text))


@pytest.mark.parametrize("text", ["Ana", "O'Brien", "", "1368", "a=b", " =1"])
def test_ordinary_text_is_left_alone(text):
    assert defused(text) == text


@given(st.text())
def test_nothing_defused_begins_like_a_formula_and_the_pattern_agrees(text):
    safe = defused(text)
    assert not safe.startswith(FORMULA_TRIGGERS)
    # The datapackage's pattern (anchored as Table Schema validators anchor it).
    assert safe == "" or re.match(f"^{NO_FORMULA_PATTERN}$", safe)
    assert safe in (text, "'" + text)


def test_numbers_stay_numbers_dates_are_iso_and_none_is_empty():
    assert csv_cell(-3) == -3
    assert csv_cell(-2.5) == -2.5
    assert csv_cell(Decimal("-1.25")) == Decimal("-1.25")
    assert csv_cell(True) == "true"
    assert csv_cell(None) == ""
    assert csv_cell(date(2026, 7, 1)) == "2026-07-01"
    assert csv_cell(datetime(2026, 7, 1, 8, 30, tzinfo=UTC)) == "2026-07-01T08:30:00+00:00"
    assert csv_cell("-3") == "'-3"  # text that looks like a number is still text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-3", "-3"), ("-12.5", "-12.5"), ("42", "42"), ("", ""), ("-1+1", "'-1+1")],
)
def test_numeric_text_of_a_number_column_stays_a_number(text, expected):
    assert csv_number(text) == expected


def test_the_writers_defuse_every_cell_and_python_reads_them_back():
    stream = io.StringIO()
    SafeWriter(stream).writerow([*HOSTILE, -3, None])
    fields = ["a", "b"]
    writer = SafeDictWriter(stream, fieldnames=fields)
    writer.writerow({"a": "=1+1", "b": 4})

    first, second = list(csv.reader(io.StringIO(stream.getvalue())))
    assert first == ["'" + text for text in HOSTILE] + ["-3", ""]
    assert second == ["'=1+1", "4"]


def test_workbook_text_is_a_string_cell_without_a_visible_apostrophe():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("S")
    values = [*HOSTILE, "plain", -3, 2.5, date(2026, 7, 1), None, "bell\x07"]
    sheet.append([xlsx_cell(sheet, value) for value in values])
    stream = io.BytesIO()
    book.save(stream)

    cells = next(load_workbook(io.BytesIO(stream.getvalue())).active.iter_rows())
    for cell, text in zip(cells, HOSTILE, strict=False):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    plain, minus, half, day, empty, bell = cells[len(HOSTILE) :]
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("plain", "s", False)
    assert (minus.value, minus.data_type) == (-3, "n")
    assert (half.value, half.data_type) == (2.5, "n")
    assert day.value.date() == date(2026, 7, 1)
    assert day.number_format == "yyyy-mm-dd"
    assert empty.value is None
    assert bell.value == "bell"  # a character XLSX cannot hold is dropped, not a crash


def _saved_cells(write):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("S")
    write(sheet)
    stream = io.BytesIO()
    book.save(stream)
    row = next(load_workbook(io.BytesIO(stream.getvalue())).active.iter_rows())
    return [(c.value, c.data_type, c.quotePrefix, c.number_format) for c in row]


def test_a_workbook_row_is_written_as_cell_by_cell_even_when_cleaning_uncovers_a_formula():
    values = [*HOSTILE, "plain", "", None, -3, 2.5, date(2026, 7, 1), "bell\x07", "\x01=1+1"]
    by_cell = _saved_cells(lambda s: s.append([xlsx_cell(s, value) for value in values]))
    by_row = _saved_cells(lambda s: s.append(xlsx_row(s, values)))
    assert by_row == by_cell
    assert by_row[-1] == ("=1+1", "s", True, "General")  # never a formula


def test_csv_chunks_write_what_the_safe_writer_writes_in_chunks_of_rows():
    rows = [[defused(text), date(2026, 7, 1), None] for text in [*HOSTILE, "plain", "a,b"]]
    expected = io.StringIO()
    SafeWriter(expected).writerows(rows)
    chunks = list(csv_chunks(iter(rows), rows_per_chunk=3))
    assert "".join(chunks) == expected.getvalue()
    assert len(chunks) == 3  # 8 rows: 3, 3 and 2
    assert list(csv_chunks([])) == []
