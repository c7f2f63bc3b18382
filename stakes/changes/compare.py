"""The change set between two assessed revisions.

Touchpoints are matched by key (``journey/touchpoint``), so a file renamed or moved keeps its
moments; findings are matched by rule, subject and message, not by line, so that lines moving
do not make a finding new. A verdict is *softened* when the head's is lower in
automate < guarded < assist < human-only; a moment *moves to a bot against its verdict* when
its fit becomes over-automated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stakes.assessment.factors import VERDICTS
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.changes.matching import baseline, renames
from stakes.findings import Finding

if TYPE_CHECKING:
    import pandas as pd

RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}
#: What --fail-on takes, and what each one means.
GATES = {
    "new-over-automation": "a moment moves to a bot against its verdict",
    "new-findings": "a finding is new",
    "verdict-softened": "a verdict is softened",
    "any-change": "anything changes",
}


@dataclass(frozen=True)
class State:
    """What matters of a moment at one revision."""

    title: str
    handled_by: str
    verdict: str
    score: int
    level: str
    alignment: str
    rules: tuple[str, ...]
    override: tuple[str, str, str] | None  # verdict, expires (or ''), status
    escalation: tuple[str, bool] | None  # to, keeps the history
    #: Each factor's points, by name.
    factors: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, t: TouchpointAssessment) -> State:
        tp, r = t.touchpoint, t.result
        o = tp.override
        override = (
            (o.verdict, o.expires.isoformat() if o.expires else "", t.override or "") if o else None
        )
        esc = (tp.escalation.to, tp.escalation.keeps_context) if tp.escalation else None
        return cls(
            tp.title,
            tp.handled_by,
            t.verdict,
            r.score,
            r.level,
            t.alignment,
            tuple(sorted(rule.id for rule in r.hard_rules)),
            override,
            esc,
            tuple((f.name, f.points) for f in r.factors),
        )


@dataclass(frozen=True)
class Change:
    """One touchpoint that is added, removed or changed, with its findings new and fixed."""

    key: str
    before: State | None
    after: State | None
    new: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()
    #: The key it had at the base, when its id changed and its title did not.
    renamed_from: str | None = None

    @property
    def status(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    @property
    def title(self) -> str:
        state = self.after or self.before
        assert state is not None
        return state.title

    @property
    def to_bot(self) -> bool:
        """It moves to a bot against its verdict: over-automated now, not before."""
        was = self.before.alignment if self.before else None
        return (
            self.after is not None
            and self.after.alignment == "over-automated"
            and was != ("over-automated")
        )

    @property
    def softened(self) -> bool:
        return (
            self.before is not None
            and self.after is not None
            and RANK[self.after.verdict] < RANK[self.before.verdict]
        )

    def what(self) -> list[str]:
        """What changed, in a few words each."""
        b, a = self.before, self.after
        if b is None or a is None:
            state = a or b
            assert state is not None
            return [f"{self.status}: {state.verdict}, handled by {state.handled_by}"]
        out = []
        if a.title != b.title:
            out.append(f"title: {b.title} → {a.title}")
        if self.renamed_from is not None:
            out.append(f"renamed from {self.renamed_from.split('/', 1)[1]}")
        if a.handled_by != b.handled_by:
            out.append(f"handled by {b.handled_by} → {a.handled_by}")
        if a.verdict != b.verdict:
            out.append(
                f"verdict {b.verdict} → {a.verdict}" + (" (softened)" if self.softened else "")
            )
        if (a.score, a.level) != (b.score, b.level):
            before = dict(b.factors)
            moved = [
                f"{name.replace('_', ' ')} {points - before.get(name, 0):+d}"
                for name, points in a.factors
                if points != before.get(name, 0)
            ]
            why = f" ({', '.join(moved)})" if moved else ""
            out.append(f"stakes {b.score} {b.level} → {a.score} {a.level}{why}")
        if a.alignment != b.alignment:
            out.append(f"fit {b.alignment} → {a.alignment}")
        out += [f"hard rule {r} now applies" for r in a.rules if r not in b.rules]
        out += [f"hard rule {r} no longer applies" for r in b.rules if r not in a.rules]
        if a.override != b.override:
            out.append(_override(b.override, a.override))
        if a.escalation != b.escalation:
            out.append(_escalation(b.escalation, a.escalation))
        return out


def _override(b: tuple[str, str, str] | None, a: tuple[str, str, str] | None) -> str:
    if b is None and a is not None:
        return f"override to {a[0]} added ({a[2]})"
    if a is None and b is not None:
        return f"override to {b[0]} removed"
    assert a is not None and b is not None
    if a[0] == b[0] and a[1] > b[1]:
        return f"override to {a[0]} renewed until {a[1]}"
    return f"override {b[0]} ({b[2]}) → {a[0]} ({a[2]})"


def _escalation(b: tuple[str, bool] | None, a: tuple[str, bool] | None) -> str:
    if b is None and a is not None:
        return f"escalation to {a[0]} added"
    if a is None and b is not None:
        return f"escalation to {b[0]} removed"
    assert a is not None and b is not None
    if a[0] != b[0]:
        return f"escalation {b[0]} → {a[0]}"
    return "the hand-over keeps the history now" if a[1] else "the hand-over drops the history now"


@dataclass(frozen=True)
class ChangeSet:
    """What changed from ``base`` to ``head``: moments, findings elsewhere (of a journey or a
    file), and the overrides at the head that expire within the window."""

    base: str
    head: str
    changes: tuple[Change, ...] = ()
    new_elsewhere: tuple[str, ...] = ()
    fixed_elsewhere: tuple[str, ...] = ()
    expiring: tuple[tuple[str, str, int], ...] = ()  # key, date, days left
    window: int = 30
    unchanged_findings: int = 0
    #: Every finding at the head (new, unchanged or updated) and every one gone (absent), with
    #: that state: what SARIF's baselineState says.
    findings: tuple[tuple[str, Finding], ...] = field(default_factory=tuple)
    #: What a contact log shows at the moments that changed (``--evidence``): contacts,
    #: customers, AI share, deflection and resolution rates.
    observed: dict[str, dict[str, Any]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = self.changes
        return {
            "to_bot_against_verdict": sum(x.to_bot for x in c),
            "verdicts_softened": sum(x.softened for x in c),
            "added": sum(x.status == "added" for x in c),
            "removed": sum(x.status == "removed" for x in c),
            "changed": sum(x.status == "changed" for x in c),
            "new_findings": sum(len(x.new) for x in c) + len(self.new_elsewhere),
            "fixed_findings": sum(len(x.fixed) for x in c) + len(self.fixed_elsewhere),
            "unchanged_findings": self.unchanged_findings,
            "overrides_expiring": len(self.expiring),
        }

    def failing(self, gates: Iterable[str]) -> list[str]:
        """The gates (GATES) this change set trips."""
        n = self.counts()
        tripped = {
            "new-over-automation": n["to_bot_against_verdict"] > 0,
            "new-findings": n["new_findings"] > 0,
            "verdict-softened": n["verdicts_softened"] > 0,
            "any-change": bool(self.changes or self.new_elsewhere or self.fixed_elsewhere),
        }
        return [g for g in gates if tripped[g]]

    def to_frame(self) -> pd.DataFrame:
        """A row per changed moment: its key, status, before and after, findings new and
        fixed."""
        import pandas as pd

        rows: list[dict[str, Any]] = []
        for x in self.changes:
            row: dict[str, Any] = {"touchpoint": x.key, "status": x.status}
            for side, state in (("before", x.before), ("after", x.after)):
                for name in ("handled_by", "verdict", "score", "level", "alignment"):
                    row[f"{name}_{side}"] = getattr(state, name) if state else None
            row |= {"what": "; ".join(x.what()), "new": len(x.new), "fixed": len(x.fixed)}
            rows.append(row)
        return pd.DataFrame(rows)


def finding_text(f: Finding) -> str:
    return f"{f.code} {f.rule.name}: {f.message}"


def compare(
    base: tuple[str, Assessment, Sequence[Finding]],
    head: tuple[str, Assessment, Sequence[Finding]],
    *,
    as_of: dt.date,
    window: int = 30,
) -> ChangeSet:
    """The change set from ``base`` to ``head``: each a name, its assessment and findings."""
    (bname, ba, bf), (hname, ha, hf) = base, head
    before = {t.key: t for t in ba}
    after = {t.key: t for t in ha}

    renamed = renames(before, after)
    states = baseline(bf, hf, {old: new for new, old in renamed.items()})
    # One matching for every count: by rule and moment (or journey, or file), a changed
    # message is the same finding updated, neither new nor fixed (changes/matching.py).
    new: dict[str, list[str]] = {}
    fixed: dict[str, list[str]] = {}
    now_called = {old: key for key, old in renamed.items()}
    for state, f in states:
        moment = now_called.get(f.subject, f.subject)
        at = moment if "/" in moment else ""
        text = finding_text(f) if at else f"{f.subject or f.file}: {finding_text(f)}"
        if state == "new":
            new.setdefault(at, []).append(text)
        elif state == "absent":
            fixed.setdefault(at, []).append(text)
    changes = []
    for key in sorted((before.keys() - set(renamed.values())) | after.keys()):
        old = renamed.get(key, key)
        b = State.of(before[old]) if old in before else None
        a = State.of(after[key]) if key in after else None
        gained = tuple(sorted(new.get(key, ())))
        lost = tuple(sorted(fixed.get(key, ())))
        if b != a or gained or lost or old != key:
            changes.append(Change(key, b, a, gained, lost, old if old != key else None))
    unchanged = sum(state in ("unchanged", "updated") for state, _ in states)
    expiring = []
    for t in ha:
        o = t.touchpoint.override
        if o is not None and o.expires is not None:
            days = (o.expires - as_of).days
            if 0 <= days <= window:
                expiring.append((t.key, o.expires.isoformat(), days))
    return ChangeSet(
        bname,
        hname,
        tuple(changes),
        tuple(sorted(new.get("", ()))),
        tuple(sorted(fixed.get("", ()))),
        tuple(expiring),
        window,
        unchanged,
        states,
    )
