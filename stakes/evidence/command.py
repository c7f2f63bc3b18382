"""``stakes evidence``: options and config in, a rendered document and messages out."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakes.evidence.clean import HANDLERS
from stakes.evidence.log import read_log
from stakes.evidence.metrics import measure
from stakes.evidence.model import FIELDS, Evidence, LogError, parse_window

if TYPE_CHECKING:
    from stakes.journey.files import Portfolio

OUTPUT_FORMATS = ("table", "json", "csv", "md")


@dataclass(slots=True)
class Outcome:
    """What the command prints: the document, stderr lines, the exit code and the inputs read."""

    text: str
    messages: list[str] = field(default_factory=list)
    exit_code: int = 0
    inputs: list[str] = field(default_factory=list)


def parse_pairs(items: Sequence[str], option: str) -> dict[str, str]:
    """``["a=B", ...]`` as a dict; LogError for an item without ``=``."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise LogError(f"{option} {item!r}: give NAME=VALUE, e.g. {option} touchpoint=Category")
        out[key.strip()] = value.strip()
    return out


def find_config(start: Path | None = None) -> tuple[Path | None, dict[str, Any]]:
    """The evidence settings and their file: ``[evidence]`` of the stakes.toml, or
    ``[tool.stakes.evidence]`` of the pyproject.toml, that ``stakes.app.config`` discovers from
    ``start`` (default: the working directory) up; an empty dict when there are none."""
    from stakes.app.config import discover

    path = discover((start or Path.cwd()).resolve())
    if path is None:
        return None, {}
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LogError(f"{path}: cannot read the configuration: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("stakes", {})
    settings = data.get("evidence", {}) if isinstance(data, dict) else {}
    if not isinstance(settings, dict):
        raise LogError(f"{path}: the evidence settings must be a table")
    return path, settings


_SETTINGS: dict[str, type] = {
    "map": dict,
    "handlers": dict,
    "window": str,
    "day_first": bool,
    "input_format": str,
    "encoding": str,
}


def _settings(config: dict[str, Any], source: Path | None) -> dict[str, Any]:
    """``config`` checked: known keys, each of its type; tables of strings."""
    unknown = sorted(set(config) - set(_SETTINGS))
    if unknown:
        raise LogError(f"{source}: unknown evidence setting(s) {', '.join(unknown)}")
    for key, value in config.items():
        kind = _SETTINGS[key]
        strings = not isinstance(value, dict) or all(isinstance(v, str) for v in value.values())
        if not isinstance(value, kind) or not strings:
            what = {dict: "a table of strings", str: "a string", bool: "true or false"}[kind]
            raise LogError(f"{source}: evidence setting {key} must be {what}")
    return config


def gather(
    log: str,
    portfolio: Portfolio,
    *,
    mapping: Sequence[str] = (),
    handlers: Sequence[str] = (),
    input_format: str | None = None,
    encoding: str | None = None,
    window: str | None = None,
    strict: bool = False,
    day_first: bool | None = None,
) -> Evidence:
    """The evidence of ``log`` on the loaded ``portfolio``, with the options and the evidence
    settings of the configuration (the options win); LogError when it cannot be had."""
    source, config = find_config()
    config = _settings(config, source)
    columns = {**config.get("map", {}), **parse_pairs(mapping, "--map")}
    labels = {**config.get("handlers", {}), **parse_pairs(handlers, "--handler")}
    for label, handler in labels.items():
        if handler not in HANDLERS:
            raise LogError(f"--handler {label}={handler}: use one of {', '.join(HANDLERS)}")
    try:
        span = parse_window(window or config.get("window", "7d"))
    except ValueError as exc:
        raise LogError(f"--{exc}") from None
    frame, report = read_log(
        log,
        columns,
        input_format=input_format or config.get("input_format"),
        encoding=encoding or config.get("encoding"),
        day_first=config.get("day_first", False) if day_first is None else day_first,
        handlers=labels,
        strict=strict,
    )
    if report.contacts == 0:
        raise LogError(f"{log}: no contacts (the file has a header but no rows)")
    return measure(frame, portfolio, span, report=report)


def run(
    log: str,
    journeys: Sequence[str],
    *,
    mapping: Sequence[str] = (),
    handlers: Sequence[str] = (),
    input_format: str | None = None,
    encoding: str | None = None,
    window: str | None = None,
    strict: bool = False,
    day_first: bool | None = None,
    policy: str | None = None,
    fmt: str = "table",
    width: int = 80,
    color: bool = False,
) -> Outcome:
    """Run ``stakes evidence``; LogError for a usage error or an unusable log (exit code 2)."""
    from stakes.assessment.policy import PolicyError, load_policy
    from stakes.journey.files import load

    if fmt not in OUTPUT_FORMATS:
        raise LogError(f"--format {fmt}: use one of {', '.join(OUTPUT_FORMATS)}")
    try:
        emotions = tuple(load_policy(policy).emotions)
    except PolicyError:
        raise LogError("the policy cannot be used (stakes policy FILE shows why)") from None
    portfolio = load(list(journeys), emotions=emotions)
    messages = [f"stakes: error: {e}" for e in portfolio.errors]
    messages += [
        f"{f.location}: {f.rule.title}: {f.message}"
        for f in portfolio.findings
        if f.severity == f.severity.ERROR
    ]
    if not portfolio.journeys:
        raise LogError(
            "\n".join(["no journey could be loaded, so no contact can be matched", *messages])
        )
    evidence = gather(
        log,
        portfolio,
        mapping=mapping,
        handlers=handlers,
        input_format=input_format,
        encoding=encoding,
        window=window,
        strict=strict,
        day_first=day_first,
    )
    from stakes.render import evidence as render

    messages += [f"stakes: {line}" for line in render.warnings(evidence)]
    if fmt == "json":
        text = render.render_json(evidence)
    elif fmt == "csv":
        text = render.render_csv(evidence)
    elif fmt == "md":
        text = render.render_markdown(evidence)
    else:
        text = render.render_table(evidence, width=width, color=color)
    bad_journeys = bool(portfolio.errors) or any(
        f.severity == f.severity.ERROR for f in portfolio.findings
    )
    inputs = [log, *journeys, *(f.file for f in portfolio.files)]
    return Outcome(text, messages, 2 if bad_journeys else 0, inputs)


__all__ = ["FIELDS", "OUTPUT_FORMATS", "Outcome", "find_config", "parse_pairs", "run"]
