"""`stakes map` and `stakes explain` through the command line, their formats, and the API's
entry points (assess() inputs, to_frame())."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import textwrap
from pathlib import Path

import pytest
from conftest import JOURNEYS, VALID, imports_pandas, invoke, map_text
from rich.cells import cell_len
from typer.testing import Result

import stakes
from stakes.assessment.engine import assess
from stakes.assessment.policy_file import default_policy
from stakes.assessment.results import Assessment
from stakes.assessment.scoring import FACTOR_ORDER
from stakes.render.data import spreadsheet_safe
from stakes.render.map.csv import CSV_COLUMNS

#: Every test runs in its own folder, so shown file names are predictable.
pytestmark = pytest.mark.usefixtures("in_tmp")

AS_OF = "2026-11-26"


def map_(*args: str) -> Result:
    return invoke("map", *args, "--as-of", AS_OF)


def map_json(*args: str) -> dict[str, object]:
    result = map_(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def write(path: Path | str, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess(str(JOURNEYS), as_of=dt.date.fromisoformat(AS_OF))


HOSTILE = textwrap.dedent(
    """\
    journey: hostile
    title: "A | hostile \\\\ journey <b>bold</b> and a title long enough to wrap"
    owner: cx
    stages:
      - id: s
        title: "Stage | with a pipe, a backslash \\\\ and `code|`"
        touchpoints:
          - id: a-very-long-touchpoint-id-that-goes-on-and-on-and-on-well-past-any-column-width
            title: "=HYPERLINK(\\"http://evil\\",\\"click\\")"
            channel: chat
            handled_by: ai
            signals: {emotion: angry, needs_authority: true, churn_risk: high}
          - id: plus
            title: "+1 | 2 \\\\"
            channel: web
            handled_by: self-service
          - id: minus
            title: "-2+3"
            channel: web
            handled_by: human
          - id: at
            title: "@SUM(A1:A2) 日本語のタイトル"
            channel: web
            handled_by: hybrid
          - id: tab
            title: "\\tcmd"
            channel: web
            handled_by: ai
    """
)


# --- exit codes ------------------------------------------------------------------------------


def test_map_of_the_shipped_journeys_is_exit_0() -> None:
    result = map_(str(JOURNEYS))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "billing-chat" in result.stdout


def test_fail_on_misaligned_is_exit_1(assessment: Assessment) -> None:
    assert assessment.misaligned()
    assert map_(str(JOURNEYS), "--fail-on-misaligned").exit_code == 1


def test_fail_on_misaligned_is_exit_0_when_all_is_aligned() -> None:
    # VALID's specialist is a person on an automate moment (under-automated); make it a bot.
    write("ok.yaml", VALID.replace("handled_by: human", "handled_by: ai"))
    assert map_("ok.yaml", "--fail-on-misaligned").exit_code == 0
    assert map_("ok.yaml", "--only", "misaligned", "--format", "csv").stdout.count("\n") == 1


def test_a_broken_journey_is_reported_and_the_valid_one_still_assessed(tmp_path: Path) -> None:
    write(tmp_path / "folder" / "good.yaml", VALID)
    broken_text = VALID.replace("channel: web", "channel: webchat")
    write(tmp_path / "folder" / "broken.yaml", broken_text.replace("billing-dispute", "other", 1))
    result = map_("folder", "--format", "csv")
    assert result.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["touchpoint"] for r in rows} == {"invoice-faq", "dispute-specialist"}
    assert {r["file"] for r in rows} == {str(Path("folder") / "good.yaml")}
    broken = str(Path("folder") / "broken.yaml")
    assert re.search(rf"^{re.escape(broken)}:10:18: STK\d{{3}} ", result.stderr, re.M), (
        result.stderr
    )
    assert "good.yaml" not in result.stderr


def test_a_broken_journey_beats_fail_on_misaligned(tmp_path: Path) -> None:
    write(tmp_path / "broken.yaml", "journey: [x\n")
    result = map_(str(JOURNEYS), "broken.yaml", "--fail-on-misaligned")
    assert result.exit_code == 2
    assert re.search(r"^broken\.yaml:\d+:\d+: STK001 ", result.stderr, re.M)


def test_a_missing_path_is_exit_2() -> None:
    result = map_("nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--format", "xml"], ["--only", "some"], ["--sort", "size"], ["--as-of", "tomorrow"]],
)
def test_bad_options_are_exit_2(args: list[str]) -> None:
    result = invoke("map", str(JOURNEYS), *args)
    assert result.exit_code == 2


# --- --only and --sort -----------------------------------------------------------------------


def _records(doc: dict[str, object]) -> list[dict[str, object]]:
    records = doc["touchpoints"]
    assert isinstance(records, list)
    return records


def test_only_never_lists_only_human_only(assessment: Assessment) -> None:
    records = _records(map_json(str(JOURNEYS), "--only", "never"))
    assert records and all(r["verdict"] == "human-only" for r in records)
    assert len(records) == len(assessment.never_automate())
    csv_rows = list(
        csv.DictReader(
            io.StringIO(map_(str(JOURNEYS), "--only", "never", "--format", "csv").stdout)
        )
    )
    assert {r["verdict"] for r in csv_rows} == {"human-only"}


def test_only_misaligned_lists_only_misaligned(assessment: Assessment) -> None:
    records = _records(map_json(str(JOURNEYS), "--only", "misaligned"))
    assert records and all(r["alignment"] != "aligned" for r in records)
    assert {r["alignment"] for r in records} == {"over-automated", "under-automated"}
    assert len(records) == len(assessment.misaligned())
    table = map_(str(JOURNEYS), "--only", "misaligned").stdout
    aligned_only = [t.touchpoint.id for t in assessment if t.alignment == "aligned"]
    assert not any(re.search(rf"^ {re.escape(i)} ", table, re.M) for i in aligned_only)


def test_sort_stakes_orders_by_descending_score(assessment: Assessment) -> None:
    records = _records(map_json(str(JOURNEYS), "--sort", "stakes"))
    scores = [r["stakes"]["score"] for r in records]  # type: ignore[index]
    assert scores == sorted(scores, reverse=True)
    assert len(records) == len(assessment)
    assert scores[0] == max(t.result.score for t in assessment)


def test_sort_and_only_combine() -> None:
    records = _records(map_json(str(JOURNEYS), "--sort", "stakes", "--only", "misaligned"))
    scores = [r["stakes"]["score"] for r in records]  # type: ignore[index]
    assert scores == sorted(scores, reverse=True)
    assert all(r["alignment"] != "aligned" for r in records)


# --- formats ---------------------------------------------------------------------------------


def test_json_is_versioned_consistent_and_explains_every_score() -> None:
    doc = map_json(str(JOURNEYS))
    assert doc["version"] == 1
    assert doc["policy"] == {
        "name": "stakes-default",
        "version": default_policy().version,
        "digest": default_policy().digest(),
    }
    assert doc["tool"] == {"name": "stakes", "version": stakes.__version__}
    records = _records(doc)
    assert doc["summary"] == {
        "touchpoints": len(records),
        "never_automate": sum(r["verdict"] == "human-only" for r in records),
        "over_automated": sum(r["alignment"] == "over-automated" for r in records),
        "under_automated": sum(r["alignment"] == "under-automated" for r in records),
        "unassessed": sum(r["state"] == "unassessed" for r in records),
        "journeys": len({r["journey"] for r in records}),
    }
    for r in records:
        reasons = r["reasons"]
        factors = reasons["factors"]  # type: ignore[index]
        assert [f["name"] for f in factors] == list(FACTOR_ORDER)
        assert sum(f["points"] for f in factors) == r["stakes"]["score"]  # type: ignore[index]
        assert all(0 <= f["points"] <= f["weight"] for f in factors)
        for rule in reasons["rules"]:  # type: ignore[index]
            assert set(rule) == {"id", "at_least", "sentence", "source"}
        if r["override"] is None or r["override"]["status"] != "applied":  # type: ignore[index]
            assert r["verdict"] == r["computed_verdict"]


def test_json_shows_an_applied_override_and_the_computed_verdict() -> None:
    records = {r["touchpoint"]: r for r in _records(map_json(str(JOURNEYS)))}
    chat = records["billing-chat"]
    assert chat["override"]["status"] == "applied"  # type: ignore[index]
    assert (chat["verdict"], chat["computed_verdict"]) == ("guarded", "assist")


def test_csv_parses_with_the_documented_header(assessment: Assessment) -> None:
    result = map_(str(JOURNEYS), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(assessment) + 1
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    by_key = {f"{r[0]}/{r[2]}": dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    for t in assessment:
        row = by_key[t.key]
        assert int(row["stakes_score"]) == t.result.score
        assert (row["verdict"], row["computed_verdict"]) == (t.verdict, t.computed_verdict)


def _unescaped_pipes(line: str) -> int:
    """The pipes in a markdown table row that are cell separators (not preceded by an odd
    number of backslashes)."""
    return sum(1 for m in re.finditer(r"(\\*)\|", line) if len(m.group(1)) % 2 == 0)


def _md_tables(text: str) -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line
            tables[heading] = []
        elif line.startswith("|"):
            tables[heading].append(line)
    return tables


def test_markdown_has_a_well_formed_table_per_journey(assessment: Assessment) -> None:
    result = map_(str(JOURNEYS), "--format", "md")
    assert result.exit_code == 0
    tables = _md_tables(result.stdout)
    assert len(tables) == len({t.journey.journey for t in assessment})
    assert sum(len(rows) - 2 for rows in tables.values()) == len(assessment)
    for rows in tables.values():
        assert {_unescaped_pipes(row) for row in rows} == {8}


def test_markdown_escapes_pipes_and_backslashes_in_user_text() -> None:
    write("hostile.yaml", HOSTILE)
    result = map_("hostile.yaml", "--format", "md")
    assert result.exit_code == 0
    (rows,) = _md_tables(result.stdout).values()
    assert len(rows) == 2 + 5
    assert {_unescaped_pipes(row) for row in rows} == {8}
    assert "<b>" not in result.stdout


def test_table_fits_80_columns(assessment: Assessment) -> None:
    write("hostile.yaml", HOSTILE)
    hostile = assess("hostile.yaml")
    rows = [*assessment, *hostile]
    text = map_text(assessment, "table", rows, width=80)
    assert text.count("\n") > len(rows)
    too_wide = [line for line in text.splitlines() if cell_len(line) > 80]
    assert too_wide == []
    for t in assessment:
        assert t.result.level in text


def test_table_through_the_cli_has_no_ansi_and_fits_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write("hostile.yaml", HOSTILE)
    for columns in (80, 60, 132):
        monkeypatch.setenv("COLUMNS", str(columns))
        result = map_(str(JOURNEYS), "hostile.yaml")
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
        assert all(cell_len(line) <= columns for line in result.stdout.splitlines()), columns
        assert "Disputing an unexpected charge" in result.stdout


WORDS = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")


def _words_of(assessment: Assessment) -> set[str]:
    """Every id and every word of a reason that the table shows."""
    out = set()
    for t in assessment:
        out |= {t.touchpoint.id, t.journey.journey, *WORDS.findall(t.short_reason)}
    return out


@pytest.mark.parametrize("columns", ["80", "100", "60", "", "wide"])
def test_no_id_or_word_is_broken_at_any_width(
    assessment: Assessment, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for sort in ("journey", "stakes"):
        out = map_(str(JOURNEYS), "--sort", sort).stdout
        shown = set(WORDS.findall(out))
        # A word broken across lines leaves pieces that are not words of the input.
        missing = {w for w in _words_of(assessment) if w not in shown}
        assert missing == set(), (columns, sort)


def test_piped_with_no_width_each_touchpoint_is_one_line(
    assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = map_(str(JOURNEYS)).stdout
    for t in assessment:
        [line] = [line for line in out.splitlines() if line.startswith(f" {t.touchpoint.id} ")]
        assert line.rstrip().endswith(t.short_reason), line


def test_sorted_by_stakes_is_one_table_with_a_journey_column(assessment: Assessment) -> None:
    out = map_(str(JOURNEYS), "--sort", "stakes").stdout
    assert out.count("highest stakes first") == 1
    header = [line for line in out.splitlines() if line.lstrip().startswith("journey ")]
    assert len(header) == 1
    scores = [int(m.group(1)) for m in re.finditer(r"^ [a-z0-9-]+ +[a-z0-9-]+ +(\d+) ", out, re.M)]
    assert len(scores) == len(list(assessment))
    assert scores == sorted(scores, reverse=True)
    md = map_(str(JOURNEYS), "--sort", "stakes", "--format", "md").stdout
    assert md.count("\n## ") + md.startswith("## ") == 1
    assert md.count("| journey | stage | touchpoint |") == 1


def test_output_file_is_written(tmp_path: Path) -> None:
    result = map_(str(JOURNEYS), "--format", "json", "-o", "map.json")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))["version"] == 1


# --- CSV injection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "' cmd"),
        ("\rcmd", "' cmd"),
        ("a\nb\x1b[2J", "a b\\x1b[2J"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_spreadsheet_safe(value: object, expected: str) -> None:
    assert spreadsheet_safe(value) == expected


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(tmp_path: Path) -> None:
    write(tmp_path / "@evil.yaml", HOSTILE)
    result = map_("@evil.yaml", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    titles = {r["touchpoint"]: r["title"] for r in rows}
    assert titles["plus"] == "'+1 | 2 \\"
    assert titles["minus"] == "'-2+3"
    assert titles["at"].startswith("'@SUM(A1:A2)")
    assert titles["tab"] == "' cmd"  # one line: a tab or line break is shown as a space
    long_id = next(k for k in titles if k.startswith("a-very-long"))
    assert titles[long_id] == '\'=HYPERLINK("http://evil","click")'
    assert {r["file"] for r in rows} == {"'@evil.yaml"}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


CR_TITLE = VALID.replace("title: Reads the invoice FAQ", 'title: "\\rcmd|calc"')


def test_a_title_starting_with_cr_is_defused() -> None:
    journey = stakes.load_text(CR_TITLE, "cr.yaml")[0].journey
    assert journey is not None
    text = map_text(assess(journey), "csv")
    assert "' cmd|calc" in text


def test_a_title_with_a_cr_stays_in_one_csv_cell() -> None:
    journey = stakes.load_text(CR_TITLE, "cr.yaml")[0].journey
    assert journey is not None
    rows = list(csv.reader(io.StringIO(map_text(assess(journey), "csv"), newline="")))
    assert [len(r) for r in rows] == [len(CSV_COLUMNS)] * 3
    assert rows[1][3] == "' cmd|calc"


# --- explain ---------------------------------------------------------------------------------


def explain(target: str) -> Result:
    return invoke("explain", target, "--as-of", AS_OF)


def test_explain_shows_every_factor_the_matrix_and_the_override() -> None:
    result = explain(f"{JOURNEYS}/billing-dispute.yaml#billing-chat")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for name in FACTOR_ORDER:
        assert re.search(rf"^{name}\s+\d+/\d+\s", out, re.M), name
    assert re.search(r"^stakes score\s+27$", out, re.M)
    assert "matrix moderate stakes x high complexity -> assist" in out
    assert "needs authority" in out
    assert "hard rule authority -> at least guarded" in out
    assert "computed verdict assist" in out
    assert re.search(r"^override guarded \(approved by head-of-billing-cx", out, re.M)
    assert "applied" in out and "reason:" in out
    assert "verdict guarded; handled today by ai: aligned" in out
    assert "\x1b" not in out


def test_explain_factor_points_add_up_to_the_score() -> None:
    out = explain(f"{JOURNEYS}/billing-dispute.yaml#billing-chat").stdout
    points = [int(m.group(1)) for m in re.finditer(r"^\w+\s+(\d+)/\d+\s", out, re.M)]
    assert len(points) == len(FACTOR_ORDER)
    total = re.search(r"^stakes score\s+(\d+)$", out, re.M)
    assert total is not None and sum(points) == int(total.group(1))


def test_explain_an_expired_override_says_it_is_not_applied() -> None:
    result = invoke(
        "explain", f"{JOURNEYS}/billing-dispute.yaml#billing-chat", "--as-of", "2030-01-01"
    )
    assert result.exit_code == 0
    assert "NOT applied: expired" in result.stdout
    assert "verdict assist; handled today by ai: over-automated" in result.stdout


def test_explain_names_the_rule_that_makes_bereavement_human_only() -> None:
    result = explain(f"{JOURNEYS}/bereavement-notification.yaml#bereavement-line")
    assert result.exit_code == 0
    assert "rule vulnerable-and-distressed -> at least human-only" in " ".join(
        result.stdout.split()
    )
    assert "computed verdict human-only" in result.stdout


def test_explain_an_unknown_touchpoint_lists_the_ids(assessment: Assessment) -> None:
    result = explain(f"{JOURNEYS}/billing-dispute.yaml#nope")
    assert result.exit_code == 2
    assert "'nope'" in result.stderr
    ids = [t.touchpoint.id for t in assessment if t.journey.journey == "billing-dispute"]
    assert ids and all(i in result.stderr for i in ids)
    assert result.stdout == ""


@pytest.mark.parametrize("target", ["nohash", "#billing-chat", "journeys/billing-dispute.yaml#"])
def test_explain_needs_file_hash_touchpoint(target: str) -> None:
    result = explain(target)
    assert result.exit_code == 2
    assert "FILE#TOUCHPOINT" in result.stderr


def test_explain_a_broken_file_is_exit_2() -> None:
    write("broken.yaml", "journey: [x\n")
    result = explain("broken.yaml#x")
    assert result.exit_code == 2
    assert "broken.yaml:" in result.stderr


# --- imports and the API ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_map_does_not_import_pandas(tmp_path: Path, fmt: str) -> None:
    assert not imports_pandas("map", str(JOURNEYS), "--format", fmt, cwd=tmp_path)


def test_explain_an_override_without_approver_names_what_it_lacks(tmp_path: Path) -> None:
    text = (JOURNEYS / "billing-dispute.yaml").read_text(encoding="utf-8")
    assert "approved_by: head-of-billing-cx" in text
    path = tmp_path / "billing-dispute.yaml"
    path.write_text(text.replace("approved_by: head-of-billing-cx", ""), encoding="utf-8")
    result = explain(f"{path}#billing-chat")
    assert result.exit_code == 0, result.stderr
    words = " ".join(result.stdout.split())
    assert (
        "(no approver, expires 2027-03-31, ticket CX-1423) — NOT applied: it has no "
        "approved_by reason:" in words
    )


def test_explain_takes_the_key_every_other_output_prints() -> None:
    # Only FILE#TOUCHPOINT was accepted (issue #17, item 15).
    by_key = invoke("explain", "billing-dispute/billing-chat", str(JOURNEYS), "--as-of", AS_OF)
    by_file = explain(f"{JOURNEYS}/billing-dispute.yaml#billing-chat")
    assert by_key.exit_code == 0, by_key.stderr
    assert by_key.stdout == by_file.stdout


def test_explain_a_file_explains_each_of_its_touchpoints(assessment: Assessment) -> None:
    result = invoke("explain", f"{JOURNEYS}/billing-dispute.yaml", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    keys = [t.key for t in assessment if t.journey.journey == "billing-dispute"]
    shown = re.findall(r"^(billing-dispute/[a-z0-9-]+) — ", result.stdout, re.M)
    assert shown == keys
    assert result.stdout.count("\nverdict ") == len(keys)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "billing-dispute/biling-chat",
            "journey 'billing-dispute' has no touchpoint 'biling-chat'"
            "; did you mean 'billing-chat'? the touchpoints are invoice-email,",
        ),
        ("biling-dispute/billing-chat", "did you mean 'billing-dispute'? the journeys are"),
        ("nothing-here", "'nothing-here': no such file; give FILE#TOUCHPOINT"),
    ],
)
def test_explain_suggests_the_nearest_on_a_typo(target: str, message: str) -> None:
    result = invoke("explain", target, str(JOURNEYS))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_explain_a_typo_after_the_file_suggests_the_nearest_id() -> None:
    result = invoke("explain", f"{JOURNEYS}/billing-dispute.yaml#billing-caht")
    assert result.exit_code == 2
    assert "did you mean 'billing-chat'?" in result.stderr


def test_explain_refuses_a_folder_first_instead_of_explaining_everything() -> None:
    # `stakes explain journeys/ KEY` printed all 89 touchpoints and exited 0 (review).
    result = invoke("explain", str(JOURNEYS), "billing-dispute/billing-chat")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"did you mean: stakes explain billing-dispute/billing-chat {JOURNEYS}" in " ".join(
        result.stderr.split()
    )
    also = invoke("explain", f"{JOURNEYS}/billing-dispute.yaml", str(JOURNEYS))
    assert also.exit_code == 2
    assert "PATH is only for a JOURNEY/TOUCHPOINT key" in also.stderr


def test_explain_says_what_set_the_verdict() -> None:
    by_rule = explain(f"{JOURNEYS}/billing-dispute-repeat.yaml#callback-request").stdout
    assert "computed verdict assist  (set by hard rule looping)" in by_rule
    by_matrix = explain(f"{JOURNEYS}/billing-dispute-repeat.yaml#night-billing-bot").stdout
    assert "computed verdict human-only  (set by the matrix)" in by_matrix
