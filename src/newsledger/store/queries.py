"""Read the ledger: events, one event with its mentions, quotes, actors, and raw SQL.

Why a function API returning plain dicts: the CLI and the HTTP API print the same rows,
so both call these and only format. Filters arrive validated (newsledger.store.filters);
the SQL text here is built only from fixed fragments, and every value is a bound
parameter. Lists page by keyset (the sort key of the last row, in an opaque token), so a
page is as cheap at row 1,000,000 as at row 1 and does not shift when rows are added.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import duckdb

from newsledger.nlp.search_words import word_key
from newsledger.store.filters import (
    ActorFilters,
    EventFilters,
    FilterError,
    ROLES,
    QuoteFilters,
    decode_token,
    encode_token,
)
from newsledger.store.schema import word_table

Row = dict[str, Any]
_FAR_FUTURE = "DATE '9999-12-31'"  # undated rows sort last

_EVENT_COLUMNS = """event_id, date, event_type, mode, context, quad_code, cameo, score, modality,
        actor, recipient, actor_countries, recipient_countries, location, doc_id, evidence, trigger,
        num_mentions, num_articles, num_sources, merge_rule, confidence"""
# A page is found by its keys alone, then its rows are read by id: the wide columns and the
# outlet of 50 events, not of every event the filters match (6x faster at a million events).
_EVENT_KEYS = "SELECT event_id, {key} AS sort_key FROM events e"
# Every column of the event table sorts on the server: name -> (SQL key, its Python type).
# Keys are never NULL (keyset pages compare them); undated events sort after dated ones.
EVENT_SORTS: dict[str, tuple[str, type]] = {
    "date": (f"coalesce(date_start, {_FAR_FUTURE})", dt.date),
    "type": ("event_type", str),
    "mode": ("array_to_string(mode, ',')", str),
    "modality": ("modality", str),
    "actor": ("array_to_string(actor_countries, ',')", str),
    "recipient": ("array_to_string(recipient_countries, ',')", str),
    "sources": ("num_sources", int),
    "confidence": ("coalesce(confidence, 0.0)", float),
    "outlet": ("coalesce((SELECT lower(a.outlet) FROM articles a WHERE a.doc_id = e.doc_id), '')", str),
    "evidence": ("left(coalesce(evidence, ''), 80)", str),  # a short key: page tokens stay small
}


def event_sort(sort: str | None) -> tuple[str, bool]:
    """`sort` as given (`date`, `-date` for newest first, ...): the column and whether descending."""
    text = (sort or "date").strip()
    name, descending = (text[1:], True) if text.startswith("-") else (text, False)
    if name not in EVENT_SORTS:
        raise FilterError(f"sort: {text[:30]!r} is not one of {', '.join(EVENT_SORTS)} (prefix - for descending)")
    return name, descending
_JSON_COLUMNS = frozenset({"actor", "recipient", "location", "record"})


def event_where(f: EventFilters, alias: str = "e") -> tuple[list[str], list[Any]]:
    """WHERE conditions for EventFilters on the events table under `alias`.

    Dates: an event matches `since` when its first possible day is on or after it and
    `until` when its last possible day is on or before it, so an event dated only
    "2021" is in 2021-01-01..2021-12-31 but not in 2021-06-01..2021-12-31."""
    where: list[str] = []
    params: list[Any] = []
    # one rule for a list: any of its values (a comma is OR), but `involving`, which is a pair
    for column, values in (("actor_countries", f.actor), ("recipient_countries", f.recipient), ("context", f.context)):
        if values:
            where.append(f"list_has_any({alias}.{column}, ?::VARCHAR[])")
            params.append(list(values))
    for code in f.involving:
        where.append(f"(list_contains({alias}.actor_countries, ?) OR list_contains({alias}.recipient_countries, ?))")
        params.extend([code, code])
    for column, values in (("event_type", f.event_type), ("modality", f.modality)):
        if values:  # a constant list: a filter in the scan, not a join
            where.append(f"{alias}.{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    if f.since:
        where.append(f"{alias}.date_start >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{alias}.date_end <= ?")
        params.append(f.until)
    if f.min_sources:
        where.append(f"{alias}.num_sources >= ?")
        params.append(f.min_sources)
    if f.min_mentions:
        where.append(f"{alias}.num_mentions >= ?")
        params.append(f.min_mentions)
    if f.min_confidence:
        where.append(f"{alias}.confidence >= ?")
        params.append(f.min_confidence)
    if f.doc_id:
        where.append(f"{alias}.event_id IN (SELECT event_id FROM mentions WHERE doc_id = ?)")
        params.append(f.doc_id)
    word_match(where, params, "event", f"{alias}.event_id", f.text)
    return where, params


def word_match(where: list[str], params: list[Any], kind: str, key: str, words: Sequence[str]) -> None:
    """`key` is the id of a row of `kind` whose text holds every word (schema.word_table)."""
    for word in words:
        where.append(f"{key} IN (SELECT id FROM {word_table(kind)} WHERE word_key = ?)")
        params.append(word_key(word))


def _after(columns: Sequence[str], values: Sequence[Any], descending: bool = False) -> tuple[str, list[Any]]:
    """Keyset condition: the row's (columns) sort strictly after (values)."""
    parts, params = [], []
    for i, column in enumerate(columns):
        conditions = [f"{c} = ?" for c in columns[:i]] + [f"{column} {'<' if descending else '>'} ?"]
        parts.append("(" + " AND ".join(conditions) + ")")
        params.extend([*values[:i], values[i]])
    return "(" + " OR ".join(parts) + ")", params


def _page(
    con: duckdb.DuckDBPyConnection,
    select: str,
    where: list[str],
    params: list[Any],
    sort: Sequence[str],
    kinds: tuple[type, ...],
    after: str | None,
    limit: int,
    descending: bool = False,
) -> tuple[list[Row], str | None]:
    """Run a keyset-paged query: rows (without the sort key columns) and the next token."""
    start = decode_token(after, kinds)
    if start is not None:
        condition, more = _after(sort, start, descending)
        where = [*where, condition]
        params = [*params, *more]
    sql = select + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY " + ", ".join(f"{c} DESC" if descending else c for c in sort) + " LIMIT ?"
    cursor = con.execute(sql, [*params, limit + 1])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    token = None
    if len(rows) > limit:
        rows = rows[:limit]
        token = encode_token([rows[-1][_sort_name(c)] for c in sort])
    for row in rows:
        for column in sort:
            name = _sort_name(column)
            if name.startswith("sort_"):
                row.pop(name)
    return [_decoded(row) for row in rows], token


def _sort_name(column: str) -> str:
    return column.split(".")[-1]


def _decoded(row: Row) -> Row:
    for key in _JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def query_events(
    con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, after: str | None = None, limit: int = 50,
    sort: str | None = None,
) -> tuple[list[Row], str | None]:
    """Events matching `filters`, by `sort` (see EVENT_SORTS; default date, undated last;
    `-date` newest first) then event_id. Returns the page and the token for the next one
    (None at the end); a token is good only for the sort it came from."""
    name, descending = event_sort(sort)
    key, kind = EVENT_SORTS[name]
    if name == "date" and descending:
        key = "coalesce(date_start, DATE '0001-01-01')"  # newest first, undated still last
    where, params = event_where(filters or EventFilters())
    signed = ("-" if descending else "") + name  # a token is good for its column and direction only
    if after:
        token = decode_token(after, (str, kind, str))
        if token[0] != signed:
            raise FilterError("after: a token from a page of another sort")
        after = encode_token(token[1:])
    keys, token = _page(con, _EVENT_KEYS.format(key=key), where, params, ("sort_key", "event_id"), (kind, str),
                        after, limit, descending)
    return events_by_id(con, [k["event_id"] for k in keys]), (
        encode_token([signed, *decode_token(token, (kind, str))]) if token else None)


def _by_key(con: duckdb.DuckDBPyConnection, table: str, key: str, columns: str, keys: Sequence[str]) -> dict[str, Row]:
    """Rows of `table` whose `key` is one of `keys`, by key. A constant IN list, so DuckDB
    reads them through the primary key instead of joining whole tables."""
    if not keys:
        return {}
    cursor = con.execute(f"SELECT {key} AS by_key, {columns} FROM {table} WHERE {key} IN ({','.join('?' * len(keys))})",
                         list(keys))
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names[1:], row[1:])) for row in cursor.fetchall()}


def _articles(con: duckdb.DuckDBPyConnection, rows: Iterable[Row], columns: str) -> dict[str, Row]:
    """`columns` of the articles these rows come from, by doc_id."""
    return _by_key(con, "articles", "doc_id", columns, sorted({row["doc_id"] for row in rows}))


def events_by_id(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[Row]:
    """The events with these ids, in that order, with their outlets."""
    found = _by_key(con, "events", "event_id", _EVENT_COLUMNS, event_ids)
    articles = _articles(con, found.values(), "outlet")
    out = []
    for event_id in event_ids:
        if event_id in found:
            row = _decoded(found[event_id])
            row["outlet"] = articles.get(row["doc_id"], {}).get("outlet")
            out.append(row)
    return out


def count_events(con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None) -> int:
    """How many events match `filters` (all pages together)."""
    where, params = event_where(filters or EventFilters())
    return con.execute("SELECT count(*) FROM events e" + (" WHERE " + " AND ".join(where) if where else ""),
                       params).fetchone()[0]


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> Row | None:
    """One event with its mentions (each with the record as coded), or None."""
    found = events_by_id(con, [event_id])
    if not found:
        return None
    event = found[0]
    event["mentions"] = event_mentions(con, event_id)
    return event


def event_mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[Row]:
    """Every report of an event: where it was said, by whom, and which rule merged it."""
    cursor = con.execute(
        """
        SELECT m.record_id, m.doc_id, m.outlet, m.published, m.date,
            m.evidence, m.evidence_start, m.evidence_end, m.trigger, m.trigger_start, m.trigger_end,
            m.merge_rule, m.matched_record, m.match_score, m.record_json AS record
        FROM mentions m
        WHERE m.event_id = ?
        ORDER BY m.published NULLS LAST, m.doc_id, m.evidence_start, m.record_id
        """,
        [event_id],
    )
    names = [d[0] for d in cursor.description]
    mentions = [_decoded(dict(zip(names, row))) for row in cursor.fetchall()]
    articles = _articles(con, mentions, "title, url, duplicate_of")
    out = []
    for m in mentions:
        article = articles.get(m["doc_id"], {})
        out.append({"record_id": m["record_id"], "doc_id": m["doc_id"], "title": article.get("title"), "outlet": m["outlet"],
                    "url": article.get("url"), **{k: m[k] for k in ("published", "date", "evidence", "evidence_start",
                                                                 "evidence_end", "trigger", "trigger_start", "trigger_end",
                                                                 "merge_rule", "matched_record", "match_score")},
                    "duplicate_of": article.get("duplicate_of"), "record": m["record"]})
    return out


_QUOTE_FIELDS = ("speaker_name", "speaker_country", "speaker_sector", "speaker_text", "speaker_resolution", "content",
                 "direct", "cue", "start_char", "end_char")
_QUOTE_COLUMNS = "doc_id, " + ", ".join(_QUOTE_FIELDS)
# As for events: the page's keys first, then 50 quotes and their articles by primary key.
_QUOTE_KEYS = f"""
    SELECT q.quote_id, q.doc_id, q.start_char, coalesce(a.published, {_FAR_FUTURE}) AS sort_date
    FROM quotes q JOIN articles a ON a.doc_id = q.doc_id
"""


def article_where(where: list[str], params: list[Any], since: dt.date | None, until: dt.date | None,
                  outlet: str | None, include_duplicates: bool) -> None:
    """Conditions on the article (alias `a`) shared by every article-level listing."""
    for condition, value in (("a.published >= ?", since), ("a.published <= ?", until), ("a.outlet_key = ?", outlet)):
        if value:
            where.append(condition)
            params.append(value)
    if not include_duplicates:
        where.append("a.duplicate_of IS NULL")


def query_quotes(
    con: duckdb.DuckDBPyConnection, filters: QuoteFilters | None = None, after: str | None = None, limit: int = 50
) -> tuple[list[Row], str | None]:
    """Quotes by publication date and position in the article. Quotes in near-duplicate
    articles (copies of a stored story) are left out unless `include_duplicates`."""
    f = filters or QuoteFilters()
    where: list[str] = []
    params: list[Any] = []
    if f.speaker:
        where.append("contains(lower(q.speaker_name), lower(?))")
        params.append(f.speaker)
    if f.country:
        where.append(f"q.speaker_country IN ({','.join('?' * len(f.country))})")
        params.extend(f.country)
    if f.doc_id:
        where.append("q.doc_id = ?")
        params.append(f.doc_id)
    article_where(where, params, f.since, f.until, f.outlet, f.include_duplicates)
    word_match(where, params, "quote", "q.quote_id", f.text)
    sort = ("sort_date", "q.doc_id", "q.start_char", "q.quote_id")
    keys, token = _page(con, _QUOTE_KEYS, where, params, sort, (dt.date, str, int, str), after, limit)
    return quotes_by_id(con, [k["quote_id"] for k in keys]), token


def quotes_by_id(con: duckdb.DuckDBPyConnection, quote_ids: Sequence[str]) -> list[Row]:
    """The quotes with these ids, in that order, with their articles' title, outlet, date."""
    found = _by_key(con, "quotes", "quote_id", _QUOTE_COLUMNS, quote_ids)
    articles = _articles(con, found.values(), "title, outlet, published, duplicate_of")
    out = []
    for quote_id in quote_ids:
        row = found.get(quote_id)
        if row is None:
            continue
        article = articles.get(row["doc_id"], {})
        out.append({"quote_id": quote_id, "doc_id": row["doc_id"], "title": article.get("title"),
                    "outlet": article.get("outlet"), "published": article.get("published"),
                    **{k: row[k] for k in _QUOTE_FIELDS}, "duplicate_of": article.get("duplicate_of")})
    return out


def query_actors(con: duckdb.DuckDBPyConnection, filters: ActorFilters | None = None, limit: int = 50) -> list[Row]:
    """Who appears most: entities (canonical name and country) by the number of distinct
    events they are actor or recipient in, with the split and the number of mentions.
    With a role, every figure counts that role only. Reads the per-event rollup
    (schema.event_actors_select), joined to events only when an event filter asks."""
    f = filters or ActorFilters()
    where, params = event_where(f.events, "ev")
    if not where:
        return _actor_totals(con, f, limit)
    source = "event_actors ea" + (" JOIN events ev ON ev.event_id = ea.event_id" if where else "")
    if f.country:
        where.append("ea.country IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(f.country))
    counted = {role: f"count(*) FILTER (WHERE ea.{role}_mentions > 0)" for role in ROLES}
    mentions = "sum(ea.mentions)"
    if f.role:  # one of ROLES, checked by actor_filters: safe to name a column by it
        where.append(f"ea.{f.role}_mentions > 0")
        counted = {role: expr if role == f.role else "0" for role, expr in counted.items()}
        mentions = f"sum(ea.{f.role}_mentions)"
    sql = f"""
        SELECT ea.name, ea.country, mode(ea.sector) AS sector, count(*) AS events,
            {counted['actor']} AS as_actor, {counted['recipient']} AS as_recipient,
            {mentions}::BIGINT AS mentions
        FROM {source}
    """
    return _ranked_actors(con, sql, where, params, "ea.", limit)


def _actor_totals(con: duckdb.DuckDBPyConnection, f: ActorFilters, limit: int) -> list[Row]:
    """query_actors without an event filter, from the totals ingest keeps (schema
    ACTOR_TOTALS_COLUMNS): the same figures; the sector is the one of most events."""
    where, params = [], []
    if f.country:
        where.append("country IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(f.country))
    figures = {"events": "sum(events)", "as_actor": "sum(as_actor)", "as_recipient": "sum(as_recipient)",
               "mentions": "sum(mentions)", "sector": "arg_max(sector, events)"}
    if f.role:  # one of ROLES, checked by actor_filters: safe to name a column by it
        where.append(f"as_{f.role} > 0")
        figures = {"events": f"sum(as_{f.role})", "as_actor": "0", "as_recipient": "0",
                   "mentions": f"sum({f.role}_mentions)", "sector": f"arg_max(sector, as_{f.role})"}
        figures[f"as_{f.role}"] = f"sum(as_{f.role})"
    sql = f"""
        SELECT name, country, {figures['sector']} AS sector, {figures['events']}::BIGINT AS events,
            {figures['as_actor']}::BIGINT AS as_actor, {figures['as_recipient']}::BIGINT AS as_recipient,
            {figures['mentions']}::BIGINT AS mentions
        FROM actor_totals
    """
    return _ranked_actors(con, sql, where, params, "", limit)


def _ranked_actors(con: duckdb.DuckDBPyConnection, select: str, where: list[str], params: list[Any],
                   alias: str, limit: int) -> list[Row]:
    """The `limit` actors with most events of `select` (name and country grouped)."""
    sql = select + (" WHERE " + " AND ".join(where) if where else "")
    sql += (f" GROUP BY {alias}name, {alias}country ORDER BY events DESC, mentions DESC, {alias}name, {alias}country"
            " LIMIT ?")
    cursor = con.execute(sql, [*params, limit])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


ACTOR_COLUMNS = ["name", "country", "sector", "events", "as_actor", "as_recipient", "mentions"]


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The columns a page of `table` (events, quotes, articles, actors) has, also when it
    has no rows: an empty CSV or Parquet page still says what it would hold."""
    if table == "actors":
        return list(ACTOR_COLUMNS)
    from newsledger.store.aggregates import _ARTICLE_SELECT  # the article listing lives with the aggregates

    if table == "events":
        return [c.strip() for c in _EVENT_COLUMNS.split(",")] + ["outlet"]
    if table == "quotes":
        return ["quote_id", "doc_id", "title", "outlet", "published", *_QUOTE_FIELDS, "duplicate_of"]
    names = [d[0] for d in con.execute(_ARTICLE_SELECT + " LIMIT 0").description]
    return [n for n in names if not n.startswith("sort_")]


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, batch: int = 1000) -> tuple[list[str], Iterator[Row]]:
    """Columns and rows of a user query. Give it a read-only ledger connection (as
    open_ledger(path, read_only=True) makes): the SQL is the user's own. Rows stream
    from a cursor of their own, so the connection stays usable meanwhile."""
    cursor = con.cursor().execute(sql)
    if cursor.description is None:
        return [], iter(())
    names = [d[0] for d in cursor.description]

    def rows() -> Iterator[Row]:
        while chunk := cursor.fetchmany(batch):
            for row in chunk:
                yield dict(zip(names, row))

    return names, rows()


def jsonable(value: Any) -> Any:
    """A DuckDB value as JSON can hold it (dates as ISO text, decimals as numbers)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


__all__ = [
    "FilterError",
    "event_mentions",
    "event_where",
    "get_event",
    "jsonable",
    "query_actors",
    "query_events",
    "count_events",
    "columns_of",
    "event_sort",
    "EVENT_SORTS",
    "query_quotes",
    "run_sql",
]
