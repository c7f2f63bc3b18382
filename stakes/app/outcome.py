"""What every job returns, the error that stops a job before it runs, and the steps every job
shares: the configuration, the paths, the date and the policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.assessment.policy import Policy
    from stakes.findings import Finding

#: Exit codes, the contract of every command (docs/assessment.md#exit-codes).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

D = TypeVar("D")


class UsageError(Exception):
    """The request cannot be carried out (exit code 2): ``details`` say why, line by line,
    before the message."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = list(details)


@dataclass
class Outcome(Generic[D]):
    """A job's result: the document to render (None: nothing may be written), the lines for
    standard error in order, the exit code, and every input read (never to be written over)."""

    document: D | None
    messages: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    inputs: tuple[str, ...] = ()


def settings(config: str | None, isolated: bool) -> Config:
    """The configuration in effect; a file that cannot be used is a usage error."""
    from stakes.app.config import ConfigError, load_config

    try:
        return load_config(config, isolated=isolated)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def configuration(config: str | None, isolated: bool) -> Outcome[Config]:
    """``stakes config``: the configuration in effect, and the file it comes from."""
    found = settings(config, isolated)
    return Outcome(found, inputs=(str(found.file),) if found.file else ())


def targets(given: Sequence[str], config: Config) -> tuple[str, ...]:
    """The paths given, else the configuration's; a usage error when there are none."""
    if given:
        return tuple(given)
    if config.paths:
        return config.paths
    raise UsageError(
        "give a journey file or folder, or set paths in [tool.stakes]; e.g. stakes lint journeys/"
    )


def as_of(text: str | None) -> dt.date | None:
    """The date of ``--as-of`` (None: today)."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date (YYYY-MM-DD)") from None


def failing(findings: Sequence[Finding]) -> list[Finding]:
    """The error findings: a file with one is left out of what a job assesses or measures."""
    from stakes.findings import Severity

    return [f for f in findings if f.severity == Severity.ERROR]


def located(findings: Sequence[Finding]) -> list[str]:
    """Findings as the one-line messages every command prints on standard error, with the
    hint after a semicolon when there is one."""
    return [
        f"{f.location}: {f.rule.title}: {f.message}" + (f" (hint: {f.hint})" if f.hint else "")
        for f in findings
    ]


def jurisdictions(config: Config, policy: Policy) -> tuple[str, ...]:
    """The project's jurisdictions, each one the policy has a pack for (else a usage error at
    its place in the configuration)."""
    from stakes.assessment.packs import unknown

    for name in config.jurisdictions:
        if name not in policy.packs:
            raise UsageError(
                f"{config.locate(name)}: no rule pack for jurisdiction {name!r}; "
                + unknown(name, list(policy.packs))
            )
    return config.jurisdictions


def policy(file: str | None, consequence: str = "nothing was assessed") -> Policy:
    """The policy in ``file`` (None: the default); an unusable one is a usage error."""
    from stakes.assessment.policy import PolicyError
    from stakes.assessment.policy_file import load_policy

    try:
        return load_policy(file)
    except PolicyError as exc:
        message = "the policy cannot be used" + (f"; {consequence}" if consequence else "")
        raise UsageError(message, located(exc.findings)) from None
