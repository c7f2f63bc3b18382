"""The matched contacts broken down by the log's channel and by ISO week (the trend).

Each breakdown is a level like the touchpoints' (``stakes.evidence.groups.Level``): its
metrics (``METRICS``, the ones a trend needs) are computed the same way, with the same
definitions, and every rate has its counts and 95% interval. The window metrics stay about
one customer on one touchpoint (or journey) whatever the breakdown: a contact's week or
channel only says where it is counted.

A channel is a value from the log, so it is named only when at least ``K_ANONYMITY`` customers
(contacts, in a log with no customer ids) carry it and it is not a customer's or a contact's
id; the others are counted together as ``(other)``, contacts with no channel as ``(none)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from stakes.evidence import tabulate
from stakes.evidence.groups import Contacts, Level
from stakes.evidence.match import K_ANONYMITY
from stakes.evidence.metrics import METRICS as ALL
from stakes.evidence.period import weeks
from stakes.evidence.windows import distinct

OTHER, NONE = "(other)", "(none)"
#: The metrics of a breakdown: the volumes, who handled the contacts, what deflection hid and
#: whether resolutions held (a trend needs these, not every metric; the touchpoints have all).
METRICS = (
    "contacts",
    "customers",
    "ai_contacts",
    "ai_share",
    "handled_automated_share",
    "deflection_rate",
    "deflected_unresolved_rate",
    "lost_quietly_rate",
    "resolution_rate",
    "verified_resolution_rate",
    "bot_then_person_rate",
    "repeat_contact_rate",
    "csat",
)


def by_channel(
    channel: pd.Series,
    c: Contacts,
    not_measured: tuple[str, ...],
    private: Callable[[Iterable[str]], set[str]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every metric per channel, and the rates' intervals (``channel`` holds the matched
    contacts' values, a categorical)."""
    codes = np.asarray(channel.cat.codes, dtype=np.int64)
    names = [str(v) for v in channel.cat.categories]
    sizes = np.bincount(codes[codes >= 0], minlength=len(names))
    if c.customer is not None and (c.customer >= 0).any():  # people, not contacts, where known
        known = (codes >= 0) & (c.customer >= 0)
        sizes = distinct(np.maximum(codes, 0), len(names), c.customer, known)
    hidden = private(names)
    shown = [i for i, n in enumerate(names) if sizes[i] >= K_ANONYMITY and n not in hidden]
    labels = [names[i] for i in shown]
    lookup = np.full(len(names) + 1, len(labels), dtype=np.int64)  # the rest: (other)
    lookup[shown] = np.arange(len(labels))
    group = lookup[codes]
    if (codes < 0).any():
        group[codes < 0] = len(labels) + 1
    labels += [OTHER, NONE]
    return _table("channel", c, group, labels, not_measured)


def by_week(
    times: np.ndarray, c: Contacts, not_measured: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every metric per ISO week, every week from the first contact's to the last's (weeks
    with no contacts included); contacts with no time are not in any week."""
    week, labels = weeks(times)
    group = np.where(week >= 0, week, len(labels))
    return _table("week", c, group, [*labels, NONE], not_measured, keep_empty=True)


def _table(
    name: str,
    c: Contacts,
    group: np.ndarray,
    labels: list[str],
    not_measured: tuple[str, ...],
    keep_empty: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    level = Level(c, group, len(labels))
    skipped = (*not_measured, *(m.name for m in ALL if m.name not in METRICS))
    stats = tabulate.measured(level, skipped)
    index = pd.Index(labels, name=name)
    table = tabulate.frame(stats, index, skipped)[list(METRICS)]
    keys = [(None, None)] * len(labels)
    intervals = tabulate.intervals(name, level, keys, skipped, labels)
    used = np.asarray(table["contacts"].fillna(0) > 0)
    if keep_empty:  # every week but the one of contacts with no time, which is not a week
        used = np.ones(len(labels), dtype=bool)
        used[-1] = False
    chosen = [label for label, u in zip(labels, used, strict=True) if u]
    return table.loc[chosen], intervals[intervals["group"].isin(chosen)].reset_index(drop=True)
