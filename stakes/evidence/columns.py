"""Finding each field's column in a log: ``--column``, default names, and hints when one is missing.

Messages name columns, never values: only names that read like a column's are quoted
(``privacy.looks_like_column``), and nothing of a "header" that looks like data.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Mapping

from stakes.evidence.fields import FIELDS, REQUIRED, LogError
from stakes.evidence.privacy import looks_like_column, shown_column

#: Column names a log often uses for each field, to suggest a --column (normalised: see _norm).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "contact_id": ("ticket id", "interaction id", "case id", "contact id", "conversation id", "id"),
    "customer_id": ("customer id", "client id", "user id", "account id", "customer email", "email"),
    "timestamp": ("created at", "created", "date", "datetime", "opened at", "start time", "time"),
    "journey": ("journey", "journey id", "product", "product line"),
    "touchpoint": (
        "ticket type",
        "category",
        "issue type",
        "contact reason",
        "reason",
        "topic",
        "intent",
        "queue",
    ),
    "channel": ("channel", "ticket channel", "interaction type", "source", "medium"),
    "handled_by": ("handler", "handled by", "agent type", "resolved by", "channel"),
    "escalated": ("escalated", "is escalated", "transferred", "handed over"),
    "resolved": (
        "resolved",
        "status",
        "ticket status",
        "resolution status",
        "first contact resolution",
    ),
    "csat": ("csat", "satisfaction", "customer satisfaction rating", "rating", "score"),
    "resolved_at": ("resolved at", "closed at", "time to resolution", "resolution time"),
    "resolution_minutes": ("resolution minutes", "handle time", "minutes to resolution"),
}


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


def header(line: str, sep: str) -> tuple[list[str], list[int]]:
    """The column names in a CSV header line, and the 1-based character column each starts at."""
    names = [n.strip() for n in next(csv.reader(io.StringIO(line), delimiter=sep), [])]
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            starts.append(i + 2)
    return names, (starts + [1] * len(names))[: len(names)]


def resolve_columns(
    names: list[str], mapping: Mapping[str, str], where: Callable[[int], str] | None = None
) -> dict[str, str]:
    """Each field's column in ``names``: the ``--column`` given, else the field's own name.

    Raises LogError naming the missing required fields and the ``--column`` that would fix it, and
    when the column a field would be read from is not one column of the header (a name given
    twice, or two names that both match); ``where(i)`` is the place of the i-th name in messages
    (``log.csv:1:12``).
    """
    out: dict[str, str] = {}
    for field_name, column in mapping.items():
        if field_name not in FIELDS:
            close = difflib.get_close_matches(field_name, FIELDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise LogError(
                f"--column {field_name}=...: unknown field{hint}; fields: {', '.join(FIELDS)}"
            )
        found = [i for i, n in enumerate(names) if n == column]
        found = found or [i for i, n in enumerate(names) if _norm(n) == _norm(column)]
        if not found:
            shown = (
                [n for n in names if looks_like_column(n)] if not _looks_like_data(names) else []
            )
            close = difflib.get_close_matches(column, shown, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise LogError(
                f"--column {field_name}={shown_column(column)!r}: the log has no such column{hint} "
                f"(it has: {_listing(names)})"
            )
        out[field_name] = names[_one(field_name, found, names, where)]
    for field_name in FIELDS:
        found = [i for i, n in enumerate(names) if _norm(n) == _norm(field_name)]
        if field_name not in out and found:
            out[field_name] = names[_one(field_name, found, names, where)]
    missing = [f for f in REQUIRED if f not in out]
    if missing:
        fixes = " ".join(f"--column {f}={_suggest(f, names)}" for f in missing)
        raise LogError(
            f"the log has no {', '.join(missing)} column (it has: {_listing(names)}); "
            f"name the column that holds it: {fixes}"
        )
    return out


def _one(
    field_name: str, found: list[int], names: list[str], where: Callable[[int], str] | None
) -> int:
    """The one position in ``found``; LogError when the header has more than one (the names
    match the field or the user's --column, so they may be quoted)."""
    if len(found) == 1:
        return found[0]
    place = where(found[0]) if where is not None else "the log"
    numbers = ", ".join(str(i + 1) for i in found[:-1]) + f" and {found[-1] + 1}"
    if len({names[i] for i in found}) == 1:
        times = "twice" if len(found) == 2 else f"{len(found)} times"
        raise LogError(
            f"{place}: the log has the column {shown_column(names[found[0]])!r} {times} "
            f"(columns {numbers}); rename them so that each name is used once"
        )
    listed = ", ".join(repr(shown_column(names[i])) for i in found)
    raise LogError(
        f"{place}: {len(found)} columns could hold {field_name} ({listed}; columns {numbers}); "
        f"name one: --column {field_name}=COLUMN"
    )


def _suggest(field_name: str, names: list[str]) -> str:
    """A column that probably holds ``field_name``, quoted for a shell, else COLUMN."""
    for synonym in SYNONYMS.get(field_name, ()):
        for name in names:
            if _norm(name) == synonym and shown_column(name) == name:
                return f'"{name}"' if not re.fullmatch(r"[\w.-]+", name) else name
    return "COLUMN"


def suggestions(names: list[str], columns: Mapping[str, str]) -> dict[str, str]:
    """For optional fields not mapped, a column that probably holds each (for a hint)."""
    used = set(columns.values())
    out = {}
    for field_name in FIELDS:
        if field_name not in columns:
            guess = _suggest(field_name, [n for n in names if n not in used])
            if guess != "COLUMN":
                out[field_name] = guess
    return out


_DATA = re.compile(r"^\s*[-+]?\d+([.,]\d+)?\s*$|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _looks_like_data(names: list[str]) -> bool:
    """Whether a "header" holds numbers, dates or identifiers, or mostly names that do not read
    like a column's: a file without a header row, whose first row is a contact."""
    readable = sum(1 for n in names if looks_like_column(n))
    return readable * 2 < len(names) or any(_DATA.search(n) or shown_column(n) != n for n in names)


def _listing(names: list[str]) -> str:
    """The column names for a message: only those that read like column names (a file without
    a header row must not have its first contact quoted), and none when the first row looks
    like data."""
    if _looks_like_data(names):
        return "none shown: its first row looks like data; does the file have a header row?"
    shown = [n for n in names if looks_like_column(n)]
    listed = ", ".join(repr(shown_column(n)) for n in shown[:30])
    more = len(names) - min(len(shown), 30)
    if more:
        listed += f", and {more} more not shown"
    return listed
