"""Mermaid diagrams for the markdown report: the chart of verdicts and the weekly trend.

GitHub renders Mermaid blocks. User text is reduced to a safe alphabet before it lands in a
diagram (Mermaid has no general escape for labels), and every diagram is checked with
Mermaid's own parser in CI.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stakes.assessment.touchpoints import TouchpointAssessment

_UNSAFE = re.compile(r"[^\w .,'()/&+?!-]+")  # \w keeps letters of every script, drops emoji
#: Labelled points in one chart: more are unreadable (a trend shows the latest weeks).
MAX_CHART_POINTS = 15

#: Each verdict's quadrant of the verdict chart (Mermaid numbers them 1 top right, 2 top left,
#: 3 bottom left, 4 bottom right), its name there, and the corner it starts from (x, y).
QUADRANTS: dict[str, tuple[int, str, float, float]] = {
    "automate": (3, "Automate", 0.0, 0.0),
    "guarded": (4, "AI with a way to a person", 0.5, 0.0),
    "assist": (2, "AI assists a person", 0.0, 0.5),
    "human-only": (1, "People only", 0.5, 0.5),
}


def label(text: object, limit: int = 60) -> str:
    """``text`` as a Mermaid label: letters, digits, spaces and plain punctuation only."""
    value = " ".join(_UNSAFE.sub(" ", str(text).replace('"', "'")).split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value or "untitled"


def _block(lines: Sequence[str]) -> str:
    return "```mermaid\n" + "\n".join(lines) + "\n```\n"


def charted(rows: Sequence[TouchpointAssessment]) -> list[TouchpointAssessment]:
    """The moments the verdict chart labels: the misaligned first, then the highest stakes."""
    return sorted(rows, key=lambda t: (t.alignment == "aligned", -t.result.score, t.key))[
        :MAX_CHART_POINTS
    ]


def positions(shown: Sequence[TouchpointAssessment]) -> dict[str, tuple[float, float]]:
    """Where each moment is drawn: inside its verdict's quadrant, spread by stakes (the
    higher, the further right) and staggered in three rows so that no two labels meet."""
    out: dict[str, tuple[float, float]] = {}
    for verdict, (_, _, left, bottom) in QUADRANTS.items():
        mine = sorted(
            (t for t in shown if t.verdict == verdict), key=lambda t: (t.result.score, t.key)
        )
        step = 0.38 / max(len(mine) - 1, 1)
        for i, t in enumerate(mine):
            x = left + 0.06 + (step * i if len(mine) > 1 else 0.19)
            y = bottom + 0.1 + 0.15 * (i % 3)
            out[t.key] = (x, y)
    return out


def verdict_chart(rows: Sequence[TouchpointAssessment]) -> str:
    """The moments ``charted`` picks, each in its verdict's quadrant (named with how many
    moments have that verdict, and how many are shown): a point is never drawn in a region
    its verdict does not allow, whatever raised the verdict."""
    shown = charted(rows)
    whole = len(shown) == len(rows)
    title = (
        "Verdicts of every assessed moment" if whole else "Verdicts of the moments to look at first"
    )
    lines = [
        "quadrantChart",
        f"    title {title}",
        "    x-axis More AI --> Less AI",
        "    y-axis AI decides --> A person decides",
    ]
    for verdict, (n, name, _, _) in QUADRANTS.items():
        total = sum(t.verdict == verdict for t in rows)
        drawn = sum(t.verdict == verdict for t in shown)
        count = f"{total}" if drawn == total else f"{total}, {drawn} shown"
        lines.append(f"    quadrant-{n} {name} - {count}")  # Mermaid refuses parentheses here
    where = positions(shown)
    names: set[str] = set()
    for t in sorted(shown, key=lambda t: t.key):
        name = label(t.touchpoint.id, 40)
        if name in names:
            name = label(t.key, 60)
        names.add(name)
        x, y = where[t.key]
        lines.append(f'    "{name}": [{x:.2f}, {y:.2f}]')  # quoted: an id may be a keyword
    return _block(lines)


def trend_chart(title: str, axis: str, points: Sequence[tuple[str, float]]) -> str:
    """A line over weeks (``points``: label and a share from 0 to 1), as percentages: the
    latest MAX_CHART_POINTS, the title says so when there are more."""
    shown = list(points[-MAX_CHART_POINTS:])
    if len(points) > len(shown):
        title += f", the latest {len(shown)} of {len(points)}"
    names = ", ".join(f'"{label(name, 12)}"' for name, _ in shown)
    values = ", ".join(f"{100 * value:.0f}" for _, value in shown)
    return _block(
        [
            "xychart-beta",
            f'    title "{label(title)}"',
            f"    x-axis [{names}]",
            f'    y-axis "{label(axis)}" 0 --> 100',
            f"    line [{values}]",
        ]
    )
