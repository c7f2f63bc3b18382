"""Every metric of a contact log, declared once: its name, kind, the log's fields it needs, its
definition and how it is computed from a group of contacts.

The order here is the order of the columns and of the computation; a metric whose fields the
log lacks is not measured, with a note naming the field. The docs' metrics table is generated
from these declarations. A new metric is one declaration here, plus a new named count or
pooled value in ``stakes.evidence.groups`` when it needs one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from stakes.evidence.fields import FIELDS

if TYPE_CHECKING:
    import numpy as np

    from stakes.evidence.groups import Level

Kind = Literal["count", "rate", "mean", "median", "percentile"]


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric: ``compute(level)`` gives its value for every group of the level (every
    touchpoint, every journey, or overall), NaN where it is not defined (0 / 0).

    A rate names what it counts (``of``: the part's mask over the whole's, None for every
    contact) and whether it counts contacts or distinct ``customers``: its numerator and
    denominator are then reported with it, and its 95% Wilson interval."""

    name: str
    kind: Kind
    needs: tuple[str, ...]  # the log's fields it cannot be measured without
    definition: str
    compute: Callable[[Level], np.ndarray]
    observes: str | None = None  # the journey signal it measures, for map --evidence
    of: tuple[str, str | None] | None = None  # a rate's part and whole (masks)
    customers: bool = False  # a rate over distinct customers, not contacts

    @property
    def whole(self) -> bool:
        """Whether its values are whole numbers (counts of contacts or customers)."""
        return self.kind in ("count", "percentile")

    def counts(self, level: Level) -> tuple[np.ndarray, np.ndarray]:
        """A rate's numerator and denominator for every group of ``level``."""
        assert self.of is not None, f"{self.name} is not a rate"
        return level.counts(*self.of, customers=self.customers)


def _count(name: str, needs: tuple[str, ...], definition: str, mask: str | None) -> Metric:
    return Metric(name, "count", needs, definition, lambda g: g.count(mask))


def _rate(
    name: str,
    needs: tuple[str, ...],
    definition: str,
    part: str,
    whole: str | None,
    *,
    customers: bool = False,
    observes: str | None = None,
) -> Metric:
    def compute(level: Level) -> np.ndarray:
        return level.ratio(part, whole, customers=customers)

    return Metric(name, "rate", needs, definition, compute, observes, (part, whole), customers)


CUSTOMERS, TIME, HANDLED = ("customer_id",), ("customer_id", "timestamp"), ("handled_by",)
#: What resolution that holds is measured against, over the contacts it can be told for.
DEFL = ("deflected", "ai")
FOLLOWED = ", of contacts the log follows for a whole window"
LATER = "no further contact of the customer on the same journey within the window"

#: The share of each way the log says contacts were handled, of bots and self-service together,
#: and of those they kept from a person (``alone``, compared with the verdict).
_HANDLED = tuple(
    _rate(
        f"handled_{name}_share",
        needs,
        f"contacts the log says {who} / contacts with a handler in the log",
        f"by_{name}",
        "labelled",
    )
    for name, who, needs in (
        ("ai", "a bot handled", HANDLED),
        ("self_service", "self-service handled", HANDLED),
        ("human", "a person handled", HANDLED),
        ("hybrid", "a person with AI handled", HANDLED),
        ("automated", "a bot or self-service handled", HANDLED),
        ("alone", "a bot or self-service handled without escalating", (*HANDLED, "escalated")),
    )
)

METRICS: tuple[Metric, ...] = (
    _count("contacts", (), "contacts matched to the touchpoint", None),
    Metric(
        "customers",
        "count",
        CUSTOMERS,
        "distinct customer ids among them",
        lambda g: g.distinct("has_customer"),
    ),
    _count("ai_contacts", (), "AI-handled contacts", "ai"),
    _rate("ai_share", (), "AI-handled contacts / contacts", "ai", None),
    *_HANDLED,
    _count("deflected", ("escalated",), "AI-handled contacts not escalated", "deflected"),
    _rate("deflection_rate", ("escalated",), "AI-handled, not escalated / AI-handled", *DEFL),
    _rate(
        "escalation_rate",
        ("escalated",),
        "AI-handled, escalated / AI-handled",
        "ai_escalated",
        "ai",
    ),
    _rate(
        "human_exposure",
        ("escalated",),
        "contacts a person saw (handled by people, or escalated to one) / contacts",
        "seen_by_person",
        None,
    ),
    _rate(
        "resolution_rate",
        ("resolved",),
        "resolved contacts / contacts whose resolution the log gives",
        "resolved",
        "resolution_known",
    ),
    _count(
        "deflected_unresolved",
        ("escalated", "resolved"),
        "AI-handled, not escalated, not resolved",
        "deflected_unresolved",
    ),
    _rate(
        "deflected_unresolved_rate",
        ("escalated", "resolved"),
        "AI-handled, not escalated, not resolved / AI-handled, not escalated (resolution given)",
        "deflected_unresolved",
        "deflected_known",
    ),
    _rate(
        "verified_resolution_rate",
        (*TIME, "resolved"),
        f"resolved, with {LATER} / contacts whose resolution the log gives{FOLLOWED}",
        "verified",
        "known_windowed",
    ),
    _count(
        "assumed_resolutions",
        (*TIME, "resolved"),
        "resolved by the log's flag, but the customer contacted us again on the same journey "
        "within the window",
        "assumed",
    ),
    _rate(
        "assumed_resolution_rate",
        (*TIME, "resolved"),
        f"assumed resolutions / resolved contacts{FOLLOWED}",
        "assumed",
        "resolved_windowed",
    ),
    _count(
        "lost_quietly",
        (*TIME, "escalated", "resolved"),
        f"AI-handled, not escalated, not resolved, and {LATER}",
        "lost",
    ),
    _rate(
        "lost_quietly_rate",
        (*TIME, "escalated", "resolved"),
        f"lost quietly / AI-handled, not escalated, resolution given{FOLLOWED}",
        "lost",
        "deflected_known_windowed",
    ),
    _count(
        "bot_then_person",
        TIME,
        "AI-handled contacts followed by a contact with a person, same customer, same journey, "
        "within the window",
        "bot_then_person",
    ),
    _rate(
        "bot_then_person_rate",
        TIME,
        f"bot then person / AI-handled contacts{FOLLOWED}",
        "bot_then_person",
        "ai_windowed",
    ),
    Metric(
        "median_minutes_to_person",
        "median",
        TIME,
        "median minutes from a bot-then-person contact to the person",
        lambda g: g.median("to_person", "reached_person"),
    ),
    _rate(
        "person_within_target_rate",
        TIME,
        "bot-then-person contacts that reached the person within the target time / "
        "bot-then-person contacts",
        "in_target",
        "reached_person",
    ),
    _rate(
        "repeat_contact_rate",
        TIME,
        "customers with a contact followed by another of theirs on the touchpoint within the "
        "window / customers",
        "repeat",
        "windowed",
        customers=True,
        observes="repeat_contact_rate",
    ),
    _rate(
        "repeat_contact_share",
        TIME,
        "contacts followed by another contact of the same customer on the same touchpoint "
        "within the window / contacts",
        "repeat",
        "windowed",
    ),
    Metric(
        "looping_customers",
        "count",
        TIME,
        "customers with 3 or more contacts on the touchpoint within one window",
        lambda g: g.distinct("looping"),
    ),
    Metric("csat", "mean", ("csat",), "mean CSAT of rated contacts", lambda g: g.mean("rated")),
    Metric(
        "csat_ai",
        "mean",
        ("escalated", "csat"),
        "mean CSAT of AI-handled, not escalated contacts (rated ones)",
        lambda g: g.mean("rated_ai"),
    ),
    Metric(
        "csat_human",
        "mean",
        ("escalated", "csat"),
        "mean CSAT of the other rated contacts (people, hybrid, and escalated bot contacts)",
        lambda g: g.mean("rated", but_not="rated_ai"),
    ),
    Metric(
        "prior_contacts_p90",
        "percentile",
        TIME,
        "the 90th percentile, over contacts, of the customer's earlier contacts on the "
        "touchpoint within the window",
        lambda g: g.p90_prior(),
        observes="prior_contacts",
    ),
    Metric(
        "median_resolution_minutes",
        "median",
        ("resolved_at",),
        "median minutes from the contact to its resolution, over contacts that have both",
        lambda g: g.median("minutes"),
    ),
)


def names() -> tuple[str, ...]:
    """Every metric's name, in order: the columns of ``Evidence.touchpoints``."""
    return tuple(m.name for m in METRICS)


@cache
def needs() -> dict[str, tuple[str, ...]]:
    """Each field some metric needs, in the log's field order, and the metrics it is
    needed by."""
    out: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        wanting = tuple(m.name for m in METRICS if field in m.needs)
        if wanting:
            out[field] = wanting
    return out


def observing() -> dict[str, Metric]:
    """The metrics that measure a journey signal, by the signal's name."""
    return {m.observes: m for m in METRICS if m.observes is not None}


def rates() -> tuple[Metric, ...]:
    """The metrics that are rates: each has a numerator, a denominator and an interval."""
    return tuple(m for m in METRICS if m.of is not None)
