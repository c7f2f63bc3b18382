"""User text is shown safely everywhere (issue #19, rows 6, 7, 21 and 22): one sanitiser
(``stakes.shown``), checked by a property test over every renderer with hostile strings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import string
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import VALID, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakes.render.registry import FORMATS, Options, render
from stakes.shown import DISPLAY_LIMIT, shown, unsafe

# --- the sanitiser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain title", "plain title"),
        ("clear \x1b[2J screen", "clear \\x1b[2J screen"),
        ("line\n::warning::injected", "line \u200b::warning::injected"),
        ("::error::x", "\u200b::error::x"),
        ("a ##[error]x", "a \u200b##[error]x"),
        ("std::string", "std::string"),
        ("a\r\n\tb", "a b"),
        ("osc \x1b]52;c;ZXZpbA==\x07", "osc \\x1b]52;c;ZXZpbA==\\x07"),
        ("c1 \x9b31m", "c1 \\x9b31m"),
        ("del \x7f", "del \\x7f"),
        ("bidi \u202eevil", "bidi \\u202eevil"),
        ("sep\u2028here", "sep here"),
        ("x\udcff.yaml", "x\ufffd.yaml"),
        ("émoji 😀 日本語 عربي", "émoji 😀 日本語 عربي"),
        (None, ""),
        (42, "42"),
    ],
)
def test_shown(text: object, expected: str) -> None:
    assert shown(text) == expected


def test_shown_cuts_long_text() -> None:
    assert shown("x" * 10_000) == "x" * (DISPLAY_LIMIT - 1) + "…"
    assert shown("x" * 10_000, limit=None) == "x" * 10_000


@given(st.text())
def test_shown_is_one_safe_line(text: str) -> None:
    out = shown(text, limit=None)
    assert unsafe(out) == []
    assert "\n" not in out and "\r" not in out
    assert shown(out, limit=None) == out  # idempotent


# --- every renderer, with hostile strings -----------------------------------------------------

_HOSTILE_PIECES = [
    "\x1b[2J",
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;ZXZpbA==\x07",
    "\n::warning::injected",
    "\r::error::x",
    "::warning::x",
    " ##[error]x",
    "a" * 37 + "::error::folded",  # a word longer than a column, folded anywhere
    "\x9b31m",
    "\u202e",
    "\u2028",
    "\x00",
    "\x7f",
    "<img src=x onerror=alert(1)>",
    "\n# Injected\n",
    "`",
    "|",
    "=cmd",
]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(_HOSTILE_PIECES), st.text(string.ascii_letters, min_size=1, max_size=5)
    ),
    min_size=1,
    max_size=6,
).map("".join)
# Mermaid keywords, GitHub workflow-command-like words: valid ids that must not break a chart.
hostile_id = st.sampled_from(
    ["x-axis", "y-axis", "quadrant-1", "quadrant-4", "classdef", "title", "bar", "line", "end"]
)
file_name = st.lists(
    st.one_of(
        st.sampled_from(["\n# Injected\n", "<img src=x>", "`", "a b", "#", "%", "\x1b[2J", "\t"]),
        st.text(string.ascii_letters, min_size=1, max_size=4),
    ),
    min_size=1,
    max_size=4,
).map(lambda parts: "".join(parts) + ".yaml")

# ESC is allowed only as the colour codes of a coloured terminal.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# An inline code span (a backslash-escaped backtick opens none).
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`).*?(?<!`)\1(?!`)")
STRUCTURED = {"json", "sarif", "gitlab", "schema"}


def printable(text: str) -> str:
    """``text`` without the characters a processor's name may not hold (controls)."""
    return "".join(c for c in text if c.isprintable()).strip() or "x"


def _journey(title: str, owner: str, reason: str, tp_id: str) -> str:
    def q(text: str) -> str:
        return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar

    return (
        VALID.replace("title: Disputing an unexpected charge", f"title: {q(title)}")
        .replace("owner: billing-cx", f"owner: {q(owner)}")
        .replace("title: Notices the charge", f"title: {q(title)}")
        .replace("title: Reads the invoice FAQ", f"title: {q(title)}")
        .replace("id: dispute-specialist", f"id: {tp_id}")
        .replace("to: dispute-specialist", f"to: {tp_id}")
        .replace("handled_by: self-service", "handled_by: ai")
        + f"        override:\n          verdict: automate\n          reason: {q(reason)}\n"
        f"          approved_by: {q(owner)}\n          expires: 2031-01-01\n"
        f"        data_use:\n          purposes: [answer]\n"
        f"          processors: [{q(printable(owner))}, {q(printable(reason))}]\n"
    )


def check(kind: str, name: str, text: str, findings: int) -> None:
    """What every output must be: valid for its format, and for people, free of controls."""
    where = f"{kind} {name}"
    if name in ("json", "sarif", "gitlab"):
        json.loads(text)
    if name == "junit":
        ElementTree.fromstring(text)
    if name == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(r) for r in rows}) == 1, where
        assert [unsafe(c) for r in rows for c in r if unsafe(c)] == [], where
        return
    if name in STRUCTURED:
        return
    assert unsafe(_SGR.sub("", text)) == [], where
    commands = [line for line in text.splitlines() if line.lstrip().startswith(("::", "##["))]
    if name == "github":
        assert len(commands) == findings, where  # one workflow command per finding, no more
    else:
        assert commands == [], where
    if name == "md":
        prose = _CODE_SPAN.sub("", text)  # inside a code span, text is literal
        assert "<img" not in prose and "\n# Injected" not in prose, where


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=hostile_text, owner=hostile_text, reason=hostile_text, tp_id=hostile_id, name=file_name
)
def test_every_renderer_shows_hostile_strings_safely(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    owner: str,
    reason: str,
    tp_id: str,
    name: str,
) -> None:
    from stakes.app.assess import report_document
    from stakes.assessment.engine import assess
    from stakes.evidence.measurement import load_evidence
    from stakes.linter.rules import data_use_rows
    from stakes.linter.run import lint
    from stakes.render.documents import DataUseDocument, ExplainDocument, MapDocument

    folder = tmp_path_factory.mktemp("hostile")
    path = folder / name
    path.write_text(_journey(title, owner, reason, tp_id), encoding="utf-8")
    as_of = dt.date(2026, 12, 1)
    result = lint([str(path)], as_of=as_of)
    assessment = assess(str(path), as_of=as_of)
    assert list(assessment) and not result.errors
    log = folder / "log.csv"
    rows = [
        f"c{i},cust-{i % 3},2026-11-0{1 + i % 9} 10:00,{tp},chat,{i % 2 == 0},{i % 3 == 0}"
        for i, tp in enumerate(["invoice-faq", tp_id, title, owner, "invoice-fq"] * 3)
    ]
    with log.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["contact_id", "customer_id", "timestamp", "touchpoint", "handled_by",
                         "escalated", "resolved"])  # fmt: skip
        writer.writerows(row.split(",", 6) for row in rows)
    documents = {
        "evidence": load_evidence(str(log), str(path)),
        "lint": result,
        "map": MapDocument(assessment, list(assessment)),
        "report": report_document(assessment, command=f"stakes map {path}"),
        "explain": ExplainDocument(tuple(assessment), assessment.policy),
        "data_use": DataUseDocument(data_use_rows(assessment)),
    }
    for fmt in FORMATS:
        if fmt.kind not in documents:
            continue  # policy, schema: no user text
        for color in (False, True) if fmt.name in ("text", "table") else (False,):
            out = render(fmt.kind, fmt.name, documents[fmt.kind], Options(color=color, root=folder))
            text = out if isinstance(out, str) else "".join(out)
            check(fmt.kind, fmt.name, text, len(result.findings) + len(result.errors))


@pytest.mark.usefixtures("in_tmp")
def test_the_terminal_never_gets_raw_escapes_from_a_title() -> None:
    # Row 6: ESC sequences reached stdout raw; a newline let explain print '::warning::'.
    text = _journey("Clear \x1b[2J\n::warning::injected", "o", "r", "x-axis")
    Path("j.yaml").write_text(text, encoding="utf-8")
    for args in (("map", "j.yaml"), ("explain", "j.yaml#invoice-faq"), ("lint", "j.yaml")):
        result = invoke(*args, "--isolated")
        assert "\x1b" not in result.output, args
        assert not re.search(r"^\s*(::|##\[)", result.output, re.M), args
    shown_title = "Clear \\x1b[2J \u200b::warning::injected"
    assert shown_title in invoke("map", "--isolated", "j.yaml").output


@pytest.mark.usefixtures("in_tmp")
def test_a_file_name_cannot_inject_markdown_or_html_into_the_report() -> None:
    # Row 7: ``file `{name}` `` was written unescaped.
    name = "a\n# Injected\n<img src=x onerror=alert(1)>`.yaml"
    Path(name).write_text(VALID, encoding="utf-8")
    assert invoke("report", "--isolated", name, "-o", "r.md").exit_code == 0
    report = Path("r.md").read_text(encoding="utf-8")
    assert "\n# Injected" not in report and "<img" not in _CODE_SPAN.sub("", report)
    assert "file ``a # Injected <img src=x onerror=alert(1)>`.yaml``" in report  # literal


@pytest.mark.usefixtures("in_tmp")
def test_a_mermaid_keyword_as_an_id_is_quoted_in_the_chart() -> None:
    # Row 21: 'x-axis' as a point name broke the quadrant chart (CI parses the hostile golden).
    Path("j.yaml").write_text(_journey("t", "o", "r", "x-axis"), encoding="utf-8")
    assert invoke("report", "--isolated", "j.yaml", "-o", "r.md").exit_code == 0
    chart = Path("r.md").read_text(encoding="utf-8").split("quadrantChart")[1]
    assert '    "x-axis": [' in chart
    assert not re.search(r"^    x-axis:", chart, re.M)


@pytest.mark.usefixtures("in_tmp")
def test_a_ten_megabyte_title_is_cut_for_display() -> None:
    # Row 22: explain took 25.6 s on a 10 MB title (rich wrapping one very long word).
    Path("j.yaml").write_text(_journey("T" * 10_000_000, "o", "r", "x-axis"), encoding="utf-8")
    result = invoke("explain", "--isolated", "j.yaml#invoice-faq")
    assert result.exit_code == 0
    assert "T" * (DISPLAY_LIMIT - 1) + "…" in result.output.replace("\n", "")
    assert len(result.output) < 20_000


@pytest.mark.usefixtures("in_tmp")
def test_policy_config_and_junit_cannot_start_a_workflow_command() -> None:
    # Found by a re-check: a printed policy folded a name with a line break onto a line of its
    # own; JUnit wrote file names at the start of its lines; config printed bidi marks raw.
    Path("p.yaml").write_text(
        'extends: default\npolicy: "acme\\n::error title=x::injected \\u202e"\n', "utf-8"
    )
    policy = invoke("policy", "p.yaml")
    assert policy.exit_code == 0
    assert 'policy: "acme\\n::error title=x::injected \\u202E"' in policy.output
    Path("again.yaml").write_text(policy.output, encoding="utf-8")
    assert invoke("policy", "again.yaml").output == policy.output  # the same policy

    Path("::warning::x.yaml").write_text(_journey("t", "o", "r", "x-axis"), encoding="utf-8")
    junit = invoke("lint", "--isolated", "::warning::x.yaml", "--format", "junit")
    ElementTree.fromstring(junit.stdout)
    assert not re.search(r"^\s*(::|##\[)", junit.stdout, re.M)

    Path("stakes.toml").write_text('select = ["STK1\u202e01"]\n', encoding="utf-8")
    config = invoke("config")
    assert unsafe(config.output) == []
    assert '"STK1\\u202e01"' in config.output
