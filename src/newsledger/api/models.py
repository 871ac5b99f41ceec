"""The API's query parameters and response bodies.

Parameters arrive as plain strings (lists for the many-valued ones: repeat the parameter or
separate values by commas) and the store validates them, so a bad value is the store's 400
with the CLI's message; unknown parameters are refused (422), so a typo does not silently
return everything. The bodies are what /openapi.json and /docs describe."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsledger.api.errors import ApiError, error, ok
from newsledger.store import event_filters
from newsledger.store.filters import EventFilters, limit as page_limit


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventParams(_Params):
    type: list[str] = Field(default=[], description="PLOVER event type, e.g. SANCTION (several: any).")
    actor: list[str] = Field(default=[], description="Actor country: code, name, demonym or capital, e.g. CHN or China (several or comma-separated: any).")
    recipient: list[str] = Field(default=[], description="Recipient country, as actor (several or comma-separated: any).")
    involving: list[str] = Field(
        default=[], description="Country code on either side (several: all, in either role; CHN,GBR is a country pair)."
    )
    since: str | None = Field(default=None, description="Events dated on or after YYYY-MM-DD (or from the start of YYYY-MM, YYYY).")
    until: str | None = Field(default=None, description="Events dated on or before YYYY-MM-DD (or by the end of YYYY-MM, YYYY).")
    context: list[str] = Field(default=[], description="PLOVER context, e.g. human_rights (several or comma-separated: any).")
    modality: list[str] = Field(
        default=[], description="asserted, negated, hypothetical, future, reported-intent, historical (several: any)."
    )
    min_sources: str | None = Field(default=None, description="At least this many distinct outlets.")
    min_mentions: str | None = Field(default=None, description="At least this many reports.")
    min_confidence: str | None = Field(default=None, description="Learned confidence of the best report at least this (0-1).")
    doc_id: str | None = Field(default=None, description="Only events reported by this article.")
    text: str | None = Field(default=None, description="Words a report's evidence sentence holds (all of them, any order, any case).")

    def filters(self) -> EventFilters:
        return event_filters(
            event_type=self.type, actor=self.actor, recipient=self.recipient, involving=self.involving,
            since=self.since, until=self.until,
            context=self.context, modality=self.modality, min_sources=self.min_sources,
            min_mentions=self.min_mentions, min_confidence=self.min_confidence, doc_id=self.doc_id, text=self.text,
        )


TABLE_FORMATS = ("json", "csv", "parquet")


class FormatParams(_Params):
    format: str | None = Field(
        default=None,
        description="json (default), csv (text/csv, lists flattened) or parquet (nesting kept); "
                    "for csv and parquet the next page's token is in the X-Next-Page header.",
    )

    def table_format(self) -> str:
        fmt = (self.format or "json").strip().lower()
        if fmt not in TABLE_FORMATS:
            raise ApiError(400, "invalid_parameter", f"format: {self.format[:20]!r} is not one of json, csv, parquet")
        return fmt


class PageParams(FormatParams):
    limit: str | None = Field(default=None, description="Rows per page, 1-10000 (default 50).")
    after: str | None = Field(default=None, description="The `next` token of the previous page.")

    def size(self) -> int:
        return page_limit(self.limit)


class EventPageParams(PageParams, EventParams):
    sort: str | None = Field(default=None, description="date (default), type, mode, modality, actor, recipient, "
                             "sources, confidence, outlet or evidence; a leading - sorts descending (-date: newest first).")
    count: str | None = Field(default=None, description="true: also return `total`, how many events match (all pages).")


class TimelineParams(EventParams):
    interval: str | None = Field(default=None, description="day, week (ISO, from Monday; the default) or month.")
    by: str | None = Field(default=None, description="Split the counts by `type` or `quad` (default: totals only).")


class SummaryParams(EventParams):
    top: str | None = Field(default=None, description="Entries in each top list, 1-100 (default 10).")


class MapParams(EventParams):
    role: str | None = Field(default=None, description="Count countries as `actor`, `recipient` or `either` (default).")
    points: str | None = Field(default=None, description="Located places to return, 0-2000 (default 500).")


class NetworkParams(EventParams):
    limit: str | None = Field(default=None, description="Busiest edges to return, 1-10000 (default 500).")
    format: str | None = Field(default=None, description="json (default), graphml or gexf (a file for Gephi).")


class QuoteParams(PageParams):
    speaker: str | None = Field(default=None, description="Part of the speaker's canonical name (any case).")
    country: list[str] = Field(default=[], description="Speaker country: code or name (several: any).")
    outlet: str | None = Field(default=None, description="Outlet of the article (any case).")
    since: str | None = Field(default=None, description="Articles published on or after YYYY-MM-DD.")
    until: str | None = Field(default=None, description="Articles published on or before YYYY-MM-DD.")
    doc_id: str | None = Field(default=None, description="Only quotes in this article.")
    include_duplicates: str | None = Field(
        default=None, description="true: also quotes in near-duplicate copies of a stored article."
    )
    text: str | None = Field(default=None, description="Words the quote or its speaker's name holds (all of them, any order).")


class ActorParams(FormatParams):
    country: list[str] = Field(default=[], description="Entity country: code or name (several: any).")
    role: str | None = Field(default=None, description="Count only as `actor`, or only as `recipient`.")
    type: list[str] = Field(default=[], description="Only events of this PLOVER type (several: any).")
    since: str | None = Field(default=None, description="Events dated on or after YYYY-MM-DD (or from the start of YYYY-MM, YYYY).")
    until: str | None = Field(default=None, description="Events dated on or before YYYY-MM-DD (or by the end of YYYY-MM, YYYY).")
    limit: str | None = Field(default=None, description="Rows, 1-10000 (default 50).")


class ArticleParams(PageParams):
    since: str | None = Field(default=None, description="Published on or after YYYY-MM-DD.")
    until: str | None = Field(default=None, description="Published on or before YYYY-MM-DD.")
    outlet: str | None = Field(default=None, description="Outlet name (any case).")
    include_duplicates: str | None = Field(
        default=None, description="false: leave out near-duplicate copies of a stored article (default true)."
    )
    text: str | None = Field(default=None, description="Words the title or text holds (all of them, any order).")
    type: list[str] = Field(default=[], description="Only articles reporting an event of this type (several: any).")
    actor: list[str] = Field(default=[], description="... with this actor country (several or comma-separated: any).")
    recipient: list[str] = Field(default=[], description="... with this recipient country (several or comma-separated: any).")
    involving: list[str] = Field(default=[], description="... with every one of these countries, either side.")
    context: list[str] = Field(default=[], description="... with this context (several: any).")
    modality: list[str] = Field(default=[], description="... with this modality (several: any).")
    min_sources: str | None = Field(default=None, description="... reported by at least this many sources.")
    sort: str | None = Field(default=None, description="published (default) or -published (newest first).")

    def event_filters(self) -> EventFilters:
        return event_filters(event_type=self.type, actor=self.actor, recipient=self.recipient, involving=self.involving,
                             context=self.context, modality=self.modality, min_sources=self.min_sources)


# --- documented bodies (the routes build their JSON themselves) -------------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable, machine-readable: not_found, invalid_parameter, validation_error, ...")
    message: str = Field(description="One line for a person.")


class ErrorBody(BaseModel):
    ok: Literal[False] = False
    error: ErrorDetail


class EventsPage(BaseModel):
    ok: Literal[True] = True
    events: list[dict[str, Any]]
    next: str | None = Field(description="Pass as `after` for the next page; null on the last page.")


class EventBody(BaseModel):
    ok: Literal[True] = True
    event: dict[str, Any] = Field(description="The event with its `mentions` (evidence, offsets, the record as coded) and `counts`.")


class ArticlesPage(BaseModel):
    ok: Literal[True] = True
    articles: list[dict[str, Any]]
    next: str | None


class ArticleBody(BaseModel):
    ok: Literal[True] = True
    article: dict[str, Any] = Field(description="Metadata and `text`.")
    events: list[dict[str, Any]] = Field(description="Event records coded in it: evidence_start/end, trigger_start/end.")
    entities: list[dict[str, Any]] = Field(description="Actors and recipients of those records: start/end.")
    quotes: list[dict[str, Any]] = Field(description="start/end of the quoted content, and the speaker.")
    counts: list[dict[str, Any]] = Field(description="start/end of the number.")


class QuotesPage(BaseModel):
    ok: Literal[True] = True
    quotes: list[dict[str, Any]]
    next: str | None


class ActorsBody(BaseModel):
    ok: Literal[True] = True
    actors: list[dict[str, Any]]


class TimelinePeriod(BaseModel):
    period: str = Field(description="First day of the period (YYYY-MM-DD).")
    total: int
    counts: dict[str, int] | None = Field(default=None, description="Per type or quad class when `by` is given.")


class TimelineBody(BaseModel):
    ok: Literal[True] = True
    interval: str
    by: str | None
    keys: list[str]
    periods: list[TimelinePeriod]
    total: int = Field(description="Events matching the filters.")
    undated: int = Field(description="Of which without a date.")
    imprecise: int = Field(description="Of which dated less precisely than the interval (e.g. a month for weeks).")


class Edge(BaseModel):
    source: str = Field(description="Actor country.")
    target: str = Field(description="Recipient country.")
    events: int
    mean_score: float
    mentions: int


class SummaryBody(BaseModel):
    ok: Literal[True] = True
    summary: dict[str, Any] = Field(
        description="totals (events, reports, articles, outlets, first and last date); counted (people and things "
                    "counted in the reports, by the act's word, each event once at its largest figure); actors, "
                    "recipients (countries), types and outlets, most events first."
    )


class NetworkBody(BaseModel):
    ok: Literal[True] = True
    edges: list[Edge]
    edge_count: int = Field(description="Edges in all, before `limit`.")
    truncated: bool


class StatsBody(BaseModel):
    ok: Literal[True] = True
    stats: dict[str, Any]
    read_only: bool
    limits: dict[str, Any] = Field(description="DuckDB's memory_limit and threads as the server runs them.")


class ArticleIn(BaseModel):
    """An article to code and store, as a line of a JSON Lines corpus."""

    id: str | int = Field(description="doc_id (kept unless another article holds it).")
    text: str
    title: str | None = None
    published: str | None = Field(default=None, description="Publication date; anchors relative dates in the text.")
    url: str | None = None
    outlet: str | None = None
    author: str | None = None


class IngestBody(BaseModel):
    ok: Literal[True] = True
    stats: dict[str, int]
    articles: list[dict[str, Any]] = Field(description="Per article in the request: id, doc_id, status (stored, skipped, failed).")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A filter value is invalid."},
    422: {"model": ErrorBody, "description": "Unknown parameter or malformed request."},
    500: {"model": ErrorBody, "description": "Unexpected error."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such record."}}
