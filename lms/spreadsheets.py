"""Cells a spreadsheet program will not run: the one rule for every CSV and workbook we write.

OWASP's "CSV injection" rule: a text cell that begins with = + - @, a tab or a carriage return
can be taken for a formula by Excel, LibreOffice or Google Sheets (`=HYPERLINK(...)` in a
department name from the roster would become a live link). Every writer of a CSV or a
workbook passes its cells through this module:

- text that begins like a formula gets one leading apostrophe (`defused`), which spreadsheet
  programs read as "this is text";
- numbers stay numbers (a real -3 is not text and is written as it is), dates are ISO dates,
  None is an empty cell;
- in a workbook (`xlsx_cell`) text is written as an explicit string cell, so it is never a
  formula and needs no visible apostrophe: a formula-like string also gets Excel's hidden
  "quote prefix", so editing the cell does not turn it into a formula either.

Pure Python plus openpyxl; no Django, so every app (and the pure analytics modules' callers)
may import it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Every trigger is one character, so "begins like a formula" is a set lookup of the first one
# (an export checks hundreds of thousands of cells).
_TRIGGER_SET = frozenset(FORMULA_TRIGGERS)
# A Table Schema `pattern` (XML Schema regex syntax, anchored by validators) that text passing
# through `defused` always matches: it does not begin like a formula.
NO_FORMULA_PATTERN = r"[^=+\-@\t\r][\s\S]*"
# Characters an XLSX file cannot hold (openpyxl refuses them): control characters other than
# tab, line feed and carriage return.
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")

Number = int | float | Decimal


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could run `text` as a formula."""
    return text[:1] in _TRIGGER_SET


def defused(text: str) -> str:
    """`text`, with one leading apostrophe when it begins like a formula."""
    return f"'{text}" if text[:1] in _TRIGGER_SET else text


def _is_number(value: Any) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def csv_cell(value: Any) -> Any:
    """One CSV cell: None -> "", numbers unchanged, dates ISO, booleans "true"/"false", and
    anything else as defused text."""
    if value is None:
        return ""
    if _is_number(value):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return defused(str(value))


def csv_number(text: str) -> str:
    """The text of a number column (a dashboard's raw figure such as "-3.5"): kept when it is
    a plain decimal number, defused otherwise."""
    return text if _NUMBER_TEXT.fullmatch(text) else defused(text)


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


class SafeWriter:
    """`csv.writer` whose rows go through `csv_cell` (the same arguments as csv.writer)."""

    def __init__(self, stream, *args, **kwargs) -> None:
        self._writer = csv.writer(stream, *args, **kwargs)

    def writerow(self, values: Iterable[Any]):
        return self._writer.writerow(csv_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_chunks(rows: Iterable[Iterable[Any]], *, rows_per_chunk: int = 500) -> Iterator[str]:
    """The CSV text of `rows`, `rows_per_chunk` rows at a time, for a streamed response (one
    string per chunk rather than per row, written by csv.writer in C).

    The cells are written as they are, so they must already be safe: each through `csv_cell`, or,
    where the caller knows a column's type, only its text through `defused` (csv.writer writes
    None as "" and a date as its ISO form, exactly as `csv_cell` does).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    batch: list[Iterable[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= rows_per_chunk:
            writer.writerows(batch)
            batch.clear()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if batch:
        writer.writerows(batch)
    if buffer.tell():
        yield buffer.getvalue()


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose cells (not the header) go through `csv_cell`."""

    def writerow(self, rowdict):
        return super().writerow({key: csv_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


def xlsx_cell(sheet, value: Any):
    """One workbook cell for openpyxl (write-only or not): text as an explicit string cell
    (never a formula, no visible apostrophe, characters XLSX cannot hold removed), numbers as
    numbers, dates as dates shown yyyy-mm-dd, None as an empty cell."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)
    if _is_number(value):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime) else "yyyy-mm-dd"
        return cell
    text = _ILLEGAL_XLSX.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    # openpyxl takes a value starting with "=" for a formula: say it is a string.
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values: Iterable[Any]) -> list[Any]:
    """One row for a write-only sheet, written exactly as `xlsx_cell` writes each value, but
    without a cell object where openpyxl's own handling is the same (a cell object costs about
    ten times a plain value when appended): None, a date (openpyxl shows it yyyy-mm-dd, as
    `xlsx_cell` does) and text that does not begin like a formula go as they are (text without
    the characters XLSX cannot hold); anything else through `xlsx_cell`."""
    row: list[Any] = []
    for value in values:
        if value is None or value == "":
            row.append(None)
        elif type(value) is str:
            # Cleaned first: removing a control character may uncover a formula's first one.
            text = _ILLEGAL_XLSX.sub("", value)
            row.append(text if text[:1] not in _TRIGGER_SET else xlsx_cell(sheet, text))
        elif type(value) is date:
            row.append(value)
        else:
            row.append(xlsx_cell(sheet, value))
    return row
