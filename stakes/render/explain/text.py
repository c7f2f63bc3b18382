"""``stakes explain``: why a touchpoint got its stakes and its verdict, step by step."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from stakes.assessment.policy import Policy
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.console import (
    ALIGNMENT_STYLE,
    LEVEL_STYLE,
    VERDICT_STYLE,
    string_console,
    trimmed,
)
from stakes.render.documents import ExplainDocument
from stakes.render.registry import Options
from stakes.shown import shown


def render(document: ExplainDocument, options: Options) -> str:
    """For each touchpoint, a blank line between them: the score factor by factor, the level,
    complexity, matrix cell, rules, override and fit."""
    return "\n".join(_one(t, document.policy, options) for t in document.touchpoints)


def _one(t: TouchpointAssessment, policy: Policy, options: Options) -> str:
    console, out = string_console(options.width or 80, options.color)
    r = t.result
    tp = t.touchpoint
    console.print(Text(f"{t.key} — {shown(tp.title)}", style="bold"))
    console.print(
        f"stage '{t.stage.id}' of '{shown(t.journey.title)}' ({shown(t.file)}); "
        f"today handled by {tp.handled_by} via {tp.channel}",
        markup=False,
    )
    console.print()
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 2, 0, 0))
    table.add_column("factor")
    table.add_column("points", justify="right")
    table.add_column("why", overflow="fold")
    for f in r.factors:
        table.add_row(
            f.name, f"{f.points}/{f.weight}", shown(f.sentence), style=None if f.points else "dim"
        )
    table.add_row(Text("stakes score", style="bold"), Text(str(r.score), style="bold"), "")
    console.print(table)
    lv = policy.levels
    line = Text("level ")
    line.append(r.level, style=LEVEL_STYLE[r.level])
    line.append(
        f"  (moderate from {lv.moderate}, high from {lv.high}, critical from {lv.critical})"
    )
    console.print(line)
    raised = tp.signals.needs_authority and r.complexity != tp.signals.complexity
    console.print(
        f"complexity {r.complexity}"
        + (
            f"  ({tp.signals.complexity}, one step more: resolving needs authority)"
            if raised
            else ""
        ),
        markup=False,
    )
    cell = Text(f"matrix {r.level} stakes x {r.complexity} complexity -> ")
    cell.append(r.matrix_verdict, style=VERDICT_STYLE[r.matrix_verdict])
    console.print(cell)
    for rule in r.hard_rules:
        text = Text(f"hard rule {rule.id} -> at least ")
        text.append(rule.at_least, style=VERDICT_STYLE[rule.at_least])
        text.append(f": {shown(rule.sentence)} [{shown(rule.source)}]")
        console.print(text)
    if not r.hard_rules:
        console.print("no hard rule applies")
    verdict = Text("computed verdict ")
    verdict.append(r.verdict, style=VERDICT_STYLE[r.verdict])
    deciding = r.deciding_rule
    if r.capped:
        verdict.append(f"  ({r.capped})")
    else:
        verdict.append(
            f"  (set by hard rule {deciding.id})" if deciding else "  (set by the matrix)"
        )
    console.print(verdict)
    if t.unsaid:
        console.print(
            f"not assessed: the journey gives no {' or '.join(t.unsaid)}; the verdict is only a "
            "floor until it does",
            markup=False,
        )
    o = tp.override
    if o is not None:
        details = ", ".join(
            part
            for part in (
                f"approved by {shown(o.approved_by)}" if o.approved_by else "no approver",
                f"expires {o.expires.isoformat()}" if o.expires else "no expiry",
                f"ticket {shown(o.ticket)}" if o.ticket else "",
            )
            if part
        )
        status = {
            "applied": "applied",
            "expired": "NOT applied: expired",
            "unreviewed": f"NOT applied: it has no {' and no '.join(o.unreviewed)}",
        }[t.override or ""]
        console.print(
            f"override {o.verdict} ({details}) — {status}"
            + (f"\n  reason: {shown(o.reason)}" if o.reason else ""),
            markup=False,
        )
    final = Text("verdict ")
    final.append(t.verdict, style=VERDICT_STYLE[t.verdict])
    final.append(f"; handled today by {tp.handled_by}: ")
    final.append(t.alignment, style=ALIGNMENT_STYLE[t.alignment])
    console.print(final)
    return trimmed(out.getvalue())
