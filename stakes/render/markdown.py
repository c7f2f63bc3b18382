"""Escaping user-supplied text for GitHub-flavoured markdown."""

from __future__ import annotations

import re

from stakes.shown import shown

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_INLINE = re.compile(r"([\\`*_\[\]|#~])")


def cell(text: object) -> str:
    """``text`` safe inside a table cell or a line: one line, controls shown, no raw HTML,
    pipes and markup escaped."""
    value = " ".join(shown(text).split())
    return _INLINE.sub(r"\\\1", value.translate(_HTML))


def code(text: object) -> str:
    """``text`` as inline code that survives backticks inside it (and pipes, in a table)."""
    value = " ".join(shown(text).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"
