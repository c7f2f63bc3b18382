"""Measure `stakes diff` against one `stakes map` of the same portfolio (issue #15).

    python bench/bench_diff.py [--files 200] [--changed 5] [--touchpoints 50] [--runs 5]
                               [--seed 1] [--json] [--keep] [--stakes PATH]

It generates a seeded corpus (bench/corpus.py) in a git repository, commits it, hands one
person-handled touchpoint to a bot in each of --changed files, commits again, and times whole
processes, each once to warm up and then --runs times:

- ``stakes map journeys --format json -o OUT`` (the yardstick: one assessment of the portfolio)
- ``stakes diff HEAD~1 HEAD journeys --format json -o OUT`` (both revisions read from git)

Budget: `stakes diff` within 2x of one `stakes map` of the same portfolio, measured in the same
run: the files both revisions share are read once. Reports and does not gate: exits 0 whatever
the verdicts, 1 only when the benchmark itself cannot run, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from _common import (
    Row,
    add_common_args,
    bench_env,
    check_common_args,
    find_tool,
    host_line,
    host_meta,
    log,
    markdown,
    measure,
    ratio_verdict,
    report,
    set_ratios,
    version_of,
    workdir,
)
from corpus import generate


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def make_repo(repo: Path, files: int, changed: int, touchpoints: int, seed: int) -> int:
    """The repository with two commits; returns how many files the second changed."""
    paths = generate(repo / "journeys", files, touchpoints, seed)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "bench@example.com")
    git(repo, "config", "user.name", "bench")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    step = max(len(paths) // max(changed, 1), 1)
    done = 0
    for path in paths[::step][:changed]:
        text = path.read_text(encoding="utf-8")
        if "handled_by: human" in text:
            path.write_text(text.replace("handled_by: human", "handled_by: ai", 1), "utf-8")
            done += 1
    git(repo, "commit", "-qam", "head")
    return done


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark `stakes diff` against `stakes map`.")
    add_common_args(p)
    p.add_argument("--files", type=int, default=200, help="journey files in the portfolio")
    p.add_argument("--changed", type=int, default=5, help="files the second commit changes")
    args = p.parse_args(argv)
    check_common_args(p, args)
    env = bench_env()
    stakes = args.stakes or find_tool("stakes")
    if stakes is None:
        log("stakes is not installed next to python: nothing to time")
        return 1
    meta: dict[str, Any] = {**host_meta(), "versions": {"stakes": version_of(stakes, env)}}
    with workdir(args.keep) as work:
        repo = work / "repo"
        log(f"generating {args.files} x {args.touchpoints} touchpoints in a git repository")
        changed = make_repo(repo, args.files, args.changed, args.touchpoints, args.seed)
        group = f"{args.files} files, {changed} changed"
        base = Row("map", "stakes map journeys --format json", "map -f json -o F", group)
        diff = Row("diff", "stakes diff HEAD~1 HEAD journeys", "diff -f json -o F", group)
        map_cmd = [str(stakes), "map", "journeys", "-f", "json", "-o", str(work / "map.json")]
        diff_cmd = [str(stakes), "diff", "HEAD~1", "HEAD", "journeys", "-f", "json"]
        diff_cmd += ["-o", str(work / "diff.json")]
        for row, cmd in ((base, map_cmd), (diff, diff_cmd)):
            measure(row, [*cmd, "--isolated"], args.runs, {0}, env, cwd=repo)
        if diff.status == "ok":
            found = json.loads((work / "diff.json").read_text(encoding="utf-8"))
            moved = found["summary"]["to_bot_against_verdict"]
            diff.note = f"{len(found['changes'])} moments changed, {moved} to a bot"
        set_ratios([base, diff], base)
        checks = [
            ratio_verdict(
                f"{group}: stakes diff <= 2x one stakes map", diff.ok_median, base.ok_median, 2.0
            )
        ]
    version = meta["versions"]["stakes"]
    header = [
        f"corpus (seed {args.seed}, 1 warm-up): {args.files} files x {args.touchpoints} "
        f"touchpoints, {changed} changed; {args.runs} runs",
        "",
        f"{host_line(meta)}; stakes {version}",
    ]
    text = markdown("stakes diff benchmark", header, [base, diff], checks, group="size")
    report(args.json, meta, [base, diff], checks, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
