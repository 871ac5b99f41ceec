"""What the commands share: the coding options (model, lexicons, workers, engine), the
settings and pipeline they build, progress on stderr, and the tally of failed inputs."""

from __future__ import annotations

import contextlib
import sys

import click
from click.core import ParameterSource

from newsledger.engines import ENGINES
from newsledger.records import InputError
from newsledger.settings import DEFAULT_MODEL, Settings


def iso_date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    from newsledger.ingest.dates import check_iso_date

    try:
        return check_iso_date(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2021-12-03") from None


def settings_of(model: str | None, lexicon: tuple[str, ...], workers: int, batch_size: int,
              min_confidence: float | None = None, *, ledger: bool = False) -> Settings:
    """`ledger`: coding for a ledger (Settings.ledger_keys)."""
    base = Settings()
    return Settings(
        model=model or base.model,
        batch_size=batch_size,
        workers=workers or 1,
        lexicon_dirs=base.lexicon_dirs + tuple(lexicon),
        min_confidence=min_confidence,
        ledger_keys=ledger,
    )


def load_pipeline(settings: Settings):
    from newsledger.pipeline import ModelError, Pipeline
    from newsledger.nlp.lexicon import LexiconError

    try:
        return Pipeline(settings)
    except (ModelError, LexiconError) as exc:
        raise click.ClickException(str(exc)) from None


def progress(quiet: bool, unit: str = "article"):
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
def coding_engine(name: str, settings: Settings, workers: int | None, address: str | None):
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
