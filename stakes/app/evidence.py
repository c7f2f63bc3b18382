"""The evidence job: a contact log and the journeys it belongs to in, the metrics out; and the
observed signals that ``map`` and ``report --evidence`` score with. pandas is imported only
when a log is read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from stakes.app import outcome as common
from stakes.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome, UsageError
from stakes.evidence.fields import EPOCH_UNITS, HANDLERS, LogError, window_seconds

if TYPE_CHECKING:
    from stakes.app.config_evidence import EvidenceSettings
    from stakes.evidence.model import Evidence
    from stakes.evidence.observed import ObservedSignals
    from stakes.journey.files import Portfolio


@dataclass(frozen=True)
class LogOptions:
    """How to read a log, from the command line; what is not given comes from the
    configuration's evidence table, else the defaults."""

    mapping: tuple[str, ...] = ()  # FIELD=COLUMN
    handlers: tuple[str, ...] = ()  # LABEL=HANDLER
    matches: tuple[str, ...] = ()  # VALUE=JOURNEY/TOUCHPOINT
    input_format: str | None = None
    encoding: str | None = None
    window: str | None = None
    day_first: bool | None = None
    strict: bool = False
    epoch_unit: str | None = None  # s | ms | us | ns
    since: str | None = None  # the period measured: dates or ISO times, inclusive
    until: str | None = None
    target: str | None = None  # how soon a customer a bot passes on should reach a person


@dataclass(frozen=True)
class EvidenceRequest:
    """What ``stakes evidence`` was asked."""

    log: str
    journeys: tuple[str, ...]
    options: LogOptions = LogOptions()
    policy: str | None = None
    config: str | None = None
    isolated: bool = False


def evidence(request: EvidenceRequest) -> Outcome[Evidence]:
    """The metrics of the log on the journeys; UsageError when the log or the journeys cannot
    be used at all. A journey file with errors is reported and the rest still measured
    (exit code 2)."""
    from stakes.evidence.notes import warnings
    from stakes.journey.files import load

    config = common.settings(request.config, request.isolated)
    policy = common.policy(request.policy or config.policy, "nothing was measured")
    portfolio = load(
        list(request.journeys),
        emotions=tuple(policy.emotions),
        triggers=config.known_triggers,
    )
    messages = [f"stakes: error: {e}" for e in portfolio.errors]
    errors = common.failing(portfolio.findings)
    messages += common.located(errors)
    if not portfolio.journeys:
        raise UsageError(
            "\n".join(["no journey could be loaded, so no contact can be matched", *messages])
        )
    found = gather(request.log, portfolio, request.options, config.evidence)
    found.handling_share = policy.observed_handling_share
    messages += [f"stakes: {line}" for line in warnings(found)]
    code = EXIT_USAGE if portfolio.errors or errors else EXIT_OK
    if nothing_matched(found):
        messages.append(f"stakes: error: {NOTHING_MATCHED.format(n=found.report.contacts)}")
        code = max(code, EXIT_FINDINGS)
    inputs = (request.log, *request.journeys, *(f.file for f in portfolio.files))
    return Outcome(found, messages, code, inputs)


#: What to say when no contact matched: the log names its touchpoints another way.
NOTHING_MATCHED = (
    "none of the {n:,} contacts matches a touchpoint of the journeys; name the log's "
    'categories with --match "VALUE=journey/touchpoint" or in a touchpoint\'s evidence.match '
    "(docs/evidence.md)"
)


def nothing_matched(found: Evidence) -> bool:
    """Whether the log had contacts and none matched a touchpoint."""
    return found.report.contacts > 0 and found.unmatched_contacts >= found.report.contacts


def explicit_matches(
    given: Sequence[str], settings: EvidenceSettings, portfolio: Portfolio
) -> dict[str, str]:
    """The explicit matches (log value -> touchpoint key): the configuration's, then the
    command line's (which win); a usage error for a target that is not a loaded touchpoint."""
    from stakes.evidence.matchers import target
    from stakes.journey.keys import label_key

    pairs = [(j.journey, tp.id) for j in portfolio.journeys for _, tp in j.touchpoints()]
    out: dict[str, str] = {}
    for value, key in settings.match.items():
        try:
            target(key, pairs)
        except ValueError as exc:
            where = settings.match_at.get(value, "the configuration")
            raise UsageError(f"{where}: evidence match {value!r}: {exc}") from None
        out[value.strip()] = key.strip()
    said: dict[str, tuple[str, str]] = {}  # the command line's, by the value compared as ids are
    for item in given:
        value, sep, key = item.rpartition("=")
        if not sep or not value.strip() or not key.strip():
            raise UsageError(
                f"--match {item!r}: give VALUE=JOURNEY/TOUCHPOINT, e.g. "
                '--match "Login issue=account/login-help"'
            )
        try:
            target(key, pairs)
        except ValueError as exc:
            raise UsageError(f"--match {item!r}: {exc}") from None
        earlier = said.get(label_key(value))
        if earlier is not None and target(earlier[1], pairs) != target(key, pairs):
            raise UsageError(
                f"--match {item!r} and --match '{earlier[0]}={earlier[1]}' name the same log "
                "value for two touchpoints; keep one"
            )
        said[label_key(value)] = (value.strip(), key.strip())
        out.pop(value.strip(), None)  # the command line's comes last, so it wins
        out[value.strip()] = key.strip()
    return out


def parse_pairs(items: Sequence[str], option: str) -> dict[str, str]:
    """``["a=B", ...]`` as a dict; a usage error for an item without ``=``."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(
                f"{option} {item!r}: give NAME=VALUE, e.g. {option} touchpoint=Category"
            )
        out[key.strip()] = value.strip()
    return out


def gather(
    log: str, portfolio: Portfolio, options: LogOptions, settings: EvidenceSettings
) -> Evidence:
    """The evidence of ``log`` on the loaded ``portfolio``: the options, over the
    configuration's evidence settings (already checked where they are written)."""
    from stakes.evidence.log import read_log
    from stakes.evidence.measurement import measure
    from stakes.evidence.model import parse_window

    columns = {**settings.map, **parse_pairs(options.mapping, "--column")}
    given = parse_pairs(options.handlers, "--handler")
    for label, handler in given.items():
        if handler not in HANDLERS:
            raise UsageError(f"--handler {label}={handler}: use one of {', '.join(HANDLERS)}")
    for option, value in (("window", options.window), ("target", options.target)):
        if value is not None:
            try:
                window_seconds(value)
            except ValueError as exc:
                said = str(exc).replace("window", f"--{option}", 1)
                raise UsageError(said) from None
    if options.epoch_unit is not None and options.epoch_unit not in EPOCH_UNITS:
        raise UsageError(
            f"--epoch-unit {options.epoch_unit!r}: use one of {', '.join(EPOCH_UNITS)}"
        )
    day_first = settings.day_first if options.day_first is None else options.day_first
    matches = explicit_matches(options.matches, settings, portfolio)
    try:
        frame, report = read_log(
            log,
            columns,
            input_format=options.input_format or settings.input_format,
            encoding=options.encoding or settings.encoding,
            day_first=bool(day_first),
            handlers={**settings.handlers, **given},
            strict=options.strict,
            epoch_unit=options.epoch_unit or settings.epoch_unit,
        )
        if report.contacts == 0:
            raise LogError(f"{log}: no contacts (the file has a header but no rows)")
        span = parse_window(options.window or settings.window or "7d")
        target = options.target or settings.target or "3m"
        return measure(
            frame,
            portfolio,
            span,
            report=report,
            matches=matches,
            target=target,
            since=options.since,
            until=options.until,
        )
    except (LogError, ValueError) as exc:
        raise UsageError(str(exc)) from None


@dataclass(frozen=True)
class LogSource:
    """``--evidence LOG`` of the commands that assess, and how to read it."""

    log: str
    mapping: tuple[str, ...] = ()
    window: str | None = None
    min_contacts: int = 20
    handlers: tuple[str, ...] = ()  # LABEL=HANDLER
    epoch_unit: str | None = None
    matches: tuple[str, ...] = ()  # VALUE=JOURNEY/TOUCHPOINT
    since: str | None = None  # the period measured (dates or ISO times, inclusive)
    until: str | None = None
    target: str | None = None  # how soon a customer a bot passes on should reach a person


def observe(
    source: LogSource, portfolio: Portfolio, settings: EvidenceSettings
) -> tuple[Callable[[str], ObservedSignals | None], Evidence, list[str]]:
    """What the log observed per touchpoint (for scoring), the evidence itself, and the lines
    for standard error."""
    found = gather(
        source.log,
        portfolio,
        LogOptions(
            mapping=source.mapping,
            handlers=source.handlers,
            matches=source.matches,
            window=source.window,
            epoch_unit=source.epoch_unit,
            since=source.since,
            until=source.until,
            target=source.target,
        ),
        settings,
    )
    # The log's data problems, as stakes evidence reports them: a value that could not be
    # used changes what is observed, so it is never left unsaid.
    messages = [f"stakes: warning: {p.describe()}" for p in found.report.problems]
    if nothing_matched(found):
        messages.append(
            f"stakes: warning: {source.log}: "
            + NOTHING_MATCHED.format(n=found.report.contacts)
            + "; the declared signals are scored"
        )
    elif found.unmatched_contacts:
        n = found.unmatched_contacts
        messages.append(
            f"stakes: {n} contact{'' if n == 1 else 's'} in {source.log} match no touchpoint "
            "(stakes evidence lists them)"
        )

    busiest = found.touchpoints["contacts"].fillna(0)
    if len(busiest) and 0 < int(busiest.max()) < source.min_contacts:
        most = "/".join(str(part) for part in cast(tuple[str, str], busiest.idxmax()))
        messages.append(
            f"stakes: note: no touchpoint has {source.min_contacts} contacts in the log (most: "
            f"{most}, {int(busiest.max())}), so the journeys are not compared with it; "
            "--min-contacts N lowers the bar"
        )

    def observed(key: str) -> ObservedSignals | None:
        return found.observed(key, min_contacts=source.min_contacts)

    return observed, found, messages
