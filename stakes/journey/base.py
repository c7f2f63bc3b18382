"""The base of the journey format's models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FormatModel(BaseModel):
    """A model of the journey format: strict, closed to unknown keys, immutable."""

    # Strict: YAML already gives typed values, so "12" is not a number and 1 is not true.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
