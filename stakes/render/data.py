"""What the data formats share: JSON that streams, and CSV cells a spreadsheet will not run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def json_chunks(head: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """``head`` plus ``key: items`` as JSON: the head indented, one item per line.

    One item per line keeps large documents fast (json's C encoder only runs without
    indentation), streamable, and readable in a diff.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    top = json.dumps({**head, key: []}, indent=2, ensure_ascii=False)
    opening = top.rindex("[]")
    first = True
    for item in items:
        yield (top[:opening] + "[\n    " if first else ",\n    ") + encode(item)
        first = False
    yield (top + "\n") if first else "\n  ]" + top[opening + 2 :] + "\n"


def spreadsheet_safe(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
