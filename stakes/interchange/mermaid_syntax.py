"""Mermaid ``journey`` diagrams read as Mermaid reads them, and text made safe to write in one.

The reader follows the lexer and grammar of Mermaid's own journey parser (``journey.jison``,
Mermaid 11): the same rules tried in the same order, case-insensitive, so that a diagram it
refuses is refused here, at the same line, with a sentence that says what to change
(``section Step 1: Context``: a section name ends at its ``:``). Front matter (``---``) and
``%%{init}%%`` directives, which Mermaid removes before it parses, are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from stakes.shown import shown

#: Mermaid's journey lexer, rule by rule in its order (the first rule that matches wins).
_RULES: tuple[tuple[str, str | None], ...] = (
    (r"%(?!\{)[^\n]*", None),
    (r"[^}]%%[^\n]*", None),
    (r"\n+", "newline"),
    (r"\s+", None),
    (r"#[^\n]*", None),
    (r"journey\b", "journey"),
    (r"title\s[^#\n;]+", "title"),
    (r"accTitle\s*:\s*[^\n]*", "acc_title"),
    (r"accDescr\s*:\s*[^\n]*", "acc_descr"),
    (r"accDescr\s*\{[^}]*\}?", "acc_descr_block"),
    (r"section\s[^#:\n;]+", "section"),
    (r"[^#:\n;]+", "task"),
    (r":[^#\n;]+", "data"),
    (r":", "colon"),
    (r".", "invalid"),
)
_LEXER = re.compile("|".join(f"({rule})" for rule, _ in _RULES), re.IGNORECASE | re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_DIRECTIVE = re.compile(r"%%\{.*?\}%%", re.DOTALL)
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*(mermaid(?:-example)?)\b[^\n]*\n", re.MULTILINE)


class MermaidError(Exception):
    """A diagram Mermaid would refuse: the 1-based line and column in the file, and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass(frozen=True, slots=True)
class Task:
    """One task: its name, its score as written, its actors, and its line in the file."""

    name: str
    score: str
    actors: tuple[str, ...]
    line: int
    column: int


@dataclass(slots=True)
class Section:
    name: str
    line: int
    tasks: list[Task] = field(default_factory=list)


@dataclass(slots=True)
class Diagram:
    """One journey diagram: its title (``title``, else the front matter's), its accessible
    title and description, its sections in order (tasks before the first section are in one
    named ""), and the line of its ``journey`` keyword."""

    line: int
    title: str = ""
    acc_title: str = ""
    acc_descr: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]


def blocks(text: str, markdown: bool) -> Iterator[tuple[int, str]]:
    """The diagrams in a file as (the line before the first one, the diagram's text): the
    whole file, or each fenced ``mermaid`` block of a markdown file."""
    if not markdown:
        yield 0, text
        return
    for fence in _FENCE.finditer(text):
        indent, marks = fence.group(1), fence.group(2)
        start = fence.end()
        close = re.compile(rf"^[ \t]*{re.escape(marks[0])}{{{len(marks)},}}[ \t]*$", re.MULTILINE)
        end = close.search(text, start)
        body = text[start : end.start() if end else len(text)]
        if indent:
            body = re.sub(rf"^{re.escape(indent)}", "", body, flags=re.MULTILINE)
        yield text.count("\n", 0, start), body


def is_journey(text: str) -> bool:
    """Whether Mermaid takes ``text`` for a journey diagram (its first word is ``journey``)."""
    body = _DIRECTIVE.sub("", _strip_front_matter(text)[0])
    body = re.sub(r"^\s*%%[^\n]*\n?", "", body, flags=re.MULTILINE)
    return re.match(r"\s*journey\b", body, re.IGNORECASE) is not None


def parse(text: str, first_line: int = 0) -> Diagram:
    """The diagram in ``text`` (its lines numbered from ``first_line`` + 1), or MermaidError
    where Mermaid would stop."""
    body, title = _strip_front_matter(text)
    body = _DIRECTIVE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    diagram: Diagram | None = None
    section: Section | None = None
    pending: tuple[str, int, int] | None = None  # a task name waiting for its data
    for kind, value, line, column in _tokens(body, first_line):
        if kind == "journey" and diagram is None:
            diagram = Diagram(line, title=title)
            continue
        if diagram is None and kind == "newline":
            continue  # Mermaid trims the text's start before it parses
        if diagram is None:
            raise MermaidError(line, column, f"not a Mermaid journey: it starts with {value!r}")
        if kind == "invalid":
            raise MermaidError(line, column, _unexpected(kind, value, section))
        if pending is not None and kind != "data":
            raise MermaidError(*pending[1:], _no_data(pending[0], kind))
        if kind == "newline":
            continue
        if kind == "title":
            diagram.title = value[6:].strip()
        elif kind == "acc_title":
            diagram.acc_title = value.split(":", 1)[1].strip()
        elif kind == "acc_descr":
            diagram.acc_descr = value.split(":", 1)[1].strip()
        elif kind == "acc_descr_block":
            diagram.acc_descr = value.split("{", 1)[1].rstrip("}").strip()
        elif kind == "section":
            section = Section(value[8:].strip(), line)
            diagram.sections.append(section)
        elif kind == "task":
            pending = (value.strip(), line, column)
        elif kind == "data" and pending is not None:
            if section is None:
                section = Section("", pending[1])
                diagram.sections.append(section)
            section.tasks.append(_task(pending, value))
            pending = None
        else:
            raise MermaidError(line, column, _unexpected(kind, value, section))
    if diagram is None:
        raise MermaidError(first_line + 1, 1, "no Mermaid diagram: the text is empty")
    if pending is not None:
        raise MermaidError(*pending[1:], _no_data(pending[0], "end"))
    return diagram


def _strip_front_matter(text: str) -> tuple[str, str]:
    """The text with its front matter blanked (lines kept), and the front matter's title."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, ""
    title = _FRONT_TITLE.search(match.group(1))
    blank = "\n" * match.group(0).count("\n")
    return blank + text[match.end() :], (title.group(1).strip("'\"") if title else "")


def _tokens(text: str, first_line: int) -> Iterator[tuple[str, str, int, int]]:
    """Mermaid's tokens with their 1-based line and column; skipped rules yield nothing."""
    line, start_of_line, at = first_line + 1, 0, 0
    while at < len(text):
        match = _LEXER.match(text, at)
        assert match is not None  # the last rule matches any character
        kind = _RULES[match.lastindex - 1][1] if match.lastindex else None
        value = match.group(0)
        if kind is not None:
            yield kind, value, line, at - start_of_line + 1
        breaks = value.count("\n")
        if breaks:
            line += breaks
            start_of_line = at + value.rindex("\n") + 1
        at = match.end()


def _task(pending: tuple[str, int, int], data: str) -> Task:
    """A task from its name and ``: score: actor, actor`` (as Mermaid splits them)."""
    pieces = data[1:].split(":")
    actors = tuple(a.strip() for a in pieces[1].split(",")) if len(pieces) > 1 else ()
    name, line, column = pending
    return Task(name, pieces[0].strip(), tuple(a for a in actors if a), line, column)


def _no_data(name: str, then: str) -> str:
    return f"the task {name!r} has no ': score: actors' after its name (Mermaid needs them)"


def _unexpected(kind: str, value: str, section: Section | None) -> str:
    if kind == "data":
        if section is not None and section.tasks == []:
            return (
                f"a section name ends at its ':' in Mermaid, so {value!r} is left over: "
                f"write 'section {section.name} -{value[1:].rstrip()}'"
            )
        return f"{value.strip()!r} has no task name before its ':'"
    if kind == "colon":
        return "a ':' with no score after it: write 'Task name: 3: Actor'"
    if kind == "journey":
        return "a second 'journey' keyword: one diagram per block"
    return f"Mermaid does not allow {value!r} here (';' ends a statement it cannot read)"


#: What Mermaid reads as syntax in a journey's text, and what is written instead.
_SYNTAX = str.maketrans(
    {":": " -", "#": "No.", ";": ",", "%": " percent", "<": "\u2039", ">": "\u203a", "\0": " "}
)
#: The longest text put in a diagram (a title of megabytes helps nobody).
TEXT_LIMIT = 200


def safe_text(text: str, *, title: bool = False) -> str:
    """``text`` as a title, section or task name Mermaid reads back as written: its ``:``
    (except in a title), ``#``, ``;`` and ``%`` (which end a name or start a comment in
    Mermaid), ``<`` and ``>`` replaced, controls made visible and line breaks made spaces
    (``shown``), spaces trimmed."""
    text = shown(text.replace("\0", " "), TEXT_LIMIT)
    kept = text.replace(":", "\0") if title else text
    made = re.sub(r"\s+", " ", kept.translate(_SYNTAX)).strip().replace("\0", ":")
    if re.match(r"(?:section|title|acctitle|accdescr|journey)\b", made, re.IGNORECASE):
        made = "- " + made
    return made or "-"
