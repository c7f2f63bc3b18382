"""Find journey files, read them one by one, and check them together: the loading pipeline."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from stakes import loader
from stakes.diagnostics import Finding, sort_findings
from stakes.model import DEFAULT_EMOTIONS, Journey
from stakes.validate import Outline, check_portfolio, outline, subject_of, validate

JOURNEY_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


class InputError(Exception):
    """An input that cannot be read at all (a missing path, a permission error): exit code 2."""


@dataclass(slots=True)
class JourneyFile:
    """One file's outcome: its journey when valid, its findings, and (when kept) its positions."""

    file: str
    journey: Journey | None
    findings: list[Finding]
    text: str | None = None  # kept when asked for, to find positions and comments later
    digest: str = ""  # SHA-256 of the file's bytes
    _positions: loader.SourceMap | None = field(default=None, repr=False)

    def positions(self) -> loader.SourceMap | None:
        """Where each data path is in the file (composed again on first use; needs ``text``)."""
        if self._positions is None and self.text is not None:
            self._positions = loader.source_map(self.text)
        return self._positions


@dataclass(slots=True)
class Portfolio:
    """Every file read in one run, the findings across all of them, and unreadable inputs."""

    files: list[JourneyFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def journeys(self) -> list[Journey]:
        """The journeys that loaded without errors, in file order."""
        return [f.journey for f in self.files if f.journey is not None]


def discover(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The journey files named by ``paths`` (directories searched recursively) and the errors.

    Hidden files and folders are skipped inside directories; a file named explicitly is always
    read. Symbolic links to folders are followed once (a link loop is not walked twice).
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
            found = sorted(_walk(raw))
            if not found:
                errors.append(f"{raw}: no journey files (*.yaml, *.yml) in this folder")
            for name in found:
                add(name)
        elif os.path.exists(raw):
            add(raw)
        else:
            errors.append(f"{raw}: no such file or folder")
    return files, errors


def _walk(top: str) -> Iterator[str]:
    visited: set[str] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.endswith(JOURNEY_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


def read_source(name: str, stdin: bytes | None = None) -> bytes:
    """The bytes of a journey file (or of stdin for ``-``), at most one byte over the limit."""
    limit = loader.MAX_FILE_BYTES + 1
    try:
        if name == STDIN:
            return stdin if stdin is not None else sys.stdin.buffer.read(limit)
        with open(name, "rb") as fh:
            return fh.read(limit)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def load_text(
    data: bytes | str,
    file: str = "<string>",
    *,
    emotions: Sequence[str] = DEFAULT_EMOTIONS,
    keep_text: bool = False,
) -> tuple[JourneyFile, Outline | None]:
    """One file's journey and findings, from its bytes or text."""
    if isinstance(data, bytes):
        text, findings = loader.decode(data, file)
    else:
        findings = loader.check_text(data, file)
        text = None if findings else data
    if text is None:
        return JourneyFile(file, None, findings), None
    parsed = loader.parse(text, file)
    findings = [
        replace(f, subject=subject_of(parsed.data, parsed.paths[i])) if i in parsed.paths else f
        for i, f in enumerate(parsed.findings)
    ]
    journey = None
    summary = None
    if isinstance(parsed.data, dict) and parsed.source is not None:
        journey, more = validate(parsed.data, file, parsed.source, emotions)
        # A value the loader refused (a tag, say) is not reported again by the model.
        refused = {f.path for f in findings if f.path}
        findings.extend(f for f in more if f.path not in refused)
        summary = outline(parsed.data, file, parsed.source)
    if any(f.severity >= f.severity.ERROR for f in findings):
        journey = None
    kept = text if keep_text else None
    return JourneyFile(file, journey, sort_findings(findings), kept), summary


def load(
    paths: str | Iterable[str],
    *,
    emotions: Sequence[str] = DEFAULT_EMOTIONS,
    keep_text: bool = False,
    display: Path | None = None,
    stdin_name: str = "<stdin>",
    progress: Callable[[int, int], None] | None = None,
) -> Portfolio:
    """Every journey under ``paths``, each file's findings, and the checks across files.

    File names in findings are shown relative to ``display`` (default: the working directory)
    when they lie below it. ``progress(done, total)`` is called after each file.
    """
    names, errors = discover([paths] if isinstance(paths, str) else list(paths))
    portfolio = Portfolio(errors=errors)
    outlines: list[Outline] = []
    base = str(display or Path.cwd())
    for done, name in enumerate(names, 1):
        if progress is not None:
            progress(done - 1, len(names))
        shown = stdin_name if name == STDIN else _shown(name, base)
        try:
            data = read_source(name)
        except InputError as exc:
            portfolio.errors.append(str(exc))
            continue
        result, summary = load_text(data, shown, emotions=emotions, keep_text=keep_text)
        result.digest = hashlib.sha256(data).hexdigest()
        portfolio.files.append(result)
        if summary is not None:
            outlines.append(summary)
    cross = check_portfolio(outlines)
    by_file: dict[str, list[Finding]] = {}
    for f in cross:
        by_file.setdefault(f.file, []).append(f)
    for jf in portfolio.files:
        extra = by_file.get(jf.file)
        if extra:
            jf.findings = sort_findings([*jf.findings, *extra])
            if any(f.severity >= f.severity.ERROR for f in extra):
                jf.journey = None
        portfolio.findings.extend(jf.findings)
    return portfolio


def _shown(name: str, base: str) -> str:
    absolute = os.path.abspath(name)
    if absolute.startswith(base + os.sep):
        return os.path.relpath(absolute, base)
    return name
