"""Who handles a step and on which channel, guessed from the words a diagram or a blueprint
uses, each guess with the words it rests on so that the analyst can check it.

The actors decide first: an AI actor (``System``, ``Bot``, ``AI``, ``Assistant``) makes the
step ``ai``; a person of the organisation (``Agent``, ``Advisor``, ``Support``, ``Team``, or
any actor who is neither the customer nor a system: ``Sales``, ``Dispatcher``) makes it
``human``; both make it ``hybrid``. A step credited only to the customer (the persona) is the
customer's own, ``self-service``, unless its name says who they deal with: diagrams often
credit every step to the persona, even "AI asks simple questions".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import get_args

from stakes.journey.values import Channel
from stakes.journey.words import WORDS


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words in an actor's name that make it an AI or a system.
AI_ACTORS = _set(
    "ai bot chatbot assistant system automation automated llm gpt copilot virtual algorithm "
    "engine model platform app ivr gps"
)
#: Words in an actor's name that make it a person of the organisation.
STAFF_ACTORS = _set(
    "agent agents advisor adviser advisors support team staff specialist representative rep "
    "operator operators manager sales dispatcher billing underwriter adjuster adjusters "
    "processor technician engineer nurse doctor clerk officer consultant expert reviewer "
    "analyst helpdesk csr cs human humans person employee crew banker broker"
)
#: Words in an actor's name that make it the customer.
CUSTOMER_ACTORS = _set(
    "customer customers user users client clients me i member buyer shopper patient guest "
    "citizen visitor subscriber policyholder applicant traveller traveler passenger tenant "
    "consumer you caller requester"
)
#: Words in a step's name that say an AI or a system handles it.
AI_NAME = re.compile(
    r"\b(?:ai|a\.i\.|chat ?bot|bot|virtual (?:agent|assistant)|assistant|automated|"
    r"automatically|auto-?\w+|smart \w+|llm)\b",
    re.IGNORECASE,
)
#: Words in a step's name that say a person of the organisation handles it.
STAFF_NAME = re.compile(
    r"\b(?:agent|advisor|adviser|representative|specialist|call cent(?:re|er)|on hold|"
    r"transferred|speaks? (?:to|with)|talks? (?:to|with)|human)\b",
    re.IGNORECASE,
)
CHANNELS: tuple[str, ...] = get_args(Channel)
#: Words for a channel that do not mean one on their own ("post a review", "shop around").
_AMBIGUOUS = frozenset({"text", "post", "paper", "store", "shop", "form", "mobile", "voice"})
#: Channel words of steps that ``WORDS`` (the words for a value people write) does not hold.
_STEP_CHANNELS = {
    "callback": "phone",
    "hotline": "phone",
    "calls": "phone",
    "phones": "phone",
    "emails": "email",
    "mailbox": "email",
    "inbox": "email",
    "wechat": "messaging",
    "telegram": "messaging",
    "messenger": "messaging",
    "pwa": "app",
    "site": "web",
    "webpage": "web",
    "page": "web",
    "dashboard": "web",
    "kiosk": "in-person",
    "visit": "in-person",
    "visits": "in-person",
}


@dataclass(frozen=True, slots=True)
class Guess:
    """A value guessed and why (the words it rests on), for a ``# guessed`` note."""

    value: str
    why: str


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9.]+", text.lower().replace("-", " "))


def kind_of(actor: str, persona: str) -> str:
    """``ai``, ``staff`` or ``customer``: what an actor of a step is."""
    if actor == persona:
        return "customer"
    words = set(_words(actor))
    if words & AI_ACTORS:
        return "ai"
    if words & CUSTOMER_ACTORS:
        return "customer"
    return "staff"  # anyone else named in a step: a person of the organisation


def said_handler(text: str) -> str | None:
    """The handler a word for who handles a step names (``Bot``, ``Billing team``,
    ``Customer``), or None when it names none of them."""
    words = set(_words(text))
    if words & AI_ACTORS:
        return "ai"
    if words & STAFF_ACTORS:
        return "human"
    if words & CUSTOMER_ACTORS:
        return "self-service"
    return None


def persona(actors: Iterable[str]) -> str:
    """The customer of a diagram: the actor named like one (``Customer``, ``User``), else
    the one credited with the most steps if it is not a system or a role."""
    counts = Counter(actors)
    for name, _ in counts.most_common():
        if set(_words(name)) & CUSTOMER_ACTORS:
            return name
    for name, _ in counts.most_common(1):
        if not set(_words(name)) & (AI_ACTORS | STAFF_ACTORS):
            return name
    return ""


def handler(name: str, actors: Sequence[str], customer: str) -> Guess:
    """Who handles the step ``name`` credited to ``actors`` (``customer`` is the persona)."""
    kinds = {actor: kind_of(actor, customer) for actor in actors}
    ai = [a for a, k in kinds.items() if k == "ai"]
    staff = [a for a, k in kinds.items() if k == "staff"]
    if ai and staff:
        return Guess("hybrid", f"from the actors {_listed(ai + staff)}")
    if staff:
        return Guess("human", f"from the actor{'s' * (len(staff) > 1)} {_listed(staff)}")
    if ai:
        return Guess("ai", f"from the actor{'s' * (len(ai) > 1)} {_listed(ai)}")
    credited = f"the step is credited to {_listed(actors)}" if actors else "no actor is named"
    said_ai, said_staff = AI_NAME.search(name), STAFF_NAME.search(name)
    if said_ai and said_staff:
        return Guess("hybrid", f"from {said_ai.group(0)!r} and {said_staff.group(0)!r} in its name")
    if said_ai:
        return Guess("ai", f"from {said_ai.group(0)!r} in its name; {credited}")
    if said_staff:
        return Guess("human", f"from {said_staff.group(0)!r} in its name; {credited}")
    return Guess("self-service", f"the customer's own step: {credited}")


def channel(*texts: str) -> Guess | None:
    """The channel the words of ``texts`` name (``chatbot`` is chat, ``portal`` web), or None."""
    words = WORDS["channel"]
    for text in texts:
        tokens = _words(text)
        for i, token in enumerate(tokens):
            for said in (f"{token}-{tokens[i + 1]}" if i + 1 < len(tokens) else "", token):
                if not said or said in _AMBIGUOUS:
                    continue
                value = said if said in CHANNELS else words.get(said) or _STEP_CHANNELS.get(said)
                if value is not None and value != "other":
                    return Guess(value, f"from {said!r} in {text!r}")
    return None


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names)
