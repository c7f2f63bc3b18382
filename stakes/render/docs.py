"""The parts of the docs that are generated from the code, so that they cannot drift.

A markdown file marks a generated part with two comments::

    <!-- generated: formats lint -->
    ...
    <!-- end generated -->

and ``regenerate(text)`` rewrites what lies between them; the tests fail when a file is not
what ``regenerate`` makes of it, and ``python scripts/regenerate-docs.py`` rewrites them all.
Whole generated files (the rules reference, the JSON Schema) are listed in ``FILES``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

START = "<!-- generated: {} -->"
END = "<!-- end generated -->"
_REGION = re.compile(r"<!-- generated: ([^>]*?) -->\n(.*?)<!-- end generated -->", re.DOTALL)


def formats(kind: str) -> str:
    """A table of the output formats of ``kind``, the default first."""
    from stakes.render.registry import formats as of_kind

    rows = ["| `--format` | what it writes |", "| --- | --- |"]
    for i, f in enumerate(of_kind(kind)):
        rows.append(f"| `{f.name}`{' (default)' if i == 0 else ''} | {f.summary} |")
    return "\n".join(rows) + "\n"


#: What a region's name generates: the name, then its arguments, as in the marker.
PARTS: dict[str, Callable[..., str]] = {"formats": formats}


def generate(spec: str) -> str:
    """The text of the region named ``spec`` (``formats lint``)."""
    name, *args = spec.split()
    if name not in PARTS:
        raise KeyError(f"no generated part called {name!r}; known: {', '.join(PARTS)}")
    return PARTS[name](*args)


def regenerate(text: str) -> str:
    """``text`` with every generated region rewritten from the code."""
    return _REGION.sub(lambda m: f"{START.format(m.group(1))}\n{generate(m.group(1))}{END}", text)


def whole_files() -> dict[str, str]:
    """The files that are generated whole, by their path in the repository."""
    from stakes.journey.model import json_schema
    from stakes.linter.catalogue import all_rules
    from stakes.render.rules import reference

    return {
        "docs/rules.md": reference(all_rules()),
        "schema/journey.schema.json": json.dumps(json_schema(), indent=2, ensure_ascii=False)
        + "\n",
    }


def stale_files(root: Path) -> dict[Path, str]:
    """Each generated file under the repository ``root`` that is not what the code makes, with
    the text it should have: the README and docs/*.md by region, and the whole files."""
    out: dict[Path, str] = {}
    for path in sorted([root / "README.md", *(root / "docs").glob("*.md")]):
        text = path.read_text(encoding="utf-8")
        new = regenerate(text)
        if new != text:
            out[path] = new
    for name, text in whole_files().items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out[path] = text
    return out
