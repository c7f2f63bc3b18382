"""Timestamps written as Unix epochs, and timestamps outside the plausible years (1990 to 2099).

The hand-computed instants: 1,735,689,600 seconds after 1970-01-01 is 2025-01-01 00:00:00
(55 years with 14 leap days: 20,089 days x 86,400 s); a week is 604,800 s.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from conftest import REFUND_JOURNEY, invoke

from stakes.evidence import LogError, load_evidence, read_log

NEW_YEAR = 1_735_689_600  # 2025-01-01 00:00:00 UTC, in seconds
WEEK = 604_800
PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
WORDS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}
#: The instants the logs below hold: the new year, a week and 90 s later, a day before it.
SECONDS = [NEW_YEAR, NEW_YEAR + WEEK + 90, NEW_YEAR - 86_400]
EXPECTED = [
    pd.Timestamp("2025-01-01 00:00:00"),
    pd.Timestamp("2025-01-08 00:01:30"),
    pd.Timestamp("2024-12-31 00:00:00"),
]


def problems(report: object) -> list[tuple[str, str, int, tuple[int, ...]]]:
    return [(p.field, p.kind, p.count, p.rows) for p in report.problems]  # type: ignore[attr-defined]


def epochs(unit: str) -> list[int]:
    return [s * PER_SECOND[unit] for s in SECONDS]


def write_csv(path: Path, values: list[object], column: str = "timestamp") -> str:
    lines = [f"touchpoint,{column}", *(f"refund-chat,{'' if v is None else v}" for v in values)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def write_jsonl(path: Path, values: list[object]) -> str:
    rows = [json.dumps({"touchpoint": "refund-chat", "timestamp": v}) for v in values]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def write_parquet(path: Path, values: list[object], dtype: str) -> str:
    frame = pd.DataFrame({"touchpoint": "refund-chat", "timestamp": pd.array(values, dtype=dtype)})
    frame.to_parquet(path)
    return str(path)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize(
    "how", ["csv", "jsonl-number", "jsonl-string", "parquet-int", "parquet-float"]
)
def test_each_unit_is_read_from_the_size_of_the_values(tmp_path: Path, unit: str, how: str) -> None:
    values: list[object] = list(epochs(unit))
    if how == "csv":
        path = write_csv(tmp_path / "log.csv", values)
    elif how.startswith("jsonl"):
        values = [str(v) for v in values] if how == "jsonl-string" else values
        path = write_jsonl(tmp_path / "log.jsonl", values)
    else:
        dtype = "int64" if how == "parquet-int" else "float64"
        path = write_parquet(tmp_path / "log.parquet", values, dtype)
    frame, report = read_log(path)
    assert list(frame["timestamp"]) == EXPECTED
    assert report.problems == []
    assert f"timestamp: read as Unix {WORDS[unit]}" in report.notes[0]


def test_microsecond_parquet_is_the_right_date_not_the_year_57139(tmp_path: Path) -> None:
    # 1,735,689,600,000,000 us read as milliseconds would be 1.7e12 s: some 55,000 years on.
    path = write_parquet(tmp_path / "log.parquet", [NEW_YEAR * 10**6], "int64")
    frame, report = read_log(path)
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2025-01-01")
    assert report.problems == []


def test_a_fraction_of_a_second_is_cut_and_blanks_are_missing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "log.csv", [f"{NEW_YEAR}.75", None, f" {NEW_YEAR + 1} "])
    frame, report = read_log(path)
    assert list(frame["timestamp"])[0::2] == [
        pd.Timestamp("2025-01-01 00:00:00"),
        pd.Timestamp("2025-01-01 00:00:01"),
    ]
    assert pd.isna(frame["timestamp"].iloc[1]) and report.problems == []


def test_the_unit_given_overrides_the_size(tmp_path: Path) -> None:
    # 200,000,000,000 seconds is far in the future: its size says milliseconds (1976-05-03).
    path = write_csv(tmp_path / "log.csv", [200_000_000_000, NEW_YEAR * 1000])
    frame, report = read_log(path)
    assert problems(report) == [("timestamp", "implausible", 1, (1,))]
    assert frame["timestamp"].iloc[1] == pd.Timestamp("2025-01-01")
    frame, report = read_log(path, epoch_unit="s")  # now the second is the one out of range
    assert problems(report) == [("timestamp", "implausible", 2, (1, 2))]
    assert "read as Unix seconds, given" in report.problems[0].treated_as
    # Seconds that look like milliseconds only because one value is huge: the median decides.
    path = write_csv(tmp_path / "s.csv", [NEW_YEAR, NEW_YEAR + 60, 10**13])
    frame, report = read_log(path)
    assert list(frame["timestamp"])[:2] == [
        pd.Timestamp("2025-01-01"),
        pd.Timestamp("2025-01-01 00:01"),
    ]
    assert problems(report) == [("timestamp", "implausible", 1, (3,))]
    with pytest.raises(LogError, match=r"--epoch-unit 'sec': use one of s, ms, us, ns"):
        read_log(path, epoch_unit="sec")


def test_compact_dates_stay_dates_unless_a_unit_is_given(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "log.csv", ["20250530", "20250531"])
    frame, report = read_log(path)
    assert list(frame["timestamp"]) == [pd.Timestamp("2025-05-30"), pd.Timestamp("2025-05-31")]
    _, report = read_log(path, epoch_unit="s")  # 20,250,530 s is in 1970
    assert problems(report) == [("timestamp", "implausible", 2, (1, 2))]


def test_a_text_column_is_read_as_its_first_value_shows(tmp_path: Path) -> None:
    values = ["", str(NEW_YEAR), "2025-01-02 10:00", "soon", str(NEW_YEAR + 60)]
    frame, report = read_log(write_csv(tmp_path / "log.csv", values))
    assert problems(report) == [("timestamp", "invalid", 2, (3, 4))]  # epochs: dates are not
    assert frame["timestamp"].iloc[4] == pd.Timestamp("2025-01-01 00:01")
    values = ["2025-01-02 10:00", str(NEW_YEAR)]
    frame, report = read_log(write_csv(tmp_path / "dates.csv", values))
    assert problems(report) == [("timestamp", "invalid", 1, (2,))]  # dates: a number is not one


@pytest.mark.parametrize(
    ("how", "values"),
    [
        (
            "csv",
            ["1989-12-31 23:59:59", "1990-01-01 00:00:00", "2099-12-31 23:59:59", "2100-01-01"],
        ),
        ("csv", [631_151_999, 631_152_000, 4_102_444_799, 4_102_444_800]),
        ("jsonl", [631_151_999_000, 631_152_000_000, 4_102_444_799_000, 4_102_444_800_000]),
        ("parquet", ["1989-12-31 23:59:59", "1990-01-01", "2099-12-31 23:59:59", "2100-01-01"]),
    ],
)
def test_values_outside_1990_to_2099_are_counted_and_missing(
    tmp_path: Path, how: str, values: list[object]
) -> None:
    # 631,152,000 s is 1990-01-01 (7,305 days); 4,102,444,800 s is 2100-01-01 (47,482 days).
    if how == "csv":
        path = write_csv(tmp_path / "log.csv", values)
    elif how == "jsonl":
        path = write_jsonl(tmp_path / "log.jsonl", values)
    else:
        path = write_parquet(tmp_path / "log.parquet", values, "datetime64[us]")
    frame, report = read_log(path)
    assert list(frame["timestamp"].isna()) == [True, False, False, True]
    assert frame["timestamp"].iloc[1] == pd.Timestamp("1990-01-01")
    assert problems(report) == [("timestamp", "implausible", 2, (1, 4))]
    described = report.problems[0].describe()
    assert described.startswith("timestamp: 2 value(s) outside the years 1990 to 2099 (row 1, 4)")
    with pytest.raises(LogError, match=r"outside the years 1990 to 2099 \(row 1, 4\).*--strict"):
        read_log(path, strict=True)


def test_no_value_overflows_or_raises(tmp_path: Path) -> None:
    huge = ["9" * 30, "-" + "9" * 25, "1e308", str(2**63), "inf", str(NEW_YEAR * 10**9)]
    frame, report = read_log(write_csv(tmp_path / "log.csv", huge, column="resolved_at"))
    assert frame["resolved_at"].iloc[5] == pd.Timestamp("2025-01-01")  # the median: ns
    assert problems(report) == [
        ("resolved_at", "invalid", 1, (5,)),  # inf: not a number
        ("resolved_at", "implausible", 4, (1, 2, 3, 4)),
    ]
    path = write_parquet(tmp_path / "log.parquet", [2**62, -(2**62), NEW_YEAR], "int64")
    frame, report = read_log(path, epoch_unit="s")
    assert problems(report) == [("timestamp", "implausible", 2, (1, 2))]


def test_the_window_is_exact_to_the_second_on_epochs(tmp_path: Path) -> None:
    (tmp_path / "support.yaml").write_text(REFUND_JOURNEY, encoding="utf-8")
    rows = ["customer_id,timestamp,touchpoint"]
    rows += [f"c1,{NEW_YEAR * 1000},refund-chat", f"c1,{(NEW_YEAR + WEEK) * 1000},refund-chat"]
    rows += [f"c2,{NEW_YEAR * 1000},refund-chat", f"c2,{(NEW_YEAR + WEEK + 1) * 1000},refund-chat"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = load_evidence(str(tmp_path / "log.csv"), str(tmp_path / "support.yaml"), window="7d")
    chat = found.touchpoints.loc[("support", "refund-chat")]
    # c1's first contact is followed within 7 days (exactly 604,800 s); c2's, 1 s too late:
    # 1 of 2 customers, 1 of 4 contacts.
    assert chat["repeat_contact_rate"] == pytest.approx(1 / 2)
    assert chat["repeat_contact_share"] == pytest.approx(1 / 4)


#: Two contacts a minute apart, in milliseconds: in seconds they would be some 55,000 years on.
LOG = textwrap.dedent(
    f"""\
    customer_id,timestamp,touchpoint
    c1,{NEW_YEAR * 1000},refund-chat
    c1,{(NEW_YEAR + 60) * 1000},refund-chat
    """
)
OUT_OF_RANGE = "timestamp: 2 value(s) outside the years 1990 to 2099 (row 1, 2)"


@pytest.fixture
def project(in_tmp: Path) -> Path:
    (in_tmp / "support.yaml").write_text(REFUND_JOURNEY, encoding="utf-8")
    (in_tmp / "log.csv").write_text(LOG, encoding="utf-8")
    return in_tmp


def test_the_command_line_option(project: Path) -> None:
    result = invoke("evidence", "log.csv", "-j", "support.yaml", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    # c1's two contacts a minute apart: its one customer comes back (1 of 2 contacts followed).
    assert doc["log"]["problems"] == [] and doc["overall"]["repeat_contact_rate"] == 1
    assert doc["overall"]["repeat_contact_share"] == 0.5
    assert doc["log"]["notes"][0] == (
        "timestamp: read as Unix milliseconds (from their size; --epoch-unit sets it)"
    )
    result = invoke("evidence", "log.csv", "-j", "support.yaml", "--epoch-unit", "s")
    assert result.exit_code == 0 and f"stakes: warning: {OUT_OF_RANGE}" in result.stderr
    assert "(read as Unix seconds, given)" in result.stderr
    result = invoke("evidence", "log.csv", "-j", "support.yaml", "--epoch-unit", "s", "--strict")
    assert result.exit_code == 2 and result.stdout == "" and OUT_OF_RANGE in result.stderr
    for command in (["evidence", "log.csv", "-j"], ["map", "--evidence", "log.csv"]):
        result = invoke(*command, "support.yaml", "--epoch-unit", "seconds")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == "stakes: error: --epoch-unit 'seconds': use one of s, ms, us, ns\n"


def test_map_and_report_read_epochs_with_the_unit_given(project: Path) -> None:
    args = ["support.yaml", "--evidence", "log.csv", "--min-contacts", "1"]
    result = invoke("map", *args, "--format", "json")
    assert result.exit_code == 0 and "outside the years" not in result.stderr
    chat = [t for t in json.loads(result.stdout)["touchpoints"] if t["touchpoint"] == "refund-chat"]
    assert chat[0]["evidence"]["observed"]["repeat_contact_rate"] == 1
    for command in ("map", "report"):
        result = invoke(command, *args, "--epoch-unit", "s")
        assert result.exit_code == 0 and OUT_OF_RANGE in result.stderr


def test_the_configuration_key(project: Path) -> None:
    config = project / "stakes.toml"
    config.write_text('[evidence]\nepoch_unit = "s"\n', encoding="utf-8")
    result = invoke("evidence", "log.csv", "-j", "support.yaml")
    assert result.exit_code == 0 and OUT_OF_RANGE in result.stderr
    result = invoke("evidence", "log.csv", "-j", "support.yaml", "--epoch-unit", "ms")
    assert "outside the years" not in result.stderr  # the command line wins
    assert 'epoch_unit = "s"' in invoke("config").stdout
    config.write_text('[evidence]\nwindow = "7d"\nepoch_unit = "seconds"\n', encoding="utf-8")
    for command in (["evidence", "log.csv", "-j", "support.yaml"], ["config"]):
        result = invoke(*command)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            f"stakes: error: {config}:3:1: evidence epoch_unit must be one of s, ms, us, ns\n"
        )
    config.write_text("[evidence]\nepoch_unit = 1000\n", encoding="utf-8")
    result = invoke("evidence", "log.csv", "-j", "support.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"stakes: error: {config}:2:1: evidence epoch_unit must be a string\n"
