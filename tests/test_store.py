"""The ledger store: real DuckDB files in tmp_path, the real pipeline, no mocks.

CLI tests run `newsledger` in a subprocess (each loads the model: ~1-3 s); the rest call
the store's function API with the session's pipeline.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, SAMPLE, SAMPLE_ARTICLES
from newsledger.records import ArticleInput, InputError, to_dict
from newsledger.store import (
    LATEST,
    FilterError,
    IngestStats,
    LedgerError,
    code_articles,
    event_filters,
    export_ledger,
    get_event,
    ingest_results,
    new_articles,
    open_ledger,
    query_actors,
    query_events,
    query_quotes,
    quote_filters,
    actor_filters,
)
from newsledger.nlp import similarity
from newsledger.store import merge
from newsledger.store.schema import WORD_KINDS, word_table

TABLES = ("articles", "events", "mentions", "entities", "quotes", "counts")

# A wire story, a syndicated copy of it (new headline, one sentence reworded) and another
# outlet's own report of the same sanctions.
WIRE = """China imposed sanctions on nine British lawmakers on Friday in retaliation for measures London took against Chinese officials over Xinjiang.

The foreign ministry in Beijing said the individuals had spread lies and disinformation about the region. Those named may no longer travel to mainland China, Hong Kong or Macao, and Chinese citizens and institutions are barred from doing business with them.

Among those named was Iain Duncan Smith, a former leader of the Conservative Party, who said he would wear the sanctions as a badge of honour. Tom Tugendhat, who chairs the foreign affairs committee, said the move showed that Beijing was intent on silencing criticism.

Prime Minister Boris Johnson said the lawmakers were shining a light on gross human rights violations. The row is the latest in a series of disputes between the two countries over Hong Kong, the telecoms company Huawei and the treatment of the Uyghur minority.

Earlier this week Britain, the European Union, the United States and Canada imposed coordinated measures on four Chinese officials over abuses in Xinjiang, the first such step by the European Union against China in more than thirty years.
"""
SYNDICATED = WIRE.replace(
    "who said he would wear the sanctions as a badge of honour",
    "who told reporters he regarded the sanctions as a badge of honour",
)
OTHER_OUTLET = (
    "Beijing sanctioned nine British members of parliament on Friday over what it called lies about "
    "Xinjiang. The Chinese government said the measures were a response to penalties imposed by "
    "Britain earlier in the week. London summoned the Chinese ambassador to protest."
)


def article(doc_id: str, text: str, outlet: str | None, published: str = "2021-03-26", title: str | None = None) -> ArticleInput:
    return ArticleInput(doc_id=doc_id, text=text, title=title, outlet=outlet, published=published, source=doc_id)


def ingest(pipeline, db: Path, articles: list[ArticleInput], batch_size: int = 16) -> IngestStats:
    """What `newsledger ingest` does, in process."""
    con = open_ledger(db)
    total = IngestStats()
    try:
        coded = (c for c in code_articles(pipeline, new_articles(con, articles)) if not isinstance(c, InputError))
        for stats in ingest_results(con, coded, batch_size=batch_size):
            total.add(stats)
    finally:
        con.close()
    return total


def table_counts(db: Path) -> dict[str, int]:
    con = open_ledger(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def sanction_cn_gb(con) -> dict:
    rows, _ = query_events(con, event_filters(event_type="SANCTION", actor="CHN", recipient="GBR"))
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture(scope="module")
def sample_db(pipeline, tmp_path_factory) -> Path:
    from newsledger.ingest import read_inputs

    db = tmp_path_factory.mktemp("ledger") / "sample.duckdb"
    articles = [a for a in read_inputs([str(SAMPLE)]) if not isinstance(a, InputError)]
    stats = ingest(pipeline, db, articles)
    assert stats.articles == len(articles) == SAMPLE_ARTICLES
    return db


@pytest.fixture
def sample_con(sample_db):
    con = open_ledger(sample_db, read_only=True)
    yield con
    con.close()


# --- schema ---------------------------------------------------------------------------


def test_migrations_are_recorded_in_order_once(tmp_path):
    db = tmp_path / "new.duckdb"
    open_ledger(db).close()
    open_ledger(db).close()  # a second open applies nothing
    con = open_ledger(db, read_only=True)
    rows = con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    con.close()
    assert rows == [(1, "tables"), (2, "lookup indexes"), (3, "article indexes"), (4, "feed state"), (5, "event confidence"),
                    (6, "event actors"), (7, "entity resolution"), (8, "words"), (9, "batch lookups"), (10, "actor totals"),
                    (11, "word keys"), (12, "evidence words")]
    assert rows[-1][0] == LATEST


def test_a_ledger_from_a_newer_newsledger_is_refused(tmp_path):
    db = tmp_path / "future.duckdb"
    open_ledger(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (?, 'from the future', current_localtimestamp())", [LATEST + 1])
    con.close()
    with pytest.raises(LedgerError, match="newer"):
        open_ledger(db)
    with pytest.raises(LedgerError, match="upgrade newsledger"):
        open_ledger(db, read_only=True)


def test_reading_a_missing_ledger_is_a_one_line_error(tmp_path, run_cli):
    done = run_cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 1
    assert done.stderr.decode().strip().count("\n") == 0
    assert "no ledger" in done.stderr.decode()
    assert not (tmp_path / "none.duckdb").exists()


# --- ingest ---------------------------------------------------------------------------


def test_ingest_twice_changes_nothing(tmp_path, run_cli):
    db = tmp_path / "ledger.duckdb"
    first = run_cli("ingest", str(SAMPLE), "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr.decode()
    assert first.stderr == b""  # no progress bar when stderr is not a terminal
    summary = json.loads(first.stdout)
    assert summary["articles"] == SAMPLE_ARTICLES and summary["skipped"] == 0
    counts = table_counts(db)
    assert counts["articles"] == SAMPLE_ARTICLES and counts["events"] > 50

    second = run_cli("ingest", str(SAMPLE), "--db", str(db))
    assert second.returncode == 0, second.stderr.decode()
    again = json.loads(second.stdout)
    assert again["articles"] == 0 and again["mentions"] == 0 and again["skipped"] == SAMPLE_ARTICLES
    assert table_counts(db) == counts


def test_ingest_reports_bad_inputs_and_stores_the_rest(tmp_path, run_cli):
    corpus = tmp_path / "in.jsonl"
    good = {"id": "ok", "text": OTHER_OUTLET, "published": "2021-03-27", "outlet": "Harbour Post"}
    corpus.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    db = tmp_path / "ledger.duckdb"
    done = run_cli("ingest", str(corpus), "--db", str(db), "--quiet")
    assert done.returncode == 1
    errors = [line for line in done.stderr.decode().splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "in.jsonl:2" in errors[0]
    assert table_counts(db)["articles"] == 1


def test_progress_bar_only_on_a_terminal(tmp_path):
    import fcntl
    import pty
    import struct
    import termios
    import threading

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "ok", "text": OTHER_OUTLET, "published": "2021-03-27"}) + "\n", encoding="utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # tqdm draws nothing at 0 columns
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run(_cli("ingest", str(corpus), "--db", str(tmp_path / "l.duckdb")), stdout=subprocess.PIPE,
                              stderr=slave, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=600)
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    assert done.returncode == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "article/s" in shown and "events=" in shown, shown
    quiet = subprocess.run(_cli("ingest", str(corpus), "--db", str(tmp_path / "q.duckdb"), "--quiet"),
                           capture_output=True, cwd=ROOT, timeout=600)
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_near_duplicate_is_linked_and_counted_once(pipeline, tmp_path):
    db = tmp_path / "ledger.duckdb"
    stats = ingest(
        pipeline,
        db,
        [
            article("wire-1", WIRE, "Meridian Wire", title="China sanctions British MPs"),
            article("wire-1-reprint", SYNDICATED, "Meridian Wire", title="Beijing hits back at UK lawmakers"),
        ],
    )
    assert stats.articles == 2 and stats.near_duplicates == 1
    con = open_ledger(db, read_only=True)
    try:
        linked = con.execute("SELECT doc_id, duplicate_of, similarity FROM articles ORDER BY doc_id").fetchall()
        assert linked[0] == ("wire-1", None, None)
        assert linked[1][:2] == ("wire-1-reprint", "wire-1") and linked[1][2] >= similarity.THRESHOLD
        event = sanction_cn_gb(con)
        assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 1, 1)
        assert event["merge_rule"] == merge.EVIDENCE_RULE
        # Quotes of the copy are not listed twice unless asked for.
        doc_ids = {q["doc_id"] for q in query_quotes(con, quote_filters())[0]}
        assert doc_ids <= {"wire-1"}
    finally:
        con.close()

    # The same wire text printed by another outlet is another source, not a skipped copy.
    stats = ingest(pipeline, db, [article("harbour-1", WIRE, "Harbour Post")])
    assert stats.articles == 1 and stats.skipped == 0 and stats.near_duplicates == 1
    con = open_ledger(db, read_only=True)
    try:
        event = sanction_cn_gb(con)
        assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 2, 2)
    finally:
        con.close()

    # A copy that names no outlet may be any of them: it adds a mention, not a source.
    stats = ingest(pipeline, db, [article("pasted", SYNDICATED.replace("Friday", "Friday,"), None)])
    assert stats.articles == 1 and stats.near_duplicates == 1
    con = open_ledger(db, read_only=True)
    try:
        event = sanction_cn_gb(con)
        assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (4, 2, 2)
    finally:
        con.close()


def test_reports_from_two_outlets_merge_into_one_event(pipeline, tmp_path):
    db = tmp_path / "ledger.duckdb"
    ingest(
        pipeline,
        db,
        [
            article("wire-1", WIRE, "Meridian Wire"),
            article("harbour-1", OTHER_OUTLET, "Harbour Post", published="2021-03-27"),
        ],
    )
    con = open_ledger(db, read_only=True)
    try:
        event = sanction_cn_gb(con)
        assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (2, 2, 2)
        assert event["merge_rule"] == merge.TRIGGER_RULE
        full = get_event(con, event["event_id"])
        assert [m["doc_id"] for m in full["mentions"]] == ["wire-1", "harbour-1"]
        assert [m["merge_rule"] for m in full["mentions"]] == [merge.FIRST, merge.TRIGGER_RULE]
        later = full["mentions"][1]
        assert later["matched_record"] == event["event_id"]
        # Reversible: the mention keeps the record as coded, offsets into the stored text.
        [(text,)] = con.execute("SELECT text FROM articles WHERE doc_id = 'harbour-1'").fetchall()
        record = later["record"]
        assert record["doc_id"] == "harbour-1" and record["event_type"] == "SANCTION"
        assert text[later["evidence_start"] : later["evidence_end"]] == later["evidence"]
        assert text[later["trigger_start"] : later["trigger_end"]] == later["trigger"]
        assert (
            query_events(con, event_filters(min_sources=2))[0] == [event]
        ), "only the merged event has two sources"
        assert_rollup_is_fresh(con)
        [actor] = query_actors(con, actor_filters(country="CHN", role="actor", event_type="SANCTION"))
        assert (actor["events"], actor["mentions"]) == (1, 2)  # one event, reported twice
    finally:
        con.close()


def test_reports_far_apart_in_time_stay_two_events(pipeline, tmp_path):
    db = tmp_path / "ledger.duckdb"
    ingest(
        pipeline,
        db,
        [
            article("wire-1", WIRE, "Meridian Wire"),
            article("harbour-1", OTHER_OUTLET, "Harbour Post", published="2021-04-20"),
        ],
    )
    con = open_ledger(db, read_only=True)
    try:
        rows, _ = query_events(con, event_filters(event_type="SANCTION", actor="CHN", recipient="GBR"))
        assert len(rows) == 2 and all(r["num_mentions"] == 1 for r in rows)
    finally:
        con.close()


def test_a_reused_doc_id_with_other_text_is_stored_under_a_derived_id(pipeline, tmp_path):
    db = tmp_path / "ledger.duckdb"
    stats = ingest(pipeline, db, [article("index", WIRE, "Meridian Wire"), article("index", OTHER_OUTLET, "Harbour Post")])
    assert stats.articles == 2 and stats.renamed == 1
    con = open_ledger(db, read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM articles ORDER BY ingested_at, doc_id").fetchall()]
        assert ids[0] == "index" and ids[1].startswith("index~")
        [(docs,)] = con.execute("SELECT count(DISTINCT doc_id) FROM mentions").fetchall()
        assert docs == 2
    finally:
        con.close()


CORPUS_SIZE = 300
_COUNTRIES = ["Britain", "France", "Germany", "Japan", "India", "Brazil", "Canada", "Australia", "Turkey", "Egypt",
              "Kenya", "Mexico", "Norway", "Poland", "Spain", "Italy", "Chile", "Peru", "Iran", "Iraq"]
_TOPICS = ["fishing rights", "a border dispute", "a detained journalist", "grain exports", "a pipeline",
           "an election", "a cyber attack", "a naval incident", "steel tariffs", "a spy scandal", "river water"]


def write_corpus(path: Path, size: int = CORPUS_SIZE) -> None:
    """`size` short, distinct wire articles (no two near-duplicates). Articles i and i + 20
    name the same countries and, within a block of 40, the same week: their events merge,
    often across batches."""
    day = dt.date(2019, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            actor = _COUNTRIES[i % len(_COUNTRIES)]
            target = _COUNTRIES[(i * 7 + 3) % len(_COUNTRIES)]
            if target == actor:
                target = _COUNTRIES[(i + 1) % len(_COUNTRIES)]
            topic = _TOPICS[i % len(_TOPICS)]
            text = (
                f"{actor} expelled {i % 9 + 2} diplomats from {target} on Monday over {topic}. "
                f"Officials in {target} condemned the decision as story number {i} unfolded, "
                f"and {actor} said talks on {topic} would resume in {i % 11 + 2} weeks."
            )
            record = {"id": f"art-{i:04d}", "text": text, "published": (day + dt.timedelta(days=7 * (i // 40))).isoformat(),
                      "outlet": ["Meridian Wire", "Harbour Post", "Atlas News"][i % 3]}
            out.write(json.dumps(record) + "\n")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsledger", *args]


def ledger_state(db: Path) -> dict:
    con = open_ledger(db, read_only=True)
    try:
        return {
            "counts": {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES},
            "events": con.execute(
                "SELECT event_id, num_mentions, num_articles, num_sources, merge_rule FROM events ORDER BY event_id"
            ).fetchall(),
            "mentions": con.execute("SELECT record_id, event_id, merge_rule FROM mentions ORDER BY record_id").fetchall(),
            "articles": con.execute("SELECT doc_id, duplicate_of FROM articles ORDER BY doc_id").fetchall(),
            "actors": con.execute(
                "SELECT * EXCLUDE (sector) FROM event_actors ORDER BY event_id, name, country"
            ).fetchall(),
        }
    finally:
        con.close()


def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(pipeline, tmp_path):
    from newsledger.ingest import read_inputs

    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    clean = tmp_path / "clean.duckdb"  # in process: the same functions the command calls
    ingest(pipeline, clean, [a for a in read_inputs([str(corpus)]) if not isinstance(a, InputError)])
    expected = ledger_state(clean)
    assert expected["counts"]["articles"] == CORPUS_SIZE
    assert expected["counts"]["events"] < expected["counts"]["mentions"]  # some reports merged

    killed = tmp_path / "killed.duckdb"
    wal = Path(str(killed) + ".wal")
    open_ledger(killed).close()  # migrated and checkpointed: the log is empty until a batch commits
    proc = subprocess.Popen(_cli("ingest", str(corpus), "--db", str(killed), "--quiet", "--min-confidence", "0"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 300
        while not (wal.exists() and wal.stat().st_size > 0):  # the first batch is being committed
            assert proc.poll() is None, "ingest ended before the first batch was seen"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(0.2)  # let that commit finish (milliseconds) and a later batch be under way
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    partial = ledger_state(killed)["counts"]["articles"]
    assert 0 < partial < CORPUS_SIZE, partial  # killed in the middle, with batches committed
    assert partial % 16 == 0, partial  # whole batches or nothing

    done = subprocess.run(_cli("ingest", str(corpus), "--db", str(killed), "--quiet", "--min-confidence", "0"), capture_output=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)
    assert summary["skipped"] == partial and summary["articles"] == CORPUS_SIZE - partial
    resumed = ledger_state(killed)
    assert resumed == expected
    con = open_ledger(killed, read_only=True)
    try:
        for table, key in (("articles", "doc_id"), ("mentions", "record_id"), ("quotes", "quote_id"), ("counts", "count_id")):
            [(rows, distinct)] = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchall()
            assert rows == distinct, table
    finally:
        con.close()


# --- queries --------------------------------------------------------------------------


def test_event_filters_each_narrow_the_rows(sample_con):
    everything, _ = query_events(sample_con, limit=10_000)
    assert len(everything) > 50

    def rows(**filters):
        found, _ = query_events(sample_con, event_filters(**filters), limit=10_000)
        assert 0 < len(found) < len(everything), filters
        return found

    assert all("CHN" in r["actor_countries"] for r in rows(actor="CHN"))
    assert all("GBR" in r["recipient_countries"] for r in rows(recipient="gbr"))
    both = rows(actor="CHN", recipient="GBR", event_type="SANCTION")
    assert all(r["event_type"] == "SANCTION" and "CHN" in r["actor_countries"] for r in both)
    year = rows(since="2021-01-01", until="2021-12-31")
    # a date as precise as the text gives it ("2021-01", "since January 2021, when he was arrested")
    assert all("2021-01-01"[: len(r["date"][:10])] <= r["date"][:10] and r["date"].startswith("2021") for r in year)
    assert all(r["date"][:10] >= "2022-06-01"[: len(r["date"][:10])] for r in rows(since="2022-06-01"))
    assert all("human_rights" in r["context"] for r in rows(context="human_rights"))
    assert all(r["modality"] == "negated" for r in query_events(sample_con, event_filters(modality="negated"))[0])
    assert query_events(sample_con, event_filters(min_sources=2))[0] == []  # every sample story is single-source
    assert len(query_events(sample_con, event_filters(min_sources=1), limit=10_000)[0]) == len(everything)


def test_events_page_by_keyset_without_gaps_or_repeats(sample_con):
    everything, token = query_events(sample_con, limit=10_000)
    assert token is None
    pages, after = [], None
    while True:
        rows, after = query_events(sample_con, after=after, limit=7)
        pages.extend(rows)
        if after is None:
            break
    assert [r["event_id"] for r in pages] == [r["event_id"] for r in everything]
    dated = [r["date"] for r in everything if r["date"]]
    assert dated == sorted(dated, key=lambda d: merge.date_range(d)[0])


def test_quotes_by_speaker_and_actors_by_country(sample_con):
    quotes, _ = query_quotes(sample_con, quote_filters(speaker="BLINKEN"))
    assert quotes and all("blinken" in q["speaker_name"].lower() for q in quotes)
    assert all(q["speaker_country"] == "RUS" for q in query_quotes(sample_con, quote_filters(country="RUS"))[0])
    actors = query_actors(sample_con, actor_filters(country="RUS"))
    assert actors and all(a["country"] == "RUS" for a in actors)
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    assert all(a["events"] <= a["as_actor"] + a["as_recipient"] for a in actors)


def assert_rollup_is_fresh(con) -> None:
    """Ingest rebuilds the actor-rollup rows of the events each batch touches; they must be
    what one pass over all entities gives."""
    from newsledger.store.schema import actor_totals_select, event_actors_select

    order = " ORDER BY event_id, name, country"
    kept = con.execute("SELECT * EXCLUDE (sector) FROM event_actors" + order).fetchall()
    fresh = con.execute(
        f"SELECT * EXCLUDE (sector) FROM ({event_actors_select()} GROUP BY event_id, name, country)" + order
    ).fetchall()
    assert kept and kept == fresh
    totals = con.execute("SELECT * EXCLUDE (sector) FROM actor_totals ORDER BY ALL").fetchall()
    summed = con.execute(
        f"SELECT * EXCLUDE (sector) FROM ({actor_totals_select()} GROUP BY name, country, sector) ORDER BY ALL"
    ).fetchall()
    assert totals == summed  # the totals ingest keeps are the sums over the rollup


def test_the_actor_rollup_kept_by_ingest_equals_one_built_afresh(sample_con):
    assert_rollup_is_fresh(sample_con)


@pytest.mark.parametrize("args", [{}, {"role": "recipient"}, {"event_type": "ACCUSE"}, {"country": "USA", "role": "actor"}])
def test_actors_count_as_a_distinct_count_over_every_entity_would(sample_con, args):
    """The rollup is an optimisation: the figures are those of counting distinct events and
    mentions over the entity rows themselves."""
    where, params = ["TRUE"], []
    if "role" in args:
        where.append("en.role = ?")
        params.append(args["role"])
    if "event_type" in args:
        where.append("ev.event_type = ?")
        params.append(args["event_type"])
    if "country" in args:
        where.append("en.country = ?")
        params.append(args["country"])
    expected = sample_con.execute(
        f"""SELECT en.name, en.country, count(DISTINCT en.event_id),
            count(DISTINCT en.event_id) FILTER (WHERE en.role = 'actor'),
            count(DISTINCT en.event_id) FILTER (WHERE en.role = 'recipient'), count(DISTINCT en.record_id)
        FROM entities en JOIN events ev ON ev.event_id = en.event_id WHERE {' AND '.join(where)}
        GROUP BY ALL ORDER BY 3 DESC, 6 DESC, 1, 2 LIMIT 1000""",
        params,
    ).fetchall()
    rows = query_actors(sample_con, actor_filters(**args), limit=1000)
    assert expected and [
        (r["name"], r["country"], r["events"], r["as_actor"], r["as_recipient"], r["mentions"]) for r in rows
    ] == [tuple(e) for e in expected]


def test_the_word_index_kept_by_ingest_equals_one_built_afresh(sample_con):
    from newsledger.store.schema import word_keys_select

    for kind in WORD_KINDS:
        kept = set(sample_con.execute(f"SELECT word_key, id FROM {word_table(kind)}").fetchall())
        fresh = set(sample_con.execute(word_keys_select(kind)).fetchall())
        assert kept and kept == fresh, kind


def test_a_ledger_from_before_word_keys_is_migrated_to_the_same_index(sample_db, tmp_path):
    """Migration 11 turns the (word, kind, id) table of older ledgers into word keys."""
    from newsledger.store.schema import word_keys_select, words_select

    old = tmp_path / "old.duckdb"
    old.write_bytes(sample_db.read_bytes())
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE words AS " + " UNION ALL ".join(words_select(kind) for kind in WORD_KINDS))
    for kind in WORD_KINDS:
        con.execute(f"DROP TABLE {word_table(kind)}")
    # and without what came after (an index on a table stops DuckDB dropping its columns)
    indexes = con.execute("SELECT index_name, sql FROM duckdb_indexes() WHERE table_name = 'mentions'").fetchall()
    for name, _ in indexes:
        con.execute(f"DROP INDEX {name}")
    con.execute("ALTER TABLE mentions DROP COLUMN evidence_words")
    for _, sql in indexes:
        con.execute(sql)
    con.execute("DELETE FROM schema_version WHERE version >= 11")
    con.close()
    con = open_ledger(old)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(LATEST,)]
        for kind in WORD_KINDS:
            migrated = set(con.execute(f"SELECT word_key, id FROM {word_table(kind)}").fetchall())
            assert migrated and migrated == set(con.execute(word_keys_select(kind)).fetchall()), kind
        assert query_events(con, event_filters(text="sanctions"), limit=10)[0]
        assert not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'words'").fetchall()[0][0]
    finally:
        con.close()


@pytest.mark.parametrize("word", ["diplomat", "são", "2021", "北京", "x" * 100])
def test_a_word_key_is_the_same_in_python_and_in_duckdb(word):
    from newsledger.nlp.search_words import KEY_SQL, word_key

    [(in_sql,)] = duckdb.connect().execute(f"SELECT {KEY_SQL}(?)", [word]).fetchall()
    assert in_sql == word_key(word) and 0 <= in_sql < 2**64


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"[^\W_]+", (text or "").lower()))


@pytest.mark.parametrize(
    "texts, words",
    [(("Xinjiang camps", None), ["xinjiang", "camps"]), (("São Paulo's mayor", "SÃO PAULO"), ["são", "paulo", "s", "mayor"]),
     (("snake_case and 2021-03-26",), ["snake", "case", "and", "2021", "03", "26"]), ((None, ""), [])],
)
def test_search_words_are_lowercase_runs_of_letters_and_digits_once_each(texts, words):
    from newsledger.nlp.search_words import words_of

    assert words_of(*texts) == words


def test_text_search_finds_what_holds_every_word(sample_con):
    """A search matches the events a report's evidence sentence, the quotes and the articles
    whose text holds every word of it, in any case and order."""
    from newsledger.store import aggregates

    evidence = sample_con.execute("SELECT event_id, evidence FROM mentions").fetchall()
    for query in ("sanctions", "Sanctions imposed", "Xinjiang", "talks, Moscow"):
        wanted = _words(query)
        expected = {eid for eid, text in evidence if wanted <= _words(text)}
        found = {e["event_id"] for e in query_events(sample_con, event_filters(text=query), limit=10_000)[0]}
        assert found == expected, query
    assert query_events(sample_con, event_filters(text="sanctions"), limit=10_000)[0]
    quotes = sample_con.execute("SELECT quote_id, content, speaker_name FROM quotes").fetchall()
    expected = {qid for qid, content, speaker in quotes if {"will"} <= _words(content) | _words(speaker)}
    found = {q["quote_id"] for q in query_quotes(sample_con, quote_filters(text="WILL", include_duplicates=True), limit=10_000)[0]}
    assert found == expected and found
    articles = sample_con.execute("SELECT doc_id, title, text FROM articles").fetchall()
    expected = {doc for doc, title, text in articles if {"embassy", "protest"} <= _words(title) | _words(text)}
    found = {a["doc_id"] for a in aggregates.query_articles(sample_con, aggregates.article_filters(text="protest embassy"), limit=10_000)[0]}
    assert found == expected and found


def test_the_article_view_says_how_each_entity_was_resolved(sample_con):
    from newsledger.records import RESOLUTIONS
    from newsledger.store import aggregates

    [(doc_id,)] = sample_con.execute("SELECT doc_id FROM entities ORDER BY doc_id LIMIT 1").fetchall()
    entities = aggregates.get_article(sample_con, doc_id)["entities"]
    assert entities and all(e["resolution"] in RESOLUTIONS for e in entities)


@pytest.mark.parametrize("text", ["...", "a b c d e f g h i j k", "x" * 101])
def test_a_search_with_no_word_or_too_many_is_refused(text):
    with pytest.raises(FilterError):
        event_filters(text=text)


@pytest.mark.parametrize(
    "given, codes",
    [("CHN", ("CHN",)), ("China", ("CHN",)), ("chinese", ("CHN",)), ("Beijing", ("CHN",)), ("China,CHN", ("CHN",)),
     ("EU", ("EUR",)), ("UAE", ("ARE",)), ("uae", ("ARE",)), ("Kremlin", ("RUS",)), ("IGO", ("IGO",)),
     ("uk,France", ("GBR", "FRA")), ("NLD", ("NLD",))],  # NLD is the Netherlands, not Myanmar's party
)
def test_countries_are_taken_by_code_name_demonym_or_capital(given, codes):
    assert event_filters(actor=given).actor == codes


def test_a_year_or_month_is_a_period():
    f = event_filters(since="2021", until="2021-02")
    assert (f.since, f.until) == (dt.date(2021, 1, 1), dt.date(2021, 2, 28))
    assert event_filters(until="2020-12").until == dt.date(2020, 12, 31)
    assert event_filters(until="9999").until == dt.date(9999, 12, 31)


@pytest.mark.parametrize(
    "bad",
    [
        {"event_type": "SANCTIONS"},
        {"since": "2021-13-01"},
        {"until": "21-12-31"},
        {"actor": "Atlantis"},
        {"since": "2021-1"},
        {"until": "2021-13"},
        {"until": "2021-00"},
        {"context": "rights"},
        {"modality": "maybe"},
        {"min_sources": "two"},
        {"since": "2022-01-01", "until": "2021-01-01"},
    ],
)
def test_bad_filters_are_refused(bad):
    with pytest.raises(FilterError):
        event_filters(**bad)


def test_a_forged_page_token_is_refused(sample_con):
    with pytest.raises(FilterError):
        query_events(sample_con, after="not-a-token")


@pytest.mark.parametrize(
    "args",
    [("--type", "SANCTIONS"), ("--since", "2021-02-30"), ("--actor", "Atlantis"), ("--limit", "0"), ("--after", "x")],
)
def test_cli_bad_filter_exits_2_with_one_line(sample_db, run_cli, args):
    done = run_cli("events", "--db", str(sample_db), *args)
    assert done.returncode == 2
    assert done.stdout == b""
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_cli_events_quotes_actors_formats(sample_db, run_cli):
    done = run_cli("events", "--db", str(sample_db), "--actor", "CHN", "--type", "SANCTION", "--limit", "3")
    assert done.returncode == 0, done.stderr.decode()
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert 0 < len(rows) <= 3 and all(r["event_type"] == "SANCTION" for r in rows)
    table = run_cli("events", "--db", str(sample_db), "--format", "table", "--limit", "5").stdout.decode().splitlines()
    assert table[0].split()[:2] == ["date", "event_type"] and len(table) == 6
    quotes = run_cli("quotes", "--db", str(sample_db), "--speaker", "blinken", "--format", "csv").stdout.decode()
    parsed = list(csv.DictReader(quotes.splitlines()))
    assert parsed and all("Blinken" in q["speaker_name"] for q in parsed)
    actors = run_cli("actors", "--db", str(sample_db), "--country", "RUS").stdout.decode().splitlines()
    assert actors and all(json.loads(line)["country"] == "RUS" for line in actors)


def test_sql_is_read_only(sample_db, run_cli, tmp_path):
    before = table_counts(sample_db)
    done = run_cli("sql", "SELECT count(*) AS n FROM events", "--db", str(sample_db))
    assert done.returncode == 0 and json.loads(done.stdout) == {"n": before["events"]}
    for statement in ("DELETE FROM events", "DROP TABLE mentions", "INSERT INTO schema_version VALUES (9, 'x', now())"):
        done = run_cli("sql", statement, "--db", str(sample_db))
        assert done.returncode == 1, statement
        assert len(done.stderr.decode().strip().splitlines()) == 1
        assert "read-only" in done.stderr.decode()
    target = tmp_path / "leak.csv"
    done = run_cli("sql", f"COPY events TO '{target}'", "--db", str(sample_db))
    assert done.returncode == 1 and not target.exists()
    assert table_counts(sample_db) == before


# --- export ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_tables(sample_db, run_cli, tmp_path, fmt):
    out = tmp_path / fmt
    done = run_cli("export", "--db", str(sample_db), "--format", fmt, "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    counts = table_counts(sample_db)
    for table in ("events", "mentions", "quotes", "counts", "articles"):
        path = out / f"{table}.{fmt}"
        if fmt == "parquet":  # a folder per table, Hive-partitioned by year
            files = sorted((out / table).glob("year=*/*.parquet"))
            assert files and all(re.fullmatch(r"year=(\d{4}|__HIVE_DEFAULT_PARTITION__)", f.parent.name) for f in files)
            [(rows,)] = duckdb.connect().execute(
                "SELECT count(*) FROM read_parquet(?, hive_partitioning = false)", [[str(f) for f in files]]
            ).fetchall()
        elif fmt == "csv":
            with path.open(encoding="utf-8", newline="") as handle:
                rows = sum(1 for _ in csv.DictReader(handle))
        else:
            rows = sum(1 for _ in path.open(encoding="utf-8"))
        assert rows == counts[table], (table, fmt)
    if fmt == "parquet":
        con = duckdb.connect()
        [(mentions,)] = con.execute(
            "SELECT sum(num_mentions) FROM read_parquet(?)", [str(out / "events" / "**" / "*.parquet")]
        ).fetchall()
        assert mentions == counts["mentions"]
        printed = [json.loads(line)["file"] for line in done.stdout.decode().splitlines()]
        assert sorted(printed) == sorted(str(p) for p in out.rglob("*.parquet"))


def test_export_plover_and_polecat(sample_db, run_cli, tmp_path):
    counts = table_counts(sample_db)
    done = run_cli("export", "--db", str(sample_db), "--format", "plover", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr.decode()
    records = [json.loads(line) for line in (tmp_path / "events.plover.jsonl").open(encoding="utf-8")]
    assert len(records) == counts["events"]
    required = {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "event_text", "cite_info", "text_info"}
    for record in records:
        assert required <= record.keys()
        assert record["text_info"]["sentence"] and record["cite_info"]["doc_id"]

    done = run_cli("export", "--db", str(sample_db), "--format", "polecat", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr.decode()
    lines = (tmp_path / "events.polecat.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:6] == ["Event ID", "Event Date", "Event Type", "Event Mode", "Contexts", "Quad Code"]
    assert len(lines) == counts["events"] + 1 and all(len(line.split("\t")) == len(header) for line in lines)


def test_export_needs_a_connection_that_may_write_files(sample_con, tmp_path):
    with pytest.raises(duckdb.Error):  # a read-only query connection may not touch files
        export_ledger(sample_con, tmp_path, "parquet")


# --- the pure parts -------------------------------------------------------------------


def test_near_copy_passes_the_threshold_and_a_rewrite_does_not():
    assert similarity.jaccard(similarity.shingles(WIRE), similarity.shingles(SYNDICATED)) >= similarity.THRESHOLD
    assert similarity.jaccard(similarity.shingles(WIRE), similarity.shingles(OTHER_OUTLET)) < 0.2
    a = similarity.band_keys(similarity.minhash(similarity.shingles(WIRE)))
    b = similarity.band_keys(similarity.minhash(similarity.shingles(SYNDICATED)))
    assert set(a) & set(b)  # a candidate pair


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [("2021-12-03", "2021-12-03", "2021-12-03"), ("2021-12", "2021-12-01", "2021-12-31"),
     ("2020-02", "2020-02-01", "2020-02-29"), ("2019", "2019-01-01", "2019-12-31"), ("soon", None, None)],
)
def test_partial_dates_cover_their_period(value, first, last):
    start, end = merge.date_range(value)
    assert (start and start.isoformat(), end and end.isoformat()) == (first, last)


def test_the_sql_merge_test_passes_exactly_the_stored_mentions_a_rule_accepts():
    """merge.MAY_MERGE_SQL spares the writer the stored mentions no rule would merge; it
    must keep every one a rule accepts (or a merge is lost) and, to spare anything, drop
    the rest. Every pair of a small set of reports, with and without shared names."""
    evidence = [
        "China imposed sanctions on nine British lawmakers on Friday.",
        "On Friday China imposed sanctions on nine British lawmakers and two groups.",
        "Beijing sanctioned British lawmakers over their criticism of its policy in Xinjiang.",
        "The ministry said the lawmakers had spread lies.",
        "Sanctions were imposed.",
        "",
    ]
    names = [(), ("china",), ("china", "iain duncan smith"), ("beijing",)]
    triggers = ["imposed sanctions", "sanctioned", "sanctions", None]
    keys = [
        merge.MentionKey("SANCTION|asserted|CHN|GBR", None, None, trigger, merge.trigger_stem(trigger), name, text)
        for text in evidence for name in names for trigger in triggers
    ]
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE q (words VARCHAR[], trigger_stem VARCHAR, entity_names VARCHAR[])")
        con.execute("CREATE TABLE m (evidence_words VARCHAR, trigger_stem VARCHAR, entity_names VARCHAR[])")
        accepted = []
        for new in keys:
            con.execute("DELETE FROM q")
            con.execute("INSERT INTO q VALUES (?, ?, ?)", [sorted(merge.content_words(new.evidence)), new.trigger_stem, list(new.entity_names)])
            for stored in keys:
                con.execute("DELETE FROM m")
                con.execute("INSERT INTO m VALUES (?, ?, ?)",
                            [merge.evidence_words(stored.evidence), stored.trigger_stem, list(stored.entity_names)])
                [(in_sql,)] = con.execute(f"SELECT coalesce({merge.MAY_MERGE_SQL}, false) FROM q, m").fetchall()  # as WHERE reads it
                candidate = merge.Candidate("r", "e", stored.trigger, stored.trigger_stem, stored.entity_names, stored.evidence)
                in_python = merge.best_match(new, [candidate]) is not None
                assert in_sql == in_python, (new, stored)
                accepted.append(in_python)
        con.execute("UPDATE m SET evidence_words = NULL")  # stored before migration 12: always weighed
        assert con.execute(f"SELECT {merge.MAY_MERGE_SQL} FROM q, m").fetchall() == [(True,)]
    finally:
        con.close()
    assert 0 < sum(accepted) < len(accepted) / 2  # both answers were asked


@pytest.mark.parametrize(("a", "b"), [("sanctioned", "sanctions"), ("expelled", "expels"), ("imposed", "imposes")])
def test_trigger_stems_pair_word_forms(a, b):
    assert merge.trigger_stem(a) == merge.trigger_stem(b)


def test_records_keep_their_original_json(pipeline, tmp_path):
    db = tmp_path / "ledger.duckdb"
    item = article("wire-1", WIRE, "Meridian Wire")
    result = next(pipeline.process_batch([item]))
    ingest(pipeline, db, [item])
    con = open_ledger(db, read_only=True)
    try:
        stored = {r: json.loads(j) for r, j in con.execute("SELECT record_id, record_json FROM mentions").fetchall()}
    finally:
        con.close()
    assert stored == {e.id: to_dict(e) for e in result.events}


@pytest.fixture(scope="module")
def ledger_pipeline():
    """Coding for a ledger (ingest, watch): band and search keys made with the records."""
    from newsledger.pipeline import Pipeline
    from newsledger.settings import Settings

    return Pipeline(Settings(min_confidence=0.0, ledger_keys=True))


def test_a_batch_stores_what_one_article_at_a_time_stores(ledger_pipeline, pipeline, tmp_path):
    """The batch's lookups are asked once, in SQL (store.lookups); the ledger must come out
    as when every article is its own transaction: the same merges, near-duplicate links,
    renames and search words, whether the earlier copy is in the ledger or in the batch."""
    from newsledger.ingest import read_inputs

    sample = [a for a in read_inputs([str(SAMPLE)]) if not isinstance(a, InputError)][:30]
    copies = [dataclasses.replace(a, outlet="Second Outlet", doc_id=a.doc_id + "-copy") for a in sample[:10]]
    renamed = [dataclasses.replace(sample[3], outlet="Third Outlet")]  # same doc_id, other outlet
    articles = [article("wire-1", WIRE, "Meridian Wire"), article("wire-2", SYNDICATED, "Coastline Post"),
                article("other", OTHER_OUTLET, "Global Dispatch"), *sample, *copies, *renamed,
                article("wire-1", WIRE, "Meridian Wire")]  # stored already: skipped
    coded = [c for c in code_articles(ledger_pipeline, articles) if not isinstance(c, InputError)]
    assert all(result.bands and result.word_keys and result.lines for _, result in coded)  # band keys, search keys and lines come from the coder
    plain = [r for _, r in code_articles(pipeline, articles[:3])]  # extract's coding makes no ledger keys
    assert all(r.bands is None and r.word_keys is None and r.lines for r in plain)

    def ledger(name: str, batch_size: int, pairs: list = coded, forget_words: bool = False) -> dict[str, list]:
        con = open_ledger(tmp_path / name)
        try:
            stats = IngestStats()
            for batch in ingest_results(con, iter(pairs), batch_size=batch_size):
                stats.add(batch)
                if forget_words:  # as in a ledger stored before migration 12
                    con.execute("UPDATE mentions SET evidence_words = NULL")
            return {
                "stats": [stats.as_dict()],
                "articles": con.execute("SELECT doc_id, duplicate_of, similarity, source_key FROM articles ORDER BY 1").fetchall(),
                "events": con.execute("SELECT event_id, num_mentions, num_articles, num_sources, merge_rule, context, confidence "
                                      "FROM events ORDER BY 1").fetchall(),
                "event_actors": con.execute("SELECT * EXCLUDE (sector) FROM event_actors ORDER BY ALL").fetchall(),  # sector: a mode, ties unordered
                "mentions": con.execute("SELECT record_id, event_id, merge_rule, matched_record, match_score, record_json "
                                        "FROM mentions ORDER BY 1").fetchall(),
                "quotes": con.execute("SELECT quote_id, record_json FROM quotes ORDER BY 1").fetchall(),
                "counts": con.execute("SELECT count_id, event_id, record_json FROM counts ORDER BY 1").fetchall(),
                # a word of an event merged across batches may repeat
                "words": con.execute(" UNION ".join(f"SELECT DISTINCT '{k}', word_key, id FROM {word_table(k)}" for k in WORD_KINDS)
                                     + " ORDER BY ALL").fetchall(),
                "bands": con.execute("SELECT band_key, doc_id FROM article_bands ORDER BY ALL").fetchall(),
            }
        finally:
            con.close()

    one, whole = ledger("one.duckdb", 1), ledger("whole.duckdb", 1000)
    assert one == whole
    # stored mentions without their evidence words are all weighed in Python: the same merges
    assert ledger("old.duckdb", 1, forget_words=True) == one
    # results that come without them (coded elsewhere, or by an older coder): the store computes the same
    bare = [(a, dataclasses.replace(r, bands=None, word_keys=None, lines=None)) for a, r in coded]
    assert ledger("bare.duckdb", 1000, bare) == whole
    assert one["stats"][0]["near_duplicates"] >= 11 and one["stats"][0]["merged"] >= 10
    assert one["stats"][0]["renamed"] == 1 and one["stats"][0]["skipped"] == 1
    assert len(one["words"]) > 1000


def test_registered_columns_keep_a_late_value_after_a_thousand_empty_ones():
    """DuckDB guesses an object column's type from a sample: a batch whose first thousand
    `mode` lists are empty must still store a later non-empty one."""
    from newsledger.store.lookups import registered

    con = duckdb.connect()
    try:
        with registered(con, "_late", {"mode": [[]] * 4999 + [["military"]], "score": [None] * 4999 + [0.5]}) as view:
            rows = con.execute(f"SELECT mode::VARCHAR[], score::DOUBLE FROM {view} WHERE score IS NOT NULL").fetchall()
    finally:
        con.close()
    assert rows == [(["military"], 0.5)]
