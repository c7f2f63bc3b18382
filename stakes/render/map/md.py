"""``stakes map --format md``: a GitHub-flavoured markdown table per journey."""

from __future__ import annotations

from stakes.render.documents import MapDocument
from stakes.render.map.records import contradictions
from stakes.render.markdown import cell
from stakes.render.registry import Options

HEADER = "| stage | touchpoint | stakes | verdict | today | alignment | top reason |"
RULE = "| --- | --- | ---: | --- | --- | --- | --- |"


def render(document: MapDocument, options: Options) -> str:
    """A markdown table per journey, grouped by stage; sorted by stakes, one table for every
    journey with a journey column."""
    rows = document.rows
    lines: list[str] = []
    journey = None
    if rows and not document.by_journey:
        lines += [
            "## Every journey, highest stakes first",
            "",
            "| journey " + HEADER,
            "| --- " + RULE,
        ]
    for t in rows:
        if document.by_journey and t.journey is not journey:
            journey = t.journey
            if lines:
                lines.append("")
            lines += [f"## {cell(journey.title)} ({cell(journey.journey)})", "", HEADER, RULE]
        r = t.result
        verdict = t.verdict + (
            f" (override; computed {r.verdict})" if t.override == "applied" else ""
        )
        if t.unsaid:
            verdict = f"at least {t.verdict}" if t.verdict != "automate" else "not assessed"
        first = "" if document.by_journey else f"| {cell(t.journey.title)} (`{t.journey.journey}`) "
        stakes = "not assessed" if t.unsaid else f"{r.score} {r.level}"
        stakes += " (borderline)" if r.borderline and not t.unsaid else ""
        lines.append(
            f"{first}| {cell(t.stage.title)} | {cell(t.touchpoint.title)} (`{t.touchpoint.id}`) "
            f"| {stakes} | {verdict} | {t.touchpoint.handled_by} "
            f"| {t.alignment} | {cell(t.top_reason)} |"
        )
    notes = contradictions(rows)
    if notes:
        lines += ["", "## Where the contact log disagrees with the journeys", ""]
        lines += [f"- {cell(n)}" for n in notes]
    return "\n".join(lines) + "\n" if lines else "No touchpoints.\n"
