"""JSON Lines read line by line in Python: the careful path, for a log the fast reader (pyarrow)
refused. Every line must be one JSON object; an error names its line, never its text."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa

from stakes.evidence.fields import LogError
from stakes.evidence.model import SHOW_ROWS, LogReport, Problem

#: Integers longer than this are kept as their text: Python does not convert longer ones (and
#: no value of a contact is one); a numeric field then counts it as unreadable.
_LONGEST_INT = 4000


class _Twice(dict[str, object]):
    """An object whose keys were given twice (the last value kept, as JSON parsers do)."""


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    return found if len(found) == len(pairs) else _Twice(found)


def _number(text: str) -> object:
    return int(text) if len(text) <= _LONGEST_INT else text


def read_lines(path: str, report: LogReport) -> pd.DataFrame:
    """The log's objects as a DataFrame, one row per non-blank line. LogError at the line of
    the first one that is not JSON or not an object; objects with a key given twice are
    counted in ``report`` (the last value is used)."""
    records: list[dict[str, object]] = []
    twice: list[int] = []
    with pa.input_stream(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        line = 0
        try:
            for line, content in enumerate(text, start=1):
                if not content.strip():
                    continue
                try:
                    value = json.loads(content, object_pairs_hook=_pairs, parse_int=_number)
                except (ValueError, RecursionError):
                    raise LogError(
                        f"{path}:{line}: not JSON Lines (one JSON object per line): not JSON"
                    ) from None
                if value is None:  # as the fast reader reads it: a row of blanks, counted
                    value = {}
                if not isinstance(value, dict):
                    raise LogError(
                        f"{path}:{line}: not a JSON object (each line of JSON Lines is one contact)"
                    )
                records.append(value)
                if isinstance(value, _Twice):
                    twice.append(len(records))
        except UnicodeDecodeError:
            raise LogError(
                f"{path}: not UTF-8 text (after line {line:,}); JSON Lines is UTF-8: save it so"
            ) from None
    if twice:
        report.problems.append(
            Problem("", "duplicate-key", len(twice), tuple(twice[:SHOW_ROWS]), "the last is used")
        )
    return pd.DataFrame.from_records(records) if records else pd.DataFrame()
