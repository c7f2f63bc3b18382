"""``stakes report``: GitHub-flavoured markdown for the people who decide what a bot may do."""

from __future__ import annotations

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
from stakes.render.report.journeys import journeys
from stakes.render.report.tables import MAX_ROWS
from stakes.version import __version__


def render(document: ReportDocument, options: Options) -> str:
    """The whole report; ``document.command`` is the ``stakes map`` call that lists every
    touchpoint, named where a table is capped."""
    assessment, gaps, more = document.assessment, document.gaps, document.command
    rows = list(assessment)
    parts = [
        f"# {cell(document.title)}\n",
        _skipped(document.skipped),
        _headline(document),
        actions(document),
        sections.never(assessment.never_automate(), more),
        sections.misaligned(rows, more),
        sections.unassessed(assessment.unassessed(), more),
        _evidence(assessment),
        sections.escalation(gaps, more),
        compliance(document.compliance, more),
        data_use(document.data_use, more.removeprefix("stakes map ")),
        sections.overrides(rows),
        journeys(assessment, more),
        _method(assessment),
    ]
    return "\n".join(p for p in parts if p)


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


def _evidence(assessment: Assessment) -> str:
    if assessment.log is None:
        return ""
    from stakes.render.report.evidence import evidence_section  # pandas, only with a log

    return evidence_section(assessment)


def _headline(document: ReportDocument) -> str:
    a, gaps, packs = document.assessment, document.gaps, document.compliance
    rows = list(a)
    never = a.never_automate()
    in_fact = [t for t in rows if t.observation is not None and t.observation.in_fact]
    bot_never = [t for t in never if t.touchpoint.acting in AI_HANDLERS or t in in_fact]
    only_in_fact = [t for t in bot_never if t.touchpoint.acting not in AI_HANDLERS]
    over = [t for t in rows if sections.against_verdict(t)]
    under = [t for t in rows if t.alignment == "under-automated"]
    journeys = len({t.journey.journey for t in rows})
    overrides = [t for t in rows if t.override is not None]
    stale = [t for t in overrides if t.override != "applied"]
    unverified = [g for g in gaps if g.code == UNVERIFIED_CODE]
    lines = [
        f"**{len(never)} of {len(rows)} touchpoints** in {journeys} "
        f"journey{'' if journeys == 1 else 's'} must never be "
        f"automated; **{len(bot_never)}** of them {'is' if len(bot_never) == 1 else 'are'} "
        "handled by a bot or self-service today"
        + (
            f" ({len(only_in_fact)} according to the contact log only: the journey says a "
            "person, the log "
            "shows bots)."
            if only_in_fact
            else "."
        ),
        "",
        "| | touchpoints |",
        "| --- | ---: |",
        f"| Must never be automated (`human-only`) | {len(never)} |",
        "| Over-automated: AI handles them against their verdict (a bot at a `guarded` moment "
        f"with no way to a person is an escalation gap, below) | {len(over)} |",
        f"| Under-automated: people handle what AI could (capacity for the moments above) "
        f"| {len(under)} |",
        *(
            [
                "| of them, over-automated in fact: the contact log shows bots handling them "
                f"| {len(in_fact)} |"
            ]
            if a.log is not None
            else []
        ),
        "| Escalation gaps: a bot with no way to a person, or a hand-over that drops the "
        "history, leads to a bot, loops or offers no person after a few turns "
        f"| {len({g.at.key for g in gaps if g.code != UNVERIFIED_CODE})} |",
        f"| Not assessed: the journey does not say what is at stake | {len(a.unassessed())} |",
        f"| Overrides (expired or unreviewed) | {len(overrides)} ({len(stale)}) |",
    ]
    if packs:
        failing = len({key for p in packs for key in p.failing})
        names = ", ".join(p.jurisdiction for p in packs if p.known)
        lines.append(f"| Failing a rule of the law where the customer is ({names}) | {failing} |")
    if document.data_use:
        failing = sum(bool(r.failing) for r in document.data_use)
        lines.append(
            "| Using customer data, or saying how (failing a data-use rule) "
            f"| {len(document.data_use)} ({failing}) |"
        )
    if unverified:
        lines.append(
            f"| Escalations into journeys this report does not include (not verified) "
            f"| {len(unverified)} |"
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
