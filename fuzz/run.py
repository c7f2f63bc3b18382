"""Run a fuzzing campaign for N minutes (or N examples) and summarise what it found.

    python fuzz/run.py --harness loader --minutes 30
    python fuzz/run.py --harness pipeline --examples 10000 --jobs 4 --minutes 120

Each harness runs in processes of its own (``--jobs`` of them side by side), started again
when one is stopped by a hard time or memory limit, until the time or the examples are spent.
What fails is kept in ``fuzz/crashes/``: one input per distinct failure, the smallest seen,
with a ``.txt`` saying what failed. The summary gives the executions, every distinct failure
seen in this run and how often, and the peak memory of any process. The exit code is 0 when
nothing failed, 1 when something did, 2 when a harness cannot even start.

The loader's limits come from its documented ones (docs/journey-format.md): a file within
them stays under 256 MiB (``resources.SOFT_MIB``) and a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from resources import SOFT_MIB, SOFT_SECONDS
from store import CRASHES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: Seeds of the loader: the shipped journeys and examples, and every input found so far.
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
SEEDS = (ROOT / "journeys", ROOT / "examples", REGRESSIONS)
CORPUS = HERE / "corpus"
#: libFuzzer's limits for the loader: the budget of one file plus the interpreter's own
#: memory, twice the time budget, and inputs up to 256 KiB (libFuzzer grows them slowly).
LOADER_RSS_MB = SOFT_MIB + 256
LOADER_TIMEOUT_S = 2 * int(SOFT_SECONDS)
LOADER_MAX_LEN = 256 * 1024
STOPPED = "resources | stopped | hard time or memory limit"
#: How a harness process ends when it was not stopped: 0, or 3 when something failed.
FINISHED = (0, 3)
#: How it ends when the harness itself failed (pipeline.HARNESS_ERROR; the log says why).
HARNESS_ERROR = 4
HARNESS = "harness | error | see the log"


def command(
    harness: str, launch: int, seconds: float, examples: int, seed: int, crashes: Path
) -> list[str]:
    """The command line of one process of the campaign."""
    if harness == "loader":
        corpus = CORPUS / "loader"
        corpus.mkdir(parents=True, exist_ok=True)
        return [
            sys.executable,
            str(HERE / "loader.py"),
            f"--crashes={crashes}",
            f"--job={launch}",
            f"-max_total_time={max(1, int(seconds))}",
            f"-rss_limit_mb={LOADER_RSS_MB}",
            f"-timeout={LOADER_TIMEOUT_S}",
            f"-max_len={LOADER_MAX_LEN}",
            f"-dict={HERE / 'yaml.dict'}",
            f"-artifact_prefix={crashes}/loader-libfuzzer-",
            "-print_final_stats=1",
            f"-seed={seed % 2**31 or 1}",
            str(corpus),
            *(str(s) for s in SEEDS if s.is_dir()),
        ]
    return [
        sys.executable,
        str(HERE / "pipeline.py"),
        f"--examples={examples}",
        f"--minutes={seconds / 60}",
        f"--seed={seed}",
        f"--crashes={crashes}",
        f"--job={launch}",
    ]


def _read(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError):
        return {}


def _keep_inflight(crashes: Path, launch: int, code: int) -> None:
    """A pipeline process that was stopped: its input in flight is the failure."""
    inflight = crashes / f"inflight-pipeline-{launch}.json"
    if inflight.exists():
        name = f"pipeline-stopped-{launch}-{int(time.time())}"
        inflight.rename(crashes / f"{name}.json")
        note = {"signature": STOPPED, "exit_code": code}
        (crashes / f"{name}.txt").write_text(json.dumps(note, indent=2) + "\n", encoding="utf-8")


def replay(paths: list[Path]) -> int:
    """Every found input through every oracle, time and memory included: one process each,
    so that one stopped by a hard limit does not stop the others."""
    failed = 0
    for path in paths:
        cmd = [sys.executable, str(HERE / "pipeline.py"), "--replay", str(path)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        lines = proc.stdout.splitlines()
        if proc.returncode not in FINISHED:
            lines.append(f"{path.name}: {STOPPED} (exit code {proc.returncode})")
        print(f"{path.name}: {'ok' if not lines else f'{len(lines)} violations'}", flush=True)
        for line in lines[:20]:
            print("    " + line)
        failed += bool(lines)
    print(f"{failed} of {len(paths)} found inputs fail")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a fuzzing campaign and summarise it.")
    parser.add_argument("--harness", choices=("loader", "pipeline"))
    parser.add_argument(
        "--replay",
        nargs="*",
        type=Path,
        help="replay found inputs (default: tests/fuzz_regressions/) with the budget",
    )
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--examples", type=int, default=0, help="pipeline: stop after these")
    parser.add_argument("--jobs", type=int, default=1, help="processes side by side")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--crashes", type=Path, default=CRASHES)
    args = parser.parse_args(argv)
    if args.replay is not None:
        found = sorted(p for p in REGRESSIONS.iterdir() if p.suffix in (".yaml", ".json"))
        return replay(args.replay or found)
    if args.harness is None:
        parser.error("give --harness loader|pipeline, or --replay")
    crashes: Path = args.crashes.resolve()
    runs = crashes / ".run"  # each process's running totals (store.Store.stats)
    runs.mkdir(parents=True, exist_ok=True)
    for old in runs.glob(f"{args.harness}-*.json"):
        old.unlink()
    log = crashes / f"{args.harness}.log"
    start = time.monotonic()
    end = start + args.minutes * 60
    wanted = args.examples or 10**12
    procs: dict[int, subprocess.Popen[bytes]] = {}
    stopped = 0
    harness_errors = 0
    launches = 0
    broken = False

    def done() -> int:
        key = "executions" if args.harness == "loader" else "examples"
        return sum(int(_read(p).get(key, 0)) for p in runs.glob(f"{args.harness}-*.json"))

    def launch() -> None:
        nonlocal launches
        left_examples = -(-(wanted - done()) // args.jobs)
        seed = args.seed + 1_000_003 * launches
        cmd = command(args.harness, launches, end - time.monotonic(), left_examples, seed, crashes)
        with open(log, "ab") as fh:
            procs[launches] = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT)
        launches += 1

    log.write_bytes(b"")
    for _ in range(args.jobs):
        launch()
    try:
        while procs:
            time.sleep(0.2)
            for key, proc in list(procs.items()):
                code = proc.poll()
                if code is None:
                    continue
                del procs[key]
                if code not in FINISHED and not (runs / f"{args.harness}-{key}.json").exists():
                    broken = True  # it never ran an input: the harness itself fails
                    continue
                if code == HARNESS_ERROR:
                    harness_errors += 1
                elif code not in FINISHED:  # a hard limit (libFuzzer has written its input)
                    stopped += 1
                    _keep_inflight(crashes, key, code)
                more = args.harness == "loader" or done() < wanted
                if more and time.monotonic() < end - 2 and code not in FINISHED:
                    launch()
    except KeyboardInterrupt:
        for proc in procs.values():
            proc.terminate()
            proc.wait()
    if broken:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        print("the harness fails before its first input:", *tail, sep="\n    ")
        return 2
    totals = [_read(p) for p in runs.glob(f"{args.harness}-*.json")]
    signatures: dict[str, int] = {}
    for t in totals:
        for signature, n in t.get("signatures", {}).items():
            signatures[signature] = signatures.get(signature, 0) + n
    if stopped:
        signatures[STOPPED] = stopped
    if harness_errors:
        signatures[HARNESS] = harness_errors
    summary = {
        "harness": args.harness,
        "minutes": round((time.monotonic() - start) / 60, 1),
        "executions": done(),
        "distinct failures": len(signatures),
        "processes stopped by a hard limit": stopped,
        "peak_rss_mib": round(max((t.get("peak_rss_mib", 0) for t in totals), default=0)),
        "crashes": os.path.relpath(crashes, Path.cwd()),
    }
    print(json.dumps(summary, indent=2))
    for signature, n in sorted(signatures.items()):
        print(f"  {n:6d}  {signature}")
    return 1 if signatures else 0


if __name__ == "__main__":
    sys.exit(main())
