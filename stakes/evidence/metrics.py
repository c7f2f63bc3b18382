"""Every metric of a contact log, declared once: its name, kind, the log's fields it needs, its
definition and how it is computed from a group of contacts.

The order here is the order of the columns and of the computation; a metric whose fields the
log lacks is not computed and is listed as not measured, with a note naming the field. The
docs' metrics table is generated from these declarations. A new metric is one declaration
here, plus a new named count or pooled value in ``stakes.evidence.groups`` when it needs one.
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
    touchpoint, every journey, or overall), NaN where it is not defined (0 / 0)."""

    name: str
    kind: Kind
    needs: tuple[str, ...]  # the log's fields it cannot be measured without
    definition: str
    compute: Callable[[Level], np.ndarray]
    observes: str | None = None  # the journey signal it measures, for map --evidence

    @property
    def whole(self) -> bool:
        """Whether its values are whole numbers (counts of contacts or customers)."""
        return self.kind in ("count", "percentile")


CUSTOMERS, TIME = ("customer_id",), ("customer_id", "timestamp")

METRICS: tuple[Metric, ...] = (
    Metric("contacts", "count", (), "contacts matched to the touchpoint", lambda g: g.count()),
    Metric(
        "customers",
        "count",
        CUSTOMERS,
        "distinct customer ids among them",
        lambda g: g.distinct("has_customer"),
    ),
    Metric("ai_contacts", "count", (), "AI-handled contacts", lambda g: g.count("ai")),
    Metric("ai_share", "rate", (), "AI-handled contacts / contacts", lambda g: g.ratio("ai", None)),
    Metric(
        "deflected",
        "count",
        ("escalated",),
        "AI-handled contacts not escalated",
        lambda g: g.count("deflected"),
    ),
    Metric(
        "deflection_rate",
        "rate",
        ("escalated",),
        "AI-handled, not escalated / AI-handled",
        lambda g: g.ratio("deflected", "ai"),
    ),
    Metric(
        "escalation_rate",
        "rate",
        ("escalated",),
        "AI-handled, escalated / AI-handled",
        lambda g: g.ratio("ai_escalated", "ai"),
    ),
    Metric(
        "resolution_rate",
        "rate",
        ("resolved",),
        "resolved contacts / contacts",
        lambda g: g.ratio("resolved", None),
    ),
    Metric(
        "deflected_unresolved",
        "count",
        ("escalated", "resolved"),
        "AI-handled, not escalated, not resolved",
        lambda g: g.count("deflected_unresolved"),
    ),
    Metric(
        "deflected_unresolved_rate",
        "rate",
        ("escalated", "resolved"),
        "AI-handled, not escalated, not resolved / AI-handled, not escalated",
        lambda g: g.ratio("deflected_unresolved", "deflected"),
    ),
    Metric(
        "repeat_contact_rate",
        "rate",
        TIME,
        "contacts followed by another contact of the same customer on the same touchpoint "
        "within the window / contacts",
        lambda g: g.ratio("repeat", "windowed"),
        observes="repeat_contact_rate",
    ),
    Metric(
        "looping_customers",
        "count",
        TIME,
        "customers with 3 or more contacts on the touchpoint within one window",
        lambda g: g.distinct("looping"),
    ),
    Metric("csat", "mean", ("csat",), "mean CSAT of the rated contacts", lambda g: g.mean("rated")),
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
        lambda g: g.median_minutes(),
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
