"""``stakes import csv``: a spreadsheet journey map, one row per touchpoint, as journey
drafts.

Its columns are found by name (``table.columns``: the layout ``stakes export csv`` writes),
by the names journey-mapping tools and people give them (``ALIASES``: ``Phase``, ``Step``,
``Owner``, ``Feeling``), or as told (``--column FIELD=HEADER``). A value is read as its field
takes it, with the words people write mapped as lint's hints map them (``worried`` is
``anxious``, ``portal`` is ``web``), each such value noted. A column stakes does not know is
not lost: its values go into the touchpoint's description (``Pain points: ...``). Rows
belong to the journey named in their ``journey_id`` or ``journey`` column (else the file's),
and to the stage in their ``stage`` column, in the order they first appear. A value the
format refuses is reported at its row and column.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from stakes.interchange import guess
from stakes.interchange.cells import value_of
from stakes.interchange.draft import Draft, Ids, Options, Problem, one_line, slug_of
from stakes.interchange.headers import known_names, normal
from stakes.interchange.mermaid import todo_signals
from stakes.interchange.spreadsheet import Sheet, read_sheet
from stakes.interchange.table import Column, columns


def read(data: bytes, file: str, options: Options) -> tuple[list[Draft], list[Problem]]:
    """The journeys of a spreadsheet journey map, and the problems of its cells."""
    sheet, problems = read_sheet(data, file)
    if sheet is None:
        return [], problems
    mapping, problems = _mapping(sheet, options)
    if problems:
        return [], problems
    return _journeys(sheet, mapping, options)


def _mapping(sheet: Sheet, options: Options) -> tuple[dict[int, Column | str], list[Problem]]:
    """Each header's column (a layout column, or its header when stakes does not know it)."""
    names = known_names()
    told = {normal(header): field for field, header in options.columns}
    problems = []
    for field in told.values():
        if field not in {c.name for c in columns()}:
            close = ", ".join(sorted(c.name for c in columns() if c.level == "touchpoint")[:12])
            problems.append(
                Problem(sheet.file, 0, 0, f"--column {field}=...: no such field (e.g. {close})")
            )
    mapping: dict[int, Column | str] = {}
    taken: dict[str, int] = {}
    for i, header in enumerate(sheet.header):
        said = normal(header)
        column = names.get(told[said]) if said in told else names.get(said)
        if column is None:
            mapping[i] = header
            continue
        if column.name in taken:
            first = sheet.header[taken[column.name]]
            problems.append(
                Problem(
                    sheet.file,
                    sheet.header_line,
                    i + 1,
                    f"{header!r} and {first!r} are both {column.name}: rename one, or give "
                    f"--column {column.name}=HEADER",
                )
            )
            continue
        taken[column.name] = i
        mapping[i] = column
    if "touchpoint" not in taken and "touchpoint_id" not in taken:
        seen = ", ".join(repr(h) for h in sheet.header)
        problems.append(
            Problem(
                sheet.file,
                sheet.header_line,
                1,
                f"no touchpoint column (one row per touchpoint) among {seen}: name one "
                "Touchpoint, or give --column touchpoint=HEADER",
            )
        )
    return mapping, problems


def _journeys(
    sheet: Sheet, mapping: dict[int, Column | str], options: Options
) -> tuple[list[Draft], list[Problem]]:
    stem = PurePath(sheet.file).stem
    drafts: dict[str, _Journey] = {}
    problems: list[Problem] = []
    above: _Row | None = None
    if not sheet.rows:
        problems.append(Problem(sheet.file, sheet.header_line, 1, "no row under the header"))
    for line, cells in sheet.rows:
        row = _Row(sheet.file, line, cells, mapping, problems)
        if above is not None:
            row.fill_down(above)
        above = row
        title = row.text("journey") or stem.replace("-", " ").replace("_", " ").strip() or stem
        key = row.text("journey_id") or slug_of(title, "journey")
        journey = drafts.get(key)
        if journey is None:
            journey = drafts[key] = _Journey(sheet.file, line, key, title, options)
        journey.add(row)
    return [j.draft for j in drafts.values()], problems


class _Row:
    """One row's values by column, read as their fields take them, and where each is."""

    def __init__(
        self,
        file: str,
        line: int,
        cells: list[str],
        mapping: dict[int, Column | str],
        problems: list[Problem],
    ) -> None:
        self.line = line
        self.values: dict[str, tuple[Any, str, int]] = {}  # name -> (value, note, column)
        self.extra: list[tuple[str, str, int]] = []
        self.problems = problems
        self.file = file
        for i, raw in enumerate(cells):
            target = mapping.get(i, f"column {i + 1}")  # a cell past the header's last
            if not raw.strip():
                continue
            if isinstance(target, str):
                self.extra.append((target, one_line(raw), i + 1))
                continue
            value, note = value_of(target, raw)
            self.values[target.name] = (value, note, i + 1)

    def fill_down(self, above: _Row) -> None:
        """A row whose journey or stage cells are blank is in the row above's, as a merged
        or filled-down cell of a journey map means."""
        if not any(n in self.values for n in ("journey", "journey_id")):
            for name in ("journey", "journey_id"):
                if name in above.values:
                    self.values[name] = above.values[name]
        if not any(n in self.values for n in ("stage", "stage_id")):
            for name in ("stage", "stage_id"):
                if name in above.values:
                    self.values[name] = above.values[name]

    def text(self, name: str) -> str:
        found = self.values.get(name)
        return str(found[0]) if found else ""

    def place(self, name: str) -> tuple[int, int]:
        found = self.values.get(name)
        return (self.line, found[2] if found else 1)


class _Journey:
    """A journey being gathered from its rows."""

    def __init__(self, file: str, line: int, key: str, title: str, options: Options) -> None:
        data: dict[str, Any] = {"journey": key, "title": title}
        if options.owner:
            data["owner"] = options.owner
        self.draft = Draft(data, file, line)
        self.draft.header = [f"Imported by stakes import csv from {file}."]
        if not options.owner:
            self.draft.header.append("TODO: add owner: the team accountable for this journey.")
        self.stages: dict[str, dict[str, Any]] = {}
        self.stage_ids = Ids()
        self.touchpoint_ids = Ids()
        self.said: dict[str, tuple[Any, int, int]] = {}  # journey field -> value, line, column
        data["stages"] = []

    def add(self, row: _Row) -> None:
        """Put the row's journey fields, stage and touchpoint in the draft."""
        for column in columns():
            if column.level == "journey" and column.name not in ("journey", "journey_id"):
                self._journey_field(row, column)
        stage = self._stage(row)
        title = row.text("touchpoint") or row.text("touchpoint_id")
        if not title:
            row.problems.append(Problem(row.file, row.line, 1, "the row names no touchpoint"))
            return
        i = self.draft.data["stages"].index(stage)
        path = ("stages", i, "touchpoints", len(stage["touchpoints"]))
        made = self.touchpoint_ids(row.text("touchpoint_id") or title, "touchpoint")
        tp: dict[str, Any] = {"id": made, "title": title}
        self.draft.origin[path] = (row.line, 1)
        for column in columns():
            own = column.name not in ("touchpoint", "touchpoint_id")
            if column.level == "touchpoint" and column.name in row.values and own:
                self._put(tp, path, column, row)
        self._complete(tp, path, row)
        stage["touchpoints"].append(tp)

    def _journey_field(self, row: _Row, column: Column) -> None:
        if column.name not in row.values:
            return
        value = row.values[column.name][0]
        known = self.said.get(column.name)
        if known is None:
            self.said[column.name] = (value, *row.place(column.name))
            _set(self.draft.data, column.path, value)
            self.draft.origin[column.path] = row.place(column.name)
        elif known[0] != value:
            line, col = row.place(column.name)
            row.problems.append(
                Problem(
                    row.file,
                    line,
                    col,
                    f"journey {self.draft.slug!r} has {column.name} {known[0]!r} in the row "
                    f"at line {known[1]} and {value!r} here: one value per journey",
                )
            )

    def _stage(self, row: _Row) -> dict[str, Any]:
        title = row.text("stage") or row.text("stage_id") or "Steps"
        key = row.text("stage_id") or slug_of(title, "stage")
        stage = self.stages.get(key)
        if stage is None:
            n = len(self.stages)
            made = self.stage_ids(row.text("stage_id") or title, f"stage-{n + 1}")
            stage = self.stages[key] = {"id": made, "title": title, "touchpoints": []}
            self.draft.data["stages"].append(stage)
            self.draft.origin[("stages", n)] = row.place("stage")
        return stage

    def _put(self, tp: dict[str, Any], path: tuple[Any, ...], column: Column, row: _Row) -> None:
        value, note, col = row.values[column.name]
        _set(tp, column.path, value)
        self.draft.origin[(*path, *column.path)] = (row.line, col)
        if note:
            self.draft.notes[(*path, *column.path)] = note

    def _complete(self, tp: dict[str, Any], path: tuple[Any, ...], row: _Row) -> None:
        """What the row does not say: the channel and handler guessed from its name (marked),
        its unknown columns kept in the description, the signals left to assess."""
        for key, guessed in (
            ("channel", guess.channel(tp["title"])),
            ("handled_by", guess.handler(tp["title"], (), "")),
        ):
            if key not in tp:
                tp[key] = guessed.value if guessed else "other"
                why = f"guessed {guessed.why}" if guessed else "TODO: the row names no channel"
                self.draft.notes[(*path, key)] = why
        if row.extra:
            kept = " ".join(f"{header}: {value.rstrip('.')}." for header, value, _ in row.extra)
            tp["description"] = f"{tp['description']} {kept}" if "description" in tp else kept
            headers = ", ".join(header for header, _, _ in row.extra)
            self.draft.notes[(*path, "description")] = f"with the columns {headers}"
        if "signals" not in tp:
            self.draft.todo[path] = todo_signals()
        elif "emotion" not in tp["signals"]:
            self.draft.todo[path] = "TODO: add emotion: how the customer feels here"
        order = [c.path[0] for c in columns() if c.level == "touchpoint"]
        ordered = {k: tp[k] for k in dict.fromkeys(order) if k in tp}
        tp.clear()
        tp.update(ordered)


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value
