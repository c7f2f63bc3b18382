"""stakes report: escaping, GitHub-flavoured structure, determinism, caps and safe writing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import JOURNEYS, ROOT, report_text
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from stakes.assessment.engine import assess
from stakes.cli import app
from stakes.render.report.tables import MAX_ROWS

HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"
AS_OF = dt.date(2026, 11, 26)


def report_of(*paths: Path | str) -> str:
    return report_text(assess([str(p) for p in paths], as_of=AS_OF), command="stakes map X")


def gfm() -> MarkdownIt:
    # GitHub passes some raw HTML through (and then sanitises); enable it so nothing is missed.
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def tables(markdown: str) -> list[list[int]]:
    """For each table, the number of cells in every row (header and body)."""
    tokens = gfm().parse(markdown)
    out: list[list[int]] = []
    counts: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            counts = []
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            counts.append(cells)
        elif token.type == "table_close":
            out.append(counts)
    return out


def test_hostile_strings_golden(golden: Callable[[str, str], None]) -> None:
    golden("report/hostile.md", report_of(HOSTILE))


@pytest.mark.parametrize("source", [HOSTILE, JOURNEYS], ids=["hostile", "shipped"])
def test_tables_keep_their_columns(source: Path) -> None:
    found = tables(report_of(source))
    assert len(found) >= 4
    for counts in found:
        assert len(set(counts)) == 1, counts
    # A table row in the raw text has exactly as many unescaped pipes as its header.
    for line in report_of(source).splitlines():
        if line.startswith("| "):
            assert re.search(r"(?<!\\)\|", line)


def test_no_raw_html_survives() -> None:
    html = gfm().render(report_of(HOSTILE))
    assert not re.search(r"<(script|img|iframe|b)\b", html, flags=re.IGNORECASE)
    assert not re.search(r"\bon\w+\s*=", html.replace("&lt;", "<").split("<", 1)[0])
    for tag in re.findall(r"<[^>]+>", html):
        assert not re.search(r"\son\w+\s*=", tag), tag
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', html))
    assert "\u202e" not in html


def test_mermaid_labels_are_reduced_to_a_safe_alphabet() -> None:
    text = report_of(HOSTILE)
    blocks = re.findall(r"```mermaid\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 1  # the verdict chart (the stakes curves are in the HTML report)
    for block in blocks:
        labels = re.findall(r'"([^"]*)"', block) + re.findall(r"^ {4}(.*): \[", block, re.M)
        assert labels
        for text in labels:
            for bad in ("<", ">", ";", "#", "%", "{", "[", "`", ":", "😀", "\u202e"):
                assert bad not in text, (bad, text)


def test_reports_are_byte_identical() -> None:
    assert report_of(JOURNEYS) == report_of(JOURNEYS)


def test_a_large_portfolio_is_capped_with_a_count_and_a_pointer(tmp_path: Path) -> None:
    stages = []
    for i in range(MAX_ROWS + 7):
        stages.append(
            f"  - id: s{i}\n    title: Stage {i}\n    touchpoints:\n"
            f"      - id: t{i}\n        title: Touchpoint {i}\n        channel: chat\n"
            "        handled_by: ai\n        signals: {safety: true}\n"
        )
    (tmp_path / "big.yaml").write_text(
        "journey: big\ntitle: Big\nstages:\n" + "".join(stages), encoding="utf-8"
    )
    text = report_of(tmp_path / "big.yaml")
    never = text[text.index("## Never automate") : text.index("## Over-automated")]
    assert never.count("(`big/t") == MAX_ROWS
    assert "…and 7 more human-only moments: `stakes map X --only never --format csv`" in never


def test_report_cli_writes_atomically_and_never_over_an_input(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "report.md"
    ok = runner.invoke(app, ["report", str(JOURNEYS), "-o", str(out), "--title", "Q1 | review"])
    assert ok.exit_code == 0, ok.output
    assert out.read_text(encoding="utf-8").startswith("# Q1 \\| review\n")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    journey = tmp_path / "j.yaml"
    journey.write_bytes(HOSTILE.read_bytes())
    refused = runner.invoke(app, ["report", str(tmp_path), "-o", str(journey)])
    assert refused.exit_code == 2
    assert "refusing to write over an input file" in refused.output
    assert journey.read_bytes() == HOSTILE.read_bytes()


def test_no_report_is_written_when_a_journey_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_bytes(HOSTILE.read_bytes())
    (tmp_path / "bad.yaml").write_text("journey: bad\ntitle: [\n", encoding="utf-8")
    out = tmp_path / "out" / "report.md"
    out.parent.mkdir()
    result = CliRunner().invoke(app, ["report", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert re.search(r"bad\.yaml:\d+:\d+: STK001 yaml-syntax", result.output)
    assert "no report was written" in result.output
    assert list(out.parent.iterdir()) == []
    assert "Traceback" not in result.output


def test_report_fail_on_misaligned() -> None:
    result = CliRunner().invoke(app, ["report", str(JOURNEYS), "--fail-on-misaligned"])
    assert result.exit_code == 1
    assert result.output.startswith("# Stakes report\n")


OVERRIDDEN = """\
journey: support
title: Getting help
owner: care-team
stages:
  - id: ask
    title: Asks about a refund
    touchpoints:
      - id: refund-bot
        title: Asks the bot for a refund
        channel: chat
        handled_by: ai
        escalation: {to: refunds-team}
        override: {verdict: automate, reason: The bot only shows the status.%s}
      - id: refunds-team
        title: Talks to the refunds team
        channel: phone
        handled_by: human
"""


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ("", "**no approved_by: not applied**"),
        (", approved_by: head-of-cx", "| applied |"),
    ],
    ids=["reason-without-approver", "reviewed"],
)
def test_the_override_status_says_what_is_missing(tmp_path: Path, extra: str, status: str) -> None:
    path = tmp_path / "support.yaml"
    path.write_text(OVERRIDDEN % extra, encoding="utf-8")
    text = report_of(path)
    assert status in text
    assert "no reason" not in text
