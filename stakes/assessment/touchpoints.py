"""One touchpoint's assessment: its stakes, verdict, reasons and alignment, and what a contact
log observed of its signals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from stakes.assessment.scoring import Score
from stakes.journey.keys import touchpoint_key
from stakes.journey.model import Journey, Stage, Touchpoint
from stakes.journey.signals import by_name

Alignment = Literal["aligned", "over-automated", "under-automated", "unassessed"]
OverrideStatus = Literal["applied", "expired", "unreviewed"]


class Handled(Protocol):
    """Who a contact log says handled a touchpoint's contacts
    (``stakes.evidence.ObservedHandling``): counts, and the 95% intervals of their shares."""

    @property
    def labelled(self) -> int:
        """Contacts the log names a handler for."""
        ...

    @property
    def automated(self) -> int:
        """Of those, handled by a bot or self-service."""
        ...

    @property
    def people(self) -> int:
        """Of those, handled by a person (human or hybrid)."""
        ...

    @property
    def automated_interval(self) -> tuple[float, float] | None:
        """The 95% interval of the automated share."""
        ...

    @property
    def people_interval(self) -> tuple[float, float] | None:
        """The 95% interval of the people's share."""
        ...


class Observed(Protocol):
    """What a contact log measured at a touchpoint (``stakes.evidence.ObservedSignals``).

    It may also have ``intervals`` (the 95% interval of each observed rate, by signal: a
    difference inside it is no contradiction) and ``handling`` (a ``Handled``: who the log
    says handled the contacts); without them every difference beyond the signal's tolerance
    contradicts, and handling is not compared."""

    @property
    def contacts(self) -> int:
        """How many contacts the log has at the touchpoint."""
        ...

    def updates(self) -> dict[str, float | int]:
        """The measured values, as ``Signals`` fields."""
        ...


@dataclass(frozen=True, slots=True)
class Observation:
    """What a contact log observed of a touchpoint's signals, against what its journey declares
    (the observable signals of stakes.journey.signals), and who it says handled the contacts.

    A signal is contradicted when the observed value is at least the signal's tolerance away
    from the declared one and, for a rate, the 95% interval leaves the declared value out: a
    difference the sample could produce by chance is not a contradiction. Only contradicted
    signals the log shows higher than declared replace the declared ones in the score
    (``scored``). ``in_fact`` is set when the log shows bots
    handling a moment they should not (see ``stakes.assessment.engine.in_fact``)."""

    contacts: int
    declared: dict[str, float | int]
    observed: dict[str, float | int]
    intervals: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    handling: Handled | None = None
    in_fact: str | None = None  # over-automated in fact: what the log shows, in words
    undeclared: tuple[str, ...] = ()  # observed signals the journey does not give (defaults)
    handled_otherwise: str | None = None  # declared a bot, handled by people: in words

    @property
    def contradicted(self) -> tuple[str, ...]:
        """The signals the log contradicts (see the class)."""
        out = []
        for name, value in self.observed.items():
            said = self.declared[name]
            if abs(value - said) < _tolerance(name) - 1e-9:  # 0.3 - 0.2 < 0.1
                continue
            bounds = self.intervals.get(name)
            if bounds is not None and bounds[0] - 1e-12 <= said <= bounds[1] + 1e-12:
                continue
            out.append(name)
        return tuple(out)

    @property
    def scored(self) -> tuple[str, ...]:
        """The contradicted signals scored as observed: those the log shows higher than
        declared. A log shows that customers came back; it cannot show that they did not (they
        may have come back by a channel it does not hold, or after the window, or given up),
        so a lower observation is reported and the declared value kept."""
        return tuple(n for n in self.contradicted if self.observed[n] > self.declared[n])

    def contradictions(self, over: str = "") -> list[str]:
        """Each contradicted signal in words: what was observed, what was declared, then
        ``over`` (how many contacts) and whether it was scored."""
        out = []
        for name in self.contradicted:
            observable = by_name()[name].signal.observable
            assert observable is not None
            declared = (  # "(declared 0%)" would put words in the journey's mouth
                "the journey does not say"
                if name in self.undeclared
                else f"declared {observable.shows(self.declared[name])}"
            )
            said = f"{observable.say(self.observed[name])} ({declared}){over}"
            if name not in self.scored:
                said += "; lower than declared, so not scored"
            out.append(said)
        return out

    def sentences(self) -> list[str]:
        """The contradictions, then what the log shows of who handled the contacts."""
        return self.contradictions() + [s for s in (self.in_fact, self.handled_otherwise) if s]


def _tolerance(name: str) -> float:
    observable = by_name()[name].signal.observable
    if observable is None:
        raise ValueError(f"a contact log cannot observe {name}")
    return observable.tolerance


def unsaid(tp: Touchpoint) -> tuple[str, ...]:
    """What a touchpoint does not say that its assessment needs (see TouchpointAssessment)."""
    if "signals" not in tp.model_fields_set:
        return ("signals",)
    return () if "emotion" in tp.signals.model_fields_set else ("emotion",)


@dataclass(frozen=True, slots=True)
class TouchpointAssessment:
    """One touchpoint's stakes, verdict, reasons and alignment with how it is handled today."""

    journey: Journey
    stage: Stage
    touchpoint: Touchpoint
    file: str
    result: Score
    verdict: str
    override: OverrideStatus | None
    alignment: Alignment
    observation: Observation | None = None  # with a contact log: declared vs observed
    #: What the journey does not say that an assessment needs (``unsaid``): ``signals`` when
    #: it gives none, ``emotion`` when its signals do not say how the customer feels; empty
    #: when the touchpoint is assessed.
    unsaid: tuple[str, ...] = ()

    @property
    def state(self) -> Literal["assessed", "unassessed"]:
        """``unassessed`` when the journey does not say what is at stake (``unsaid``): its
        verdict is then only a floor (what was said can only raise it), never a reason to
        automate."""
        return "unassessed" if self.unsaid else "assessed"

    @property
    def key(self) -> str:
        """``journey/touchpoint``."""
        return touchpoint_key(self.journey.journey, self.touchpoint.id)

    @property
    def computed_verdict(self) -> str:
        """The verdict before any override."""
        return self.result.verdict

    @property
    def short_reason(self) -> str:
        """What set the computed verdict, in a few words (see ``top_reason``)."""
        if self.unsaid:
            return f"not assessed: no {' or '.join(self.unsaid)} given"
        return self._decisive_short()

    def _decisive_short(self) -> str:
        r = self.result
        if r.capped:
            return f"a {self.touchpoint.interaction}: at most {r.verdict}"
        rule = r.deciding_rule
        if rule is not None:
            more = len(r.hard_rules) - 1
            return f"hard rule {rule.id}" + (f" and {more} more" if more else "")
        return self._cell(short=True)

    @property
    def top_reason(self) -> str:
        """What set the computed verdict, in a sentence: the hard rule that set it, else the
        stakes x complexity cell and the factor that weighs most, else why the stakes are low
        (an ``automate`` verdict never gives a risk as its reason). An unassessed touchpoint
        says what is not given."""
        if self.unsaid:
            at_least = self.verdict != "automate"
            floor = f"; the verdict is at least {self.verdict}" if at_least else ""
            return f"not assessed: the journey gives no {' or '.join(self.unsaid)}{floor}"
        r = self.result
        if r.capped:
            return r.capped
        rule = r.deciding_rule
        if rule is not None:
            return f"hard rule {rule.id}: {rule.sentence}"
        if r.verdict == "automate":
            return self._cell()
        return f"{self._cell()}; most: {r.top_factor.sentence}"

    def _cell(self, short: bool = False) -> str:
        r = self.result
        score = "" if short else f" ({r.score})"
        if r.verdict == "automate":
            return f"{r.level} stakes{score}, {r.complexity} complexity"
        said = f"{r.level} stakes{score} x {r.complexity} complexity"
        return said + (" (the complexity decides)" if r.complexity_decides and not short else "")

    def fields(self) -> dict[str, Any]:
        """The assessment as flat fields by column name: what the map's CSV and the DataFrame are
        made of (each picks and orders its columns; ``rules`` is the fired hard rules' ids)."""
        r, tp = self.result, self.touchpoint
        return {
            "journey": self.journey.journey,
            "stage": self.stage.id,
            "touchpoint": tp.id,
            "title": tp.title,
            "channel": tp.channel,
            "handled_by": tp.handled_by,
            "interaction": tp.interaction,
            "decided_by": tp.decider,
            "stakes_score": r.score,
            "stakes_level": r.level,
            "complexity": r.complexity,
            "borderline": r.borderline,
            "matrix_verdict": r.matrix_verdict,
            "computed_verdict": r.verdict,
            "verdict": self.verdict,
            "override": self.override,
            "alignment": self.alignment,
            "state": self.state,
            "rules": tuple(rule.id for rule in r.hard_rules),
            "top_reason": self.top_reason,
            "file": self.file,
        }
