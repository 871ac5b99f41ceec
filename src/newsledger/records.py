"""The record classes every adapter shares: CLI, Python API, store and HTTP API.

Records are plain dataclasses so they serialise to JSON (field `kind` first) and pickle
across processes without custom code.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class ArticleInput:
    """One article as read from an input, before any NLP."""

    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    source: str = ""  # where it came from: a path, "-", or "path#entry"


@dataclass(slots=True)
class InputError:
    """An input that could not be read; the batch goes on without it."""

    source: str
    message: str

    def line(self) -> str:
        """One line whatever the input's name or the message hold: control characters
        (a newline in a file name would forge a second error line) are escaped."""
        return f"error: {_one_line(self.source)}: {_one_line(self.message)}"


def _one_line(text: str) -> str:
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


# How an entity got its name and country (newsledger.nlp.actors): a name in the
# dictionary; a role word with a country ("the Russian foreign minister"); words beside an
# unknown name ("Ana Souza, a nurse in Recife"); an earlier mention (a pronoun, a surname,
# "the minister"); the government whose own statement it is; the place where it happened;
# the other party of the act ("arrested a writer" by Belarusian police); the country the
# article is about; nothing.
RESOLUTIONS = ("lexicon", "title", "apposition", "coreference", "source", "location", "other_party",
               "home_country", "unresolved")


@dataclass(slots=True)
class Entity:
    text: str
    name: str
    country: str | None
    sector: str | None
    start: int
    end: int
    resolution: str = "unresolved"  # one of RESOLUTIONS


@dataclass(slots=True)
class Evidence:
    text: str  # the sentence
    start: int  # offsets of the sentence in the article text
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int


@dataclass(slots=True)
class Location:
    """Where the act happened, as written and as found in the gazetteer (nlp.places)."""

    text: str
    country: str | None
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    geo_precision: str | None = None  # city | region | country; None when the gazetteer has no such place


@dataclass(slots=True)
class ArticleRecord:
    kind: str = field(default="article", init=False)
    doc_id: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    language: str = "en"
    sha256: str = ""
    chars: int = 0


@dataclass(slots=True)
class EventRecord:
    kind: str = field(default="event", init=False)
    id: str = ""
    doc_id: str = ""
    event_type: str = ""
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    quad_code: int = 0
    cameo: str = ""
    score: float = 0.0
    modality: str = "asserted"
    date: str | None = None
    date_text: str | None = None
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    location: Location | None = None
    evidence: Evidence | None = None
    confidence: float = 0.0
    coder: str = ""


@dataclass(slots=True)
class QuoteRecord:
    """Who said what: direct quotation or reported speech, tied to a resolved speaker."""

    kind: str = field(default="quote", init=False)
    id: str = ""
    doc_id: str = ""
    content: str = ""  # without the quotation marks
    start: int = 0  # offsets of `content` in the article text
    end: int = 0
    direct: bool = True
    cue: str | None = None  # "said", "told reporters", "according to"
    speaker: Entity | None = None
    speaker_resolution: str = "none"  # named | coreference | role | none


@dataclass(slots=True)
class CountRecord:
    """How many: a number that measures people, organisations, countries or things."""

    kind: str = field(default="count", init=False)
    id: str = ""
    doc_id: str = ""
    value: int = 0
    qualifier: str | None = None  # at least | more than | about | up to | exactly | None
    unit: str = ""  # the counted noun phrase
    text: str = ""
    start: int = 0
    end: int = 0
    event_ref: str | None = None  # id of the event in the same clause


Record = ArticleRecord | EventRecord | QuoteRecord | CountRecord


def to_dict(record: Any) -> dict[str, Any]:
    """Plain dict of a record, `kind` first (dataclasses keep field order); what
    `dataclasses.asdict` gives, without its deep copies (a fresh list or dict at every
    level is enough: the values are strings and numbers), five times faster."""
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


def to_line(record: Any) -> str:
    """A record as one line of JSON: what `extract` prints and the ledger keeps as record_json."""
    return json.dumps(to_dict(record), ensure_ascii=False)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    return value


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(**data)


def quote_from_dict(data: dict[str, Any]) -> QuoteRecord:
    fields = {k: v for k, v in data.items() if k != "kind"}
    fields["speaker"] = _entity(fields["speaker"]) if fields.get("speaker") else None
    return QuoteRecord(**fields)


def count_from_dict(data: dict[str, Any]) -> CountRecord:
    return CountRecord(**{k: v for k, v in data.items() if k != "kind"})


def event_from_dict(data: dict[str, Any]) -> EventRecord:
    """Rebuild an EventRecord from `to_dict` output (records cross processes as dicts)."""
    fields = {k: v for k, v in data.items() if k != "kind"}
    fields["actor"] = [_entity(e) for e in fields.get("actor") or ()]
    fields["recipient"] = [_entity(e) for e in fields.get("recipient") or ()]
    if fields.get("location"):
        fields["location"] = Location(**fields["location"])
    if fields.get("evidence"):
        fields["evidence"] = Evidence(**fields["evidence"])
    return EventRecord(**fields)
