"""Coded articles into the ledger: one transaction per batch, idempotent, crash-safe.

Why per batch: a batch is either wholly in the ledger or not at all, so a process killed
mid-ingest loses at most the batch in flight, and re-running the same inputs skips every
article already stored. An article is "already stored" when its text (sha256) and its
outlet are: the same text from the same outlet is the same article whatever its doc_id,
while the same wire text printed by another outlet is another source for its events and
is stored, linked to the first as its near-duplicate.

Each event record becomes a mention; a mention joins an existing event when a merge rule
(newsledger.store.merge) matches one of that event's mentions, else it starts a new event.
What the ledger already holds is asked once per batch (newsledger.store.lookups), the
near-duplicate band keys come computed from the coder, and rows are collected per batch
(newsledger.store.batch) and written at its end: no query per article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import json
from collections import deque
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from newsledger.records import ArticleInput, CountRecord, InputError, QuoteRecord, to_dict
from newsledger.nlp import similarity
from newsledger.store import lookups, merge
from newsledger.store.batch import COLUMNS, Batch, PendingMention
from newsledger.store.schema import ACTOR_TOTALS_COLUMNS, actor_totals_select, event_actors_select

DEFAULT_BATCH = 16


@dataclass(slots=True)
class IngestStats:
    """What an ingest did; `add` sums batches."""

    articles: int = 0  # stored
    skipped: int = 0  # already stored: same text and outlet
    near_duplicates: int = 0  # stored and linked to an earlier copy
    renamed: int = 0  # doc_id already taken by another article: stored as doc_id~sha
    events: int = 0  # new events
    mentions: int = 0  # event records stored
    merged: int = 0  # mentions that joined an existing event
    quotes: int = 0
    counts: int = 0

    def add(self, other: IngestStats) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


Coded = tuple[ArticleInput, Any]  # (the input, its pipeline Result)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def outlet_key(outlet: str | None) -> str:
    return " ".join((outlet or "").lower().split())


def is_stored(con: duckdb.DuckDBPyConnection, sha256: str, outlet: str | None) -> bool:
    return bool(lookups.stored_keys(con, [(sha256, outlet_key(outlet))]))


def new_articles(
    con: duckdb.DuckDBPyConnection,
    articles: Iterable[ArticleInput],
    on_skip: Callable[[ArticleInput], None] | None = None,
    chunk: int = 256,
) -> Iterator[ArticleInput]:
    """The articles not in the ledger yet, so a re-run does not parse them again (asked
    `chunk` articles at a time: one query, not one per article)."""
    waiting: list[ArticleInput] = []

    def drain() -> Iterator[ArticleInput]:
        keys = [(text_sha256(a.text), outlet_key(a.outlet)) for a in waiting]
        stored = lookups.stored_keys(con, keys)
        for article, key in zip(waiting, keys):
            if key in stored:
                if on_skip:
                    on_skip(article)
                continue
            yield article
        waiting.clear()

    for article in articles:
        waiting.append(article)
        if len(waiting) >= chunk:
            yield from drain()
    yield from drain()


def code_articles(pipeline: Any, articles: Iterable[ArticleInput], workers: int | None = None) -> Iterator[Coded | InputError]:
    """Pipeline results paired with their inputs (the store keeps the text, which a
    Result does not carry). Results come in input order, but an article too long for
    the model is reported early, so pairing is by (doc_id, sha256), not by position."""
    waiting: dict[tuple[str, str], deque[ArticleInput]] = {}

    def feed() -> Iterator[ArticleInput]:
        for article in articles:
            waiting.setdefault((article.doc_id, text_sha256(article.text)), deque()).append(article)
            yield article

    for result in pipeline.process_batch(feed(), workers=workers):
        if isinstance(result, InputError):
            yield result
            continue
        key = (result.article.doc_id, result.article.sha256)
        queue = waiting[key]
        article = queue.popleft()
        if not queue:
            del waiting[key]
        yield article, result


def ingest_results(
    con: duckdb.DuckDBPyConnection, coded: Iterable[Coded], batch_size: int = DEFAULT_BATCH
) -> Iterator[IngestStats]:
    """Store (input, Result) pairs, one transaction per `batch_size`; yield each batch's
    stats after its commit."""
    batch: list[Coded] = []
    for item in coded:
        batch.append(item)
        if len(batch) >= batch_size:
            yield ingest_batch(con, batch)
            batch = []
    if batch:
        yield ingest_batch(con, batch)


def ingest_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[Coded]) -> IngestStats:
    """Store a batch in one transaction: all of it, or (on any error) none of it."""
    with _no_cycle_collection():
        return _ingest_batch(con, batch)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A batch allocates a few hundred thousand short-lived objects that form no cycles;
    the cycle collector would walk the whole heap again and again meanwhile (a tenth of
    a second each time in a large process). Reference counting frees them all the same."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _ingest_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[Coded]) -> IngestStats:
    stats = IngestStats()
    now = dt.datetime.now()
    prepared = [_prepare(article, result) for article, result in batch]
    con.execute("BEGIN TRANSACTION")
    try:
        known = lookups.fetch(
            con,
            keys=((p.result.article.sha256, p.okey) for p in prepared),
            doc_ids=(name for p in prepared for name in p.names),
            bands=(band for p in prepared for band in p.bands),
            mentions=(key for p in prepared for key in p.keys),
        )
        pending = Batch()
        for item in prepared:
            _add_article(known, pending, item, now, stats)
        pending.write(con)
        _refresh_events(con, pending.touched)
        _add_event_actors(con, pending)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return stats


@dataclass(slots=True)
class _Prepared:
    """An article with what its lookups need, computed before the batch's queries."""

    article: ArticleInput
    result: Any
    okey: str
    names: list[str]  # doc_ids it may take, in order of preference
    bands: list[int]
    events: list[dict[str, Any]]  # the event records as dicts, in order
    keys: list[merge.MentionKey]  # one per event
    lines: list[str]  # the result's records as JSON lines (Result.record_lines)


def _prepare(article: ArticleInput, result: Any) -> _Prepared:
    record = result.article
    okey = outlet_key(article.outlet)
    bands = result.bands if result.bands is not None else similarity.signature_bands(article.text)
    events = [to_dict(event) for event in result.events]
    return _Prepared(
        article, result, okey, _doc_id_names(record.doc_id, record.sha256, okey), bands, events,
        [merge.mention_key(data) for data in events], result.record_lines(),
    )


def _add_article(known: lookups.Known, pending: Batch, item: _Prepared, now: dt.datetime, stats: IngestStats) -> None:
    article, result, okey = item.article, item.result, item.okey
    record = result.article
    if (record.sha256, okey) in pending.article_keys or (record.sha256, okey) in known.stored:
        stats.skipped += 1
        return
    doc_id = _free_doc_id(known, pending, item.names)
    events, lines = item.events, item.lines
    if doc_id != record.doc_id:
        result = _renamed(result, doc_id)
        record = result.article
        lines = result.record_lines()
        events = [to_dict(event) for event in result.events]
        stats.renamed += 1
    duplicate_of, score, copied_source = _near_duplicate(known, pending, article.text, doc_id, item.bands)
    stats.near_duplicates += duplicate_of is not None
    source_key = f"outlet:{okey}" if okey else copied_source or f"doc:{doc_id}"
    published = _iso(record.published)
    pending.add(
        "articles",
        (
            doc_id, article.doc_id, record.sha256, okey, source_key, record.title, record.outlet, record.url,
            record.author, published, record.language, record.chars, article.text,
            article.source, duplicate_of, score, len(result.events), len(result.quotes),
            len(result.counts), now,
        ),
    )
    pending.article_keys.add((record.sha256, okey))
    pending.doc_ids.add(doc_id)
    pending.texts[doc_id] = (duplicate_of, source_key, article.text)
    word_keys = result.search_keys(article.text)
    pending.add_words("article", doc_id, word_keys[0])
    stats.articles += 1
    event_of: dict[str, str] = {}
    event_lines = lines[1 : 1 + len(events)]
    event_keys = word_keys[1 : 1 + len(events)]
    for data, key, line, keys in zip(events, item.keys, event_lines, event_keys):
        event_id = _add_event(known, pending, data, key, line, record.outlet, published, set(event_of.values()), stats)
        pending.add_words("event", event_id, keys)
        event_of[data["id"]] = event_id
    quote_lines = lines[1 + len(events) : 1 + len(events) + len(result.quotes)]
    for quote, line, keys in zip(result.quotes, quote_lines, word_keys[1 + len(events) :]):
        pending.add("quotes", _quote_row(quote, line))
        pending.add_words("quote", quote.id, keys)
        stats.quotes += 1
    for count, line in zip(result.counts, lines[1 + len(events) + len(result.quotes) :]):
        pending.add("counts", _count_row(count, event_of.get(count.event_ref or ""), line))
        stats.counts += 1


def _doc_id_names(doc_id: str, sha256: str, okey: str) -> list[str]:
    """`doc_id`, then names derived from the content for when another article holds it
    (two files called index.html, an updated story under its old id)."""
    return [doc_id, f"{doc_id}~{sha256[:12]}", f"{doc_id}~{sha256[:12]}~{text_sha256(okey)[:8]}"]


def _free_doc_id(known: lookups.Known, pending: Batch, names: list[str]) -> str:
    for name in names:
        if name not in pending.doc_ids and name not in known.taken:
            return name
    raise RuntimeError(f"no free doc_id for {names[0]!r}")  # unreachable: (sha, outlet) is unique


def _renamed(result: Any, doc_id: str) -> Any:
    """The result under a new doc_id, record ids re-derived from it (they embed the doc_id,
    so they would clash with the first article's)."""
    ids: dict[str, str] = {}

    def new_id(old: str) -> str:
        return ids.setdefault(old, hashlib.sha1(f"{doc_id}|{old}".encode()).hexdigest()[:16])

    events = [dataclasses.replace(e, id=new_id(e.id), doc_id=doc_id) for e in result.events]
    quotes = [dataclasses.replace(q, id=new_id(q.id), doc_id=doc_id) for q in result.quotes]
    counts = [
        dataclasses.replace(c, id=new_id(c.id), doc_id=doc_id, event_ref=new_id(c.event_ref) if c.event_ref else None)
        for c in result.counts
    ]
    return dataclasses.replace(
        result, article=dataclasses.replace(result.article, doc_id=doc_id), events=events, quotes=quotes, counts=counts,
        lines=None,  # the coder's lines name the old ids
    )


def _near_duplicate(
    known: lookups.Known, pending: Batch, text: str, doc_id: str, keys: list[int]
) -> tuple[str | None, float | None, str | None]:
    """(first doc_id of the story, Jaccard, source_key) of the closest stored copy when it
    reaches the threshold, else Nones; records this article's bands either way."""
    others: dict[str, tuple[str | None, str, str]] = {}
    for key in keys:
        for other_id in known.band_docs.get(key, ()):
            if other_id in known.texts:  # a band row without its article is no copy
                others[other_id] = known.texts[other_id]
        for other_id in pending.bands.get(key, ()):
            others[other_id] = pending.texts[other_id]
    best: tuple[float, str, str] | None = None
    if others:
        shingles = similarity.shingles(text)
        for other_id in sorted(others):
            root, source_key, other_text = others[other_id]
            score = similarity.jaccard(shingles, similarity.shingles(other_text))
            if score >= similarity.THRESHOLD and (best is None or score > best[0]):
                best = (score, root or other_id, source_key)
    for key in keys:
        pending.add("article_bands", (key, doc_id))
        pending.bands[key].append(doc_id)
    return (best[1], round(best[0], 4), best[2]) if best else (None, None, None)


def _add_event(
    known: lookups.Known,
    pending: Batch,
    data: dict[str, Any],
    key: merge.MentionKey,
    line: str,
    outlet: str | None,
    published: dt.date | None,
    article_events: set[str],
    stats: IngestStats,
) -> str:
    """Add the mention (and its event when it starts one); return its event_id.
    `article_events`: events this article already reports, which it may not join again."""
    stored = known.candidates.get(key, [])
    candidates = [c for c in stored + pending.candidates(key) if c.event_id not in article_events]
    match = merge.best_match(key, candidates)
    if match is None:
        event_id, rule = data["id"], merge.FIRST
        pending.add("events", _event_row(data, key))
        stats.events += 1
    else:
        event_id, rule = match.event_id, match.rule
        stats.merged += 1
    evidence = data.get("evidence") or {}
    pending.add(
        "mentions",
        (
            data["id"], event_id, data["doc_id"], outlet, published, data["date"], key.date_start, key.date_end,
            data["event_type"], data["modality"], key.match_key, key.trigger_stem, list(key.entity_names),
            list(data["context"]), evidence.get("text"), evidence.get("start"), evidence.get("end"),
            evidence.get("trigger"), evidence.get("trigger_start"), evidence.get("trigger_end"),
            rule, match.record_id if match else None, match.score if match else None,
            line, data["confidence"], merge.evidence_words(key.evidence),
        ),
    )
    pending.mentions[key.match_key].append(
        PendingMention(
            merge.Candidate(data["id"], event_id, key.trigger, key.trigger_stem, key.entity_names, key.evidence),
            key.date_start,
            key.date_end,
        )
    )
    for role in ("actor", "recipient"):
        for entity in data[role]:
            pending.add(
                "entities",
                (data["id"], event_id, data["doc_id"], role, entity["name"], entity["country"],
                 entity["sector"], entity["text"], entity["start"], entity["end"], entity["resolution"]),
            )
    stats.mentions += 1
    if match is None:
        pending.fresh.add(event_id)
    else:
        pending.touched.add(event_id)
    return event_id


def _event_row(data: dict[str, Any], key: merge.MentionKey) -> tuple[Any, ...]:
    """A new event, described by its first mention, with the counts of one mention (what
    _refresh_events would compute; it recounts the event when another mention joins)."""
    evidence = data.get("evidence") or {}
    location = data.get("location")
    return (
        data["id"], data["event_type"], data["modality"], list(data["mode"]), sorted(set(data["context"])),
        data["quad_code"], data["cameo"], data["score"], data["date"], key.date_start, key.date_end,
        merge.countries(data["actor"]), merge.countries(data["recipient"]),
        json.dumps(data["actor"], ensure_ascii=False), json.dumps(data["recipient"], ensure_ascii=False),
        json.dumps(location, ensure_ascii=False) if location else None,
        location["text"] if location else None,
        data["doc_id"], evidence.get("text"), evidence.get("trigger"), 1, 1, 1, None, data.get("confidence"),
    )


def _add_event_actors(con: duckdb.DuckDBPyConnection, pending: Batch) -> None:
    """The actor rollup of the events that start and end the batch with one mention: their
    event rows are final already (one mention, article and source), so only their rollup
    rows are added, from the batch's own entity rows rather than a scan of the table."""
    fresh = pending.fresh - pending.touched
    position = {name: i for i, (name, _) in enumerate(COLUMNS["entities"])}
    rows = [row for row in pending.rows["entities"] if row[position["event_id"]] in fresh]
    if not rows:
        return
    names = ("record_id", "event_id", "role", "name", "country", "sector")
    columns = {name: [row[position[name]] for row in rows] for name in names}
    with lookups.registered(con, "_fresh_entities", columns):
        source = "(SELECT " + ", ".join(f"{name}::VARCHAR AS {name}" for name in names) + " FROM _fresh_entities)"
        con.execute(f"INSERT INTO event_actors {event_actors_select(source)} GROUP BY event_id, name, country")
        _add_actor_totals(con, f"({event_actors_select(source)} GROUP BY event_id, name, country)", [], sign=1)


def _refresh_events(con: duckdb.DuckDBPyConnection, event_ids: set[str]) -> None:
    """Recount mentions, articles and sources of the events a batch merged a mention into,
    and rebuild their rows of the actor rollup.

    A source is an outlet; an article without one is its own source, and a copy without
    one belongs to the source of the article it copies. An article counts once per
    source: a near-duplicate adds an article only when its outlet differs.

    The ids go in as a list of constants (`IN (?, ?, ...)`), which DuckDB answers from the
    event_id indexes; a joined list is a scan of the whole table, 30 times slower at a
    million articles."""
    if not event_ids:
        return
    ids = sorted(event_ids)
    among = f"event_id IN ({', '.join('?' * len(ids))})"
    mentions = con.execute(
        f"SELECT event_id, doc_id, confidence, context, merge_rule FROM mentions WHERE {among}", ids
    ).fetchall()
    docs = sorted({row[1] for row in mentions})
    articles = con.execute(
        "SELECT doc_id, coalesce(duplicate_of, doc_id) AS story, source_key FROM articles "
        f"WHERE doc_id IN ({', '.join('?' * len(docs))})", docs
    ).fetchall()
    m_columns = ("event_id", "doc_id", "confidence", "context", "merge_rule")
    with lookups.registered(con, "_touched_mentions", {c: [r[i] for r in mentions] for i, c in enumerate(m_columns)}), \
            lookups.registered(con, "_touched_articles", {c: [r[i] for r in articles] for i, c in enumerate(("doc_id", "story", "source_key"))}):
        con.execute(
            f"""
            UPDATE events SET num_mentions = s.num_mentions, num_articles = s.num_articles,
                num_sources = s.num_sources, context = s.context, merge_rule = s.merge_rule,
                confidence = s.confidence
            FROM (
                SELECT m.event_id::VARCHAR AS event_id,
                    count(*) AS num_mentions,
                    count(DISTINCT a.story || '|' || a.source_key) AS num_articles,
                    count(DISTINCT a.source_key) AS num_sources,
                    max(m.confidence::DOUBLE) AS confidence,
                    list_sort(list_distinct(flatten(list(m.context::VARCHAR[])))) AS context,
                    string_agg(DISTINCT m.merge_rule::VARCHAR, ',' ORDER BY m.merge_rule::VARCHAR)
                        FILTER (WHERE m.merge_rule <> 'first') AS merge_rule
                FROM _touched_mentions m JOIN _touched_articles a ON a.doc_id = m.doc_id
                GROUP BY m.event_id
            ) s
            WHERE events.event_id = s.event_id AND events.{among}
            """,
            ids,
        )
    _add_actor_totals(con, f"(SELECT * FROM event_actors WHERE {among})", ids, sign=-1)
    con.execute(f"DELETE FROM event_actors WHERE {among}", ids)
    con.execute(f"INSERT INTO event_actors {event_actors_select()} WHERE {among} GROUP BY event_id, name, country", ids)
    _add_actor_totals(con, f"(SELECT * FROM event_actors WHERE {among})", ids, sign=1)


def _add_actor_totals(con: duckdb.DuckDBPyConnection, rows: str, params: list[Any], sign: int) -> None:
    """Add (sign 1) or take away (-1) the rollup rows `rows` to the actor totals; a total
    that falls to no events goes."""
    counts = ACTOR_TOTALS_COLUMNS
    con.execute(
        f"""
        MERGE INTO actor_totals t
        USING ({actor_totals_select(rows, sign)} GROUP BY name, country, sector) d
        ON t.name IS NOT DISTINCT FROM d.name AND t.country IS NOT DISTINCT FROM d.country
            AND t.sector IS NOT DISTINCT FROM d.sector
        WHEN MATCHED AND t.events + d.events = 0 THEN DELETE
        WHEN MATCHED THEN UPDATE SET {", ".join(f"{c} = t.{c} + d.{c}" for c in counts)}
        WHEN NOT MATCHED THEN INSERT (name, country, sector, {", ".join(counts)})
            VALUES (d.name, d.country, d.sector, {", ".join(f"d.{c}" for c in counts)})
        """,
        params,
    )


def _quote_row(quote: QuoteRecord, line: str) -> tuple[Any, ...]:
    speaker = quote.speaker
    return (
        quote.id, quote.doc_id, quote.content, quote.start, quote.end, quote.direct, quote.cue,
        speaker.name if speaker else None, speaker.country if speaker else None,
        speaker.sector if speaker else None, speaker.text if speaker else None,
        quote.speaker_resolution, line,
    )


def _count_row(count: CountRecord, event_id: str | None, line: str) -> tuple[Any, ...]:
    return (
        count.id, count.doc_id, count.value, count.qualifier, count.unit, count.text,
        count.start, count.end, count.event_ref, event_id, line,
    )


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
