"""``stakes report --skip-invalid`` (issue #14, part 7): a report without the files that cannot
be read, which names them in a banner at the top and exits 1; without it, no report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import JOURNEYS, invoke

BROKEN = "journey: [broken\n"


@pytest.fixture
def portfolio(in_tmp: Path) -> Path:
    for name in ("billing-dispute.yaml", "password-reset.yaml"):
        (in_tmp / name).write_text((JOURNEYS / name).read_text(encoding="utf-8"), "utf-8")
    (in_tmp / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (in_tmp / "bad-value.yaml").write_text(
        (JOURNEYS / "order-delivery.yaml")
        .read_text(encoding="utf-8")
        .replace("channel: chat", "channel: webchat"),
        encoding="utf-8",
    )
    return in_tmp


def test_without_the_flag_no_report_is_written(portfolio: Path) -> None:
    result = invoke("report", "--isolated", ".", "-o", "r.md")
    assert result.exit_code == 2
    assert not (portfolio / "r.md").exists()
    assert "or give --skip-invalid to report without them" in result.stderr


def test_with_it_the_report_names_what_it_leaves_out_and_exits_1(portfolio: Path) -> None:
    result = invoke("report", "--isolated", "--skip-invalid", ".", "missing.yaml", "-o", "r.md")
    assert result.exit_code == 1
    report = (portfolio / "r.md").read_text(encoding="utf-8")
    head = report.split("\n\n")[1]
    assert head.startswith(
        "> **Incomplete: 3 inputs could not be read and are left out of this report**"
    )
    banner = [line for line in report.splitlines() if line.startswith("> - ")]
    assert banner[0] == "> - `missing.yaml: no such file or folder`"
    assert banner[1].startswith("> - `bad-value.yaml:") and "(and " in banner[1]
    assert banner[2].startswith("> - `broken.yaml:2:1: STK001 YAML syntax error")
    # Only the two journeys that could be read are in it.
    assert "in 2 journeys must never be automated" in report
    assert "order-delivery" not in report.split("## Method")[0]
    # What lint would say is still on stderr.
    assert "broken.yaml:2:1: STK001" in result.stderr


def test_the_json_report_lists_them(portfolio: Path) -> None:
    result = invoke("report", "--isolated", "--skip-invalid", ".", "--format", "json")
    assert result.exit_code == 1
    skipped = json.loads(result.stdout)["skipped"]
    assert [s.split(":")[0] for s in skipped] == ["bad-value.yaml", "broken.yaml"]


def test_with_nothing_to_skip_it_changes_nothing(portfolio: Path) -> None:
    (portfolio / "broken.yaml").unlink()
    (portfolio / "bad-value.yaml").unlink()
    plain = invoke("report", "--isolated", ".")
    flagged = invoke("report", "--isolated", "--skip-invalid", ".")
    assert plain.exit_code == flagged.exit_code == 0
    assert plain.stdout == flagged.stdout and "Incomplete" not in plain.stdout


def test_a_report_of_no_journey_is_never_written(in_tmp: Path) -> None:
    (in_tmp / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = invoke("report", "--isolated", "--skip-invalid", ".", "-o", "r.md")
    assert result.exit_code == 2 and not (in_tmp / "r.md").exists()
    assert "no report was written: no journey could be read" in result.stderr


def test_a_hostile_file_name_stays_code_in_the_banner(in_tmp: Path) -> None:
    name = "a`b <img src=x onerror=alert(1)> # x.yaml"
    (in_tmp / name).write_text(BROKEN, encoding="utf-8")
    (in_tmp / "ok.yaml").write_text(
        (JOURNEYS / "password-reset.yaml").read_text(encoding="utf-8"), "utf-8"
    )
    result = invoke("report", "--isolated", "--skip-invalid", ".")
    assert result.exit_code == 1
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("> - ")]
    assert line.startswith("> - ``a`b <img") and line.endswith("``")
