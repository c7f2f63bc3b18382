"""The fuzzing harnesses (fuzz/) keep working: the pipeline harness runs a few examples, the
oracles pass what stakes ships and catch what they are there to catch, the manifests of found
inputs read back. Fast: a couple of seconds, no campaign."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import JOURNEYS, ROOT

sys.path.insert(0, str(ROOT / "fuzz"))

import oracles
from hostile import Portfolio
from oracles import Run
from pipeline import (
    campaign,
    check_portfolio,
    commands,
    from_journey,
    from_manifest,
    to_manifest,
)

from stakes.render.registry import FORMATS


def test_the_pipeline_harness_runs_twenty_examples() -> None:
    # Derandomized: the same twenty examples each time. The examples find what stakes still
    # gets wrong (tests/test_fuzz_regressions.py lists it); here the harness must only run.
    summary = campaign(20, seed=None, budget=False, huge=False)
    assert summary.examples == 20
    assert all(" | " in s for s in summary.signatures)


def test_the_oracles_pass_the_shipped_journeys(tmp_path: Path) -> None:
    # No false alarm on real journeys: every command and format, and the loader's oracles.
    files = {p.name.encode(): p.read_bytes() for p in sorted(JOURNEYS.glob("*.yaml"))}
    portfolio = Portfolio(files=files, touchpoints=[(b"billing-dispute.yaml", "billing-chat")])
    assert check_portfolio(portfolio, tmp_path, budget=False) == []
    for data in files.values():
        assert oracles.check_load(data) == []


def test_every_format_of_every_command_is_run() -> None:
    portfolio = from_journey(b"journey: j\n", b"j.yaml")
    portfolio.policy = b"extends: default\n"
    ran = {(c.kind, c.format) for c in commands(portfolio)}
    wanted = {(f.kind, f.name) for f in FORMATS if f.kind in {"lint", "map", "report", "policy"}}
    assert wanted <= ran


def test_a_manifest_reads_back_with_bytes_that_are_not_utf8() -> None:
    portfolio = Portfolio(
        files={b"\xff\n.yaml": b"title: \xfe\n"}, policy=b"extends: default\n", title="T"
    )
    portfolio.touchpoints.append((b"\xff\n.yaml", "bot"))
    again = from_manifest(to_manifest(portfolio))
    assert (again.files, again.policy, again.title) == (portfolio.files, portfolio.policy, "T")
    assert again.touchpoints == portfolio.touchpoints


def test_a_manifest_writes_a_large_input_small() -> None:
    text = {"before": "tags: [", "repeat": "[], ", "times": 3, "after": "]\n"}
    doc = {"files": [{"name": "a.yaml", "text": text}]}
    portfolio = from_manifest(json.dumps(doc).encode())
    assert portfolio.files == {b"a.yaml": b"tags: [[], [], [], ]\n"}


def _run(stdout: str, kind: str = "lint", format: str = "text", **kw: object) -> Run:
    defaults: dict[str, object] = {"exit_code": 0, "stderr": b"", "prefixes": ("j/",)}
    defaults.update(kw)
    command = f"{kind} --format {format}"
    return Run(command, kind, format, stdout=stdout.encode(), **defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("run", "oracle"),
    [
        (_run("title \x1b[31mred\n"), "terminal"),
        (_run("title \x9b2J\n"), "terminal"),
        (_run("evil \u202e\n"), "terminal"),
        (_run("ok\n", exit_code=3), "exit-code"),
        (_run("ok\n", stderr=b"j/a.yaml:1:1: x\nb.yaml:1:1: y\n"), "stderr"),
        (_run("ok\n", stderr=b"::warning::x\n"), "stderr"),
        (_run("ok\n", exception=OverflowError("big")), "crash"),
        (_run("Traceback (most recent call last):\n"), "traceback"),
        (_run('{"a": NaN}', format="json"), "json"),
        (_run("", format="json", exit_code=1), "document"),
        (_run("<testsuites><a></testsuites>", format="junit"), "junit"),
        (_run('{"version": "2.1.0"}', format="sarif"), "sarif"),
        (_run('[{"description": "x"}]', format="gitlab"), "gitlab"),
        (_run("a,b\n1\n", kind="map", format="csv"), "csv"),
        (_run("a,b\n=cmd,1\n", kind="map", format="csv"), "csv"),
        (_run("| a | b |\n| --- | --- |\n| x | y | z |\n", kind="map", format="md"), "markdown"),
        (_run("| a |\n| --- |\n| x\nFUZZ-LINE |\n", kind="map", format="md"), "markdown"),
        (_run("title <img src=x>\n", kind="report", format="md"), "markdown"),
        (_run("see [x](https://evil.example/)\n", kind="report", format="md"), "markdown"),
        (_run("::error::a\nplain\n", format="github"), "github"),
        (_run("a: .inf\n", kind="policy", format="yaml"), "yaml"),
    ],
)
def test_an_oracle_catches_what_it_is_for(run: Run, oracle: str) -> None:
    assert oracle in {v.oracle for v in oracles.check_run(run)}


def test_the_github_oracle_counts_one_annotation_per_finding() -> None:
    run = _run("::error file=a.yaml::x\n::notice title=stakes::more\n", format="github")
    assert oracles.check_run(run, expected_annotations=1) == []
    assert [v.oracle for v in oracles.check_run(run, expected_annotations=2)] == ["github"]


def test_the_mermaid_oracle_knows_the_quadrant_chart_words() -> None:
    head = ["quadrantChart", *["    x"] * 7]
    chart = "```mermaid\n" + "\n".join([*head, "    bot: [0.50, 0.20]"]) + "\n```\n"
    assert oracles.check_mermaid("report", chart) == []
    broken = chart.replace("bot:", "x-axis:")
    assert [v.key for v in oracles.check_mermaid("report", broken)] == ["keyword"]


def test_colour_is_allowed_only_as_colour() -> None:
    assert oracles.check_colour("lint", "\x1b[1;31mred\x1b[0m\n") == []
    assert oracles.check_colour("lint", "\x1b]0;title\x07\n") != []


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="pip install -e '.[fuzz]'")
def test_the_loader_harness_runs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "loader.py"),
            f"--crashes={tmp_path}",
            "-runs=300",
            "-seed=1",
            f"-dict={ROOT / 'fuzz' / 'yaml.dict'}",
            str(corpus),  # libFuzzer adds what it finds to the first folder, the rest are seeds
            str(JOURNEYS),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Done 300 runs" in proc.stderr
    assert not any(p.name for p in JOURNEYS.iterdir() if p.suffix != ".yaml")


def test_the_report_body_oracle_flags_a_moment_named_in_three_sections() -> None:
    named = "| A moment (`j/t`) |\n"
    twice = f"# R\n\n## Top actions\n\n{named}\n## Never automate\n\n{named}"
    appendix = f"\n## Appendix: every touchpoint\n\n{named}"
    assert oracles.check_report_body("report", twice + appendix) == []
    (found,) = oracles.check_report_body("report", twice + f"\n## Overrides\n\n{named}" + appendix)
    assert found.detail == "named in more than two sections: j/t"
