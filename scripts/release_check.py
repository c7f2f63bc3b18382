"""Check that a release tag names the version in stakes/version.py: ``v0.1.0`` for 0.1.0.

Run by the release workflow before anything is built; exits 1 with one line when they differ.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

VERSION_FILE = Path(__file__).resolve().parent.parent / "stakes" / "version.py"


def version() -> str:
    """The version the package declares (read without importing stakes)."""
    return str(runpy.run_path(str(VERSION_FILE))["__version__"])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: release_check.py TAG", file=sys.stderr)
        return 2
    tag, expected = argv[0], f"v{version()}"
    if tag != expected:
        print(f"release tag {tag!r} does not name version {version()} (expected {expected!r})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
