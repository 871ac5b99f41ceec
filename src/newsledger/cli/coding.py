"""Commands that code articles and measure the coder: extract, eval, train-scorer, bench,
summarize and synth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

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
from newsledger.records import InputError
from newsledger.settings import DEFAULT_MODEL


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=iso_date, help="Publication date (YYYY-MM-DD) for inputs that state none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_engine_options
@with_scale_options
def extract(paths, published, quiet, model, lexicon, workers, batch_size, min_confidence, engine, address) -> None:
    """Code articles (files, folders, feeds, JSON Lines, - for stdin) into JSON Lines records."""
    from newsledger.ingest import read_inputs

    failures = Failures()
    out = sys.stdout
    with coding_engine(engine, settings_of(model, lexicon, workers, batch_size, min_confidence), workers, address) as coder:
        with progress(quiet) as bar:
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
    pipeline = load_pipeline(settings_of(model, lexicon, workers, batch_size, 0.0))  # every candidate; the threshold is applied in scoring
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
    settings = replace(settings_of(model, (), 1, 16, 0.0), keep_features=True)
    try:
        examples = collect(load_pipeline(settings), [Path(g) for g in gold], [Path(c) for c in corpus])
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
@click.option("--repeat", default=1, show_default=True, type=click.IntRange(1, 100), help="Passes over the texts for each side; the fastest of each counts.")
@with_engine_options
def bench(paths, limit, repeat, model, lexicon, workers, batch_size, min_confidence) -> None:
    """Words per second of bare spaCy and of the full extraction on the same texts."""
    from newsledger.evaluation.bench import run_bench
    from newsledger.ingest import read_inputs

    texts = [item.text for item in read_inputs(paths) if not isinstance(item, InputError)][:limit]
    if not texts:
        raise click.ClickException("no readable articles to benchmark")
    settings = settings_of(model, lexicon, workers, batch_size, min_confidence)
    for key, value in run_bench(settings, texts, repeat).items():
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
