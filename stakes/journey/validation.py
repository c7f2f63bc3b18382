"""Plain data -> a Journey, with every model error turned into a finding at its line and column."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from stakes.findings import Finding, Rule, finding, format_path
from stakes.journey import format_rules as R
from stakes.journey.model import TARGET, Journey
from stakes.journey.signals import DEFAULT_EMOTIONS, SLUG

M = TypeVar("M", bound=BaseModel)
_SLUG_RE = re.compile(SLUG)
_PATTERNS = {
    SLUG: "a slug (lower-case letters, digits and hyphens, e.g. 'invoice-faq')",
    TARGET: "a touchpoint id, or 'other-journey#touchpoint-id'",
}
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "a mapping",
    tuple: "a list",
    type(None): "nothing",
}


class Positions(Protocol):
    """Anything that can say where a data path is in its file (the loader's SourceMap)."""

    def position(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]: ...


def validate(
    data: dict[str, Any],
    file: str,
    positions: Positions,
    emotions: Sequence[str] = DEFAULT_EMOTIONS,
) -> tuple[Journey | None, list[Finding]]:
    """The journey in ``data`` (None when invalid) and every problem found in it."""
    journey, report = _validate(Journey, data, file, positions)
    report.ids_and_targets()
    report.emotions(emotions)
    return journey, report.findings


def validate_model(
    model: type[M], data: dict[str, Any], file: str, positions: Positions
) -> tuple[M | None, list[Finding]]:
    """``data`` validated as ``model`` (None when invalid), each error a finding at its position."""
    instance, report = _validate(model, data, file, positions)
    return instance, report.findings


def _validate(
    model: type[M], data: dict[str, Any], file: str, positions: Positions
) -> tuple[M | None, _Reporter]:
    report = _Reporter(file, positions, data, model)
    try:
        return model.model_validate(data), report
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            report.model_error(error)
    return None, report


class _Reporter:
    def __init__(
        self,
        file: str,
        positions: Positions,
        data: dict[str, Any],
        root: type[BaseModel] = Journey,
    ) -> None:
        self.file = file
        self.positions = positions
        self.data = data
        self.root = root
        self.findings: list[Finding] = []
        slug = data.get("journey")
        self.journey = slug if isinstance(slug, str) else ""

    def add(
        self, rule: Rule, path: Sequence[str | int], message: str, hint: str = "", key: bool = False
    ) -> None:
        line, col = self.positions.position(path, key)
        where = format_path(path)
        self.findings.append(
            finding(
                rule,
                f"{where}: {message}" if where else message,
                self.file,
                line,
                col,
                path=where,
                subject=self.subject(path),
                hint=hint,
            )
        )

    def subject(self, path: Sequence[str | int]) -> str:
        """``journey/touchpoint`` for paths inside a touchpoint, else the journey slug."""
        if len(path) >= 4 and path[0] == "stages" and path[2] == "touchpoints":
            tp = _get(self.data, path[:4])
            if isinstance(tp, dict) and isinstance(tp.get("id"), str):
                return f"{self.journey}/{tp['id']}"
        return self.journey

    def model_error(self, error: Any) -> None:
        loc: tuple[str | int, ...] = tuple(error["loc"])
        kind: str = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            name = str(loc[-1])
            allowed = _fields_at(self.root, loc[:-1])
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(allowed)
            self.add(R.UNKNOWN_KEY, loc, f"unknown key {name!r}", hint, key=True)
        elif kind == "missing":
            parent = loc[:-1]
            self.add(R.MISSING_KEY, parent, f"missing required key {loc[-1]!r}")
        elif kind in ("literal_error", "enum"):
            allowed = _choices(error)
            close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
            self.add(
                R.INVALID_CHOICE,
                loc,
                f"{value!r} is not allowed; use one of: {', '.join(allowed)}",
                f"did you mean {close[0]!r}?" if close else "",
            )
        elif kind == "string_pattern_mismatch":
            pattern = error.get("ctx", {}).get("pattern", "")
            expected = _PATTERNS.get(pattern, f"text matching {pattern}")
            rule = R.INVALID_SLUG if pattern in _PATTERNS else R.INVALID_CHOICE
            suggestion = _slugify(str(value))
            hint = f"try {suggestion!r}" if pattern == SLUG and suggestion else ""
            self.add(rule, loc, f"{value!r} is not {expected}", hint)
        elif kind == "too_short" and _get(self.data, loc):
            return  # pydantic counts only the items that validated; those are reported already
        elif kind in ("greater_than_equal", "less_than_equal", "too_short", "string_too_short"):
            self.add(R.OUT_OF_RANGE, loc, _range_message(kind, value, error.get("ctx", {})))
        elif kind == "string_too_long":
            self.add(R.OUT_OF_RANGE, loc, f"is longer than {error['ctx']['max_length']} characters")
        else:
            expected = _expected(kind, error["msg"])
            hint = "quote it to make it text" if expected == "text" and value is not None else ""
            self.add(R.WRONG_TYPE, loc, f"expected {expected}, found {_describe(value)}", hint)

    def ids_and_targets(self) -> None:
        """Duplicate stage and touchpoint ids, and escalation targets inside this journey."""
        stage_ids: dict[str, int] = {}
        tp_ids: dict[str, tuple[str | int, ...]] = {}
        escalations: list[tuple[tuple[str | int, ...], str]] = []
        for path, tp in _touchpoints(self.data):
            target = _get(tp, ("escalation", "to"))
            if isinstance(target, str) and re.fullmatch(TARGET, target):
                escalations.append(((*path, "escalation", "to"), target))
        for i, stage in _items(self.data.get("stages")):
            sid = stage.get("id") if isinstance(stage, dict) else None
            if isinstance(sid, str):
                if sid in stage_ids:
                    self.add(
                        R.DUPLICATE_ID,
                        ("stages", i, "id"),
                        f"stage id {sid!r} is already used by stages[{stage_ids[sid]}]",
                    )
                stage_ids.setdefault(sid, i)
        for path, tp in _touchpoints(self.data):
            tid = tp.get("id")
            if isinstance(tid, str):
                if tid in tp_ids:
                    self.add(
                        R.DUPLICATE_ID,
                        (*path, "id"),
                        f"touchpoint id {tid!r} is already used by {format_path(tp_ids[tid])}",
                        "touchpoint ids are unique across all stages of a journey",
                    )
                tp_ids.setdefault(tid, path)
        for path, target in escalations:
            if "#" not in target and target not in tp_ids:
                close = difflib.get_close_matches(target, list(tp_ids), n=1, cutoff=0.6)
                self.add(
                    R.UNKNOWN_TARGET,
                    path,
                    f"escalation target {target!r} is not a touchpoint of this journey",
                    f"did you mean {close[0]!r}?" if close else "",
                )
            elif target.startswith(f"{self.journey}#") and target.split("#")[1] not in tp_ids:
                self.add(
                    R.UNKNOWN_TARGET,
                    path,
                    f"escalation target {target!r} is not a touchpoint of this journey",
                )

    def emotions(self, known: Sequence[str]) -> None:
        """Emotions the policy does not know."""
        for path, tp in _touchpoints(self.data):
            emotion = _get(tp, ("signals", "emotion"))
            if isinstance(emotion, str) and _SLUG_RE.match(emotion) and emotion not in known:
                close = difflib.get_close_matches(emotion, known, n=1, cutoff=0.6)
                self.add(
                    R.UNKNOWN_EMOTION,
                    (*path, "signals", "emotion"),
                    f"{emotion!r} is not an emotion of the policy; use one of: {', '.join(known)}",
                    f"did you mean {close[0]!r}?" if close else "",
                )


def subject_of(data: Any, path: Sequence[str | int]) -> str:
    """``journey/touchpoint`` (or the journey slug) that a data path in ``data`` concerns."""
    return _Reporter("", _NoPositions(), data).subject(path) if isinstance(data, dict) else ""


class _NoPositions:
    def position(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        return 0, 0


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, tuple) else iter(())


def _touchpoints(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    for i, stage in _items(data.get("stages")):
        if isinstance(stage, dict):
            for j, tp in _items(stage.get("touchpoints")):
                if isinstance(tp, dict):
                    yield ("stages", i, "touchpoints", j), tp


def _get(value: Any, path: Iterable[str | int]) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(value, tuple) and 0 <= part < len(value):
            value = value[part]
        elif isinstance(part, str) and isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``."""
    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        nested = _find_model(info.annotation)
        if nested is None:
            return None
        model = nested
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _fields_at(root: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    model = _model_at(root, loc)
    return list(model.model_fields) if model else []


def _choices(error: Any) -> list[str]:
    expected = error.get("ctx", {}).get("expected", "")
    return re.findall(r"'([^']*)'", expected)


def _range_message(kind: str, value: Any, ctx: dict[str, Any]) -> str:
    if kind == "greater_than_equal":
        return f"{value!r} is below the minimum {ctx['ge']}"
    if kind == "less_than_equal":
        return f"{value!r} is above the maximum {ctx['le']}"
    return "must not be empty"


def _expected(kind: str, msg: str) -> str:
    names = {
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "tuple_type": "a list",
        "model_type": "a mapping",
        "dict_type": "a mapping",
        "date_type": "a date (YYYY-MM-DD)",
        "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
        "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
        "date_parsing": "a date (YYYY-MM-DD)",
        "int_from_float": "a whole number",
        "finite_number": "a finite number",
    }
    return names.get(kind, msg[0].lower() + msg[1:] if msg else kind)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, dict | tuple):
        return name
    text = repr(value) if not isinstance(value, str) else repr(value[:60])
    return f"{name} {text}"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Reference:
    """An escalation into another journey, with where it is written."""

    target: str
    path: str
    line: int
    col: int
    subject: str


@dataclass(frozen=True, slots=True)
class Outline:
    """What cross-file checks need of one file, small enough to keep for thousands of files."""

    file: str
    journey: str
    touchpoints: frozenset[str]
    references: tuple[Reference, ...]
    line: int
    col: int


def outline(data: dict[str, Any], file: str, positions: Positions) -> Outline | None:
    """The slug, touchpoint ids and cross-journey escalations of one file's data."""
    slug = data.get("journey")
    if not isinstance(slug, str):
        return None
    report = _Reporter(file, positions, data)
    ids = frozenset(tp["id"] for _, tp in _touchpoints(data) if isinstance(tp.get("id"), str))
    refs = []
    for path, tp in _touchpoints(data):
        target = _get(tp, ("escalation", "to"))
        if isinstance(target, str) and "#" in target and not target.startswith(f"{slug}#"):
            where = (*path, "escalation", "to")
            line, col = positions.position(where)
            refs.append(Reference(target, format_path(where), line, col, report.subject(where)))
    line, col = positions.position(("journey",))
    return Outline(file, slug, ids, tuple(refs), line, col)


def check_portfolio(outlines: Iterable[Outline]) -> list[Finding]:
    """Findings across files: duplicate journey slugs and cross-journey escalation targets."""
    first: dict[str, Outline] = {}
    findings: list[Finding] = []
    entries = list(outlines)
    for o in entries:
        if o.journey in first:
            findings.append(
                finding(
                    R.DUPLICATE_JOURNEY,
                    f"journey {o.journey!r} is already declared in {first[o.journey].file}",
                    o.file,
                    o.line,
                    o.col,
                    path="journey",
                    subject=o.journey,
                )
            )
        first.setdefault(o.journey, o)
    for o in entries:
        for ref in o.references:
            other, _, tid = ref.target.partition("#")
            if other not in first:
                rule = R.UNRESOLVED_JOURNEY
                message = f"journey {other!r} is not among the files checked; target not verified"
                hint = "check the whole folder, e.g. stakes lint journeys/"
            elif tid not in first[other].touchpoints:
                close = difflib.get_close_matches(tid, sorted(first[other].touchpoints), n=1)
                rule = R.UNKNOWN_TARGET
                message = f"escalation target {ref.target!r}: journey {other!r} has no touchpoint"
                message += f" {tid!r}"
                hint = f"did you mean '{other}#{close[0]}'?" if close else ""
            else:
                continue
            findings.append(
                finding(
                    rule,
                    f"{ref.path}: {message}",
                    o.file,
                    ref.line,
                    ref.col,
                    path=ref.path,
                    subject=ref.subject,
                    hint=hint,
                )
            )
    return findings
