"""Rule packs for the law where the customer is, as data in the policy (``packs:``): each pack
(``eu``, ``uk``, ``es``, ``us-ca``, ``us-ut``, ``us-cfpb``, or one a team adds) turns on some of
the compliance checks, with the law's numbers and the sentence that quotes its source. The
checks themselves are journey rules (STK6xx); a pack only says which apply and with what."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field

from stakes.assessment.factors import Condition, PolicyPart
from stakes.journey.model import Slug, Text
from stakes.journey.signals import DataCategory
from stakes.journey.values import (
    KNOWN_TRIGGERS,
    Advice,
    DecisionArea,
    Disclosure,
    duration_text,
    said_no,
)

#: The compliance checks a pack can turn on: each is the name of a journey rule.
Check = Literal[
    "ai-disclosure",
    "person-unreachable",
    "response-target",
    "vulnerability-unrouted",
    "decision-not-overridable",
    "decision-not-contestable",
    "rights-not-recognised",
    "handover-out-of-hours",
    "high-risk-unsupervised",
    "special-category-without-condition",
    "data-use-undeclared",
    "training-without-notice",
    "admt-without-safeguards",
]
CHECKS: tuple[str, ...] = get_args(Check)

#: A disclosure as a policy writes it (an unquoted ``no`` is YAML's false, and means ``no``).
Said = Annotated[Disclosure, BeforeValidator(said_no)]

#: A jurisdiction's name in the policy and in journeys: eu, uk, es, us-ca...
JurisdictionId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]


def closest(name: str, packs: Sequence[str]) -> str | None:
    """The pack ``name`` most likely misspells: one with the same letters in another order
    (``ue`` for ``eu``, which spelling alone ranks no closer than ``uk``), else the closest by
    spelling; None when none is close."""
    same = [p for p in packs if sorted(p) == sorted(name)]
    close = same or difflib.get_close_matches(name, list(packs), n=1)
    return close[0] if close else None


def unknown(name: str, packs: Sequence[str]) -> str:
    """What to tell someone who names a jurisdiction with no pack: the closest, and the packs."""
    close = closest(name, packs)
    guess = f"did you mean {close!r}? " if close else ""
    return f"{guess}the policy's packs are {', '.join(packs) or 'none'}"


class HighRisk(PolicyPart):
    """When an interaction is high-risk (sensitive data asked for, or personalised advice
    given), and the disclosures that are enough then."""

    personal_data: tuple[DataCategory, ...] = ()
    advice: tuple[Advice, ...] = ()
    accepts: Annotated[tuple[Said, ...], Field(min_length=1)]


#: Each check's settings: those it needs, then those it may take.
SETTINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ai-disclosure": (("accepts",), ("high_risk",)),
    "person-unreachable": ((), ()),
    "response-target": (("within",), ()),
    "vulnerability-unrouted": (("needs", "triggers"), ()),
    "decision-not-overridable": (("when",), ()),
    "decision-not-contestable": (("when",), ()),
    "rights-not-recognised": (("words", "triggers"), ()),
    "handover-out-of-hours": ((), ()),
    "high-risk-unsupervised": (("areas",), ()),
    "special-category-without-condition": (("personal_data",), ()),
    "data-use-undeclared": ((), ()),
    "training-without-notice": (("requires",), ()),
    "admt-without-safeguards": (("areas",), ()),
}
PARAMETERS = (
    "accepts",
    "high_risk",
    "within",
    "needs",
    "triggers",
    "when",
    "words",
    "areas",
    "personal_data",
    "requires",
)
#: What a pack may require of data used to train models: a notice, a way to opt out.
Requirement = Literal["notice", "opt-out"]


class Need(PolicyPart):
    """Touchpoints that meet ``when`` need people with one of ``skills``."""

    when: Condition
    skills: Annotated[tuple[Slug, ...], Field(min_length=1)]


class PackRule(PolicyPart):
    """One check a pack turns on, with the law's settings and the words of its source."""

    id: Check
    sentence: Text
    source: Text
    enabled: bool = True
    reason: Text | None = None
    approved_by: Text | None = None
    accepts: tuple[Said, ...] = ()
    high_risk: HighRisk | None = None
    within: Annotated[str | None, AfterValidator(duration_text)] = None
    needs: tuple[Need, ...] = ()
    triggers: tuple[Slug, ...] = ()
    when: Condition | None = None
    words: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    areas: tuple[DecisionArea, ...] = ()
    personal_data: tuple[DataCategory, ...] = ()
    requires: tuple[Requirement, ...] = ()


class Pack(PolicyPart):
    """The checks the law of one place asks for."""

    title: Text
    rules: tuple[PackRule, ...] = ()

    def enabled(self) -> tuple[PackRule, ...]:
        """The rules it turns on."""
        return tuple(r for r in self.rules if r.enabled)


def pack_problems(
    packs: dict[str, Pack], emotions: Sequence[str]
) -> list[tuple[tuple[str | int, ...], str]]:
    """What makes well-typed packs unusable: a setting a check does not take or lacks, a rule
    listed twice, a rule switched off without a reviewed reason."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for name, pack in packs.items():
        seen: set[str] = set()
        for i, rule in enumerate(pack.rules):
            here: tuple[str | int, ...] = ("packs", name, "rules", i)
            if rule.id in seen:
                problems.append(((*here, "id"), f"{rule.id!r} is listed twice in this pack"))
            seen.add(rule.id)
            conditions = [(("when",), rule.when)] + [
                (("needs", k, "when"), need.when) for k, need in enumerate(rule.needs)
            ]
            for where, when in conditions:
                emotion = getattr(when, "emotion", None)
                if emotion is not None and emotion not in emotions:
                    problems.append(((*here, *where, "emotion"), f"{emotion!r} is not an emotion"))
            for k, trigger in enumerate(rule.triggers):
                if trigger not in KNOWN_TRIGGERS:
                    close = difflib.get_close_matches(trigger, KNOWN_TRIGGERS, n=1)
                    guess = f"; did you mean {close[0]!r}?" if close else ""
                    problems.append(
                        (
                            (*here, "triggers", k),
                            f"{trigger!r} is not a standard escalation trigger{guess}",
                        )
                    )
            needs, takes = SETTINGS[rule.id]
            for setting in PARAMETERS:
                given = getattr(rule, setting) not in (None, ())
                if given and setting not in needs + takes:
                    problems.append(((*here, setting), f"{rule.id} takes no {setting!r}"))
                elif not given and setting in needs and rule.enabled:
                    problems.append((here, f"{rule.id} needs {setting!r}"))
            if not rule.enabled and not (rule.reason and rule.approved_by):
                problems.append(
                    (
                        (*here, "enabled"),
                        "switching off a rule of the law is a reviewed decision: "
                        "give its reason and approved_by",
                    )
                )
    return problems
