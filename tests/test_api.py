"""HTTP API: a real ledger of the sample corpus, a real uvicorn server in a subprocess
(`newsledger serve`), and requests with the standard library only, to 127.0.0.1.

The ledger is built once per module with the store's ingest functions and the session
pipeline; the read-only server serves it, and a second server with --allow-ingest serves
a copy of it for the POST tests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE, SAMPLE_ARTICLES, build_ledger

SERVE = "from newsledger.api.command import serve; serve()"
TOKEN = "test-token-5b1c"
PATHS = (
    "/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{doc_id}", "/api/quotes",
    "/api/actors", "/api/timeline", "/api/network", "/api/summary", "/api/countries", "/api/map", "/api/codebook",
)
QUADS = {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- fixtures: a ledger and real servers ------------------------------------------------


@pytest.fixture(scope="module")
def api_db(pipeline, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("api") / "sample.duckdb"
    articles, total = build_ledger(pipeline, [SAMPLE], db)
    assert total.articles == len(articles) == SAMPLE_ARTICLES and total.events > 50
    return db


class Server:
    """`newsledger serve` in a subprocess on a free port (--port 0, read from its log);
    `db` None leaves --db out (to serve --parquet DIR, given in `args`)."""

    def __init__(self, db: Path | None, log: Path, *args: str, env: dict[str, str] | None = None, wait: float = 90) -> None:
        self.log = log
        self.handle = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, *(["--db", str(db)] if db is not None else []), "--port", "0", *args],
            stdout=self.handle, stderr=subprocess.STDOUT, cwd=ROOT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        )
        deadline = time.monotonic() + wait
        self.base = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"server exited with {self.proc.returncode}")
            found = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", self.output())
            if found:
                self.base = f"http://127.0.0.1:{found.group(1)}"
                try:
                    if call(self, "/openapi.json")[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.1)
        self.stop()
        self.fail(f"server not answering after {wait} s")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def fail(self, why: str) -> None:
        pytest.fail(f"{why}; its output:\n{self.output()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.handle.close()


@pytest.fixture(scope="module")
def server(api_db, tmp_path_factory):
    srv = Server(api_db, tmp_path_factory.mktemp("logs") / "server.log")
    yield srv
    srv.stop()
    assert "Traceback" not in srv.output(), srv.output()  # no request crashed the server


@pytest.fixture(scope="module")
def ingest_server(api_db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("rw") / "copy.duckdb"
    shutil.copy(api_db, copy)
    srv = Server(copy, copy.with_suffix(".log"), "--allow-ingest", env={"NEWSLEDGER_API_TOKEN": TOKEN})
    yield srv
    srv.stop()
    assert "Traceback" not in srv.output(), srv.output()


def call(srv: Server, path: str, params=None, *, method: str = "GET", body=None, headers=None):
    """(status, content type, parsed JSON or text) of one request."""
    url = srv.base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with _NO_PROXY.open(request, timeout=60) as response:
            status, kind, raw = response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as exc:
        status, kind, raw = exc.code, exc.headers.get("content-type", ""), exc.read()
    text = raw.decode("utf-8")
    return status, kind, json.loads(text) if kind.startswith("application/json") else text


def ok(srv: Server, path: str, params=None) -> dict:
    status, kind, body = call(srv, path, params)
    assert status == 200 and kind.startswith("application/json"), (path, params, status, body)
    assert body["ok"] is True, body
    return body


def assert_error(answer, status: int, code: str | None = None) -> dict:
    got, kind, body = answer
    assert got == status, answer
    assert kind.startswith("application/json"), answer
    assert set(body) == {"ok", "error"} and body["ok"] is False, body
    assert set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"], body
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def all_events(srv: Server, params=None, limit: int = 7) -> list[dict]:
    """Every event matching `params`, following the `next` tokens."""
    rows, after, pages = [], None, 0
    while True:
        page = ok(srv, "/api/events", {**(params or {}), "limit": limit, **({"after": after} if after else {})})
        rows += page["events"]
        pages += 1
        assert pages < 1000
        after = page["next"]
        if after is None:
            return rows


def db_rows(db: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# --- reads ------------------------------------------------------------------------------


def test_every_endpoint_answers_json_with_ok_true(server):
    event_id = ok(server, "/api/events", {"limit": 1})["events"][0]["event_id"]
    doc_id = ok(server, "/api/articles", {"limit": 1})["articles"][0]["doc_id"]
    answers = {
        "/api/events": ok(server, "/api/events")["events"],
        f"/api/events/{event_id}": ok(server, f"/api/events/{event_id}")["event"],
        "/api/articles": ok(server, "/api/articles")["articles"],
        f"/api/articles/{doc_id}": ok(server, f"/api/articles/{doc_id}")["article"],
        "/api/quotes": ok(server, "/api/quotes")["quotes"],
        "/api/actors": ok(server, "/api/actors")["actors"],
        "/api/timeline": ok(server, "/api/timeline")["periods"],
        "/api/network": ok(server, "/api/network")["edges"],
        "/api/stats": ok(server, "/api/stats")["stats"],
    }
    assert all(answers.values()), [path for path, found in answers.items() if not found]


def test_event_filters_select_only_matching_events(server, api_db):
    events = all_events(server, {"type": "SANCTION", "actor": "CHN"})
    assert events
    assert all(e["event_type"] == "SANCTION" and "CHN" in e["actor_countries"] for e in events)
    [(expected,)] = db_rows(
        api_db, "SELECT count(*) FROM events WHERE event_type = 'SANCTION' AND list_contains(actor_countries, 'CHN')"
    )
    assert len(events) == expected
    # repeated or comma-separated values: any of them (a comma is OR), as for types
    either = all_events(server, {"actor": ["USA", "GBR"]})
    assert either == all_events(server, {"actor": "USA,GBR"})
    everything = all_events(server, limit=500)
    assert {e["event_id"] for e in either} == {
        e["event_id"] for e in everything if {"USA", "GBR"} & set(e["actor_countries"])}
    assert len(either) > len(all_events(server, {"actor": "USA"}))
    contexts = all_events(server, {"context": "economic,military"})
    assert {e["event_id"] for e in contexts} == {
        e["event_id"] for e in everything if {"economic", "military"} & set(e["context"])}
    # involving is a pair: both countries, either side
    pair = all_events(server, {"involving": "USA,GBR"})
    assert {e["event_id"] for e in pair} == {
        e["event_id"] for e in everything if {"USA", "GBR"} <= set(e["actor_countries"]) | set(e["recipient_countries"])}
    since = all_events(server, {"since": "2023-01-01", "min_sources": 1})
    assert since and all(e["date"] >= "2023" for e in since)


def test_pagination_visits_every_event_exactly_once(server, api_db):
    events = all_events(server, limit=7)
    ids = [e["event_id"] for e in events]
    stored = sorted(row[0] for row in db_rows(api_db, "SELECT event_id FROM events"))
    assert len(stored) > 50
    assert len(ids) == len(set(ids)) == len(stored) and sorted(ids) == stored
    dated = [e["date"] for e in events if e["date"]]
    assert dated == sorted(dated, key=lambda d: d[:4])  # by date (at least by year), undated last
    first = ok(server, "/api/events", {"limit": 7})
    assert first["next"] and len(first["events"]) == 7


def test_event_by_id_has_its_mentions_and_evidence(server, api_db):
    [(event_id, doc_id, evidence)] = db_rows(
        api_db,
        "SELECT event_id, doc_id, evidence FROM events WHERE event_type = 'SANCTION' "
        "AND list_contains(actor_countries, 'CHN') AND list_contains(recipient_countries, 'GBR') LIMIT 1",
    )
    event = ok(server, f"/api/events/{event_id}")["event"]
    assert event["event_id"] == event_id and event["evidence"] == evidence
    assert event["mentions"] and event["mentions"][0]["doc_id"] == doc_id
    mention = event["mentions"][0]
    text = ok(server, f"/api/articles/{doc_id}")["article"]["text"]
    assert text[mention["evidence_start"]:mention["evidence_end"]] == mention["evidence"]
    assert mention["record"]["id"] == mention["record_id"]
    assert isinstance(event["counts"], list)


def test_article_by_id_has_text_and_offsets_that_slice_to_its_spans(server):
    articles = ok(server, "/api/articles", {"limit": 200})["articles"]
    assert len(articles) == SAMPLE_ARTICLES
    seen = {"events": 0, "entities": 0, "quotes": 0, "counts": 0}
    for summary in articles:
        found = ok(server, "/api/articles/" + urllib.parse.quote(summary["doc_id"]))
        article, text = found["article"], found["article"]["text"]
        assert article["doc_id"] == summary["doc_id"] and len(text) == article["chars"]
        assert len(found["events"]) == article["num_events"] and len(found["quotes"]) == article["num_quotes"]
        for event in found["events"]:
            assert text[event["evidence_start"]:event["evidence_end"]] == event["evidence"]
            assert text[event["trigger_start"]:event["trigger_end"]] == event["trigger"]
        for entity in found["entities"]:
            assert text[entity["start"]:entity["end"]] == entity["text"]
        for quote in found["quotes"]:
            assert text[quote["start"]:quote["end"]] == quote["content"]
        for count in found["counts"]:
            assert text[count["start"]:count["end"]] == count["text"]
        for key in seen:
            seen[key] += len(found[key])
    assert all(seen.values()), seen


def test_articles_page_through_every_article(server):
    ids, after = [], None
    while True:
        page = ok(server, "/api/articles", {"limit": 4, **({"after": after} if after else {})})
        ids += [a["doc_id"] for a in page["articles"]]
        assert all("text" not in a for a in page["articles"])
        after = page["next"]
        if after is None:
            break
    assert len(ids) == len(set(ids)) == SAMPLE_ARTICLES


def test_quotes_and_actors_filters(server):
    quotes = ok(server, "/api/quotes", {"country": "GBR", "limit": 100})["quotes"]
    assert quotes and all(q["speaker_country"] == "GBR" for q in quotes)
    outlet = quotes[0]["outlet"]
    by_outlet = ok(server, "/api/quotes", {"outlet": outlet.upper(), "limit": 200})["quotes"]
    assert by_outlet and all(q["outlet"] == outlet for q in by_outlet)
    actors = ok(server, "/api/actors", {"country": "CHN", "limit": 3})["actors"]
    assert 0 < len(actors) <= 3 and all(a["country"] == "CHN" for a in actors)
    assert actors == sorted(actors, key=lambda a: -a["events"])


def test_involving_is_a_country_pair_in_either_direction(server):
    pair = all_events(server, {"involving": "CHN,GBR"}, limit=100)
    assert pair and all({"CHN", "GBR"} <= set(e["actor_countries"]) | set(e["recipient_countries"]) for e in pair)
    directions = {(tuple(e["actor_countries"]), tuple(e["recipient_countries"])) for e in pair}
    assert any("GBR" in a and "CHN" in r for a, r in directions) and any("CHN" in a and "GBR" in r for a, r in directions)
    one_way = all_events(server, {"actor": "GBR", "recipient": "CHN"}, 100) + all_events(server, {"actor": "CHN", "recipient": "GBR"}, 100)
    assert {e["event_id"] for e in one_way} <= {e["event_id"] for e in pair}
    week = ok(server, "/api/timeline", {"interval": "week", "involving": "CHN,GBR"})
    assert week["total"] == len(pair)


def test_the_countries_the_filters_take_are_listed(server):
    countries = {c["code"]: c for c in ok(server, "/api/countries")["countries"]}
    assert countries["CHN"]["name"] == "China" and {"chinese", "beijing"} <= set(countries["CHN"]["also"])
    assert countries["EUR"]["name"] == "European Union" and "eu" in countries["EUR"]["also"]
    for code, row in list(countries.items())[:40]:  # every listed word is one the filters take
        for word in [w for w in [row["name"], *row["also"][:3]] if "," not in w]:  # a comma separates values
            assert ok(server, "/api/events", {"actor": word, "limit": 1})["ok"], (code, word)


def test_countries_by_name_and_periods_by_year_or_month(server):
    by_code = all_events(server, {"actor": "CHN"}, limit=100)
    assert by_code and all_events(server, {"actor": "China"}, limit=100) == by_code
    assert all_events(server, {"actor": "Chinese"}, limit=100) == by_code
    days = all_events(server, {"since": "2021-03-01", "until": "2021-12-31"}, limit=100)
    assert days and all_events(server, {"since": "2021-03", "until": "2021"}, limit=100) == days
    status, _, body = call(server, "/api/events", {"actor": "Atlantis"})
    assert status == 400 and "Atlantis" in body["error"]["message"]


def test_text_search_over_events_quotes_and_articles(server, api_db, run_cli):
    events = all_events(server, {"text": "sanctions"}, limit=100)
    assert events and all_events(server, {"text": "SANCTIONS"}, limit=100) == events
    narrower = all_events(server, {"text": "sanctions", "actor": "USA"}, limit=100)
    assert {e["event_id"] for e in narrower} <= {e["event_id"] for e in events}
    done = run_cli("events", "--db", str(api_db), "--text", "sanctions", "--limit", "1000")
    assert done.returncode == 0 and [json.loads(line)["event_id"] for line in done.stdout.splitlines()] == [
        e["event_id"] for e in events]
    quotes = ok(server, "/api/quotes", {"text": "will", "limit": 500})["quotes"]
    assert quotes and all("will" in (q["content"] + " " + (q["speaker_name"] or "")).lower() for q in quotes)
    articles = ok(server, "/api/articles", {"text": "embassy", "limit": 500})["articles"]
    assert articles and len(articles) < len(ok(server, "/api/articles", {"limit": 500})["articles"])
    assert_error(call(server, "/api/events", {"text": "..."}), 400, "invalid_parameter")


def raw(srv: Server, path: str, params: dict) -> tuple[int, dict, bytes]:
    """Status, headers and body bytes of one GET."""
    url = srv.base + path + "?" + urllib.parse.urlencode(params)
    with _NO_PROXY.open(urllib.request.Request(url), timeout=60) as response:
        return response.status, dict(response.headers), response.read()


def test_any_list_comes_as_json_csv_or_parquet_with_the_same_rows_and_pages(server, tmp_path):
    import csv
    import io

    params = {"actor": "CHN", "limit": 5}
    page = ok(server, "/api/events", params)
    status, headers, body = raw(server, "/api/events", {**params, "format": "csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert headers["content-disposition"] == 'attachment; filename="events.csv"'
    assert headers.get("x-next-page") == page["next"] and headers["x-content-type-options"] == "nosniff"
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [r["event_id"] for r in table] == [e["event_id"] for e in page["events"]]
    assert [r["actor"] for r in table] == ["; ".join(a["name"] for a in e["actor"]) for e in page["events"]]
    second = raw(server, "/api/events", {**params, "format": "csv", "after": headers["x-next-page"]})[2].decode()
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(second))] == [
        e["event_id"] for e in ok(server, "/api/events", {**params, "after": page["next"]})["events"]]
    status, headers, body = raw(server, "/api/events", {**params, "format": "parquet"})
    assert status == 200 and headers["content-type"] == "application/vnd.apache.parquet"
    (tmp_path / "events.parquet").write_bytes(body)
    rows = duckdb.sql(f"SELECT event_id, actor_countries FROM '{tmp_path / 'events.parquet'}'").fetchall()
    assert rows == [(e["event_id"], e["actor_countries"]) for e in page["events"]]
    (tmp_path / "articles.parquet").write_bytes(raw(server, "/api/articles", {"limit": 50, "format": "parquet"})[2])
    types = dict(duckdb.sql(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{tmp_path / 'articles.parquet'}')").fetchall())
    assert "NULL" not in " ".join(types.values())  # a column null on the whole page is text, not "NULL"
    for path, key in (("/api/quotes", "quotes"), ("/api/articles", "articles"), ("/api/actors", "actors")):
        listed = ok(server, path, {"limit": 7})[key]
        got = list(csv.DictReader(io.StringIO(raw(server, path, {"limit": 7, "format": "CSV"})[2].decode())))
        assert len(got) == len(listed) > 0, path
    assert_error(call(server, "/api/events", {"format": "xlsx"}), 400, "invalid_parameter")


def test_an_empty_page_still_names_its_columns(server, api_db, run_cli, tmp_path):
    import csv
    import io

    nothing = {"text": "zzyzxnotaword", "limit": 5}
    for path, key, params in (("/api/events", "events", nothing), ("/api/quotes", "quotes", nothing),
                              ("/api/articles", "articles", nothing), ("/api/actors", "actors", {"country": "ATA"})):
        assert ok(server, path, params)[key] == []
        header = next(csv.reader(io.StringIO(raw(server, path, {**params, "format": "csv"})[2].decode())))
        full = list(csv.DictReader(io.StringIO(raw(server, path, {"limit": 3, "format": "csv"})[2].decode())))
        assert header == list(full[0]), path  # the same columns as a page with rows
        (tmp_path / f"{key}.parquet").write_bytes(raw(server, path, {**params, "format": "parquet"})[2])
        described = duckdb.sql(f"SELECT column_name FROM (DESCRIBE SELECT * FROM '{tmp_path / f'{key}.parquet'}')").fetchall()
        assert [c for (c,) in described] == header, path
    done = run_cli("events", "--db", str(api_db), "--text", "zzyzxnotaword", "--format", "csv")
    assert done.returncode == 0 and done.stdout.decode().splitlines()[0].split(",") == header_of(server, "/api/events")


def header_of(server, path: str) -> list[str]:
    import csv
    import io

    return next(csv.reader(io.StringIO(raw(server, path, {"limit": 1, "format": "csv"})[2].decode())))


def test_the_cli_takes_involving_as_the_api_does(server, api_db, run_cli):
    api = {e["event_id"] for e in all_events(server, {"involving": "CHN,GBR"}, limit=100)}
    for args in (["--involving", "CHN,GBR"], ["--involving", "GBR", "--involving", "CHN"], ["--involving", "China,UK"]):
        done = run_cli("events", "--db", str(api_db), *args, "--limit", "1000")
        assert done.returncode == 0, done.stderr
        assert {json.loads(line)["event_id"] for line in done.stdout.splitlines()} == api
    refused = run_cli("events", "--db", str(api_db), "--involving", "Atlantis")
    assert refused.returncode == 2 and b"involving" in refused.stderr


def test_timeline_counts_every_matching_event_once(server):
    total = len(all_events(server, limit=500))
    week = ok(server, "/api/timeline", {"interval": "week", "by": "type"})
    assert week["interval"] == "week" and week["by"] == "type"
    assert week["total"] == total
    assert sum(p["total"] for p in week["periods"]) + week["undated"] + week["imprecise"] == total
    periods = [p["period"] for p in week["periods"]]
    assert periods == sorted(periods) and len(periods) == len(set(periods))
    for period in week["periods"]:
        assert dt.date.fromisoformat(period["period"]).weekday() == 0  # ISO weeks start on Monday
        assert sum(period["counts"].values()) == period["total"]
        assert set(period["counts"]) <= set(week["keys"])

    sanctions = all_events(server, {"type": "SANCTION", "since": "2021-01-01", "until": "2021-12-31"})
    day = ok(server, "/api/timeline", {"interval": "day", "by": "quad", "type": "SANCTION",
                                      "since": "2021-01-01", "until": "2021-12-31"})
    assert day["total"] == len(sanctions) > 0
    assert {k for p in day["periods"] for k in p["counts"]} == {"material_conflict"} and set(day["keys"]) <= QUADS
    exact_days = [e["date"] for e in sanctions if len(e["date"] or "") == 10]
    assert sorted(p["period"] for p in day["periods"] for _ in range(p["total"])) == sorted(exact_days)


def test_the_summary_counts_what_the_filters_select(server):
    everything = all_events(server, limit=500)
    whole = ok(server, "/api/summary")["summary"]
    assert whole["totals"]["events"] == len(everything)
    assert whole["types"][0]["events"] == max(
        sum(e["event_type"] == t for e in everything) for t in {e["event_type"] for e in everything})
    chinese = [e for e in everything if "CHN" in e["actor_countries"]]
    assert {"country": "CHN", "events": len(chinese)} in whole["actors"]
    assaults = ok(server, "/api/summary", {"type": "ASSAULT", "top": 3})["summary"]
    assert assaults["totals"]["events"] == sum(e["event_type"] == "ASSAULT" for e in everything)
    assert assaults["types"] == [{"type": "ASSAULT", "events": assaults["totals"]["events"]}]
    assert len(assaults["actors"]) <= 3 and assaults["counted"]
    killed = next(c for c in assaults["counted"] if c["kind"] == "killed")
    assert killed["total"] > 0 and killed["events"] <= assaults["totals"]["events"]
    assert_error(call(server, "/api/summary", {"top": "500"}), 400, "invalid_parameter")


SORT_KEYS = {
    "type": lambda e: e["event_type"],
    "modality": lambda e: e["modality"],
    "actor": lambda e: ",".join(e["actor_countries"]),
    "sources": lambda e: e["num_sources"],
    "confidence": lambda e: e["confidence"] or 0.0,
    "outlet": lambda e: (e["outlet"] or "").lower(),
}


@pytest.mark.parametrize("column", sorted(SORT_KEYS))
def test_every_column_sorts_on_the_server_both_ways_across_pages(server, column):
    everything = all_events(server, limit=500)
    key = SORT_KEYS[column]
    for prefix, reverse in (("", False), ("-", True)):
        got = all_events(server, {"sort": prefix + column}, limit=9)
        assert sorted(e["event_id"] for e in got) == sorted(e["event_id"] for e in everything)  # each once
        assert [key(e) for e in got] == sorted((key(e) for e in everything), reverse=reverse)
        ties = [e["event_id"] for e in got if key(e) == key(got[0])]
        assert ties == sorted(ties, reverse=reverse)  # then by id, the same way


def test_newest_first_keeps_undated_events_last_and_counts_the_total(server):
    newest = all_events(server, {"sort": "-date", "type": "SANCTION"}, limit=5)
    dates = [e["date"][:10] if e["date"] else None for e in newest]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated
    first = ok(server, "/api/events", {"sort": "-date", "type": "SANCTION", "limit": 2, "count": "true"})
    assert first["total"] == len(newest) and "total" not in ok(server, "/api/events", {"limit": 2})
    assert_error(call(server, "/api/events", {"sort": "-date", "after": first["next"][:-3]}), 400)
    other = ok(server, "/api/events", {"sort": "type", "limit": 2})["next"]
    assert_error(call(server, "/api/events", {"sort": "-date", "after": other}), 400, "invalid_parameter")
    reverse = ok(server, "/api/events", {"sort": "-type", "limit": 2})["next"]
    assert_error(call(server, "/api/events", {"sort": "type", "after": reverse}), 400, "invalid_parameter")
    assert_error(call(server, "/api/events", {"count": "maybe"}), 400, "invalid_parameter")
    assert all_events(server, {"sort": "evidence"}, limit=3)  # long sentences make no token too long
    assert_error(call(server, "/api/events", {"sort": "price"}), 400, "invalid_parameter")


def test_articles_take_event_filters_and_come_newest_first(server, api_db):
    chinese = ok(server, "/api/articles", {"actor": "China", "type": "SANCTION", "limit": 500})["articles"]
    [(expected,)] = db_rows(api_db, """SELECT count(DISTINCT m.doc_id) FROM mentions m JOIN events e USING (event_id)
        WHERE list_contains(e.actor_countries, 'CHN') AND e.event_type = 'SANCTION'""")
    assert len(chinese) == expected > 0
    newest = []
    after = None
    while True:
        page = ok(server, "/api/articles", {"sort": "-published", "limit": 7, **({"after": after} if after else {})})
        newest += page["articles"]
        after = page["next"]
        if not after:
            break
    dated = [a["published"] for a in newest if a["published"]]
    assert dated == sorted(dated, reverse=True) and [a["published"] for a in newest[: len(dated)]] == dated
    assert len({a["doc_id"] for a in newest}) == len(newest) == len(ok(server, "/api/articles", {"limit": 500})["articles"])
    assert_error(call(server, "/api/articles", {"sort": "title"}), 400, "invalid_parameter")
    oldest = ok(server, "/api/articles", {"limit": 3})["next"]
    assert_error(call(server, "/api/articles", {"sort": "-published", "after": oldest}), 400, "invalid_parameter")


def test_the_map_counts_countries_by_role_and_located_places(server):
    everything = all_events(server, limit=500)
    for role, sides in (("actor", ("actor_countries",)), ("recipient", ("recipient_countries",)),
                        ("either", ("actor_countries", "recipient_countries"))):
        found = ok(server, "/api/map", {"role": role})
        expected = {}
        for e in everything:
            for code in {c for side in sides for c in e[side]}:
                expected[code] = expected.get(code, 0) + 1
        assert {c["code"]: c["events"] for c in found["countries"]} == expected
    located = [e["location"] for e in everything if e["location"] and e["location"].get("lat") is not None]
    points = ok(server, "/api/map")["points"]
    assert sum(p["events"] for p in points) == len(located) > 0
    assert all(p["lat"] == l["lat"] and p["lon"] == l["lon"] for l in located for p in points if p["place"] == l["text"])
    assert ok(server, "/api/map")["numeric"]["156"] == "CHN"  # world-atlas names shapes by ISO numeric id
    assert ok(server, "/api/map", {"type": "ASSAULT", "points": "0"})["points"] == []
    assert_error(call(server, "/api/map", {"role": "victim"}), 400, "invalid_parameter")
    assert_error(call(server, "/api/map", {"points": "5000"}), 400, "invalid_parameter")


def test_the_network_exports_as_graphml_and_gexf_with_the_same_edges(server):
    from xml.etree import ElementTree as ET

    found = ok(server, "/api/network", {"limit": 40})
    edges = {(e["source"], e["target"]): e["events"] for e in found["edges"]}
    ends = {n for pair in edges for n in pair}
    status, kind, body = call(server, "/api/network", {"limit": 40, "format": "graphml"})
    assert status == 200 and kind.startswith("application/graphml+xml")
    g = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.fromstring(body.encode())
    graph = root.find(f"{g}graph")
    assert {n.get("id") for n in graph.findall(f"{g}node")} == ends
    assert {(e.get("source"), e.get("target")): int(e.find(f"{g}data[@key='weight']").text)
            for e in graph.findall(f"{g}edge")} == edges
    status, kind, body = call(server, "/api/network", {"limit": 40, "format": "gexf"})
    assert status == 200 and kind.startswith("application/gexf+xml")
    x = "{http://gexf.net/1.3}"
    root = ET.fromstring(body.encode())
    assert {(e.get("source"), e.get("target")): int(e.get("weight")) for e in root.iter(f"{x}edge")} == edges
    assert {n.get("id") for n in root.iter(f"{x}node")} == ends
    assert_error(call(server, "/api/network", {"format": "dot"}), 400, "invalid_parameter")


def test_network_edges_count_the_events_behind_them(server):
    found = ok(server, "/api/network", {"limit": 5})
    edges = found["edges"]
    assert 0 < len(edges) <= 5 and found["edge_count"] >= len(edges) and found["truncated"] == (found["edge_count"] > 5)
    assert [e["events"] for e in edges] == sorted((e["events"] for e in edges), reverse=True)
    for edge in edges[:3]:
        assert re.fullmatch(r"[A-Z]{3}", edge["source"]) and re.fullmatch(r"[A-Z]{3}", edge["target"])
        behind = all_events(server, {"actor": edge["source"], "recipient": edge["target"]}, limit=100)
        assert len(behind) == edge["events"]
        assert edge["mean_score"] == pytest.approx(sum(e["score"] for e in behind) / len(behind), abs=1e-3)
    filtered = ok(server, "/api/network", {"type": "SANCTION"})["edges"]
    assert filtered and sum(e["events"] for e in filtered) < sum(e["events"] for e in ok(server, "/api/network")["edges"])


def test_concurrent_requests_each_get_their_own_cursor(server):
    from concurrent.futures import ThreadPoolExecutor

    paths = [("/api/events", {"type": "ACCUSE"}), ("/api/timeline", {"by": "type"}), ("/api/network", {}),
             ("/api/quotes", {"limit": 20}), ("/api/actors", {}), ("/api/articles", {"limit": 10})] * 8
    expected = [ok(server, path, params) for path, params in paths[:6]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda item: ok(server, *item), paths))
    assert answers == expected * 8


def duckdb_reads(memory_limit: str) -> str:
    """How DuckDB states a memory limit it was given (e.g. 512MB as '488.2 MiB')."""
    con = duckdb.connect(config={"memory_limit": memory_limit})
    try:
        return con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    finally:
        con.close()


def test_the_server_caps_duckdb_memory_and_threads(server, api_db, tmp_path):
    """DuckDB alone would take 80% of the machine's memory and every core; the server
    has documented defaults and options, and says what it runs with."""
    from newsledger.api.command import SERVER_MEMORY, SERVER_THREADS, serve

    assert ok(server, "/api/stats")["limits"] == {"memory_limit": duckdb_reads(SERVER_MEMORY), "threads": SERVER_THREADS}
    capped = Server(api_db, tmp_path / "capped.log", "--memory-limit", "300MB", "--threads", "1")
    try:
        body = ok(capped, "/api/stats")
        assert body["limits"] == {"memory_limit": duckdb_reads("300MB"), "threads": 1}
        assert body["stats"] == ok(server, "/api/stats")["stats"]
    finally:
        capped.stop()
    runner = CliRunner()
    for option, value in (("--memory-limit", "lots"), ("--memory-limit", "0GB"), ("--threads", "0")):
        refused = runner.invoke(serve, ["--db", str(api_db), option, value])
        assert refused.exit_code == 2 and option in refused.output


# --- errors -----------------------------------------------------------------------------


def test_every_error_has_one_shape_and_status(server):
    assert_error(call(server, "/api/no-such-thing"), 404, "not_found")
    assert "no event" in assert_error(call(server, "/api/events/0000000000000000"), 404, "not_found")["message"]
    assert_error(call(server, "/api/articles/no-such-article"), 404, "not_found")
    assert "type" in assert_error(call(server, "/api/events", {"type": "BOMBARD"}), 400, "invalid_parameter")["message"]
    assert "since" in assert_error(call(server, "/api/events", {"since": "2021-02-30"}), 400, "invalid_parameter")["message"]
    assert_error(call(server, "/api/events", {"limit": "many"}), 400, "invalid_parameter")
    assert_error(call(server, "/api/events", {"after": "not-a-token"}), 400, "invalid_parameter")
    assert_error(call(server, "/api/timeline", {"interval": "decade"}), 400, "invalid_parameter")
    assert_error(call(server, "/api/quotes", {"until": "yesterday"}), 400, "invalid_parameter")
    assert "typ" in assert_error(call(server, "/api/events", {"typ": "SANCTION"}), 422, "validation_error")["message"]
    assert_error(call(server, "/api/events", method="DELETE"), 405, "method_not_allowed")


def test_unexpected_errors_have_the_shape_too(api_db, tmp_path):
    broken = tmp_path / "broken.duckdb"
    shutil.copy(api_db, broken)
    con = duckdb.connect(str(broken))
    [(event_id,)] = con.execute("SELECT event_id FROM events LIMIT 1").fetchall()
    con.execute("DROP TABLE counts")  # a ledger the event route cannot read completely
    con.close()
    srv = Server(broken, tmp_path / "broken.log")
    try:
        error = assert_error(call(srv, f"/api/events/{event_id}"), 500, "ledger_error")
        assert "counts" in error["message"]
        assert ok(srv, "/api/events", {"limit": 1})["events"]  # the server lives on
    finally:
        srv.stop()


def test_user_strings_are_bound_not_spliced(server, api_db):
    before = db_rows(api_db, "SELECT count(*) FROM events")
    assert ok(server, "/api/quotes", {"speaker": "x'); DROP TABLE events; --"})["quotes"] == []
    assert_error(call(server, "/api/events", {"actor": "CHN' OR '1'='1"}), 400, "invalid_parameter")
    assert ok(server, "/api/articles", {"outlet": "' OR 1=1 --"})["articles"] == []
    assert_error(call(server, "/api/events/" + urllib.parse.quote("' OR '1'='1")), 404, "not_found")
    assert db_rows(api_db, "SELECT count(*) FROM events") == before


# --- read-only --------------------------------------------------------------------------


def test_read_only_server_refuses_post_and_cannot_write(server, api_db, tmp_path):
    error = assert_error(call(server, "/api/articles", method="POST", body={"id": "x", "text": "y"}), 405)
    assert "--allow-ingest" in error["message"]
    schema = ok_json(server, "/openapi.json")
    assert "post" not in schema["paths"]["/api/articles"]

    from newsledger.api.app import create_app

    app = create_app(api_db)  # what the server runs: the route is not mounted at all ...
    assert not [r for r in app.routes if "POST" in (getattr(r, "methods", None) or ())]
    with app.state.ledger.cursor() as cur:  # ... and its connection refuses writes
        with pytest.raises(duckdb.Error, match="(?i)read.only"):
            cur.execute("DELETE FROM events")
        with pytest.raises(duckdb.Error):
            cur.execute("COPY events TO ?", [str(tmp_path / "out.csv")])
    app.state.ledger.close()
    assert not (tmp_path / "out.csv").exists()
    assert db_rows(api_db, "SELECT count(*) FROM events")[0][0] > 50


def ok_json(srv: Server, path: str) -> dict:
    status, kind, body = call(srv, path)
    assert status == 200 and kind.startswith("application/json"), (status, body)
    return body


# --- docs -------------------------------------------------------------------------------


def test_openapi_lists_the_paths(server):
    schema = ok_json(server, "/openapi.json")
    assert set(PATHS) <= set(schema["paths"])
    events = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "recipient", "since", "until", "context", "modality", "min_sources", "limit", "after"} <= events


def test_docs_page_works_offline(server):
    status, kind, page = call(server, "/docs")
    assert status == 200 and kind.startswith("text/html")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(", page, re.I)
    for path in PATHS:
        assert path in page, path
    assert_error(call(server, "/redoc"), 404, "not_found")


# --- ingest -----------------------------------------------------------------------------

NEW_ARTICLE = {
    "id": "api-posted-1",
    "title": "EU sanctions Russian officials",
    "text": "The European Union imposed sanctions on eleven Russian officials on Monday over the "
            "poisoning of an opposition leader. Moscow said it would respond.",
    "published": "2024-03-18",
    "outlet": "Test Wire",
}


def test_post_needs_the_right_token(ingest_server):
    assert_error(call(ingest_server, "/api/articles", method="POST", body=NEW_ARTICLE), 403, "forbidden")
    wrong = {"Authorization": "Bearer not-the-token"}
    assert_error(call(ingest_server, "/api/articles", method="POST", body=NEW_ARTICLE, headers=wrong), 403, "forbidden")
    basic = {"Authorization": f"Basic {TOKEN}"}
    assert_error(call(ingest_server, "/api/articles", method="POST", body=NEW_ARTICLE, headers=basic), 403, "forbidden")
    assert_error(call(ingest_server, f"/api/articles/{NEW_ARTICLE['id']}"), 404, "not_found")


def test_post_with_the_token_codes_and_stores(ingest_server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    status, _, body = call(ingest_server, "/api/articles", method="POST", body=[NEW_ARTICLE], headers=auth)
    assert status == 200 and body["ok"] is True, body
    [entry] = body["articles"]
    assert entry["status"] == "stored" and entry["doc_id"] == NEW_ARTICLE["id"] and entry["events"] >= 1
    assert body["stats"]["articles"] == 1
    events = ok(ingest_server, "/api/events", {"doc_id": NEW_ARTICLE["id"]})["events"]
    assert any(e["event_type"] == "SANCTION" and "RUS" in e["recipient_countries"] for e in events)
    stored = ok(ingest_server, f"/api/articles/{NEW_ARTICLE['id']}")
    assert stored["article"]["text"] == NEW_ARTICLE["text"] and stored["article"]["published"] == "2024-03-18"

    again = call(ingest_server, "/api/articles", method="POST", body=NEW_ARTICLE, headers=auth)[2]
    assert again["articles"][0]["status"] == "skipped" and again["stats"]["articles"] == 0

    bad = call(ingest_server, "/api/articles", method="POST", body={"id": "no-text"}, headers=auth)
    assert "text" in assert_error(bad, 422, "validation_error")["message"]
    assert_error(call(ingest_server, "/api/articles", method="POST", body=b"{not json", headers=auth), 422)


# --- the command ------------------------------------------------------------------------


def test_serve_refuses_ingest_without_a_token_and_a_missing_ledger(tmp_path):
    from newsledger.api.command import serve

    runner = CliRunner()
    done = runner.invoke(serve, ["--db", str(tmp_path / "x.duckdb"), "--allow-ingest"], env={"NEWSLEDGER_API_TOKEN": None})
    assert done.exit_code == 2 and "--token" in done.output
    missing = runner.invoke(serve, ["--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no ledger" in missing.output
    assert not (tmp_path / "none.duckdb").exists() and not (tmp_path / "x.duckdb").exists()


def test_repeated_filter_values_and_nested_tokens_are_clear_400s(server):
    import base64

    status, _, _ = call(server, "/api/events", {"actor": ",".join(["CHN"] * 3000)})
    assert status == 200
    codes = ",".join(f"{a}{b}{c}" for a in "ABC" for b in "DEF" for c in "GHIJKLM")
    status, _, body = call(server, "/api/events", {"actor": codes})
    assert status == 400 and "at most 50" in body["error"]["message"]
    for nested in (b"[" * 5000 + b"]" * 5000, b"[" * 600 + b"]" * 600):
        token = base64.urlsafe_b64encode(nested).decode().rstrip("=")
        for path in ("/api/events", "/api/articles", "/api/quotes"):
            status, _, body = call(server, path, {"after": token})
            assert status == 400 and body["ok"] is False, (path, status)


def test_security_headers_on_every_response_and_foreign_hosts_refused(server):
    for path in ("/", "/static/index.html", "/docs", "/api/events", "/openapi.json"):
        with _NO_PROXY.open(urllib.request.Request(server.base + path), timeout=60) as response:
            headers = response.headers
            assert headers["X-Content-Type-Options"] == "nosniff", path
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
            assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "no-referrer", path
    rebinding = urllib.request.Request(server.base + "/api/events", headers={"Host": "evil.example"})
    try:
        with _NO_PROXY.open(rebinding, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    assert status == 400


def test_the_explorer_is_es_modules_served_as_javascript_that_never_writes_html(server):
    import re

    web = ROOT / "src" / "newsledger" / "web"
    modules = sorted(p.relative_to(web).as_posix() for p in (web / "js").rglob("*.js"))
    imported = {"js/main.js"}
    for module in modules:
        text = (web / module).read_text(encoding="utf-8")
        code = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S), flags=re.M)  # comments may name them
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", code), module
        assert len(text.splitlines()) <= 300, module  # one view a module, not one file for all
        base = (web / module).parent
        imported |= {(base / m).resolve().relative_to(web.resolve()).as_posix() for m in re.findall(r'from "(\./[^"]+|\.\./[^"]+)"', text)}
    assert imported == set(modules)  # every module is reachable from main.js, none is missing
    for module in modules:
        with _NO_PROXY.open(urllib.request.Request(f"{server.base}/static/{module}"), timeout=60) as response:
            assert response.headers["Content-Type"].split(";")[0] in ("text/javascript", "application/javascript"), module
    page = (web / "index.html").read_text(encoding="utf-8")
    assert '<script type="module" src="/static/js/main.js"></script>' in page


def test_a_deeply_nested_post_body_is_a_client_error(ingest_server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    nested = b'{"id": "n", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    status, _, body = call(ingest_server, "/api/articles", method="POST", body=nested, headers=auth)
    assert status in (400, 422) and body["ok"] is False


def test_posts_past_the_cap_of_bodies_in_flight_are_told_to_retry(ingest_server):
    """Each POST may hold a 20 MB body in memory: beyond MAX_POSTS_IN_FLIGHT at once, a
    request is answered 503 with Retry-After instead of buffering one more."""
    import socket

    from newsledger.api.ingest import MAX_POSTS_IN_FLIGHT

    host, port = urllib.parse.urlsplit(ingest_server.base).netloc.split(":")
    slow = []
    try:
        for _ in range(MAX_POSTS_IN_FLIGHT):  # headers and a first byte of a large body, then nothing
            sock = socket.create_connection((host, int(port)), timeout=10)
            sock.sendall(
                f"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[".encode()
            )
            slow.append(sock)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        article = {**NEW_ARTICLE, "id": "api-posted-busy"}
        deadline = time.monotonic() + 10
        while True:  # the server reads the held requests' headers soon, not at once
            status, _, body = call(ingest_server, "/api/articles", method="POST", body=article, headers=auth)
            if status == 503 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert_error((status, "application/json", body), 503, "busy")
    finally:
        for sock in slow:
            sock.close()
    deadline = time.monotonic() + 10
    while True:  # the held requests end with their connections; then a POST is taken again
        status, _, body = call(ingest_server, "/api/articles", method="POST", body=article, headers=auth)
        if status != 503 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200 and body["ok"] is True, body
