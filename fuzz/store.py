"""Where a campaign keeps what it finds: one input per distinct failure, the smallest seen.

``fuzz/crashes/`` (not committed) holds, for each signature (``oracles.Violation.signature``),
the smallest input that showed it and a ``.txt`` beside it saying what failed. A harness also
keeps the input it is running in ``inflight-<harness>.<suffix>``: when the process is stopped
(a hard time or memory limit), the runner files that input as the failure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from oracles import Violation

CRASHES = Path(__file__).resolve().parent / "crashes"


class Store:
    """Distinct failures of one harness, each with its smallest input."""

    def __init__(self, harness: str, suffix: str, folder: Path = CRASHES, job: int = 0) -> None:
        self.harness = harness
        self.suffix = suffix
        self.folder = folder
        self.job = job  # one of several processes sharing the folder
        self.found: dict[str, int] = {}  # signature -> times seen in this run

    def _path(self, signature: str) -> Path:
        key = hashlib.sha256(signature.encode()).hexdigest()[:10]
        return self.folder / f"{self.harness}-{key}{self.suffix}"

    def record(self, violations: Sequence[Violation], data: bytes) -> list[str]:
        """Keep ``data`` for each violation's signature unless a smaller input has it; the
        signatures never seen before in this folder."""
        new = []
        self.folder.mkdir(parents=True, exist_ok=True)
        for v in violations:
            self.found[v.signature] = self.found.get(v.signature, 0) + 1
            path = self._path(v.signature)
            if not path.exists():
                new.append(v.signature)
            elif path.stat().st_size <= len(data):
                continue
            path.write_bytes(data)
            note = {"signature": v.signature, "violation": str(v), "size": len(data)}
            path.with_suffix(".txt").write_text(json.dumps(note, indent=2) + "\n", "utf-8")
        return new

    def inflight(self) -> Path:
        return self.folder / f"inflight-{self.harness}-{self.job}{self.suffix}"

    def stats(self) -> Path:
        """Where the harness keeps its running totals (the runner reads them)."""
        return self.folder / ".run" / f"{self.harness}-{self.job}.json"

    def save_stats(self, totals: dict[str, object]) -> None:
        path = self.stats()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(totals, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def start(self, data: bytes) -> None:
        """Note the input about to run (kept if the process never finishes it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.inflight().write_bytes(data)

    def finish(self) -> None:
        self.inflight().unlink(missing_ok=True)
