"""The report's charts are right (issue #14, part 4): every point of the verdict chart is in
its verdict's quadrant, whatever raised the verdict; at most 15 points are labelled; the
stakes curve names its threshold line and keeps the journey's title whole."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import textwrap
from pathlib import Path

from conftest import JOURNEYS, report_text

from stakes.assessment.engine import assess
from stakes.render.report.mermaid import MAX_CHART_POINTS, trend_chart

AS_OF = dt.date(2026, 11, 26)
_POINT = re.compile(r'^\s+"(?P<name>[^"]+)": \[(?P<x>[0-9.]+), (?P<y>[0-9.]+)\]$', re.M)
_QUADRANT = re.compile(r"^\s+quadrant-(?P<n>[1-4]) (?P<name>.+) - (?P<count>.+)$", re.M)
#: Where each verdict must be drawn (Mermaid numbers quadrants 1 top right, 2 top left, 3 bottom
#: left, 4 bottom right), written out here rather than read from the code under test.
EXPECTED = {
    "automate": (3, "Automate"),
    "guarded": (4, "AI with a way to a person"),
    "assist": (2, "AI assists a person"),
    "human-only": (1, "People only"),
}


def charts(markdown: str, kind: str) -> list[str]:
    blocks = re.findall(r"```mermaid\n(.*?)```", markdown, flags=re.S)
    return [b for b in blocks if b.startswith(kind)]


def quadrant(x: float, y: float) -> int:
    """Mermaid's numbering: 1 top right, 2 top left, 3 bottom left, 4 bottom right."""
    if y >= 0.5:
        return 1 if x >= 0.5 else 2
    return 4 if x >= 0.5 else 3


def check_verdict_chart(markdown: str, paths: list[str]) -> int:
    """Every point of the report's verdict chart lies in its verdict's quadrant; returns how
    many points there are."""
    assessment = assess(paths, as_of=AS_OF)
    by_name = {t.touchpoint.id: t for t in assessment} | {t.key: t for t in assessment}
    (chart,) = charts(markdown, "quadrantChart")
    names = {int(m["n"]): m["name"] for m in _QUADRANT.finditer(chart)}
    assert names == dict(EXPECTED.values())
    points = list(_POINT.finditer(chart))
    for p in points:
        t = by_name[p["name"]]
        x, y = float(p["x"]), float(p["y"])
        assert 0 < x < 1 and 0 < y < 1
        assert quadrant(x, y) == EXPECTED[t.verdict][0], (t.key, t.verdict, x, y)
    # No two labels meet.
    at = [(float(p["x"]), float(p["y"])) for p in points]
    for a, b in itertools.combinations(at, 2):
        assert abs(a[0] - b[0]) > 0.04 or abs(a[1] - b[1]) > 0.1, (a, b)
    # Each quadrant says how many moments have its verdict, and how many it shows.
    counts = {int(m["n"]): m["count"] for m in _QUADRANT.finditer(chart)}
    for verdict, (n, _) in EXPECTED.items():
        total = sum(t.verdict == verdict for t in assessment if not t.unsaid)
        drawn = sum(by_name[p["name"]].verdict == verdict for p in points)
        assert counts[n] == (str(total) if drawn == total else f"{total}, {drawn} shown")
    return len(points)


def test_the_shipped_journeys_points_are_in_their_verdicts_quadrants() -> None:
    text = report_text(assess(str(JOURNEYS), as_of=AS_OF), command="stakes map journeys")
    assert check_verdict_chart(text, [str(JOURNEYS)]) == MAX_CHART_POINTS
    assert f"shows the {MAX_CHART_POINTS} of the 88 assessed touchpoints" in text


def test_a_hard_rule_puts_a_low_stakes_moment_with_people(tmp_path: Path) -> None:
    # A legal decision that can go against the customer, at low stakes: the legal-effect hard
    # rule makes it assist at least, so it is never drawn as 'Automate'.
    journey = textwrap.dedent("""\
        journey: small
        title: A small decision
        stages:
          - id: s
            title: S
            touchpoints:
              - id: refund-decision
                title: The bot decides a 5 EUR refund
                channel: chat
                handled_by: ai
                signals: {emotion: calm, decision_effect: legal, money_at_stake: 5}
              - id: faq
                title: The FAQ
                channel: web
                handled_by: self-service
                signals: {emotion: calm}
        """)
    path = tmp_path / "small.yaml"
    path.write_text(journey, encoding="utf-8")
    assessment = assess(str(path), as_of=AS_OF)
    decision = assessment.find("small/refund-decision")
    assert decision is not None and decision.result.score < 20
    assert decision.verdict in ("assist", "human-only")
    text = report_text(assessment)
    assert check_verdict_chart(text, [str(path)]) == 2
    assert "shows every assessed touchpoint" in text


def test_a_trend_of_many_weeks_labels_the_latest_15_and_says_so() -> None:
    points = [(f"2026-W{w:02d}", w / 100) for w in range(1, 41)]
    (chart,) = charts(trend_chart("Lost quietly, by week", "per cent", points), "xychart-beta")
    labels = re.findall(r'"(2026-W\d\d)"', chart)
    assert labels == [f"2026-W{w:02d}" for w in range(26, 41)]
    assert len(labels) == MAX_CHART_POINTS
    assert 'title "Lost quietly, by week, the latest 15 of 40"' in chart
