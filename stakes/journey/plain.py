"""Walking a journey's plain data (what the loader builds from YAML) before it is validated:
nothing here assumes the data is well formed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from stakes.journey.keys import touchpoint_key


class Positions(Protocol):
    """Anything that can say where a data path is in its file (the loader's SourceMap)."""

    def position(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]: ...


def items(value: Any) -> Iterator[tuple[int, Any]]:
    """The items of a list in plain data (nothing for anything else)."""
    return enumerate(value) if isinstance(value, tuple) else iter(())


def touchpoints(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Each touchpoint mapping of a journey's plain data, with its data path."""
    for i, stage in items(data.get("stages")):
        if isinstance(stage, dict):
            for j, tp in items(stage.get("touchpoints")):
                if isinstance(tp, dict):
                    yield ("stages", i, "touchpoints", j), tp


def get(value: Any, path: Iterable[str | int]) -> Any:
    """The value at ``path`` in plain data, None when there is none."""
    for part in path:
        if isinstance(part, int) and isinstance(value, tuple) and 0 <= part < len(value):
            value = value[part]
        elif isinstance(part, str) and isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def subject_of(data: Any, path: Sequence[str | int]) -> str:
    """``journey/touchpoint`` that a data path in ``data`` concerns, else the journey slug
    ("" when the data has none)."""
    if not isinstance(data, dict):
        return ""
    slug = data.get("journey")
    journey = slug if isinstance(slug, str) else ""
    if len(path) >= 4 and path[0] == "stages" and path[2] == "touchpoints":
        tp = get(data, path[:4])
        if isinstance(tp, dict) and isinstance(tp.get("id"), str):
            return touchpoint_key(journey, tp["id"])
    return journey
