"""``stakes map`` as JSON, CSV and markdown: pure functions of an assessment."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from stakes.assessment.engine import Assessment, TouchpointAssessment
from stakes.render.markdown import cell
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning (docs/map.md).
SCHEMA_VERSION = 1

CSV_COLUMNS = (
    "journey",
    "stage",
    "touchpoint",
    "title",
    "channel",
    "handled_by",
    "stakes_score",
    "stakes_level",
    "complexity",
    "verdict",
    "computed_verdict",
    "override",
    "alignment",
    "rules",
    "top_reason",
    "file",
    "observed_repeat_contact_rate",
    "observed_prior_contacts",
    "contradicted",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def touchpoint_record(t: TouchpointAssessment) -> dict[str, Any]:
    """One touchpoint's assessment as plain JSON data."""
    r = t.result
    o = t.touchpoint.override
    return {
        "journey": t.journey.journey,
        "stage": t.stage.id,
        "touchpoint": t.touchpoint.id,
        "title": t.touchpoint.title,
        "channel": t.touchpoint.channel,
        "handled_by": t.touchpoint.handled_by,
        "file": t.file,
        "stakes": {"score": r.score, "level": r.level},
        "complexity": r.complexity,
        "matrix_verdict": r.matrix_verdict,
        "computed_verdict": r.verdict,
        "verdict": t.verdict,
        "override": None
        if o is None
        else {
            "status": t.override,
            "verdict": o.verdict,
            "reason": o.reason,
            "approved_by": o.approved_by,
            "expires": o.expires.isoformat() if o.expires else None,
            "ticket": o.ticket,
        },
        "alignment": t.alignment,
        "evidence": None
        if t.evidence is None
        else {
            "contacts": t.evidence.contacts,
            "declared": t.evidence.declared,
            "observed": t.evidence.observed,
            "contradicted": list(t.evidence.contradicted),
        },
        "reasons": {
            "factors": [
                {"name": f.name, "points": f.points, "weight": f.weight, "sentence": f.sentence}
                for f in r.factors
            ],
            "rules": [
                {"id": x.id, "at_least": x.at_least, "sentence": x.sentence, "source": x.source}
                for x in r.rules
            ],
        },
    }


def summary(assessment: Assessment, rows: Sequence[TouchpointAssessment]) -> dict[str, int]:
    """Headline counts over ``rows``."""
    return {
        "touchpoints": len(rows),
        "never_automate": sum(t.verdict == "human-only" for t in rows),
        "over_automated": sum(t.alignment == "over-automated" for t in rows),
        "under_automated": sum(t.alignment == "under-automated" for t in rows),
        "journeys": len({t.journey.journey for t in rows}),
    }


def render_json(assessment: Assessment, rows: Sequence[TouchpointAssessment]) -> str:
    """The assessment as a versioned JSON document."""
    return "".join(iter_json(assessment, rows))


def iter_json(assessment: Assessment, rows: Sequence[TouchpointAssessment]) -> Iterator[str]:
    """``render_json`` in chunks, one touchpoint at a time, for large portfolios."""
    policy = assessment.policy
    head = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "policy": {"name": policy.policy, "version": policy.version, "digest": policy.digest()},
        "summary": summary(assessment, rows),
    }
    return json_chunks(head, "touchpoints", (touchpoint_record(t) for t in rows))


def json_chunks(head: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """``head`` plus ``key: items`` as JSON: the head indented, one item per line.

    One item per line keeps large documents fast (json's C encoder only runs without
    indentation), streamable, and readable in a diff.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    top = json.dumps({**head, key: []}, indent=2, ensure_ascii=False)
    opening = top.rindex("[]")
    first = True
    for item in items:
        yield (top[:opening] + "[\n    " if first else ",\n    ") + encode(item)
        first = False
    yield (top + "\n") if first else "\n  ]" + top[opening + 2 :] + "\n"


def spreadsheet_safe(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(rows: Sequence[TouchpointAssessment]) -> str:
    """One row per touchpoint, safe to open in a spreadsheet."""
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for t in rows:
        r = t.result
        values = (
            t.journey.journey,
            t.stage.id,
            t.touchpoint.id,
            t.touchpoint.title,
            t.touchpoint.channel,
            t.touchpoint.handled_by,
            r.score,
            r.level,
            r.complexity,
            t.verdict,
            r.verdict,
            t.override or "",
            t.alignment,
            " ".join(x.id for x in r.rules),
            t.top_reason,
            t.file,
            *_observed(t),
        )
        writer.writerow([spreadsheet_safe(v) for v in values])
    return out.getvalue()


def _observed(t: TouchpointAssessment) -> tuple[object, object, str]:
    e = t.evidence
    if e is None:
        return "", "", ""
    return (
        e.observed.get("repeat_contact_rate", ""),
        e.observed.get("prior_contacts", ""),
        " ".join(e.contradicted),
    )


def contradictions(rows: Sequence[TouchpointAssessment]) -> list[str]:
    """One sentence per signal that a contact log contradicts, for the people reading a map."""
    out = []
    for t in rows:
        e = t.evidence
        for name in e.contradicted if e else ():
            assert e is not None
            declared, observed = e.declared[name], e.observed[name]
            if name == "repeat_contact_rate":
                said = f"{observed:.0%} of customers come back (declared {declared:.0%})"
            else:
                said = f"{observed} earlier contacts at the 90th percentile (declared {declared})"
            out.append(f"{t.key}: {said}, over {e.contacts:,} contacts")
    return out


def render_markdown(rows: Sequence[TouchpointAssessment]) -> str:
    """A markdown table per journey, grouped by stage."""
    lines: list[str] = []
    journey = None
    for t in rows:
        if t.journey is not journey:
            journey = t.journey
            if lines:
                lines.append("")
            lines += [
                f"## {cell(journey.title)} ({cell(journey.journey)})",
                "",
                "| stage | touchpoint | stakes | verdict | today | alignment | top reason |",
                "| --- | --- | ---: | --- | --- | --- | --- |",
            ]
        r = t.result
        verdict = t.verdict + (
            f" (override; computed {r.verdict})" if t.override == "applied" else ""
        )
        lines.append(
            f"| {cell(t.stage.title)} | {cell(t.touchpoint.title)} (`{t.touchpoint.id}`) "
            f"| {r.score} {r.level} | {verdict} | {t.touchpoint.handled_by} "
            f"| {t.alignment} | {cell(t.top_reason)} |"
        )
    notes = contradictions(rows)
    if notes:
        lines += ["", "## The contact log contradicts these signals", ""]
        lines += [f"- {cell(n)}" for n in notes]
    return "\n".join(lines) + "\n" if lines else "No touchpoints.\n"
