"""Data use as a design decision: which touchpoints use customer data automatically, what the
data-use rules (STK611-STK616) say of each, and the rows the report's "How customer data is
used" and ``stakes export data-use`` show (one per touchpoint, with its findings).

The rules that a jurisdiction's pack turns on (STK611-STK614) judge a touchpoint under the
pack's rule (``judge``, as the other compliance rules do); those that apply everywhere
(STK615, STK616) examine it (``examine``). Both say what is wrong as a ``Judgement``, so a
rule's findings and the report's rows come from the same function."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Finding
from stakes.journey.data_use import DataUse
from stakes.journey.model import Touchpoint
from stakes.linter.compliance import Judgement, Judges, outcomes, scope
from stakes.linter.context import Context

#: What a rule that applies everywhere says of a touchpoint (None: not its concern).
Examine = Callable[[TouchpointAssessment, Assessment], "Judgement | None"]
#: The data-use rules that apply everywhere, by code: their name and their examination.
Examiners = Mapping[str, tuple[str, Examine]]


def automated(tp: Touchpoint) -> bool:
    """AI or self-service handles the moment, or AI takes or shares its decision."""
    return tp.handled_by in ("ai", "self-service", "hybrid") or tp.decider in ("ai", "hybrid")


def automated_decision(tp: Touchpoint) -> bool:
    """AI takes the decision, alone or with people who cannot change it (CPPA §7001: human
    involvement counts only when the person may change the decision)."""
    decider = tp.decider
    return decider == "ai" or (decider == "hybrid" and tp.can_override is not True)


def who(tp: Touchpoint) -> str:
    """Who uses the data at ``tp``, for a message: the bot, self-service, a hybrid moment, or
    the AI that decides for people."""
    return {
        "ai": "the bot",
        "self-service": "self-service",
        "hybrid": "the hybrid moment's AI",
    }.get(tp.handled_by, "the AI that decides here")


def place(tp: Touchpoint, key: str, fallback: str = "signals.personal_data") -> str:
    """Where a finding about ``data_use.key`` goes: that key when written, else ``data_use``
    when the touchpoint has one, else ``fallback``."""
    if tp.data_use is None:
        return fallback
    return f"data_use.{key}" if key and getattr(tp.data_use, key) not in (None, ()) else "data_use"


def listed(values: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(values)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def examined(ctx: Context, examine: Examine) -> Iterator[Finding]:
    """A rule that applies everywhere: its failures at each touchpoint, as findings."""
    for t in ctx.assessment:
        judged = examine(t, ctx.assessment)
        if judged is not None and not judged.passed:
            yield ctx.at(t, judged.problem, *judged.place.split("."), hint=judged.hint)


# --- the rows of the report and the export ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One data-use rule that fails at a touchpoint: its code and name, what is wrong, and
    the jurisdictions whose packs ask for it (none for a rule that applies everywhere)."""

    code: str
    name: str
    problem: str
    jurisdictions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DataUseRow:
    """A touchpoint that uses customer data automatically, or declares how it uses it."""

    at: TouchpointAssessment
    jurisdictions: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def use(self) -> DataUse | None:
        return self.at.touchpoint.data_use

    @property
    def categories(self) -> tuple[str, ...]:
        return self.at.touchpoint.signals.personal_data


def concerned(t: TouchpointAssessment) -> bool:
    """A moment the data-use view lists: customer data used automatically, or a declared
    ``data_use`` (people's transcripts may train models too)."""
    tp = t.touchpoint
    return tp.data_use is not None or (bool(tp.signals.personal_data) and automated(tp))


def rows(assessment: Assessment, judges: Judges, examiners: Examiners) -> list[DataUseRow]:
    """Every moment that uses customer data automatically or declares its data use, in
    assessment order, with what the data-use rules (``judges`` for those in packs,
    ``examiners`` for the others) say of it."""
    found: dict[str, dict[tuple[str, str], list[str]]] = {}
    for o in outcomes(assessment, judges):
        if not o.judgement.passed:
            mine = found.setdefault(o.at.key, {})
            mine.setdefault((o.code, o.judgement.problem), []).append(o.jurisdiction)
    names = {code: name for name, (code, _) in judges.items()}
    out = []
    for t in assessment:
        if not concerned(t):
            continue
        problems = [
            Problem(code, names[code], problem, tuple(places))
            for (code, problem), places in found.get(t.key, {}).items()
        ]
        for code, (name, examine) in examiners.items():
            judged = examine(t, assessment)
            if judged is not None and not judged.passed:
                problems.append(Problem(code, name, judged.problem))
        problems.sort(key=lambda p: p.code)
        out.append(DataUseRow(t, scope(t.journey, assessment.jurisdictions), tuple(problems)))
    return out


#: The columns of ``stakes export data-use``, in order, with what each holds: one row per
#: touchpoint and data category (a touchpoint that names none has one row with no category).
COLUMNS: dict[str, str] = {
    "journey": "the journey's slug",
    "stage": "the stage's id",
    "touchpoint": "the touchpoint's id",
    "title": "the touchpoint's title",
    "handled_by": "who handles it: ai, self-service, hybrid or human",
    "decided_by": "who takes its decision: ai, hybrid, human, or none",
    "verdict": "its verdict (after a reviewed override)",
    "category": "one data category of `signals.personal_data`",
    "purposes": "`data_use.purposes`",
    "sources": "`data_use.sources`",
    "lawful_basis": "`data_use.lawful_basis` (GDPR Art. 6)",
    "special_category_condition": "`data_use.special_category_condition` (GDPR Art. 9(2))",
    "processors": "`data_use.processors`",
    "trains_models": "true when the data trains models (`trains_models` or the purpose "
    "`train`), false when the journey says it does not",
    "notice": "`data_use.notice`",
    "opt_out": "`data_use.opt_out`",
    "retention": "`data_use.retention`",
    "jurisdictions": "the packs that apply to the journey",
    "findings": "the data-use rules it fails (STK611-STK616), by code",
    "problems": "what each says is wrong, with the jurisdictions whose law asks for it",
    "file": "the journey's file",
}


def records(row: DataUseRow) -> list[dict[str, str]]:
    """A moment's rows for a record of processing: one per data category, as text (lists
    joined with ``; ``, undeclared values empty)."""
    t, use = row.at, row.use
    tp = t.touchpoint

    def joined(values: tuple[str, ...]) -> str:
        return "; ".join(values)

    def flag(value: bool | None) -> str:
        return "" if value is None else str(value).lower()

    common = {
        "journey": t.journey.journey,
        "stage": t.stage.id,
        "touchpoint": tp.id,
        "title": tp.title,
        "handled_by": tp.handled_by,
        "decided_by": tp.decider,
        "verdict": t.verdict,
        "purposes": joined(use.purposes) if use else "",
        "sources": joined(use.sources) if use else "",
        "lawful_basis": (use.lawful_basis or "") if use else "",
        "special_category_condition": (use.special_category_condition or "") if use else "",
        "processors": joined(use.processors) if use else "",
        "trains_models": ("true" if use.trains else flag(use.trains_models)) if use else "",
        "notice": (use.notice or "") if use else "",
        "opt_out": flag(use.opt_out) if use else "",
        "retention": (use.retention or "") if use else "",
        "jurisdictions": joined(row.jurisdictions),
        "findings": " ".join(dict.fromkeys(p.code for p in row.problems)),
        "problems": "; ".join(
            f"{p.code} {p.problem}"
            + (f" ({', '.join(p.jurisdictions)})" if p.jurisdictions else "")
            for p in row.problems
        ),
        "file": t.file,
    }
    return [
        {column: common.get(column, category) for column in COLUMNS}
        for category in (row.categories or ("",))
    ]
