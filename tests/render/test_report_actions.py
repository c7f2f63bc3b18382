"""The report's "Top actions" (issue #14, part 1): one change per touchpoint, ranked by the
documented rule (stakes/render/report/actions.py), at most ten."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

from conftest import JOURNEYS, ROOT

from stakes.app.assess import report_document
from stakes.assessment.engine import assess
from stakes.render.documents import ReportDocument
from stakes.render.registry import render
from stakes.render.report.actions import MAX_ACTIONS
from stakes.render.report.problems import CHANGES, ranked

AS_OF = dt.date(2026, 11, 26)
ORDER = [kind for kind, _ in CHANGES]


def shipped() -> ReportDocument:
    return report_document(assess(str(JOURNEYS), as_of=AS_OF), command="stakes map journeys")


def test_the_shipped_report_ranks_bots_where_a_person_must_act_first() -> None:
    found = ranked(shipped())
    assert [a.at.key for a in found[:MAX_ACTIONS]] == [
        "loan-hardship/payments-assistant",
        "bereavement-notification/app-assistant-intake",
        "telecom-outage/telecare-line-down",
        "password-reset/takeover-chat",
        "product-failure-complaint/overheating-chat",
        "insurance-claim/automated-claim-decision",
        "travel-disruption/compensation-decision",
        "travel-disruption/rebooking-assistant",
        "billing-dispute-repeat/night-billing-bot",
        "billing-dispute-repeat/callback-request",
    ]
    # By kind first, then stakes (no contact log here): never a lower kind before a higher.
    ranks = [ORDER.index(a.kind) for a in found]
    assert ranks == sorted(ranks)
    for kind in {a.kind for a in found}:
        scores = [a.at.result.score for a in found if a.kind == kind]
        assert scores == sorted(scores, reverse=True), kind
    # One action per touchpoint.
    assert len({a.at.key for a in found}) == len(found)
    # A guarded moment with no way to a person comes after every bot where a person must act.
    first_gap = next(i for i, a in enumerate(found) if a.kind == "STK201")
    assert all(a.kind in ("human-only", "assist") for a in found[:first_gap])


def test_contacts_in_the_log_come_before_stakes_within_a_kind() -> None:
    from stakes.evidence import load_evidence

    log = load_evidence(
        str(ROOT / "examples" / "marketplace-contacts.csv"),
        str(ROOT / "examples" / "marketplace-service.yaml"),
        {"handled_by": "channel"},
    )
    assessment = assess(
        str(ROOT / "examples" / "marketplace-service.yaml"), as_of=AS_OF, observe=log.observed
    )
    assessment.log = log
    document = report_document(assessment, command="stakes map x")
    found = [a for a in ranked(document) if a.kind == "data-use"]
    # 16, 14 and 8 contacts in the log, then two with none, by stakes.
    assert [(a.at.touchpoint.id, a.contacts) for a in found] == [
        ("returns", 16),
        ("shipping", 14),
        ("payments", 8),
        ("account", 0),
        ("technical", 0),
    ]
    text = str(render("report", "md", document))
    assert re.search(
        r"^1\. .*\(`marketplace-service/returns`\), stakes \d+ \w+, 16 contacts from 8 customers "
        r"in the log\.",
        text,
        re.M,
    )


def test_the_section_lists_ten_and_counts_the_rest() -> None:
    text = str(render("report", "md", shipped()))
    part = text.split("## Top actions", 1)[1].split("\n## ", 1)[0]
    numbered = re.findall(r"^(\d+)\. \*\*", part, re.M)
    assert numbered == [str(n) for n in range(1, MAX_ACTIONS + 1)]
    first = part.split("\n2. ", 1)[0]
    assert "1. **Hand it to people: the verdict is human-only.** Tells the payments" in first
    assert "*Why:* A customer who is likely vulnerable" in first
    assert (
        "*Also here:* STK608 handover-out-of-hours (uk); STK613 training-without-notice." in first
    )
    # One line each.
    assert len(first.strip().splitlines()) == 3  # the rule, a blank line, the first action
    more = len(ranked(shipped())) - MAX_ACTIONS
    assert f"{more} more touchpoints have something to change" in part
    # It comes right after the headline, before the sections.
    assert text.index("## Top actions") < text.index("## Never automate")


def _one(tmp_path: Path, touchpoints: str) -> ReportDocument:
    path = tmp_path / "j.yaml"
    path.write_text(
        "journey: j\ntitle: J\nstages:\n  - id: s\n    title: S\n    touchpoints:\n"
        + textwrap.indent(textwrap.dedent(touchpoints), "      "),
        encoding="utf-8",
    )
    return report_document(assess(str(path), as_of=AS_OF), command="stakes map j.yaml")


def test_a_moment_the_journey_does_not_assess_is_an_action(tmp_path: Path) -> None:
    document = _one(
        tmp_path,
        """\
        - id: chat
          title: The chat
          channel: chat
          handled_by: human
        """,
    )
    (action,) = ranked(document)
    assert action.kind == "unassessed"
    text = str(render("report", "md", document))
    assert "1. **Say what is at stake: its signals (emotion at least).** The chat" in text
    assert "Nothing to change: no touchpoint" not in text


def test_a_notice_is_asked_for_a_way_to_a_person_not_to_be_handed_to_people(
    tmp_path: Path,
) -> None:
    document = _one(
        tmp_path,
        """\
        - id: closure-sms
          title: The closure text
          channel: sms
          handled_by: ai
          interaction: notification
          signals: {emotion: anxious, decision_effect: significant, money_at_stake: 900}
        """,
    )
    (action,) = ranked(document)
    text = str(render("report", "md", document))
    if action.kind == "STK201":
        assert "**Name a way to a person in it: a phone number, or a reply" in text
    else:
        assert action.kind in ("human-only", "assist")
        assert "**Let people take the decision it carries" in text
    assert "hand it to people" not in text.lower()
