"""`stakes import csv` and `stakes export csv`: the round trip gives the same journeys (a
property test over generated journeys, and the shipped ones), the names tools give columns,
the words people write, and every cell the format refuses at its line and column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import EMOTIONS

from stakes.interchange.draft import Options
from stakes.interchange.sheet import read
from stakes.interchange.table import header, rows
from stakes.interchange.yaml_text import emit
from stakes.journey.files import load, load_text
from stakes.journey.loader import dump_yaml
from stakes.journey.model import Journey

SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
#: Text with what a spreadsheet or the layout reads as syntax: separators, quotes, brackets,
#: formula starts, blanks at the ends, line breaks.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@';,\"[{ \n\t"),
    min_size=1,
    max_size=12,
)


def _journey_csv(journeys: list[Journey]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header())
    for journey in journeys:
        for row in rows(journey):
            writer.writerow([row.get(name, "") for name in header()])
    return out.getvalue()


def _imported(text: str, file: str = "map.csv", **options: Any) -> dict[str, Journey]:
    drafts, problems = read(text.encode(), file, Options(**options))
    assert problems == []
    out = {}
    for draft in drafts:
        result, _ = load_text(emit(draft), f"{draft.slug}.yaml")
        assert result.journey is not None, [str(f) for f in result.findings]
        out[result.journey.journey] = result.journey
    return out


def _same(a: Journey, b: Journey) -> None:
    """The same journey; an empty mapping (``signals: {}``) has no cell and says nothing, so
    it reads back as not given."""
    assert _said(a.model_dump(mode="json", exclude_unset=True)) == _said(
        b.model_dump(mode="json", exclude_unset=True)
    )


def _said(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _said(v) for k, v in value.items() if v != {}}
    if isinstance(value, list):
        return [_said(v) for v in value]
    return value


@st.composite
def journeys(draw: st.DrawFn) -> dict[str, Any]:
    """A journey with a bit of every kind of column: text, lists, choices, numbers,
    booleans, nested mappings, signals given or not."""
    stages = []
    ids = draw(st.lists(SLUG, min_size=1, max_size=5, unique=True))
    for n, chunk in enumerate((ids[:2], ids[2:])):
        if not chunk:
            continue
        touchpoints = []
        for tp_id in chunk:
            tp: dict[str, Any] = {
                "id": tp_id,
                "title": draw(TEXT),
                "channel": draw(st.sampled_from(["chat", "web", "phone", "in-person"])),
                "handled_by": draw(st.sampled_from(["ai", "human", "hybrid", "self-service"])),
            }
            if draw(st.booleans()):
                tp["description"] = draw(TEXT)
            if draw(st.booleans()):
                tp["signals"] = draw(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "emotion": st.sampled_from(EMOTIONS),
                            "money_at_stake": st.integers(0, 10**6)
                            | st.floats(0, 1e9, allow_nan=False),
                            "reversible": st.booleans(),
                            "personal_data": st.lists(
                                st.sampled_from(["contact", "financial", "health"]), unique=True
                            ),
                            "prior_contacts": st.integers(0, 20),
                        },
                    )
                )
            if draw(st.booleans()):
                tp["escalation"] = {"to": chunk[0], "keeps_context": draw(st.booleans())}
            if draw(st.booleans()):
                tp["evidence"] = {"match": {"category": draw(st.lists(TEXT, min_size=1))}}
            if draw(st.booleans()):
                tp["data_use"] = {"lawful_basis": {"answer": "contract"}, "purposes": ["answer"]}
            touchpoints.append(tp)
        stages.append({"id": f"stage-{n}", "title": draw(TEXT), "touchpoints": touchpoints})
    data: dict[str, Any] = {"journey": draw(SLUG), "title": draw(TEXT), "stages": stages}
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(TEXT, unique=True, max_size=3))
    if draw(st.booleans()):
        data["owner"] = draw(TEXT)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_export_then_import_gives_the_same_journey(data: dict[str, Any]) -> None:
    original, _ = load_text(dump_yaml(data), "j.yaml")
    journey = original.journey
    if journey is None:  # generated text the format refuses (a reference it cannot follow)
        return
    back = _imported(_journey_csv([journey]))
    _same(journey, back[journey.journey])


def test_the_shipped_journeys_round_trip() -> None:
    shipped = load(str(ROOT / "journeys")).journeys
    back = _imported(_journey_csv(shipped))
    assert len(back) == len(shipped) == 11
    for journey in shipped:
        _same(journey, back[journey.journey])


MAP = """Phase,Step,Medium,Owner,Feeling,Pain points,Opportunities
Notice,Reads the invoice FAQ,portal,Bot,worried,Cannot find the charge,Show the line item
Notice,Asks the chatbot,webchat,automated,furious,,
Resolve,Calls the billing team,telephone,billing team,upset,Waits 40 minutes,
"""


def test_a_journey_tools_export_with_its_own_names_and_words() -> None:
    drafts, problems = read(MAP.encode(), "billing-map.csv", Options())
    assert problems == []
    (draft,) = drafts
    text = emit(draft)
    assert "written 'worried'" in text and "with the columns Pain points, Opportunities" in text
    journey = load_text(text, "x.yaml")[0].journey
    assert journey is not None and journey.journey == "billing-map"
    (notice, resolve) = journey.stages
    faq, chat = notice.touchpoints
    assert (faq.channel, faq.handled_by, faq.signals.emotion) == ("web", "ai", "anxious")
    assert (chat.channel, chat.handled_by, chat.signals.emotion) == ("chat", "ai", "angry")
    assert (
        faq.description == "Pain points: Cannot find the charge. Opportunities: Show the line item."
    )
    call = resolve.touchpoints[0]
    assert (call.channel, call.handled_by, call.signals.emotion) == ("phone", "human", "distressed")


def test_column_names_the_header_a_field_is_in() -> None:
    text = "Journey step,Who\nPays the bill,customer\n"
    problems = read(text.encode(), "m.csv", Options())[1]
    assert "no touchpoint column" in problems[0].message and "'Journey step'" in problems[0].message
    told = Options(columns=(("touchpoint", "Journey step"), ("handled_by", "Who")))
    assert read(text.encode(), "m.csv", told)[1] == []
    unknown = read(text.encode(), "m.csv", Options(columns=(("colour", "Who"),)))[1]
    assert "no such field" in unknown[0].message


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ("touchpoint,channel\nA,carrier pigeon\n", (2, 2), "carrier pigeon"),
        ("touchpoint,money_at_stake\nA,£430\n", (2, 2), "currency: GBP"),
        ("touchpoint,escalation_to\nA,nowhere\n", (2, 2), "nowhere"),
        ("journey_id,journey_owner,touchpoint\nj,a,A\nj,b,B\n", (3, 2), "one value per journey"),
        ("touchpoint,channel\n,chat\n", (2, 1), "names no touchpoint"),
        ("Touchpoint,Step\nA,B\n", (1, 2), "are both touchpoint"),
    ],
)
def test_a_value_the_format_refuses_is_an_error_at_its_cell(
    text: str, where: tuple[int, int], said: str
) -> None:
    drafts, problems = read(text.encode(), "m.csv", Options())
    if not problems:  # refused by the journey loader, which the import job runs
        from stakes.app.imports import _checked

        _checked(drafts, problems)
    assert problems, text
    assert (problems[0].line, problems[0].column) == where
    assert said in str(problems[0])


def test_separators_byte_order_marks_and_line_breaks_in_cells() -> None:
    text = '\ufefftouchpoint;channel;description\r\nA;chat;"two\r\nlines"\r\nB;web;x\r\n'
    drafts, problems = read(text.encode(), "m.csv", Options())
    assert problems == []
    tps = drafts[0].data["stages"][0]["touchpoints"]
    assert [t["channel"] for t in tps] == ["chat", "web"]
    assert drafts[0].origin[("stages", 0, "touchpoints", 1)] == (4, 1)  # B starts on line 4


@pytest.mark.parametrize("data", [b"", b"\xff\xfe", b"a\x00b", b"x" * 10 + b'"' + b"\n" * 3])
def test_unreadable_spreadsheets_are_one_problem(data: bytes) -> None:
    drafts, problems = read(data, "m.csv", Options())
    assert drafts == [] and len(problems) >= 1


def test_an_excel_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [("Stage", "Touchpoint", "Channel", "Handled by", "Emotion", "Money at stake")]:
        sheet.append(row)
    sheet.append(("Pay", "Pays the invoice", "Web", "self-service", "calm", 120))
    sheet.append(("Pay", "Disputes it", "phone", "human", "angry", 120.5))
    path = tmp_path / "map.xlsx"
    book.save(path)
    drafts, problems = read(path.read_bytes(), "map.xlsx", Options())
    assert problems == []
    tps = drafts[0].data["stages"][0]["touchpoints"]
    assert [t["signals"]["money_at_stake"] for t in tps] == [120, 120.5]
    assert read(b"not a zip", "map.xlsx", Options())[1][0].message.startswith("not an Excel")


def test_the_command_round_trips_and_lints(tmp_path: Path) -> None:
    exported = invoke("export", "csv", str(ROOT / "journeys"), "-o", str(tmp_path / "j.csv"))
    assert exported.exit_code == 0, exported.stderr
    imported = invoke("import", "csv", str(tmp_path / "j.csv"), "-o", str(tmp_path / "j"))
    assert imported.exit_code == 0, imported.stderr
    assert len(list((tmp_path / "j").glob("*.yaml"))) == 11
    before = json.loads(invoke("map", str(ROOT / "journeys"), "--format", "json").stdout)
    after = json.loads(invoke("map", str(tmp_path / "j"), "--format", "json").stdout)

    def seen(t: dict[str, Any]) -> tuple[Any, ...]:
        return (t["journey"], t["touchpoint"], t["verdict"], t["stakes"], t["alignment"])

    verdicts = [seen(t) for t in before["touchpoints"]]
    again = [seen(t) for t in after["touchpoints"]]
    assert sorted(verdicts) == sorted(again)


def test_column_option_must_name_a_header() -> None:
    result = invoke("import", "csv", "x.csv", "--column", "touchpoint")
    assert result.exit_code == 2 and "FIELD=HEADER" in result.stderr


def test_blank_stage_cells_are_the_stage_above_and_extra_cells_are_kept() -> None:
    text = "Phase,Step,Reversible\nAwareness,See advert,\n,Visit website,yes,kept\nBuy,Pay,\n"
    drafts, problems = read(text.encode(), "m.csv", Options())
    assert problems == []
    stages = drafts[0].data["stages"]
    assert [[t["title"] for t in s["touchpoints"]] for s in stages] == [
        ["See advert", "Visit website"],
        ["Pay"],
    ]
    visit = stages[0]["touchpoints"][1]
    assert visit["description"] == "column 4: kept."
    assert visit["signals"]["reversible"] is True
    assert drafts[0].notes[("stages", 0, "touchpoints", 1, "signals", "reversible")] == (
        "written 'yes'"
    )
    assert (
        read(b"stage,touchpoint\n", "h.csv", Options())[1][0].message == "no row under the header"
    )


@pytest.mark.parametrize("command", ["csv", "mermaid"])
def test_export_writes_nothing_when_a_journey_cannot_be_read(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.txt"
    result = invoke(
        "export",
        command,
        str(ROOT / "journeys"),
        str(ROOT / "tests/data/broken.yaml"),
        "-o",
        str(out),
    )
    assert result.exit_code == 2 and "nothing was exported" in result.stderr
    assert not out.exists()


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder\n")
    result = invoke("import", "csv", "-", "-o", str(tmp_path / "taken" / "journeys"), input=MAP)
    assert result.exit_code == 2
    (line,) = [said for said in result.stderr.splitlines() if "error" in said]
    assert "taken" in line and "cannot write" in line and "Errno" not in line
