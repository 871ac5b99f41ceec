"""The ledger: a DuckDB file of articles, merged events with their mentions, quotes and counts.

Function API shared by the CLI and the HTTP API:

    con = open_ledger("ledger.duckdb")                       # creates and migrates
    for stats in ingest_results(con, code_articles(pipeline, articles)): ...
    rows, next_token = query_events(con, event_filters(actor="CHN", since="2021-01-01"))
    rows, next_token = query_events(con, filters, after=next_token)

Readers open the file with `open_ledger(path, read_only=True)`, or a Parquet export of it
with `open_parquet_ledger(folder)` (read-only, the same queries). DuckDB lets one process
write a file at a time; a reader in another process waits for the writer to close it.
"""

from newsledger.store.export import FORMATS, export_ledger, plover_records, polecat_lines
from newsledger.store.filters import (
    ActorFilters,
    EventFilters,
    FilterError,
    QuoteFilters,
    actor_filters,
    event_filters,
    quote_filters,
)
from newsledger.store.parquet import open_parquet_ledger
from newsledger.store.queries import (
    event_mentions,
    get_event,
    jsonable,
    query_actors,
    query_events,
    count_events,
    query_quotes,
    run_sql,
)
from newsledger.store.schema import LATEST, MIGRATIONS, LedgerError, migrate, open_ledger, schema_version
from newsledger.store.writer import (
    IngestStats,
    code_articles,
    ingest_batch,
    ingest_results,
    is_stored,
    new_articles,
)

__all__ = [
    "FORMATS",
    "LATEST",
    "MIGRATIONS",
    "ActorFilters",
    "EventFilters",
    "FilterError",
    "IngestStats",
    "LedgerError",
    "QuoteFilters",
    "actor_filters",
    "code_articles",
    "event_filters",
    "event_mentions",
    "export_ledger",
    "get_event",
    "ingest_batch",
    "ingest_results",
    "is_stored",
    "jsonable",
    "migrate",
    "new_articles",
    "open_ledger",
    "open_parquet_ledger",
    "plover_records",
    "polecat_lines",
    "query_actors",
    "query_events",
    "count_events",
    "query_quotes",
    "quote_filters",
    "run_sql",
    "schema_version",
]
