"""``stakes export csv``: the journeys in the spreadsheet layout ``stakes import csv`` reads
(``interchange.table``), one row per touchpoint; what a journey sets, and nothing it does not,
so that importing the file gives the same journeys."""

from __future__ import annotations

import csv
import io

from stakes.interchange.table import header, rows
from stakes.render.documents import MapDocument
from stakes.render.registry import Options


def render(document: MapDocument, options: Options) -> str:
    """The layout's header, then a row per touchpoint of each journey, in file order."""
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    names = header()
    writer.writerow(names)
    for journey in journeys(document):
        for row in rows(journey):
            writer.writerow([row.get(name, "") for name in names])
    return out.getvalue()


def journeys(document: MapDocument) -> list:  # type: ignore[type-arg]
    """The journeys of the document's touchpoints, each once, in their order."""
    seen: dict[str, object] = {}
    for t in document.rows:
        seen.setdefault(t.journey.journey, t.journey)
    return list(seen.values())
