"""Naming a log's categories: --match and the configuration's match table, on `stakes evidence`
and on `map`/`report --evidence`; a log where nothing matches exits 1 (docs/evidence.md)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import REFUND_JOURNEY, invoke

#: The refund journey's log as a helpdesk writes it: its own categories, not the ids.
LOG = textwrap.dedent(
    """\
    contact_id,customer_id,Query Type,channel
    k1,c1,Refund request,Chat
    k2,c2,Refund request,Chat
    k3,c3,Refund request,Phone
    k4,c4,Money back,Phone
    k5,c5,Zelda Quintanilla,Chat
    """
)
ARGS = ("log.csv", "-j", "support.yaml", "--column", "touchpoint=Query Type", "-f", "json")
NOTHING = (
    "stakes: error: none of the 5 contacts matches a touchpoint of the journeys; name the "
    "log's categories with --match \"VALUE=journey/touchpoint\" or in a touchpoint's "
    "evidence.match (docs/evidence.md)"
)


@pytest.fixture(autouse=True)
def project(in_tmp: Path) -> Path:
    (in_tmp / "support.yaml").write_text(REFUND_JOURNEY, encoding="utf-8")
    (in_tmp / "log.csv").write_text(LOG, encoding="utf-8")
    return in_tmp


def contacts(stdout: str) -> dict[str, int]:
    doc = json.loads(stdout)
    return {t["touchpoint"]: t["contacts"] for t in doc["touchpoints"]}


def test_nothing_matches_exits_1_with_the_unmatched_summary_and_the_fix() -> None:
    result = invoke("evidence", *ARGS)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert NOTHING in lines
    # The summary is still there, and the customer's name (one contact) is never echoed.
    assert any(line.startswith("stakes: warning: 5 of 5 contacts match no") for line in lines)
    assert "Zelda" not in result.output
    assert json.loads(result.stdout)["unmatched"][0]["contacts"] == 5


def test_match_names_the_touchpoint_of_a_category() -> None:
    result = invoke(
        "evidence", *ARGS, "--match", "Refund request=support/refund-chat",
        "--match", "money back=refund-call",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # 3 "Refund request", 1 "Money back" (compared as slugs); the name stays unmatched.
    assert contacts(result.stdout) == {"refund-chat": 3, "refund-call": 1}


def test_the_command_line_wins_over_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "stakes.toml").write_text(
        '[evidence]\nmatch = {"Refund request" = "support/refund-call"}\n', "utf-8"
    )
    assert contacts(invoke("evidence", *ARGS).stdout) == {"refund-chat": 0, "refund-call": 3}
    result = invoke("evidence", *ARGS, "--match", "refund-request=support#refund-chat")
    assert contacts(result.stdout) == {"refund-chat": 3, "refund-call": 0}


def test_the_configuration_wins_over_the_journeys(tmp_path: Path) -> None:
    claimed = REFUND_JOURNEY.replace(
        "      handled_by: human\n",
        "      handled_by: human\n        evidence: {match: {category: [Refund request]}}\n",
    )
    (tmp_path / "support.yaml").write_text(claimed, "utf-8")
    assert contacts(invoke("evidence", *ARGS).stdout) == {"refund-chat": 0, "refund-call": 3}
    (tmp_path / "stakes.toml").write_text(
        '[evidence]\nmatch = {"Refund request" = "support/refund-chat"}\n', "utf-8"
    )
    assert contacts(invoke("evidence", *ARGS).stdout) == {"refund-chat": 3, "refund-call": 0}


def test_a_journey_claim_split_by_channel() -> None:
    claimed = REFUND_JOURNEY.replace(
        "      handled_by: ai\n",
        "      handled_by: ai\n        evidence: {match: {category: [Refund request], "
        "channel: [chat]}}\n",
    ).replace(
        "      handled_by: human\n",
        "      handled_by: human\n        evidence: {match: {category: [Refund request, "
        "money back], channel: [phone]}}\n",
    )
    Path("support.yaml").write_text(claimed, "utf-8")
    result = invoke("evidence", *ARGS)
    assert result.exit_code == 0, result.stderr
    assert contacts(result.stdout) == {"refund-chat": 2, "refund-call": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--match", "Refund request=support/refund-chatt"],
            "stakes: error: --match 'Refund request=support/refund-chatt': no touchpoint "
            "'support/refund-chatt' in the journeys loaded; did you mean 'support/refund-chat'?",
        ),
        (
            ["--match", "Refund request"],
            "stakes: error: --match 'Refund request': give VALUE=JOURNEY/TOUCHPOINT, e.g. "
            '--match "Login issue=account/login-help"',
        ),
        (  # the same category, written two ways, for two touchpoints: never settled by order
            [
                *("--match", "Refund request=support/refund-chat"),
                *("--match", "refund_request=support/refund-call"),
            ],
            "stakes: error: --match 'refund_request=support/refund-call' and --match "
            "'Refund request=support/refund-chat' name the same log value for two touchpoints; "
            "keep one",
        ),
    ],
)
def test_a_bad_match_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = invoke("evidence", *ARGS, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == message + "\n"


def test_a_bad_match_in_the_configuration_has_its_place(tmp_path: Path) -> None:
    (tmp_path / "stakes.toml").write_text(
        '[evidence]\nwindow = "7d"\nmatch = {"Refund request" = "suport/refund-chat"}\n', "utf-8"
    )
    result = invoke("evidence", *ARGS)
    assert result.exit_code == 2
    assert result.stderr == (
        f"stakes: error: {tmp_path / 'stakes.toml'}:3:10: evidence match 'Refund request': "
        "no touchpoint 'suport/refund-chat' in the journeys loaded; did you mean "
        "'support/refund-chat'?\n"
    )
    (tmp_path / "stakes.toml").write_text('[evidence]\nmatch = ["x"]\n', "utf-8")
    result = invoke("evidence", *ARGS)
    assert result.exit_code == 2
    assert "stakes.toml:2:1: evidence match must be a table of strings" in result.stderr


def test_map_and_report_take_match_and_warn_when_nothing_matches() -> None:
    common = ["support.yaml", "--evidence", "log.csv", "--column", "touchpoint=Query Type"]
    result = invoke("map", *common, "-f", "json")
    assert result.exit_code == 0
    assert "stakes: warning: log.csv: none of the 5 contacts matches a touchpoint" in (
        result.stderr
    )
    result = invoke("map", *common, "-f", "json", "--match", "Refund request=refund-chat")
    assert result.exit_code == 0 and "none of the" not in result.stderr
    result = invoke("report", *common, "--match", "Refund request=refund-chatt")
    assert result.exit_code == 2 and "did you mean 'support/refund-chat'?" in result.stderr
