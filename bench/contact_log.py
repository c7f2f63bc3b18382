"""A seeded generator of contact logs (and the journeys they belong to) for bench_evidence.py.

    python bench/contact_log.py OUTDIR --contacts 1000000 [--formats csv,parquet] [--seed 1]

writes OUTDIR/journeys/*.yaml (5 journeys x 10 touchpoints) and OUTDIR/contacts-N.csv /
.parquet with the default columns of ``stakes evidence``:
``contact_id, customer_id, timestamp, journey, touchpoint, channel, handled_by, escalated,
resolved, csat``. Built with numpy and pyarrow in chunks of 1,000,000 rows, so 10,000,000
contacts take about a minute and little memory.

The shape is loosely realistic: a customer has one issue (a home touchpoint) and contacts
cluster in the days after it starts, so repeat contacts and looping customers occur; about a
third of contacts are handled by a bot (labelled ``bot``, ``chatbot``, ``virtual agent`` or
``ai``), of which about 18% are escalated; bots resolve less often than people; 70% of
contacts have a CSAT score. Noise: 0.1% of contacts name a touchpoint no journey has, 0.01% repeat
a contact id, 0.01% have an unreadable timestamp.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

JOURNEYS = 5
TOUCHPOINTS = 10
CHUNK = 1_000_000
DAY = 86_400
START = 1_740_787_200  # 2025-03-01T00:00:00Z
HANDLER_LABELS = ["bot", "chatbot", "virtual agent", "ai", "agent", "human", "Live Agent"]
CHANNELS = ["chat", "email", "phone", "app"]
_CSV_OPTIONS = pacsv.WriteOptions(quoting_style="none")


def touchpoint_ids() -> list[tuple[str, str]]:
    """Every (journey, touchpoint) pair of the generated journeys, in order."""
    return [
        (f"bench-journey-{j}", f"tp-{j}-{t}") for j in range(JOURNEYS) for t in range(TOUCHPOINTS)
    ]


def write_journeys(folder: Path) -> list[Path]:
    """Write the journeys the log's touchpoints belong to; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for j in range(JOURNEYS):
        lines = [
            f"journey: bench-journey-{j}",
            f"title: Benchmark journey {j}",
            "owner: bench",
            "stages:",
            "  - id: contact",
            "    title: Contacts support",
            "    touchpoints:",
        ]
        for t in range(TOUCHPOINTS):
            handler = "ai" if t % 3 == 0 else "human"
            lines += [
                f"      - id: tp-{j}-{t}",
                f"        title: Touchpoint {t}",
                "        channel: chat",
                f"        handled_by: {handler}",
            ]
        path = folder / f"bench-journey-{j}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def chunk(rng: np.random.Generator, first: int, n: int, customers: int) -> pa.Table:
    """``n`` contacts, numbered from ``first``."""
    pairs = touchpoint_ids()
    customer = rng.integers(0, customers, n)
    # Each customer's issue: a home touchpoint and a start day, both derived from the id.
    home = (customer * 7919) % len(pairs)
    start = START + (customer * 104_729) % (180 * DAY)
    elsewhere = rng.random(n) < 0.25
    tp = np.where(elsewhere, rng.integers(0, len(pairs), n), home)
    gap = rng.gamma(0.6, 4 * DAY, n).astype(np.int64)
    when = start + gap
    bot_share = np.where(tp % 3 == 0, 0.8, 0.1)
    bot = rng.random(n) < bot_share
    label = np.where(bot, rng.integers(0, 4, n), rng.integers(4, 7, n))
    escalated = bot & (rng.random(n) < 0.18)
    resolved = rng.random(n) < np.where(bot & ~escalated, 0.45, 0.75)
    csat = np.clip(np.round(rng.normal(np.where(bot, 3.2, 3.9), 1.0)), 1, 5)
    csat_mask = rng.random(n) >= 0.7
    ids = np.arange(first, first + n)
    dup = rng.random(n) < 0.0001
    ids[dup] = np.maximum(ids[dup] - 1, 0)
    unmatched = rng.random(n) < 0.001
    journey_names = pa.array([p[0] for p in pairs] + ["other"])
    tp_names = pa.array([p[1] for p in pairs] + ["Other enquiry"])
    tp_index = pa.array(np.where(unmatched, len(pairs), tp))
    times = pa.array(when.astype("datetime64[s]"))
    time_text = pc.strftime(times, format="%Y-%m-%dT%H:%M:%S")
    bad_time = pa.array(rng.random(n) < 0.0001)
    time_text = pc.if_else(bad_time, pa.scalar("not a date"), time_text)
    return pa.table(
        {
            "contact_id": pc.binary_join_element_wise("C", pc.cast(pa.array(ids), pa.string()), ""),
            "customer_id": pc.binary_join_element_wise(
                "CUST", pc.cast(pa.array(customer), pa.string()), ""
            ),
            "timestamp": time_text,
            "journey": pc.take(journey_names, tp_index),
            "touchpoint": pc.take(tp_names, tp_index),
            "channel": pc.take(pa.array(CHANNELS), pa.array(rng.integers(0, 4, n))),
            "handled_by": pc.take(pa.array(HANDLER_LABELS), pa.array(label)),
            "escalated": pc.take(pa.array(["false", "true"]), pa.array(escalated.astype(np.int8))),
            "resolved": pc.take(pa.array(["false", "true"]), pa.array(resolved.astype(np.int8))),
            "csat": pa.array(csat, mask=csat_mask),
        }
    )


def generate(
    outdir: Path, contacts: int, formats: tuple[str, ...], seed: int = 1
) -> dict[str, Path]:
    """Write the journeys and the log in each format; return {format: path, "journeys": dir}."""
    outdir.mkdir(parents=True, exist_ok=True)
    write_journeys(outdir / "journeys")
    rng = np.random.default_rng(seed)
    customers = max(1, contacts // 4)
    paths = {f: outdir / f"contacts-{contacts}.{f}" for f in formats}
    writers: dict[str, object] = {}
    done = 0
    while done < contacts:
        table = chunk(rng, done, min(CHUNK, contacts - done), customers)
        if "csv" in paths:
            if "csv" not in writers:
                writers["csv"] = pacsv.CSVWriter(
                    str(paths["csv"]), table.schema, write_options=_CSV_OPTIONS
                )
            writers["csv"].write_table(table)  # type: ignore[attr-defined]
        if "parquet" in paths:
            if "parquet" not in writers:
                writers["parquet"] = pq.ParquetWriter(str(paths["parquet"]), table.schema)
            writers["parquet"].write_table(table)  # type: ignore[attr-defined]
        done += table.num_rows
    for writer in writers.values():
        writer.close()  # type: ignore[attr-defined]
    return {**paths, "journeys": outdir / "journeys"}


def main() -> None:
    """Command line: write a log and its journeys."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", type=Path)
    p.add_argument("--contacts", type=int, default=1_000_000)
    p.add_argument("--formats", default="csv,parquet")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f)
    for name, path in generate(args.outdir, args.contacts, formats, args.seed).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
