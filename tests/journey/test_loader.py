"""The loader: every class of bad input is one finding at the exact line and column."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from conftest import VALID, codes, messages

import stakes
from stakes.journey import loader


def test_valid_journey_loads_with_no_findings() -> None:
    result, _ = stakes.load_text(VALID, "j.yaml")
    assert result.findings == []
    assert result.journey is not None
    assert result.journey.journey == "billing-dispute"
    tp = result.journey.stages[0].touchpoints[0]
    assert tp.signals.money_at_stake == 120
    assert tp.signals.reversible is True  # an absent signal takes its default
    assert tp.escalation is not None and tp.escalation.to == "dispute-specialist"


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # syntax: an unclosed flow sequence
        (replace("[customer-request]", "[customer-request"), [("STK001", 18, 7)]),
        # syntax: a tab used for indentation
        (replace("    title: Notices", "\ttitle: Notices"), [("STK001", 6, 1)]),
        # duplicate key: reported at the second one
        (
            replace("  money_at_stake: 120", "  money_at_stake: 120\n          emotion: angry"),
            [("STK007", 15, 11)],
        ),
        # unknown key at the key's position
        (replace("    signals:", "    singals:"), [("STK010", 12, 9)]),
        (replace("owner: billing-cx", "ownr: billing-cx"), [("STK010", 3, 1)]),
        # wrong types at the value's position
        (replace("money_at_stake: 120", 'money_at_stake: "120"'), [("STK012", 14, 27)]),
        (
            replace("triggers: [customer-request]", "triggers: customer-request"),
            [("STK012", 17, 21)],
        ),
        (replace("title: Notices the charge", "title: [a, b]"), [("STK012", 6, 12)]),
        # bad enum values
        (replace("channel: web", "channel: webchat"), [("STK013", 10, 18)]),
        (replace("handled_by: human", "handled_by: bot"), [("STK013", 24, 21)]),
        # bad slugs
        (replace("id: notice", "id: Notice Stage"), [("STK014", 5, 9)]),
        (replace("journey: billing-dispute", "journey: Billing_Dispute"), [("STK014", 1, 10)]),
        # out of range
        (replace("money_at_stake: 120", "money_at_stake: -5"), [("STK015", 14, 27)]),
        # missing required key: at the mapping that lacks it
        (replace("    title: Notices the charge\n", ""), [("STK011", 5, 5)]),
        # duplicate touchpoint id across stages
        (
            replace("id: dispute-specialist\n", "id: invoice-faq\n"),
            [("STK018", 16, 15), ("STK016", 21, 13)],
        ),
        # escalation target that does not exist
        (replace("to: dispute-specialist", "to: dispute-specialst"), [("STK018", 16, 15)]),
        # an emotion the policy does not know
        (replace("emotion: confused", "emotion: furious"), [("STK020", 13, 20)]),
    ],
)
def test_bad_input_is_reported_at_its_exact_position(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert codes(text) == expected


def test_messages_name_allowed_values_and_suggest_the_closest() -> None:
    (enum,) = messages(replace("channel: web", "channel: webchat"))
    assert "use one of: chat, email, phone, web, app, sms" in enum
    assert "did you mean 'chat'?" in enum
    (key,) = messages(replace("    signals:", "    singals:"))
    assert "unknown key 'singals'" in key and "did you mean 'signals'?" in key
    (target,) = messages(replace("to: dispute-specialist", "to: dispute-specialst"))
    assert "did you mean 'dispute-specialist'?" in target


def test_data_path_and_subject_are_reported() -> None:
    result, _ = stakes.load_text(replace("channel: web", "channel: webchat"), "j.yaml")
    (f,) = result.findings
    assert f.path == "stages[0].touchpoints[0].channel"
    assert f.subject == "billing-dispute/invoice-faq"
    assert f.location == "j.yaml:10:18"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [("STK003", 1, 1)]),
        (b"# only a comment\n", [("STK003", 1, 1)]),
        (VALID.encode() + b"---\njourney: other\n", [("STK004", 26, 1)]),
        (b"- a\n- b\n", [("STK005", 1, 1)]),
        (b"just text\n", [("STK005", 1, 1)]),
        (b"journey: x\ntitle: caf\xe9\n", [("STK002", 2, 11)]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [("STK002", 1, 1)]),
        (b"journey: x\x00\n", [("STK002", 1, 11)]),
    ],
)
def test_file_level_problems(data: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert codes(data) == expected


def test_utf8_bom_and_crlf_are_fine() -> None:
    data = b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode()
    assert codes(data) == []


def test_non_ascii_columns_count_characters() -> None:
    # 'é' is two bytes in UTF-8; columns count characters, as editors and GitHub do.
    text = replace("emotion: confused", 'emotion: confused\n          personal_data: ["é", bad]')
    assert codes(text) == [("STK013", 14, 27), ("STK013", 14, 32)]
    assert codes(replace("title: Reads the invoice FAQ", "title: Prüft éé\x1b")) == [
        ("STK001", 9, 24)
    ]


def test_tags_never_build_python_objects() -> None:
    text = replace("title: Reads the invoice FAQ", "title: !!python/object/apply:os.system [echo]")
    assert codes(text) == [("STK008", 9, 16)]
    assert codes(replace("money_at_stake: 120", "money_at_stake: !custom 120")) == [
        ("STK008", 14, 27)
    ]


def test_non_string_keys_are_refused() -> None:
    assert codes(replace("owner: billing-cx", "? [a, b]\n: billing-cx")) == [("STK008", 3, 3)]


def test_yaml_11_booleans_as_keys_stay_text() -> None:
    # 'no' is a boolean in YAML 1.1; as a key it is reported as the text the analyst wrote.
    (message,) = messages(replace("owner: billing-cx", "no: billing-cx"))
    assert message.startswith("STK010 no: unknown key 'no'")


def test_dates_are_parsed_and_wrong_dates_are_reported() -> None:
    override = "\n        override:\n          verdict: assist\n          expires: {}"
    text = replace("handled_by: human", "handled_by: human" + override.format("2027-03-31"))
    result, _ = stakes.load_text(text, "j.yaml")
    assert result.journey is not None
    tp = result.journey.stages[1].touchpoints[0]
    assert tp.override is not None and tp.override.expires == dt.date(2027, 3, 31)
    bad = replace("handled_by: human", "handled_by: human" + override.format("2027-02-30"))
    assert codes(bad) == [("STK012", 27, 20)]


def test_anchors_and_merge_keys_work_within_limits() -> None:
    text = replace("    signals:\n", "    signals: &sig\n").replace(
        "handled_by: human\n        signals: {emotion: frustrated}",
        "handled_by: human\n        signals:\n          <<: *sig\n          emotion: angry",
    )
    result, _ = stakes.load_text(text, "j.yaml")
    assert result.findings == []
    assert result.journey is not None
    sig = result.journey.stages[1].touchpoints[0].signals
    assert (sig.emotion, sig.money_at_stake) == ("angry", 120)


def test_billion_laughs_fails_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    found = codes("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert found == [("STK006", 6, 4)]  # at the collection whose aliases went over
    assert "aliases expand to more than 100,000" in messages("\n".join(lines) + "\n")[0]


def test_recursive_alias_is_refused() -> None:
    assert codes("journey: &a [*a]\n") == [("STK008", 1, 10)]


def test_nesting_one_past_the_limit_is_reported_at_the_first_level_too_deep() -> None:
    # The top-level mapping is the first level, so 64 brackets make 65 levels.
    assert codes("a: " + "[" * 64 + "]" * 64 + "\n") == [("STK006", 1, 67)]


@pytest.mark.parametrize("n", [20_000, 2_000_000])
def test_deep_flow_nesting_fails_fast(n: int) -> None:
    start = time.perf_counter()
    found = codes("a: " + "[" * n + "]" * n + "\n")
    assert time.perf_counter() - start < 1.0
    assert [(code, line) for code, line, _ in found] == [("STK006", 1)]


def test_deep_block_nesting_fails_fast() -> None:
    text = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(200)) + " " * 400 + "x: 1\n"
    assert codes(text) == [("STK006", 65, 129)]


def test_nesting_at_the_limit_is_read() -> None:
    depth = loader.MAX_DEPTH - 1
    text = "a: " + "[" * depth + "]" * depth + "\n"
    assert all(code != "STK006" for code, _, _ in codes(text))


def test_file_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from stakes.journey.loader import text

    monkeypatch.setattr(text, "MAX_FILE_BYTES", 100)
    assert codes(VALID.encode()) == [("STK006", 1, 1)]  # issue #19 row 23: with a position


def test_several_problems_are_all_reported_in_order() -> None:
    text = replace("channel: web", "channel: webchat").replace("handled_by: human", "handled_by: x")
    assert codes(text) == [("STK013", 10, 18), ("STK013", 24, 21)]
