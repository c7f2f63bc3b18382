"""The values journey fields take: channels, handlers, triggers, and the fields the rule packs
read (disclosure, advice, decision areas, hours, durations, time zones)."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from stakes.journey import hours

Channel = Literal[
    "chat",
    "email",
    "phone",
    "web",
    "app",
    "sms",
    "social",
    "messaging",
    "ivr",
    "in-person",
    "letter",
    "other",
]
Handler = Literal["ai", "human", "hybrid", "self-service"]
#: What kind of moment it is: a conversation, a form the customer fills in, a notice sent to
#: them (a letter, a text or an e-mail they cannot answer in the same place), a page that
#: shows them information.
Interaction = Literal["conversation", "form", "notification", "view"]
#: Who takes the decision made at a touchpoint (``none``: no decision is taken there).
Decider = Literal["ai", "human", "hybrid", "none"]
Verdict = Literal["automate", "guarded", "assist", "human-only"]

#: The standard escalation triggers; a project declares more in its configuration (STK022).
KNOWN_TRIGGERS: tuple[str, ...] = (
    "customer-request",
    "negative-sentiment",
    "repeat-contact",
    "amount-over-limit",
    "vulnerability-detected",
    "no-progress",
    "keyword",
    "rights-invoked",
)

CURRENCY = r"^[A-Z]{3}$"  # an ISO 4217 code
AI_HANDLERS: frozenset[str] = frozenset({"ai", "self-service"})
#: How an AI that talks to customers tells them it is an AI.
#: ``agent-facing``: a hybrid moment whose AI only helps the agent and never talks to the customer.
Disclosure = Literal["at-start", "throughout", "on-request", "obvious", "no", "agent-facing"]
#: Personalised advice a touchpoint gives (Utah counts it as a high-risk interaction).
Advice = Literal["financial", "legal", "medical", "mental-health"]
#: Areas where a decision about a person is high-risk: the EU AI Act's (Annex III), and the
#: significant decisions of California's rules on automated decisionmaking (CPPA §7001).
DecisionArea = Literal[
    "creditworthiness",
    "insurance-pricing",
    "public-benefits",
    "emergency-triage",
    "employment",
    "financial-services",
    "housing",
    "education",
    "healthcare",
    "other",
]


def _hours_type(value: object) -> object:
    # One error for a value that is neither text nor a list of text, not one per union member.
    if isinstance(value, list | tuple):
        if all(isinstance(v, str) for v in value):
            return value
        raise PydanticCustomError("hours_type", "A list of text like mon-fri 08:00-18:00")
    if isinstance(value, str):
        return value
    raise PydanticCustomError("hours_type", "Text like 24/7 or mon-fri 08:00-18:00, or a list")


def _hours(value: str | tuple[str, ...]) -> str | tuple[str, ...]:
    if not hours.parse(value):  # a ValueError says what is wrong
        raise ValueError("no hours given; write 24/7 or like mon-fri 08:00-18:00")
    return value


def said_no(value: object) -> object:
    """``discloses_ai: no``: YAML reads an unquoted ``no`` as false, and means ``no``."""
    return "no" if value is False else value


def duration_text(value: str | None) -> str | None:
    """A duration as written, checked; None (``response_target: ~``) is not given."""
    if value is not None:
        hours.duration(value)
    return value


@cache
def _zones() -> frozenset[str]:
    from zoneinfo import available_timezones

    # `localtime` is this machine's zone, not a journey's: results would differ by machine.
    return frozenset(available_timezones()) - {"localtime", "posixrules"}


def zone_name(value: str | None) -> str | None:
    """An IANA time zone the system (or the tzdata package) knows, checked; None
    (``timezone: ~``) is not given; a ValueError names the closest zone."""
    import difflib
    from zoneinfo import ZoneInfo

    if value is None:
        return None
    if value in _zones():
        try:
            ZoneInfo(value)
            return value
        except (KeyError, ValueError, OSError):  # listed, but not a zone file here
            pass
    zones = {z.lower(): z for z in _zones()}
    close = difflib.get_close_matches(value[:64].lower(), sorted(zones), n=1)
    guess = f"did you mean {zones[close[0]]!r}? " if close else ""
    raise ValueError(
        f"{value[:64]!r} is not a time zone; {guess}write an IANA name like Europe/Madrid or UTC"
    )


Hours = Annotated[
    str | tuple[str, ...],
    BeforeValidator(_hours_type),
    AfterValidator(_hours),
    Field(
        description="When it runs or a person is there: 24/7, or spans like "
        "'mon-fri 08:00-18:00' (a list for several), in the journey's timezone.",
        json_schema_extra={"examples": ["24/7", ["mon-fri 08:00-18:00", "sat 09:00-13:00"]]},
    ),
]
