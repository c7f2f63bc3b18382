"""Hypothesis strategies for hostile portfolios: journeys, file names, policies and titles.

A journey is built as plain data (the signals' values come from ``tests/strategies.py``, which
builds them from the signal declarations), dumped as YAML, and then given raw YAML that no
dumper writes: tags (``!!bool maybe``), huge numbers, ``.nan``, a million empty lists. Most
fields are valid most of the time, so that examples reach scoring, linting and every renderer;
each field turns hostile now and then.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the strategies built from the signal declarations

from strategies import values  # noqa: E402

from stakes.assessment.policy_file import default_policy  # noqa: E402
from stakes.journey.signals import signals  # noqa: E402
from stakes.journey.values import (  # noqa: E402
    KNOWN_TRIGGERS,
    Advice,
    DecisionArea,
    Disclosure,
)

#: Text that has broken (or could break) a terminal, a CI log, a markdown page, a diagram or a
#: spreadsheet. ``FUZZ-LINE`` only ever follows a newline, after a visible character: an output
#: line that starts with it shows that a newline reached the output unescaped.
PIECES: tuple[str, ...] = (
    "\x1b[31mred\x1b[0m",
    "\x1b[2J\x1b[H",
    "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\x07",
    "\x08\x08\x08",
    "\x00",
    "\x7f",
    "\x85",
    "\r",
    "\t",
    "x\n::warning::FUZZ-LINE",
    "x\n::error file=a.yaml,line=1::FUZZ-LINE",
    "x\r\n# FUZZ-LINE",
    "x\n| FUZZ-LINE | x |",
    "x\u2028FUZZ-LINE",
    "x\x85FUZZ-LINE",
    "::warning::inline",
    "%0A::warning::escaped",
    "\u202eevil\u202c",
    "\u2066isolate\u2069",
    "\u200f\u061c",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- comment",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "| a | b |",
    "`",
    "```",
    "**bold** _it_ ~~s~~",
    "# heading",
    "> quote",
    "[/] [bold]markup[/bold]",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1)",
    "\"quoted\" 'single'",
    "%%{init: {'theme': 'dark'}}%%",
    "x-axis",
    "quadrant-1",
    "classDef",
    "end",
    "é ü 日本語 \U0001d518",
    "👩‍👩‍👧",
    "\ufeff",
    "\u0301",
    "\ud7ff\ue000\uffff",
)

#: Touchpoint and stage ids: ordinary ones (first: Hypothesis shrinks towards them), and words
#: of Mermaid's grammars.
IDS: tuple[str, ...] = (
    "bot",
    "agent",
    "form",
    "faq",
    "call",
    "x-axis",
    "y-axis",
    "quadrant-1",
    "quadrant-2",
    "quadrant-3",
    "quadrant-4",
    "title",
    "classdef",
    "style",
    "end",
    "graph",
    "subgraph",
    "click",
    "default",
    "flowchart",
    "accdescr",
    "acctitle",
    "bar",
    "line",
    "1",
    "0",
)

#: YAML that no dumper writes: tags, numbers past every float, special floats, odd literals.
RAW_NUMBERS: tuple[str, ...] = (
    "1" + "0" * 400,
    "-" + "9" * 40,
    "1e400",
    "-1e400",
    ".inf",
    "-.inf",
    ".nan",
    "1e-400",
    "5e-324",
    "-0",
    "-1",
    "0x7fffffffffffffff",
    "0o777",
    "1_000",
    "!!bool maybe",
    "!!bool",
    "!!timestamp notadate",
    "!!int",
    "!!float _",
    "!!int 12",
    "!!int notanint",
    "!!float one",
    "!!str 5",
    "!!null x",
    "!!binary aGk=",
    "!!set {a}",
    "!custom x",
    "!!python/object:os.system ls",
    "2027-02-30",
    "9999-12-31",
    "0001-01-01",
    "[]",
    "{}",
    "~",
)

#: Hours in every form (spans past midnight, past Sunday, ranges that wrap the week, lists).
HOURS: tuple[str, ...] = (
    "24/7",
    "mon-fri 09:00-17:00",
    "daily 22:00-06:00",
    "fri-mon 20:00-08:00",
    "sat 00:00-24:00",
    "sun 22:00-02:00",
    "mon,wed 9:00-10:00",
)
#: Hours that are not: out of range, misspelt, empty, enormous, a path, an injected line.
HOSTILE_HOURS: tuple[str, ...] = (
    "25:00",
    "mon 24:00-24:30",
    "mon 09:00-09:00",
    "mon-fry 09:00-17:00",
    "daily,mon 09:00-10:00",
    "mon 9-5",
    "",
    " ",
    "mon " + "9" * 400 + ":00-10:00",
    "mon-" * 2000 + "fri 09:00-10:00",
    ",".join(["mon"] * 20000) + " 09:00-10:00",
    "../../etc/passwd",
    "24/7\n::warning::FUZZ-LINE",
)
#: Time zones: half-hour and +14 offsets, both hemispheres' summers.
ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Madrid",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
)
#: Names that are not time zones, some of them files or folders of the time zone database.
HOSTILE_ZONES: tuple[str, ...] = (
    "../../etc/passwd",
    "/etc/passwd",
    "Europe",
    "Europe/",
    "europe/london",
    "zone.tab",
    "posixrules",
    "right/UTC",
    ".",
    "a" * 300,
    "a/" * 200,
    "Nowhere/City",
    "UTC\n::warning::FUZZ-LINE",
)
DURATIONS: tuple[str, ...] = ("3m", "90s", "2h", "1d", "0s", "5min")
HOSTILE_DURATIONS: tuple[str, ...] = ("3", "soon", "-3m", "1.5h", "9" * 400 + "m", "1e400s", "")
#: The packs of the default policy, and names no policy has a pack for.
JURISDICTIONS: tuple[str, ...] = (*default_policy().packs, "ue", "x-axis")
SKILLS: tuple[str, ...] = ("vulnerability", "bereavement", "debt", "x-axis")

_NAME_CHARS = st.characters(exclude_characters="/\x00", codec="utf-8")

#: File names: the journeys' own names, then whatever a file system allows.
HOSTILE_NAMES: tuple[str, ...] = (
    "a\nb",
    "::warning::x",
    "x\n::warning file=a.yaml::FUZZ-LINE",
    "[x](javascript:alert(1))",
    "a|b",
    "<img src=x onerror=alert(1)>",
    "`tick`",
    "x\x1b[31mred",
    "\u202eevil",
    "%0A",
    "a,b:c",
    "#",
    "a#b",
    "x-axis",
    "=cmd",
    "+1",
    "-o",
    "--help",
    "\t",
    "\r",
    " ",
    "é",
    "日本",
)


@dataclass
class Raw:
    """YAML written as is in place of a value."""

    text: str


@dataclass
class Portfolio:
    """One example: journey files (name -> bytes), an optional policy, a report title."""

    files: dict[bytes, bytes] = field(default_factory=dict)
    policy: bytes | None = None
    title: str = "Stakes report"
    touchpoints: list[tuple[bytes, str]] = field(default_factory=list)  # to explain


def text() -> st.SearchStrategy[str]:
    """Short text that is hostile in every way a display can be."""
    return st.one_of(
        st.sampled_from(PIECES),
        st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=5).map("".join),
        st.text(max_size=20),
    )


def long_text() -> st.SearchStrategy[str]:
    """Text of up to a few megabytes (a title someone pasted a document into)."""
    pieces = st.sampled_from(("a", "a ", "é", "ab\n", "[", "\x1b[0m", "<b>", "|", "x-axis "))
    return st.tuples(pieces, st.integers(1_000, 3_000_000)).map(lambda p: p[0] * p[1])


def _minute(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


#: Every other minute of the day, a span each: 720 spans that merge into none.
_MINUTE_SPANS = [f"daily {_minute(m)}-{_minute(m + 1)}" for m in range(0, 1440, 2)]


def huge_hours() -> st.SearchStrategy[Raw]:
    """Hours as a list of thousands of one-minute spans (the set operations must stay fast)."""
    return st.integers(720, 200_000).map(
        lambda n: Raw("[" + ", ".join(_MINUTE_SPANS[i % 720] for i in range(n)) + "]")
    )


def huge_list() -> st.SearchStrategy[Raw]:
    """A flow list of many empty lists (or mappings): few bytes each, many nodes."""
    item = st.sampled_from(("[]", "{}", "[[]]", "a", "&x a", "0"))
    return st.tuples(item, st.integers(10_000, 2_000_000)).map(
        lambda p: Raw("[" + ", ".join([p[0]] * p[1]) + "]")
    )


#: How often (percent) a field that is not display text is hostile: each example picks one,
#: so that some examples are valid journeys from end to end (and reach the report).
RATES = (0, 0, 2, 10, 30)


@st.composite
def _maybe(draw: st.DrawFn, valid: st.SearchStrategy[Any], rate: int) -> Any:
    """A valid value, or (``rate`` percent of the time) a hostile one."""
    if draw(st.integers(0, 99)) < 100 - rate:  # Hypothesis shrinks towards the valid value
        return draw(valid)
    return draw(st.one_of(st.sampled_from(RAW_NUMBERS).map(Raw), text()))


@st.composite
def _either(draw: st.DrawFn, valid: tuple[str, ...], hostile: tuple[str, ...], rate: int) -> Any:
    """One of ``valid``, or (``rate`` percent of the time) a hostile value: most often one of
    its own kind (``hostile``), else nothing (``~``) or any hostile value."""
    if draw(st.integers(0, 99)) < 100 - rate:
        return draw(st.sampled_from(valid))
    kind = draw(st.integers(0, 3))
    if kind < 2:
        return draw(st.sampled_from(hostile))
    if kind == 2:
        return Raw("~")
    return draw(st.one_of(st.sampled_from(RAW_NUMBERS).map(Raw), text()))


@st.composite
def _texts(draw: st.DrawFn, valid: st.SearchStrategy[str], rate: int) -> Any:
    """Display text: hostile a third of the time (it is valid text all the same), or at
    ``rate`` not text at all."""
    if rate and draw(st.integers(0, 99)) >= 100 - rate // 3:
        return Raw(draw(st.sampled_from(RAW_NUMBERS)))
    return draw(st.one_of(valid, valid, text()))


_WORDS = st.sampled_from(("Asks", "about", "a refund", "Calls", "the bank", "Gets help"))
_TITLE = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
_SLUG = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,12}\Z")
_ID = st.one_of(st.sampled_from(IDS), _SLUG)


@st.composite
def signals_of(draw: st.DrawFn, rate: int) -> dict[str, Any]:
    """Some of the signals, each a declared value or a hostile one."""
    out: dict[str, Any] = {}
    for spec in signals():
        if draw(st.booleans()):
            value = draw(_maybe(values(spec, plain=True), rate))
            out[spec.name] = list(value) if isinstance(value, tuple) else value
    return out


@st.composite
def touchpoint(draw: st.DrawFn, tid: str, targets: list[str], rate: int) -> dict[str, Any]:
    tp: dict[str, Any] = {
        "id": tid,
        "title": draw(_texts(_TITLE, rate)),
        "channel": draw(_maybe(st.sampled_from(("chat", "phone", "web", "email", "app")), rate)),
        "handled_by": draw(
            _maybe(st.sampled_from(("ai", "human", "hybrid", "self-service")), rate)
        ),
    }
    if draw(st.booleans()):
        tp["description"] = draw(_texts(_TITLE, rate))
    if draw(st.integers(0, 3)) > 0:
        tp["signals"] = draw(signals_of(rate))
    if draw(st.booleans()) and targets:
        escalation: dict[str, Any] = {"to": draw(_maybe(st.sampled_from(targets), rate))}
        if draw(st.booleans()):
            known = st.sampled_from(KNOWN_TRIGGERS)
            escalation["triggers"] = draw(st.lists(_maybe(known, rate), max_size=3))
        if draw(st.booleans()):
            escalation["keeps_context"] = draw(_maybe(st.booleans(), rate))
        if draw(st.booleans()):
            escalation["offer_after_turns"] = draw(_maybe(st.integers(1, 10), rate))
        if draw(st.integers(0, 2)) == 0:
            durations = _either(DURATIONS, HOSTILE_DURATIONS, rate)
            escalation["response_target"] = draw(durations)
        if draw(st.integers(0, 2)) == 0:
            escalation["out_of_hours"] = draw(_maybe(st.sampled_from(targets), rate))
        tp["escalation"] = escalation
    tp.update(draw(compliance(targets, rate)))
    if draw(st.integers(0, 4)) == 4:
        verdict = st.sampled_from(("automate", "guarded", "assist", "human-only"))
        override: dict[str, Any] = {"verdict": draw(_maybe(verdict, rate))}
        for key in ("reason", "approved_by", "ticket"):
            if draw(st.booleans()):
                override[key] = draw(_texts(_TITLE, rate))
        if draw(st.booleans()):
            dates = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
            override["expires"] = draw(_maybe(dates, rate and max(rate, 10)))
        tp["override"] = override
    return tp


@st.composite
def compliance(draw: st.DrawFn, targets: list[str], rate: int) -> dict[str, Any]:
    """Some of the fields the rule packs read: hours, disclosure, advice, skills, overrides,
    where a decision is contested, its area and who oversees it."""
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        hours = _either(HOURS, HOSTILE_HOURS, rate)
        out["hours"] = draw(st.one_of(hours, st.lists(hours, min_size=1, max_size=3)))
    if draw(st.booleans()):
        out["discloses_ai"] = draw(_maybe(st.sampled_from(get_args(Disclosure)), rate))
    if draw(st.integers(0, 3)) == 0:
        out["disclosure_reason"] = draw(_texts(_TITLE, rate))
    for key, choices in (("advice", get_args(Advice)), ("skills", SKILLS)):
        if draw(st.integers(0, 3)) == 0:
            out[key] = draw(st.lists(_maybe(st.sampled_from(choices), rate), max_size=3))
    if draw(st.integers(0, 3)) == 0:
        out["can_override"] = draw(_maybe(st.booleans(), rate))
    if draw(st.integers(0, 3)) == 0 and targets:
        out["contest"] = draw(_maybe(st.sampled_from(targets), rate))
    if draw(st.integers(0, 3)) == 0:
        out["decision_area"] = draw(_maybe(st.sampled_from(get_args(DecisionArea)), rate))
    if draw(st.integers(0, 3)) == 0:
        out["oversight"] = draw(_texts(_TITLE, rate))
    return out


@st.composite
def journey(
    draw: st.DrawFn, slug: str, others: list[str], rate: int
) -> tuple[dict[str, Any], list[str]]:
    """A journey as plain data (with ``Raw`` values), and its touchpoint ids."""
    ids = draw(st.lists(_ID, min_size=1, max_size=7, unique=draw(st.integers(0, 9)) > 0))
    targets = [*ids, *(f"{o}#{t}" for o in others for t in ("bot", "agent", "x-axis"))]
    stages: list[dict[str, Any]] = []
    cut = draw(st.lists(st.integers(1, len(ids)), max_size=2, unique=True))
    bounds = [0, *sorted(cut), len(ids)]
    for i, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        if lo == hi:
            continue
        tps = [draw(touchpoint(tid, targets, rate)) for tid in ids[lo:hi]]
        stage_id = draw(_ID) if i else "start"
        stages.append({"id": stage_id, "title": draw(_texts(_TITLE, rate)), "touchpoints": tps})
    data: dict[str, Any] = {"journey": draw(_maybe(st.just(slug), rate // 4))}
    data["title"] = draw(_texts(_TITLE, rate))
    if draw(st.integers(0, 4)) > 0:
        data["owner"] = draw(_texts(st.just("care-team"), rate))
    for key in ("persona", "description"):
        if draw(st.booleans()):
            data[key] = draw(_texts(_TITLE, rate))
    if draw(st.booleans()):
        data["currency"] = draw(_maybe(st.sampled_from(("EUR", "USD", "JPY", "XXX")), rate))
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(_texts(_SLUG, rate), max_size=3))
    if draw(st.booleans()):
        data["timezone"] = draw(_either(ZONES, HOSTILE_ZONES, rate))
    if draw(st.booleans()):
        names = _maybe(st.sampled_from(JURISDICTIONS), rate)
        data["jurisdictions"] = draw(st.lists(names, max_size=3))
    data["stages"] = stages
    return data, ids


def dump(data: Any) -> bytes:
    """``data`` as YAML, with each ``Raw`` value written as it is."""
    raws: list[str] = []

    def plain(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"FUZZRAW{len(raws) - 1:06d}"
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(plain(data), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    for i, raw in enumerate(raws):
        text = text.replace(f"FUZZRAW{i:06d}", raw, 1)
    return text.encode("utf-8")


def _set_deep(data: dict[str, Any], rng: st.DrawFn, value: Any) -> str:
    """Put ``value`` at a random place of a journey (a title, a signal, a list of tags, hours,
    a time zone, the jurisdictions); the id of the touchpoint that holds it, or of one."""
    tps = [tp for stage in data["stages"] for tp in stage["touchpoints"]]
    tp = rng(st.sampled_from(tps))
    journey_keys = ("tags", "timezone", "jurisdictions")
    places = ("title", "signal", "description", "journey-title", "hours", "skills", *journey_keys)
    place = rng(st.sampled_from(places))
    if place in journey_keys:
        data[place] = value
    elif place == "signal":
        tp.setdefault("signals", {})["personal_data"] = value
    elif place == "journey-title":
        data["title"] = value
    else:
        tp[place] = value
    return str(tp["id"])


def file_name() -> st.SearchStrategy[bytes]:
    """A journey file's name, as the bytes a file system holds (at most 255 of them)."""
    suffix = st.sampled_from((".yaml", ".yml"))
    stem = st.one_of(
        _SLUG,
        st.sampled_from(HOSTILE_NAMES),
        st.text(_NAME_CHARS, min_size=1, max_size=30),
    )
    encoded = st.builds(lambda s, x: os.fsencode(s + x), stem, suffix)
    invalid = st.builds(lambda b, x: b + x.encode(), st.binary(min_size=1, max_size=8), suffix)
    names = st.one_of(encoded, encoded, encoded, invalid)
    return names.filter(lambda n: len(n) <= 255 and b"/" not in n and b"\0" not in n)


def policy() -> st.SearchStrategy[bytes]:
    """A policy that extends the default and changes one number (or a rule pack's setting)
    to something hostile."""
    number = st.one_of(st.sampled_from(RAW_NUMBERS), st.integers(-5, 200).map(str))
    shapes = st.sampled_from(
        (
            "factors:\n  money_at_stake: {{weight: 12, full_at: {0}}}\n",
            "factors:\n  emotion: {{weight: {0}}}\n",
            "factors:\n  prior_contacts: {{weight: 10, full_at: {0}}}\n",
            "levels: {{moderate: {0}, high: 45, critical: 70}}\n",
            "levels: {{moderate: 20, high: 45, critical: {0}}}\n",
            "emotions: {{calm: {0}}}\n",
            "currency_rates: {{USD: {0}, JPY: {0}}}\n",
            "loop_prone: {{prior_contacts: {0}, repeat_contact_rate: {0}}}\n",
            "rules:\n  - id: big\n    when: {{money_at_stake: {0}}}\n    at_least: assist\n"
            "    sentence: Big.\n    source: fuzz\n",
            "rules:\n  - id: score\n    when: {{score: {0}}}\n    at_least: assist\n"
            "    sentence: Score.\n    source: fuzz\n",
            "packs:\n  es:\n    rules:\n      - {{id: response-target, within: {0}}}\n",
            "packs:\n  uk:\n    rules:\n      - {{id: handover-out-of-hours, enabled: {0}}}\n",
            "packs:\n  uk:\n    rules:\n      - id: vulnerability-unrouted\n"
            "        needs: [{{when: {{money_at_stake: {0}}}, skills: [debt]}}]\n",
        )
    )
    return st.builds(lambda s, n: ("extends: default\n" + s.format(n)).encode(), shapes, number)


@st.composite
def portfolios(draw: st.DrawFn, huge: bool = True) -> Portfolio:
    """One to three journey files, sometimes a policy and a hostile report title; with
    ``huge``, one example in forty carries megabytes of text or a million-item list."""
    count = draw(st.integers(1, 3))
    slugs = draw(st.lists(_SLUG, min_size=count, max_size=count))
    names = draw(st.lists(file_name(), min_size=count, max_size=count, unique=True))
    out = Portfolio()
    rate = draw(st.sampled_from(RATES))
    size = draw(st.integers(0, 39)) if huge else 0
    for i, (slug, name) in enumerate(zip(slugs, names, strict=True)):
        data, ids = draw(journey(slug, [s for s in slugs if s != slug], rate))
        explained = draw(st.sampled_from(ids))
        if i == 0 and size == 39:
            big = st.one_of(long_text(), huge_list(), huge_hours())
            explained = _set_deep(data, draw, draw(big))
        out.files[name] = dump(data)
        out.touchpoints.append((name, explained))
    if draw(st.integers(0, 3)) == 3:
        out.policy = draw(policy())
    if draw(st.booleans()):
        out.title = draw(text().filter(lambda t: "\x00" not in t and t.strip() != ""))
    return out
