"""Lint findings as JSON: a documented, versioned shape (docs/lint.md)."""

from __future__ import annotations

from typing import Any

from stakes.linter.result import LintResult
from stakes.render.data import json_text
from stakes.render.registry import Options
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning; new fields may appear in any version.
SCHEMA_VERSION = 1


def render(result: LintResult, options: Options) -> str:
    """The lint result as a JSON document (with a trailing newline)."""
    doc: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "summary": {
            "files": len(result.files),
            "findings": len(result.findings),
            **result.counts(),
            "unreadable": len(result.errors),
            "suppressed": result.suppressed,
            "baselined": result.baselined,
        },
        "findings": [
            {
                "code": f.rule.code,
                "name": f.rule.name,
                "severity": f.severity.label,
                "message": f.message,
                "file": f.file,
                "line": f.line,
                "column": f.col,
                "path": f.path,
                "subject": f.subject,
                "hint": f.hint,
            }
            for f in result.findings
        ],
        "errors": list(result.errors),
    }
    return json_text(doc)
