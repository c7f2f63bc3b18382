"""Property tests of the loader: any input gives findings (never an exception), at real places."""

from __future__ import annotations

import re

from conftest import VALID
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import stakes
from stakes.findings import Finding, Severity

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# YAML's own line breaks (the loader's marks count these, not only "\n").
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")

# Fragments of YAML, glued together at random: structure, anchors, tags, quotes, indentation.
FRAGMENTS = [
    "journey",
    "title",
    "stages",
    "touchpoints",
    "id",
    "channel",
    "handled_by",
    "signals",
    "escalation",
    "to",
    "emotion",
    "money_at_stake",
    "x",
    "billing-dispute",
    "web",
    "ai",
    "120",
    "-5",
    "1e400",
    "2027-02-30",
    "true",
    "null",
    "~",
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!str ",
    "!!python/object:os.system ",
    "!custom ",
    "!!binary ",
    "!!set ",
    "? ",
    "---",
    "...",
    "%YAML 1.1",
    "|",
    ">-",
    '"',
    "'",
    "#",
    "\\",
    "\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "    ",
    "\ufeff",
    "\x85",
    "é",
]
yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


def line_count(text: str) -> int:
    """How many lines the YAML reader sees in ``text``."""
    return len(_BREAKS.split(text))


def as_text(data: str | bytes) -> str | None:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def check_findings(data: str | bytes) -> list[Finding]:
    """Load ``data`` and check what holds for every result, whatever the input."""
    result, _ = stakes.load_text(data, "f.yaml")
    for f in result.findings:
        assert f.line >= 0 and f.col >= 0, f
        assert (f.line == 0) == (f.col == 0), f
        assert f.code.startswith("STK"), f
        assert f.message.strip(), f
        assert f.file == "f.yaml"
        assert isinstance(f.severity, Severity)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors:
        assert result.journey is None
    else:
        assert result.journey is not None, result.findings
    text = as_text(data)
    if text is not None:
        lines = _BREAKS.split(text)
        for f in result.findings:
            assert f.line <= len(lines) + 1, (f, len(lines))
            if f.path and f.line:
                # A finding about a data path points at a real line and a column on it.
                assert f.line <= len(lines), (f, len(lines))
                assert f.col <= len(lines[f.line - 1]) + 1, (f, lines[f.line - 1])
    return result.findings


@FAST
@given(st.binary(max_size=2000))
@example(b"")
@example(b"\xff\xfe")
@example(b"journey: x\x00")
@example(b"\xef\xbb\xbf" + VALID.encode())
def test_arbitrary_bytes_give_findings_never_an_exception(data: bytes) -> None:
    check_findings(data)


@FAST
@given(st.text(max_size=2000))
@example("")
@example("---\n---\n")
@example("a: &a [*a]")
def test_arbitrary_text_gives_findings_never_an_exception(text: str) -> None:
    check_findings(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish)
@example("a: &a {b: *a}")
@example("<<: *a")
@example("<<: [1, 2]")
@example("? [a]\n: b")
@example("!!python/object:os.system ls")
@example("a: !!set {b}")
@example("a: 1\na: 2")
def test_yaml_ish_text_gives_findings_never_an_exception(text: str) -> None:
    check_findings(text)
    check_findings(text.encode("utf-8"))


@st.composite
def single_edits(draw: st.DrawFn) -> str:
    """VALID with one character inserted, deleted or replaced somewhere."""
    position = draw(st.integers(0, len(VALID) - 1))
    kind = draw(st.sampled_from(["insert", "delete", "replace"]))
    char = draw(
        st.one_of(
            st.sampled_from(list(":-[]{}&*!#'\"|>%@`,? \t\n\r")),
            st.characters(),  # lone surrogates too: a str caller can pass them
        )
    )
    if kind == "insert":
        return VALID[:position] + char + VALID[position:]
    if kind == "delete":
        return VALID[:position] + VALID[position + 1 :]
    return VALID[:position] + char + VALID[position + 1 :]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(single_edits())
def test_a_single_character_edit_never_breaks_the_loader(text: str) -> None:
    findings = check_findings(text)
    for f in findings:
        assert f.line <= line_count(text) + 1, f


@FAST
@given(st.one_of(yamlish, single_edits(), st.binary(max_size=500)))
def test_loading_is_deterministic(data: str | bytes) -> None:
    first, _ = stakes.load_text(data, "f.yaml")
    second, _ = stakes.load_text(data, "f.yaml")
    assert first.findings == second.findings
    assert first.journey == second.journey


def test_a_lone_surrogate_in_text_is_a_finding() -> None:
    (f,) = check_findings("journey: x\ntitle: \ud800\n")
    assert (f.code, f.line, f.col) == ("STK002", 2, 8)


def test_a_control_character_is_reported_at_its_line_and_column() -> None:
    (f,) = check_findings(b"journey: x\ntitle: a\x1bb\n")
    assert (f.code, f.line, f.col) == ("STK001", 2, 9)
    assert "\n" not in f.message and "<unicode string>" not in f.message


def test_a_value_missing_at_the_end_is_reported_inside_the_file() -> None:
    result, _ = stakes.load_text("? journey", "f.yaml")
    (f,) = [f for f in result.findings if f.path == "journey"]
    assert f.line == 1


def test_a_control_character_after_cr_line_breaks_is_at_its_yaml_line() -> None:
    result, _ = stakes.load_text("journey: x\rtitle: Ab\rstages: \x1b\r", "f.yaml")
    (f,) = result.findings
    assert (f.code, f.line, f.col) == ("STK001", 3, 9)
