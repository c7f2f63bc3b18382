"""A rich console that renders to a string: fixed width, colour only when asked."""

from __future__ import annotations

import re
from io import StringIO

from rich.console import Console

from stakes.shown import ZWSP

LEVEL_STYLE = {
    "low": "green",
    "moderate": "yellow",
    "high": "bold dark_orange",
    "critical": "bold red",
}
VERDICT_STYLE = {
    "automate": "green",
    "guarded": "cyan",
    "assist": "yellow",
    "human-only": "bold magenta",
}
ALIGNMENT_STYLE = {
    "aligned": "dim",
    "over-automated": "bold red",
    "under-automated": "blue",
    "unassessed": "yellow",
}


def string_console(width: int, color: bool, soft_wrap: bool = False) -> tuple[Console, StringIO]:
    """A console writing into a buffer, ``width`` columns wide, coloured only if ``color``;
    with ``soft_wrap`` long lines are left whole (for lines that tools parse)."""
    out = StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=soft_wrap,
    )
    return console, out


# A line that starts (after blanks) like a CI workflow command: a word folded to fit a column
# can start a line anywhere inside it.
_COMMAND_LINE = re.compile(r"^(\s*)(::|##\[)", re.MULTILINE)


def trimmed(text: str) -> str:
    """Rendered text without trailing blanks on any line (tables pad to the full width), and
    with no line that a CI runner would take for a workflow command."""
    out = "".join(line.rstrip() + "\n" for line in text.splitlines())
    return _COMMAND_LINE.sub(r"\1" + ZWSP + r"\2", out) if "::" in out or "##[" in out else out
