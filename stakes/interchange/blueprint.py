"""``stakes import blueprint``: a service blueprint (the JSON IR of BilLogic's
agentic-service-blueprinting) as journey drafts, one for each path of each scenario.

A path's steps, in its own order, become stages, and the customer's cells (the lane whose role
is ``customer_actions``) touchpoints; at a step with no customer cell, a frontstage cell (people
or technology facing the customer) is the touchpoint. A step with neither is not a stage: what
its lanes say goes into the description of the touchpoint before it. The channel comes from
the cell's words, its ``form`` or the frontstage technology of its step; who handles it from
that technology (a portal is ``self-service``, a hotline ``human``, a bot ``ai``); who decides
only where a step's words say a decision is taken (``Triage``), from who works at it; an
escalation only where the blueprint's trigger hands a bot's or the customer's own step to a
step people handle. Each guess is marked with the cell it comes from. Every touchpoint is left
unassessed (no ``signals``), with the to-do the other importers write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stakes.interchange import blueprint_lanes as lanes
from stakes.interchange.blueprint_ir import Cell, Path, Reader
from stakes.interchange.blueprint_json import JsonPath, JsonProblem, dotted, parse, places
from stakes.interchange.blueprint_path import MAX_SAID, View
from stakes.interchange.draft import Draft, Ids, Options, Problem, one_line, slug_of, text_of
from stakes.interchange.mermaid import todo_signals

#: The order a touchpoint's keys are written in.
ORDER = ("id", "title", "channel", "handled_by", "interaction", "decided_by", "description")
#: Words of a customer's step on the web or in an app that make it a form they fill in.
FORM_WORDS = lanes.words("form forms upload submit fill apply application ticket")
#: Words of a frontstage technology that sends the customer a notice.
NOTICE_WORDS = lanes.words("sms text email mail letter notification notice alert reminder gateway")

Place = Callable[[JsonPath], tuple[int, int]]
Made = tuple[tuple[Any, ...], dict[str, Any]]  # a touchpoint's data path and its data


def read(data: bytes, file: str, options: Options) -> tuple[list[Draft], list[Problem]]:
    """Each path of the blueprint as a draft; a problem for each value the IR should not
    hold (at its line and column, named by its JSON path) and for each path with no
    customer-facing cell. Nothing is imported from text that is not JSON."""
    text, problems = text_of(data, file)
    if text is None:
        return [], problems
    try:
        tree = parse(text)
    except JsonProblem as exc:
        return [], [Problem(file, exc.line, exc.column, exc.message)]
    reader = Reader(language=options.language)
    paths = reader.paths(tree)
    wanted: set[JsonPath] = set()
    for at, _ in reader.problems:
        wanted.update(at[:end] for end in range(len(at) + 1))
    for path in paths:
        wanted.update([path.at, *(s.at for s in path.steps), *(c.at for c in path.cells)])
    found = places(text, wanted)

    def place(at: JsonPath) -> tuple[int, int]:
        for end in range(len(at), -1, -1):
            if at[:end] in found:
                return found[at[:end]]
        return (1, 1)

    for at, message in reader.problems:
        problems.append(Problem(file, *place(at), f"{dotted(at)}: {message}"))
    drafts = []
    for path in paths:
        made = _Journey(path, file, options, place, sorted(reader.fallbacks)).draft()
        if made.touchpoints:
            drafts.append(made)
        else:
            what = f"path {path.key!r} has no cell of the customer or a frontstage lane"
            problems.append(Problem(file, *place(path.at), f"{dotted(path.at)}: {what}"))
    if not paths and not reader.problems:
        problems.append(Problem(file, 1, 1, "the blueprint has no path to import"))
    return drafts, problems


class _Journey:
    """One path as a draft."""

    def __init__(
        self, path: Path, file: str, options: Options, place: Place, fallbacks: list[str]
    ) -> None:
        self.path, self.file, self.options, self.place = path, file, options, place
        self.fallbacks = fallbacks
        self.view = View(path)
        self.made: dict[tuple[str, str], Made] = {}  # by (lane, step)
        self.at_step: dict[str, list[Made]] = {}  # by step
        self.result = Draft({}, file, place(path.at)[0])

    def draft(self) -> Draft:
        path, options = self.path, self.options
        title = one_line(f"{path.scenario[1]}: {path.name}" if path.scenario[1] else path.name)
        keys = "-".join(k for k in (path.lifecycle, path.scenario[0], path.key) if k)
        slug = slug_of(keys, slug_of(title, "blueprint"))
        data: dict[str, Any] = {"journey": slug, "title": title or slug}
        if options.owner:
            data["owner"] = options.owner
        customer = [x.name for x in path.lanes if self.view.kinds[x.key].kind == lanes.CUSTOMER]
        if customer:
            data["persona"] = one_line(customer[0])
        if path.description:
            data["description"] = one_line(path.description)
        self.result.data = data
        data["stages"] = self._stages()
        self._decisions()
        self._escalations()
        for stage in data["stages"]:
            stage["touchpoints"] = [_ordered(t) for t in stage["touchpoints"]]
        return self.result

    def _stages(self) -> list[dict[str, Any]]:
        """A stage for each step with a customer-facing cell; what the other steps' lanes say
        goes into the description of the touchpoint before them (or the first one)."""
        stages: list[dict[str, Any]] = []
        stage_ids, touchpoint_ids = Ids(), Ids()
        folded: list[str] = []  # steps with no stage since the last touchpoint
        before: list[str] = []  # those before the first touchpoint
        skipped: list[str] = []  # steps whose lanes say something
        empty: list[str] = []
        last: dict[str, Any] | None = None
        count = 0  # touchpoints so far
        for n, step in enumerate(self.path.steps, 1):
            chosen = self.view.touchpoint_cells(step)
            if not chosen:
                said = self.view.said(step, one_line(step.name))
                (skipped if said else empty).append(one_line(step.name))
                (folded if last is not None else before).extend([said] * bool(said))
                continue
            _then(last, folded)
            i = len(stages)
            touchpoints = []
            for j, cell in enumerate(chosen):
                tp_id = touchpoint_ids(one_line(cell.content), f"touchpoint-{count + j + 1}")
                touchpoints.append(self._touchpoint(cell, ("stages", i, "touchpoints", j), tp_id))
            count += len(touchpoints)
            if before:
                touchpoints[0]["description"] += " Before it, with no customer-facing cell: "
                touchpoints[0]["description"] += " ".join(before)
                before = []
            title = one_line(step.name) or step.key
            stage_id = stage_ids(step.key, f"step-{n}")
            stages.append({"id": stage_id, "title": title, "touchpoints": touchpoints})
            self.result.origin[("stages", i)] = self.place(step.at)
            last = touchpoints[-1]
        _then(last, folded)
        self._header(skipped, empty)
        return stages

    def _touchpoint(self, cell: Cell, at: tuple[Any, ...], tp_id: str) -> dict[str, Any]:
        view, notes = self.view, self.result.notes
        kind, step = view.kind(cell), view.steps[cell.step]
        tech = kind.kind == lanes.TECH
        title = "; ".join(lanes.items(cell)) if tech else one_line(cell.content)
        said = [
            f"from the {view.lane(cell)} cell at {one_line(step.name)} ({cell.lane} × {step.key})"
        ]
        said += [f"owner in the blueprint: {cell.owner}"] * bool(cell.owner)
        said += [f"the customer thinks it is {cell.perceived_owner}"] * bool(cell.perceived_owner)
        said += ["the blueprint marks it needs_review"] * cell.needs_review
        notes[(*at, "title")] = "; ".join(said)
        self.result.origin[at] = self.place(cell.at)
        self.result.todo[at] = todo_signals()
        channel = view.channel(cell)
        touchpoint: dict[str, Any] = {"id": tp_id, "title": title or tp_id}
        touchpoint["channel"] = channel.value if channel else "other"
        notes[(*at, "channel")] = (
            f"guessed {channel.why}" if channel else "TODO: the blueprint does not say the channel"
        )
        handled = view.handler(cell, channel.value if channel else None)
        touchpoint["handled_by"], why = handled.value, f"guessed {handled.why}"
        words = lanes.words(f"{cell.content} {cell.form}")
        form = sorted(words & FORM_WORDS)
        if tech and words & NOTICE_WORDS:
            touchpoint["interaction"] = "notification"
            notes[(*at, "interaction")] = "guessed: a frontstage system sends it (no customer cell)"
            if handled.value == "self-service":
                touchpoint["handled_by"], why = "ai", f"{why}; a system sends it"
        elif kind.kind == lanes.CUSTOMER and touchpoint["channel"] in ("web", "app") and form:
            touchpoint["interaction"] = "form"
            notes[(*at, "interaction")] = f"guessed from {', '.join(form)} in the cell"
        notes[(*at, "handled_by")] = why
        touchpoint["description"] = self._described(cell)
        self.made[(cell.lane, cell.step)] = (at, touchpoint)
        self.at_step.setdefault(cell.step, []).append((at, touchpoint))
        return touchpoint

    def _described(self, cell: Cell) -> str:
        """The cell's own text, then what the blueprint links to it, for the analyst."""
        parts = [one_line(cell.description)]
        parts += [f"Function: {one_line(cell.function)}"] * bool(cell.function)
        parts += [f"Form: {one_line(cell.form)}"] * bool(cell.form)
        parts += [f"Value: {'; '.join(one_line(v) for v in cell.values)}"] * bool(cell.values)
        here = (cell.lane, cell.step)
        for said, refs in (("Leads to", self.view.leads), ("Follows", self.view.follows)):
            found = refs.get(here, [])
            listed = "; ".join(self.view.name(ref) for ref in found[:MAX_SAID])
            more = f"; and {len(found) - MAX_SAID} more" if len(found) > MAX_SAID else ""
            parts += [f"{said} {listed}{more}"] * bool(found)
        parts.append(self.view.said(self.view.steps[cell.step], "Same step", but=cell))
        text = " ".join(p if p.endswith((".", "!", "?", "。")) else f"{p}." for p in parts if p)
        return text or one_line(cell.content)

    def _decisions(self) -> None:
        """``decided_by`` where a step's words say a decision is taken there, from who works at
        it: on the step's own touchpoints, else on each touchpoint whose cell triggers it."""
        for step in self.path.steps:
            word, found = self.view.decision(step)
            if found is None:
                continue
            own = self.at_step.get(step.key, [])
            into = self.view.into.get(step.key, ())
            starts = [self.made[s] for s in into if s in self.made and s[1] != step.key]
            how = "at this step" if own else f"at {one_line(step.name)}, which this cell triggers"
            for at, touchpoint in own or starts:
                if "decided_by" not in touchpoint:
                    touchpoint["decided_by"] = found.value
                    note = f"guessed: {word!r} says a decision is taken {how}; {found.why}"
                    self.result.notes[(*at, "decided_by")] = note

    def _escalations(self) -> None:
        """An escalation where a trigger leads from a bot's or the customer's own step to a
        cell of people at a step whose touchpoint people handle."""
        for t in self.path.triggers:
            source, lane = self.made.get(t.source), self.view.lanes.get(t.target[0])
            if source is None or lane is None or self.view.kinds[lane.key].kind != lanes.PEOPLE:
                continue
            at, touchpoint = source
            if touchpoint["handled_by"] not in ("ai", "self-service") or "escalation" in touchpoint:
                continue
            for _, other in self.at_step.get(t.target[1], ()):
                if other is not touchpoint and other["handled_by"] in ("human", "hybrid"):
                    touchpoint["escalation"] = {"to": other["id"]}
                    note = f"guessed from the trigger to {self.view.name(t.target)}; add triggers"
                    self.result.notes[(*at, "escalation", "to")] = note
                    break

    def _header(self, skipped: list[str], empty: list[str]) -> None:
        path, header = self.path, self.result.header
        label = f", {path.label!r}" if path.label else ""
        header += [
            f"Imported by stakes import blueprint from the path {path.key!r} at "
            f"{self.file}:{self.result.line} ({path.context}; {path.kind or 'path'}{label}).",
            "Each touchpoint is unassessed until its signals say what is at stake; lint lists "
            "them.",
            "Stages are the path's steps; touchpoints the customer's cells (else a frontstage "
            "one).",
            "Values marked 'guessed' were read from the blueprint's words and lanes: check them.",
        ]
        if skipped:
            header.append(
                "Steps with no customer-facing cell are not stages; what their lanes say is in "
                f"the description of the touchpoint before them (else the first): "
                f"{', '.join(skipped)}."
            )
        if empty:
            header.append(f"Steps with nothing on this path: {', '.join(empty)}.")
        for lane in path.lanes:
            if why := self.view.kinds[lane.key].why:
                header.append(f"The lane {one_line(lane.name)} ({lane.key}) has {why}.")
        if self.fallbacks:
            language = self.options.language
            header.append(f"Text with no {language} was read in {', '.join(self.fallbacks)}.")
        if not self.options.owner:
            header.append("TODO: add owner: the team accountable for this journey.")


def _then(last: dict[str, Any] | None, folded: list[str]) -> None:
    """Add what the steps with no stage since ``last`` say to its description."""
    if last is not None and folded:
        last["description"] += f" Then, with no customer-facing cell: {' '.join(folded)}"
        folded.clear()


def _ordered(touchpoint: dict[str, Any]) -> dict[str, Any]:
    keys = [*(k for k in ORDER if k in touchpoint), *(k for k in touchpoint if k not in ORDER)]
    return {k: touchpoint[k] for k in keys}
