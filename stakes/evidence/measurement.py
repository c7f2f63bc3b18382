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

from stakes.evidence import breakdowns, tabulate
from stakes.evidence.fields import HANDLERS
from stakes.evidence.groups import Contacts, Level
from stakes.evidence.log import normalise
from stakes.evidence.match import Catalogue, match
from stakes.evidence.metrics import METRICS
from stakes.evidence.model import LEVELS, Evidence, LogReport, parse_window
from stakes.evidence.period import moment, period
from stakes.evidence.windows import journey_window, window
from stakes.journey.files import Portfolio, load
from stakes.journey.model import Journey
from stakes.journey.values import AI_HANDLERS

#: Whether each handler code (the position in HANDLERS) is AI-handled.
AI_CODES = np.array([h in AI_HANDLERS for h in HANDLERS])


def measure(
    frame: pd.DataFrame,
    journeys: Portfolio | Sequence[Journey] | str | Sequence[str],
    window: str | dt.timedelta | pd.Timedelta = "7d",
    *,
    report: LogReport | None = None,
    target: str | dt.timedelta | pd.Timedelta = "3m",
    matches: Mapping[str, str] | None = None,
    since: str | pd.Timestamp | None = None,
    until: str | pd.Timestamp | None = None,
) -> Evidence:
    """The metrics of ``frame``'s contacts on the touchpoints of ``journeys`` (docs/evidence.md).

    ``target`` is the time within which a customer a bot passes on should reach a person;
    ``since`` and ``until`` (dates or ISO times, both inclusive) keep the contacts of a period.
    ``matches`` (a log value -> ``journey/touchpoint``) names the touchpoint of a category
    before the journeys' ``evidence.match`` and the ids do; ValueError for a target that names
    no touchpoint."""
    span, reach = parse_window(window), parse_window(target)
    report = report or LogReport(file="<frame>", format="frame", rows=len(frame))
    if not report.columns:
        report.columns = {c: c for c in frame.columns}
    if frame.index.name != "row":  # not from read_log: rows are numbered from 1 as they come
        frame = frame.set_axis(pd.RangeIndex(1, len(frame) + 1, name="row"))
    frame = normalise(frame, report)
    start, stop = _moment(since, "--since"), _moment(until, "--until", end=True)
    in_period = period(frame, start, stop, report)
    catalogue = Catalogue.of(_journeys(journeys))
    private = _private(frame)
    numbers, unmatched = match(frame, catalogue, private, matches, counted=in_period)
    keep = numbers >= 0
    # What customers did next is read from every contact of the log, in the period or not.
    c = _contacts(frame, keep, numbers[keep], catalogue, span, reach)
    if in_period is not None:
        c = c.subset(in_period[keep])
        keep &= in_period
    n_tp, n_j = len(catalogue.items), len(catalogue.journeys)
    journey_of = np.asarray(catalogue.journey_of, dtype=np.int64)
    not_measured = tuple(m.name for m in METRICS if not all(c.has(f) for f in m.needs))
    if "timestamp" in frame and _dates_only(frame["timestamp"]):
        lost = ["person_within_target_rate", "median_resolution_minutes"]
        if "resolution_minutes" in report.columns:  # a duration the log gives is in minutes
            lost.remove("median_resolution_minutes")
        lost = [m for m in lost if m not in not_measured]
        if lost:
            not_measured += tuple(lost)
            report.notes.append(
                "timestamps are dates without a time of day: not measured: " + ", ".join(lost)
            )
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
    tp_stats, j_stats, all_stats = (tabulate.measured(level, not_measured) for level in levels)
    keys: tuple[list[tuple[str | None, str | None]], ...] = (
        [(j.journey, tp.id) for j, _, tp in catalogue.items],
        [(j.journey, None) for j in catalogue.journeys],
        [(None, None)],
    )
    intervals = pd.concat(
        [
            tabulate.intervals(name, level, key, not_measured)
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
    touchpoints = pd.concat([info, tabulate.frame(tp_stats, tp_index, not_measured)], axis=1)
    j_index = pd.Index([j.journey for j in catalogue.journeys], name="journey")
    j_info = pd.DataFrame({"title": [j.title for j in catalogue.journeys]}, index=j_index)
    journey_frame = pd.concat([j_info, tabulate.frame(j_stats, j_index, not_measured)], axis=1)
    overall = tabulate.frame(all_stats, pd.Index(["overall"]), not_measured).astype(object).iloc[0]
    found = Evidence(
        touchpoints, journey_frame, overall, unmatched, span, report, not_measured, intervals, reach
    )
    found.left_out = tabulate.left_out(frame[keep], c)
    parts = [intervals]
    if "channel" in frame:
        channels = frame["channel"][keep]
        found.by_channel, part = breakdowns.by_channel(channels, c, not_measured, private)
        parts.append(part)
    if "timestamp" in frame:
        times = np.asarray(frame["timestamp"])[keep]
        found.by_week, part = breakdowns.by_week(times, c, not_measured)
        parts.append(part)
    found.intervals = pd.concat(parts, ignore_index=True)
    return found


def _moment(
    value: str | pd.Timestamp | None, option: str, end: bool = False
) -> pd.Timestamp | None:
    if value is None or isinstance(value, pd.Timestamp):
        return value
    return moment(value, option, end=end)


def _dates_only(times: pd.Series) -> bool:
    """Whether every time in the log is a midnight (a log of dates)."""
    seconds = np.asarray(times, dtype="datetime64[s]")
    seconds = seconds[~np.isnat(seconds)].astype(np.int64)
    return bool(len(seconds)) and not np.any(seconds % 86_400)


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
            c.again, c.to_person = journey_window(journey, c.customer, seconds, width, c.ai)
            # A contact is followed up when the log runs on for a whole window after it: only
            # then does "no further contact" mean the customer did not come back.
            times = np.asarray(frame["timestamp"], dtype="datetime64[s]")
            timed = times[~np.isnat(times)]
            last = timed.max() if len(timed) else np.datetime64("NaT", "s")
            c.followed = c.windowed & ~np.isnat(seconds)
            c.followed &= seconds + np.timedelta64(width, "s") <= last
    return c


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
