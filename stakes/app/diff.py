"""``stakes diff``: assess two revisions of the journeys with the same policy and say what
changed (stakes/changes/compare.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stakes.app import outcome as common
from stakes.app.outcome import EXIT_FINDINGS, EXIT_OK, Outcome, UsageError
from stakes.app.revisions import (
    WORK_TREE,
    Revision,
    exists_at,
    in_repository,
    materialized,
    revision,
    root_of,
)
from stakes.changes.compare import GATES, ChangeSet, compare

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.app.evidence import LogSource
    from stakes.assessment.policy import Policy
    from stakes.assessment.results import Assessment
    from stakes.findings import Finding
    from stakes.linter.selection import Selection


#: What ``--evidence`` shows of each moment that changed, from the log's touchpoint records.
LOGGED = ("contacts", "customers", "ai_share", "deflection_rate", "resolution_rate")


@dataclass(frozen=True)
class DiffRequest:
    """Two revisions (None: the merge base with the default branch, and the work tree), the
    paths to compare (None: the configuration's), and what fails the run."""

    base: str | None = None
    head: str | None = None
    paths: tuple[str, ...] = ()
    policy: str | None = None
    as_of: str | None = None
    config: str | None = None
    isolated: bool = False
    window: int = 30
    fail_on: tuple[str, ...] = ()
    #: Each side with the policy file as it is at that revision (default: today's, for both).
    policy_per_revision: bool = False
    #: A contact log: what it shows at the moments that changed (read against the head).
    evidence: LogSource | None = None


def diff(
    base: str | None = None,
    head: str | None = None,
    paths: str | tuple[str, ...] = (),
    *,
    policy: str | None = None,
    as_of: str | None = None,
    window: int = 30,
    policy_per_revision: bool = False,
    cwd: str | Path | None = None,
) -> ChangeSet:
    """What changes from ``base`` to ``head`` (git refs, or folders or files; None: the merge
    base with the default branch, and the work tree), assessed with the same policy and no
    configuration file. Raises ``UsageError`` (its ``details`` say why) when a revision cannot
    be read or its journeys have errors. ``.to_frame()`` gives a row per changed moment::

        changes = stakes.diff("main", "HEAD", "journeys/")
        changes.counts()["to_bot_against_verdict"]
    """
    chosen = (paths,) if isinstance(paths, str) else tuple(paths)
    request = DiffRequest(
        base=base,
        head=head,
        paths=chosen,
        policy=policy,
        as_of=as_of,
        isolated=True,
        window=window,
        policy_per_revision=policy_per_revision,
    )
    outcome = run_diff(request, Path(cwd) if cwd is not None else None)
    assert outcome.document is not None
    return outcome.document


def assessed_at(
    rev: Revision,
    paths: Sequence[str],
    config: Config,
    policy: Policy,
    day: dt.date | None,
    selection: Selection,
    here: Path,
    reuse: dict[tuple[str, str], Any] | None = None,
    source: LogSource | None = None,
    *,
    strict: bool = True,
) -> tuple[Assessment, list[Finding], list[str]]:
    """The journeys under ``paths`` at ``rev``, assessed and linted as lint does; a UsageError
    when they cannot be read or have format errors. ``reuse``: files read at another revision,
    taken again where a file's name and bytes are the same (journey/files.py ``load``)."""
    from stakes.assessment.engine import assess
    from stakes.journey.files import load
    from stakes.linter.rules import places
    from stakes.linter.run import checked

    with materialized(rev, paths, here) as (targets, shown):
        portfolio = load(
            targets,
            emotions=tuple(policy.emotions),
            triggers=config.known_triggers,
            keep_text=True,
            places=places(),
            display=shown,
            reuse=reuse,
        )
        assessment = assess(
            portfolio,
            policy,
            as_of=day,
            jurisdictions=common.jurisdictions(config, policy),
            processors=config.processors,
        )
        findings, _ = checked(portfolio, assessment, selection)
        if source is not None:  # what the log shows at each moment, not scored: a diff compares
            from stakes.app.evidence import observe  # the journeys, not the journeys and a log

            _, assessment.log, said = observe(source, portfolio, config.evidence)
        else:
            said = []
    errors = common.failing(portfolio.findings)  # the files that cannot be assessed
    messages = [*said, *(f"stakes: error: {rev.name}: {e}" for e in portfolio.errors)]
    messages += [f"{rev.name}: {line}" for line in common.located(errors)]
    if strict and (portfolio.errors or errors):
        raise UsageError(
            f"no comparison: the journeys at {rev.name} have errors (stakes lint says where)",
            messages,
        )
    return assessment, findings, messages


def run_diff(request: DiffRequest, cwd: Path | None = None) -> Outcome[ChangeSet]:
    """The change set from the base to the head. Exit 1 when a ``fail_on`` gate trips, 2
    when a revision cannot be read or a journey at it has errors."""
    from stakes.linter.selection import Selection

    unknown = [g for g in request.fail_on if g not in GATES]
    if unknown:
        raise UsageError(f"--fail-on {unknown[0]!r}: use one of {', '.join(GATES)}")
    here = cwd or Path.cwd()
    config = common.settings(request.config, request.isolated)
    revisions = [
        revision(request.base, base=True, cwd=here),
        revision(request.head, base=False, cwd=here),
    ]
    on_disk = all(r.commit is None and r.name != WORK_TREE for r in revisions)
    paths = request.paths if on_disk else common.targets(request.paths, config)
    if on_disk and paths:
        raise UsageError(
            "give PATH... only with git revisions: two folders or files are compared whole"
        )
    root = None if on_disk else root_of(here)
    if root is not None:  # a path at neither revision is a typo, not "no change"
        for p, rel in zip(paths, in_repository(paths, root, here), strict=True):
            if not any(exists_at(r, rel, root) for r in revisions):
                raise UsageError(f"{p}: not at {revisions[0].name}, nor at {revisions[1].name}")
    policy = common.policy(request.policy or config.policy)
    day = common.as_of(request.as_of)
    selection = Selection(config.select, config.ignore, dict(config.severity))
    sides = []
    messages: list[str] = []
    read: dict[tuple[str, str], Any] = {}  # the files both revisions share are read once
    policy_file = request.policy or config.policy
    for rev in revisions:
        mine = policy
        if request.policy_per_revision and policy_file is not None:
            mine = _policy_at(rev, policy_file, here)
        if mine.emotions != policy.emotions:
            read = {}  # files are read against the policy's emotions
        log = request.evidence if rev is revisions[1] else None
        assessment, findings, said = assessed_at(
            rev, paths, config, mine, day, selection, here, read, log
        )
        messages += said
        sides.append((rev.name, assessment, findings))
    head = sides[1][1]
    changes = compare(sides[0], sides[1], as_of=head.as_of, window=request.window)
    if head.log is not None:
        changes = observed(changes, head.log)
    code = EXIT_FINDINGS if changes.failing(request.fail_on) else EXIT_OK
    return Outcome(changes, messages, code, tuple(paths) + tuple(r.name for r in revisions))


def _policy_at(rev: Revision, file: str, here: Path) -> Policy:
    """The policy file as it is at ``rev``."""
    import tempfile

    from stakes.app.revisions import file_at

    data = file_at(rev, file, here)
    with tempfile.TemporaryDirectory(prefix="stakes-policy-") as tmp:
        copy = Path(tmp) / Path(file).name
        copy.write_bytes(data)
        return common.policy(str(copy), f"nothing was compared (its version at {rev.name})")


def observed(changes: ChangeSet, log: Any) -> ChangeSet:
    """The change set with what the contact log shows at each moment that changed."""
    from dataclasses import replace

    records = {f"{r['journey']}/{r['touchpoint']}": r for r in log.touchpoint_records()}
    seen = {
        x.key: {name: records[x.key].get(name) for name in LOGGED}
        for x in changes.changes
        if x.key in records and records[x.key].get("contacts")
    }
    return replace(changes, observed=seen)
