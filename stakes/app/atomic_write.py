"""Writing output files as a Unix tool does, never over an input.

- A regular file (or a new one) is written atomically, through a temporary file in its folder
  and a rename: readers see the old file or the new one, never half of it, and a failure
  leaves the old file as it was. It keeps its permissions; a new file gets ``0666 & ~umask``,
  as ``open()`` would give it.
- A symbolic link is written through: its target is replaced (atomically, as above) and the
  link stays a link.
- Anything else (a device such as ``/dev/null``, a FIFO, a terminal) is opened and written
  directly; it is never replaced. ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N`` name this
  process's own descriptors and are written there, as a shell's redirection would.

Every failure (no space left, a closed reader, a bad descriptor, no permission) is an
OutputError with one line: the file and why.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

#: Names of this process's own descriptors (``/dev/stdout`` is one on every Unix).
_DESCRIPTOR = re.compile(r"/dev/(?:(stdin)|(stdout)|(stderr)|fd/(\d+))|/proc/self/fd/(\d+)")


class OutputError(Exception):
    """The output cannot be written where asked (exit code 2)."""


def write_atomic(
    target: str | Path, text: str | Iterable[str], inputs: Iterable[str | Path] = ()
) -> None:
    """Write ``text`` (a string, or chunks of one) to ``target``: atomically when it is a
    regular file or a new one, directly when it is a device, a FIFO or a descriptor.

    Raises OutputError when ``target`` is one of ``inputs``, a folder, or cannot be written.
    """
    path = Path(target)
    if "\0" in str(path):
        raise OutputError(f"{path!r}: a file name cannot contain a NUL character")
    real = os.path.realpath(path)
    for given in inputs:
        if str(given) != "-" and "\0" not in str(given) and os.path.realpath(given) == real:
            raise OutputError(f"{path}: refusing to write over an input file")
    descriptor = _descriptor(path)
    if descriptor is not None:
        return _write_descriptor(descriptor, text, path)
    try:
        status: os.stat_result | None = os.stat(path)  # through any symbolic link
    except FileNotFoundError:
        status = None  # a new file, or a link to one
    except OSError as exc:
        raise _cannot(path, exc) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if status is not None and not stat.S_ISREG(status.st_mode):
        return _write_direct(path, text)
    _replace(path, Path(real), text, status)


def _descriptor(path: Path) -> int | None:
    """The descriptor ``path`` names (``/dev/stdout`` is 1), or None for a file."""
    match = _DESCRIPTOR.fullmatch(os.path.normpath(os.path.abspath(path)))
    if match is None:
        return None
    for number, group in enumerate(match.groups()):
        if group is not None:
            return number if number < 3 else int(group)
    return None  # pragma: no cover - the pattern always sets one group


def _cannot(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {exc.strerror or exc}")


def _write(fh: TextIO, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        fh.write(text)
    else:
        fh.writelines(text)
    fh.flush()


def _write_descriptor(number: int, text: str | Iterable[str], path: Path) -> None:
    """Write to this process's descriptor ``number``, after what Python holds for it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.fileno() == number:
                stream.flush()
        except (OSError, ValueError):
            pass  # not a real descriptor (a test's capture), or already failing
    try:
        copy = os.dup(number)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        with open(copy, "w", encoding="utf-8", newline="", closefd=True) as fh:
            _write(fh, text)
    except OSError as exc:
        raise _cannot(path, exc) from None


def _write_direct(path: Path, text: str | Iterable[str]) -> None:
    """A device, a FIFO, a terminal: opened for writing and written, never replaced."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            _write(fh, text)
    except OSError as exc:
        raise _cannot(path, exc) from None


def _replace(
    path: Path, real: Path, text: str | Iterable[str], status: os.stat_result | None
) -> None:
    """Write a regular file through a temporary file next to it and a rename."""
    created = None
    try:
        if status is not None:
            # Ask the system first whether this file may be written at all, through the link
            # as given (a read-only file is refused, as `>` refuses it; the kernel's rules for
            # links in shared folders apply), without changing it.
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY))
            mode = stat.S_IMODE(status.st_mode) & 0o777
        elif os.path.islink(path):
            # A link to a file that does not exist yet: create its target through the link,
            # so that the same rules apply, then replace that empty file.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOCTTY, 0o666))
            created = real
            mode = stat.S_IMODE(os.stat(real).st_mode)
        else:
            mode = 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        if created is not None:
            created.unlink(missing_ok=True)
        raise _cannot(path, exc) from None
    try:
        if status is not None and (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(OSError):  # keep the owner, where that is allowed
                os.fchown(fd, status.st_uid, status.st_gid)
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _write(fh, text)
            os.fsync(fh.fileno())
        os.replace(tmp, real)
    except OSError as exc:
        _discard(tmp, created)
        raise _cannot(path, exc) from None
    except BaseException:
        _discard(tmp, created)
        raise


def _discard(tmp: str, created: Path | None) -> None:
    Path(tmp).unlink(missing_ok=True)
    if created is not None:
        created.unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask (reading it means setting it; it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
