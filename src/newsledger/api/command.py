"""`newsledger serve`: the HTTP API on 127.0.0.1 with uvicorn.

Kept apart from newsledger.cli so the CLI loads FastAPI only when serving; register it
with `main.add_command(serve)`.
"""

from __future__ import annotations

import ipaddress
import re

import click
from click.core import ParameterSource

LEDGER_DEFAULT = "newsledger.duckdb"  # as newsledger.cli's --db
# DuckDB's own defaults are 80% of RAM and every core: a server shares its machine.
SERVER_MEMORY = "512MB"
SERVER_THREADS = 2
_MEMORY = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*", re.IGNORECASE)


def _memory_limit(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A size DuckDB reads (512MB, 2GiB), checked here so a typo is a usage error."""
    found = _MEMORY.fullmatch(value)
    if not found or float(found.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not a size such as 512MB or 2GB")
    return f"{found.group(1)}{found.group(2)}"


def allowed_hosts(host: str) -> list[str] | None:
    """The Host headers a server bound to `host` answers: the loopback names and `host`
    itself; None (any) when bound to every interface, whose names the server cannot know."""
    if host in ("0.0.0.0", "::", ""):
        return None
    return sorted({"127.0.0.1", "localhost", "::1", "[::1]", host})


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", default=LEDGER_DEFAULT, show_default=True, envvar="NEWSLEDGER_DB",
              type=click.Path(dir_okay=False), help="Ledger file (DuckDB); also $NEWSLEDGER_DB.")
@click.option("--parquet", default=None, type=click.Path(file_okay=False),
              help="Serve a Parquet export folder (newsledger export --format parquet) instead of --db; read-only.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the ledger to the network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0: any free one, printed at start).")
@click.option("--allow-ingest", is_flag=True,
              help="Open the ledger for writing and mount POST /api/articles (needs --token).")
@click.option("--token", default=None, envvar="NEWSLEDGER_API_TOKEN",
              help="Bearer token POST /api/articles requires; better given as $NEWSLEDGER_API_TOKEN "
                   "(a command line is visible to other users).")
@click.option("--model", default=None, help="With --allow-ingest: spaCy pipeline to code with (default as ingest).")
@click.option("--lexicon", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="With --allow-ingest: extra lexicon folder (repeatable).")
@click.option("--memory-limit", default=SERVER_MEMORY, show_default=True, callback=_memory_limit,
              help="Most memory DuckDB may use for queries (e.g. 512MB, 2GB); larger queries spill to disk or fail "
                   "with a 500, never take the machine.")
@click.option("--threads", default=SERVER_THREADS, show_default=True, type=click.IntRange(1, 256),
              help="DuckDB worker threads shared by all requests.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.pass_context
def serve(ctx, db, parquet, host, port, allow_ingest, token, model, lexicon, memory_limit, threads, log_level) -> None:
    """Serve the ledger over HTTP: events, articles, quotes, actors, timeline and network
    as JSON under /api, endpoint list at /docs, OpenAPI at /openapi.json.

    Read-only unless --allow-ingest; the ledger file stays open (and locked against
    other writers) while the server runs. --parquet serves an export folder instead.
    """
    import uvicorn

    from newsledger.api.app import create_app
    from newsledger.store import LedgerError

    if parquet is not None:
        if allow_ingest:
            raise click.UsageError("--parquet is read-only: it cannot be combined with --allow-ingest")
        if ctx.get_parameter_source("db") is ParameterSource.COMMANDLINE:
            raise click.UsageError("give --parquet or --db, not both")
    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs --token T (or $NEWSLEDGER_API_TOKEN)")
    if token and not allow_ingest:
        click.echo("warning: --token has no use without --allow-ingest; the API is read-only", err=True)
        token = None
    if not _loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the ledger", err=True)
    settings = None
    if allow_ingest:
        from newsledger.settings import Settings

        base = Settings()
        settings = Settings(
            model=model or base.model, batch_size=base.batch_size, workers=1,
            lexicon_dirs=base.lexicon_dirs + tuple(lexicon), ledger_keys=True,
        )
    try:
        hosts = allowed_hosts(host)
        limits = {"memory_limit": memory_limit, "threads": threads}
        if parquet is not None:
            app = create_app(parquet=parquet, allowed_hosts=hosts, duckdb_config=limits)
        else:
            app = create_app(
                db, allow_ingest=allow_ingest, token=token, settings=settings, allowed_hosts=hosts, duckdb_config=limits
            )
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # the model or a lexicon would not load
        from newsledger.nlp.lexicon import LexiconError
        from newsledger.pipeline import ModelError

        if isinstance(exc, (ModelError, LexiconError)):
            raise click.ClickException(str(exc)) from None
        raise
    mode = "read-write, POST /api/articles with the token" if allow_ingest else "read-only"
    source = f"Parquet ledger {parquet}" if parquet is not None else db
    click.echo(f"newsledger API over {source} ({mode}); endpoints at /docs", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)


__all__ = ["serve"]
