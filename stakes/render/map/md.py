"""``stakes map --format md``: a GitHub-flavoured markdown table per journey."""

from __future__ import annotations

from stakes.render.documents import MapDocument
from stakes.render.map.records import contradictions
from stakes.render.markdown import cell
from stakes.render.registry import Options


def render(document: MapDocument, options: Options) -> str:
    """A markdown table per journey, grouped by stage."""
    rows = document.rows
    lines: list[str] = []
    journey = None
    for t in rows:
        if t.journey is not journey:
            journey = t.journey
            if lines:
                lines.append("")
            lines += [
                f"## {cell(journey.title)} ({cell(journey.journey)})",
                "",
                "| stage | touchpoint | stakes | verdict | today | alignment | top reason |",
                "| --- | --- | ---: | --- | --- | --- | --- |",
            ]
        r = t.result
        verdict = t.verdict + (
            f" (override; computed {r.verdict})" if t.override == "applied" else ""
        )
        lines.append(
            f"| {cell(t.stage.title)} | {cell(t.touchpoint.title)} (`{t.touchpoint.id}`) "
            f"| {r.score} {r.level} | {verdict} | {t.touchpoint.handled_by} "
            f"| {t.alignment} | {cell(t.top_reason)} |"
        )
    notes = contradictions(rows)
    if notes:
        lines += ["", "## The contact log contradicts these signals", ""]
        lines += [f"- {cell(n)}" for n in notes]
    return "\n".join(lines) + "\n" if lines else "No touchpoints.\n"
