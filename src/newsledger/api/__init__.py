"""HTTP API over the ledger: `create_app(db_path)` builds the FastAPI app and
`newsledger serve` (newsledger.api.command) runs it with uvicorn on 127.0.0.1.

Read-only unless started with an ingest token; every response is JSON with `ok`, every
error `{"ok": false, "error": {"code", "message"}}`. The endpoints are listed at /docs
(an offline page) and described at /openapi.json.
"""

from newsledger.api.app import create_app

__all__ = ["create_app"]
