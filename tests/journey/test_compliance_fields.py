"""The journey fields the rule packs read (issue #11): a bad hours, time zone or response
target, and a contest or out-of-hours target that names no touchpoint, are each one finding at
the value, in the journey and across journeys, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID, codes, messages
from linting import found, write

from stakes.linter.run import lint

#: The specialist's keys are indented by 8 spaces, the escalation's by 10.
SPECIALIST = "handled_by: human\n"
ESCALATION = "triggers: [customer-request]\n"


def specialist(line: str) -> str:
    """VALID with ``line`` added to the dispute specialist (at line 25)."""
    return VALID.replace(SPECIALIST, f"{SPECIALIST}        {line}\n", 1)


def escalation(line: str) -> str:
    """VALID with ``line`` added to the FAQ's escalation (at line 18)."""
    return VALID.replace(ESCALATION, f"{ESCALATION}          {line}\n", 1)


def journey(line: str) -> str:
    """VALID with ``line`` added after the owner (at line 4)."""
    return VALID.replace("owner: billing-cx\n", f"owner: billing-cx\n{line}\n", 1)


def test_the_new_fields_load_when_they_are_right() -> None:
    text = journey("timezone: Europe/Madrid\njurisdictions: [eu, es]")
    text = text.replace(ESCALATION, ESCALATION + "          response_target: 3m\n", 1)
    text = text.replace(
        SPECIALIST,
        SPECIALIST
        + "        hours: [mon-fri 08:00-18:00, sat 09:00-13:00]\n"
        + "        skills: [disputes]\n        can_override: true\n",
        1,
    )
    assert codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        journey("timezone: null"),
        journey("jurisdictions: ~"),
        escalation("response_target: ~"),
        escalation("out_of_hours: null"),
        specialist("hours: null"),
        specialist("contest: ~"),
        specialist("can_override: null"),
    ],
)
def test_an_optional_field_left_empty_is_not_given(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected", "said"),
    [
        # hours: at the value, saying what is wrong and how to write it
        (
            specialist("hours: mon-fry 09:00-17:00"),
            ("STK015", 25, 16),
            "hours: 'mon-fry' is not a day or a range of days; write mon-fri, sat, mon,wed",
        ),
        (specialist("hours: daily 25:00-26:00"), ("STK015", 25, 16), "'25:00' is not a time"),
        (specialist("hours: mon 24:00-06:00"), ("STK015", 25, 16), "'24:00' only ends a span"),
        (specialist("hours: mon 09:00-09:00"), ("STK015", 25, 16), "starts and ends at the same"),
        (specialist("hours: office hours"), ("STK015", 25, 16), "is not hours; write 24/7"),
        # a list is reported at the list, naming the span that is wrong
        (
            specialist("hours: [mon-fri 09:00-17:00, sat 9am-1pm]"),
            ("STK015", 25, 16),
            "'sat 9am-1pm' is not hours",
        ),
        (specialist("hours: []"), ("STK015", 25, 16), "hours: no hours given; write 24/7"),
        # neither text nor a list of text: one finding, not one per form hours can take
        (
            specialist("hours: 9"),
            ("STK012", 25, 16),
            "hours: expected text like 24/7 or mon-fri 08:00-18:00, or a list, found a whole",
        ),
        (
            specialist("hours: [9, 10]"),
            ("STK012", 25, 16),
            "hours: expected a list of text like mon-fri 08:00-18:00, found a list",
        ),
        (specialist("hours: {mon: 9}"), ("STK012", 25, 16), "hours: expected text like 24/7"),
        # time zones: IANA names only, never a path to read
        (journey("timezone: Nowhere/City"), ("STK015", 4, 11), "'Nowhere/City' is not a time"),
        (journey("timezone: europe/madrid"), ("STK015", 4, 11), "write an IANA name like"),
        (journey("timezone: ../../etc/passwd"), ("STK015", 4, 11), "is not a time zone"),
        (journey("timezone: /etc/passwd"), ("STK015", 4, 11), "is not a time zone"),
        (journey("timezone: Europe"), ("STK015", 4, 11), "'Europe' is not a time zone"),
        (journey("timezone: " + "a" * 400), ("STK015", 4, 11), "is not a time zone"),
        (journey('timezone: "UTC\\0"'), ("STK015", 4, 11), "is not a time zone"),
        (journey("timezone: 1"), ("STK012", 4, 11), "timezone: expected text"),
        # response targets
        (
            escalation("response_target: soon"),
            ("STK015", 18, 28),
            "response_target: 'soon' is not a duration; write it like 3m, 90s, 2h or 1d",
        ),
        (escalation("response_target: 3 weeks"), ("STK015", 18, 28), "is not a duration"),
        (escalation("response_target: 3"), ("STK012", 18, 28), "expected text, found a whole"),
        # targets in the journey: the closest touchpoint, and which there are
        (
            escalation("out_of_hours: night-desk"),
            ("STK018", 18, 25),
            "out-of-hours target 'night-desk' is not a touchpoint of this journey | the "
            "touchpoints are invoice-faq, dispute-specialist",
        ),
        (
            escalation("out_of_hours: billing-dispute#night-desk"),
            ("STK018", 18, 25),
            "out-of-hours target 'billing-dispute#night-desk' is not a touchpoint",
        ),
        (escalation("out_of_hours: Night Desk"), ("STK014", 18, 25), "is not a touchpoint id"),
        (
            specialist("contest: dispute-specialst"),
            ("STK018", 25, 18),
            "contest target 'dispute-specialst' is not a touchpoint of this journey | did you "
            "mean 'dispute-specialist'?",
        ),
        (specialist("contest: [a]"), ("STK012", 25, 18), "contest: expected text"),
        # the other new values
        (specialist("discloses_ai: maybe"), ("STK013", 25, 23), "use one of: at-start"),
        (
            specialist("decision_area: credit"),
            ("STK013", 25, 24),
            "did you mean 'creditworthiness'?",
        ),
        (specialist("advice: [investment]"), ("STK013", 25, 18), "use one of: financial"),
        (specialist("skills: [Grief]"), ("STK014", 25, 18), "try 'grief'"),
        (specialist("can_override: 'yes'"), ("STK012", 25, 23), "expected true or false"),
        (specialist("oversight: ''"), ("STK015", 25, 20), "must not be empty"),
        (journey("jurisdictions: eu"), ("STK012", 4, 16), "write it as a list: [eu]"),
        (journey("jurisdictions: [EU]"), ("STK014", 4, 17), "try 'eu'"),
    ],
)
def test_a_bad_value_is_one_finding_at_the_value(
    text: str, expected: tuple[str, int, int], said: str
) -> None:
    assert codes(text) == [expected]
    (message,) = messages(text)
    assert said in message


def _cross(tmp_path: Path, target: str, *, other: bool = True) -> Path:
    """Journey a.yaml contesting at ``target`` and falling back to it out of hours, and
    (``other``) journey b, whose one touchpoint is 'desk'."""
    a = VALID.replace("billing-dispute", "a", 1)
    a = a.replace(ESCALATION, f"{ESCALATION}          out_of_hours: {target}\n", 1)
    a = a.replace(SPECIALIST, f"{SPECIALIST}        contest: {target}\n", 1)
    write(tmp_path / "folder" / "a.yaml", a)
    if other:
        b = VALID.replace("billing-dispute", "b", 1).replace("dispute-specialist", "desk")
        write(tmp_path / "folder" / "b.yaml", b)
    return tmp_path / "folder"


def test_targets_in_another_journey_are_checked_across_files(tmp_path: Path) -> None:
    folder = _cross(tmp_path, "b#desk")
    assert [f for f in found(lint([str(folder)])) if f[0].startswith("STK01")] == []
    folder = _cross(tmp_path, "b#dsk")
    result = lint([str(folder)])
    assert [f for f in found(result) if f[0] == "STK018"] == [
        ("STK018", 18, 25),
        ("STK018", 26, 18),
    ]
    out_of_hours, contest = (f for f in result.findings if f.code == "STK018")
    assert (
        "out-of-hours target 'b#dsk': journey 'b' has no touchpoint 'dsk'" in out_of_hours.message
    )
    assert "contest target 'b#dsk': journey 'b' has no touchpoint 'dsk'" in contest.message
    assert out_of_hours.hint.startswith("did you mean 'b#desk'?")


def test_a_target_in_a_journey_not_checked_is_unverified_and_in_a_folder_unknown(
    tmp_path: Path,
) -> None:
    folder = _cross(tmp_path, "c#desk", other=False)
    alone = lint([str(folder / "a.yaml")])
    assert [f for f in found(alone) if f[0].startswith("STK01")] == [
        ("STK019", 18, 25),
        ("STK019", 26, 18),
    ]
    walked = lint([str(folder)])
    assert [f for f in found(walked) if f[0].startswith("STK01")] == [
        ("STK018", 18, 25),
        ("STK018", 26, 18),
    ]
    assert all("no journey 'c' in" in f.message for f in walked.findings if f.code == "STK018")
