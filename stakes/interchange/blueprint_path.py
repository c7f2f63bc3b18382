"""One path of a service blueprint as the importer reads it: its lanes and what each is
(``blueprint_lanes``), its cells by step, and what they say of a touchpoint: the channel,
who handles it, who takes a decision at a step, and, for the analyst, what the other lanes
say (every value the blueprint holds is shown as one line, never raw)."""

from __future__ import annotations

from stakes.interchange import blueprint_lanes as lanes
from stakes.interchange import guess
from stakes.interchange.blueprint_ir import Cell, Path, Step
from stakes.interchange.draft import one_line

Ref = tuple[str, str]  # a cell's (lane, step)
#: The most frontstage items a guess rests on (the first, each named once).
MAX_ITEMS = 5
#: The most cells of a step a description lists.
MAX_SAID = 8
#: What each handler of a frontstage item means, for the note.
SAYS = {"ai": "a bot", "human": "people answer it", "self-service": "the customer uses it"}


class View:
    """A path's lanes, steps and cells, looked up by key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lanes = {lane.key: lane for lane in path.lanes}
        self.kinds = {lane.key: lanes.kind_of(lane) for lane in path.lanes}
        self.steps = {step.key: step for step in path.steps}
        rows = {lane.key: i for i, lane in enumerate(path.lanes)}
        self.cells: dict[str, list[Cell]] = {}
        for cell in sorted(path.cells, key=lambda c: rows[c.lane]):
            self.cells.setdefault(cell.step, []).append(cell)
        self.leads: dict[Ref, list[Ref]] = {}  # the cells each cell triggers
        self.follows: dict[Ref, list[Ref]] = {}  # the cells that trigger each cell
        self.into: dict[str, list[Ref]] = {}  # the cells that trigger a cell of each step
        for t in path.triggers:
            self.leads.setdefault(t.source, []).append(t.target)
            self.follows.setdefault(t.target, []).append(t.source)
            self.into.setdefault(t.target[1], []).append(t.source)
        self._channels: dict[str, guess.Guess | None] = {}
        self._everywhere: dict[str, list[tuple[str, Cell]]] = {}  # by channel
        self._front: dict[str, tuple[list[Cell], list[tuple[str, Cell]]]] = {}  # by step
        self._others: dict[str, list[Cell]] = {}  # by step
        self._use: dict[tuple[str, str | None], list[tuple[str, Cell]]] = {}  # by step, channel

    def kind(self, cell: Cell) -> lanes.Kind:
        return self.kinds[cell.lane]

    def lane(self, cell: Cell) -> str:
        return one_line(self.lanes[cell.lane].name)

    def touchpoint_cells(self, step: Step) -> list[Cell]:
        """The cells of a step that are its touchpoints: the customer's, else one frontstage
        cell (people before technology)."""
        found: dict[str, list[Cell]] = {}
        for cell in self.cells.get(step.key, []):
            kind = self.kind(cell)
            if cell.content.strip() and (kind.front or kind.kind == lanes.CUSTOMER):
                found.setdefault(kind.kind, []).append(cell)
        if lanes.CUSTOMER in found:
            return found[lanes.CUSTOMER]
        return (found.get(lanes.PEOPLE) or found.get(lanes.TECH) or [])[:1]

    def name(self, ref: tuple[str, str]) -> str:
        """A cell by its lane's and its step's names: ``Backstage Tech at Triage``."""
        lane, step = self.lanes.get(ref[0]), self.steps.get(ref[1])
        lane_name = one_line(lane.name) if lane else ref[0]
        return f"{lane_name} at {one_line(step.name) if step else ref[1]}"

    def said(self, step: Step, title: str, but: Cell | None = None) -> str:
        """What the lanes of a step other than the customer's say (but one cell), as a
        sentence starting ``title``; the first ``MAX_SAID`` cells, then how many more."""
        if step.key not in self._others:
            self._others[step.key] = [
                c
                for c in self.cells.get(step.key, [])
                if c.content.strip() and self.kind(c).kind not in (lanes.VISUAL, lanes.CUSTOMER)
            ]
        cells = self._others[step.key]
        if but is not None:  # a frontstage cell that is the step's touchpoint: once a step
            cells = [c for c in cells if c is not but]
        more = len(cells) - MAX_SAID
        listed = "; ".join(
            f"{self.lane(c)}: {', '.join(lanes.items(c))}"
            + (f" (owner {c.owner})" if c.owner else "")
            for c in cells[:MAX_SAID]
        )
        listed += f"; and {more} more" if more > 0 else ""
        return f"{title} — {listed}." if listed else ""

    def front(self, step: str) -> tuple[list[Cell], list[tuple[str, Cell]]]:
        """The cells of people facing the customer at a step, and the items of its
        customer-facing technology."""
        if step not in self._front:
            cells = self.cells.get(step, [])
            people = [c for c in cells if self.kind(c).kind == lanes.PEOPLE and self.kind(c).front]
            self._front[step] = (people, self.front_items(cells))
        return self._front[step]

    def front_items(self, cells: list[Cell]) -> list[tuple[str, Cell]]:
        """The items of the customer-facing technology among ``cells``, with their cell."""
        return [
            (item, c)
            for c in cells
            if self.kind(c).kind == lanes.TECH and self.kind(c).front
            for item in lanes.items(c)
        ]

    def channel(self, cell: Cell) -> guess.Guess | None:
        """The channel of a touchpoint's cell: from its words, its form, its description, else
        the frontstage technology of its step."""
        for text, part in (
            (cell.content, "words"),
            (cell.form, "form"),
            (cell.description, "description"),
        ):
            found = guess.channel(one_line(text)) if text else None
            if found:
                return guess.Guess(found.value, f"{found.why} (the cell's {part})")
        for item, c in self.front(cell.step)[1]:
            found = self.item_channel(item)
            if found:
                return guess.Guess(found.value, f"{found.why} ({self.lane(c)}, at this step)")
        return None

    def handler(self, cell: Cell, channel: str | None) -> guess.Guess:
        """Who handles a touchpoint: the people and technology facing the customer at its step
        (the items on its channel first), else the technology of its channel elsewhere on the
        path, else its own words."""
        people, items = self.front(cell.step)
        people, use, where = people[:MAX_ITEMS], [], ""
        if people or items:
            key = (cell.step, channel)
            if key not in self._use:  # the items on the touchpoint's channel, else all
                self._use[key] = _first([(i, c) for i, c in items if self.on(i, channel)] or items)
            use, where = self._use[key], "at this step"
        elif channel:
            use, where = self.on_channel(channel), "on the same channel"
        if not people and not use:
            own = guess.handler(one_line(cell.content), (), "")
            if own.value == "self-service":
                why = "as the customer's own step"
            else:
                why = own.why.split(";")[0]  # the words of its name: "from 'bot' in its name"
            return guess.Guess(own.value, f"{why}: no frontstage lane says who serves them")
        handlers = ["human"] * bool(people) + [lanes.item_handler(i) for i, _ in use]
        said = [f"{self.lane(c)}: {one_line(c.content)} (people)" for c in people]
        for item, c in use:
            at = "" if c.step == cell.step else f", at {one_line(self.steps[c.step].name)}"
            said.append(f"{item!r} in {self.lane(c)}{at} ({SAYS[lanes.item_handler(item)]})")
        return guess.Guess(lanes.combined(handlers), f"from {'; '.join(said)}, {where}")

    def item_channel(self, item: str) -> guess.Guess | None:
        """The channel an item of a frontstage lane names (each item read once)."""
        if item not in self._channels:
            self._channels[item] = guess.channel(item)
        return self._channels[item]

    def on(self, item: str, channel: str | None) -> bool:
        found = self.item_channel(item)
        return found is not None and found.value == channel

    def on_channel(self, channel: str) -> list[tuple[str, Cell]]:
        """The frontstage technology items of the whole path on ``channel``, in step order."""
        if channel not in self._everywhere:
            cells = [c for step in self.path.steps for c in self.cells.get(step.key, [])]
            found = _first([(i, c) for i, c in self.front_items(cells) if self.on(i, channel)])
            self._everywhere[channel] = found
        return self._everywhere[channel]

    def decision(self, step: Step) -> tuple[str, guess.Guess | None]:
        """The word that says a decision is taken at ``step`` ("" if none), and who takes it,
        from who works there (None when no lane says)."""
        cells = self.cells.get(step.key, [])
        others = [c for c in cells if self.kind(c).kind != lanes.CUSTOMER]
        word = lanes.decides(" ".join([step.words, *(c.content for c in others)]))
        if not word:
            return "", None
        workers = [
            (
                lanes.worker(c, self.lanes[c.lane], self.kind(c)),
                f"{self.lane(c)}: {', '.join(lanes.items(c))}",
            )
            for c in others
        ]
        return word, lanes.decider(workers)


def _first(items: list[tuple[str, Cell]]) -> list[tuple[str, Cell]]:
    """The first ``MAX_ITEMS`` items, each text once."""
    seen: dict[str, tuple[str, Cell]] = {}
    for item, cell in items:
        if len(seen) == MAX_ITEMS:
            break
        seen.setdefault(item, (item, cell))
    return list(seen.values())
