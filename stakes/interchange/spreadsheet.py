"""A spreadsheet's cells with their places: a CSV file (comma, semicolon or tab separated, as
spreadsheets in different locales save it) or the first sheet of an Excel workbook (through
openpyxl, an optional dependency: ``pip install 'stakes[xlsx]'``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from stakes.interchange.draft import Problem, text_of

#: The most rows one spreadsheet may have (a journey map has tens; this bounds a hostile one).
MAX_ROWS = 100_000
#: The most columns one row may have.
MAX_COLUMNS = 1_000


@dataclass(slots=True)
class Sheet:
    """The header and rows of a spreadsheet: each row with the line (a CSV's line where the
    row starts, or a workbook's row number) and its cells; a cell's column is its position,
    counted from 1 as a spreadsheet counts A, B, C."""

    file: str
    header: list[str] = field(default_factory=list)
    header_line: int = 1
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_sheet(data: bytes, file: str) -> tuple[Sheet | None, list[Problem]]:
    """The spreadsheet in ``data``: a workbook when the file is ``.xlsx``, else CSV text."""
    if PurePath(file).suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook(data, file)
    text, problems = text_of(data, file)
    if text is None:
        return None, problems
    return _csv(text, file)


def csv_rows(
    text: str, file: str, limit: int = MAX_ROWS
) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """The non-blank rows of CSV text, each with the line it starts on (a cell may hold line
    breaks), separated by what the first non-blank line uses most of: a comma, a semicolon
    or a tab; or the problem that stops it being read (a quote left open, more than ``limit``
    rows after the first)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if any(c in first for c in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(rows) > limit:
                return [], Problem(file, line, 1, f"over {limit:,} rows, the limit; not read")
            rows.append((line, cells))
    except csv.Error as exc:
        # ``start``: the line the row that cannot be read starts on (a quote left open).
        return [], Problem(file, start, 1, f"not CSV that can be read: {exc}")
    return rows, None


def _csv(text: str, file: str) -> tuple[Sheet | None, list[Problem]]:
    rows, problem = csv_rows(text, file)
    if problem is not None:
        return None, [problem]
    sheet = Sheet(file)
    for line, cells in rows:
        if len(cells) > MAX_COLUMNS:
            return None, [
                Problem(file, line, 1, f"over {MAX_COLUMNS:,} columns, the limit; not read")
            ]
    if rows:
        (sheet.header_line, header), sheet.rows = rows[0], rows[1:]
        sheet.header = [c.strip() for c in header]
    return _found(sheet)


def _bounded(sheet: Sheet, file: str, line: int, cells: list[str]) -> Problem | None:
    if len(sheet.rows) >= MAX_ROWS:
        return Problem(file, line, 1, f"over {MAX_ROWS:,} rows, the limit; it was not read")
    if len(cells) > MAX_COLUMNS:
        return Problem(file, line, 1, f"over {MAX_COLUMNS:,} columns, the limit; not read")
    return None


def _found(sheet: Sheet) -> tuple[Sheet | None, list[Problem]]:
    if not sheet.header:
        return None, [Problem(sheet.file, 1, 1, "the spreadsheet is empty: no header row")]
    return sheet, []


def _workbook(data: bytes, file: str) -> tuple[Sheet | None, list[Problem]]:
    try:
        import openpyxl
    except ImportError:
        why = "reading .xlsx needs openpyxl: pip install 'stakes[xlsx]', or save it as CSV"
        return None, [Problem(file, 0, 0, why)]
    import zipfile

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return None, [Problem(file, 0, 0, f"not an Excel workbook that can be read: {exc}")]
    sheet = Sheet(file)
    try:
        active = book.worksheets[0] if book.worksheets else None
        for number, values in enumerate(active.iter_rows(values_only=True) if active else (), 1):
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            problem = _bounded(sheet, file, number, cells)
            if problem is not None:
                return None, [problem]
            if not sheet.header:
                sheet.header, sheet.header_line = [c.strip() for c in cells], number
            else:
                sheet.rows.append((number, cells))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return None, [Problem(file, 0, 0, f"not an Excel workbook that can be read: {exc}")]
    finally:
        book.close()
    return _found(sheet)


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
