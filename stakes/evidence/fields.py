"""What a contact log holds, without pandas: its fields, formats and handler values, the
repeat-contact window, and the error for a log that cannot be used.

The configuration and the command line check evidence settings against these before any log
is read, so that a mistake is reported where it was made.
"""

from __future__ import annotations

import codecs
import re
from typing import get_args

from stakes.journey.values import Handler

#: The log's fields, in the order documented in docs/evidence.md. Each is the column of that name
#: (compared ignoring case and punctuation), or the column that ``--column field=Column`` names.
FIELDS: tuple[str, ...] = (
    "contact_id",
    "customer_id",
    "timestamp",
    "journey",
    "touchpoint",
    "channel",
    "handled_by",
    "escalated",
    "resolved",
    "csat",
    "resolved_at",
    "resolution_minutes",
)
REQUIRED: tuple[str, ...] = ("touchpoint",)

#: The file formats a log is read in.
LOG_FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl")

#: The units of Unix epoch timestamps: seconds, milliseconds, microseconds, nanoseconds.
EPOCH_UNITS: tuple[str, ...] = ("s", "ms", "us", "ns")
#: The settings that are one of a few words, and those words.
CHOICES: dict[str, tuple[str, ...]] = {"input_format": LOG_FORMATS, "epoch_unit": EPOCH_UNITS}

#: What ``handled_by`` means once a log's labels are read (the journey format's handlers).
HANDLERS: tuple[str, ...] = get_args(Handler)

_WINDOW = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(w|d|h|m|weeks?|days?|hours?|min|minutes?)?\s*$")
_SECONDS = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60}
#: The windows accepted, in seconds: from a minute to ten years (3650 days).
WINDOW_RANGE = (60.0, 3650.0 * 86_400)


#: Codecs Python counts as text encodings that cannot read a file's bytes as text.
_NOT_FOR_FILES = frozenset({"idna", "punycode", "undefined"})


def text_encoding(name: str) -> str:
    """``name`` if it is an encoding a log can be written in; ValueError otherwise (one that
    Python does not know, or a codec such as rot13, hex or zlib that does not turn bytes into
    text)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a name with a NUL
        raise ValueError(f"{name!r} is not known") from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
        raise ValueError(f"{name!r} is not a text encoding; use one such as utf-8 or cp1252")
    return name


class LogError(Exception):
    """The log cannot be used (exit code 2); the message names no customer data."""


def window_seconds(window: str) -> float:
    """The seconds in a window such as ``7d``, ``48h``, ``2w`` or ``90m`` (a bare number is
    days); ValueError for anything else, or for a window outside WINDOW_RANGE."""
    found = _WINDOW.match(str(window).lower())
    if found is None:
        raise ValueError(f"window {window!r}: give a duration such as 7d, 48h, 2w or 90m")
    word = found.group(2) or "d"
    unit = "m" if word.startswith("mi") or word == "m" else word[0]
    return check_window(float(found.group(1)) * _SECONDS[unit], window)


def check_window(seconds: float, shown: object) -> float:
    """``seconds`` if it is a window stakes measures with (see WINDOW_RANGE), else ValueError
    saying the range (``shown`` is the window as the user wrote it)."""
    if not seconds > 0:
        raise ValueError(f"window {shown!r}: give a duration above zero, such as 7d")
    low, high = WINDOW_RANGE
    if not low <= seconds <= high:
        raise ValueError(
            f"window {shown!r}: too {'short' if seconds < low else 'long'}; "
            f"give a duration from 1m to {high / 86_400:.0f}d (ten years), such as 7d"
        )
    return seconds
