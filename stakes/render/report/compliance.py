"""The report's "Compliance by jurisdiction": for each place a journey serves, how many of its
touchpoints fail its rule pack, each rule with its source and where it passes and fails, and the
failures at the touchpoints no other section lists."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.linter.compliance import PackResult
from stakes.render.markdown import cell, code
from stakes.render.report.problems import Plan
from stakes.render.report.sections import ALSO
from stakes.render.report.tables import MAX_ROWS, listed_above, named

NONE = (
    "No journey names a jurisdiction, so no law's rule pack was checked. Name the places your "
    "customers are in (`jurisdictions: [eu, uk]` in a journey, or `jurisdictions` in "
    "`[tool.stakes]`) to check AI disclosure, a right to a person, trained help for vulnerable "
    "customers, meaningful review of decisions and hand-overs to people who are there.\n"
)


def compliance(packs: Sequence[PackResult], plan: Plan, more: str) -> str:
    """The section: a row per jurisdiction and rule, then the touchpoints whose home it is."""
    head = "## Compliance by jurisdiction\n\n"
    if not packs:
        return head + NONE
    known = [p for p in packs if p.known]
    checked = ", ".join(
        f"{cell(p.title)} (`{cell(p.jurisdiction)}`) **{len(p.failing)}** of "
        f"{_touchpoints(len(p.checked))}"
        for p in known
    )
    out = [
        head
        + (
            f"Failing a rule of the law, of the moments it concerns: {checked}. `stakes rules "
            "CODE` gives each rule's reason in the law's words; the data-use rules are under "
            "*How customer data is used*.\n"
            if known
            else ""
        )
    ]
    out += [
        f"*Switched off by {cell(p.jurisdiction)}'s pack in the policy*: {cell(r.id)}, "
        f"{cell(r.reason or '')} (approved by {cell(r.approved_by or '')}).\n"
        for p in known
        for r in p.off
    ]
    out += [
        f"`{cell(p.jurisdiction)}`: **no rule pack**, nothing was checked (STK610); "
        f"{', '.join(f'`{j}`' for j in p.journeys)} "
        f"{'names' if len(p.journeys) == 1 else 'name'} it.\n"
        for p in packs
        if not p.known
    ]
    rules = [(p, r) for p in known for r in p.rules]
    if rules:
        out += ["| where | rule | source | pass | fail |", "| --- | --- | --- | ---: | ---: |"]
        out += [
            f"| {cell(p.jurisdiction)} | {r.code} {r.rule.id} | {cell(r.rule.source)} "
            f"| {len(r.passed)} | {len(r.failed)} |"
            for p, r in rules
            if r.passed or r.failed
        ]
    out.append("")
    failures: dict[str, list[str]] = {}
    at: dict[str, TouchpointAssessment] = {}
    for p, r in rules:
        for t, j in r.failed:
            if plan.homes.get(t.key) == "law":
                at[t.key] = t
                failures.setdefault(t.key, []).append(
                    f"**{r.code}** {r.rule.id} ({cell(p.jurisdiction)}): {cell(j.problem)}"
                )
    above = plan.elsewhere(["law"], "law")
    if above:
        out.append(listed_above(above, "failures") + ("; the others:\n" if failures else ".\n"))
    if failures:
        out += [f"| touchpoint | what is wrong | {ALSO} |", "|" + " --- |" * 3]
        out += [
            f"| {named(at[key])} | {'; '.join(found)} | {plan.also(at[key], 'law')} |"
            for key, found in list(failures.items())[:MAX_ROWS]
        ]
        if len(failures) > MAX_ROWS:
            command = f"{more.replace('stakes map', 'stakes lint', 1)} --select STK6"
            out.append(
                f"\n…and {len(failures) - MAX_ROWS} more touchpoints: {code(command)} lists "
                "them all."
            )
    return "\n".join(out) + "\n"


def _touchpoints(n: int) -> str:
    return f"{n} touchpoint{'' if n == 1 else 's'}"
