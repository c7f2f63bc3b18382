"""Memory and time of one run: measured while it runs, and bounded so a campaign survives.

The budget mirrors the loader's documented limits (docs/journey-format.md): any file within
them stays under about 256 MiB and a few seconds. A run over the soft limits is a violation;
a run over the hard limits is stopped (the harness's input in flight is kept, see ``store``).
"""

from __future__ import annotations

import faulthandler
import os
import resource
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: A command may use this much memory over the harness's own, and this many seconds.
SOFT_MIB = 256
SOFT_SECONDS = 5.0
#: Past these the process stops: the input in flight is what a campaign then reports.
HARD_MIB = 1536
HARD_SECONDS = 60.0

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mib() -> float:
    """The process's resident memory now (its peak so far where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return peak_mib()


def peak_mib() -> float:
    """The process's peak resident memory so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


@dataclass
class Usage:
    seconds: float = 0.0
    mib: float = 0.0  # the most resident memory seen, over what was resident before


@contextmanager
def measured(hard_seconds: float | None = HARD_SECONDS) -> Iterator[Usage]:
    """Time and memory of the block: a thread samples the resident memory, the process's peak
    fills in what it missed. Past ``hard_seconds`` the process prints its stack and exits."""
    usage = Usage()
    base, peak_before = rss_mib(), peak_mib()
    highest = base
    done = threading.Event()

    def sample() -> None:
        nonlocal highest
        while not done.wait(0.02):
            highest = max(highest, rss_mib())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if hard_seconds is not None:
        faulthandler.dump_traceback_later(hard_seconds, exit=True)
    start = time.perf_counter()
    try:
        yield usage
    finally:
        usage.seconds = time.perf_counter() - start
        if hard_seconds is not None:
            faulthandler.cancel_dump_traceback_later()
        done.set()
        sampler.join()
        highest = max(highest, rss_mib())
        peak_after = peak_mib()
        if peak_after > peak_before:  # a new peak while the block ran
            highest = max(highest, peak_after)
        usage.mib = max(0.0, highest - base)


def limit_memory(extra_mib: int = HARD_MIB) -> None:
    """Let the process map at most ``extra_mib`` more than it has now: an allocation past that
    is a MemoryError (a violation) instead of the machine's memory running out."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            mapped = int(fh.read().split()[0]) * _PAGE
    except (OSError, IndexError, ValueError):
        return
    limit = mapped + extra_mib * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
