"""The period a log is measured over (``--since``/``--until``), and the ISO weeks of the trend.

Times are compared as the log's are kept: UTC where the log gave a zone, as written where it
did not. ``--since`` is inclusive; ``--until`` is inclusive too, and a date alone there means
the whole day (``--until 2025-03-31`` keeps 31 March 23:59:59).
"""

from __future__ import annotations

import contextlib
import re

import numpy as np
import pandas as pd

from stakes.evidence.model import LogReport

_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")
#: ISO 8601 as --since and --until take it: a date, or a date and a time, with a zone or not.
_ISO = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


def moment(text: str, option: str, *, end: bool = False) -> pd.Timestamp:
    """``text`` (an ISO 8601 date or date and time) as a naive UTC timestamp; ``end`` makes a
    date alone its last second. ValueError with the option's name otherwise (``2025-9-3``,
    ``03/09/2025`` and ``now`` too: a period is written one way, so it cannot be misread)."""
    found: object = None
    if _ISO.match(str(text)):
        with contextlib.suppress(ValueError, TypeError, OverflowError):
            found = pd.Timestamp(str(text).strip())
    if not isinstance(found, pd.Timestamp) or pd.isna(found):
        raise ValueError(f"{option} {text!r}: give a date such as 2025-03-31, or 2025-03-31T18:00")
    if found.tzinfo is not None:
        found = found.tz_convert("UTC").tz_localize(None)
    if end and _DATE_ONLY.match(str(text)):
        found += pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    return found


def period(
    frame: pd.DataFrame,
    since: pd.Timestamp | None,
    until: pd.Timestamp | None,
    report: LogReport,
) -> np.ndarray | None:
    """Which contacts of ``frame`` fall from ``since`` to ``until`` (both inclusive; None:
    open), or None without a period. A contact with no time cannot be placed in the period and
    is left out too; both counts go into the report's notes. ValueError for a period that ends
    before it starts, or for a log with no timestamp column."""
    if since is None and until is None:
        return None
    if since is not None and until is not None and since > until:
        raise ValueError(
            f"--since {since.isoformat(sep=' ')} is after --until {until.isoformat(sep=' ')}"
        )
    if "timestamp" not in frame:
        raise ValueError("--since and --until need a timestamp column in the log")
    times = np.asarray(frame["timestamp"], dtype="datetime64[s]")
    keep = ~np.isnat(times)
    if since is not None:
        keep &= times >= since.to_datetime64().astype("datetime64[s]")
    if until is not None:
        keep &= times <= until.to_datetime64().astype("datetime64[s]")
    untimed = int(np.isnat(times).sum())
    outside = int((~keep).sum()) - untimed
    ends = [f"from {since.isoformat(sep=' ')}"] if since is not None else []
    ends += [f"to {until.isoformat(sep=' ')}"] if until is not None else ["on"]
    shown = " ".join(ends) if since is not None else f"up {ends[0]}"
    report.notes.append(
        f"period {shown}: {outside:,} contact(s) outside it and {untimed:,} with no time left "
        "out (later contacts still count as what the customers did next)"
    )
    return np.asarray(keep)


def weeks(times: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Per contact, its ISO week's position from the first week with contacts (-1 with no
    time), and each week's label (``2025-W36``), every week from the first to the last."""
    seconds = np.asarray(times, dtype="datetime64[s]")
    timed = ~np.isnat(seconds)
    out = np.full(len(seconds), -1, dtype=np.int64)
    if not timed.any():
        return out, []
    days = seconds[timed].astype("datetime64[D]").astype(np.int64)
    week = (days + 3) // 7  # 1970-01-01 is a Thursday: Monday-based weeks
    first = int(week.min())
    out[timed] = week - first
    labels = []
    for n in range(first, int(week.max()) + 1):
        year, number, _ = (pd.Timestamp(0) + pd.Timedelta(days=7 * n - 3)).isocalendar()
        labels.append(f"{year}-W{number:02d}")
    return out, labels
