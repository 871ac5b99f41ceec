"""Continuous ingest: poll feed URLs, feed files and folders, code what is new, store it.

Why state in the ledger (table `feed_state`): a watcher is restarted, and what it knew
(the ETag / Last-Modified of each URL, the entries of each feed already coded, the
mtime and size of each file already read) must survive it, in the same file and the same
migrations as the records it describes.

Why one source at a time, state written after its articles: ingest commits per batch
and the state row is written after the last batch, so a watcher killed in between reads
that source again on its next poll, and the store skips what it already holds (same
text and outlet). Nothing is lost and nothing is stored twice.

Why a failing source is one line and no exception: a feed that times out, answers
garbage or 404/500, or disappears must not stop the others; it is retried next poll.
"""


from __future__ import annotations

import datetime as dt
import hashlib
import os
import queue
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from newsledger.ingest import read_inputs
from newsledger.ingest.feeds import read_feed
from newsledger.records import ArticleInput, InputError
from newsledger.store import IngestStats, code_articles, ingest_results, new_articles
from newsledger.store.writer import DEFAULT_BATCH, text_sha256
from newsledger.watch.http import DEFAULT_TIMEOUT, MAX_BYTES, URL_SCHEMES, Fetched, fetch, one_line
from newsledger.watch.state import State, load_states, save_state, utcnow

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600}

Log = Callable[[str], None]


def parse_every(value: str) -> float:
    """Seconds in "30s", "15m", "1h" (a bare number is seconds); ValueError otherwise."""
    found = _DURATION.match(value or "")
    if not found:
        raise ValueError(f"{value!r} is not a duration like 30s, 15m or 1h")
    seconds = float(found.group(1)) * _UNITS[(found.group(2) or "s").lower()]
    if seconds <= 0:
        raise ValueError(f"{value!r}: the interval must be more than 0")
    return seconds


def read_sources(feeds_file: str | Path) -> list[str]:
    """The sources listed in FEEDS.txt, in order, each once: a line is an http(s) URL or
    a path (relative paths are relative to the file's folder); '#' starts a comment line.
    Raises OSError when the file cannot be read."""
    feeds_file = Path(feeds_file)
    base = feeds_file.resolve().parent
    sources: list[str] = []
    for raw in feeds_file.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not _is_url(line):
            line = str((base / os.path.expanduser(line)).resolve())
        if line not in sources:
            sources.append(line)
    return sources


def _is_url(source: str) -> bool:
    return source.lower().startswith(URL_SCHEMES)


# --- one poll -------------------------------------------------------------------------------


@dataclass(slots=True)
class SourceResult:
    source: str
    status: str  # ok | not_modified | unchanged | failed
    entries: int = 0  # articles read from it this poll
    known: int = 0  # entries seen before (same key), not coded again
    errors: int = 0  # entries or files that could not be read or coded
    stats: IngestStats = field(default_factory=IngestStats)
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        out = {"source": self.source, "status": self.status, "entries": self.entries, "known": self.known,
               "articles": self.stats.articles, "skipped": self.stats.skipped, "errors": self.errors}
        if self.message:
            out["message"] = self.message
        return out


@dataclass
class Coder:
    """Codes articles into the ledger (pipeline and ingest options)."""

    pipeline: Any
    workers: int | None = None
    commit_every: int = DEFAULT_BATCH

    def store(self, con: duckdb.DuckDBPyConnection, articles: Iterable[ArticleInput], log: Log) -> tuple[IngestStats, int]:
        total, errors = IngestStats(), 0

        def skipped(_article: ArticleInput) -> None:
            total.skipped += 1

        def passed(items: Iterable[Any]) -> Iterator[Any]:
            nonlocal errors
            for item in items:
                if isinstance(item, InputError):
                    errors += 1
                    log(item.line())
                else:
                    yield item

        fresh = new_articles(con, articles, on_skip=skipped)
        for stats in ingest_results(con, passed(code_articles(self.pipeline, fresh, self.workers)), self.commit_every):
            total.add(stats)
        return total, errors


def entry_key(article: ArticleInput) -> str:
    """An entry is the same entry when its doc_id (the feed's guid) and text are the same."""
    return hashlib.sha256(f"{article.doc_id}\x00{text_sha256(article.text)}".encode()).hexdigest()[:32]


def url_stem(url: str) -> str:
    """doc_id prefix for a feed URL's entries: host and path as one slug."""
    parts = urllib.parse.urlsplit(url)
    path = re.sub(r"\.(xml|rss|atom)$", "", parts.path.rstrip("/"), flags=re.IGNORECASE)
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"{parts.hostname or ''}{path}").strip("-") or "feed"


def _split(items: Iterable[ArticleInput | InputError], result: SourceResult, log: Log) -> list[ArticleInput]:
    articles = []
    for item in items:
        if isinstance(item, InputError):
            result.errors += 1
            log(item.line())
        else:
            articles.append(item)
    return articles


def _guarded(source: str, items: Iterator[ArticleInput | InputError]) -> Iterator[ArticleInput | InputError]:
    try:
        yield from items
    except Exception as error:  # noqa: BLE001 - a parser failing on hostile input costs that input
        yield InputError(source, f"unreadable ({type(error).__name__}: {one_line(error)})")


def poll_url(con, coder: Coder, state: State, fetched: Fetched, log: Log) -> SourceResult:
    result = SourceResult(state.source, fetched.status)
    if fetched.status == "failed":
        result.message = fetched.message
        log(InputError(state.source, fetched.message).line())
        return result
    if fetched.status == "not_modified":
        return result
    items = _guarded(state.source, read_feed(fetched.data, stem=url_stem(state.source), source=state.source, published=None))
    articles = _split(items, result, log)
    if not articles:
        # Garbage, an error page or an empty feed: the validators are not kept, so the
        # next poll fetches it whole again.
        result.status, result.message = "failed", "no readable entries"
        return result
    seen = set(state.seen or ()) if isinstance(state.seen, list) else set()
    keys = [entry_key(a) for a in articles]
    fresh = [a for a, k in zip(articles, keys) if k not in seen]
    result.entries, result.known = len(articles), len(articles) - len(fresh)
    result.stats, errors = coder.store(con, fresh, log)
    result.errors += errors
    state.etag, state.last_modified = fetched.etag, fetched.last_modified
    state.seen = sorted(set(keys))  # the entries of this copy: bounded by the feed's size
    return result


def _files(root: str) -> Iterator[str]:
    """Regular files under a folder, by name, hidden entries and symlinked folders skipped."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d)))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)


def poll_path(con, coder: Coder, state: State, log: Log, exclude: frozenset[str] = frozenset()) -> SourceResult:
    """A file or a folder: read the files that are new or changed (mtime or size);
    `exclude`: absolute paths never read (the ledger and its write-ahead log)."""
    result = SourceResult(state.source, "ok")
    path = state.source
    if not os.path.exists(path):
        result.status, result.message = "failed", "no such file or directory"
        log(InputError(path, result.message).line())
        return result
    state.kind = "folder" if os.path.isdir(path) else "file"
    known = state.seen if isinstance(state.seen, dict) else {}
    now: dict[str, list[int]] = {}
    for name in (_files(path) if state.kind == "folder" else [path]):
        if name in exclude:
            continue
        try:
            info = os.stat(name)
        except OSError:
            continue  # gone since the walk
        now[name] = [info.st_mtime_ns, info.st_size]
    changed = [name for name, mark in now.items() if known.get(name) != mark]
    if not changed:
        result.status = "unchanged"
        state.seen = now
        return result
    articles = _split(read_inputs(changed), result, log)
    result.entries = len(articles)
    result.stats, errors = coder.store(con, articles, log)
    result.errors += errors
    if not articles and state.kind == "file":
        result.status, result.message = "failed", "no readable articles"
    # A file that failed is remembered too: it is read again when it changes, not every poll.
    state.seen = now
    return result


def poll(con: duckdb.DuckDBPyConnection, coder: Coder, sources: list[str], *, timeout: float, log: Log,
         db: str | None = None) -> list[SourceResult]:
    """Poll every source once; each source's state is saved after its articles.

    URLs are fetched in parallel, and each is stored as soon as it arrives; a URL still
    fetching `timeout` seconds (plus a second's grace) after the poll began counts as timed
    out, whatever its server does (one byte a second in the headers or the body), and is
    left to its daemon thread."""
    exclude = frozenset()
    if db:
        ledger = str(Path(db).resolve())
        exclude = frozenset({ledger, ledger + ".wal", ledger + ".tmp"})
    states = load_states(con)
    for source in sources:
        states.setdefault(source, State(source, "url" if _is_url(source) else "file"))
    results: dict[str, SourceResult] = {}

    def finish(source: str, polled: dt.datetime, result: SourceResult) -> None:
        state = states[source]
        state.last_polled = polled
        state.last_status = result.status if result.status != "failed" else f"failed: {result.message}"
        if result.status != "failed":
            state.last_ok = polled
        save_state(con, state)
        results[source] = result

    urls = [s for s in sources if _is_url(s)]
    arrived: queue.Queue[tuple[str, Fetched]] = queue.Queue()
    polled = utcnow()
    for url in urls:
        threading.Thread(target=_fetch_into, args=(arrived, url, states[url], timeout), daemon=True).start()
    deadline = time.monotonic() + timeout + 1.0
    pending = set(urls)
    while pending:
        try:
            url, fetched = arrived.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        pending.discard(url)
        finish(url, polled, poll_url(con, coder, states[url], fetched, log))
    for url in sorted(pending):  # still answering byte by byte: given up on, not waited for
        finish(url, polled, poll_url(con, coder, states[url], Fetched("failed", message=f"timed out after {timeout:g} s"), log))
    for source in sources:
        if source not in results:
            finish(source, utcnow(), poll_path(con, coder, states[source], log, exclude))
    return [results[source] for source in sources]


def _fetch_into(arrived: "queue.Queue[tuple[str, Fetched]]", url: str, state: State, timeout: float) -> None:
    arrived.put((url, fetch(url, etag=state.etag, last_modified=state.last_modified, timeout=timeout)))


def summary(number: int, db: str, results: list[SourceResult], started: dt.datetime) -> dict[str, Any]:
    total = IngestStats()
    for r in results:
        total.add(r.stats)
    count = lambda status: sum(r.status == status for r in results)  # noqa: E731
    return {
        "poll": number, "at": started.isoformat(timespec="seconds") + "Z", "db": db,
        "sources": len(results), "failed": count("failed"), "not_modified": count("not_modified"),
        "unchanged": count("unchanged"), "entries": sum(r.entries for r in results),
        "known": sum(r.known for r in results), **total.as_dict(), "errors": sum(r.errors for r in results),
        "by_source": [r.as_dict() for r in results],
    }


# --- the loop -------------------------------------------------------------------------------


def watch(
    feeds_file: str | Path,
    db: str,
    coder: Coder,
    *,
    every: float,
    max_polls: int | None,
    timeout: float,
    stop: threading.Event,
    open_db: Callable[[str], duckdb.DuckDBPyConnection],
    emit: Callable[[dict[str, Any]], None],
    log: Log,
) -> int:
    """Poll until `stop` is set (between polls) or `max_polls` polls are done; return how
    many polls had a failed source. The ledger is open only during a poll, so other
    processes can read it in between. FEEDS.txt is read again at every poll."""
    sources: list[str] = []
    polls = failed_polls = 0
    next_at = time.monotonic()
    while not stop.is_set() and (max_polls is None or polls < max_polls):
        polls += 1
        started = utcnow()
        next_at += every
        try:
            sources = read_sources(feeds_file)
        except (OSError, UnicodeDecodeError) as error:
            log(InputError(str(feeds_file), f"cannot read: {one_line(error)}; polling the last list").line())
        try:
            con = open_db(db)
        except Exception as error:  # noqa: BLE001 - LedgerError: locked by another process, ...
            log(f"error: ledger {db}: {one_line(error)}; next poll in {every:g} s")
            results = [SourceResult(s, "failed", message="ledger unavailable") for s in sources]
        else:
            try:
                results = poll(con, coder, sources, timeout=timeout, log=log, db=db)
            except duckdb.Error as error:  # disk full, ...: the batch in flight rolled back
                log(f"error: ledger {db}: {one_line(error)}; next poll in {every:g} s")
                results = [SourceResult(s, "failed", message="ledger error") for s in sources]
            finally:
                con.close()
        line = summary(polls, db, results, started)
        emit(line)
        failed_polls += bool(line["failed"])
        log(f"poll {polls}: {line['articles']} new article(s), {line['events']} new event(s) "
            f"from {len(results)} source(s); {line['failed']} failed")
        if max_polls is not None and polls >= max_polls:
            break
        stop.wait(max(0.0, next_at - time.monotonic()))
        if time.monotonic() > next_at:  # a poll longer than the interval: start from now
            next_at = time.monotonic()
    return failed_polls


__all__ = ["DEFAULT_TIMEOUT", "MAX_BYTES", "Coder", "fetch", "parse_every", "poll", "read_sources", "watch"]
