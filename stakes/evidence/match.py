"""Matching a log's touchpoint (and journey) values to the touchpoints of the loaded journeys."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stakes.evidence.privacy import clipped, id_shaped, looks_like_id, looks_like_identifier
from stakes.journey.keys import split_key
from stakes.journey.model import Journey, Stage, Touchpoint

BLANK = "(blank)"
#: An unmatched value shaped like an id is shown only when at least this many contacts carry it
#: (a near miss of a known id is shown whatever its count).
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
    when it cannot be customer data (see ``_unmatched``); ``private(values)`` says which values
    are also a customer or contact id.
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
    return numbers, _unmatched(found, catalogue, private)


def _unmatched(
    found: list[tuple[tuple[object, object], str, int]],
    catalogue: Catalogue,
    private: Callable[[Iterable[str]], set[str]] | None,
) -> pd.DataFrame:
    """The unmatched values as they may be shown, pooled where they may not, with counts.

    A value is shown when it names a loaded touchpoint (or journey), is a near miss of one, or
    is shaped like an id and on at least MIN_SHOWN contacts; never when it looks like an
    identifier or is also a customer or contact id (``private``). The rest are pooled by why.
    """
    known = (set(catalogue.by_id), {j.journey for j in catalogue.journeys})
    judged: list[tuple[str, list[str], str, int, tuple[object, object]]] = []
    for (value, journey), why, n in found:
        if value is None or len(found) > MAX_DISTINCT:
            judged.append(("blank" if value is None else "many", [], why, n, (value, journey)))
            continue
        verdicts = [_judge(value, known[0], n)]
        if journey is not None:
            verdicts.append(_judge(journey, known[1], n))
        worst = min((v for v, _ in verdicts), key=_SEVERITY.index)
        hints = [h for _, h in verdicts]
        judged.append((worst, hints, why, n, (value, journey)))
    shown = {
        str(x) for w, _, _, _, pair in judged if w in ("near", "id") for x in pair if x is not None
    }
    hidden = private(shown) if private is not None and shown else set()
    rows = []  # value, reason, contacts, the pool it is in ("" when shown)
    for worst, hints, why, n, (value, journey) in judged:
        if worst in ("near", "id") and {str(value), str(journey)} & hidden:
            worst = "identifier"
        if worst == "blank":
            rows.append((BLANK, why, n, ""))
        elif worst == "many":
            rows.append(
                (f"({len(found):,} distinct values: is this the touchpoint column?)", "", n, "")
            )
        elif worst in _POOLS:
            rows.append(("", why, n, worst))
        else:
            text = " / ".join(clipped(str(x)) for x in (journey, value) if x is not None)
            near = [f"did you mean {h!r}?" for h in hints if h]
            rows.append((text, "; ".join([why, *near]), n, ""))
    table = pd.DataFrame(rows, columns=["value", "reason", "contacts", "pool"])
    summed = table.groupby(["pool", "value", "reason"], as_index=False, sort=False).agg(
        contacts=("contacts", "sum"), values=("contacts", "size")
    )
    summed["value"] = [
        _POOLS[pool][k > 1].format(k=k) if pool else value
        for pool, value, k in zip(summed["pool"], summed["value"], summed["values"], strict=True)
    ]
    summed = summed.sort_values(["contacts", "value"], ascending=[False, True], kind="stable")
    return summed[["value", "contacts", "reason"]].reset_index(drop=True)


#: From the worst to the best: why a value is not shown, or that it may be.
_SEVERITY = ("identifier", "data", "rare", "near", "id", "known")
#: The rows that pool the values not shown, by why: for one value, for {k} values.
_POOLS = {
    "identifier": (
        "(1 value not shown: it looks like an identifier)",
        "({k:,} values not shown: they look like identifiers)",
    ),
    "data": (
        "(1 value not shown: not a touchpoint id, it may be customer data)",
        "({k:,} values not shown: not touchpoint ids, they may be customer data)",
    ),
    "rare": (
        f"(1 value not shown: on fewer than {MIN_SHOWN} contacts)",
        f"({{k:,}} values not shown: on fewer than {MIN_SHOWN} contacts each)",
    ),
}


def _judge(text: object, known: set[str], contacts: int) -> tuple[str, str]:
    """Whether a log value may be shown (see _SEVERITY), and the id it is a near miss of. Only
    a value shaped like an id may be (lower-case ASCII, digits, - and _): a space, a capital or
    an apostrophe is how names are written (``Freud``, ``Liv Agent``, ``O'Fraud``)."""
    value = str(text).strip()
    slug = slugify(value)
    if id_shaped(value) and (value in known or slug in known):
        return "known", ""
    if looks_like_identifier(value):
        return "identifier", ""
    if not looks_like_id(value):
        return "data", ""
    close = difflib.get_close_matches(slug, known, n=1, cutoff=0.8) if slug else []
    if close:
        return "near", close[0]
    if contacts < MIN_SHOWN:
        return "rare", ""
    return "id", ""


def _codes(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return np.asarray(series.cat.codes, dtype=np.int64), list(series.cat.categories)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), list(uniques)
