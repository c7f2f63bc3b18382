"""Lint findings as a GitLab Code Quality report: the JSON array GitLab CI reads from an
artifact (``artifacts: reports: codequality``) and shows in merge requests.

Each finding is an object with ``description``, ``check_name``, ``fingerprint`` (the same
identity as SARIF's, so it survives line moves), ``severity`` (``major`` for errors, ``minor``
for warnings, ``info``) and ``location`` (a repository-relative ``path`` and ``lines.begin``).
Inputs that cannot be read are ``blocker`` issues of the input named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stakes.findings import Severity
from stakes.linter.result import LintResult
from stakes.render.data import json_text
from stakes.render.lint.sarif import fingerprints
from stakes.render.registry import Options

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _path(file: str, root: Path) -> str:
    path = Path(file)
    try:
        return (path.resolve().relative_to(root) if path.exists() else path).as_posix()
    except ValueError:
        return path.as_posix()


def render(result: LintResult, options: Options) -> str:
    """One Code Quality issue per finding, then one per input that could not be read."""
    root = (options.root or Path.cwd()).resolve()
    issues: list[dict[str, Any]] = []
    for f, identity in zip(result.findings, fingerprints(result.findings), strict=True):
        description = f.message + (f" (hint: {f.hint})" if f.hint else "")
        issues.append(
            {
                "description": description,
                "check_name": f.rule.title,
                "fingerprint": identity,
                "severity": _SEVERITY[f.severity],
                "location": {"path": _path(f.file, root), "lines": {"begin": max(f.line, 1)}},
            }
        )
    for error in result.errors:
        name = error.split(": ", 1)[0]
        issues.append(
            {
                "description": error,
                "check_name": "stakes unreadable-input",
                "fingerprint": f"unreadable:{name}",
                "severity": "blocker",
                "location": {"path": name, "lines": {"begin": 1}},
            }
        )
    return json_text(issues)
