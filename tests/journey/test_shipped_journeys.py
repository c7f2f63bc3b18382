"""The shipped example journeys: they load clean, and they cover what CX teams meet."""

from __future__ import annotations

from conftest import JOURNEYS

import stakes


def test_shipped_journeys_lint_clean() -> None:
    portfolio = stakes.load(str(JOURNEYS))
    assert portfolio.errors == []
    assert [f"{f.location} {f.code} {f.message}" for f in portfolio.findings] == []
    assert len(portfolio.journeys) == len(list(JOURNEYS.glob("*.yaml")))


def test_shipped_journeys_cover_the_moments_the_brief_names() -> None:
    slugs = {j.journey for j in stakes.load(str(JOURNEYS)).journeys}
    assert len(slugs) >= 8
    for needed in (
        "order-delivery",
        "billing-dispute",
        "billing-dispute-repeat",
        "product-failure-complaint",
        "bereavement-notification",
        "insurance-claim",
        "telecom-outage",
        "password-reset",
        "subscription-cancellation",
    ):
        assert needed in slugs


def test_file_names_match_journey_slugs() -> None:
    for path in JOURNEYS.glob("*.yaml"):
        result, _ = stakes.load_text(path.read_bytes(), path.name)
        assert result.journey is not None and result.journey.journey == path.stem


def test_examples_show_real_escalation_gaps() -> None:
    # Real organisations have AI moments with no way out and handovers that drop the history;
    # the examples must show both, or the later checks have nothing to find.
    touchpoints = [tp for j in stakes.load(str(JOURNEYS)).journeys for _, tp in j.touchpoints()]
    ai = [tp for tp in touchpoints if tp.handled_by in ("ai", "self-service")]
    assert any(tp.escalation is None for tp in ai)
    assert any(tp.escalation and not tp.escalation.keeps_context for tp in ai)
    assert any(tp.override is not None for tp in touchpoints)
