"""What the diff formats share: the one-line summary a pull-request comment starts with, and
counts in words."""

from __future__ import annotations

from typing import Any

from stakes.changes.compare import ChangeSet
from stakes.render.evidence.common import pct

#: The marker a bot finds its own pull-request comment by, to update it instead of adding one.
MARKER = "<!-- stakes-diff -->"


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun: 1 finding, 2 findings."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summary(changes: ChangeSet) -> str:
    """The change set in a sentence, what matters most first."""
    n = changes.counts()
    parts = []
    if n["to_bot_against_verdict"]:
        k = n["to_bot_against_verdict"]
        parts.append(f"{k} moment{' moves' if k == 1 else 's move'} to a bot against the verdict")
    if n["verdicts_softened"]:
        k = n["verdicts_softened"]
        parts.append(f"{k} verdict{' is' if k == 1 else 's are'} softened")
    moved = n["added"] + n["removed"] + n["changed"]
    if moved and not parts:
        parts.append(
            f"{moved} moment{' changes' if moved == 1 else 's change'}, none against its verdict"
        )
    new, fixed = n["new_findings"], n["fixed_findings"]
    if new and fixed:
        parts.append(f"{counted(new, 'new finding')}, {fixed} fixed")
    elif new or fixed:
        parts.append(counted(new, "new finding") if new else f"{counted(fixed, 'finding')} fixed")
    for key, date, days in changes.expiring[:3]:
        parts.append(f"the override at {key} expires in {counted(days, 'day')} ({date})")
    if len(changes.expiring) > 3:
        parts.append(
            f"{len(changes.expiring) - 3} more overrides expire within {changes.window} days"
        )
    if not parts:
        return "No change in who handles which moment, its verdict or its findings."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def in_the_log(seen: dict[str, Any]) -> str:
    """What the contact log shows at a moment, in a line."""
    customers = f" from {seen['customers']:,} customers" if seen.get("customers") else ""
    return (
        f"{seen['contacts']:,} contacts{customers}; AI {pct(seen.get('ai_share'))}, deflection "
        f"{pct(seen.get('deflection_rate'))}, resolution {pct(seen.get('resolution_rate'))}"
    )
