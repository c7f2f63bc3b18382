"""Where the configuration is: the nearest ``stakes.toml``, or ``pyproject.toml`` with a
``[tool.stakes]`` table, from the working folder up to the project's root and no further.

The project's root is the first folder up that holds ``.git`` (a folder, or a file in a
worktree or submodule), or a ``pyproject.toml`` without ``[tool.stakes]`` (a project that
does not configure stakes). A configuration above it (in a CI workspace, the home folder, a
temporary folder) belongs to someone else and is never read.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

#: The largest configuration file read (a configuration is a few lines; this stops a device
#: or a runaway file from being read into memory).
MAX_BYTES = 1 << 20

_HEADER = re.compile(r"^\s*\[tool\.stakes[\].]", re.MULTILINE)


@dataclass(frozen=True)
class Search:
    """What discovery found (``file``, None for none), from which folder, and where and why it
    stopped."""

    start: Path
    file: Path | None
    stop: Path
    reason: str

    def describe(self) -> str:
        """One sentence for people: which file is in effect, or why none is."""
        if self.file is not None:
            return f"{self.file}, found from {self.start}"
        return (
            f"none; no stakes.toml or pyproject.toml with [tool.stakes] from {self.start} up "
            f"to {self.stop}, {self.reason}; the defaults apply"
        )


def search(start: Path) -> Search:
    """Look for the configuration from ``start`` (an absolute folder) up to the project's root."""
    for folder in (start, *start.parents):
        candidate = folder / "stakes.toml"
        if os.path.isfile(candidate):
            return Search(start, candidate, folder, "found")
        pyproject = folder / "pyproject.toml"
        if os.path.isfile(pyproject):
            if declares_stakes(pyproject):
                return Search(start, pyproject, folder, "found")
            return Search(start, None, folder, "a pyproject.toml without [tool.stakes]")
        if os.path.lexists(folder / ".git"):
            return Search(start, None, folder, "the repository's root")
    return Search(start, None, Path(start.anchor), "the top of the file system")


def declares_stakes(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.stakes]`` table, in any TOML spelling. One that
    cannot be read or parsed counts when it seems to (its error is then reported at its
    position) and stops the search either way."""
    try:
        with open(pyproject, "rb") as fh:
            text = fh.read(MAX_BYTES + 1).decode("utf-8", errors="replace")
    except OSError:
        return True  # reported when it is read as the configuration: it may hold one
    try:
        tool = tomllib.loads(text).get("tool")
    except (tomllib.TOMLDecodeError, RecursionError):
        return _HEADER.search(text) is not None
    return isinstance(tool, dict) and "stakes" in tool
