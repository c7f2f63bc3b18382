"""The names a spreadsheet's columns go by: the layout's own (``table``), the names
journey-mapping tools and people give them, and the keys people write for a field."""

from __future__ import annotations

import re

from stakes.interchange.table import Column, columns
from stakes.journey.words import KEYS

#: The names people and journey-mapping tools give a column, by the column they mean.
ALIASES: dict[str, tuple[str, ...]] = {
    "journey": ("journey_name", "journey_title", "journey_map", "map"),
    "stage": ("phase", "stage_name", "stage_title", "journey_stage", "section", "step_group"),
    "touchpoint": (
        "touchpoint_name",
        "touchpoint_title",
        "step",
        "moment",
        "action",
        "customer_action",
        "task",
        "title",
    ),
    "touchpoint_id": ("id",),
    "channel": ("channels", "medium", "touchpoint_channel", "via"),
    "handled_by": ("owner", "handled", "handler", "actor", "who", "served_by"),
    "emotion": ("emotions", "feeling", "feelings", "mood", "sentiment", "emotional_state"),
    "description": ("notes", "details", "what_happens"),
}


def normal(header: str) -> str:
    """A header as compared: lower-case, words joined by ``_`` (``Handled by`` is
    ``handled_by``)."""
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def known_names() -> dict[str, Column]:
    """Every name a column is known by: its own, its aliases, and the keys people write
    for its field (``KEYS`` of the hints: ``feeling``, ``handler``, ``amount``)."""
    by_name = {c.name: c for c in columns()}
    names = dict(by_name)
    for key, meant in KEYS.items():
        if ":" not in meant and meant in by_name:
            names.setdefault(key, by_name[meant])
    for name, aliases in ALIASES.items():
        for alias in aliases:
            names[alias] = by_name[name]
    return names
