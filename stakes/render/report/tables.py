"""The report's shared pieces: capped tables, how a touchpoint is named, and what a person
handling it needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.markdown import cell, code

#: Rows shown per table, and journeys shown in detail, before the rest is counted.
MAX_ROWS = 50
MAX_JOURNEYS = 25

Row = TouchpointAssessment


def capped_table(
    header: Sequence[str],
    rows: Sequence[Row],
    line: Callable[[Row], Sequence[str]],
    more: str,
    what: str,
) -> str:
    """A markdown table of at most MAX_ROWS rows; past that, a count and the command that
    lists the rest."""
    out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(line(r)) + " |" for r in rows[:MAX_ROWS]]
    text = "\n".join(out) + "\n"
    if len(rows) > MAX_ROWS:
        text += f"\n…and {len(rows) - MAX_ROWS} more {what}: {code(more)} lists them all.\n"
    return text


def named(t: Row) -> str:
    """A touchpoint as a cell: its title and its key."""
    return f"{cell(t.touchpoint.title)} (`{t.key}`)"


def stakes_cell(t: Row) -> str:
    """The score and the level (``~`` when borderline: the rubric, not the moment, decides)."""
    return f"{t.result.score} {t.result.level}" + (" ~" if t.result.borderline else "")


def needs(t: Row) -> str:
    """What a person handling this touchpoint needs, in plain words."""
    s = t.touchpoint.signals
    out = []
    if s.needs_authority or s.decision_effect in ("significant", "legal"):
        out.append("authority to decide and make exceptions")
    if s.prior_contacts or s.repeat_contact_rate >= 0.3:
        out.append("the full history, so the customer is not asked again")
    if s.vulnerability != "none" or s.emotion in ("distressed", "grieving"):
        out.append("time and discretion")
    if s.safety:
        out.append("the means to act on a safety risk at once")
    return "; ".join(out) or "judgement: the stakes are too high for a script"


#: Who a verdict gives a moment to, in plain words.
GIVES = {
    "automate": "AI",
    "guarded": "AI, with a tested way to a person",
    "assist": "a person who decides, with AI helping",
    "human-only": "a person alone",
}


def reasons(t: Row) -> str:
    """Why, in plain words: the sentence of the hard rule that decided the verdict, its name a
    link to the Method (which has its source, and every rule that fired), and how many more
    fired; else the stakes x complexity cell as a sentence, what weighs most, and a link to how
    the Method sets verdicts."""
    rule = t.result.deciding_rule
    o = t.touchpoint.override
    if t.override == "applied" and o is not None:
        return cell(f"A reviewed override makes it {o.verdict}: {o.reason} ({o.approved_by}).")
    if t.result.capped or t.unsaid:
        return cell(t.top_reason)
    if rule is None:
        r = t.result
        complexity = (
            f", above all, {r.complexity} complexity"
            if r.complexity_decides
            else f" {r.complexity} complexity"
        )
        said = (
            f"{r.level.capitalize()} stakes ({r.score} of 100) and{complexity}: the policy gives "
            f"such moments to {GIVES[r.verdict]}."
        )
        if r.verdict != "automate":
            said += f" What weighs most: {r.top_factor.sentence}."
        return f"{cell(said)} ([how](#method))"
    more = len(t.result.hard_rules) - 1
    also = f", and {more} more rule{'' if more == 1 else 's'}" if more else ""
    return f"{cell(rule.sentence)} ([{cell(rule.id)}](#method){also})"


def listed_above(n: int, what: str) -> str:
    """A count of the touchpoints another section lists (``what``: what they have too)."""
    one = n == 1
    return (
        f"{n} moment{'' if one else 's'} listed above {'has' if one else 'have'} {what} too, "
        f"named in {'its' if one else 'their'} row"
    )
