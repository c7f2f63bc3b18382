"""A spreadsheet cell as the value its column's field takes (``table`` writes them): a
word people write mapped to the value it means, as lint's hints map it, with a note saying
what was written."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from stakes.interchange.guess import said_handler
from stakes.interchange.table import Column
from stakes.journey.meaning import choice
from stakes.journey.signals import DEFAULT_EMOTIONS

_TRUE = frozenset({"true", "yes", "y", "1", "x"})
_FALSE = frozenset({"false", "no", "n", "0"})
#: Lists of slugs, whose items never hold a comma: ``a, b`` is two of them.
_SLUG_LISTS = frozenset({"skills", "jurisdictions", "escalation_triggers"})
_INT = re.compile(r"[+-]?\d{1,18}")


def value_of(column: Column, raw: str) -> tuple[Any, str]:
    """The value of a non-empty cell for ``column``, and a note when a word was mapped."""
    text = raw.strip()
    if text.startswith("'"):
        text = text[1:]  # the mark that keeps a spreadsheet from running a formula
    if text[:1] in ('"', "[", "{"):
        try:
            return json.loads(text), ""
        except ValueError:
            pass  # text that merely starts so ("[draft] ...")
    kind = column.kind
    if kind == "bool":
        said = text.lower()
        note = "" if said in ("true", "false") else f"written {text!r}"
        if said in _TRUE:
            return True, note
        return (False, note) if said in _FALSE else (text, "")
    if kind in ("int", "number"):
        return _number(text, whole=kind == "int"), ""
    if kind == "date":
        try:
            return dt.date.fromisoformat(text), ""
        except ValueError:
            return text, ""
    if kind == "choice" or column.choice_key == "emotion":
        return _choice(column, text)
    if kind == "list":
        return _items(column, text)
    if kind == "text-or-list" and ";" in text:
        return [t.strip() for t in text.split(";") if t.strip()], ""
    return text, ""


def _number(text: str, whole: bool) -> Any:
    if _INT.fullmatch(text):
        return int(text)
    if whole:
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return number if number == number and abs(number) != float("inf") else text


def _choice(column: Column, text: str) -> tuple[Any, str]:
    allowed = column.choices or (DEFAULT_EMOTIONS if column.choice_key == "emotion" else ())
    meant = choice(column.choice_key, text, allowed) if allowed else None
    if meant is None and column.name == "handled_by":
        meant = said_handler(text)  # "Billing team" is human, "Virtual assistant" ai
    if meant is None or meant == text:
        return text, ""
    return meant, f"written {text!r}"


def _items(column: Column, text: str) -> tuple[list[Any], str]:
    split = r"[;,]" if column.choices or column.name in _SLUG_LISTS else r";"
    items = [t.strip() for t in re.split(split, text) if t.strip()]
    if not column.choices:
        return items, ""
    values, mapped = [], []
    for item in items:
        meant = choice(column.choice_key, item, column.choices)
        values.append(meant or item)
        if meant and meant != item:
            mapped.append(f"{item!r} as {meant}")
    return values, ("written " + ", ".join(mapped)) if mapped else ""
