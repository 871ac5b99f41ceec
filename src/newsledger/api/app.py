"""The FastAPI app: thin routes over the store's function API.

Why this shape:
- One DuckDB connection per app, opened once (read-only unless ingest is allowed), and
  a cursor of it per request: a DuckDB connection is not safe to share between the
  threads FastAPI runs sync routes in, its cursors are (each is a connection of its own
  to the same database instance), and opening the file per request would cost more than
  most queries. The server holds the file while it runs: stop it (or ingest through it)
  to write from another process.
- Every filter is validated by the store (newsledger.store.filters, the same messages as
  the CLI) and bound as a parameter by the query functions; query parameters arrive as
  plain strings so a bad value is the store's 400, not a framework-specific error.
- One error shape, `{"ok": false, "error": {"code", "message"}}`, for every failure:
  unknown routes, wrong methods, validation, the store's refusals and crashes alike.
- /docs is a plain HTML page built from the OpenAPI schema: no CDN, works offline.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from newsledger.records import ArticleInput, InputError
from newsledger.store import (
    FilterError,
    IngestStats,
    LedgerError,
    actor_filters,
    code_articles,
    event_filters,
    get_event,
    ingest_results,
    is_stored,
    jsonable,
    open_ledger,
    open_parquet_ledger,
    count_events,
    query_actors,
    query_events,
    query_quotes,
    quote_filters,
)
from newsledger.store import aggregates
from newsledger.store.filters import EventFilters
from newsledger.store.filters import limit as page_limit
from newsledger.store.schema import one_line
from newsledger.store.filters import country_list, positive
from newsledger.store.geo import map_counts, numeric_codes
from newsledger.store.queries import columns_of
from newsledger.store.graphs import GRAPH_FORMATS, MEDIA_TYPES, graph_file
from newsledger.store.summary import summarize
from newsledger.nlp.ontology import codebook
from newsledger.store.tabular import csv_text, parquet_bytes
from newsledger.store.writer import outlet_key, text_sha256

log = logging.getLogger("newsledger.api")

API_TITLE = "newsledger"
MAX_BODY_BYTES = 20_000_000  # as `read_inputs` takes from one file
MAX_ARTICLES = 1000  # per POST
MAX_POSTS_IN_FLIGHT = 4  # POST bodies being read or coded at once: at most 4 x 20 MB held


# --- responses and errors -------------------------------------------------------------


class ApiError(Exception):
    """An error the API reports as it is: HTTP status, a stable code, a one-line message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def ok(status: int = 200, **payload: Any) -> Response:
    """`{"ok": true, ...payload}` with dates as ISO text (DuckDB values made JSON-able)."""
    body = json.dumps({"ok": True, **jsonable(payload)}, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(body.encode("utf-8"), status_code=status, media_type="application/json")


def table(key: str, rows: list[dict[str, Any]], fmt: str, token: str | None = None, *, paged: bool = True,
          total: int | None = None, columns: list[str] | None = None) -> Response:
    """A list as JSON (`{"ok": true, key: rows, "next": token}`, with `total` when counted),
    CSV or Parquet (the total in `X-Total-Count`), the same rows and the same page either way."""
    if fmt == "json":
        return ok(**{key: rows}, **({"next": token} if paged else {}), **({"total": total} if total is not None else {}))
    headers = {"Content-Disposition": f'attachment; filename="{key}.{fmt}"'}
    if total is not None:
        headers["X-Total-Count"] = str(total)
    if token:
        headers["X-Next-Page"] = token
    if fmt == "csv":
        return Response(csv_text(rows, columns or ()).encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(parquet_bytes(rows, columns or ()), media_type="application/vnd.apache.parquet", headers=headers)


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    503: "busy",
}


def _validation_message(errors: list[Any]) -> str:
    """One line from pydantic's error list: `where: what; where: what`."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error(exc.status, exc.code, exc.message)

    @app.exception_handler(FilterError)
    async def filter_error(request: Request, exc: FilterError) -> JSONResponse:
        return error(400, "invalid_parameter", str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, "validation_error", _validation_message(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        path = request.url.path
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no such endpoint: {path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {path}"
            if request.method == "POST" and path.rstrip("/") == "/api/articles":
                message += ": ingest is off (start the server with --allow-ingest --token T)"
        else:
            message = str(exc.detail)
        return error(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError) -> JSONResponse:
        return error(400, "invalid_body", "JSON nested too deeply")

    @app.exception_handler(LedgerError)
    async def ledger_error(request: Request, exc: LedgerError) -> JSONResponse:
        return error(503, "ledger_unavailable", str(exc))

    @app.exception_handler(duckdb.Error)
    async def duckdb_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        log.exception("ledger query failed on %s %s", request.method, request.url.path, exc_info=exc)
        return error(500, "ledger_error", f"the ledger query failed: {one_line(exc)}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Starlette logs the traceback (it re-raises after this response is sent).
        return error(500, "internal_error", f"unexpected error: {type(exc).__name__}")


# --- the ledger connection ------------------------------------------------------------


class Ledger:
    """The app's connection to the ledger file (or a Parquet export of it, read-only);
    `cursor()` hands each request its own."""

    def __init__(
        self, path: str | Path, *, writable: bool, parquet: bool = False, config: dict[str, Any] | None = None
    ) -> None:
        self.path = Path(path)
        self.writable = writable and not parquet
        if parquet:
            self.con = open_parquet_ledger(self.path, config=config)
        else:
            self.con = open_ledger(self.path, read_only=not writable, config=config)
        self._cursor_lock = threading.Lock()
        self.write_lock = threading.Lock()  # one ingest (and one use of the pipeline) at a time

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cursor_lock:
            cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self.con.close()


# --- query parameters -----------------------------------------------------------------
# Plain strings (lists for the many-valued ones: repeat the parameter or separate values
# by commas); the store validates them. Unknown parameters are refused (422), so a typo
# does not silently return everything.


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


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A filter value is invalid."},
    422: {"model": ErrorBody, "description": "Unknown parameter or malformed request."},
    500: {"model": ErrorBody, "description": "Unexpected error."},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such record."}}


# --- the app --------------------------------------------------------------------------


def create_app(
    db_path: str | Path | None = None,
    *,
    parquet: str | Path | None = None,
    allow_ingest: bool = False,
    token: str | None = None,
    pipeline: Any = None,
    settings: Any = None,
    allowed_hosts: Iterable[str] | None = None,
    duckdb_config: dict[str, Any] | None = None,
) -> FastAPI:
    """The API over the ledger at `db_path`.

    Read-only by default: the file is opened read-only (with file access switched off)
    and POST /api/articles is not mounted. With `allow_ingest` the ledger is opened for
    writing (created if missing) and POST /api/articles codes articles with `pipeline`
    (a newsledger Pipeline, loaded from `settings` when not given) for requests that
    carry `Authorization: Bearer <token>`. With `parquet` (instead of `db_path`) the same
    read-only API serves a Parquet export folder (newsledger.store.open_parquet_ledger).
    `allowed_hosts`: the Host headers answered (others get a 400, so a page on another
    site cannot read a local server through DNS rebinding); None answers any.
    Every response carries the security headers of `_SECURITY_HEADERS`.
    `duckdb_config`: DuckDB settings of the connection (`newsledger serve` sets
    memory_limit and threads, so the server's memory has a ceiling).
    Raises LedgerError when the ledger cannot be opened, ValueError when ingest is
    allowed without a token or over Parquet, or not exactly one source is given.
    """
    source = db_path if parquet is None else parquet
    if source is None or (db_path is not None and parquet is not None):
        raise ValueError("give either db_path or parquet")
    if allow_ingest and (not token or parquet is not None):
        raise ValueError("allow_ingest needs a token and a DuckDB ledger")
    ledger = Ledger(source, writable=allow_ingest, parquet=parquet is not None, config=duckdb_config)
    if allow_ingest and pipeline is None:
        try:
            from newsledger.pipeline import Pipeline

            pipeline = Pipeline(settings)
        except BaseException:
            ledger.close()
            raise

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        try:
            yield
        finally:
            ledger.close()

    app = FastAPI(
        title=API_TITLE,
        summary="Event data coded from news: events, articles, quotes, actors, timelines and networks.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.read_only = not allow_ingest
    _install_error_handlers(app)
    _read_routes(app, ledger)
    if allow_ingest:
        _ingest_route(app, ledger, pipeline, token or "")
    app.add_route("/docs", _docs_endpoint(app), methods=["GET"], include_in_schema=False)
    app.add_route("/api", _root, methods=["GET"], include_in_schema=False)
    _web_routes(app)
    _security_headers(app)
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app


# Sent with every response, not only the page: the same HTML at /static/index.html or /docs
# must not be framed or sniffed either.
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def add_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", _PAGE_POLICY)
        return response


# --- the web explorer (static page) ---------------------------------------------------

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
# The page builds its DOM from API data with textContent only; the policy is a second
# wall: no inline or foreign script, no plugins, requests to this origin only.
_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _web_routes(app: FastAPI) -> None:
    """The explorer page at "/" and its files under "/static" (src/newsledger/web)."""
    from starlette.staticfiles import StaticFiles

    if not (WEB_DIR / "index.html").is_file():  # pragma: no cover - a broken install
        app.add_route("/", _root, methods=["GET"], include_in_schema=False)
        return

    async def page(request: Request) -> Response:
        return HTMLResponse(
            (WEB_DIR / "index.html").read_bytes(),
            headers={"Content-Security-Policy": _PAGE_POLICY, "X-Content-Type-Options": "nosniff",
                     "Cache-Control": "no-cache"},
        )

    app.add_route("/", page, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=WEB_DIR, check_dir=False), name="static")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsledger")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


async def _root(request: Request) -> Response:
    return ok(name=API_TITLE, docs="/docs", openapi="/openapi.json")


def _read_routes(app: FastAPI, ledger: Ledger) -> None:
    @app.get("/api/events", tags=["events"], response_model=None,
             responses={200: {"model": EventsPage}, **_ERRORS})
    def list_events(params: Annotated[EventPageParams, Query()]) -> Response:
        """Merged events matching the filters, by date (undated last; or `sort`) then id, one page at a time."""
        filters, size, fmt = params.filters(), params.size(), params.table_format()
        with ledger.cursor() as cur:
            rows, token = query_events(cur, filters, after=params.after, limit=size, sort=params.sort)
            total = count_events(cur, filters) if params.count and aggregates.flag(params.count, "count") else None
            columns = columns_of(cur, "events") if not rows and fmt != "json" else None
        return table("events", rows, fmt, token, total=total, columns=columns)

    @app.get("/api/events/{event_id}", tags=["events"], response_model=None,
             responses={200: {"model": EventBody}, **_NOT_FOUND, **_ERRORS})
    def one_event(event_id: str) -> Response:
        """One event with every mention of it (article, evidence sentence, offsets, the record as coded) and its counts."""
        with ledger.cursor() as cur:
            event = get_event(cur, event_id)
            if event is None:
                raise ApiError(404, "not_found", f"no event {event_id!r}")
            event["counts"] = aggregates.event_counts(cur, event_id)
        return ok(event=event)

    @app.get("/api/articles", tags=["articles"], response_model=None,
             responses={200: {"model": ArticlesPage}, **_ERRORS})
    def list_articles(params: Annotated[ArticleParams, Query()]) -> Response:
        """Stored articles (without their text) by publication date (or newest first), one page at a time;
        the event filters keep the articles that report a matching event."""
        include = params.include_duplicates in (None, "") or aggregates.flag(params.include_duplicates, "include_duplicates")
        filters = aggregates.article_filters(
            since=params.since, until=params.until, outlet=params.outlet, include_duplicates=include, text=params.text,
            events=params.event_filters(), sort=params.sort,
        )
        size, fmt = params.size(), params.table_format()
        with ledger.cursor() as cur:
            rows, token = aggregates.query_articles(cur, filters, after=params.after, limit=size)
            columns = columns_of(cur, "articles") if not rows and fmt != "json" else None
        return table("articles", rows, fmt, token, columns=columns)

    @app.get("/api/articles/{doc_id:path}", tags=["articles"], response_model=None,
             responses={200: {"model": ArticleBody}, **_NOT_FOUND, **_ERRORS})
    def one_article(doc_id: str) -> Response:
        """An article's text with the character offsets of its events, entities, quotes and counts."""
        with ledger.cursor() as cur:
            found = aggregates.get_article(cur, doc_id)
        if found is None:
            raise ApiError(404, "not_found", f"no article {doc_id!r}")
        return ok(**found)

    @app.get("/api/quotes", tags=["quotes"], response_model=None,
             responses={200: {"model": QuotesPage}, **_ERRORS})
    def list_quotes(params: Annotated[QuoteParams, Query()]) -> Response:
        """Who said what, by publication date; quotes in near-duplicate copies left out unless asked for."""
        filters = quote_filters(
            speaker=params.speaker, country=params.country, since=params.since, until=params.until,
            doc_id=params.doc_id, include_duplicates=aggregates.flag(params.include_duplicates, "include_duplicates"),
            outlet=params.outlet, text=params.text,
        )
        size, fmt = params.size(), params.table_format()
        with ledger.cursor() as cur:
            rows, token = query_quotes(cur, filters, after=params.after, limit=size)
            columns = columns_of(cur, "quotes") if not rows and fmt != "json" else None
        return table("quotes", rows, fmt, token, columns=columns)

    @app.get("/api/actors", tags=["actors"], response_model=None,
             responses={200: {"model": ActorsBody}, **_ERRORS})
    def list_actors(params: Annotated[ActorParams, Query()]) -> Response:
        """Who appears most: entities by the number of events they are actor or recipient in."""
        filters = actor_filters(
            country=params.country, role=params.role, event_type=params.type, since=params.since, until=params.until
        )
        size, fmt = page_limit(params.limit), params.table_format()
        with ledger.cursor() as cur:
            rows = query_actors(cur, filters, limit=size)
        return table("actors", rows, fmt, paged=False, columns=columns_of(cur, "actors") if not rows else None)

    @app.get("/api/timeline", tags=["aggregates"], response_model=None,
             responses={200: {"model": TimelineBody}, **_ERRORS})
    def timeline(params: Annotated[TimelineParams, Query()]) -> Response:
        """Events matching the filters counted per day, week or month, optionally by type or quad class."""
        filters = params.filters()
        options = aggregates.timeline_options(params.interval, params.by)
        with ledger.cursor() as cur:
            found = aggregates.timeline(cur, filters, options)
        return ok(**found)

    @app.get("/api/countries", tags=["ledger"], response_model=None, responses={**_ERRORS})
    def countries() -> Response:
        """The countries and bodies the filters take: code, name and the other words that name them."""
        return ok(countries=country_list())

    @app.get("/api/codebook", tags=["ledger"], response_model=None, responses={**_ERRORS})
    def codebook_definitions() -> Response:
        """What every event type (with its quad class, score and CAMEO root), mode, context,
        modality, quad class, sector and actor resolution means, in plain words."""
        return ok(codebook=codebook())

    @app.get("/api/summary", tags=["aggregates"], response_model=None,
             responses={200: {"model": SummaryBody}, **_ERRORS})
    def summary(params: Annotated[SummaryParams, Query()]) -> Response:
        """How many: totals, counted people by what happened to them, top actors, recipients, types and outlets."""
        filters = params.filters()
        top = positive(params.top, "top") or 10
        if top > 100:
            raise FilterError("top: at most 100")
        with ledger.cursor() as cur:
            found = summarize(cur, filters, top)
        return ok(summary=found)

    @app.get("/api/map", tags=["aggregates"], response_model=None, responses={**_ERRORS})
    def world_map(params: Annotated[MapParams, Query()]) -> Response:
        """Events per country (as actor, recipient or either) and per located place, for a map;
        `numeric` maps ISO 3166 numeric ids (as in Natural Earth / world-atlas) to the codes."""
        filters = params.filters()
        points = positive(params.points, "points", zero=True)
        with ledger.cursor() as cur:
            found = map_counts(cur, filters, params.role or "either", 500 if points is None else points)
        return ok(**found, numeric=numeric_codes())

    @app.get("/api/network", tags=["aggregates"], response_model=None,
             responses={200: {"model": NetworkBody}, **_ERRORS})
    def network(params: Annotated[NetworkParams, Query()]) -> Response:
        """Actor country -> recipient country edges of the events matching the filters, with counts and mean score;
        `format=graphml` or `gexf` gives them as a file for Gephi."""
        filters = params.filters()
        size = aggregates.network_limit(params.limit)
        fmt = (params.format or "json").strip().lower()
        if fmt not in ("json", *GRAPH_FORMATS):
            raise ApiError(400, "invalid_parameter", f"format: {params.format[:20]!r} is not one of json, graphml, gexf")
        with ledger.cursor() as cur:
            found = aggregates.network(cur, filters, limit=size)
        if fmt == "json":
            return ok(**found)
        return Response(graph_file(found, fmt), media_type=MEDIA_TYPES[fmt],
                        headers={"Content-Disposition": f'attachment; filename="network.{fmt}"'})

    @app.get("/api/stats", tags=["ledger"], response_model=None, responses={200: {"model": StatsBody}, **_ERRORS})
    def stats() -> Response:
        """Row counts of the ledger and the span of its event dates; the server's DuckDB limits."""
        with ledger.cursor() as cur:
            found = aggregates.ledger_stats(cur)
            [(memory, threads)] = cur.execute(
                "SELECT current_setting('memory_limit'), current_setting('threads')"
            ).fetchall()
        return ok(stats=found, read_only=not ledger.writable, limits={"memory_limit": memory, "threads": threads})


# --- ingest ---------------------------------------------------------------------------

_ARTICLE_LIST = TypeAdapter(list[ArticleIn])


def _article_schema() -> dict[str, Any]:
    one = ArticleIn.model_json_schema()
    return {"anyOf": [one, {"type": "array", "items": one, "maxItems": MAX_ARTICLES}]}


def _check_token(request: Request, token: str) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(403, "forbidden", "ingest needs the header 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ApiError(403, "forbidden", "wrong token")


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, "payload_too_large", f"request body over {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise ApiError(413, "payload_too_large", f"request body over {MAX_BODY_BYTES} bytes")
            chunks.append(chunk)
    except ClientDisconnect:  # nobody reads the answer, but the log gets one line, not a traceback
        raise ApiError(400, "bad_request", "the client went away before sending the whole body") from None
    return b"".join(chunks)


def _inputs(raw: bytes) -> list[ArticleInput]:
    """ArticleInputs from the body, checked as strictly as a JSON Lines corpus line."""
    from newsledger.ingest.dates import parse_date

    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(422, "validation_error", f"body: not JSON ({exc})") from None
    if not isinstance(data, (dict, list)):
        raise ApiError(422, "validation_error", "body: expected an article object or a list of them")
    many = isinstance(data, list)
    try:
        items = _ARTICLE_LIST.validate_python(data) if many else [ArticleIn.model_validate(data)]
    except ValidationError as exc:
        errors = [{**e, "loc": (f"[{e['loc'][0]}]", *e["loc"][1:]) if many else ("body", *e["loc"])}
                  for e in exc.errors()]
        raise ApiError(422, "validation_error", _validation_message(errors)) from None
    if not items:
        raise ApiError(422, "validation_error", "body: no articles")
    if len(items) > MAX_ARTICLES:
        raise ApiError(422, "validation_error", f"body: at most {MAX_ARTICLES} articles a request")
    out = []
    for i, item in enumerate(items):
        where = f"[{i}]" if many else "body"
        source = f"api[{i}]" if many else "api"
        doc_id = str(item.id).strip()
        if not doc_id:
            raise ApiError(422, "validation_error", f"{where}.id: empty")
        if not item.text.strip():
            raise ApiError(422, "validation_error", f"{where}.text: no text")
        published = None
        if item.published and item.published.strip():
            published = parse_date(item.published.strip())
            if published is None:
                raise ApiError(422, "validation_error", f"{where}.published: {item.published[:40]!r} is not a date")
        meta = {k: (getattr(item, k) or "").strip() or None for k in ("title", "url", "outlet", "author")}
        out.append(ArticleInput(doc_id=doc_id, text=item.text, published=published, source=source, **meta))
    return out


def _ingest(ledger: Ledger, pipeline: Any, articles: list[ArticleInput]) -> dict[str, Any]:
    """Code and store `articles` (the writer's batches and skips), then say per article
    where it went."""
    keys = [(text_sha256(a.text), outlet_key(a.outlet)) for a in articles]
    failed: dict[str, str] = {}
    total = IngestStats()
    with ledger.write_lock, ledger.cursor() as cur:
        status: list[str] = []
        fresh: list[ArticleInput] = []
        seen: set[tuple[str, str]] = set()
        for article, key in zip(articles, keys):
            if key in seen or is_stored(cur, key[0], article.outlet):
                status.append("skipped")
                total.skipped += 1
            else:
                status.append("stored")
                fresh.append(article)
            seen.add(key)

        def coded():
            for item in code_articles(pipeline, fresh):
                if isinstance(item, InputError):
                    failed[item.source] = item.message
                    continue
                yield item

        for stats in ingest_results(cur, coded()):
            total.add(stats)
        report = []
        for article, key, state in zip(articles, keys, status):
            entry: dict[str, Any] = {"id": article.doc_id, "status": state}
            if article.source in failed:
                entry.update(status="failed", message=failed[article.source])
            else:
                rows = cur.execute(
                    "SELECT doc_id, duplicate_of, num_events, num_quotes, num_counts FROM articles "
                    "WHERE sha256 = ? AND outlet_key = ?",
                    list(key),
                ).fetchall()
                if rows:
                    doc_id, duplicate_of, events, quotes, counts = rows[0]
                    entry.update(doc_id=doc_id, duplicate_of=duplicate_of, events=events, quotes=quotes, counts=counts)
            report.append(entry)
    return {"stats": {**total.as_dict(), "failed": len(failed)}, "articles": report}


def _ingest_route(app: FastAPI, ledger: Ledger, pipeline: Any, token: str) -> None:
    in_flight = [0]  # POSTs past the token check and not yet answered

    @app.post(
        "/api/articles",
        tags=["articles"],
        response_model=None,
        responses={
            200: {"model": IngestBody},
            403: {"model": ErrorBody, "description": "Missing or wrong bearer token."},
            413: {"model": ErrorBody, "description": "Body too large."},
            503: {"model": ErrorBody, "description": "Too many ingest requests at once; retry after a second."},
            **_ERRORS,
        },
        openapi_extra={
            "requestBody": {"required": True, "content": {"application/json": {"schema": _article_schema()}}},
            "security": [{"bearer": []}],
        },
    )
    async def post_articles(request: Request) -> Response:
        """Code articles ({id, text, title?, published?, url?, outlet?, author?} or a list) and store them.

        Needs `Authorization: Bearer <token>`. Articles already stored (same text and
        outlet) are skipped; each article's outcome is listed in `articles`.
        """
        _check_token(request, token)
        if in_flight[0] >= MAX_POSTS_IN_FLIGHT:
            return error(
                503, "busy", f"{MAX_POSTS_IN_FLIGHT} ingest requests are in progress; retry later",
                headers={"Retry-After": "1"},
            )
        in_flight[0] += 1  # the event loop runs this part on one thread: no lock needed
        try:
            articles = _inputs(await _read_body(request))
            return ok(**(await run_in_threadpool(_ingest, ledger, pipeline, articles)))
        finally:
            in_flight[0] -= 1

    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = {
                "type": "http", "scheme": "bearer",
            }
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# --- the offline docs page ------------------------------------------------------------


def _docs_endpoint(app: FastAPI):
    cache: dict[str, bytes] = {}

    async def docs(request: Request) -> Response:
        if "page" not in cache:
            from newsledger.api.docs import render

            cache["page"] = render(app.openapi()).encode("utf-8")
        return HTMLResponse(cache["page"])

    return docs
