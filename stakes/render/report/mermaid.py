"""Mermaid diagrams for the report: a stakes curve per journey and a chart of verdicts.

GitHub renders Mermaid blocks. User text is reduced to a safe alphabet before it lands in a
diagram (Mermaid has no general escape for labels), and every diagram is checked with
Mermaid's own parser in CI.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from stakes.assessment.factors import COMPLEXITIES
from stakes.assessment.policy import Policy
from stakes.assessment.touchpoints import TouchpointAssessment

_UNSAFE = re.compile(r"[^\w .,'()/&+?!-]+")  # \w keeps letters of every script, drops emoji
MAX_CURVE_POINTS = 40
#: Labelled points in one chart: more are unreadable.
MAX_CHART_POINTS = 15

#: Each verdict's quadrant of the verdict chart (Mermaid numbers them 1 top right, 2 top left,
#: 3 bottom left, 4 bottom right), its name there, and the corner it starts from (x, y).
QUADRANTS: dict[str, tuple[int, str, float, float]] = {
    "automate": (3, "Automate", 0.0, 0.0),
    "guarded": (4, "AI with a way to a person", 0.5, 0.0),
    "assist": (2, "AI assists, a person decides", 0.0, 0.5),
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


def stakes_curve(rows: Sequence[TouchpointAssessment], title: str, policy: Policy) -> str:
    """A bar per touchpoint (its stakes score) with the high-stakes threshold as a line, named
    on the axis (Mermaid cannot label a line)."""
    shown = list(rows[:MAX_CURVE_POINTS])
    names = ", ".join(f'"{label(t.touchpoint.id, 30)}"' for t in shown)
    scores = ", ".join(str(t.result.score) for t in shown)
    high = policy.levels.high
    return _block(
        [
            "xychart-beta",
            f'    title "{label(title, 300)}"',
            f"    x-axis [{names}]",
            f'    y-axis "Stakes score (line at high stakes, {high})" 0 --> 100',
            f"    bar [{scores}]",
            f"    line [{', '.join(str(high) for _ in shown)}]",
        ]
    )


def _jitter(key: str) -> float:
    """A small, stable offset in [-0.1, 0.1] so that points in one column do not overlap."""
    digest = hashlib.sha256(key.encode()).digest()
    return (digest[0] / 255 - 0.5) * 0.2


def charted(rows: Sequence[TouchpointAssessment]) -> list[TouchpointAssessment]:
    """The moments the verdict chart labels: the misaligned first, then the highest stakes."""
    return sorted(rows, key=lambda t: (t.alignment == "aligned", -t.result.score, t.key))[
        :MAX_CHART_POINTS
    ]


def position(t: TouchpointAssessment) -> tuple[float, float]:
    """Where ``t`` is drawn: inside its verdict's quadrant, further right the higher its
    stakes and further up the more complex it is."""
    _, _, left, bottom = QUADRANTS[t.verdict]
    column = COMPLEXITIES.index(t.result.complexity)
    x = left + min(0.47, max(0.03, t.result.score / 100 * 0.5))
    y = bottom + min(0.47, max(0.03, (column + 0.5) / 6 + _jitter(t.key) / 2))
    return x, y


def verdict_chart(rows: Sequence[TouchpointAssessment]) -> str:
    """The moments ``charted`` picks, each in its verdict's quadrant: a point is never drawn in
    a region its verdict does not allow, whatever raised the verdict."""
    lines = [
        "quadrantChart",
        "    title Verdicts of the moments to look at first",
        "    x-axis Lower stakes --> Higher stakes",
        "    y-axis Simpler --> More complex",
        *(f"    quadrant-{n} {name}" for n, name, _, _ in QUADRANTS.values()),
    ]
    names: set[str] = set()
    for t in sorted(charted(rows), key=lambda t: t.key):
        name = label(t.touchpoint.id, 40)
        if name in names:
            name = label(t.key, 60)
        names.add(name)
        x, y = position(t)
        lines.append(f'    "{name}": [{x:.2f}, {y:.2f}]')  # quoted: an id may be a keyword
    return _block(lines)


def trend_chart(title: str, axis: str, points: Sequence[tuple[str, float]]) -> str:
    """A line over weeks (``points``: label and a share from 0 to 1), as percentages."""
    shown = list(points[-MAX_CURVE_POINTS:])
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
