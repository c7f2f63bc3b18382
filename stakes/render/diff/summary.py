"""What the diff formats share: the one-line summary a pull-request comment starts with."""

from __future__ import annotations

from stakes.changes.compare import ChangeSet

#: The marker a bot finds its own pull-request comment by, to update it instead of adding one.
MARKER = "<!-- stakes-diff -->"


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
    if n["new_findings"] or n["fixed_findings"]:
        parts.append(
            f"{n['new_findings']} new finding{'' if n['new_findings'] == 1 else 's'}, "
            f"{n['fixed_findings']} fixed"
        )
    for key, date, days in changes.expiring[:3]:
        parts.append(
            f"the override at {key} expires in {days} day{'' if days == 1 else 's'} ({date})"
        )
    if len(changes.expiring) > 3:
        parts.append(
            f"{len(changes.expiring) - 3} more overrides expire within {changes.window} days"
        )
    moved = n["added"] + n["removed"] + n["changed"]
    if moved and not parts:
        parts.append(
            f"{moved} moment{' changes' if moved == 1 else 's change'}, none against its verdict"
        )
    if not parts:
        return "No change in who handles which moment, its verdict or its findings."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
