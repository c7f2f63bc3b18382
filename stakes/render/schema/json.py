"""``stakes schema``: the JSON Schema of the journey format, for editors and validators."""

from __future__ import annotations

import json
from typing import Any

from stakes.render.registry import Options


def render(schema: dict[str, Any], options: Options) -> str:
    """The schema as indented JSON with a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
