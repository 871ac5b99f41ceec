"""Where, for the events matching a filter: counts by country (as actor, recipient or
either) for a choropleth, and located events as points on the map.

Points come from the event's `location` (coordinates from the offline gazetteer, city
precision only: a region or country has no single point); the same place reported by
many events is one point with its count.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import duckdb
import pycountry

from newsledger.store.filters import EventFilters, FilterError
from newsledger.store.queries import event_where

ROLES = {
    "actor": "actor_countries",
    "recipient": "recipient_countries",
    "either": "list_distinct(list_concat(actor_countries, recipient_countries))",
}
MAX_POINTS = 2000


@lru_cache(maxsize=1)
def numeric_codes() -> dict[str, str]:
    """ISO 3166 numeric id -> alpha-3 code: Natural Earth (world-atlas) names its shapes by
    the numeric id, the ledger its countries by the code."""
    return {c.numeric: c.alpha_3 for c in pycountry.countries}


def map_counts(con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, role: str = "either",
               points: int = 500) -> dict[str, Any]:
    """Events per country in `role` and per located place, for the events `filters` select."""
    if role not in ROLES:
        raise FilterError(f"role: one of {', '.join(ROLES)}")
    if not 0 <= points <= MAX_POINTS:
        raise FilterError(f"points: 0-{MAX_POINTS}")
    where, params = event_where(filters or EventFilters(), "e")
    chosen = "WITH chosen AS (SELECT * FROM events e" + (" WHERE " + " AND ".join(where) if where else "") + ") "
    countries = con.execute(
        chosen + f"SELECT country, count(*) AS events FROM (SELECT unnest({ROLES[role]}) AS country FROM chosen) "
        "GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall()
    located = con.execute(
        chosen + """
        , places AS (
            SELECT location::JSON ->> 'text' AS place, location::JSON ->> 'country' AS country,
                TRY_CAST(location::JSON ->> 'lat' AS DOUBLE) AS lat, TRY_CAST(location::JSON ->> 'lon' AS DOUBLE) AS lon
            FROM chosen WHERE location IS NOT NULL
        )
        SELECT min(place) AS place, country, lat, lon, count(*) AS events FROM places
        WHERE lat IS NOT NULL AND lon IS NOT NULL
        GROUP BY country, lat, lon ORDER BY events DESC, place LIMIT ?
        """, [*params, points]).fetchall()
    return {
        "role": role,
        "countries": [{"code": code, "events": n} for code, n in countries if code],
        "points": [{"place": p, "country": c, "lat": lat, "lon": lon, "events": n} for p, c, lat, lon, n in located],
    }


__all__ = ["map_counts", "numeric_codes", "ROLES", "MAX_POINTS"]
