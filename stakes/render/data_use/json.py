"""``stakes export data-use --format json``: a versioned document, one touchpoint per line,
with its data categories, how it uses them and what the data-use rules say (docs/data-use.md).
The report's JSON carries the same records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stakes.linter.data_use import DataUseRow
from stakes.render.data import json_chunks
from stakes.render.documents import DataUseDocument
from stakes.render.registry import Options
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning.
SCHEMA_VERSION = 1


def render(document: DataUseDocument, options: Options) -> Iterator[str]:
    """Every moment that uses customer data automatically or declares how."""
    head = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "summary": {
            "touchpoints": len(document.rows),
            "failing": sum(bool(r.failing) for r in document.rows),
        },
    }
    return json_chunks(head, "touchpoints", (record(r) for r in document.rows))


def record(row: DataUseRow) -> dict[str, Any]:
    """One moment: who handles and decides it, its data, its declared use, its findings."""
    t, use = row.at, row.use
    tp = t.touchpoint
    return {
        "touchpoint": t.key,
        "title": tp.title,
        "file": t.file,
        "handled_by": tp.handled_by,
        "decided_by": tp.decider,
        "verdict": t.verdict,
        "categories": list(row.categories),
        "data_use": None if use is None else use.model_dump(mode="json"),
        "trains_models": use is not None and use.trains,
        "jurisdictions": list(row.jurisdictions),
        "findings": [
            {
                "code": p.code,
                "rule": p.name,
                "problem": p.problem,
                "jurisdictions": list(p.jurisdictions),
                "silenced": p.silenced,
            }
            for p in row.problems
        ],
    }
