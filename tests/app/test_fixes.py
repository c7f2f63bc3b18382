"""What one change fixes (issue #14, part 1): the change each top action asks for, made on a
copy of the journey, the checks run again, the findings that go counted; a change that
settles another action's touchpoint whole takes that action in."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

from conftest import JOURNEYS

from stakes.app.assess import report_document
from stakes.app.fixes import fixes
from stakes.assessment.engine import assess
from stakes.render.registry import render
from stakes.render.report.problems import ranked

AS_OF = dt.date(2026, 11, 26)

#: A safety moment a bot handles (human-only), handing over to a second bot that hands back:
#: a loop of bots. Handing the first to people leaves the second handing over to a person.
LOOP = """\
journey: outage
title: An outage
stages:
  - id: s
    title: The outage
    touchpoints:
      - id: alarm-bot
        title: Reports a dead telecare alarm line to the bot
        channel: chat
        handled_by: ai
        signals: {emotion: distressed, safety: true}
        escalation: {to: status-bot, triggers: [customer-request]}
      - id: status-bot
        title: Gets the outage status from another bot
        channel: chat
        handled_by: ai
        signals: {emotion: calm}
        escalation: {to: alarm-bot, triggers: [customer-request]}
      - id: care-team
        title: The priority care team calls back
        channel: phone
        handled_by: human
        signals: {emotion: distressed, safety: true}
"""


def document_of(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "j.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return report_document(assess(str(path), as_of=AS_OF), command="stakes map j.yaml")


def test_handing_a_bot_to_people_fixes_what_the_checks_no_longer_find(tmp_path: Path) -> None:
    document = document_of(tmp_path, LOOP)
    found = {a.at.touchpoint.id: a for a in ranked(document)}
    assert found["alarm-bot"].kind == "human-only"
    assert found["status-bot"].problems == ["it hands over to a bot (to alarm-bot)"]
    fix = document.fixes["outage/alarm-bot"]
    assert fix.change == "handled_by: human"
    fixed = dict(fix.fixed)
    # Its own problems go but the loop (the cycle is there whoever handles it), and the other
    # bot no longer hands over to a bot.
    assert fixed["outage/alarm-bot"] == (
        "AI handles it against its verdict, human-only",
        "it hands over to a bot (to status-bot)",
    )
    assert set(fixed["outage/status-bot"]) == set(found["status-bot"].problems)
    assert fix.whole == ("outage/status-bot",)
    assert fix.journeys == 1 and fix.findings == sum(len(p) for p in fixed.values())


def test_an_action_settled_by_an_earlier_one_is_taken_in(tmp_path: Path) -> None:
    document = document_of(tmp_path, LOOP)
    text = str(render("report", "md", document))
    part = text.split("## Top actions", 1)[1].split("\n## ", 1)[0]
    numbered = re.findall(r"^\d+\. .*$", part, re.M)
    assert len(numbered) == 1 and "(`outage/alarm-bot`)" in numbered[0]
    assert "*Tried on a copy,* `handled_by: human` *fixes" in numbered[0]
    assert "settling `status-bot`." in numbered[0]
    assert "(`outage/status-bot`)" not in part
    # It is still listed once, in its own section.
    assert text.count("(`outage/status-bot`)") == 2  # its section and the appendix


def test_a_finding_the_change_cannot_settle_is_not_counted(tmp_path: Path) -> None:
    # The payments assistant trains models on the customer's data: a person handling the
    # chat does not change that (STK613), nor the people's hours (STK608 goes with the bot).
    document = report_document(assess(str(JOURNEYS), as_of=AS_OF), command="stakes map journeys")
    fix = document.fixes["loan-hardship/payments-assistant"]
    fixed = dict(fix.fixed)["loan-hardship/payments-assistant"]
    assert "STK613 training-without-notice" not in fixed
    assert "AI handles it against its verdict, human-only" in fixed
    # Problems no journey edit settles are not tried: the law's wording, data use.
    tried = set(document.fixes)
    law_only = [a for a in ranked(document) if a.kind in ("law", "data-use", "unassessed")]
    assert law_only and not tried & {a.at.key for a in law_only}


def test_a_hand_over_that_drops_the_history_is_tried_with_keeps_context(tmp_path: Path) -> None:
    document = document_of(
        tmp_path,
        """\
        journey: j
        title: J
        stages:
          - id: s
            title: S
            touchpoints:
              - id: bot
                title: Asks the bot about a parcel
                channel: chat
                handled_by: ai
                signals: {emotion: calm}
                escalation: {to: agent, keeps_context: false, triggers: [customer-request]}
              - id: agent
                title: An agent takes over
                channel: chat
                handled_by: human
                signals: {emotion: calm}
        """,
    )
    (action,) = [a for a in ranked(document) if a.at.touchpoint.id == "bot"]
    assert action.kind == "STK202"
    fix = document.fixes["j/bot"]
    assert fix.change == "escalation: {keeps_context: true}"
    assert dict(fix.fixed)["j/bot"] == ("the hand-over drops the history (to agent)",)


def test_fixes_are_only_tried_once_and_never_for_the_copies(tmp_path: Path) -> None:
    document = document_of(tmp_path, LOOP)
    assert fixes(document) == document.fixes  # the same inputs give the same counts
