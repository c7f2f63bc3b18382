"""Lint findings as GitHub Actions workflow commands (annotations on the pull request)."""

from __future__ import annotations

import re

from stakes.findings import Finding, Severity
from stakes.linter.result import LintResult
from stakes.render.registry import Options
from stakes.shown import MESSAGE_LIMIT, shown

#: GitHub shows at most this many annotations of each level per step and drops the rest silently.
PER_STEP_LIMIT = 10
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as the message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _exact(text: str) -> str:
    """A file name (or an error naming one) exactly, CR and LF included, since GitHub matches
    it against the repository; other controls shown."""
    parts = re.split(r"([\r\n])", text)
    return "".join(p if p in "\r\n" else shown(p, None, inline=True) for p in parts)


def _command(f: Finding) -> str:
    props = [f"file={escape_property(_exact(f.file))}"]
    if f.line:
        props += [f"line={f.line}", f"col={f.col}"]
    props.append(f"title={escape_property(f.rule.title)}")
    message = shown(f.message, MESSAGE_LIMIT)
    if f.hint:
        message += f"\nhint: {shown(f.hint, MESSAGE_LIMIT)}"  # a second line of the annotation
    return f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}"


def render(result: LintResult, options: Options) -> str:
    """One workflow command per finding, most severe first, and a notice for what GitHub drops."""
    ordered = sorted(result.findings, key=lambda f: (-f.severity, *f.sort_key()))
    # Unreadable inputs come first: they are the most serious, and GitHub drops what is late.
    lines = [f"::error::{escape_data(_exact(e))}" for e in result.errors]
    lines += [_command(f) for f in ordered]
    per_level = {s: sum(1 for f in ordered if f.severity == s) for s in Severity}
    per_level[Severity.ERROR] += len(result.errors)
    hidden = sum(max(0, n - PER_STEP_LIMIT) for n in per_level.values())
    if hidden:
        lines.append(
            f"::notice title=stakes::{hidden} more findings than GitHub annotates in one step "
            f"({PER_STEP_LIMIT} per level); every finding is in this log, and "
            "'stakes lint --format text' lists them all"
        )
    return "".join(line + "\n" for line in lines)


def step_summary(result: LintResult) -> str:
    """A markdown summary for ``$GITHUB_STEP_SUMMARY``: counts, then every finding."""
    from stakes.render.markdown import cell, code

    counts = {s: result.count(s) for s in sorted(Severity, reverse=True)}
    head = ", ".join(f"{n} {s.label}{'' if n == 1 else 's'}" for s, n in counts.items())
    lines = [
        "## stakes lint",
        "",
        f"{len(result.files)} files checked: {head}"
        + (f"; {result.suppressed} suppressed" if result.suppressed else "")
        + (f"; {result.baselined} more known in the baseline" if result.baselined else "")
        + ".",
        "",
    ]
    if result.findings:
        lines += ["| where | severity | rule | message |", "| --- | --- | --- | --- |"]
        for f in result.findings[:500]:
            lines.append(
                f"| {code(f.location)} | {f.severity.label} | {f.rule.title} | {cell(f.message)} |"
            )
        if len(result.findings) > 500:
            lines.append(f"\n…and {len(result.findings) - 500} more in the job log.")
    return "\n".join(lines) + "\n"
