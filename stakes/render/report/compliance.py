"""The report's "Compliance by jurisdiction": for each place a journey serves, its rule pack's
rules, where they pass and fail, and the source of each."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.linter.compliance import PackResult
from stakes.render.markdown import cell, code
from stakes.render.report.tables import MAX_ROWS, named

NONE = (
    "No journey names a jurisdiction, so no law's rule pack was checked. Name the places your "
    "customers are in (`jurisdictions: [eu, uk]` in a journey, or `jurisdictions` in "
    "`[tool.stakes]`) to check AI disclosure, a right to a person, trained help for vulnerable "
    "customers, meaningful review of decisions and hand-overs to people who are there.\n"
)


def compliance(packs: Sequence[PackResult], more: str) -> str:
    """The section: one part per jurisdiction, in the order journeys name them."""
    head = "## Compliance by jurisdiction\n\n"
    if not packs:
        return head + NONE
    return head + "\n".join(_pack(p, more) for p in packs)


def _pack(p: PackResult, more: str) -> str:
    checked, failing = p.checked, p.failing
    n = len(p.journeys)
    journeys = ", ".join(f"`{j}`" for j in p.journeys)
    if not p.known:
        return (
            f"### `{cell(p.jurisdiction)}`: no rule pack\n\n"
            f"{n} journey{'' if n == 1 else 's'} ({journeys}) name it, but the policy has no "
            "pack for it: **nothing was checked** (STK610).\n"
        )
    if failing:
        verdict = (
            f"**{len(failing)} of {_touchpoints(len(checked))} checked fail** a rule of this pack."
        )
    elif checked:
        verdict = (
            "The one touchpoint checked passes."
            if len(checked) == 1
            else f"All {len(checked)} touchpoints checked pass."
        )
    else:
        verdict = "No touchpoint is one its rules concern."
    out = [
        f"### {cell(p.title)} (`{p.jurisdiction}`)\n",
        f"{n} journey{'' if n == 1 else 's'}: {journeys}. {verdict}\n",
        "| rule | source | pass | fail |",
        "| --- | --- | ---: | ---: |",
    ]
    out += [
        f"| {r.code} {r.rule.id} | {cell(r.rule.source)} | {len(r.passed)} | {len(r.failed)} |"
        for r in p.rules
    ]
    out += ["", *(f"- **{r.code} {r.rule.id}**: {cell(r.rule.sentence)}" for r in p.rules)]
    out += [
        f"- *switched off by the policy*: {cell(r.id)}: {cell(r.reason or '')} "
        f"(approved by {cell(r.approved_by or '')})"
        for r in p.off
    ]
    if p.data_use:
        out.append(
            f"- Its data-use rules ({', '.join(p.data_use)}) are under *How customer data is used*."
        )
    passing = [t.key for t in checked if t.key not in failing]
    if passing:
        shown_keys = ", ".join(f"`{cell(k)}`" for k in passing[:MAX_ROWS])
        rest = f" and {len(passing) - MAX_ROWS} more" if len(passing) > MAX_ROWS else ""
        out += ["", f"Pass every rule: {shown_keys}{rest}."]
    failures = [(r, t, j) for r in p.rules for t, j in r.failed]
    if failures:
        out += ["", "| touchpoint | rule | what is wrong |", "| --- | --- | --- |"]
        out += [
            f"| {named(t)} | {r.code} {r.rule.id} | {cell(j.problem)} |"
            for r, t, j in failures[:MAX_ROWS]
        ]
        if len(failures) > MAX_ROWS:
            command = f"{more.replace('stakes map', 'stakes lint', 1)} --select STK6"
            out.append(
                f"\n…and {len(failures) - MAX_ROWS} more failures: {code(command)} lists them all."
            )
    return "\n".join(out) + "\n"


def _touchpoints(n: int) -> str:
    return f"{n} touchpoint{'' if n == 1 else 's'}"
