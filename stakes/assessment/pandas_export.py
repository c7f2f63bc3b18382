"""Assessments as pandas DataFrames (pandas is imported only here and in evidence)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from stakes.assessment.scoring import FACTOR_ORDER

if TYPE_CHECKING:
    from stakes.assessment.touchpoints import TouchpointAssessment

#: The columns of ``Assessment.to_frame()``, in order (documented in docs/api.md).
COLUMNS: tuple[str, ...] = (
    "journey",
    "stage",
    "touchpoint",
    "title",
    "channel",
    "handled_by",
    "stakes_score",
    "stakes_level",
    "complexity",
    "matrix_verdict",
    "computed_verdict",
    "verdict",
    "override",
    "alignment",
    "rules",
    "top_reason",
    "file",
    *(f"points_{name}" for name in FACTOR_ORDER),
)


def assessment_frame(touchpoints: Iterable[TouchpointAssessment]) -> pd.DataFrame:
    """One row per touchpoint, in order, with the columns in ``COLUMNS``."""
    rows = []
    for t in touchpoints:
        r = t.result
        row = {
            "journey": t.journey.journey,
            "stage": t.stage.id,
            "touchpoint": t.touchpoint.id,
            "title": t.touchpoint.title,
            "channel": t.touchpoint.channel,
            "handled_by": t.touchpoint.handled_by,
            "stakes_score": r.score,
            "stakes_level": r.level,
            "complexity": r.complexity,
            "matrix_verdict": r.matrix_verdict,
            "computed_verdict": r.verdict,
            "verdict": t.verdict,
            "override": t.override,
            "alignment": t.alignment,
            "rules": ",".join(rule.id for rule in r.hard_rules),
            "top_reason": t.top_reason,
            "file": t.file,
        }
        row.update({f"points_{f.name}": f.points for f in r.factors})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    levels = ["low", "moderate", "high", "critical"]
    verdicts = ["automate", "guarded", "assist", "human-only"]
    frame["stakes_level"] = pd.Categorical(frame["stakes_level"], levels, ordered=True)
    for column in ("matrix_verdict", "computed_verdict", "verdict"):
        frame[column] = pd.Categorical(frame[column], verdicts, ordered=True)
    return frame
