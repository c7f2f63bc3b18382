"""``stakes lint --baseline FILE|REF``: only the findings that are new since a baseline, for a
team adopting stakes on a portfolio that has many findings today.

The baseline is a ``stakes lint --format json`` document written earlier, or a git ref whose
journeys are linted as they were (read from git, as ``stakes diff`` reads them). A finding is
known when the baseline has one of the same rule at the same moment (or journey, or file),
as many times as it has: lines moving, or a message that changes its numbers (a score, the
days an override has left), do not make a finding new.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakes.app.outcome import UsageError
from stakes.findings import Finding

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.assessment.policy import Policy
    from stakes.linter.selection import Selection

Identity = tuple[str, str]


def identity(f: Finding) -> Identity:
    return (f.rule.code, f.subject or f.file)


def known(
    baseline: str,
    paths: Sequence[str],
    config: Config,
    policy: Policy,
    day: dt.date | None,
    selection: Selection,
    here: Path,
) -> Counter[Identity]:
    """The identities of the baseline's findings, each as many times as it has them: from a
    lint JSON file, or a git ref (its journeys as they were, errors and all)."""
    from stakes.app.diff import assessed_at
    from stakes.app.revisions import revision

    path = Path(baseline)
    if path.is_file():
        return _from_file(path)
    rev = revision(baseline, base=True, cwd=here)
    if rev.commit is None:
        raise UsageError(
            f"--baseline {baseline!r}: give a `stakes lint --format json` file or a git ref"
        )
    _, findings, _ = assessed_at(rev, paths, config, policy, day, selection, here, strict=False)
    return Counter(identity(f) for f in findings)


def _from_file(path: Path) -> Counter[Identity]:
    wrong = UsageError(
        f"--baseline {path}: not a stakes lint JSON document "
        "(`stakes lint --format json -o FILE` writes one)"
    )
    try:
        doc: Any = json.loads(path.read_bytes())
    except (OSError, ValueError):
        raise wrong from None
    tool = doc.get("tool") if isinstance(doc, dict) else None
    findings = doc.get("findings") if isinstance(doc, dict) else None
    if not isinstance(tool, dict) or tool.get("name") != "stakes" or not isinstance(findings, list):
        raise wrong
    out: Counter[Identity] = Counter()
    for f in findings:
        fields = [f.get(k) if isinstance(f, dict) else None for k in ("code", "file", "message")]
        if not all(isinstance(x, str) for x in fields):
            raise wrong
        subject = f.get("subject")
        where = subject if isinstance(subject, str) and subject else str(fields[1])
        out[(str(fields[0]), where)] += 1
    return out


def new_since(findings: Sequence[Finding], known: Counter[Identity]) -> list[Finding]:
    """The findings the baseline does not have (each known one used once)."""
    left = known.copy()
    out = []
    for f in findings:
        if left[identity(f)] > 0:
            left[identity(f)] -= 1
        else:
            out.append(f)
    return out
