"""`newsledger watch`: a real HTTP server on 127.0.0.1, a real ledger file, the real CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from newsledger.watch import parse_every, read_sources

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ITEMS = [
    ("urn:news:1", "Sanctions on Moscow", "The United States imposed new sanctions on Russia on Monday, officials said."),
    ("urn:news:2", "Talks in Geneva", "China and India held talks in Geneva on Tuesday about their disputed border."),
    ("urn:news:3", "Aid to Kyiv", "Germany pledged military aid to Ukraine on Wednesday, the chancellor announced."),
]


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><description>{text}</description>"
        f"<pubDate>Mon, 0{n + 1} Mar 2021 10:00:00 GMT</pubDate></item>"
        for n, (guid, title, text) in enumerate(ITEMS[:count])
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>http://example.org/</link><description>test</description>{items}</channel></rss>"
    ).encode()


class FeedServer:
    """Serves /news.xml (2 items, 3 from version 2; ETag per version, 304 on a match),
    /garbage (binary junk), /broken (500), /gone (404), /slow (answers after 3 s), /loop
    (redirects to itself)."""

    def __init__(self) -> None:
        self.version = 1
        self.advance_after: int | None = None  # switch to version 2 after this many /news.xml answers
        self.seen: list[tuple[str, str | None, int]] = []  # (path, If-None-Match, status answered)
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path in ("/trickle-headers", "/trickle-body"):
                    self.trickle()
                    return
                status, body, headers = server.answer(self.path, self.headers.get("If-None-Match"))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (the slow URL)

            def trickle(self) -> None:
                """One byte a second, in the headers or in the body, for at most 30 s."""
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"
                body = self.path == "/trickle-body"
                try:
                    if body:
                        self.wfile.write(head)
                        self.wfile.flush()
                    for byte in (b"<" * 30 if body else head[:30]):
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(1)
                except OSError:
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, path: str, if_none_match: str | None):
        if path == "/slow":
            time.sleep(3)
            return 200, rss(1), {"Content-Type": "application/rss+xml"}
        with self.lock:
            if path == "/news.xml":
                etag = f'"v{self.version}"'
                if if_none_match == etag:
                    status, body, headers = 304, b"", {"ETag": etag}
                else:
                    status, body = 200, rss(2 if self.version == 1 else 3)
                    headers = {"ETag": etag, "Content-Type": "application/rss+xml"}
                self.seen.append((path, if_none_match, status))
                answered = sum(1 for p, _, _ in self.seen if p == path)
                if self.advance_after is not None and answered >= self.advance_after:
                    self.version = 2
                return status, body, headers
            self.seen.append((path, if_none_match, 0))
        if path == "/garbage":
            return 200, bytes(range(256)) * 8 + b"<rss><channel><item>", {"Content-Type": "application/rss+xml"}
        if path == "/broken":
            return 500, b"oops", {"Content-Type": "text/plain"}
        if path == "/loop":
            return 302, b"", {"Location": "/loop"}
        if path == "/to-ftp":
            return 302, b"", {"Location": "ftp://127.0.0.1/news.xml"}
        if path == "/gzipped":
            import gzip

            return 200, gzip.compress(rss(2)), {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}
        return 404, b"not found", {"Content-Type": "text/plain"}

    def news_requests(self) -> list[tuple[str | None, int]]:
        with self.lock:
            return [(inm, status) for path, inm, status in self.seen if path == "/news.xml"]


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")  # never through a proxy from the environment
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    feeds = FeedServer()
    yield feeds
    feeds.httpd.shutdown()
    feeds.httpd.server_close()


def polls(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode().splitlines() if line.strip()]


def by_source(summary: dict) -> dict[str, dict]:
    return {row["source"]: row for row in summary["by_source"]}


def stored(db, where: str = "true") -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT doc_id, source FROM articles WHERE {where} ORDER BY doc_id").fetchall()
    finally:
        con.close()


def test_watch_codes_only_new_entries_uses_conditional_get_and_survives_bad_sources(tmp_path, run_cli, server):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "first.txt").write_text("Japan protested to China over the islands on Friday.\n", encoding="utf-8")
    missing = tmp_path / "missing.xml"
    news, bad = f"{server.base}/news.xml", [f"{server.base}/{p}" for p in ("garbage", "broken", "gone", "slow")]
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text("# test feeds\n\n" + "\n".join([news, *bad, "missing.xml", "drop"]) + "\n", encoding="utf-8")
    db = tmp_path / "ledger.duckdb"
    args = ("watch", str(feeds), "--db", str(db), "--once", "--timeout", "1")

    # Poll 1: the good feed's 2 items and the folder's file are stored; each bad source is one line.
    first = run_cli(*args)
    assert first.returncode == 1, first.stderr.decode()
    [summary] = polls(first.stdout)
    rows = by_source(summary)
    assert rows[news]["status"] == "ok" and rows[news]["entries"] == 2 and rows[news]["articles"] == 2
    assert rows[str(folder)]["status"] == "ok" and rows[str(folder)]["articles"] == 1
    for source in [*bad, str(missing)]:
        assert rows[source]["status"] == "failed", rows[source]
    assert summary["failed"] == 5 and summary["articles"] == 3
    errors = [line for line in first.stderr.decode().splitlines() if line.startswith("error:")]
    assert len(errors) == 5, errors
    messages = "\n".join(errors)
    assert f"{server.base}/broken: HTTP 500" in messages
    assert f"{server.base}/gone: HTTP 404" in messages
    assert f"{server.base}/slow: timed out after 1 s" in messages
    assert f"{server.base}/garbage: malformed XML" in messages
    assert f"{missing}: no such file or directory" in messages
    assert "Traceback" not in first.stderr.decode()
    assert len(stored(db, f"source LIKE '{news}%'")) == 2

    # Poll 2: nothing changed; the server saw the stored ETag and answered 304.
    second = run_cli(*args)
    [summary] = polls(second.stdout)
    rows = by_source(summary)
    assert server.news_requests()[-1] == ('"v1"', 304)
    assert rows[news]["status"] == "not_modified"
    assert rows[str(folder)]["status"] == "unchanged"
    assert summary["articles"] == 0 and summary["failed"] == 5

    # Poll 3: the feed has a third item and the folder a new file: only those are coded.
    server.version = 2
    (folder / "second.txt").write_text("France recalled its ambassador from Mali on Sunday.\n", encoding="utf-8")
    third = run_cli(*args)
    [summary] = polls(third.stdout)
    rows = by_source(summary)
    assert server.news_requests()[-1] == ('"v1"', 200)
    assert rows[news] | {"source": news} == {
        "source": news, "status": "ok", "entries": 3, "known": 2, "articles": 1, "skipped": 0, "errors": 0,
    }
    assert rows[str(folder)]["entries"] == 1 and rows[str(folder)]["articles"] == 1
    assert [doc for doc, _ in stored(db, f"source LIKE '{news}%'")] == [
        f"127.0.0.1-news:urn:news:{n}" for n in (1, 2, 3)
    ]
    assert len(stored(db, f"source LIKE '{folder}%'")) == 2

    con = duckdb.connect(str(db), read_only=True)
    state = dict(con.execute("SELECT source, etag FROM feed_state").fetchall())
    statuses = dict(con.execute("SELECT source, last_status FROM feed_state").fetchall())
    con.close()
    assert state[news] == '"v2"'
    assert state[f"{server.base}/garbage"] is None  # garbage keeps no validators: fetched whole next time
    assert statuses[f"{server.base}/broken"].startswith("failed: HTTP 500")


def test_watch_loops_with_max_polls_and_every(tmp_path, run_cli, server):
    server.advance_after = 1  # the feed gains an item after its first answer
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text(f"{server.base}/news.xml\n", encoding="utf-8")
    db = tmp_path / "ledger.duckdb"
    started = time.monotonic()
    done = run_cli("watch", str(feeds), "--db", str(db), "--max-polls", "2", "--every", "1s")
    assert done.returncode == 0, done.stderr.decode()
    first, second = polls(done.stdout)
    assert (first["poll"], first["articles"]) == (1, 2)
    assert (second["poll"], second["entries"], second["known"], second["articles"]) == (2, 3, 2, 1)
    assert server.news_requests() == [(None, 200), ('"v1"', 200)]
    assert len(stored(db)) == 3
    assert time.monotonic() - started < 60


def test_watch_rejects_a_bad_interval(tmp_path, run_cli):
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text("corpus/\n", encoding="utf-8")
    done = run_cli("watch", str(feeds), "--db", str(tmp_path / "l.duckdb"), "--every", "soon")
    assert done.returncode == 2
    assert "not a duration" in done.stderr.decode()


def test_ctrl_c_stops_between_polls(tmp_path, server):
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text(f"{server.base}/news.xml\n", encoding="utf-8")
    db = tmp_path / "ledger.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "watch", str(feeds), "--db", str(db), "--every", "1h"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    try:
        line = proc.stdout.readline()  # the first poll's summary: now it sleeps for an hour
        assert json.loads(line)["articles"] == 2
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()
    assert "stopped" in err.decode() and "Traceback" not in err.decode()
    assert len(stored(db)) == 2


def test_parse_every_and_read_sources(tmp_path):
    assert [parse_every(v) for v in ("30s", "15m", "1h", "2", "1.5m")] == [30, 900, 3600, 2, 90]
    for bad in ("", "0s", "15x", "m", "-1s"):
        with pytest.raises(ValueError):
            parse_every(bad)
    listing = tmp_path / "FEEDS.txt"
    listing.write_text("# comment\nhttps://example.org/rss\n\n  feeds/a.xml  \nhttps://example.org/rss\n", encoding="utf-8")
    assert read_sources(listing) == ["https://example.org/rss", str(tmp_path / "feeds" / "a.xml")]


def test_a_redirect_loop_is_one_error_line(server):
    from newsledger.watch import fetch

    fetched = fetch(f"{server.base}/loop", etag=None, last_modified=None, timeout=10)
    assert fetched.status == "failed" and "\n" not in fetched.message and "HTTP 30" in fetched.message


def test_redirects_stay_on_http_of_the_same_host_and_gzip_is_read(server):
    from newsledger.watch import fetch

    refused = fetch(f"{server.base}/to-ftp", etag=None, last_modified=None, timeout=10)
    assert refused.status == "failed" and "redirect refused to ftp://" in refused.message
    zipped = fetch(f"{server.base}/gzipped", etag=None, last_modified=None, timeout=10)
    assert zipped.status == "ok" and zipped.data == rss(2)


def test_a_feed_that_trickles_bytes_times_out_and_the_good_feed_is_stored(tmp_path, run_cli, server):
    news = f"{server.base}/news.xml"
    trickling = [f"{server.base}/trickle-headers", f"{server.base}/trickle-body"]
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text("\n".join([*trickling, news]) + "\n", encoding="utf-8")
    db = tmp_path / "ledger.duckdb"
    started = time.monotonic()
    result = run_cli("watch", str(feeds), "--db", str(db), "--once", "--timeout", "2")
    assert time.monotonic() - started < 20  # model loading included; the trickles alone would take 30 s
    assert result.returncode == 1
    [summary] = polls(result.stdout)
    rows = by_source(summary)
    assert rows[news]["status"] == "ok" and rows[news]["articles"] == 2
    for url in trickling:
        assert rows[url]["status"] == "failed"
    assert len(stored(db, f"source LIKE '{news}%'")) == 2
