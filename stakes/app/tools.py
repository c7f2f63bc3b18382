"""The small jobs: the policy in effect, the journey format's schema, the rules, a starter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakes.app import outcome as common
from stakes.app.outcome import Outcome, UsageError

if TYPE_CHECKING:
    from stakes.app.starter import Written
    from stakes.assessment.policy import Policy
    from stakes.findings import Rule


def show_policy(file: str | None) -> Outcome[Policy]:
    """The policy in ``file`` (None: the default), after ``extends: default``."""
    return Outcome(common.policy(file, consequence=""), inputs=(file,) if file else ())


def schema() -> Outcome[dict[str, Any]]:
    """The JSON Schema of the journey format."""
    from stakes.journey.model import json_schema

    return Outcome(json_schema())


@dataclass(frozen=True)
class RulesDocument:
    """The rules asked for, the policy whose rule packs go with them, and the one pack asked
    for by its jurisdiction (``stakes rules eu``)."""

    rules: tuple[Rule, ...]
    policy: Policy
    pack: str | None = None


def rules(name: str | None = None, policy: str | None = None) -> Outcome[RulesDocument]:
    """Every rule, the one whose code or name is ``name``, or the pack of the jurisdiction
    ``name``; the packs are those of ``policy``, else of the configuration's policy."""
    from stakes.linter.catalogue import all_rules, find_rule

    chosen = common.policy(policy or common.settings(None, False).policy, consequence="")
    if name is None:
        return Outcome(RulesDocument(all_rules(), chosen))
    if name in chosen.packs:
        return Outcome(RulesDocument((), chosen, name))
    found = find_rule(name)
    if found is None:
        import difflib

        rules = all_rules()
        prefixed = [r.code for r in rules if r.code.startswith(name.upper())]
        close = difflib.get_close_matches(name.lower(), [r.name for r in rules], n=1)
        guess = (
            f"; rules {prefixed[0]} to {prefixed[-1]} start with it"
            if len(prefixed) > 1
            else f"; did you mean {close[0]!r}?"
            if close
            else ""
        )
        raise UsageError(f"no rule {name!r}{guess} ('stakes rules' lists them all)")
    return Outcome(RulesDocument((found,), chosen))


def init(folder: str, install: str | None = None) -> Outcome[list[Written]]:
    """The starter files written under ``folder`` (and those kept because they exist); the CI
    workflow installs ``install`` (default: exactly the stakes that is running)."""
    from stakes.app.starter import REQUIREMENT, this_version
    from stakes.app.starter import init as write_starter

    requirement = this_version() if install is None else install.strip()
    if not REQUIREMENT.fullmatch(requirement):
        raise UsageError(
            f"--install {install!r}: not a pinned requirement; give an exact version "
            "(stakes==0.1.0) or a direct reference (stakes @ git+https://host/org/stakes@v0.1.0)"
        )
    try:
        written = write_starter(Path(folder), requirement)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot write: {exc.strerror or exc}") from None
    workflow = [w for w in written if w.created and w.path.name == "stakes.yml"]
    notes = [f"the CI workflow installs {requirement}"] if workflow else []
    return Outcome(written, notes)
