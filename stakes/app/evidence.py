"""The evidence job: a contact log and the journeys it belongs to in, the metrics out; and the
observed signals that ``map`` and ``report --evidence`` score with. pandas is imported only
when a log is read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stakes.app import outcome as common
from stakes.app.outcome import EXIT_OK, EXIT_USAGE, Outcome, UsageError
from stakes.evidence.fields import EPOCH_UNITS, HANDLERS, LogError, window_seconds

if TYPE_CHECKING:
    from stakes.app.config import EvidenceSettings
    from stakes.evidence.model import Evidence
    from stakes.evidence.observed import ObservedSignals
    from stakes.journey.files import Portfolio


@dataclass(frozen=True)
class LogOptions:
    """How to read a log, from the command line; what is not given comes from the
    configuration's evidence table, else the defaults."""

    mapping: tuple[str, ...] = ()  # FIELD=COLUMN
    handlers: tuple[str, ...] = ()  # LABEL=HANDLER
    input_format: str | None = None
    encoding: str | None = None
    window: str | None = None
    day_first: bool | None = None
    strict: bool = False
    epoch_unit: str | None = None  # s | ms | us | ns


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
    failed = bool(portfolio.errors or errors)
    inputs = (request.log, *request.journeys, *(f.file for f in portfolio.files))
    return Outcome(found, messages, EXIT_USAGE if failed else EXIT_OK, inputs)


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
    if options.window is not None:
        try:
            window_seconds(options.window)
        except ValueError as exc:
            raise UsageError(f"--{exc}") from None
    if options.epoch_unit is not None and options.epoch_unit not in EPOCH_UNITS:
        raise UsageError(
            f"--epoch-unit {options.epoch_unit!r}: use one of {', '.join(EPOCH_UNITS)}"
        )
    day_first = settings.day_first if options.day_first is None else options.day_first
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
        return measure(frame, portfolio, span, report=report)
    except LogError as exc:
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
            window=source.window,
            epoch_unit=source.epoch_unit,
        ),
        settings,
    )
    # The log's data problems, as stakes evidence reports them: a value that could not be
    # used changes what is observed, so it is never left unsaid.
    messages = [f"stakes: warning: {p.describe()}" for p in found.report.problems]
    if found.unmatched_contacts:
        n = found.unmatched_contacts
        messages.append(
            f"stakes: {n} contact{'' if n == 1 else 's'} in {source.log} match no touchpoint "
            "(stakes evidence lists them)"
        )

    def observed(key: str) -> ObservedSignals | None:
        return found.observed(key, min_contacts=source.min_contacts)

    return observed, found, messages
