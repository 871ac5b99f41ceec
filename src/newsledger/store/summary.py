"""How many, for the events matching a filter: totals, counted people by what happened to
them, and the top actors, recipients, types and outlets, as GDELT's summary and ACLED's
dashboards lead with.

Why counts by event: outlets repeat the toll of one attack, so each event counts once per
kind of act, at the largest figure any report of it gave ("at least 12 killed" and "15
killed" make 15), and the kinds are the reports' own trigger words ("killed", "arrested").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from newsledger.store.filters import EventFilters
from newsledger.store.queries import Row, event_where


def summarize(con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, top: int = 10) -> dict[str, Any]:
    """Totals and top lists for the events `filters` select (all events by default)."""
    where, params = event_where(filters or EventFilters(), "e")
    chosen = "WITH chosen AS (SELECT e.event_id FROM events e" + (" WHERE " + " AND ".join(where) if where else "") + ") "

    def rows(sql: str, extra: Sequence[Any] = ()) -> list[Row]:
        cursor = con.execute(chosen + sql, [*params, *extra])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    [totals] = rows(
        """
        SELECT (SELECT count(*) FROM chosen) AS events, count(*) AS reports, count(DISTINCT m.doc_id) AS articles,
            count(DISTINCT m.outlet) AS outlets,
            (SELECT min(date_start) FROM events WHERE event_id IN (SELECT event_id FROM chosen)) AS first_date,
            (SELECT max(date_end) FROM events WHERE event_id IN (SELECT event_id FROM chosen)) AS last_date
        FROM mentions m WHERE m.event_id IN (SELECT event_id FROM chosen)
        """
    )
    return {
        "totals": totals,
        "counted": rows("""
            SELECT min(word) AS kind, sum(value) AS total, count(*) AS events FROM (
                SELECT m.event_id, m.trigger_stem, max(c.value) AS value,
                    min(lower(regexp_extract(m.trigger, '(\\w+)$'))) AS word
                FROM counts c JOIN mentions m ON m.record_id = c.event_ref
                WHERE m.event_id IN (SELECT event_id FROM chosen) AND c.value IS NOT NULL
                GROUP BY m.event_id, m.trigger_stem
            ) GROUP BY trigger_stem ORDER BY total DESC, kind LIMIT ?
            """, [top]),
        "actors": rows(_TOP_COUNTRIES.format(column="actor_countries"), [top]),
        "recipients": rows(_TOP_COUNTRIES.format(column="recipient_countries"), [top]),
        "types": rows("""
            SELECT event_type AS type, count(*) AS events FROM events
            WHERE event_id IN (SELECT event_id FROM chosen) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
            """, [top]),
        "outlets": rows("""
            SELECT outlet, count(DISTINCT event_id) AS events, count(DISTINCT doc_id) AS articles FROM mentions
            WHERE event_id IN (SELECT event_id FROM chosen) AND outlet IS NOT NULL
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
            """, [top]),
    }


_TOP_COUNTRIES = """
    SELECT country, count(*) AS events FROM (
        SELECT unnest({column}) AS country FROM events WHERE event_id IN (SELECT event_id FROM chosen)
    ) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
"""


__all__ = ["summarize"]
