"""The report's body (issue #14, part 2): each moment once, in the section where it matters
most, headline counts that add up, the full tables in a folded appendix, and a report at most
half as long as the one it replaced (529 lines for the shipped journeys)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from conftest import JOURNEYS

from stakes.app.assess import report_document
from stakes.assessment.engine import assess
from stakes.journey.values import AI_HANDLERS as BOTS
from stakes.render.documents import ReportDocument
from stakes.render.registry import render
from stakes.render.report.problems import HOMES, Plan

AS_OF = dt.date(2026, 11, 26)
#: The report of the shipped journeys before the body was rewritten, in lines.
BEFORE = 529
#: The heading of each home's section.
HEADINGS = {
    "never": "## Never automate",
    "over": "## Over-automated",
    "escalation": "## Escalation design",
    "under": "## Under-automated",
    "overrides": "## Overrides",
    "unassessed": "## Not assessed yet",
    "law": "## Compliance by jurisdiction",
    "data-use": "## How customer data is used",
}


def shipped() -> ReportDocument:
    return report_document(assess(str(JOURNEYS), as_of=AS_OF), command="stakes map journeys")


def body_sections(text: str) -> dict[str, str]:
    """The body's sections by heading: from the headline to the appendix."""
    body = text.split("\n## Appendix", 1)[0]
    parts = re.split(r"^(## .*)$", body, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def mentions(section: str, key: str) -> bool:
    return re.search(rf"(?<![\w/-]){re.escape(key)}(?![\w-])", section) is not None


def test_the_shipped_report_is_at_most_half_as_long() -> None:
    text = str(render("report", "md", shipped()))
    assert len(text.splitlines()) <= BEFORE // 2


def test_no_touchpoint_appears_in_more_than_two_sections_of_the_body() -> None:
    document = shipped()
    sections = body_sections(str(render("report", "md", document)))
    counts = {
        t.key: sum(mentions(s, t.key) for s in sections.values()) for t in document.assessment
    }
    assert max(counts.values()) <= 2, {k: n for k, n in counts.items() if n > 2}
    # And the count is not vacuous: the moments of Top actions appear twice.
    assert Counter(counts.values())[2] >= 10


def test_each_moment_to_act_on_is_listed_in_its_home_section_only() -> None:
    document = shipped()
    plan = Plan(document)
    sections = body_sections(str(render("report", "md", document)))
    by_heading = {
        home: next(body for head, body in sections.items() if head.startswith(HEADINGS[home]))
        for home in HOMES
        if any(h == home for h in plan.homes.values())
    }
    for t in document.assessment:
        home = plan.homes[t.key]
        named = {h for h, body in by_heading.items() if f"(`{t.key}`)" in body}
        if home is None:
            assert not named, t.key
        elif home == "never" and t.key not in plan.by_key and t.touchpoint.acting not in BOTS:
            # People handle it with nothing to change: named by its id, with its journey's.
            assert mentions(by_heading["never"], t.touchpoint.id), t.key
        elif home == "data-use" and all(
            p.startswith("STK612 ") for p in plan.by_key[t.key].problems
        ):
            assert mentions(by_heading["data-use"], t.touchpoint.id), t.key
        else:
            assert named == {home}, (t.key, home, named)


def test_the_headline_counts_each_touchpoint_once_with_its_definition() -> None:
    document = shipped()
    text = str(render("report", "md", document))
    table = text.split("| section (each touchpoint counted once) |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    *counted, total = rows
    assert total[:2] == ["| **All**", "**88**"]
    assert sum(int(r[1]) for r in counted) == len(list(document.assessment)) == 88
    assert all(r[2].strip(" |") for r in counted)  # each has its definition
    plan = Plan(document)
    homes = Counter(plan.homes.values())
    sections = body_sections(text)
    for row in counted:
        name = row[0].removeprefix("| ")
        heading = next((h for h in sections if h.startswith(f"## {name}")), None)
        if heading is not None and "(" in heading:
            # The section's heading gives the same count as the headline.
            assert heading.endswith(f"({row[1]})"), (heading, row)
    assert homes["never"] == 31 and homes[None] == 11


def test_the_appendix_folds_every_touchpoint_once() -> None:
    document = shipped()
    text = str(render("report", "md", document))
    appendix = text.split("\n## Appendix: every touchpoint\n", 1)[1]
    assert appendix.startswith("\n<details>\n<summary>88 touchpoints in 11 journeys: ")
    assert appendix.rstrip().endswith("</details>")
    for t in document.assessment:
        assert appendix.count(f"(`{t.key}`)") == 1, t.key
    assert "**`billing-dispute`**<br>owner billing-cx<br>file `journeys/billing-dispute.yaml`" in (
        appendix
    )
