"""Coded articles into the ledger: one transaction per batch, idempotent, crash-safe.

Why per batch: a batch is either wholly in the ledger or not at all, so a process killed
mid-ingest loses at most the batch in flight, and re-running the same inputs skips every
article already stored. An article is "already stored" when its text (sha256) and its
outlet are: the same text from the same outlet is the same article whatever its doc_id,
while the same wire text printed by another outlet is another source for its events and
is stored, linked to the first as its near-duplicate.

Each event record becomes a mention; a mention joins an existing event when a merge rule
(newsledger.store.merge) matches one of that event's mentions, else it starts a new event.
Rows are collected per batch (newsledger.store.batch) and written at its end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from newsledger.records import ArticleInput, CountRecord, EventRecord, InputError, QuoteRecord, to_dict
from newsledger.store import merge, similarity
from newsledger.store.batch import Batch, PendingMention
from newsledger.store.schema import EVENT_ACTORS_SELECT, WORD_KINDS, words_select

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
    rows = con.execute(
        "SELECT 1 FROM articles WHERE sha256 = ? AND outlet_key = ?", [sha256, outlet_key(outlet)]
    ).fetchall()  # fetchall, not fetchone: DuckDB 2 keeps a half-read result open
    return bool(rows)


def new_articles(
    con: duckdb.DuckDBPyConnection,
    articles: Iterable[ArticleInput],
    on_skip: Callable[[ArticleInput], None] | None = None,
) -> Iterator[ArticleInput]:
    """The articles not in the ledger yet, so a re-run does not parse them again."""
    for article in articles:
        if is_stored(con, text_sha256(article.text), article.outlet):
            if on_skip:
                on_skip(article)
            continue
        yield article


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
    stats = IngestStats()
    now = dt.datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        pending = Batch()
        for article, result in batch:
            _add_article(con, pending, article, result, now, stats)
        pending.write(con)
        _refresh_events(con, pending.touched)
        _index_words(con, pending.doc_ids)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return stats


def _add_article(
    con: duckdb.DuckDBPyConnection, pending: Batch, article: ArticleInput, result: Any, now: dt.datetime, stats: IngestStats
) -> None:
    record = result.article
    okey = outlet_key(article.outlet)
    if (record.sha256, okey) in pending.article_keys or is_stored(con, record.sha256, article.outlet):
        stats.skipped += 1
        return
    doc_id = _free_doc_id(con, pending, record.doc_id, record.sha256, okey)
    if doc_id != record.doc_id:
        result = _renamed(result, doc_id)
        record = result.article
        stats.renamed += 1
    duplicate_of, score, copied_source = _near_duplicate(con, pending, article.text, doc_id)
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
    stats.articles += 1
    event_of: dict[str, str] = {}
    for event in result.events:
        event_of[event.id] = _add_event(con, pending, event, record.outlet, published, set(event_of.values()), stats)
    for quote in result.quotes:
        pending.add("quotes", _quote_row(quote))
        stats.quotes += 1
    for count in result.counts:
        pending.add("counts", _count_row(count, event_of.get(count.event_ref or "")))
        stats.counts += 1


def _free_doc_id(con: duckdb.DuckDBPyConnection, pending: Batch, doc_id: str, sha256: str, okey: str) -> str:
    """`doc_id`, or a name derived from the content when another article holds it
    (two files called index.html, an updated story under its old id)."""
    names = [doc_id, f"{doc_id}~{sha256[:12]}", f"{doc_id}~{sha256[:12]}~{text_sha256(okey)[:8]}"]
    for name in names:
        if name not in pending.doc_ids and not con.execute("SELECT 1 FROM articles WHERE doc_id = ?", [name]).fetchall():
            return name
    raise RuntimeError(f"no free doc_id for {doc_id!r}")  # unreachable: (sha, outlet) is unique


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
        result, article=dataclasses.replace(result.article, doc_id=doc_id), events=events, quotes=quotes, counts=counts
    )


def _near_duplicate(
    con: duckdb.DuckDBPyConnection, pending: Batch, text: str, doc_id: str
) -> tuple[str | None, float | None, str | None]:
    """(first doc_id of the story, Jaccard, source_key) of the closest stored copy when it
    reaches the threshold, else Nones; records this article's bands either way."""
    shingles = similarity.shingles(text)
    keys = similarity.band_keys(similarity.minhash(shingles))
    others: dict[str, tuple[str | None, str, str]] = {
        other_id: (root, source_key, other_text)
        for other_id, root, source_key, other_text in con.execute(
            """
            SELECT doc_id, duplicate_of, source_key, text FROM articles
            WHERE doc_id IN (SELECT doc_id FROM article_bands WHERE band_key IN (SELECT unnest(?::BIGINT[])))
            """,
            [keys],
        ).fetchall()
    }
    for key in keys:
        for other_id in pending.bands.get(key, ()):
            others[other_id] = pending.texts[other_id]
    best: tuple[float, str, str] | None = None
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
    con: duckdb.DuckDBPyConnection,
    pending: Batch,
    event: EventRecord,
    outlet: str | None,
    published: dt.date | None,
    article_events: set[str],
    stats: IngestStats,
) -> str:
    """Add the mention (and its event when it starts one); return its event_id.
    `article_events`: events this article already reports, which it may not join again."""
    data = to_dict(event)
    key = merge.mention_key(data)
    candidates = [c for c in _candidates(con, key) + pending.candidates(key) if c.event_id not in article_events]
    match = merge.best_match(key, candidates)
    if match is None:
        event_id, rule = event.id, merge.FIRST
        pending.add("events", _event_row(data, key))
        stats.events += 1
    else:
        event_id, rule = match.event_id, match.rule
        stats.merged += 1
    evidence = data.get("evidence") or {}
    pending.add(
        "mentions",
        (
            event.id, event_id, event.doc_id, outlet, published, event.date, key.date_start, key.date_end,
            event.event_type, event.modality, key.match_key, key.trigger_stem, list(key.entity_names),
            list(event.context), evidence.get("text"), evidence.get("start"), evidence.get("end"),
            evidence.get("trigger"), evidence.get("trigger_start"), evidence.get("trigger_end"),
            rule, match.record_id if match else None, match.score if match else None,
            json.dumps(data, ensure_ascii=False), event.confidence,
        ),
    )
    pending.mentions[key.match_key].append(
        PendingMention(
            merge.Candidate(event.id, event_id, key.trigger, key.trigger_stem, key.entity_names, key.evidence),
            key.date_start,
            key.date_end,
        )
    )
    for role in ("actor", "recipient"):
        for entity in data[role]:
            pending.add(
                "entities",
                (event.id, event_id, event.doc_id, role, entity["name"], entity["country"],
                 entity["sector"], entity["text"], entity["start"], entity["end"], entity["resolution"]),
            )
    stats.mentions += 1
    pending.touched.add(event_id)
    return event_id


def _candidates(con: duckdb.DuckDBPyConnection, key: merge.MentionKey) -> list[merge.Candidate]:
    """Stored mentions with the same match_key and a compatible date."""
    sql = "SELECT record_id, event_id, trigger, trigger_stem, entity_names, evidence FROM mentions WHERE match_key = ? AND "
    window = key.window()
    if window is None:
        rows = con.execute(sql + "date_start IS NULL", [key.match_key]).fetchall()
    else:
        rows = con.execute(sql + "date_start <= ? AND date_end >= ?", [key.match_key, window[1], window[0]]).fetchall()
    return [merge.Candidate(*row) for row in rows]


def _event_row(data: dict[str, Any], key: merge.MentionKey) -> tuple[Any, ...]:
    """A new event, described by its first mention; counts are set by _refresh_events."""
    evidence = data.get("evidence") or {}
    location = data.get("location")
    return (
        data["id"], data["event_type"], data["modality"], list(data["mode"]), list(data["context"]),
        data["quad_code"], data["cameo"], data["score"], data["date"], key.date_start, key.date_end,
        merge.countries(data["actor"]), merge.countries(data["recipient"]),
        json.dumps(data["actor"], ensure_ascii=False), json.dumps(data["recipient"], ensure_ascii=False),
        json.dumps(location, ensure_ascii=False) if location else None,
        location["text"] if location else None,
        data["doc_id"], evidence.get("text"), evidence.get("trigger"), 1, 1, 1, None, data.get("confidence"),
    )


def _refresh_events(con: duckdb.DuckDBPyConnection, event_ids: set[str]) -> None:
    """Recount mentions, articles and sources of the events a batch touched, and rebuild
    their rows of the actor rollup.

    A source is an outlet; an article without one is its own source, and a copy without
    one belongs to the source of the article it copies. An article counts once per
    source: a near-duplicate adds an article only when its outlet differs."""
    if not event_ids:
        return
    con.execute(
        """
        UPDATE events SET num_mentions = s.num_mentions, num_articles = s.num_articles,
            num_sources = s.num_sources, context = s.context, merge_rule = s.merge_rule,
            confidence = s.confidence
        FROM (
            SELECT m.event_id,
                count(*) AS num_mentions,
                count(DISTINCT a.story || '|' || a.source_key) AS num_articles,
                count(DISTINCT a.source_key) AS num_sources,
                max(m.confidence) AS confidence,
                list_sort(list_distinct(flatten(list(m.context)))) AS context,
                string_agg(DISTINCT m.merge_rule, ',' ORDER BY m.merge_rule)
                    FILTER (WHERE m.merge_rule <> 'first') AS merge_rule
            FROM mentions m
            JOIN (SELECT doc_id, coalesce(duplicate_of, doc_id) AS story, source_key FROM articles) a
                ON a.doc_id = m.doc_id
            WHERE m.event_id IN (SELECT unnest(?::VARCHAR[]))
            GROUP BY m.event_id
        ) s
        WHERE events.event_id = s.event_id
        """,
        [sorted(event_ids)],
    )
    con.execute("DELETE FROM event_actors WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(event_ids)])
    con.execute(
        f"INSERT INTO event_actors {EVENT_ACTORS_SELECT} WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY event_id, name, country",
        [sorted(event_ids)],
    )


def _index_words(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> None:
    """Add the words of the batch's articles, their reports and quotes to the search index."""
    if not doc_ids:
        return
    for kind in WORD_KINDS:
        con.execute(f"INSERT INTO words {words_select(kind, 'doc_id IN (SELECT unnest(?::VARCHAR[]))')}", [sorted(doc_ids)])


def _quote_row(quote: QuoteRecord) -> tuple[Any, ...]:
    speaker = quote.speaker
    return (
        quote.id, quote.doc_id, quote.content, quote.start, quote.end, quote.direct, quote.cue,
        speaker.name if speaker else None, speaker.country if speaker else None,
        speaker.sector if speaker else None, speaker.text if speaker else None,
        quote.speaker_resolution, json.dumps(to_dict(quote), ensure_ascii=False),
    )


def _count_row(count: CountRecord, event_id: str | None) -> tuple[Any, ...]:
    return (
        count.id, count.doc_id, count.value, count.qualifier, count.unit, count.text,
        count.start, count.end, count.event_ref, event_id, json.dumps(to_dict(count), ensure_ascii=False),
    )


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
