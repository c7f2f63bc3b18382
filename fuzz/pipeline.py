"""The pipeline harness: hostile portfolios through every command and every format.

Each example (``hostile.portfolios``) is written to a fresh folder and run in-process through
the command line: ``lint`` and ``map`` in every format of ``stakes.render.registry.FORMATS``
(``lint --format github`` with a ``$GITHUB_STEP_SUMMARY`` to write), ``report``, ``explain`` of
a touchpoint of each file, ``policy`` when the example has one, the terminal formats again with
colour on, and ``lint -`` on standard input. Every run goes through ``oracles.check_run``; the
runs are also checked against each other (one exit code whatever the format, one annotation per
finding, one CSV row per touchpoint, a non-finite policy refused by all). A run over the time
or memory budget (``resources``) is a violation too.

    python fuzz/pipeline.py --examples 200            # or through fuzz/run.py
    python fuzz/pipeline.py --examples 500 --shrink   # stop at failures and shrink them
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import io
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

from hostile import Portfolio, portfolios
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from oracles import (
    Run,
    Violation,
    check_csv,
    check_run,
    finite_policy,
    owed_annotations,
    parse_json,
)
from resources import HARD_SECONDS, SOFT_MIB, SOFT_SECONDS, limit_memory, measured, peak_mib
from store import CRASHES, Store

#: The exit code of a harness that failed itself (1 is a hard time limit, see resources).
HARNESS_ERROR = 4
#: The environment of every run: none of the CI or terminal settings of the harness's own.
_UNSET = ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "GITHUB_ACTIONS", "CI", "NO_COLOR")


@dataclass
class Command:
    """One command line to run, and what its output is."""

    args: list[str]
    kind: str
    format: str
    input: bytes | None = None
    colour: bool = False

    @property
    def name(self) -> str:
        name = f"{self.kind} --format {self.format}"
        if self.input is not None:
            name = f"{self.kind} - --format {self.format}"
        return name + (" (colour)" if self.colour else "")


def commands(portfolio: Portfolio) -> list[Command]:
    """Every command and format to run on a portfolio written by ``write``."""
    from stakes.render.registry import formats

    common = ["--isolated", *(["--policy", "policy.yaml"] if portfolio.policy else [])]
    out: list[Command] = []
    for kind in ("lint", "map"):
        for f in formats(kind):
            out.append(Command([kind, "j", "--format", f.name, *common], kind, f.name))
    for f in formats("report"):
        args = ["report", "j", "--title", portfolio.title, "--format", f.name, *common]
        out.append(Command(args, "report", f.name))
    for f in formats("data_use"):
        out.append(
            Command(["export", "data-use", "j", "--format", f.name, *common], "data_use", f.name)
        )
    (explain,) = formats("explain")
    for name, touchpoint in portfolio.touchpoints:
        target = f"j/{os.fsdecode(name)}#{touchpoint}"
        out.append(Command(["explain", target, *common], "explain", explain.name))
    if portfolio.policy is not None:
        (shown,) = formats("policy")
        out.append(Command(["policy", "policy.yaml"], "policy", shown.name))
    for c in [c for c in out if c.format in ("text", "table")][:3]:
        out.append(Command(c.args, c.kind, c.format, colour=True))
    if portfolio.files:
        name, data = next(iter(portfolio.files.items()))
        stdin = ["lint", "-", "--stdin-filename", "stdin/" + os.fsdecode(name), "--format", "json"]
        out.append(Command([*stdin, *common], "lint", "json", input=data))
    return out


def write(portfolio: Portfolio, folder: Path) -> None:
    """The journeys in ``folder/j``, the policy beside them."""
    journeys = os.path.join(os.fsencode(folder), b"j")
    os.makedirs(journeys, exist_ok=True)
    for name, data in portfolio.files.items():
        with open(os.path.join(journeys, name), "wb") as fh:
            fh.write(data)
    if portfolio.policy is not None:
        (folder / "policy.yaml").write_bytes(portfolio.policy)


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before, saved = Path.cwd(), {k: os.environ.pop(k) for k in _UNSET if k in os.environ}
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)
        os.environ.update(saved)


@cache
def _cli() -> Any:
    """The command line as the click command typer builds (building it takes longer than a
    small run, so it is built once)."""
    from typer.main import get_command

    from stakes.cli import app

    return get_command(app)


def run_command(command: Command, hard_limit: bool = True) -> Run:
    """``stakes ARGS`` in-process, with its outputs, exit code, time and memory; with
    ``hard_limit``, a run past ``resources.HARD_SECONDS`` stops the process."""
    import typer.testing
    from typer.testing import CliRunner

    from stakes.cli import app

    runner = CliRunner()
    patches = contextlib.ExitStack()
    if hasattr(typer.testing, "_get_command"):  # typer's runner builds the command each time
        patches.enter_context(mock.patch("typer.testing._get_command", lambda app: _cli()))
    if command.colour:
        patches.enter_context(mock.patch("stakes.cli.output.use_color", lambda: True))
    summary = Path("step-summary.md").resolve()  # lint --format github writes one in CI
    env = {"GITHUB_STEP_SUMMARY": str(summary)} if command.format == "github" else {}
    with patches, measured(HARD_SECONDS if hard_limit else None) as usage:
        result = runner.invoke(app, command.args, input=command.input, env=env)
    exc = result.exception
    prefixes = ("j/", "j:", "policy.yaml:", "stdin/")
    return Run(
        command.name,
        command.kind,
        command.format,
        result.exit_code,
        result.stdout_bytes,
        result.stderr_bytes,
        None if exc is None or isinstance(exc, SystemExit) else exc,
        usage.seconds,
        usage.mib,
        prefixes,
        _take(summary),
    )


def _take(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    path.unlink()
    return data


def _budget(run: Run) -> list[Violation]:
    out = []
    if run.seconds > SOFT_SECONDS:
        detail = f"over the time budget: {run.seconds:.1f} s > {SOFT_SECONDS} s"
        out.append(Violation("resources", run.command, detail, key="time"))
    if run.rss_mib > SOFT_MIB:
        detail = f"over the memory budget: {run.rss_mib:.0f} MiB > {SOFT_MIB} MiB"
        out.append(Violation("resources", run.command, detail, key="memory"))
    return out


def _agree(runs: list[Run], portfolio: Portfolio) -> list[Violation]:
    """One exit code whatever the format; one CSV row per touchpoint of the JSON map; a policy
    with a number that is not finite (``.inf``, ``.nan``, ``1e400``) refused by every command."""
    out = []
    if portfolio.policy is not None and not finite_policy(portfolio.policy):
        for r in runs:
            if r.exit_code != 2 and r.exception is None:
                detail = f"exit code {r.exit_code} with a policy that holds a non-finite number"
                out.append(Violation("policy", r.command, detail, key="non-finite"))
    for kind in ("lint", "map"):
        codes = {
            r.command: r.exit_code
            for r in runs
            if r.kind == kind and r.exception is None and not r.command.startswith(f"{kind} - ")
        }
        if len(set(codes.values())) > 1:
            detail = f"exit codes differ by format: {codes}"
            out.append(Violation("consistency", kind, detail, key="exit codes"))
    by_name = {r.command: r for r in runs}
    as_json, as_csv = by_name.get("map --format json"), by_name.get("map --format csv")
    if as_json and as_csv and as_json.exit_code != 2 and as_json.stdout and as_csv.stdout:
        doc, bad = parse_json(as_json.command, as_json.stdout.decode("utf-8", "replace"))
        text = as_csv.stdout.decode("utf-8", "replace")
        if not bad and not check_csv(as_csv.command, text) and isinstance(doc, dict):
            limit = csv.field_size_limit(2**31 - 1)
            rows = len(list(csv.reader(io.StringIO(text, newline="")))) - 1
            csv.field_size_limit(limit)
            touchpoints = len(doc.get("touchpoints", []))
            if rows != touchpoints:
                detail = f"{rows} CSV rows for {touchpoints} touchpoints"
                out.append(Violation("consistency", "map", detail, key="csv rows"))
    return out


def check_portfolio(portfolio: Portfolio, folder: Path, budget: bool = True) -> list[Violation]:
    """Every command and format on ``portfolio`` (written into the empty ``folder``), and
    every oracle; ``budget``: time and memory too. The first command over its budget ends the
    example (the others would be as slow, and say nothing new)."""
    write(portfolio, folder)
    runs: list[Run] = []
    out: list[Violation] = []
    with _inside(folder):
        for command in commands(portfolio):
            run = run_command(command, budget)  # the runner catches what stakes raises
            runs.append(run)
            over = _budget(run) if budget else []
            if over:
                out += over
                break
    expected = next(
        (owed_annotations(r.stdout) for r in runs if r.command == "lint --format json"), None
    )
    for run in runs:
        out += check_run(run, expected)
    return out + _agree(runs, portfolio)


def _text(data: bytes) -> Any:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode()}


def _bytes(value: Any) -> bytes:
    """Text, ``{"base64": ...}``, or ``{"before": ..., "repeat": ..., "times": N, "after":
    ...}`` (a large input written small)."""
    if isinstance(value, dict) and "base64" in value:
        return base64.b64decode(str(value["base64"]))
    if isinstance(value, dict):
        middle = str(value["repeat"]) * int(value["times"])
        return f"{value.get('before', '')}{middle}{value.get('after', '')}".encode()
    return str(value).encode("utf-8")


def to_manifest(portfolio: Portfolio) -> bytes:
    """A portfolio as JSON (the format of tests/fuzz_regressions/*.json, described in the
    README there); bytes that are not UTF-8 (in a file name, say) are written as base64."""
    explain = dict(portfolio.touchpoints)
    files = [
        {"name": _text(name), "text": _text(data), "explain": explain.get(name)}
        for name, data in portfolio.files.items()
    ]
    doc: dict[str, Any] = {"files": files, "title": portfolio.title}
    if portfolio.policy is not None:
        doc["policy"] = _text(portfolio.policy)
    return (json.dumps(doc, indent=2, ensure_ascii=True) + "\n").encode()


def from_manifest(data: bytes) -> Portfolio:
    doc = json.loads(data)
    portfolio = Portfolio(title=doc.get("title", "Stakes report"))
    for entry in doc["files"]:
        name = _bytes(entry["name"])
        portfolio.files[name] = _bytes(entry["text"])
        if entry.get("explain"):
            portfolio.touchpoints.append((name, entry["explain"]))
    if doc.get("policy") is not None:
        portfolio.policy = _bytes(doc["policy"])
    return portfolio


def from_journey(data: bytes, name: bytes = b"journey.yaml") -> Portfolio:
    """A portfolio of one journey file; each touchpoint id it names is explained."""
    import re

    ids = re.findall(rb"^\s*-?\s*id:\s*([a-z0-9][a-z0-9-]*)\s*$", data, re.M)
    return Portfolio(
        files={name: data},
        touchpoints=[(name, i.decode()) for i in dict.fromkeys(ids[1:3] or ids[:1])],
    )


@dataclass
class Summary:
    examples: int = 0
    failing: int = 0  # examples with at least one violation
    signatures: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    peak_rss_mib: float = 0.0

    def as_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)


class Found(Exception):
    """A violation, raised in shrink mode so that Hypothesis shrinks the example."""


_FOUND: dict[str, type[Found]] = {}


def _found(signature: str) -> type[Found]:
    # One exception class per signature: Hypothesis shrinks each distinct failure on its own.
    if signature not in _FOUND:
        _FOUND[signature] = type(f"Found{len(_FOUND)}", (Found,), {})
    return _FOUND[signature]


def campaign(
    examples: int,
    seconds: float = float("inf"),
    seed: int | None = 0,
    store: Store | None = None,
    shrink: bool = False,
    budget: bool = True,
    batch: int = 100,
    huge: bool = True,
) -> Summary:
    """Up to ``examples`` examples in at most ``seconds``; ``seed`` None: derandomized (the
    same examples every time); ``budget``: time and memory are oracles too; ``huge``: some
    examples are megabytes."""
    summary = Summary()
    start = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="stakes-fuzz-"))

    def one(portfolio: Portfolio) -> None:
        spent = summary.examples >= examples or time.monotonic() - start > seconds
        if spent and not (shrink and summary.failing):  # a shrink runs to its end
            return
        summary.examples += 1
        folder = Path(tempfile.mkdtemp(dir=root))
        data = to_manifest(portfolio)
        if store:
            store.start(data)
        try:
            violations = check_portfolio(portfolio, folder, budget)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if store:
            store.finish()
            store.record(violations, data)
        if violations:
            summary.failing += 1
        for v in violations:
            summary.signatures[v.signature] = summary.signatures.get(v.signature, 0) + 1
        summary.seconds = time.monotonic() - start
        summary.peak_rss_mib = peak_mib()
        if store:
            store.save_stats(summary.__dict__)
        if shrink and violations:
            raise _found(violations[0].signature)("\n".join(str(v) for v in violations))

    phases = [Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    if store:
        store.save_stats(summary.__dict__)  # the runner knows the harness started
    try:
        n = 0
        while summary.examples < examples and time.monotonic() - start < seconds:
            test = settings(
                max_examples=min(batch, examples - summary.examples),
                deadline=None,
                database=None,
                derandomize=seed is None,
                phases=phases,
                suppress_health_check=list(HealthCheck),
                report_multiple_bugs=True,
                print_blob=False,
            )(given(portfolios(huge))(one))
            if seed is not None:
                test = hypothesis_seed(seed + n)(test)
            before = summary.examples
            try:
                test()
            except Exception as exc:
                if not shrink:
                    raise
                for found in getattr(exc, "exceptions", [exc]):  # each failure, shrunk
                    print(found, *getattr(found, "__notes__", []), sep="\n", end="\n\n")
                break
            n += 1
            if seed is None or summary.examples == before:
                break
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return summary


def replay(path: Path) -> list[Violation]:
    """A found input (tests/fuzz_regressions/: a journey file or a manifest) through every
    oracle, the time and memory budget included."""
    from oracles import check_load

    data = path.read_bytes()
    if path.suffix == ".json":
        return check_portfolio(from_manifest(data), Path(tempfile.mkdtemp()))
    return check_load(data) + check_portfolio(from_journey(data), Path(tempfile.mkdtemp()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--minutes", type=float, default=float("inf"))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--shrink", action="store_true", help="stop at failures, shrink them")
    parser.add_argument("--crashes", type=Path, default=CRASHES)
    parser.add_argument("--job", type=int, default=0, help="this process's number in a campaign")
    parser.add_argument("--no-memory-limit", action="store_true")
    parser.add_argument("--replay", type=Path, nargs="+", help="run these found inputs instead")
    args = parser.parse_args(argv)
    if not args.no_memory_limit:
        limit_memory()
    if args.replay:
        found = [(path, v) for path in args.replay for v in replay(path)]
        for path, v in found:
            print(f"{path.name}: {v}")
        return 3 if found else 0
    store = Store("pipeline", ".json", args.crashes, args.job)
    try:
        summary = campaign(args.examples, args.minutes * 60, args.seed, store, args.shrink)
    except Exception:  # the harness's own bug, not stakes's: say so apart
        traceback.print_exc()
        return HARNESS_ERROR
    print(summary.as_json())
    return 3 if summary.failing else 0


if __name__ == "__main__":
    sys.exit(main())
