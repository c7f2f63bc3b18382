"""``stakes map`` for people: a table per journey, grouped by stage, or one table for the whole
portfolio when sorted by stakes.

The table is laid out here rather than by rich's Table: no word or id is ever broken (an id is
cut only when it is wider than the whole line), the reasons wrap at spaces in their column, or
go under the row when the column would be too narrow for their longest word, and with no width
(output piped or saved with no ``COLUMNS``) every touchpoint is one line that ``grep`` finds
whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.console import (
    ALIGNMENT_STYLE,
    LEVEL_STYLE,
    VERDICT_STYLE,
    string_console,
    trimmed,
)
from stakes.render.documents import MapDocument
from stakes.render.map.records import contradictions
from stakes.render.registry import Options
from stakes.shown import shown

_FLAG = {"aligned": "", "over-automated": "OVER", "under-automated": "under", "unassessed": "?"}
GAP = 2  # blanks between columns
LEAD = 1  # blanks before the first column
#: The narrowest the reasons' column may be before they go under the row instead.
MIN_WHY = 16
#: How far the reasons are indented when they go under the row.
UNDER = LEAD + 2
#: The console's width when there is no width to fit: nothing is wrapped.
UNBOUNDED = 1_000_000

Cell = tuple[str, str]  # text, style


@dataclass(frozen=True, slots=True)
class _Row:
    cells: tuple[Cell, ...]  # every column but the reasons
    why: str


def render(document: MapDocument, options: Options) -> str:
    """Touchpoints with their stakes, verdict, today's handling, fit (OVER: AI handles what it
    should not; under: people handle what AI could) and why: a table per journey with its
    stages, or, sorted by stakes, one table with a journey column."""
    rows = document.rows
    console, out = string_console(options.width or UNBOUNDED, options.color, soft_wrap=True)
    layout = _Layout(console, options.width)
    if document.by_journey:
        for n, (_, group) in enumerate(groupby(rows, key=lambda t: t.journey.journey)):
            items = list(group)
            journey = items[0].journey
            if n:
                console.print()
            layout.table(f"{shown(journey.title)} ({journey.journey})", items, by_journey=True)
    elif rows:
        layout.table("Every journey, highest stakes first", rows, by_journey=False)
    notes = contradictions(rows)
    if notes:
        console.print()
        layout.wrapped(
            "Where the contact log disagrees with the journeys (a value higher than declared "
            "is scored; a lower one is only shown):",
            0,
        )
        for note in notes:
            layout.wrapped(shown(note), 2)
    if any(t.override == "applied" for t in rows):
        console.print()
        layout.wrapped("* a reviewed override sets this verdict; see stakes explain", 0, "dim")
    if any(t.result.borderline and not t.unsaid for t in rows):
        console.print()
        layout.wrapped(
            "~ borderline: the verdict would change if the score moved a little (the policy's "
            "margin, or one weight by a fifth); the rubric, not the moment, decides it",
            0,
            "dim",
        )
    if any(t.unsaid for t in rows):
        console.print()
        layout.wrapped(
            "? not assessed: the journey does not say what is at stake (no signals, or no "
            "emotion); + the verdict is at least this until it does",
            0,
            "dim",
        )
    if not rows:
        console.print("No touchpoints.")
    return trimmed(out.getvalue())


def _cells(t: TouchpointAssessment, ids: str) -> _Row:
    """The row's cells; ``ids``: ``id`` (the touchpoint's id), ``key`` (journey/touchpoint)
    or ``both`` (a journey column and an id column)."""
    r = t.result
    star = "*" if t.override == "applied" else ""
    if t.unsaid:  # not assessed: no level, and the verdict is only a floor
        star = "+" if t.verdict != "automate" else star
    first: tuple[Cell, ...] = ((t.journey.journey, ""),) if ids == "both" else ()
    return _Row(
        (
            *first,
            (t.key if ids == "key" else t.touchpoint.id, ""),
            ("  ? unassessed", "yellow")
            if t.unsaid
            else (f"{r.score:>3} {r.level}" + ("~" if r.borderline else ""), LEVEL_STYLE[r.level]),
            ("?", "yellow")
            if t.unsaid and t.verdict == "automate"
            else (t.verdict + star, VERDICT_STYLE[t.verdict]),
            (t.touchpoint.handled_by, ""),
            (_FLAG[t.alignment], ALIGNMENT_STYLE[t.alignment]),
        ),
        shown(t.short_reason),
    )


@dataclass(frozen=True, slots=True)
class _Layout:
    console: Console
    width: int | None  # None: no width to fit

    def wrapped(self, text: str, indent: int, style: str = "") -> None:
        """``text`` broken at spaces to fit the width, each line indented by ``indent``."""
        room = None if self.width is None else self.width - indent
        for line in self.lines(text, room):
            self.console.print(Text(" " * indent + line, style=style))

    def lines(self, text: str, room: int | None) -> list[str]:
        """``text`` in lines of at most ``room`` cells (None: one line), broken at spaces only
        (a word wider than that is folded: there is no other way to show it)."""
        if room is None:
            return [text]
        wrapped = Text(text).wrap(self.console, max(room, 1))
        return [line.plain.rstrip() for line in wrapped] or [""]

    def table(self, title: str, items: Sequence[TouchpointAssessment], *, by_journey: bool) -> None:
        header: tuple[str, ...] = ("touchpoint", "stakes", "verdict", "today", "fit")
        mode = "id" if by_journey else "both"
        rows = [_cells(t, mode) for t in items]
        if mode == "both":
            header = ("journey", *header)
            if not self.fits(header, rows, 2):  # one column of keys reads better than folds
                mode, header = "key", header[1:]
                rows = [_cells(t, mode) for t in items]
        ids = len(header) - 4  # the id columns: they give way when the line is too narrow
        widths = [max(len(h), *(len(r.cells[i][0]) for r in rows)) for i, h in enumerate(header)]
        if self.width is not None:
            free = self.width - (LEAD + sum(widths[ids:]) + GAP * len(header))
            widths[:ids] = _share(widths[:ids], [len(h) for h in header[:ids]], free)
        used = LEAD + sum(widths) + GAP * len(widths)
        longest = max((cell_len(w) for r in rows for w in r.why.split()), default=0)
        room = None if self.width is None else self.width - used
        beside = room is None or room >= max(MIN_WHY, longest)
        reasons = max(cell_len(r.why) for r in rows)
        rule = used + (reasons if room is None else min(reasons, max(room, 0)))
        rule = rule if self.width is None else min(rule, self.width)
        self.wrapped(title, 0, "bold")
        self.console.print()
        self.console.print(_line([(h, "") for h in header], widths, "why" if beside else ""))
        self.console.print(Text(" " * LEAD + "─" * (rule - LEAD)))
        stage = None
        for t, row in zip(items, rows, strict=True):
            if by_journey and t.stage.id != stage:
                stage = t.stage.id
                self.console.print(Text(" " * LEAD + f"{stage}:", style="bold underline"))
            self.row(row, widths, room if beside else None)

    def fits(self, header: Sequence[str], rows: Sequence[_Row], ids: int) -> bool:
        """Whether the ``ids`` id columns fit whole beside the others."""
        if self.width is None:
            return True
        widths = [max(len(h), *(len(r.cells[i][0]) for r in rows)) for i, h in enumerate(header)]
        return LEAD + sum(widths) + GAP * len(widths) <= self.width

    def row(self, row: _Row, widths: list[int], room: int | None) -> None:
        """A touchpoint's lines: ids wider than their column first, on their own lines, then
        the cells with the reasons beside them (in ``room`` cells) or under them (None)."""
        cells = list(row.cells)
        for i, (text, _) in enumerate(cells[: len(cells) - 4]):
            if len(text) > widths[i]:
                self.wrapped(text, LEAD)
                cells[i] = ("", "")
        if room is None and self.width is not None:
            self.console.print(_line(cells, widths, ""))
            self.wrapped(row.why, UNDER)
            return
        why = self.lines(row.why, room)
        self.console.print(_line(cells, widths, why[0]))
        indent = " " * (LEAD + sum(widths) + GAP * len(widths))
        for more in why[1:]:
            self.console.print(Text(indent + more))


def _share(wanted: list[int], least: list[int], free: int) -> list[int]:
    """Columns of ``wanted`` widths fitted into ``free`` cells: the narrow ones whole, the
    rest an equal share of what is left (never less than ``least``, their headers)."""
    out = list(wanted)
    left, waiting = free, sorted(range(len(wanted)), key=lambda i: wanted[i])
    while waiting:
        fair = left // len(waiting)
        i = waiting.pop(0)
        out[i] = max(least[i], min(wanted[i], fair))
        left -= out[i]
    return out


def _line(cells: Sequence[Cell], widths: Sequence[int], why: str) -> Text:
    line = Text(" " * LEAD)
    for (text, style), w in zip(cells, widths, strict=True):
        line.append(text.ljust(w), style=style)
        line.append(" " * GAP)
    line.append(why)
    return line
