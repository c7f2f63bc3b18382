"""The report's "How customer data is used": how many moments use customer data automatically
or declare how, and, for those that fail a data-use rule (STK611-STK616) and no other section
lists, what they use it for and on what basis, who receives it, whether it trains models, what
the customer is told and may refuse, and what the rules say."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.linter.data_use import DataUseRow
from stakes.linter.rules.data_use_undeclared import NAME as UNDECLARED
from stakes.render.markdown import cell, code
from stakes.render.report.problems import Plan
from stakes.render.report.tables import MAX_ROWS, listed_above, named

HEAD = "## How customer data is used\n\n"
NONE = (
    "No AI or self-service moment handles personal data (`signals.personal_data`), and no "
    "touchpoint declares its `data_use`, so there is nothing to show here.\n"
)
HEADER = (
    "| touchpoint | data | purposes | lawful basis | processors | trains models | notice "
    "| opt-out | findings |"
)
UNSAID = "*not said*"


def data_use(rows: Sequence[DataUseRow], plan: Plan, paths: str) -> str:
    """The section: a summary, then a table of the moments that fail a data-use rule and no
    other section lists (at most MAX_ROWS); ``stakes export data-use`` has every moment."""
    if not rows:
        return HEAD + NONE
    journeys = len({r.at.journey.journey for r in rows})
    command = code(f"stakes export data-use {paths}")
    out = [
        HEAD
        + _lead(rows, journeys)
        + f" {command} lists each of them, a row per touchpoint and data category with its "
        "purposes, lawful basis, processors, notice and opt-out: for the records of processing "
        "(GDPR Art. 30) or a DPIA.\n"
    ]
    listed = [r for r in rows if r.failing and plan.homes.get(r.at.key) == "data-use"]
    above = sum(bool(r.failing) for r in rows) - len(listed)
    if above:
        out.append(listed_above(above, "findings") + ("; the others:\n" if listed else ".\n"))
    # A moment that only says nothing of its data use is named, by journey, with its data.
    full: list[DataUseRow] = []
    bare: list[DataUseRow] = []
    for r in listed:
        only_undeclared = r.use is None and all(p.name == UNDECLARED for p in r.failing)
        (bare if only_undeclared else full).append(r)
    if full:
        out.append("\n".join([HEADER, "|" + " --- |" * 9, *map(_line, full[:MAX_ROWS])]) + "\n")
        if len(full) > MAX_ROWS:
            out.append(f"…and {len(full) - MAX_ROWS} more: {command} lists them all.\n")
    if bare:
        out.append(
            "Saying nothing of how they use customer data where the law asks for a purpose and a "
            "lawful basis (**STK612** data-use-undeclared):\n"
        )
        by: dict[str, list[str]] = {}
        for r in bare:
            by.setdefault(r.at.journey.journey, []).append(
                f"{cell(r.at.touchpoint.id)} ({', '.join(r.categories)})"
            )
        lines = [f"- `{cell(j)}`: {', '.join(ids)}" for j, ids in list(by.items())[:MAX_ROWS]]
        if len(by) > MAX_ROWS:
            lines.append(f"- …and {len(by) - MAX_ROWS} more journeys: {command} lists them all")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _lead(rows: Sequence[DataUseRow], journeys: int) -> str:
    n = len(rows)
    failing = sum(bool(r.failing) for r in rows)
    unsaid = sum(r.use is None for r in rows)
    one = n == 1
    return (
        f"{n} touchpoint{'' if one else 's'} in {journeys} journey{'' if journeys == 1 else 's'} "
        f"{'uses' if one else 'use'} customer data automatically or "
        f"{'says' if one else 'say'} how {'it uses' if one else 'they use'} it; "
        f"**{failing}** {'fails' if failing == 1 else 'fail'} a data-use rule"
        + (f", and {unsaid} {'says' if unsaid == 1 else 'say'} nothing of how" if unsaid else "")
        + "."
    )


def _line(r: DataUseRow) -> str:
    use = r.use
    if use is None:
        declared = ["*not declared*", "", "", "", "", ""]
    else:
        declared = [
            ", ".join(use.purposes) or UNSAID,
            cell(use.basis_text) or UNSAID,
            cell(", ".join(use.processors)) or "*none named*",
            "yes" if use.trains else _flag(use.trains_models),
            use.notice or UNSAID,
            _flag(use.opt_out),
        ]
    problems = [
        f"**{p.code}** {p.name}: {cell(p.problem)}"
        + (f" ({', '.join(p.jurisdictions)})" if p.jurisdictions else "")
        for p in r.failing
    ]
    problems += [
        f"*{p.code} silenced by a comment in the journey*" for p in r.problems if p.silenced
    ]
    data = ", ".join(r.categories) or "*none named*"
    if use is not None and use.special_category_condition:
        data += f" (Art. 9(2): {use.special_category_condition})"
    if use is not None and use.criminal_data_basis:
        data += f" (Art. 10: {use.criminal_data_basis})"
    cells = [named(r.at), data, *declared, "; ".join(problems) or "none"]
    return "| " + " | ".join(cells) + " |"


def _flag(value: bool | None) -> str:
    return UNSAID if value is None else ("yes" if value else "no")
