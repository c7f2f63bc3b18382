"""The report's "How customer data is used" (issue #20): each journey's moments that use
customer data, what they declare and what the data-use rules say; the moments that declare
nothing in one line; the headline row; the JSON; the cap."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

from conftest import JOURNEYS, report_text

from stakes.app.assess import report_document
from stakes.assessment.engine import assess
from stakes.render.registry import render
from stakes.render.report.tables import MAX_ROWS

AS_OF = dt.date(2026, 11, 26)


def section(markdown: str) -> str:
    start = markdown.index("## How customer data is used")
    return markdown[start : markdown.index("\n## ", start + 1)]


def test_the_shipped_journeys_show_their_data_use_and_findings() -> None:
    assessment = assess(str(JOURNEYS), as_of=AS_OF, processors=["Azure OpenAI", "Twilio"])
    text = report_text(assessment, command="stakes map journeys")
    part = section(text)
    assert part.startswith(
        "## How customer data is used\n\n63 touchpoints in 11 journeys use customer data "
        "automatically or say how they use it; **44** fail a data-use rule"
    )
    # A moment no other section lists: its data, what it declares, the rule it fails.
    row = next(line for line in part.splitlines() if "password-reset/identity-verification" in line)
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[1:3] == ["identity, biometric, contact", "*not declared*"]
    assert cells[8].startswith("**STK611** special-category-without-condition: ")
    # A moment another section lists is counted here, its findings named in its row there.
    assert "29 moments listed above have findings too, named in their row; the others:" in part
    assert "loan-hardship/payments-assistant" not in part
    never = text.split("## Never automate", 1)[1].split("\n## ", 1)[0]
    row = next(x for x in never.splitlines() if "(`loan-hardship/payments-assistant`)" in x)
    assert row.endswith("| STK608 handover-out-of-hours (uk); STK613 training-without-notice |")
    assert "customer data goes to 'Zendesk'" not in text
    assert "STK616 processor-not-approved" in text and "STK615 recommends-in-distress" in text
    # Moments that only say nothing of it are named by journey, with their data.
    assert (
        "- `billing-dispute`: invoice-email (contact, billing), credit-note (contact, billing)"
    ) in part
    assert (
        "| Data use | 15 | failing a data-use rule (63 moments use customer data) (44 in all"
        in (text)
    )
    # The packs' data-use rules are here, not counted again under compliance.
    assert "| Compliance | 4 | failing a rule of the law where the customer is" in text
    assert "(29 in all; 25 counted in a section above) |" in text
    assert "the data-use rules are under *How customer data is used*" in text


def test_a_portfolio_that_uses_no_customer_data_says_so(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(
        textwrap.dedent("""\
            journey: faq
            title: Reading the FAQ
            stages:
              - id: read
                title: Reads
                touchpoints:
                  - id: faq
                    title: The FAQ page
                    channel: web
                    handled_by: self-service
            """),
        encoding="utf-8",
    )
    text = report_text(assess(str(path), as_of=AS_OF))
    assert "No AI or self-service moment handles personal data" in section(text)
    assert "| Data use |" not in text


def _many(n: int) -> str:
    """``n`` bots that use health data in the EU with no Art. 9(2) condition (STK611), and no
    other problem."""
    touchpoints = "".join(
        f"      - id: bot-{i}\n        title: Bot {i}\n        channel: chat\n"
        "        handled_by: ai\n        discloses_ai: at-start\n"
        "        signals: {emotion: calm, personal_data: [health]}\n"
        "        data_use: {purposes: [answer], lawful_basis: contract}\n"
        for i in range(n)
    )
    return (
        "journey: many\ntitle: Many bots\njurisdictions: [eu]\n"
        "stages:\n  - id: s\n    title: S\n    touchpoints:\n" + touchpoints
    )


def test_the_table_is_capped_and_names_the_command_that_lists_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(_many(MAX_ROWS + 7), encoding="utf-8")
    document = report_document(assess(str(path), as_of=AS_OF), command="stakes map many.yaml")
    part = section(str(render("report", "md", document)))
    assert sum(line.startswith("| Bot ") for line in part.splitlines()) == MAX_ROWS
    assert "**STK611** special-category-without-condition" in part
    assert part.rstrip().endswith("…and 7 more: `stakes export data-use many.yaml` lists them all.")


def test_the_json_report_holds_each_moment() -> None:
    document = report_document(assess(str(JOURNEYS), as_of=AS_OF))
    data = json.loads(str(render("report", "json", document)))
    assert data["summary"]["using_customer_data"] == 63
    moments = {m["touchpoint"]: m for m in data["data_use"]}
    moment = moments["insurance-claim/photo-upload"]
    assert moment["categories"] == ["identity", "location", "criminal"]
    assert moment["data_use"]["criminal_data_basis"] == "authorised-by-law"
    assert moment["findings"] == []
    (finding,) = moments["loan-hardship/payments-assistant"]["findings"]
    assert finding == {
        "code": "STK613",
        "rule": "training-without-notice",
        "problem": "the customer's data trains models, and the customer cannot opt out",
        "jurisdictions": ["uk"],
        "silenced": False,
    }


def test_moments_no_law_asks_to_declare_are_counted_not_listed(tmp_path: Path) -> None:
    text = _many(3).replace("        data_use: {purposes: [answer], lawful_basis: contract}\n", "")
    text = text.replace("jurisdictions: [eu]\n", "")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    document = report_document(assess(str(path), as_of=AS_OF), command="stakes map many.yaml")
    part = section(str(render("report", "md", document)))
    assert "bot-0" not in part and "|" not in part
    assert part.startswith(
        "## How customer data is used\n\n3 touchpoints in 1 journey use customer data "
        "automatically or say how they use it; **0** fail a data-use rule, and 3 say nothing of "
        "how. `stakes export data-use many.yaml` lists each of them"
    )
