"""``stakes diff --format md``: a pull-request comment. The summary first, then a row per
moment that changed, then the findings elsewhere and the overrides about to expire; stable for
the same inputs, and marked so that a bot can update its one comment."""

from __future__ import annotations

from stakes.changes.compare import ChangeSet
from stakes.render.diff.summary import MARKER, counted, in_the_log, summary
from stakes.render.markdown import cell, code
from stakes.render.registry import Options

MAX_ROWS = 50


def render(changes: ChangeSet, options: Options) -> str:
    out = [
        MARKER,
        f"### stakes diff: {code(changes.base)} → {code(changes.head)}",
        "",
        f"**{cell(summary(changes))}**",
        "",
    ]
    rows = sorted(changes.changes, key=lambda x: (not x.to_bot, not x.softened, x.key))
    logged = bool(changes.observed)
    if rows:
        log_head = " in the contact log |" if logged else ""
        out += [
            f"| touchpoint | what changed | findings |{log_head}",
            "| --- | --- | --- |" + (" --- |" if logged else ""),
        ]
        for x in rows[:MAX_ROWS]:
            said = [f"new: {cell(f)}" for f in x.new] + [f"fixed: {cell(f)}" for f in x.fixed]
            mark = "**" if x.to_bot or x.softened else ""
            what = "; ".join(cell(w) for w in x.what()) or "—"
            findings = "<br>".join(said) or "—"
            log = changes.observed.get(x.key)
            seen = f" {cell(in_the_log(log)) if log else '—'} |" if logged else ""
            out.append(f"| {cell(x.title)} (`{x.key}`) | {mark}{what}{mark} | {findings} |{seen}")
        if len(rows) > MAX_ROWS:
            out += [
                "",
                f"…and {len(rows) - MAX_ROWS} more: `stakes diff --format json` lists them all.",
            ]
        out.append("")
    for label, elsewhere in (("New", changes.new_elsewhere), ("Fixed", changes.fixed_elsewhere)):
        if elsewhere:
            out += [f"{label} findings of a journey or a file:", ""]
            out += [f"- {cell(f)}" for f in elsewhere[:MAX_ROWS]] + [""]
    if changes.expiring:
        out += [f"Overrides that expire within {changes.window} days:", ""]
        out += [
            f"- `{key}`: {date} ({counted(days, 'day')})" for key, date, days in changes.expiring
        ]
        out.append("")
    n = changes.counts()
    out.append(
        f"{n['added']} added, {n['removed']} removed, {n['changed']} changed; "
        f"{counted(n['unchanged_findings'], 'finding')} unchanged."
    )
    return "\n".join(out) + "\n"
