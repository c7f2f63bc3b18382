"""What the benchmarks share: timing whole processes and their peak RSS, the CSafeLoader floor,
finding executables, the common options and the markdown report. Imported by bench_lint.py and
bench_map.py (Python puts bench/ on sys.path when it runs a script from it)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
KEEP_DIR = BENCH_DIR / ".corpus"

FLOOR_CODE = """\
import sys
from pathlib import Path

import yaml

n = 0
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".yaml", ".yml") and path.is_file():
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        n += 1
print(n)
"""


@dataclass
class Run:
    """One finished child process."""

    wall: float
    rc: int
    rss_bytes: int | None
    stdout: bytes
    stderr: bytes


@dataclass
class Row:
    """One line of the results table; group is the corpus it ran on, when there are several."""

    key: str
    tool: str
    command: str
    group: str = ""
    status: str = "ok"  # ok | skipped | error
    note: str = ""
    rc: int | None = None
    times: list[float] = field(default_factory=list)
    median: float | None = None
    min: float | None = None
    max: float | None = None
    ratio_to_floor: float | None = None
    peak_rss_mib: float | None = None

    def skip(self, note: str) -> None:
        """Mark the row as not measured."""
        self.status, self.note = "skipped", note

    @property
    def ok_median(self) -> float | None:
        """The median, when the row was measured without error."""
        return self.median if self.status == "ok" else None


def log(message: str) -> None:
    """Print a progress line on stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def bench_env() -> dict[str, str]:
    """Return the environment the children run with: no colour, whatever the terminal."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return env


def find_tool(name: str) -> Path | None:
    """Return the executable name: next to this Python, on PATH, then in bench/.venv/bin."""
    exe_dir = Path(sys.executable).parent  # not resolved: a venv's bin/ holds symlinks
    for candidate in (exe_dir / name, shutil.which(name), BENCH_DIR / ".venv" / "bin" / name):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def run_once(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """Run cmd to completion (in ``cwd``, default the repository); return its wall time, exit
    code, peak RSS and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd or REPO_ROOT, env=env
        )
        rss: int | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
            rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        else:  # pragma: no cover - Windows
            proc.wait()
            wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(wall, proc.returncode, rss, out.read(), err.read())


def tail(data: bytes, lines: int = 3) -> str:
    """Return the last lines of a process's output, on one line."""
    text = data.decode("utf-8", "replace").strip().splitlines()
    return " | ".join(text[-lines:])[:300]


def measure(
    row: Row,
    cmd: list[str],
    runs: int,
    ok_codes: set[int],
    env: dict[str, str],
    cwd: Path | None = None,
) -> Run | None:
    """Warm up once, then time cmd runs times into row; return the warm-up run."""
    label = f"{row.group} {row.tool}".strip()
    log(f"{label}: warm-up")
    warm = run_once(cmd, env, cwd)
    row.rc = warm.rc
    if warm.rc not in ok_codes:
        row.status = "error"
        row.note = f"exit {warm.rc}: {tail(warm.stderr) or tail(warm.stdout)}"
        log(f"{label}: {row.note}")
        return warm
    peak = warm.rss_bytes
    for i in range(runs):
        r = run_once(cmd, env, cwd)
        row.times.append(r.wall)
        if r.rss_bytes is not None:
            peak = max(peak or 0, r.rss_bytes)
        if r.rc != warm.rc:
            row.note = f"exit code changed between runs ({warm.rc} then {r.rc})"
        log(f"{label}: run {i + 1}/{runs} {r.wall:.3f} s")
    row.median = statistics.median(row.times)
    row.min = min(row.times)
    row.max = max(row.times)
    row.peak_rss_mib = None if peak is None else peak / 2**20
    return warm


def measure_floor(row: Row, corpus_dir: Path, files: int, runs: int, env: dict[str, str]) -> bool:
    """Time the CSafeLoader floor over corpus_dir into row; False when it cannot be trusted."""
    import yaml  # the floor's own dependency; imported here only to report libyaml

    warm = measure(row, [sys.executable, "-c", FLOOR_CODE, str(corpus_dir)], runs, {0}, env)
    if row.status != "ok" or warm is None:
        log(f"the floor failed: {row.note}")
        return False
    if warm.stdout.strip() != str(files).encode():
        log(f"the floor loaded {warm.stdout.strip().decode()} files, expected {files}")
        return False
    if not yaml.__with_libyaml__:
        row.note = "PyYAML without libyaml"
    return True


def set_ratios(rows: list[Row], floor: Row) -> None:
    """Fill in each row's ratio of its median to the floor's."""
    for row in (r for r in rows if r.median is not None and floor.ok_median):
        row.ratio_to_floor = row.median / floor.ok_median


def version_of(exe: Path, env: dict[str, str]) -> str:
    """Return the last word of the first line `exe --version` prints, or '?'."""
    try:
        r = run_once([str(exe), "--version"], env)
    except OSError:
        return "?"
    words = (r.stdout or r.stderr).decode("utf-8", "replace").split("\n", 1)[0].split()
    return words[-1] if r.rc == 0 and words else "?"


def describe_lint_json(data: bytes, expected_files: int) -> str:
    """Return a short summary of `stakes lint --format json` output (shape not assumed)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return "output is not JSON"
    findings: Any = doc
    if isinstance(doc, dict):
        findings = next((doc[k] for k in ("findings", "results", "diagnostics") if k in doc), None)
    if not isinstance(findings, list):
        return "JSON without a findings list"
    by_sev: dict[str, int] = {}
    for f in findings:
        sev = str(f.get("severity", "?")) if isinstance(f, dict) else "?"
        by_sev[sev] = by_sev.get(sev, 0) + 1
    detail = ", ".join(f"{n} {s}" for s, n in sorted(by_sev.items()))
    text = f"{len(findings)} findings" + (f" ({detail})" if detail else "")
    summary = doc.get("summary") if isinstance(doc, dict) else None
    files = summary.get("files") if isinstance(summary, dict) else None
    if isinstance(files, int) and files != expected_files:
        text += f"; checked {files} files, expected {expected_files}"
    return text


def verdict(budget: str, measured: str | None, passed: bool | None) -> dict[str, Any]:
    """Return one budget verdict; passed None means it could not be measured."""
    result = "SKIP" if passed is None else "PASS" if passed else "FAIL"
    return {"budget": budget, "measured": measured or "-", "verdict": result}


def ratio_verdict(budget: str, value: float | None, floor: float | None, limit: float) -> dict:
    """Return the verdict for 'value within limit times the floor'."""
    if not value or not floor:
        return verdict(budget, None, None)
    return verdict(budget, f"{value / floor:.2f}x", value / floor <= limit)


def add_common_args(p: argparse.ArgumentParser, runs: int = 5) -> None:
    """Add the options every benchmark has."""
    p.add_argument("--touchpoints", type=int, default=50, help="touchpoints per journey")
    p.add_argument("--runs", type=int, default=runs, help="timed runs per tool, after 1 warm-up")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--keep", action="store_true", help=f"keep the corpus in {KEEP_DIR}")
    p.add_argument("--stakes", help="the stakes executable (default: found next to python)")


def check_common_args(p: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Validate the common options; resolve --stakes to an absolute path."""
    if args.stakes is not None:
        found = shutil.which(args.stakes)
        if found is None:
            p.error(f"--stakes {args.stakes}: not an executable")
        args.stakes = Path(found).absolute()
    if min(args.touchpoints, args.runs) < 1:
        p.error("--touchpoints and --runs must be >= 1")


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    """Yield an empty working directory: bench/.corpus/ with keep, else a temporary one."""
    if keep:
        shutil.rmtree(KEEP_DIR, ignore_errors=True)
        KEEP_DIR.mkdir(parents=True)
        path = KEEP_DIR
    else:
        path = Path(tempfile.mkdtemp(prefix="stakes-bench-"))
    try:
        yield path
    finally:
        if keep:
            log(f"corpus kept in {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def host_meta() -> dict[str, Any]:
    """Return what the header line says about the machine and the interpreter."""
    import yaml

    return {
        "python": platform.python_version(),
        "libyaml": bool(yaml.__with_libyaml__),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def host_line(meta: dict[str, Any]) -> str:
    """Return the interpreter part of a report's header line."""
    libyaml = "yes" if meta["libyaml"] else "NO"
    return f"python {meta['python']}, libyaml {libyaml}, {meta['cpus']} CPUs"


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def markdown(
    title: str, header: list[str], rows: list[Row], checks: list[dict[str, Any]], group: str = ""
) -> str:
    """Return a markdown report: title, header lines, the rows (with a first column named
    group when given, holding each row's group) and the budget verdicts."""
    lead = f"| {group} " if group else ""
    lines = [f"## {title}", "", *header, ""]
    lines.append(f"{lead}| tool | median s | min | max | ratio to floor | peak RSS MiB | note |")
    lines.append(("| --- " if group else "") + "| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        note = row.note if row.status == "ok" else f"{row.status.upper()}: {row.note}"
        first = f"| {row.group} " if group else ""
        lines.append(
            f"{first}| {row.tool} | {_fmt(row.median, '.3f')} | {_fmt(row.min, '.3f')} | "
            f"{_fmt(row.max, '.3f')} | {_fmt(row.ratio_to_floor, '.2f')} | "
            f"{_fmt(row.peak_rss_mib, '.0f')} | {note.replace('|', '/')} |"
        )
    lines += ["", "| budget (bench/README.md) | measured | verdict |", "| --- | --- | --- |"]
    lines += [f"| {c['budget']} | {c['measured']} | {c['verdict']} |" for c in checks]
    return "\n".join(lines) + "\n"


def report(
    as_json: bool, meta: dict[str, Any], rows: list[Row], checks: list[dict[str, Any]], text: str
) -> None:
    """Print the results: as JSON with as_json, else the markdown text."""
    if as_json:
        doc = {"meta": meta, "rows": [asdict(r) for r in rows], "budgets": checks}
        print(json.dumps(doc, indent=2))
    else:
        print(text, end="")
