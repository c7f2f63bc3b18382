"""Keeping customer identifiers out of every output: what may be shown of a log's text."""

from __future__ import annotations

import re

#: Shown instead of a value or column name that may be a customer's identifier.
HIDDEN_VALUE = "(hidden: looks like an identifier)"
HIDDEN_COLUMN = "(a name that looks like data)"
_MAX = 60

# An e-mail address, five or more digits in a row (account, phone and ticket numbers),
# a UUID or long hex string, or a token of letters and digits mixed (e.g. CUST83A9F2).
_IDENTIFIER = re.compile(
    r"@|\d{5,}|[0-9a-f]{8}-[0-9a-f]{4}|\b[0-9a-f]{12,}\b|\b(?=\w*\d)(?=\w*[a-z])\w{8,}\b",
    re.IGNORECASE,
)


def looks_like_identifier(text: str) -> bool:
    """Whether ``text`` may identify a person or a contact (and so must not be shown)."""
    return bool(_IDENTIFIER.search(text))


def shown_value(text: str) -> str:
    """A log value as it may appear in output: on one line, short, hidden if identifier-like."""
    value = " ".join(str(text).split())
    if looks_like_identifier(value):
        return HIDDEN_VALUE
    return value if len(value) <= _MAX else value[: _MAX - 1] + "…"


def shown_column(name: str) -> str:
    """A column name as it may appear in a message (a header-less file's first row is data)."""
    value = " ".join(str(name).split())
    if looks_like_identifier(value):
        return HIDDEN_COLUMN
    return value if len(value) <= _MAX else value[: _MAX - 1] + "…"
