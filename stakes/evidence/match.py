"""Matching a log's touchpoint (and journey) values to the touchpoints of the loaded journeys."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from stakes.evidence.matchers import Matchers
from stakes.evidence.privacy import (
    clipped,
    id_shaped,
    looks_like_code,
    looks_like_id,
    looks_like_identifier,
)
from stakes.journey.keys import slugify, split_key
from stakes.journey.model import Journey, Stage, Touchpoint

BLANK = "(blank)"
#: k-anonymity: an unmatched value shaped like a category is shown only when at least this many
#: contacts of the log carry it, so that a value one customer typed (a name, a reference) is
#: never shown, near miss or not; the values below it are counted together (docs/evidence.md,
#: "Privacy"). 5 is the smallest cell size national statistics offices publish.
K_ANONYMITY = 5
#: Past this many distinct unmatched values, none is shown: the column is probably not one of
#: touchpoints.
MAX_DISTINCT = 200


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
    frame: pd.DataFrame,
    catalogue: Catalogue,
    private: Callable[[Iterable[str]], set[str]] | None = None,
    explicit: Mapping[str, str] | None = None,
    counted: np.ndarray | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's touchpoint number (-1: unmatched) and the unmatched values with counts (of
    the rows ``counted`` picks out: a period's; None: all).

    ``frame`` has a ``touchpoint`` column, and maybe ``journey``, ``channel`` and
    ``handled_by``. A row is matched by ``explicit`` (log value -> touchpoint key), then by the
    journeys' ``evidence.match``, then by its id (``Catalogue.resolve``); see ``Matchers``. Works
    on the distinct values, never row by row. A value is shown only when it cannot be customer
    data (see ``_unmatched``); ``private(values)`` says which values are also a customer or
    contact id. ValueError for an explicit target that names no touchpoint.
    """
    rules = Matchers.of([(j, tp) for j, _, tp in catalogue.items], explicit)
    wanted = (("journey", True), ("channel", rules.channel), ("handled_by", rules.handler))
    names = ["touchpoint", *(n for n, used in wanted if used and n in frame.columns)]
    present = [n in names for n in ("touchpoint", *(n for n, _ in wanted))]
    codes, rows = _distinct([frame[n] for n in names], len(frame))
    lookup = np.full(len(rows), -1, dtype=np.int64)
    whys, pairs = [], []
    for i, row in enumerate(rows):
        it = iter(row)
        value, journey, channel, handler = (_text(next(it)) if on else None for on in present)
        lookup[i], why = _resolve(catalogue, rules, value, journey, channel, handler)
        whys.append(why)
        pairs.append((value, journey))
    numbers = lookup[codes]
    missed = numbers < 0 if counted is None else (numbers < 0) & counted
    counts = np.bincount(codes[missed], minlength=len(rows))
    people = _people(frame, codes, missed, len(rows), counts)
    found = [(pairs[i], whys[i], int(counts[i])) for i in np.flatnonzero(counts)]
    return numbers, _unmatched(found, catalogue, private, rules.written, people)


def _people(
    frame: pd.DataFrame, codes: np.ndarray, unmatched: np.ndarray, n: int, counts: np.ndarray
) -> list[int] | None:
    """Per unmatched distinct row (in order), how many people carry it: distinct
    customers, plus each contact with no customer id (it may be anyone); None without ids. One
    customer who types the same word five times is one person, not five (K_ANONYMITY)."""
    if "customer_id" not in frame.columns or not unmatched.any():
        return None
    from stakes.evidence.windows import distinct

    customer = np.asarray(pd.Categorical(frame["customer_id"]).codes, dtype=np.int64)
    named = unmatched & (customer >= 0)
    anonymous = np.bincount(codes[unmatched & (customer < 0)], minlength=n)
    known = distinct(codes, n, customer, named) if named.any() else np.zeros(n)
    total = known.astype(np.int64) + anonymous
    return [int(total[i]) for i in np.flatnonzero(counts)]


def _resolve(
    catalogue: Catalogue,
    rules: Matchers,
    value: str | None,
    journey: str | None,
    channel: str | None,
    handler: str | None,
) -> tuple[int, str]:
    """A contact's touchpoint number (-1 if none) and, if none, why not: claimed, else by id."""
    if value is None:
        return -1, "blank touchpoint"
    number, why, final = rules.resolve(value, journey, channel, handler)
    if number >= 0 or final:
        return number, why
    number, by_id = catalogue.resolve(value, journey)
    return number, why or by_id


def _text(value: object) -> str | None:
    """A log value as text, None when blank."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _distinct(columns: list[pd.Series], n: int) -> tuple[np.ndarray, list[tuple[object, ...]]]:
    """Each row's number among the distinct rows of ``columns``, and those rows' values (None
    where blank). One column is read from its categories; more are combined code by code."""
    parts = [_codes(c) for c in columns]
    if len(parts) == 1:
        codes, values = parts[0]
        return codes + 1, [(None,), *((v,) for v in values)]
    combined = np.zeros(n, dtype=np.int64)
    for more, values in parts:
        combined, _ = pd.factorize(combined * (len(values) + 1) + (more + 1))
        combined = np.asarray(combined, dtype=np.int64)
    if n == 0:
        return combined, []
    # Codes come in order of first appearance: the rows where a code is new hold each one.
    seen = np.maximum.accumulate(np.concatenate(([-1], combined[:-1])))
    first = np.flatnonzero(combined > seen)
    rows = [
        tuple(values[c[i]] if c[i] >= 0 else None for c, values in parts) for i in first.tolist()
    ]
    return combined, rows


def _unmatched(
    found: Sequence[tuple[tuple[object, object], str, int]],
    catalogue: Catalogue,
    private: Callable[[Iterable[str]], set[str]] | None,
    written: set[str] | None = None,
    people: Sequence[int] | None = None,
) -> pd.DataFrame:
    """The unmatched values as they may be shown, pooled where they may not, with counts.

    A value is shown when it names a loaded touchpoint (or journey) or is a category a journey's
    ``evidence.match`` lists (``written``), or when it is shaped like a category and on at least
    K_ANONYMITY contacts, and people where the log has customer ids (``people``, by position
    in ``found``), with a "did you mean" when it is a near miss of an id; never when it looks
    like an identifier or is also a customer or contact id (``private``). The rest are pooled
    by why.
    """
    known = (set(catalogue.by_id), {j.journey for j in catalogue.journeys})
    judged: list[tuple[str, list[str], str, int, tuple[object, object]]] = []
    for (value, journey), why, n in found:
        if value is None or len(found) > MAX_DISTINCT:
            judged.append(("blank" if value is None else "many", [], why, n, (value, journey)))
            continue
        k = n if people is None else min(n, people[len(judged)])
        verdicts = [_judge(value, known[0], k, written)]
        if journey is not None:
            verdicts.append(_judge(journey, known[1], k))
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
        f"(1 value not shown: from fewer than {K_ANONYMITY} customers)",
        f"({{k:,}} values not shown: each from fewer than {K_ANONYMITY} customers)",
    ),
}


def _judge(
    text: object, known: set[str], contacts: int, written: set[str] | None = None
) -> tuple[str, str]:
    """Whether a log value may be shown (see _SEVERITY), and the id it is a near miss of. Only
    a value shaped like a category may be (``looks_like_id``, ``looks_like_code``: a space with
    capitals, or an apostrophe, is how names are written: ``Freud``, ``Liv Agent``,
    ``O'Fraud``), and only on K_ANONYMITY contacts or more."""
    value = str(text).strip()
    slug = slugify(value)
    if (id_shaped(value) and (value in known or slug in known)) or value in (written or ()):
        return "known", ""
    if looks_like_identifier(value):
        return "identifier", ""
    if not (looks_like_id(value) or looks_like_code(value)):
        return "data", ""
    if contacts < K_ANONYMITY:
        return "rare", ""
    close = difflib.get_close_matches(slug, known, n=1, cutoff=0.8) if slug else []
    return ("near", close[0]) if close else ("id", "")


def _codes(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return np.asarray(series.cat.codes, dtype=np.int64), list(series.cat.categories)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), list(uniques)
