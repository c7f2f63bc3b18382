"""``stakes diff --format json``: the change set as a versioned document."""

from __future__ import annotations

from typing import Any

from stakes.changes.compare import ChangeSet, State
from stakes.render.data import json_text
from stakes.render.diff.summary import summary
from stakes.render.registry import Options
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning.
SCHEMA_VERSION = 1


def render(changes: ChangeSet, options: Options) -> str:
    return json_text(
        {
            "version": SCHEMA_VERSION,
            "tool": {"name": "stakes", "version": __version__},
            "base": changes.base,
            "head": changes.head,
            "summary": {"text": summary(changes), **changes.counts()},
            "changes": [
                {
                    "touchpoint": x.key,
                    "status": x.status,
                    "to_bot_against_verdict": x.to_bot,
                    "verdict_softened": x.softened,
                    "before": _state(x.before),
                    "after": _state(x.after),
                    "what": x.what(),
                    "new_findings": list(x.new),
                    "fixed_findings": list(x.fixed),
                    "in_the_log": changes.observed.get(x.key),
                }
                for x in changes.changes
            ],
            "new_findings_elsewhere": list(changes.new_elsewhere),
            "fixed_findings_elsewhere": list(changes.fixed_elsewhere),
            "overrides_expiring": [
                {"touchpoint": k, "expires": d, "days": n} for k, d, n in changes.expiring
            ],
        }
    )


def _state(s: State | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "title": s.title,
        "handled_by": s.handled_by,
        "verdict": s.verdict,
        "stakes_score": s.score,
        "stakes_level": s.level,
        "alignment": s.alignment,
        "hard_rules": list(s.rules),
        "override": None
        if s.override is None
        else {"verdict": s.override[0], "expires": s.override[1] or None, "status": s.override[2]},
        "escalation": None
        if s.escalation is None
        else {"to": s.escalation[0], "keeps_context": s.escalation[1]},
    }
