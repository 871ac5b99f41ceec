"""Export the ledger: its tables (Parquet, CSV, JSON Lines), PLOVER JSON and a POLECAT TSV.

Why these: Parquet and CSV for analysis tools, JSON Lines for anything; PLOVER records
and the POLECAT row layout (docs/ontology.md) so the events can be compared with and
loaded beside the published event data sets. Paths are handed to DuckDB's relation API
as arguments, never written into SQL.

Parquet is a dataset: a folder per table, Hive-partitioned by year (`events/year=2021/
data_0.parquet`, undated rows in `year=__HIVE_DEFAULT_PARTITION__`), written by DuckDB's
partitioned writer, so a reader of one period opens only its files. The year is a folder
name only, not a column in the files: `read_parquet('DIR/events/**/*.parquet',
hive_partitioning=false)` gives exactly the ledger table (newsledger.store.parquet
serves it).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from newsledger.store.queries import jsonable

TABLE_FORMATS = ("parquet", "csv", "jsonl")
EVENT_FORMATS = ("plover", "polecat")
FORMATS = TABLE_FORMATS + EVENT_FORMATS

# Table -> stable row order for the export.
TABLES = {
    "articles": "doc_id",
    "events": "date_start NULLS LAST, event_id",
    "mentions": "event_id, record_id",
    "entities": "event_id, record_id, role, start_char",
    "quotes": "doc_id, start_char, quote_id",
    "counts": "doc_id, start_char, count_id",
}
# Table -> the year its rows are filed under in the Parquet dataset, and the join that
# brings it: events by when they happened, everything else by publication.
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # where rows without a year go, as Hive names it
PARTITION_YEAR = {
    "articles": ("year(t.published)", ""),
    "events": ("year(t.date_start)", ""),
    "mentions": ("year(t.published)", ""),
    "entities": ("year(e.date_start)", "LEFT JOIN events e ON e.event_id = t.event_id"),
    "quotes": ("year(a.published)", "LEFT JOIN articles a ON a.doc_id = t.doc_id"),
    "counts": ("year(a.published)", "LEFT JOIN articles a ON a.doc_id = t.doc_id"),
}
_JSON_TEXT = {"actor", "recipient", "location", "record_json"}


def export_ledger(con: duckdb.DuckDBPyConnection, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write the ledger to `out_dir` (created) in `fmt`; return the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "plover":
        return [_write_lines(out / "events.plover.jsonl", (json.dumps(r, ensure_ascii=False) for r in plover_records(con)))]
    if fmt == "polecat":
        return [_write_lines(out / "events.polecat.tsv", polecat_lines(con))]
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "parquet":
        return _write_dataset(con, out)
    written = []
    for table, order in TABLES.items():
        query = f"SELECT * FROM {table} ORDER BY {order}"  # fixed names only
        path = out / f"{table}.{fmt}"
        if fmt == "csv":
            con.sql(query).write_csv(str(path), header=True)
        else:
            _write_lines(path, _jsonl(con, query))
        written.append(path)
    return written


def _write_dataset(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """Each table as `out/TABLE/year=YYYY/*.parquet`; each folder replaced whole (a stale
    year left from an earlier export would add rows), via a staging folder beside it."""
    [(threads,)] = con.execute("SELECT current_setting('threads')").fetchall()
    # One thread: a file written by one thread keeps the ORDER BY of its query,
    # and on these sizes it is no slower.
    con.execute("SET threads = 1")
    written: list[Path] = []
    try:
        for table, order in TABLES.items():
            year, join = PARTITION_YEAR[table]
            rows = f"SELECT t.*, {year} AS year FROM {table} t {join}"  # fixed names only
            staging, target = out / f".{table}.part", out / table
            shutil.rmtree(staging, ignore_errors=True)  # left by an export that was killed
            try:
                _write_years(con, rows, order, staging)
                if not any(staging.rglob("*.parquet")):  # no rows, no partition: an empty file keeps the columns
                    staging.mkdir(exist_ok=True)
                    con.sql(f"SELECT * FROM {table}").write_parquet(str(staging / "data_0.parquet"))
                _replace_dataset(staging, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            written += sorted(target.rglob("*.parquet"))
    finally:
        con.execute(f"SET threads = {int(threads)}")
    return written


def _write_years(con: duckdb.DuckDBPyConnection, rows: str, order: str, staging: Path) -> None:
    """One file per year, each written on its own in the table's order (DuckDB's
    partitioned writer interleaves rows once there are many partitions)."""
    years = [y for (y,) in con.execute(f"SELECT DISTINCT year FROM ({rows}) ORDER BY 1 NULLS LAST").fetchall()]
    for year in years:
        folder = staging / f"year={HIVE_NULL if year is None else int(year)}"
        folder.mkdir(parents=True, exist_ok=True)
        where = "year IS NULL" if year is None else f"year = {int(year)}"
        con.sql(f"SELECT * EXCLUDE (year) FROM ({rows}) WHERE {where} ORDER BY {order}").write_parquet(
            str(folder / "data_0.parquet")
        )


def _replace_dataset(staging: Path, target: Path) -> None:
    """Move `staging` to `target`, removing a previous export there, and nothing else."""
    if target.exists():
        ours = target.is_dir() and all(
            (p.is_file() and p.suffix == ".parquet") or (p.is_dir() and p.name.startswith("year="))
            for p in target.rglob("*")
        )
        if not ours:
            raise FileExistsError(
                f"{target} exists and is not a newsledger Parquet export: remove it or export elsewhere"
            )
        shutil.rmtree(target)
    staging.rename(target)


def _write_lines(path: Path, lines: Iterator[str]) -> Path:
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            for line in lines:
                handle.write(line + "\n")
        tmp.replace(path)  # a reader never sees half a file
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _jsonl(con: duckdb.DuckDBPyConnection, query: str) -> Iterator[str]:
    cursor = con.cursor().execute(query)  # a cursor of its own: rows stream, nothing left open
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(1000):
        for row in chunk:
            record = {}
            for name, value in zip(names, row):
                if name in _JSON_TEXT and isinstance(value, str):
                    value = json.loads(value)
                record[name] = jsonable(value)
            yield json.dumps(record, ensure_ascii=False)


def _events_with_citation(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """Every event with its first article and the list of articles that report it."""
    cursor = con.cursor().execute(
        """
        SELECT e.*, a.title, a.outlet, a.url, a.published,
            (SELECT list({'doc_id': m.doc_id, 'outlet': m.outlet, 'published': m.published,
                          'merge_rule': m.merge_rule} ORDER BY m.published NULLS LAST, m.doc_id, m.record_id)
             FROM mentions m WHERE m.event_id = e.event_id) AS reports,
            em.evidence_start, em.evidence_end, em.trigger_start, em.trigger_end, em.record_json
        FROM events e
        JOIN articles a ON a.doc_id = e.doc_id
        JOIN mentions em ON em.record_id = e.event_id
        ORDER BY e.date_start NULLS LAST, e.event_id
        """
    )
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(1000):
        for row in chunk:
            event = dict(zip(names, row))
            for key in ("actor", "recipient", "location", "record_json"):
                if isinstance(event[key], str):
                    event[key] = json.loads(event[key])
            yield event


def _entity(entity: dict[str, Any]) -> dict[str, Any]:
    return {k: entity.get(k) for k in ("text", "name", "country", "sector", "start", "end")}


def plover_records(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """PLOVER JSON records (the PLOVER manual's field names): one per merged event."""
    for e in _events_with_citation(con):
        record = e["record_json"]
        yield {
            "id": e["event_id"],
            "date": e["date"],
            "actor": [_entity(a) for a in e["actor"]],
            "recipient": [_entity(r) for r in e["recipient"]],
            "event": e["event_type"],
            "mode": list(e["mode"]),
            "context": list(e["context"]),
            "quad_code": e["quad_code"],
            "event_text": e["trigger"],
            "location": e["location"],
            "modality": e["modality"],
            "cameo": e["cameo"],
            "cite_info": {
                "doc_id": e["doc_id"],
                "title": e["title"],
                "outlet": e["outlet"],
                "url": e["url"],
                "published": jsonable(e["published"]),
                "num_mentions": e["num_mentions"],
                "num_articles": e["num_articles"],
                "num_sources": e["num_sources"],
                "reports": jsonable(e["reports"] or []),
            },
            "text_info": {
                "sentence": e["evidence"],
                "start": e["evidence_start"],
                "end": e["evidence_end"],
                "trigger": e["trigger"],
                "trigger_start": e["trigger_start"],
                "trigger_end": e["trigger_end"],
                "date_text": record.get("date_text"),
                "confidence": record.get("confidence"),
                "coder": record.get("coder"),
                "merge_rule": e["merge_rule"],
            },
        }


POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Contexts", "Quad Code",
    "Actor Name", "Actor Country", "Actor Sector", "Actor Name Raw",
    "Recipient Name", "Recipient Country", "Recipient Sector", "Recipient Name Raw",
    "Placename", "Place Country", "Story Date", "Num Mentions", "Num Sources",
    "Num Articles", "Modality", "Story ID", "Source", "URL",
)


def _cell(value: Any) -> str:
    """A TSV cell: no tabs or line breaks inside, None as empty."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _joined(entities: list[dict[str, Any]], key: str) -> str:
    """Compound actors as POLECAT writes them: values joined by ';'."""
    return ";".join(_cell(e.get(key)) for e in entities)


def polecat_lines(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """A POLECAT-style TSV, header first, one row per merged event."""
    yield "\t".join(POLECAT_COLUMNS)
    for e in _events_with_citation(con):
        location = e["location"] or {}
        row = [
            e["event_id"], e["date"], e["event_type"], ";".join(e["mode"]), ";".join(e["context"]),
            e["quad_code"],
            _joined(e["actor"], "name"), _joined(e["actor"], "country"), _joined(e["actor"], "sector"),
            _joined(e["actor"], "text"),
            _joined(e["recipient"], "name"), _joined(e["recipient"], "country"),
            _joined(e["recipient"], "sector"), _joined(e["recipient"], "text"),
            location.get("text"), location.get("country"), jsonable(e["published"]),
            e["num_mentions"], e["num_sources"], e["num_articles"], e["modality"], e["doc_id"],
            e["outlet"], e["url"],
        ]
        yield "\t".join(_cell(v) for v in row)
