"""A rich console that renders to a string: fixed width, colour only when asked."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

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
ALIGNMENT_STYLE = {"aligned": "dim", "over-automated": "bold red", "under-automated": "blue"}


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


def trimmed(text: str) -> str:
    """Rendered text without trailing blanks on any line (tables pad to the full width)."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())
