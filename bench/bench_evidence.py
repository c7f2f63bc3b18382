"""Measure `stakes evidence` against the budgets in bench/README.md on generated contact logs.

    python bench/bench_evidence.py [--contacts 1000000] [--large 10000000] [--formats csv,parquet]
                                   [--runs 5] [--large-runs 1] [--seed 1] [--json] [--keep]

For each size and format it writes a seeded log (bench/contact_log.py) and times whole
processes, once to warm up and then --runs times (--large-runs for the large size):

- floor: a Python process that reads the same file with plain ``pandas.read_csv(path)`` or
  ``pandas.read_parquet(path)`` (all columns, default options) and nothing else
- ``stakes evidence LOG --journeys JOURNEYS --format json`` (output captured, not printed)

Budgets: 1,000,000 contacts under 5 s; 10,000,000 contacts under 4 GB (4 * 10^9 bytes) peak
RSS. The ratio to the floor is reported, not budgeted. Reports and does not gate: exits 0
whatever the verdicts, 1 only when the benchmark itself cannot run, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
    report,
    set_ratios,
    verdict,
    workdir,
)
from contact_log import generate

FLOOR = {
    "csv": "import sys, pandas; print(len(pandas.read_csv(sys.argv[1])))",
    "parquet": "import sys, pandas; print(len(pandas.read_parquet(sys.argv[1])))",
}
TIME_LIMIT = 5.0  # seconds, for --contacts
MEMORY_LIMIT = 4 * 10**9  # bytes, for --large


def describe(output: bytes, expected: int) -> str:
    """A check that the run measured what it should: contacts read and matched."""
    try:
        doc = json.loads(output)
    except ValueError:
        return "output is not JSON"
    rows, matched = doc["log"]["rows"], doc["log"]["matched"]
    note = f"{matched:,} of {rows:,} rows matched"
    return note if rows == expected else f"{note}; expected {expected:,} rows"


def bench_size(
    stakes: Path, folder: Path, contacts: int, formats: list[str], runs: int, seed: int
) -> list[Row]:
    """The floor and stakes rows for one log size, in each format."""
    log(f"writing {contacts:,} contacts as {', '.join(formats)}")
    paths = generate(folder / f"log-{contacts}", contacts, tuple(formats), seed)
    env = bench_env()
    rows: list[Row] = []
    for fmt in formats:
        group = f"{contacts:,} {fmt}"
        path = str(paths[fmt])
        floor = Row("floor", f"pandas.read_{fmt}", f"python -c {FLOOR[fmt]!r} LOG", group)
        measure(floor, [sys.executable, "-c", FLOOR[fmt], path], runs, {0}, env)
        cmd = [str(stakes), "evidence", path, "--journeys", str(paths["journeys"])]
        row = Row("stakes", "stakes evidence", " ".join([*cmd[1:2], "LOG", "-j J -f json"]), group)
        warm = measure(row, [*cmd, "--format", "json"], runs, {0}, env)
        if warm is not None and row.status == "ok":
            row.note = describe(warm.stdout, contacts)
        set_ratios([floor, row], floor)
        rows += [floor, row]
    return rows


def budgets(rows: list[Row], contacts: int, large: int) -> list[dict[str, object]]:
    """The budget verdicts (bench/README.md) for the rows measured."""
    checks = []
    for row in rows:
        if row.key != "stakes":
            continue
        size = int(row.group.split()[0].replace(",", ""))
        if size == contacts:
            checks.append(
                verdict(
                    f"evidence, {row.group}: under {TIME_LIMIT:g} s",
                    None if row.median is None else f"{row.median:.2f} s",
                    None if row.median is None else row.median < TIME_LIMIT,
                )
            )
        if size == large:
            rss = None if row.peak_rss_mib is None else row.peak_rss_mib * 2**20
            checks.append(
                verdict(
                    f"evidence, {row.group}: under 4 GB peak RSS",
                    None if rss is None else f"{rss / 1e9:.2f} GB",
                    None if rss is None else rss < MEMORY_LIMIT,
                )
            )
    return checks


def main() -> int:
    """Run the benchmark and print its report."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_args(p)
    p.add_argument("--contacts", type=int, default=1_000_000, help="the timed size")
    p.add_argument("--large", type=int, default=10_000_000, help="the memory size (0: skip)")
    p.add_argument("--large-runs", type=int, default=1, help="timed runs at the large size")
    p.add_argument("--formats", default="csv,parquet", help="csv and/or parquet")
    args = p.parse_args()
    check_common_args(p, args)
    formats = [f for f in args.formats.split(",") if f]
    if not formats or any(f not in FLOOR for f in formats):
        p.error("--formats takes csv, parquet or both")
    stakes = args.stakes or find_tool("stakes")
    if stakes is None:
        log("no stakes executable next to this Python or on PATH")
        return 1
    with workdir(args.keep) as folder:
        rows = bench_size(stakes, folder, args.contacts, formats, args.runs, args.seed)
        if args.large:
            rows += bench_size(stakes, folder, args.large, formats, args.large_runs, args.seed)
    meta = {**host_meta(), "contacts": args.contacts, "large": args.large, "seed": args.seed}
    checks = budgets(rows, args.contacts, args.large)
    header = [
        f"{host_line(meta)}; seed {args.seed}; {args.runs} runs after a warm-up "
        f"({args.large_runs} at {args.large:,}); whole-process wall time and peak RSS.",
        "The floor reads the same file with plain pandas (all columns, default options).",
    ]
    text = markdown("stakes evidence", header, rows, checks, group="log")
    report(args.json, meta, rows, checks, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
