"""What a log's text may show of itself: values that match no touchpoint, column names."""

from __future__ import annotations

import pandas as pd
import pytest
from test_metrics import BILLING, SUPPORT, journey

from stakes.evidence import measure
from stakes.evidence.privacy import looks_like_column, looks_like_id

WHY = "no touchpoint with this id"


def unmatched(touchpoints: list[str], **columns: list[str]) -> list[tuple[str, int, str]]:
    log = pd.DataFrame({"touchpoint": touchpoints, **columns})
    ev = measure(log, [SUPPORT, BILLING])
    return [(u["value"], u["contacts"], u["reason"]) for u in ev.unmatched_records()]


def test_a_name_in_the_touchpoint_column_is_counted_not_shown() -> None:
    # The reproducer: "Dave Hiddenname" on 3 rows was shown in stderr, JSON and markdown.
    assert unmatched(["Dave Hiddenname"] * 3 + ["refund-call"]) == [
        ("(1 value not shown: not a touchpoint id, it may be customer data)", 3, WHY)
    ]
    names = ["Dave Hiddenname", "Mary Secret", "Loyalty points"] * 3
    assert unmatched(names) == [
        ("(3 values not shown: not touchpoint ids, they may be customer data)", 9, WHY)
    ]


def test_values_shaped_like_ids_and_near_misses_are_shown() -> None:
    log = ["loyalty-points"] * 3 + ["refund-cal"] + ["invoice-faqs"] * 2 + ["Refund Cal"]
    assert unmatched(log) == [
        ("loyalty-points", 3, WHY),
        ("invoice-faqs", 2, f"{WHY}; did you mean 'invoice-faq'?"),
        # A capital or a space: written as a name is, so never shown, even as a near miss.
        ("(1 value not shown: not a touchpoint id, it may be customer data)", 1, WHY),
        ("refund-cal", 1, f"{WHY}; did you mean 'refund-call'?"),
    ]


def test_names_close_to_a_touchpoint_id_are_not_shown_as_near_misses() -> None:
    # The reproducer (issue #19, row 15): customer names in the touchpoint column, one contact
    # each, were shown in stderr, JSON and markdown as "did you mean" near misses of fraud,
    # live-agent and returns.
    shop = journey("shop", {"fraud": "ai", "live-agent": "human", "returns": "ai"})
    names = ["Freud", "Frau", "Fraude", "O'Fraud", "Liv Agent", "Live Agnes", "Retta Urns"]
    ev = measure(pd.DataFrame({"touchpoint": [*names, "fraud"]}), [shop])
    assert [(u["value"], u["contacts"]) for u in ev.unmatched_records()] == [
        ("(7 values not shown: not touchpoint ids, they may be customer data)", 7)
    ]
    # Written as an id, a near miss is still shown (it is a typo of one, not a name).
    ev = measure(pd.DataFrame({"touchpoint": ["fraude", "live_agnet"]}), [shop])
    assert [u["value"] for u in ev.unmatched_records()] == ["fraude", "live_agnet"]


def test_what_is_never_shown() -> None:
    log = (
        ["promo-code"] * 2  # shaped like an id, but on fewer than 3 contacts
        + ["jsmith"] * 3  # shaped like an id, but also a customer id
        + ["dave@example.com", "CUST83A9F2X", "0612345678"] * 3  # identifiers
    )
    customers = ["c1", "c1", "jsmith", "c3", "c4"] + ["c2"] * 9
    assert unmatched(log, customer_id=customers) == [
        ("(4 values not shown: they look like identifiers)", 12, WHY),
        ("(1 value not shown: on fewer than 3 contacts)", 2, WHY),
    ]
    # A column that is not one of touchpoints (past 200 distinct values): none is shown.
    many = [f"topic-{i}" for i in range(201)] * 3
    assert unmatched(many) == [("(201 distinct values: is this the touchpoint column?)", 603, "")]


def test_a_journey_column_value_follows_the_same_rules() -> None:
    log = ["refund-chat"] * 6
    journeys = ["Dave Hiddenname"] * 3 + ["shop"] * 3
    assert unmatched(log, journey=journeys) == [
        (
            "(1 value not shown: not a touchpoint id, it may be customer data)",
            3,
            "journey not loaded",
        ),
        ("shop / refund-chat", 3, "journey not loaded"),
    ]
    assert unmatched(log, journey=["suport"] * 6) == [
        ("suport / refund-chat", 6, "journey not loaded; did you mean 'support'?")
    ]


@pytest.mark.parametrize(
    "name",
    ["Ticket ID", "customer_id", "CustomerID", "IssueType", "First Response Time", "Unnamed: 0"],
)
def test_column_names_that_read_like_columns(name: str) -> None:
    assert looks_like_column(name)


@pytest.mark.parametrize("name", ["Dave Hiddenname", "Mary", "José", "McDonald", "Max Price", ""])
def test_names_that_may_be_a_persons(name: str) -> None:
    assert not looks_like_column(name)


def test_the_shape_of_an_id() -> None:
    assert all(map(looks_like_id, ["refund-chat", "tp_4", "support/refund-chat", "a#b"]))
    assert not any(map(looks_like_id, ["Refund chat", "Dave", "x" * 65, "12345", "a@b"]))
