"""The calibration suite: reference moments across industries (calibration/moments.yaml),
each assessed as a one-touchpoint journey, and the table docs/calibration.md shows of them.

tests/test_calibration.py runs every moment; ``regenerate-docs.py`` rewrites the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stakes.assessment.engine import assess_journeys
from stakes.journey.files import load_text

ROOT = Path(__file__).resolve().parent.parent
MOMENTS = ROOT / "calibration" / "moments.yaml"
DOC = ROOT / "docs" / "calibration.md"
AS_OF = dt.date(2026, 11, 26)
START, END = (
    "<!-- calibration table: scripts/calibration.py -->",
    "<!-- end of the calibration table -->",
)


@dataclass(frozen=True)
class Outcome:
    """What stakes says of a moment, beside what a CX leader expects."""

    moment: dict[str, Any]
    verdict: str
    alignment: str
    score: int
    reason: str

    @property
    def agrees(self) -> bool:
        expect = self.moment["expect"]
        return (self.verdict, self.alignment) == (expect["verdict"], expect["alignment"])


def moments() -> list[dict[str, Any]]:
    """Every reference moment, in the file's order."""
    loaded = yaml.safe_load(MOMENTS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def journey_text(moment: dict[str, Any]) -> str:
    """The moment as a journey: its touchpoint, and a person it escalates to if it does."""
    touchpoint: dict[str, Any] = {
        "id": "moment",
        "title": moment["title"],
        "channel": "chat",
        "handled_by": moment["handled_by"],
    }
    for key in ("interaction", "decided_by", "signals"):
        if key in moment:
            touchpoint[key] = moment[key]
    touchpoints = [touchpoint]
    if moment.get("escalation"):
        touchpoint["escalation"] = {"to": "person", "triggers": ["customer-request"]}
        person = {"id": "person", "title": "Talks to a person", "channel": "phone"}
        touchpoints.append({**person, "handled_by": "human"})
    stage = {"id": "moment", "title": moment["title"], "touchpoints": touchpoints}
    journey = {"journey": moment["id"], "title": moment["title"], "owner": "cx", "stages": [stage]}
    return yaml.safe_dump(journey, sort_keys=False, allow_unicode=True)


def assess_moment(moment: dict[str, Any]) -> Outcome:
    """What stakes says of one moment under the default policy."""
    loaded, _ = load_text(journey_text(moment), f"{moment['id']}.yaml")
    if loaded.journey is None:
        raise ValueError(f"{moment['id']}: {[f.message for f in loaded.findings]}")
    t = next(iter(assess_journeys([(loaded.journey, loaded.file)], as_of=AS_OF)))
    verdict = "unassessed" if t.unsaid and t.verdict == "automate" else t.verdict
    return Outcome(moment, verdict, t.alignment, t.result.score, t.short_reason)


def table() -> str:
    """The markdown table of every moment: expected and found, and why."""
    rows = [
        "| industry | moment | today | expected | stakes says | why |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for moment in moments():
        o = assess_moment(moment)
        expect = moment["expect"]
        today = moment["handled_by"] + (" + route to a person" if moment.get("escalation") else "")
        said = f"{o.verdict}, {o.alignment} ({o.score}: {o.reason})"
        mark = (
            "" if o.agrees else (" — pending: " + moment["pending"] if "pending" in moment else "")
        )
        rows.append(
            f"| {moment['industry']} | {moment['title']} | {today} "
            f"| {expect['verdict']}, {expect['alignment']} | {said}{mark} | {moment['why']} |"
        )
    return "\n".join(rows) + "\n"


def rewrite(text: str) -> str:
    """docs/calibration.md with the table regenerated."""
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table()}{END}{tail}"
