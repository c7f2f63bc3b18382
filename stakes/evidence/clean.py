"""Normalising a log's values: booleans, handler labels, numbers, duplicates (timestamps:
``times``).

Each function works on a column's distinct values (pandas categories) or on whole arrays, never
row by row. Values that cannot be read are counted with their row numbers, never quoted.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from stakes.evidence.fields import FIELDS, HANDLERS, LogError
from stakes.evidence.model import SHOW_ROWS, LogReport, Problem
from stakes.evidence.privacy import looks_like_code

#: Unknown handler labels named in the problem (written like codes: categories, never names).
SHOW_LABELS = 10

_HANDLER_WORDS = {
    "ai": "ai, bot, chatbot, chat bot, virtual agent, virtual assistant, ai agent, ai assistant, "
    "assistant, digital assistant, automated, automation, voicebot, voice bot, llm, genai, gen ai, "
    "conversational ai",
    "self-service": "self service, selfservice, self help, ivr, faq, help center, help centre, "
    "knowledge base, kb, portal, web form",
    "human": "human, agent, live agent, live chat, livechat, person, staff, advisor, adviser, "
    "representative, rep, operator, specialist, associate, employee, phone, call, email, e mail, "
    "branch, branch visit, in person, store",
    "hybrid": "hybrid, agent assist, agent assisted, ai assisted, assisted, copilot, "
    "human in the loop",
}
#: Handler labels (compared lower-case, punctuation as spaces) and what they mean.
HANDLER_LABELS: dict[str, str] = {
    word.strip(): handler for handler, words in _HANDLER_WORDS.items() for word in words.split(",")
}

_TRUE = {"true", "t", "yes", "y", "1", "1 0", "on", "x"}
_FALSE = {"false", "f", "no", "n", "0", "0 0", "off"}
#: Status words some logs use instead of a flag, per field.
_WORDS: dict[str, tuple[set[str], set[str]]] = {
    "resolved": (
        {"resolved", "closed", "solved", "done", "complete", "completed", "fixed"},
        {
            "unresolved",
            "not resolved",
            "open",
            "pending",
            "pending customer response",
            "in progress",
            "new",
            "reopened",
            "waiting",
            "on hold",
        },
    ),
    "escalated": (
        {"escalated", "transferred", "handed over", "handover", "handoff"},
        {"not escalated", "contained"},
    ),
}


def label_key(text: object) -> str:
    """A label compared loosely: lower case, punctuation and runs of space as one space."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split())


def _categories(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Codes (-1 for blank) and the distinct values of ``series``, without a pass per row."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return np.asarray(series.cat.codes), list(series.cat.categories)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return np.asarray(codes), list(uniques)


def record(
    report: LogReport,
    field: str,
    kind: str,
    mask: np.ndarray,
    index: pd.Index,
    treated: str,
    labels: Sequence[str] = (),
) -> None:
    """Record the rows of ``mask`` as a problem of ``field`` (``labels``: the unknown labels,
    of which those written like ids are named)."""
    count = int(mask.sum())
    if count:
        rows = tuple(int(r) for r in index[np.flatnonzero(mask)[:SHOW_ROWS]])
        named = tuple(n for n in labels if looks_like_code(n))[:SHOW_LABELS]
        unshown = len(labels) - len(named)
        report.problems.append(Problem(field, kind, count, rows, treated, named, unshown))


#: What pandas calls a column of scalars (infer_dtype); any other object column is looked into.
_SCALARS = {"string", "empty", "bytes", "integer", "floating", "mixed-integer-float", "boolean"}


def blank_nested(frame: pd.DataFrame, report: LogReport) -> pd.DataFrame:
    """``frame`` with values that are objects or lists (JSON Lines, Parquet) as blanks, counted
    by row: a field holds one value per contact. Only object columns are looked into."""
    out = frame
    for name in (f for f in FIELDS if f in frame):
        column = frame[name]
        if column.dtype != object or pd.api.types.infer_dtype(column, skipna=True) in _SCALARS:
            continue
        nested = np.fromiter(
            (isinstance(v, dict | list | tuple | set | np.ndarray) for v in column),
            dtype=bool,
            count=len(column),
        )
        if nested.any():
            record(report, name, "nested", nested, frame.index, "treated as blank")
            out = out.copy() if out is frame else out
            out[name] = column.where(~nested, None)
    return out


def to_flags(series: pd.Series, field: str, report: LogReport) -> np.ndarray | pd.Series:
    """``series`` as booleans: true/false, yes/no, 1/0, Y/N and status words. A blank or
    unreadable ``escalated`` is false; a blank or unreadable ``resolved`` is not known
    (``<NA>`` in a nullable boolean column): it is left out of the resolution metrics rather
    than counted as unresolved."""
    if pd.api.types.is_bool_dtype(series.dtype) and not series.hasnans:
        return np.asarray(series, dtype=bool)
    codes, values = _categories(series)
    extra_true, extra_false = _WORDS.get(field, (set(), set()))
    lookup = np.zeros(len(values) + 1, dtype=np.int8)  # 1 true, 0 false, -1 unreadable
    for i, value in enumerate(values):
        key = label_key(value)
        if isinstance(value, bool | np.bool_):
            lookup[i] = int(value)
        elif key in _TRUE or key in extra_true:
            lookup[i] = 1
        elif key not in _FALSE and key not in extra_false:
            lookup[i] = -1
    result: np.ndarray = lookup[codes]  # code -1 (blank) reads the last slot: false
    if field != "resolved":
        record(report, field, "invalid", result < 0, series.index, "counted as false")
        return np.asarray(result > 0)
    record(report, field, "invalid", result < 0, series.index, "left out of resolution metrics")
    unknown = (result < 0) | (codes < 0)
    return pd.Series(pd.arrays.BooleanArray(result > 0, unknown), index=series.index)


def to_handlers(
    series: pd.Series, report: LogReport, extra: Mapping[str, str] | None = None
) -> pd.Series:
    """``series`` as ai | human | hybrid | self-service; blank and unknown labels as missing."""
    labels = {**HANDLER_LABELS, **{label_key(k): v for k, v in (extra or {}).items()}}
    codes, values = _categories(series)
    lookup = np.full(len(values) + 1, -1, dtype=np.int8)
    unknown = np.zeros(len(values) + 1, dtype=bool)
    for i, value in enumerate(values):
        found = labels.get(label_key(value))
        if found is None:
            unknown[i] = True
        else:
            lookup[i] = HANDLERS.index(found)
    treated = "the touchpoint's declared handled_by is used (add --handler LABEL=ai|human|...)"
    names = sorted({str(values[i]) for i in np.flatnonzero(unknown[:-1])})
    record(report, "handled_by", "unknown-label", unknown[codes], series.index, treated, names)
    handled = pd.Categorical.from_codes(lookup[codes], pd.Index(HANDLERS), validate=False)
    return pd.Series(handled, index=series.index)


#: The largest magnitude a number of a field may have (else it is counted as unreadable): a
#: CSAT is on a scale, and one past a million is a mistake that a mean must not overflow on.
LIMITS = {"csat": 1e6}


def to_numbers(series: pd.Series, field: str, report: LogReport) -> np.ndarray:
    """``series`` as float64; blanks are NaN; unreadable text, infinities and numbers past the
    field's LIMITS counted and NaN."""
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an integer too large for a float: inf, counted
            values = np.array(series, dtype=np.float64)
        bad = ~np.isnan(values) & ~(np.abs(values) <= LIMITS.get(field, np.inf))
    else:
        codes, uniques = _categories(series)
        lookup = np.full(len(uniques) + 1, np.nan)
        unreadable = np.zeros(len(uniques) + 1, dtype=bool)
        for i, value in enumerate(uniques):
            text = str(value).strip()
            try:
                lookup[i] = float(text.replace(",", "."))
            except ValueError:
                unreadable[i] = text != ""
        unreadable |= ~np.isnan(lookup) & ~(np.abs(lookup) <= LIMITS.get(field, np.inf))
        values, bad = lookup[codes], unreadable[codes]
    values[bad] = np.nan
    record(report, field, "invalid", bad, series.index, "left out")
    return np.asarray(values, dtype=np.float64)


def drop_duplicates(frame: pd.DataFrame, report: LogReport) -> pd.DataFrame:
    """``frame`` without repeated contact ids (the first one is kept)."""
    ids = frame["contact_id"]
    dup = np.asarray(ids.duplicated(keep="first") & ids.notna())
    if not dup.any():
        return frame
    record(report, "contact_id", "duplicate", dup, frame.index, "the first is kept")
    report.duplicates = int(dup.sum())
    return frame[~dup]


def drop_empty(frame: pd.DataFrame, report: LogReport) -> pd.DataFrame:
    """``frame`` without rows in which every mapped column is blank (a trailing ``,,,`` line)."""
    empty = np.asarray(frame.isna().all(axis=1))
    report.empty_rows = int(empty.sum())
    return frame[~empty] if report.empty_rows else frame


def check_strict(report: LogReport) -> None:
    """Raise LogError listing every problem (for ``--strict``)."""
    problems = [p for p in report.problems if p.kind != "before-contact"]
    if problems:
        lines = "; ".join(p.describe().split("; ")[0] for p in problems)
        raise LogError(
            f"{report.file}: {lines} (--strict stops here; without it they are reported)"
        )
