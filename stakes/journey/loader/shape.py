"""Nesting depth and node count, checked before a document is composed: the C composer
recurses and must never see a file nested deeper than the limit (it crashes at about 200,000
levels), and every node it composes costs memory (about 550 bytes)."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent

from stakes.journey.loader.limits import MAX_DEPTH, MAX_NODES

# A line whose indentation (with block indicators) is this long may nest deeper than the limit.
_DEEP_BLOCK = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH},}}", re.MULTILINE)
_BRACKETS = re.compile(r"[^\[\]{}]+")
# A node follows one of these (a flow or block indicator, or a line break); none makes more
# than two nodes ("? " makes a key and its empty value), so twice their count, plus the first
# node, bounds the number of nodes from above; and none is wider than one character.
_NODE_STARTS = "[{,:-?\n\r\x85\u2028\u2029"


def node_bound(text: str) -> int:
    """At least the number of nodes in ``text``, cheaply (a count only for long texts)."""
    if 2 * len(text) + 1 <= MAX_NODES:
        return 2 * len(text) + 1
    return 2 * sum(map(text.count, _NODE_STARTS)) + 1


def shape_violation(text: str, loader_class: Any) -> tuple[str, int, int] | None:
    """What limit the document breaks first (``"depth"`` or ``"nodes"``) and where, checked
    with the event parser only when cheap estimates say it might."""
    if node_bound(text) <= MAX_NODES and not _maybe_deep(text):
        return None
    loader = loader_class(text)
    depth = nodes = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent | ScalarEvent | AliasEvent):
                nodes += 1
                mark = event.start_mark
                if nodes > MAX_NODES and mark is not None:
                    return "nodes", mark.line + 1, mark.column + 1
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH and mark is not None:
                        return "depth", mark.line + 1, mark.column + 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            mark = exc.problem_mark  # libyaml's own limit
            return "depth", mark.line + 1, mark.column + 1
        return None  # the composer reports the syntax error with its position
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _maybe_deep(text: str) -> bool:
    brackets = _BRACKETS.sub("", text)
    if len(brackets) > 10_000 or _DEEP_BLOCK.search(text) is not None:
        return True
    depth = 0
    for ch in brackets:
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH // 2:
            return True
    return False
