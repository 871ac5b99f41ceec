"""Command line: a thin layer over the function API (ingest, Pipeline, evaluation).

JSON Lines on stdout; errors one line each on stderr; progress on stderr only when it is
a terminal. Exit codes: 0 ok, 1 some inputs failed (or a quality gate failed), 2 usage.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from newsledger.engines import ENGINES
from newsledger.records import InputError
from newsledger.settings import DEFAULT_MODEL, Settings


def _iso_date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    from newsledger.ingest.dates import check_iso_date

    try:
        return check_iso_date(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2021-12-03") from None


def _settings(model: str | None, lexicon: tuple[str, ...], workers: int, batch_size: int,
              min_confidence: float | None = None) -> Settings:
    base = Settings()
    return Settings(
        model=model or base.model,
        batch_size=batch_size,
        workers=workers or 1,
        lexicon_dirs=base.lexicon_dirs + tuple(lexicon),
        min_confidence=min_confidence,
    )


def _pipeline(settings: Settings):
    from newsledger.pipeline import ModelError, Pipeline
    from newsledger.nlp.lexicon import LexiconError

    try:
        return Pipeline(settings)
    except (ModelError, LexiconError) as exc:
        raise click.ClickException(str(exc)) from None


def _progress(quiet: bool, unit: str = "article"):
    from tqdm import tqdm

    return tqdm(unit=unit, file=sys.stderr, disable=quiet or not sys.stderr.isatty())


class Failures:
    """Counts the inputs that failed, each reported as one line on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def passed(self, items):
        """The items that are not errors; the errors are reported and counted."""
        for item in items:
            if isinstance(item, InputError):
                self.count += 1
                click.echo(item.line(), err=True)
            else:
                yield item

    def exit_if_any(self) -> None:
        if self.count:
            click.echo(f"{self.count} input(s) failed", err=True)
            sys.exit(1)


engine_options = [
    click.option("--model", default=None, help=f"spaCy pipeline to load (default {DEFAULT_MODEL}, or $NEWSLEDGER_MODEL)."),
    click.option("--lexicon", multiple=True, type=click.Path(exists=True, file_okay=False), help="Extra lexicon folder (repeatable)."),
    click.option("--workers", default=None, type=click.IntRange(1, 1024),
                 help="Worker processes, each coding whole articles (default 1), or Ray actors (default: the cluster's CPUs)."),
    click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 1024), help="Texts per nlp.pipe batch."),
    click.option("--min-confidence", default=None, type=click.FloatRange(0, 1),
                 help="Emit events whose learned confidence is at least this (default: the threshold chosen on dev "
                      "for precision 0.80; 0 keeps every candidate)."),
]


def with_engine_options(func):
    for option in reversed(engine_options):
        func = option(func)
    return func


scale_options = [
    click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                 help="local: this machine (--workers processes); ray: a Ray cluster (pip install 'newsledger[ray]')."),
    click.option("--address", default=None, envvar="RAY_ADDRESS",
                 help="With --engine ray: the cluster to join (ray://host:10001, host:6379 or auto; also "
                      "$RAY_ADDRESS). Without it a local Ray starts with --workers CPUs (default all)."),
]


def with_scale_options(func):
    for option in reversed(scale_options):
        func = option(func)
    return func


@contextlib.contextmanager
def _engine(name: str, settings: Settings, workers: int | None, address: str | None):
    """The coding engine, model loaded and cluster joined, closed after use. Its failures,
    at the start or mid-run (actors lost, nodes without the model), are one line."""
    from newsledger.engines import EngineError, open_engine
    from newsledger.nlp.lexicon import LexiconError
    from newsledger.pipeline import ModelError

    if address and name != "ray":
        if click.get_current_context().get_parameter_source("address") is ParameterSource.COMMANDLINE:
            raise click.UsageError("--address needs --engine ray")
        address = None  # $RAY_ADDRESS is for --engine ray; a local run ignores it
    try:
        engine = open_engine(name, settings, workers=workers, address=address)
    except (ModelError, LexiconError, EngineError) as exc:
        raise click.ClickException(str(exc)) from None
    with engine:
        try:
            yield engine
        except EngineError as exc:
            raise click.ClickException(str(exc)) from None


@click.group()
@click.version_option(package_name="newsledger")
def main() -> None:
    """newsledger: news articles in, auditable PLOVER/CAMEO event records out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD) for inputs that state none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_engine_options
@with_scale_options
def extract(paths, published, quiet, model, lexicon, workers, batch_size, min_confidence, engine, address) -> None:
    """Code articles (files, folders, feeds, JSON Lines, - for stdin) into JSON Lines records."""
    from newsledger.ingest import read_inputs

    failures = Failures()
    out = sys.stdout
    with _engine(engine, _settings(model, lexicon, workers, batch_size, min_confidence), workers, address) as coder:
        with _progress(quiet) as bar:
            articles = failures.passed(read_inputs(paths, published=published))
            for _article, result in failures.passed(coder.code(articles)):
                for line in result.record_lines():
                    out.write(line + "\n")
                bar.update(1)
    out.flush()
    failures.exit_if_any()


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--corpus", multiple=True, type=click.Path(exists=True),
              help="Articles the gold's doc_ids refer to (default for offset gold: ../shared/data/realnews or $NEWSLEDGER_REALNEWS).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default=None,
              help="Score the articles of this split (from the gold's NAME.split.json; default all).")
@click.option("--gate", default=None, help="Check against the floors of this name in the baseline file; exit 1 below them.")
@click.option("--baseline", default="evaluation/baseline.json", show_default=True, type=click.Path(dir_okay=False))
@click.option("--update", is_flag=True, help="Raise the gate's floors to the figures measured now.")
@click.option("--allow-lower", is_flag=True, help="With --update, allow a floor to go down (say why in the commit).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "with_errors", is_flag=True,
              help="Also list every sentence with a missed or wrong event (not with --split test: tune on dev only).")
@with_engine_options
def evaluate(gold, corpus, split, gate, baseline, update, allow_lower, fmt, with_errors, model, lexicon, workers,
             batch_size, min_confidence) -> None:
    """Precision, recall and F1 of the coder against a gold file, with the precision/recall
    curve by confidence and a calibration table."""
    from newsledger.evaluation import gate as gates
    from newsledger.evaluation.gold import GoldError
    from newsledger.evaluation.report import format_table
    from newsledger.evaluation.score import evaluate_file
    from newsledger.nlp.confidence import default_threshold

    if with_errors and split == "test":
        raise click.UsageError("--errors lists the errors to tune on: use it on --split dev, never on test")
    pipeline = _pipeline(_settings(model, lexicon, workers, batch_size, 0.0))  # every candidate; the threshold is applied in scoring
    threshold = default_threshold() if min_confidence is None else min_confidence
    try:
        report = evaluate_file(pipeline, Path(gold), [Path(c) for c in corpus], split=split, threshold=threshold,
                               with_errors=with_errors)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report, indent=2) if fmt == "json" else format_table(report))
    if gate:
        try:
            problems = gates.check_or_update(Path(baseline), gate, report, update=update, allow_lower=allow_lower)
        except gates.GateError as exc:
            raise click.ClickException(str(exc)) from None
        for line in problems:
            click.echo(line, err=True)
        if problems:
            sys.exit(1)
        click.echo(f"gate {gate}: {'updated' if update else 'passed'}", err=True)


@main.command(name="train-scorer")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--corpus", multiple=True, type=click.Path(exists=True), help="Articles of the document gold that has no split file.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Where to write the model (default: the packaged scorer.json).")
@click.option("--precision", default=0.80, show_default=True, type=click.FloatRange(0.5, 0.99),
              help="The default threshold is the lowest that reaches this precision on dev (cross-validated).")
@click.option("--seed", default=7, show_default=True, type=int)
@click.option("--model", default=None, help=f"spaCy pipeline to load (default {DEFAULT_MODEL}).")
def train_scorer(gold, corpus, out, precision, seed, model) -> None:
    """Fit the event confidence model on the dev split of each gold file (all of a file
    without splits) and write it as JSON. Needs scikit-learn (pip install 'newsledger[train]')."""
    from dataclasses import replace

    from newsledger.evaluation.gold import GoldError
    from newsledger.evaluation.train import collect, fit
    from newsledger.nlp.confidence import default_path

    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise click.ClickException("[NL021] train-scorer needs scikit-learn: pip install 'newsledger[train]'") from None
    settings = replace(_settings(model, (), 1, 16, 0.0), keep_features=True)
    try:
        examples = collect(_pipeline(settings), [Path(g) for g in gold], [Path(c) for c in corpus])
    except GoldError as exc:
        raise click.ClickException(str(exc)) from None
    trained = fit(examples, seed=seed, precision=precision)
    target = Path(out) if out else default_path()
    target.write_text(json.dumps(trained, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    cv = trained["cross_validated"]
    click.echo(
        f"{cv['candidates']} candidates ({cv['right']} right) -> {target}: threshold {trained['threshold']:.2f}, "
        f"cross-validated precision {cv['precision_at_threshold']:.3f} keeping {cv['right_kept_share']:.3f} of the right ones",
        err=True,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--limit", default=None, type=click.IntRange(1), help="Use at most this many articles.")
@click.option("--repeat", default=1, show_default=True, type=click.IntRange(1, 100), help="Pass over the texts this many times.")
@with_engine_options
def bench(paths, limit, repeat, model, lexicon, workers, batch_size, min_confidence) -> None:
    """Words per second of bare spaCy and of the full extraction on the same texts."""
    from newsledger.evaluation.bench import run_bench
    from newsledger.ingest import read_inputs

    texts = [item.text for item in read_inputs(paths) if not isinstance(item, InputError)][:limit]
    if not texts:
        raise click.ClickException("no readable articles to benchmark")
    settings = _settings(model, lexicon, workers, batch_size, min_confidence)
    for key, value in run_bench(settings, texts * repeat).items():
        click.echo(f"{key}: {value}")


@main.command()
@click.argument("records", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--examples", default=5, show_default=True, type=click.IntRange(0), help="Events to show with their evidence.")
def summarize(records, examples) -> None:
    """Summarise JSON Lines records from `extract` (a file or - for stdin)."""
    from collections import Counter

    kinds, types, modalities, actors = Counter(), Counter(), Counter(), Counter()
    shown = []
    for number, line in enumerate(records, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise click.ClickException(f"{records.name}:{number}: not JSON") from None
        kinds[record.get("kind")] += 1
        if record.get("kind") == "event":
            types[record["event_type"]] += 1
            modalities[record["modality"]] += 1
            for entity in record["actor"]:
                actors[entity["country"] or "?"] += 1
            if len(shown) < examples and record["actor"] and record["recipient"] and record["modality"] == "asserted":
                shown.append(record)
    click.echo(f"articles: {kinds['article']}  events: {kinds['event']}")
    click.echo("by type: " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    click.echo("by modality: " + ", ".join(f"{k} {v}" for k, v in modalities.most_common()))
    click.echo("top actor countries: " + ", ".join(f"{k} {v}" for k, v in actors.most_common(10)))
    for record in shown:
        who = " + ".join(e["name"] for e in record["actor"])
        whom = " + ".join(e["name"] for e in record["recipient"])
        click.echo(f"\n[{record['doc_id']}] {record['event_type']} {who} -> {whom} ({record['date']})")
        click.echo(f"  evidence: {record['evidence']['text']}")
        click.echo(f"  trigger: {record['evidence']['trigger']!r} at {record['evidence']['trigger_start']}")


@main.command()
@click.option("--articles", default=None, type=click.IntRange(1), help="How many articles to write.")
@click.option("--seed", default=0, show_default=True, type=int, help="Same seed, same corpus (byte for byte).")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Corpus file (JSON Lines; - for stdout).")
@click.option("--truth", default=None, type=click.Path(dir_okay=False), help="Also write the planted events here.")
@click.option("--check", "check_files", nargs=2, default=None, type=click.Path(exists=True, dir_okay=False),
              metavar="TRUTH RECORDS", help="Compare planted events with `extract` output instead of generating.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="With --check: a table or the full JSON report.")
def synth(articles, seed, out, truth, check_files, fmt) -> None:
    """Write a synthetic corpus with known events (--articles N --out FILE [--truth FILE]),
    or check extract output against the planted events (--check TRUTH RECORDS)."""
    from newsledger import synth as synthetic

    if check_files:
        if articles or out or truth:
            raise click.UsageError("--check takes no --articles, --out or --truth")
        report = synthetic.check(*check_files)
        click.echo(json.dumps(report, indent=2) if fmt == "json" else synthetic.format_report(report))
        return
    if not articles or not out:
        raise click.UsageError("give --articles N and --out FILE (or --check TRUTH RECORDS)")
    handle = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="\n")
    truth_handle = open(truth, "w", encoding="utf-8", newline="\n") if truth else None
    try:
        count, planted = synthetic.write_corpus(articles, seed, handle, truth_handle)
    finally:
        if handle is not sys.stdout:
            handle.close()
        if truth_handle:
            truth_handle.close()
    click.echo(f"wrote {count} articles, {planted} planted events", err=True)


# --- The ledger: ingest into a DuckDB file, query it, export it (newsledger.store). ---

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
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD) for inputs that state none.")
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
        with _engine(engine, _settings(model, lexicon, workers, batch_size, min_confidence), workers, address) as coder:
            with _progress(quiet) as bar:

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
    coder = polling.Coder(_pipeline(_settings(model, lexicon, workers, batch_size, min_confidence)), workers, commit_every)

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
