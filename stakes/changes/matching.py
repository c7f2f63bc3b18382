"""How moments and findings are matched across two revisions: a touchpoint renamed with its
title kept, and each finding's state against the base (SARIF's baselineState)."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Finding


def renames(
    before: dict[str, TouchpointAssessment], after: dict[str, TouchpointAssessment]
) -> dict[str, str]:
    """Touchpoints whose id changed: in the same journey, one gone and one new with the same
    title, when that title names one moment on each side (new key -> old key)."""
    gone: dict[tuple[str, str], list[str]] = {}
    for key in before.keys() - after.keys():
        t = before[key]
        gone.setdefault((t.journey.journey, t.touchpoint.title), []).append(key)
    came: dict[tuple[str, str], list[str]] = {}
    for key in after.keys() - before.keys():
        t = after[key]
        came.setdefault((t.journey.journey, t.touchpoint.title), []).append(key)
    return {
        new[0]: old[0]
        for name, new in came.items()
        if len(new) == 1 and len(old := gone.get(name, [])) == 1
    }


def baseline(
    base: Sequence[Finding], head: Sequence[Finding], moved: dict[str, str]
) -> tuple[tuple[str, Finding], ...]:
    """Each head finding as new, unchanged or updated (the same rule at the same moment with
    another message), then each base finding no longer found, absent. ``moved`` maps a
    renamed moment's old key to its new one."""

    def where(f: Finding) -> str:
        return moved.get(f.subject, f.subject) or f.file

    left: dict[tuple[str, str, str], list[Finding]] = {}
    for f in base:
        left.setdefault((f.code, where(f), f.message), []).append(f)
    out: list[tuple[str, Finding]] = []
    pending: list[Finding] = []
    for f in head:
        same = left.get((f.code, where(f), f.message))
        if same:
            same.pop()
            out.append(("unchanged", f))
        else:
            pending.append(f)
    gone: dict[tuple[str, str], list[Finding]] = {}
    for (code, at, _), rest in left.items():
        gone.setdefault((code, at), []).extend(rest)
    for f in pending:
        was = gone.get((f.code, where(f)))
        out.append(("updated" if was else "new", f))
        if was:
            was.pop()
    out += [("absent", f) for rest in gone.values() for f in rest]
    return tuple(out)
