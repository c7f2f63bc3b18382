"""`stakes map`, `report`, `explain` and `policy`: the assessment for people."""

from __future__ import annotations

import enum
import shlex
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from stakes.cli._common import (
    AsOfOption,
    ConfigOption,
    EvidenceLogOption,
    EvidenceMapOption,
    EvidenceOptions,
    IsolatedOption,
    MinContactsOption,
    OutputOption,
    PathsArgument,
    PolicyOption,
    WindowOption,
    _assess,
    _emit,
    _fail,
    _input_failed,
    _use_color,
    _width,
    app,
)


class MapFormat(enum.StrEnum):
    """Output formats of ``stakes map``."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class Only(enum.StrEnum):
    """Which touchpoints ``stakes map`` shows."""

    all = "all"
    never = "never"
    misaligned = "misaligned"


class SortBy(enum.StrEnum):
    """How ``stakes map`` orders touchpoints."""

    journey = "journey"
    stakes = "stakes"


@app.command("map")
def map_(
    paths: PathsArgument = None,
    format: Annotated[MapFormat, typer.Option("--format", "-f", help="Output format.")] = (
        MapFormat.table
    ),
    only: Annotated[
        Only,
        typer.Option(help="never: only human-only moments; misaligned: handled against verdict."),
    ] = Only.all,
    sort: Annotated[SortBy, typer.Option(help="journey: as written; stakes: highest first.")] = (
        SortBy.journey
    ),
    fail_on_misaligned: Annotated[
        bool, typer.Option(help="Exit 1 when a touchpoint is over- or under-automated.")
    ] = False,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    evidence: EvidenceLogOption = None,
    evidence_map: EvidenceMapOption = None,
    window: WindowOption = None,
    min_contacts: MinContactsOption = 20,
    output: OutputOption = None,
) -> None:
    """Tag every touchpoint with its emotional stakes and an automation verdict.

    Verdicts: automate, guarded (AI behind tested escalation), assist (a human decides, AI
    helps), human-only (never automate). "fit" compares the verdict with how each touchpoint
    is handled today: OVER means AI handles what it should not.

    [bold]Examples[/bold]

      stakes map journeys/

      stakes map journeys/ --only misaligned --sort stakes

      stakes map journeys/ --format csv -o stakes.csv

      stakes map journeys/ --evidence contacts.csv --only misaligned
    """
    observed = EvidenceOptions(evidence, tuple(evidence_map or ()), window, min_contacts)
    assessment, targets = _assess(paths, policy, as_of, config, isolated, observed)
    rows = list(assessment)
    if only is Only.never:
        rows = assessment.never_automate()
    elif only is Only.misaligned:
        rows = assessment.misaligned()
    if sort is SortBy.stakes:
        rows.sort(key=lambda t: -t.result.score)
    text: str | Iterable[str]
    if format is MapFormat.json:
        from stakes.render.map_formats import iter_json

        text = iter_json(assessment, rows)
    elif format is MapFormat.csv:
        from stakes.render.map_formats import render_csv

        text = render_csv(rows)
    elif format is MapFormat.md:
        from stakes.render.map_formats import render_markdown

        text = render_markdown(rows)
    else:
        from stakes.render.map_table import render_table

        color = output is None and _use_color()
        text = render_table(rows, width=_width(), color=color)
    _emit(text, output, [*targets, *(f for f, _ in assessment.inputs)])
    if _input_failed(assessment):
        bad = len({f.file for f in assessment.findings if f.severity == f.severity.ERROR})
        if bad:
            typer.echo(f"stakes: {bad} file(s) with errors were left out of the map", err=True)
        raise typer.Exit(2)
    if fail_on_misaligned and assessment.misaligned():
        raise typer.Exit(1)


@app.command()
def report(
    paths: PathsArgument = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write the report to this file (atomically) instead of stdout."
        ),
    ] = None,
    title: Annotated[str, typer.Option(help="The report's title.")] = "Stakes report",
    fail_on_misaligned: Annotated[
        bool, typer.Option(help="Exit 1 when a touchpoint is over- or under-automated.")
    ] = False,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    evidence: EvidenceLogOption = None,
    evidence_map: EvidenceMapOption = None,
    window: WindowOption = None,
    min_contacts: MinContactsOption = 20,
) -> None:
    """Write the markdown report for the people who decide what a bot may do.

    What must never be automated, where today's handling is misaligned, escalation gaps and
    loops, overrides, a stakes curve per journey, and the method.

    The same inputs give the same bytes. If any journey cannot be read, no report is written
    (a report that silently leaves out a journey would mislead) and the exit code is 2.

    [bold]Examples[/bold]

      stakes report journeys/ -o stakes-report.md

      stakes report journeys/ --title "Billing journeys, Q1 review" --policy team-policy.yaml
    """
    from stakes.render.report import render_report

    observed = EvidenceOptions(evidence, tuple(evidence_map or ()), window, min_contacts)
    assessment, targets = _assess(paths, policy, as_of, config, isolated, observed)
    if _input_failed(assessment):
        _fail("no report was written: fix the journeys above, or leave them out")
    listing = "stakes map " + " ".join(shlex.quote(p) for p in targets)
    text = render_report(assessment, title=title, command=listing)
    _emit(text, output, [*targets, *(f for f, _ in assessment.inputs)])
    if fail_on_misaligned and assessment.misaligned():
        raise typer.Exit(1)


@app.command()
def explain(
    target: Annotated[
        str,
        typer.Argument(metavar="FILE#TOUCHPOINT", help="A journey file and a touchpoint id in it."),
    ],
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Explain why one touchpoint got its stakes and its verdict.

    Its score factor by factor, the level, the matrix cell, the rules that fired and the
    override, so a reviewer can see why it is (say) human-only.

    [bold]Example[/bold]

      stakes explain journeys/billing-dispute.yaml#billing-chat
    """
    from stakes.render.explain import render_explain

    file, sep, tp_id = target.rpartition("#")
    if not sep or not file or not tp_id:
        _fail(f"{target!r}: give FILE#TOUCHPOINT, e.g. journeys/billing.yaml#invoice-faq")
    assessment, _ = _assess([file], policy, as_of, config, isolated)
    if _input_failed(assessment):
        raise typer.Exit(2)
    found = [t for t in assessment if t.touchpoint.id == tp_id]
    if not found:
        known = ", ".join(sorted(t.touchpoint.id for t in assessment))
        _fail(f"{file} has no touchpoint {tp_id!r}; it has: {known}")
    color = _use_color()
    sys.stdout.write(render_explain(found[0], assessment.policy, width=_width(), color=color))


@app.command("policy")
def policy_(
    policy: Annotated[
        str | None, typer.Argument(metavar="[FILE]", help="A policy file; default: the built-in.")
    ] = None,
) -> None:
    """Print the effective policy (after `extends: default`) as YAML, with its digest.

    [bold]Examples[/bold]

      stakes policy

      stakes policy team-policy.yaml
    """
    from stakes.assessment.policy import PolicyError, dump_policy, load_policy

    try:
        effective = load_policy(policy)
    except PolicyError as exc:
        for f in exc.findings:
            typer.echo(f"{f.location}: {f.rule.title}: {f.message}", err=True)
        _fail("the policy cannot be used")
    sys.stdout.write(f"# digest: {effective.digest()}\n{dump_policy(effective)}")
