"""What an import makes: a journey's data with the notes for the analyst beside it, and the
problems it met, each at its place in the input."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from stakes.journey.meaning import slug
from stakes.journey.signals import SLUG

Path = tuple[str | int, ...]

#: Ids are at most this long (the journey format's limit).
MAX_ID = 100


@dataclass(frozen=True, slots=True)
class Problem:
    """An input an import cannot use: the file, where in it, and why."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{place}: error: {self.message}"


@dataclass(slots=True)
class Draft:
    """One imported journey: ``data`` in the order the format writes it; ``notes`` for the
    analyst at the end of a value's line (a guess, a value read another way) and ``todo``
    above a value (what is left to decide), each by the data path; ``header`` comment lines;
    ``origin`` where a value came from in the input, by data path, so that a value the format
    refuses is reported there; ``source`` and ``line``: the input and where the journey
    starts in it."""

    data: dict[str, Any]
    source: str
    line: int = 1
    notes: dict[Path, str] = field(default_factory=dict)
    todo: dict[Path, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    origin: dict[Path, tuple[int, int]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return str(self.data.get("journey", ""))

    @property
    def touchpoints(self) -> int:
        return sum(len(stage.get("touchpoints", ())) for stage in self.data.get("stages", ()))

    def place(self, path: Path | str) -> tuple[int, int]:
        """Where the value at ``path`` (or its nearest parent) came from in the input; the
        path as parts, or as a finding writes it (``stages[1].touchpoints[0].channel``)."""
        if isinstance(path, str):
            path = tuple(int(index) if index else key for key, index in _PART.findall(path))
        for end in range(len(path), -1, -1):
            found = self.origin.get(path[:end])
            if found is not None:
                return found
        return (self.line, 1)


def slug_of(text: str, fallback: str) -> str:
    """``text`` as an id (``🔍 Discovery`` is ``discovery``), at most ``MAX_ID`` characters
    cut at a dash; ``fallback`` when nothing of it is ASCII. A slug stays as it is."""
    if len(text) <= MAX_ID and re.fullmatch(SLUG, text):
        return text
    made = slug(text) or fallback
    if len(made) > MAX_ID:
        made = made[:MAX_ID].rsplit("-", 1)[0] or made[:MAX_ID]
    return made.strip("-") or fallback


class Ids:
    """Ids made unique in one scope: the second ``find-the-product`` is
    ``find-the-product-2``."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)

    def __call__(self, text: str, fallback: str) -> str:
        base = slug_of(text, fallback)
        made, n = base, 1
        while made in self._taken:
            n += 1
            tail = f"-{n}"
            made = base[: MAX_ID - len(tail)].rstrip("-") + tail
        self._taken.add(made)
        return made


_SPACE = re.compile(r"\s+")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def one_line(text: str) -> str:
    """Text as one trimmed line (runs of white space, line breaks included, as one space)."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Options:
    """What an import is told: the team that owns the journeys (``--owner``), the headers of
    a spreadsheet's columns (``--column FIELD=HEADER``), how intents are grouped
    (``--group-by``), and the language of a blueprint's text (``--language``)."""

    owner: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    group_by: str | None = None
    language: str = "en"


def text_of(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The UTF-8 text of an input, or the problem that stops it being read."""
    from stakes.journey.loader import decode

    text, findings = decode(data, file)
    return text, [Problem(file, f.line, f.col, f.message) for f in findings]
