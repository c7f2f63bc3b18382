"""Lint findings as SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from stakes.findings import Finding, Rule, Severity
from stakes.linter.result import LintResult
from stakes.render.data import json_text
from stakes.render.registry import Options
from stakes.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def fingerprint(f: Finding, occurrence: int = 1) -> str:
    """Identity of a finding that survives line moves: rule, file, subject, data path, message
    without numbers that move, and which occurrence of that identity it is in the file."""
    where = f.subject or f.path or f.message
    key = "\0".join((f.rule.code, f.file, where, f.path if f.subject else "", str(occurrence)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def fingerprints(findings: tuple[Finding, ...]) -> list[str]:
    """One fingerprint per finding; equal identities in a file are told apart by their order."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = fingerprint(f)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else fingerprint(f, seen[base]))
    return out


def _location(file: str, root: Path) -> dict[str, str]:
    """Where a file is: a percent-encoded URI relative to ``root`` (``%SRCROOT%``), or an
    absolute ``file://`` URI with no base for a file outside it."""
    path = Path(file)
    try:
        rel = path.resolve().relative_to(root) if path.is_absolute() or path.exists() else path
    except ValueError:
        return {"uri": path.resolve().as_uri()}
    return {"uri": quote(rel.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _rule(rule: Rule) -> dict[str, Any]:
    doc = rule.doc or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.split("\n\n")[0].replace("\n", " ")[:1000]},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["customer-experience", "stakes"]},
    }


def render(result: LintResult, options: Options) -> str:
    """One SARIF run: the rules that reported, and a result per finding. File URIs are relative
    to ``options.root`` (the repository; default: the working directory)."""
    return json_text(document(result.findings, (options.root or Path.cwd()).resolve()))


def document(
    findings: Sequence[Finding], base: Path, states: Sequence[str] | None = None
) -> dict[str, Any]:
    """The SARIF document of ``findings``; with ``states``, each result's ``baselineState``
    (new, unchanged, updated or absent), as a comparison with a baseline gives it."""
    rules = sorted({f.rule.code: f.rule for f in findings}.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for n, (f, print_) in enumerate(zip(findings, fingerprints(tuple(findings)), strict=True)):
        region = {"startLine": max(f.line, 1), "startColumn": max(f.col, 1)}
        message = f.message + (f" (hint: {f.hint})" if f.hint else "")
        results.append(
            {
                "ruleId": f.rule.code,
                "ruleIndex": index[f.rule.code],
                "level": _LEVEL[f.severity],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": _location(f.file, base),
                            "region": region,
                        },
                        **(
                            {"logicalLocations": [{"fullyQualifiedName": f.subject}]}
                            if f.subject
                            else {}
                        ),
                    }
                ],
                "partialFingerprints": {"stakesFinding/v1": print_},
                **({"baselineState": states[n]} if states is not None else {}),
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "stakes",
                        "version": __version__,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": base.as_uri() + "/"}},
                "results": results,
            }
        ],
    }
