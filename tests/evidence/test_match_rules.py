"""Which touchpoint a contact is: --match, the journeys' evidence.match, then the ids
(docs/evidence.md, "Matching contacts to touchpoints"). Every count here is worked by hand."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from stakes.evidence import measure
from stakes.journey.model import Journey


def journey(slug: str, touchpoints: dict[str, dict[str, Any] | None]) -> Journey:
    """A journey with one stage: ``{touchpoint id: its evidence.match, or None}``."""
    return Journey.model_validate(
        {
            "journey": slug,
            "title": slug.title(),
            "stages": [
                {
                    "id": "contact",
                    "title": "Contacts us",
                    "touchpoints": [
                        {
                            "id": tp,
                            "title": tp,
                            "channel": "chat",
                            "handled_by": "ai",
                            **({"evidence": {"match": rule}} if rule else {}),
                        }
                        for tp, rule in touchpoints.items()
                    ],
                }
            ],
        },
        strict=False,
    )


def counts(
    journeys: list[Journey], matches: dict[str, str] | None = None, **columns: list[str]
) -> tuple[dict[str, int], list[tuple[str, int, str]]]:
    """Contacts per touchpoint key (those with any), and the unmatched rows."""
    ev = measure(pd.DataFrame(columns), journeys, matches=matches)
    per = {f"{j}/{t}": int(n) for (j, t), n in ev.touchpoints["contacts"].items() if n and n > 0}
    return per, [(u["value"], u["contacts"], u["reason"]) for u in ev.unmatched_records()]


ACCOUNT = journey(
    "account",
    {
        "login-help": {"category": ["technical", "Login issue"]},
        "password-reset": None,
    },
)


def test_several_categories_name_one_touchpoint_compared_as_slugs() -> None:
    log = ["technical"] * 2 + ["Login issue", "login_issue", " LOGIN-ISSUE "] + ["password-reset"]
    assert counts([ACCOUNT], touchpoint=log) == (
        {"account/login-help": 5, "account/password-reset": 1},
        [],
    )


BILLING = journey(
    "billing",
    {
        "billing-chat": {"category": ["billing"], "channel": ["Chat", "web chat"]},
        "billing-call": {"category": ["billing"], "channel": ["Phone"]},
        "billing-other": {"category": ["billing"]},
    },
)


def test_one_category_split_by_channel_and_the_broader_claim_takes_the_rest() -> None:
    log = ["billing"] * 6
    channel = ["chat", "Web-Chat", "phone", "PHONE", "email", None]
    # chat, Web-Chat -> billing-chat; phone x2 -> billing-call; email and blank -> the claim
    # without a channel (it restricts one field fewer).
    assert counts([BILLING], touchpoint=log, channel=channel) == (
        {"billing/billing-chat": 2, "billing/billing-call": 2, "billing/billing-other": 2},
        [],
    )


def test_one_category_split_by_handler() -> None:
    split = journey(
        "support",
        {
            "bot": {"category": ["refund"], "handled_by": ["ai", "self-service"]},
            "agent": {"category": ["refund"], "handled_by": ["human", "hybrid"]},
        },
    )
    # handled_by is compared as it is read: chatbot is ai, agent is human; an unknown label
    # (Tier 9) has no handler, so neither claim fits and the ids do not match 'refund'.
    handled = ["chatbot", "ai", "agent", "IVR", "Tier 9"]
    assert counts([split], touchpoint=["refund"] * 5, handled_by=handled) == (
        {"support/bot": 3, "support/agent": 1},
        [
            (
                "refund",
                1,
                "claimed by the evidence.match of support/bot, support/agent for another "
                "journey, channel or handler",
            )
        ],
    )


def test_a_tie_leaves_the_contact_unmatched_and_names_the_touchpoints() -> None:
    shop = journey("shop", {"returns": {"category": ["returns"]}})
    store = journey("store", {"returns-desk": {"category": ["Returns"]}})
    per, unmatched = counts([shop, store], touchpoint=["returns"] * 5)
    assert per == {}
    assert unmatched == [
        (
            "returns",
            5,
            "matches 2 touchpoints (shop/returns, store/returns-desk); make their "
            "evidence.match differ by channel or handled_by, or choose one with --match",
        )
    ]
    # A journey column settles it: a journey's claims hold only for its own contacts.
    per, unmatched = counts([shop, store], touchpoint=["returns"] * 2, journey=["Shop", "store"])
    assert (per, unmatched) == ({"shop/returns": 1, "store/returns-desk": 1}, [])


def test_precedence_match_over_journey_claims_over_ids() -> None:
    # 'password-reset' is an id; a claim names it for login-help; --match for the other.
    claims = journey(
        "account",
        {"login-help": {"category": ["password-reset", "technical"]}, "password-reset": None},
    )
    assert counts([claims], touchpoint=["password-reset", "technical"]) == (
        {"account/login-help": 2},
        [],
    )
    matches = {"Technical": "account/password-reset"}
    assert counts([claims], matches, touchpoint=["password-reset", "technical"]) == (
        {"account/login-help": 1, "account/password-reset": 1},
        [],
    )


def test_the_ids_are_the_fallback() -> None:
    per, unmatched = counts([ACCOUNT], touchpoint=["account/password-reset", "login-help", "x"])
    assert per == {"account/password-reset": 1, "account/login-help": 1}
    assert [u[1:] for u in unmatched] == [(1, "no touchpoint with this id")]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "account/login-hlp",
            "no touchpoint 'account/login-hlp' in the journeys loaded; "
            "did you mean 'account/login-help'?",
        ),
        (
            "pasword-reset",
            "no touchpoint 'pasword-reset' in the journeys loaded; "
            "did you mean 'account/password-reset'?",
        ),
    ],
)
def test_a_match_target_that_is_no_touchpoint(target: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("?", r"\?") + "$"):
        counts([ACCOUNT], {"x": target}, touchpoint=["x"])


def test_a_bare_id_target_in_two_journeys_is_refused() -> None:
    a, b = journey("a", {"returns": None}), journey("b", {"returns": None})
    with pytest.raises(ValueError, match=r"'returns' is in 2 journeys \(a/returns, b/returns\)"):
        counts([a, b], {"Returns": "returns"}, touchpoint=["Returns"])
    assert counts([a, b], {"Returns": "b#returns"}, touchpoint=["Returns"])[0] == {"b/returns": 1}
