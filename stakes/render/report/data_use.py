"""The report's "How customer data is used": per journey, the moments that use customer data
automatically or declare how, what they use it for and on what basis, who receives it, whether
it trains models, what the customer is told and may refuse, and what the data-use rules
(STK611-STK616) say."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.linter.data_use import DataUseRow
from stakes.linter.rules.data_use_undeclared import NAME as UNDECLARED
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
UNSAID = "*not said*"


def data_use(rows: Sequence[DataUseRow], paths: str) -> str:
    """The section: a summary, then per journey a table of the moments that declare their data
    use (at most MAX_ROWS rows in all) and a line naming those that do not."""
    if not rows:
        return HEAD + NONE
    journeys: dict[str, list[DataUseRow]] = {}
    for r in rows:
        journeys.setdefault(r.at.journey.journey, []).append(r)
    out = [HEAD + _lead(rows, len(journeys))]
    # A journey whose moments declare nothing and fail nothing (no law of theirs asks) is only
    # counted: listing every such moment would bury the ones to act on.
    quiet = {s: m for s, m in journeys.items() if not any(_in_full(r) or r.failing for r in m)}
    tabled = listed = journeys_shown = 0
    for slug, mine in journeys.items():
        if slug in quiet:
            continue
        if tabled >= MAX_ROWS or journeys_shown >= MAX_JOURNEYS:
            break
        full = [r for r in mine if _in_full(r)][: MAX_ROWS - tabled]
        bare = [r for r in mine if not _in_full(r)]
        tabled, listed, journeys_shown = tabled + len(full), listed + len(bare), journeys_shown + 1
        out.append(f"### {cell(mine[0].at.journey.title)} (`{slug}`)\n")
        if full:
            out.append("\n".join([HEADER, "|" + " --- |" * 9, *map(_line, full)]) + "\n")
        if bare:
            keys = ", ".join(f"`{cell(r.at.key)}` ({', '.join(r.categories)})" for r in bare)
            law = any(r.failing for r in bare)
            out.append(
                f"No `data_use` declared: {keys}"
                + (" (STK612: the law asks for a purpose and a lawful basis)" if law else "")
                + ".\n"
            )
    command = code(f"stakes export data-use {paths}")
    hidden = sum(len(m) for m in quiet.values())
    if hidden:
        n, j = hidden, len(quiet)
        out.append(
            f"{'A further ' if len(quiet) < len(journeys) else ''}{n} "
            f"touchpoint{'' if n == 1 else 's'} in {j} journey{'' if j == 1 else 's'} "
            f"{'uses' if n == 1 else 'use'} customer data and {'says' if n == 1 else 'say'} "
            "nothing of how, where no jurisdiction's pack asks it of "
            f"{'it' if n == 1 else 'them'}: {command} lists them.\n"
        )
    if len(rows) > tabled + listed + hidden:
        more = len(rows) - tabled - listed - hidden
        out.append(f"…and {more} more touchpoints: {command} lists them all.\n")
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
        + ". `stakes export data-use` writes the same as CSV, a row per touchpoint and data "
        "category, for the records of processing (GDPR Art. 30) or a DPIA.\n"
    )


def _in_full(r: DataUseRow) -> bool:
    """A row the table shows: it declares its data use, or fails more than STK612 (which
    only says it does not)."""
    return r.use is not None or any(p.name != UNDECLARED for p in r.problems)


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
