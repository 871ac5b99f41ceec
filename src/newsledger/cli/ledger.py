"""Commands over the ledger (newsledger.store): ingest into a DuckDB file, watch feeds,
query it (events, quotes, actors, sql) and export it; `serve` lives with the API."""

from __future__ import annotations

import json
import sys

import click

from newsledger.cli import main
from newsledger.cli.options import (
    coding_engine,
    Failures,
    iso_date,
    load_pipeline,
    progress,
    settings_of,
    with_engine_options,
    with_scale_options,
)


LEDGER_DEFAULT = "newsledger.duckdb"
db_option = click.option(
    "--db", default=LEDGER_DEFAULT, show_default=True, envvar="NEWSLEDGER_DB",
    type=click.Path(dir_okay=False), help="Ledger file (DuckDB); also $NEWSLEDGER_DB.",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table", "csv"]), default="jsonl", show_default=True,
    help="Output: JSON Lines, an aligned table, or CSV with a header.",
)
page_options = [
    click.option("--limit", default="50", show_default=True, help="Rows per page (at most 10000)."),
    click.option("--after", default=None, help="Token from the previous page (printed on stderr)."),
]


class LedgerUsageError(click.ClickException):
    """A bad filter value: one line on stderr, exit 2 (click's UsageError prints the usage too)."""

    exit_code = 2


def with_page_options(func):
    for option in reversed(page_options):
        func = option(func)
    return func


def _ledger(db: str, read_only: bool = True, files: bool | None = None):
    from newsledger.store import LedgerError, open_ledger

    try:
        return open_ledger(db, read_only, files=files)
    except LedgerError as exc:
        raise click.ClickException(str(exc)) from None


def _checked(build, *args, **kwargs):
    """Run a filter builder; its FilterError is the user's mistake: exit 2, one line."""
    from newsledger.store import FilterError

    try:
        return build(*args, **kwargs)
    except FilterError as exc:
        raise LedgerUsageError(str(exc)) from None


def _emit(rows, fmt: str, columns: list[str] | None = None, table_columns: list[str] | None = None) -> None:
    """Print rows (dicts) as JSON Lines, CSV or an aligned table on stdout."""
    from newsledger.store import jsonable
    from newsledger.store.tabular import flat_cell, write_csv

    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(jsonable(row), ensure_ascii=False) + "\n")
        out.flush()
        return
    rows = list(rows)
    names = columns or (list(rows[0]) if rows else [])
    if fmt == "csv":
        write_csv(out, rows, names)
        out.flush()
        return
    names = table_columns or names
    width = 48
    cells = [[" ".join(flat_cell(row.get(n)).split()) for n in names] for row in rows]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in line] for line in cells]
    sizes = [max([len(n), *(len(line[i]) for line in cells)]) for i, n in enumerate(names)]
    out.write("  ".join(n.ljust(s) for n, s in zip(names, sizes)).rstrip() + "\n")
    for line in cells:
        out.write("  ".join(c.ljust(s) for c, s in zip(line, sizes)).rstrip() + "\n")
    out.flush()


def _next_page(token: str | None) -> None:
    if token:
        click.echo(f"more rows: repeat with --after {token}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", callback=iso_date, help="Publication date (YYYY-MM-DD) for inputs that state none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--commit-every", default=16, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction: a crash loses at most the batch in flight.")
@click.option("--parquet", "parquet_dir", default=None, type=click.Path(file_okay=False),
              help="Also write the ledger as a Parquet dataset here (what `serve --parquet` reads).")
@with_engine_options
@with_scale_options
def ingest(paths, db, published, quiet, commit_every, parquet_dir, model, lexicon, workers, batch_size, min_confidence, engine, address) -> None:
    """Code articles and store them, their events, quotes and counts in the ledger.

    Articles already stored (same text and outlet) are skipped, so re-running an ingest
    adds only what is new; near-duplicate copies are linked to the first; event records
    that report one event are merged into it as mentions. Prints a JSON summary.
    """
    import duckdb

    from newsledger.ingest import read_inputs
    from newsledger.store import IngestStats, export_ledger, ingest_results, new_articles
    from newsledger.store.schema import one_line

    con = _ledger(db, read_only=False)  # before the model loads: a locked file fails fast
    failures = Failures()
    total = IngestStats()

    def skipped(_article) -> None:
        total.skipped += 1

    try:
        settings = settings_of(model, lexicon, workers, batch_size, min_confidence, ledger=True)
        with coding_engine(engine, settings, workers, address) as coder:
            with progress(quiet) as bar:

                def coded():
                    fresh = new_articles(con, failures.passed(read_inputs(paths, published=published)), on_skip=skipped)
                    for item in failures.passed(coder.code(fresh)):
                        bar.update(1)
                        yield item

                for stats in ingest_results(con, coded(), batch_size=commit_every):
                    total.add(stats)
                    bar.set_postfix(events=total.events, mentions=total.mentions, refresh=False)
        if parquet_dir:
            export_ledger(con, parquet_dir, "parquet")
    except duckdb.Error as exc:
        raise click.ClickException(f"ledger {db}: {one_line(exc)}") from None
    except OSError as exc:
        raise click.ClickException(f"parquet {parquet_dir}: {exc}") from None
    finally:
        con.close()
    summary = {"db": str(db), "engine": engine, **total.as_dict(), "failed": failures.count}
    summary["coded_on"] = dict(sorted(coder.coded_on.items()))  # articles per machine (Ray: per node)
    if parquet_dir:
        summary["parquet"] = str(parquet_dir)
    click.echo(json.dumps(summary))
    failures.exit_if_any()


@main.command()
@click.argument("feeds", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Poll once and exit (1 if any source failed).")
@click.option("--max-polls", default=None, type=click.IntRange(1), help="Stop after this many polls.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0, min_open=True),
              help="Seconds allowed for each feed request.")
@click.option("--commit-every", default=16, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction: a crash loses at most the batch in flight.")
@with_engine_options
def watch(feeds, db, every, once, max_polls, timeout, commit_every, model, lexicon, workers, batch_size,
          min_confidence) -> None:
    """Poll the feeds listed in FEEDS (URLs, feed files, folders; one a line, # comments)
    and ingest what is new, until Ctrl-C.

    URLs are fetched with If-None-Match / If-Modified-Since; an entry already coded (same
    guid and text) is not coded again; a folder's new or changed files are read. A source
    that fails is one line on stderr and is retried next poll. One JSON summary per poll
    on stdout. Exit 1 when a poll of --once or --max-polls had a failed source.
    """
    import signal
    import threading

    from newsledger import watch as polling
    from newsledger.store import open_ledger

    try:
        interval = polling.parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--every'") from None
    try:
        if not polling.read_sources(feeds):
            raise click.ClickException(f"{feeds}: no sources (one URL, file or folder a line)")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {feeds}: {exc}") from None
    _ledger(db, read_only=False).close()  # before the model loads: a locked or newer ledger fails fast
    settings = settings_of(model, lexicon, workers, batch_size, min_confidence, ledger=True)
    coder = polling.Coder(load_pipeline(settings), workers, commit_every)

    stop = threading.Event()

    def interrupted(signum, frame) -> None:
        if stop.is_set():  # a second Ctrl-C: abort now (the batch in flight rolls back)
            raise KeyboardInterrupt
        stop.set()
        click.echo("stopping after this poll (Ctrl-C again to abort)", err=True)

    previous = {sig: signal.signal(sig, interrupted) for sig in (signal.SIGINT, signal.SIGTERM)}

    def emit(line) -> None:
        click.echo(json.dumps(line, ensure_ascii=False))
        sys.stdout.flush()

    click.echo(f"watching {feeds} every {every}; Ctrl-C stops between polls", err=True)
    try:
        failed = polling.watch(
            feeds, db, coder, every=interval, max_polls=1 if once else max_polls, timeout=timeout, stop=stop,
            open_db=lambda path: open_ledger(path), emit=emit, log=lambda text: click.echo(text, err=True),
        )
    except KeyboardInterrupt:
        click.echo("aborted", err=True)
        sys.exit(130)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        click.echo("stopped", err=True)
        return
    if failed and (once or max_polls):
        sys.exit(1)


EVENT_TABLE = ["date", "event_type", "modality", "actor", "recipient", "num_mentions", "num_sources", "event_id", "evidence"]


@main.command()
@db_option
@click.option("--actor", multiple=True, help="Actor country: code, name, demonym or capital (CHN, China, Chinese, Beijing; a comma or repeated option: any).")
@click.option("--recipient", multiple=True, help="Recipient country, as --actor (a comma or repeated option: any).")
@click.option("--involving", multiple=True,
              help="Country code on either side (repeatable or CHN,GBR: all, in either role: a country pair).")
@click.option("--type", "event_type", multiple=True, help="PLOVER event type, e.g. SANCTION (repeatable: any).")
@click.option("--since", default=None, help="Events dated on or after YYYY-MM-DD (or from the start of YYYY-MM, YYYY).")
@click.option("--until", default=None, help="Events dated on or before YYYY-MM-DD (or by the end of YYYY-MM, YYYY).")
@click.option("--context", multiple=True, help="PLOVER context, e.g. human_rights (a comma or repeated option: any).")
@click.option("--modality", multiple=True, help="asserted, negated, hypothetical, future, reported-intent, historical.")
@click.option("--min-sources", default=None, help="At least this many distinct outlets.")
@click.option("--min-mentions", default=None, help="At least this many reports.")
@click.option("--min-confidence", default=None, help="Learned confidence (0-1) of the event's best report at least this.")
@click.option("--doc-id", default=None, help="Only events reported by this article.")
@click.option("--text", default=None, help="Words a report's evidence sentence holds (all, any order, any case).")
@click.option("--sort", default=None,
              help="date (default), type, mode, modality, actor, recipient, sources, confidence, outlet or evidence; "
                   "a leading - sorts descending (-date: newest first).")
@with_page_options
@format_option
def events(db, actor, recipient, involving, event_type, since, until, context, modality, min_sources, min_mentions, min_confidence,
           doc_id, text, sort, limit, after, fmt) -> None:
    """Merged events in the ledger, by date (or --sort), with mention, article and source counts."""
    from newsledger.store import event_filters, query_events
    from newsledger.store.queries import columns_of
    from newsledger.store.filters import limit as page_limit

    filters = _checked(
        event_filters, actor=actor, recipient=recipient, involving=involving, event_type=event_type, since=since,
        until=until, context=context, modality=modality, min_sources=min_sources, min_mentions=min_mentions,
        min_confidence=min_confidence, doc_id=doc_id, text=text,
    )
    size = _checked(page_limit, limit)
    con = _ledger(db)
    try:
        rows, token = _checked(query_events, con, filters, after=after, limit=size, sort=sort)
        columns = None if rows else columns_of(con, "events")
    finally:
        con.close()
    _emit(rows, fmt, columns=columns, table_columns=EVENT_TABLE)
    _next_page(token)


QUOTE_TABLE = ["published", "speaker_name", "speaker_country", "content", "doc_id", "quote_id"]


@main.command()
@db_option
@click.option("--speaker", default=None, help="Part of the speaker's canonical name (any case).")
@click.option("--country", multiple=True, help="Speaker country: code or name (repeatable: any).")
@click.option("--since", default=None, help="Articles published on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Articles published on or before YYYY-MM-DD.")
@click.option("--doc-id", default=None, help="Only quotes in this article.")
@click.option("--include-duplicates", is_flag=True, help="Also quotes in near-duplicate copies of a stored article.")
@click.option("--text", default=None, help="Words the quote or its speaker's name holds (all, any order).")
@with_page_options
@format_option
def quotes(db, speaker, country, since, until, doc_id, include_duplicates, text, limit, after, fmt) -> None:
    """Who said what: quotes in the ledger with their speakers."""
    from newsledger.store import query_quotes, quote_filters
    from newsledger.store.queries import columns_of
    from newsledger.store.filters import limit as page_limit

    filters = _checked(
        quote_filters, speaker=speaker, country=country, since=since, until=until, doc_id=doc_id,
        include_duplicates=include_duplicates, text=text,
    )
    size = _checked(page_limit, limit)
    con = _ledger(db)
    try:
        rows, token = _checked(query_quotes, con, filters, after=after, limit=size)
        columns = None if rows else columns_of(con, "quotes")
    finally:
        con.close()
    _emit(rows, fmt, columns=columns, table_columns=QUOTE_TABLE)
    _next_page(token)


@main.command()
@db_option
@click.option("--country", multiple=True, help="Entity country: code or name (repeatable: any).")
@click.option("--role", default=None, help="Count only as actor, or only as recipient.")
@click.option("--type", "event_type", multiple=True, help="Only events of this PLOVER type (repeatable: any).")
@click.option("--since", default=None, help="Events dated on or after YYYY-MM-DD (or from the start of YYYY-MM, YYYY).")
@click.option("--until", default=None, help="Events dated on or before YYYY-MM-DD (or by the end of YYYY-MM, YYYY).")
@click.option("--limit", default="50", show_default=True, help="Rows (at most 10000).")
@format_option
def actors(db, country, role, event_type, since, until, limit, fmt) -> None:
    """Who appears most in the ledger's events, as actor or recipient, with counts."""
    from newsledger.store import actor_filters, query_actors
    from newsledger.store.queries import columns_of
    from newsledger.store.filters import limit as page_limit

    filters = _checked(actor_filters, country=country, role=role, event_type=event_type, since=since, until=until)
    size = _checked(page_limit, limit)
    con = _ledger(db)
    try:
        rows = query_actors(con, filters, limit=size)
    finally:
        con.close()
    _emit(rows, fmt, columns=None if rows else columns_of(None, "actors"))


@main.command()
@click.argument("query")
@db_option
@format_option
def sql(query, db, fmt) -> None:
    """Run a read-only SQL query on the ledger (tables: articles, events, mentions,
    entities, quotes, counts, schema_version). Writes and file access are refused."""
    import duckdb

    from newsledger.store import run_sql
    from newsledger.store.schema import one_line

    con = _ledger(db)
    try:
        columns, rows = run_sql(con, query)
        _emit(rows, fmt, columns=columns)
    except duckdb.Error as exc:
        raise click.ClickException(one_line(exc)) from None
    finally:
        con.close()


@main.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "plover", "polecat"]), default="parquet",
              show_default=True, help="Tables as Parquet, CSV or JSON Lines; events as PLOVER JSON or a POLECAT TSV.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder to write into (created).")
def export(db, fmt, out) -> None:
    """Export the ledger: articles, events, mentions, entities, quotes and counts, or the
    events as PLOVER records or POLECAT rows. Prints the files written."""
    import duckdb

    from newsledger.store import export_ledger
    from newsledger.store.schema import one_line

    con = _ledger(db, read_only=True, files=True)
    try:
        written = export_ledger(con, out, fmt)
    except (duckdb.Error, OSError) as exc:
        raise click.ClickException(f"export to {out}: {one_line(exc)}") from None
    finally:
        con.close()
    for path in written:
        click.echo(json.dumps({"format": fmt, "file": str(path)}))


def _register_serve() -> None:
    """`newsledger serve` lives with the API; FastAPI loads only when it runs."""
    from newsledger.api.command import serve

    main.add_command(serve)


_register_serve()
