"""Mermaid diagrams for the report: a stakes curve per journey and a stakes x complexity chart.

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
MAX_CHART_POINTS = 60


def label(text: object, limit: int = 60) -> str:
    """``text`` as a Mermaid label: letters, digits, spaces and plain punctuation only."""
    value = " ".join(_UNSAFE.sub(" ", str(text).replace('"', "'")).split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value or "untitled"


def _block(lines: Sequence[str]) -> str:
    return "```mermaid\n" + "\n".join(lines) + "\n```\n"


def stakes_curve(rows: Sequence[TouchpointAssessment], title: str, policy: Policy) -> str:
    """A bar per touchpoint (its stakes score) with the high-stakes threshold as a line."""
    shown = list(rows[:MAX_CURVE_POINTS])
    names = ", ".join(f'"{label(t.touchpoint.id, 30)}"' for t in shown)
    scores = ", ".join(str(t.result.score) for t in shown)
    high = ", ".join(str(policy.levels.high) for _ in shown)
    return _block(
        [
            "xychart-beta",
            f'    title "{label(title)}"',
            f"    x-axis [{names}]",
            '    y-axis "Stakes score" 0 --> 100',
            f"    bar [{scores}]",
            f"    line [{high}]",
        ]
    )


def _jitter(key: str) -> float:
    """A small, stable offset in [-0.1, 0.1] so that points in one column do not overlap."""
    digest = hashlib.sha256(key.encode()).digest()
    return (digest[0] / 255 - 0.5) * 0.2


def stakes_complexity_chart(rows: Sequence[TouchpointAssessment]) -> str:
    """Touchpoints placed by complexity (x) and stakes (y), the highest stakes first."""
    ranked = sorted(rows, key=lambda t: (-t.result.score, t.key))[:MAX_CHART_POINTS]
    lines = [
        "quadrantChart",
        "    title Stakes x complexity",
        "    x-axis Simple --> Complex",
        "    y-axis Low stakes --> High stakes",
        "    quadrant-1 People decide",
        "    quadrant-2 People with time and empathy",
        "    quadrant-3 Automate",
        "    quadrant-4 AI with a way out",
    ]
    names: set[str] = set()
    for t in sorted(ranked, key=lambda t: t.key):
        name = label(t.touchpoint.id, 40)
        if name in names:
            name = label(t.key, 60)
        names.add(name)
        column = COMPLEXITIES.index(t.result.complexity)
        x = min(0.97, max(0.03, (column + 0.5) / 3 + _jitter(t.key)))
        y = min(0.97, max(0.03, t.result.score / 100))
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
