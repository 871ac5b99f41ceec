"""Ledger schema: ordered migration functions, recorded in `schema_version`.

Why functions and a version table: a ledger outlives the program that wrote it. Every
change to the schema is a new function appended to MIGRATIONS (never an edit of an old
one), so opening an old ledger for writing brings it up to date step by step, each step
in its own transaction, and `schema_version` says which steps ran and when.

Column names avoid SQL keywords (`start_char`, not `start`) so that `newsledger sql`
users need no quoting. Entity lists and whole records are JSON text columns: they are
read back in Python and exported as they are, and need no DuckDB extension.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import duckdb

from newsledger.nlp.search_words import KEY_SQL


class LedgerError(RuntimeError):
    """The ledger cannot be opened or used as asked; str() is one line for the user."""


def _v1_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Articles (with their text), near-duplicate bands, merged events and their mentions,
    entities of every mention, quotes and counts."""
    con.execute(
        """
        CREATE TABLE articles (
            doc_id VARCHAR PRIMARY KEY,     -- as read, or doc_id~sha when the name was taken
            input_doc_id VARCHAR NOT NULL,  -- the doc_id the input gave
            sha256 VARCHAR NOT NULL,        -- of the text
            outlet_key VARCHAR NOT NULL,    -- lower-cased outlet, '' when unknown
            source_key VARCHAR NOT NULL,    -- one source: outlet:KEY; without an outlet doc:DOC_ID,
                                            -- or for a copy the source of the article it copies
            title VARCHAR, outlet VARCHAR, url VARCHAR, author VARCHAR,
            published DATE, language VARCHAR, chars INTEGER,
            text VARCHAR NOT NULL,          -- evidence offsets point into it
            source VARCHAR,                 -- path, '-' or path:line the article came from
            duplicate_of VARCHAR,           -- first article this one is a near-copy of
            similarity DOUBLE,              -- word-shingle Jaccard with duplicate_of
            num_events INTEGER NOT NULL, num_quotes INTEGER NOT NULL, num_counts INTEGER NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            UNIQUE (sha256, outlet_key)
        )
        """
    )
    con.execute("CREATE TABLE article_bands (band_key BIGINT NOT NULL, doc_id VARCHAR NOT NULL)")
    con.execute(
        """
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,   -- the record id of its first mention
            event_type VARCHAR NOT NULL, modality VARCHAR NOT NULL,
            mode VARCHAR[] NOT NULL, context VARCHAR[] NOT NULL,
            quad_code INTEGER, cameo VARCHAR, score DOUBLE,
            date VARCHAR, date_start DATE, date_end DATE,
            actor_countries VARCHAR[] NOT NULL, recipient_countries VARCHAR[] NOT NULL,
            actor VARCHAR NOT NULL, recipient VARCHAR NOT NULL,  -- JSON entity lists
            location VARCHAR, place VARCHAR,
            doc_id VARCHAR NOT NULL, evidence VARCHAR, trigger VARCHAR,
            num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL,
            merge_rule VARCHAR              -- rules that attached later mentions, NULL if none
        )
        """
    )
    con.execute(
        """
        CREATE TABLE mentions (
            record_id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
            outlet VARCHAR, published DATE,
            date VARCHAR, date_start DATE, date_end DATE,
            event_type VARCHAR NOT NULL, modality VARCHAR NOT NULL,
            match_key VARCHAR NOT NULL,     -- type|modality|actor countries|recipient countries
            trigger_stem VARCHAR, entity_names VARCHAR[] NOT NULL, context VARCHAR[] NOT NULL,
            evidence VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            merge_rule VARCHAR NOT NULL,    -- first | evidence_overlap | trigger_entities
            matched_record VARCHAR,         -- the mention it was merged with
            match_score DOUBLE,
            record_json VARCHAR NOT NULL    -- the event record as coded
        )
        """
    )
    con.execute(
        """
        CREATE TABLE entities (
            record_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,          -- actor | recipient
            name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
            start_char INTEGER, end_char INTEGER
        )
        """
    )
    con.execute(
        """
        CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL,
            content VARCHAR, start_char INTEGER, end_char INTEGER, direct BOOLEAN, cue VARCHAR,
            speaker_name VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, speaker_text VARCHAR,
            speaker_resolution VARCHAR,
            record_json VARCHAR NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE counts (
            count_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL,
            value BIGINT, qualifier VARCHAR, unit VARCHAR, text VARCHAR,
            start_char INTEGER, end_char INTEGER,
            event_ref VARCHAR,              -- record id of the event in the same clause
            event_id VARCHAR,               -- the merged event that record belongs to
            record_json VARCHAR NOT NULL
        )
        """
    )


def _v2_lookup_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Indexes for the lookups ingest makes for every article and event record."""
    con.execute("CREATE INDEX article_bands_key ON article_bands (band_key)")
    con.execute("CREATE INDEX mentions_match ON mentions (match_key)")
    con.execute("CREATE INDEX mentions_event ON mentions (event_id)")
    con.execute("CREATE INDEX entities_event ON entities (event_id)")
    con.execute("CREATE INDEX quotes_doc ON quotes (doc_id)")


def _v3_article_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Indexes for reading one article back with its records (the API's article view):
    at a million events, article by id went from 236 ms to 14 ms."""
    con.execute("CREATE INDEX mentions_doc ON mentions (doc_id)")
    con.execute("CREATE INDEX entities_doc ON entities (doc_id)")
    con.execute("CREATE INDEX counts_doc ON counts (doc_id)")


def _v4_feed_state(con: duckdb.DuckDBPyConnection) -> None:
    """What `newsledger watch` knows about each source between polls: the HTTP validators
    for a conditional GET, and what it has already seen (entry keys of a feed URL, or
    mtime and size of each file of a local source), so unchanged entries are not coded again."""
    con.execute(
        """
        CREATE TABLE feed_state (
            source VARCHAR PRIMARY KEY,     -- a feed URL, or the absolute path of a file or folder
            kind VARCHAR NOT NULL,          -- url | file | folder
            etag VARCHAR,                   -- ETag of the last good response (If-None-Match)
            last_modified VARCHAR,          -- Last-Modified of it, as sent (If-Modified-Since)
            last_polled TIMESTAMP,          -- UTC
            last_status VARCHAR,            -- ok | not_modified | unchanged | failed: why
            last_ok TIMESTAMP,              -- UTC, the last poll that did not fail
            seen VARCHAR NOT NULL           -- JSON: url: keys (doc_id + text hash) of the entries in
                                            -- the last good copy; file/folder: path -> [mtime_ns, size]
        )
        """
    )


def _v5_confidence(con: duckdb.DuckDBPyConnection) -> None:
    """The learned confidence of each report, and of each event (its best report), so a
    reader can ask for events the scorer trusts more. Rows stored before it stay NULL."""
    con.execute("ALTER TABLE events ADD COLUMN confidence DOUBLE")
    con.execute("ALTER TABLE mentions ADD COLUMN confidence DOUBLE")


# Who appears in an event, one row per (event, name, country): the entities table rolled up
# so that "who appears most" counts rows instead of distinct values over every mention's
# entity. Ingest rebuilds the rows of the events a batch touched (store.writer); a
# Parquet ledger serves it as a view of this query over its entities.
def event_actors_select(source: str = "entities") -> str:
    """The rollup rows of the entity rows in `source` (the table, or a batch's own rows);
    the caller adds WHERE and GROUP BY event_id, name, country."""
    return f"""
        SELECT event_id, name, country, mode(sector) AS sector,
            count(DISTINCT record_id) FILTER (WHERE role = 'actor') AS actor_mentions,
            count(DISTINCT record_id) FILTER (WHERE role = 'recipient') AS recipient_mentions,
            count(DISTINCT record_id) AS mentions
        FROM {source}
    """


def _v6_event_actors(con: duckdb.DuckDBPyConnection) -> None:
    """The per-event actor rollup behind /api/actors: over 5 million entity rows (a million
    events) the count-distinct query took 0.8-3.5 s; over this table it reads about a
    third as many rows and needs no DISTINCT."""
    con.execute(f"CREATE TABLE event_actors AS {event_actors_select()} GROUP BY event_id, name, country")
    con.execute("CREATE INDEX event_actors_event ON event_actors (event_id)")


def _v7_entity_resolution(con: duckdb.DuckDBPyConnection) -> None:
    """How each actor and recipient was resolved (records.RESOLUTIONS), so a reader can
    weigh a country the text names against one the coder inferred. Rows stored before it
    stay NULL."""
    con.execute("ALTER TABLE entities ADD COLUMN resolution VARCHAR")


# The word index behind text search, first kept as one row per (word, kind, id) for the
# words of every report's evidence sentence (kind "event", id the merged event), of each
# article's title and text ("article", doc_id) and of each quote and its speaker ("quote",
# quote_id); since migration 11 as one table a kind (word_table) holding each word's key
# (nlp.search_words: md5_number_upper of the word) instead of the word. Words are
# lowercase runs of letters and digits (nlp.search_words, which cuts the text at ingest,
# the coder the article's, and the query; WORD_SPLIT below is the same cut in SQL, for a
# Parquet ledger's view and the migrations that built the index of older ledgers).
# DuckDB's full-text extension is not in the wheel, and nothing may be downloaded at run
# time, so the index is built here, at ingest.
WORD_SPLIT = r"[^\pL\pN]+"
_WORD_SOURCES = {
    "event": ("mentions", "event_id", "evidence"),
    "article": ("articles", "doc_id", "coalesce(title, '') || ' ' || coalesce(text, '')"),
    "quote": ("quotes", "quote_id", "coalesce(content, '') || ' ' || coalesce(speaker_name, '')"),
}

WORD_KINDS = tuple(_WORD_SOURCES)


def word_table(kind: str) -> str:
    """The table of `kind`'s word keys (one of WORD_KINDS: safe to name a table by it)."""
    if kind not in _WORD_SOURCES:
        raise ValueError(f"no word index for {kind!r}")
    return f"{kind}_words"


def words_select(kind: str) -> str:
    """SELECT word, kind, id for every row of `kind`'s table."""
    table, key, text = _WORD_SOURCES[kind]
    return f"""
        SELECT DISTINCT word, '{kind}' AS kind, id FROM (
            SELECT {key} AS id, unnest(regexp_split_to_array(lower({text}), '{WORD_SPLIT}')) AS word
            FROM {table}
        ) WHERE word <> ''
    """


def word_keys_select(kind: str) -> str:
    """SELECT word_key, id for every row of `kind`'s table (what ingest puts in word_table)."""
    return f"SELECT {KEY_SQL}(word) AS word_key, id FROM ({words_select(kind)})"


def _v8_words(con: duckdb.DuckDBPyConnection) -> None:
    """Text search over evidence, articles and quotes (see words_select)."""
    con.execute("CREATE TABLE words (word VARCHAR NOT NULL, kind VARCHAR NOT NULL, id VARCHAR NOT NULL)")
    for kind in _WORD_SOURCES:
        con.execute(f"INSERT INTO words {words_select(kind)}")
    con.execute("CREATE INDEX words_word ON words (word)")


def _v9_batch_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Ingest asks for near-duplicate bands and merge candidates once per batch, joining the
    batch's keys (newsledger.store.lookups): hash joins, which these indexes do not serve.
    The word index cost most of every commit (some 200 new keys an article) and would
    outgrow memory at a million articles (200 million keys); a word is now found by a
    scan of the words table."""
    con.execute("DROP INDEX IF EXISTS article_bands_key")
    con.execute("DROP INDEX IF EXISTS mentions_match")
    con.execute("DROP INDEX IF EXISTS words_word")


# What /api/actors answers without an event filter, summed over every event: one row per
# (name, country, sector) instead of one per event, kept up to date by ingest
# (store.writer adds each batch's change in one MERGE). At a million articles the
# unfiltered actor list went from 1.2 s over event_actors to milliseconds.
ACTOR_TOTALS_COLUMNS = ("events", "as_actor", "as_recipient", "mentions", "actor_mentions", "recipient_mentions")


def actor_totals_select(source: str = "event_actors", sign: int = 1) -> str:
    """Per (name, country, sector) sums of `source`'s rollup rows, times `sign`."""
    return f"""
        SELECT name, country, sector,
            {sign} * count(*) AS events,
            {sign} * count(*) FILTER (WHERE actor_mentions > 0) AS as_actor,
            {sign} * count(*) FILTER (WHERE recipient_mentions > 0) AS as_recipient,
            {sign} * sum(mentions)::BIGINT AS mentions,
            {sign} * sum(actor_mentions)::BIGINT AS actor_mentions,
            {sign} * sum(recipient_mentions)::BIGINT AS recipient_mentions
        FROM {source}
    """


def _v10_actor_totals(con: duckdb.DuckDBPyConnection) -> None:
    """The actor totals (see ACTOR_TOTALS_COLUMNS)."""
    con.execute(f"CREATE TABLE actor_totals AS {actor_totals_select()} GROUP BY name, country, sector")


def _v11_word_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Text search scanned all 190 million (word, kind, id) rows of a million articles for
    each word (0.5-2 s, and a common word's quote search ran out of the server's memory);
    a table a kind of 64-bit word keys is scanned ten times faster (see WORD_SPLIT)."""
    for kind in WORD_KINDS:
        con.execute(f"CREATE TABLE {word_table(kind)} (word_key UBIGINT NOT NULL, id VARCHAR NOT NULL)")
        con.execute(f"INSERT INTO {word_table(kind)} SELECT {KEY_SQL}(word), id FROM words WHERE kind = ?", [kind])
    con.execute("DROP TABLE words")


def _v12_evidence_words(con: duckdb.DuckDBPyConnection) -> None:
    """The content words of each mention's evidence (store.merge.evidence_words), so a
    batch fetches only the stored mentions that may merge (merge.MAY_MERGE_SQL). Mentions
    stored before keep NULL, which passes that test: the merge rules weigh them in Python
    as before, so an old ledger merges exactly as a new one."""
    con.execute("ALTER TABLE mentions ADD COLUMN evidence_words VARCHAR")


Migration = tuple[int, str, Callable[[duckdb.DuckDBPyConnection], None]]

# Append only. Never edit or reorder a migration that has shipped.
MIGRATIONS: list[Migration] = [
    (1, "tables", _v1_tables),
    (2, "lookup indexes", _v2_lookup_indexes),
    (3, "article indexes", _v3_article_indexes),
    (4, "feed state", _v4_feed_state),
    (5, "event confidence", _v5_confidence),
    (6, "event actors", _v6_event_actors),
    (7, "entity resolution", _v7_entity_resolution),
    (8, "words", _v8_words),
    (9, "batch lookups", _v9_batch_lookups),
    (10, "actor totals", _v10_actor_totals),
    (11, "word keys", _v11_word_keys),
    (12, "evidence words", _v12_evidence_words),
]
LATEST = MIGRATIONS[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest migration applied; 0 for an empty database."""
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open on the connection.
    [(tables,)] = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchall()
    if not tables:
        return 0
    [(version,)] = con.execute("SELECT max(version) FROM schema_version").fetchall()
    return int(version or 0)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations the ledger lacks, in order; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    current = schema_version(con)
    if current > LATEST:
        raise LedgerError(
            f"ledger schema version {current} is newer than this newsledger knows ({LATEST}): upgrade newsledger"
        )
    applied = []
    for version, name, step in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            step(con)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_localtimestamp())", [version, name]
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


WRITER_CHECKPOINT = "512MiB"


def open_ledger(
    path: str | Path, read_only: bool = False, *, files: bool | None = None, config: Mapping[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Open (for writing: create and migrate) the ledger at `path`.

    Read-only connections also have external access switched off unless `files` is True,
    so a query cannot read or write other files (COPY TO, ATTACH, read_csv) either:
    `newsledger sql` and the HTTP API can hand them user SQL; export asks for files.
    `config`: DuckDB settings for the database (the server's memory_limit and threads).
    Raises LedgerError with a one-line message.
    """
    files = (not read_only) if files is None else files
    path = Path(path)
    if read_only and not path.exists():
        raise LedgerError(f"no ledger at {path}: create it with 'newsledger ingest --db {path} ...'")
    try:
        if read_only:
            locked = {} if files else {"enable_external_access": False, "autoload_known_extensions": False}
            con = duckdb.connect(str(path), read_only=True, config={**locked, **(config or {})})
        else:
            # A checkpoint folds the log into the file and costs about a second however little
            # the log holds: at the default 16 MiB it came every other batch of 1,000 articles.
            con = duckdb.connect(str(path), config={"checkpoint_threshold": WRITER_CHECKPOINT, **(config or {})})
    except duckdb.Error as exc:
        raise LedgerError(f"cannot open ledger {path}: {one_line(exc)}") from None
    try:
        if read_only:
            version = schema_version(con)
            if version != LATEST:
                raise LedgerError(
                    f"ledger {path} has schema version {version}, this newsledger reads {LATEST}: "
                    + ("open it for writing once (newsledger ingest --db ...) to migrate it" if version < LATEST
                       else "upgrade newsledger")
                )
        else:
            migrate(con)
            # Start from an empty write-ahead log: the schema and everything committed
            # before lives in the file, and the log holds only this session's batches.
            con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        con.close()
        raise LedgerError(f"cannot use ledger {path}: {one_line(exc)}") from None
    except LedgerError:
        con.close()
        raise
    return con


def one_line(exc: BaseException) -> str:
    """DuckDB messages can span lines (hints, carets); the CLI prints one line per error."""
    return " ".join(str(exc).split())
