"""What each lane of a service blueprint is, and what its cells say of a touchpoint: who
handles it and who takes a decision there, each guess with the words and the cell it rests on.

A lane's ``role`` says what it is: the customer's actions, people on stage or off it, the
technology the customer uses or that works behind the scenes, a review. A lane with no role
(or one stakes does not know) is read from its name and what it lists: KPIs and tools are a
person's work (``kpis`` says what the lane's actor is measured on), names such as
``Technician`` or ``Support`` are people, ``Compliance`` or ``Audit`` a review, ``System`` or
``Database`` technology; any other lane's cells are only kept in the descriptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from stakes.interchange import guess
from stakes.interchange.blueprint_ir import Cell, Lane
from stakes.interchange.draft import one_line

CUSTOMER, PEOPLE, TECH, OVERSIGHT, OTHER, VISUAL = (
    "customer",
    "people",
    "tech",
    "oversight",
    "other",
    "visual",
)
#: Each role the IR names (its own and the later version's), as (kind, customer-facing).
ROLES: dict[str, tuple[str, bool]] = {
    "customer_actions": (CUSTOMER, True),
    "frontstage_actions": (PEOPLE, True),
    "frontstage_tech": (TECH, True),
    "frontstage_touchpoints": (TECH, True),
    "backstage_actions": (PEOPLE, False),
    "backstage_tech": (TECH, False),
    "backstage_touchpoints": (TECH, False),
    "support_systems": (TECH, False),
    "compliance_review": (OVERSIGHT, False),
    "visual": (VISUAL, False),
    "step_visual": (VISUAL, False),
}


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


STAFF = guess.STAFF_ACTORS | _set("contractor contractors inspector worker workers caseworker")
REVIEW = _set("compliance review reviews audit auditor legal risk quality qa governance")
SYSTEMS = _set("system systems software database db crm erp backend server platform etl")
#: Words of a technology that talks to the customer by itself.
BOTS = _set("ai bot bots chatbot assistant llm gpt copilot virtual ivr voicebot")
#: Words of a line, a place or a group where people answer the customer.
ANSWERED = _set("hotline helpline phone telephone desk counter group office switchboard")
#: Words of work done by hand: a "Paper Ledger" in a technology lane is people's work.
MANUAL = _set("manual manually paper ledger spreadsheet spreadsheets excel whiteboard")
#: Words of a step or a cell that say a decision is taken there.
DECISION = re.compile(
    r"\b(?:triag\w*|prioriti[sz]\w*|priority|approv\w*|decid\w*|decision\w*|assess\w*|"
    r"eligib\w*|reject\w*|refus\w*|deny|denied|declin\w*|grant\w*|adjudicat\w*|"
    r"underwrit\w*|scor(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Kind:
    """What a lane is: ``kind``, whether it faces the customer, and why, for a lane read from
    its name rather than its role ("" for a known role)."""

    kind: str
    front: bool
    why: str = ""


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("_", " ")))


def kind_of(lane: Lane) -> Kind:
    """What the lane is, from its role, else from its name and what it lists."""
    if lane.role in ROLES:
        kind, front = ROLES[lane.role]
        return Kind(kind, front)
    said = f"role {lane.role!r}" if lane.role else "no role"
    named = words(f"{lane.words} {lane.role or ''}")
    if lane.staffed:
        return Kind(PEOPLE, False, f"{said}; read as people: it lists KPIs or tools on a path")
    if found := sorted(named & STAFF):
        return Kind(PEOPLE, False, f"{said}; read as people from {found[0]!r}")
    if found := sorted(named & guess.CUSTOMER_ACTORS):
        return Kind(CUSTOMER, True, f"{said}; read as the customer from {found[0]!r}")
    if found := sorted(named & REVIEW):
        return Kind(OVERSIGHT, False, f"{said}; read as a review from {found[0]!r}")
    if found := sorted(named & SYSTEMS):
        return Kind(TECH, False, f"{said}; read as technology from {found[0]!r}")
    return Kind(OTHER, False, f"{said}: what it says is kept in the descriptions")


def items(cell: Cell) -> list[str]:
    """The cell's items: a technology lane lists one system a line ("GIS Portal\\nApp")."""
    return [one_line(line) for line in cell.content.splitlines() if line.strip()]


def item_handler(item: str) -> str:
    """Who handles the customer at one item of a customer-facing technology lane: a bot is
    ``ai``, a hotline or a group people answer is ``human``, else the customer serves
    themselves (a portal, an app, a form, a text gateway)."""
    said = words(item)
    if said & BOTS:
        return "ai"
    if said & ANSWERED:
        return "human"
    return "self-service"


def combined(handlers: Iterable[str]) -> str:
    """One handler for several: AI and people together are ``hybrid``."""
    found = set(handlers)
    if "hybrid" in found or {"ai", "human"} <= found:
        return "hybrid"
    for value in ("human", "ai"):
        if value in found:
            return value
    return "self-service"


def decides(text: str) -> str:
    """The word of ``text`` that says a decision is taken (``triage``), or ""."""
    found = DECISION.search(text)
    return found.group(0) if found else ""


def worker(cell: Cell, lane: Lane, kind: Kind) -> str:
    """Who does a cell's work at a step, as a decision-taker: ``human``, ``ai`` (a system
    alone) or "" (the customer, or a lane that does not say)."""
    said = words(f"{cell.content} {cell.description}")
    if kind.kind == PEOPLE:
        return "human"
    if kind.kind == TECH:
        if said & MANUAL:
            return "human"
        return "ai" if not kind.front or said & BOTS else ""
    if kind.kind == OVERSIGHT:
        if said & (MANUAL | STAFF) or words(lane.words) & STAFF:
            return "human"
        return "ai" if said & (BOTS | SYSTEMS) else ""
    return ""


def decider(workers: list[tuple[str, str]]) -> guess.Guess | None:
    """Who takes a decision, from who works at its step (each with where it was said)."""
    people = [where for who, where in workers if who == "human"]
    systems = [where for who, where in workers if who == "ai"]
    if people and systems:
        return guess.Guess("hybrid", f"people and systems work there ({_listed(people + systems)})")
    if people:
        return guess.Guess("human", f"people work there ({_listed(people)})")
    if systems:
        return guess.Guess("ai", f"only systems work there ({_listed(systems)})")
    return None


def _listed(places: list[str]) -> str:
    return "; ".join(places)
