"""The rows of one ingest batch, held until the batch is written in one go.

Why: a single-row INSERT costs about a millisecond in DuckDB, more than coding a short
article, while one INSERT ... SELECT of a batch's columns, registered as NumPy arrays,
costs a few. So
rows wait here and go in with one statement per table at the end of the batch, inside
its transaction. Lookups during the batch (is this article stored? which mentions could
this record merge with?) must see the waiting rows too, so they are indexed here the way
the ledger's tables are queried.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy

from newsledger.store import merge
from newsledger.store.lookups import object_column, registered
from newsledger.store.schema import word_table

# Column names and DuckDB types, in the order rows are built. Naming the columns in the
# INSERT keeps it working when a later migration adds a column with a default.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("doc_id", "VARCHAR"), ("input_doc_id", "VARCHAR"), ("sha256", "VARCHAR"), ("outlet_key", "VARCHAR"),
        ("source_key", "VARCHAR"), ("title", "VARCHAR"), ("outlet", "VARCHAR"), ("url", "VARCHAR"), ("author", "VARCHAR"),
        ("published", "DATE"), ("language", "VARCHAR"), ("chars", "INTEGER"), ("text", "VARCHAR"),
        ("source", "VARCHAR"), ("duplicate_of", "VARCHAR"), ("similarity", "DOUBLE"),
        ("num_events", "INTEGER"), ("num_quotes", "INTEGER"), ("num_counts", "INTEGER"),
        ("ingested_at", "TIMESTAMP"),
    ],
    "article_bands": [("band_key", "BIGINT"), ("doc_id", "VARCHAR")],
    "events": [
        ("event_id", "VARCHAR"), ("event_type", "VARCHAR"), ("modality", "VARCHAR"), ("mode", "VARCHAR[]"),
        ("context", "VARCHAR[]"), ("quad_code", "INTEGER"), ("cameo", "VARCHAR"), ("score", "DOUBLE"),
        ("date", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"),
        ("actor_countries", "VARCHAR[]"), ("recipient_countries", "VARCHAR[]"),
        ("actor", "VARCHAR"), ("recipient", "VARCHAR"), ("location", "VARCHAR"), ("place", "VARCHAR"),
        ("doc_id", "VARCHAR"), ("evidence", "VARCHAR"), ("trigger", "VARCHAR"),
        ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
        ("merge_rule", "VARCHAR"), ("confidence", "DOUBLE"),
    ],
    "mentions": [
        ("record_id", "VARCHAR"), ("event_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("outlet", "VARCHAR"),
        ("published", "DATE"), ("date", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"),
        ("event_type", "VARCHAR"), ("modality", "VARCHAR"), ("match_key", "VARCHAR"),
        ("trigger_stem", "VARCHAR"), ("entity_names", "VARCHAR[]"), ("context", "VARCHAR[]"),
        ("evidence", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
        ("trigger", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
        ("merge_rule", "VARCHAR"), ("matched_record", "VARCHAR"), ("match_score", "DOUBLE"),
        ("record_json", "VARCHAR"), ("confidence", "DOUBLE"), ("evidence_words", "VARCHAR"),
    ],
    "entities": [
        ("record_id", "VARCHAR"), ("event_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("role", "VARCHAR"),
        ("name", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"), ("text", "VARCHAR"),
        ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("resolution", "VARCHAR"),
    ],
    "quotes": [
        ("quote_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("content", "VARCHAR"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"), ("direct", "BOOLEAN"), ("cue", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_country", "VARCHAR"), ("speaker_sector", "VARCHAR"), ("speaker_text", "VARCHAR"),
        ("speaker_resolution", "VARCHAR"), ("record_json", "VARCHAR"),
    ],
    "counts": [
        ("count_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("value", "BIGINT"), ("qualifier", "VARCHAR"),
        ("unit", "VARCHAR"), ("text", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("event_ref", "VARCHAR"), ("event_id", "VARCHAR"), ("record_json", "VARCHAR"),
    ],
}


def insert_sql(table: str, view: str) -> str:
    """INSERT of the registered columns `view`, each cast to its column's type (a column
    of Nones or empty lists has no type of its own)."""
    names = ", ".join(name for name, _ in COLUMNS[table])
    casts = ", ".join(f"{name}::{kind}" for name, kind in COLUMNS[table])
    return f"INSERT INTO {table} ({names}) SELECT {casts} FROM {view}"


def _column(kind: str, values: Sequence[Any]) -> numpy.ndarray:
    """A column for DuckDB to scan: typed when it can be (DuckDB reads an int64 array as
    is, while it inspects every value of an object array), else Python objects."""
    if kind == "BIGINT" and None not in values:
        return numpy.array(values, dtype=numpy.int64)
    if kind.endswith("[]"):
        return object_column(values)
    column = numpy.empty(len(values), dtype=object)
    column[:] = values
    return column


@dataclass(slots=True)
class PendingMention:
    """A mention of this batch, as the merge lookup needs it."""

    candidate: merge.Candidate
    date_start: dt.date | None
    date_end: dt.date | None


@dataclass(slots=True)
class Batch:
    """Rows waiting to be written, and the lookups over them."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    article_keys: set[tuple[str, str]] = field(default_factory=set)  # (sha256, outlet_key)
    doc_ids: set[str] = field(default_factory=set)
    bands: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    # doc_id -> (duplicate_of, source_key, text) of the batch's articles
    texts: dict[str, tuple[str | None, str, str]] = field(default_factory=dict)
    mentions: dict[str, list[PendingMention]] = field(default_factory=lambda: defaultdict(list))
    touched: set[str] = field(default_factory=set)  # events a mention joined: recounted at the end
    fresh: set[str] = field(default_factory=set)  # events the batch started
    # the text search index's new rows by kind (schema.WORD_KINDS): word keys, and the id of each
    words: dict[str, tuple[list[numpy.ndarray], list[str]]] = field(default_factory=lambda: defaultdict(lambda: ([], [])))

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        assert len(row) == len(COLUMNS[table]), table
        self.rows[table].append(row)

    def add_words(self, kind: str, id_: str, keys: numpy.ndarray) -> None:
        """Index the word keys (nlp.search_words) under (kind, id); a key already indexed
        there is harmless (a search asks whether the id holds the word)."""
        if len(keys):
            arrays, ids = self.words[kind]
            arrays.append(keys)
            ids.append(id_)

    def candidates(self, key: merge.MentionKey) -> list[merge.Candidate]:
        """Waiting mentions with the same match_key and a compatible date."""
        window = key.window()
        found = []
        for pending in self.mentions.get(key.match_key, ()):
            if window is None:
                if pending.date_start is None:
                    found.append(pending.candidate)
            elif pending.date_start is not None and pending.date_start <= window[1] and pending.date_end >= window[0]:
                found.append(pending.candidate)
        return found

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """One INSERT per table, parents first, each from NumPy columns DuckDB scans in
        place (ten times faster than binding lists of Python values), then the search keys."""
        for table, rows in self.rows.items():
            if not rows:
                continue
            columns = {name: _column(kind, values) for (name, kind), values in zip(COLUMNS[table], zip(*rows))}
            with registered(con, f"_batch_{table}", columns) as view:
                con.execute(insert_sql(table, view))
        for kind, (arrays, ids) in self.words.items():
            lengths = numpy.fromiter((len(a) for a in arrays), dtype=numpy.int64, count=len(arrays))
            columns = {"word_key": numpy.concatenate(arrays), "id": numpy.repeat(object_column(ids), lengths)}
            with registered(con, "_batch_words", columns, strings_only=True) as view:
                con.execute(f"INSERT INTO {word_table(kind)} (word_key, id) SELECT word_key, id FROM {view}")
