"""Escalations and ids: ids unique within a journey, escalation targets that exist, and what
the checks across files need of each file (its outline): duplicate journey slugs and targets
in other journeys."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from stakes.findings import Finding, Rule, finding, format_path
from stakes.journey import format_rules as R
from stakes.journey.keys import other_journey, split_key
from stakes.journey.model import TARGET
from stakes.journey.plain import Positions, get, items, subject_of, touchpoints

#: Where a touchpoint names another touchpoint, and what that target is called in messages.
TARGETS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("escalation", "to"), "escalation target"),
    (("escalation", "out_of_hours"), "out-of-hours target"),
    (("contest",), "contest target"),
)


def targets(tp: dict[str, Any]) -> Iterable[tuple[tuple[str, ...], str, str]]:
    """Each touchpoint a touchpoint's data names: (where, the target, what it is called)."""
    for where, what in TARGETS:
        target = get(tp, where)
        if isinstance(target, str) and re.fullmatch(TARGET, target):
            yield where, target, what


class Report(Protocol):
    """How a check reports a problem: the rule, the data path, the message and a hint."""

    def __call__(
        self, rule: Rule, path: Sequence[str | int], message: str, hint: str = ""
    ) -> None: ...


def ids_and_targets(data: dict[str, Any], journey: str, add: Report) -> None:
    """Duplicate stage and touchpoint ids, and escalation targets inside this journey."""
    stage_ids: dict[str, int] = {}
    tp_ids: dict[str, tuple[str | int, ...]] = {}
    escalations: list[tuple[tuple[str | int, ...], str, str]] = []
    for path, tp in touchpoints(data):
        for where, target, what in targets(tp):
            escalations.append(((*path, *where), target, what))
    for i, stage in items(data.get("stages")):
        sid = stage.get("id") if isinstance(stage, dict) else None
        if isinstance(sid, str):
            if sid in stage_ids:
                add(
                    R.DUPLICATE_ID,
                    ("stages", i, "id"),
                    f"stage id {sid!r} is already used by stages[{stage_ids[sid]}]",
                )
            stage_ids.setdefault(sid, i)
    for path, tp in touchpoints(data):
        tid = tp.get("id")
        if isinstance(tid, str):
            if tid in tp_ids:
                add(
                    R.DUPLICATE_ID,
                    (*path, "id"),
                    f"touchpoint id {tid!r} is already used by {format_path(tp_ids[tid])}",
                    "touchpoint ids are unique across all stages of a journey",
                )
            tp_ids.setdefault(tid, path)
    for path, target, what in escalations:
        if "#" not in target and target not in tp_ids:
            add(
                R.UNKNOWN_TARGET,
                path,
                f"{what} {target!r} is not a touchpoint of this journey",
                suggest(target, list(tp_ids)),
            )
        elif target.startswith(f"{journey}#") and target.split("#")[1] not in tp_ids:
            add(
                R.UNKNOWN_TARGET,
                path,
                f"{what} {target!r} is not a touchpoint of this journey",
                suggest(target.split("#")[1], list(tp_ids), f"{journey}#"),
            )


def suggest(
    name: str, ids: list[str], prefix: str = "", most: int = 8, what: str = "touchpoints"
) -> str:
    """A hint for an unknown touchpoint id (or journey slug): the closest one, and the ones
    there are."""
    close = difflib.get_close_matches(name, ids, n=1, cutoff=0.6)
    there = f"the {what} are {listed(ids, most)}" if ids else f"there are no {what}"
    return f"did you mean '{prefix}{close[0]}'? {there}" if close else there


def listed(names: Sequence[str], most: int = 8) -> str:
    """``a, b, c and 5 more``: the first ``most`` names, and how many are not shown."""
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


@dataclass(frozen=True, slots=True)
class Reference:
    """An escalation into another journey, with where it is written."""

    target: str
    path: str
    line: int
    col: int
    subject: str
    what: str = "escalation target"


@dataclass(frozen=True, slots=True)
class Outline:
    """What cross-file checks need of one file, small enough to keep for thousands of files."""

    file: str
    journey: str
    touchpoints: frozenset[str]
    references: tuple[Reference, ...]
    line: int
    col: int


def outline(data: dict[str, Any], file: str, positions: Positions) -> Outline | None:
    """The slug, touchpoint ids and cross-journey escalations of one file's data."""
    slug = data.get("journey")
    if not isinstance(slug, str):
        return None
    ids = frozenset(tp["id"] for _, tp in touchpoints(data) if isinstance(tp.get("id"), str))
    refs = []
    for path, tp in touchpoints(data):
        for rel, target, what in targets(tp):
            if other_journey(target, slug) is not None:
                where = (*path, *rel)
                line, col = positions.position(where)
                subject = subject_of(data, where)
                refs.append(Reference(target, format_path(where), line, col, subject, what))
    line, col = positions.position(("journey",))
    return Outline(file, slug, ids, tuple(refs), line, col)


def check_portfolio(
    outlines: Iterable[Outline], walked: Mapping[str, str] | None = None
) -> list[Finding]:
    """Findings across files: duplicate journey slugs and cross-journey escalation targets.

    ``walked`` maps the files found by searching a folder to that folder: every journey there
    was checked, so an escalation from one of them into a journey that is not there is an
    error (STK018), not a target left unverified (STK019).
    """
    walked = walked or {}
    first: dict[str, Outline] = {}
    findings: list[Finding] = []
    entries = list(outlines)
    for o in entries:
        if o.journey in first:
            findings.append(
                finding(
                    R.DUPLICATE_JOURNEY,
                    f"journey {o.journey!r} is already declared in {first[o.journey].file}",
                    o.file,
                    o.line,
                    o.col,
                    path="journey",
                    subject=o.journey,
                )
            )
        first.setdefault(o.journey, o)
    for o in entries:
        for ref in o.references:
            other, tid = split_key(ref.target)
            assert other is not None  # a reference names another journey
            if other not in first:
                others = sorted(slug for slug in first if slug != o.journey)
                close = difflib.get_close_matches(other, others, n=1, cutoff=0.6)
                guess = f"did you mean '{close[0]}#{tid}'? " if close else ""
                folder = walked.get(o.file)
                if folder is not None:
                    rule = R.UNKNOWN_TARGET
                    message = f"{ref.what} {ref.target!r}: no journey {other!r} in "
                    message += folder.rstrip("/") + "/"
                    hint = guess + f"the journeys checked are {listed(sorted(first))}"
                else:
                    rule = R.UNRESOLVED_JOURNEY
                    message = (
                        f"journey {other!r} is not among the files checked; target not verified"
                    )
                    folder = os.path.dirname(o.file) or "."
                    hint = guess + f"check the whole folder: stakes lint {folder}/"
            elif tid not in first[other].touchpoints:
                rule = R.UNKNOWN_TARGET
                message = f"{ref.what} {ref.target!r}: journey {other!r} has no touchpoint"
                message += f" {tid!r}"
                hint = suggest(tid, sorted(first[other].touchpoints), f"{other}#")
            else:
                continue
            findings.append(
                finding(
                    rule,
                    f"{ref.path}: {message}",
                    o.file,
                    ref.line,
                    ref.col,
                    path=ref.path,
                    subject=ref.subject,
                    hint=hint,
                )
            )
    return findings
