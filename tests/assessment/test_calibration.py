"""The calibration anchors of docs/assessment.md, pinned on the shipped journeys."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import JOURNEYS

from stakes.assessment.engine import assess
from stakes.assessment.results import Assessment
from stakes.assessment.scoring import verdict_rank
from stakes.assessment.touchpoints import TouchpointAssessment


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess(str(JOURNEYS), as_of=dt.date(2026, 11, 26))


def get(assessment: Assessment, key: str) -> TouchpointAssessment:
    found = assessment.find(key)
    assert found is not None, key
    return found


def test_a_shipping_time_question_is_automate(assessment: Assessment) -> None:
    wismo = get(assessment, "order-delivery/wismo-chat")
    assert wismo.touchpoint.signals.emotion == "curious"
    assert wismo.computed_verdict == "automate"
    assert wismo.alignment == "aligned"


def test_a_billing_dispute_is_guarded_or_assist(assessment: Assessment) -> None:
    for key in ("billing-dispute/billing-chat", "billing-dispute/dispute-specialist"):
        assert get(assessment, key).computed_verdict in ("guarded", "assist"), key


def test_the_same_dispute_on_the_fourth_contact_is_at_least_assist(
    assessment: Assessment,
) -> None:
    bot = get(assessment, "billing-dispute-repeat/night-billing-bot")
    assert bot.touchpoint.signals.prior_contacts >= 3
    assert verdict_rank(bot.computed_verdict) >= verdict_rank("assist")
    assert "looping" in {r.id for r in bot.result.hard_rules}
    assert bot.alignment == "over-automated"  # a bot handles it today


def test_a_complaint_after_a_product_failure_is_human_only(assessment: Assessment) -> None:
    assert get(assessment, "product-failure-complaint/complaint-handler").verdict == "human-only"


def test_a_bereavement_notification_is_human_only(assessment: Assessment) -> None:
    for key in (
        "bereavement-notification/bereavement-line",
        "bereavement-notification/app-assistant-intake",
    ):
        assert get(assessment, key).verdict == "human-only", key
    intake = get(assessment, "bereavement-notification/app-assistant-intake")
    assert intake.alignment == "over-automated"


def test_an_automated_decision_with_legal_effect_is_at_least_assist(
    assessment: Assessment,
) -> None:
    decision = get(assessment, "insurance-claim/automated-claim-decision")
    assert decision.touchpoint.signals.decision_effect in ("legal", "significant")
    assert verdict_rank(decision.verdict) >= verdict_rank("assist")
    assert "legal-effect" in {r.id for r in decision.result.hard_rules}


def test_the_portfolio_spreads_over_every_verdict(assessment: Assessment) -> None:
    verdicts = {t.verdict for t in assessment}
    assert verdicts == {"automate", "guarded", "assist", "human-only"}
    alignments = {t.alignment for t in assessment}
    assert alignments == {"aligned", "over-automated", "under-automated"}


def test_a_reviewed_override_is_applied_and_the_computed_verdict_kept(
    assessment: Assessment,
) -> None:
    chat = get(assessment, "billing-dispute/billing-chat")
    assert chat.override == "applied"
    assert chat.verdict == "guarded" and chat.computed_verdict == "assist"
