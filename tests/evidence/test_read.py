"""Reading contact logs: formats, encodings, delimiters, and every kind of bad input."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stakes.evidence import LogError, read_log

HEADER = "contact_id,customer_id,timestamp,touchpoint,handled_by,escalated,resolved,csat"
ROWS = [
    "k1,c1,2025-01-01T09:00:00,refund-chat,bot,false,false,2",
    "k2,c1,2025-01-03T09:00:00,refund-chat,bot,no,no,",
    "k3,c2,2025-01-02T10:30:00,refund-call,agent,N,Y,5",
]


def write(path: Path, text: str | bytes) -> str:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return str(path)


def csv_text(*rows: str, header: str = HEADER, end: str = "\n") -> str:
    return end.join([header, *rows]) + end


def problems(report: object) -> list[tuple[str, str, int, tuple[int, ...]]]:
    return [(p.field, p.kind, p.count, p.rows) for p in report.problems]  # type: ignore[attr-defined]


def test_a_clean_log(tmp_path: Path) -> None:
    frame, report = read_log(write(tmp_path / "log.csv", csv_text(*ROWS)))
    assert (report.rows, report.contacts, report.delimiter, report.encoding) == (3, 3, ",", "utf-8")
    assert list(frame.index) == [1, 2, 3] and frame.index.name == "row"
    assert list(frame["escalated"]) == [False, False, False]
    assert list(frame["resolved"]) == [False, False, True]  # false, no, Y
    assert list(frame["handled_by"]) == ["ai", "ai", "human"]
    assert frame["timestamp"].iloc[2] == pd.Timestamp("2025-01-02 10:30")
    assert np.isnan(frame["csat"].iloc[1]) and frame["csat"].iloc[2] == 5
    assert report.problems == [] and report.missing() == ("resolved_at",)


def test_bom_crlf_and_quoted_newlines_just_work(tmp_path: Path) -> None:
    rows = [*ROWS[:2], 'k3,c2,2025-01-02T10:30:00,"refund-\r\ncall",agent,N,Y,5']
    data = codecs.BOM_UTF8 + csv_text(*rows, end="\r\n").encode()
    frame, report = read_log(write(tmp_path / "log.csv", data))
    assert report.columns["contact_id"] == "contact_id"  # no BOM glued to the first name
    assert report.contacts == 3 and report.problems == []
    assert frame["touchpoint"].iloc[2] == "refund-\r\ncall"


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_the_delimiter_is_detected(tmp_path: Path, sep: str) -> None:
    text = csv_text(*ROWS).replace(",", sep)
    frame, report = read_log(write(tmp_path / "log.csv", text))
    assert report.delimiter == sep and report.contacts == 3
    assert list(frame["touchpoint"]) == ["refund-chat", "refund-chat", "refund-call"]


def test_utf16_with_bom_reads(tmp_path: Path) -> None:
    text = csv_text(*ROWS).replace(",", "\t")  # what a spreadsheet's "Unicode text" writes
    path = write(tmp_path / "log.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    _, report = read_log(path)
    assert (report.encoding, report.contacts) == ("utf-16", 3)


def test_not_utf8_is_a_clear_error_and_encoding_fixes_it(tmp_path: Path) -> None:
    path = write(
        tmp_path / "log.csv", csv_text(*ROWS, "k4,c3,2025-01-05,café,bot,0,0,").encode("cp1252")
    )
    with pytest.raises(LogError, match=r"not UTF-8 text \(byte 0xe9 at offset \d+\).*--encoding"):
        read_log(path)
    frame, _ = read_log(path, encoding="cp1252")
    assert frame["touchpoint"].iloc[3] == "café"


def test_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="the file is empty"):
        read_log(write(tmp_path / "log.csv", ""))
    with pytest.raises(LogError, match="the file is empty"):
        read_log(write(tmp_path / "log.csv", codecs.BOM_UTF8 + b"\r\n"))


def test_a_header_without_rows(tmp_path: Path) -> None:
    frame, report = read_log(write(tmp_path / "log.csv", csv_text()))
    assert len(frame) == 0 and report.contacts == 0


def test_missing_required_column_names_it_and_the_map_that_fixes_it(tmp_path: Path) -> None:
    text = "Ticket ID,Customer Email,Ticket Type\n1,a@example.com,Refund request\n"
    path = write(tmp_path / "log.csv", text)
    with pytest.raises(LogError) as caught:
        read_log(path)
    message = str(caught.value)
    assert "the log has no touchpoint column" in message
    assert "'Ticket ID', 'Customer Email', 'Ticket Type'" in message
    assert '--column touchpoint="Ticket Type"' in message
    _, report = read_log(path, {"touchpoint": "Ticket Type", "customer_id": "customer email"})
    assert report.columns == {"touchpoint": "Ticket Type", "customer_id": "Customer Email"}
    assert "timestamp" in report.missing() and report.hints == {"contact_id": '"Ticket ID"'}


def test_bad_map_options(tmp_path: Path) -> None:
    path = write(tmp_path / "log.csv", csv_text(*ROWS))
    with pytest.raises(
        LogError, match=r"--column touchpont=\.\.\.: unknown field \(did you mean 'touchpoint'\?\)"
    ):
        read_log(path, {"touchpont": "touchpoint"})
    with pytest.raises(LogError, match=r"no such column; did you mean 'customer_id'\?"):
        read_log(path, {"customer_id": "customer_ids"})


def test_default_names_match_loosely(tmp_path: Path) -> None:
    text = "Contact ID,Customer-ID,TimeStamp,Touchpoint\nk1,c1,2025-01-01,refund-chat\n"
    _, report = read_log(write(tmp_path / "log.csv", text))
    assert set(report.columns) == {"contact_id", "customer_id", "timestamp", "touchpoint"}


def test_unreadable_values_are_counted_by_row_and_strict_stops(tmp_path: Path) -> None:
    rows = [
        "k1,c1,2025-01-01T09:00:00,refund-chat,bot,maybe,false,2",
        "k2,c1,yesterday,refund-chat,bot,no,no,five",
        "k3,c2,2025-01-02T10:30:00,refund-call,Tier 0,N,Y,5",
        "k4,c2,31/12/2024 10:00,refund-call,agent,N,Y,5",
    ]
    path = write(tmp_path / "log.csv", csv_text(*rows))
    frame, report = read_log(path)
    assert problems(report) == [  # in the order of the fields
        ("timestamp", "invalid", 2, (2, 4)),
        ("handled_by", "unknown-label", 1, (3,)),
        ("escalated", "invalid", 1, (1,)),
        ("csat", "invalid", 1, (2,)),
    ]
    assert report.problems[0].describe() == (
        "timestamp: 2 value(s) could not be read (row 2, 4); left out of the window metrics"
    )
    assert frame["escalated"].iloc[0] == np.False_  # counted as false
    with pytest.raises(LogError) as caught:
        read_log(path, strict=True)
    assert "timestamp: 2 value(s) could not be read (row 2, 4)" in str(caught.value)
    assert "--strict" in str(caught.value) and "yesterday" not in str(caught.value)
    _, report = read_log(path, handlers={"tier 0": "human"})
    assert "handled_by" not in [p.field for p in report.problems]


def test_day_first_and_zones(tmp_path: Path) -> None:
    rows = ["k1,c1,03/04/2025 10:00,refund-chat", "k2,c1,13/04/2025 10:00,refund-chat"]
    path = write(
        tmp_path / "log.csv", csv_text(*rows, header="contact_id,customer_id,timestamp,touchpoint")
    )
    frame, report = read_log(path, day_first=True)
    assert list(frame["timestamp"]) == [
        pd.Timestamp("2025-04-03 10:00"),
        pd.Timestamp("2025-04-13 10:00"),
    ]
    frame, report = read_log(path)  # month first: 13/04 cannot be read
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2025-03-04 10:00")
    assert problems(report) == [("timestamp", "invalid", 1, (2,))]
    zoned = [
        "k1,c1,2025-01-01T10:00:00+02:00,refund-chat",
        "k2,c1,2025-01-01T09:30:00Z,refund-chat",
        "k3,c1,2025-01-01T09:45:00,refund-chat",
    ]
    path = write(
        tmp_path / "z.csv", csv_text(*zoned, header="contact_id,customer_id,timestamp,touchpoint")
    )
    frame, report = read_log(path)
    assert [str(t) for t in frame["timestamp"]] == [
        "2025-01-01 08:00:00",  # converted to UTC
        "2025-01-01 09:30:00",
        "2025-01-01 09:45:00",  # no zone: taken as it is
    ]
    assert report.problems == []


def test_duplicate_contact_ids_keep_the_first(tmp_path: Path) -> None:
    rows = [*ROWS, ROWS[0].replace("refund-chat", "refund-call"), ROWS[0]]
    frame, report = read_log(write(tmp_path / "log.csv", csv_text(*rows)))
    assert report.duplicates == 2 and report.contacts == 3
    assert problems(report) == [("contact_id", "duplicate", 2, (4, 5))]
    assert frame["touchpoint"].loc[1] == "refund-chat"
    with pytest.raises(LogError, match="duplicate"):
        read_log(write(tmp_path / "log.csv", csv_text(*rows)), strict=True)


def test_empty_and_malformed_rows(tmp_path: Path) -> None:
    rows = [*ROWS, ",,,,,,,", "k9,c9,2025-01-01", ROWS[0].replace("k1", "k5")]
    _, report = read_log(write(tmp_path / "log.csv", csv_text(*rows)))
    assert (report.rows, report.empty_rows, report.contacts) == (5, 1, 4)
    assert problems(report) == [("", "malformed-row", 1, ())]
    assert "wrong number of fields" in report.problems[0].describe()


def test_jsonl_parquet_and_gzip(tmp_path: Path) -> None:
    records = [
        {
            "contact_id": "k1",
            "customer_id": 17,
            "timestamp": "2025-01-01T09:00:00Z",
            "touchpoint": "refund-chat",
            "escalated": True,
        },
        {
            "contact_id": "k2",
            "customer_id": "c-2",
            "timestamp": "2025-01-02T09:00:00Z",
            "touchpoint": "refund-chat",
            "escalated": False,
        },
    ]
    text = "\n".join(json.dumps(r) for r in records) + "\n"
    frame, report = read_log(write(tmp_path / "log.jsonl", text))  # mixed id types: pandas reads
    assert report.format == "jsonl" and list(frame["escalated"]) == [True, False]
    frame, report = read_log(write(tmp_path / "log.data", text), input_format="jsonl")
    assert report.contacts == 2
    with pytest.raises(LogError, match="JSON array"):
        read_log(write(tmp_path / "log.json", json.dumps(records)))
    with pytest.raises(LogError, match="not JSON Lines"):
        read_log(write(tmp_path / "bad.jsonl", "{not json\n"))
    typed = pd.DataFrame(
        {
            "touchpoint": ["refund-chat", "refund-call"],
            "customer_id": ["c1", "c2"],
            "timestamp": pd.to_datetime(["2025-01-01 10:00+02:00", "2025-01-02 10:00+02:00"]),
            "escalated": [True, False],
            "csat": [4.0, None],
        }
    )
    typed.to_parquet(tmp_path / "log.parquet")
    frame, report = read_log(str(tmp_path / "log.parquet"))
    assert report.format == "parquet" and str(frame["timestamp"].iloc[0]) == "2025-01-01 08:00:00"
    with pytest.raises(LogError, match="not a Parquet file"):
        read_log(write(tmp_path / "fake.parquet", "touchpoint\nx\n"))
    with gzip.open(tmp_path / "log.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(csv_text(*ROWS))
    _, report = read_log(str(tmp_path / "log.csv.gz"))
    assert (report.format, report.contacts) == ("csv", 3)


def test_unknown_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="--input-format"):
        read_log(write(tmp_path / "log.xlsx", "x"))
    with pytest.raises(LogError, match="no such file"):
        read_log(str(tmp_path / "nope.csv"))
    with pytest.raises(LogError, match="use one of csv, parquet, jsonl"):
        read_log(str(tmp_path / "nope.csv"), input_format="xml")


# --- issue #19: hostile logs ------------------------------------------------------------------


def test_objects_and_lists_in_a_field_are_counted_and_read_as_blank(tmp_path: Path) -> None:
    # The reproducer: {"touchpoint": {"x": 1}} was a TypeError (unhashable type) and a traceback.
    lines = [
        {"contact_id": "k1", "touchpoint": {"x": 1}, "customer_id": "c1"},
        {"contact_id": "k2", "touchpoint": "refund-chat", "customer_id": ["c2", "c3"]},
        {"contact_id": "k3", "touchpoint": "refund-chat", "customer_id": "c1", "csat": {"a": 1}},
    ]
    path = write(tmp_path / "log.jsonl", "".join(json.dumps(r) + "\n" for r in lines))
    frame, report = read_log(path)
    assert problems(report) == [  # in the order of the fields
        ("customer_id", "nested", 1, (2,)),
        ("touchpoint", "nested", 1, (1,)),
        ("csat", "nested", 1, (3,)),
    ]
    assert report.problems[1].describe() == (
        "touchpoint: 1 value(s) are objects or lists, not values (row 1); treated as blank"
    )
    assert frame["touchpoint"].isna().tolist() == [True, False, False]
    with pytest.raises(LogError, match=r"touchpoint: 1 value\(s\) are objects or lists"):
        read_log(path, strict=True)
    # Parquet: a struct, a list and a map column (every value nested).
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "touchpoint": pa.array([{"x": 1}, {"x": 2}]),
            "customer_id": pa.array([[1], [2]]),
            "csat": pa.array([[("a", 1)], []], type=pa.map_(pa.string(), pa.int64())),
        }
    )
    pq.write_table(table, tmp_path / "log.parquet")
    frame, report = read_log(str(tmp_path / "log.parquet"))
    assert [(p.field, p.kind, p.count) for p in report.problems] == [
        ("customer_id", "nested", 2),
        ("touchpoint", "nested", 2),
        ("csat", "nested", 2),
    ]
    assert frame["touchpoint"].isna().all()


def test_a_field_longer_than_a_block_is_read(tmp_path: Path) -> None:
    # The reproducer: one 10 MB field made the log unreadable ("straddling object ...").
    rows = [f"{r},-" for r in ROWS] + ['k4,c3,2025-01-04,refund-chat,bot,no,no,,"' + "x" * 10**7]
    text = csv_text(*rows, f"{ROWS[0]},-", header=f"{HEADER},notes").replace("x\n", 'x"\n')
    frame, report = read_log(write(tmp_path / "log.csv", text))
    assert (report.rows, report.contacts) == (5, 4)
    assert problems(report) == [("contact_id", "duplicate", 1, (5,))]
    assert list(frame["contact_id"]) == ["k1", "k2", "k3", "k4"]


def test_a_row_longer_than_the_limit_is_one_line_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stakes.evidence import read

    monkeypatch.setattr(read, "BLOCK", 1 << 12)
    monkeypatch.setattr(read, "LONG_ROW", 1 << 14)
    rest = [ROWS[0].replace("k1", f"j{i}") for i in range(2_000)]
    # A quote never closed on line 4 (the header is line 1): the rest of the file is one field.
    path = write(tmp_path / "log.csv", csv_text(*ROWS[:2], 'k3,c2,x,"refund-call', *rest))
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert str(caught.value) == (
        f"{path}:4: a row longer than 0.015625 MiB (a quote never closed?); "
        "stakes reads rows up to that size"
    )


def test_a_threaded_read_never_calls_back_into_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When a threaded read failed (a long row, bad UTF-8 further on), its tasks ran on and
    # called the malformed-row handler after the read had returned: under load the process
    # hung or aborted at exit. Threads are used only without a handler.
    import pyarrow.csv as pacsv

    from stakes.evidence import read

    calls: list[tuple[bool, bool]] = []
    real = pacsv.read_csv

    def spy(*args: object, **kwargs: object) -> object:
        threads = kwargs["read_options"].use_threads  # type: ignore[attr-defined]
        handler = kwargs["parse_options"].invalid_row_handler is not None  # type: ignore[attr-defined]
        calls.append((threads, handler))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(read.pacsv, "read_csv", spy)
    monkeypatch.setattr(read, "BLOCK", 1 << 12)
    header = "contact_id,customer_id,timestamp,touchpoint"
    rows = [",".join(r.split(",")[:4]) for r in ROWS]
    rows += ["k8,c9,2025-01-01", 'k9,c1,2025-01-09,"refund-chat' + " " * 9_000 + '"']
    _, report = read_log(write(tmp_path / "log.csv", csv_text(*rows, header=header)))
    assert problems(report) == [("", "malformed-row", 1, ())] and report.contacts == 4
    # Threads first; then (a malformed row, a long row: whichever a thread met first) in one
    # thread, with the handler.
    assert calls[0] == (True, False) and calls[-1] == (False, True) and (True, True) not in calls
    calls.clear()
    read_log(write(tmp_path / "clean.csv", csv_text(*ROWS)))
    assert calls == [(True, False)]  # a clean log is read once, with threads


def test_a_column_named_twice_is_an_error_at_its_place(tmp_path: Path) -> None:
    # The reproducer: a duplicate header was accepted silently, the first column winning.
    text = "contact_id,touchpoint,touchpoint\nk1,refund-chat,refund-call\n"
    path = write(tmp_path / "log.csv", text)
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert str(caught.value) == (
        f"{path}:1:12: the log has the column 'touchpoint' twice (columns 2 and 3); "
        "rename them so that each name is used once"
    )
    with pytest.raises(LogError, match=r":1:12: the log has the column 'touchpoint' twice"):
        read_log(path, {"touchpoint": "touchpoint"})
    # Two names that both match the field loosely: which one is meant is not guessed.
    path = write(tmp_path / "loose.csv", '"Touchpoint",contact_id,touchpoint\nrefund-chat,k1,x\n')
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert str(caught.value) == (
        f"{path}:1:1: 2 columns could hold touchpoint ('Touchpoint', 'touchpoint'; columns 1 "
        "and 3); name one: --column touchpoint=COLUMN"
    )
    frame, _ = read_log(path, {"touchpoint": "Touchpoint"})  # the exact name chooses
    assert list(frame["touchpoint"]) == ["refund-chat"]
    # A column read for no field may be named twice.
    _, report = read_log(write(tmp_path / "x.csv", "touchpoint,note,note\nrefund-chat,a,b\n"))
    assert report.columns == {"touchpoint": "touchpoint"}


def test_a_headerless_row_of_names_is_not_quoted(tmp_path: Path) -> None:
    # The reproducer: a file without a header, its first row a contact's names, had that row
    # listed as "the log's columns" in the error.
    text = "Dave Hiddenname,Mary Secret,refund-chat\nDave Hiddenname,Mary Secret,refund-chat\n"
    path = write(tmp_path / "log.csv", text)
    for mapping in ({}, {"touchpoint": "Mary Secre"}, {"touchpoint": "Dave"}):
        with pytest.raises(LogError) as caught:
            read_log(path, mapping)
        message = str(caught.value)
        assert "Hiddenname" not in message and "'Mary Secret'" not in message, message
        assert "does the file have a header row?" in message
    # A header with a name that does not read like a column's: that one is counted, not shown.
    path = write(tmp_path / "h.csv", "Ticket ID,Dave Hiddenname,Ticket Type\nk1,x,refund-chat\n")
    with pytest.raises(LogError) as caught:
        read_log(path)
    assert "(it has: 'Ticket ID', 'Ticket Type', and 1 more not shown)" in str(caught.value)


@pytest.mark.parametrize("how", ["utf-8", "gzip", "utf-16", "long-field"])
def test_a_quote_never_closed_is_found_however_the_log_is_stored(how: str, tmp_path: Path) -> None:
    # Issue #19: an unclosed quote made the rest of the file one field, the rows in it lost.
    rows = [*ROWS[:2], 'k3,c2,2025-01-02T10:30:00,"refund-call,agent,N,Y,5', *ROWS * 3]
    if how == "long-field":  # a field longer than Python's default CSV field limit before it
        rows[0] = rows[0].replace("refund-chat", '"refund-chat' + " " * 200_000 + '"')
    text = csv_text(*rows)
    if how == "gzip":
        path = write(tmp_path / "log.csv.gz", gzip.compress(text.encode()))
    elif how == "utf-16":
        path = write(tmp_path / "log.csv", text.encode("utf-16"))
    else:
        path = write(tmp_path / "log.csv", text)
    with pytest.raises(LogError, match=r"log\.csv(\.gz)?:4: a quote opened on this row is never"):
        read_log(path)
