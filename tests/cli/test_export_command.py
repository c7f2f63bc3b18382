"""``stakes export data-use``: how each moment uses customer data, for a privacy team (issue
#20). The renderers' bytes are golden files (tests/golden/data_use/); here, what the command
does with its inputs: the configuration's processors, a journey that cannot be read, a cell a
spreadsheet would run, a real process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, imports_pandas, invoke

from stakes.render.data_use.records import COLUMNS

JOURNEY = """\
journey: claims
title: Making a claim
owner: claims-team
jurisdictions: [eu]
stages:
  - id: claim
    title: Claims
    touchpoints:
      - id: claim-bot
        title: The assistant takes the claim
        channel: chat
        handled_by: ai
        discloses_ai: at-start
        signals: {personal_data: [health, contact]}
        data_use:
          purposes: [answer, train]
          lawful_basis: contract
          processors: ["=HYPERLINK(\\"http://x\\")", Acme LLM]
          trains_models: true
          notice: at-collection
        escalation: {to: adjuster, triggers: [customer-request]}
      - id: adjuster
        title: An adjuster decides
        channel: phone
        handled_by: human
"""


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.usefixtures("in_tmp")
def test_a_row_per_touchpoint_and_category_with_its_findings() -> None:
    Path("j.yaml").write_text(JOURNEY, encoding="utf-8")
    result = invoke("export", "data-use", "--isolated", "j.yaml")
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert list(table[0]) == list(COLUMNS)
    assert [(r["touchpoint"], r["category"]) for r in table] == [
        ("claim-bot", "health"),
        ("claim-bot", "contact"),
    ]
    first = table[0]
    assert first["purposes"] == "answer; train" and first["trains_models"] == "true"
    # No Art. 9(2) condition for health data, and training with no opt-out (eu).
    assert first["findings"] == "STK611; STK613"
    assert "(eu)" in first["problems"] and first["jurisdictions"] == "eu"
    # The processor that looks like a formula is written so a spreadsheet shows it as text.
    assert first["processors"] == '\'=HYPERLINK("http://x"); Acme LLM'


@pytest.mark.usefixtures("in_tmp")
def test_the_configurations_processors_are_checked() -> None:
    Path("j.yaml").write_text(JOURNEY, encoding="utf-8")
    Path("stakes.toml").write_text('processors = ["acme-llm"]\n', encoding="utf-8")
    table = rows(invoke("export", "data-use", "j.yaml").stdout)
    # 'Acme LLM' is 'acme-llm' (case, spaces and punctuation aside); the formula is not.
    assert table[0]["findings"] == "STK611; STK613; STK616"
    assert "goes to '=HYPERLINK" in table[0]["problems"]
    assert "'Acme LLM'" not in table[0]["problems"]
    assert table[0]["problems"].count(" | ") == 2  # three problems, one cell


@pytest.mark.usefixtures("in_tmp")
def test_what_lint_silences_or_switches_off_is_exported_so() -> None:
    # A comment silences STK615 in lint: the export says so; the configuration switches STK616
    # off: the export says nothing of it, as lint does.
    text = JOURNEY.replace("purposes: [answer, train]", "purposes: [answer, train, recommend]")
    text = text.replace(
        "        data_use:\n",
        "        data_use:\n          # stakes: ignore[STK615] We recommend the hardship plan.\n",
    ).replace("signals: {personal_data", "signals: {emotion: distressed, personal_data")
    Path("j.yaml").write_text(text, encoding="utf-8")
    Path("stakes.toml").write_text(
        'processors = ["acme-llm"]\nignore = ["STK616"]\n', encoding="utf-8"
    )
    lint = invoke("lint", "j.yaml", "--select", "STK61")
    assert "STK615" not in lint.stdout and "STK616" not in lint.stdout
    assert "1 suppressed" in lint.stdout
    first = rows(invoke("export", "data-use", "j.yaml").stdout)[0]
    assert (first["findings"], first["silenced"]) == ("STK611; STK613", "STK615")
    report = invoke("report", "j.yaml").stdout
    assert "*STK615 silenced by a comment in the journey*" in report
    assert "STK616" not in report


@pytest.mark.usefixtures("in_tmp")
def test_json_holds_the_same_moments() -> None:
    Path("j.yaml").write_text(JOURNEY, encoding="utf-8")
    result = invoke("export", "data-use", "--isolated", "j.yaml", "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["summary"] == {"touchpoints": 1, "failing": 1}
    (moment,) = data["touchpoints"]
    assert moment["touchpoint"] == "claims/claim-bot"
    assert moment["data_use"]["processors"] == ['=HYPERLINK("http://x")', "Acme LLM"]
    assert [f["code"] for f in moment["findings"]] == ["STK611", "STK613"]


@pytest.mark.usefixtures("in_tmp")
def test_nothing_is_written_when_a_journey_cannot_be_read() -> None:
    Path("j.yaml").write_text(JOURNEY, encoding="utf-8")
    Path("broken.yaml").write_text("journey: [claims\n", encoding="utf-8")
    result = invoke("export", "data-use", "--isolated", ".", "-o", "out.csv")
    assert result.exit_code == 2
    assert result.stdout == "" and not Path("out.csv").exists()
    assert "broken.yaml:" in result.stderr
    assert "stakes: error: nothing was exported" in result.stderr


@pytest.mark.usefixtures("in_tmp")
def test_a_portfolio_with_no_customer_data_gets_the_header_only() -> None:
    text = JOURNEY.replace("        signals: {personal_data: [health, contact]}\n", "")
    start = text.index("        data_use:")
    text = text[:start] + text[text.index("        escalation:") :]
    Path("j.yaml").write_text(text, encoding="utf-8")
    result = invoke("export", "data-use", "--isolated", "j.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [",".join(COLUMNS)]


def test_the_shipped_journeys_are_exported_by_a_real_process(tmp_path: Path) -> None:
    stakes = shutil.which("stakes", path=str(Path(sys.executable).parent))
    assert stakes is not None
    from test_lint_command import run

    out = tmp_path / "data-use.csv"
    proc = run(stakes, "export", "data-use", "-o", out, cwd=ROOT)  # the repository's config
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    table = rows(out.read_text(encoding="utf-8"))
    by_key = {(r["journey"], r["touchpoint"]): r for r in table}
    assert "STK613" in by_key["loan-hardship", "payments-assistant"]["findings"]
    assert "STK616" in by_key["insurance-claim", "automated-claim-decision"]["findings"]
    assert "STK615" in by_key["bereavement-notification", "case-status-sms"]["findings"]
    assert by_key["insurance-claim", "fnol-chat"]["findings"] == ""


def test_export_does_not_import_pandas(tmp_path: Path) -> None:
    assert not imports_pandas(
        "export", "data-use", "--isolated", str(ROOT / "journeys"), cwd=tmp_path
    )
