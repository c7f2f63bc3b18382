"""The loader harness: coverage-guided (atheris, libFuzzer) bytes into the journey loader.

Each input goes through ``oracles.check_load``: ``stakes.load_text`` as the commands read a
file (bytes, the positions lint asks for kept), then, when it is a journey, the assessment and
the lint rules. The loader never raises on bad input: every problem is a finding of the
journey format (STK001-STK020) at a real line and column. Any exception is a crash.

By default a failure is kept (``store``: the smallest input per distinct failure) and the
fuzzer goes on; ``--stop`` makes the first one stop it, as libFuzzer usually does. Time and
memory are libFuzzer's ``-timeout`` and ``-rss_limit_mb`` (``fuzz/run.py`` sets them from the
loader's documented limits). Arguments other than ours go to libFuzzer:

    python fuzz/loader.py -dict=fuzz/yaml.dict -max_total_time=60 CORPUS_DIR SEED_DIR...
    python fuzz/loader.py fuzz/crashes/loader-0123456789.yaml     # run one input again
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports(include=["stakes"]):
    # What check_load runs, imported here so that its coverage guides the fuzzer.
    from stakes.assessment import engine as _engine  # noqa: F401
    from stakes.journey import files as _files  # noqa: F401
    from stakes.linter import suppress as _suppress  # noqa: F401
    from stakes.linter.rules import places

    places()  # imports every rule module

from oracles import check_load
from resources import peak_mib
from store import CRASHES, Store

_store = Store("loader", ".yaml")
_stop = False
_totals: dict[str, Any] = {"executions": 0, "signatures": {}, "peak_rss_mib": 0.0}
_saved = 0.0


def one_input(data: bytes) -> None:
    global _saved
    violations = check_load(data)
    _totals["executions"] += 1
    for v in violations:
        _totals["signatures"][v.signature] = _totals["signatures"].get(v.signature, 0) + 1
    now = time.monotonic()
    if violations or now - _saved > 0.5:  # the runner reads these; libFuzzer exits abruptly
        _saved = now
        _totals["peak_rss_mib"] = peak_mib()
        _store.save_stats(_totals)
    if not violations:
        return
    for signature in _store.record(violations, data):
        print(f"\n==stakes-fuzz== new failure: {signature}", file=sys.stderr, flush=True)
    if _stop:
        raise AssertionError("\n".join(str(v) for v in violations))


def main(argv: list[str]) -> None:
    """Our options (``--stop``, ``--crashes=DIR``, ``--job=N``), then libFuzzer's."""
    global _stop, _store
    ours = [a for a in argv[1:] if a == "--stop" or a.startswith(("--crashes=", "--job="))]
    options = dict(a[2:].partition("=")[::2] for a in ours)
    _stop = "stop" in options
    folder = Path(options["crashes"]) if options.get("crashes") else CRASHES
    _store = Store("loader", ".yaml", folder, int(options.get("job") or 0))
    args: Any = [a for a in argv if a not in ours]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
