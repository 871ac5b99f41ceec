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

import threading
from collections.abc import Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsledger.api.errors import ApiError, install_error_handlers, ok, table
from newsledger.api.ingest import ingest_route
from newsledger.api.models import (
    ActorParams,
    ActorsBody,
    ArticleBody,
    ArticleParams,
    ArticlesPage,
    ERRORS,
    EventBody,
    EventPageParams,
    EventsPage,
    MapParams,
    NetworkBody,
    NetworkParams,
    NOT_FOUND,
    QuoteParams,
    QuotesPage,
    StatsBody,
    SummaryBody,
    SummaryParams,
    TimelineBody,
    TimelineParams,
)
from newsledger.nlp.ontology import codebook
from newsledger.store import (
    actor_filters,
    aggregates,
    count_events,
    FilterError,
    get_event,
    open_ledger,
    open_parquet_ledger,
    query_actors,
    query_events,
    query_quotes,
    quote_filters,
)
from newsledger.store.filters import country_list, limit as page_limit, positive
from newsledger.store.geo import map_counts, numeric_codes
from newsledger.store.graphs import graph_file, GRAPH_FORMATS, MEDIA_TYPES
from newsledger.store.queries import columns_of
from newsledger.store.summary import summarize

API_TITLE = "newsledger"


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
    install_error_handlers(app)
    _read_routes(app, ledger)
    if allow_ingest:
        ingest_route(app, ledger, pipeline, token or "")
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
             responses={200: {"model": EventsPage}, **ERRORS})
    def list_events(params: Annotated[EventPageParams, Query()]) -> Response:
        """Merged events matching the filters, by date (undated last; or `sort`) then id, one page at a time."""
        filters, size, fmt = params.filters(), params.size(), params.table_format()
        with ledger.cursor() as cur:
            rows, token = query_events(cur, filters, after=params.after, limit=size, sort=params.sort)
            total = count_events(cur, filters) if params.count and aggregates.flag(params.count, "count") else None
            columns = columns_of(cur, "events") if not rows and fmt != "json" else None
        return table("events", rows, fmt, token, total=total, columns=columns)

    @app.get("/api/events/{event_id}", tags=["events"], response_model=None,
             responses={200: {"model": EventBody}, **NOT_FOUND, **ERRORS})
    def one_event(event_id: str) -> Response:
        """One event with every mention of it (article, evidence sentence, offsets, the record as coded) and its counts."""
        with ledger.cursor() as cur:
            event = get_event(cur, event_id)
            if event is None:
                raise ApiError(404, "not_found", f"no event {event_id!r}")
            event["counts"] = aggregates.event_counts(cur, event_id)
        return ok(event=event)

    @app.get("/api/articles", tags=["articles"], response_model=None,
             responses={200: {"model": ArticlesPage}, **ERRORS})
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
             responses={200: {"model": ArticleBody}, **NOT_FOUND, **ERRORS})
    def one_article(doc_id: str) -> Response:
        """An article's text with the character offsets of its events, entities, quotes and counts."""
        with ledger.cursor() as cur:
            found = aggregates.get_article(cur, doc_id)
        if found is None:
            raise ApiError(404, "not_found", f"no article {doc_id!r}")
        return ok(**found)

    @app.get("/api/quotes", tags=["quotes"], response_model=None,
             responses={200: {"model": QuotesPage}, **ERRORS})
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
             responses={200: {"model": ActorsBody}, **ERRORS})
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
             responses={200: {"model": TimelineBody}, **ERRORS})
    def timeline(params: Annotated[TimelineParams, Query()]) -> Response:
        """Events matching the filters counted per day, week or month, optionally by type or quad class."""
        filters = params.filters()
        options = aggregates.timeline_options(params.interval, params.by)
        with ledger.cursor() as cur:
            found = aggregates.timeline(cur, filters, options)
        return ok(**found)

    @app.get("/api/countries", tags=["ledger"], response_model=None, responses={**ERRORS})
    def countries() -> Response:
        """The countries and bodies the filters take: code, name and the other words that name them."""
        return ok(countries=country_list())

    @app.get("/api/codebook", tags=["ledger"], response_model=None, responses={**ERRORS})
    def codebook_definitions() -> Response:
        """What every event type (with its quad class, score and CAMEO root), mode, context,
        modality, quad class, sector and actor resolution means, in plain words."""
        return ok(codebook=codebook())

    @app.get("/api/summary", tags=["aggregates"], response_model=None,
             responses={200: {"model": SummaryBody}, **ERRORS})
    def summary(params: Annotated[SummaryParams, Query()]) -> Response:
        """How many: totals, counted people by what happened to them, top actors, recipients, types and outlets."""
        filters = params.filters()
        top = positive(params.top, "top") or 10
        if top > 100:
            raise FilterError("top: at most 100")
        with ledger.cursor() as cur:
            found = summarize(cur, filters, top)
        return ok(summary=found)

    @app.get("/api/map", tags=["aggregates"], response_model=None, responses={**ERRORS})
    def world_map(params: Annotated[MapParams, Query()]) -> Response:
        """Events per country (as actor, recipient or either) and per located place, for a map;
        `numeric` maps ISO 3166 numeric ids (as in Natural Earth / world-atlas) to the codes."""
        filters = params.filters()
        points = positive(params.points, "points", zero=True)
        with ledger.cursor() as cur:
            found = map_counts(cur, filters, params.role or "either", 500 if points is None else points)
        return ok(**found, numeric=numeric_codes())

    @app.get("/api/network", tags=["aggregates"], response_model=None,
             responses={200: {"model": NetworkBody}, **ERRORS})
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

    @app.get("/api/stats", tags=["ledger"], response_model=None, responses={200: {"model": StatsBody}, **ERRORS})
    def stats() -> Response:
        """Row counts of the ledger and the span of its event dates; the server's DuckDB limits."""
        with ledger.cursor() as cur:
            found = aggregates.ledger_stats(cur)
            [(memory, threads)] = cur.execute(
                "SELECT current_setting('memory_limit'), current_setting('threads')"
            ).fetchall()
        return ok(stats=found, read_only=not ledger.writable, limits={"memory_limit": memory, "threads": threads})


# --- the offline docs page ------------------------------------------------------------


def _docs_endpoint(app: FastAPI):
    cache: dict[str, bytes] = {}

    async def docs(request: Request) -> Response:
        if "page" not in cache:
            from newsledger.api.docs import render

            cache["page"] = render(app.openapi()).encode("utf-8")
        return HTMLResponse(cache["page"])

    return docs
