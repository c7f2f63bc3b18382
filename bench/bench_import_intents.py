"""Measure `stakes import intents` on BANKING77's 77 intents (issue #16).

    python bench/bench_import_intents.py [--catalogue FILE] [--runs 5] [--json] [--stakes PATH]

It times the whole process ``stakes import intents FILE -o DIR --force`` once to warm up and
then --runs times, and checks what it wrote: one journey of 77 touchpoints. FILE defaults to
BANKING77's train.csv (10,003 utterances) in the shared data folder beside the repository
(``../shared/data/external/banking77/train.csv``).

Budget: the import of all 77 intents in under 10 s. Reports and does not gate: exits 0
whatever the verdict, 1 only when the benchmark itself cannot run, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    REPO_ROOT,
    Row,
    bench_env,
    find_tool,
    host_line,
    host_meta,
    log,
    markdown,
    measure,
    report,
    verdict,
    version_of,
)

BANKING77 = REPO_ROOT.parent / "shared" / "data" / "external" / "banking77" / "train.csv"
#: The budget, in seconds.
BUDGET = 10.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark `stakes import intents` on BANKING77.")
    p.add_argument("--catalogue", type=Path, default=BANKING77, help="the catalogue to import")
    p.add_argument("--runs", type=int, default=5, help="timed runs, after 1 warm-up")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--stakes", help="the stakes executable (default: found next to python)")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be >= 1")
    if not args.catalogue.is_file():
        log(f"no catalogue at {args.catalogue}: nothing to time")
        return 1
    env = bench_env()
    found = shutil.which(args.stakes) if args.stakes else find_tool("stakes")
    if found is None:
        log("stakes is not installed next to python: nothing to time")
        return 1
    stakes = Path(found).absolute()
    meta: dict[str, Any] = {**host_meta(), "versions": {"stakes": version_of(stakes, env)}}
    name = args.catalogue.name
    row = Row("import-intents", f"stakes import intents {name}", "import intents -o DIR")
    with tempfile.TemporaryDirectory(prefix="stakes-bench-") as work:
        out = Path(work) / "journeys"
        cmd = [str(stakes), "import", "intents", str(args.catalogue), "-o", str(out), "--force"]
        measure(row, cmd, args.runs, {0}, env)
        written = sorted(out.glob("*.yaml")) if out.is_dir() else []
        if row.status == "ok":
            tps = sum(f.read_text(encoding="utf-8").count("\n  - id: ") for f in written)
            row.note = f"{len(written)} journey, {tps} touchpoints"
    passed = None if row.ok_median is None else row.ok_median < BUDGET
    measured = None if row.ok_median is None else f"{row.ok_median:.2f} s"
    checks = [verdict(f"stakes import intents {name}: under {BUDGET:.0f} s", measured, passed)]
    header = [
        f"catalogue: {name} ({args.catalogue.stat().st_size:,} bytes); 1 warm-up, {args.runs} runs",
        "",
        f"{host_line(meta)}; stakes {meta['versions']['stakes']}",
    ]
    text = markdown("stakes import intents benchmark", header, [row], checks)
    report(args.json, meta, [row], checks, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
