"""A journey names a jurisdiction the policy has no rule pack for.

Why it matters: a typo (`ue` for `eu`) would silently check nothing, and a team would believe
its journeys meet a law they were never checked against. The jurisdictions are the policy's
packs (`stakes policy`): eu, uk, es, us-ca, us-ut and us-cfpb by default, plus any a team
policy adds.

Fails:

    journey: web-help
    title: Getting help online
    owner: cx-team
    jurisdictions: [ue]

Passes:

    journey: web-help
    title: Getting help online
    owner: cx-team
    jurisdictions: [eu]
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.packs import unknown
from stakes.findings import Finding, Severity, finding, format_path
from stakes.linter.context import Context

CODE = "STK610"
NAME = "unknown-jurisdiction"
SEVERITY = Severity.ERROR
SUMMARY = "A journey names a jurisdiction the policy has no rule pack for."
SUPPRESSIBLE = False
REPORTS_AT = ()


def check(ctx: Context) -> Iterator[Finding]:
    """Each jurisdiction a journey names that no pack of the policy defines."""
    known = list(ctx.assessment.policy.packs)
    for journey, file in ctx.journeys():
        said: set[str] = set()
        for i, name in enumerate(journey.jurisdictions or ()):
            if name in known or name in said:
                continue
            said.add(name)
            path = ("jurisdictions", i)
            yield finding(
                ctx.rule,
                f"no rule pack for jurisdiction {name!r}: nothing is checked for it",
                file,
                *ctx.position(file, path, False),
                path=format_path(path),
                subject=journey.journey,
                hint=unknown(name, known),
            )
