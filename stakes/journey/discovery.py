"""Which files a run reads: the journey files under the paths given, walked without leaving
the folders named, and file names as every output can show them."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

JOURNEY_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


def discover(
    paths: Sequence[str], folders: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """The journey files named by ``paths`` (directories searched recursively) and the errors;
    ``folders``, when given, maps each file found inside a folder to the folder named.

    Hidden files and folders are skipped inside directories; a file named explicitly is always
    read. Inside a folder only regular files are read (a FIFO or a device named ``*.yaml``
    would block or never end), and symbolic links are followed only while they stay inside it
    (once: a link loop is not walked twice); what is skipped, and a sub-folder that cannot be
    read, is an error, so that nothing goes missing without a word.
    """
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        key = os.path.realpath(name) if name != STDIN else STDIN
        if key not in seen:
            seen.add(key)
            files.append(name)

    for raw in paths:
        if raw == STDIN:
            add(STDIN)
        elif os.path.isdir(raw):
            found = sorted(_walk(raw, errors))
            if not found:
                errors.append(
                    f"{display_name(raw)}: no journey files (*.yaml, *.yml) in this folder"
                )
            for name in found:
                add(name)
                if folders is not None:
                    folders.setdefault(name, raw)
        elif os.path.exists(raw):
            add(raw)
        else:
            errors.append(f"{display_name(raw)}: no such file or folder")
    return files, errors


def _walk(top: str, errors: list[str]) -> Iterator[str]:
    """The journey files under the folder ``top``; what cannot be read goes to ``errors``."""
    inside = os.path.realpath(top)
    visited = {inside}
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name, reverse=True)
        except OSError as exc:
            errors.append(f"{display_name(folder)}: cannot read this folder: {_why(exc)}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            journey = entry.name.endswith(JOURNEY_SUFFIXES)
            try:
                real = os.path.realpath(entry.path) if entry.is_symlink() else ""
                if real and real != inside and not real.startswith(inside + os.sep):
                    if journey or entry.is_dir():
                        errors.append(
                            f"{display_name(entry.path)}: a symbolic link out of "
                            f"{display_name(top)}; not followed (name its target to read it)"
                        )
                    continue
                if entry.is_dir():
                    key = real or os.path.realpath(entry.path)
                    if key not in visited:
                        visited.add(key)
                        folders.append(entry.path)
                elif journey and entry.is_file():
                    yield entry.path
                elif journey:
                    what = "a broken symbolic link" if real else "not a regular file"
                    errors.append(f"{display_name(entry.path)}: {what}; not read")
            except OSError as exc:
                errors.append(f"{display_name(entry.path)}: cannot read: {_why(exc)}")


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def display_name(name: str) -> str:
    """A file name as text every output can hold: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) become U+FFFD."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name
