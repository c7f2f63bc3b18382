"""``stakes export data-use`` as rows: one per touchpoint and data category, as text for a
spreadsheet (the CSV) or a DataFrame (``pandas.DataFrame(records(row) ...)``)."""

from __future__ import annotations

from stakes.linter.data_use import DataUseRow, Problem

#: The columns, in order, with what each holds: one row per touchpoint and data category (a
#: touchpoint that names none has one row with no category).
COLUMNS: dict[str, str] = {
    "journey": "the journey's slug",
    "stage": "the stage's id",
    "touchpoint": "the touchpoint's id",
    "title": "the touchpoint's title",
    "handled_by": "who handles it: ai, self-service, hybrid or human",
    "decided_by": "who takes its decision: ai, hybrid, human, or none",
    "verdict": "its verdict (after a reviewed override)",
    "state": "assessed, or unassessed when the journey does not say what is at stake",
    "category": "one data category of `signals.personal_data`",
    "purposes": "`data_use.purposes`",
    "sources": "`data_use.sources`",
    "lawful_basis": "`data_use.lawful_basis` (GDPR Art. 6): one basis, or `purpose: basis` "
    "for each purpose",
    "special_category_condition": "`data_use.special_category_condition` (GDPR Art. 9(2))",
    "criminal_data_basis": "`data_use.criminal_data_basis` (GDPR Art. 10)",
    "processors": "`data_use.processors`",
    "trains_models": "true when the data trains models (`trains_models` or the purpose "
    "`train`), false when the journey says it does not",
    "notice": "`data_use.notice`",
    "opt_out": "`data_use.opt_out`",
    "retention": "`data_use.retention`",
    "jurisdictions": "the jurisdictions the journey serves",
    "findings": "the data-use rules it fails (STK611-STK616), by code",
    "problems": "what each says is wrong, with the jurisdictions whose law asks for it",
    "silenced": "the data-use findings a `# stakes: ignore` comment in the journey silences",
    "file": "the journey's file",
}

#: Between the items of a list in one cell.
LIST = "; "
#: Between two problems in one cell (a problem may hold a list).
BETWEEN = " | "


def said(p: Problem) -> str:
    """A problem as one line: code, what is wrong, and the jurisdictions that ask."""
    where = f" ({', '.join(p.jurisdictions)})" if p.jurisdictions else ""
    return f"{p.code} {p.problem}{where}"


def records(row: DataUseRow) -> list[dict[str, str]]:
    """A moment's rows: one per data category, as text (lists joined with ``; ``, an
    undeclared value empty)."""
    t, use = row.at, row.use
    tp = t.touchpoint

    def flag(value: bool | None) -> str:
        return "" if value is None else str(value).lower()

    declared = (
        {
            "purposes": LIST.join(use.purposes),
            "sources": LIST.join(use.sources),
            "lawful_basis": use.basis_text,
            "special_category_condition": use.special_category_condition or "",
            "criminal_data_basis": use.criminal_data_basis or "",
            "processors": LIST.join(use.processors),
            "trains_models": "true" if use.trains else flag(use.trains_models),
            "notice": use.notice or "",
            "opt_out": flag(use.opt_out),
            "retention": use.retention or "",
        }
        if use is not None
        else {}
    )
    common = {
        "journey": t.journey.journey,
        "stage": t.stage.id,
        "touchpoint": tp.id,
        "title": tp.title,
        "handled_by": tp.handled_by,
        "decided_by": tp.decider,
        "verdict": t.verdict,
        "state": t.state,
        **declared,
        "jurisdictions": LIST.join(row.jurisdictions),
        "findings": LIST.join(dict.fromkeys(p.code for p in row.failing)),
        "problems": BETWEEN.join(said(p) for p in row.failing),
        "silenced": LIST.join(dict.fromkeys(p.code for p in row.problems if p.silenced)),
        "file": t.file,
    }
    return [
        {column: common.get(column, "") if column != "category" else category for column in COLUMNS}
        for category in (row.categories or ("",))
    ]
