"""Find journey files, read them one by one, and check them together: the loading pipeline."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stakes.findings import Finding, sort_findings
from stakes.journey import loader
from stakes.journey.discovery import STDIN, discover, display_name
from stakes.journey.model import Journey
from stakes.journey.plain import subject_of
from stakes.journey.references import Outline, check_portfolio, outline
from stakes.journey.signals import DEFAULT_EMOTIONS
from stakes.journey.validation import capped, validate
from stakes.journey.values import KNOWN_TRIGGERS


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
    #: Positions recorded while the file was read: ``(path, key) -> (line, col)``.
    index: dict[tuple[tuple[str | int, ...], bool], tuple[int, int]] = field(
        default_factory=dict, repr=False
    )
    _positions: loader.SourceMap | None = field(default=None, repr=False)

    def position(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
        """1-based line and column of ``path`` (0, 0 when unknown): from the index recorded
        while reading, else from the file composed again (needs ``text``)."""
        found = self.index.get((path, key))
        if found is not None:
            return found
        if self._positions is None and self.text is not None:
            self._positions = loader.source_map(self.text)
        return self._positions.position(path, key) if self._positions is not None else (0, 0)


def _index(
    data: dict[str, Any], source: loader.SourceMap, places: Sequence[str]
) -> dict[Any, tuple[int, int]]:
    """The positions of the journey key and of ``places`` (dotted paths inside a touchpoint:
    ``escalation.to``) in every touchpoint that has them, recorded while the file is read, so
    that lint does not compose it a second time."""
    index: dict[Any, tuple[int, int]] = {(("journey",), True): source.position(("journey",), True)}
    relative = [tuple(p.split(".")) for p in places]
    stages = data.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, tuple) else ()):
        tps = stage.get("touchpoints") if isinstance(stage, dict) else None
        for j, tp in enumerate(tps if isinstance(tps, tuple) else ()):
            if not isinstance(tp, dict):
                continue
            here = loader.SourceMap(source.node(("stages", i, "touchpoints", j)))
            for rel in relative:
                if _has(tp, rel):
                    path: tuple[str | int, ...] = ("stages", i, "touchpoints", j, *rel)
                    index[(path, False)] = here.position(rel)
    return index


def _has(value: Any, path: tuple[str, ...]) -> bool:
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


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


def read_source(name: str, stdin: bytes | None = None) -> bytes:
    """The bytes of a journey file (or of stdin for ``-``), at most one byte over the limit."""
    limit = loader.MAX_FILE_BYTES + 1
    try:
        if name == STDIN:
            return stdin if stdin is not None else sys.stdin.buffer.read(limit)
        with open(name, "rb") as fh:
            return fh.read(limit)
    except OSError as exc:
        raise InputError(f"{display_name(name)}: cannot read: {exc.strerror or exc}") from None


def load_text(
    data: bytes | str,
    file: str = "<string>",
    *,
    emotions: Sequence[str] = DEFAULT_EMOTIONS,
    triggers: Sequence[str] = KNOWN_TRIGGERS,
    keep_text: bool = False,
    places: Sequence[str] = (),
) -> tuple[JourneyFile, Outline | None]:
    """One file's journey and findings, from its bytes or text; with ``keep_text``, the text
    and the positions of ``places`` in each touchpoint are kept for lint."""
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
    unlisted = 0
    if isinstance(parsed.data, dict) and parsed.source is not None:
        journey, more, unlisted = validate(parsed.data, file, parsed.source, emotions, triggers)
        # A value the loader refused (a tag, say) is not reported again by the model.
        refused = {f.path for f in findings if f.path}
        findings.extend(f for f in more if f.path not in refused)
        summary = outline(parsed.data, file, parsed.source)
    if any(f.severity >= f.severity.ERROR for f in findings):
        journey = None
    findings = capped(sort_findings(findings), file, unlisted)
    result = JourneyFile(file, journey, findings, text if keep_text else None)
    if keep_text and isinstance(parsed.data, dict) and parsed.source is not None:
        result.index = _index(parsed.data, parsed.source, places)
    return result, summary


def load(
    paths: str | Iterable[str],
    *,
    emotions: Sequence[str] = DEFAULT_EMOTIONS,
    triggers: Sequence[str] = KNOWN_TRIGGERS,
    keep_text: bool = False,
    places: Sequence[str] = (),
    display: Path | None = None,
    stdin_name: str = "<stdin>",
    progress: Callable[[int, int], None] | None = None,
    reuse: dict[tuple[str, str], tuple[JourneyFile, Outline | None]] | None = None,
) -> Portfolio:
    """Every journey under ``paths``, each file's findings, and the checks across files.

    File names in findings are shown relative to ``display`` (default: the working directory)
    when they lie below it. ``progress(done, total)`` is called after each file. ``reuse``
    holds files read before, by shown name and digest, with the same options: a file with the
    same name and bytes is taken from it instead of read again (``stakes diff`` reads two
    revisions that share most files), and each file read is put in it.
    """
    folders: dict[str, str] = {}
    names, errors = discover([paths] if isinstance(paths, str) else list(paths), folders)
    portfolio = Portfolio(errors=errors)
    walked: dict[str, str] = {}  # shown file name -> the folder it was found in, as shown
    outlines: list[Outline] = []
    base = str(display or Path.cwd())
    for done, name in enumerate(names, 1):
        if progress is not None:
            progress(done - 1, len(names))
        shown = display_name(stdin_name) if name == STDIN else _shown(name, base)
        if name in folders:
            walked[shown] = _shown(folders[name], base)
        try:
            data = read_source(name)
        except InputError as exc:
            portfolio.errors.append(str(exc))
            continue
        digest = hashlib.sha256(data).hexdigest()
        known = reuse.get((shown, digest)) if reuse is not None else None
        if known is not None:
            result, summary = replace(known[0]), known[1]  # a copy: checks across files edit it
        else:
            result, summary = load_text(
                data,
                shown,
                emotions=emotions,
                triggers=triggers,
                keep_text=keep_text,
                places=places,
            )
            result.digest = digest
            if reuse is not None:
                reuse[(shown, digest)] = (replace(result), summary)
        portfolio.files.append(result)
        if summary is not None:
            outlines.append(summary)
    cross = check_portfolio(outlines, walked)
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
        name = os.path.relpath(absolute, base)
    return display_name(name)
