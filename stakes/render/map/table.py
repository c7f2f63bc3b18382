"""``stakes map`` for people: a table per journey, grouped by stage, that fits 80 columns."""

from __future__ import annotations

from itertools import groupby

from rich import box
from rich.table import Table
from rich.text import Text

from stakes.render.console import (
    ALIGNMENT_STYLE,
    LEVEL_STYLE,
    VERDICT_STYLE,
    string_console,
    trimmed,
)
from stakes.render.documents import MapDocument
from stakes.render.map.records import contradictions
from stakes.render.registry import Options
from stakes.shown import shown

_FLAG = {"aligned": "", "over-automated": "OVER", "under-automated": "under"}


def render(document: MapDocument, options: Options) -> str:
    """One table per journey, touchpoints under their stage: stakes, verdict, today's handling,
    fit (OVER: AI handles what it should not; under: people handle what AI could), and why."""
    rows = document.rows
    console, out = string_console(options.width, options.color)
    for _, group in groupby(rows, key=lambda t: t.journey.journey):
        items = list(group)
        journey = items[0].journey
        table = Table(
            title=Text(f"{shown(journey.title)} ({journey.journey})", style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            padding=(0, 1),
            collapse_padding=True,
            expand=True,
        )
        table.add_column("touchpoint", overflow="fold", ratio=3)
        table.add_column("stakes", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        table.add_column("today", no_wrap=True)
        table.add_column("fit", no_wrap=True)
        table.add_column("why", overflow="fold", ratio=2)
        for stage_id, stage_rows in groupby(items, key=lambda t: t.stage.id):
            stage_items = list(stage_rows)
            table.add_row(Text(f"{stage_id}:", style="bold underline"))
            for t in stage_items:
                r = t.result
                verdict = Text(t.verdict, style=VERDICT_STYLE[t.verdict])
                if t.override == "applied":
                    verdict.append("*", style="bold")
                table.add_row(
                    t.touchpoint.id,
                    Text(f"{r.score:>3} {r.level}", style=LEVEL_STYLE[r.level]),
                    verdict,
                    t.touchpoint.handled_by,
                    Text(_FLAG[t.alignment], style=ALIGNMENT_STYLE[t.alignment]),
                    shown(t.short_reason),
                )
        console.print(table)
    notes = contradictions(rows)
    if notes:
        console.print(Text("The contact log contradicts these signals (scored as observed):"))
        for note in notes:
            console.print(Text(f"  {shown(note)}"))
    if any(t.override == "applied" for t in rows):
        console.print(
            Text("* a reviewed override sets this verdict; see stakes explain", style="dim")
        )
    if not rows:
        console.print("No touchpoints.")
    return trimmed(out.getvalue())
