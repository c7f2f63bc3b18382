"""``stakes import``: journeys from the forms teams already keep them in (a Mermaid diagram, a
spreadsheet journey map, a service blueprint, a bot's intent catalogue), written as journey
files an analyst finishes.

Each input is read by its importer (``stakes.interchange``) into journey drafts. What a draft
becomes is checked by the journey loader itself, the one judge of the format: a value it
refuses is reported at the input's line and column, and that journey is not written. A
journey is written only when it reads back without an error, to a new file: an existing one
is replaced only with ``force``, an input never. The other journeys and files are still
imported, and the exit code is 2 when anything was not.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stakes.app.outcome import EXIT_OK, EXIT_USAGE, Outcome, UsageError
from stakes.interchange.draft import Draft, Options, Problem

#: Each kind of input, and the module whose ``read(data, file, options)`` imports it.
IMPORTERS: dict[str, str] = {
    "mermaid": "stakes.interchange.mermaid",
    "csv": "stakes.interchange.sheet",
    "blueprint": "stakes.interchange.blueprint",
    "intents": "stakes.interchange.intents",
}
#: The most an input may hold (a spreadsheet of every journey is far smaller).
MAX_INPUT_BYTES = 64 * 1024 * 1024

Reader = Callable[[bytes, str, Options], tuple[list[Draft], list[Problem]]]


@dataclass(frozen=True)
class ImportRequest:
    """What to import and where to write it: ``output`` None or ``-`` for stdout, a name
    ending ``.yaml``/``.yml`` for one journey's file, else a folder (made if missing) for a
    file per journey."""

    kind: str
    paths: tuple[str, ...]
    output: str | None = None
    force: bool = False
    options: Options = field(default_factory=Options)


@dataclass(frozen=True)
class Imported:
    """What an import made: each journey's file (or None for stdout) and text."""

    journeys: list[tuple[str | None, Draft, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The journeys for stdout, one YAML document each."""
        return "---\n".join(text for _, _, text in self.journeys)


def run_import(request: ImportRequest) -> Outcome[Imported]:
    """Import every input; write each journey that reads back without an error."""
    if not request.paths:
        raise UsageError(f"give a file to import; e.g. stakes import {request.kind} FILE")
    read: Reader = importlib.import_module(IMPORTERS[request.kind]).read
    problems: list[Problem] = []
    drafts: list[Draft] = []
    for name in request.paths:
        data = _read(name, problems)
        if data is not None:
            made, found = read(data, _shown(name), request.options)
            drafts.extend(made)
            problems.extend(found)
    checked = _checked(_unique(drafts), problems)
    imported = Imported()
    targets = _targets(request, checked, problems)
    for draft, text in checked:
        target = targets.get(id(draft))
        if target is None and request.output not in (None, "-"):
            continue
        imported.journeys.append((target, draft, text))
    messages = [str(p) for p in problems]
    written = _write(imported, request, messages)
    messages += written
    to_write = sum(target is not None for target, _, _ in imported.journeys)
    code = EXIT_USAGE if problems or len(written) < to_write else EXIT_OK
    if not imported.journeys and request.output not in (None, "-"):
        return Outcome(None, messages, EXIT_USAGE, request.paths)
    document = imported if request.output in (None, "-") else None
    return Outcome(document, messages, code, request.paths)


def _read(name: str, problems: list[Problem]) -> bytes | None:
    import sys

    try:
        if name == "-":
            return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        with open(name, "rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        problems.append(Problem(_shown(name), 0, 0, f"cannot read: {exc.strerror or exc}"))
        return None
    if len(data) > MAX_INPUT_BYTES:
        limit = f"{MAX_INPUT_BYTES:,} bytes"
        problems.append(Problem(_shown(name), 1, 1, f"over {limit}, the limit; it was not read"))
        return None
    return data


def _shown(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _unique(drafts: list[Draft]) -> list[Draft]:
    """The drafts with each journey slug made unique in this run (``-2``, ``-3``...)."""
    from stakes.interchange.draft import Ids

    ids = Ids()
    for draft in drafts:
        draft.data["journey"] = ids(draft.slug, "journey")
    return drafts


def _checked(drafts: list[Draft], problems: list[Problem]) -> list[tuple[Draft, str]]:
    """Each draft as YAML that the journey loader reads without an error; a draft it refuses
    is a problem at the input's place of each value refused."""
    from stakes.interchange.yaml_text import emit
    from stakes.journey.files import load_text

    good = []
    for draft in drafts:
        text = emit(draft)
        result, _ = load_text(text, f"{draft.slug}.yaml")
        errors = [f for f in result.findings if f.severity >= f.severity.ERROR]
        for f in errors:
            line, column = draft.place(f.path)
            hint = f" ({f.hint})" if f.hint else ""
            problems.append(Problem(draft.source, line, column, f"{f.message}{hint}"))
        if not errors:
            good.append((draft, text))
    return good


def _targets(
    request: ImportRequest, checked: Sequence[tuple[Draft, str]], problems: list[Problem]
) -> dict[int, str]:
    """Where each journey is written (none for stdout); a journey whose file exists (without
    ``force``) or several for one file is a problem and gets no target."""
    output = request.output
    if output in (None, "-") or not checked:
        return {}
    assert output is not None
    if output.lower().endswith((".yaml", ".yml")):
        if len(checked) > 1:
            problems.append(
                Problem(
                    output,
                    0,
                    0,
                    f"{len(checked)} journeys cannot go in one file: give a folder to -o "
                    "(one file per journey)",
                )
            )
            return {}
        places = {id(checked[0][0]): output}
    else:
        places = {id(d): os.path.join(output, f"{d.slug}.yaml") for d, _ in checked}
    for draft, _ in checked:
        target = places[id(draft)]
        if os.path.lexists(target) and not request.force:
            problems.append(
                Problem(target, 0, 0, "already exists: nothing written (--force replaces it)")
            )
            del places[id(draft)]
    return places


def _write(imported: Imported, request: ImportRequest, messages: list[str]) -> list[str]:
    """Write each journey to its file; the lines that say what was written."""
    from stakes.app.atomic_write import OutputError, write_atomic

    done = []
    for target, draft, text in imported.journeys:
        if target is None:
            continue
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text, request.paths)
        except OutputError as exc:
            messages.append(f"stakes: error: {exc}")
            continue
        except OSError as exc:
            messages.append(f"stakes: error: {target}: cannot write: {exc.strerror or exc}")
            continue
        n = draft.touchpoints
        done.append(f"stakes: wrote {target} ({n} touchpoint{'s' * (n != 1)})")
    return done
