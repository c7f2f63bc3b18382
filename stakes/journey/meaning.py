"""What people meant: the words and forms people write for a value that the format spells
another way, so that a hint comes from meaning before spelling.

``WORDS`` is the documented table (docs/journey-format.md shows it, generated): for a key, a
word people write and the value it means there (`worried` is `anxious`, `portal` is `web`).
``choice`` picks the value a hint offers for a word that is not allowed; ``written`` turns a
value written the way people write it (`£430`, `25%`, `"2"`, `31/12/2026`, `health` for a
list) into the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from stakes.journey.data_use import RETENTION
from stakes.journey.signals import SLUG
from stakes.journey.values import CURRENCY
from stakes.journey.words import KEYS, WORDS

#: Currency signs people write before an amount, and the ISO code they stand for.
SIGNS = {"£": "GBP", "€": "EUR", "$": "USD", "¥": "JPY", "₹": "INR", "CHF": "CHF", "kr": "SEK"}

_AMOUNT = re.compile(
    r"^\s*(?P<pre>[£€$¥₹]|[A-Z]{3}|CHF)?\s*(?P<n>\d[\d,.' ]*)\s*(?P<post>[£€$¥₹]|[A-Z]{3}|kr)?\s*$"
)
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def word(value: Any) -> str:
    """A value as the word people meant: lower-case, blanks and underscores as dashes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return re.sub(r"[\s_]+", "-", str(value).strip().lower())


def choice(key: str, value: Any, allowed: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The allowed value a person most likely meant by ``value`` at ``key``: by meaning
    (``WORDS``), then as written in another case, then by spelling (of the values and of the
    words for them); None when nothing is close."""
    said, words = word(value), WORDS.get(key, {})
    meant = words.get(said)
    if meant in allowed:
        return meant
    if said in allowed:
        return said
    # By spelling, among the values and the words for them ('furios' is 'furious': angry).
    close = difflib.get_close_matches(said, [*allowed, *words], n=1, cutoff=cutoff)
    if not close:
        return None
    guess = words.get(close[0], close[0])
    return guess if guess in allowed else None


def written(key: str, value: Any, expected: str) -> str:
    """The fix for ``value`` written at ``key`` where the format ``expected`` something else
    (a number, a list, a date ...), or "" when there is none to offer."""
    if not isinstance(value, str):
        return ""
    if expected == "true or false" and word(value) in ("true", "false"):
        return f"write {word(value)} without quotes"
    if expected == "a list":
        items = [v.strip() for v in re.split(r"[,;]", value) if v.strip()]
        return f"write it as a list: [{', '.join(items)}]" if items else ""
    if expected.startswith("a date"):
        return _date(value)
    if expected in ("a number", "a whole number"):
        percent = _PERCENT.match(value)
        if percent:
            share = float(percent.group(1)) / 100
            return f"write the share as a number from 0 to 1: {share:g}"
        amount = _AMOUNT.match(value)
        if amount:
            number = _number(amount.group("n"))
            sign = amount.group("pre") or amount.group("post")
            if number is not None and sign:
                code = SIGNS.get(sign, sign)
                return (
                    f"write {number:g} and set currency: {code} on the journey "
                    "(amounts are numbers in the journey's currency)"
                )
            if number is not None:
                return f"write {number:g} without quotes"
    return ""


def share_hint(value: Any) -> str:
    """For a share written as a percentage number (25 for 25%)."""
    if isinstance(value, int | float) and 1 < value <= 100:
        return f"a share is a number from 0 to 1: write {value / 100:g} for {value:g}%"
    return ""


def key_meant(name: str, allowed: Sequence[str]) -> str:
    """The hint for an unknown key: what people mean by it (``KEYS``) when the format has that
    key here, else the closest key by spelling, else the keys there are."""
    meant = KEYS.get(word(name).replace("-", "_"))
    if meant is not None and meant.split(":")[0] in allowed:
        return f"write {meant}" if ":" in meant else f"did you mean {meant!r}?"
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(allowed)


_PERIOD = re.compile(r"^\s*(\d{1,5})\s*([a-z]+)\s*$")
_PERIOD_DAYS = {"d": 1, "day": 1, "w": 7, "wk": 7, "week": 7, "y": 365, "yr": 365, "year": 365}
_PERIOD_DAYS |= {"m": 30, "mo": 30, "mth": 30, "month": 30}
_PERIOD_UNIT = {1: "d", 7: "w", 365: "y"}


def retention_hint(text: str) -> str:
    """The retention period ``6 months``, ``1 year`` or ``6m`` means (months as days)."""
    match = _PERIOD.match(text.lower())
    if match is None:
        return ""
    n, unit = int(match[1]), match[2]
    days = _PERIOD_DAYS.get(unit, _PERIOD_DAYS.get(unit.removesuffix("s")))
    if days is None:
        return ""
    if days == 30:
        return f"write '{-(-n * 365 // 12)}d': retention is in days, weeks or years"
    return f"write '{n}{_PERIOD_UNIT[days]}'"


def key_of(loc: Sequence[str | int]) -> str:
    """The key a value is written under (a list's key for its items)."""
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "")


def pattern_hint(pattern: str, text: str) -> str:
    """The hint for a value that does not match its pattern: the slug an id could be, the
    code a currency is written as (``gbp`` and ``£`` are ``GBP``)."""
    if pattern == SLUG:
        return slug_hint(text)
    if pattern == RETENTION:
        return retention_hint(text)
    if pattern == CURRENCY:
        code = SIGNS.get(text.strip(), text.strip().upper())
        return f"write {code!r}" if re.fullmatch(CURRENCY, code) else ""
    return ""


def slug_hint(text: str) -> str:
    """The hint for an id that is not a slug: the slug it could be."""
    suggestion = slug(text)
    ascii_only = "ids are ASCII slugs (a-z, 0-9 and -)"
    if text.isascii():
        return f"try {suggestion!r}" if suggestion else ascii_only
    return f"{ascii_only}; try {suggestion!r}" if suggestion else f"{ascii_only}; write one"


def slug(text: str) -> str:
    """``text`` as an ASCII slug (accents dropped), or "" when nothing of it is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _number(text: str) -> float | None:
    digits = re.sub(r"[,' ]", "", text)
    try:
        return float(digits)
    except ValueError:
        return None


def _date(text: str) -> str:
    match = _DATE.match(text)
    if not match:
        return ""
    a, b, year = (int(g) for g in match.groups())
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    if not readings:
        return ""
    if len(readings) == 1 or readings[0] == readings[1]:
        return f"write {readings[0]} (YYYY-MM-DD)"
    return f"write {readings[0]} (YYYY-MM-DD), or {readings[1]} if the month comes first"


def misspelt_keys(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors with each missing required key and the unknown key beside it that
    is its misspelling made one problem: the unknown key's error learns the key it stands for
    (``meant``), and the missing key's error is left out. ``chanel`` with no ``channel`` is one
    finding, at ``chanel``, not two."""
    missing: dict[tuple[Any, ...], list[int]] = {}
    unknown: dict[tuple[Any, ...], list[int]] = {}
    for i, error in enumerate(errors):
        kinds = {"missing": missing, "extra_forbidden": unknown}
        if error["type"] in kinds and error["loc"]:
            kinds[error["type"]].setdefault(tuple(error["loc"][:-1]), []).append(i)
    dropped: set[int] = set()
    out = list(errors)
    for parent, absent in missing.items():
        extra = {str(errors[i]["loc"][-1]): i for i in unknown.get(parent, [])}
        for i in absent:
            name = str(errors[i]["loc"][-1])
            close = difflib.get_close_matches(name, list(extra), n=1, cutoff=0.6)
            if close:
                j = extra.pop(close[0])
                out[j] = {**errors[j], "meant": name}
                dropped.add(i)
    return [e for i, e in enumerate(out) if i not in dropped]
