"""`stakes evidence` through the command line: formats, exit codes, config, privacy, imports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import JOURNEYS, REFUND_JOURNEY, ROOT
from conftest import invoke as invoke_cli
from typer.testing import CliRunner, Result

from stakes.cli import app
from stakes.evidence.metrics import rates
from stakes.render.evidence.csv import CSV_COLUMNS

runner = CliRunner()

#: The worked example of test_evidence_metrics.py, as a file.
LOG = textwrap.dedent(
    """\
    contact_id,customer_id,timestamp,touchpoint,handled_by,escalated,resolved,csat
    k1,c1,2025-01-01 09:00,refund-chat,bot,no,no,2
    k2,c1,2025-01-03 09:00,refund-chat,bot,no,no,1
    k3,c1,2025-01-06 09:00,refund-chat,bot,yes,yes,4
    k4,c2,2025-01-01 09:00,refund-chat,chatbot,no,yes,5
    k5,c2,2025-01-11 09:00,refund-chat,agent,no,yes,
    k6,c3,2025-01-02 09:00,refund-chat,ai,no,no,
    k7,c3,2025-01-04 09:00,refund-call,human,no,yes,4
    k8,c4,2025-01-01 09:00,refund-call,agent,no,no,3
    """
)


@pytest.fixture(autouse=True)
def project(in_tmp: Path) -> Path:
    """Every test runs in its own folder holding the refund journey and the worked example's log."""
    (in_tmp / "support.yaml").write_text(REFUND_JOURNEY, encoding="utf-8")
    (in_tmp / "log.csv").write_text(LOG, encoding="utf-8")
    return in_tmp


def invoke(*args: str) -> Result:
    """``stakes evidence ARGS``, in-process."""
    return invoke_cli("evidence", *args)


def test_the_table(golden) -> None:  # type: ignore[no-untyped-def]
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 0, result.output
    # The log ends on day 10: its contacts after day 3 have less than a window after them.
    assert result.stderr == (
        "stakes: note: the what-happened-next metrics leave out 2 matched contact(s): 2 with "
        "less than one window of the log after them\n"
        "stakes: note: no resolved_at column: not measured: median_resolution_minutes\n"
    )
    golden("evidence/refund-table.txt", result.stdout)


def test_json_is_versioned_and_carries_every_metric() -> None:
    result = invoke("log.csv", "-j", "support.yaml", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["version"] == 2 and doc["window_days"] == 7 and doc["target_minutes"] == 3
    assert doc["log"]["contacts"] == doc["log"]["matched"] == 8 and doc["log"]["problems"] == []
    chat = doc["touchpoints"][0]
    assert chat["key"] == "support/refund-chat" and chat["declared_handled_by"] == "ai"
    assert (chat["contacts"], chat["deflected_unresolved"], chat["prior_contacts_p90"]) == (6, 3, 2)
    assert chat["deflection_rate"] == 0.8 and chat["repeat_contact_rate"] == 0.3333
    assert doc["overall"]["customers"] == 4 and doc["not_measured"] == ["median_resolution_minutes"]
    assert doc["journeys"][0]["journey"] == "support" and doc["unmatched"] == []
    # Every rate carries its numerator, denominator and 95% Wilson interval: 4 of 5 deflected.
    assert chat["intervals"]["deflection_rate"] == {
        "numerator": 4,
        "denominator": 5,
        "low": 0.3755,
        "high": 0.9638,
    }
    assert set(chat["intervals"]) == {m.name for m in rates()} - set(doc["not_measured"])
    assert doc["overall"]["intervals"]["ai_share"]["denominator"] == 8


def test_csv_rows_for_touchpoints_journeys_and_overall() -> None:
    result = invoke("log.csv", "-j", "support.yaml", "--format", "csv", "--window", "2d")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    # Then a row per ISO week from the first contact's to the last's (Wednesday 1 January to
    # Saturday 11 January: weeks 1 and 2); the log has no channel column, so no channel rows.
    assert [(r["level"], r["touchpoint"], r["group"]) for r in rows] == [
        ("touchpoint", "refund-chat", ""),
        ("touchpoint", "refund-call", ""),
        ("journey", "", ""),
        ("overall", "", ""),
        ("week", "", "2025-W01"),
        ("week", "", "2025-W02"),
    ]
    assert sum(int(r["contacts"]) for r in rows if r["level"] == "week") == 8
    # Within 2 days only row 1 (day 0 -> 2) is followed: 1 of 6 contacts, 1 of 3 customers.
    # Nothing loops in 2 days.
    assert rows[0]["repeat_contact_share"] == "0.1667" and rows[0]["looping_customers"] == "0"
    assert rows[0]["repeat_contact_rate"] == "0.3333"
    assert (
        rows[0]["repeat_contact_rate_numerator"],
        rows[0]["repeat_contact_rate_denominator"],
    ) == (
        "1",
        "3",
    )
    assert rows[1]["deflection_rate"] == ""  # no AI contact: not a rate


def test_markdown_escapes_and_says_what_deflection_hides() -> None:
    result = invoke("log.csv", "-j", "support.yaml", "--format", "md")
    text = result.stdout
    assert text.startswith("# Interaction evidence\n")
    assert "deflected 4 (80%); 3 of those (75%; 95% interval 30% to 95%) were not resolved" in text
    assert "| `refund-chat` | 6 | 3 | 83% | 80% | 75% | 50% | 33% | 1 | 2 | 2.67 / 4.00 |" in text


def test_output_file_is_written_and_never_over_the_log(tmp_path: Path) -> None:
    result = invoke("log.csv", "-j", "support.yaml", "-f", "json", "-o", "out.json")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["version"] == 2
    result = invoke("log.csv", "-j", "support.yaml", "-o", "log.csv")
    assert result.exit_code == 2 and "refusing to write over an input file" in result.stderr
    assert (tmp_path / "log.csv").read_text(encoding="utf-8") == LOG


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.csv", "-j", "support.yaml"], "nope.csv: no such file"),
        (["log.csv", "-j", "nowhere/"], "no journey could be loaded"),
        (["log.csv", "-j", "support.yaml", "--column", "touchpoint"], "give NAME=VALUE"),
        (["log.csv", "-j", "support.yaml", "--column", "topic=x"], "unknown field"),
        (["log.csv", "-j", "support.yaml", "--column", "touchpoint=Topic"], "no such column"),
        (["log.csv", "-j", "support.yaml", "--window", "soon"], "window 'soon'"),
        (
            ["log.csv", "-j", "support.yaml", "--window", "99999999999999999999w"],
            "--window '99999999999999999999w': too long; give a duration from 1m to 3650d",
        ),
        (["log.csv", "-j", "support.yaml", "--handler", "bot=robot"], "use one of ai, human"),
        (["log.csv", "-j", "support.yaml", "--input-format", "xml"], "use one of csv"),
        (["log.csv", "-j", "support.yaml", "--encoding", "klingon"], "not an encoding"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("stakes: error: ") and message in result.stderr
    assert result.stdout == ""


def test_strict_turns_problems_into_exit_2(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(LOG.replace("k2,c1,2025-01-03 09:00", "k2,c1,soon"), "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 0
    assert "stakes: warning: timestamp: 1 value(s) could not be read (row 2)" in result.stderr
    result = invoke("log.csv", "-j", "support.yaml", "--strict")
    assert result.exit_code == 2 and "--strict" in result.stderr and result.stdout == ""


def test_header_only_log_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(LOG.splitlines()[0] + "\n", "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2 and "no contacts" in result.stderr


def test_a_broken_journey_is_reported_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "j").mkdir()
    (tmp_path / "j" / "support.yaml").write_text(REFUND_JOURNEY, "utf-8")
    (tmp_path / "j" / "broken.yaml").write_text("journey: [x\n", "utf-8")
    result = invoke("log.csv", "-j", "j")
    assert result.exit_code == 2 and "broken.yaml:" in result.stderr
    assert "refund-chat" in result.stdout  # the rest is still measured


def test_unmatched_contacts_are_reported(tmp_path: Path) -> None:
    extra = "".join(f"u{i},c9,2025-01-01 09:00,loyalty-points,bot,no,no,\n" for i in range(4))
    # five customers typed the near miss (one customer five times would be one person)
    extra += "".join(f"v{i},d{i},2025-01-01 09:00,refund-chatt,bot,no,no,\n" for i in range(5))
    extra += "w1,c9,2025-01-01 09:00,promo-code,bot,no,no,\n"
    (tmp_path / "log.csv").write_text(LOG + extra, "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert (
        "stakes: warning: 10 of 18 contacts match no touchpoint and are left out; "
        "most: 2 values not shown: each from fewer than 5 customers (5), "
        "'refund-chatt' (5; did you mean 'refund-chat'?)" in result.stderr
    )
    doc = json.loads(invoke("log.csv", "-j", "support.yaml", "-f", "json").stdout)
    assert doc["unmatched"] == [
        {
            "value": "(2 values not shown: each from fewer than 5 customers)",
            "contacts": 5,
            "reason": "no touchpoint with this id",
        },
        {
            "value": "refund-chatt",
            "contacts": 5,
            "reason": "no touchpoint with this id; did you mean 'refund-chat'?",
        },
    ]


def test_config_file_maps_columns_and_options_win(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(LOG.replace("touchpoint,", "Topic,", 1), "utf-8")
    (tmp_path / "stakes.toml").write_text(
        '[evidence]\nmap = {touchpoint = "Topic"}\nwindow = "2d"\nhandlers = {agent = "hybrid"}\n',
        "utf-8",
    )
    doc = json.loads(invoke("log.csv", "-j", "support.yaml", "-f", "json").stdout)
    assert doc["window_days"] == 2 and doc["log"]["columns"]["touchpoint"] == "Topic"
    doc = json.loads(invoke("log.csv", "-j", "support.yaml", "-f", "json", "--window", "7d").stdout)
    assert doc["window_days"] == 7
    (tmp_path / "stakes.toml").write_text("[evidence]\ncolumns = 1\n", "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2
    assert "stakes.toml:2:1: unknown evidence setting 'columns'" in result.stderr
    (tmp_path / "stakes.toml").write_text('[evidence]\nday_first = "yes"\n', "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2
    assert "stakes.toml:2:1: evidence day_first must be true or false" in result.stderr


# --- no customer identifier in any output ----------------------------------------------------

SECRETS = ("secret.person@example.com", "Zelda Quintanilla", "ZZSECRET42", "TKT-SECRET")
PRIVATE_LOG = textwrap.dedent(
    """\
    Ticket,Customer,Customer Name,When,Topic,Bot
    TKT-SECRET-1,secret.person@example.com,Zelda Quintanilla,2025-01-01 09:00,refund-chat,yes
    TKT-SECRET-2,secret.person@example.com,Zelda Quintanilla,2025-01-02 09:00,refund-chat,maybe
    TKT-SECRET-3,Zelda Quintanilla,Zelda Quintanilla,2025-01-02 09:00,secret.person@example.com,no
    TKT-SECRET-4,Zelda Quintanilla,Zelda Quintanilla,2025-01-03 09:00,Zelda Quintanilla,no
    TKT-SECRET-5,Zelda Quintanilla,Zelda Quintanilla,2025-01-04 09:00,Zelda Quintanilla,no
    TKT-SECRET-6,Zelda Quintanilla,Zelda Quintanilla,2025-01-05 09:00,Zelda Quintanilla,no
    TKT-SECRET-6,ZZSECRET42,Zelda Quintanilla,not a date,ZZSECRET42,no
    TKT-SECRET-7,ZZSECRET42,Zelda Quintanilla,2025-01-06 09:00,ZZSECRET42,no
    TKT-SECRET-8,ZZSECRET42,Zelda Quintanilla,2025-01-06 09:00,ZZSECRET42,no
    """
)
MAP = [
    "--column",
    "contact_id=Ticket",
    "--column",
    "customer_id=Customer",
    "--column",
    "timestamp=When",
]
PRIVATE_RUNS = [
    [*MAP, "--column", "touchpoint=Topic", "--column", "escalated=Bot"],
    [*MAP, "--column", "touchpoint=Topic", "--column", "escalated=Bot", "--strict"],
    [*MAP, "--column", "touchpoint=Customer Name"],  # the wrong column: every value a name
    [*MAP, "--column", "touchpoint=Customer"],  # the wrong column: every value an id
    [*MAP],  # no touchpoint column: the error lists the columns
    ["--column", "touchpoint=Topic", "--column", "customer_id=Customr"],  # a typo: did you mean
]


@pytest.mark.parametrize("options", PRIVATE_RUNS)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_no_customer_identifier_in_any_output(tmp_path: Path, options: list[str], fmt: str) -> None:
    (tmp_path / "private.csv").write_text(PRIVATE_LOG, "utf-8")
    (tmp_path / "headerless.csv").write_text(PRIVATE_LOG.split("\n", 1)[1], "utf-8")
    for log in ("private.csv", "headerless.csv"):
        result = invoke(log, "-j", "support.yaml", "-f", fmt, *options, "-o", "out.txt")
        written = (tmp_path / "out.txt").read_text("utf-8") if result.exit_code == 0 else ""
        everything = result.stdout + result.stderr + written
        assert everything.strip(), options
        for secret in SECRETS:
            assert secret not in everything, (log, options, everything)
        (tmp_path / "out.txt").unlink(missing_ok=True)


def test_the_private_log_is_still_measured(tmp_path: Path) -> None:
    (tmp_path / "private.csv").write_text(PRIVATE_LOG, "utf-8")
    args = [*MAP, "--column", "touchpoint=Topic", "--column", "escalated=Bot", "-f", "json"]
    doc = json.loads(invoke("private.csv", "-j", "support.yaml", *args).stdout)
    assert doc["touchpoints"][0]["contacts"] == 2
    assert doc["log"]["duplicates"] == 1  # TKT-SECRET-6 twice: the second is dropped
    # The name on 3 contacts is not shaped like a touchpoint id: it may be customer data. The
    # e-mail (1) and ZZSECRET42 (2 after the duplicate) look like identifiers. Both pooled.
    why = "no touchpoint with this id"
    assert doc["unmatched"] == [
        {
            "value": "(1 value not shown: not a touchpoint id, it may be customer data)",
            "contacts": 3,
            "reason": why,
        },
        {"value": "(2 values not shown: they look like identifiers)", "contacts": 3, "reason": why},
    ]


# --- issue #19: hostile logs -----------------------------------------------------------------

FORMATS = ["table", "json", "csv", "md"]


def test_a_name_as_a_touchpoint_reaches_no_output(tmp_path: Path) -> None:
    # The reproducer: a customer's name in the touchpoint column on 3 rows was printed on
    # stderr, in the JSON and in the markdown as an unmatched value.
    extra = "".join(
        f"u{i},c9,2025-01-0{i + 1} 09:00,Dave Hiddenname,bot,no,no,\n" for i in range(3)
    )
    (tmp_path / "log.csv").write_text(LOG + extra, "utf-8")
    for fmt in FORMATS:
        result = invoke("log.csv", "-j", "support.yaml", "-f", fmt)
        assert result.exit_code == 0
        assert "Hiddenname" not in result.stdout + result.stderr, fmt
        assert (
            "stakes: warning: 3 of 11 contacts match no touchpoint and are left out; most: "
            "1 value not shown: not a touchpoint id, it may be customer data (3)\n"
        ) in result.stderr
    doc = json.loads(invoke("log.csv", "-j", "support.yaml", "-f", "json").stdout)
    assert doc["log"]["unmatched"] == 3 and len(doc["unmatched"]) == 1


def test_a_headerless_log_of_names_is_an_error_that_quotes_none(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text("Dave Hiddenname,Mary Secret,refund-chat\n" * 2, "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "stakes: error: the log has no touchpoint column (it has: none shown: its first row "
        "looks like data; does the file have a header row?); name the column that holds it: "
        "--column touchpoint=COLUMN\n"
    )


def test_objects_in_a_jsonl_log_are_counted_and_strict_stops(tmp_path: Path) -> None:
    lines = [
        '{"touchpoint": {"x": 1}}',
        '{"touchpoint": "refund-chat", "customer_id": ["c1"]}',
        '{"touchpoint": "refund-chat", "customer_id": "c2"}',
    ]
    (tmp_path / "log.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    result = invoke("log.jsonl", "-j", "support.yaml", "-f", "json")
    assert result.exit_code == 0
    assert (
        "stakes: warning: touchpoint: 1 value(s) are objects or lists, not values (row 1); "
        "treated as blank\n" in result.stderr
    )
    doc = json.loads(result.stdout)
    assert [(p["field"], p["kind"], p["rows"]) for p in doc["log"]["problems"]] == [
        ("customer_id", "nested", [2]),
        ("touchpoint", "nested", [1]),
    ]
    assert doc["touchpoints"][0]["contacts"] == 2 and doc["unmatched"][0]["value"] == "(blank)"
    result = invoke("log.jsonl", "-j", "support.yaml", "--strict")
    assert result.exit_code == 2 and result.stdout == "" and "--strict" in result.stderr


def test_a_row_too_long_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stakes.evidence import read

    monkeypatch.setattr(read, "BLOCK", 1 << 12)
    monkeypatch.setattr(read, "LONG_ROW", 1 << 14)
    unclosed = 'k9,c1,2025-01-01 09:00,"refund-chat\n' + "k10,c1,2025-01-01 09:00,x\n" * 2_000
    (tmp_path / "log.csv").write_text(LOG + unclosed, "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "stakes: error: log.csv:10: a row longer than 0.015625 MiB (a quote never closed?); "
        "stakes reads rows up to that size\n"
    )


def test_a_column_named_twice_is_exit_2_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(LOG.replace("resolved,csat", "resolved,touchpoint"), "utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "stakes: error: log.csv:1:34: the log has the column 'touchpoint' twice (columns 4 and "
        "8); rename them so that each name is used once\n"
    )


# --- imports: only `stakes evidence` brings in pandas ----------------------------------------

IMPORTS = textwrap.dedent(
    """\
    import sys
    from typer.testing import CliRunner, Result
    from stakes.cli import app
    runs = [a.split("|") for a in sys.argv[1:]]
    for args in runs:
        CliRunner().invoke(app, args)
        print(args[0], "pandas" in sys.modules, "pyarrow" in sys.modules)
    """
)


def test_only_evidence_imports_pandas(tmp_path: Path) -> None:
    target = f"{JOURNEYS}/billing-dispute.yaml#billing-chat"
    runs = [
        f"schema|-o|{tmp_path}/s.json",
        "rules",
        "policy",
        f"explain|{target}|--as-of|2026-11-26",
        f"map|{JOURNEYS}|--format|json|-o|{tmp_path}/m.json",
        f"report|{JOURNEYS}|-o|{tmp_path}/r.md",
        "evidence|--help",
        "evidence|log.csv|-j|support.yaml|--format|json",
    ]
    proc = subprocess.run(
        [sys.executable, "-c", IMPORTS, *runs],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:-1] == [f"{r.split('|')[0]} False False" for r in runs[:-1]], proc.stdout
    assert lines[-1] == "evidence True True"


def test_evidence_is_in_the_readme_and_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`stakes evidence LOG --journeys PATH`" in readme
    docs = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    parts = ("numerator", "denominator", "low", "high")
    for name in CSV_COLUMNS[6:]:
        if not name.endswith(parts):
            assert f"`{name}`" in docs, name
    for part in parts:  # each rate's parts, documented once for all
        assert f"`<rate>_{part}`" in docs, part


def test_the_example_journeys_lint_clean() -> None:
    result = runner.invoke(app, ["lint", str(ROOT / "examples")])
    assert result.exit_code == 0, result.output


# --- issue #19: hostile logs -------------------------------------------------------------------


def test_a_quote_never_closed_is_an_error_at_its_row(tmp_path: Path) -> None:
    # The reproducer: an unclosed quote on line 3 silently dropped every row after it (exit 0,
    # 2 rows read, even with --strict).
    rows = "".join(f"T{i},refund-call,fine\n" for i in range(3, 100))
    text = 'contact_id,touchpoint,notes\nT1,refund-chat,ok\nT2,refund-chat,"oops\n' + rows
    (tmp_path / "u.csv").write_text(text, encoding="utf-8")
    for strict in ([], ["--strict"]):
        result = invoke("u.csv", "-j", "support.yaml", "-f", "json", *strict)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            "stakes: error: u.csv:3: a quote opened on this row is never closed "
            "(every row after it would be lost)\n"
        )
    # Quotes that are closed, and a lone inch mark inside a field, are read as before.
    fine = 'contact_id,touchpoint,notes\nT1,refund-chat,"a ""b"" c"\nT2,refund-chat,5" screen\n'
    (tmp_path / "fine.csv").write_text(fine + rows, encoding="utf-8")
    result = invoke("fine.csv", "-j", "support.yaml", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["log"]["rows"] == 99


@pytest.mark.parametrize(
    "name",
    ["rot13", "hex", "base64", "zlib", "bz2", "uu", "quopri", "idna", "undefined", "punycode"],
)
def test_a_codec_that_is_not_a_text_encoding_is_one_line(name: str, tmp_path: Path) -> None:
    # The reproducer: each of these was a traceback (LookupError, UnicodeError, AttributeError).
    result = invoke("log.csv", "-j", "support.yaml", "--encoding", name)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"stakes: error: --encoding {name!r} is not a text encoding; "
        "use one such as utf-8 or cp1252\n"
    )
    (tmp_path / "stakes.toml").write_text(f'[evidence]\nencoding = "{name}"\n', encoding="utf-8")
    result = invoke("log.csv", "-j", "support.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"stakes.toml:2:1: evidence encoding {name!r} is not a text encoding" in result.stderr


@pytest.mark.parametrize("line", ["[1,2]", "5", '"refund-chat"', "true"])
def test_a_jsonl_line_that_is_not_an_object_is_an_error_at_its_line(
    line: str, tmp_path: Path
) -> None:
    # The reproducer: a line that is an array or a number was a pandas TypeError traceback.
    text = '{"contact_id":"T1","touchpoint":"refund-chat"}\n' + line + "\n"
    (tmp_path / "a.jsonl").write_text(text, encoding="utf-8")
    result = invoke("a.jsonl", "-j", "support.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "stakes: error: a.jsonl:2: not a JSON object (each line of JSON Lines is one contact)\n"
    )


def test_a_jsonl_key_given_twice_is_counted(tmp_path: Path) -> None:
    # The reproducer: the same key twice in one object was accepted silently, the last winning.
    text = (
        '{"contact_id":"T1","touchpoint":"refund-chat"}\n'
        '{"contact_id":"T2","touchpoint":"refund-chat","touchpoint":"refund-call"}\n'
    )
    (tmp_path / "d.jsonl").write_text(text, encoding="utf-8")
    result = invoke("d.jsonl", "-j", "support.yaml", "-f", "json")
    assert result.exit_code == 0
    assert "1 object(s) with a key given twice (row 2); the last is used" in result.stderr
    strict = invoke("d.jsonl", "-j", "support.yaml", "--strict")
    assert strict.exit_code == 2 and "key given twice" in strict.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("inf.csv", "contact_id,touchpoint,csat\nT1,refund-chat,1e999\nT2,refund-chat,4\n"),
        ("big.csv", "contact_id,touchpoint,csat\nT1,refund-chat,1e308\nT2,refund-chat,1e308\n"),
        (
            "big.jsonl",
            '{"contact_id":"T1","touchpoint":"refund-chat","csat":' + "9" * 100_000 + "}\n",
        ),
        ("inf.jsonl", '{"contact_id":"T1","touchpoint":"refund-chat","csat":Infinity}\n'),
    ],
)
def test_numbers_that_are_not_finite_are_unreadable_values(
    name: str, text: str, tmp_path: Path
) -> None:
    # The reproducer: 1e999 was written as "csat": Infinity (not JSON); two CSATs of 1e308
    # overflowed the mean; a 100,000-digit CSAT printed a numpy RuntimeWarning.
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke(name, "-j", "support.yaml", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout, parse_constant=lambda c: pytest.fail(c))
    assert document["overall"]["csat"] in (None, 4.0)
    assert "csat: " in result.stderr and "could not be read" in result.stderr
    assert "Warning" not in result.stderr
    strict = invoke(name, "-j", "support.yaml", "--strict")
    assert strict.exit_code == 2 and "csat" in strict.stderr


@pytest.mark.parametrize(
    ("header", "row", "place"),
    [
        ('contact_id,touchpoint,"a\nb",Touchpoint', "T1,refund-chat,1,refund-call", "1:12"),
        ('contact_id,"notes\nx",touchpoint,Touchpoint', "T1,1,refund-chat,refund-call", "2:4"),
    ],
)
def test_a_header_with_a_quoted_line_break_is_read_whole(
    header: str, row: str, place: str, tmp_path: Path
) -> None:
    # The reproducer: only the header's first physical line was read, so the ambiguity of
    # touchpoint and Touchpoint went unnoticed, or "no touchpoint column" was reported.
    (tmp_path / "h.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = invoke("h.csv", "-j", "support.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        f"stakes: error: h.csv:{place}: 2 columns could hold touchpoint"
    )
