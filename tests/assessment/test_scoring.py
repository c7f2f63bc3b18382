"""Property tests of the engine (docs/assessment.md): monotone, bounded, deterministic,
order-independent, hard rules, overrides and alignment."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import JOURNEYS, VALID, map_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import RAISES, extreme, riskier, signals_of

import stakes
from stakes.assessment.engine import (
    alignment,
    assess,
    assess_journeys,
    override_status,
)
from stakes.assessment.factors import LEVELS
from stakes.assessment.policy_file import default_policy
from stakes.assessment.scoring import Score, Scorer, verdict_rank
from stakes.journey.model import Journey, Override, Stage, Touchpoint
from stakes.journey.signals import Signals, signals

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

AS_OF = dt.date(2026, 11, 26)
POLICY = default_policy()
SCORER = Scorer(POLICY)
CURRENCIES = st.sampled_from([None, "EUR", "USD", "GBP", "JPY", "XYZ"])
HANDLERS = ("ai", "human", "hybrid", "self-service")
VERDICTS = ("automate", "guarded", "assist", "human-only")

signals_st = signals_of()


def score(signals: Signals, currency: str | None = None) -> Score:
    return SCORER.score(signals, currency)


def test_every_declared_signal_has_strategies() -> None:
    # Built from the declarations: a new kind of signal fails here until it has strategies.
    assert set(RAISES) == set(Signals.model_fields) == {s.name for s in signals()}


# --- monotone --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RAISES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_raising_a_risk_signal_never_lowers_score_level_or_verdict(
    name: str, data: st.DataObject
) -> None:
    base = data.draw(signals_st, label="signals")
    low, high = data.draw(RAISES[name], label=name)
    currency = data.draw(CURRENCIES, label="currency")
    before = score(base.model_copy(update={name: low}), currency)
    after = score(base.model_copy(update={name: high}), currency)
    assert after.score >= before.score
    assert LEVELS.index(after.level) >= LEVELS.index(before.level)
    assert verdict_rank(after.verdict) >= verdict_rank(before.verdict)
    assert verdict_rank(after.matrix_verdict) >= verdict_rank(before.matrix_verdict)


@FAST
@given(a=signals_st, b=signals_st, currency=CURRENCIES)
def test_raising_every_signal_at_once_never_softens(
    a: Signals, b: Signals, currency: str | None
) -> None:
    """The pointwise maximum of two signal sets is at least as risky as each of them."""

    top = Signals(**{s.name: riskier(s, getattr(a, s.name), getattr(b, s.name)) for s in signals()})
    t = score(top, currency)
    for s in (score(a, currency), score(b, currency)):
        assert t.score >= s.score
        assert verdict_rank(t.verdict) >= verdict_rank(s.verdict)


# --- bounded ---------------------------------------------------------------------------------


@FAST
@given(signals=signals_st, currency=CURRENCIES)
def test_score_is_bounded_and_explained_exactly_by_its_factors(
    signals: Signals, currency: str | None
) -> None:
    s = score(signals, currency)
    assert 0 <= s.score <= 100
    assert [f.name for f in s.factors] == list(type(POLICY.factors).model_fields)
    for f in s.factors:
        assert f.weight == getattr(POLICY.factors, f.name).weight
        assert 0 <= f.points <= f.weight
        assert f.sentence
    assert sum(f.points for f in s.factors) == s.score
    lv = POLICY.levels
    expected = (
        "critical"
        if s.score >= lv.critical
        else "high"
        if s.score >= lv.high
        else "moderate"
        if s.score >= lv.moderate
        else "low"
    )
    assert s.level == expected
    assert s.matrix_verdict == POLICY.matrix[s.level][s.complexity]  # type: ignore[index]
    assert verdict_rank(s.verdict) >= verdict_rank(s.matrix_verdict)
    assert verdict_rank(s.verdict) == max(
        [verdict_rank(s.matrix_verdict), *(verdict_rank(r.at_least) for r in s.hard_rules)]
    )


def test_the_lowest_and_highest_signals_span_the_scale() -> None:
    lowest = score(Signals(**{s.name: extreme(s, highest=False) for s in signals()}))
    assert (lowest.score, lowest.level, lowest.verdict) == (0, "low", "automate")
    highest = score(Signals(**{s.name: extreme(s, highest=True) for s in signals()}))
    assert (highest.score, highest.level, highest.verdict) == (100, "critical", "human-only")


# --- deterministic ---------------------------------------------------------------------------


@FAST
@given(signals=signals_st, currency=CURRENCIES)
def test_scoring_is_deterministic(signals: Signals, currency: str | None) -> None:
    first = score(signals, currency)
    assert score(signals, currency) == first
    assert Scorer(default_policy()).score(Signals(**signals.model_dump()), currency) == first


def _map_json(source: Any) -> str:
    a = assess(source, as_of=AS_OF)
    return map_text(a, "json")


def test_map_json_of_the_shipped_journeys_is_byte_identical_across_runs() -> None:
    first = _map_json(str(JOURNEYS))
    assert _map_json(str(JOURNEYS)) == first
    assert json.loads(first)["summary"]["touchpoints"] == len(assess(str(JOURNEYS), as_of=AS_OF))


MAP_JSON = """\
import datetime, sys
from stakes.assessment.engine import assess
from stakes.render.documents import MapDocument
from stakes.render.registry import render
a = assess(sys.argv[1], as_of=datetime.date(2026, 11, 26))
sys.stdout.writelines(render("map", "json", MapDocument(a, list(a))))
"""


def test_map_json_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set or dict ordering that leaks into the output would differ between processes."""
    outputs = []
    for seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", MAP_JSON, str(JOURNEYS)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
            check=True,
        )
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["touchpoints"]


# --- order independence ----------------------------------------------------------------------


def _signals_data(s: Signals) -> dict[str, Any]:
    """Signals as YAML data, with only the non-default ones written out."""
    out = s.model_dump(mode="json", exclude_defaults=True)
    if "personal_data" in out:
        out["personal_data"] = list(out["personal_data"])
    return out


yaml_signals = signals_of(plain=True)


@st.composite
def journeys_data(draw: st.DrawFn) -> dict[str, Any]:
    """A journey as plain data: VALID's shape with generated stages and touchpoints."""
    n_stages = draw(st.integers(min_value=1, max_value=4))
    counter = 0
    stages: list[dict[str, Any]] = []
    for si in range(n_stages):
        tps: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            tp: dict[str, Any] = {
                "id": f"tp-{counter}",
                "title": f"Touchpoint {counter}",
                "channel": draw(st.sampled_from(["chat", "web", "phone", "email"])),
                "handled_by": draw(st.sampled_from(HANDLERS)),
                "signals": _signals_data(draw(yaml_signals)),
            }
            counter += 1
            if draw(st.booleans()):
                tp["escalation"] = {"to": "specialist", "triggers": ["customer-request"]}
            if draw(st.integers(min_value=0, max_value=3)) == 0:
                override: dict[str, Any] = {"verdict": draw(st.sampled_from(VERDICTS))}
                if draw(st.booleans()):
                    override["reason"] = "Reviewed pilot."
                if draw(st.booleans()):
                    override["approved_by"] = "head-of-cx"
                if draw(st.booleans()):
                    override["expires"] = draw(st.sampled_from(["2026-01-31", "2027-12-31"]))
                tp["override"] = override
            tps.append(tp)
        stages.append({"id": f"stage-{si}", "title": f"Stage {si}", "touchpoints": tps})
    stages[-1]["touchpoints"].append(
        {
            "id": "specialist",
            "title": "A specialist",
            "channel": "phone",
            "handled_by": "human",
        }
    )
    return {
        "journey": "generated",
        "title": "A generated journey",
        "owner": "cx",
        "currency": draw(st.sampled_from(["EUR", "USD", "JPY"])),
        "stages": stages,
    }


def _shuffled(data: Any, rng: random.Random) -> Any:
    """The same data with every mapping's keys (and stages, touchpoints in a stage) reordered."""
    if isinstance(data, dict):
        items = list(data.items())
        rng.shuffle(items)
        out = {}
        for key, value in items:
            if key in ("stages", "touchpoints"):
                value = [_shuffled(v, rng) for v in value]
                rng.shuffle(value)
            else:
                value = _shuffled(value, rng)
            out[key] = value
        return out
    if isinstance(data, list):
        return [_shuffled(v, rng) for v in data]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _load(text: str) -> Journey:
    result, _ = stakes.load_text(text, "j.yaml")
    assert result.journey is not None, [f"{f.location} {f.message}" for f in result.findings]
    return result.journey


def _outcome(journey: Journey) -> dict[str, tuple[int, str, str, str, str | None]]:
    a = assess_journeys([(journey, "j.yaml")], as_of=AS_OF)
    return {
        t.touchpoint.id: (t.result.score, t.result.level, t.verdict, t.alignment, t.override)
        for t in a
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=journeys_data(), rng=st.randoms(use_true_random=False))
def test_order_of_stages_touchpoints_and_keys_does_not_matter(
    data: dict[str, Any], rng: random.Random
) -> None:
    original = _outcome(_load(_dump(data)))
    permuted = _outcome(_load(_dump(_shuffled(data, rng))))
    assert permuted == original


@FAST
@given(rng=st.randoms(use_true_random=False))
def test_order_in_the_valid_journey_does_not_matter(rng: random.Random) -> None:
    data = yaml.safe_load(VALID)
    assert _outcome(_load(_dump(_shuffled(data, rng)))) == _outcome(_load(VALID))


SHIPPED = sorted(str(p) for p in JOURNEYS.glob("*.yaml"))


@SLOW
@given(order=st.permutations(SHIPPED))
def test_order_of_files_given_to_assess_does_not_matter(order: list[str]) -> None:
    assert _map_json(order) == _map_json(SHIPPED)


@SLOW
@given(order=st.permutations(range(len(SHIPPED))))
def test_order_of_journeys_given_to_assess_does_not_matter(order: list[int]) -> None:
    journeys = stakes.load(SHIPPED).journeys
    first = assess(journeys, as_of=AS_OF)
    again = assess([journeys[i] for i in order], as_of=AS_OF)
    assert map_text(again, "json") == map_text(first, "json")


# --- hard rules ------------------------------------------------------------------------------


@FAST
@given(signals=signals_st, currency=CURRENCIES)
def test_hard_rules_hold(signals: Signals, currency: str | None) -> None:
    s = score(signals, currency)
    rank = verdict_rank(s.verdict)
    fired = {r.id for r in s.hard_rules}
    if signals.safety:
        assert s.verdict == "human-only" and "safety" in fired
    if signals.vulnerability == "likely" and signals.emotion in ("distressed", "grieving"):
        assert s.verdict == "human-only" and "vulnerable-and-distressed" in fired
    adverse = signals.decision_outcome != "favourable"
    if signals.decision_effect in ("significant", "legal") and adverse:
        assert rank >= verdict_rank("assist") and "legal-effect" in fired
    if not adverse:
        assert "legal-effect" not in fired  # a decision that can only grant takes nothing
    if signals.needs_authority:
        assert rank >= verdict_rank("guarded") and "authority" in fired
    money = signals.money_at_stake * Scorer(default_policy()).rate(currency)
    if signals.decision_effect != "none" and money >= 250:
        assert rank >= verdict_rank("guarded") and "binding-answer" in fired
    if signals.prior_contacts >= 3:
        assert rank >= verdict_rank("assist") and "looping" in fired
    if s.level == "critical":
        assert s.verdict == "human-only" and "critical-stakes" in fired


@pytest.mark.parametrize(
    ("signals", "rule"),
    [
        (Signals(safety=True), "safety"),
        (Signals(vulnerability="likely", emotion="distressed"), "vulnerable-and-distressed"),
        (Signals(vulnerability="likely", emotion="grieving"), "vulnerable-and-distressed"),
        (Signals(decision_effect="significant"), "legal-effect"),
        (Signals(decision_effect="legal"), "legal-effect"),
        (Signals(decision_effect="legal", decision_outcome="adverse"), "legal-effect"),
        (Signals(needs_authority=True), "authority"),
        (Signals(decision_effect="informational", money_at_stake=250), "binding-answer"),
        (Signals(prior_contacts=3), "looping"),
    ],
)
def test_each_hard_rule_fires_on_otherwise_calm_signals(signals: Signals, rule: str) -> None:
    s = score(signals)
    assert [r.id for r in s.hard_rules] == [rule]
    assert verdict_rank(s.verdict) >= verdict_rank(s.hard_rules[0].at_least)
    assert s.hard_rules[0].sentence and s.hard_rules[0].source


@pytest.mark.parametrize(
    "signals",
    [
        Signals(vulnerability="likely", emotion="angry"),
        Signals(vulnerability="possible", emotion="grieving"),
        Signals(decision_effect="informational"),
        Signals(prior_contacts=2),
    ],
)
def test_hard_rules_do_not_fire_just_below_their_threshold(signals: Signals) -> None:
    assert score(signals).hard_rules == ()


# --- overrides and alignment -----------------------------------------------------------------


def _expected_alignment(handled_by: str, verdict: str, has_escalation: bool) -> str:
    """The alignment table of docs/assessment.md, written out case by case."""
    if handled_by in ("ai", "self-service"):
        if verdict in ("assist", "human-only"):
            return "over-automated"
        if verdict == "guarded" and not has_escalation:
            return "over-automated"
        return "aligned"
    # human or hybrid: people are involved, never over-automated
    return "under-automated" if verdict == "automate" else "aligned"


@pytest.mark.parametrize("handled_by", HANDLERS)
@pytest.mark.parametrize("verdict", VERDICTS)
@pytest.mark.parametrize("has_escalation", [False, True])
def test_alignment_table(handled_by: str, verdict: str, has_escalation: bool) -> None:
    assert alignment(handled_by, verdict, has_escalation) == _expected_alignment(
        handled_by, verdict, has_escalation
    )


@pytest.mark.parametrize(
    ("handled_by", "verdict", "has_escalation", "expected"),
    [
        ("ai", "assist", True, "over-automated"),
        ("self-service", "human-only", True, "over-automated"),
        ("ai", "guarded", False, "over-automated"),
        ("ai", "guarded", True, "aligned"),
        ("self-service", "automate", False, "aligned"),
        ("human", "automate", False, "under-automated"),
        ("human", "human-only", False, "aligned"),
        ("hybrid", "human-only", True, "aligned"),
        ("hybrid", "automate", True, "under-automated"),
        ("hybrid", "assist", False, "aligned"),
        ("hybrid", "guarded", False, "aligned"),
    ],
)
def test_alignment_examples(
    handled_by: str, verdict: str, has_escalation: bool, expected: str
) -> None:
    assert alignment(handled_by, verdict, has_escalation) == expected


def _tp(override: Override | None, handled_by: str = "ai", **signals: Any) -> Touchpoint:
    return Touchpoint(
        id="tp",
        title="A touchpoint",
        channel="chat",
        handled_by=handled_by,  # type: ignore[arg-type]
        signals=Signals(**signals),
        override=override,
    )


REVIEWED = Override(
    verdict="guarded",
    reason="Supervised pilot.",
    approved_by="head-of-cx",
    expires=dt.date(2027, 3, 31),
)


@pytest.mark.parametrize(
    ("override", "as_of", "status"),
    [
        (None, AS_OF, None),
        (REVIEWED, AS_OF, "applied"),
        (REVIEWED, dt.date(2027, 3, 31), "applied"),
        (REVIEWED, dt.date(2027, 4, 1), "expired"),
        (REVIEWED.model_copy(update={"expires": None}), dt.date(2099, 1, 1), "applied"),
        (REVIEWED.model_copy(update={"reason": None}), AS_OF, "unreviewed"),
        (REVIEWED.model_copy(update={"approved_by": None}), AS_OF, "unreviewed"),
        (Override(verdict="automate"), AS_OF, "unreviewed"),
        (REVIEWED.model_copy(update={"approved_by": None}), dt.date(2028, 1, 1), "expired"),
    ],
)
def test_override_status(override: Override | None, as_of: dt.date, status: str | None) -> None:
    assert override_status(_tp(override), as_of) == status


def _assess_one(tp: Touchpoint, as_of: dt.date = AS_OF) -> Any:
    journey = Journey(
        journey="j",
        title="J",
        stages=(Stage(id="s", title="S", touchpoints=(tp,)),),
    )
    (only,) = list(assess_journeys([(journey, "j.yaml")], as_of=as_of))
    return only


# A billing dispute: assist by the matrix (moderate stakes, high complexity).
DISPUTE: dict[str, Any] = {
    "emotion": "frustrated",
    "money_at_stake": 240.0,
    "complexity": "medium",
    "needs_authority": True,
    "churn_risk": "medium",
}


def test_a_reviewed_override_sets_the_verdict_and_keeps_the_computed_one() -> None:
    t = _assess_one(_tp(REVIEWED, **DISPUTE))
    assert t.override == "applied"
    assert t.computed_verdict == t.result.verdict == "assist"
    assert t.verdict == "guarded"
    # guarded without an escalation path is still over-automated for an AI touchpoint
    assert t.alignment == alignment("ai", "guarded", False) == "over-automated"


def test_an_override_can_soften_past_a_hard_rule_and_alignment_follows_it() -> None:
    t = _assess_one(
        _tp(REVIEWED.model_copy(update={"verdict": "automate"}), safety=True, emotion="calm")
    )
    assert t.computed_verdict == "human-only"
    assert t.verdict == "automate" and t.alignment == "aligned"


def test_an_expired_override_is_not_applied() -> None:
    t = _assess_one(_tp(REVIEWED, **DISPUTE), as_of=dt.date(2027, 4, 1))
    assert t.override == "expired"
    assert t.verdict == t.computed_verdict == "assist"
    assert t.alignment == "over-automated"


@pytest.mark.parametrize("missing", ["reason", "approved_by"])
def test_an_unreviewed_override_is_not_applied(missing: str) -> None:
    t = _assess_one(_tp(REVIEWED.model_copy(update={missing: None}), **DISPUTE))
    assert t.override == "unreviewed"
    assert t.verdict == t.computed_verdict == "assist"


def test_overrides_in_yaml_through_assess() -> None:
    text = VALID.replace(
        "        escalation:\n",
        "        override:\n"
        "          verdict: human-only\n"
        "          reason: Legal asked for it.\n"
        "          approved_by: legal\n"
        "          expires: 2027-01-31\n"
        "        escalation:\n",
    )
    assert "override:" in text
    journey = _load(text)
    applied = assess(journey, as_of=AS_OF).find("billing-dispute/invoice-faq")
    assert applied is not None
    assert (applied.override, applied.verdict, applied.computed_verdict) == (
        "applied",
        "human-only",
        "automate",
    )
    assert applied.alignment == "over-automated"
    expired = assess(journey, as_of=dt.date(2027, 2, 1)).find("billing-dispute#invoice-faq")
    assert expired is not None
    assert (expired.override, expired.verdict, expired.alignment) == (
        "expired",
        "automate",
        "aligned",
    )


def _reason_of(signals: Signals) -> tuple[str, str]:
    """(short reason, top reason) of one touchpoint with ``signals``."""
    from stakes.journey.files import load_text

    touchpoint = {"id": "t", "title": "T", "channel": "chat", "handled_by": "ai"}
    touchpoint["signals"] = signals.model_dump(mode="json")
    stage = {"id": "s", "title": "S", "touchpoints": [touchpoint]}
    text = yaml.safe_dump({"journey": "j", "title": "J", "owner": "o", "stages": [stage]})
    loaded, _ = load_text(text, "j.yaml")
    assert loaded.journey is not None, loaded.findings
    (t,) = assess_journeys([(loaded.journey, "j.yaml")], as_of=AS_OF)
    return t.short_reason, t.top_reason


def test_the_reason_given_is_what_set_the_verdict() -> None:
    # An assist set by the matrix was shown as "5,000 USD at stake"; an automate verdict
    # showed a risk ("handles health data") as its reason (issue #10).
    short, top = _reason_of(Signals(personal_data=("health",)))
    assert short == "low stakes, low complexity" and "health" not in top
    short, top = _reason_of(
        Signals(emotion="frustrated", money_at_stake=240, churn_risk="high", complexity="high")
    )
    assert short == "moderate stakes x high complexity"
    assert "(the complexity decides); most: the customer is frustrated" in top
    short, top = _reason_of(Signals(prior_contacts=3, needs_authority=True))
    assert short == "hard rule looping and 1 more"
    assert top.startswith("hard rule looping: ")


def test_a_decision_that_can_only_grant_is_not_held_to_the_right_to_contest() -> None:
    # "Claim approved and paid" was raised to assist by the GDPR Art. 22 rule (issue #10).
    granting = Signals(emotion="calm", decision_effect="significant", decision_outcome="favourable")
    s = score(granting, None)
    assert "legal-effect" not in {r.id for r in s.hard_rules}
    assert s.verdict == s.matrix_verdict == "automate"
    for outcome in ("either", "adverse"):
        s = score(granting.model_copy(update={"decision_outcome": outcome}), None)
        assert s.verdict == "assist" and "legal-effect" in {r.id for r in s.hard_rules}


def test_a_fix_a_bot_cannot_grant_is_at_least_guarded() -> None:
    # A fee refund at low stakes with needs_authority came out automate (issue #10).
    s = score(Signals(emotion="calm", money_at_stake=20, needs_authority=True), None)
    assert s.level == "low" and s.verdict == "guarded"
    assert [r.id for r in s.hard_rules] == ["authority"]


def test_a_verdict_the_rubric_decides_is_marked_borderline() -> None:
    # A reviewer should know where the rubric, not the moment, decided (issue #10).
    near = score(Signals(emotion="frustrated", money_at_stake=100, churn_risk="medium"))
    assert near.score in range(18, 23) and near.borderline  # at the moderate threshold
    far = score(Signals(emotion="calm"))
    assert far.score < 5 and not far.borderline
    # A hard rule holds its verdict whatever the score: never borderline.
    held = score(Signals(emotion="grieving", vulnerability="likely", money_at_stake=100))
    assert held.verdict == "human-only" and not held.borderline


@FAST
@given(signals=signals_st)
def test_borderline_means_a_nearby_score_changes_the_verdict(signals: Signals) -> None:
    s = score(signals)
    policy = default_policy()
    lv = policy.levels

    def level_of(points: int) -> str:
        return next(
            (
                name
                for at, name in (
                    (lv.critical, "critical"),
                    (lv.high, "high"),
                    (lv.moderate, "moderate"),
                )
                if points >= at
            ),
            "low",
        )

    if s.hard_rules or s.borderline:
        return
    # With no hard rule, the matrix alone sets the verdict: not borderline means the cells
    # within the margin either way give the same one.
    for moved in (s.score - policy.borderline_margin, s.score + policy.borderline_margin):
        assert policy.matrix[level_of(moved)][s.complexity] == s.verdict  # type: ignore[index]
