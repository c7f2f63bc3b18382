"""``stakes diff`` (text): the summary, a table of the moments that changed (``!`` where one
moves to a bot against its verdict or is softened), then each one's findings new (+) and fixed
(-), and the overrides about to expire."""

from __future__ import annotations

from rich import box
from rich.table import Table

from stakes.changes.compare import ChangeSet
from stakes.render.console import string_console, trimmed
from stakes.render.diff.summary import counted, in_the_log, summary
from stakes.render.registry import Options
from stakes.shown import shown

#: The width when the output is not a terminal (a file, a pipe): lines are not folded.
UNBOUNDED = 400


def render(changes: ChangeSet, options: Options) -> str:
    console, out = string_console(options.width or UNBOUNDED, options.color)
    console.print(f"{shown(changes.base)} → {shown(changes.head)}", markup=False)
    console.print(shown(summary(changes)), markup=False, style="bold")
    rows = sorted(changes.changes, key=lambda x: (not x.to_bot, not x.softened, x.key))
    if rows:
        fit = options.width is not None  # a terminal: fill it; a pipe: no padding
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=fit)
        table.add_column("", no_wrap=True)
        longest = max(len(shown(x.key)) for x in rows)
        table.add_column("touchpoint", overflow="fold", min_width=min(longest, 44))
        table.add_column("what changed", overflow="fold", ratio=1)
        table.add_column("findings", no_wrap=True, min_width=8)
        for x in rows:
            flag = "!" if x.to_bot or x.softened else ""
            counts = (f"+{len(x.new)}" if x.new else "", f"-{len(x.fixed)}" if x.fixed else "")
            tally = ", ".join(part for part in counts if part)
            what = "; ".join(shown(w) for w in x.what()) or "—"
            if x.key in changes.observed:
                what += f"; in the log: {shown(in_the_log(changes.observed[x.key]))}"
            table.add_row(flag, shown(x.key), what, tally or "—")
        console.print(table)
    details = [x for x in rows if x.new or x.fixed]
    for x in details:
        console.print(shown(x.key), markup=False, style="bold")
        for sign, found in (("+", x.new), ("-", x.fixed)):
            for f in found:
                console.print(f"  {sign} {shown(f)}", markup=False, soft_wrap=True)
    for sign, found in (("+", changes.new_elsewhere), ("-", changes.fixed_elsewhere)):
        for f in found:
            console.print(f"{sign} {shown(f)}", markup=False, soft_wrap=True)
    for key, date, days in changes.expiring:
        console.print(
            f"override at {shown(key)} expires {date} ({counted(days, 'day')})", markup=False
        )
    n = changes.counts()
    console.print(
        f"\n{n['added']} added, {n['removed']} removed, {n['changed']} changed; "
        f"{counted(n['new_findings'], 'new finding')}, {n['fixed_findings']} fixed, "
        f"{n['unchanged_findings']} unchanged",
        markup=False,
    )
    return trimmed(out.getvalue())
