"""How a touchpoint names its contacts in a contact log: ``evidence: {match: ...}``
(docs/evidence.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from stakes.journey.base import FormatModel
from stakes.journey.keys import label_key
from stakes.journey.values import Handler

Label = Annotated[str, Field(min_length=1, max_length=200)]


class EvidenceMatch(FormatModel):
    """Which contacts of a log are this touchpoint's (docs/evidence.md): a contact whose
    category is listed, and whose channel and handler are listed where those are given."""

    category: Annotated[
        tuple[Label, ...],
        Field(
            min_length=1,
            description="Values of the log's touchpoint column (the one --column touchpoint= "
            "names), compared ignoring case, spaces and punctuation.",
        ),
    ]
    channel: Annotated[
        tuple[Label, ...],
        Field(description="Values of the log's channel column, compared as categories are."),
    ] = ()
    handled_by: Annotated[
        tuple[Handler, ...],
        Field(description="Who handled the contact, as the log's handled_by is read."),
    ] = ()

    @property
    def restricts(self) -> int:
        """How many fields it restricts (category and maybe channel, handled_by): the more,
        the more precise, and the more precise claim wins."""
        return 1 + bool(self.channel) + bool(self.handled_by)

    def overlaps(self, other: EvidenceMatch) -> bool:
        """Whether a contact could be claimed by both, equally precisely (a tie)."""
        if self.restricts != other.restricts:
            return False
        pairs = ((self.category, other.category), (self.channel, other.channel))
        if any(a and b and not {*map(label_key, a)} & {*map(label_key, b)} for a, b in pairs):
            return False
        mine, theirs = set(self.handled_by), set(other.handled_by)
        return not (mine and theirs and not mine & theirs)


class TouchpointEvidence(FormatModel):
    """How a contact log names this touchpoint's contacts."""

    match: EvidenceMatch
