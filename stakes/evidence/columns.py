"""Finding each field's column in a log: ``--map``, default names, and hints when one is missing.

Messages name columns, never values; a "header" that looks like data is not quoted at all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from stakes.evidence.fields import FIELDS, REQUIRED, LogError
from stakes.evidence.privacy import shown_column

#: Column names a log often uses for each field, to suggest a --map (normalised: see _norm).
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


def resolve_columns(names: list[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Each field's column in ``names``: the ``--map`` given, else the field's own name.

    Raises LogError naming the missing required fields and the ``--map`` that would fix it.
    """
    by_norm: dict[str, str] = {}
    for name in names:
        by_norm.setdefault(_norm(name), name)
    out: dict[str, str] = {}
    for field_name, column in mapping.items():
        if field_name not in FIELDS:
            close = difflib.get_close_matches(field_name, FIELDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise LogError(
                f"--map {field_name}=...: unknown field{hint}; fields: {', '.join(FIELDS)}"
            )
        found = column if column in names else by_norm.get(_norm(column))
        if found is None:
            close = difflib.get_close_matches(column, names, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close and not _looks_like_data(names) else ""
            raise LogError(
                f"--map {field_name}={shown_column(column)!r}: the log has no such column{hint} "
                f"(it has: {_listing(names)})"
            )
        out[field_name] = found
    for field_name in FIELDS:
        if field_name not in out and _norm(field_name) in by_norm:
            out[field_name] = by_norm[_norm(field_name)]
    missing = [f for f in REQUIRED if f not in out]
    if missing:
        fixes = " ".join(f"--map {f}={_suggest(f, names)}" for f in missing)
        raise LogError(
            f"the log has no {', '.join(missing)} column (it has: {_listing(names)}); "
            f"name the column that holds it: {fixes}"
        )
    return out


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
    """Whether a "header" holds numbers, dates or identifiers: a file without a header row."""
    return any(_DATA.search(n) or shown_column(n) != n for n in names)


def _listing(names: list[str]) -> str:
    """The column names for a message; none when the first row looks like data (a file
    without a header row must not have its first contact quoted)."""
    if _looks_like_data(names):
        return "none shown: its first row looks like data; does the file have a header row?"
    shown = [shown_column(n) for n in names[:30]]
    more = f", ... ({len(names)} in all)" if len(names) > 30 else ""
    return ", ".join(repr(n) for n in shown) + more
