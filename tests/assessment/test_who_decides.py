"""Who talks is not who decides, and a notice is not a conversation (issue #10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

from stakes.assessment.engine import assess

BASE = """\
journey: support
title: Getting help
owner: care-team
stages:
  - id: s
    title: S
    touchpoints:
      - id: moment
        title: The moment
        channel: web
        handled_by: {handled_by}
{extra}        signals: {{emotion: grieving, vulnerability: likely{signals}}}
        escalation: {{to: team}}
      - id: team
        title: The team
        channel: phone
        handled_by: human
        signals: {{emotion: grieving}}
"""


def _one(tmp_path: Path, handled_by: str, extra: str = "", signals: str = ""):  # type: ignore[no-untyped-def]
    lines = "".join(f"        {line}\n" for line in extra.split(";") if line)
    path = tmp_path / "j.yaml"
    path.write_text(BASE.format(handled_by=handled_by, extra=lines, signals=signals), "utf-8")
    t = assess(str(path)).find("support/moment")
    assert t is not None
    return t


@pytest.mark.parametrize(
    ("handled_by", "extra", "verdict", "alignment"),
    [
        # A grieving customer's online form that a bereavement team handles: aligned.
        ("self-service", "interaction: form;decided_by: human", "human-only", "aligned"),
        # The same form decided by a model: over-automated.
        ("self-service", "interaction: form;decided_by: ai", "human-only", "over-automated"),
        # A conversation is judged by who holds it, whoever decides.
        ("ai", "decided_by: human", "human-only", "over-automated"),
        # A one-way status text decides nothing: at most guarded, with its route to a person.
        ("ai", "interaction: notification", "guarded", "aligned"),
        ("self-service", "interaction: view", "guarded", "aligned"),
    ],
)
def test_the_verdict_is_compared_with_who_acts(
    tmp_path: Path, handled_by: str, extra: str, verdict: str, alignment: str
) -> None:
    t = _one(tmp_path, handled_by, extra)
    assert (t.verdict, t.alignment) == (verdict, alignment)


def test_a_notice_that_announces_a_decision_is_judged_as_the_decision(tmp_path: Path) -> None:
    signals = ", decision_effect: legal, decision_outcome: adverse"
    t = _one(tmp_path, "ai", "interaction: notification", signals)
    assert t.touchpoint.decider == "ai" and not t.result.capped
    assert (t.verdict, t.alignment) == ("human-only", "over-automated")


def test_the_decider_defaults_to_the_handler_only_when_a_decision_is_taken(
    tmp_path: Path,
) -> None:
    assert _one(tmp_path, "self-service").touchpoint.decider == "none"
    deciding = _one(tmp_path, "self-service", "", ", decision_effect: significant")
    assert deciding.touchpoint.decider == "ai"  # self-service counts as ai


def test_outputs_say_why_a_notice_is_held_and_who_decides(tmp_path: Path) -> None:
    t = _one(tmp_path, "ai", "interaction: notification")
    assert t.short_reason == "a notification: at most guarded"
    out = invoke("explain", "--isolated", f"{tmp_path / 'j.yaml'}#moment").stdout
    assert "holds no conversation: at most guarded" in " ".join(out.split())
    _one(tmp_path, "self-service", "interaction: form;decided_by: ai")
    lint = invoke("lint", "--isolated", str(tmp_path / "j.yaml")).stdout
    assert "decided by ai, but the verdict is human-only" in lint
