"""Measure `stakes map` and `stakes report` against their budgets, at several corpus sizes.

    python bench/bench_map.py [--sizes 200,2000] [--touchpoints 50] [--runs 5] [--large-runs 3]
                              [--formats json,report,report-html] [--seed 1] [--json] [--keep]

For each size it generates a seeded corpus (bench/corpus.py) and times whole processes, each
once to warm up and then --runs times (--large-runs for corpora of 1,000 files or more):

- floor: a Python process that loads every file with ``yaml.load(text, Loader=yaml.CSafeLoader)``
- ``stakes map CORPUS --format FORMAT -o OUT`` for each of --formats (json, csv, md, table)
- ``stakes report CORPUS -o OUT`` (the pseudo-format ``report``) and
  ``stakes report CORPUS --format html -o OUT`` (``report-html``)
- ``stakes lint CORPUS --format json``, for comparison

Budgets: `stakes map` within 2x of the floor of the same corpus and `stakes report` within
2.5x (in HTML too), all under 1 GB (10^9 bytes) peak RSS. Reports and does not gate: exits 0
whatever the verdicts, 1 only when the benchmark itself cannot run, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Any

from _common import (
    Row,
    add_common_args,
    bench_env,
    check_common_args,
    describe_lint_json,
    find_tool,
    host_line,
    host_meta,
    log,
    markdown,
    measure,
    measure_floor,
    ratio_verdict,
    report,
    set_ratios,
    verdict,
    version_of,
    workdir,
)
from corpus import generate

#: report and report-html: `stakes report` in markdown and in HTML, budget 2.5x.
FORMATS = ("json", "csv", "md", "table", "report", "report-html")
LARGE = 1000  # corpora of this many files or more get --large-runs
MEMORY_LIMIT = 10**9  # "under 1 GB"


def count_map_output(path: Path, fmt: str) -> int | None:
    """Return how many touchpoints a `stakes map` output file holds, when it can tell."""
    if not path.is_file():
        return None
    if fmt == "json":  # the summary comes before the touchpoints: no need to parse 100 MB
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
        m = re.search(r'"summary":\s*\{[^}]*?"touchpoints":\s*(\d+)', head)
        return int(m.group(1)) if m else None
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return max(0, sum(1 for _ in csv.reader(f)) - 1)
    return None


def bench_size(
    args: argparse.Namespace, stakes: Path | None, files: int, work: Path, env: dict[str, str]
) -> tuple[list[Row], list[dict[str, Any]], dict[str, Any]] | None:
    """Generate one corpus and measure it; None when the floor fails."""
    group = f"{files} files"
    runs = args.large_runs if files >= LARGE else args.runs
    corpus_dir = work / f"corpus-{files}"
    log(f"generating {files} x {args.touchpoints} touchpoints (seed {args.seed})")
    paths = generate(corpus_dir, files, args.touchpoints, args.seed)
    touchpoints = files * args.touchpoints
    info = {
        "files": files,
        "touchpoints": touchpoints,
        "corpus_bytes": sum(p.stat().st_size for p in paths),
        "runs": runs,
    }

    floor = Row("floor", "floor: CSafeLoader load", "python -c <load every file>", group)
    if not measure_floor(floor, corpus_dir, files, runs, env):
        return None
    rows = [floor]
    maps: list[Row] = []
    for fmt in args.formats:
        out = work / f"map-{files}.{fmt}"
        if fmt == "report":
            row = Row("report", "stakes report DIR", "report CORPUS -o F", group)
        elif fmt == "report-html":
            row = Row(fmt, "stakes report DIR --format html", "report CORPUS -f html -o F", group)
        else:
            row = Row(
                f"map_{fmt}", f"stakes map DIR --format {fmt}", f"map CORPUS -f {fmt} -o F", group
            )
        rows.append(row)
        maps.append(row)
        if stakes is None:
            row.skip("stakes not installed next to python")
            continue
        if fmt.startswith("report"):
            cmd = [str(stakes), "report", str(corpus_dir), "-o", str(out), "--isolated"]
            cmd += ["--format", "html"] if fmt == "report-html" else []
        else:
            cmd = [str(stakes), "map", str(corpus_dir), "--format", fmt, "-o", str(out)]
            cmd.append("--isolated")  # the folder the benchmark runs in configures nothing here
        warm = measure(row, cmd, runs, {0}, env)
        if warm is None or row.status != "ok":
            continue
        size = out.stat().st_size / 2**20 if out.is_file() else 0.0
        count = count_map_output(out, fmt)
        row.note = f"output {size:.1f} MiB"
        if count is not None:
            row.note += f", {count} touchpoints"
            if count != touchpoints:
                row.note += f" (expected {touchpoints})"
        if not args.keep:
            out.unlink(missing_ok=True)

    lint = Row("lint", "stakes lint DIR --format json", "lint CORPUS --format json", group)
    rows.append(lint)
    if stakes is None:
        lint.skip("stakes not installed next to python")
    else:
        cmd = [str(stakes), "lint", str(corpus_dir), "--format", "json", "--isolated"]
        warm = measure(lint, cmd, runs, {0, 1}, env)
        if warm is not None and lint.status == "ok":
            lint.note = describe_lint_json(warm.stdout, files)

    set_ratios(rows, floor)
    checks = []
    for row in maps:
        name = f"{group}: {row.tool.replace(' DIR', '')}"
        limit = 2.5 if row.key.startswith("report") else 2.0
        checks.append(
            ratio_verdict(f"{name} <= {limit:g}x floor", row.ok_median, floor.ok_median, limit)
        )
        budget = f"{name} peak RSS < 1 GB"
        if row.ok_median and row.peak_rss_mib is not None:
            rss = row.peak_rss_mib * 2**20
            checks.append(verdict(budget, f"{rss / 1e9:.2f} GB", rss < MEMORY_LIMIT))
        else:
            checks.append(verdict(budget, None, None))
    name = f"{group}: stakes lint"
    checks.append(ratio_verdict(f"{name} <= 2x floor", lint.ok_median, floor.ok_median, 2.0))
    return rows, checks, info


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Return the parsed command line."""
    p = argparse.ArgumentParser(description="Benchmark `stakes map` against its budgets.")
    p.add_argument("--sizes", default="200,2000", help="corpus sizes in files, comma-separated")
    add_common_args(p)
    p.add_argument(
        "--large-runs", type=int, default=3, help=f"timed runs for corpora of {LARGE}+ files"
    )
    p.add_argument(
        "--formats",
        default="json,report,report-html",
        help=f"map formats, from {','.join(FORMATS)}",
    )
    args = p.parse_args(argv)
    check_common_args(p, args)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        p.error(f"--sizes {args.sizes}: not a list of integers")
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not args.sizes or min(args.sizes) < 1 or args.large_runs < 1:
        p.error("--sizes needs at least one size; sizes and --large-runs must be >= 1")
    if not args.formats or not set(args.formats) <= set(FORMATS):
        p.error(f"--formats must be a comma-separated subset of {','.join(FORMATS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse_args(argv)
    env = bench_env()
    stakes = args.stakes or find_tool("stakes")
    meta: dict[str, Any] = {
        "seed": args.seed,
        "touchpoints_per_file": args.touchpoints,
        "formats": args.formats,
        **host_meta(),
        "versions": {"stakes": version_of(stakes, env)} if stakes else {},
        "corpora": [],
    }
    rows: list[Row] = []
    checks: list[dict[str, Any]] = []
    with workdir(args.keep) as work:
        for files in args.sizes:
            result = bench_size(args, stakes, files, work, env)
            if result is None:
                return 1
            rows += result[0]
            checks += result[1]
            meta["corpora"].append(result[2])

    corpora = "; ".join(
        f"{c['files']} files, {c['touchpoints']} touchpoints, {c['corpus_bytes'] / 1e6:.1f} MB, "
        f"{c['runs']} runs"
        for c in meta["corpora"]
    )
    version = meta["versions"].get("stakes", "not installed")
    header = [
        f"corpora (seed {args.seed}, 1 warm-up each): {corpora}",
        "",
        f"{host_line(meta)}; stakes {version}",
    ]
    text = markdown("stakes map benchmark", header, rows, checks, group="size")
    report(args.json, meta, rows, checks, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
