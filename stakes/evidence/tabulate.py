"""A level of grouped contacts as tables: every metric per group (``measured``, ``frame``),
every rate's counts and 95% interval (``intervals``), and what the metrics left out."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from stakes.evidence.groups import Contacts, Level, given
from stakes.evidence.metrics import METRICS, rates
from stakes.evidence.model import INTERVAL_COLUMNS
from stakes.evidence.uncertainty import wilson


def measured(level: Level, not_measured: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Every metric the log can give, for every group of ``level``."""
    return {m.name: m.compute(level) for m in METRICS if m.name not in not_measured}


def frame(
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


def intervals(
    name: str,
    level: Level,
    keys: Sequence[tuple[str | None, str | None]],
    not_measured: tuple[str, ...],
    groups: Sequence[str] | None = None,
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
                    "group": list(groups) if groups is not None else None,
                    "metric": metric.name,
                    "numerator": top.astype(np.int64),
                    "denominator": bottom.astype(np.int64),
                    "low": low,
                    "high": high,
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=INTERVAL_COLUMNS)


def left_out(frame: pd.DataFrame, c: Contacts) -> dict[str, dict[str, int]]:
    """The matched contacts each group of metrics leaves out, by reason (only where the log has
    the field: a field it lacks leaves its metrics not measured instead)."""
    out: dict[str, dict[str, int]] = {}
    if c.windowed is not None:
        reasons = {
            "with no customer id": int(np.count_nonzero(given(c.customer) < 0)),
            "with no timestamp": int(np.count_nonzero(np.isnat(np.asarray(frame["timestamp"])))),
        }
        out["window metrics"] = {k: v for k, v in reasons.items() if v}
    if c.followed is not None:
        late = int(np.count_nonzero(given(c.windowed) & ~c.followed))
        out["what-happened-next metrics"] = {
            "with less than one window of the log after them": late
        }
    if c.known is not None:
        out["resolution metrics"] = {"with no resolution given or readable": int(np.sum(~c.known))}
    if c.handler is not None:
        out["handling shares"] = {"with no handler label read": int(np.sum(c.handler < 0))}
    return {
        group: {k: v for k, v in why.items() if v}
        for group, why in out.items()
        if any(why.values())
    }
