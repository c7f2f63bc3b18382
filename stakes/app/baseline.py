"""``stakes lint --baseline FILE|REF``: only the findings that are new since a baseline, for a
team adopting stakes on a portfolio that has many findings today.

The baseline is a ``stakes lint --format json`` document written earlier, or a git ref whose
journeys are linted as they were (read from git, as ``stakes diff`` reads them). A finding is
known when the baseline has one with the same rule, the same moment (or file) and the same
message: lines moving do not make a finding new, a finding that changes its message does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakes.app.outcome import UsageError
from stakes.findings import Finding

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.assessment.policy import Policy
    from stakes.linter.selection import Selection

Identity = tuple[str, str, str]


def identity(f: Finding) -> Identity:
    return (f.rule.code, f.subject or f.file, f.message)


def known(
    baseline: str,
    paths: Sequence[str],
    config: Config,
    policy: Policy,
    day: dt.date | None,
    selection: Selection,
    here: Path,
) -> set[Identity]:
    """The identities of the baseline's findings: from a lint JSON file, or a git ref."""
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
    _, findings, _ = assessed_at(rev, paths, config, policy, day, selection, here)
    return {identity(f) for f in findings}


def _from_file(path: Path) -> set[Identity]:
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
    out: set[Identity] = set()
    for f in findings:
        fields = [f.get(k) if isinstance(f, dict) else None for k in ("code", "file", "message")]
        if not all(isinstance(x, str) for x in fields):
            raise wrong
        subject = f.get("subject")
        code, file, message = fields
        out.add(
            (
                str(code),
                subject if isinstance(subject, str) and subject else str(file),
                str(message),
            )
        )
    return out
