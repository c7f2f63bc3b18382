"""A blueprint's JSON text: read into plain data (a problem at the line and column where it
stops being JSON); where each value of it starts, found by its JSON path in one pass over the
text for the paths asked for, so that a problem with a value names its place; and ``Values``,
which reads the data's values by their type, a value of the wrong type a problem at its path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

JsonPath = tuple[str | int, ...]

#: Deeper than this, the text is not a blueprint (the deepest value of one is about 12 levels
#: down) and Python's JSON reader would run out of stack well before the file ends.
MAX_DEPTH = 200
#: A whole number with more digits than this is read as a float: nothing of a blueprint is one,
#: and Python refuses to convert one of thousands of digits.
_LONG_INT = 100

_TOKEN = re.compile(r'[ \t\r\n]*("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^ \t\r\n{}\[\]:,"]+)')


class JsonProblem(Exception):
    """Text that is not JSON: why, and the 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _whole(digits: str) -> int | float:
    return int(digits) if len(digits) <= _LONG_INT else float(digits)


def parse(text: str) -> Any:
    """The data of a JSON text; ``JsonProblem`` where it is not JSON, or too deep to read."""
    deep = _too_deep(text)
    if deep is not None:
        line, column = position(text, deep)
        raise JsonProblem(
            f"nested more than {MAX_DEPTH} levels deep: not a blueprint", line, column
        )
    try:
        return json.loads(text, parse_int=_whole)
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"not JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except (ValueError, RecursionError) as exc:  # a number Python cannot hold, say
        raise JsonProblem(f"not JSON that can be read: {exc}", 1, 1) from None


def _too_deep(text: str) -> int | None:
    """The offset where brackets outside strings first nest deeper than ``MAX_DEPTH``."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group(1)
        if token in ("{", "["):
            depth += 1
            if depth > MAX_DEPTH:
                return match.start(1)
        elif token in ("}", "]"):
            depth -= 1
    return None


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def places(text: str, wanted: Iterable[JsonPath]) -> dict[JsonPath, tuple[int, int]]:
    """Where the value at each wanted path starts, as (line, column), for text that ``parse``
    read. One pass that stops when every path asked for is found; a path with no value is
    left out."""
    remaining = set(wanted)
    found: dict[JsonPath, tuple[int, int]] = {}
    path: list[str | int] = []
    objects: list[bool] = []  # for each open container: is it an object?
    previous = ""
    line, line_start, counted = 1, 0, 0
    for match in _TOKEN.finditer(text):
        if not remaining:
            break
        token = match.group(1)
        first = token[0]
        if first == '"' and objects and objects[-1] and previous in ("{", ","):
            path[-1] = json.loads(token) if "\\" in token else token[1:-1]  # a key
        elif first == ",":
            if not objects[-1]:
                path[-1] = int(path[-1]) + 1
        elif first in "}]":
            objects.pop()
            path.pop()
        elif first != ":":  # a value starts here
            here = tuple(path)
            if here in remaining:
                start = match.start(1)
                breaks = text.count("\n", counted, start)
                if breaks:
                    line += breaks
                    line_start = text.rfind("\n", counted, start) + 1
                counted = start
                found[here] = (line, start - line_start + 1)
                remaining.discard(here)
            if first in "{[":
                objects.append(first == "{")
                path.append("" if first == "{" else 0)
        previous = first
    return found


def dotted(path: JsonPath) -> str:
    """A JSON path as people read it: ``lifecycle.phases[0].scenarios[1]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else part
    return out or "the top level"


#: The key each field has in later versions of the IR.
RENAMED = {
    "lifecycle": "service",
    "layers": "lanes",
    "layer": "lane",
    "triggers": "dependencies",
    "description": "summary",
    "path_type": "kind",
}


class Skip(Exception):
    """The item being read cannot be used; its problem is already recorded."""


@dataclass
class Values:
    """Typed access to JSON data: each value of the wrong type is a problem by its JSON path
    (``Skip`` when the item it is in cannot be used), and text is read in ``language``, else
    another it has (``fallbacks`` says which were used)."""

    language: str = "en"
    locales: tuple[str, ...] = ()
    problems: list[tuple[JsonPath, str]] = field(default_factory=list)
    fallbacks: set[str] = field(default_factory=set)

    def text(self, obj: dict[str, Any], name: str, at: JsonPath) -> str:
        """The text at ``name`` in the language asked for, else another it has ("" if none)."""
        key, _ = self._key(obj, name, at)
        value = obj.get(key)
        if value is None or isinstance(value, str):
            return value or ""  # plain text, not a map of languages: taken as it is
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.problems.append(((*at, key), 'not text: a map of language to text, {"en": ...}'))
            return ""
        base = self.language.split("-")[0]
        order = [self.language, base, *[k for k in value if k.split("-")[0] == base]]
        for language in [*order, "en", *self.locales, *value]:
            said = value.get(language)
            if isinstance(said, str) and said.strip():
                if language not in order:
                    self.fallbacks.add(language)
                return str(said)
        return ""

    @staticmethod
    def _every(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [v for v in value.values() if isinstance(v, str)]
        return [value] if isinstance(value, str) else []

    def _word(self, obj: dict[str, Any], name: str, at: JsonPath, required: bool = False) -> str:
        value = obj.get(name)
        if isinstance(value, str) and (value or not required):
            return value
        if value is None and not required:
            return ""
        self.problems.append(
            ((*at, name), "missing: text is needed here" if value is None else "not text")
        )
        if required:
            raise Skip
        return ""

    def _key(self, obj: dict[str, Any], name: str, at: JsonPath) -> tuple[str, JsonPath]:
        """``name``, or its later name when only that is there."""
        later = RENAMED.get(name)
        key = later if later and name not in obj and later in obj else name
        return key, (*at, key)

    def _object(self, value: Any, at: JsonPath, what: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        said = "missing" if value is None else f"not an object ({_kind(value)})"
        self.problems.append((at, f"{said}: expected {what}"))
        raise Skip

    def _list(self, value: Any, at: JsonPath, required: bool = False) -> list[Any]:
        if isinstance(value, list):
            return value
        if value is None and not required:
            return []
        said = "missing" if value is None else f"not a list ({_kind(value)})"
        self.problems.append((at, f"{said}: expected a list"))
        raise Skip

    def _items(
        self, obj: dict[str, Any], name: str, at: JsonPath, required: bool = False
    ) -> list[tuple[JsonPath, dict[str, Any]]]:
        """The objects of the list at ``name``, each with its path; an item that is not an
        object is a problem and left out."""
        key, here = self._key(obj, name, at)
        out = []
        for i, item in enumerate(self._list(obj.get(key), here, required)):
            if isinstance(item, dict):
                out.append(((*here, i), item))
            else:
                self.problems.append(((*here, i), f"not an object ({_kind(item)})"))
        return out


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    kinds = {str: "text", list: "a list", dict: "an object", int: "a number", float: "a number"}
    return kinds.get(type(value), "null")
