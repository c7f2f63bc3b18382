"""The calibration suite (calibration/moments.yaml, docs/calibration.md): every reference moment
gets the verdict and alignment a CX leader expects; a pending one (needing what the format
cannot say yet) is expected to fail until it can, strictly, so its fix is noticed."""

from __future__ import annotations

from typing import Any

import pytest

import calibration

MOMENTS = calibration.moments()


def _params() -> list[Any]:
    out = []
    for m in MOMENTS:
        marks = [pytest.mark.xfail(strict=True, reason=m["pending"])] if "pending" in m else []
        out.append(pytest.param(m, id=m["id"], marks=marks))
    return out


@pytest.mark.parametrize("moment", _params())
def test_the_verdict_is_one_a_cx_leader_would_sign(moment: dict[str, Any]) -> None:
    outcome = calibration.assess_moment(moment)
    found = (outcome.verdict, outcome.alignment)
    assert found == (moment["expect"]["verdict"], moment["expect"]["alignment"]), outcome


def test_the_suite_spans_industries_and_both_directions() -> None:
    assert len(MOMENTS) >= 40
    assert len({m["industry"] for m in MOMENTS}) >= 8
    ids = [m["id"] for m in MOMENTS]
    assert len(set(ids)) == len(ids)
    verdicts = {m["expect"]["verdict"] for m in MOMENTS if "pending" not in m}
    assert verdicts == {"automate", "guarded", "assist", "human-only", "unassessed"}
    automate = [m for m in MOMENTS if m["expect"]["verdict"] == "automate"]
    assert len(automate) >= 10  # where stakes must not over-warn
    for m in MOMENTS:
        assert set(m) <= {"id", "industry", "title", "handled_by", "interaction", "decided_by"} | {
            "escalation",
            "signals",
            "expect",
            "why",
            "pending",
        }, m["id"]
        assert m["why"].endswith("."), m["id"]


def test_the_published_table_is_current() -> None:
    text = calibration.DOC.read_text(encoding="utf-8")
    assert calibration.rewrite(text) == text, "run `python scripts/regenerate-docs.py`"
