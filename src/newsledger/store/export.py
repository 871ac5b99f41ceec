"""Export the ledger: its tables (Parquet, CSV, JSON Lines), PLOVER JSON and a POLECAT TSV.

Why these: Parquet and CSV for analysis tools, JSON Lines for anything; PLOVER records
and the POLECAT row layout (docs/ontology.md) so the events can be compared with and
loaded beside the published event data sets. Paths are handed to DuckDB's relation API
as arguments, never written into SQL.
"""

from __future__ import annotations

import json
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
    written = []
    for table, order in TABLES.items():
        query = f"SELECT * FROM {table} ORDER BY {order}"  # fixed names only
        path = out / f"{table}.{fmt}"
        if fmt == "parquet":
            con.sql(query).write_parquet(str(path))
        elif fmt == "csv":
            con.sql(query).write_csv(str(path), header=True)
        else:
            _write_lines(path, _jsonl(con, query))
        written.append(path)
    return written


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
