"""Measure what one hostile file within the loader's limits costs: time and peak memory.

    python bench/bench_limits.py [--runs 3] [--keep]

The journey format's limits (docs/journey-format.md) promise that any file within them is read
in about a second and under 256 MiB. This generates the worst cases we know of, each just
under the limits (or just over, where the point is how fast it is refused), and runs
``stakes lint``, ``stakes map`` and ``stakes report`` on each as whole processes:

- ``big-string``: 32 MiB, almost all of it one double-quoted string, plus many nodes
- ``many-nodes``: one-character values, just under the node limit
- ``anchors``: anchored values, half the node limit (anchors keep their nodes alive)
- ``unknown-keys``: a touchpoint with nearly as many unknown keys as the node limit allows
  (a finding each, before the cap of 1,000 listed)
- ``bad-categories``: ``personal_data`` with nearly as many unknown categories
- ``duplicate-keys``: the same key written again and again
- ``merge-fan-out``: merge keys that double at each of 13 levels, then 3,000 unknown keys
- ``empty-lists``: a million empty lists, 3 MiB (over the node limit: refused)
- ``nested-lists``: 31 MiB of lists nested 60 deep (over the node limit: refused)
- ``long-titles``: three 10 MB titles (shown cut to 500 characters)

Reports the median wall time and the peak RSS of each, and whether it is within 256 MiB and
5 seconds. Exits 0 whatever the verdicts, 1 only when the benchmark itself cannot run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from _common import bench_env, find_tool, host_line, host_meta, log, run_once, workdir

from stakes.journey.loader.limits import MAX_NODES

NEAR = MAX_NODES - 1_000  # values and keys, leaving room for the journey around them
HEAD = (
    "journey: j\ntitle: T\nowner: o\nstages:\n  - id: s\n    title: S\n    touchpoints:\n"
    "      - id: tp\n        title: TP\n        channel: chat\n        handled_by: human\n"
)

MIB = 2**20
BUDGET_RSS_MIB = 256
BUDGET_SECONDS = 5.0


def _big_string() -> str:
    return "x: [" + "[]," * (NEAR // 2) + 'a]\ny: "' + "b" * (31 * MIB) + '"\n'


def _many_nodes() -> str:
    return "x: [" + "a," * NEAR + "a]\n"


def _anchors() -> str:
    return "x:\n" + "".join(f"  k{i}: &a{i} v\n" for i in range(NEAR // 2))


def _unknown_keys() -> str:
    return HEAD + "".join(f"        unknown{i}: 1\n" for i in range(NEAR // 2))


def _bad_categories() -> str:
    items = ",".join(f"billing{i}" for i in range(NEAR))
    return HEAD + f"        signals:\n          personal_data: [{items}]\n"


def _duplicate_keys() -> str:
    return HEAD + "        title: x\n" * (NEAR // 2)


def _merge_fan_out() -> str:
    anchors = "a0: &a0 {q: 1}\n" + "".join(
        f"a{k}: &a{k} {{<<: [*a{k - 1}, *a{k - 1}]}}\n" for k in range(1, 14)
    )
    keys = "".join(f"        u{i}: 1\n" for i in range(3_000))
    return anchors + HEAD + keys + "        <<: *a13\n"


def _empty_lists() -> str:
    return "x: [" + "[]," * 1_000_000 + "[]]\n"


def _nested_lists() -> str:
    unit = "[" * 60 + "]" * 60
    return "x: [" + ",".join([unit] * ((31 * MIB) // (len(unit) + 1))) + "]\n"


def _long_titles() -> str:
    t = "T" * 10_000_000
    return (
        f"journey: x\ntitle: {t}\nstages:\n- id: s\n  title: {t}\n  touchpoints:\n"
        f"  - id: t\n    title: {t}\n    channel: chat\n    handled_by: ai\n"
    )


CASES: dict[str, Callable[[], str]] = {
    "big-string": _big_string,
    "many-nodes": _many_nodes,
    "anchors": _anchors,
    "unknown-keys": _unknown_keys,
    "bad-categories": _bad_categories,
    "duplicate-keys": _duplicate_keys,
    "merge-fan-out": _merge_fan_out,
    "empty-lists": _empty_lists,
    "nested-lists": _nested_lists,
    "long-titles": _long_titles,
}
COMMANDS = {
    "lint": ["lint", "--isolated"],
    "map": ["map", "--isolated"],
    "report": ["report", "--isolated", "-o"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    stakes = find_tool("stakes")
    if stakes is None:
        print("stakes is not installed beside this Python", file=sys.stderr)
        return 1
    env = bench_env()
    print(host_line(host_meta()))
    print()
    print("| case | size | command | exit | median s | peak RSS MiB | within budget |")
    print("| --- | ---: | --- | ---: | ---: | ---: | --- |")
    with workdir(args.keep) as work:
        for name, make in CASES.items():
            path = Path(work) / f"{name}.yaml"
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size / MIB
            for command, words in COMMANDS.items():
                cmd = [str(stakes), *words]
                cmd += (
                    [str(Path(work) / "report.md"), str(path)]
                    if command == "report"
                    else [str(path)]
                )
                log(f"{name} {command}")
                runs = [run_once(cmd, env) for _ in range(args.runs)]
                wall = statistics.median(r.wall for r in runs)
                rss = max(r.rss_bytes or 0 for r in runs) / MIB
                ok = rss < BUDGET_RSS_MIB and wall < BUDGET_SECONDS and runs[0].rc in (0, 1, 2)
                print(
                    f"| {name} | {size:.1f} MiB | {command} | {runs[0].rc} | {wall:.2f} "
                    f"| {rss:.0f} | {'yes' if ok else 'NO'} |"
                )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
