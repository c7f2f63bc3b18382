"""The report's journeys: a stakes curve and a table per journey, and the chart of the
portfolio's verdicts."""

from __future__ import annotations

from itertools import groupby

from stakes.assessment.results import Assessment
from stakes.render.markdown import cell, code
from stakes.render.report.mermaid import MAX_CHART_POINTS, stakes_curve, verdict_chart
from stakes.render.report.tables import MAX_JOURNEYS, capped_table, named, stakes_cell


def journeys(a: Assessment, more: str) -> str:
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
            f"{len(by_journey) - MAX_JOURNEYS} more are in {code(more + ' --format csv')}.\n"
        )
    for group in shown:
        j = group[0].journey
        out.append(f"### {cell(j.title)} (`{j.journey}`)\n")
        meta = [
            f"owner {cell(j.owner)}" if j.owner else "**no owner**",
            f"file {code(group[0].file)}",
        ]
        out.append(", ".join(meta) + "\n")
        assessed = [t for t in group if not t.unsaid]
        if assessed:
            out.append(stakes_curve(assessed, f"Stakes across {j.title}", a.policy))
        out.append(
            capped_table(
                ["stage", "touchpoint", "stakes", "verdict", "today", "fit"],
                group,
                lambda t: [
                    cell(t.stage.title),
                    named(t),
                    stakes_cell(t),
                    t.verdict,
                    t.touchpoint.handled_by,
                    t.alignment,
                ],
                f"{more} --format csv",
                "touchpoints",
            )
        )
    assessed = [t for t in rows if not t.unsaid]
    out.append("## Verdicts\n")
    n = len(assessed)
    which = (
        f"the {MAX_CHART_POINTS} of the {n} assessed touchpoints to look at first (the "
        "misaligned, then the highest stakes; "
        f"{code(more + ' --sort stakes')} lists them all)"
        if n > MAX_CHART_POINTS
        else "every assessed touchpoint"
    )
    out.append(
        f"Each quadrant is a verdict, named with how many moments have it, and the chart shows "
        f"{which}; inside a quadrant, the higher a moment's stakes, the further right. A hard "
        "rule can raise a low-stakes moment into a person's quadrant; nothing is drawn where "
        "its verdict does not allow.\n"
    )
    out.append(verdict_chart(assessed))
    return "\n".join(out)
