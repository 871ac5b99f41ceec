"""Are two ledgers the same? Row counts and a content hash of every table, side by side.

Why: the local and the Ray engine must store the same articles, events, mentions,
entities, quotes and counts from the same corpus; at 10,000 or 100,000 articles this
checks it without loading both into memory (DuckDB hashes each table in SQL). The
ingest time (`ingested_at`) is left out: it is the only column that differs by design.

    .venv/bin/python benchmarks/compare_ledgers.py build/local.duckdb build/ray.duckdb

Prints a Markdown table; exit 1 when any table differs.
"""

from __future__ import annotations

import sys

import duckdb

TABLES = ("articles", "events", "mentions", "entities", "quotes", "counts")


def fingerprint(path: str) -> dict[str, tuple[int, int]]:
    """table -> (rows, order-independent hash of the rows)."""
    con = duckdb.connect(path, read_only=True)
    try:
        found = {}
        for table in TABLES:
            columns = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
            [(rows, digest)] = con.execute(
                f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM (SELECT {columns} FROM {table}) t"
            ).fetchall()
            found[table] = (rows, digest)
        return found
    finally:
        con.close()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: compare_ledgers.py LEDGER_A LEDGER_B", file=sys.stderr)
        return 2
    a, b = (fingerprint(path) for path in argv)
    print(f"| table | rows in {argv[0]} | rows in {argv[1]} | same rows |")
    print("|---|---|---|---|")
    for table in TABLES:
        print(f"| {table} | {a[table][0]:,} | {b[table][0]:,} | {'yes' if a[table] == b[table] else 'NO'} |")
    return 0 if a == b else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
