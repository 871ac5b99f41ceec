"""Validation of every query filter, in one place for the CLI and the HTTP API.

Why here: both front ends must refuse the same bad input with the same message (the CLI
as a usage error, exit 2; the API as a 400), and the query functions may then trust
their input. Values are only ever bound as SQL parameters, never spliced into SQL.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from newsledger.nlp.ontology import EVENT_TYPES
from newsledger.nlp.search_words import words_of
from newsledger.store.writer import outlet_key

MODALITIES = ("asserted", "negated", "hypothetical", "future", "reported-intent", "historical")
MAX_LIMIT = 10_000
_CODE = re.compile(r"^[A-Z]{3}$")


class FilterError(ValueError):
    """A filter value is invalid; str() is one line naming the filter."""


@cache
def known_contexts() -> frozenset[str]:
    """The PLOVER contexts the coder can assign (the shipped contexts.yaml)."""
    text = resources.files("newsledger").joinpath("data/contexts.yaml").read_text(encoding="utf-8")
    return frozenset(yaml.safe_load(text))


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Validated filters for `query_events`; every field optional. Countries are ISO
    alpha-3 or PLOVER codes (IGO, UNO, ...). Every list means any of its values (types,
    modalities, contexts, actor and recipient countries: `actor=CHN,RUS` is what China or
    Russia did), except `involving`, a pair: every country given on either side
    (`involving=CHN,GBR` is China and Britain in either direction)."""

    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    involving: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    context: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    min_sources: int | None = None
    min_mentions: int | None = None
    min_confidence: float | None = None  # learned confidence of the event's best report
    doc_id: str | None = None
    text: tuple[str, ...] = ()  # words every match holds in a report's evidence sentence


MAX_VALUES = 50  # distinct values of one many-valued filter: thousands of repeats tied up the server
MAX_TOKEN_CHARS = 1_000  # a page token is a short sort key


def _many(value: str | Iterable[str] | None, name: str) -> tuple[str, ...]:
    """Distinct values, in order, from "A,B", ["A", "B"] or ("A,B", "C") (a repeated CLI
    option); more than MAX_VALUES distinct values is a FilterError."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    values = tuple(dict.fromkeys(part.strip() for item in items for part in str(item).split(",") if part.strip()))
    if len(values) > MAX_VALUES:
        raise FilterError(f"{name}: at most {MAX_VALUES} distinct values, got {len(values)}")
    return values


@cache
def known_codes() -> frozenset[str]:
    """Every code the lexicons give a country or body (CHN, EUR, UNO, ...)."""
    return frozenset(code for codes in country_names().values() for code in codes)


@cache
def _lexicon_codes() -> tuple[dict[str, str], frozenset[str]]:
    """Code -> name of every country, and of every body that is its own code (EUR, UNO);
    and which codes are countries: a national body ("Xinhua", CHN) names no country."""
    from newsledger.nlp.lexicon import load_lexicon  # the store reads names, not parses

    terms = [t for found in load_lexicon().terms.values() for t in found if t.code]
    countries = {t.code: t.name for t in terms if t.kind == "country"}
    named = dict(countries)
    for term in terms:
        if term.kind == "organisation":
            named.setdefault(term.code, term.name)
    return named, frozenset(countries)


@cache
def country_names() -> dict[str, frozenset[str]]:
    """Lowercase name, demonym, capital or seat of government -> the codes it may mean
    ("china", "chinese", "beijing" -> CHN; "eu" -> EUR), from the shipped lexicons."""
    from newsledger.nlp.lexicon import load_lexicon

    countries = _lexicon_codes()[1]
    names: dict[str, set[str]] = {}
    for surface, terms in load_lexicon().terms.items():
        for term in terms:
            place = term.kind in ("country", "adjective", "capital", "seat")
            body = term.kind == "organisation" and term.code not in countries  # EU, UN; not Xinhua
            if term.code and (place or body):
                names.setdefault(surface.lower(), set()).add(term.code)
    return {k: frozenset(v) for k, v in names.items()}


@cache
def country_list() -> tuple[dict[str, Any], ...]:
    """Every country and body a filter takes: its code, its name, and the other words that
    name it (demonyms, capitals, seats, abbreviations), by name."""
    named = _lexicon_codes()[0]
    also: dict[str, set[str]] = {code: set() for code in named}
    for surface, codes in country_names().items():
        if len(codes) == 1 and (code := next(iter(codes))) in also:
            also[code].add(surface)
    return tuple(sorted(
        ({"code": code, "name": name, "also": sorted(also[code] - {name.lower(), code.lower()})}
         for code, name in named.items()),
        key=lambda row: (row["name"].lower(), row["code"]),
    ))


def country_codes(value: str | Iterable[str] | None, name: str) -> tuple[str, ...]:
    """Codes from codes or names: "CHN", "China", "Chinese", "Beijing" all give CHN."""
    codes = []
    for item in _many(value, name):
        found = country_names().get(item.lower())
        if item.upper() in known_codes() or (_CODE.match(item.upper()) and not found):
            codes.append(item.upper())  # a code ("NLD" is the Netherlands, not a party of that name)
        elif found and len(found) == 1:
            codes.append(next(iter(found)))
        elif found:
            raise FilterError(f"{name}: {item!r} may mean {', '.join(sorted(found))}: give the code")
        else:
            raise FilterError(f"{name}: {item!r} is not a country code (CHN) or a country, demonym or capital (China)")
    return tuple(dict.fromkeys(codes))


MAX_SEARCH_WORDS = 10


def search_words(text: str | None, name: str = "text") -> tuple[str, ...]:
    """The distinct lowercase words of a search ("Xinjiang camps"): a match holds them all,
    in any order and place."""
    words = tuple(words_of(text))
    if text and text.strip() and not words:
        raise FilterError(f"{name}: {text[:40]!r} has no word to search for")
    if len(words) > MAX_SEARCH_WORDS or any(len(w) > 100 for w in words):
        raise FilterError(f"{name}: at most {MAX_SEARCH_WORDS} words of at most 100 characters")
    return words


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_date(value: str | dt.date | None, name: str, *, last: bool = False) -> dt.date | None:
    """A date, or a year or month: its first day, or its last with `last` ("until 2021-03"
    is until 2021-03-31)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        if (partial := _PARTIAL_DATE.match(value)) is not None:
            year, month = int(partial.group(1)), int(partial.group(2) or (12 if last else 1))
            first = dt.date(year, month, 1)  # a month out of 1-12 raises here
            return first.replace(day=calendar.monthrange(year, month)[1]) if last else first
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a date like 2021-12-03, 2021-12 or 2021") from None


def positive(value: int | str | None, name: str, *, zero: bool = False) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise FilterError(f"{name}: {value!r} is not a whole number") from None
    if number < (0 if zero else 1):
        raise FilterError(f"{name}: must be at least {0 if zero else 1}")
    return number


def probability(value: float | str | None, name: str) -> float | None:
    """A number from 0 to 1, or None when not given."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise FilterError(f"{name}: {value!r} is not a number from 0 to 1") from None
    if not 0.0 <= number <= 1.0:
        raise FilterError(f"{name}: {value!r} is not a number from 0 to 1")
    return number


def limit(value: int | str | None, default: int = 50) -> int:
    number = positive(value, "limit")
    if number is None:
        return default
    if number > MAX_LIMIT:
        raise FilterError(f"limit: at most {MAX_LIMIT}")
    return number


def _choices(value: str | Iterable[str] | None, name: str, allowed: Iterable[str], *, upper: bool = False) -> tuple[str, ...]:
    allowed = sorted(allowed)
    items = tuple(v.upper() if upper else v.lower() for v in _many(value, name))
    for item in items:
        if item not in allowed:
            raise FilterError(f"{name}: {item!r} is not one of {', '.join(allowed)}")
    return items


def event_filters(
    *,
    actor: str | Iterable[str] | None = None,
    recipient: str | Iterable[str] | None = None,
    involving: str | Iterable[str] | None = None,
    event_type: str | Iterable[str] | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    context: str | Iterable[str] | None = None,
    modality: str | Iterable[str] | None = None,
    min_sources: int | str | None = None,
    min_mentions: int | str | None = None,
    min_confidence: float | str | None = None,
    doc_id: str | None = None,
    text: str | None = None,
) -> EventFilters:
    """EventFilters from user strings (a comma-separated string or a list for the
    many-valued ones); FilterError on the first bad value."""
    filters = EventFilters(
        actor=country_codes(actor, "actor"),
        recipient=country_codes(recipient, "recipient"),
        involving=country_codes(involving, "involving"),
        event_type=_choices(event_type, "type", EVENT_TYPES, upper=True),
        since=parse_date(since, "since"),
        until=parse_date(until, "until", last=True),
        context=_choices(context, "context", known_contexts()),
        modality=_choices(modality, "modality", MODALITIES),
        min_sources=positive(min_sources, "min-sources"),
        min_mentions=positive(min_mentions, "min-mentions"),
        min_confidence=probability(min_confidence, "min-confidence"),
        doc_id=doc_id or None,
        text=search_words(text),
    )
    if filters.since and filters.until and filters.since > filters.until:
        raise FilterError(f"since {filters.since} is after until {filters.until}")
    return filters


def encode_token(values: list[Any]) -> str:
    """Opaque keyset token: the sort key of the last row returned."""
    raw = json.dumps(values, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str | None, kinds: tuple[type, ...]) -> list[Any] | None:
    """The sort key in a token made by `encode_token`, checked against `kinds`
    (dt.date values travel as ISO strings)."""
    if not token:
        return None
    try:
        if len(token) > MAX_TOKEN_CHARS:
            raise ValueError
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        out = []
        for value, kind in zip(values, kinds):
            if kind is dt.date:
                out.append(dt.date.fromisoformat(value))
            elif isinstance(value, kind) and not isinstance(value, bool):
                out.append(value)
            else:
                raise ValueError
        return out
    except (ValueError, TypeError, RecursionError):
        raise FilterError("after: not a token from a previous page") from None


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """Validated filters for `query_quotes`. `speaker` matches the canonical speaker name
    as a case-insensitive substring; dates bound the article's publication date."""

    speaker: str | None = None
    country: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    doc_id: str | None = None
    include_duplicates: bool = False
    outlet: str | None = None  # the article's outlet, compared in any case and spacing
    text: tuple[str, ...] = ()  # words every match holds in its content or speaker name


def quote_filters(
    *,
    speaker: str | None = None,
    country: str | Iterable[str] | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    doc_id: str | None = None,
    include_duplicates: bool = False,
    outlet: str | None = None,
    text: str | None = None,
) -> QuoteFilters:
    speaker = " ".join((speaker or "").split()) or None
    filters = QuoteFilters(
        speaker=speaker,
        country=country_codes(country, "country"),
        since=parse_date(since, "since"),
        until=parse_date(until, "until", last=True),
        doc_id=doc_id or None,
        include_duplicates=bool(include_duplicates),
        outlet=outlet_key(outlet) or None,
        text=search_words(text),
    )
    if filters.since and filters.until and filters.since > filters.until:
        raise FilterError(f"since {filters.since} is after until {filters.until}")
    return filters


ROLES = ("actor", "recipient")


@dataclass(frozen=True, slots=True)
class ActorFilters:
    """Validated filters for `query_actors`: entity country and role, and the events
    counted (any EventFilters)."""

    country: tuple[str, ...] = ()
    role: str | None = None
    events: EventFilters = EventFilters()


def actor_filters(
    *, country: str | Iterable[str] | None = None, role: str | None = None, **event_args: Any
) -> ActorFilters:
    roles = _choices(role, "role", ROLES)
    if len(roles) > 1:
        raise FilterError("role: give one of actor, recipient")
    return ActorFilters(
        country=country_codes(country, "country"),
        role=roles[0] if roles else None,
        events=event_filters(**event_args),
    )
