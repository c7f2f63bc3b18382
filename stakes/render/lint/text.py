"""Lint findings for people: grouped by file, coloured on a terminal, with a summary line."""

from __future__ import annotations

from itertools import groupby

from rich.text import Text

from stakes.findings import Severity
from stakes.linter.result import LintResult
from stakes.render.console import string_console
from stakes.render.registry import Options
from stakes.shown import MESSAGE_LIMIT, shown

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(result: LintResult, options: Options) -> str:
    """Findings grouped by file, each ``line:col severity CODE name message``, then a summary.

    Lines are never wrapped (tools parse them), whatever the width.
    """
    text = Text()
    for file, grouped in groupby(result.findings, key=lambda f: f.file):
        group = list(grouped)
        text.append(shown(file), style="bold underline")
        text.append("\n")
        pad = max(len(f"{f.line}:{f.col}") for f in group)
        for f in group:
            text.append("  ")
            text.append(f"{f.line}:{f.col}".ljust(pad) if f.line else "-".ljust(pad), style="dim")
            text.append("  ")
            text.append(f"{f.severity.label:<7}", style=_STYLE[f.severity])
            text.append(" ")
            text.append(f.rule.title, style="bold")
            text.append("  ")
            text.append(shown(f.message, MESSAGE_LIMIT))
            if f.subject:
                text.append(f"  [{shown(f.subject)}]", style="dim")
            text.append("\n")
            if f.hint:
                hint = " " * (pad + 4) + f"hint: {shown(f.hint, MESSAGE_LIMIT)}"
                text.append(hint, style="green")
                text.append("\n")
        text.append("\n")
    text.append_text(_summary(result))
    # One print, not one per line: printing is most of the cost of a long list.
    console, out = string_console(100, options.color, soft_wrap=True)
    console.print(text)
    return out.getvalue()


def _summary(result: LintResult) -> Text:
    files = len(result.files)
    noun = "file" if files == 1 else "files"
    if result.errors:
        n = len(result.errors)
        return Text(
            f"✗ {n} input{'' if n == 1 else 's'} could not be read; "
            f"{len(result.findings)} findings in {files} {noun} read",
            style="bold red",
        )
    if not result.findings:
        silenced = f" ({result.suppressed} suppressed)" if result.suppressed else ""
        silenced += _known(result)
        return Text(f"✓ {files} {noun} checked, no findings{silenced}", style="bold green")
    parts = []
    for s in sorted(Severity, reverse=True):
        n = result.count(s)
        if n:
            parts.append(f"{n} {s.label}{'' if n == 1 else 's'}")
    affected = len({f.file for f in result.findings})
    silenced = f"; {result.suppressed} suppressed" if result.suppressed else ""
    silenced += _known(result)
    total = len(result.findings)
    style = "bold red" if result.count(Severity.ERROR) else "bold yellow"
    return Text(
        f"✗ {total} finding{'' if total == 1 else 's'} ({', '.join(parts)}) "
        f"in {affected} of {files} {noun}{silenced}",
        style=style,
    )


def _known(result: LintResult) -> str:
    n = result.baselined
    return f"; {n} more known in the baseline" if n else ""
