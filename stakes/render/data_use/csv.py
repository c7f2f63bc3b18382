"""``stakes export data-use``: one row per touchpoint and data category, for a record of
processing or a DPIA; safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from stakes.render.data import spreadsheet_safe
from stakes.render.data_use.records import COLUMNS, records
from stakes.render.documents import DataUseDocument
from stakes.render.registry import Options


def render(document: DataUseDocument, options: Options) -> str:
    """The rows, with a header; a cell a spreadsheet would run as a formula is quoted."""
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(COLUMNS))
    for row in document.rows:
        for record in records(row):
            writer.writerow([spreadsheet_safe(record[c]) for c in COLUMNS])
    return out.getvalue()
