"""Reading a log's timestamps: dates written as text, Parquet timestamps, and Unix epochs in
seconds, milliseconds, microseconds or nanoseconds, as numbers or as text.

A value outside the plausible years (PLAUSIBLE) is counted and read as missing, whatever it
was written as: no value overflows into a year such as 57,139, and none raises.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

from stakes.evidence.clean import record
from stakes.evidence.fields import EPOCH_UNITS
from stakes.evidence.model import LogReport

_CHUNK = 1 << 20

#: The timestamps a contact log can hold: from 1990-01-01 up to, not including, 2100-01-01.
PLAUSIBLE = (np.datetime64("1990-01-01", "s"), np.datetime64("2100-01-01", "s"))
_LOW, _HIGH = (float(t.astype(np.int64)) for t in PLAUSIBLE)  # as Unix seconds

#: Each epoch unit's ticks per second; and, when no unit is given, the unit read from the median
#: magnitude of a column's numbers: below 10^11 seconds, below 10^14 milliseconds, below 10^17
#: microseconds, else nanoseconds (the plausible years of each unit are far apart).
PER_SECOND = dict(zip(EPOCH_UNITS, (1.0, 1e3, 1e6, 1e9), strict=True))
_BELOW = ((1e11, "s"), (1e14, "ms"), (1e17, "us"))
_WORDS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}

#: A number written plainly: a text column whose first value is one is read as epochs.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")


def to_times(
    series: pd.Series,
    field: str,
    report: LogReport,
    day_first: bool = False,
    epoch_unit: str | None = None,
) -> np.ndarray:
    """``series`` as datetime64[s] (UTC when zoned); unreadable and implausible values
    counted, NaT.

    Numbers are Unix epochs in ``epoch_unit``, or in the unit their size shows. A text column
    is read in one format, the one its first value shows: epochs when it is a plain number
    (not a compact date such as ``20250530``, unless ``epoch_unit`` is given), else pandas'
    guess (month first unless ``day_first``), or else ISO 8601 (zoned or not).
    """
    dtype = series.dtype
    unit, implausible = None, None
    if isinstance(dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        out = np.array(series, dtype="datetime64[s]")  # a copy: the NaT below are written
        bad = np.zeros(len(out), dtype=bool)
    elif pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an integer too large for a float: inf, counted
            numbers = np.array(series, dtype=np.float64)
        out, implausible, unit = from_epoch(numbers, epoch_unit)
        bad = np.isinf(numbers)
    else:
        out, bad, implausible, unit = _from_text(series, day_first, epoch_unit)
    treated = "left out of the window metrics" if field == "timestamp" else "left out"
    record(report, field, "invalid", bad, series.index, treated)
    if implausible is None:
        implausible = ~np.isnat(out) & ((out < PLAUSIBLE[0]) | (out >= PLAUSIBLE[1]))
        out[implausible] = np.datetime64("NaT")
    elif not np.isnat(out).all() or implausible.any():  # an epoch column with numbers
        how = "given" if epoch_unit else "from their size; --epoch-unit sets it"
        treated = f"{treated} (read as Unix {_WORDS[str(unit)]}, {how})"
        if not epoch_unit:
            report.notes.append(f"{field}: read as Unix {_WORDS[str(unit)]} ({how})")
    record(report, field, "implausible", implausible, series.index, treated)
    return out


def detect_unit(numbers: np.ndarray) -> str:
    """The epoch unit of ``numbers`` (NaN for blanks), from the median of their magnitudes."""
    finite = np.abs(numbers[np.isfinite(numbers)])
    size = float(np.median(finite)) if finite.size else 0.0
    return next((unit for below, unit in _BELOW if size < below), "ns")


def from_epoch(numbers: np.ndarray, unit: str | None = None) -> tuple[np.ndarray, np.ndarray, str]:
    """``numbers`` (NaN for blanks) as datetime64[s] Unix epochs in ``unit`` (default: their
    size's), where they are outside the plausible years, and the unit. Those values (and
    infinities) are NaT, never converted, so none overflows."""
    unit = unit or detect_unit(numbers)
    with np.errstate(invalid="ignore"):
        seconds = numbers / PER_SECOND[unit]
        fits = (seconds >= _LOW) & (seconds < _HIGH)
    out = np.full(len(numbers), np.datetime64("NaT"), dtype="datetime64[s]")
    out[fits] = np.floor(seconds[fits]).astype(np.int64).astype("datetime64[s]")
    return out, np.isfinite(numbers) & ~fits, unit


_YEAR_FIRST = re.compile(r"^\s*\d{4}-")


def _from_text(
    series: pd.Series, day_first: bool, epoch_unit: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, str | None]:
    """A text column as datetime64[s], where it has a value that cannot be read, and, when it
    is read as epochs, where they are implausible (NaT) and their unit."""
    out = np.full(len(series), np.datetime64("NaT"), dtype="datetime64[s]")
    bad = np.zeros(len(series), dtype=bool)
    numbers = None
    fmt = None
    for start in range(0, len(series), _CHUNK):  # in chunks: a Python string per value is big
        text = series.iloc[start : start + _CHUNK].astype("str").str.strip()
        present = np.asarray(text.notna() & (text != ""))
        end = start + len(text)
        if fmt is None and present.any():
            first = str(text.iloc[int(np.argmax(present))])
            # --day-first is about 03/04/2025; a value that starts with its year is ISO 8601,
            # year-month-day, whatever the option says.
            day_first = day_first and not _YEAR_FIRST.match(first)
            fmt = guess_datetime_format(first, dayfirst=day_first) if not epoch_unit else None
            if fmt is None and _NUMBER.fullmatch(first):
                fmt, numbers = "epoch", np.full(len(series), np.nan)
            fmt = fmt or "ISO8601"
        if numbers is not None:
            chunk = _numbers(text)
            numbers[start:end] = chunk
            bad[start:end] = present & ~np.isfinite(chunk)
            continue
        parsed = _parse(text, fmt or "ISO8601", day_first)
        times = np.asarray(parsed.dt.tz_localize(None), dtype="datetime64[s]")
        out[start:end] = times
        bad[start:end] = present & np.isnat(times)
    if numbers is None:
        return out, bad, None, None
    numbers[bad] = np.nan
    out, implausible, unit = from_epoch(numbers, epoch_unit)
    return out, bad, implausible, unit


def _numbers(text: pd.Series) -> np.ndarray:
    """``text`` as float64, NaN where it is blank or not a number (Arrow's cast, when every
    value is a number, is several times faster than pandas')."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        cast = pc.cast(pa.array(text, from_pandas=True), pa.float64())
        return np.asarray(cast.to_numpy(zero_copy_only=False), dtype=np.float64)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.asarray(pd.to_numeric(text, errors="coerce"), dtype=np.float64)


def _parse(text: pd.Series, fmt: str, day_first: bool) -> pd.Series:
    """``text`` parsed in ``fmt``, then ISO 8601 (zoned and unzoned mixed) for what is left."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "could not infer format": what fails is counted
        parsed = pd.to_datetime(text, errors="coerce", utc=True, format=fmt, dayfirst=day_first)
        missed = parsed.isna() & text.notna()
        if missed.any() and fmt != "ISO8601":
            iso = pd.to_datetime(text[missed], errors="coerce", utc=True, format="ISO8601")
            parsed = parsed.where(~missed, iso)
    return parsed
