"""The command line: each command parses its options and calls the library. Only module that
imports typer."""

from __future__ import annotations

import datetime as dt
import enum
import gc
import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from stakes import __version__

if TYPE_CHECKING:
    from stakes.config import Config
    from stakes.engine import Assessment
    from stakes.lint import LintResult
    from stakes.policy import Policy

app = typer.Typer(
    name="stakes",
    help="Decide, review and test where AI may handle a customer journey and where a human must.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
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


def _fail(message: str) -> NoReturn:
    typer.echo(f"stakes: error: {message}", err=True)
    raise typer.Exit(2)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _width() -> int:
    """The terminal's width, at least 80; 80 when not a terminal (stable for pipes and files)."""
    if sys.stdout.isatty():
        import shutil

        return max(80, shutil.get_terminal_size().columns)
    return 80


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on a terminal's stderr; None when piped or in CI.

    The bar appears only once a run has many files, and vanishes when it ends.
    """
    if not sys.stderr.isatty() or os.environ.get("CI") or "NO_COLOR" in os.environ:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        f"[bold]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < 100:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        bar.stop()


def _emit(text: str | Iterable[str], output: str | None, inputs: list[str]) -> None:
    """Write to stdout, or atomically to ``output``; ``text`` may come in chunks."""
    if output is None or output == "-":
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
        sys.stdout.flush()
        return
    from stakes.output import OutputError, write_atomic

    try:
        write_atomic(output, text, inputs)
    except OutputError as exc:
        _fail(str(exc))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stakes {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Decide, review and test where AI may handle a customer journey and where a human must."""


PolicyOption = Annotated[
    str | None,
    typer.Option("--policy", help="A policy file (YAML) replacing or extending the default."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The date overrides are checked against (default: today), for reproducible runs.",
    ),
]


ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config", help="A stakes.toml or pyproject.toml to use instead of the discovered one."
    ),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PATH]...",
        help="Journey files or folders (searched for *.yaml, *.yml); - for stdin. "
        "Default: the configuration's paths.",
        show_default=False,
    ),
]


def _settings(config: str | None, isolated: bool) -> Config:
    """The configuration in effect; a bad file is a usage error (exit 2) with its position."""
    from stakes.config import ConfigError, load_config

    try:
        return load_config(config, isolated=isolated)
    except ConfigError as exc:
        _fail(str(exc))


def _paths(given: list[str] | None, settings: Config) -> list[str]:
    if given:
        return given
    if settings.paths:
        return list(settings.paths)
    _fail(
        "give a journey file or folder, or set paths in [tool.stakes]; e.g. stakes lint journeys/"
    )


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())


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
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
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
    from stakes.lint import Selection, parse_fail_on
    from stakes.lint import lint as run_lint
    from stakes.loader import HAS_LIBYAML
    from stakes.rules import unknown_selectors

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


@app.command()
def schema(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Print the JSON Schema of the journey format, for editors and other validators.

    [bold]Example[/bold]

      stakes schema -o schema/journey.schema.json

    then start a journey file with
    # yaml-language-server: $schema=../schema/journey.schema.json
    """
    from stakes.model import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output, [])


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


def _as_of(as_of: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        _fail(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)")


def _load_policy(file: str | None) -> Policy:
    """The policy in ``file`` (None: the default); an unusable one stops the run (exit 2)."""
    from stakes.policy import PolicyError, load_policy

    try:
        return load_policy(file)
    except PolicyError as exc:
        for f in exc.findings:
            typer.echo(f"{f.location}: {f.rule.title}: {f.message}", err=True)
        _fail("the policy cannot be used; nothing was assessed")


def _assess(
    paths: list[str] | None,
    policy_file: str | None,
    as_of: str | None,
    config: str | None = None,
    isolated: bool = False,
) -> tuple[Assessment, list[str]]:
    """Load the policy and the journeys; report unusable input on stderr (it sets exit code 2)."""
    from stakes.engine import assess

    settings = _settings(config, isolated)
    targets = _paths(paths, settings)
    day = _as_of(as_of)
    policy = _load_policy(policy_file or settings.policy)
    with _progress("assessing") as progress:
        assessment = assess(targets, policy, as_of=day, progress=progress)
    for error in assessment.errors:
        typer.echo(f"stakes: error: {error}", err=True)
    for f in assessment.findings:
        if f.severity == f.severity.ERROR:
            typer.echo(f"{f.location}: {f.rule.title}: {f.message}", err=True)
    return assessment, targets


def _input_failed(assessment: Assessment) -> bool:
    return bool(assessment.errors) or any(
        f.severity == f.severity.ERROR for f in assessment.findings
    )


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
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Tag every touchpoint with its emotional stakes and an automation verdict.

    Verdicts: automate, guarded (AI behind tested escalation), assist (a human decides, AI
    helps), human-only (never automate). "fit" compares the verdict with how each touchpoint
    is handled today: OVER means AI handles what it should not.

    [bold]Examples[/bold]

      stakes map journeys/

      stakes map journeys/ --only misaligned --sort stakes

      stakes map journeys/ --format csv -o stakes.csv
    """
    assessment, targets = _assess(paths, policy, as_of, config, isolated)
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
) -> None:
    """Write a markdown report: what must never be automated, where today's handling is
    misaligned, escalation gaps and loops, overrides, a stakes curve per journey, and the method.

    The same inputs give the same bytes. If any journey cannot be read, no report is written
    (a report that silently leaves out a journey would mislead) and the exit code is 2.

    [bold]Examples[/bold]

      stakes report journeys/ -o stakes-report.md

      stakes report journeys/ --title "Billing journeys, Q1 review" --policy team-policy.yaml
    """
    from stakes.render.report import render_report

    assessment, targets = _assess(paths, policy, as_of, config, isolated)
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
    """Explain one touchpoint: its score factor by factor, the level, the matrix cell, the
    rules that fired and the override, so a reviewer can see why it is (say) human-only.

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
    from stakes.policy import PolicyError, dump_policy, load_policy

    try:
        effective = load_policy(policy)
    except PolicyError as exc:
        for f in exc.findings:
            typer.echo(f"{f.location}: {f.rule.title}: {f.message}", err=True)
        _fail("the policy cannot be used")
    sys.stdout.write(f"# digest: {effective.digest()}\n{dump_policy(effective)}")


@app.command()
def init(
    folder: Annotated[
        str, typer.Argument(metavar="[DIR]", help="Where to start (default: here).")
    ] = ".",
) -> None:
    """Start a journeys repository: a starter journey, the JSON Schema for editors, a
    stakes.toml and a GitHub Actions workflow. Nothing that exists is overwritten.

    [bold]Example[/bold]

      stakes init my-journeys && cd my-journeys && stakes lint
    """
    from pathlib import Path

    from stakes.init import init as run_init

    try:
        written = run_init(Path(folder))
    except OSError as exc:
        _fail(f"{folder}: cannot write: {exc.strerror or exc}")
    for item in written:
        verb = "wrote" if item.created else "kept existing"
        typer.echo(f"{verb:>13} {item.path}")


@app.command()
def rules(
    rule: Annotated[
        str | None,
        typer.Argument(metavar="[CODE|NAME]", help="Document one rule, by code or name."),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the whole reference as markdown.")
    ] = False,
) -> None:
    """List the rules stakes checks, or explain one: why it matters and how to fix it.

    [bold]Examples[/bold]

      stakes rules

      stakes rules STK007

      stakes rules unknown-key
    """
    from stakes.rules import all_rules, find_rule, rules_markdown

    if markdown:
        sys.stdout.write(rules_markdown())
        return
    if rule is None:
        for r in all_rules():
            typer.echo(f"{r.code}  {r.name:<32} {r.severity.label:<8} {r.summary}")
        return
    found = find_rule(rule)
    if found is None:
        _fail(f"no rule {rule!r}; 'stakes rules' lists them all")
    typer.echo(f"{found.code} {found.name} ({found.severity.label})\n\n{found.summary}\n")
    if found.doc:
        typer.echo(found.doc.strip())


class EvidenceFormat(enum.StrEnum):
    """Output formats of ``stakes evidence``."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@app.command()
def evidence(
    log: Annotated[
        str, typer.Argument(metavar="LOG", help="A contact log: CSV, Parquet or JSON Lines.")
    ],
    journeys: Annotated[
        list[str],
        typer.Option("--journeys", "-j", help="Journey files or folders the contacts belong to."),
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help='The log\'s column for a field, e.g. touchpoint="Ticket Type".',
        ),
    ] = None,
    handler: Annotated[
        list[str] | None,
        typer.Option(metavar="LABEL=HANDLER", help="What a handled_by label means, e.g. Tier0=ai."),
    ] = None,
    input_format: Annotated[
        str | None, typer.Option(help="csv, parquet or jsonl (default: from the extension).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="The CSV's encoding (default: UTF-8, with or without BOM).")
    ] = None,
    window: Annotated[
        str | None, typer.Option(help="Repeat-contact window: 7d (default), 48h, 2w ...")
    ] = None,
    day_first: Annotated[
        bool | None,
        typer.Option(
            "--day-first/--month-first", help="How to read 03/04/2025 (default: month first)."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(help="Exit 2 on unreadable values or duplicate ids instead of counting them."),
    ] = False,
    format: Annotated[
        EvidenceFormat, typer.Option("--format", "-f", help="Output format.")
    ] = EvidenceFormat.table,
    policy: PolicyOption = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Measure what a contact log says about each touchpoint: AI share, deflection, resolution,
    deflected-but-unresolved, repeat contacts, looping customers, escalation and CSAT.

    Customer ids never appear in the output. Problems in the log are reported on stderr and
    counted; --strict makes them fatal. Exit codes: 0 done, 2 usage error or unusable input.

    [bold]Examples[/bold]

      stakes evidence contacts.csv --journeys journeys/

      stakes evidence tickets.csv -j examples/ --map touchpoint="Ticket Type" --format md
    """
    from stakes.evidence.command import run
    from stakes.evidence.model import LogError

    try:
        outcome = run(
            log,
            journeys,
            mapping=map_ or [],
            handlers=handler or [],
            input_format=input_format,
            encoding=encoding,
            window=window,
            strict=strict,
            day_first=day_first,
            policy=policy,
            fmt=format.value,
            width=_width(),
            color=output is None and _use_color(),
        )
    except LogError as exc:
        _fail(str(exc))
    for line in outcome.messages:
        typer.echo(line, err=True)
    _emit(outcome.text, output, outcome.inputs)
    raise typer.Exit(outcome.exit_code)


def main() -> None:
    """Run the command line; user errors never show a traceback."""
    # A run builds many small, acyclic objects and then exits: the cyclic collector would only
    # rescan them (about a fifth of the time of a large map). Reference counting still frees.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("stakes: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (e.g. `stakes lint ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
