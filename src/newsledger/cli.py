"""Command line: a thin layer over the function API (ingest, Pipeline, evaluation).

JSON Lines on stdout; errors one line each on stderr; progress on stderr only when it is
a terminal. Exit codes: 0 ok, 1 some inputs failed (or a quality gate failed), 2 usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsledger.records import InputError, to_dict
from newsledger.settings import DEFAULT_MODEL, Settings


def _iso_date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    from newsledger.ingest.dates import check_iso_date

    try:
        return check_iso_date(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2021-12-03") from None


def _settings(model: str | None, lexicon: tuple[str, ...], workers: int, batch_size: int) -> Settings:
    base = Settings()
    return Settings(
        model=model or base.model,
        batch_size=batch_size,
        workers=workers,
        lexicon_dirs=base.lexicon_dirs + tuple(lexicon),
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


engine_options = [
    click.option("--model", default=None, help=f"spaCy pipeline to load (default {DEFAULT_MODEL}, or $NEWSLEDGER_MODEL)."),
    click.option("--lexicon", multiple=True, type=click.Path(exists=True, file_okay=False), help="Extra lexicon folder (repeatable)."),
    click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Parser processes (spaCy n_process)."),
    click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 1024), help="Texts per nlp.pipe batch."),
]


def with_engine_options(func):
    for option in reversed(engine_options):
        func = option(func)
    return func


@click.group()
@click.version_option(package_name="newsledger")
def main() -> None:
    """newsledger: news articles in, auditable PLOVER/CAMEO event records out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD) for inputs that state none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_engine_options
def extract(paths, published, quiet, model, lexicon, workers, batch_size) -> None:
    """Code articles (files, folders, feeds, JSON Lines, - for stdin) into JSON Lines records."""
    from newsledger.ingest import read_inputs

    pipeline = _pipeline(_settings(model, lexicon, workers, batch_size))
    failed = 0

    def articles():
        nonlocal failed
        for item in read_inputs(paths, published=published):
            if isinstance(item, InputError):
                failed += 1
                click.echo(item.line(), err=True)
            else:
                yield item

    out = sys.stdout
    with _progress(quiet) as bar:
        for result in pipeline.process_batch(articles()):
            if isinstance(result, InputError):
                failed += 1
                click.echo(result.line(), err=True)
                continue
            for record in result.records():
                out.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
            bar.update(1)
    out.flush()
    if failed:
        click.echo(f"{failed} input(s) failed", err=True)
        sys.exit(1)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--corpus", multiple=True, type=click.Path(exists=True), help="Articles the gold's doc_ids refer to (document gold).")
@click.option("--gate", default=None, help="Check against the floors of this name in the baseline file; exit 1 below them.")
@click.option("--baseline", default="evaluation/baseline.json", show_default=True, type=click.Path(dir_okay=False))
@click.option("--update", is_flag=True, help="Raise the gate's floors to the figures measured now.")
@click.option("--allow-lower", is_flag=True, help="With --update, allow a floor to go down (say why in the commit).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@with_engine_options
def evaluate(gold, corpus, gate, baseline, update, allow_lower, fmt, model, lexicon, workers, batch_size) -> None:
    """Precision, recall and F1 of the coder against a gold file (plover_gsr.jsonl format)."""
    from newsledger.evaluation import gate as gates
    from newsledger.evaluation.score import GoldError, evaluate_file, format_table

    pipeline = _pipeline(_settings(model, lexicon, workers, batch_size))
    try:
        report = evaluate_file(pipeline, Path(gold), [Path(c) for c in corpus])
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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--limit", default=None, type=click.IntRange(1), help="Use at most this many articles.")
@click.option("--repeat", default=1, show_default=True, type=click.IntRange(1, 100), help="Pass over the texts this many times.")
@with_engine_options
def bench(paths, limit, repeat, model, lexicon, workers, batch_size) -> None:
    """Words per second of bare spaCy and of the full extraction on the same texts."""
    from newsledger.evaluation.bench import run_bench
    from newsledger.ingest import read_inputs

    texts = [item.text for item in read_inputs(paths) if not isinstance(item, InputError)][:limit]
    if not texts:
        raise click.ClickException("no readable articles to benchmark")
    settings = _settings(model, lexicon, workers, batch_size)
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
