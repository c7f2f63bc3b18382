"""``stakes init``: a starter journey, the schema, a configuration and a CI workflow."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from stakes.app.atomic_write import write_atomic
from stakes.journey.model import json_schema

#: What init writes, relative to the target folder, and the template each comes from.
FILES: dict[str, str] = {
    "journeys/order-question.yaml": "journey.yaml",
    "stakes.toml": "stakes.toml",
    ".github/workflows/stakes.yml": "workflow.yml",
    "schema/journey.schema.json": "",
}


@dataclass(frozen=True, slots=True)
class Written:
    """One file init considered: where, and whether it was written or already there."""

    path: Path
    created: bool


def template(name: str) -> str:
    """The text of a starter file (the schema is generated from the model)."""
    if not name:
        return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    return resources.files("stakes").joinpath(f"data/init/{name}").read_text(encoding="utf-8")


def init(target: Path) -> list[Written]:
    """Write the starter files under ``target``; a file that exists is never overwritten."""
    out = []
    for relative, source in FILES.items():
        path = target / relative
        if path.exists():
            out.append(Written(path, False))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, template(source))
        out.append(Written(path, True))
    return out
