"""Read YAML safely and exactly: text -> composed nodes -> plain data, with positions and limits.

This package is the only place that imports ``yaml``. It composes the document (libyaml's
``CSafeLoader`` when present), then builds plain Python data from the nodes itself (``build``),
checks nesting and size before composing (``shape``), reads bytes as text (``text``), so that it
can report duplicate keys, refuse tags, bound alias expansion and nesting, and answer "where is
``stages[1].touchpoints[0].channel``?" from the nodes without a separate position table.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from stakes.findings import Finding, finding
from stakes.journey import format_rules as R
from stakes.journey.loader.build import Builder, Stop
from stakes.journey.loader.limits import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_FINDINGS,
    MAX_INT,
    MAX_NODES,
)
from stakes.journey.loader.positions import SourceMap
from stakes.journey.loader.shape import shape_violation
from stakes.journey.loader.syntax import misindented, unquoted_colon
from stakes.journey.loader.text import char_name, check_text, decode, text_position
from stakes.shown import BIDI_CLASS

HAS_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
_Loader: Any = yaml.CSafeLoader if HAS_LIBYAML else yaml.SafeLoader


__all__ = [
    "HAS_LIBYAML",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_FINDINGS",
    "MAX_INT",
    "MAX_NODES",
    "Parsed",
    "SourceMap",
    "check_text",
    "decode",
    "dump_yaml",
    "parse",
    "scalar_spans",
    "source_map",
]

_START = {
    "journey": "a journey file starts with 'journey:', 'title:' and 'stages:'",
    "policy": "a policy file starts with 'extends: default' or 'policy:'",
}


Path = tuple[str | int, ...]


@dataclass(slots=True)
class Parsed:
    """The result of reading one file: plain data (or None) with its source map and findings."""

    data: Any = None
    source: SourceMap | None = None
    findings: list[Finding] = field(default_factory=list)
    #: The data path of each finding that has one, by its index in ``findings``.
    paths: dict[int, Path] = field(default_factory=dict)


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Building many small objects makes the cyclic collector the bottleneck (measured 3x).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(text: str, file: str, kind: str = "journey") -> Parsed:
    """Compose and construct one YAML document, reporting every problem as a finding.

    ``kind`` names what the document should hold (``journey``, ``policy``) in messages.
    """
    result = Parsed()
    too_big = shape_violation(text, _Loader)
    if too_big is not None:
        limit, line, col = too_big
        message = (
            f"nesting is deeper than {MAX_DEPTH} levels"
            if limit == "depth"
            else f"the file holds more than {MAX_NODES:,} YAML values, lists and mappings"
        )
        result.findings.append(finding(R.LIMIT_EXCEEDED, message, file, line, col))
        return result
    loader = _Loader(text)
    try:
        with _gc_paused():
            root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        result.findings.append(_syntax_finding(exc, file, text))
        return result
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark
        index = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 encoding
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        line, col = text_position(text, index)
        result.findings.append(
            finding(
                R.YAML_SYNTAX,
                f"YAML syntax error: {exc.reason} ({char_name(exc.character)})",
                file,
                line,
                col,
                hint="remove the character, or write it as an escape in a double-quoted string",
            )
        )
        return result
    except yaml.YAMLError as exc:  # anything else without a mark
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        result.findings.append(finding(R.YAML_SYNTAX, f"YAML error: {message}", file))
        return result
    finally:
        loader.dispose()
    if root is None:
        result.findings.append(
            finding(R.EMPTY_FILE, f"the file is empty: no {kind} in it", file, 1, 1)
        )
        return result
    result.source = SourceMap(root)
    if not isinstance(root, MappingNode):
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        shape = "a list" if isinstance(root, SequenceNode) else "a single value"
        result.findings.append(
            finding(
                R.NOT_A_MAPPING,
                f"the top level is {shape}, not a mapping of {kind} keys",
                file,
                line,
                col,
                hint=_START.get(kind, ""),
            )
        )
        return result
    builder = Builder(file, result.findings, result.paths)
    try:
        with _gc_paused():
            result.data = builder.build(root, (), 0)
    except Stop:
        result.data = None
    return result


def source_map(text: str) -> SourceMap | None:
    """The positions of a document that ``parse`` has already read without a syntax error."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return SourceMap(root) if root is not None else None


def scalar_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where each scalar of the document starts and ends, as 0-based (line, column) pairs.

    Text inside a scalar (a quoted string, a block of text) that looks like a comment is not
    one; the suppression parser asks this before it trusts a ``# stakes:`` comment.
    """
    loader = _Loader(text)
    spans = []
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, yaml.tokens.ScalarToken):
                start, end = token.start_mark, token.end_mark
                spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.YAMLError:
        pass  # a file that does not parse has no suppressions worth honouring past the error
    finally:
        loader.dispose()
    return spans


def _syntax_finding(exc: yaml.MarkedYAMLError, file: str, text: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or "invalid YAML"
    if "expected a single document" in (exc.context or ""):
        return finding(
            R.MULTIPLE_DOCUMENTS,
            "the file holds more than one YAML document ('---'); one journey per file",
            file,
            line,
            col,
        )
    context = f" ({exc.context})" if exc.context and exc.context != problem else ""
    said = f"{problem}{context}"
    opened = exc.context_mark
    if "end of stream" in problem and "quoted scalar" in (exc.context or "") and opened:
        return finding(
            R.YAML_SYNTAX,
            f"this quoted value is never closed: it runs to the end of the file; YAML said at "
            f"{line}:{col}: {said}",
            file,
            opened.line + 1,
            opened.column + 1,
            hint="close the quote where the value ends",
        )
    plain = unquoted_colon(text, line, said) or misindented(text, line, said)
    if plain is not None:
        return finding(
            R.YAML_SYNTAX,
            f"{plain.message}; YAML said at {line}:{col}: {said}",
            file,
            plain.line,
            plain.col,
            hint=plain.hint,
        )
    return finding(R.YAML_SYNTAX, f"YAML syntax error: {said}", file, line, col)


class _Dumper(yaml.CSafeDumper if HAS_LIBYAML else yaml.SafeDumper):  # type: ignore[misc]
    """Text that is not all printable (a line break, a control, a bidirectional mark) is
    written double-quoted, where YAML escapes it, so the output stays one line per value."""


def _text(dumper: Any, value: str) -> Any:
    style = None if value.isprintable() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_BIDI = re.compile(f"[{BIDI_CLASS}]")


def dump_yaml(data: Any) -> str:
    """``data`` (plain dicts, lists, text, numbers) as block-style YAML, keys in their order.

    Long text is never folded onto a second line, and what a terminal or a CI log would act on
    is escaped: a printed policy cannot start a workflow command or reorder what it shows.
    """
    options: dict[str, Any] = {"Dumper": _Dumper, "sort_keys": False, "width": 2**31 - 1}
    text = str(yaml.dump(data, allow_unicode=True, **options))
    if _BIDI.search(text):  # YAML writes these raw in Unicode output: escape everything
        text = str(yaml.dump(data, allow_unicode=False, **options))
    return text
