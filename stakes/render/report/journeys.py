"""The report's chart of the portfolio's verdicts, and its appendix: every touchpoint of every
journey, in one collapsible table."""

from __future__ import annotations

from itertools import groupby

from stakes.assessment.results import Assessment
from stakes.render.markdown import cell, code
from stakes.render.report import figures
from stakes.render.report.figures import Figure
from stakes.render.report.mermaid import MAX_CHART_POINTS
from stakes.render.report.tables import MAX_JOURNEYS, named, stakes_cell

#: Rows of the appendix before the rest is counted and pointed to.
MAX_APPENDIX = 500


def appendix(a: Assessment, more: str) -> str:
    """Every touchpoint, journey by journey and a row per stage, in a ``<details>`` block
    (GitHub folds it)."""
    rows = list(a)
    if not rows:
        return ""
    journeys = {t.journey.journey: t for t in rows}  # the first touchpoint of each
    n, m = len(rows), len(journeys)
    out = [
        "## Appendix: every touchpoint\n",
        "<details>",
        f"<summary>{n} touchpoint{'' if n == 1 else 's'} in {m} journey{'' if m == 1 else 's'}: "
        "stakes, verdict, who handles it today and whether that fits</summary>",
        "",
        "| journey | stage | touchpoints: stakes, verdict, today, fit |",
        "| --- | --- | --- |",
    ]
    shown = rows[:MAX_APPENDIX]
    seen: set[str] = set()
    for (slug, _), group in groupby(shown, key=lambda t: (t.journey.journey, t.stage.id)):
        stage = list(group)
        entries = "<br>".join(
            f"{named(t)}: {stakes_cell(t)}, {t.verdict}, {t.touchpoint.handled_by}, {t.alignment}"
            for t in stage
        )
        journey = f"`{cell(slug)}`"
        if slug not in seen:  # the journey's first row says who owns it and where it is
            seen.add(slug)
            first = journeys[slug]
            owner = f"owner {cell(first.journey.owner)}" if first.journey.owner else "**no owner**"
            journey = f"**{journey}**<br>{owner}<br>file {code(first.file)}"
        out.append(f"| {journey} | {cell(stage[0].stage.title)} | {entries} |")
    if n > MAX_APPENDIX:
        out += ["", f"…and {n - MAX_APPENDIX} more: {code(more + ' --format csv')} lists them all."]
    return "\n".join([*out, "", "</details>"]) + "\n"


def verdicts(a: Assessment, more: str) -> list[str | Figure]:
    """The chart of verdicts, with what it shows."""
    assessed = [t for t in a if not t.unsaid]
    if not assessed:
        return []
    n = len(assessed)
    which = (
        f"the {MAX_CHART_POINTS} of the {n} assessed touchpoints to look at first (the "
        "misaligned, then the highest stakes; "
        f"{code(more + ' --sort stakes')} lists them all)"
        if n > MAX_CHART_POINTS
        else "every assessed touchpoint"
    )
    return [
        "## Verdicts\n\n"
        f"Each quadrant is a verdict, named with how many moments have it, and the chart "
        f"shows {which}, each in its verdict's quadrant. A hard rule can raise a low-stakes "
        "moment into a person's quadrant; nothing is drawn where its verdict does not allow.\n",
        figures.verdicts(assessed),
    ]


def charts(a: Assessment) -> list[str | Figure]:
    """The HTML report's section of charts by journey (the markdown has none: a stakes curve
    per journey is ten lines of Mermaid each)."""
    rows = [t for t in a if not t.unsaid]
    if not rows:
        return []
    curves = figures.journey_curves(rows, a.policy, MAX_JOURNEYS)
    n = len({t.journey.journey for t in rows})
    rest = n - len(curves)

    def draw(ident: str) -> str:
        lead = (
            "The highest stakes of each stage, journey by journey, then each journey's "
            "touchpoints in order, coloured by verdict, against the policy's thresholds"
            + (
                f" (the first {len(curves)} journeys; {rest} more are in the appendix)"
                if rest
                else ""
            )
            + "."
        )
        return "\n".join(
            [
                '<h2 id="stakes-by-journey">Stakes by journey</h2>',
                f"<p>{lead}</p>",
                f"<figure>{figures.heat_map(rows, a.policy)(ident + '-map')}</figure>",
                *(f"<figure>{draw(f'{ident}-{i}')}</figure>" for i, draw in enumerate(curves)),
            ]
        )

    return [Figure("", draw, block=True)]
