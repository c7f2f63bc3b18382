"""Escaping user-supplied text for GitHub-flavoured markdown."""

from __future__ import annotations

import re

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Bidirectional controls can make a cell read differently from what it holds ("Trojan Source").
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F])
_INLINE = re.compile(r"([\\`*_\[\]|#~])")


def cell(text: object) -> str:
    """``text`` safe inside a table cell: one line, no raw HTML, pipes and markup escaped."""
    value = " ".join(str(text).translate(_BIDI).split())
    return _INLINE.sub(r"\\\1", value.translate(_HTML))


def code(text: object) -> str:
    """``text`` as inline code that survives backticks inside it (and pipes, in a table)."""
    value = " ".join(str(text).translate(_BIDI).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"
