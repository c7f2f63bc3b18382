"""Hours (``hours:``) and durations (``response_target:``): every form read into minutes of the
week, a clear message for each kind of mistake, and the set operations and time-zone
comparison the out-of-hours check (STK608) stands on, as properties over any hours."""

from __future__ import annotations

import itertools
import zoneinfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakes.journey.hours import (
    DAY,
    DAYS,
    WEEK,
    Minutes,
    described,
    duration,
    minus,
    parse,
    spoken,
    uncovered,
    union,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Every zone the journey format accepts, and None (the default: UTC).
ZONES = (None, *sorted(zoneinfo.available_timezones()))


def at(day: str, time: str) -> int:
    """The minute of the week of ``day`` at ``time`` (``mon``, ``09:30``)."""
    hours, minutes = time.split(":")
    return DAYS.index(day) * DAY + int(hours) * 60 + int(minutes)


def daily(start: str, end: str, days: tuple[str, ...] = DAYS) -> list[tuple[int, int]]:
    """Spans from ``start`` to ``end`` on ``days`` (past midnight when end is not after start)."""
    out = []
    for day in days:
        first = at(day, start)
        length = (at("mon", end) - at("mon", start)) % DAY or DAY
        out.append((first, first + length))
    return out


# --- reading hours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24/7", ((0, WEEK),)),
        (" 24/7 ", ((0, WEEK),)),
        ("mon-fri 08:00-18:00", union(daily("08:00", "18:00", DAYS[:5]))),
        ("sat 09:00-13:00", ((at("sat", "09:00"), at("sat", "13:00")),)),
        ("mon,wed 09:00-10:00", union(daily("09:00", "10:00", ("mon", "wed")))),
        (
            "mon,wed-thu,sat 09:00-10:00",
            union(daily("09:00", "10:00", ("mon", "wed", "thu", "sat"))),
        ),
        ("daily 09:00-17:00", union(daily("09:00", "17:00"))),
        # A range that wraps the week: Friday to Monday.
        ("fri-mon 10:00-11:00", union(daily("10:00", "11:00", ("fri", "sat", "sun", "mon")))),
        ("sun-mon 10:00-11:00", union(daily("10:00", "11:00", ("sun", "mon")))),
        ("tue-mon 10:00-11:00", union(daily("10:00", "11:00"))),  # seven days
        ("wed-wed 10:00-11:00", ((at("wed", "10:00"), at("wed", "11:00")),)),
        # 24:00 ends a day; 00:00-24:00 every day is the whole week.
        ("sat 00:00-24:00", ((at("sat", "00:00"), at("sun", "00:00")),)),
        ("sun 18:00-24:00", ((at("sun", "18:00"), WEEK),)),
        ("daily 00:00-24:00", ((0, WEEK),)),
        # A span whose end is not after its start runs past midnight.
        ("mon 22:00-06:00", ((at("mon", "22:00"), at("tue", "06:00")),)),
        ("daily 22:00-06:00", union(daily("22:00", "06:00"))),
        # Past Sunday midnight into Monday.
        ("sun 22:00-02:00", ((0, at("mon", "02:00")), (at("sun", "22:00"), WEEK))),
        ("fri-mon 20:00-08:00", union(daily("20:00", "08:00", ("fri", "sat", "sun", "mon")))),
        # Hours of one digit, capitals and spaces around the dash.
        ("mon 9:00-9:30", ((540, 570),)),
        (" MON-Tue 09:00 - 10:00 ", union(daily("09:00", "10:00", ("mon", "tue")))),
        # A list: overlapping and touching spans merge.
        (
            ["mon-fri 08:00-18:00", "sat 09:00-13:00"],
            union([*daily("08:00", "18:00", DAYS[:5]), (at("sat", "09:00"), at("sat", "13:00"))]),
        ),
        (["mon 09:00-12:00", "mon 11:00-14:00"], ((at("mon", "09:00"), at("mon", "14:00")),)),
        (["mon 09:00-12:00", "mon 12:00-14:00"], ((at("mon", "09:00"), at("mon", "14:00")),)),
        (
            ("daily 17:00-09:00", "sat-sun 00:00-24:00"),
            union([*daily("17:00", "09:00"), (at("sat", "00:00"), WEEK)]),
        ),
        (["24/7", "mon 09:00-10:00"], ((0, WEEK),)),
    ],
)
def test_every_form_of_hours_is_read(text: str | list[str], expected: Minutes) -> None:
    assert parse(text) == expected


def test_the_two_ways_of_writing_every_day_agree() -> None:
    assert (
        parse("daily 08:00-18:00") == parse("mon-sun 08:00-18:00") == parse("fri-thu 08:00-18:00")
    )
    assert parse("mon-fri 09:00-17:00") == parse("mon,tue,wed,thu,fri 09:00-17:00")
    assert parse("sat-sun 00:00-24:00") == union(
        [*parse("sat 00:00-24:00"), *parse("sun 00:00-24:00")]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", "'25:00' is not hours; write 24/7 or like mon-fri 08:00-18:00"),
        ("garbage", "'garbage' is not hours; write 24/7 or like mon-fri 08:00-18:00"),
        ("", "'' is not hours"),
        ("mon", "'mon' is not hours"),
        ("09:00-17:00", "'09:00-17:00' is not hours"),  # the days are needed
        ("mon 9-17", "'mon 9-17' is not hours"),
        ("mon 009:00-10:00", "is not hours"),
        ("24/7 mon", "is not hours"),
        ("mon 25:00-26:00", "'25:00' is not a time of day (00:00 to 24:00)"),
        ("mon 09:00-24:30", "'24:30' is not a time of day (00:00 to 24:00)"),
        ("mon 24:30-02:00", "'24:30' is not a time of day (00:00 to 24:00)"),
        ("mon 09:60-10:00", "'09:60' is not a time of day"),
        ("mon 24:00-06:00", "'24:00' only ends a span; a span starts at 00:00 to 23:59"),
        ("mon-fry 09:00-17:00", "'mon-fry' is not a day or a range of days; write mon-fri, sat"),
        ("monday 09:00-17:00", "'monday' is not a day or a range of days"),
        ("mon-tue-wed 09:00-17:00", "'mon-tue-wed' is not a day or a range of days"),
        ("mon,,wed 09:00-17:00", "'' is not a day or a range of days"),
        ("mon- 09:00-17:00", "'mon-' is not a day or a range of days"),
        ("daily,sat 09:00-17:00", "'daily' is not a day or a range of days"),
        ("mon 09:00-09:00", "'mon 09:00-09:00' starts and ends at the same time; for all day"),
        ("daily 00:00-00:00", "starts and ends at the same time; for all day write 00:00-24:00"),
        (["mon 09:00-10:00", "tue 9am-5pm"], "'tue 9am-5pm' is not hours"),
    ],
)
def test_bad_hours_say_what_is_wrong(text: str | list[str], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse(text)
    assert message in str(raised.value)


# --- durations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("3m", 180),
        ("90s", 90),
        ("2h", 7200),
        ("1d", 86400),
        ("5min", 300),
        (" 3 m ", 180),
        ("0s", 0),
        ("999999d", 999999 * 86400),
    ],
)
def test_a_duration_is_read_in_seconds(text: str, seconds: int) -> None:
    assert duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["3", "m", "3w", "-3m", "1.5h", "3 minutes", "1234567s", "", "3m3s", "1M", "3H"]
)
def test_a_bad_duration_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration; write it like 3m, 90s, 2h or 1d"):
        duration(text)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (45, "45s"), (90, "90s"), (180, "3m"), (5400, "90m"), (3600, "1h"), (86400, "1d")],
)
def test_a_duration_is_said_in_its_largest_whole_unit(seconds: int, text: str) -> None:
    assert spoken(seconds) == text


@given(st.integers(0, 999_999))
def test_a_spoken_duration_reads_back(seconds: int) -> None:
    assert duration(spoken(seconds)) == seconds


@given(st.integers(0, 999_999), st.sampled_from(("s", "m", "min", "h", "d")))
def test_a_written_duration_is_said_no_longer_and_reads_back(n: int, unit: str) -> None:
    seconds = duration(f"{n}{unit}")
    assert duration(spoken(seconds)) == seconds
    assert len(spoken(seconds)) <= len(f"{n}{unit}") + 1  # "5min" is said "5m", "60s" "1m"


# --- minutes of the week as sets ----------------------------------------------------------------

#: Pairs as the conversion to UTC makes them: before the week, across its end, longer than it.
PAIRS = st.lists(
    st.tuples(st.integers(-DAY, WEEK + DAY), st.integers(1, WEEK + 60)).map(
        lambda p: (p[0], p[0] + p[1])
    ),
    max_size=6,
)
MINUTES = PAIRS.map(union)


def covered(pairs: list[tuple[int, int]] | Minutes) -> set[int]:
    """Each minute of the week the pairs cover (the model the set operations must agree with)."""
    return {m % WEEK for start, end in pairs for m in range(start, min(end, start + WEEK))}


def well_formed(minutes: Minutes) -> bool:
    """Sorted, disjoint, not touching, within [0, WEEK], none empty."""
    if any(not 0 <= s < e <= WEEK for s, e in minutes):
        return False
    return all(a[1] < b[0] for a, b in itertools.pairwise(minutes))


@FAST
@given(PAIRS)
def test_a_union_is_sorted_disjoint_within_the_week_and_covers_the_same_minutes(
    pairs: list[tuple[int, int]],
) -> None:
    result = union(pairs)
    assert well_formed(result)
    assert covered(result) == covered(pairs)
    assert union(result) == result


@FAST
@given(MINUTES, MINUTES)
def test_what_minus_leaves_is_in_a_and_not_in_b(a: Minutes, b: Minutes) -> None:
    left = minus(a, b)
    assert well_formed(union(left)) and union(left) == left
    assert covered(left) == covered(a) - covered(b)
    assert minus(left, a) == ()  # contained in a
    assert minus(left, b) == left  # disjoint from b
    assert minus(a, union([*a, *b])) == ()
    assert minus(a, ()) == a and minus((), b) == ()


def test_minus_takes_thousands_of_one_minute_spans() -> None:
    # Every other minute of the day, against the minutes between: nothing is covered.
    odd = union((m, m + 1) for m in range(1, WEEK, 2))
    even = union((m, m + 1) for m in range(0, WEEK, 2))
    assert len(odd) == len(even) == WEEK // 2
    assert minus(even, odd) == even
    assert minus(even, union([*even, *odd])) == ()


# --- hours in different time zones --------------------------------------------------------------


@FAST
@given(MINUTES, st.sampled_from(ZONES))
def test_hours_cover_themselves_in_any_zone(x: Minutes, zone: str | None) -> None:
    assert uncovered(x, zone, [(x, zone)]) == ()


@FAST
@given(MINUTES, MINUTES, st.sampled_from(ZONES))
def test_within_one_zone_the_gap_is_the_plain_difference(
    a: Minutes, b: Minutes, zone: str | None
) -> None:
    # A zone against itself never opens a gap that the hours do not have, in winter or summer.
    assert uncovered(a, zone, [(b, zone)]) == minus(a, b)
    assert uncovered(a, zone, [(union([*a, *b]), zone)]) == ()


@FAST
@given(MINUTES, st.sampled_from(ZONES), MINUTES, st.sampled_from(ZONES))
def test_a_gap_is_always_in_the_hours_it_is_a_gap_of(
    a: Minutes, mine: str | None, b: Minutes, theirs: str | None
) -> None:
    gap = uncovered(a, mine, [(b, theirs)])
    assert well_formed(gap)
    assert minus(gap, a) == ()


def test_every_zone_is_there_all_week_when_it_says_24_7() -> None:
    always = parse("24/7")
    for zone in ZONES:
        assert uncovered(always, "Pacific/Kiritimati", [(always, zone)]) == ()


def test_utc_and_london_agree_in_winter_and_an_hour_apart_in_summer() -> None:
    office = parse("mon-fri 09:00-17:00")
    # A London bot and a UTC team: in summer London's 09:00 is 08:00 UTC, an hour before the
    # team starts. The gap is in the bot's local time.
    assert uncovered(office, "Europe/London", [(office, "UTC")]) == parse("mon-fri 09:00-10:00")
    # A UTC bot and a London team: the team leaves at 16:00 UTC in summer.
    assert uncovered(office, "UTC", [(office, "Europe/London")]) == parse("mon-fri 16:00-17:00")
    assert uncovered(office, None, [(office, "Europe/London")]) == parse("mon-fri 16:00-17:00")
    # A team there an hour longer covers both seasons.
    longer = parse("mon-fri 08:00-17:00")
    assert uncovered(office, "Europe/London", [(longer, "UTC")]) == ()


def test_a_team_an_ocean_away_covers_the_hours_that_overlap() -> None:
    madrid = parse("mon-fri 15:00-18:00")  # 09:00-12:00 in New York, winter and summer alike
    assert (
        uncovered(madrid, "Europe/Madrid", [(parse("mon-fri 09:00-17:00"), "America/New_York")])
        == ()
    )
    morning = parse("mon-fri 09:00-18:00")
    gap = uncovered(morning, "Europe/Madrid", [(parse("mon-fri 09:00-17:00"), "America/New_York")])
    assert gap == parse("mon-fri 09:00-15:00")


def test_a_night_shift_past_sunday_midnight_lines_up_across_zones() -> None:
    bot = parse("sun 22:00-02:00")  # London
    team = parse("sun 21:00-01:00")  # UTC: covers London both in winter and in summer
    # In winter London is UTC, and the team leaves an hour before the bot stops, on Monday.
    assert uncovered(bot, "Europe/London", [(team, "UTC")]) == parse("mon 01:00-02:00")
    assert uncovered(bot, "Europe/London", [(parse("sun 22:00-02:00"), "UTC")]) != ()
    assert uncovered(bot, "Europe/London", [(parse("sun 21:00-02:00"), "UTC")]) == ()


def test_a_fallback_covers_what_the_team_leaves() -> None:
    bot = parse("24/7")
    team, night = parse("mon-fri 09:00-17:00"), parse(["daily 17:00-09:00", "sat-sun 00:00-24:00"])
    assert uncovered(bot, "Europe/London", [(team, "Europe/London")]) != ()
    assert (
        uncovered(bot, "Europe/London", [(team, "Europe/London"), (night, "Europe/London")]) == ()
    )
    # The fallback in another zone: New York's night desk starts at 22:00 in London.
    gap = uncovered(bot, "Europe/London", [(team, "Europe/London"), (night, "America/New_York")])
    assert gap == parse("mon-fri 17:00-22:00")


def test_the_weeks_between_two_changes_of_clocks_are_compared() -> None:
    # London 14:00-22:00 and New York 09:00-17:00 are the same hours in winter and in summer;
    # from 8 to 29 March 2026 New York is on summer time and London is not, and the team
    # leaves at 21:00 UTC while the bot runs until 22:00 UTC.
    bot, team = parse("mon-fri 14:00-22:00"), parse("mon-fri 09:00-17:00")
    assert uncovered(bot, "Europe/London", [(team, "America/New_York")]) != ()


# --- how a stretch of minutes is described -----------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        ((), "never"),
        (parse("24/7"), "all week"),
        (parse("sat 00:00-24:00"), "sat 00:00-24:00"),
        (parse("sun 18:00-24:00"), "sun 18:00-24:00"),
        (parse("mon 18:00-08:00"), "mon 18:00-tue 08:00"),
        (parse("mon 09:00-09:30"), "mon 09:00-09:30"),
        (parse("mon,wed 09:00-10:00"), "mon 09:00-10:00 and once more"),
        (parse("mon-fri 09:00-17:00"), "mon 09:00-17:00 and 4 other times a week"),
        # A stretch past Sunday midnight is one stretch, and it is said first.
        (parse("sun 22:00-02:00"), "sun 22:00-mon 02:00"),
        (parse("daily 22:00-06:00"), "sun 22:00-mon 06:00 and 6 other times a week"),
        (
            minus(parse("24/7"), parse("mon-fri 09:00-17:00")),
            "fri 17:00-mon 09:00 and 4 other times a week",
        ),
    ],
)
def test_described(minutes: Minutes, text: str) -> None:
    assert described(minutes) == text


@FAST
@given(MINUTES)
def test_any_hours_are_described_in_one_line(minutes: Minutes) -> None:
    text = described(minutes)
    assert text and "\n" not in text
    assert text.split()[0] in (*DAYS, "never", "all")
