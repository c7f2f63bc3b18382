"""A CSV log's text as Python's own CSV reader sees it: the header record (which a quoted field
may spread over lines), its delimiter, and the row on which a reading problem starts.

The fast reader (pyarrow) gives neither positions nor a complaint for a quote that is never
closed (the rest of the file becomes one field); these functions find both, and run only on the
header or when a cheap check says something is wrong.
"""

from __future__ import annotations

import csv
import io
import mmap
import re

import numpy as np
import pyarrow as pa

#: Python's words for a file that ends inside a quoted field, and for a field over its limit.
UNCLOSED = "unexpected end of data"
TOO_LONG = "field larger than field limit"
_COMPRESSED = (".gz", ".bz2", ".zst", ".lz4")
_CHUNK = 1 << 22


def first_record(
    text: str, delimiters: tuple[str, ...], given: str | None = None
) -> tuple[list[str], list[tuple[int, int]], str]:
    """The names in the header record at the start of ``text``, the 1-based (line, column) each
    starts at, and the delimiter: ``given``, else the one of ``delimiters`` found most often
    outside quotes in that record (``,`` on a tie)."""
    end = _record_end(text)
    record = text[:end]
    sep = given or max(delimiters, key=lambda d: (_unquoted(record, d), d == ","))
    names = [
        n.strip() for n in next(csv.reader(io.StringIO(record, newline=""), delimiter=sep), [])
    ]
    starts, quoted, line, column = [(1, 1)], False, 1, 1
    for char in record:
        column += 1
        if char == '"':
            quoted = not quoted
        elif char == "\n":
            line, column = line + 1, 1
        elif char == sep and not quoted:
            starts.append((line, column))
    return names, (starts + [(1, 1)] * len(names))[: len(names)], sep


def _record_end(text: str) -> int:
    """Where the first record of ``text`` ends: its first line break outside quotes."""
    quoted = False
    for found in re.finditer(r'["\r\n]', text):
        if found.group() == '"':
            quoted = not quoted
        elif not quoted:
            return found.start()
    return len(text)


def _unquoted(record: str, sep: str) -> int:
    """How many times ``sep`` occurs outside quotes in ``record``."""
    return sum(part.count(sep) for part in record.split('"')[::2])


def odd_quotes(path: str, encoding: str) -> bool:
    """Whether the file holds an odd number of ``"``: a quote that is never closed (RFC 4180
    quoted fields hold an even number). Counted on the bytes, in chunks, for encodings that write
    ``"`` as the byte 0x22 (UTF-8 and the ASCII-based ones); others (UTF-16, EBCDIC) are decoded.
    A false alarm (a 0x22 byte inside a character) costs only the search for the row."""
    count = 0
    if '"'.encode(encoding, errors="replace") != b'"':
        with pa.input_stream(path) as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
            for chunk in iter(lambda: text.read(_CHUNK), ""):
                count += chunk.count('"')
    elif path.lower().endswith(_COMPRESSED):
        with pa.input_stream(path) as stream:
            for block in iter(lambda: bytes(stream.read(_CHUNK)), b""):
                count += block.count(b'"')
    else:
        with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as view:
            data = np.frombuffer(view, dtype=np.uint8)
            for i in range(0, len(data), _CHUNK):
                count += int(np.count_nonzero(data[i : i + _CHUNK] == 0x22))
            del data  # the mapping cannot close while a view of it is alive
    return count % 2 == 1


def first_bad_row(path: str, encoding: str, sep: str, kind: str, limit: int) -> int | None:
    """The line on which the first row with the problem ``kind`` (UNCLOSED, TOO_LONG) starts,
    found by Python's own CSV reader with fields up to ``limit`` characters (which bounds the
    memory it takes); None if it finds none. Rows with other problems are passed over."""
    saved = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        with pa.input_stream(path) as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
            reader = csv.reader(text, delimiter=sep, strict=True)
            while True:
                start = reader.line_num + 1
                try:
                    next(reader)
                except StopIteration:
                    return None
                except csv.Error as exc:
                    if kind in str(exc):
                        return start
    finally:
        csv.field_size_limit(saved)
