"""Rows (dicts from the query functions) as a table to take away: CSV cells and Parquet.

Why here: the CLI prints CSV and the API serves CSV and Parquet pages of the same rows,
and both must flatten a list of entities or a date the same way. Parquet keeps the
nesting (lists of structs), so a page read into pandas or DuckDB has the JSON's shape.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from newsledger.store.queries import Row, jsonable


def flat_cell(value: Any) -> str:
    """A cell for CSV or a table: entity lists by name, other lists joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value):
            return "; ".join(str(v.get("name") or v.get("text") or v.get("doc_id") or "") for v in value)
        return ";".join(str(jsonable(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return str(jsonable(value))


def write_csv(out, rows: Iterable[Row], columns: Sequence[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([flat_cell(row.get(c)) for c in columns])


def csv_text(rows: list[Row], columns: Sequence[str] = ()) -> str:
    """The rows as CSV; with no rows, the header of `columns`."""
    out = io.StringIO()
    write_csv(out, rows, list(rows[0]) if rows else list(columns))
    return out.getvalue()


def parquet_bytes(rows: list[Row], columns: Sequence[str] = ()) -> bytes:
    """The rows as one Parquet file, column types inferred by DuckDB from their JSON (a
    column that is null on every row of the page is written as text; with no rows, the
    `columns` as text). One thread and a
    small memory limit: a page is at most 10,000 rows, and the server's DuckDB limits
    should not be doubled by its exports."""
    with tempfile.TemporaryDirectory(prefix="newsledger-") as tmp:
        source, target = Path(tmp) / "rows.jsonl", Path(tmp) / "rows.parquet"
        source.write_text("".join(json.dumps(jsonable(r), ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        con = duckdb.connect(config={"autoload_known_extensions": False, "autoinstall_known_extensions": False,
                                     "threads": 1, "memory_limit": "256MB"})
        try:
            if rows:
                relation = con.read_json(str(source), format="newline_delimited")
                nulls = [c for c, t in zip(relation.columns, relation.types) if str(t).strip('"') == "NULL"]
                if nulls:
                    relation = relation.select(", ".join(
                        f'"{c}"::VARCHAR AS "{c}"' if c in nulls else f'"{c}"' for c in relation.columns))
            else:  # no rows: the columns the page would have, as text
                names = ", ".join('NULL::VARCHAR AS "' + c.replace('"', '""') + '"' for c in columns) or "NULL::VARCHAR AS no_rows"
                relation = con.sql(f"SELECT {names} WHERE false")
            relation.write_parquet(str(target))
        finally:
            con.close()
        return target.read_bytes()


__all__ = ["csv_text", "flat_cell", "parquet_bytes", "write_csv"]
