"""The journey format, version 1: typed models that validate a journey and give its JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict

from stakes.journey.base import FormatModel
from stakes.journey.data_use import DataUse
from stakes.journey.evidence_claim import TouchpointEvidence
from stakes.journey.signals import SLUG, Signals
from stakes.journey.values import (
    CURRENCY,
    KNOWN_TRIGGERS,
    Advice,
    Channel,
    Decider,
    DecisionArea,
    Disclosure,
    Handler,
    Hours,
    Interaction,
    Verdict,
    duration_text,
    said_no,
    zone_name,
)

TARGET = r"^[a-z0-9][a-z0-9-]*(#[a-z0-9][a-z0-9-]*)?$"

Slug = Annotated[str, Field(pattern=SLUG, max_length=100)]
Text = Annotated[str, Field(min_length=1)]


class Escalation(FormatModel):
    """How a customer gets from this touchpoint to a human."""

    to: Annotated[
        str,
        Field(
            pattern=TARGET,
            description="A touchpoint id in this journey, or other-journey#touchpoint-id.",
        ),
    ]
    triggers: Annotated[
        tuple[Slug, ...],
        Field(
            description="What starts the handover: "
            + ", ".join(KNOWN_TRIGGERS)
            + ", or a trigger the project declares in its configuration.",
            json_schema_extra={"examples": [list(KNOWN_TRIGGERS)]},
        ),
    ] = ()
    keeps_context: Annotated[
        bool,
        Field(
            description="Does the human receive the history, so the customer is not asked again?"
        ),
    ] = True
    offer_after_turns: Annotated[
        int | None, Field(ge=1, description="A human is offered after at most this many bot turns.")
    ] = None
    response_target: Annotated[
        str | None,
        AfterValidator(duration_text),
        Field(description="How soon a person answers once handed over: 3m, 90s, 2h, 1d."),
    ] = None
    out_of_hours: Annotated[
        str | None,
        Field(
            pattern=TARGET,
            description="Where the customer is handed over when the people at `to` are not "
            "there: a touchpoint id, or other-journey#touchpoint-id.",
        ),
    ] = None


class Override(FormatModel):
    """A reviewed exception to the computed verdict."""

    verdict: Verdict
    reason: Text | None = None
    approved_by: Text | None = None
    expires: Annotated[
        dt.date | None,
        Strict(False),
        Field(description="ISO date (YYYY-MM-DD); lint fails once it has passed."),
    ] = None
    ticket: Text | None = None

    @property
    def unreviewed(self) -> tuple[str, ...]:
        """What the override lacks to be reviewed: ``reason``, ``approved_by``, both or neither."""
        return tuple(name for name in ("reason", "approved_by") if not getattr(self, name))


class Touchpoint(FormatModel):
    """One moment where the customer meets the organisation."""

    id: Slug
    title: Text
    channel: Channel
    handled_by: Annotated[Handler, Field(description="How the touchpoint is handled today.")]
    interaction: Annotated[
        Interaction,
        Field(
            description="conversation (default), form (the customer fills it in), notification "
            "(sent to the customer, no conversation), or view (information shown)."
        ),
    ] = "conversation"
    decided_by: Annotated[
        Decider | None,
        Field(
            description="Who takes the decision made here: ai, human, hybrid or none. Default: "
            "none when no significant or legal decision is taken, else the handler "
            "(self-service counts as ai)."
        ),
    ] = None
    description: str | None = None
    signals: Signals = Signals()
    escalation: Escalation | None = None
    override: Override | None = None
    evidence: Annotated[
        TouchpointEvidence | None,
        Field(description="How a contact log names this touchpoint's contacts (stakes evidence)."),
    ] = None
    discloses_ai: Annotated[
        Disclosure | None,
        BeforeValidator(said_no),
        Field(
            description="Where AI talks to the customer: how it tells them it is an AI "
            "(at-start, throughout, on-request, obvious with a disclosure_reason, or no; "
            "YAML reads an unquoted no as false, which means the same); agent-facing: a hybrid "
            "moment whose AI only helps the agent."
        ),
    ] = None
    disclosure_reason: Annotated[
        Text | None, Field(description="Why it is obvious to customers that they talk to an AI.")
    ] = None
    advice: Annotated[
        tuple[Advice, ...], Field(description="Personalised advice given: financial, legal...")
    ] = ()
    skills: Annotated[
        tuple[Slug, ...],
        Field(description="What its people are trained for: vulnerability, bereavement, debt..."),
    ] = ()
    can_override: Annotated[
        bool | None, Field(description="May the people here change an automated decision?")
    ] = None
    hours: Hours | None = None
    contest: Annotated[
        str | None,
        Field(
            pattern=TARGET,
            description="Where a customer contests the decision taken here: a touchpoint id, "
            "or other-journey#touchpoint-id.",
        ),
    ] = None
    decision_area: Annotated[
        DecisionArea | None,
        Field(description="What the decision is about (EU AI Act Annex III: creditworthiness...)"),
    ] = None
    oversight: Annotated[
        Text | None, Field(description="Who oversees the automated decision and can reverse it.")
    ] = None
    data_use: Annotated[
        DataUse | None,
        Field(
            description="What customer data it uses, for what and on what basis (its "
            "categories are signals.personal_data)."
        ),
    ] = None

    @property
    def decider(self) -> str:
        """Who takes the decision made here: ``decided_by``, else ``none`` when no significant
        or legal decision is taken, else the handler (self-service counts as ``ai``)."""
        if self.decided_by is not None:
            return self.decided_by
        if self.signals.decision_effect in ("none", "informational"):
            return "none"
        return "ai" if self.handled_by == "self-service" else self.handled_by

    @property
    def announces_nothing(self) -> bool:
        """A notification or a view that announces no decision: it holds no conversation."""
        return self.interaction in ("notification", "view") and self.decider == "none"

    @property
    def acting(self) -> str:
        """Who the verdict is compared with: at a conversation, whoever handles it; at a form,
        notice or page, whoever decides (its handler when nothing is decided)."""
        if self.interaction == "conversation":
            return self.handled_by
        decider = self.decider
        return self.handled_by if decider == "none" else decider


class Stage(FormatModel):
    """A phase of the journey, holding its touchpoints."""

    id: Slug
    title: Text
    touchpoints: Annotated[tuple[Touchpoint, ...], Field(min_length=1)]


class Journey(FormatModel):
    """A customer journey: one per file."""

    model_config = ConfigDict(
        title="stakes journey",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "description": "A customer journey for stakes (format version 1): stages, "
            "touchpoints and the signals that raise the stakes.",
        },
    )

    journey: Annotated[str, Field(pattern=SLUG, max_length=100, description="Unique slug.")]
    title: Text
    owner: Annotated[
        str | None, Field(description="Team accountable for the journey (lint warns when missing).")
    ] = None
    persona: str | None = None
    description: str | None = None
    currency: Annotated[
        str | None, Field(pattern=CURRENCY, description="ISO 4217 code, e.g. EUR.")
    ] = None
    tags: tuple[str, ...] = ()
    timezone: Annotated[
        str | None,
        AfterValidator(zone_name),
        Field(description="The IANA time zone its hours are in, e.g. Europe/Madrid (default UTC)."),
    ] = None
    jurisdictions: Annotated[
        tuple[Slug, ...] | None,
        Field(
            description="Where its customers are: the rule packs that apply (eu, uk, es, us-ca, "
            "us-ut, us-cfpb, or a pack the policy adds). Default: [tool.stakes] jurisdictions."
        ),
    ] = None
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]

    def touchpoints(self) -> list[tuple[Stage, Touchpoint]]:
        """Every touchpoint with its stage, in file order."""
        return [(stage, tp) for stage in self.stages for tp in stage.touchpoints]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the journey format."""
    schema = Journey.model_json_schema(mode="validation")
    # The loader compares YAML dates; in JSON Schema terms an ISO date is a string.
    return schema
