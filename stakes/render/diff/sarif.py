"""``stakes diff --format sarif``: the head's findings and the base's that are gone, each with
its ``baselineState`` (new, unchanged, updated, absent), for code scanning."""

from __future__ import annotations

from pathlib import Path

from stakes.changes.compare import ChangeSet
from stakes.render.data import json_text
from stakes.render.lint.sarif import document
from stakes.render.registry import Options


def render(changes: ChangeSet, options: Options) -> str:
    states = [state for state, _ in changes.findings]
    findings = [f for _, f in changes.findings]
    return json_text(document(findings, (options.root or Path.cwd()).resolve(), states))
