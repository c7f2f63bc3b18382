"""Every output format of every command, in one table.

The command line's ``--format`` choices, the dispatch to a renderer, the docs' lists of formats
and the golden tests all read this table. A format is a module ``stakes.render.KIND.NAME``
with ``render(document, options)``; it is imported only when it renders, so ``--help`` stays
fast. Adding a format is one module, one line here and one golden file.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Options:
    """How to render: the width to fit (None: none, when output goes to a pipe or a file
    without ``COLUMNS``), colour, and the repository root (for the file URIs of formats that
    code-scanning tools read)."""

    width: int | None = 80
    color: bool = False
    root: Path | None = None


@dataclass(frozen=True, slots=True)
class Format:
    """One output format of one kind of result."""

    kind: str  # lint, map, explain, report, diff, evidence, data_use, journeys, policy, schema
    name: str
    summary: str
    suffix: str = ".txt"  # what a file of it is called: .json, .csv, .md ...

    @property
    def module(self) -> str:
        """The module that renders it."""
        return f"stakes.render.{self.kind}.{self.name}"


#: The first format of each kind is its default.
FORMATS: tuple[Format, ...] = (
    Format("lint", "text", "findings grouped by file, a hint under each, and a summary line"),
    Format("lint", "json", "a versioned JSON document of every finding", ".json"),
    Format("lint", "github", "GitHub Actions annotations, most severe first, and a job summary"),
    Format("lint", "sarif", "SARIF 2.1.0 for GitHub code scanning", ".sarif"),
    Format(
        "lint", "junit", "JUnit XML: a test case per file and rule, failures for errors", ".xml"
    ),
    Format("lint", "gitlab", "a GitLab Code Quality report for merge requests", ".json"),
    Format(
        "map",
        "table",
        "a table per journey that fits the terminal, one line per touchpoint when piped",
    ),
    Format("map", "json", "a versioned JSON document: every score, factor and hard rule", ".json"),
    Format("map", "csv", "one row per touchpoint, safe to open in a spreadsheet", ".csv"),
    Format("map", "md", "a GitHub-flavoured markdown table per journey", ".md"),
    Format("explain", "text", "one touchpoint's score factor by factor, and why its verdict"),
    Format(
        "report", "md", "the report for the people who decide, in GitHub-flavoured markdown", ".md"
    ),
    Format(
        "report",
        "html",
        "one self-contained HTML page: the same report with SVG charts, for e-mail and print",
        ".html",
    ),
    Format(
        "report", "json", "what the report says as a versioned JSON document, for tools", ".json"
    ),
    Format("diff", "text", "the summary, then each moment that changed and its findings"),
    Format("diff", "md", "a pull-request comment: the summary, then a row per change", ".md"),
    Format("diff", "json", "the change set as a versioned JSON document", ".json"),
    Format(
        "diff",
        "sarif",
        "SARIF 2.1.0: each finding with its baselineState, for code scanning",
        ".sarif",
    ),
    Format("evidence", "table", "a table per journey, its total and the headline"),
    Format(
        "evidence", "json", "a versioned JSON document of every metric and the log read", ".json"
    ),
    Format(
        "evidence", "csv", "a row per touchpoint, journey and overall, spreadsheet-safe", ".csv"
    ),
    Format("evidence", "md", "the headline, a table per journey, unmatched values, the log", ".md"),
    Format(
        "data_use",
        "csv",
        "a row per touchpoint and data category, for records of processing; spreadsheet-safe",
        ".csv",
    ),
    Format("data_use", "json", "a versioned JSON document of each moment's data use", ".json"),
    Format(
        "journeys",
        "csv",
        "one row per touchpoint in the layout stakes import csv reads; spreadsheet-safe",
        ".csv",
    ),
    Format(
        "journeys",
        "mermaid",
        "a Mermaid journey diagram per journey, each task with its verdict, in markdown",
        ".md",
    ),
    Format("policy", "yaml", "the policy in effect as YAML, with its digest", ".yaml"),
    Format("schema", "json", "the JSON Schema of the journey format", ".json"),
)


def formats(kind: str) -> tuple[Format, ...]:
    """The formats of ``kind``, the default first."""
    return tuple(f for f in FORMATS if f.kind == kind)


def names(kind: str) -> tuple[str, ...]:
    """The format names of ``kind``, the default first."""
    return tuple(f.name for f in formats(kind))


def find(kind: str, name: str) -> Format:
    """The format ``name`` of ``kind``; KeyError when there is none."""
    for f in FORMATS:
        if f.kind == kind and f.name == name:
            return f
    raise KeyError(f"{kind} has no format {name!r}; formats: {', '.join(names(kind))}")


def render(
    kind: str, name: str, document: Any, options: Options | None = None
) -> str | Iterable[str]:
    """``document`` in the format ``name`` of ``kind``: a string, or its chunks in order."""
    module = importlib.import_module(find(kind, name).module)
    rendered: str | Iterable[str] = module.render(document, options or Options())
    return rendered
