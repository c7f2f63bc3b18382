"""Matching a log's touchpoint (and journey) values to the touchpoints of the loaded journeys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stakes.evidence.privacy import HIDDEN_VALUE, shown_value
from stakes.journey.keys import split_key
from stakes.journey.model import Journey, Stage, Touchpoint

BLANK = "(blank)"
#: An unmatched value is shown only when at least this many contacts carry it.
MIN_SHOWN = 3
#: Past this many distinct unmatched values, none is shown: the column is probably not one of
#: touchpoints.
MAX_DISTINCT = 200


def slugify(text: str) -> str:
    """``text`` as a slug: ``"Refund request"`` -> ``"refund-request"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(slots=True)
class Catalogue:
    """Every touchpoint of the loaded journeys, numbered; journeys in slug order."""

    journeys: list[Journey]
    items: list[tuple[Journey, Stage, Touchpoint]] = field(default_factory=list)
    journey_of: list[int] = field(default_factory=list)  # touchpoint number -> journey number
    by_pair: dict[tuple[str, str], int] = field(default_factory=dict)
    by_id: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, journeys: Sequence[Journey]) -> Catalogue:
        """The catalogue of ``journeys`` (sorted by slug, touchpoints as written)."""
        ordered = sorted(journeys, key=lambda j: j.journey)
        cat = cls(ordered)
        for j_index, journey in enumerate(ordered):
            for stage, tp in journey.touchpoints():
                number = len(cat.items)
                cat.items.append((journey, stage, tp))
                cat.journey_of.append(j_index)
                cat.by_pair[(journey.journey, tp.id)] = number
                cat.by_id.setdefault(tp.id, []).append(number)
        return cat

    def resolve(self, value: object, journey: object = None) -> tuple[int, str]:
        """The touchpoint number a log value names (-1 if none) and, if none, why not."""
        if value is None or value is pd.NA or str(value).strip() == "":
            return -1, "blank touchpoint"
        text = str(value).strip()
        j_slug = None
        if journey is not None and journey is not pd.NA and str(journey).strip():
            j_text = str(journey).strip()
            j_slug = j_text if any(j.journey == j_text for j in self.journeys) else slugify(j_text)
        else:  # a key, journey/touchpoint, names its journey
            named, text = split_key(text)
            j_slug = slugify(named) if named is not None else None
        for candidate in dict.fromkeys((text, slugify(text))):
            if j_slug is not None and (j_slug, candidate) in self.by_pair:
                return self.by_pair[(j_slug, candidate)], ""
            found = self.by_id.get(candidate, [])
            if j_slug is None and len(found) == 1:
                return found[0], ""
            if j_slug is None and len(found) > 1:
                return -1, f"in {len(found)} journeys; map a journey column to choose"
        if j_slug is not None and not any(j.journey == j_slug for j in self.journeys):
            return -1, "journey not loaded"
        return -1, "not a touchpoint of that journey" if j_slug else "no touchpoint with this id"


def match(
    touchpoint: pd.Series,
    journey: pd.Series | None,
    catalogue: Catalogue,
    private: Callable[[Iterable[str]], set[str]] | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's touchpoint number (-1: unmatched) and the unmatched values with counts.

    Works on the distinct (journey, touchpoint) pairs, never row by row. A value is shown only
    when at least MIN_SHOWN contacts carry it, it does not look like an identifier and it is not
    among ``private(values)`` (e.g. it is also a customer id).
    """
    tp_codes, tp_values = _codes(touchpoint)
    pairs: list[tuple[object, object]]
    if journey is None:
        pair_codes, pairs = tp_codes, [(v, None) for v in tp_values]
    else:
        j_codes, j_values = _codes(journey)
        width = len(tp_values) + 1
        codes, uniques = pd.factorize((j_codes + 1) * width + (tp_codes + 1))
        pair_codes = np.asarray(codes, dtype=np.int64)
        pairs = []
        for key in uniques:
            jn, tn = divmod(int(key), width)
            pairs.append((tp_values[tn - 1] if tn else None, j_values[jn - 1] if jn else None))
    pairs.append((None, None))  # code -1, a blank touchpoint, reads this last slot
    lookup = np.full(len(pairs), -1, dtype=np.int64)
    whys = []
    for i, (value, j) in enumerate(pairs):
        number, why = catalogue.resolve(value, j)
        lookup[i] = number
        whys.append(why)
    numbers = lookup[pair_codes]
    missed = pair_codes[numbers < 0]
    counts = np.bincount(np.where(missed < 0, len(pairs) - 1, missed), minlength=len(pairs))
    found = [(pairs[i], whys[i], int(counts[i])) for i in np.flatnonzero(counts)]
    return numbers, _unmatched(found, private)


def _unmatched(
    found: list[tuple[tuple[object, object], str, int]],
    private: Callable[[Iterable[str]], set[str]] | None,
) -> pd.DataFrame:
    """The unmatched values as they may be shown, pooled where they may not, with counts."""
    many = len(found) > MAX_DISTINCT
    candidates = {
        str(x) for (v, j), _, n in found if n >= MIN_SHOWN for x in (v, j) if x is not None
    }
    hidden = private(candidates) if private is not None and not many else set()
    rows = []
    for (value, journey), why, n in found:
        if value is None:
            shown = BLANK
        elif many:
            shown = f"({len(found):,} distinct values: is this the touchpoint column?)"
        elif n < MIN_SHOWN:
            shown = f"(values on fewer than {MIN_SHOWN} contacts each)"
        elif str(value) in hidden or str(journey) in hidden:
            shown = HIDDEN_VALUE
        else:
            shown = shown_value(str(value))
            if journey is not None and shown != HIDDEN_VALUE:
                shown = f"{shown_value(str(journey))} / {shown}"
        pooled = shown.startswith("(") and shown not in (BLANK, HIDDEN_VALUE)
        rows.append((shown, "" if pooled else why, n))
    table = pd.DataFrame(rows, columns=["value", "reason", "contacts"])
    summed = table.groupby(["value", "reason"], as_index=False, sort=False).agg(
        contacts=("contacts", "sum")
    )
    summed = summed.sort_values(["contacts", "value"], ascending=[False, True], kind="stable")
    return summed[["value", "contacts", "reason"]].reset_index(drop=True)


def _codes(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return np.asarray(series.cat.codes, dtype=np.int64), list(series.cat.categories)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), list(uniques)
