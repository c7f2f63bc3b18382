"""A bot's intent catalogue as ``stakes import intents`` reads it: each intent's name, its
utterances (what customers say for it) and where it first appears in the file.

A catalogue is a CSV file with an utterance column and an intent column, found by their
headers (``UTTERANCE_HEADERS``, ``INTENT_HEADERS``: BANKING77's ``text,category``, Rasa's and
Dialogflow's exports renamed to ``text,intent``); a list of intents (a CSV with only an intent
column, or one name a line without a header); or a JSON list of names (BANKING77's
``categories.json``) or mapping of names to their utterances. Comma, semicolon and tab
separated files are read alike. Groups of intents (``--group-by``) are read here too: ``prefix``
or a CSV file of ``intent,group``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from stakes.interchange.draft import Problem, one_line, text_of
from stakes.interchange.headers import normal
from stakes.interchange.spreadsheet import csv_rows

#: The headers of an utterance column, compared lower-case with words joined by ``_``.
UTTERANCE_HEADERS = (
    "text",
    "utterance",
    "utterances",
    "example",
    "examples",
    "query",
    "queries",
    "sentence",
    "phrase",
    "training_phrase",
    "training_phrases",
    "user_says",
    "message",
    "question",
)
#: The headers of an intent column, the first found wins.
INTENT_HEADERS = ("intent", "intents", "intent_name", "category", "label", "class", "name")
#: The headers of a group column in a ``--group-by`` file.
GROUP_HEADERS = ("group", "groups", "group_name", "moment", "touchpoint", "topic")
#: The most utterances one catalogue may have (BANKING77 has 13,083; CLINC150 23,700).
MAX_ROWS = 500_000
#: The most bytes a ``--group-by`` file may have.
MAX_GROUPS_BYTES = 16 * 1024 * 1024
_SEPARATORS = re.compile(r"[\s._\-/:]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(slots=True)
class Intent:
    """One intent: its name, where it first appears (line, column) and its utterances."""

    name: str
    line: int
    column: int = 1
    utterances: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Catalogue:
    """The intents of one file in the order they first appear; ``with_utterances`` when the
    file has an utterance column; the lines of rows without an intent (left out) and the
    columns not read."""

    file: str
    intents: dict[str, Intent] = field(default_factory=dict)
    with_utterances: bool = False
    unnamed: list[int] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def add(self, name: str, line: int, column: int, utterance: str | None = None) -> None:
        intent = self.intents.get(name)
        if intent is None:
            intent = self.intents[name] = Intent(name, line, column)
        if utterance is not None and utterance.strip():
            intent.utterances.append(utterance)

    @property
    def utterances(self) -> int:
        return sum(len(i.utterances) for i in self.intents.values())


def name_words(name: str) -> list[str]:
    """The words of an intent's name: ``card_arrival``, ``card-arrival``, ``card.arrival``
    and ``cardArrival`` are ``card`` and ``arrival``."""
    return [w for w in _SEPARATORS.split(_CAMEL.sub(" ", name)) if w]


def read_catalogue(data: bytes, file: str) -> tuple[Catalogue | None, list[Problem]]:
    """The catalogue in ``data``, or the problems that stop it being read."""
    text, problems = text_of(data, file)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(file, 1, 1, "the file is empty: no intent to import")]
    if PurePath(file).suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        return _json(text, file)
    return _csv(text, file)


def _json(text: str, file: str) -> tuple[Catalogue | None, list[Problem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(file, exc.lineno, exc.colno, f"not JSON that can be read: {exc.msg}")]
    except RecursionError:
        return None, [Problem(file, 1, 1, "not JSON that can be read: nested too deep")]
    catalogue = Catalogue(file)
    wanted = "a JSON catalogue is a list of intent names, or names mapped to their utterances"
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        for name in data:
            if name.strip():
                catalogue.add(name.strip(), 1, 1)
    elif isinstance(data, dict) and all(
        isinstance(v, list) and all(isinstance(u, str) for u in v) for v in data.values()
    ):
        catalogue.with_utterances = True
        for name, utterances in data.items():
            if name.strip():
                for utterance in utterances or [None]:
                    catalogue.add(name.strip(), 1, 1, utterance)
    else:
        return None, [Problem(file, 1, 1, wanted)]
    if not catalogue.intents:
        return None, [Problem(file, 1, 1, "no intent to import: the list is empty")]
    return catalogue, []


def _csv(text: str, file: str) -> tuple[Catalogue | None, list[Problem]]:
    rows, problem = csv_rows(text, file, MAX_ROWS)
    if problem is not None:
        return None, [problem]
    if not rows:
        return None, [Problem(file, 1, 1, "the file is empty: no intent to import")]
    header_line, header = rows[0]
    said = [normal(h) for h in header]
    intent = _column(said, INTENT_HEADERS)
    utterance = _column(said, UTTERANCE_HEADERS)
    catalogue = Catalogue(file)
    if intent is not None and len(rows) == 1:
        return None, [Problem(file, header_line, 1, "no intent to import: a header and no row")]
    if intent is None:
        if len(header) == 1 and utterance is None:  # one name a line, without a header
            for line, cells in rows:
                catalogue.add(cells[0].strip(), line, 1)
            return catalogue, []
        seen = ", ".join(repr(one_line(h)[:60]) for h in header[:20]) or "none"
        more = f" and {len(header) - 20} more" if len(header) > 20 else ""
        return None, [
            Problem(
                file,
                header_line,
                1,
                f"no intent column among the headers {seen}{more}: name it intent (or "
                "category, label), and the utterances' column text (e.g. text,intent)",
            )
        ]
    catalogue.with_utterances = utterance is not None
    catalogue.unread = [
        one_line(h) for i, h in enumerate(header) if i not in (intent, utterance) and h.strip()
    ]
    for line, cells in rows[1:]:
        name = cells[intent].strip() if intent < len(cells) else ""
        if not name:
            catalogue.unnamed.append(line)
            continue
        said_text = cells[utterance] if utterance is not None and utterance < len(cells) else None
        catalogue.add(name, line, intent + 1, said_text)
    if not catalogue.intents:
        column = repr(one_line(header[intent])[:60])
        why = f"no intent to import: the column {column} is empty in every row"
        return None, [Problem(file, header_line, intent + 1, why)]
    return catalogue, []


def _column(said: list[str], names: tuple[str, ...]) -> int | None:
    """The first column whose header is one of ``names``, the earlier name first."""
    for name in names:
        if name in said:
            return said.index(name)
    return None


def groups_of(catalogue: Catalogue, group_by: str | None) -> tuple[dict[str, str], list[Problem]]:
    """Each intent's group (an intent in no group is absent): ``prefix`` groups intents by
    the first word of their name; any other value names a CSV file of ``intent,group``."""
    if not group_by:
        return {}, []
    if group_by == "prefix":
        return {name: _prefix(name) for name in catalogue.intents}, []
    try:
        with open(group_by, "rb") as fh:
            data = fh.read(MAX_GROUPS_BYTES + 1)
    except OSError as exc:
        why = f"--group-by: cannot read: {exc.strerror or exc} (give prefix, or a CSV file of "
        return {}, [Problem(group_by, 0, 0, why + "intent,group)")]
    if len(data) > MAX_GROUPS_BYTES:
        return {}, [Problem(group_by, 1, 1, f"over {MAX_GROUPS_BYTES:,} bytes, the limit")]
    text, problems = text_of(data, group_by)
    if text is None:
        return {}, problems
    rows, problem = csv_rows(text, group_by, MAX_ROWS)
    if problem is not None:
        return {}, [problem]
    return _mapping(rows, group_by)


def _prefix(name: str) -> str:
    words = name_words(name)
    return words[0].lower() if words else name


def _mapping(rows: list[tuple[int, list[str]]], file: str) -> tuple[dict[str, str], list[Problem]]:
    """The groups of a ``--group-by`` file: its first two columns, or those headed intent
    and group."""
    if not rows:
        return {}, [Problem(file, 1, 1, "--group-by: the file is empty (intent,group a line)")]
    said = [normal(h) for h in rows[0][1]]
    intent, group = _column(said, INTENT_HEADERS), _column(said, GROUP_HEADERS)
    if intent is not None and group is not None:
        rows = rows[1:]
    else:
        intent, group = 0, 1
    found: dict[str, tuple[str, int]] = {}
    problems = []
    for line, cells in rows:
        name = cells[intent].strip() if intent < len(cells) else ""
        named = one_line(cells[group]) if group < len(cells) else ""
        if not name or not named:
            missing = "intent" if not name else "group"
            column = intent + 1 if not name else group + 1
            problems.append(Problem(file, line, column, f"--group-by: no {missing} in this row"))
            continue
        before = found.get(name)
        if before is not None and before[0] != named:
            why = f"{name!r} is in the group {before[0]!r} on line {before[1]} already"
            problems.append(Problem(file, line, group + 1, f"--group-by: {why}"))
            continue
        found[name] = (named, line)
    return {name: group for name, (group, _) in found.items()}, problems
