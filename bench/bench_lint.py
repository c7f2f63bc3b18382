"""Measure `stakes lint` against its budgets (bench/README.md).

    python bench/bench_lint.py [--files 200] [--touchpoints 50] [--runs 5] [--seed 1]
                               [--json] [--keep] [--skip-peers] [--peer-runs N]

Generates a seeded corpus (bench/corpus.py), then times whole processes, each once to warm up
and then --runs times, and reports the median, min and max wall time:

- floor: a Python process that loads every file with ``yaml.load(text, Loader=yaml.CSafeLoader)``
- ``stakes lint CORPUS --format json``
- the same with every jurisdiction's rule pack (a configuration naming all six): what checking
  the law costs on journeys that were not written for it (thousands of compliance findings)
- ``stakes lint ONE_SMALL_FILE``
- ``check-jsonschema --schemafile SCHEMA FILES...`` and ``yamllint -d relaxed CORPUS``, when
  installed (next to this Python, on PATH, or in bench/.venv/bin); skipped with a note otherwise.

Peak RSS is taken per child from ``os.wait4``. The script reports and does not gate: it exits 0
whatever the verdicts, 1 only when the benchmark itself cannot run (the corpus or the floor
fails), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from _common import (
    REPO_ROOT,
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
    run_once,
    set_ratios,
    tail,
    verdict,
    version_of,
    workdir,
)
from corpus import generate

SMALL_TOUCHPOINTS = 8
#: Every jurisdiction the default policy has a rule pack for.
JURISDICTIONS = ("eu", "uk", "es", "us-ca", "us-ut", "us-cfpb")


def get_schema(stakes: Path | None, work: Path, env: dict[str, str]) -> tuple[Path | None, str]:
    """Write the journey JSON Schema into work; return its path (None if there is none) and
    where it came from: `stakes schema`, else schema/journey.schema.json."""
    target = work / "journey.schema.json"
    if stakes is not None:
        r = run_once([str(stakes), "schema"], env)
        try:
            json.loads(r.stdout)
        except ValueError:
            log(f"`stakes schema` gave no JSON (exit {r.rc}); trying schema/journey.schema.json")
        else:
            if r.rc == 0:
                target.write_bytes(r.stdout)
                return target, "`stakes schema`"
    repo_schema = REPO_ROOT / "schema" / "journey.schema.json"
    if repo_schema.is_file():
        shutil.copyfile(repo_schema, target)
        return target, "schema/journey.schema.json"
    return None, "none (no `stakes schema`, no schema/journey.schema.json)"


def verdicts(rows: dict[str, Row]) -> list[dict[str, Any]]:
    """Return the budget verdicts (bench/README.md) for the measured rows."""
    floor, lint, small = (rows[k].ok_median for k in ("floor", "lint", "lint_small"))
    out = [ratio_verdict("stakes lint over the corpus <= 2x floor", lint, floor, 2.0)]
    budget = "stakes lint one small file < 0.3 s"
    out.append(
        verdict(budget, f"{small:.3f} s", small < 0.3) if small else verdict(budget, None, None)
    )
    for key, name in (("check_jsonschema", "check-jsonschema"), ("yamllint", "yamllint")):
        peer = rows[key].ok_median
        budget = f"stakes lint faster than {name}"
        if lint and peer:
            out.append(verdict(budget, f"{lint:.2f} s vs {peer:.2f} s", lint < peer))
        else:
            out.append(verdict(budget, None, None))
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Return the parsed command line."""
    p = argparse.ArgumentParser(description="Benchmark `stakes lint` against its budgets.")
    p.add_argument("--files", type=int, default=200)
    add_common_args(p)
    p.add_argument("--peer-runs", type=int, help="timed runs for the slow peers (default --runs)")
    p.add_argument(
        "--skip-peers", action="store_true", help="do not time check-jsonschema, yamllint"
    )
    args = p.parse_args(argv)
    check_common_args(p, args)
    if args.files < 1 or (args.peer_runs or 1) < 1:
        p.error("--files and --peer-runs must be >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse_args(argv)
    with workdir(args.keep) as work:
        return _bench(args, args.peer_runs or args.runs, bench_env(), work)


def _bench(args: argparse.Namespace, peer_runs: int, env: dict[str, str], work: Path) -> int:
    """Generate, measure and print; return the exit code."""
    corpus_dir = work / "corpus"
    log(f"generating {args.files} x {args.touchpoints} touchpoints (seed {args.seed})")
    paths = generate(corpus_dir, args.files, args.touchpoints, args.seed)
    small = generate(work / "small", 1, SMALL_TOUCHPOINTS, args.seed)[0]
    size = sum(p.stat().st_size for p in paths)

    stakes = args.stakes or find_tool("stakes")
    cjs = None if args.skip_peers else find_tool("check-jsonschema")
    ylint = None if args.skip_peers else find_tool("yamllint")
    schema, schema_src = get_schema(stakes, work, env)
    tools = {"stakes": stakes, "check-jsonschema": cjs, "yamllint": ylint}
    meta: dict[str, Any] = {
        "files": len(paths),
        "touchpoints": len(paths) * args.touchpoints,
        "corpus_mb": size / 1e6,
        "corpus_bytes": size,
        "seed": args.seed,
        "runs": args.runs,
        "peer_runs": peer_runs,
        **host_meta(),
        "schema": schema_src,
        "versions": {name: version_of(exe, env) for name, exe in tools.items() if exe},
        "small_file_bytes": small.stat().st_size,
    }

    rows: dict[str, Row] = {
        "floor": Row("floor", "floor: CSafeLoader load", "python -c <load every file>"),
        "lint": Row("lint", "stakes lint DIR --format json", "lint CORPUS --format json"),
        "lint_packs": Row(
            "lint_packs",
            "stakes lint DIR --format json, every jurisdiction",
            "lint CORPUS --format json --config PACKS.toml",
        ),
        "lint_small": Row(
            "lint_small", f"stakes lint ONE_FILE ({SMALL_TOUCHPOINTS} touchpoints)", "lint FILE"
        ),
        "check_jsonschema": Row(
            "check_jsonschema",
            "check-jsonschema --schemafile",
            "check-jsonschema --schemafile S F...",
        ),
        "yamllint": Row("yamllint", "yamllint -d relaxed DIR", "yamllint -d relaxed DIR"),
    }
    if not measure_floor(rows["floor"], corpus_dir, len(paths), args.runs, env):
        return 1

    if stakes is None:
        for key in ("lint", "lint_packs", "lint_small"):
            rows[key].skip("stakes not installed next to python")
    else:
        # --isolated: the configuration of the folder the benchmark runs in is not the corpus's.
        lint_cmd = [str(stakes), "lint", str(corpus_dir), "--format", "json"]
        warm = measure(rows["lint"], [*lint_cmd, "--isolated"], args.runs, {0, 1}, env)
        if warm is not None and rows["lint"].status == "ok":
            rows["lint"].note = describe_lint_json(warm.stdout, len(paths))
        warm = measure(
            rows["lint_small"],
            [str(stakes), "lint", str(small), "--isolated"],
            args.runs,
            {0, 1},
            env,
        )
        if warm is not None and rows["lint_small"].status == "ok" and warm.rc == 1:
            rows["lint_small"].note = "exit 1 (findings)"
        # Last: a child's peak memory counts what it shares with this process when it starts,
        # and the parent holds the large output of this run afterwards.
        packs = work / "packs.toml"
        packs.write_text(f"jurisdictions = {json.dumps(list(JURISDICTIONS))}\n", encoding="utf-8")
        warm = measure(
            rows["lint_packs"], [*lint_cmd, "--config", str(packs)], args.runs, {0, 1}, env
        )
        if warm is not None and rows["lint_packs"].status == "ok":
            rows["lint_packs"].note = describe_lint_json(warm.stdout, len(paths))

    peers = (
        ("check_jsonschema", cjs, [str(cjs), "--schemafile", str(schema), *map(str, paths)]),
        ("yamllint", ylint, [str(ylint), "-d", "relaxed", str(corpus_dir)]),
    )
    for key, exe, cmd in peers:
        row = rows[key]
        if exe is None:
            row.skip("--skip-peers" if args.skip_peers else "not installed (see bench/README.md)")
            continue
        if key == "check_jsonschema" and schema is None:
            row.skip("no schema: neither `stakes schema` nor schema/journey.schema.json")
            continue
        warm = measure(row, cmd, peer_runs, {0, 1}, env)
        if warm is None or row.status != "ok":
            continue
        if key == "yamllint":
            out = warm.stdout.decode("utf-8", "replace")
            row.note = f"exit {warm.rc}: {out.count('  warning  ')} warnings, "
            row.note += f"{out.count('  error  ')} errors"
        elif warm.rc == 1:
            row.note = f"exit 1: {tail(warm.stdout or warm.stderr, 2)}"

    set_ratios(list(rows.values()), rows["floor"])
    checks = verdicts(rows)
    header = [
        f"corpus: {meta['files']} files, {meta['touchpoints']} touchpoints, "
        f"{meta['corpus_mb']:.2f} MB (seed {meta['seed']}); runs: {meta['runs']} after 1 warm-up "
        f"(peers: {peer_runs}); {host_line(meta)}; schema: {schema_src}"
    ]
    if meta["versions"]:
        header.append("versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    text = markdown("stakes lint benchmark", header, list(rows.values()), checks)
    report(args.json, meta, list(rows.values()), checks, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
