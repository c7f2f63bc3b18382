"""What a log's text may show of itself: values that match no touchpoint, column names."""

from __future__ import annotations

import pandas as pd
import pytest
from test_metrics import BILLING, SUPPORT, journey

from stakes.evidence import measure
from stakes.evidence.match import K_ANONYMITY
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


def test_values_shaped_like_ids_and_near_misses_are_shown_on_k_contacts() -> None:
    log = ["loyalty-points"] * 5 + ["refund-cal"] + ["invoice-faqs"] * 6 + ["Refund Cal"]
    assert unmatched(log) == [
        ("invoice-faqs", 6, f"{WHY}; did you mean 'invoice-faq'?"),
        ("loyalty-points", 5, WHY),
        # k-anonymity: on fewer than K_ANONYMITY contacts, not even a near miss is shown.
        (f"(1 value not shown: from fewer than {K_ANONYMITY} customers)", 1, WHY),
        # A capital or a space: written as a name is, so never shown, even as a near miss.
        ("(1 value not shown: not a touchpoint id, it may be customer data)", 1, WHY),
    ]


def test_k_anonymity_a_name_once_and_a_category_five_times() -> None:
    # The reproducer of the issue: a free-text category holding a customer's name, on one
    # contact, was echoed; a real category on 5 contacts is what an analyst needs to see.
    log = ["Zelda Quintanilla"] + ["TIER2"] * 5 + ["warranty"] * 5 + ["warranty-x"] * 4
    assert K_ANONYMITY == 5
    assert unmatched(log) == [
        ("TIER2", 5, WHY),  # written like a code (looks_like_code)
        ("warranty", 5, WHY),
        (f"(1 value not shown: from fewer than {K_ANONYMITY} customers)", 4, WHY),
        ("(1 value not shown: not a touchpoint id, it may be customer data)", 1, WHY),
    ]
    # The same name on 5 contacts is still not shown: it is written as names are.
    assert unmatched(["Zelda Quintanilla"] * 5) == [
        ("(1 value not shown: not a touchpoint id, it may be customer data)", 5, WHY)
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
    # Written as an id, a near miss on k contacts is shown (it is a typo of one, not a name).
    ev = measure(pd.DataFrame({"touchpoint": ["fraude", "live_agnet"] * K_ANONYMITY}), [shop])
    assert [u["value"] for u in ev.unmatched_records()] == ["fraude", "live_agnet"]


def test_what_is_never_shown() -> None:
    log = (
        ["promo-code"] * 4  # shaped like an id, but on fewer than 5 contacts
        + ["jsmith"] * 5  # shaped like an id, but also a customer id
        + ["dave@example.com", "CUST83A9F2X", "0612345678"] * 5  # identifiers
    )
    customers = ["c1"] * 4 + ["jsmith"] + ["c3"] * 4 + ["c2"] * 15
    # jsmith's 5 contacts come from 2 customers: hidden as too few people, before its being a
    # customer id is even asked.
    assert unmatched(log, customer_id=customers) == [
        ("(3 values not shown: they look like identifiers)", 15, WHY),
        ("(2 values not shown: each from fewer than 5 customers)", 9, WHY),
    ]
    # A column that is not one of touchpoints (past 200 distinct values): none is shown.
    many = [f"topic-{i}" for i in range(201)] * 3
    assert unmatched(many) == [("(201 distinct values: is this the touchpoint column?)", 603, "")]


def test_a_journey_column_value_follows_the_same_rules() -> None:
    log = ["refund-chat"] * 10
    journeys = ["Dave Hiddenname"] * 5 + ["shop"] * 5
    assert unmatched(log, journey=journeys) == [
        (
            "(1 value not shown: not a touchpoint id, it may be customer data)",
            5,
            "journey not loaded",
        ),
        ("shop / refund-chat", 5, "journey not loaded"),
    ]
    assert unmatched(log, journey=["suport"] * 10) == [
        ("suport / refund-chat", 10, "journey not loaded; did you mean 'support'?")
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
