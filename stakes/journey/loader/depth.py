"""Nesting depth, checked before a document is composed: the C composer recurses and must never
see a file nested deeper than the limit (it crashes at about 200,000 levels)."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent

from stakes.journey.loader.limits import MAX_DEPTH

# A line whose indentation (with block indicators) is this long may nest deeper than the limit.
_DEEP_BLOCK = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH},}}", re.MULTILINE)
_BRACKETS = re.compile(r"[^\[\]{}]+")


def depth_violation(text: str, loader_class: Any) -> tuple[int, int] | None:
    """Where nesting first exceeds MAX_DEPTH, checked with the event parser only when cheap
    estimates say it might (the C composer recurses and must never see such a file)."""
    brackets = _BRACKETS.sub("", text)
    suspicious = len(brackets) > 10_000 or _DEEP_BLOCK.search(text) is not None
    if not suspicious:
        depth = 0
        for ch in brackets:
            depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
            if depth > MAX_DEPTH // 2:
                suspicious = True
                break
    if not suspicious:
        return None
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH and mark is not None:
                    return mark.line + 1, mark.column + 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            return exc.problem_mark.line + 1, exc.problem_mark.column + 1  # libyaml's own limit
        return None  # the composer reports the syntax error with its position
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None
