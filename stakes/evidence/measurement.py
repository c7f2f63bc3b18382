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
from stakes.evidence.groups import Contacts, Level, window
from stakes.evidence.log import normalise
from stakes.evidence.match import Catalogue, match
from stakes.evidence.metrics import METRICS
from stakes.evidence.model import Evidence, LogReport, parse_window
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
    matches: Mapping[str, str] | None = None,
) -> Evidence:
    """The metrics of ``frame``'s contacts on the touchpoints of ``journeys`` (docs/evidence.md).

    ``matches`` (a log value -> ``journey/touchpoint``) names the touchpoint of a category
    before the journeys' ``evidence.match`` and the ids do; ValueError for a target that names
    no touchpoint."""
    span = parse_window(window)
    report = report or LogReport(file="<frame>", format="frame", rows=len(frame))
    if not report.columns:
        report.columns = {c: c for c in frame.columns}
    if frame.index.name != "row":  # not from read_log: rows are numbered from 1 as they come
        frame = frame.set_axis(pd.RangeIndex(1, len(frame) + 1, name="row"))
    frame = normalise(frame, report)
    catalogue = Catalogue.of(_journeys(journeys))
    private = _private(frame)
    numbers, unmatched = match(frame, catalogue, private, matches)
    keep = numbers >= 0
    c = _contacts(frame, keep, numbers[keep], catalogue, span)
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
    frame: pd.DataFrame, keep: np.ndarray, tp: np.ndarray, catalogue: Catalogue, span: pd.Timedelta
) -> Contacts:
    declared = np.array([t.handled_by in AI_HANDLERS for _, _, t in catalogue.items] or [False])
    ai = declared[tp]
    if "handled_by" in frame:
        codes = np.asarray(frame["handled_by"].cat.codes)[keep]
        ai = np.where(codes >= 0, AI_CODES[np.maximum(codes, 0)], ai)

    def column(name: str, dtype: type) -> np.ndarray | None:
        return np.asarray(frame[name], dtype=dtype)[keep] if name in frame else None

    c = Contacts(
        tp=tp.astype(np.int64),
        ai=ai.astype(bool),
        escalated=column("escalated", bool),
        resolved=column("resolved", bool),
        csat=column("csat", np.float64),
        minutes=column("resolution_minutes", np.float64),
    )
    if "customer_id" in frame:
        c.customer = np.asarray(frame["customer_id"].cat.codes, dtype=np.int64)[keep]
        if "timestamp" in frame:
            seconds = np.asarray(frame["timestamp"], dtype="datetime64[s]")[keep]
            c.windowed, c.repeat, c.prior = window(
                c.tp, c.customer, seconds, int(span.total_seconds())
            )
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
    (``input_format``, ``encoding``, ``delimiter``, ``day_first``, ``handlers``, ``strict``).
    """
    from stakes.evidence.log import read_log

    frame, report = read_log(log, mapping, **options)
    return measure(frame, journeys, window, report=report)
