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
   its key, so that the same inputs give the same list;
4. an action whose change, tried on a copy of the journey (stakes/app/fixes.py), settles every
   problem of a later action's touchpoint takes that action in: the later one is not listed,
   and the earlier one names it.
"""

from __future__ import annotations

from stakes.journey.values import AI_HANDLERS
from stakes.render.documents import Fix, ReportDocument
from stakes.render.markdown import cell, code
from stakes.render.report.problems import CHANGES, Action, Plan
from stakes.render.report.tables import named, reasons, stakes_cell

MAX_ACTIONS = 10


def _change(a: Action) -> str:
    """What to change, in the words the moment asks for."""
    t = a.at
    if a.kind in ("human-only", "assist"):
        in_fact = t.observation is not None and t.observation.in_fact
        if in_fact and t.touchpoint.handled_by not in AI_HANDLERS:
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


def actions(plan: Plan, document: ReportDocument) -> str:
    """The section: the first MAX_ACTIONS actions, numbered, a line each. An action whose
    change, tried on a copy of the journey, settles every problem of a later action's
    touchpoint takes that action in (``document.fixes``)."""
    head = "## Top actions\n\n"
    found = plan.actions
    if not found:
        return head + "Nothing to change: no touchpoint has a problem this report finds.\n"
    lines = [
        head + "One change per touchpoint, the most urgent first: AI where a person must act, "
        "then a bot with no way to a person, hand-overs, moments not assessed, the law, data "
        "use and overrides; within each, the most contacts in a contact log, then the highest "
        "stakes. Where a change could be tried on a copy of the journey, the checks were run "
        "again and the findings it fixes are counted; a change that settles another "
        "touchpoint whole takes that touchpoint in.\n"
    ]
    shown: list[Action] = []
    taken: set[str] = set()
    for a in found:
        if len(shown) == MAX_ACTIONS:
            break
        if a.at.key in taken:
            continue
        shown.append(a)
        fix = document.fixes.get(a.at.key)
        taken |= set(fix.whole) if fix is not None else set()
        lines.append(f"{len(shown)}. {_line(a, fix)}")
    rest = len(found) - len(shown) - len(taken - {a.at.key for a in shown})
    if rest > 0:
        lines.append(
            f"\n{rest} more touchpoint{' has' if rest == 1 else 's have'} something to change; "
            "the sections below list every problem."
        )
    return "\n".join(lines) + "\n"


def _line(a: Action, fix: Fix | None) -> str:
    size = "not assessed" if a.at.unsaid else f"stakes {stakes_cell(a.at)}"
    if a.contacts:
        size += f", {a.contacts:,} contacts"
        size += f" from {a.customers:,} customers" if a.customers else ""
        size += " in the log"
    headline = a.first[a.kind][0]
    others = [p for p in a.problems if p != headline]
    also = f" *Also here:* {cell('; '.join(others))}." if others else ""
    change = _change(a)
    why = _why(a)
    line = (
        f"**{change[0].upper()}{change[1:]}.** {named(a.at)}, {size}. "
        f"*Why:* {why[:1].upper()}{why[1:]}{also}"
    )
    if fix is not None:
        here = dict(fix.fixed).get(a.at.key, ())
        rest = fix.findings - len(here)
        total = len(a.problems)
        line += (
            f" *Tried on a copy,* {code(fix.change)} *fixes {len(here)} of the {total} "
            "findings here*"
        )
        if rest:
            j = fix.journeys
            line += f", and {rest} at other touchpoints" + (f" in {j} journeys" if j > 1 else "")
        if fix.whole:
            ids = ", ".join(code(k.split("/", 1)[1]) for k in fix.whole[:5])
            line += f", settling {ids}"
        line += "."
    return line
