"""``stakes report --format json``: what the report says, as a versioned document
(docs/compliance.md has its fields): the headline counts, the moments to act on, the
escalation gaps, compliance by jurisdiction and how customer data is used. Each touchpoint is
named by its key; ``stakes map --format json`` has every score and factor."""

from __future__ import annotations

from typing import Any

from stakes.linter.compliance import PackResult
from stakes.linter.escalation import UNVERIFIED_CODE
from stakes.render.data import json_text
from stakes.render.data_use.json import record
from stakes.render.documents import ReportDocument
from stakes.render.map.records import summary
from stakes.render.registry import Options
from stakes.render.report.problems import against_verdict
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning.
SCHEMA_VERSION = 1


def render(document: ReportDocument, options: Options) -> str:
    """The report as one JSON document."""
    a = document.assessment
    rows = list(a)
    policy = a.policy
    data = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "title": document.title,
        "policy": {"name": policy.policy, "version": policy.version, "digest": policy.digest()},
        "fingerprint": a.fingerprint(),
        "skipped": list(document.skipped),
        "summary": {
            **summary(a, rows),
            "escalation_gaps": sum(g.code != UNVERIFIED_CODE for g in document.gaps),
            "overrides": sum(t.override is not None for t in rows),
            "failing_a_rule_of_the_law": len({k for p in document.compliance for k in p.failing}),
            "using_customer_data": len(document.data_use),
            "failing_a_data_use_rule": sum(bool(r.failing) for r in document.data_use),
        },
        "never_automate": [t.key for t in a.never_automate()],
        "over_automated": [t.key for t in rows if t.alignment == "over-automated"],
        # As the markdown's headline counts them: escalation gaps aside (render/report/sections).
        "against_verdict": [t.key for t in rows if against_verdict(t)],
        "under_automated": [t.key for t in rows if t.alignment == "under-automated"],
        "unassessed": [t.key for t in a.unassessed()],
        "escalation_gaps": [
            {"rule": g.code, "gap": g.heading, "touchpoint": g.at.key, "target": g.target or None}
            for g in document.gaps
        ],
        "compliance": [_pack(p) for p in document.compliance],
        "data_use": [record(r) for r in document.data_use],
    }
    return json_text(data)


def _pack(p: PackResult) -> dict[str, Any]:
    return {
        "jurisdiction": p.jurisdiction,
        "known": p.known,
        "title": p.title,
        "journeys": list(p.journeys),
        "touchpoints_checked": len(p.checked),
        "touchpoints_failing": len(p.failing),
        "rules": [
            {
                "code": r.code,
                "rule": r.rule.id,
                "source": r.rule.source,
                "why": r.rule.sentence,
                "passed": [t.key for t in r.passed],
                "failed": [
                    {"touchpoint": t.key, "file": t.file, "problem": j.problem, "at": j.place}
                    for t, j in r.failed
                ],
            }
            for r in p.rules
        ],
        "data_use_rules": list(p.data_use),
        "switched_off": [
            {"rule": r.id, "reason": r.reason, "approved_by": r.approved_by} for r in p.off
        ],
    }
