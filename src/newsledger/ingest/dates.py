"""Date strings -> ISO dates (YYYY-MM-DD), as the records want them.

Why: a publication date anchors relative dates in the text ("on Tuesday"), so the date
is the one the source *states* (its own time zone), not the UTC date of that instant.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time

import dateparser

_DATEPARSER_SETTINGS = {
    # Absolute dates only: "yesterday" in an archive must not become today's date - 1,
    # and a bare "March 2024" must not be completed with today's day.
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def check_iso_date(value: str) -> str:
    """Validate a caller-supplied YYYY-MM-DD date (CLI --published); ValueError if not."""
    if len(value) != 10 or dt.date.fromisoformat(value).isoformat() != value:
        raise ValueError(f"published must be YYYY-MM-DD, got {value!r}")
    return value


def stated_date(raw: str | None) -> str | None:
    """Date of an ISO 8601 or RFC 822 timestamp, in the time zone it is written in."""
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    try:
        return dt.datetime.fromisoformat(raw).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def parse_date(raw: str) -> str | None:
    """stated_date, else dateparser for free-form absolute dates ("5 March 2024")."""
    found = stated_date(raw)
    if found is None:
        parsed = dateparser.parse(raw, settings=_DATEPARSER_SETTINGS)
        found = parsed.date().isoformat() if parsed else None
    return found


def struct_date(value: time.struct_time | None) -> str | None:
    """Date of a time.struct_time (feedparser's *_parsed fields, which are UTC)."""
    if value is None:
        return None
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
