"""The Fails/Passes snippets of a rule's documentation, as whole journey files.

A snippet is written at the level that shows the problem best, and completed here into a valid
journey around it, by its first line:

- ``journey:`` (or ``- journey:``): a whole file; a ``stages`` block is added if it has none;
- ``stages:``: the stages of a journey;
- ``- id:``: the touchpoints of one stage (each given a title and a channel if it has none:
  ``handled_by`` is never made up, it is what rules are about);
- any other key: one touchpoint's keys (under ``signals:`` when they are signals).

A heading ``Fails (on 2027-03-10):`` fixes the date overrides are judged on.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass

from stakes.journey.signals import Signals

AS_OF = dt.date(2026, 11, 26)
HEAD = "journey: docs-example\ntitle: An example from the rules reference\nowner: cx-team\n"
STAGES = (
    "stages:\n  - id: contact\n    title: Contacts us\n    touchpoints:\n"
    "      - {id: help, title: Asks for help, channel: phone, handled_by: human}\n"
)
#: The keys a touchpoint given as keys alone is completed with, where the snippet has none.
TOUCHPOINT = (
    ("id", "example"),
    ("title", "An example"),
    ("channel", "chat"),
    ("handled_by", "human"),
)
_HEADING = re.compile(r"^(Fails|Passes)(?: \(on (\d{4}-\d{2}-\d{2})\))?:$", re.M)


@dataclass(frozen=True)
class Snippet:
    """One snippet of a rule's documentation, and the journey file it stands for."""

    fails: bool
    text: str
    as_of: dt.date

    @property
    def journey(self) -> str:
        """The snippet completed into a whole journey file."""
        return complete(self.text)


def snippets(doc: str) -> list[Snippet]:
    """Every Fails/Passes snippet in a rule's documentation, in order."""
    out = []
    for match in _HEADING.finditer(doc):
        rest = doc[match.end() :].split("\n")
        block = []
        for line in rest[1:] if rest and not rest[0].strip() else rest:
            if line.strip() and not line.startswith("    "):
                break
            block.append(line)
        text = textwrap.dedent("\n".join(block)).strip("\n") + "\n"
        day = dt.date.fromisoformat(match.group(2)) if match.group(2) else AS_OF
        out.append(Snippet(match.group(1) == "Fails", text, day))
    return out


def _first(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def complete(text: str) -> str:
    """A snippet completed into a journey file (see the module's documentation)."""
    first = _first(text)
    if first.startswith("- journey:"):
        return text
    if first.startswith("journey:"):
        has_stages = re.search(r"^stages:", text, re.M)
        return text if has_stages else text + STAGES
    if first.startswith("stages:"):
        return HEAD + text
    if first.startswith("- "):
        return HEAD + _one_stage(_completed_items(text))
    key = first.split(":", 1)[0].strip()
    if key in Signals.model_fields:
        text = "signals:\n" + textwrap.indent(text, "  ")
    body = "".join(
        f"{name}: {value}\n"
        for name, value in TOUCHPOINT
        if not re.search(rf"^{name}:", text, re.M)
    )
    item = "- " + textwrap.indent(body + text, "  ")[2:]
    return HEAD + _one_stage(item)


def _completed_items(text: str) -> str:
    """Touchpoint items, each given a title and a channel when it has none."""
    items = re.split(r"(?m)^(?=- )", text)
    out = []
    for item in items:
        if not item.strip():
            continue
        lines = item.splitlines(keepends=True)
        keys = {m.group(1) for m in re.finditer(r"(?m)^(?:- |  )(\w+):", item)}
        extra = "".join(
            f"  {name}: {value}\n"
            for name, value in (("title", "An example"), ("channel", "chat"))
            if name not in keys
        )
        out.append(lines[0] + extra + "".join(lines[1:]))
    return "".join(out)


def _one_stage(touchpoints: str) -> str:
    return "stages:\n  - id: contact\n    title: Contacts us\n    touchpoints:\n" + textwrap.indent(
        touchpoints, "      "
    )
