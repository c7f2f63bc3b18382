"""``stakes report --format html`` (issue #14, part 5): one self-contained page with the
markdown report's content, SVG charts that are right, and nothing a hostile string can turn
into a script, an event handler or a request. CI renders it in a real browser as well
(.ci/browser/check.mjs: a screenshot, axe-core and an HTML5 parse)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import JOURNEYS, ROOT, rendered

from stakes.app.assess import report_document
from stakes.assessment.engine import assess
from stakes.render.report.mermaid import MAX_CHART_POINTS, QUADRANTS
from stakes.render.report.svg import VERDICTS

sys.path.insert(0, str(ROOT / "fuzz"))
from oracles import check_html

HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"
AS_OF = dt.date(2026, 11, 26)


def page(*paths: Path | str) -> str:
    assessment = assess([str(p) for p in paths], as_of=AS_OF)
    return rendered("report", "html", report_document(assessment, command="stakes map X"))


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_hostile_strings_golden(golden: Callable[[str, str], None]) -> None:
    golden("report/hostile.html", page(HOSTILE))


@pytest.mark.parametrize("source", [HOSTILE, JOURNEYS], ids=["hostile", "shipped"])
def test_the_page_runs_nothing_and_asks_for_nothing(source: Path) -> None:
    html = page(source)
    assert check_html("report --format html", html) == []
    found = elements(html)
    tags = {tag for tag, _ in found.tags}
    assert not tags & {"script", "iframe", "object", "embed", "img", "link", "base", "form"}
    for tag, attrs in found.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert (attrs.get(name) or "#").startswith("#"), (tag, attrs)
    assert "url(" not in html and "@import" not in html
    policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in html


def test_the_oracle_catches_what_it_looks_for() -> None:
    # The check above is only as good as the oracle: it must fail on each thing it forbids.
    good = page(JOURNEYS)
    for bad in (
        "<script>alert(1)</script>",
        '<img src="https://example.com/x.png" alt="">',
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="alert(1)">x</p>',
        '<a href="http://example.com/">x</a>',
    ):
        assert check_html("report", good.replace("<main>", "<main>" + bad, 1)), bad


def test_the_page_has_the_markdown_reports_text_and_a_table_of_contents() -> None:
    document = report_document(assess(str(JOURNEYS), as_of=AS_OF), command="stakes map journeys")
    html = rendered("report", "html", document)
    markdown = rendered("report", "md", document)
    found = elements(html)
    ids = {attrs.get("id") for _, attrs in found.tags}
    headings = re.findall(r"^## (.*)$", markdown, re.M)
    contents = re.findall(r'<li><a href="#([^"]+)">([^<]*)</a></li>', html)
    # Every section of the markdown is a section of the page, in the table of contents.
    named = [text for _, text in contents]
    assert headings == [t for t in named if t != "Stakes by journey"]
    assert all(target in ids for target, _ in contents)
    assert "method" in ids  # where the why's links go
    # Each touchpoint's key and each rule sentence of the markdown is on the page.
    text = " ".join(found.text)
    for t in document.assessment:
        assert t.key in text, t.key
    for rule in {r for t in document.assessment for r in t.result.hard_rules}:
        assert rule.sentence in text
    # The appendix is open (a board pack printed to PDF shows it), its cells one per stage.
    assert "<details open>" in html and "<summary>88 touchpoints in 11 journeys" in html


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", html, flags=re.S)


def test_every_chart_has_a_title_a_description_and_at_most_15_labels() -> None:
    html = page(JOURNEYS)
    charts = svgs(html)
    assert len(charts) == 1 + 11 + 1  # the heat map, a curve per journey, the verdicts
    for chart in charts:
        ident = re.search(r'aria-labelledby="([^ "]+)-title \1-desc"', chart)
        assert ident is not None and 'role="img"' in chart
        assert re.search(r"<title id=\"[^\"]+-title\">[^<]+</title><desc", chart)
        # Labels: the x-axis names of a curve (rotated), the moments of the verdict chart.
        rotated = re.findall(r'transform="rotate\(-35 ', chart)
        assert len(rotated) <= MAX_CHART_POINTS
        assert len(re.findall(r"<circle ", chart)) <= MAX_CHART_POINTS


def test_the_curve_names_its_thresholds_and_keeps_the_title_whole(tmp_path: Path) -> None:
    title = "Telling the bank that an account holder has died, and closing every account they held"
    text = (JOURNEYS / "bereavement-notification.yaml").read_text(encoding="utf-8")
    path = tmp_path / "j.yaml"
    path.write_text(
        text.replace(
            "title: Telling the bank that an account holder has died", f"title: {title}", 1
        ),
        encoding="utf-8",
    )
    curve = next(c for c in svgs(page(path)) if "Stakes across" in c)
    assert f">Stakes across {title}</text>" in curve
    for name in ("moderate 20", "high 45", "critical 70"):
        assert f">{name}</text>" in curve  # each threshold line is labelled
    # Each bar is coloured by its verdict and carries its mark; the legend names the marks.
    assessment = assess(str(path), as_of=AS_OF)
    for t in assessment:
        colour, _ = VERDICTS[t.verdict]
        assert re.search(rf'fill="{colour}"><title>{re.escape(t.touchpoint.title)}:', curve)
    assert ">H human-only</text>" in curve and ">H</text>" in curve


def test_a_long_journey_is_drawn_by_stage_with_at_most_15_labels(tmp_path: Path) -> None:
    stages = "".join(
        f"  - id: stage-{s}\n    title: Stage {s}\n    touchpoints:\n"
        + "".join(
            f"      - id: t-{s}-{i}\n        title: T {s} {i}\n        channel: chat\n"
            f"        handled_by: human\n        signals: {{emotion: calm, prior_contacts: {i}}}\n"
            for i in range(4)
        )
        for s in range(20)
    )
    path = tmp_path / "long.yaml"
    path.write_text(f"journey: long\ntitle: Long\nstages:\n{stages}", encoding="utf-8")
    assessment = assess(str(path), as_of=AS_OF)
    curve = next(c for c in svgs(page(path)) if "Stakes across" in c)
    names = re.findall(r'rotate\(-35 [^"]+"\>([^<]+)</text>', curve)
    assert names == [f"stage-{s}" for s in range(MAX_CHART_POINTS)]
    assert ">Stakes across Long, highest stakes per stage</text>" in curve
    assert "5 more stages are not drawn." in curve
    highest = max(t.result.score for t in assessment if t.stage.id == "stage-0")
    assert f">{highest}</text>" in curve


def test_each_moment_of_the_verdict_chart_is_in_its_verdicts_quadrant() -> None:
    assessment = assess(str(JOURNEYS), as_of=AS_OF)
    chart = next(c for c in svgs(page(JOURNEYS)) if "Verdicts of the moments" in c)
    # The quadrants: a rect each, in the verdict's colour, at the corner QUADRANTS gives.
    boxes = {
        verdict: tuple(
            float(v)
            for v in re.search(
                rf'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" '
                rf'fill="{VERDICTS[verdict][0]}22"/>',
                chart,
            ).groups()  # type: ignore[union-attr]
        )
        for verdict in QUADRANTS
    }
    dots = re.findall(
        r'<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>([^:<]+): ([a-z-]+),', chart
    )
    assert len(dots) == MAX_CHART_POINTS
    for cx, cy, key, verdict in dots:
        found = assessment.find(key)
        assert found is not None and found.verdict == verdict
        x, y, w, h = boxes[verdict]
        assert x <= float(cx) <= x + w and y <= float(cy) <= y + h, (key, verdict)
    # No human-only moment is drawn in the automate quadrant, whatever its score.
    x, y, w, h = boxes["automate"]
    assert not any(x <= float(cx) <= x + w and y <= float(cy) <= y + h for cx, cy, *_ in dots)


def test_the_report_command_writes_the_page(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stakes.cli import app

    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", str(JOURNEYS), "--format", "html", "-o", str(out), "--isolated"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">') and html.endswith("</html>\n")


def test_with_a_contact_log_the_page_draws_deflection_against_resolution() -> None:
    from stakes.evidence import load_evidence

    journey = str(ROOT / "examples" / "marketplace-service.yaml")
    log = load_evidence(
        str(ROOT / "examples" / "marketplace-contacts.csv"), journey, {"handled_by": "channel"}
    )
    assessment = assess(journey, as_of=AS_OF, observe=log.observed)
    assessment.log = log
    html = rendered("report", "html", report_document(assessment, command="stakes map x"))
    chart = next(c for c in svgs(html) if ">Deflection against resolution</text>" in c)
    records = {r["touchpoint"]: r for r in log.touchpoint_records()}
    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>[^/]+/([\w-]+):', chart)
    assert dots
    # Across is deflection, up is resolution, on a 360-pixel square from (60, 40).
    for cx, cy, touchpoint in dots:
        r = records[touchpoint]
        assert abs(float(cx) - (60 + 360 * r["deflection_rate"])) < 0.1
        assert abs(float(cy) - (40 + 360 * (1 - r["resolution_rate"]))) < 0.1
    # The weekly trend is a chart here too, and a Mermaid block in the markdown.
    assert any("by week" in c for c in svgs(html))
