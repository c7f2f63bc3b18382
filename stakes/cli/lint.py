"""`stakes lint`: the CI gate."""

from __future__ import annotations

import enum
import os
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from stakes.linter.run import LintResult

from stakes.cli._common import (
    AsOfOption,
    ConfigOption,
    IsolatedOption,
    OutputOption,
    PathsArgument,
    PolicyOption,
    _as_of,
    _emit,
    _fail,
    _load_policy,
    _paths,
    _progress,
    _settings,
    _split,
    _use_color,
    app,
)


class LintFormat(enum.StrEnum):
    """Output formats of ``stakes lint``."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class FailOn(enum.StrEnum):
    """The severity at or above which ``stakes lint`` exits 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.command()
def lint(
    paths: PathsArgument = None,
    format: Annotated[
        LintFormat, typer.Option("--format", "-f", help="Output format.")
    ] = LintFormat.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding is at least this severe.  [default: error]"),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules: codes, code prefixes (STK2) or names; repeatable."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Leave out these rules (codes, prefixes or names).")
    ] = None,
    output: OutputOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    stdin_filename: Annotated[
        str, typer.Option(help="The name to report for a journey read from stdin (-).")
    ] = "<stdin>",
) -> None:
    """Check journeys in CI: the format, and the rules about verdicts, escalation and overrides.

    Every finding has a rule code and name, a severity, file:line:col, the touchpoint and a
    hint; `stakes rules CODE` explains a rule. Hygiene findings can be silenced on their line
    (or the line above) with `# stakes: ignore[CODE] reason`; verdict findings only by a reviewed
    override. Exit codes: 0 no finding at --fail-on, 1 findings, 2 usage error or unreadable input.

    [bold]Examples[/bold]

      stakes lint journeys/

      stakes lint journeys/ --format sarif -o stakes.sarif

      stakes lint journeys/ --format github --fail-on warning

      stakes lint journeys/ --select STK2 --ignore escalation-drops-context

      cat billing.yaml | stakes lint - --stdin-filename billing.yaml
    """
    from stakes.journey.loader import HAS_LIBYAML
    from stakes.linter.catalogue import unknown_selectors
    from stakes.linter.run import Selection, parse_fail_on
    from stakes.linter.run import lint as run_lint

    settings = _settings(config, isolated)
    targets = _paths(paths, settings)
    chosen = Selection(
        select=_split(select) or settings.select,
        ignore=(*settings.ignore, *_split(ignore)),
        severity=settings.severity,
    )
    for name in unknown_selectors([*chosen.select, *chosen.ignore, *chosen.severity]):
        from_file = settings.file is not None and (
            name in settings.select or name in settings.ignore or name in settings.severity
        )
        where = f"{settings.locate(name)}: " if from_file else ""
        _fail(f"{where}no rule is called {name!r}; 'stakes rules' lists them")
    if not HAS_LIBYAML:
        typer.echo(
            "stakes: warning: PyYAML has no libyaml here; reading is about 9x slower", err=True
        )
    effective = _load_policy(policy or settings.policy)
    with _progress("checking") as progress:
        result = run_lint(
            targets,
            policy=effective,
            selection=chosen,
            as_of=_as_of(as_of),
            stdin_name=stdin_filename,
            progress=progress,
        )
    for error in result.errors:
        typer.echo(f"stakes: error: {error}", err=True)
    text = _render_lint(result, format, color=output is None and _use_color())
    _emit(text, output, [*targets, *result.files])
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if format is LintFormat.github and summary:
        from stakes.render.lint_github import render_step_summary

        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(render_step_summary(result))
    level = fail_on.value if fail_on else settings.fail_on or "error"
    raise typer.Exit(result.exit_code(parse_fail_on(level)))


def _render_lint(result: LintResult, format: LintFormat, *, color: bool) -> str:
    if format is LintFormat.json:
        from stakes.render.lint_json import render_json

        return render_json(result)
    if format is LintFormat.github:
        from stakes.render.lint_github import render_github

        return render_github(result)
    if format is LintFormat.sarif:
        from stakes.render.lint_sarif import render_sarif

        return render_sarif(result)
    if format is LintFormat.junit:
        from stakes.render.lint_junit import render_junit

        return render_junit(result)
    from stakes.render.lint_text import render_text

    return render_text(result, color=color)
