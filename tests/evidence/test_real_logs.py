"""`stakes evidence` on the real-world-shaped logs in ../shared/data/external (never copied here).

Skipped when that folder is absent. The commands and outputs shown in docs/evidence.md are run
and compared, so the docs show real output.
"""

from __future__ import annotations

import json
import shlex

import console_examples
import pytest
from conftest import ROOT, SHARED
from typer.testing import CliRunner

from stakes.cli import app

EXTERNAL = SHARED / "data" / "external"
DOCS = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
KAGGLE = "../shared/data/external/kaggle-support-tickets/customer_support_tickets.csv"
SERVICE = "../shared/data/external/ai-ambassadors-service-logs/customer_service_logs.csv"

pytestmark = pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/data/external is absent")


def examples() -> list[tuple[str, str]]:
    """Every ``$ stakes ...`` command in the docs' console blocks, with its shown output."""
    return console_examples.examples(DOCS)


def run(command: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, shlex.split(command)[1:], env={"COLUMNS": console_examples.WIDTH}
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.output


@pytest.mark.parametrize(("command", "shown"), examples(), ids=lambda x: x[:60])
def test_the_docs_show_real_output(
    command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, _, output = run(command)
    assert code == 0
    assert output == shown, "run `python scripts/regenerate-docs.py` and review the diff"


def test_the_docs_run_all_three_logs() -> None:
    commands = " ".join(c for c, _ in examples())
    for name in ("kaggle-support-tickets", "ai-ambassadors-service-logs", "bankiq-support"):
        assert name in commands


def test_kaggle_tickets_read_through_their_quirks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    command = next(c for c, _ in examples() if "kaggle" in c)
    _, out, _ = run(command + " --format json")
    doc = json.loads(out)
    log = doc["log"]
    # 8,469 tickets, a trailing row of commas, a BOM before the first header.
    counts = (log["rows"], log["empty_rows"], log["contacts"], log["matched"])
    assert counts == (8470, 1, 8469, 8469)
    assert log["columns"]["contact_id"] == "Ticket ID"
    assert doc["overall"]["customers"] < 8469  # some e-mails come back
    assert 0.3 < doc["overall"]["resolution_rate"] < 0.35  # 2,769 closed of 8,469


def test_the_chatbot_deflects_and_resolves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    command = next(c for c, _ in examples() if "ai-ambassadors" in c)
    _, out, _ = run(command + " --format json")
    doc = json.loads(out)
    assert doc["log"]["duplicates"] == 50
    for t in doc["touchpoints"]:
        if t["ai_contacts"]:
            assert t["deflected_unresolved_rate"] == 1.0, t["key"]
    assert doc["overall"]["ai_contacts"] == 1314  # chatbot rows, less the repeated ids


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_no_email_or_name_from_the_tickets_reaches_any_output(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    command = next(c for c, _ in examples() if "kaggle" in c)
    # The wrong column as touchpoint too: every value an e-mail, none of them may be shown.
    for extra in (
        "",
        ' --column touchpoint="Customer Email"',
        ' --column touchpoint="Customer Name"',
    ):
        _, _, output = run(f"{command}{extra} --format {fmt}")
        assert "@" not in output
        for name in ("Marisa Obrien", "Jessica Rios", "Christopher Robbins"):
            assert name not in output
