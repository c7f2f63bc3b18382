"""``stakes report``: GitHub-flavoured markdown for the people who decide what a bot may do."""

from __future__ import annotations

from collections import Counter

from stakes.assessment.results import Assessment
from stakes.journey.signals import factors
from stakes.journey.values import AI_HANDLERS
from stakes.linter.escalation import UNVERIFIED_CODE
from stakes.render.documents import ReportDocument
from stakes.render.markdown import cell, code
from stakes.render.registry import Options
from stakes.render.report import sections
from stakes.render.report.actions import actions
from stakes.render.report.compliance import compliance
from stakes.render.report.data_use import data_use
from stakes.render.report.figures import Figure
from stakes.render.report.journeys import appendix, charts, verdicts
from stakes.render.report.problems import GAPS, RANK, Plan, against_verdict
from stakes.render.report.tables import MAX_ROWS
from stakes.version import __version__

#: A part of the report: markdown, or a chart (a Mermaid block here, SVG in the HTML report).
Part = str | Figure


def render(document: ReportDocument, options: Options) -> str:
    """The whole report as markdown."""
    texts = (p if isinstance(p, str) else p.markdown for p in parts(document))
    return "\n".join(t for t in texts if t)


def parts(document: ReportDocument) -> list[Part]:
    """The report's parts in order; ``document.command`` is the ``stakes map`` call that
    lists every touchpoint, named where a table is capped."""
    assessment, gaps, more = document.assessment, document.gaps, document.command
    rows = list(assessment)
    plan = Plan(document)
    found: list[Part] = [
        f"# {cell(document.title)}\n",
        _skipped(document.skipped),
        _headline(document, plan),
        actions(plan, document),
        sections.never(rows, plan, more),
        sections.over(rows, plan, more),
        *_evidence(assessment),
        sections.escalation(rows, gaps, plan, more),
        sections.under(rows, plan, more),
        sections.overrides(rows, plan),
        sections.unassessed(rows, plan, more),
        compliance(document.compliance, plan, more),
        data_use(document.data_use, plan, more.removeprefix("stakes map ")),
        *charts(assessment),
        *verdicts(assessment, more),
        _method(assessment),
        appendix(assessment, more),
    ]
    return [p for p in found if p]


def _skipped(skipped: tuple[str, ...]) -> str:
    """The banner of a report written without the files that could not be read."""
    if not skipped:
        return ""
    n = len(skipped)
    lines = [
        f"> **Incomplete: {n} input{'' if n == 1 else 's'} could not be read and "
        f"{'is' if n == 1 else 'are'} left out of this report** (`--skip-invalid`). Every "
        "count below leaves out the touchpoints in "
        f"{'it' if n == 1 else 'them'}; fix {'it' if n == 1 else 'them'} and run the report "
        "again.",
        ">",
        *(f"> - {code(s)}" for s in skipped[:MAX_ROWS]),
    ]
    if n > MAX_ROWS:
        lines.append(f"> - …and {n - MAX_ROWS} more (`stakes lint` lists them all)")
    return "\n".join(lines) + "\n"


def _evidence(assessment: Assessment) -> list[Part]:
    if assessment.log is None:
        return []
    from stakes.render.report.evidence import evidence_section  # pandas, only with a log

    return evidence_section(assessment)


def _headline(document: ReportDocument, plan: Plan) -> str:
    """One sentence, then each touchpoint counted once, in the section that lists it, each
    count with its definition (and the count in all, where other sections list some)."""
    a, gaps, packs = document.assessment, document.gaps, document.compliance
    rows = list(a)
    never = a.never_automate()
    in_fact = [t for t in rows if t.observation is not None and t.observation.in_fact]
    bot_never = [t for t in never if t.touchpoint.acting in AI_HANDLERS or t in in_fact]
    only_in_fact = [t for t in bot_never if t.touchpoint.acting not in AI_HANDLERS]
    journeys = len({t.journey.journey for t in rows})
    homes = Counter(plan.homes.values())
    counted = {kind: sum(kind in x.kinds for x in plan.actions) for kind in RANK}
    gapped = len({g.at.key for g in gaps if g.code in GAPS})
    against = sum(against_verdict(t) for t in rows)
    overrides = [t for t in rows if t.override is not None]
    stale = sum(t.override != "applied" for t in overrides)
    unverified = [g for g in gaps if g.code == UNVERIFIED_CODE]

    def row(section: str, n: int, what: str, total: int | None = None) -> str:
        above = (total or 0) - n
        in_all = f" ({total} in all; {above} counted in a section above)" if above > 0 else ""
        return f"| {section} | {n} | {what}{in_all} |"

    lines = [
        f"**{len(never)} of {len(rows)} touchpoint{'' if len(rows) == 1 else 's'}** in {journeys} "
        f"journey{'' if journeys == 1 else 's'} must never be "
        f"automated; **{len(bot_never)}** of them {'is' if len(bot_never) == 1 else 'are'} "
        "handled or decided by a bot or self-service today"
        + (
            f" ({len(only_in_fact)} according to the contact log only: the journey says a "
            "person, the log shows bots)"
            if only_in_fact
            else ""
        )
        + f". **{len(plan.actions)}** {'has' if len(plan.actions) == 1 else 'have'} something "
        "to change.",
        "",
        "| section (each touchpoint counted once) | touchpoints | what it counts |",
        "| --- | ---: | --- |",
        row(
            "Never automate",
            homes["never"],
            f"`human-only` moments: a person must handle them ({len(bot_never)} "
            f"{'is' if len(bot_never) == 1 else 'are'} handled or decided by a bot or "
            "self-service today)",
        ),
        row(
            "Over-automated",
            homes["over"],
            "AI handles them against their verdict, `assist` or `guarded` here (a `guarded` "
            "moment a bot handles with no way to a person is counted under escalation design)"
            + (
                f"; {len(in_fact)} over-automated in fact: the contact log shows bots handling "
                "them alone"
                if a.log is not None
                else ""
            ),
            against,
        ),
        row(
            "Escalation design",
            homes["escalation"],
            "a bot with no way to a person, or a hand-over that drops the history, leads to a "
            "bot, loops or offers no person after a few turns",
            gapped,
        ),
        row("Under-automated", homes["under"], "people handle what AI could"),
        row(
            "Overrides",
            homes["overrides"],
            f"exceptions to the computed verdict ({stale} expired or unreviewed, not applied)",
            len(overrides),
        ),
        row(
            "Not assessed",
            homes["unassessed"],
            "the journey does not say what is at stake",
            counted["unassessed"],
        ),
    ]
    if packs:
        names = ", ".join(p.jurisdiction for p in packs if p.known) or "none known"
        lines.append(
            row(
                "Compliance",
                homes["law"],
                f"failing a rule of the law where the customer is ({names})",
                counted["law"],
            )
        )
    if document.data_use:
        lines.append(
            row(
                "Data use",
                homes["data-use"],
                f"failing a data-use rule ({len(document.data_use)} moments use customer data)",
                counted["data-use"],
            )
        )
    lines.append(row("Nothing to change", homes[None], "listed in the appendix only"))
    lines.append(f"| **All** | **{len(rows)}** | |")
    if unverified:
        lines.append(
            f"\n{len(unverified)} escalation{'' if len(unverified) == 1 else 's'} go into journeys "
            "this report does not include: not verified."
        )
    return "\n".join(lines) + "\n"


def _method(a: Assessment) -> str:
    p = a.policy
    lv = p.levels
    scored = factors()
    dated = any(t.touchpoint.override and t.touchpoint.override.expires for t in a)
    lines = [
        "## Method\n",
        f"Policy **{cell(p.policy)}** version {cell(p.version)}, digest `{p.digest()}` "
        f"(`stakes policy` prints it). Each touchpoint scores the sum of {_count(len(scored))} "
        "factors' points — weight × scale of its signal, rounded to a whole point — out of 100: "
        f"{', '.join(s.label for s in scored[:-1])} and {scored[-1].label}. Levels start at "
        f"{lv.moderate} (moderate), {lv.high} (high) and {lv.critical} (critical). The verdict is "
        "the policy's stakes × complexity matrix cell (needing authority adds a step of "
        "complexity), raised by every hard rule that applies; a reviewed, unexpired override "
        "replaces it. `stakes explain FILE#TOUCHPOINT` shows every step.",
        "",
        *_rules_fired(a),
        f"Inputs: {len(a.inputs)} file{'' if len(a.inputs) == 1 else 's'}, "
        f"fingerprint `{a.fingerprint()}` (SHA-256 over every file's name and content); "
        f"stakes {__version__}."
        + (f" Overrides were checked against {a.as_of.isoformat()}." if dated else ""),
    ]
    return "\n".join(lines) + "\n"


def _count(n: int) -> str:
    words = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ]
    return words[n] if n < len(words) else str(n)


def _rules_fired(a: Assessment) -> list[str]:
    """The hard rules that fired anywhere, each with its sentence and source, once."""
    fired = {r.id: r for t in a for r in t.result.hard_rules}
    if not fired:
        return []
    lines = ["Hard rules that apply in this portfolio:", ""]
    for rule in sorted(fired.values(), key=lambda r: r.id):
        lines.append(
            f"- **{rule.id}** (at least {rule.at_least}): {cell(rule.sentence)} "
            f"Source: {cell(rule.source)}."
        )
    return [*lines, ""]
