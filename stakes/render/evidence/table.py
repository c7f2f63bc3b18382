"""``stakes evidence``: a table per journey (the touchpoints with contacts), its total, the
headline and a legend."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich import box
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from stakes.evidence.model import Evidence
from stakes.render.console import string_console, trimmed
from stakes.render.evidence.common import (
    NA,
    breakdown_columns,
    breakdown_rows,
    handled_otherwise,
    headline,
    num,
    pct,
)
from stakes.render.registry import Options
from stakes.shown import shown


def render(evidence: Evidence, options: Options) -> str:
    """One table per journey (touchpoints with contacts), its total, and the headline."""
    console, out = string_console(options.width or 80, options.color)
    days = f"{evidence.window_days:g}d"
    records = [t for t in evidence.touchpoint_records() if t["contacts"]]
    totals = {j["journey"]: j for j in evidence.journey_records()}
    for journey, items in groupby(records, key=lambda t: t["journey"]):
        total = totals[journey]
        table = Table(
            title=Text(f"{shown(total['title'])} ({journey})", style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            padding=0,
            expand=True,
        )
        table.add_column("touchpoint", overflow="fold", ratio=1, min_width=12)
        for name in ("contacts", "AI", "defl.", "unres.", "resolved", f"repeat\n{days}", "loop"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("CSAT\nAI/hum", justify="right", no_wrap=True)
        rows = list(items)
        for i, t in enumerate(rows):
            table.add_row(*_cells(t["touchpoint"], t), end_section=i == len(rows) - 1)
        table.add_row(*_cells("journey", total), style="bold")
        console.print(table)
    if not records:
        console.print("No contact matched a touchpoint.")
    silent = sum(1 for t in evidence.touchpoint_records() if not t["contacts"])
    if silent:
        console.print(Text(f"{silent} touchpoint(s) of these journeys had no contacts.", "dim"))
    for line in headline(evidence):
        console.print(line)
    otherwise = handled_otherwise(evidence)
    if otherwise:
        console.print(Text("Handled otherwise than the journeys declare:", style="bold"))
        for line in otherwise:
            console.print(Padding(Text(shown(line)), (0, 0, 0, 2)))
    for by, title in (("channel", "By channel"), ("week", "By week")):
        cells, hidden = breakdown_rows(evidence, by)
        if cells:
            if by == "channel" or not evidence.breakdown_records("channel"):
                console.print()  # the tables end with a blank line of their own
            headings = [h for h, _, _ in breakdown_columns(evidence)]
            console.print(_breakdown(title, by, cells, headings))
            if hidden:
                console.print(
                    Text(f"{hidden} earlier week(s) not shown: --format json has them.", "dim")
                )
    console.print(
        Text(
            "AI: share handled by AI or self-service; defl.: share of those not escalated; "
            "unres.: share of the deflected not resolved; repeat: share of customers who came "
            "back within the window; loop: customers with 3+ contacts in the window; CSAT: AI "
            "(not escalated) / the rest, or one mean for all; lost: deflected, not resolved, "
            "no contact again; verified: resolved, no contact again. --format json gives every "
            "rate with its numerator, denominator and 95% interval",
            style="dim",
        )
    )
    return trimmed(out.getvalue())


def _breakdown(title: str, by: str, rows: list[list[str]], headings: list[str]) -> Table:
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=0,
        expand=True,
    )
    table.add_column(by, overflow="fold", ratio=1, min_width=10)
    for heading in headings:
        table.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(shown(row[0]), *row[1:])
    return table


def _cells(name: str, t: dict[str, Any]) -> list[str]:
    csat = NA
    if t["csat_ai"] is not None or t["csat_human"] is not None:
        csat = f"{num(t['csat_ai'], 1)}/{num(t['csat_human'], 1)}"
    elif t["csat"] is not None:
        csat = num(t["csat"], 1)
    return [
        name,
        num(t["contacts"]),
        pct(t["ai_share"]),
        pct(t["deflection_rate"]),
        pct(t["deflected_unresolved_rate"]),
        pct(t["resolution_rate"]),
        pct(t["repeat_contact_rate"]),
        num(t["looping_customers"]),
        csat,
    ]
