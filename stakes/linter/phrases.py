"""How the rules' messages list things: ``a, b and c``, ``a, b or c``."""

from __future__ import annotations

from collections.abc import Sequence


def listed(values: Sequence[str], word: str = "and", most: int | None = 5) -> str:
    """``a``, ``a and b``, ``a, b and c`` (``word`` joins the last two); past ``most`` (None:
    no limit), ``a, b, c, d, e and 3 more``."""
    items = list(values)
    if most is not None and len(items) > most:
        return f"{', '.join(items[:most])} and {len(items) - most} more"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def said(values: Sequence[str]) -> str:
    """``a, b or c``."""
    return listed(values, "or", most=None)
