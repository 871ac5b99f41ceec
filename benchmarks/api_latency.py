"""Latency of the HTTP API's main queries on a synthetic ledger of 1,000,000 events.

    .venv/bin/python benchmarks/api_latency.py                 # build (once) and measure
    .venv/bin/python benchmarks/api_latency.py --events 200000 --requests 50 --rebuild

The ledger is made with DuckDB SQL (range/random, not the NLP pipeline) in the store's
own schema: `open_ledger` creates and migrates the file, so the tables and indexes are
the ones `newsledger ingest` writes. Distributions are news-like: actor and recipient
countries Zipf-like over 60 ISO codes (rank k drawn with probability ~ 1/k), event types
weighted as wire news reports them (consultations, accusations and assaults common, aid
and concessions rare), dates over the five years 2020-2024 (85% to the day, 10% to the
month, 3% to the year, 2% undated), 1-20 mentions per event (power law, mean ~2.7),
0-2 contexts, one actor country in 85% of events and two in 10%.

Each query kind is timed twice, each over the same `--requests` parameter sets:
- HTTP: through the real server (`newsledger serve`, read-only, in a subprocess) with a
  keep-alive stdlib client, from sending the request to reading the whole body;
- in-process: the store query function alone on a read-only connection (no HTTP, no
  JSON), which says how much of the time is the query itself.
The table goes to stdout and to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable

import duckdb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from newsledger.nlp.ontology import EVENT_TYPES  # noqa: E402
from newsledger.nlp.search_words import words_of  # noqa: E402
from newsledger.store import (  # noqa: E402
    actor_filters, event_filters, get_event, open_ledger, query_actors, query_events, query_quotes, quote_filters,
)
from newsledger.store import aggregates  # noqa: E402
from newsledger.store.filters import known_contexts  # noqa: E402
from newsledger.store.schema import actor_totals_select, event_actors_select  # noqa: E402

# 60 ISO alpha-3 codes, by how often news names them (rank 1 most often).
COUNTRIES = (
    "USA CHN RUS GBR UKR FRA DEU IND ISR IRN JPN TUR KOR PRK SAU PAK AUS CAN ITA BRA "
    "SYR AFG IRQ EGY POL TWN MEX ESP NLD VNM PHL IDN ZAF NGA KEN ETH SDN LBY YEM QAT "
    "ARE BLR VEN CUB COL ARG CHL MMR THA MYS SGP BGD LKA NPL SWE NOR FIN DNK BEL CHE"
).split()
# Event types with news-like weights (per 100 events).
TYPE_WEIGHTS = {
    "CONSULT": 16, "ACCUSE": 12, "ASSAULT": 10, "AGREE": 10, "COERCE": 8, "REQUEST": 8, "SUPPORT": 6,
    "PROTEST": 6, "REJECT": 5, "THREATEN": 5, "SANCTION": 4, "COOPERATE": 3, "MOBILIZE": 2, "AID": 2,
    "CONCEDE": 2, "RETREAT": 1,
}
OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
TARGETS = {"events": 100.0, "event": 100.0, "timeline": 500.0, "network": 500.0, "article": None,
           "actors": 300.0, "quotes": 100.0, "articles": 100.0, "stats": 300.0}
LOAD_TARGET = 300.0  # p95 of every query kind with --clients > 1 (issue 14)


# --- the synthetic ledger -------------------------------------------------------------


def build(db: Path, events: int) -> dict[str, Any]:
    """Create the ledger with the store's schema and fill it with SQL; return row counts."""
    db.parent.mkdir(parents=True, exist_ok=True)
    final, db = db, db.with_name(db.name + ".building")  # renamed when complete
    for path in (final, db):
        for suffix in ("", ".wal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    con = open_ledger(db)  # the store's migrations: tables and indexes as ingest has them
    articles = max(1000, events // 4)
    bag = [t for t, w in TYPE_WEIGHTS.items() for _ in range(w)]
    assert set(TYPE_WEIGHTS) == set(EVENT_TYPES)
    con.execute("CREATE TEMP TABLE k AS SELECT ?::VARCHAR[] AS codes, ?::VARCHAR[] AS types, "
                "?::VARCHAR[] AS contexts, ?::VARCHAR[] AS outlets",
                [COUNTRIES, bag, sorted(known_contexts()), OUTLETS])
    con.execute("CREATE TEMP TABLE t AS SELECT * FROM (VALUES " + ", ".join(
        f"('{name}', {et.quad}, {et.score}, '{et.cameo_root}')" for name, et in EVENT_TYPES.items()
    ) + ") v(event_type, quad, score, cameo)")
    n_codes = len(COUNTRIES)
    started = time.perf_counter()
    # One row per event with every random draw it needs.
    con.execute(
        f"""
        CREATE TEMP TABLE g AS
        WITH draws AS (
            SELECT i, random() AS r_mod, random() AS r_actor, random() AS r_recip, random() AS r_prec,
                random() AS r_ctx,
                -- Zipf-like: rank floor(61^u) has probability ~ log((k+1)/k) / log(61)
                least({n_codes}, greatest(1, floor(pow({n_codes + 1}, random()))::INT)) AS a1,
                least({n_codes}, greatest(1, floor(pow({n_codes + 1}, random()))::INT)) AS a2,
                least({n_codes}, greatest(1, floor(pow({n_codes + 1}, random()))::INT)) AS r1,
                DATE '2020-01-01' + floor(random() * 1827)::INT AS day,
                least(20, floor(pow(random(), -0.8)))::INT AS num_mentions,
                1 + floor(random() * len(k.types))::INT AS type_idx,
                1 + floor(random() * len(k.contexts))::INT AS c1,
                1 + floor(random() * len(k.contexts))::INT AS c2
            FROM range({events}) r(i), k
        )
        SELECT d.i,
            substr(md5('event-' || d.i::VARCHAR), 1, 16) AS event_id,
            k.types[d.type_idx] AS event_type,
            CASE WHEN d.r_mod < 0.80 THEN 'asserted' WHEN d.r_mod < 0.88 THEN 'reported-intent'
                 WHEN d.r_mod < 0.93 THEN 'future' WHEN d.r_mod < 0.96 THEN 'hypothetical'
                 WHEN d.r_mod < 0.98 THEN 'negated' ELSE 'historical' END AS modality,
            CASE WHEN d.r_ctx < 0.3 THEN []::VARCHAR[] WHEN d.r_ctx < 0.8 THEN [k.contexts[d.c1]]
                 ELSE list_sort(list_distinct([k.contexts[d.c1], k.contexts[d.c2]])) END AS context,
            CASE WHEN d.r_actor < 0.05 THEN []::VARCHAR[] WHEN d.r_actor < 0.15
                 THEN list_sort(list_distinct([k.codes[d.a1], k.codes[d.a2]])) ELSE [k.codes[d.a1]] END AS actor_countries,
            CASE WHEN d.r_recip < 0.15 THEN []::VARCHAR[] WHEN d.r_recip < 0.22 THEN [k.codes[d.a1]]
                 ELSE [k.codes[d.r1]] END AS recipient_countries,
            CASE WHEN d.r_prec < 0.85 THEN strftime(d.day, '%Y-%m-%d') WHEN d.r_prec < 0.95 THEN strftime(d.day, '%Y-%m')
                 WHEN d.r_prec < 0.98 THEN strftime(d.day, '%Y') END AS date,
            CASE WHEN d.r_prec < 0.85 THEN d.day WHEN d.r_prec < 0.95 THEN date_trunc('month', d.day)::DATE
                 WHEN d.r_prec < 0.98 THEN date_trunc('year', d.day)::DATE END AS date_start,
            CASE WHEN d.r_prec < 0.85 THEN d.day WHEN d.r_prec < 0.95 THEN last_day(d.day)
                 WHEN d.r_prec < 0.98 THEN (date_trunc('year', d.day) + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE END AS date_end,
            d.num_mentions,
            1 + floor(random() * d.num_mentions)::INT AS num_sources
        FROM draws d, k
        """
    )
    con.execute(
        f"""
        INSERT INTO events BY NAME
        SELECT g.event_id, g.event_type, g.modality, []::VARCHAR[] AS mode, g.context,
            t.quad AS quad_code, t.cameo, t.score, g.date, g.date_start, g.date_end,
            g.actor_countries, g.recipient_countries,
            to_json(list_transform(g.actor_countries, lambda c: {{'text': c, 'name': c, 'country': c, 'sector': 'GOV', 'start': 0, 'end': 3}}))::VARCHAR AS actor,
            to_json(list_transform(g.recipient_countries, lambda c: {{'text': c, 'name': c, 'country': c, 'sector': NULL, 'start': 20, 'end': 23}}))::VARCHAR AS recipient,
            NULL AS location, NULL AS place,
            'doc-' || (hash(g.i, 0) % {articles})::VARCHAR AS doc_id,
            'Officials of ' || coalesce(g.actor_countries[1], 'someone') || ' and ' || coalesce(g.recipient_countries[1], 'others')
                || ' were reported in an event of type ' || g.event_type || ' on the day in question.' AS evidence,
            lower(g.event_type) AS trigger,
            g.num_mentions, greatest(g.num_sources, least(g.num_mentions, g.num_sources + 1)) AS num_articles,
            g.num_sources, CASE WHEN g.num_mentions > 1 THEN 'evidence_overlap' END AS merge_rule
        FROM g JOIN t USING (event_type)
        """
    )
    con.execute(
        f"""
        INSERT INTO articles BY NAME
        SELECT 'doc-' || a::VARCHAR AS doc_id, 'doc-' || a::VARCHAR AS input_doc_id,
            md5('article-' || a::VARCHAR) AS sha256, lower(k.outlets[1 + a % len(k.outlets)]) AS outlet_key,
            'outlet:' || lower(k.outlets[1 + a % len(k.outlets)]) AS source_key,
            'Synthetic article ' || a::VARCHAR AS title, k.outlets[1 + a % len(k.outlets)] AS outlet,
            'https://example.org/' || a::VARCHAR AS url, NULL AS author,
            DATE '2020-01-01' + (hash(a) % 1827)::INT AS published, 'en' AS language, 120 AS chars,
            'Synthetic article ' || a::VARCHAR || '. Officials met and talked; nothing else is in this text.' AS text,
            'synthetic' AS source, NULL AS duplicate_of, NULL AS similarity,
            0 AS num_events, 0 AS num_quotes, 0 AS num_counts, current_localtimestamp() AS ingested_at
        FROM range({articles}) r(a), k
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE gm AS
        SELECT g.*, j,
            CASE WHEN j = 0 THEN g.event_id ELSE substr(md5('mention-' || g.i::VARCHAR || '-' || j::VARCHAR), 1, 16) END AS record_id,
            'doc-' || (hash(g.i, j) % {articles})::VARCHAR AS doc_id
        FROM g, range(g.num_mentions) r(j)
        """
    )
    con.execute(
        """
        INSERT INTO mentions BY NAME
        SELECT gm.record_id, gm.event_id, gm.doc_id, a.outlet, a.published, gm.date, gm.date_start, gm.date_end,
            gm.event_type, gm.modality,
            gm.event_type || '|' || gm.modality || '|' || array_to_string(gm.actor_countries, ',') || '|'
                || array_to_string(gm.recipient_countries, ',') AS match_key,
            lower(gm.event_type) AS trigger_stem, list_concat(gm.actor_countries, gm.recipient_countries) AS entity_names,
            gm.context, 'A sentence reporting the event.' AS evidence, 'event reporting sentence' AS evidence_words,
            0 AS evidence_start, 31 AS evidence_end,
            'reporting' AS trigger, 11 AS trigger_start, 20 AS trigger_end,
            CASE WHEN gm.j = 0 THEN 'first' ELSE 'evidence_overlap' END AS merge_rule,
            CASE WHEN gm.j > 0 THEN gm.event_id END AS matched_record,
            CASE WHEN gm.j > 0 THEN 0.8 END AS match_score,
            to_json({'kind': 'event', 'id': gm.record_id, 'doc_id': gm.doc_id, 'event_type': gm.event_type,
                     'modality': gm.modality, 'date': gm.date, 'actor': gm.actor_countries,
                     'recipient': gm.recipient_countries, 'context': gm.context})::VARCHAR AS record_json
        FROM gm JOIN articles a ON a.doc_id = gm.doc_id
        """
    )
    # Half the entity mentions name a person or body of the country ("CHN person 7"), as
    # coded news does: 40 per country, the low numbers most often, so /api/actors groups
    # thousands of names, not 60.
    con.execute(
        """
        INSERT INTO entities BY NAME
        WITH sides AS (
            SELECT record_id, event_id, doc_id, 'actor' AS role, unnest(actor_countries) AS c, 'GOV' AS sector,
                0 AS start_char FROM gm
            UNION ALL
            SELECT record_id, event_id, doc_id, 'recipient', unnest(recipient_countries), NULL, 20 FROM gm
        )
        SELECT record_id, event_id, doc_id, role,
            CASE WHEN hash(record_id, role) % 2 = 0 THEN c
                 ELSE c || ' person ' || floor(pow(41, (hash(event_id, role, c) % 1000) / 1000.0))::INT::VARCHAR END AS name,
            c AS country, sector, c AS text, start_char, start_char + 3 AS end_char
        FROM sides
        """
    )
    con.execute(f"INSERT INTO event_actors {event_actors_select()} GROUP BY event_id, name, country")
    con.execute(f"INSERT INTO actor_totals {actor_totals_select()} GROUP BY name, country, sector")
    # One quote in every second article, spoken by a person of a Zipf-drawn country.
    con.execute(
        f"""
        INSERT INTO quotes BY NAME
        SELECT 'q-' || a::VARCHAR AS quote_id, 'doc-' || a::VARCHAR AS doc_id,
            'We will not accept this, and we said so plainly.' AS content, 10 AS start_char, 58 AS end_char,
            TRUE AS direct, 'said' AS cue, c || ' person ' || (a % 40)::VARCHAR AS speaker_name, c AS speaker_country,
            'GOV' AS speaker_sector, 'the spokesperson' AS speaker_text, 'title' AS speaker_resolution,
            '{{}}' AS record_json
        FROM (SELECT a, k.codes[least({n_codes}, greatest(1, floor(pow({n_codes + 1}, random()))::INT))] AS c
              FROM range(0, {articles}, 2) r(a), k)
        """
    )
    con.execute(
        """
        UPDATE articles SET num_events = s.n
        FROM (SELECT doc_id, count(*) AS n FROM mentions GROUP BY doc_id) s
        WHERE articles.doc_id = s.doc_id
        """
    )
    con.execute("UPDATE articles SET num_quotes = 1 WHERE doc_id IN (SELECT doc_id FROM quotes)")
    con.execute("DROP TABLE g")
    con.execute("DROP TABLE gm")
    con.execute("CHECKPOINT")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("events", "mentions", "entities", "articles")}
    con.close()
    db.rename(final)
    counts["build_s"] = round(time.perf_counter() - started, 1)
    counts["file_mb"] = round(final.stat().st_size / 2**20)
    return counts


# --- the query sets -------------------------------------------------------------------


def query_sets(db: Path, requests: int, seed: int) -> list[dict[str, Any]]:
    """Per query kind: `requests` (path, params) pairs and the matching in-process call."""
    rng = random.Random(seed)
    con = open_ledger(db, read_only=True)
    ids = [r[0] for r in con.execute(
        f"SELECT event_id FROM events USING SAMPLE reservoir({int(requests)} ROWS) REPEATABLE (7)"
    ).fetchall()]
    docs = [r[0] for r in con.execute(
        f"SELECT doc_id FROM articles USING SAMPLE reservoir({int(requests)} ROWS) REPEATABLE (7)"
    ).fetchall()]

    def drawn_words(table: str, column: str) -> list[str]:
        """One word of 4+ letters from each of `requests` stored texts sampled at random, so
        words many texts hold ("said", "minister") come up often (the synthetic ledger of
        --events has no text to search; a ledger of benchmarks/store.py has)."""
        texts = con.execute(
            f"SELECT {column} FROM {table} USING SAMPLE reservoir({int(requests)} ROWS) REPEATABLE (7)"
        ).fetchall()
        return [rng.choice([w for w in words_of(text) if len(w) >= 4 and w.isalpha()] or ["peace"]) for (text,) in texts]

    searched = {"events": drawn_words("mentions", "evidence"), "quotes": drawn_words("quotes", "content"),
                "articles": drawn_words("articles", "title")}
    con.close()
    bag = [t for t, w in TYPE_WEIGHTS.items() for _ in range(w)]
    top = COUNTRIES[:20]

    def zipf() -> str:
        return COUNTRIES[min(len(COUNTRIES), max(1, int((len(COUNTRIES) + 1) ** rng.random()))) - 1]

    def since() -> str:
        return f"{rng.randint(2020, 2023)}-{rng.randint(1, 12):02d}-01"

    type_actor = [{"type": rng.choice(bag), "actor": rng.choice(top)} for _ in range(requests)]
    pair_since = [{"actor": zipf(), "recipient": zipf(), "since": since()} for _ in range(requests)]
    sources = [{"min_sources": rng.randint(2, 6)} for _ in range(requests)]
    timeline_all = [{"interval": "week", "by": rng.choice(["type", "quad"])} for _ in range(requests)]
    timeline_f = [{"interval": "week", "by": "type", "actor": rng.choice(top)} for _ in range(requests)]
    network_all = [{} for _ in range(requests)]
    network_f = [{"type": rng.choice(bag), "since": since()} for _ in range(requests)]
    actors_all = [{"limit": rng.choice([20, 50, 100])} for _ in range(requests)]
    actors_f = [{"type": rng.choice(bag), "since": since(), "role": rng.choice(["actor", "recipient"])} for _ in range(requests)]
    quotes_c = [{"country": zipf()} for _ in range(requests)]
    articles_s = [{"since": since()} for _ in range(requests)]

    def actors_call(params: dict[str, Any]) -> Callable[[Any], Any]:
        filters = actor_filters(event_type=params.get("type"), since=params.get("since"), role=params.get("role"))
        return lambda cur: query_actors(cur, filters, limit=params.get("limit", 50))

    def quotes_call(params: dict[str, Any]) -> Callable[[Any], Any]:
        filters = quote_filters(country=params.get("country"), text=params.get("text"))
        return lambda cur: query_quotes(cur, filters, limit=50)

    def articles_call(params: dict[str, Any]) -> Callable[[Any], Any]:
        filters = aggregates.article_filters(since=params.get("since"), text=params.get("text"))
        return lambda cur: aggregates.query_articles(cur, filters, limit=50)

    def events_call(params: dict[str, Any]) -> Callable[[Any], Any]:
        filters = event_filters(
            event_type=params.get("type"), actor=params.get("actor"), recipient=params.get("recipient"),
            since=params.get("since"), min_sources=params.get("min_sources"), text=params.get("text"),
        )
        return lambda cur: query_events(cur, filters, after=params.get("after"), limit=50)

    def timeline_call(params: dict[str, Any]) -> Callable[[Any], Any]:
        filters = event_filters(actor=params.get("actor"))
        options = aggregates.timeline_options(params["interval"], params["by"])
        return lambda cur: aggregates.timeline(cur, filters, options)

    def network_call(params: dict[str, Any]) -> Callable[[Any], Any]:
        filters = event_filters(event_type=params.get("type"), since=params.get("since"))
        return lambda cur: aggregates.network(cur, filters, limit=500)

    def spec(name: str, kind: str, example: str, path: str, params: list[dict[str, Any]],
             call: Callable[[dict[str, Any]], Callable[[Any], Any]]) -> dict[str, Any]:
        return {"name": name, "kind": kind, "example": example,
                "http": [(path, p) for p in params], "local": [call(p) for p in params]}

    def event_call(event_id: str) -> Callable[[Any], Any]:
        def run(cur):
            event = get_event(cur, event_id)
            event["counts"] = aggregates.event_counts(cur, event_id)
            return event

        return run

    return [
        spec("events type+actor", "events", "type=ASSAULT&actor=RUS", "/api/events", type_actor, events_call),
        spec("events actor+recipient+since", "events", "actor=USA&recipient=CHN&since=2022-03-01", "/api/events", pair_since, events_call),
        spec("events min_sources", "events", "min_sources=3", "/api/events", sources, events_call),
        {"name": "events next page (type+actor, after=token)", "kind": "events", "example": "…&after=<next of page 1>",
         "pages_of": 0},
        {"name": "event by id (with mentions, counts)", "kind": "event", "example": "/api/events/{id}",
         "http": [(f"/api/events/{i}", {}) for i in ids], "local": [event_call(i) for i in ids]},
        {"name": "article by id (text, offsets; no target set)", "kind": "article", "example": "/api/articles/{doc_id}",
         "http": [(f"/api/articles/{d}", {}) for d in docs],
         "local": [lambda cur, d=d: aggregates.get_article(cur, d) for d in docs]},
        spec("timeline week, all events", "timeline", "interval=week&by=type (or quad)", "/api/timeline", timeline_all, timeline_call),
        spec("timeline week by type, actor", "timeline", "interval=week&by=type&actor=CHN", "/api/timeline", timeline_f, timeline_call),
        spec("network, all events", "network", "(no filter), top 500 edges", "/api/network", network_all, network_call),
        spec("network type+since", "network", "type=SANCTION&since=2022-01-01", "/api/network", network_f, network_call),
        spec("actors, all events", "actors", "limit=50 (20, 100)", "/api/actors", actors_all, actors_call),
        spec("actors type+since+role", "actors", "type=ACCUSE&since=2022-01-01&role=actor", "/api/actors", actors_f, actors_call),
        spec("quotes by speaker country", "quotes", "country=RUS", "/api/quotes", quotes_c, quotes_call),
        spec("articles since", "articles", "since=2022-05-01", "/api/articles", articles_s, articles_call),
        spec("events by a word", "events", "text=ceasefire (a word of stored evidence)", "/api/events",
             [{"text": w} for w in searched["events"]], events_call),
        spec("quotes by a word", "quotes", "text=sanctions (a word of stored quotes)", "/api/quotes",
             [{"text": w} for w in searched["quotes"]], quotes_call),
        spec("articles by a word", "articles", "text=embassy (a word of stored titles)", "/api/articles",
             [{"text": w} for w in searched["articles"]], articles_call),
        {"name": "ledger stats", "kind": "stats", "example": "/api/stats",
         "http": [("/api/stats", {}) for _ in range(requests)],
         "local": [aggregates.ledger_stats for _ in range(requests)]},
    ]


# --- timing ---------------------------------------------------------------------------


def start_server(db: Path, log: Path, extra: list[str]) -> tuple[subprocess.Popen, int]:
    handle = log.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from newsledger.api.command import serve; serve()", "--db", str(db), "--port", "0",
         *extra],
        stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited:\n{log.read_text()}")
        found = re.search(r"running on http://127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
        if found:
            return proc, int(found.group(1))
        time.sleep(0.2)
    proc.terminate()
    sys.exit(f"server did not start:\n{log.read_text()}")


def get(conn: http.client.HTTPConnection, path: str, params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    url = path + ("?" + urllib.parse.urlencode(params) if params else "")
    for attempt in (1, 2):
        start = time.perf_counter()
        try:
            conn.request("GET", url)
            response = conn.getresponse()
            body = response.read()
            break
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # the server closed an idle keep-alive connection (uvicorn: after 5 s); reconnect, untimed
            conn.close()
            if attempt == 2:
                raise
    elapsed = (time.perf_counter() - start) * 1000
    data = json.loads(body)
    if response.status != 200 or not data.get("ok"):
        raise RuntimeError(f"{url}: {response.status} {body[:300]!r}")
    return elapsed, data


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def measure(db: Path, sets: list[dict[str, Any]], port: int, warmup: int) -> list[dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    con = open_ledger(db, read_only=True)
    rows = []
    first_pages: list[tuple[str, dict[str, Any]]] = []
    for spec in sets:
        if "pages_of" in spec:  # page 2 of the first query set, via the tokens page 1 returned

            spec["http"] = [(path, {**params, "after": token}) for path, params, token in first_pages if token]
            spec["local"] = []
            for path, params in spec["http"]:
                filters = event_filters(event_type=params["type"], actor=params["actor"])
                spec["local"].append(lambda cur, f=filters, a=params["after"]: query_events(cur, f, after=a, limit=50))
        for path, params in spec["http"][:warmup]:
            get(conn, path, params)
        http_ms, sizes = [], []
        for path, params in spec["http"]:
            ms, data = get(conn, path, params)
            http_ms.append(ms)
            if spec["kind"] == "events":
                sizes.append(len(data["events"]))
            if spec is sets[0]:
                first_pages.append((path, params, data["next"]))
        local_ms = []
        for run in spec["local"]:
            cur = con.cursor()
            start = time.perf_counter()
            run(cur)
            local_ms.append((time.perf_counter() - start) * 1000)
            cur.close()
        target = TARGETS[spec["kind"]]
        rows.append({
            "name": spec["name"], "example": spec["example"], "n": len(http_ms),
            "http_p50": statistics.median(http_ms), "http_p95": pct(http_ms, 95), "http_max": max(http_ms),
            "local_p50": statistics.median(local_ms), "local_p95": pct(local_ms, 95),
            "rows": round(statistics.mean(sizes), 1) if sizes else None,
            "target": target, "met": None if target is None else pct(http_ms, 95) < target,
        })
        print(f"  {spec['name']}: HTTP p50 {rows[-1]['http_p50']:.1f} ms, p95 {rows[-1]['http_p95']:.1f} ms", file=sys.stderr)
    con.close()
    conn.close()
    return rows


def resolve_next_pages(conn: http.client.HTTPConnection, sets: list[dict[str, Any]]) -> None:
    """Fill the page-2 set from the `next` tokens of the first set's pages (untimed)."""
    for spec in sets:
        if "pages_of" in spec:
            pages = [(path, params, get(conn, path, params)[1]["next"]) for path, params in sets[spec["pages_of"]]["http"]]
            spec["http"] = [(path, {**params, "after": token}) for path, params, token in pages if token]


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory (VmRSS) or its peak (VmHWM) from /proc, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_load(sets: list[dict[str, Any]], port: int, clients: int, server_pid: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every request of every set, shuffled and dealt to `clients` threads that each keep
    one connection and send their next request as soon as the last one is answered."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    resolve_next_pages(conn, sets)
    for spec in sets:  # warm the server's caches as the sequential run does
        for path, params in spec["http"][:2]:
            get(conn, path, params)
    conn.close()
    jobs = [(i, path, params) for i, spec in enumerate(sets) for path, params in spec["http"]]
    random.Random(7).shuffle(jobs)
    timings: list[list[float]] = [[] for _ in sets]
    failures: list[str] = []
    start_line = threading.Barrier(clients + 1)

    def client(share: list[tuple[int, str, dict[str, Any]]]) -> None:
        own = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        start_line.wait()
        try:
            for i, path, params in share:
                ms, _ = get(own, path, params)
                timings[i].append(ms)  # list.append is atomic under the GIL
        except Exception as exc:  # noqa: BLE001 - reported after the run
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            own.close()

    threads = [threading.Thread(target=client, args=(jobs[c::clients],)) for c in range(clients)]
    for t in threads:
        t.start()
    rss = [rss_mib(server_pid)]
    start_line.wait()
    started = time.perf_counter()
    while any(t.is_alive() for t in threads):
        rss.append(rss_mib(server_pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} client(s) failed: {failures[0]}")
    rows = []
    for spec, ms in zip(sets, timings):
        rows.append({
            "name": spec["name"], "example": spec["example"], "n": len(ms),
            "http_p50": statistics.median(ms), "http_p95": pct(ms, 95), "http_max": max(ms),
            "target": LOAD_TARGET, "met": pct(ms, 95) < LOAD_TARGET,
        })
        print(f"  {spec['name']}: p50 {rows[-1]['http_p50']:.1f} ms, p95 {rows[-1]['http_p95']:.1f} ms", file=sys.stderr)
    summary = {
        "requests": len(jobs), "wall_s": round(wall, 1), "per_s": round(len(jobs) / wall, 1),
        "rss_start_mib": round(rss[0]), "rss_max_mib": round(max(rss)), "rss_peak_mib": round(rss_mib(server_pid, "VmHWM")),
    }
    return rows, summary


def table(rows: list[dict[str, Any]]) -> str:
    local = "local_p50" in rows[0]
    lines = [
        "| query | example | n | HTTP p50 ms | HTTP p95 ms | HTTP max ms |"
        + (" in-process p50 ms | in-process p95 ms |" if local else "") + " target p95 | met |",
        "|---|---|---|---|---|---|" + ("---|---|" if local else "") + "---|---|",
    ]
    for r in rows:
        target = "—" if r["target"] is None else f"< {r['target']:.0f}"
        met = "—" if r["met"] is None else "yes" if r["met"] else "NO"
        lines.append(
            f"| {r['name']} | `{r['example']}` | {r['n']} | {r['http_p50']:.1f} | {r['http_p95']:.1f} | {r['http_max']:.1f} "
            + (f"| {r['local_p50']:.1f} | {r['local_p95']:.1f} " if local else "")
            + f"| {target} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="Requests per query kind.")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--clients", type=int, default=1,
                        help="Concurrent clients; above 1 every request is sent under load (no in-process column).")
    parser.add_argument("--server-option", action="append", default=[], metavar="OPT",
                        help="Passed to `newsledger serve`, e.g. --server-option=--threads=2 (repeatable).")
    parser.add_argument("--db", type=Path, default=None, help="Ledger file (default: in the temp folder, kept between runs).")
    parser.add_argument("--rebuild", action="store_true", help="Build the ledger even when the file exists.")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--out", type=Path, default=None,
                        help="Markdown table (default: benchmarks/results.md, results-load.md with --clients).")
    args = parser.parse_args()
    out = args.out or HERE / ("results-load.md" if args.clients > 1 else "results.md")

    db = args.db or Path(tempfile.gettempdir()) / "newsledger-bench" / f"ledger-{args.events}.duckdb"
    built = None
    if args.rebuild or not db.exists():
        print(f"building {args.events:,} events into {db} ...", file=sys.stderr)
        built = build(db, args.events)
        print(f"  {built}", file=sys.stderr)
    con = open_ledger(db, read_only=True)
    tables = ("events", "mentions", "entities", "articles", "quotes")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
    con.close()
    sets = query_sets(db, args.requests, args.seed)
    proc, port = start_server(db, db.with_suffix(".server.log"), args.server_option)
    try:
        print(f"measuring on port {port} ...", file=sys.stderr)
        if args.clients > 1:
            rows, load = measure_load(sets, port, args.clients, proc.pid)
        else:
            rows, load = measure(db, sets, port, args.warmup), None
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    import duckdb as _duckdb
    import fastapi
    import uvicorn

    command = f"benchmarks/api_latency.py --events {args.events} --requests {args.requests}"
    command += f" --clients {args.clients}" if args.clients > 1 else ""
    command += "".join(f" --server-option={o}" for o in args.server_option)
    header = (
        f"# API latency{' under load' if load else ''}\n\n"
        f"`{command}`: "
        f"{counts['events']:,} events, {counts['mentions']:,} mentions, {counts['entities']:,} entities, "
        f"{counts['articles']:,} articles, {counts['quotes']:,} quotes"
        + (f" (built in {built['build_s']} s, {built['file_mb']} MiB)" if built else "")
        + f". {os.cpu_count()} CPU cores, Python {platform.python_version()}, DuckDB {_duckdb.__version__}, "
        f"FastAPI {fastapi.__version__}, uvicorn {uvicorn.__version__}. "
    )
    if load:
        header += (
            f"HTTP: {args.clients} clients at once (threads of this process, one keep-alive connection each, "
            "each sending its next request when the last is answered), the requests of every kind shuffled "
            "and dealt among them, to `newsledger serve` (read-only, one uvicorn worker); request sent to body read. "
            f"{load['requests']:,} requests in {load['wall_s']} s ({load['per_s']} requests/s); "
            f"server RSS {load['rss_start_mib']} MiB at the start, at most {load['rss_max_mib']} MiB while sampled "
            f"every 50 ms, peak (VmHWM) {load['rss_peak_mib']} MiB. Pages are 50 rows.\n\n"
        )
    else:
        header += (
            "HTTP: sequential keep-alive requests to `newsledger serve` (read-only, one uvicorn worker), "
            "request sent to body read; in-process: the store function alone on a read-only cursor. "
            "Pages are 50 rows.\n\n"
        )
    text = header + table(rows) + "\n"
    print(text)
    out.write_text(text, encoding="utf-8")
    print(f"written to {out}", file=sys.stderr)
    if any(r["met"] is False for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
