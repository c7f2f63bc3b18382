"""Unassessed is a state, not a score (issue #10): a touchpoint whose journey does not say
what is at stake is never called capacity for a bot."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import invoke, map_text, report_text

from stakes.assessment.engine import assess

JOURNEY = """\
journey: support
title: Getting help
owner: care-team
stages:
  - id: resolve
    title: Gets it resolved
    touchpoints:
      - id: resolution-call
        title: An agent calls back with the resolution
        channel: phone
        handled_by: human
      - id: safety-bot
        title: Tells the bot the boiler smells of gas
        channel: chat
        handled_by: ai
        signals: {safety: true}
      - id: status-page
        title: Reads the status page
        channel: web
        handled_by: self-service
        signals: {emotion: calm}
"""


def _assessment(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "support.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    return assess(str(path))


def test_a_moment_nobody_assessed_is_never_under_automated(tmp_path: Path) -> None:
    # An agent's resolution step with no signals scored 0, automate, under-automated: the
    # report told a leader to move it to a bot.
    a = _assessment(tmp_path)
    call, bot, page = (
        a.find("support/resolution-call"),
        a.find("support/safety-bot"),
        a.find("support/status-page"),
    )
    assert call is not None and bot is not None and page is not None
    assert (call.state, call.alignment, call.unsaid) == ("unassessed", "unassessed", ("signals",))
    assert call not in a.misaligned() and a.unassessed() == [call, bot]
    # The verdict is a floor: a bot below it is over-automated all the same.
    assert (bot.unsaid, bot.verdict, bot.alignment) == (
        ("emotion",),
        "human-only",
        "over-automated",
    )
    assert (page.state, page.alignment) == ("assessed", "aligned")


def test_every_output_carries_the_state(tmp_path: Path) -> None:
    a = _assessment(tmp_path)
    table = map_text(a, "table")
    assert "? unassessed" in table and "not assessed: no signals given" in table
    records = json.loads(map_text(a, "json"))["touchpoints"]
    assert [r["state"] for r in records] == ["unassessed", "unassessed", "assessed"]
    rows = list(csv.DictReader(io.StringIO(map_text(a, "csv"))))
    assert [r["state"] for r in rows] == ["unassessed", "unassessed", "assessed"]
    assert list(a.to_frame()["state"]) == ["unassessed", "unassessed", "assessed"]
    report = report_text(a)
    # The bot below its floor is listed under Never automate, once; its row says it.
    assert "| Not assessed | 1 | the journey does not say what is at stake (2 in all" in report
    assert "## Not assessed yet (1)" in report
    never = report.split("## Never automate")[1].split("\n## ")[0]
    assert "(`support/safety-bot`)" in never and "; not assessed |" in never
    assert "| Under-automated | 0 |" in report


def test_lint_says_which_signals_are_missing(tmp_path: Path) -> None:
    (tmp_path / "support.yaml").write_text(JOURNEY, encoding="utf-8")
    out = invoke("lint", "--isolated", str(tmp_path / "support.yaml")).stdout
    assert "STK404 unassessed  no signals" in out
    assert "the signals do not say how the customer feels (emotion)" in out
    assert "until then its verdict is at least human-only" in out


def test_unassessed_is_never_under_automated_or_aligned_for_any_handling() -> None:
    from itertools import product

    from stakes.assessment.engine import alignment

    handlers = ("ai", "self-service", "human", "hybrid")
    verdicts = ("automate", "guarded", "assist", "human-only")
    for handled_by, verdict, escalates in product(handlers, verdicts, (True, False)):
        found = alignment(handled_by, verdict, escalates, assessed=False)
        assessed = alignment(handled_by, verdict, escalates)
        assert found == ("over-automated" if assessed == "over-automated" else "unassessed")
