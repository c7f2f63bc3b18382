"""A service blueprint's IR (the JSON of BilLogic's agentic-service-blueprinting) read into
plain records: lifecycle → phases → scenarios → paths, each path with its steps in its own
order, its lanes (``layers``) top to bottom, its cells (lane × step) and its triggers (cell →
cell). Text is bilingual (``{"en": ..., "zh": ...}``): each is read in the language asked
for, else another it has (``fallbacks`` says which were used).

A value of the wrong type is a problem at its JSON path, and the item it is in is left out
(a cell, a path); keys the importer does not read are ignored. Later versions of the IR
renamed some keys (``service``, ``lanes``, ``lane``, ``dependencies``, ``summary``, ``kind``):
both names are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stakes.interchange.blueprint_json import JsonPath, Skip, Values


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    name: str
    words: str  # the key and the name in every language, for what the step is about
    at: JsonPath


@dataclass(frozen=True, slots=True)
class Lane:
    key: str
    name: str
    role: str | None
    row: float
    words: str  # the key and the name in every language
    staffed: bool  # the lane lists KPIs or tools: what a person in it is measured on, uses


@dataclass(frozen=True, slots=True)
class Cell:
    lane: str
    step: str
    content: str
    description: str = ""
    function: str = ""
    form: str = ""
    owner: str = ""
    perceived_owner: str = ""
    values: tuple[str, ...] = ()
    needs_review: bool = False
    at: JsonPath = ()


@dataclass(frozen=True, slots=True)
class Trigger:
    source: tuple[str, str]  # (lane, step)
    target: tuple[str, str]


@dataclass(slots=True)
class Path:
    key: str
    name: str
    description: str
    kind: str
    label: str
    steps: list[Step]
    lanes: list[Lane]
    cells: list[Cell]
    triggers: list[Trigger]
    at: JsonPath
    scenario: tuple[str, str] = ("", "")  # key, name
    lifecycle: str = ""  # its key
    context: str = ""  # lifecycle > phase > scenario, by name


class Reader(Values):
    """Reads an IR's paths in ``language``, recording each problem by its JSON path."""

    def paths(self, data: Any) -> list[Path]:
        """Every path of every scenario, in the order the IR lists them."""
        found: list[Path] = []
        try:
            top = self._object(data, (), "the blueprint IR: lifecycle → phases → scenarios")
            locales = top.get("locales")
            if isinstance(locales, list):
                self.locales = tuple(x for x in locales if isinstance(x, str))
            key, at = self._key(top, "lifecycle", ())
            life = self._object(top.get(key), at, "an object with phases")
            life_key = self._word(life, "key", at)
            life_name = self.text(life, "name", at) or life_key
            phases = self._items(life, "phases", at, required=True)
        except Skip:
            return found
        for p_at, phase in phases:
            phase_name = self.text(phase, "name", p_at) or self._word(phase, "key", p_at)
            context = " > ".join(x for x in (life_name, phase_name) if x)
            try:
                scenarios = self._items(phase, "scenarios", p_at, required=True)
            except Skip:
                continue
            for s_at, scenario in scenarios:
                try:
                    found.extend(self._scenario(scenario, s_at, context, life_key))
                except Skip:
                    continue
        return found

    def _scenario(
        self, scenario: dict[str, Any], at: JsonPath, context: str, life_key: str
    ) -> list[Path]:
        key = self._word(scenario, "key", at)
        name = self.text(scenario, "name", at) or key
        steps: dict[str, Step] = {}
        for s_at, step in self._items(scenario, "steps", at):
            try:
                step_key = self._word(step, "key", s_at, required=True)
            except Skip:
                continue
            step_name = self.text(step, "name", s_at)
            words = " ".join([step_key, *self._every(step.get("name"))])
            steps.setdefault(step_key, Step(step_key, step_name or step_key, words, s_at))
        staffed = set()  # a lane's KPIs or tools on one path say who works in it on every path
        raw_paths = self._items(scenario, "paths", at, required=True)
        for _, path in raw_paths:
            found_lanes = path.get(self._key(path, "layers", at)[0])
            for lane in found_lanes if isinstance(found_lanes, list) else ():
                lists = isinstance(lane, dict) and (lane.get("kpis") or lane.get("tools"))
                if lists and isinstance(lane.get("key"), str):
                    staffed.add(lane["key"])
        found = []
        for p_at, path in raw_paths:
            try:
                made = self._path(path, p_at, steps, staffed)
            except Skip:
                continue
            made.scenario, made.lifecycle = (key, name), life_key
            made.context = f"{context} > {name}" if context else name
            found.append(made)
        return found

    def _path(
        self, path: dict[str, Any], at: JsonPath, steps: dict[str, Step], staffed: set[Any]
    ) -> Path:
        key = self._word(path, "key", at, required=True)
        order = []
        s_key, s_at = self._key(path, "path_steps", at)
        for i, step in enumerate(self._list(path.get(s_key), s_at, required=True)):
            if not isinstance(step, str):
                self.problems.append(((*s_at, i), "not a step key (text)"))
                raise Skip
            if step not in steps:
                steps[step] = Step(step, step, step, (*s_at, i))  # named by its key alone
            order.append(steps[step])
        lanes = []
        for l_at, lane in self._items(path, "layers", at, required=True):
            try:
                lane_key = self._word(lane, "key", l_at, required=True)
            except Skip:
                continue
            role = lane.get("role")
            if role is not None and not isinstance(role, str):
                self.problems.append(((*l_at, "role"), "not a role (text or null)"))
                role = None
            row = lane.get("row")
            words = " ".join([lane_key, *self._every(lane.get("display_name"))])
            lanes.append(
                Lane(
                    lane_key,
                    self.text(lane, "display_name", l_at) or lane_key,
                    role,
                    row if isinstance(row, int | float) and not isinstance(row, bool) else 0,
                    words,
                    lane_key in staffed,
                )
            )
        lanes.sort(key=lambda lane: lane.row)
        known_lanes, known_steps = {lane.key for lane in lanes}, {s.key for s in order}
        cells = []
        for c_at, cell in self._items(path, "cells", at, required=True):
            try:
                cells.append(self._cell(cell, c_at, known_lanes, known_steps))
            except Skip:
                continue
        triggers = []
        for t_at, trigger in self._items(path, "triggers", at):
            try:
                ends = [self._ref(trigger, end, t_at) for end in ("source", "target")]
            except Skip:
                continue
            triggers.append(Trigger(ends[0], ends[1]))
        return Path(
            key,
            self.text(path, "name", at) or key,
            " ".join(
                x for x in (self.text(path, "description", at), self.text(path, "note", at)) if x
            ),
            self._word(path, "path_type", at),
            self.text(path, "variant_label", at),
            order,
            lanes,
            cells,
            triggers,
            at,
        )

    def _cell(self, cell: dict[str, Any], at: JsonPath, lanes: set[str], steps: set[str]) -> Cell:
        lane_key, _ = self._key(cell, "layer", at)
        lane, step = (
            self._word(cell, lane_key, at, required=True),
            self._word(cell, "step", at, required=True),
        )
        if lane not in lanes:
            self.problems.append(((*at, lane_key), f"no lane {lane!r} on this path (layers)"))
            raise Skip
        if step not in steps:
            self.problems.append(((*at, "step"), f"step {step!r} is not in this path's path_steps"))
            raise Skip
        values = []
        for v_at, value in self._items(cell, "value_props", at):
            said, who = self._word(value, "value", v_at), self._word(value, "for", v_at)
            if said:
                values.append(f"{said} ({who})" if who else said)
        return Cell(
            lane,
            step,
            self.text(cell, "content", at),
            self.text(cell, "description", at),
            self._word(cell, "function", at),
            self._word(cell, "form", at),
            self._word(cell, "owner", at),
            self._word(cell, "perceived_owner", at),
            tuple(values),
            cell.get("needs_review") is True,
            at,
        )

    def _ref(self, trigger: dict[str, Any], end: str, at: JsonPath) -> tuple[str, str]:
        ref = self._object(trigger.get(end), (*at, end), "a cell reference {layer, step}")
        lane_key, _ = self._key(ref, "layer", (*at, end))
        return (
            self._word(ref, lane_key, (*at, end), required=True),
            self._word(ref, "step", (*at, end), required=True),
        )
