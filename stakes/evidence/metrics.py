"""``measure``: the metrics of docs/evidence.md per touchpoint, per journey and overall, vectorised.

Every metric is a sum over contacts (``np.bincount`` by touchpoint, added up for journeys and
overall), a count of distinct customers, a percentile or median per group, or comes from one
sort of the contacts by touchpoint, customer and time; nothing loops over rows in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stakes.evidence.fields import HANDLERS
from stakes.evidence.groups import distinct, p90, window
from stakes.evidence.log import normalise
from stakes.evidence.match import Catalogue, match
from stakes.evidence.model import COUNTS, METRICS, NEEDS, Evidence, LogReport, parse_window
from stakes.journey.files import Portfolio, load
from stakes.journey.model import AI_HANDLERS, Journey

#: Whether each handler code (the position in HANDLERS) is AI-handled.
AI_CODES = np.array([h in AI_HANDLERS for h in HANDLERS])


@dataclass(slots=True)
class _Contacts:
    """The matched contacts as arrays; None where the log lacks the field."""

    tp: np.ndarray  # touchpoint number
    ai: np.ndarray  # AI-handled (ai or self-service)
    escalated: np.ndarray | None
    resolved: np.ndarray | None
    csat: np.ndarray | None
    customer: np.ndarray | None  # code, -1 when blank
    minutes: np.ndarray | None
    windowed: np.ndarray | None  # has a customer and a timestamp
    repeat: np.ndarray | None  # followed by the same customer, same touchpoint, within window
    prior: np.ndarray | None  # earlier contacts, same customer and touchpoint, within window


def measure(
    frame: pd.DataFrame,
    journeys: Portfolio | Sequence[Journey] | str | Sequence[str],
    window: str | dt.timedelta | pd.Timedelta = "7d",
    *,
    report: LogReport | None = None,
) -> Evidence:
    """The metrics of ``frame``'s contacts on the touchpoints of ``journeys`` (docs/evidence.md)."""
    span = parse_window(window)
    report = report or LogReport(file="<frame>", format="frame", rows=len(frame))
    if not report.columns:
        report.columns = {c: c for c in frame.columns}
    if frame.index.name != "row":  # not from read_log: rows are numbered from 1 as they come
        frame = frame.set_axis(pd.RangeIndex(1, len(frame) + 1, name="row"))
    frame = normalise(frame, report)
    catalogue = Catalogue.of(_journeys(journeys))
    private = _private(frame)
    journey_column = frame["journey"] if "journey" in frame.columns else None
    numbers, unmatched = match(frame["touchpoint"], journey_column, catalogue, private)
    keep = numbers >= 0
    c = _contacts(frame, keep, numbers[keep], catalogue, span)
    n_tp, n_j = len(catalogue.items), len(catalogue.journeys)
    journey_of = np.asarray(catalogue.journey_of, dtype=np.int64)
    tp_stats, j_stats, all_stats = _levels(c, journey_of, n_tp, n_j)
    not_measured = _not_measured(c)
    tp_index = pd.MultiIndex.from_tuples(
        [(j.journey, tp.id) for j, _, tp in catalogue.items], names=["journey", "touchpoint"]
    )
    info = pd.DataFrame(
        {
            "stage": [s.id for _, s, _ in catalogue.items],
            "title": [tp.title for _, _, tp in catalogue.items],
            "declared_handled_by": [tp.handled_by for _, _, tp in catalogue.items],
        },
        index=tp_index,
    )
    touchpoints = pd.concat([info, _frame(tp_stats, tp_index, not_measured)], axis=1)
    j_index = pd.Index([j.journey for j in catalogue.journeys], name="journey")
    j_info = pd.DataFrame({"title": [j.title for j in catalogue.journeys]}, index=j_index)
    journey_frame = pd.concat([j_info, _frame(j_stats, j_index, not_measured)], axis=1)
    overall = _frame(all_stats, pd.Index(["overall"]), not_measured).astype(object).iloc[0]
    return Evidence(touchpoints, journey_frame, overall, unmatched, span, report, not_measured)


def _not_measured(c: _Contacts) -> tuple[str, ...]:
    """The metrics whose fields the log lacks (NEEDS), in METRICS order."""
    have = {
        "customer_id": c.customer is not None,
        "timestamp": c.windowed is not None,
        "escalated": c.escalated is not None,
        "resolved": c.resolved is not None,
        "csat": c.csat is not None,
        "resolved_at": c.minutes is not None,
    }
    missing = {m for f, ok in have.items() if not ok for m in NEEDS[f]}
    return tuple(m for m in METRICS if m in missing)


def _journeys(source: Portfolio | Sequence[Journey] | str | Sequence[str]) -> list[Journey]:
    if isinstance(source, Portfolio):
        return source.journeys
    items = [source] if isinstance(source, str) else list(source)
    if items and all(isinstance(i, Journey) for i in items):
        return [i for i in items if isinstance(i, Journey)]
    return load([str(i) for i in items]).journeys


def _private(frame: pd.DataFrame) -> Callable[[Iterable[str]], set[str]]:
    """Which of some values are also a customer or contact id in this log."""
    ids = [frame[f] for f in ("customer_id", "contact_id") if f in frame]

    def private(values: Iterable[str]) -> set[str]:
        wanted = list(values)
        found: set[str] = set()
        for column in ids:
            categorical = isinstance(column.dtype, pd.CategoricalDtype)
            text = pd.Series(column.cat.categories if categorical else column).astype("str")
            found.update(str(v) for v in text[text.isin(wanted)].unique())
        return found

    return private


def _contacts(
    frame: pd.DataFrame, keep: np.ndarray, tp: np.ndarray, catalogue: Catalogue, span: pd.Timedelta
) -> _Contacts:
    declared = np.array([t.handled_by in AI_HANDLERS for _, _, t in catalogue.items] or [False])
    ai = declared[tp]
    if "handled_by" in frame:
        codes = np.asarray(frame["handled_by"].cat.codes)[keep]
        ai = np.where(codes >= 0, AI_CODES[np.maximum(codes, 0)], ai)

    def column(name: str, dtype: type) -> np.ndarray | None:
        return np.asarray(frame[name], dtype=dtype)[keep] if name in frame else None

    c = _Contacts(
        tp=tp.astype(np.int64),
        ai=ai.astype(bool),
        escalated=column("escalated", bool),
        resolved=column("resolved", bool),
        csat=column("csat", np.float64),
        customer=None,
        minutes=column("resolution_minutes", np.float64),
        windowed=None,
        repeat=None,
        prior=None,
    )
    if "customer_id" in frame:
        c.customer = np.asarray(frame["customer_id"].cat.codes, dtype=np.int64)[keep]
        if "timestamp" in frame:
            seconds = np.asarray(frame["timestamp"], dtype="datetime64[s]")[keep]
            c.windowed, c.repeat, c.prior = window(
                c.tp, c.customer, seconds, int(span.total_seconds())
            )
    return c


def _sums(group: np.ndarray, n: int, c: _Contacts) -> dict[str, np.ndarray]:
    """The additive counts and CSAT sums per group ``0..n-1``, for the fields the log has."""

    def count(mask: np.ndarray | None = None) -> np.ndarray:
        chosen = group if mask is None else group[mask]
        return np.bincount(chosen, minlength=n).astype(np.float64)

    def total(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(group[mask], weights=values[mask], minlength=n)

    out = {"contacts": count(), "ai": count(c.ai)}
    if c.escalated is not None:
        bot = c.ai & ~c.escalated
        out["deflected"], out["escalated"] = count(bot), count(c.ai & c.escalated)
        if c.resolved is not None:
            out["deflected_unresolved"] = count(bot & ~c.resolved)
    if c.resolved is not None:
        out["resolved"] = count(c.resolved)
    if c.csat is not None:
        rated = ~np.isnan(c.csat)
        out["rated"], out["csat"] = count(rated), total(c.csat, rated)
        if c.escalated is not None:
            by_bot = rated & c.ai & ~c.escalated
            out["rated_ai"], out["csat_ai"] = count(by_bot), total(c.csat, by_bot)
    if c.windowed is not None and c.repeat is not None:
        out["windowed"], out["repeat"] = count(c.windowed), count(c.repeat)
    return out


def _rates(s: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """The metrics that are ratios of sums; NaN where not measurable (or 0 / 0)."""
    out = dict.fromkeys(METRICS, np.full(n, np.nan))
    with np.errstate(invalid="ignore", divide="ignore"):
        out["contacts"], out["ai_contacts"] = s["contacts"], s["ai"]
        out["ai_share"] = s["ai"] / s["contacts"]
        if "deflected" in s:
            out["deflected"] = s["deflected"]
            out["deflection_rate"] = s["deflected"] / s["ai"]
            out["escalation_rate"] = s["escalated"] / s["ai"]
        if "deflected_unresolved" in s:
            out["deflected_unresolved"] = s["deflected_unresolved"]
            out["deflected_unresolved_rate"] = s["deflected_unresolved"] / s["deflected"]
        if "resolved" in s:
            out["resolution_rate"] = s["resolved"] / s["contacts"]
        if "csat" in s:
            out["csat"] = s["csat"] / s["rated"]
        if "csat_ai" in s:
            out["csat_ai"] = s["csat_ai"] / s["rated_ai"]
            out["csat_human"] = (s["csat"] - s["csat_ai"]) / (s["rated"] - s["rated_ai"])
        if "repeat" in s:
            out["repeat_contact_rate"] = s["repeat"] / s["windowed"]
    return out


def _pooled(group: np.ndarray, n: int, c: _Contacts, out: dict[str, np.ndarray]) -> None:
    """Add the metrics that do not add up across groups: distinct customers, percentiles,
    medians."""
    if c.customer is not None:
        out["customers"] = distinct(group, n, c.customer, c.customer >= 0)
    if c.windowed is not None and c.prior is not None:
        assert c.customer is not None
        out["looping_customers"] = distinct(group, n, c.customer, c.windowed & (c.prior >= 2))
        out["prior_contacts_p90"] = p90(group[c.windowed], n, c.prior[c.windowed])
    if c.minutes is not None:
        minutes = pd.Series(c.minutes).groupby(group).median()
        out["median_resolution_minutes"] = minutes.reindex(range(n)).to_numpy(np.float64)


def _levels(
    c: _Contacts, journey_of: np.ndarray, n_tp: int, n_j: int
) -> list[dict[str, np.ndarray]]:
    """The metrics per touchpoint, per journey and overall. Sums are taken once, per
    touchpoint, and added up for journeys and overall; the rest is pooled at each level."""
    tp_sums = _sums(c.tp, n_tp, c)
    j_sums = {k: np.bincount(journey_of, weights=v, minlength=n_j) for k, v in tp_sums.items()}
    all_sums = {k: v.sum(keepdims=True) for k, v in tp_sums.items()}
    levels = []
    for group, n, sums in (
        (c.tp, n_tp, tp_sums),
        (journey_of[c.tp], n_j, j_sums),
        (np.zeros(len(c.tp), dtype=np.int64), 1, all_sums),
    ):
        stats = _rates(sums, n)
        _pooled(group, n, c, stats)
        levels.append(stats)
    return levels


def _frame(
    stats: dict[str, np.ndarray], index: pd.Index, not_measured: tuple[str, ...]
) -> pd.DataFrame:
    """The metrics as columns: counts as nullable integers, the rest as floats."""
    columns: dict[str, object] = {}
    for name in METRICS:
        values = np.full(len(index), np.nan) if name in not_measured else stats[name]
        if name in COUNTS:
            columns[name] = pd.array(
                [None if np.isnan(v) else int(v) for v in values], dtype="Int64"
            )
        else:
            columns[name] = values
    return pd.DataFrame(columns, index=index)


def load_evidence(
    log: str,
    journeys: Portfolio | Sequence[Journey] | str | Sequence[str],
    mapping: Mapping[str, str] | None = None,
    window: str | dt.timedelta | pd.Timedelta = "7d",
    **options: Any,
) -> Evidence:
    """The evidence of the log at ``log`` on ``journeys``: ``read_log`` then ``measure``.

    ``journeys`` and ``window`` are as for ``measure``; ``options`` go to ``read_log``
    (``input_format``, ``encoding``, ``delimiter``, ``day_first``, ``handlers``, ``strict``).
    """
    from stakes.evidence.log import read_log

    frame, report = read_log(log, mapping, **options)
    return measure(frame, journeys, window, report=report)
