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
    # A declared moment: its data, what it declares, and the rule it fails with the law's place.
    row = next(line for line in part.splitlines() if "loan-hardship/payments-assistant" in line)
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[1:8] == [
        "contact, financial, health (Art. 9(2): explicit-consent)",
        "answer, train",
        "answer: contract; train: legitimate-interests",
        "Azure OpenAI",
        "yes",
        "at-collection",
        "no",
    ]
    assert cells[8].startswith("**STK613** training-without-notice: ") and cells[8].endswith("(uk)")
    # Processors not approved, and a recommendation to the bereaved.
    assert "customer data goes to 'Zendesk'" not in part
    assert "**STK616** processor-not-approved: customer data goes to 'DocuRead AI'" in part
    assert "**STK615** recommends-in-distress" in part
    # A journey that declares nothing is one line, with the law that asks for it.
    line = next(x for x in part.splitlines() if "`billing-dispute/invoice-faq`" in x)
    assert line.startswith("No `data_use` declared: `billing-dispute/invoice-email` (contact,")
    assert line.endswith("(STK612: the law asks for a purpose and a lawful basis).")
    headline = next(x for x in text.splitlines() if x.startswith("| Using customer data"))
    assert headline == "| Using customer data, or saying how (failing a data-use rule) | 63 (44) |"
    # The packs' data-use rules are here, not counted again under compliance.
    law = next(x for x in text.splitlines() if x.startswith("| Failing a rule of the law"))
    assert law.endswith("| 29 |")
    assert "- Its data-use rules (STK611 special-category-without-condition," in text


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
    assert "| Using customer data" not in text


def _many(n: int) -> str:
    touchpoints = "".join(
        f"      - id: bot-{i}\n        title: Bot {i}\n        channel: chat\n"
        "        handled_by: ai\n        discloses_ai: at-start\n"
        "        signals: {personal_data: [contact]}\n"
        "        data_use: {purposes: [answer], lawful_basis: contract}\n"
        for i in range(n)
    )
    return (
        "journey: many\ntitle: Many bots\nstages:\n  - id: s\n    title: S\n    touchpoints:\n"
        + touchpoints
    )


def test_the_table_is_capped_and_names_the_command_that_lists_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(_many(MAX_ROWS + 7), encoding="utf-8")
    document = report_document(assess(str(path), as_of=AS_OF), command="stakes map many.yaml")
    part = section(str(render("report", "md", document)))
    assert sum(line.startswith("| Bot ") for line in part.splitlines()) == MAX_ROWS
    assert part.rstrip().endswith(
        "…and 7 more touchpoints: `stakes export data-use many.yaml` lists them all."
    )


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
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    document = report_document(assess(str(path), as_of=AS_OF), command="stakes map many.yaml")
    part = section(str(render("report", "md", document)))
    assert "###" not in part and "No `data_use` declared" not in part
    assert part.rstrip().endswith(
        "3 touchpoints in 1 journey use customer data and say nothing of how, where no "
        "jurisdiction's pack asks it of them: `stakes export data-use many.yaml` lists them."
    )
    # Where the law asks (eu: STK612), the same moments are named.
    path.write_text(text.replace("title: Many bots\n", "title: Many bots\njurisdictions: [eu]\n"))
    document = report_document(assess(str(path), as_of=AS_OF), command="stakes map many.yaml")
    part = section(str(render("report", "md", document)))
    assert "No `data_use` declared: `many/bot-0` (contact)" in part
