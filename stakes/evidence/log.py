"""``read_log``: a contact log read, cleaned and normalised, with a report of what was met."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from stakes.evidence import clean, times
from stakes.evidence.columns import suggestions
from stakes.evidence.fields import EPOCH_UNITS, FIELDS, LogError
from stakes.evidence.model import LogReport
from stakes.evidence.read import read_raw


def read_log(
    path: str,
    mapping: Mapping[str, str] | None = None,
    *,
    input_format: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    day_first: bool = False,
    handlers: Mapping[str, str] | None = None,
    strict: bool = False,
    epoch_unit: str | None = None,
) -> tuple[pd.DataFrame, LogReport]:
    """The log's contacts, one row each (indexed by 1-based row number), and how it was read.

    ``mapping`` maps fields to the log's columns (``{"touchpoint": "Ticket Type"}``); fields
    not mapped are found by their own name. Timestamps written as numbers are Unix epochs in
    ``epoch_unit`` (s, ms, us or ns; default: the unit their size shows). Empty rows and
    repeated contact ids are dropped (counted in the report); unreadable values are counted,
    or raise LogError when ``strict``.
    """
    if epoch_unit is not None and epoch_unit not in EPOCH_UNITS:
        raise LogError(f"--epoch-unit {epoch_unit!r}: use one of {', '.join(EPOCH_UNITS)}")
    raw = read_raw(
        path, mapping or {}, input_format=input_format, encoding=encoding, delimiter=delimiter
    )
    report = raw.report
    frame = clean.drop_empty(raw.frame, report)
    del raw.frame
    frame = normalise(frame, report, day_first=day_first, handlers=handlers, epoch_unit=epoch_unit)
    if "contact_id" in frame:
        frame = clean.drop_duplicates(frame, report)
    report.hints = suggestions(raw.names, report.columns)
    if "handled_by" not in report.columns:
        report.notes.append(
            "no handled_by column: each contact counts as its touchpoint's declared one"
        )
    if strict:
        clean.check_strict(report)
    return frame, report


def normalise(
    frame: pd.DataFrame,
    report: LogReport,
    *,
    day_first: bool = False,
    handlers: Mapping[str, str] | None = None,
    epoch_unit: str | None = None,
) -> pd.DataFrame:
    """``frame``'s fields in their working types (idempotent: clean columns pass through)."""
    frame = clean.blank_nested(frame, report)
    out: dict[str, object] = {}
    for name in FIELDS:
        if name not in frame:
            continue
        column = frame[name]
        if name in ("timestamp", "resolved_at"):
            out[name] = times.to_times(column, name, report, day_first, epoch_unit)
        elif name in ("escalated", "resolved"):
            out[name] = clean.to_flags(column, name, report)
        elif name in ("csat", "resolution_minutes"):
            out[name] = clean.to_numbers(column, name, report)
        elif name == "handled_by":
            out[name] = clean.to_handlers(column, report, handlers)
        elif name in ("touchpoint", "journey", "channel", "customer_id") and not isinstance(
            column.dtype, pd.CategoricalDtype
        ):
            codes, uniques = pd.factorize(column, use_na_sentinel=True)
            out[name] = pd.Categorical.from_codes(codes, uniques, validate=False)
        else:
            out[name] = column
    result = pd.DataFrame(out, index=frame.index)
    if "resolved" not in result and "resolved_at" in result:
        result["resolved"] = ~np.isnat(np.asarray(result["resolved_at"]))
        report.notes.append("no resolved column: a contact with a resolved_at counts as resolved")
    if "resolution_minutes" not in result and {"resolved_at", "timestamp"} <= set(result):
        delta = np.asarray(result["resolved_at"]) - np.asarray(result["timestamp"])
        minutes = delta.astype("timedelta64[s]").astype(np.float64) / 60
        minutes[np.isnat(delta)] = np.nan
        negative = minutes < 0
        clean.record(report, "resolved_at", "before-contact", negative, result.index, "left out")
        minutes[negative] = np.nan
        result["resolution_minutes"] = minutes
    return result
