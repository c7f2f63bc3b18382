"""``stakes init``: a starter journey, the schema, a configuration and a CI workflow."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from stakes.app.atomic_write import write_atomic
from stakes.journey.model import json_schema
from stakes.version import __version__

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


#: What a requirement the workflow installs may hold: a PEP 508 name and version, or a direct
#: reference to a URL (nothing that would end the quoted YAML string or the shell word).
REQUIREMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-\[\], ]*(?:(?:==|===|@ ?)[\w.:/@+%~#=&?\-]+)")


def template(name: str, requirement: str = "") -> str:
    """The text of a starter file (the schema is generated from the model); the workflow
    installs ``requirement`` (default: this version, see ``requirement``)."""
    if not name:
        return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    text = resources.files("stakes").joinpath(f"data/init/{name}").read_text(encoding="utf-8")
    return text.replace("{requirement}", requirement or this_version())


def this_version() -> str:
    """The pip requirement of the stakes that is running: ``stakes @ git+URL@COMMIT`` when it
    was installed from a git repository (pip records where), else ``stakes==VERSION``. Either
    way CI gets exactly this version, never a newer one with other rules."""
    try:
        raw = metadata.distribution("stakes").read_text("direct_url.json")
        direct: Any = json.loads(raw) if raw else None
    except (metadata.PackageNotFoundError, ValueError):
        direct = None
    if isinstance(direct, dict) and isinstance(direct.get("vcs_info"), dict):
        vcs, url = direct["vcs_info"], direct.get("url")
        commit = vcs.get("commit_id")
        if vcs.get("vcs") == "git" and isinstance(url, str) and isinstance(commit, str):
            url = re.sub(r"^(\w+://)[^/@]*@", r"\1", url)  # never write credentials
            pinned = f"stakes @ git+{url}@{commit}"
            if REQUIREMENT.fullmatch(pinned):
                return pinned
    return f"stakes=={__version__}"


def init(target: Path, requirement: str = "") -> list[Written]:
    """Write the starter files under ``target``; a file that exists is never overwritten. The
    workflow installs ``requirement`` (default: ``this_version()``)."""
    out = []
    for relative, source in FILES.items():
        path = target / relative
        if path.exists():
            out.append(Written(path, False))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, template(source, requirement))
        out.append(Written(path, True))
    return out
