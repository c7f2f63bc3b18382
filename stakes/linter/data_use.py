"""Data use as a design decision: which touchpoints use customer data automatically, what the
data-use rules (STK611-STK616) say of each, and the rows the report's "How customer data is
used" and ``stakes export data-use`` show (one per touchpoint, with its findings).

The rules that a jurisdiction's pack turns on (STK611-STK614) judge a touchpoint under the
pack's rule (``judge``, as the other compliance rules do); those that apply everywhere
(STK615, STK616) examine it (``examine``). Both say what is wrong as a ``Judgement``, so a
rule's findings and the report's rows come from the same function."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

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
    """What uses the data at ``tp``, for a message: the bot, the form, the automated message,
    the page, a hybrid moment's AI, or the AI that decides for the people here."""
    if tp.handled_by == "hybrid":
        return "the hybrid moment's AI"
    if tp.handled_by == "human":
        return "the AI that decides here"
    return {
        "form": "the form",
        "notification": "the automated message",
        "view": "the page",
    }.get(tp.interaction, "the bot" if tp.handled_by == "ai" else "self-service")


def place(tp: Touchpoint, key: str, fallback: str = "signals.personal_data") -> str:
    """Where a finding about ``data_use.key`` goes: that key when written, else ``data_use``
    when the touchpoint has one, else ``fallback``."""
    if tp.data_use is None:
        return fallback
    return f"data_use.{key}" if key and getattr(tp.data_use, key) not in (None, ()) else "data_use"


def examined(ctx: Context, examine: Examine) -> Iterator[Finding]:
    """A rule that applies everywhere: its failures at each touchpoint, as findings."""
    for t in ctx.assessment:
        judged = examine(t, ctx.assessment)
        if judged is not None and not judged.passed:
            yield ctx.at(t, judged.problem, *judged.place.split("."), hint=judged.hint)


# --- the rows of the report and the export ----------------------------------------------------

#: What lint did with a data-use finding, by ``(journey/touchpoint, code)``: True shown, False
#: silenced by a ``# stakes: ignore`` comment; a finding it does not hold was switched off.
Shown = Mapping[tuple[str, str], bool]


@dataclass(frozen=True, slots=True)
class Problem:
    """One data-use rule that fails at a touchpoint: its code and name, what is wrong, the
    jurisdictions whose packs ask for it (none for a rule that applies everywhere), and
    whether a comment in the journey silences it."""

    code: str
    name: str
    problem: str
    jurisdictions: tuple[str, ...] = ()
    silenced: bool = False


@dataclass(frozen=True, slots=True)
class DataUseRow:
    """A touchpoint that uses customer data automatically, or declares how it uses it."""

    at: TouchpointAssessment
    #: The jurisdictions the journey serves, each once.
    jurisdictions: tuple[str, ...]
    #: What the data-use rules say, silenced ones included (``failing`` leaves them out).
    problems: tuple[Problem, ...]

    @property
    def use(self) -> DataUse | None:
        return self.at.touchpoint.data_use

    @property
    def categories(self) -> tuple[str, ...]:
        """The data's categories, each once."""
        return tuple(dict.fromkeys(self.at.touchpoint.signals.personal_data))

    @property
    def failing(self) -> tuple[Problem, ...]:
        """The problems no comment silences."""
        return tuple(p for p in self.problems if not p.silenced)


def concerned(t: TouchpointAssessment) -> bool:
    """A moment the data-use view lists: customer data used automatically, or a declared
    ``data_use`` (people's transcripts may train models too)."""
    tp = t.touchpoint
    return tp.data_use is not None or (bool(tp.signals.personal_data) and automated(tp))


def rows(
    assessment: Assessment, judges: Judges, examiners: Examiners, shown: Shown | None = None
) -> list[DataUseRow]:
    """Every moment that uses customer data automatically or declares its data use, in
    assessment order, with what the data-use rules (``judges`` for those in packs,
    ``examiners`` for the others) say of it; with ``shown``, as lint shows it (a rule the
    configuration switches off says nothing, a silenced one is marked)."""
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
        if shown is not None:
            problems = [
                replace(p, silenced=not shown[t.key, p.code])
                for p in problems
                if (t.key, p.code) in shown
            ]
        problems.sort(key=lambda p: p.code)
        places = tuple(dict.fromkeys(scope(t.journey, assessment.jurisdictions)))
        out.append(DataUseRow(t, places, tuple(problems)))
    return out
