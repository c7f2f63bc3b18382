"""``stakes export mermaid``: each journey as a Mermaid ``journey`` diagram for docs and
wikis, under a heading, in markdown.

Stages are sections and touchpoints tasks. Each task's name ends with its verdict in
brackets (``[guarded]``; ``[unassessed]`` where the journey does not say what is at stake),
its actor is who handles it today (``AI``, ``Agent``, both for ``hybrid``, ``Customer`` for
self-service), and its score, Mermaid's 1-5 face, comes from the stakes: 5 below a stakes
score of 20, then one less for each 20 points, down to 1 from 80. The face turns sad where
the customer has most at stake; it is not satisfaction. Text Mermaid reads as syntax
(``:``, ``#``, ``;``) is replaced (``mermaid_syntax.safe_text``), so that every diagram parses
with Mermaid's own parser, and ``stakes import mermaid`` reads the diagram back.
"""

from __future__ import annotations

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.interchange.mermaid_syntax import safe_text
from stakes.render.documents import MapDocument
from stakes.render.markdown import cell
from stakes.render.registry import Options

#: Who handles a moment today, as a Mermaid actor (read back by ``stakes import mermaid``).
ACTORS = {"ai": "AI", "human": "Agent", "hybrid": "AI, Agent", "self-service": "Customer"}


def face(stakes: int) -> int:
    """Mermaid's 1-5 score for a stakes score of 0-100: 5 below 20, 1 from 80."""
    return 5 - min(4, max(stakes, 0) // 20)


def render(document: MapDocument, options: Options) -> str:
    """A heading and a fenced diagram per journey, in file order."""
    out = [
        "<!-- Written by stakes export mermaid. Each task ends with its automation verdict; "
        "its score is 5 at low stakes down to 1 at critical stakes, not satisfaction. -->",
    ]
    by_journey: dict[str, list[TouchpointAssessment]] = {}
    for t in document.rows:
        by_journey.setdefault(t.journey.journey, []).append(t)
    for moments in by_journey.values():
        out += ["", f"## {cell(moments[0].journey.title)}", "", "```mermaid", *diagram(moments)]
        out.append("```")
    return "\n".join(out) + "\n"


def diagram(moments: list[TouchpointAssessment]) -> list[str]:
    """One journey's diagram, line by line."""
    journey = moments[0].journey
    title = safe_text(journey.title, title=True)
    lines = [
        "journey",
        f"    title {title}",
        f"    accTitle: {title}",
        "    accDescr: Each touchpoint with its automation verdict in brackets and its stakes "
        "as a score from 5 (low) to 1 (critical)",
    ]
    stage = None
    for t in moments:
        if t.stage is not stage:
            stage = t.stage
            lines.append(f"    section {safe_text(stage.title)}")
        verdict = "unassessed" if t.state == "unassessed" else t.verdict
        score = 3 if t.state == "unassessed" else face(t.result.score)
        name = safe_text(t.touchpoint.title)
        lines.append(f"        {name} [{verdict}]: {score}: {ACTORS[t.touchpoint.handled_by]}")
    return lines
