"""What the data formats share: JSON that streams, and CSV cells a spreadsheet will not run."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from stakes.shown import BIDI_CLASS, shown

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters JSON may hold raw that a terminal acts on (C1 controls, DEL) or that reorder or
# break text (bidirectional controls, line separators): written as \u escapes, the same data.
_INVISIBLE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CLASS}]")


def escape_invisible(text: str) -> str:
    """JSON (or a TOML basic string) with its invisible characters written as \\u escapes."""
    if text.isascii() and "\x7f" not in text:  # isascii is O(1): the common case costs nothing
        return text
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: Any) -> str:
    """``value`` as indented JSON (UTF-8 text, not ASCII escapes) that is safe to print."""
    return escape_invisible(json.dumps(value, indent=2, ensure_ascii=False)) + "\n"


def json_chunks(head: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """``head`` plus ``key: items`` as JSON: the head indented, one item per line.

    One item per line keeps large documents fast (json's C encoder only runs without
    indentation), streamable, and readable in a diff.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    top = json_text({**head, key: []})[:-1]
    opening = top.rindex("[]")
    first = True
    for item in items:
        yield (top[:opening] + "[\n    " if first else ",\n    ") + escape_invisible(encode(item))
        first = False
    yield (top + "\n") if first else "\n  ]" + top[opening + 2 :] + "\n"


def spreadsheet_safe(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula, on one line, with its
    controls shown (a whole value: not cut)."""
    raw = "" if value is None else str(value)
    text = shown(raw, limit=None)
    return "'" + text if raw.startswith(_FORMULA_START) else text
