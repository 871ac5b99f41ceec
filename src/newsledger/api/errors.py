"""One error shape for every failure, `{"ok": false, "error": {"code", "message"}}`, and the
success shapes: a JSON payload or a table (JSON, CSV or Parquet) of rows."""

from __future__ import annotations

import json
import logging
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.store import FilterError, jsonable, LedgerError
from newsledger.store.schema import one_line
from newsledger.store.tabular import csv_text, parquet_bytes

log = logging.getLogger("newsledger.api")


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


def validation_message(errors: list[Any]) -> str:
    """One line from pydantic's error list: `where: what; where: what`."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error(exc.status, exc.code, exc.message)

    @app.exception_handler(FilterError)
    async def filter_error(request: Request, exc: FilterError) -> JSONResponse:
        return error(400, "invalid_parameter", str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, "validation_error", validation_message(list(exc.errors())))

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
