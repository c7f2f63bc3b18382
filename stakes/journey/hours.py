"""When a touchpoint runs or is staffed (``hours:``) and how long a hand-over may take
(``response_target:``), read into minutes of a week.

Hours are ``24/7``, or one or more ``<days> <HH:MM>-<HH:MM>`` spans in the journey's time zone:
days are a day (``sat``), a range (``mon-fri``, ``fri-mon``), a list (``mon,wed,fri``) or
``daily``; a span whose end is not after its start runs past midnight (``daily 22:00-06:00``).
Comparing the hours of two touchpoints converts both to UTC on every week of a reference year
(each distinct combination of the zones' offsets once), so time zones and daylight saving on
either side count, including the weeks when one side has changed its clocks and the other has
not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import cache

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY = 24 * 60
WEEK = 7 * DAY
ALWAYS = "24/7"
#: The Mondays of a reference year, winter and summer first: every week's clocks are compared
#: (only the weeks whose offsets differ from a week already compared cost anything).
REFERENCE_WEEKS = (
    dt.datetime(2026, 1, 12),
    dt.datetime(2026, 7, 13),
    *(
        dt.datetime(2026, 1, 5) + dt.timedelta(weeks=n)
        for n in range(52)
        if n not in (1, 27)  # the two above
    ),
)
_SPAN = re.compile(r"^(?P<days>[a-z,-]+)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$")
_DURATION = re.compile(r"^(?P<n>\d{1,6})\s*(?P<unit>s|m|min|h|d)$")
_UNITS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}

#: Minutes of the week, ``[start, end)`` pairs with 0 <= start < end <= WEEK, sorted, disjoint.
Minutes = tuple[tuple[int, int], ...]


def duration(text: str) -> int:
    """Seconds in ``3m``, ``90s``, ``2h``, ``1d``; ValueError with what is expected otherwise."""
    match = _DURATION.match(text.strip())  # 1M is not a minute: months are not a unit
    if match is None:
        raise ValueError(f"{text!r} is not a duration; write it like 3m, 90s, 2h or 1d")
    return int(match["n"]) * _UNITS[match["unit"]]


def spoken(seconds: int) -> str:
    """``3m``, ``90s``, ``2h``: a duration as people write it."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _days(text: str) -> list[int]:
    if text == "daily":
        return list(range(7))
    out: list[int] = []
    for part in text.split(","):
        ends = part.split("-")
        if len(ends) > 2 or any(e not in DAYS for e in ends):
            raise ValueError(
                f"{part!r} is not a day or a range of days; write mon-fri, sat, mon,wed or daily"
            )
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        out.extend((first + k) % 7 for k in range((last - first) % 7 + 1))
    return sorted(set(out))


def _minute(text: str, end: bool) -> int:
    hours, minutes = (int(p) for p in text.split(":"))
    if hours == 24 and not minutes and not end:
        raise ValueError(f"{text!r} only ends a span; a span starts at 00:00 to 23:59")
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"{text!r} is not a time of day (00:00 to 24:00)")
    return hours * 60 + minutes


def span(text: str) -> Minutes:
    """The minutes of the week one span covers, in local time."""
    if text.strip().lower() == ALWAYS:
        return ((0, WEEK),)
    match = _SPAN.match(text.strip().lower())
    if match is None:
        raise ValueError(f"{text!r} is not hours; write 24/7 or like mon-fri 08:00-18:00")
    start, end = _minute(match["start"], False), _minute(match["end"], True)
    if start == end:
        raise ValueError(
            f"{text!r} starts and ends at the same time; for all day write 00:00-24:00"
        )
    length = (end - start) % (24 * 60) or 24 * 60
    return union(
        (day * 24 * 60 + start, day * 24 * 60 + start + length) for day in _days(match["days"])
    )


def parse(value: str | Sequence[str]) -> Minutes:
    """The minutes of the week ``hours:`` covers (a span, or a list of them), in local time."""
    texts = [value] if isinstance(value, str) else list(value)
    return union(pair for text in texts for pair in span(text))


def union(pairs: Iterable[tuple[int, int]]) -> Minutes:
    """Pairs of minutes folded into the week (a span past Sunday midnight goes on to Monday),
    sorted and merged."""
    folded: list[tuple[int, int]] = []
    for start, end in pairs:
        if end - start >= WEEK:
            return ((0, WEEK),)
        start, end = start % WEEK, start % WEEK + (end - start)
        if end > WEEK:
            folded += [(start, WEEK), (0, end - WEEK)]
        else:
            folded.append((start, end))
    return _merged(folded)


def minus(have: Minutes, cover: Minutes) -> Minutes:
    """The minutes of ``have`` that ``cover`` leaves uncovered (one pass over both: they are
    sorted and disjoint, and thousands of one-minute spans must not take seconds)."""
    out: list[tuple[int, int]] = []
    first = 0
    for start, end in have:
        while first < len(cover) and cover[first][1] <= start:
            first += 1
        at, k = start, first
        while k < len(cover) and cover[k][0] < end:
            if cover[k][0] > at:
                out.append((at, cover[k][0]))
            at, k = max(at, cover[k][1]), k + 1
        if at < end:
            out.append((at, end))
    return tuple(out)


@cache
def _offsets(zone: str | None, week: dt.datetime) -> tuple[int, ...]:
    """The zone's UTC offset in minutes at each hour of a reference week."""
    if zone is None:
        return (0,) * (WEEK // 60)
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)

    def at(hour: int) -> int:
        offset = (week + dt.timedelta(hours=hour)).replace(tzinfo=tz).utcoffset()
        return int(offset.total_seconds() // 60) if offset is not None else 0

    # The clocks change at most once a day: read each hour only of a day that ends on
    # another offset than it starts with.
    days = [at(24 * d) for d in range(8)]
    out: list[int] = []
    for d in range(7):
        same = days[d] == days[d + 1]
        out += [days[d]] * 24 if same else [at(24 * d + h) for h in range(24)]
    return tuple(out)


def _merged(pairs: Iterable[tuple[int, int]]) -> Minutes:
    """Pairs sorted and merged on a line (not folded into a week)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _utc(
    minutes: Minutes, zone: str | None, monday: dt.datetime, shift: int = 0
) -> list[tuple[int, int]]:
    """Local minutes of the week ``shift`` weeks after ``monday``'s, as UTC minutes on a line
    from ``monday`` 00:00 UTC: not folded, so that a week in which the clocks change (an hour
    shorter or longer) meets the next week where it really does."""
    offsets = _offsets(zone, monday + dt.timedelta(weeks=shift))
    base = shift * WEEK
    if len(set(offsets)) == 1:  # no change of clocks this week: one shift
        return [(base + s - offsets[0], base + e - offsets[0]) for s, e in minutes]
    pairs = []
    for start, end in minutes:
        # Split at each hour whose offset differs, so a change of clocks lands where it falls.
        at, before = start, None
        while at < end:
            offset = offsets[min(at // 60, len(offsets) - 1)]
            if before is not None and offset < before:
                # The clocks went back inside the span: the hour lived twice is covered too.
                pairs.append((base + at - before, base + at - offset))
            stop = at
            while stop < end and offsets[min(stop // 60, len(offsets) - 1)] == offset:
                stop = (stop // 60 + 1) * 60
            stop = min(stop, end)
            pairs.append((base + at - offset, base + stop - offset))
            at, before = stop, offset
    return pairs


def uncovered(
    have: Minutes, have_zone: str | None, cover: Sequence[tuple[Minutes, str | None]]
) -> Minutes:
    """The local minutes of ``have`` (in ``have_zone``) that none of ``cover`` (each in its own
    zone) covers in some week of the reference year; empty when they are always covered."""
    return uncovered_when(have, have_zone, cover)[0]


def uncovered_when(
    have: Minutes, have_zone: str | None, cover: Sequence[tuple[Minutes, str | None]]
) -> tuple[Minutes, dt.date | None]:
    """What ``uncovered`` gives, and the Monday of the reference week it is found in (the first
    is in winter, the second in summer, the others weeks when the clocks change); None when
    there is no gap."""
    zones = (have_zone, *dict.fromkeys(zone for _, zone in cover))
    compared: set[tuple[tuple[int, ...], ...]] = set()
    around = (-1, 0, 1)
    for monday in REFERENCE_WEEKS:
        clocks = tuple(
            _offsets(zone, monday + dt.timedelta(weeks=k)) for zone in zones for k in around
        )
        if clocks in compared:
            continue
        compared.add(clocks)
        # The people's hours of the week before and after too: a zone apart, they reach in.
        theirs = _merged(
            p for minutes, zone in cover for k in around for p in _utc(minutes, zone, monday, k)
        )
        gap = minus(_merged(_utc(have, have_zone, monday)), theirs)
        if gap:
            back = _offsets(have_zone, monday)
            return union((_local(s, back), _local(s, back) + e - s) for s, e in gap), monday.date()
    return (), None


def _local(utc: int, offsets: tuple[int, ...]) -> int:
    """A UTC minute of the week as local time: the offsets are by local hour, so guess the
    local hour with the UTC one, then read the offset there."""
    guess = utc + offsets[(utc % WEEK) // 60]
    return utc + offsets[(guess % WEEK) // 60]


def described(minutes: Minutes) -> str:
    """``sat 00:00-24:00``, ``mon 18:00-tue 08:00``: the first stretch of minutes, as people
    read it (and how many more there are); a stretch past Sunday midnight comes first."""
    if not minutes:
        return "never"
    if minutes == ((0, WEEK),):
        return "all week"
    if len(minutes) > 1 and minutes[0][0] == 0 and minutes[-1][1] == WEEK:
        # One stretch past Sunday midnight (sun 22:00-mon 02:00), not two.
        minutes = ((minutes[-1][0], WEEK + minutes[0][1]), *minutes[1:-1])
    start, end = minutes[0]
    day, at = divmod(start, 24 * 60)
    last_day, until = divmod(end, 24 * 60)
    if until == 0 and last_day > day:
        last_day, until = last_day - 1, 24 * 60
    text = f"{DAYS[day]} {at // 60:02d}:{at % 60:02d}-"
    text += "" if last_day == day else f"{DAYS[last_day % 7]} "
    text += f"{until // 60:02d}:{until % 60:02d}"
    more = len(minutes) - 1
    return text + (
        f" and {more} other times a week" if more > 1 else " and once more" if more else ""
    )
