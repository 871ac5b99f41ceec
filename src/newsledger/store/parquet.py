"""Read a Parquet export (`newsledger export --format parquet`) as a read-only ledger.

Why: a dataset copied to another machine, or kept instead of the DuckDB file, can be
served and queried by the same code as the ledger. The connection is an in-memory DuckDB
database with the ledger's schema in which the six exported tables are VIEWs over their
Parquet files (and the derived actor rollup and word index VIEWs over them), so every query of
newsledger.store runs on it unchanged.

It is locked down as the read-only ledger is, more tightly: external access is off, only
the dataset's own files (listed when it is opened) may be read, nothing spills to a temp
folder, and the configuration is locked, so SQL on it cannot read or list another file.
The file list is fixed at open: re-export, then reopen (restart the server).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from newsledger.store.export import TABLES
from newsledger.store.schema import WORD_KINDS, LedgerError, actor_totals_select, event_actors_select, migrate, one_line, word_keys_select, word_table


def sql_string(value: str) -> str:
    """`value` as an SQL string literal. Needed only where DuckDB takes no parameter: a
    VIEW's body is stored SQL, so its file names must be written into it."""
    return "'" + value.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """`name` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def open_parquet_ledger(path: str | Path, config: Mapping[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection over the Parquet dataset in folder `path`; `config`: DuckDB
    settings (memory_limit, threads) set before the configuration is locked.

    Raises LedgerError (one line) when the folder is missing, lacks a table or a table
    lacks a column this newsledger reads.
    """
    root = Path(path)
    if not root.is_dir():
        raise LedgerError(
            f"no Parquet ledger at {root}: write one with 'newsledger export --format parquet --out {root}'"
        )
    root = root.resolve()
    files = {table: sorted(str(p) for p in (root / table).rglob("*.parquet") if p.is_file()) for table in TABLES}
    missing = [table for table, found in files.items() if not found]
    if missing:
        raise LedgerError(
            f"Parquet ledger {root} lacks the table(s) {', '.join(missing)}: export the whole ledger again"
        )
    locked = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}
    try:
        con = duckdb.connect(":memory:", config={**locked, **(config or {})})
    except duckdb.Error as exc:
        raise LedgerError(f"cannot open Parquet ledger {root}: {one_line(exc)}") from None
    try:
        migrate(con)  # the schema, schema_version included; the six tables become views below
        for table, paths in files.items():
            _replace_with_view(con, root, table, paths)
        # derived tables are not exported: each is a view of the query ingest fills it with
        con.execute("DROP TABLE event_actors")
        con.execute(f"CREATE VIEW event_actors AS {event_actors_select()} GROUP BY event_id, name, country")
        con.execute("DROP TABLE actor_totals")
        con.execute(f"CREATE VIEW actor_totals AS {actor_totals_select()} GROUP BY name, country, sector")
        for kind in WORD_KINDS:
            con.execute(f"DROP TABLE {word_table(kind)}")
            con.execute(f"CREATE VIEW {word_table(kind)} AS {word_keys_select(kind)}")
        con.execute("SET temp_directory = ''")  # else DuckDB allows its temp folder as well
        con.execute("SET allowed_paths = ?", [[p for paths in files.values() for p in paths]])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except duckdb.Error as exc:
        con.close()
        raise LedgerError(f"cannot read Parquet ledger {root}: {one_line(exc)}") from None
    except LedgerError:
        con.close()
        raise
    return con


def _replace_with_view(con: duckdb.DuckDBPyConnection, root: Path, table: str, paths: list[str]) -> None:
    """Drop the empty `table` and create a view of the same columns over `paths`."""
    want = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    source = f"read_parquet([{', '.join(sql_string(p) for p in paths)}], hive_partitioning = false)"
    have = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})").fetchall())
    wrong = [f"{name} {kind}" for name, kind in want if have.get(name) != kind]
    if wrong:
        raise LedgerError(
            f"Parquet ledger {root}: {table} lacks the column(s) {', '.join(wrong)}; export it with this newsledger"
        )
    con.execute(f"DROP TABLE {table}")  # its indexes go with it
    columns = ", ".join(sql_name(name) for name, _ in want)
    con.execute(f"CREATE VIEW {table} AS SELECT {columns} FROM {source}")


__all__ = ["open_parquet_ledger", "sql_string"]
