"""What happened after a contact, hand-computed: resolution that holds, customers lost quietly,
bot then person and the time to a person, human exposure, who really handled the contacts,
the intervals every rate carries, what the metrics leave out, and the breakdowns by channel
and by week (docs/evidence.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from test_metrics import journey

from stakes.evidence import Evidence, LogReport, load_evidence, measure
from stakes.evidence.uncertainty import interval, wilson

SUPPORT = journey("support", {"refund-chat": "ai", "refund-call": "human"})
BILLING = journey("billing", {"bill-chat": "ai"})
T0 = pd.Timestamp("2025-01-06 09:00")  # a Monday
MIN, DAY, SEC = pd.Timedelta(minutes=1), pd.Timedelta(days=1), pd.Timedelta(seconds=1)

# The worked example (window 7 days, target 3 minutes):
#  customer  touchpoint   when            handler esc  resolved
#  a         refund-chat  T0              bot     no   yes   then a person 2 minutes later
#  a         refund-call  T0 + 2 min      agent   no   yes   (by phone: another channel)
#  b         refund-chat  T0              bot     no   no    b's next contact is on billing
#  b         bill-chat    T0 + 1 day      bot     no   yes
#  c         refund-chat  T0              bot     no   yes   c comes back exactly 7 days on
#  c         refund-chat  T0 + 7 days     bot     no   (blank: not known)
#  d         refund-chat  T0              bot     no   no    d's person comes 1 s too late
#  d         refund-call  T0 + 7 d + 1 s  agent   no   yes
#  (none)    refund-chat  T0              bot     yes  yes   no customer id
#  z         refund-call  T0 + 9 days     agent   no   yes   the log's last contact
# The log runs to T0 + 9 days, so what customers did next is known for contacts up to T0 + 2
# days (a whole window before the end): c's second contact, d's call and z's are too late.
LOG = pd.DataFrame(
    {
        "customer_id": ["a", "a", "b", "b", "c", "c", "d", "d", None, "z"],
        "touchpoint": [
            *("refund-chat", "refund-call", "refund-chat", "bill-chat", "refund-chat"),
            *("refund-chat", "refund-chat", "refund-call", "refund-chat", "refund-call"),
        ],
        "timestamp": [
            *(T0, T0 + 2 * MIN, T0, T0 + DAY, T0, T0 + 7 * DAY, T0, T0 + 7 * DAY + SEC, T0),
            T0 + 9 * DAY,
        ],
        "handled_by": ["bot", "agent", "bot", "bot", "bot", "bot", "bot", "agent", "bot", "agent"],
        "escalated": ["no", "no", "no", "no", "no", "no", "no", "no", "yes", "no"],
        "resolved": ["yes", "yes", "no", "yes", "yes", None, "no", "yes", "yes", "yes"],
        # a goes from the chat bot to the phone
        "channel": ["Chat", "Phone", *["Chat"] * 7, "Phone"],
    }
)


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return measure(LOG, [SUPPORT, BILLING], "7d")


def tp(evidence: Evidence, key: str) -> dict[str, Any]:
    return next(
        t for t in evidence.touchpoint_records() if f"{t['journey']}/{t['touchpoint']}" == key
    )


def test_resolution_that_holds(evidence: Evidence) -> None:
    chat = tp(evidence, "support/refund-chat")
    # Known resolutions at refund-chat: a yes, b no, c yes, d no, the anonymous one yes (c's
    # second is blank): 3 of 5, not 3 of 6.
    assert chat["resolution_rate"] == pytest.approx(3 / 5)
    # a and c were resolved but came back on the journey (a 2 minutes on, by phone; c exactly
    # 7 days on, inside the window): both assumed, none verified. The anonymous contact has no
    # customer to follow, so the denominators are a, b, c and d.
    assert chat["assumed_resolutions"] == 2 and chat["assumed_resolution_rate"] == 1
    assert chat["verified_resolution_rate"] == 0
    # b's own next contact is on another journey: b's billing contact is verified there.
    assert tp(evidence, "billing/bill-chat")["verified_resolution_rate"] == 1


def test_lost_quietly_and_bot_then_person(evidence: Evidence) -> None:
    chat = tp(evidence, "support/refund-chat")
    # b (came back only about billing) and d (the person 7 days and 1 second later) were
    # deflected, not resolved and never came back on the journey in the window.
    assert chat["lost_quietly"] == 2 and chat["lost_quietly_rate"] == pytest.approx(2 / 4)
    # Only a went from the bot to a person within the window: 1 of the 4 bot contacts the log
    # follows for a whole window (c's second is too late), 2 minutes later, inside the target.
    assert chat["bot_then_person"] == 1 and chat["bot_then_person_rate"] == pytest.approx(1 / 4)
    assert chat["median_minutes_to_person"] == 2 and chat["person_within_target_rate"] == 1
    # A person saw only the escalated contact of the six.
    assert chat["human_exposure"] == pytest.approx(1 / 6)
    slow = measure(LOG, [SUPPORT, BILLING], "7d", target="1m")
    assert tp(slow, "support/refund-chat")["person_within_target_rate"] == 0


def test_repeat_rate_is_a_share_of_customers(evidence: Evidence) -> None:
    chat = tp(evidence, "support/refund-chat")
    # Of a, b, c and d only c came back to refund-chat (exactly 7 days on): 1 of 4 customers,
    # 1 of the 5 contacts with a customer and a time.
    assert chat["repeat_contact_rate"] == pytest.approx(1 / 4)
    assert chat["repeat_contact_share"] == pytest.approx(1 / 5)


def test_what_each_group_leaves_out_is_counted(evidence: Evidence) -> None:
    assert evidence.left_out == {
        "window metrics": {"with no customer id": 1},
        # c's second contact, d's call and z's: the log ends less than a window after them.
        "what-happened-next metrics": {"with less than one window of the log after them": 3},
        "resolution metrics": {"with no resolution given or readable": 1},
    }
    from stakes.evidence.notes import notes

    said = notes(evidence)
    assert "the window metrics leave out 1 matched contact(s): 1 with no customer id" in said


def test_every_rate_carries_its_counts_and_interval(evidence: Evidence) -> None:
    chat = evidence.counted()[("support", "refund-chat")]
    assert chat["lost_quietly_rate"]["numerator"] == 2
    assert chat["lost_quietly_rate"]["denominator"] == 4
    low, high = interval(2, 4) or (0, 0)
    assert (chat["lost_quietly_rate"]["low"], chat["lost_quietly_rate"]["high"]) == (low, high)
    # The overall level and the journeys carry them too.
    overall = evidence.counted("overall")[(None, None)]
    assert overall["ai_share"]["denominator"] == 10
    assert evidence.counted("journey")[("billing", None)]["ai_share"]["numerator"] == 1


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (2, 20, 0.0279, 0.3010),  # the example: 10%, anything from 3% to 30%
        (0, 5, 0.0, 0.4345),
        (5, 5, 0.5655, 1.0),
        (50, 100, 0.4038, 0.5962),
    ],
)
def test_wilson_intervals(k: int, n: int, low: float, high: float) -> None:
    assert interval(k, n) == pytest.approx((low, high), abs=1e-4)


def test_an_empty_rate_has_no_interval() -> None:
    import numpy as np

    low, high = wilson(np.array([0, 1]), np.array([0, 2]))
    assert np.isnan(low[0]) and np.isnan(high[0]) and 0 < low[1] < 0.5 < high[1] < 1
    assert interval(0, 0) is None


def test_observed_handling_is_the_log_word_only() -> None:
    log = pd.DataFrame(
        {
            "touchpoint": ["refund-call"] * 6,
            # two bots, two people, one assisted person, one label nobody knows
            "handled_by": ["chatbot", "ivr", "agent", "agent", "copilot", "Tier 9"],
        }
    )
    t = tp(measure(log, [SUPPORT]), "support/refund-call")
    # The unknown label is left out of the shares (5 labelled contacts), though it still
    # counts as the declared human for ai_share.
    assert (t["handled_ai_share"], t["handled_self_service_share"]) == (1 / 5, 1 / 5)
    assert (t["handled_human_share"], t["handled_hybrid_share"]) == (2 / 5, 1 / 5)
    assert t["handled_automated_share"] == pytest.approx(2 / 5)
    assert t["ai_share"] == pytest.approx(2 / 6)


def test_by_channel_names_only_channels_on_enough_contacts() -> None:
    # 5 chat contacts, 4 by phone, 1 whose channel holds a customer's id: the phone and the id
    # are counted together as (other), never named.
    log = pd.DataFrame(
        {
            "customer_id": [f"cust-{i}" for i in range(9)] + ["cust-0"],
            "touchpoint": ["refund-chat"] * 10,
            "channel": ["Chat"] * 5 + ["Phone"] * 4 + ["cust-3"],
        }
    )
    found = measure(log, [SUPPORT])
    assert found.by_channel is not None
    assert list(found.by_channel.index) == ["Chat", "(other)"]
    assert list(found.by_channel["contacts"]) == [5, 5]


def test_by_week_lists_every_iso_week_from_first_to_last() -> None:
    log = pd.DataFrame(
        {
            "touchpoint": ["refund-chat"] * 3,
            # Sunday 5 Jan 2025 is in week 1; Monday 6 Jan starts week 2; 20 Jan is week 4.
            "timestamp": [
                pd.Timestamp("2025-01-05 23:59:59"),
                pd.Timestamp("2025-01-06 00:00:00"),
                pd.Timestamp("2025-01-20 12:00"),
            ],
        }
    )
    found = measure(log, [SUPPORT])
    assert found.by_week is not None
    assert list(found.by_week.index) == ["2025-W01", "2025-W02", "2025-W03", "2025-W04"]
    assert list(found.by_week["contacts"]) == [1, 1, 0, 1]


def test_since_and_until_measure_one_period() -> None:
    report = LogReport(file="x", format="frame")
    found = measure(
        LOG, [SUPPORT, BILLING], "7d", report=report, since="2025-01-06", until="2025-01-06"
    )
    # The period is all of Monday 6 January: everything but b's, c's, d's and z's later
    # contacts, which still say what the customers did next: a's call 2 minutes on counts.
    assert found.overall_record()["contacts"] == 6
    assert report.notes[-1] == (
        "period from 2025-01-06 00:00:00 to 2025-01-06 23:59:59: 4 contact(s) outside it and 0 "
        "with no time left out (later contacts still count as what the customers did next)"
    )
    chat = tp(found, "support/refund-chat")
    assert chat["assumed_resolutions"] == 2 and chat["lost_quietly"] == 2
    for bad in ("soon", "now", "2025-9-3", "03/09/2025"):
        with pytest.raises(ValueError, match=f"--until '{bad}': give a date"):
            measure(LOG, [SUPPORT, BILLING], until=bad)
    with pytest.raises(ValueError, match="--since 2025-01-20 00:00:00 is after --until"):
        measure(LOG, [SUPPORT, BILLING], since="2025-01-20", until="2025-01-10")


def test_a_log_of_dates_does_not_measure_the_target() -> None:
    dated = LOG.assign(timestamp=[t.normalize() for t in LOG["timestamp"]])
    found = measure(dated, [SUPPORT, BILLING], "7d")
    assert "person_within_target_rate" in found.not_measured
    assert "median_minutes_to_person" not in found.not_measured


def test_times_in_mixed_offsets_across_a_dst_change(tmp_path: Path) -> None:
    # 30 March 2025: Europe goes from +01:00 to +02:00. 00:30Z and 03:29+02:00 (01:29Z) are
    # 59 minutes apart; a bot contact then a person.
    (tmp_path / "log.csv").write_text(
        "customer_id,timestamp,touchpoint,handled_by\n"
        "x,2025-03-30T00:30:00+00:00,refund-chat,bot\n"
        "x,2025-03-30T03:29:00+02:00,refund-call,agent\n"
        "y,2025-03-30T05:00:00+00:00,refund-call,agent\n",  # the log runs on past the window
        encoding="utf-8",
    )
    found = load_evidence(str(tmp_path / "log.csv"), [SUPPORT], window="1h")
    chat = tp(found, "support/refund-chat")
    assert chat["bot_then_person"] == 1 and chat["median_minutes_to_person"] == 59
    narrow = load_evidence(str(tmp_path / "log.csv"), [SUPPORT], window="58m")
    assert tp(narrow, "support/refund-chat")["bot_then_person"] == 0


def test_the_end_of_the_log_is_not_read_as_customers_who_never_came_back() -> None:
    # The same contact (a bot, unresolved) 8 days and 6 days before the log's last contact:
    # the first was followed for the whole window, the second was not and is left out.
    log = pd.DataFrame(
        {
            "customer_id": ["p", "q", "r"],
            "touchpoint": ["refund-chat", "refund-chat", "refund-call"],
            "timestamp": [T0, T0 + 2 * DAY, T0 + 8 * DAY],
            "handled_by": ["bot", "bot", "agent"],
            "escalated": ["no", "no", "no"],
            "resolved": ["no", "no", "yes"],
        }
    )
    chat = tp(measure(log, [SUPPORT], "7d"), "support/refund-chat")
    assert (chat["lost_quietly"], chat["lost_quietly_rate"]) == (1, 1.0)
    assert chat["deflected_unresolved"] == 2  # the contact itself is still counted


def test_day_first_never_reads_an_iso_date_backwards(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(
        "customer_id,timestamp,touchpoint\nx,2025-09-02T16:00:00,refund-chat\n"
        "y,2025-09-13,refund-chat\n",
        encoding="utf-8",
    )
    found = load_evidence(str(tmp_path / "log.csv"), [SUPPORT], day_first=True)
    assert found.by_week is not None
    assert list(found.by_week.index) == ["2025-W36", "2025-W37"]


def test_a_channel_is_named_only_for_enough_customers() -> None:
    # 6 contacts by one customer on channel "Mary Jones" (a name typed into the channel): one
    # person, so never named, however many contacts.
    log = pd.DataFrame(
        {
            "customer_id": ["solo"] * 6 + [f"c{i}" for i in range(5)],
            "touchpoint": ["refund-chat"] * 11,
            "channel": ["Mary Jones"] * 6 + ["Chat"] * 5,
        }
    )
    found = measure(log, [SUPPORT])
    assert found.by_channel is not None and list(found.by_channel.index) == ["Chat", "(other)"]


def test_a_log_of_dates_does_not_measure_minutes_to_resolution() -> None:
    report = LogReport(file="x", format="frame")
    log = pd.DataFrame(
        {
            "touchpoint": ["refund-chat"] * 2,
            "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02"]),
            "resolved_at": pd.to_datetime(["2025-01-03", "2025-01-04"]),
        }
    )
    found = measure(log, [SUPPORT], report=report)
    assert "median_resolution_minutes" in found.not_measured
    # (No customer ids: the time to a person is not measured anyway.)
    assert report.notes[-1] == (
        "timestamps are dates without a time of day: not measured: median_resolution_minutes"
    )


def test_one_customer_typing_a_word_five_times_is_one_person() -> None:
    log = pd.DataFrame(
        {
            "customer_id": ["bob"] * 5 + [f"c{i}" for i in range(5)],
            "touchpoint": ["smith"] * 5 + ["loyalty-points"] * 5,
        }
    )
    unmatched = measure(log, [SUPPORT]).unmatched_records()
    assert [u["value"] for u in unmatched] == [
        "(1 value not shown: from fewer than 5 customers)",
        "loyalty-points",
    ]


def test_contacts_outside_the_period_are_not_counted_as_unmatched() -> None:
    log = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(7)],
            "touchpoint": ["loyalty-points"] * 5 + ["refund-chat", "loyalty-points"],
            "timestamp": [T0] * 5 + [T0 + 10 * DAY] * 2,
        }
    )
    found = measure(log, [SUPPORT], since=(T0 + 5 * DAY).date().isoformat())
    assert found.unmatched_contacts == 1 and found.overall_record()["contacts"] == 1
