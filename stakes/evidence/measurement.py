"""``measure``: the metrics of docs/evidence.md per touchpoint, per journey and overall.

The contacts are matched to touchpoints, turned into arrays (``Contacts``), and every metric
declared in ``stakes.evidence.metrics`` is computed at each level (``Level``), in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from stakes.evidence.fields import HANDLERS
from stakes.evidence.groups import Contacts, Level, given, to_person, window
from stakes.evidence.log import normalise
from stakes.evidence.match import Catalogue, match
from stakes.evidence.metrics import METRICS, rates
from stakes.evidence.model import INTERVAL_COLUMNS, LEVELS, Evidence, LogReport, parse_window
from stakes.evidence.uncertainty import wilson
from stakes.journey.files import Portfolio, load
from stakes.journey.model import AI_HANDLERS, Journey

#: Whether each handler code (the position in HANDLERS) is AI-handled.
AI_CODES = np.array([h in AI_HANDLERS for h in HANDLERS])


def measure(
    frame: pd.DataFrame,
    journeys: Portfolio | Sequence[Journey] | str | Sequence[str],
    window: str | dt.timedelta | pd.Timedelta = "7d",
    *,
    report: LogReport | None = None,
    target: str | dt.timedelta | pd.Timedelta = "3m",
) -> Evidence:
    """The metrics of ``frame``'s contacts on the touchpoints of ``journeys`` (docs/evidence.md);
    ``target`` is the time within which a customer a bot passes on should reach a person."""
    span, reach = parse_window(window), parse_window(target)
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
    c = _contacts(frame, keep, numbers[keep], catalogue, span, reach)
    n_tp, n_j = len(catalogue.items), len(catalogue.journeys)
    journey_of = np.asarray(catalogue.journey_of, dtype=np.int64)
    not_measured = tuple(m.name for m in METRICS if not all(c.has(f) for f in m.needs))
    tp_level = Level(c, c.tp, n_tp)
    levels = (
        tp_level,
        Level(
            c,
            journey_of[c.tp],
            n_j,
            tp_level,
            lambda v: np.bincount(journey_of, weights=v, minlength=n_j),
        ),
        Level(c, np.zeros(len(c.tp), dtype=np.int64), 1, tp_level, lambda v: v.sum(keepdims=True)),
    )
    tp_stats, j_stats, all_stats = (_measured(level, not_measured) for level in levels)
    keys: tuple[list[tuple[str | None, str | None]], ...] = (
        [(j.journey, tp.id) for j, _, tp in catalogue.items],
        [(j.journey, None) for j in catalogue.journeys],
        [(None, None)],
    )
    intervals = pd.concat(
        [
            _intervals(name, level, key, not_measured)
            for name, level, key in zip(LEVELS, levels, keys, strict=True)
        ],
        ignore_index=True,
    )
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
    found = Evidence(
        touchpoints, journey_frame, overall, unmatched, span, report, not_measured, intervals, reach
    )
    found.left_out = _left_out(frame[keep], c)
    return found


def _intervals(
    name: str,
    level: Level,
    keys: list[tuple[str | None, str | None]],
    not_measured: tuple[str, ...],
) -> pd.DataFrame:
    """Every rate's numerator, denominator and 95% Wilson interval at ``level``, one row per
    group and rate (the long form of ``Evidence.intervals``)."""
    parts = []
    for metric in rates():
        if metric.name in not_measured:
            continue
        top, bottom = metric.counts(level)
        low, high = wilson(top, bottom)
        parts.append(
            pd.DataFrame(
                {
                    "level": name,
                    "journey": [j for j, _ in keys],
                    "touchpoint": [t for _, t in keys],
                    "metric": metric.name,
                    "numerator": top.astype(np.int64),
                    "denominator": bottom.astype(np.int64),
                    "low": low,
                    "high": high,
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=INTERVAL_COLUMNS)


def _left_out(frame: pd.DataFrame, c: Contacts) -> dict[str, dict[str, int]]:
    """The matched contacts each group of metrics leaves out, by reason (only where the log has
    the field: a field it lacks leaves its metrics not measured instead)."""
    out: dict[str, dict[str, int]] = {}
    if c.windowed is not None:
        reasons = {
            "with no customer id": int(np.count_nonzero(given(c.customer) < 0)),
            "with no timestamp": int(np.count_nonzero(np.isnat(np.asarray(frame["timestamp"])))),
        }
        out["window metrics"] = {k: v for k, v in reasons.items() if v}
    if c.known is not None:
        out["resolution metrics"] = {"with no resolution given": int(np.sum(~c.known))}
    if c.handler is not None:
        out["observed handling"] = {"with no handler label read": int(np.sum(c.handler < 0))}
    return {
        group: {k: v for k, v in why.items() if v}
        for group, why in out.items()
        if any(why.values())
    }


def _measured(level: Level, not_measured: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Every metric the log can give, for every group of ``level``."""
    return {m.name: m.compute(level) for m in METRICS if m.name not in not_measured}


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
    frame: pd.DataFrame,
    keep: np.ndarray,
    tp: np.ndarray,
    catalogue: Catalogue,
    span: pd.Timedelta,
    target: pd.Timedelta,
) -> Contacts:
    declared = np.array([t.handled_by in AI_HANDLERS for _, _, t in catalogue.items] or [False])
    ai = declared[tp]
    handler = None
    if "handled_by" in frame:
        handler = np.asarray(frame["handled_by"].cat.codes, dtype=np.int8)[keep]
        ai = np.where(handler >= 0, AI_CODES[np.maximum(handler, 0)], ai)

    def column(name: str, dtype: type) -> np.ndarray | None:
        return np.asarray(frame[name], dtype=dtype)[keep] if name in frame else None

    c = Contacts(
        tp=tp.astype(np.int64),
        ai=ai.astype(bool),
        handler=handler,
        escalated=column("escalated", bool),
        csat=column("csat", np.float64),
        minutes=column("resolution_minutes", np.float64),
        target=target.total_seconds() / 60,
    )
    if "resolved" in frame:
        resolved = frame["resolved"]
        c.known = ~np.asarray(resolved.isna())[keep]
        c.resolved = np.asarray(resolved.fillna(False), dtype=bool)[keep]
    if "customer_id" in frame:
        c.customer = np.asarray(frame["customer_id"].cat.codes, dtype=np.int64)[keep]
        if "timestamp" in frame:
            seconds = np.asarray(frame["timestamp"], dtype="datetime64[s]")[keep]
            width = int(span.total_seconds())
            c.windowed, c.repeat, c.prior = window(c.tp, c.customer, seconds, width)
            journey = np.asarray(catalogue.journey_of, dtype=np.int64)[c.tp]
            c.again = window(journey, c.customer, seconds, width)[1]
            c.to_person = to_person(journey, c.customer, seconds, width, c.ai)
    return c


def _frame(
    stats: dict[str, np.ndarray], index: pd.Index, not_measured: tuple[str, ...]
) -> pd.DataFrame:
    """The metrics as columns: counts as nullable integers, the rest as floats."""
    columns: dict[str, object] = {}
    for metric in METRICS:
        name = metric.name
        values = np.full(len(index), np.nan) if name in not_measured else stats[name]
        if metric.whole:
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
    (``input_format``, ``encoding``, ``delimiter``, ``day_first``, ``handlers``, ``strict``,
    ``epoch_unit``).
    """
    from stakes.evidence.log import read_log

    frame, report = read_log(log, mapping, **options)
    return measure(frame, journeys, window, report=report)
