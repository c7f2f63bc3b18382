"""What the evidence pipeline hands around: how a log was read, and what it measured."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from stakes.evidence.fields import check_window, window_seconds
from stakes.evidence.metrics import needs
from stakes.evidence.observed import ObservedSignals, observed_signals, plain
from stakes.journey.keys import split_key, touchpoint_key

#: How many row numbers a problem report shows.
SHOW_ROWS = 5
#: The levels metrics are measured at, and the columns of ``Evidence.intervals``.
LEVELS = ("touchpoint", "journey", "overall")
INTERVAL_COLUMNS = (
    "level",
    "journey",
    "touchpoint",
    "metric",
    "numerator",
    "denominator",
    "low",
    "high",
)


def parse_window(window: str | dt.timedelta | pd.Timedelta) -> pd.Timedelta:
    """A window such as ``7d``, ``48h``, ``2w`` or ``90m`` (a bare number is days)."""
    if isinstance(window, dt.timedelta):
        check_window(window.total_seconds(), window)
        return pd.Timedelta(window)
    return pd.Timedelta(window_seconds(window), unit="s")


@dataclass(frozen=True, slots=True)
class Problem:
    """Values of one field that could not be used, by row number (never by value)."""

    field: str
    kind: str  # invalid | implausible | nested | unknown-label | duplicate | malformed-row |
    # duplicate-key | before-contact
    count: int
    rows: tuple[int, ...]  # the first few 1-based data-row numbers; empty when unknown
    treated_as: str  # what was done with them
    #: For unknown labels: those written like codes (categories, not customer data), and how
    #: many others there are, not shown.
    labels: tuple[str, ...] = ()
    unshown: int = 0

    def describe(self) -> str:
        """One line: what, how many, where, and what was done with them."""
        what = {
            "invalid": f"{self.field}: {self.count:,} value(s) could not be read",
            "implausible": f"{self.field}: {self.count:,} value(s) outside the years 1990 to 2099",
            "nested": f"{self.field}: {self.count:,} value(s) are objects or lists, not values",
            "unknown-label": f"{self.field}: {self.count:,} contact(s) with a label not "
            f"recognised{self._labels()}",
            "duplicate": f"{self.field}: {self.count:,} duplicate id(s)",
            "malformed-row": f"{self.count:,} malformed row(s) (wrong number of fields)",
            "duplicate-key": f"{self.count:,} object(s) with a key given twice",
            "before-contact": f"{self.field}: {self.count:,} resolution(s) before the contact",
        }[self.kind]
        where = ""
        if self.rows:
            more = ", ..." if self.count > len(self.rows) else ""
            where = " (row " + ", ".join(str(r) for r in self.rows) + more + ")"
        return f"{what}{where}; {self.treated_as}"

    def _labels(self) -> str:
        distinct = len(self.labels) + self.unshown
        if not distinct:
            return ""
        named = ", ".join(self.labels)
        others = f"{self.unshown:,} not shown: they may be personal data" if self.unshown else ""
        listed = ", ".join(p for p in (named, others) if p)
        return f" ({distinct:,} label{'s' if distinct != 1 else ''}: {listed})"


@dataclass(slots=True)
class LogReport:
    """How a log was read: its shape, the columns used, and every problem met."""

    file: str
    format: str
    encoding: str = "utf-8"
    delimiter: str | None = None
    rows: int = 0  # data rows read, before empty rows and duplicates are dropped
    empty_rows: int = 0
    duplicates: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # field -> the log's column
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hints: dict[str, str] = field(default_factory=dict)  # field -> a column that may hold it

    @property
    def contacts(self) -> int:
        """The contacts kept: rows less empty rows and duplicates."""
        return self.rows - self.empty_rows - self.duplicates

    def missing(self) -> tuple[str, ...]:
        """The optional fields the log does not have (their metrics are not measured)."""
        have = set(self.columns)
        if "resolved_at" not in have and "resolution_minutes" in have:
            have.add("resolved_at")
        if "resolved" not in have and "resolved_at" in self.columns:
            have.add("resolved")
        return tuple(f for f in needs() if f not in have)


@dataclass(slots=True)
class Evidence:
    """Metrics per touchpoint, per journey and overall, and the contacts that matched nothing."""

    touchpoints: pd.DataFrame  # indexed by (journey, touchpoint); info, then every metric
    journeys: pd.DataFrame  # indexed by journey
    overall: pd.Series  # every metric over every matched contact
    unmatched: pd.DataFrame  # columns value, contacts, reason; most contacts first
    window: pd.Timedelta
    report: LogReport
    not_measured: tuple[str, ...] = ()  # metrics the log's columns cannot give
    #: Every rate's numerator, denominator and 95% Wilson interval (``low``, ``high``), one row
    #: per level, group and rate: ``level`` is touchpoint, journey or overall; ``journey`` and
    #: ``touchpoint`` are None above their level.
    intervals: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=INTERVAL_COLUMNS))
    target: pd.Timedelta = field(default_factory=lambda: pd.Timedelta(minutes=3))
    #: Every metric per channel of the log (``(other)``: channels on too few contacts to name;
    #: ``(none)``: no channel), and per ISO week (``2025-W36``), every week from the first to
    #: the last; None when the log has no channel or no timestamp column.
    by_channel: pd.DataFrame | None = None
    by_week: pd.DataFrame | None = None
    #: The share of contacts handled otherwise than declared (beyond the interval) that is
    #: worth saying (the policy's ``observed_handling_share``).
    handling_share: float = 0.10
    #: The matched contacts each group of metrics left out, by reason (``window metrics``:
    #: no customer id, no timestamp; ``resolution metrics``: blank or unreadable; ``handling
    #: shares``: no handler label read), with their counts.
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)
    _counted: dict[str, dict[tuple[Any, Any], dict[str, Any]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def window_days(self) -> float:
        """The repeat-contact window in days."""
        return float(self.window / pd.Timedelta(days=1))

    @property
    def unmatched_contacts(self) -> int:
        """Contacts whose touchpoint matched none of the journeys."""
        return int(self.unmatched["contacts"].sum()) if len(self.unmatched) else 0

    def observed(self, key: str, min_contacts: int = 1) -> ObservedSignals | None:
        """What the log measured at ``journey/touchpoint``: the signals it observes (the
        repeat-contact rate and prior contacts) with their intervals, and who handled the
        contacts (``stakes.evidence.observed``).

        None when the touchpoint is unknown or has fewer than ``min_contacts`` contacts.
        """
        journey, touchpoint = split_key(key)
        try:
            row = cast(pd.Series, self.touchpoints.loc[(str(journey), touchpoint)])
        except KeyError:
            return None
        contacts = int(row["contacts"])
        if contacts < max(1, min_contacts):
            return None
        counted = self.counted().get((str(journey), touchpoint), {})
        return observed_signals(
            touchpoint_key(str(journey), touchpoint), row, counted, self.window_days, min_contacts
        )

    def counted(self, level: str = "touchpoint") -> dict[tuple[Any, Any], dict[str, Any]]:
        """Per group of ``level`` (keyed ``(journey, touchpoint)``, None above the level; a
        breakdown's ``(channel or week, None)``), each rate's ``{numerator, denominator, low,
        high}``."""
        found = self._counted.get(level)
        if found is not None:
            return found
        out: dict[tuple[Any, Any], dict[str, Any]] = self._counted.setdefault(level, {})
        chosen = self.intervals[self.intervals["level"] == level]
        for row in chosen.to_dict("records"):
            group = row.get("group")
            key = (group, None) if isinstance(group, str) else (row["journey"], row["touchpoint"])
            out.setdefault(key, {})[str(row["metric"])] = {
                "numerator": int(row["numerator"]),
                "denominator": int(row["denominator"]),
                "low": plain(row["low"]),
                "high": plain(row["high"]),
            }
        return out

    def touchpoint_records(self) -> list[dict[str, Any]]:
        """One plain dict per touchpoint: ids, stage, title, declared handler, every metric."""
        return records(self.touchpoints.reset_index())

    def journey_records(self) -> list[dict[str, Any]]:
        """One plain dict per journey: id, title and every metric."""
        return records(self.journeys.reset_index())

    def overall_record(self) -> dict[str, Any]:
        """The overall metrics as a plain dict."""
        return {str(k): plain(v) for k, v in self.overall.items()}

    def breakdown_records(self, by: str) -> list[dict[str, Any]]:
        """One plain dict per channel (``by="channel"``) or ISO week (``"week"``): its label
        under ``by``, then every metric; empty when the log cannot give the breakdown."""
        table = self.by_channel if by == "channel" else self.by_week
        return [] if table is None else records(table.reset_index())

    def unmatched_records(self) -> list[dict[str, Any]]:
        """The unmatched values with their contact counts and the reason, most contacts first."""
        return records(self.unmatched)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as plain dicts (see ``plain``)."""
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
