"""Writing output files: atomically, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written where asked (exit code 2)."""


def write_atomic(
    target: str | Path, text: str | Iterable[str], inputs: Iterable[str | Path] = ()
) -> None:
    """Write ``text`` (a string, or chunks of one) to ``target`` through a temporary file and
    a rename.

    Readers see the old file or the new one, never half of it; on failure nothing is left
    behind. Raises OutputError when ``target`` is one of ``inputs`` or cannot be written.
    """
    path = Path(target)
    real = os.path.realpath(path)
    for given in inputs:
        if str(given) != "-" and os.path.realpath(given) == real:
            raise OutputError(f"{path}: refusing to write over an input file")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                fh.writelines(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
