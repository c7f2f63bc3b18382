"""``stakes diff`` (text): the summary, then each moment that changed with what changed and
its findings new and fixed."""

from __future__ import annotations

from stakes.changes.compare import ChangeSet
from stakes.render.diff.summary import summary
from stakes.render.registry import Options
from stakes.shown import shown


def render(changes: ChangeSet, options: Options) -> str:
    out = [f"{shown(changes.base)} → {shown(changes.head)}", shown(summary(changes)), ""]
    for x in sorted(changes.changes, key=lambda x: (not x.to_bot, not x.softened, x.key)):
        flag = "!" if x.to_bot or x.softened else " "
        out.append(f"{flag} {shown(x.key)}  {shown(x.title)}")
        out += [f"    {shown(w)}" for w in x.what()]
        if x.key in changes.observed:
            out.append(f"    in the log: {shown(changes.observed[x.key])}")
        out += [f"    + {shown(f)}" for f in x.new]
        out += [f"    - {shown(f)}" for f in x.fixed]
    for sign, found in (("+", changes.new_elsewhere), ("-", changes.fixed_elsewhere)):
        out += [f"  {sign} {shown(f)}" for f in found]
    for key, date, days in changes.expiring:
        out.append(f"  override at {shown(key)} expires {date} ({days} days)")
    n = changes.counts()
    out.append(
        f"\n{n['added']} added, {n['removed']} removed, {n['changed']} changed; "
        f"{n['new_findings']} new findings, {n['fixed_findings']} fixed, "
        f"{n['unchanged_findings']} unchanged"
    )
    return "\n".join(out) + "\n"
