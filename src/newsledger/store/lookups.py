"""What the ledger already holds that one batch needs, asked once per batch in SQL.

Why: asked article by article (is it stored? is its doc_id taken? which stored articles
share a near-duplicate band with it? which stored mentions could each of its events
merge with?), every question is a DuckDB round trip of about a millisecond, some 20 ms an
article. Asked once for the whole batch, with the batch's keys joined to the ledger's
tables, the same answers cost a few milliseconds a batch. The ledger does not change
while a batch is prepared (its rows are written at the end, in its transaction), so the
answers are exactly those of the one-by-one questions; what the batch itself adds is
looked up in `newsledger.store.batch.Batch`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy

from newsledger.store import merge

@dataclass(slots=True)
class Known:
    """The ledger's answers for one batch."""

    stored: set[tuple[str, str]] = field(default_factory=set)  # (sha256, outlet_key) already in the ledger
    taken: set[str] = field(default_factory=set)  # doc_ids already in the ledger
    band_docs: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # band key -> doc_ids
    texts: dict[str, tuple[str | None, str, str]] = field(default_factory=dict)  # doc_id -> (duplicate_of, source_key, text)
    # a batch's mention -> the stored mentions it may merge with (merge.MAY_MERGE_SQL)
    candidates: dict[merge.MentionKey, list[merge.Candidate]] = field(default_factory=lambda: defaultdict(list))


def object_column(values: Any) -> numpy.ndarray:
    """Values as a NumPy object array, filled one by one: a list value stays one value
    (a slice assignment would spread lists of equal length over a second axis)."""
    column = numpy.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        column[i] = value
    return column


@contextmanager
def registered(
    con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, Any], strings_only: bool = False
) -> Iterator[str]:
    """`columns` as a table DuckDB scans in place while the block runs (binding a list
    parameter of thousands of values costs ten times more).

    DuckDB guesses an object column's type from a sample of its rows: a batch whose first
    thousand `mode` lists are empty would read as a list of NULL and refuse a later value,
    so every row is sampled, unless the caller says every value is a string
    (`strings_only`: sampling every row of the search words doubled their insert when
    they came a row per word)."""
    arrays = {c: v if isinstance(v, numpy.ndarray) else object_column(v) for c, v in columns.items()}
    rows = max((len(v) for v in arrays.values()), default=0)
    con.execute(f"SET pandas_analyze_sample = {1000 if strings_only else max(rows, 1000)}")
    con.register(name, arrays)
    try:
        yield name
    finally:
        con.unregister(name)


def stored_keys(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (sha256, outlet_key) pairs the ledger holds."""
    keys = list(keys)
    if not keys:
        return set()
    with registered(con, "_stored_keys", {"sha256": [k[0] for k in keys], "outlet_key": [k[1] for k in keys]}):
        rows = con.execute(
            "SELECT a.sha256, a.outlet_key FROM articles a SEMI JOIN _stored_keys k USING (sha256, outlet_key)"
        ).fetchall()
    return {(sha, okey) for sha, okey in rows}


def fetch(
    con: duckdb.DuckDBPyConnection,
    keys: Iterable[tuple[str, str]],
    doc_ids: Iterable[str],
    bands: Iterable[int],
    mentions: Iterable[merge.MentionKey],
) -> Known:
    """One query per question: stored keys, taken doc_ids, stored articles sharing a band
    (with their texts, for the exact similarity check), the stored mentions each mention
    may merge with."""
    known = Known(stored=stored_keys(con, keys))
    names = sorted(set(doc_ids))
    if names:
        with registered(con, "_names", {"doc_id": names}):
            known.taken = {row[0] for row in con.execute("SELECT doc_id FROM articles SEMI JOIN _names USING (doc_id)").fetchall()}
    band_list = sorted(set(bands))
    if band_list:
        with registered(con, "_bands", {"band_key": numpy.array(band_list, dtype=numpy.int64)}):
            hits = con.execute("SELECT band_key, doc_id FROM article_bands SEMI JOIN _bands USING (band_key)").fetchall()
        for band, doc_id in hits:
            known.band_docs[band].append(doc_id)
        others = sorted({doc_id for _, doc_id in hits})
        if others:
            with registered(con, "_others", {"doc_id": others}):
                rows = con.execute(
                    "SELECT doc_id, duplicate_of, source_key, text FROM articles SEMI JOIN _others USING (doc_id)"
                ).fetchall()
            known.texts = {doc_id: (root, source_key, text) for doc_id, root, source_key, text in rows}
    keys = list(dict.fromkeys(mentions))
    if keys:
        _fetch_candidates(con, keys, known)
    return known


def _fetch_candidates(con: duckdb.DuckDBPyConnection, keys: list[merge.MentionKey], known: Known) -> None:
    """Stored mentions of each key's match_key whose dates touch its window (undated ones
    for an undated key) and that pass merge.MAY_MERGE_SQL."""
    windows = [key.window() or (None, None) for key in keys]
    columns = {
        "k": list(range(len(keys))), "match_key": [key.match_key for key in keys],
        "lo": [w[0] for w in windows], "hi": [w[1] for w in windows],
        "words": [sorted(merge.content_words(key.evidence)) for key in keys],
        "trigger_stem": [key.trigger_stem for key in keys], "entity_names": [list(key.entity_names) for key in keys],
    }
    with registered(con, "_mention_keys", columns):
        rows = con.execute(
            f"""
            WITH q AS (
                SELECT k::INTEGER AS k, match_key::VARCHAR AS match_key, lo::DATE AS lo, hi::DATE AS hi,
                       words::VARCHAR[] AS words, trigger_stem::VARCHAR AS trigger_stem,
                       entity_names::VARCHAR[] AS entity_names
                FROM _mention_keys
            ),
            -- materialized: the match_key and dates first (a hash join), then the word test on
            -- what passes; as one join, DuckDB weighed the words of every pair of one match_key
            pairs AS MATERIALIZED (
                SELECT q.k, m.record_id, m.event_id, m.trigger, m.trigger_stem, m.entity_names, m.evidence,
                       m.evidence_words
                FROM q JOIN mentions m ON m.match_key = q.match_key
                    AND ((q.lo IS NULL AND m.date_start IS NULL) OR (m.date_start <= q.hi AND m.date_end >= q.lo))
            )
            SELECT m.k, m.record_id, m.event_id, m.trigger, m.trigger_stem, m.entity_names, m.evidence
            FROM pairs m JOIN q USING (k)
            WHERE {merge.MAY_MERGE_SQL}
            """
        ).fetchall()
    for k, *candidate in rows:
        known.candidates[keys[k]].append(merge.Candidate(*candidate))
