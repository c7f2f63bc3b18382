"""The report's charts: each a ``Figure`` with what the markdown draws (a Mermaid block, or
nothing) and the inline SVG the HTML report draws.

At most MAX_CHART_POINTS labels per chart, the rest aggregated or counted in the chart's
description; thresholds labelled with their names; a moment drawn only where its verdict
allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from html import escape
from itertools import groupby
from typing import Any

from stakes.assessment.factors import VERDICTS as ORDER
from stakes.assessment.policy import Policy
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.report import mermaid
from stakes.render.report.mermaid import MAX_CHART_POINTS, QUADRANTS, charted
from stakes.render.report.svg import LEVELS, MUTED, VERDICTS, Bar, Canvas, bars, text

Row = TouchpointAssessment


@dataclass(frozen=True)
class Figure:
    """A chart: ``markdown`` is what the markdown report shows ('' for none), ``draw`` writes
    the SVG for an HTML element id (the ids of its title and description derive from it), or,
    when ``block``, a part of the page of its own (a heading, text and figures)."""

    markdown: str
    draw: Callable[[str], str]
    block: bool = False


def verdicts(rows: Sequence[Row]) -> Figure:
    """The chart of verdicts: a quadrant per verdict, the moments to look at first in theirs."""
    return Figure(mermaid.verdict_chart(rows), lambda ident: _verdicts_svg(ident, rows))


def _verdicts_svg(ident: str, rows: Sequence[Row]) -> str:
    """The quadrants as in the markdown's chart; inside each, its moments listed by stakes,
    highest first, each a dot and its id and score (a list reads where a scatter's labels
    would collide)."""
    shown = charted(rows)
    half, left, top = 280.0, 150.0, 40.0
    c = Canvas(
        ident,
        int(left + 2 * half + 20),
        int(top + 2 * half + 40),
        "Verdicts of the moments to look at first",
        f"Each quadrant is a verdict, named with how many moments have it; {len(shown)} of the "
        f"{len(rows)} assessed moments are listed in their verdict's quadrant, highest stakes "
        "first.",
    )
    c.label(left, 22, c.title, size=14, weight="bold")
    for verdict, (_, name, x0, y0) in QUADRANTS.items():
        x, y = left + 2 * x0 * half, top + (1 - 2 * y0) * half
        c.rect(x, y, half, half, VERDICTS[verdict][0] + "22")
        total = sum(t.verdict == verdict for t in rows)
        mine = sorted(
            (t for t in shown if t.verdict == verdict), key=lambda t: (-t.result.score, t.key)
        )
        c.label(x + 10, y + 20, escape(f"{name}: {total}"), size=12, weight="bold")
        c.label(x + 10, y + 36, f"{len(mine)} shown", size=11, fill=MUTED)
        fits = int((half - 58) // 20)  # the rows a quadrant holds; past them, a count
        if len(mine) > fits:
            c.label(x + 10, y + 58 + 20 * (fits - 1), f"and {len(mine) - fits + 1} more", size=11)
            mine = mine[: fits - 1]
        for i, t in enumerate(mine):
            cy = y + 58 + 20 * i
            tip = text(f"{t.key}: {t.verdict}, stakes {t.result.score} {t.result.level}")
            c.dot(x + 16, cy - 4, VERDICTS[verdict][0], tip)
            c.label(x + 26, cy, f"{text(t.touchpoint.id, 32)} ({t.result.score})", size=11)
    c.line(left + half, top, left + half, top + 2 * half)
    c.line(left, top + half, left + 2 * half, top + half)
    c.label(left - 8, top + half / 2, "A person decides", size=11, anchor="end", fill=MUTED)
    c.label(left - 8, top + 3 * half / 2, "AI decides", size=11, anchor="end", fill=MUTED)
    c.label(left + half / 2, top + 2 * half + 20, "More AI", size=11, anchor="middle", fill=MUTED)
    c.label(
        left + 3 * half / 2, top + 2 * half + 20, "Less AI", size=11, anchor="middle", fill=MUTED
    )
    return c.render()


def journey_curves(rows: Sequence[Row], policy: Policy, limit: int) -> list[Callable[[str], str]]:
    """A stakes curve per journey (the first ``limit``): its touchpoints' stakes as bars
    coloured by verdict, the policy's thresholds as labelled lines; past MAX_CHART_POINTS
    touchpoints, a bar per stage (its highest stakes, its strictest verdict)."""
    out: list[Callable[[str], str]] = []
    for _, group in groupby(rows, key=lambda t: t.journey.journey):
        mine = [t for t in group if not t.unsaid]
        if mine and len(out) < limit:
            out.append(partial(stakes_curve, mine, policy))
    return out


def stakes_curve(rows: Sequence[Row], policy: Policy, ident: str) -> str:
    journey = rows[0].journey
    title = f"Stakes across {journey.title}"
    per_stage = len(rows) > MAX_CHART_POINTS
    if per_stage:
        drawn = []
        for _, group in groupby(rows, key=lambda t: t.stage.id):
            stage = list(group)
            top = max(stage, key=lambda t: (ORDER.index(t.verdict), t.result.score))
            drawn.append(
                Bar(
                    text(stage[0].stage.id, 24),
                    max(t.result.score for t in stage),
                    top.verdict,
                    text(f"{stage[0].stage.title}: {len(stage)} touchpoints"),
                )
            )
        title += ", highest stakes per stage"
    else:
        drawn = [
            Bar(
                text(t.touchpoint.id, 24),
                t.result.score,
                t.verdict,
                text(f"{t.touchpoint.title}: {t.result.score} {t.result.level}, {t.verdict}"),
            )
            for t in rows
        ]
    cut = drawn[:MAX_CHART_POINTS]
    rest = len(drawn) - len(cut)
    lv = policy.levels
    desc = (
        f"{'Stages' if per_stage else 'Touchpoints'} of {text(journey.journey)} in order, each "
        "bar its stakes score out of 100 coloured by verdict, with the policy's thresholds."
        + (f" {rest} more stages are not drawn." if rest else "")
    )
    lines = [(lv.moderate, f"moderate {lv.moderate}"), (lv.high, f"high {lv.high}")]
    lines.append((lv.critical, f"critical {lv.critical}"))
    return bars(ident, text(title, 120), desc, cut, lines, VERDICTS, "stakes score")


def heat_map(rows: Sequence[Row], policy: Policy) -> Callable[[str], str]:
    """Journeys x stages: each cell a stage's highest stakes, coloured by level and written as
    a number; the first MAX_CHART_POINTS journeys and ten stages."""

    def draw(ident: str) -> str:
        journeys: list[list[list[Row]]] = []
        for _, group in groupby(rows, key=lambda t: t.journey.journey):
            journeys.append([list(s) for _, s in groupby(group, key=lambda t: t.stage.id)])
        shown = journeys[:MAX_CHART_POINTS]
        columns = min(max((len(j) for j in shown), default=0), 10)
        cell_w, cell_h, left, top = 58.0, 26.0, 210.0, 64.0
        rest = len(journeys) - len(shown)
        c = Canvas(
            ident,
            int(left + cell_w * columns + 20),
            int(top + cell_h * len(shown) + 20),
            "Stakes by journey and stage",
            "A row per journey, a column per stage in order; each cell is the stage's highest "
            "stakes score, coloured by its level." + (f" {rest} more journeys." if rest else ""),
        )
        c.label(10, 20, c.title, size=14, weight="bold")
        lv = policy.levels
        floors = {"low": "low", "moderate": f"moderate {lv.moderate}+"}
        floors |= {"high": f"high {lv.high}+", "critical": f"critical {lv.critical}+"}
        c.legend(10, 42, ((colour, floors[level]) for level, colour in LEVELS.items()))
        for i in range(columns):
            c.label(left + cell_w * (i + 0.5), top - 6, f"stage {i + 1}", size=10, anchor="middle")
        for r, stages in enumerate(shown):
            y = top + cell_h * r
            c.label(
                left - 8,
                y + cell_h / 2 + 4,
                text(stages[0][0].journey.journey, 32),
                size=11,
                anchor="end",
            )
            for i, stage in enumerate(stages[:columns]):
                top_t = max(stage, key=lambda t: t.result.score)
                tip = text(f"{stage[0].stage.title}: {top_t.result.score} {top_t.result.level}")
                x = left + cell_w * i
                c.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, LEVELS[top_t.result.level], tip)
                c.label(
                    x + cell_w / 2,
                    y + cell_h / 2 + 4,
                    str(top_t.result.score),
                    size=11,
                    anchor="middle",
                )
        return c.render()

    return draw


def trend(title: str, axis: str, points: Sequence[tuple[str, float]]) -> Figure:
    """A weekly share as a line: the latest MAX_CHART_POINTS weeks."""
    shown = list(points[-MAX_CHART_POINTS:])

    def draw(ident: str) -> str:
        cut = f", the latest {len(shown)} of {len(points)}" if len(points) > len(shown) else ""
        drawn = [
            Bar(text(w, 12), round(100 * v), "share", text(f"{w}: {100 * v:.0f}%"))
            for w, v in shown
        ]
        colours = {"share": ("#0072B2", text(axis))}
        return bars(
            ident, text(title + cut), text(f"{title}{cut}, {axis}."), drawn, [], colours, "per cent"
        )

    return Figure(mermaid.trend_chart(title, axis, points), draw)


def deflection(records: Sequence[dict[str, Any]]) -> Figure:
    """Deflection against resolution per touchpoint (HTML only): a bot that deflects much and
    resolves little sits bottom right. The MAX_CHART_POINTS with the most contacts."""
    rows = sorted(
        (
            r
            for r in records
            if r.get("deflection_rate") is not None and r.get("resolution_rate") is not None
        ),
        key=lambda r: (-r["contacts"], r["journey"], r["touchpoint"]),
    )[:MAX_CHART_POINTS]

    def draw(ident: str) -> str:
        size, left, top = 360.0, 60.0, 40.0
        c = Canvas(
            ident,
            int(left + size + 180),
            int(top + size + 50),
            "Deflection against resolution",
            f"The {len(rows)} touchpoints with the most contacts: across, the share of contacts "
            "deflected; up, the share resolved. Bottom right deflects much and resolves little.",
        )
        c.label(left, 22, c.title, size=14, weight="bold")
        c.line(left, top, left, top + size)
        c.line(left, top + size, left + size, top + size)
        c.label(
            left + size / 2,
            top + size + 34,
            "deflection (per cent)",
            size=11,
            anchor="middle",
            fill=MUTED,
        )
        c.label(
            18,
            top + size / 2,
            "resolution (per cent)",
            size=11,
            anchor="middle",
            fill=MUTED,
            rotate=-90,
        )
        for v in (0, 50, 100):
            c.label(
                left + size * v / 100, top + size + 16, str(v), size=10, anchor="middle", fill=MUTED
            )
            c.label(
                left - 6, top + size * (1 - v / 100) + 4, str(v), size=10, anchor="end", fill=MUTED
            )
        for r in rows:
            cx = left + size * r["deflection_rate"]
            cy = top + size * (1 - r["resolution_rate"])
            tip = text(
                f"{r['journey']}/{r['touchpoint']}: {r['contacts']} contacts, deflection "
                f"{100 * r['deflection_rate']:.0f}%, resolution {100 * r['resolution_rate']:.0f}%"
            )
            c.dot(cx, cy, "#0072B2", tip)
            c.label(cx + 7, cy + 4, text(r["touchpoint"], 26), size=10)
        return c.render()

    return Figure("", draw)
