"""Hostile journey files and folders (issue #19): each reproducer of the red-team campaign is a
test, and each is one clear finding or error, never a traceback, a hang or a silent loss."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import JOURNEYS, VALID, codes, invoke, messages

from stakes.journey import discovery, files, loader

NINES = "9" * 400
COMMANDS = (("lint",), ("map",), ("report", "-o", "r.md"))


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_400_digit_integer_is_one_finding_and_the_other_files_are_still_read(
    command: tuple[str, ...],
) -> None:
    # Row 1: an OverflowError in scoring killed the run for every file.
    Path("a.yaml").write_text(
        VALID.replace("money_at_stake: 120", f"prior_contacts: {NINES}"), encoding="utf-8"
    )
    Path("b.yaml").write_text(VALID.replace("billing-dispute", "other-journey"), "utf-8")
    result = invoke(*command, "--isolated", "a.yaml", "b.yaml")
    assert result.exit_code in (1, 2)
    assert "outside the 64-bit range" in result.output
    if command[0] == "lint":
        assert "14:27  error   STK006" in result.output
        assert "b.yaml" not in result.output  # read, and clean
    else:
        assert "a.yaml:14:27: STK006 limit-exceeded" in result.output
    if command[0] == "map":
        assert "other-journey" in result.output  # the other file is still assessed


def test_a_huge_integer_is_refused_at_its_position_and_64_bits_are_fine() -> None:
    text = VALID.replace("money_at_stake: 120", f"prior_contacts: {NINES}")
    assert codes(text) == [("STK006", 14, 27)]
    assert "999999999999999999999999999999999999999…" in messages(text)[0]
    assert codes(VALID.replace("money_at_stake: 120", f"prior_contacts: {2**63 - 1}")) == []
    assert codes(VALID.replace("money_at_stake: 120", f"money_at_stake: {2**63}")) == [
        ("STK006", 14, 27)
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!bool maybe", "'maybe' is not a valid !!bool"),
        ("!!timestamp notadate", "'notadate' is not a valid !!timestamp"),
        ("!!int 12abc", None),  # an ordinary wrong value: the model names it
    ],
)
def test_an_explicit_tag_on_a_value_that_does_not_fit_is_a_finding(
    value: str, expected: str | None
) -> None:
    # Row 2: KeyError / AttributeError from YAML's own constructors.
    text = VALID.replace("title: Disputing an unexpected charge", f"title: {value}")
    found = messages(text)
    if expected is None:
        assert found == []  # '12abc' is a title like any other
    else:
        assert len(found) == 1 and f"title: {expected}" in found[0]
        assert codes(text) == [("STK008", 2, 8)]


@pytest.mark.parametrize(
    "text",
    [
        "x: [" + "[]," * 300_000 + "[]]\n",  # 3 MiB of empty lists took 568 MB
        "x: [" + ",".join(["[" * 60 + "]" * 60] * 5_000) + "]\n",  # nested, under the depth
        "x:\n" + "".join(f"  - {i}\n" for i in range(260_000)),  # a block list
    ],
    ids=["empty-lists", "nested-lists", "block-list"],
)
def test_more_than_the_node_limit_is_one_finding_before_anything_is_composed(text: str) -> None:
    # Row 3: memory exhaustion under the size, depth and alias limits.
    found = codes(text)
    assert len(found) == 1 and found[0][0] == "STK006"
    assert f"more than {loader.MAX_NODES:,} YAML values" in messages(text)[0]


def test_a_file_at_the_node_limit_is_read() -> None:
    items = loader.MAX_NODES - 10
    text = "journey: [" + ",".join(["1"] * items) + "]\n"
    assert all(code != "STK006" for code, _, _ in codes(text))


def test_the_node_estimate_never_misses_a_node() -> None:
    # The cheap pre-check bounds the number of nodes from above: every node but the first
    # follows one of its indicator characters, in flow and block style alike.
    from stakes.journey.loader.shape import node_bound

    samples = [
        VALID,
        "a: {b: [1, 2, {c: d}], e: f}\n",
        "- a\n- [b, c]\n- {d: e}\n- ? f\n  : g\n",
        "a: &x [1, 2]\nb: *x\nc: !!str 3\n",
        "a:\n  b:\n    - c\n    -\n    - d: e\n",
        "? ? ? ? ? ?\n? ? ?\n",  # each '? ' is a key and its empty value: two nodes
        "[? , ? , {? }]\n",
    ]
    yaml = pytest.importorskip("yaml")
    for text in samples:
        nodes = sum(
            isinstance(e, yaml.CollectionStartEvent | yaml.ScalarEvent | yaml.AliasEvent)
            for e in yaml.parse(text, Loader=yaml.SafeLoader)
        )
        assert node_bound(text) >= nodes, text
        assert node_bound(text * 10_000) >= nodes * 10_000, text


def test_a_file_over_the_size_limit_has_a_position(monkeypatch: pytest.MonkeyPatch) -> None:
    # Row 23: exit 1 without a position.
    monkeypatch.setattr(loader.text, "MAX_FILE_BYTES", 100)
    assert codes(VALID.encode()) == [("STK006", 1, 1)]


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
@pytest.mark.usefixtures("in_tmp")
def test_a_named_pipe_in_a_folder_is_reported_not_read() -> None:
    # Row 4: reading blocked forever.
    Path("j").mkdir()
    Path("j/a.yaml").write_text(VALID, encoding="utf-8")
    os.mkfifo("j/pipe.yaml")
    result = invoke("lint", "--isolated", "j")
    assert result.exit_code == 2
    assert "j/pipe.yaml: not a regular file; not read" in result.output
    assert "1 input could not be read" in result.output


@pytest.mark.usefixtures("in_tmp")
def test_symbolic_links_out_of_the_folder_are_reported_and_not_followed() -> None:
    # Row 4: `journeys/x -> /` walked the runner's file system.
    Path("j/sub").mkdir(parents=True)
    Path("j/a.yaml").write_text(VALID, encoding="utf-8")
    Path("outside").mkdir()
    Path("outside/b.yaml").write_text(VALID.replace("billing-dispute", "b"), "utf-8")
    os.symlink(Path("outside").resolve(), "j/out")
    os.symlink(Path("outside/b.yaml").resolve(), "j/b.yaml")
    os.symlink("../a.yaml", "j/sub/same.yaml")  # inside: followed, and read once
    os.symlink("..", "j/sub/loop")  # inside, a loop: walked once
    os.symlink("nowhere.yaml", "j/dangling.yaml")
    names, errors = discovery.discover(["j"])
    assert names == ["j/a.yaml"]
    assert sorted(errors) == [
        "j/b.yaml: a symbolic link out of j; not followed (name its target to read it)",
        "j/dangling.yaml: a broken symbolic link; not read",
        "j/out: a symbolic link out of j; not followed (name its target to read it)",
    ]
    # Named explicitly, the target is read.
    assert discovery.discover(["j/b.yaml"]) == (["j/b.yaml"], [])


@pytest.mark.usefixtures("in_tmp")
def test_an_unreadable_sub_folder_stops_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    # Row 5: os.walk without onerror skipped it: report written, exit 0, a journey missing.
    # (chmod 000 does not stop root, so the permission error is raised where it would be.)
    Path("j/locked").mkdir(parents=True)
    Path("j/a.yaml").write_text(VALID, encoding="utf-8")
    Path("j/locked/b.yaml").write_text(VALID.replace("billing-dispute", "b"), "utf-8")
    scandir = os.scandir

    def refusing(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(files.os, "scandir", refusing)
    result = invoke("report", "--isolated", "j", "-o", "r.md")
    assert result.exit_code == 2
    assert "j/locked: cannot read this folder: Permission denied" in result.output
    assert not Path("r.md").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize(
    "fmt", ["text", "json", "sarif", "junit", "github", "gitlab"], ids=lambda f: f
)
def test_a_file_name_that_is_not_utf8_is_shown_and_every_output_is_utf8(fmt: str) -> None:
    # Row 18: report and SARIF crashed, JSON was not UTF-8, JUnit not well-formed.
    Path("j").mkdir()
    with open(b"j/x\xff.yaml", "wb") as fh:
        fh.write((JOURNEYS / "billing-dispute-repeat.yaml").read_bytes())
    result = invoke("lint", "--isolated", "j", "--format", fmt)
    assert result.exit_code == 1
    out = result.stdout_bytes.decode("utf-8")  # strict
    assert "x\ufffd.yaml" in out or "x%EF%BF%BD.yaml" in out
    if fmt in ("json", "sarif", "gitlab"):
        import json

        json.loads(out)
    if fmt == "junit":
        from xml.etree import ElementTree

        ElementTree.fromstring(out)


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.usefixtures("in_tmp")
def test_a_file_name_that_is_not_utf8_does_not_stop_the_report_or_the_map() -> None:
    Path("j").mkdir()
    with open(b"j/x\xff.yaml", "wb") as fh:
        fh.write((JOURNEYS / "billing-dispute.yaml").read_bytes())
    assert invoke("report", "--isolated", "j", "-o", "r.md").exit_code == 0
    assert "x\ufffd.yaml" in Path("r.md").read_text(encoding="utf-8")
    result = invoke("map", "--isolated", "j", "--format", "json")
    assert result.exit_code == 0
    assert "x\ufffd.yaml" in result.stdout_bytes.decode("utf-8")


def test_findings_past_the_limit_are_counted_in_one_more_finding() -> None:
    # A list of 100,000 wrong items (found by the pipeline fuzzer) printed for 16 seconds.
    items = loader.MAX_FINDINGS + 4_000
    text = VALID + "tags: [" + "[], " * items + "]\n"
    found = codes(text)
    assert len(found) == loader.MAX_FINDINGS + 1
    assert found[-1][0] == "STK006"
    assert (
        "4,000 more problems in this file are not listed (at most 1,000 per file)"
        in (messages(text)[-1])
    )
