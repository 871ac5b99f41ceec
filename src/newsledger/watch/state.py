"""What a watcher knows of each source between polls, kept in the ledger's `feed_state`
table (see the package notes)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb


@dataclass(slots=True)
class State:
    """One row of feed_state."""

    source: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: dt.datetime | None = None
    last_status: str | None = None
    last_ok: dt.datetime | None = None
    seen: Any = None  # url: list of entry keys; file/folder: {path: [mtime_ns, size]}


def load_states(con: duckdb.DuckDBPyConnection) -> dict[str, State]:
    rows = con.execute(
        "SELECT source, kind, etag, last_modified, last_polled, last_status, last_ok, seen FROM feed_state"
    ).fetchall()
    states = {}
    for source, kind, etag, last_modified, last_polled, last_status, last_ok, seen in rows:
        try:
            seen = json.loads(seen)
        except ValueError:
            seen = None
        states[source] = State(source, kind, etag, last_modified, last_polled, last_status, last_ok, seen)
    return states


def save_state(con: duckdb.DuckDBPyConnection, state: State) -> None:
    con.execute(
        "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [state.source, state.kind, state.etag, state.last_modified, state.last_polled,
         state.last_status, state.last_ok, json.dumps(state.seen if state.seen is not None else {})],
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
