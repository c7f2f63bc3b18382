"""`stakes import intents`: a catalogue of utterances and intents (BANKING77, or the sample of
it in tests/data/intents) becomes one touchpoint per intent, left unassessed, with signals
suggested from a documented lexicon of cues, each with its evidence; the suggestions
uncommented are signals the loader accepts; bad input is a problem at its line, never a
traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SHARED, invoke

from stakes.interchange import cues
from stakes.interchange.catalogue import name_words, read_catalogue
from stakes.interchange.draft import Draft, Options, Problem
from stakes.interchange.intents import MAX_TOUCHPOINTS, read, title_of
from stakes.interchange.suggest import EVIDENCE_LIMIT
from stakes.interchange.yaml_text import emit
from stakes.journey.files import load_text
from stakes.journey.signals import DEFAULT_EMOTIONS, Signals
from stakes.shown import unsafe

BANKING77 = SHARED / "data" / "external" / "banking77"
SAMPLE = ROOT / "tests" / "data" / "intents" / "banking77-sample.csv"
needs_banking77 = pytest.mark.skipif(
    not (BANKING77 / "train.csv").is_file(), reason="BANKING77 is not in ../shared"
)
TODO = "# TODO: what is at stake here?"


def imported(data: bytes | str, file: str = "intents.csv", **options: Any) -> Draft:
    """The one draft of a catalogue that can be read."""
    raw = data.encode() if isinstance(data, str) else data
    drafts, problems = read(raw, file, Options(**options))
    assert problems == [] and len(drafts) == 1, problems
    return drafts[0]


def problems_of(data: bytes | str, file: str = "intents.csv", **options: Any) -> list[Problem]:
    raw = data.encode() if isinstance(data, str) else data
    drafts, problems = read(raw, file, Options(**options))
    assert drafts == [] and problems
    return problems


def uncommented(text: str) -> str:
    """The journey with every suggested ``signals:`` block uncommented, as an analyst who
    accepts them all would (each line's ``# `` taken away, the to-do line dropped)."""
    out, inside = [], False
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(f"{TODO} Suggested"):
            inside = True
            continue
        if inside and stripped.startswith("# "):
            out.append(line[: len(line) - len(stripped)] + stripped[2:])
            continue
        inside = False
        out.append(line)
    return "\n".join(out) + "\n"


def touchpoints(text: str) -> dict[str, dict[str, Any]]:
    """Each touchpoint of a journey's text, by the intent its description names."""
    data = yaml.safe_load(text)
    found = {}
    for tp in data["stages"][0]["touchpoints"]:
        name = tp["description"].split(":", 1)[0].removeprefix("Intent ").removeprefix("Intents ")
        found[name] = tp
    return found


def suggested(draft: Draft) -> dict[str, tuple[dict[str, Any], str]]:
    """Each intent's suggested signals (uncommented and read as YAML) and its to-do text."""
    text = emit(draft)
    accepted = touchpoints(uncommented(text))
    todos = {
        path[3]: todo
        for path, todo in draft.todo.items()
        if path[:3] == ("stages", 0, "touchpoints")
    }
    out = {}
    for i, (name, tp) in enumerate(accepted.items()):
        out[name] = (tp.get("signals") or {}, todos[i])
    return out


def assert_obvious(found: dict[str, tuple[dict[str, Any], str]]) -> None:
    """The suggestions any analyst would make for four of BANKING77's intents."""
    lost, said = found["lost_or_stolen_card"]
    assert lost["emotion"] == "anxious" and lost["reversible"] is False
    assert "theft ('stolen'" in said and "financial" in lost["personal_data"]
    compromised, said = found["compromised_card"]
    assert DEFAULT_EMOTIONS.index(compromised["emotion"]) >= DEFAULT_EMOTIONS.index("anxious")
    assert compromised["reversible"] is False and compromised["personal_data"] == ["financial"]
    assert "fraud (" in said
    declined, said = found["declined_transfer"]
    assert declined["emotion"] == "frustrated" and "declined ('declined'" in said
    arrival, said = found["card_arrival"]
    assert arrival["emotion"] == "frustrated" and "waiting (" in said
    assert "reversible" not in arrival
    assert not any(cue in said for cue in ("theft", "fraud", "compromised"))


# BANKING77 ----------------------------------------------------------------------------------


@needs_banking77
def test_all_77_intents_of_banking77_become_touchpoints_that_load() -> None:
    draft = imported((BANKING77 / "train.csv").read_bytes(), "train.csv")
    assert draft.touchpoints == 77
    text = emit(draft)
    result, _ = load_text(text, "train.yaml")
    assert [f for f in result.findings if f.severity >= f.severity.ERROR] == []
    assert not any("signals" in tp for tp in touchpoints(text).values())  # all unassessed
    # The suggestions, all accepted, are signals the journey format takes.
    result, _ = load_text(uncommented(text), "train.yaml")
    assert [f.message for f in result.findings if f.severity >= f.severity.ERROR] == []


@needs_banking77
def test_banking77_suggestions_are_the_obvious_ones() -> None:
    draft = imported((BANKING77 / "train.csv").read_bytes(), "train.csv")
    found = suggested(draft)
    assert_obvious(found)
    money, said = found["wrong_amount_of_cash_received"]
    assert money["money_at_stake"] == 100 and "USD in" in said
    assert found["terminate_account"][0]["churn_risk"] == "high"
    assert found["request_refund"][0]["needs_authority"] is True
    assert "identity" in found["verify_my_identity"][0]["personal_data"]


@needs_banking77
def test_banking77_categories_json_is_a_list_of_intents_read_by_their_names() -> None:
    draft = imported((BANKING77 / "categories.json").read_bytes(), "categories.json")
    assert draft.touchpoints == 77
    lost, said = suggested(draft)["lost_or_stolen_card"]
    assert lost["reversible"] is False and "theft ('stolen') in its name" in said


# The shipped sample -------------------------------------------------------------------------


def test_the_sample_gives_the_obvious_suggestions_without_the_shared_folder() -> None:
    draft = imported(SAMPLE.read_bytes(), "banking77-sample.csv")
    assert draft.touchpoints == 6
    found = suggested(draft)
    assert_obvious(found)
    assert found["extra_charge_on_statement"][0]["money_at_stake"] == 1


def test_a_touchpoint_is_the_bots_moment_with_its_intent_and_examples() -> None:
    draft = imported(SAMPLE.read_bytes(), "banking77-sample.csv")
    text = emit(draft)
    tp = yaml.safe_load(text)["stages"][0]["touchpoints"][1]
    assert tp["id"] == "lost-or-stolen-card" and tp["title"] == "Lost or stolen card"
    assert (tp["channel"], tp["handled_by"]) == ("chat", "ai") and "signals" not in tp
    assert tp["description"].startswith("Intent lost_or_stolen_card: 8 utterances, e.g. ")
    assert text.count('"; "') >= 6  # three examples each
    assert "handled_by: ai  # guessed" in text and "channel: chat  # guessed" in text
    # The to-do is inside the touchpoint, above its description, at its keys' column.
    lines = text.splitlines()
    start = lines.index("  - id: lost-or-stolen-card")
    assert lines[start + 4].startswith(f"    {TODO} Suggested from its 8 utterances")
    assert lines[start + 5] == "    # signals:"
    assert lines[start + 6].startswith("    #   emotion: anxious            # loss ('lost'")
    assert lines[start + 7].startswith("    #   reversible: false           # theft ('stolen')")
    assert lines[start + 9].startswith("    description: ")


def test_the_suggestions_uncommented_make_each_touchpoint_assessed(in_tmp: Path) -> None:
    draft = imported(SAMPLE.read_bytes(), "banking77-sample.csv", owner="bot-cx")
    path = in_tmp / "accepted.yaml"
    path.write_text(uncommented(emit(draft)), encoding="utf-8")
    result = invoke("lint", str(path), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if f["code"].startswith("STK0")], findings
    unassessed = {f["subject"] for f in findings if f["code"] == "STK404"}
    # Two intents have no emotion suggested: they stay unassessed until the analyst adds it.
    assert unassessed == {
        "banking77-sample/card-about-to-expire",
        "banking77-sample/extra-charge-on-statement",
    }


# The command --------------------------------------------------------------------------------


def test_the_command_writes_a_journey_that_lint_lists_as_unassessed(in_tmp: Path) -> None:
    out = in_tmp / "journeys"
    result = invoke("import", "intents", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = out / "banking77-sample.yaml"
    assert "wrote" in result.stderr and written.is_file()
    findings = json.loads(invoke("lint", str(written), "--format", "json").stdout)["findings"]
    assert {f["code"] for f in findings} == {"STK404", "STK401"}
    assert sum(f["code"] == "STK404" for f in findings) == 6
    # Not over an existing file without --force; with --owner, only STK404 is left.
    again = invoke("import", "intents", str(SAMPLE), "-o", str(out), "--owner", "bot-cx")
    assert again.exit_code == 2 and "already exists" in again.stderr
    forced = invoke("import", "intents", str(SAMPLE), "-o", str(out), "--owner", "x", "--force")
    assert forced.exit_code == 0
    findings = json.loads(invoke("lint", str(written), "--format", "json").stdout)["findings"]
    assert {f["code"] for f in findings} == {"STK404"}


def test_the_command_writes_nothing_when_the_input_cannot_be_read(in_tmp: Path) -> None:
    (in_tmp / "bad.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    result = invoke("import", "intents", "bad.csv", "-o", "out")
    assert result.exit_code == 2 and not (in_tmp / "out").exists()
    assert "bad.csv:1:1: error: no intent column among the headers 'foo', 'bar'" in result.stderr


def test_the_command_groups_by_prefix_and_reads_stdin(in_tmp: Path) -> None:
    result = invoke("import", "intents", "-", "--group-by", "prefix", input=SAMPLE.read_text())
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    titles = [tp["title"] for tp in data["stages"][0]["touchpoints"]]
    # card_arrival and card_about_to_expire share "card"; the others are alone in theirs.
    assert titles[0] == "Card" and len(titles) == 5 and "Lost or stolen card" in titles
    assert data["journey"] == "intents"


# Reading catalogues -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("card_arrival\nlost_or_stolen_card\n", ["card_arrival", "lost_or_stolen_card"]),
        ("intent\ncard_arrival\n\ncard_arrival\nx\n", ["card_arrival", "x"]),
        ("Label;Notes\npin_blocked;when the PIN is blocked\n", ["pin_blocked"]),
        ('["a", "b", " "]', ["a", "b"]),
        ('{"a": ["I lost it"], "b": []}', ["a", "b"]),
        ("Example\tIntent Name\nhi\tgreet\n", ["greet"]),
    ],
)
def test_lists_of_intents_and_the_headers_people_use(text: str, names: list[str]) -> None:
    catalogue, problems = read_catalogue(text.encode(), "c.csv")
    assert problems == [] and catalogue is not None
    assert list(catalogue.intents) == names


def test_intents_without_utterances_are_read_by_their_names() -> None:
    draft = imported("intent\nreport_stolen_card\nopening_hours\n")
    found = suggested(draft)
    signals, said = found["report_stolen_card"]
    assert signals["reversible"] is False and "in its name" in said
    assert found["opening_hours"][0] == {} and "No cue in its name" in found["opening_hours"][1]
    assert "no utterances given" in emit(draft)


@pytest.mark.parametrize(
    ("data", "line", "column", "words"),
    [
        (b"", 1, 1, "empty"),
        (b"  \n\n", 1, 1, "empty"),
        (b"text,intent\n", 1, 1, "a header and no row"),
        (b"text,category\r\n\r\n", 1, 1, "a header and no row"),
        (b"query,answer\nhi,hello\n", 1, 1, "headers 'query', 'answer'"),
        (b"\n\nutterance\nhi\n", 3, 1, "no intent column among the headers 'utterance'"),
        (b"text,intent\nhello,\n", 1, 2, "the column 'intent' is empty in every row"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1, 1, "not UTF-8"),
        (b"text,intent\nhi\x00,x\n", 2, 3, "NUL"),
        (b'text,intent\nok,a\n"open,x\n', 3, 1, "unexpected end of data"),
        (b'text,intent\n"a"b,x\n', 2, 1, "not CSV"),
        (b"text,intent\n" + b"a" * 200_000 + b",x\n", 2, 1, "field larger than field limit"),
        (b"[[[", 1, 4, "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, 1, 1, "nested too deep"),
        (b'{"a": 1}', 1, 1, "a JSON catalogue is a list"),
        (b"[]", 1, 1, "the list is empty"),
    ],
)
def test_input_that_cannot_be_read_is_one_problem_at_its_place(
    data: bytes, line: int, column: int, words: str
) -> None:
    (problem,) = problems_of(data, "c.csv")
    assert (problem.line, problem.column) == (line, column), problem
    assert words in problem.message and str(problem).startswith(f"c.csv:{line}:{column}: error")


def test_byte_order_marks_crlf_quoted_line_breaks_and_other_separators() -> None:
    text = '\ufefftext;intent\r\n"my card\r\nwas stolen";lost\r\n"stolen; again";lost\r\nhello;\r\n'
    draft = imported(text.encode())
    ((signals, said),) = suggested(draft).values()
    assert signals["reversible"] is False and "in 2 of 2" in said
    assert "1 row without an intent left out (line 5)." in draft.header


def test_hostile_text_reaches_the_comments_only_as_shown() -> None:
    rows = [
        ("\x1b]52;c;aGk=\x07 my card was stolen \u202e", "lost\u202ecard"),
        ("::error::stolen card\nagain", "lost\u202ecard"),
        ("card 4111 1111 1111 1111 stolen", "lost\u202ecard"),
    ]
    out = io.StringIO()
    csv.writer(out).writerows([("text", "intent"), *rows])
    text = emit(imported(out.getvalue()))
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            assert unsafe(line) == [], line
    assert "4111" not in text and "[number]" in text
    result, _ = load_text(uncommented(text), "j.yaml")
    assert [f for f in result.findings if f.severity >= f.severity.ERROR] == []


def test_more_intents_than_one_journey_holds_asks_for_groups() -> None:
    names = "".join(f"intent_{n}\n" for n in range(MAX_TOUCHPOINTS + 1))
    (problem,) = problems_of(names)
    assert "--group-by" in problem.message
    draft = imported(names, group_by="prefix")
    assert draft.touchpoints == 1


# Groups -------------------------------------------------------------------------------------


def test_a_group_holds_the_stakes_of_each_of_its_intents(tmp_path: Path) -> None:
    groups = tmp_path / "groups.csv"
    groups.write_text(
        "intent,group\nlost_or_stolen_card,Card problems\ncompromised_card,Card problems\n"
        "card_arrival,card problems\n",
        encoding="utf-8",
    )
    draft = imported(SAMPLE.read_bytes(), "s.csv", group_by=str(groups))
    tps = yaml.safe_load(emit(draft))["stages"][0]["touchpoints"]
    assert [tp["title"] for tp in tps] == [
        "Card arrival",  # its group's name differs in case: a group of its own
        "Card problems",
        "Declined transfer",
        "Card about to expire",
        "Extra charge on statement",
    ]
    assert tps[1]["description"].startswith(
        "Intents lost_or_stolen_card (8), compromised_card (8): 16 utterances"
    )
    signals, said = list(suggested(draft).values())[1]
    # The fraud of compromised_card counts for the group, with where it was heard.
    assert signals["reversible"] is False and "(compromised_card: 6 of 8)" in said
    assert "3 intents are in no group of" in " ".join(draft.header)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("intent,group\ncard_arrival,\n", 2, 2, "no group in this row"),
        ("a,x\na,y\n", 2, 2, "'a' is in the group 'x' on line 1 already"),
        ("", 1, 1, "the file is empty"),
    ],
)
def test_a_group_file_that_cannot_be_used_is_a_problem_at_its_line(
    tmp_path: Path, text: str, line: int, column: int, words: str
) -> None:
    groups = tmp_path / "groups.csv"
    groups.write_text(text, encoding="utf-8")
    (problem,) = problems_of(SAMPLE.read_bytes(), group_by=str(groups))
    assert (problem.file, problem.line, problem.column) == (str(groups), line, column)
    assert words in problem.message


def test_a_group_file_that_is_missing_is_a_problem(tmp_path: Path) -> None:
    (problem,) = problems_of("intent\na\n", group_by=str(tmp_path / "nope.csv"))
    assert "cannot read" in problem.message and "prefix" in problem.message


# The lexicon --------------------------------------------------------------------------------


def test_every_cue_suggests_signals_the_format_takes_and_says_why() -> None:
    lex = cues.lexicon()
    ids = [cue.id for cue in lex.cues]
    assert len(ids) == len(set(ids)) and len(ids) >= 20
    for cue in lex.cues:
        assert cue.why.endswith(".") and cue.suggests, cue.id
        values = {
            k: 1.0 if v == cues.AMOUNT else tuple(v) if isinstance(v, list) else v
            for k, v in cue.suggests.items()
        }
        Signals.model_validate(values)  # raises when a value is not the signal's
        if "emotion" in values:
            assert values["emotion"] in DEFAULT_EMOTIONS
    covered = {name for cue in lex.cues for name in cue.suggests}
    assert {
        "emotion",
        "money_at_stake",
        "reversible",
        "vulnerability",
        "personal_data",
        "prior_contacts",
    } <= covered
    assert 0 < lex.share < 1 and lex.least >= 2


@pytest.mark.parametrize(
    ("text", "cue", "heard"),
    [
        ("My card still hasn't arrived", "waiting", True),
        ("my card still hasnt arrived", "waiting", True),
        ("My card still hasn\u2019t arrived", "waiting", True),
        ("I'll be at the hospital", "illness", True),
        ("I'll call later", "illness", False),
        ("I'm sick of waiting", "illness", False),
        ("Refunded twice?", "refund", True),
        ("my mother passed   away", "bereavement", True),
        ("Can you CLOSE MY ACCOUNT", "churn", True),
        ("£1,250.50 gone", "amount", True),
        ("card", "theft", False),
    ],
)
def test_words_match_whole_ignoring_case_apostrophes_and_spaces(
    text: str, cue: str, heard: bool
) -> None:
    _, hits = cues.scan([text])
    assert (cue in hits) is heard


def test_the_median_amount_is_suggested_with_its_currencies() -> None:
    draft = imported(
        "text,intent\n"
        "I was charged £20 not £10,fee\nwhy $30?,fee\n40 euros gone,fee\nno amount here,fee\n"
    )
    signals, said = next(iter(suggested(draft).values()))
    assert signals["money_at_stake"] == 30
    assert "in 3 of 4" in said and "GBP in 1" in said and "EUR in 1" in said


def test_a_cue_heard_too_rarely_suggests_nothing() -> None:
    rows = "".join(f"what is my balance {n},balance\n" for n in range(20))
    draft = imported("text,intent\nmy card was stolen,balance\n" + rows)
    signals, said = next(iter(suggested(draft).values()))
    assert "reversible" not in signals and "theft" not in said  # 1 of 21: under a tenth


def test_evidence_stays_one_comment_within_its_limit() -> None:
    words = "stolen lost fraud hacked panic declined failed furious confused urgent today again"
    draft = imported("text,intent\n" + f"{words},x\n" * 3)
    ((_, said),) = suggested(draft).values()
    for line in said.splitlines()[2:]:
        assert len(line.split("  # ", 1)[1]) <= EVIDENCE_LIMIT + 40
    assert "more cue" in said


def test_the_lexicon_table_has_a_row_per_cue() -> None:
    table = cues.cues_table()
    rows = table.splitlines()[2:]
    assert len(rows) == len(cues.lexicon().cues)
    assert all(row.count(" | ") == 3 for row in rows)  # a pattern's | does not split a cell


def test_titles_and_words_of_names() -> None:
    assert title_of("lost_or_stolen_card") == "Lost or stolen card"
    assert title_of("Refund_not_showing_up") == "Refund not showing up"
    assert title_of("reverted_card_payment?") == "Reverted card payment?"
    assert title_of("ATM_support") == "ATM support"
    assert name_words("billing.refund/status") == ["billing", "refund", "status"]
    assert name_words("cardArrival") == ["card", "Arrival"]
