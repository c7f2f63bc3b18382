"""What the command line learns from where it runs: a terminal or not, its width, colour, CI,
and the repository it runs in."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def use_color() -> bool:
    """Colour only on a terminal, never with NO_COLOR or a dumb terminal."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


#: The narrowest width honoured (a table of stakes, verdicts and handlers needs 60 columns).
MIN_WIDTH = 60
MAX_WIDTH = 1000


def width() -> int | None:
    """The width to fit: ``COLUMNS`` when set (60 to 1000), else the terminal's (at least 80);
    None when the output is not a terminal and ``COLUMNS`` is not set: a pipe or a file has
    no width, and tables are laid out without wrapping (one line per row)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit():
        return min(max(int(columns), MIN_WIDTH), MAX_WIDTH)
    if sys.stdout.isatty():
        import shutil

        return max(80, shutil.get_terminal_size().columns)
    return None


def repository_root(start: Path | None = None) -> Path:
    """``$GITHUB_WORKSPACE`` in Actions, else the nearest folder with ``.git``, else ``start``
    (the working directory): what SARIF file URIs are relative to."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


@contextmanager
def progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on a terminal's stderr; None when piped or in CI.

    The bar appears only once a run has many files, and vanishes when it ends.
    """
    if not sys.stderr.isatty() or os.environ.get("CI") or "NO_COLOR" in os.environ:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        f"[bold]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < 100:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        bar.stop()
