"""POST /api/articles: code articles and store them, behind a bearer token, with a body
size cap and at most a few requests read or coded at once (each may hold 20 MB)."""

from __future__ import annotations

import hmac
import json
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from newsledger.api.errors import ApiError, error, ok, validation_message
from newsledger.api.models import ArticleIn, ErrorBody, ERRORS, IngestBody
from newsledger.records import ArticleInput, InputError
from newsledger.store import code_articles, ingest_results, IngestStats, is_stored
from newsledger.store.writer import outlet_key, text_sha256

if TYPE_CHECKING:
    from newsledger.api.app import Ledger

MAX_BODY_BYTES = 20_000_000  # as `read_inputs` takes from one file
MAX_ARTICLES = 1000  # per POST
MAX_POSTS_IN_FLIGHT = 4  # POST bodies being read or coded at once: at most 4 x 20 MB held

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
        raise ApiError(422, "validation_error", validation_message(errors)) from None
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


def ingest_route(app: FastAPI, ledger: Ledger, pipeline: Any, token: str) -> None:
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
            **ERRORS,
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
