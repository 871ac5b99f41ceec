"""Ledger reads the HTTP API needs beyond newsledger.store.queries: articles with the
offsets of everything coded in them, event counts per period, the actor -> recipient
network, and quotes by outlet.

Why a module of its own: the filters mean exactly what they mean for `query_events`
(the same WHERE builder, `event_where`, and the same keyset pages, `_page`), so a
timeline or a network drawn with `type=SANCTION&actor=CHN` counts the events that
`GET /api/events` with those parameters lists. As in queries.py, SQL text is built only
from fixed fragments (the interval and grouping come from the fixed tables below, chosen
by validated names) and every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from newsledger.nlp.ontology import EVENT_TYPES
from newsledger.store.filters import EventFilters, FilterError, decode_token, encode_token, parse_date, search_words
from newsledger.store.filters import limit as page_limit
from newsledger.store.queries import _decoded, _page, article_where, event_where, word_match
from newsledger.store.writer import outlet_key

Row = dict[str, Any]
_FAR_FUTURE = "DATE '9999-12-31'"

# --- timeline -------------------------------------------------------------------------

# interval name -> the date_trunc part (fixed SQL fragments, never user text)
INTERVALS = {"day": "day", "week": "week", "month": "month"}
# grouping name -> the SQL expression of its key
GROUPS = {"type": "e.event_type", "quad": "e.quad_code"}
QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    interval: str = "week"
    by: str | None = None


def timeline_options(interval: str | None = None, by: str | None = None) -> TimelineOptions:
    """Validated timeline options; FilterError names the bad one."""
    interval = (interval or "week").strip().lower()
    if interval not in INTERVALS:
        raise FilterError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    group = (by or "").strip().lower() or None
    if group is not None and group not in GROUPS:
        raise FilterError(f"by: {group!r} is not one of {', '.join(GROUPS)}")
    return TimelineOptions(interval, group)


def _group_key(by: str | None, value: Any) -> str:
    if by == "quad":
        return QUADS.get(value, str(value))
    return str(value)


def timeline(
    con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, options: TimelineOptions | None = None
) -> Row:
    """Events matching `filters` counted per period (day, ISO week starting Monday, or
    month), optionally split by event type or quad class.

    An event falls in the period of its date when its whole date range does: an event
    dated only "2021-12" is in December's month but in no day or week, and is counted
    under `imprecise` for those intervals instead of being piled onto the 1st. Events
    without a date are counted under `undated`."""
    options = options or TimelineOptions()
    part = INTERVALS[options.interval]
    key_sql = GROUPS[options.by] if options.by else "NULL"
    where, params = event_where(filters or EventFilters())
    sql = f"""
        SELECT
            CASE WHEN e.date_start IS NULL THEN 'undated'
                 WHEN date_trunc('{part}', e.date_start) = date_trunc('{part}', coalesce(e.date_end, e.date_start))
                 THEN 'dated' ELSE 'imprecise' END AS status,
            CASE WHEN e.date_start IS NOT NULL
                 AND date_trunc('{part}', e.date_start) = date_trunc('{part}', coalesce(e.date_end, e.date_start))
                 THEN date_trunc('{part}', e.date_start)::DATE END AS period,
            {key_sql} AS key,
            count(*) AS n
        FROM events e
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY ALL
        ORDER BY period NULLS LAST, key
    """
    periods: dict[dt.date, Row] = {}
    undated = imprecise = total = 0
    keys: set[str] = set()
    for status, period, key, n in con.execute(sql, params).fetchall():
        total += n
        if status == "undated":
            undated += n
        elif status == "imprecise":
            imprecise += n
        else:
            slot = periods.setdefault(period, {"period": period, "total": 0, "counts": {}})
            slot["total"] += n
            if options.by:
                name = _group_key(options.by, key)
                slot["counts"][name] = slot["counts"].get(name, 0) + n
                keys.add(name)
    if options.by == "type":
        ordered = [k for k in EVENT_TYPES if k in keys]
    elif options.by == "quad":
        ordered = [v for v in QUADS.values() if v in keys]
    else:
        ordered = []
    rows = []
    for slot in periods.values():
        if not options.by:
            del slot["counts"]
        rows.append(slot)
    return {
        "interval": options.interval,
        "by": options.by,
        "keys": ordered,
        "periods": rows,
        "total": total,
        "undated": undated,
        "imprecise": imprecise,
    }


# --- network --------------------------------------------------------------------------

NETWORK_LIMIT = 500


def network(
    con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, limit: int = NETWORK_LIMIT
) -> Row:
    """Actor country -> recipient country edges of the events matching `filters`: the
    number of events with that pair, their mean score (Goldstein-like, -10..+10) and
    their mentions, busiest edges first. An event with two actor countries and one
    recipient country adds to two edges; an event without an actor or a recipient
    country adds to none. Domestic pairs (CHN -> CHN) are kept."""
    where, params = event_where(filters or EventFilters())
    where = [*where, "len(e.actor_countries) > 0", "len(e.recipient_countries) > 0"]
    sql = f"""
        WITH pairs AS (
            SELECT p.source, unnest(p.recipient_countries) AS target, p.score, p.num_mentions
            FROM (
                SELECT unnest(e.actor_countries) AS source, e.recipient_countries, e.score, e.num_mentions
                FROM events e WHERE {" AND ".join(where)}
            ) p
        )
        SELECT source, target, count(*) AS events, round(avg(score), 3) AS mean_score,
            sum(num_mentions)::BIGINT AS mentions, count(*) OVER () AS edges
        FROM pairs
        GROUP BY source, target
        ORDER BY events DESC, source, target
        LIMIT ?
    """
    rows = con.execute(sql, [*params, limit]).fetchall()
    edges = [
        {"source": s, "target": t, "events": n, "mean_score": score, "mentions": m}
        for s, t, n, score, m, _ in rows
    ]
    found = rows[0][5] if rows else 0
    return {"edges": edges, "edge_count": found, "truncated": found > len(edges)}


# --- articles -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """Validated filters for `query_articles`; dates bound the publication date, `outlet`
    matches the outlet name in any case and spacing."""

    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    include_duplicates: bool = True
    text: tuple[str, ...] = ()  # words every match holds in its title or text
    events: EventFilters | None = None  # only articles that report an event these select
    newest_first: bool = False


def article_filters(
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    outlet: str | None = None,
    include_duplicates: bool = True,
    text: str | None = None,
    events: EventFilters | None = None,
    sort: str | None = None,
) -> ArticleFilters:
    if sort not in (None, "", "published", "-published"):
        raise FilterError(f"sort: {str(sort)[:30]!r} is not published or -published (newest first)")
    filters = ArticleFilters(
        since=parse_date(since, "since"),
        until=parse_date(until, "until", last=True),
        outlet=outlet_key(outlet) or None,
        include_duplicates=bool(include_duplicates),
        text=search_words(text),
        events=events if events is not None and events != EventFilters() else None,
        newest_first=sort == "-published",
    )
    if filters.since and filters.until and filters.since > filters.until:
        raise FilterError(f"since {filters.since} is after until {filters.until}")
    return filters


_ARTICLE_COLUMNS = """a.doc_id, a.title, a.outlet, a.url, a.author, a.published, a.language, a.chars,
    a.duplicate_of, a.similarity, a.num_events, a.num_quotes, a.num_counts, a.source, a.ingested_at"""
_ARTICLE_SELECT = f"""
    SELECT {_ARTICLE_COLUMNS}, coalesce(a.published, {_FAR_FUTURE}) AS sort_date
    FROM articles a
"""


def query_articles(
    con: duckdb.DuckDBPyConnection, filters: ArticleFilters | None = None, after: str | None = None, limit: int = 50
) -> tuple[list[Row], str | None]:
    """Articles (without their text) by publication date and doc_id (newest first if
    asked), undated last; the page and the token for the next one (None at the end)."""
    f = filters or ArticleFilters()
    where: list[str] = []
    params: list[Any] = []
    article_where(where, params, f.since, f.until, f.outlet, f.include_duplicates)
    word_match(where, params, "article", "a.doc_id", f.text)
    if f.events is not None:
        chosen, more = event_where(f.events, "e")
        where.append("a.doc_id IN (SELECT m.doc_id FROM mentions m JOIN events e ON e.event_id = m.event_id"
                     + (" WHERE " + " AND ".join(chosen) if chosen else "") + ")")
        params += more
    select = _ARTICLE_SELECT.replace(_FAR_FUTURE, "DATE '0001-01-01'") if f.newest_first else _ARTICLE_SELECT
    if f.newest_first:  # its tokens say so: one of the other order is refused, not misread
        if after:
            token = decode_token(after, (str, dt.date, str))
            if token[0] != "-published":
                raise FilterError("after: a token from a page of another sort")
            after = encode_token(token[1:])
        rows, token = _page(con, select, where, params, ("sort_date", "a.doc_id"), (dt.date, str), after, limit, True)
        return rows, (encode_token(["-published", *decode_token(token, (dt.date, str))]) if token else None)
    return _page(con, select, where, params, ("sort_date", "a.doc_id"), (dt.date, str), after, limit)


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def get_article(con: duckdb.DuckDBPyConnection, doc_id: str) -> Row | None:
    """One article with its text and, as character offsets into that text, the event
    records coded in it (evidence sentence and trigger, with the merged event each one
    belongs to), their actor and recipient entities, its quotes and its counts; None
    when there is no such article. `text[start:end]` gives back each span."""
    found = _rows(con.execute(f"SELECT {_ARTICLE_COLUMNS}, a.text FROM articles a WHERE a.doc_id = ?", [doc_id]))
    if not found:
        return None
    article = found[0]
    events = _rows(
        con.execute(
            """
            SELECT m.record_id, m.event_id, m.event_type, m.modality, m.date, m.context,
                m.evidence, m.evidence_start, m.evidence_end, m.trigger, m.trigger_start, m.trigger_end,
                m.merge_rule, e.num_mentions, e.num_sources
            FROM mentions m JOIN events e ON e.event_id = m.event_id
            WHERE m.doc_id = ?
            ORDER BY m.evidence_start NULLS LAST, m.trigger_start NULLS LAST, m.record_id
            """,
            [doc_id],
        )
    )
    entities = _rows(
        con.execute(
            """
            SELECT record_id, event_id, role, name, country, sector, resolution, text, start_char AS start, end_char AS "end"
            FROM entities WHERE doc_id = ?
            ORDER BY start_char NULLS LAST, end_char, record_id, role, name, country, sector, resolution, text
            """,
            [doc_id],
        )
    )
    quotes = _rows(
        con.execute(
            """
            SELECT quote_id, content, start_char AS start, end_char AS "end", direct, cue,
                speaker_name, speaker_country, speaker_sector, speaker_text, speaker_resolution,
                record_json AS record
            FROM quotes WHERE doc_id = ?
            ORDER BY start_char NULLS LAST, quote_id
            """,
            [doc_id],
        )
    )
    counts = _rows(
        con.execute(
            """
            SELECT count_id, value, qualifier, unit, text, start_char AS start, end_char AS "end",
                event_ref, event_id
            FROM counts WHERE doc_id = ?
            ORDER BY start_char NULLS LAST, count_id
            """,
            [doc_id],
        )
    )
    for quote in quotes:
        record = _decoded(quote).pop("record")
        quote["speaker"] = record.get("speaker")
    return {"article": article, "events": events, "entities": entities, "quotes": quotes, "counts": counts}


def event_counts(con: duckdb.DuckDBPyConnection, event_id: str) -> list[Row]:
    """The counts ("nine lawmakers") tied to any mention of an event."""
    return _rows(
        con.execute(
            """
            SELECT count_id, doc_id, value, qualifier, unit, text, start_char AS start, end_char AS "end", event_ref
            FROM counts WHERE event_id = ?
            ORDER BY doc_id, start_char NULLS LAST, count_id
            """,
            [event_id],
        )
    )


# --- quotes by outlet -----------------------------------------------------------------


# --- misc -----------------------------------------------------------------------------


def flag(value: str | bool | None, name: str) -> bool:
    """A yes/no query parameter: true/false, 1/0, yes/no (absent or empty: False)."""
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise FilterError(f"{name}: {value!r} is not true or false")


def network_limit(value: int | str | None) -> int:
    return page_limit(value, default=NETWORK_LIMIT)


def ledger_stats(con: duckdb.DuckDBPyConnection) -> Row:
    """Row counts of the main tables and the span of event dates."""
    [(articles, events, mentions, quotes, counts, first, last)] = con.execute(
        """
        SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),
            (SELECT count(*) FROM quotes), (SELECT count(*) FROM counts),
            (SELECT min(date_start) FROM events), (SELECT max(date_end) FROM events)
        """
    ).fetchall()
    return {
        "articles": articles, "events": events, "mentions": mentions, "quotes": quotes, "counts": counts,
        "first_date": first, "last_date": last,
    }


__all__ = [
    "GROUPS",
    "INTERVALS",
    "NETWORK_LIMIT",
    "QUADS",
    "ArticleFilters",
    "TimelineOptions",
    "article_filters",
    "event_counts",
    "flag",
    "get_article",
    "ledger_stats",
    "network",
    "network_limit",
    "query_articles",
    "timeline",
    "timeline_options",
]
