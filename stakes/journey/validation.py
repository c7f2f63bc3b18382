"""Plain data -> a Journey, with every model error turned into a finding at its line and column."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from stakes.findings import Finding, Rule, finding, format_path
from stakes.journey import format_rules as R
from stakes.journey import meaning
from stakes.journey.data_use import RETENTION, UNION_TAGS
from stakes.journey.loader.limits import MAX_FINDINGS
from stakes.journey.model import TARGET, Journey
from stakes.journey.plain import Positions, get, items, subject_of, touchpoints
from stakes.journey.references import ids_and_targets
from stakes.journey.signals import DEFAULT_EMOTIONS, SLUG
from stakes.journey.values import CURRENCY, KNOWN_TRIGGERS

M = TypeVar("M", bound=BaseModel)
_SLUG_RE = re.compile(SLUG)
_PATTERNS = {
    SLUG: "a slug (lower-case letters, digits and hyphens, e.g. 'invoice-faq')",
    TARGET: "a touchpoint id, or 'other-journey#touchpoint-id'",
    CURRENCY: "a currency code: three capital letters, e.g. 'EUR'",
    RETENTION: "a retention period in days, weeks or years, e.g. '30d', '12w' or '7y'",
}
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
_TYPE_NAMES |= {dict: "a mapping", tuple: "a list", type(None): "nothing"}


def validate(
    data: dict[str, Any],
    file: str,
    positions: Positions,
    emotions: Sequence[str] = DEFAULT_EMOTIONS,
    triggers: Sequence[str] = KNOWN_TRIGGERS,
) -> tuple[Journey | None, list[Finding], int]:
    """The journey in ``data`` (None when invalid), the problems found in it, and how many
    more were left unlisted (past MAX_FINDINGS, see ``capped``)."""
    journey, report = _validate(Journey, data, file, positions)
    ids_and_targets(report.data, report.journey, report.add)
    report.emotions(emotions)
    report.triggers(triggers)
    return journey, report.findings, report.unlisted


def validate_model(
    model: type[M], data: dict[str, Any], file: str, positions: Positions
) -> tuple[M | None, list[Finding]]:
    """``data`` validated as ``model`` (None when invalid), each error a finding at its position."""
    instance, report = _validate(model, data, file, positions)
    return instance, capped(report.findings, file, report.unlisted)


def _validate(
    model: type[M], data: dict[str, Any], file: str, positions: Positions
) -> tuple[M | None, Reporter]:
    report = Reporter(file, positions, data, model)
    try:
        return model.model_validate(data), report
    except ValidationError as exc:
        errors = meaning.misspelt_keys([dict(e) for e in exc.errors(include_url=False)])
        for error in errors[: MAX_FINDINGS + 1]:
            report.model_error(error)
        report.unlisted = len(errors) - min(len(errors), MAX_FINDINGS + 1)
    return None, report


def capped(findings: list[Finding], file: str, unlisted: int = 0) -> list[Finding]:
    """At most MAX_FINDINGS of one file's sorted findings, then one that counts the rest (and
    ``unlisted`` more, never turned into findings) at the first of them."""
    if len(findings) <= MAX_FINDINGS and not unlisted:
        return findings
    listed = findings[:MAX_FINDINGS]
    rest = len(findings) - len(listed) + unlisted
    first = findings[len(listed)] if len(findings) > len(listed) else listed[-1]
    return [
        *listed,
        finding(
            R.LIMIT_EXCEEDED,
            f"{rest:,} more problems in this file are not listed (at most {MAX_FINDINGS:,} "
            "per file); fix these first",
            file,
            first.line,
            first.col,
        ),
    ]


class Reporter:
    """Turns problems in one file's data into findings at their positions."""

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
        self.unlisted = 0  # model errors past MAX_FINDINGS, counted and not turned into findings
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
        return subject_of(self.data, path)

    def model_error(self, error: Any) -> None:
        loc: tuple[str | int, ...] = tuple(p for p in error["loc"] if p not in UNION_TAGS)
        kind: str = error["type"]
        value = error.get("input")
        at_key = bool(loc) and loc[-1] == "[key]"  # a mapping's key that is not allowed
        loc = loc[:-1] if at_key else loc
        if kind == "extra_forbidden":
            name = str(loc[-1])
            allowed = _fields_at(self.root, loc[:-1])
            meant = error.get("meant")
            hint = f"did you mean {meant!r}?" if meant else meaning.key_meant(name, allowed)
            said = f"unknown key {name!r}"
            if "meant" in error:
                said += f", and the required key {error['meant']!r} is missing"
            self.add(R.UNKNOWN_KEY, loc, said, hint, key=True)
        elif kind == "missing":
            parent = loc[:-1]
            self.add(R.MISSING_KEY, parent, f"missing required key {loc[-1]!r}")
        elif kind in ("literal_error", "enum"):
            allowed = _choices(error)
            meant = meaning.choice(meaning.key_of(loc), value, allowed, cutoff=0.5)
            self.add(
                R.INVALID_CHOICE,
                loc,
                f"{meaning.word(value) if isinstance(value, bool) else repr(value)} is not "
                f"allowed; use one of: {', '.join(allowed)}",
                f"did you mean {meant!r}?" if meant else "",
                key=at_key,
            )
        elif kind == "string_pattern_mismatch":
            pattern = error.get("ctx", {}).get("pattern", "")
            expected = _PATTERNS.get(pattern, f"text matching {pattern}")
            rule = R.INVALID_SLUG if pattern in (SLUG, TARGET) else R.INVALID_CHOICE
            hint = meaning.pattern_hint(pattern, str(value))
            self.add(rule, loc, f"{value!r} is not {expected}", hint)
        elif kind == "too_short" and get(self.data, loc):
            return  # pydantic counts only the items that validated; those are reported already
        elif kind in ("greater_than_equal", "less_than_equal", "too_short", "string_too_short"):
            hint = meaning.share_hint(value) if meaning.key_of(loc) == "repeat_contact_rate" else ""
            self.add(R.OUT_OF_RANGE, loc, _range_message(kind, value, error.get("ctx", {})), hint)
        elif kind == "finite_number":
            spelled = ".nan" if value != value else ("-.inf" if value < 0 else ".inf")
            self.add(R.OUT_OF_RANGE, loc, f"must be a finite number, not {spelled}")
        elif kind == "value_error":
            self.add(R.OUT_OF_RANGE, loc, str(error["msg"]).removeprefix("Value error, "))
        elif kind == "string_too_long":
            self.add(R.OUT_OF_RANGE, loc, f"is longer than {error['ctx']['max_length']} characters")
        else:
            expected = _expected(kind, error["msg"])
            hint = meaning.written(meaning.key_of(loc), value, expected)
            if expected == "text" and value is not None:
                hint = "quote it to make it text"
            self.add(R.WRONG_TYPE, loc, f"expected {expected}, found {_describe(value)}", hint)

    def emotions(self, known: Sequence[str]) -> None:
        """Emotions the policy does not know."""
        for path, tp in touchpoints(self.data):
            emotion = get(tp, ("signals", "emotion"))
            if isinstance(emotion, str) and _SLUG_RE.match(emotion) and emotion not in known:
                close = meaning.choice("emotion", emotion, known)
                self.add(
                    R.UNKNOWN_EMOTION,
                    (*path, "signals", "emotion"),
                    f"{emotion!r} is not an emotion of the policy; use one of: {', '.join(known)}",
                    f"did you mean {close!r}?" if close else "",
                )

    def triggers(self, known: Sequence[str]) -> None:
        """Escalation triggers that are neither standard nor declared by the project."""
        for path, tp in touchpoints(self.data):
            for i, trigger in items(get(tp, ("escalation", "triggers"))):
                if isinstance(trigger, str) and _SLUG_RE.match(trigger) and trigger not in known:
                    close = meaning.choice("triggers", trigger, known, cutoff=0.75)
                    guess = f"did you mean {close!r}? " if close else ""
                    self.add(
                        R.UNKNOWN_TRIGGER,
                        (*path, "escalation", "triggers", i),
                        f"{trigger!r} is not a known escalation trigger; use one of: "
                        + ", ".join(known),
                        guess + "a project declares its own in its configuration "
                        "(triggers = [...] in stakes.toml)",
                    )


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (through lists and mappings)."""
    model, keyed = root, False
    for part in loc:
        if isinstance(part, int) or keyed:  # an index, or a key of a mapping of models
            keyed = False
            continue
        info = _keys(model).get(part)
        if info is None:
            return None
        keyed = typing.get_origin(info.annotation) is dict
        nested = _find_model(typing.get_args(info.annotation)[1] if keyed else info.annotation)
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
    return list(_keys(model)) if model else []


def _keys(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields by the key a file writes them with (the alias, where there is one)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


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
