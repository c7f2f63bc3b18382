"""The parts of the docs that are generated from the code, so that they cannot drift.

A markdown file marks a generated part with two comments::

    <!-- generated: formats lint -->
    ...
    <!-- end generated -->

and ``regenerate(text)`` rewrites what lies between them; the tests fail when a file is not
what ``regenerate`` makes of it, and ``python scripts/regenerate-docs.py`` rewrites them all.
Whole generated files (the rules reference, the JSON Schema) are listed in ``FILES``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakes.journey.signal_kinds import (
    Axis,
    Categories,
    Flag,
    Intensity,
    Money,
    Qualifier,
    RaisesComplexity,
    Ramp,
    Scale,
    SignalSpec,
)
from stakes.journey.signals import Signals, factors, signals

if TYPE_CHECKING:
    from stakes.assessment.policy import Policy

START = "<!-- generated: {} -->"
END = "<!-- end generated -->"
_REGION = re.compile(r"<!-- generated: ([^>]*?) -->\n(.*?)<!-- end generated -->", re.DOTALL)


def formats(kind: str) -> str:
    """A table of the output formats of ``kind``, the default first."""
    from stakes.render.registry import formats as of_kind

    rows = ["| `--format` | what it writes |", "| --- | --- |"]
    for i, f in enumerate(of_kind(kind)):
        rows.append(f"| `{f.name}`{' (default)' if i == 0 else ''} | {f.summary} |")
    return "\n".join(rows) + "\n"


def _default(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple):
        return "`[]`" if not value else "`[" + ", ".join(map(str, value)) + "]`"
    return f"`{value}`"


def _values(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _signal_type(spec: SignalSpec) -> str:
    kind = spec.kind
    if isinstance(kind, Intensity):
        return "one of the policy's emotions (`stakes policy` lists them)"
    if isinstance(kind, Money):
        return "number ≥ 0, in the journey's currency"
    if isinstance(kind, Flag | RaisesComplexity):
        return "`true`/`false`"
    if isinstance(kind, Categories):
        return "list of " + _values(kind.values)
    if isinstance(kind, Scale | Axis | Qualifier):
        return _values(kind.values)
    info = Signals.model_fields[spec.name]
    upper = next((m.le for m in info.metadata if hasattr(m, "le")), None)
    if info.annotation is int:
        return "whole number ≥ 0"
    return f"number from 0 to {upper:g}" if upper is not None else "number ≥ 0"


def signal_table() -> str:
    """The signals of the journey format: key, values, default, meaning."""
    rows = [
        "| signal | type and allowed values | default | what it says |",
        "| --- | --- | --- | --- |",
    ]
    for s in signals():
        rows.append(f"| `{s.name}` | {_signal_type(s)} | {_default(s.default)} | {s.description} |")
    return "\n".join(rows) + "\n"


def _number(value: float) -> str:
    return f"{value:g}"


def _scale(spec: SignalSpec, policy: Policy) -> str:
    kind, config = spec.kind, getattr(policy.factors, spec.factor)
    if isinstance(kind, Intensity):
        words = ", ".join(f"{e} {_number(v)}" for e, v in policy.emotions.items())
        return f"the {spec.name}'s intensity: {words}"
    if isinstance(kind, Money):
        return (
            "`ln(1 + m / step) / ln(1 + full_at / step)`, at most 1, with `m` in the policy "
            f"currency (step {_number(config.step)}, "
            f"full at {config.full_at:,.0f} {policy.currency})"
        )
    if isinstance(kind, Flag):
        return f"1 when `{spec.name}: {str(kind.raises_when).lower()}`"
    if isinstance(kind, Categories):
        groups: dict[float, list[str]] = {}
        for value in kind.values:
            groups.setdefault(config.scale[value], []).append(value)
        words = "; ".join(f"{', '.join(names)} {_number(v)}" for v, names in sorted(groups.items()))
        return f"the most sensitive category: {words}"
    if isinstance(kind, Scale):
        return ", ".join(f"{v} {_number(config.scale[v])}" for v in kind.values)
    if isinstance(kind, Ramp):
        return f"`{spec.name} / {_number(config.full_at)}`, at most 1"
    raise TypeError(f"{spec.name}: no words for a {type(kind).__name__} factor")


def factor_table() -> str:
    """The factors of the score under the default policy: scale and weight."""
    from stakes.assessment.policy_file import default_policy

    policy = default_policy()
    rows = ["| factor | scale (default policy) | weight |", "| --- | --- | ---: |"]
    for s in factors():
        weight = getattr(policy.factors, s.factor).weight
        rows.append(f"| `{s.factor}` | {_scale(s, policy)} | {weight} |")
    return "\n".join(rows) + "\n"


def metric_table() -> str:
    """The metrics of ``stakes evidence``: name and definition, in order."""
    from stakes.evidence.metrics import METRICS

    rows = ["| metric | definition |", "| --- | --- |"]
    rows += [f"| `{m.name}` | {m.definition} |" for m in METRICS]
    return "\n".join(rows) + "\n"


def words_table() -> str:
    """The words people write for a value, and the value each hint offers (``journey/meaning``)."""
    from stakes.journey.words import WORDS

    rows = ["| key | people write | the hint offers |", "| --- | --- | --- |"]
    for key, words in WORDS.items():
        by_value: dict[str, list[str]] = {}
        for said, meant in words.items():
            by_value.setdefault(meant, []).append(said)
        for meant, spoken in by_value.items():
            rows.append(f"| `{key}` | {', '.join(f'`{w}`' for w in spoken)} | `{meant}` |")
    return "\n".join(rows) + "\n"


def packs_table() -> str:
    """The jurisdictions of the default policy: each pack's rules and sources."""
    from stakes.assessment.policy_file import default_policy
    from stakes.render.rules import rule_codes

    codes = rule_codes()
    rows = ["| jurisdiction | rules | sources |", "| --- | --- | --- |"]
    for name, pack in default_policy().packs.items():
        rules = ", ".join(f"{codes[r.id]} {r.id}" for r in pack.enabled())
        cited = (part for r in pack.enabled() for part in r.source.split("; "))
        sources = "; ".join(dict.fromkeys(cited))
        rows.append(f"| `{name}`: {pack.title} | {rules} | {sources} |")
    return "\n".join(rows) + "\n"


def data_use_columns() -> str:
    """The columns of ``stakes export data-use`` and what each holds."""
    from stakes.render.data_use.records import COLUMNS

    rows = ["| column | holds |", "| --- | --- |"]
    rows += [f"| `{name}` | {what} |" for name, what in COLUMNS.items()]
    return "\n".join(rows) + "\n"


def sheet_columns() -> str:
    """The columns of the spreadsheet layout (``stakes export csv``, ``stakes import csv``)
    and the other names ``stakes import csv`` knows each by."""
    from stakes.interchange.headers import known_names
    from stakes.interchange.table import columns

    also: dict[str, list[str]] = {}
    for name, column in known_names().items():
        if name != column.name:
            also.setdefault(column.name, []).append(name.replace("_", " "))
    rows = ["| column | the journey's field | also read from |", "| --- | --- | --- |"]
    for c in columns():
        where = ".".join(c.path) if c.level == "journey" else f"{c.level}: {'.'.join(c.path)}"
        names = ", ".join(f"`{n}`" for n in sorted(also.get(c.name, [])))
        rows.append(f"| `{c.name}` | `{where}` | {names} |")
    return "\n".join(rows) + "\n"


def journey_diagram(path: str) -> str:
    """The diagram ``stakes export mermaid PATH`` writes for a journey of the repository,
    without its heading (a rendered diagram in the docs, checked by Mermaid's parser in CI)."""
    from stakes.assessment.engine import assess
    from stakes.render.journeys.mermaid import diagram

    assessment = assess(str(Path(__file__).resolve().parents[2] / path))
    return "```mermaid\n" + "\n".join(diagram(list(assessment))) + "\n```\n"


def _cues() -> str:
    """The lexicon ``stakes import intents`` suggests signals from."""
    from stakes.interchange.cues import cues_table

    return cues_table()


#: What a region's name generates: the name, then its arguments, as in the marker.
PARTS: dict[str, Callable[..., str]] = {
    "words": words_table,
    "formats": formats,
    "signals": signal_table,
    "factors": factor_table,
    "metrics": metric_table,
    "packs": packs_table,
    "data_use_columns": data_use_columns,
    "sheet_columns": sheet_columns,
    "journey_diagram": journey_diagram,
    "cues": _cues,
}


def generate(spec: str) -> str:
    """The text of the region named ``spec`` (``formats lint``)."""
    name, *args = spec.split()
    if name not in PARTS:
        raise KeyError(f"no generated part called {name!r}; known: {', '.join(PARTS)}")
    return PARTS[name](*args)


def regenerate(text: str) -> str:
    """``text`` with every generated region rewritten from the code."""
    return _REGION.sub(lambda m: f"{START.format(m.group(1))}\n{generate(m.group(1))}{END}", text)


def whole_files() -> dict[str, str]:
    """The files that are generated whole, by their path in the repository."""
    from stakes.assessment.policy_file import default_policy
    from stakes.journey.model import json_schema
    from stakes.linter.catalogue import all_rules
    from stakes.render.rules import reference

    return {
        "docs/rules.md": reference(all_rules(), default_policy()),
        "schema/journey.schema.json": json.dumps(json_schema(), indent=2, ensure_ascii=False)
        + "\n",
    }


def stale_files(root: Path) -> dict[Path, str]:
    """Each generated file under the repository ``root`` that is not what the code makes, with
    the text it should have: the README and docs/*.md by region, and the whole files."""
    out: dict[Path, str] = {}
    for path in sorted([root / "README.md", *(root / "docs").glob("*.md")]):
        text = path.read_text(encoding="utf-8")
        new = regenerate(text)
        if new != text:
            out[path] = new
    for name, text in whole_files().items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out[path] = text
    return out
