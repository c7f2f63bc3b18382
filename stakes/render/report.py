"""``stakes report``: GitHub-flavoured markdown for the people who decide what a bot may do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby

from stakes.assessment.engine import Assessment, TouchpointAssessment
from stakes.journey.model import AI_HANDLERS
from stakes.linter.escalation import KINDS, Gap, escalation_gaps
from stakes.render.markdown import cell, code
from stakes.render.mermaid import stakes_complexity_chart, stakes_curve
from stakes.version import __version__

#: Rows shown per table, and journeys shown in detail, before the rest is counted.
MAX_ROWS = 50
MAX_JOURNEYS = 25

Row = TouchpointAssessment


def render_report(
    assessment: Assessment, *, title: str = "Stakes report", command: str = "stakes map PATH..."
) -> str:
    """The whole report; ``command`` is the ``stakes map`` call that lists every touchpoint,
    named where a table is capped."""
    rows = list(assessment)
    gaps = escalation_gaps(rows, assessment.policy)
    more = command
    parts = [
        f"# {cell(title)}\n",
        _headline(assessment, gaps),
        _never(assessment.never_automate(), more),
        _misaligned(rows, more),
        _evidence(assessment),
        _escalation(gaps, more),
        _overrides(rows),
        _journeys(assessment, more),
        _method(assessment),
    ]
    return "\n".join(p for p in parts if p)


def _evidence(assessment: Assessment) -> str:
    if assessment.log is None:
        return ""
    from stakes.render.report_evidence import evidence_section  # pandas, only with a log

    return evidence_section(assessment)


def _table(
    header: Sequence[str],
    rows: Sequence[Row],
    line: Callable[[Row], Sequence[str]],
    more: str,
    what: str,
) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(line(r)) + " |" for r in rows[:MAX_ROWS]]
    text = "\n".join(out) + "\n"
    if len(rows) > MAX_ROWS:
        text += f"\n…and {len(rows) - MAX_ROWS} more {what}: `{more}` lists them all.\n"
    return text


def _where(t: Row) -> str:
    return f"{cell(t.touchpoint.title)} (`{t.key}`)"


def _stakes(t: Row) -> str:
    return f"{t.result.score} {t.result.level}"


def _headline(a: Assessment, gaps: Sequence[Gap]) -> str:
    rows = list(a)
    never = a.never_automate()
    bot_never = [t for t in never if t.touchpoint.handled_by in AI_HANDLERS]
    over = [t for t in rows if t.alignment == "over-automated"]
    under = [t for t in rows if t.alignment == "under-automated"]
    journeys = len({t.journey.journey for t in rows})
    overrides = [t for t in rows if t.override is not None]
    stale = [t for t in overrides if t.override != "applied"]
    lines = [
        f"**{len(never)} of {len(rows)} touchpoints** in {journeys} "
        f"journey{'' if journeys == 1 else 's'} must never be "
        f"automated; **{len(bot_never)}** of them are handled by a bot or self-service today.",
        "",
        "| | touchpoints |",
        "| --- | ---: |",
        f"| Must never be automated (`human-only`) | {len(never)} |",
        f"| Over-automated: AI handles them today against their verdict | {len(over)} |",
        f"| Under-automated: people handle what AI could (capacity for the moments above) "
        f"| {len(under)} |",
        f"| Escalation gaps | {len(gaps)} |",
        f"| Overrides (expired or unreviewed) | {len(overrides)} ({len(stale)}) |",
    ]
    return "\n".join(lines) + "\n"


def needs(t: Row) -> str:
    """What a person handling this touchpoint needs, in plain words."""
    s = t.touchpoint.signals
    out = []
    if s.needs_authority or s.decision_effect in ("significant", "legal"):
        out.append("authority to decide and make exceptions")
    if s.prior_contacts or s.repeat_contact_rate >= 0.3:
        out.append("the full history, so the customer is not asked again")
    if s.vulnerability != "none" or s.emotion in ("distressed", "grieving"):
        out.append("time and discretion")
    if s.safety:
        out.append("the means to act on a safety risk at once")
    return "; ".join(out) or "judgement: the stakes are too high for a script"


def _reasons(t: Row) -> str:
    """The rules that fired (explained under Method) and the three biggest factors."""
    words = [f"rule {r.id}" for r in t.result.rules]
    top = sorted((f for f in t.result.factors if f.points), key=lambda f: -f.points)[:3]
    words += [f.sentence for f in top]
    return cell("; ".join(words) or "nothing raises the stakes")


def _never(never: Sequence[Row], more: str) -> str:
    head = "## Never automate\n\n"
    if not never:
        return head + "No touchpoint must always be handled by a person.\n"
    rows = sorted(
        never, key=lambda t: (t.touchpoint.handled_by not in AI_HANDLERS, -t.result.score)
    )
    return (
        head
        + (
            "These moments need a person with authority and the history; "
            "the ones a bot handles today come first.\n\n"
        )
        + _table(
            ["touchpoint", "stage", "stakes", "today", "why", "a person there needs"],
            rows,
            lambda t: [
                _where(t),
                cell(t.stage.title),
                _stakes(t),
                t.touchpoint.handled_by,
                _reasons(t),
                needs(t),
            ],
            f"{more} --only never --format csv",
            "human-only moments",
        )
    )


def _misaligned(rows: Sequence[Row], more: str) -> str:
    over = sorted(
        (t for t in rows if t.alignment == "over-automated"), key=lambda t: (-t.result.score, t.key)
    )
    under = sorted(
        (t for t in rows if t.alignment == "under-automated"), key=lambda t: (t.result.score, t.key)
    )
    out = ["## Misalignments\n", "### Over-automated: AI handles what it should not\n"]
    if over:
        out.append(
            _table(
                ["touchpoint", "stakes", "verdict", "today", "way to a person", "why"],
                over,
                lambda t: [
                    _where(t),
                    _stakes(t),
                    t.verdict,
                    t.touchpoint.handled_by,
                    _exit(t),
                    cell(t.top_reason),
                ],
                f"{more} --only misaligned --format csv",
                "over-automated",
            )
        )
    else:
        out.append("None.\n")
    out.append("### Under-automated: people handle what AI could\n")
    if under:
        out.append("Moving these to AI frees people for the moments above.\n")
        out.append(
            _table(
                ["touchpoint", "stakes", "verdict", "today"],
                under,
                lambda t: [_where(t), _stakes(t), t.verdict, t.touchpoint.handled_by],
                f"{more} --only misaligned --format csv",
                "under-automated",
            )
        )
    else:
        out.append("None.\n")
    return "\n".join(out)


def _exit(t: Row) -> str:
    esc = t.touchpoint.escalation
    if esc is None:
        return "**none**"
    parts = [f"to `{esc.to}`"]
    if not esc.keeps_context:
        parts.append("drops the history")
    if esc.offer_after_turns:
        parts.append(f"after {esc.offer_after_turns} turns")
    return ", ".join(parts)


def _escalation(gaps: Sequence[Gap], more: str) -> str:
    out = ["## Escalation design\n"]
    if not gaps:
        out.append("Every AI moment has a way to a person that keeps the history.\n")
    for kind, group in groupby(gaps, key=lambda g: g.kind):
        items = list(group)
        out.append(f"### {KINDS[kind][0].upper()}{KINDS[kind][1:]} ({len(items)})\n")
        if kind == "cycle":
            out.append(
                "\n".join("- " + " → ".join(f"`{k}`" for k in (*g.path, g.path[0])) for g in items)
                + "\n"
            )
            continue
        by_key = {g.at.key: g for g in items}
        header = ["touchpoint", "stakes", "verdict", "today"]
        if any(g.target for g in items):
            header.append("hands over to")
        if any(g.detail for g in items):
            header.append("detail")

        def line(t: Row, header: list[str] = header, by_key: dict[str, Gap] = by_key) -> list[str]:
            gap = by_key[t.key]
            cells = [_where(t), _stakes(t), t.verdict, t.touchpoint.handled_by]
            if "hands over to" in header:
                cells.append(code(gap.target) if gap.target else "")
            if "detail" in header:
                cells.append(cell(gap.detail))
            return cells

        out.append(_table(header, [g.at for g in items], line, f"{more} --format csv", "such gaps"))
    return "\n".join(out)


def _overrides(rows: Sequence[Row]) -> str:
    items = [t for t in rows if t.touchpoint.override is not None]
    if not items:
        return ""
    order = {"expired": 0, "unreviewed": 1, "applied": 2}
    items.sort(key=lambda t: (order[t.override or "applied"], t.key))

    def line(t: Row) -> list[str]:
        o = t.touchpoint.override
        assert o is not None
        status = {
            "applied": "applied",
            "expired": "**EXPIRED: not applied**",
            "unreviewed": "**no reason or approver: not applied**",
        }[t.override or ""]
        return [
            _where(t),
            o.verdict,
            t.computed_verdict,
            cell(o.approved_by or "—"),
            o.expires.isoformat() if o.expires else "—",
            status,
            cell(o.reason or "—"),
        ]

    return "## Overrides\n\nReviewed exceptions to the computed verdict.\n\n" + _table(
        ["touchpoint", "override", "computed", "approved by", "expires", "status", "reason"],
        items,
        line,
        "",
        "overrides",
    )


def _journeys(a: Assessment, more: str) -> str:
    rows = list(a)
    by_journey = [list(g) for _, g in groupby(rows, key=lambda t: t.journey.journey)]
    ranked = sorted(
        by_journey,
        key=lambda g: (
            -sum(t.alignment == "over-automated" for t in g),
            -max(t.result.score for t in g),
            g[0].journey.journey,
        ),
    )
    shown = sorted(ranked[:MAX_JOURNEYS], key=lambda g: g[0].journey.journey)
    out = ["## Journeys\n"]
    if len(by_journey) > MAX_JOURNEYS:
        out.append(
            f"The {MAX_JOURNEYS} journeys with the most over-automated moments; "
            f"{len(by_journey) - MAX_JOURNEYS} more are in `{more} --format csv`.\n"
        )
    for group in shown:
        j = group[0].journey
        out.append(f"### {cell(j.title)} (`{j.journey}`)\n")
        meta = [f"owner {cell(j.owner)}" if j.owner else "**no owner**", f"file `{group[0].file}`"]
        out.append(", ".join(meta) + "\n")
        out.append(stakes_curve(group, f"Stakes across {j.title}", a.policy))
        out.append(
            _table(
                ["stage", "touchpoint", "stakes", "verdict", "today", "fit"],
                group,
                lambda t: [
                    cell(t.stage.title),
                    _where(t),
                    _stakes(t),
                    t.verdict,
                    t.touchpoint.handled_by,
                    t.alignment,
                ],
                f"{more} --format csv",
                "touchpoints",
            )
        )
    out.append("## Stakes × complexity\n")
    out.append(
        "The highest-stakes touchpoints of the portfolio by complexity (needing authority "
        "counts one step more complex).\n"
    )
    out.append(stakes_complexity_chart(rows))
    return "\n".join(out)


def _method(a: Assessment) -> str:
    p = a.policy
    lv = p.levels
    dated = any(t.touchpoint.override and t.touchpoint.override.expires for t in a)
    lines = [
        "## Method\n",
        f"Policy **{cell(p.policy)}** version {cell(p.version)}, digest `{p.digest()}` "
        "(`stakes policy` prints it). Each touchpoint scores the sum of ten factors' points — "
        "weight × scale of its signal, rounded to a whole point — out of 100: emotion, money at "
        "stake (log scale), irreversibility, vulnerability, personal data, decision effect, "
        f"prior contacts, repeat-contact rate, churn risk and safety. Levels start at "
        f"{lv.moderate} (moderate), {lv.high} (high) and {lv.critical} (critical). The verdict is "
        "the policy's stakes × complexity matrix cell (needing authority adds a step of "
        "complexity), raised by every hard rule that applies; a reviewed, unexpired override "
        "replaces it. `stakes explain FILE#TOUCHPOINT` shows every step.",
        "",
        *_rules_fired(a),
        f"Inputs: {len(a.inputs)} files, fingerprint `{a.fingerprint()}` (SHA-256 over every "
        f"file's name and content); stakes {__version__}."
        + (f" Overrides were checked against {a.as_of.isoformat()}." if dated else ""),
    ]
    return "\n".join(lines) + "\n"


def _rules_fired(a: Assessment) -> list[str]:
    """The hard rules that fired anywhere, each with its sentence and source, once."""
    fired = {r.id: r for t in a for r in t.result.rules}
    if not fired:
        return []
    lines = ["Hard rules that apply in this portfolio:", ""]
    for rule in sorted(fired.values(), key=lambda r: r.id):
        lines.append(
            f"- **{rule.id}** (at least {rule.at_least}): {cell(rule.sentence)} "
            f"Source: {cell(rule.source)}."
        )
    return [*lines, ""]
