"""Indentation errors in plain words (issue #17, item 10): the line at fault, what is wrong
with it and the indentation it needs, with the parser's own words kept as detail."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from stakes.journey.files import load_text
from stakes.journey.loader.syntax import _first_misfit

BASE = """\
journey: support
title: Getting help
owner: care-team
stages:
  - id: ask
    title: Asks
    touchpoints:
      - id: a
        title: A
{line}
        handled_by: ai
"""

#: (the misplaced line, where the finding is, its message, its hint).
CASES = [
    ("       channel: chat", (10, 8), "indented less than the keys above it (line 9)", 8),
    ("      channel: chat", (10, 7), "indented less than the keys above it (line 9)", 8),
    ("          channel: chat", (10, 11), "indented more than the line above it (line 9)", 8),
    ("         channel: chat", (10, 10), "indented more than the line above it (line 9)", 8),
    # Dedented to a stage's keys: YAML reads it as one, and stops at the line after.
    ("    channel: chat", (11, 9), "indented more than the line above it (line 10)", 4),
]


@pytest.mark.parametrize(("line", "where", "message", "spaces"), CASES)
def test_a_misindented_line_is_named_in_plain_words(
    line: str, where: tuple[int, int], message: str, spaces: int
) -> None:
    result, _ = load_text(BASE.format(line=line), "j.yaml")
    (f,) = result.findings
    assert (f.code, (f.line, f.col)) == ("STK001", where)
    assert f.message.startswith(f"this line is {message}; YAML said at ")
    assert "did not find expected" in f.message or "mapping values" in f.message
    assert f.hint.startswith(f"indent it by {spaces} spaces")


def test_a_tab_is_named() -> None:
    result, _ = load_text(BASE.format(line="\tchannel: chat"), "j.yaml")
    (f,) = result.findings
    assert (f.line, f.col) == (10, 1)
    assert f.message.startswith("this line is indented with a tab; YAML indents with spaces")


def test_other_syntax_errors_keep_the_parser_s_words() -> None:
    result, _ = load_text(BASE.format(line="        channel: [chat"), "j.yaml")
    (f,) = result.findings
    assert f.message.startswith("YAML syntax error: ")


def _files() -> list[Path]:
    return sorted([*ROOT.glob("journeys/*.yaml"), *ROOT.glob("examples/*.yaml")])


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_valid_files_have_no_misfit(path: Path) -> None:
    assert _first_misfit(path.read_text(encoding="utf-8").splitlines()) is None


_scalars = st.one_of(st.integers(), st.booleans(), st.text("abc xyz:-#'\"", max_size=12), st.none())
_keys = st.text("abcdefgh_-", min_size=1, max_size=8)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _data, min_size=1, max_size=5), st.integers(2, 4), st.booleans())
def test_block_yaml_as_writers_write_it_has_no_misfit(
    data: dict[str, object], indent: int, wide: bool
) -> None:
    text = yaml.safe_dump(data, default_flow_style=False, indent=indent, width=200 if wide else 20)
    assert _first_misfit(text.splitlines()) is None, text


def test_a_value_with_a_colon_is_told_to_be_quoted() -> None:
    result, _ = load_text("journey: support\ntitle: Notices: the charge\nowner: x\n", "j.yaml")
    (f,) = result.findings
    assert (f.line, f.col) == (2, 8)
    assert f.message.startswith("this value holds ': ', which YAML reads as the start of")
    assert f.hint == 'put the value in quotes: title: "Notices: the charge"'


def test_a_quote_never_closed_is_found_where_it_opens() -> None:
    result, _ = load_text('journey: support\ntitle: "Getting help\nowner: x\n', "j.yaml")
    (f,) = result.findings
    assert (f.line, f.col) == (2, 8)
    assert f.message.startswith("this quoted value is never closed")
