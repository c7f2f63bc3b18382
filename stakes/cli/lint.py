"""`stakes lint`: the CI gate."""

from __future__ import annotations

import enum
import os
from typing import TYPE_CHECKING, Annotated

import typer

from stakes.cli.options import (
    AsOfOption,
    ColumnOption,
    ConfigOption,
    EpochUnitOption,
    EvidenceLogOption,
    HandlerOption,
    IsolatedOption,
    MatchOption,
    MinContactsOption,
    OutputOption,
    PathsArgument,
    PolicyOption,
    SinceOption,
    TargetOption,
    UntilOption,
    WindowOption,
    format_choices,
    log_source,
    split,
)
from stakes.cli.output import run, show
from stakes.cli.root import app
from stakes.cli.terminal import progress

if TYPE_CHECKING:
    LintFormat = str
else:
    LintFormat = format_choices("lint")


class FailOn(enum.StrEnum):
    """The severity at or above which ``stakes lint`` exits 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.command(short_help="Check journeys in CI: the format and the rules.")
def lint(
    paths: PathsArgument = None,
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding is at least this severe.  [default: error]"),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RULE", help="Only these rules: codes, code prefixes (STK2) or names."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(metavar="RULE", help="Leave out these rules (codes, prefixes or names)."),
    ] = None,
    output: OutputOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    stdin_filename: Annotated[
        str,
        typer.Option(metavar="NAME", help="The name to report for a journey read from stdin (-)."),
    ] = "<stdin>",
    evidence: EvidenceLogOption = None,
    column: ColumnOption = None,
    handler: HandlerOption = None,
    match: MatchOption = None,
    window: WindowOption = None,
    epoch_unit: EpochUnitOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    target: TargetOption = None,
    min_contacts: MinContactsOption = 20,
    baseline: Annotated[
        str | None,
        typer.Option(
            metavar="FILE|REF",
            help="Report only findings new since a `stakes lint --format json` file or a git ref.",
        ),
    ] = None,
) -> None:
    """Check journeys in CI: the format, and the rules about verdicts, escalation and overrides.

    Every finding has a rule code and name, a severity, file:line:col, the touchpoint and a
    hint; `stakes rules CODE` explains a rule. Hygiene findings can be silenced on their line
    (or the line above) with `# stakes: ignore[CODE] reason`; verdict findings only by a reviewed
    override. Exit codes: 0 no finding at --fail-on, 1 findings, 2 usage error or unreadable input.

    Settings come from [tool.stakes] in pyproject.toml or from stakes.toml, the nearest one up to
    the project's root (the folder holding .git); `stakes config` shows which one is in effect.

    Examples:

    \b
      stakes lint journeys/
      stakes lint journeys/ --format sarif -o stakes.sarif
      stakes lint journeys/ --format github --fail-on warning
      stakes lint journeys/ --format gitlab -o gl-code-quality.json
      stakes lint journeys/ --select STK2 --ignore escalation-drops-context
      stakes lint --config ci/stakes.toml
      cat billing.yaml | stakes lint - --stdin-filename billing.yaml
      stakes lint journeys/ --evidence contacts.csv --column handled_by=channel
      stakes lint journeys/ --baseline origin/main
    """
    from stakes.app.lint import LintRequest
    from stakes.app.lint import lint as lint_job

    source = log_source(
        evidence,
        column or [],
        window,
        min_contacts,
        handler,
        epoch_unit,
        match,
        since=since,
        until=until,
        target=target,
    )
    request = LintRequest(
        paths=tuple(paths or ()),
        policy=policy,
        select=split(select),
        ignore=split(ignore),
        fail_on=fail_on.value if fail_on else None,
        as_of=as_of,
        config=config,
        isolated=isolated,
        stdin_name=stdin_filename,
        source=source,
        baseline=baseline,
    )
    with progress("checking") as bar:
        outcome = run(lint_job, request, bar)
    show(outcome, "lint", format, output)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if format == "github" and summary and outcome.document is not None:
        from stakes.render.lint.github import step_summary

        append_summary(summary, step_summary(outcome.document), outcome.inputs)
    raise typer.Exit(outcome.exit_code)


def append_summary(target: str, text: str, inputs: tuple[str, ...]) -> None:
    """Append the job summary to ``$GITHUB_STEP_SUMMARY``. The summary is an extra: when it
    cannot be written, one warning says so and the lint's exit code stands."""
    why = ""
    try:
        if any(i != "-" and os.path.realpath(i) == os.path.realpath(target) for i in inputs):
            why = "it is one of the inputs"
        else:
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(text)
    except (OSError, ValueError) as exc:
        why = (exc.strerror if isinstance(exc, OSError) else "") or str(exc)
    if why:
        typer.echo(
            f"stakes: warning: GITHUB_STEP_SUMMARY={target}: no job summary written: {why}",
            err=True,
        )
