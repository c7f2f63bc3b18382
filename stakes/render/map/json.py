"""``stakes map --format json``: a versioned document (docs/map.md), one touchpoint per line."""

from __future__ import annotations

from collections.abc import Iterator

from stakes.render.data import json_chunks
from stakes.render.documents import MapDocument
from stakes.render.map.records import summary, touchpoint_record
from stakes.render.registry import Options
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning (docs/map.md).
SCHEMA_VERSION = 1


def render(document: MapDocument, options: Options) -> Iterator[str]:
    """The assessment of the rows as JSON, in chunks, one touchpoint at a time (large
    portfolios stream)."""
    assessment, rows = document.assessment, document.rows
    policy = assessment.policy
    head = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "policy": {"name": policy.policy, "version": policy.version, "digest": policy.digest()},
        "summary": summary(assessment, rows),
    }
    return json_chunks(head, "touchpoints", (touchpoint_record(t) for t in rows))
