"""Reading a contact log (CSV, Parquet, JSON Lines) into a DataFrame of the mapped columns.

Errors never quote the log's values: a message names columns, row numbers and byte offsets only.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NoReturn

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from stakes.evidence.columns import resolve_columns
from stakes.evidence.csv_text import TOO_LONG, UNCLOSED, first_bad_row, first_record, odd_quotes
from stakes.evidence.fields import LOG_FORMATS, LogError, text_encoding
from stakes.evidence.jsonl import read_lines
from stakes.evidence.model import LogReport, Problem

_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE = 1 << 16
#: The CSV reader's block: a log with a longer row is read again with blocks of LONG_ROW, and a
#: row longer than that is an error at its line.
BLOCK = 1 << 22
LONG_ROW = 1 << 26
#: Arrow's words for a row with the wrong number of fields.
_COUNT_ERROR = re.compile(r"Expected \d+ columns?, got \d+")
#: Fields read as dictionary-encoded text (few distinct values: pandas categories).
_CATEGORICAL = ("journey", "touchpoint", "channel", "handled_by", "escalated", "resolved", "csat")


def detect_format(path: str, given: str | None = None) -> str:
    """The log's format: ``given``, else from the file name's extension."""
    if given:
        if given not in LOG_FORMATS:
            raise LogError(f"--input-format {given!r}: use one of {', '.join(LOG_FORMATS)}")
        return given
    name = path.lower()
    for compressed in (".gz", ".bz2", ".zst", ".lz4"):
        name = name.removesuffix(compressed)
    found = _SUFFIXES.get(os.path.splitext(name)[1])
    if found is None:
        raise LogError(
            f"{path}: cannot tell the format from the extension; "
            "give --input-format csv, parquet or jsonl"
        )
    return found


@dataclass(slots=True)
class Raw:
    """A log's mapped columns, renamed to their fields, and how the file was read."""

    frame: pd.DataFrame
    report: LogReport
    names: list[str]  # every column in the file, for hints


def read_raw(
    path: str,
    mapping: Mapping[str, str],
    *,
    input_format: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Raw:
    """The mapped columns of the log at ``path``, as read, with a report of how it was read."""
    fmt = detect_format(path, input_format)
    if not os.path.isfile(path):
        raise LogError(
            f"{path}: no such file" if not os.path.exists(path) else f"{path}: not a file"
        )
    if os.path.getsize(path) == 0:
        raise LogError(f"{path}: the file is empty")
    report = LogReport(file=path, format=fmt)
    try:
        if fmt == "parquet":
            frame, names = _read_parquet(path, mapping, report)
        elif fmt == "jsonl":
            frame, names = _read_jsonl(path, mapping, report)
        else:
            frame, names = _read_csv(path, mapping, report, encoding, delimiter)
    except OSError as exc:
        raise LogError(f"{path}: cannot read: {exc.strerror or type(exc).__name__}") from None
    report.rows = len(frame)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    return Raw(frame, report, names)


def _select(frame: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """The mapped columns under their field names (a column mapped twice is copied)."""
    return pd.DataFrame({f: frame[c] for f, c in columns.items()}, index=frame.index)


def _sample(path: str) -> bytes:
    with pa.input_stream(path) as stream:
        return bytes(stream.read(_SAMPLE))


def _encoding(path: str, sample: bytes, given: str | None) -> str:
    if given:
        try:
            return text_encoding(given)
        except ValueError as exc:
            known = "is not known" not in str(exc)
            raise LogError(
                f"--encoding {exc}"
                if known
                else f"--encoding {given!r}: not an encoding Python knows"
            ) from None
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError as exc:
        _not_utf8(path, exc.start, sample[exc.start])
    return "utf-8"


def _not_utf8(path: str, offset: int | None = None, byte: int | None = None) -> NoReturn:
    where = f" (byte 0x{byte:02x} at offset {offset:,})" if byte is not None else ""
    raise LogError(
        f"{path}: not UTF-8 text{where}; save it as UTF-8, or give its encoding, "
        "e.g. --encoding cp1252"
    )


def _read_csv(
    path: str,
    mapping: Mapping[str, str],
    report: LogReport,
    given_encoding: str | None,
    given_delimiter: str | None,
) -> tuple[pd.DataFrame, list[str]]:
    sample = _sample(path)
    encoding = _encoding(path, sample, given_encoding)
    text = sample.decode(encoding, errors="ignore").lstrip("\ufeff")
    if not text.strip():
        raise LogError(f"{path}: the file is empty")
    names, starts, sep = first_record(text, _DELIMITERS, given_delimiter)
    columns = resolve_columns(names, mapping, lambda i: f"{path}:{starts[i][0]}:{starts[i][1]}")
    report.encoding, report.delimiter, report.columns = encoding, sep, columns
    wanted = list(dict.fromkeys(columns.values()))
    dictionary = pa.dictionary(pa.int32(), pa.string())
    plain = {c for f, c in columns.items() if f not in _CATEGORICAL}
    convert = pacsv.ConvertOptions(
        include_columns=wanted,
        column_types={c: pa.string() if c in plain else dictionary for c in wanted},
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    malformed = 0

    def skip(_row: object) -> str:
        nonlocal malformed
        malformed += 1
        return "skip"

    # The fast path reads with threads and no Python callback: the tasks of a threaded read
    # that fails run on after it returns, and one that calls back into Python then can hang or
    # abort the process at exit. A log with malformed rows (to skip and count) is read again in
    # this thread; one with a row longer than a block, also with larger blocks.
    serial, block = False, BLOCK
    while True:
        try:
            table = pacsv.read_csv(
                path,
                read_options=pacsv.ReadOptions(
                    encoding=encoding if encoding != "utf-8" else "utf8",
                    block_size=block,
                    use_threads=not serial,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=sep,
                    newlines_in_values=True,
                    invalid_row_handler=skip if serial else None,
                ),
                convert_options=convert,
            )
            break
        except pa.ArrowException as exc:
            message = str(exc)
            if "straddl" in message and block < LONG_ROW:
                serial, block = True, LONG_ROW
            elif _COUNT_ERROR.search(message) and not serial:
                serial = True
            else:
                _unreadable(path, message, encoding, sep)
            pa.default_memory_pool().release_unused()  # what the failed read had taken
    if odd_quotes(path, encoding):  # the rest of the file after it was read as one field
        line = first_bad_row(path, encoding, sep, UNCLOSED, LONG_ROW)
        if line is not None:
            raise LogError(
                f"{path}:{line}: a quote opened on this row is never closed "
                "(every row after it would be lost)"
            )
    if malformed:
        report.problems.append(
            Problem("", "malformed-row", malformed, (), "skipped (row numbers count the rest)")
        )
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    del table
    return _select(frame, columns), names


def _unreadable(path: str, message: str, encoding: str, sep: str) -> NoReturn:
    """The LogError for a CSV the reader refused (its message, which may quote the log and
    names its internals, is not shown)."""
    if "UTF8" in message or "utf8" in message.lower():
        _not_utf8(path)
    if "straddl" in message:
        line = first_bad_row(path, encoding, sep, TOO_LONG, LONG_ROW)
        raise LogError(
            f"{path}{f':{line}' if line else ''}: a row longer than {LONG_ROW / (1 << 20):g} MiB "
            "(a quote never closed?); stakes reads rows up to that size"
        )
    row = re.search(r"Row #(\d+)", message)  # counting the header
    at = f" (row {int(row.group(1)) - 1:,})" if row and int(row.group(1)) > 1 else ""
    raise LogError(f"{path}: not a CSV file that can be read{at}")


def _read_parquet(
    path: str, mapping: Mapping[str, str], report: LogReport
) -> tuple[pd.DataFrame, list[str]]:
    import pyarrow.parquet as pq

    try:
        names = list(pq.read_schema(path).names)
    except (pa.ArrowInvalid, OSError):
        raise LogError(f"{path}: not a Parquet file that can be read") from None
    columns = resolve_columns(names, mapping, lambda _: path)
    report.columns, report.encoding = columns, "binary"
    plain = {c for f, c in columns.items() if f not in _CATEGORICAL}
    wanted = list(dict.fromkeys(columns.values()))
    try:
        table = pq.read_table(
            path, columns=wanted, read_dictionary=[c for c in wanted if c not in plain]
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
        raise LogError(f"{path}: not a Parquet file that can be read") from None
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    return _select(frame, columns), names


def _read_jsonl(
    path: str, mapping: Mapping[str, str], report: LogReport
) -> tuple[pd.DataFrame, list[str]]:
    import pyarrow.json as pajson

    sample = _sample(path)
    if sample.lstrip(codecs.BOM_UTF8).lstrip()[:1] == b"[":
        raise LogError(f"{path}: a JSON array; give one JSON object per line (JSON Lines)")
    _encoding(path, sample, None)
    frame = None
    if not sample.startswith(codecs.BOM_UTF8):  # Arrow's reader does not skip a BOM
        try:
            frame = pajson.read_json(path).to_pandas()
        except pa.ArrowInvalid:  # e.g. an id sometimes a number, a key twice: read carefully
            frame = None
    if frame is None:
        frame = read_lines(path, report)
    names = [str(c) for c in frame.columns]
    columns = resolve_columns(names, mapping, lambda _: path)
    report.columns = columns
    return _select(frame, columns), names
