"""The report's "How customer data is used": per journey, the moments that use customer data
automatically or declare how, what they use it for and on what basis, who receives it, whether
it trains models, what the customer is told and may refuse, and what the data-use rules
(STK611-STK616) say."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.linter.data_use import DataUseRow
from stakes.render.markdown import cell, code
from stakes.render.report.tables import MAX_JOURNEYS, MAX_ROWS, named

HEAD = "## How customer data is used\n\n"
NONE = (
    "No AI or self-service moment handles personal data (`signals.personal_data`), and no "
    "touchpoint declares its `data_use`, so there is nothing to show here.\n"
)
HEADER = (
    "| touchpoint | data | purposes | lawful basis | processors | trains models | notice "
    "| opt-out | findings |"
)


def data_use(rows: Sequence[DataUseRow], paths: str) -> str:
    """The section: a summary, then a table per journey (at most MAX_ROWS rows in all)."""
    if not rows:
        return HEAD + NONE
    failing = sum(bool(r.problems) for r in rows)
    undeclared = sum(r.use is None for r in rows)
    n = len(rows)
    journeys: dict[str, list[DataUseRow]] = {}
    for r in rows:
        journeys.setdefault(r.at.journey.journey, []).append(r)
    lead = (
        f"{n} touchpoint{'' if n == 1 else 's'} in {len(journeys)} "
        f"journey{'' if len(journeys) == 1 else 's'} use customer data automatically or say how "
        f"they use it; **{failing}** fail a data-use rule"
        + (
            f", and {undeclared} {'says' if undeclared == 1 else 'say'} nothing of how"
            if undeclared
            else ""
        )
        + ". `stakes export data-use` writes the same as CSV, a row per touchpoint and data "
        "category, for the records of processing (GDPR Art. 30) or a DPIA.\n"
    )
    out = [HEAD + lead]
    tabled, named_, listed = 0, 0, 0
    for slug, mine in journeys.items():
        if tabled >= MAX_ROWS or listed >= MAX_JOURNEYS:
            break
        full = [r for r in mine if _in_full(r)][: MAX_ROWS - tabled]
        bare = [r for r in mine if not _in_full(r)]
        tabled, named_, listed = tabled + len(full), named_ + len(bare), listed + 1
        out.append(f"### {cell(mine[0].at.journey.title)} (`{slug}`)\n")
        if full:
            out.append("\n".join([HEADER, "|" + " --- |" * 9, *map(_line, full)]) + "\n")
        if bare:
            keys = ", ".join(f"`{cell(r.at.key)}` ({', '.join(r.categories)})" for r in bare)
            law = any(r.problems for r in bare)
            out.append(
                f"No `data_use` declared: {keys}"
                + (" (STK612: the law asks for a purpose and a lawful basis)" if law else "")
                + ".\n"
            )
    if n > tabled + named_:
        command = f"stakes export data-use {paths}"
        out.append(
            f"…and {n - tabled - named_} more touchpoints: {code(command)} lists them all.\n"
        )
    return "\n".join(out)


def _in_full(r: DataUseRow) -> bool:
    """A row the table shows: it declares its data use, or fails more than STK612 (which
    only says it does not)."""
    return r.use is not None or any(p.name != "data-use-undeclared" for p in r.problems)


def _line(r: DataUseRow) -> str:
    use = r.use
    if use is None:
        declared = ["*not declared*", "", "", "", "", ""]
    else:
        declared = [
            ", ".join(use.purposes) or "*none*",
            use.lawful_basis or "*none*",
            cell(", ".join(use.processors)) or "none named",
            "yes" if use.trains else _flag(use.trains_models, "*not said*"),
            use.notice or "*not said*",
            _flag(use.opt_out, "*not said*"),
        ]
    problems = "; ".join(
        f"**{p.code}** {p.name}: {cell(p.problem)}"
        + (f" ({', '.join(p.jurisdictions)})" if p.jurisdictions else "")
        for p in r.problems
    )
    data = ", ".join(r.categories) or "none named"
    if use is not None and use.special_category_condition:
        data += f" (Art. 9(2): {use.special_category_condition})"
    cells = [named(r.at), data, *declared, problems or "none"]
    return "| " + " | ".join(cells) + " |"


def _flag(value: bool | None, unsaid: str) -> str:
    return unsaid if value is None else ("yes" if value else "no")
