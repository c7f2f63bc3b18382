"""The report's "Top actions": at most ten changes, one per touchpoint, each with what to
change, why in one sentence, the size of the problem and the other problems the report finds
at the same touchpoint.

The ranking rule (docs/example-report.md is the shipped report; the tests pin it down):
1. by kind, most urgent first: AI where the verdict is human-only; AI where a person should
   decide (assist, or the contact log shows bots alone where they should not be); a bot with
   no way to a person; a hand-over that drops the history, leads to a bot, loops, or offers no
   person after a few turns; a moment the journey does not assess; a rule of the law where
   the customer is; a data-use rule; an override that is expired or unreviewed;
2. then by the contacts a contact log shows there (with ``--evidence``), most first;
3. then by stakes score, highest first; then by how many problems the touchpoint has; then by
   its key, so that the same inputs give the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.documents import ReportDocument
from stakes.render.markdown import cell
from stakes.render.report.sections import against_verdict
from stakes.render.report.tables import named, reasons, stakes_cell

MAX_ACTIONS = 10

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
_RANK = {kind: i for i, (kind, _) in enumerate(CHANGES)}
#: The escalation gaps in a few words, and why each matters, by rule.
GAPS: dict[str, tuple[str, str]] = {
    "STK201": ("no way to a person", "a customer who needs a person cannot reach one."),
    "STK202": ("the hand-over drops the history", "the customer starts again with the person."),
    "STK203": ("it hands over to a bot", "another bot is not a way to a person."),
    "STK204": ("the hand-overs loop", "the customer is passed round and back."),
    "STK205": ("no person after a few turns", "customers loop here, and no person is offered."),
}


@dataclass
class Action:
    """One touchpoint's change: the most urgent ``kind`` there, and every problem found."""

    at: TouchpointAssessment
    kinds: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    #: Each kind's first problem here, and why it matters in a sentence.
    first: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return min(self.kinds, key=_RANK.__getitem__)

    def key(self) -> tuple[int, int, int, int, str]:
        contacts = self.at.observation.contacts if self.at.observation is not None else 0
        return (
            _RANK[self.kind],
            -contacts,
            -self.at.result.score,
            -len(self.problems),
            self.at.key,
        )


def ranked(document: ReportDocument) -> list[Action]:
    """Every touchpoint with something to change, ranked (see the module)."""
    by_key: dict[str, Action] = {}

    def note(t: TouchpointAssessment, kind: str, problem: str, why: str) -> None:
        action = by_key.setdefault(t.key, Action(t))
        action.kinds.add(kind)
        action.first.setdefault(kind, (problem, why))
        if problem not in action.problems:
            action.problems.append(problem)

    for t in document.assessment:
        if against_verdict(t):
            note(t, _kind(t), f"AI handles it against its verdict, {t.verdict}", "")
        if t.unsaid:
            why = f"the journey gives no {' or '.join(t.unsaid)}, so its verdict is only a floor."
            note(t, "unassessed", "not assessed", why)
        if t.override is not None and t.override != "applied":
            why = "an override that is not applied does not change the verdict."
            note(t, "override", f"its override is {t.override}", why)
    for gap in document.gaps:
        if gap.code in GAPS:
            note(gap.at, gap.code, *GAPS[gap.code])
    for pack in document.compliance:
        for rule in pack.rules:
            for t, judged in rule.failed:
                problem = f"{rule.code} {rule.rule.id} ({pack.jurisdiction})"
                note(t, "law", problem, f"{judged.problem} ({pack.jurisdiction}).")
    for row in document.data_use:
        for p in row.failing:
            note(row.at, "data-use", f"{p.code} {p.name}", f"{p.problem}.")
    return sorted(by_key.values(), key=Action.key)


def _kind(t: TouchpointAssessment) -> str:
    """The verdict a bot is against: human-only, or assist (a guarded moment that AI takes
    a decision at, or that a log shows bots alone at, asks for a person as assist does)."""
    return "human-only" if t.verdict == "human-only" else "assist"


def _change(a: Action) -> str:
    """What to change, in the words the moment asks for."""
    t = a.at
    if a.kind in ("human-only", "assist"):
        in_fact = t.observation is not None and t.observation.in_fact
        if in_fact and t.touchpoint.handled_by not in ("ai", "self-service"):
            return (
                "stop bots handling it: the journey gives it to people, the contact log shows "
                "bots handling it alone"
            )
        if t.verdict == "guarded":
            return "give it a way to a person: the verdict is guarded"
        if t.touchpoint.interaction != "conversation":
            return f"let people take the decision it carries: the verdict is {t.verdict}"
    if a.kind == "STK201" and t.touchpoint.interaction != "conversation":
        return "name a way to a person in it: a phone number, or a reply that a person reads"
    return dict(CHANGES)[a.kind]


def _why(a: Action) -> str:
    """Why, in a sentence: the deciding rule's, an applied override's reason, the contact
    log's finding, or what the problem costs the customer."""
    t = a.at
    if a.kind not in ("human-only", "assist"):
        return cell(a.first[a.kind][1])
    if t.observation is not None and t.observation.in_fact:
        return cell(t.observation.in_fact) + "."
    o = t.touchpoint.override
    if t.override == "applied" and o is not None:
        return cell(f"a reviewed override makes it {o.verdict}: {o.reason} ({o.approved_by}).")
    return reasons(t)


def actions(document: ReportDocument) -> str:
    """The section: the first MAX_ACTIONS actions, numbered."""
    head = "## Top actions\n\n"
    found = ranked(document)
    if not found:
        return head + "Nothing to change: no touchpoint has a problem this report finds.\n"
    rest = len(found) - MAX_ACTIONS
    lines = [
        head + "One change per touchpoint, the most urgent first (AI where a person must act, "
        "then a bot with no way to a person, hand-overs, moments not assessed, the law, data "
        "use and overrides; within each, the most contacts in a contact log, then the highest "
        "stakes).\n"
    ]
    for n, a in enumerate(found[:MAX_ACTIONS], 1):
        change = _change(a)
        size = f"stakes {stakes_cell(a.at)}"
        if a.at.observation is not None:
            size += f", {a.at.observation.contacts:,} contacts in the log"
        headline = a.first[a.kind][0]
        others = [p for p in a.problems if p != headline]
        lines.append(f"{n}. **{named(a.at)}**: {change}.")
        lines.append(f"   - Why: {_why(a)}")
        lines.append(f"   - Size: {size}")
        if others:
            lines.append(f"   - Also here: {cell('; '.join(others))}")
    if rest > 0:
        lines.append(
            f"\n{rest} more touchpoint{' has' if rest == 1 else 's have'} something to change; "
            "the sections below list every problem."
        )
    return "\n".join(lines) + "\n"
