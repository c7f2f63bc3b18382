"""`stakes diff`: what a change to the journeys changes in who handles which moment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from stakes.cli.options import (
    AsOfOption,
    ColumnOption,
    ConfigOption,
    EvidenceLogOption,
    IsolatedOption,
    MinContactsOption,
    OutputOption,
    PolicyOption,
    format_choices,
    log_source,
)
from stakes.cli.output import run, show
from stakes.cli.root import app

if TYPE_CHECKING:
    DiffFormat = str
else:
    DiffFormat = format_choices("diff")


@app.command(short_help="What a change does to who handles which moment (a PR gate).")
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="A git ref, or a folder or file (default: the merge base with main).",
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD", help="A git ref, or a folder or file; . or nothing: the work tree."
        ),
    ] = None,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...", help="The journeys to compare (default: the configuration's paths)."
        ),
    ] = None,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text; md: a pull-request comment; json: tools; sarif."
        ),
    ] = "text",
    output: OutputOption = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="GATE",
            help="Exit 1 when: new-over-automation, new-findings, verdict-softened or any-change.",
        ),
    ] = None,
    window: Annotated[
        int,
        typer.Option(
            "--window", min=0, metavar="DAYS", help="Name the overrides that expire within DAYS."
        ),
    ] = 30,
    policy: PolicyOption = None,
    policy_per_revision: Annotated[
        bool,
        typer.Option(
            "--policy-per-revision", help="Assess each side with the policy file as it was then."
        ),
    ] = False,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    evidence: EvidenceLogOption = None,
    column: ColumnOption = None,
    min_contacts: MinContactsOption = 20,
) -> None:
    """Compare the assessment of two revisions of the journeys, with the same policy.

    Each side is a git ref, read from git itself (the work tree is not touched), or a
    folder or file as it is now. Moments are matched by journey/touchpoint, so a renamed
    file keeps its moments. Says which moments were added or removed, and for the others
    who handles them, their verdict (softened or raised), stakes, fit, the hard rules that
    now apply or no longer do, overrides and escalations; the findings that are new or fixed;
    and the overrides that expire within --window days. The summary line comes first, for a
    pull-request comment. Both sides are assessed with today's policy, unless
    --policy-per-revision takes the policy file as it was at each. With --evidence LOG, each
    moment that changed shows what the contact log says of it today (not scored: a diff
    compares the journeys). If a journey at either side has errors, nothing is compared and
    the exit code is 2.

    Examples:

    \b
      stakes diff
      stakes diff main HEAD journeys/ --format md -o stakes-diff.md
      stakes diff main . journeys/
      stakes diff origin/main --fail-on new-over-automation
      stakes diff journeys-before/ journeys/
    """
    from stakes.app.diff import DiffRequest
    from stakes.app.diff import run_diff as diff_job

    request = DiffRequest(
        base=base,
        head=head,
        paths=tuple(paths or ()),
        policy=policy,
        as_of=as_of,
        config=config,
        isolated=isolated,
        window=window,
        fail_on=tuple(fail_on or ()),
        policy_per_revision=policy_per_revision,
        evidence=log_source(evidence, column or [], None, min_contacts, None, None),
    )
    outcome = run(diff_job, request)
    show(outcome, "diff", format, output)
    raise typer.Exit(outcome.exit_code)
