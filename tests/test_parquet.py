"""The Parquet export as a ledger: a real ledger of the sample corpus exported with the
real `newsledger export --format parquet`, read back with DuckDB, opened with
open_parquet_ledger and served by a real `newsledger serve --parquet DIR` subprocess
beside one over the DuckDB file, compared answer for answer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE, SAMPLE_ARTICLES, build_ledger
from newsledger.store import LedgerError, export_ledger, open_ledger, open_parquet_ledger, run_sql
from newsledger.store.export import TABLES
from test_api import Server, all_events, call, ok  # the same `newsledger serve` subprocess as the API tests

PARTITION = re.compile(r"year=(\d{4}|__HIVE_DEFAULT_PARTITION__)")

# Each table's rows with the year they must be filed under (written apart from the export's own SQL).
WITH_YEAR = {
    "articles": "SELECT t.*, year(t.published) AS year FROM articles t",
    "events": "SELECT t.*, year(t.date_start) AS year FROM events t",
    "mentions": "SELECT t.*, year(t.published) AS year FROM mentions t",
    "entities": "SELECT t.*, (SELECT year(e.date_start) FROM events e WHERE e.event_id = t.event_id) AS year FROM entities t",
    "quotes": "SELECT t.*, (SELECT year(a.published) FROM articles a WHERE a.doc_id = t.doc_id) AS year FROM quotes t",
    "counts": "SELECT t.*, (SELECT year(a.published) FROM articles a WHERE a.doc_id = t.doc_id) AS year FROM counts t",
}


@pytest.fixture(scope="module")
def ledger(pipeline, tmp_path_factory) -> tuple[Path, Path]:
    """(the DuckDB ledger of the sample corpus, its Parquet export folder)."""
    base = tmp_path_factory.mktemp("parquet")
    db, out = base / "sample.duckdb", base / "dataset"
    articles, total = build_ledger(pipeline, [SAMPLE], db)
    assert total.articles == len(articles) == SAMPLE_ARTICLES and total.events > 50
    done = subprocess.run(
        [sys.executable, "-m", "newsledger", "export", "--db", str(db), "--format", "parquet", "--out", str(out)],
        capture_output=True, cwd=ROOT, timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode()
    return db, out


def files(out: Path, table: str) -> list[str]:
    return sorted(str(p) for p in (out / table).rglob("*.parquet"))


# --- the layout -----------------------------------------------------------------------


def test_each_table_is_a_folder_partitioned_by_year(ledger):
    db, out = ledger
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)  # no staging folder left
    con = open_ledger(db, read_only=True, files=True)
    try:
        for table in TABLES:
            found = [Path(f) for f in files(out, table)]
            assert found and all(PARTITION.fullmatch(f.parent.name) and f.parent.parent == out / table for f in found)
            # every row in the folder of its year (NULL: the default partition)
            filed = "SELECT * FROM read_parquet(?, hive_partitioning = true)"
            for a, b in ((WITH_YEAR[table], filed), (filed, WITH_YEAR[table])):
                [(extra,)] = con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})", [files(out, table)]).fetchall()
                assert extra == 0, (table, a)
        years = {Path(f).parent.name for f in files(out, "events")}
        assert len(years) > 1, years
        [(undated,)] = con.execute("SELECT count(*) FROM events WHERE date_start IS NULL").fetchall()
        assert ("year=__HIVE_DEFAULT_PARTITION__" in years) == (undated > 0)
    finally:
        con.close()


def test_read_back_each_table_equals_the_ledger_table(ledger):
    db, out = ledger
    con = open_ledger(db, read_only=True, files=True)
    try:
        for table in TABLES:
            back = "SELECT * FROM read_parquet(?, hive_partitioning = false)"
            by_glob = [str(out / table / "**" / "*.parquet")]
            columns = "SELECT column_name, column_type FROM (DESCRIBE {})"
            assert con.execute(columns.format(back), by_glob).fetchall() == con.execute(columns.format(table)).fetchall()
            [(rows,)] = con.execute(f"SELECT count(*) FROM {table}").fetchall()
            [(read,)] = con.execute(f"SELECT count(*) FROM ({back})", by_glob).fetchall()
            assert rows == read > 0, table
            stored = f"SELECT * FROM {table}"
            for a, b in ((stored, back), (back, stored)):
                [(extra,)] = con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})", by_glob).fetchall()
                assert extra == 0, (table, a)
    finally:
        con.close()


def test_rows_keep_the_export_order_within_each_file(ledger):
    _, out = ledger
    con = duckdb.connect()
    for table, order in TABLES.items():
        keys = ", ".join(part.split()[0] for part in order.split(","))
        for path in files(out, table):
            source = "read_parquet(?, hive_partitioning = false, file_row_number = true)"
            as_written = con.execute(f"SELECT {keys} FROM {source} ORDER BY file_row_number", [path]).fetchall()
            assert as_written == con.execute(f"SELECT {keys} FROM {source} ORDER BY {order}", [path]).fetchall(), path


def test_a_table_of_many_chunks_keeps_its_order_too(tmp_path):
    """DuckDB's partitioned writer interleaves chunks written by several threads."""
    db, out = tmp_path / "big.duckdb", tmp_path / "out"
    con = open_ledger(db)
    con.execute(
        """
        INSERT INTO events (event_id, event_type, modality, mode, context, date_start, actor_countries,
                            recipient_countries, actor, recipient, doc_id, num_mentions, num_articles, num_sources)
        SELECT md5(i::VARCHAR), 'SANCTION', 'asserted', [], [], DATE '2020-01-01' + (i % 1000)::INTEGER,
               [], [], '[]', '[]', 'd', 1, 1, 1
        FROM range(300000) r(i)
        """
    )
    con.close()
    con = open_ledger(db, read_only=True, files=True)
    try:
        con.execute("SET threads = 4")
        export_ledger(con, out, "parquet")
        assert con.execute("SELECT current_setting('threads')").fetchall() == [(4,)]  # given back
    finally:
        con.close()
    source = "read_parquet(?, hive_partitioning = false, file_row_number = true)"
    check = duckdb.connect()
    for path in files(out, "events"):
        [(unordered,)] = check.execute(
            f"SELECT count(*) FROM (SELECT (date_start, event_id) < lag((date_start, event_id)) OVER (ORDER BY file_row_number)"
            f" AS back FROM {source}) WHERE back",
            [path],
        ).fetchall()
        assert unordered == 0, path
    assert len(files(out, "events")) == 3


def test_export_again_replaces_each_table_folder_and_nothing_else(tmp_path):
    db, out = tmp_path / "empty.duckdb", tmp_path / "out"
    open_ledger(db).close()
    con = open_ledger(db, read_only=True, files=True)
    try:
        written = export_ledger(con, out, "parquet")
        # no rows, no partitions: one empty file per table keeps its columns
        assert sorted(written) == sorted(out / t / "data_0.parquet" for t in TABLES)
        stale = out / "events" / "year=1900"
        stale.mkdir()
        shutil.copy(out / "events" / "data_0.parquet", stale / "data_0.parquet")
        export_ledger(con, out, "parquet")
        assert not stale.exists()
        (out / "articles" / "notes.txt").write_text("mine", encoding="utf-8")
        with pytest.raises(FileExistsError, match="not a newsledger Parquet export"):
            export_ledger(con, out, "parquet")
        assert (out / "articles" / "notes.txt").exists()
    finally:
        con.close()
    (out / "articles" / "notes.txt").unlink()
    empty = open_parquet_ledger(out)
    try:
        assert all(empty.execute(f"SELECT count(*) FROM {t}").fetchall() == [(0,)] for t in TABLES)
    finally:
        empty.close()


# --- open_parquet_ledger ----------------------------------------------------------------


def test_open_refuses_a_missing_folder_table_or_column(ledger, tmp_path):
    _, out = ledger
    with pytest.raises(LedgerError, match="no Parquet ledger") as missing:
        open_parquet_ledger(tmp_path / "none")
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    shutil.rmtree(copy / "quotes")
    with pytest.raises(LedgerError, match="lacks the table.* quotes") as no_table:
        open_parquet_ledger(copy)
    shutil.copytree(out / "quotes", copy / "quotes")
    shutil.rmtree(copy / "counts")
    (copy / "counts").mkdir()
    duckdb.connect().execute("COPY (SELECT 'c1' AS count_id) TO ? (FORMAT parquet)", [str(copy / "counts" / "data_0.parquet")])
    with pytest.raises(LedgerError, match="counts lacks the column.* doc_id VARCHAR") as no_column:
        open_parquet_ledger(copy)
    assert all("\n" not in str(e.value) for e in (missing, no_table, no_column))


def test_sql_on_it_cannot_touch_another_file(ledger, tmp_path):
    _, out = ledger
    secret = tmp_path / "secret.csv"
    secret.write_text("token\nhunter2\n", encoding="utf-8")
    outside = tmp_path / "outside.parquet"
    shutil.copy(files(out, "events")[0], outside)
    from newsledger.api.app import create_app

    app = create_app(parquet=out)  # what `serve --parquet` runs
    try:
        with app.state.ledger.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM events").fetchall()[0][0] > 50
            refused = [
                ("SELECT * FROM read_csv(?)", [str(secret)]),
                ("SELECT * FROM read_text(?)", [str(secret)]),
                ("SELECT * FROM read_parquet(?)", [str(outside)]),
                ("SELECT * FROM read_parquet(?)", [str(out / ".." / "outside.parquet")]),
                ("SELECT * FROM glob(?)", [str(out / "**")]),
                ("COPY events TO ?", [str(tmp_path / "leak.csv")]),
                ("SET enable_external_access = true", []),
                ("SET allowed_directories = ['/']", []),
                ("SET lock_configuration = false", []),
            ]
            for sql, params in refused:
                with pytest.raises(duckdb.Error):
                    cur.execute(sql, params).fetchall()
        with pytest.raises(duckdb.Error, match="(?i)disabled|permission"):  # the store's user-SQL entry point
            run_sql(app.state.ledger.con, f"SELECT * FROM read_csv('{secret}')")
    finally:
        app.state.ledger.close()
    assert not (tmp_path / "leak.csv").exists()
    assert not [r for r in app.routes if "POST" in (getattr(r, "methods", None) or ())]


# --- the server -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers(ledger, tmp_path_factory):
    db, out = ledger
    logs = tmp_path_factory.mktemp("parquet-logs")
    over_db = Server(db, logs / "db.log")
    try:
        over_parquet = Server(None, logs / "parquet.log", "--parquet", str(out))
    except BaseException:
        over_db.stop()
        raise
    yield over_db, over_parquet
    for srv in (over_db, over_parquet):
        srv.stop()
        assert "Traceback" not in srv.output(), srv.output()
    assert "Parquet ledger" in over_parquet.output()


EVENT_QUERIES = [
    {}, {"limit": 500}, {"type": "SANCTION"}, {"actor": "CHN"}, {"actor": "USA", "recipient": "RUS"},
    {"since": "2022-01-01", "until": "2023-12-31"}, {"min_sources": 2}, {"modality": "asserted,negated"},
    {"context": "human_rights"},
]


def test_events_answer_as_over_the_duckdb_file(servers):
    over_db, over_parquet = servers
    for params in EVENT_QUERIES:
        assert ok(over_parquet, "/api/events", params) == ok(over_db, "/api/events", params), params
    events = all_events(over_db)
    assert all_events(over_parquet) == events and len(events) > 50  # the same pages and tokens
    for event in events:
        path = f"/api/events/{event['event_id']}"
        assert ok(over_parquet, path) == ok(over_db, path), path
    assert call(over_parquet, "/api/events/no-such-event") == call(over_db, "/api/events/no-such-event")


def test_articles_answer_as_over_the_duckdb_file(servers):
    over_db, over_parquet = servers
    listed = ok(over_db, "/api/articles", {"limit": 200})
    assert ok(over_parquet, "/api/articles", {"limit": 200}) == listed and len(listed["articles"]) == SAMPLE_ARTICLES
    for article in listed["articles"]:
        path = f"/api/articles/{article['doc_id']}"
        assert ok(over_parquet, path) == ok(over_db, path), path


@pytest.mark.parametrize("path, params", [
    ("/api/timeline", {}), ("/api/timeline", {"interval": "month", "by": "type"}),
    ("/api/timeline", {"interval": "day", "by": "quad", "actor": "CHN"}),
    ("/api/network", {}), ("/api/network", {"limit": 3}), ("/api/network", {"type": "SANCTION"}),
    ("/api/quotes", {"limit": 200}), ("/api/actors", {}), ("/api/stats", {}),
    ("/api/events", {"text": "sanctions", "limit": 200}), ("/api/quotes", {"text": "will", "limit": 200}),
    ("/api/articles", {"text": "embassy", "limit": 200}), ("/api/summary", {}), ("/api/summary", {"type": "ASSAULT"}),
])
def test_aggregates_answer_as_over_the_duckdb_file(servers, path, params):
    over_db, over_parquet = servers
    assert ok(over_parquet, path, params) == ok(over_db, path, params)


def test_the_explorer_page_is_served_too(servers):
    _, over_parquet = servers
    status, kind, page = call(over_parquet, "/")
    assert status == 200 and kind.startswith("text/html") and "<html" in page.lower()


# --- the command ------------------------------------------------------------------------


def test_serve_parquet_refuses_a_missing_folder_ingest_and_db(tmp_path):
    from newsledger.api.command import serve

    runner = CliRunner()
    missing = runner.invoke(serve, ["--parquet", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "no Parquet ledger" in missing.output
    assert len(missing.output.strip().splitlines()) == 1, missing.output
    ingest = runner.invoke(serve, ["--parquet", str(tmp_path), "--allow-ingest", "--token", "t"])
    assert ingest.exit_code == 2 and "--allow-ingest" in ingest.output
    both = runner.invoke(serve, ["--parquet", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert both.exit_code == 2 and "--db" in both.output
    assert not (tmp_path / "none").exists() and not (tmp_path / "x.duckdb").exists()
