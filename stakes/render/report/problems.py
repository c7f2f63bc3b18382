"""What the report finds at each touchpoint, and the one section of its body each touchpoint
is listed in.

Every touchpoint with something to change gets one entry of problems, each of a *kind*: the
verdict a bot is against, an escalation gap, a moment not assessed, a rule of the law, a
data-use rule, an override not applied. The kinds, most urgent first, give both the order of
"Top actions" and the section a touchpoint is listed in (its *home*): a touchpoint appears in
the body at most twice, in "Top actions" and in its home, and its row there names every other
problem found at it. The other sections count such touchpoints instead of listing them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.journey.values import AI_HANDLERS
from stakes.linter.escalation import Gap
from stakes.render.documents import ReportDocument
from stakes.render.markdown import cell

#: The change each kind of problem asks for, most urgent first (the rank is the index).
CHANGES: tuple[tuple[str, str], ...] = (
    ("human-only", "hand it to people: the verdict is human-only"),
    ("assist", "let a person decide, with AI drafting (hybrid): the verdict is assist"),
    ("STK201", "give it a way to a person: an escalation a customer's request starts"),
    ("STK202", "pass the history when it hands over (keeps_context: true)"),
    ("STK203", "hand over to people, not to another bot"),
    ("STK204", "break the loop of hand-overs: end it with people"),
    ("STK205", "offer a person after a few turns (offer_after_turns)"),
    ("unassessed", "say what is at stake: its signals (emotion at least)"),
    ("law", "meet the law where the customer is"),
    ("data-use", "say and fix how it uses customer data"),
    ("override", "review its override: expired or unreviewed, it is not applied"),
)
RANK = {kind: i for i, (kind, _) in enumerate(CHANGES)}
BOT = frozenset({"human-only", "assist"})
#: The escalation gaps in a few words, and why each matters, by rule.
GAPS: dict[str, tuple[str, str]] = {
    "STK201": ("no way to a person", "a customer who needs a person cannot reach one."),
    "STK202": ("the hand-over drops the history", "the customer starts again with the person."),
    "STK203": ("it hands over to a bot", "another bot is not a way to a person."),
    "STK204": ("the hand-overs loop", "the customer is passed round and back."),
    "STK205": ("no person after a few turns", "customers loop here, and no person is offered."),
}

#: The body's sections a touchpoint can be listed in, in the report's order.
HOMES = ("never", "over", "escalation", "under", "overrides", "unassessed", "law", "data-use")


def against_verdict(t: TouchpointAssessment) -> bool:
    """The moment is over-automated, and not only as an escalation gap: a guarded moment a bot
    handles with no way to a person (STK201) is over-automated too, but the report counts and
    lists it there, once."""
    return t.alignment == "over-automated" and not gap_only(t)


def gap_only(t: TouchpointAssessment) -> bool:
    """A guarded moment a bot handles with no way to a person: an escalation gap (STK201)."""
    return (
        t.alignment == "over-automated"
        and t.verdict == "guarded"
        and t.touchpoint.handled_by in AI_HANDLERS
        and t.touchpoint.escalation is None
    )


@dataclass
class Action:
    """One touchpoint's change: the most urgent ``kind`` there, and every problem found."""

    at: TouchpointAssessment
    #: The problems found, by kind, each once, in the order found.
    found: dict[str, list[str]] = field(default_factory=dict)
    #: Each kind's first problem here, and why it matters in a sentence.
    first: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The contacts and the distinct customers a contact log shows here (0 without one).
    contacts: int = 0
    customers: int = 0

    @property
    def kinds(self) -> set[str]:
        return set(self.found)

    @property
    def problems(self) -> list[str]:
        return [p for kind in sorted(self.found, key=RANK.__getitem__) for p in self.found[kind]]

    @property
    def kind(self) -> str:
        return min(self.found, key=RANK.__getitem__)

    def key(self) -> tuple[int, int, int, int, str]:
        return (
            RANK[self.kind],
            -self.contacts,
            -self.at.result.score,
            -len(self.problems),
            self.at.key,
        )


def ranked(document: ReportDocument) -> list[Action]:
    """Every touchpoint with something to change, ranked (see render/report/actions.py)."""
    by_key: dict[str, Action] = {}

    def note(t: TouchpointAssessment, kind: str, problem: str, why: str) -> None:
        action = by_key.setdefault(t.key, Action(t))
        action.first.setdefault(kind, (problem, why))
        mine = action.found.setdefault(kind, [])
        if problem not in mine:
            mine.append(problem)

    for t in document.assessment:
        if against_verdict(t):
            kind = "human-only" if t.verdict == "human-only" else "assist"
            note(t, kind, f"AI handles it against its verdict, {t.verdict}", "")
        if t.unsaid:
            why = f"the journey gives no {' or '.join(t.unsaid)}, so its verdict is only a floor."
            note(t, "unassessed", "not assessed", why)
        o = t.touchpoint.override
        if o is not None and t.override != "applied":
            why = "an override that is not applied does not change the verdict."
            missing = (
                "expired" if t.override == "expired" else f"no {' and no '.join(o.unreviewed)}"
            )
            note(t, "override", f"its override to {o.verdict} is not applied: {missing}", why)
    for gap in document.gaps:
        if gap.code in GAPS:
            note(gap.at, gap.code, gap_text(gap), GAPS[gap.code][1])
    for pack in document.compliance:
        for rule in pack.rules:
            for t, judged in rule.failed:
                problem = f"{rule.code} {rule.rule.id} ({pack.jurisdiction})"
                note(t, "law", problem, f"{judged.problem} ({pack.jurisdiction}).")
    for row in document.data_use:
        for p in row.failing:
            note(row.at, "data-use", f"{p.code} {p.name}", f"{p.problem}.")
    for key, (contacts, customers) in logged(document).items():
        if key in by_key:
            by_key[key].contacts, by_key[key].customers = contacts, customers
    return sorted(by_key.values(), key=Action.key)


def logged(document: ReportDocument) -> dict[str, tuple[int, int]]:
    """The contacts and distinct customers per touchpoint in the contact log (none without)."""
    log: Any = document.assessment.log
    if log is None:
        return {}
    return {
        f"{r['journey']}/{r['touchpoint']}": (r["contacts"] or 0, r.get("customers") or 0)
        for r in log.touchpoint_records()
    }


def gap_text(gap: Gap) -> str:
    """An escalation gap in a few words, with where the hand-over goes and what the rule saw."""
    words = GAPS[gap.code][0]
    local = f"{gap.at.journey.journey}/"
    if gap.path:
        return f"{words}: " + " → ".join(k.removeprefix(local) for k in (*gap.path, gap.path[0]))
    if gap.target:
        words += f" (to {gap.target.removeprefix(local)})"
    if gap.detail and gap.code == "STK205":
        words += f": {gap.detail}"
    return words


def home(t: TouchpointAssessment, action: Action | None) -> str | None:
    """The one section of the body that lists ``t``: what matters most about it (the order of
    HOMES), or None for a moment with nothing to act on (the appendix lists it)."""
    kinds = action.kinds if action is not None else set()
    if t.verdict == "human-only":
        return "never"
    if kinds & BOT:
        return "over"
    if kinds & set(GAPS):
        return "escalation"
    if t.alignment == "under-automated":
        return "under"
    if t.touchpoint.override is not None:
        return "overrides"
    if "unassessed" in kinds:
        return "unassessed"
    for kind in ("law", "data-use"):
        if kind in kinds:
            return kind
    return None


class Plan:
    """The report's problems and where each touchpoint is listed."""

    def __init__(self, document: ReportDocument) -> None:
        self.actions = ranked(document)
        self.by_key = {a.at.key: a for a in self.actions}
        self.homes = {t.key: home(t, self.by_key.get(t.key)) for t in document.assessment}

    def listed(
        self, rows: Iterable[TouchpointAssessment], section: str
    ) -> list[TouchpointAssessment]:
        """The ``rows`` this section lists: those whose home it is."""
        return [t for t in rows if self.homes.get(t.key) == section]

    def elsewhere(self, kinds: Iterable[str], section: str) -> int:
        """How many touchpoints with a problem of these kinds another section lists."""
        wanted = set(kinds)
        return sum(bool(a.kinds & wanted) and self.homes[a.at.key] != section for a in self.actions)

    def also(self, t: TouchpointAssessment, *shown: str) -> str:
        """The problems at ``t`` its row does not show in a column of its own, as a cell."""
        action = self.by_key.get(t.key)
        found = action.found if action is not None else {}
        rest = [
            p
            for kind in sorted(found, key=RANK.__getitem__)
            if kind not in shown and kind not in BOT
            for p in found[kind]
        ]
        o = t.touchpoint.override
        if o is not None and t.override == "applied" and "override" not in shown:
            until = f", until {o.expires.isoformat()}" if o.expires else ""
            rest.append(f"an override to {o.verdict} applies ({o.approved_by}{until})")
        return cell("; ".join(rest)) or "—"
