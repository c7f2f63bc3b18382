"""Every metric of docs/evidence.md on small logs computed by hand (the arithmetic is in
the comments)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stakes.evidence import (
    Evidence,
    LogReport,
    ObservedHandling,
    ObservedSignals,
    load_evidence,
    measure,
    parse_window,
)
from stakes.journey.model import Journey

DAY = pd.Timedelta(days=1)
T0 = pd.Timestamp("2025-01-01 09:00")


def journey(slug: str, touchpoints: dict[str, str]) -> Journey:
    """A journey with one stage holding ``{touchpoint id: handled_by}``."""
    return Journey.model_validate(
        {
            "journey": slug,
            "title": slug.title(),
            "stages": [
                {
                    "id": "contact",
                    "title": "Contacts us",
                    "touchpoints": [
                        {"id": tp, "title": tp, "channel": "chat", "handled_by": h}
                        for tp, h in touchpoints.items()
                    ],
                }
            ],
        },
        strict=False,  # lists for tuples, as YAML gives them
    )


SUPPORT = journey("support", {"refund-chat": "ai", "refund-call": "human"})
BILLING = journey("billing", {"invoice-faq": "self-service", "refund-chat": "ai"})

# The log of the worked example. Days from T0; window 7 days.
#  row customer touchpoint   day handler esc  res  csat
#   1  c1       refund-chat   0  bot     no   no   2
#   2  c1       refund-chat   2  bot     no   no   1
#   3  c1       refund-chat   5  bot     yes  yes  4
#   4  c2       refund-chat   0  chatbot no   yes  5
#   5  c2       refund-chat  10  agent   no   yes  -
#   6  c3       refund-chat   1  ai      no   no   -
#   7  c3       refund-call   3  human   no   yes  4
#   8  c4       refund-call   0  agent   no   no   3
LOG = pd.DataFrame(
    {
        "customer_id": ["c1", "c1", "c1", "c2", "c2", "c3", "c3", "c4"],
        "touchpoint": ["refund-chat"] * 6 + ["refund-call"] * 2,
        "timestamp": [T0 + d * DAY for d in (0, 2, 5, 0, 10, 1, 3, 0)],
        "handled_by": ["bot", "bot", "bot", "chatbot", "agent", "ai", "human", "agent"],
        "escalated": ["no", "no", "yes", "no", "no", "no", "no", "no"],
        "resolved": ["no", "no", "yes", "yes", "yes", "no", "yes", "no"],
        "csat": [2, 1, 4, 5, None, None, 4, 3],
    }
)


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return measure(LOG, [SUPPORT], "7d")


def row(evidence: Evidence, key: str) -> dict[str, Any]:
    return next(
        t for t in evidence.touchpoint_records() if f"{t['journey']}/{t['touchpoint']}" == key
    )


def test_counts_shares_and_rates_of_one_touchpoint(evidence: Evidence) -> None:
    t = row(evidence, "support/refund-chat")
    assert t["contacts"] == 6  # rows 1-6
    assert t["customers"] == 3  # c1, c2, c3
    assert t["ai_contacts"] == 5  # rows 1, 2, 3, 4, 6 (row 5 is an agent)
    assert t["ai_share"] == pytest.approx(5 / 6)
    assert t["deflected"] == 4  # AI and not escalated: rows 1, 2, 4, 6
    assert t["deflection_rate"] == pytest.approx(4 / 5)
    assert t["escalation_rate"] == pytest.approx(1 / 5)  # row 3
    assert t["resolution_rate"] == pytest.approx(3 / 6)  # rows 3, 4, 5
    assert t["deflected_unresolved"] == 3  # of rows 1, 2, 4, 6: rows 1, 2, 6
    assert t["deflected_unresolved_rate"] == pytest.approx(3 / 4)


def test_window_metrics_of_one_touchpoint(evidence: Evidence) -> None:
    t = row(evidence, "support/refund-chat")
    # Followed within 7 days by the same customer on the same touchpoint: row 1 (day 0 -> 2)
    # and row 2 (day 2 -> 5); row 4 is followed by row 5 only after 10 days.
    assert t["repeat_contact_rate"] == pytest.approx(2 / 6)
    # Earlier contacts within 7 days: rows 1..6 have 0, 1, 2, 0, 0, 0. Sorted 0 0 0 0 1 2;
    # the 90th percentile is the ceil(0.9 * 6) = 6th value: 2.
    assert t["prior_contacts_p90"] == 2
    assert t["looping_customers"] == 1  # c1: days 0, 2, 5 are 3 contacts in one window


def test_csat_split_by_who_handled(evidence: Evidence) -> None:
    t = row(evidence, "support/refund-chat")
    assert t["csat"] == pytest.approx((2 + 1 + 4 + 5) / 4)  # rows 5, 6 have no rating
    assert t["csat_ai"] == pytest.approx((2 + 1 + 5) / 3)  # AI, not escalated: rows 1, 2, 4
    assert t["csat_human"] == pytest.approx(4.0)  # the others: row 3 (escalated)


def test_a_touchpoint_without_ai_contacts_has_no_deflection(evidence: Evidence) -> None:
    t = row(evidence, "support/refund-call")
    assert (t["contacts"], t["customers"], t["ai_contacts"]) == (2, 2, 0)  # rows 7, 8
    assert t["ai_share"] == 0
    assert t["deflection_rate"] is None and t["escalation_rate"] is None  # 0 / 0
    assert t["deflected"] == 0 and t["deflected_unresolved_rate"] is None
    assert t["resolution_rate"] == pytest.approx(1 / 2)  # row 7
    assert t["repeat_contact_rate"] == 0 and t["prior_contacts_p90"] == 0
    assert t["csat_ai"] is None and t["csat_human"] == pytest.approx((4 + 3) / 2)


def test_journey_and_overall_pool_the_contacts(evidence: Evidence) -> None:
    (j,) = evidence.journey_records()
    assert j["contacts"] == 8
    assert j["customers"] == 4  # c3 contacted both touchpoints: counted once
    assert j["ai_share"] == pytest.approx(5 / 8)
    assert j["deflection_rate"] == pytest.approx(4 / 5)
    assert j["resolution_rate"] == pytest.approx(4 / 8)  # rows 3, 4, 5, 7
    assert j["deflected_unresolved_rate"] == pytest.approx(3 / 4)
    assert j["repeat_contact_rate"] == pytest.approx(2 / 8)  # same touchpoint only
    assert j["looping_customers"] == 1
    # Priors 0 1 2 0 0 0 | 0 0 -> sorted 0 0 0 0 0 0 1 2: ceil(0.9 * 8) = 8th value.
    assert j["prior_contacts_p90"] == 2
    assert j["csat"] == pytest.approx((2 + 1 + 4 + 5 + 4 + 3) / 6)
    assert j["csat_ai"] == pytest.approx(8 / 3)
    assert j["csat_human"] == pytest.approx((4 + 4 + 3) / 3)  # rows 3, 7, 8
    overall = evidence.overall_record()
    assert {k: overall[k] for k in j if k in overall} == {k: j[k] for k in overall}


def test_observed_signals_for_scoring(evidence: Evidence) -> None:
    seen = evidence.observed("support/refund-chat")
    # Of refund-chat's 3 customers, c1 comes back within the window (c2 after 10 days, and
    # c3's next contact is on refund-call).
    values = {"repeat_contact_rate": pytest.approx(1 / 3), "prior_contacts": 2}
    bounds = {"repeat_contact_rate": pytest.approx((0.0615, 0.7923), abs=1e-4)}
    # 5 of the 6 contacts are labelled bot/chatbot/ai (one of them escalated), one agent.
    handling = ObservedHandling(labelled=6, automated=4, people=1, passed_on=1)
    assert seen == ObservedSignals("support/refund-chat", 6, 7.0, values, bounds, handling)
    assert seen is not None and seen.repeat_contact_rate == pytest.approx(1 / 3)
    assert seen.prior_contacts == 2 and isinstance(seen.prior_contacts, int)
    assert seen.updates() == {
        "repeat_contact_rate": pytest.approx(1 / 3),
        "prior_contacts": 2,
    }
    assert evidence.observed("support#refund-call") is not None
    assert evidence.observed("support/refund-chat", min_contacts=7) is None
    assert evidence.observed("support/nowhere") is None
    assert evidence.observed("nowhere") is None


def test_the_window_is_inclusive_and_configurable() -> None:
    log = pd.DataFrame(
        {
            "customer_id": ["a", "a", "b", "b"],
            "touchpoint": ["refund-call"] * 4,
            # a: exactly 7 days apart (a repeat); b: 7 days and 1 second (not one).
            "timestamp": [T0, T0 + 7 * DAY, T0, T0 + 7 * DAY + pd.Timedelta(seconds=1)],
        }
    )
    # The rate is a share of customers (as the journey signal is), the share a share of contacts.
    t = row(measure(log, [SUPPORT], "7d"), "support/refund-call")
    assert (t["repeat_contact_rate"], t["repeat_contact_share"]) == (1 / 2, 1 / 4)
    t = row(measure(log, [SUPPORT], "8d"), "support/refund-call")
    assert (t["repeat_contact_rate"], t["repeat_contact_share"]) == (2 / 2, 2 / 4)
    t = row(measure(log, [SUPPORT], "48h"), "support/refund-call")
    assert (t["repeat_contact_rate"], t["repeat_contact_share"]) == (0, 0)


@pytest.mark.parametrize(
    ("text", "days"), [("7d", 7), ("7", 7), ("2w", 14), ("48h", 2), ("90m", 0.0625), ("1.5d", 1.5)]
)
def test_parse_window(text: str, days: float) -> None:
    assert parse_window(text) / DAY == days


@pytest.mark.parametrize("text", ["", "0d", "-1d", "a week", "7x"])
def test_parse_window_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="window"):
        parse_window(text)


@pytest.mark.parametrize(
    ("window", "why"),
    [
        # The reproducer: a pandas OutOfBoundsTimedelta traceback.
        ("99999999999999999999w", "long"),
        ("9" * 400 + "d", "long"),  # a float: inf
        ("3651d", "long"),
        ("0.5m", "short"),
        (dt.timedelta(days=999_999_999), "long"),
        (dt.timedelta(seconds=1), "short"),
    ],
)
def test_a_window_out_of_range_says_the_range(window: str | dt.timedelta, why: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_window(window)
    assert str(caught.value) == (
        f"window {window!r}: too {why}; give a duration from 1m to 3650d (ten years), such as 7d"
    )
    assert parse_window("1m") == pd.Timedelta(minutes=1)
    assert parse_window("3650d") == pd.Timedelta(days=3650)


def test_missing_columns_leave_their_metrics_unmeasured() -> None:
    log = pd.DataFrame({"touchpoint": ["refund-chat", "refund-chat", "refund-call"]})
    ev = measure(log, [SUPPORT])
    t = row(ev, "support/refund-chat")
    # No handled_by column: contacts take the declared handler (refund-chat is ai).
    assert (t["contacts"], t["ai_contacts"], t["ai_share"]) == (2, 2, 1.0)
    for name in ("customers", "repeat_contact_rate", "deflection_rate", "resolution_rate"):
        assert t[name] is None and name in ev.not_measured
    assert "contacts" not in ev.not_measured


def test_time_to_resolution_is_a_median_of_non_negative_durations() -> None:
    report = LogReport(file="x", format="frame")
    log = pd.DataFrame(
        {
            "touchpoint": ["refund-call"] * 5,
            "timestamp": [T0] * 5,
            "resolved_at": [
                T0 + pd.Timedelta(minutes=30),
                T0 + pd.Timedelta(minutes=120),
                T0 + pd.Timedelta(minutes=60),
                T0 - pd.Timedelta(minutes=5),  # before the contact: counted, left out
                None,  # not resolved
            ],
        }
    )
    ev = measure(log, [SUPPORT], report=report)
    t = row(ev, "support/refund-call")
    assert t["median_resolution_minutes"] == 60  # median of 30, 120, 60
    assert t["resolution_rate"] == pytest.approx(4 / 5)  # a resolved_at means resolved
    (problem,) = report.problems
    assert (problem.kind, problem.count, problem.rows) == ("before-contact", 1, (4,))


def test_handled_by_labels_unknown_ones_and_fallback() -> None:
    report = LogReport(file="x", format="frame")
    log = pd.DataFrame(
        {
            "touchpoint": ["refund-call"] * 6,
            "handled_by": ["Virtual Agent", "LIVE_CHAT", "self service", None, "Tier 0", "IVR"],
        }
    )
    t = row(measure(log, [SUPPORT], report=report), "support/refund-call")
    # AI: Virtual Agent, self service, IVR (self-service); the blank and the unknown label
    # take refund-call's declared handler, human.
    assert t["ai_contacts"] == 3
    (problem,) = report.problems
    assert (problem.field, problem.kind, problem.rows) == ("handled_by", "unknown-label", (5,))


def test_matching_by_slug_key_and_journey_column() -> None:
    log = pd.DataFrame(
        {
            "touchpoint": ["Refund Chat", " refund-chat ", "support/refund-chat", "Invoice FAQ"]
            + ["refund-chat"] * 3
            + ["Nowhere"] * 3,
        }
    )
    ev = measure(log, [SUPPORT, BILLING])
    # "Refund Chat" and "refund-chat" are in two journeys: ambiguous without a journey column;
    # the key form names one; "Invoice FAQ" slugifies to billing's invoice-faq.
    assert row(ev, "support/refund-chat")["contacts"] == 1
    assert row(ev, "billing/invoice-faq")["contacts"] == 1
    unmatched = ev.unmatched_records()
    ambiguous = "in 2 journeys; map a journey column to choose"
    # Values that name a touchpoint are shown, whatever their count (" refund-chat " is
    # "refund-chat"); "Nowhere" and "Refund Chat" are not shaped like ids (a capital, a space:
    # names are written so), so they may be customer data: pooled.
    pooled = "(1 value not shown: not a touchpoint id, it may be customer data)"
    assert unmatched == [  # most contacts first, then by value
        {"value": "refund-chat", "contacts": 4, "reason": ambiguous},
        {"value": pooled, "contacts": 3, "reason": "no touchpoint with this id"},
        {"value": pooled, "contacts": 1, "reason": ambiguous},
    ]
    with_journey = log.assign(journey=["Support", "billing", "x", "billing", *["support"] * 6])
    ev = measure(with_journey, [SUPPORT, BILLING])
    assert row(ev, "support/refund-chat")["contacts"] == 4  # "Support" slugifies to support
    assert row(ev, "billing/refund-chat")["contacts"] == 1
    assert ev.unmatched_contacts == 4  # "x" is not loaded; Nowhere is not in support


# --- the vectorised window metrics against a plain Python reference --------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3)), min_size=1, max_size=25),
    st.integers(1, 10),
)
def test_window_metrics_match_a_reference(contacts: list[tuple[int, int]], window: int) -> None:
    contacts = sorted(contacts)  # in time order, as logs usually are
    times = [t for t, _ in contacts]
    customers = [c for _, c in contacts]
    log = pd.DataFrame(
        {
            "customer_id": [f"c{c}" for c in customers],
            "touchpoint": "refund-call",
            "timestamp": [T0 + t * DAY for t in times],
        }
    )
    t = row(measure(log, [SUPPORT], f"{window}d"), "support/refund-call")
    repeating = [
        any(
            customers[j] == customers[i] and times[i] <= times[j] <= times[i] + window
            for j in range(i + 1, len(times))
        )
        for i in range(len(times))
    ]
    repeaters = {customers[i] for i, r in enumerate(repeating) if r}
    prior = [
        sum(1 for j in range(i) if customers[j] == customers[i] and times[i] - times[j] <= window)
        for i in range(len(times))
    ]
    assert t["repeat_contact_share"] == pytest.approx(sum(repeating) / len(times))
    assert t["repeat_contact_rate"] == pytest.approx(len(repeaters) / len(set(customers)))
    ordered = sorted(prior)
    # The 90th percentile: the ceil(0.9 * n)-th smallest (in integers: 0.9 * 10 is not 9.0).
    assert t["prior_contacts_p90"] == ordered[-(-9 * len(ordered) // 10) - 1]
    looping = {customers[i] for i, p in enumerate(prior) if p >= 2}
    assert t["looping_customers"] == len(looping)
    assert np.isfinite(t["repeat_contact_rate"])


def test_the_group_primitives_agree_on_both_paths() -> None:
    from stakes.evidence import windows as groups

    group = np.array([0, 0, 0, 0, 0, 0, 1, 1, 2])
    values = np.array([0, 0, 0, 0, 1, 2, 5, 0, 7])
    # Group 0: sorted 0 0 0 0 1 2, the ceil(5.4) = 6th is 2; group 1: 0 5, the 2nd is 5;
    # group 2: 7; group 3 has no contacts.
    expected = [2, 5, 7]
    assert list(groups.p90(group, 4, values)[:3]) == expected
    assert np.isnan(groups.p90(group, 4, values)[3])
    customer = np.array([4, 4, 1, 1, 0, -1, 3, 3, 3])
    mask = customer >= 0
    assert list(groups.distinct(group, 3, customer, mask)) == [3, 1, 1]
    # Past the size limits they sort and hash instead of using a histogram or a bitmap.
    big = values.copy()
    big[-1] = 1 << 24
    assert list(groups.p90(group, 4, big)[:3]) == [2, 5, 1 << 24]
    wide = customer.copy()
    wide[0] = wide[1] = 1 << 27
    assert list(groups.distinct(group, 3, wide, mask)) == [3, 1, 1]


def test_load_evidence_reads_and_measures(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    LOG.assign(timestamp=[t.isoformat() for t in LOG["timestamp"]]).to_csv(log, index=False)
    ev = load_evidence(str(log), [SUPPORT], window="7d")
    assert ev.report.file == str(log) and ev.overall_record()["contacts"] == 8
    assert row(ev, "support/refund-chat")["prior_contacts_p90"] == 2
