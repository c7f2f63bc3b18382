"""The spreadsheet layout of journeys: one row per touchpoint, a column per field, declared
from the journey model itself so that a field added to the format is a column at once.

Columns are named after the field (``channel``, ``handled_by``), a signal's name
(``emotion``), or the field of a nested mapping joined with ``_`` (``escalation_to``,
``data_use_purposes``, ``evidence_category``). A journey, stage and touchpoint are written by
title (``journey``, ``stage``, ``touchpoint``) and id (``journey_id``, ``stage_id``,
``touchpoint_id``); the journey's other fields are repeated on each of its rows.

A cell holds a value as people type it: ``true``/``false``, a number, a word, a list as
``a; b``. What that cannot say exactly (text with a ``;`` in a list, a mapping, text with
blanks at its ends or that starts with ``[``, ``{`` or ``"``) is written as JSON, which is
read back as JSON. A cell that a spreadsheet would run as a formula starts with ``'``, which
is dropped when read.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union

from stakes.journey.model import Journey, Stage, Touchpoint
from stakes.journey.signals import Signals

#: Where a column's value lives: the journey, the stage or the touchpoint, and the path in it.
Level = Literal["journey", "stage", "touchpoint"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, where its value goes (``level`` and the data ``path`` there),
    what it holds (``kind``: text, bool, int, number, date, choice, list, text-or-list,
    text-or-mapping) and, for a choice or a list of choices, the values allowed."""

    name: str
    level: Level
    path: tuple[str, ...]
    kind: str
    choices: tuple[str, ...] = ()
    choice_key: str = ""  # the key whose words map a value people write (``WORDS``)


def _unwrap(annotation: Any) -> Any:
    """The type under ``Optional``/``Annotated``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _kind(annotation: Any) -> tuple[str, tuple[str, ...]]:
    """A field's kind and allowed values, from its annotation."""
    inner = _unwrap(annotation)
    origin = typing.get_origin(inner)
    if origin is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(inner))
    if origin is tuple:
        item, _ = _kind(typing.get_args(inner)[0])
        values = _kind(typing.get_args(inner)[0])[1]
        return "list", values if item == "choice" else ()
    if origin in (Union, types.UnionType):
        kinds = {_kind(a)[0] for a in typing.get_args(inner) if a is not type(None)}
        return ("text-or-mapping" if "mapping" in kinds else "text-or-list"), ()
    if origin is dict or inner is dict:
        return "mapping", ()
    simple = {bool: "bool", int: "int", float: "number", dt.date: "date"}
    return simple.get(inner, "text"), ()


def _model(annotation: Any) -> Any:
    """The model class under an annotation (a class with ``model_fields``), or None."""
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and hasattr(inner, "model_fields") else None


def _fields(model: Any, level: Level, prefix: str, path: tuple[str, ...]) -> list[Column]:
    out: list[Column] = []
    for name, info in model.model_fields.items():
        nested = _model(info.annotation)
        inner_type = _unwrap(info.annotation)
        if typing.get_origin(inner_type) is tuple and _model(typing.get_args(inner_type)[0]):
            continue  # stages and touchpoints are the rows themselves
        here = (*path, name)
        if nested is not None:
            # Signals are named as they are known (emotion); evidence.match is evidence_*.
            inner = "" if nested is Signals else prefix if name == "match" else f"{prefix}{name}_"
            out.extend(_fields(nested, level, inner, here))
            continue
        kind, choices = _kind(info.annotation)
        out.append(Column(f"{prefix}{name}", level, here, kind, choices, name))
    return out


@cache
def columns() -> tuple[Column, ...]:
    """Every column of the layout, in its order: the journey, the stage, the touchpoint."""
    named = {("journey", "journey"): "journey_id", ("journey", "title"): "journey"}
    named |= {("stage", "id"): "stage_id", ("stage", "title"): "stage"}
    named |= {("touchpoint", "id"): "touchpoint_id", ("touchpoint", "title"): "touchpoint"}
    out: list[Column] = []
    for model, level in ((Journey, "journey"), (Stage, "stage"), (Touchpoint, "touchpoint")):
        for column in _fields(model, level, "", ()):  # type: ignore[arg-type]
            name = named.get((level, column.path[0])) if len(column.path) == 1 else None
            if name is None and level == "journey" and column.name in ("owner", "persona"):
                name = f"journey_{column.name}"
            if name is None and level == "journey" and column.name == "description":
                name = "journey_description"
            out.append(_renamed(column, name) if name else column)
    return tuple(out)


def _renamed(column: Column, name: str) -> Column:
    return Column(name, column.level, column.path, column.kind, column.choices, column.choice_key)


def header() -> tuple[str, ...]:
    return tuple(c.name for c in columns())


# Writing ------------------------------------------------------------------------------------


def rows(journey: Journey) -> list[dict[str, str]]:
    """The journey as rows, one per touchpoint: each field it sets, as a cell."""
    top = _cells(journey.model_dump(mode="json", exclude_unset=True), "journey")
    top.setdefault("journey_id", journey.journey)
    out = []
    for stage in journey.stages:
        here = top | _cells(stage.model_dump(mode="json", exclude_unset=True), "stage")
        for tp in stage.touchpoints:
            out.append(here | _cells(tp.model_dump(mode="json", exclude_unset=True), "touchpoint"))
    return out


def _cells(data: dict[str, Any], level: Level) -> dict[str, str]:
    out = {}
    for column in columns():
        if column.level != level:
            continue
        value: Any = data
        for part in column.path:
            if not isinstance(value, dict) or part not in value:
                break
            value = value[part]
        else:
            out[column.name] = cell(value)
    return out


def cell(value: Any) -> str:
    """A value as a cell (see the module's docstring)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, str):
        exact = value == value.strip() and not value.startswith(("[", "{", '"'))
        text = value if exact else json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list | tuple):
        plain = all(isinstance(v, str) and v and _plain_item(v) for v in value)
        text = "; ".join(value) if plain and value else json.dumps(value, ensure_ascii=False)
    else:
        text = json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(_FORMULA) else text


def _plain_item(value: str) -> bool:
    return ";" not in value and value == value.strip() and not value.startswith(("[", "{", '"'))
