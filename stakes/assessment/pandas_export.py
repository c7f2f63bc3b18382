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
    "interaction",
    "decided_by",
    "stakes_score",
    "stakes_level",
    "complexity",
    "borderline",
    "matrix_verdict",
    "computed_verdict",
    "verdict",
    "override",
    "alignment",
    "state",
    "rules",
    "top_reason",
    "file",
    *(f"points_{name}" for name in FACTOR_ORDER),
)


def assessment_frame(touchpoints: Iterable[TouchpointAssessment]) -> pd.DataFrame:
    """One row per touchpoint, in order, with the columns in ``COLUMNS``."""
    rows = []
    for t in touchpoints:
        row = t.fields()
        row["rules"] = ",".join(row["rules"])
        row.update({f"points_{f.name}": f.points for f in t.result.factors})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    levels = ["low", "moderate", "high", "critical"]
    verdicts = ["automate", "guarded", "assist", "human-only"]
    frame["stakes_level"] = pd.Categorical(frame["stakes_level"], levels, ordered=True)
    for column in ("matrix_verdict", "computed_verdict", "verdict"):
        frame[column] = pd.Categorical(frame[column], verdicts, ordered=True)
    return frame
