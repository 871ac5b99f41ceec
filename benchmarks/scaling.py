"""Scaling curve of the coding engines on this machine: bare spaCy, local, Ray, by workers.

    .venv/bin/python benchmarks/scaling.py                         # 1,000 synthetic articles, W = 1, 2, 4, ... cores
    .venv/bin/python benchmarks/scaling.py --articles 40 --workers 1,2     # a quick run
    .venv/bin/python benchmarks/scaling.py --corpus corpus5x.jsonl --workers 2

Why these figures: choosing `--workers` or `--engine ray` (and sizing a cluster) needs to
know how coding speed grows with workers here, what each worker costs in memory, and how
far the full extraction is from bare spaCy. So, for each worker count W, on the same texts
and in one run:

- bare spaCy: `nlp.pipe(texts, batch_size=16, n_process=W)` with the model the coder
  uses (`load_nlp(settings, coder=False)`): the ceiling any engine could reach;
- the local engine (`LocalEngine(settings, workers=W)`, spaCy's forked workers);
- the Ray engine (`RayEngine(settings, actors=W)`) on a local Ray started for that run
  with W CPUs, on loopback only.

Articles/s and words/s (whitespace words of the texts) run from the first call to the
last result. Bare spaCy and the local engine load the model and code 16 texts before the
clock starts (first calls build caches and regexes; forked workers inherit them). Ray
actors are new in every run, so their start-up and model load are inside the clock, as
they are in every `newsledger ingest --engine ray`; `ray.init` itself is not (it is
logged). Peak memory per worker is ru_maxrss: for W=1 the measuring process itself
(model, corpus and results), for W>1 the largest spaCy child (RUSAGE_CHILDREN, which
counts the pages it shares with its parent after the fork), for Ray the largest actor.
Each measurement runs in its own subprocess so no peak or cache leaks into the next.

The same run checks that every engine and worker count coded identical records (exit 1
if not) and times loading the coded articles into a fresh DuckDB ledger, as
`newsledger ingest` does after coding (skip check, store, event merging). Progress goes
to stderr; the table goes to stdout and to benchmarks/scaling.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import os
import pickle
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from newsledger.records import ArticleInput, InputError, to_dict  # noqa: E402
from newsledger.settings import Settings  # noqa: E402

ENGINES = ("spacy", "local", "ray")
LABELS = {"spacy": "bare spaCy", "local": "local", "ray": "ray"}
WARMUP = 16  # texts coded before the clock starts (bare spaCy and local only)
BATCH = 16  # nlp.pipe batch size, as the engines use (Settings.batch_size)
RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Run:
    """One measurement: an engine at W workers over the whole corpus."""

    engine: str
    workers: int
    articles: int
    words: int
    seconds: float  # start of the run to the last result
    first_s: float  # start of the run to the first result
    setup_s: float  # outside the clock: model load and warm-up, or ray.init
    peak_bytes: int  # largest worker (or the process itself for W=1)
    peak_of: str  # what peak_bytes is the peak of

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


# --- the corpus -------------------------------------------------------------------------


def synthetic_corpus(folder: Path, articles: int, seed: int) -> Path:
    """A JSON Lines corpus from newsledger.synth (the same seed gives the same bytes)."""
    from newsledger.synth import write_corpus

    path = folder / f"synthetic-{articles}-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        write_corpus(articles, seed, handle)
    return path


def read_corpus(path: Path) -> list[ArticleInput]:
    """Every article newsledger reads from `path`; inputs that fail are logged and left out."""
    from newsledger.ingest import read_inputs

    articles, failed = [], 0
    for item in read_inputs([str(path)]):
        if isinstance(item, InputError):
            failed += 1
        else:
            articles.append(item)
    if failed:
        log(f"  {failed} inputs of {path} could not be read and are left out")
    if not articles:
        raise SystemExit(f"no articles in {path}")
    return articles


def count_words(articles: Iterable[ArticleInput]) -> int:
    return sum(len(a.text.split()) for a in articles)


# --- one measurement (runs in a subprocess) ---------------------------------------------


def timed(make: Callable[[], Iterable[Any]], keep: bool = True) -> tuple[list[Any], float, float]:
    """Iterate what `make()` returns; (items or [], seconds to the last item, to the first)."""
    items: list[Any] = []
    started = time.perf_counter()
    first = last = started
    count = 0
    for item in make():
        last = time.perf_counter()
        if count == 0:
            first = last
        count += 1
        if keep:
            items.append(item)
    return items, last - started, first - started


def own_peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT


def children_peak() -> int:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * RSS_UNIT


def process_peak(workers: int) -> tuple[int, str]:
    """W=1: this process; W>1: the largest finished child (spaCy joins its workers)."""
    if workers == 1:
        return own_peak(), "own process"
    return children_peak(), f"largest of {workers} workers"


def measure_spacy(settings: Settings, articles: list[ArticleInput], workers: int) -> tuple[Run, list]:
    from newsledger.pipeline import load_nlp

    started = time.perf_counter()
    nlp = load_nlp(settings, coder=False)
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:WARMUP], batch_size=BATCH))
    setup = time.perf_counter() - started
    _, seconds, first = timed(lambda: nlp.pipe(texts, batch_size=BATCH, n_process=workers), keep=False)
    peak, of = process_peak(workers)
    return Run("spacy", workers, len(texts), count_words(articles), seconds, first, setup, peak, of), []


def measure_local(settings: Settings, articles: list[ArticleInput], workers: int) -> tuple[Run, list]:
    from newsledger.engines.local import LocalEngine

    started = time.perf_counter()
    engine = LocalEngine(settings, workers=workers)
    list(engine.pipeline.process_batch(articles[:WARMUP], workers=1))  # here: forked workers inherit it
    setup = time.perf_counter() - started
    items, seconds, first = timed(lambda: engine.code(articles))
    peak, of = process_peak(workers)
    engine.close()
    return Run("local", workers, len(articles), count_words(articles), seconds, first, setup, peak, of), items


def measure_ray(settings: Settings, articles: list[ArticleInput], workers: int) -> tuple[Run, list]:
    import ray

    from newsledger.engines.ray_data import RayEngine

    started = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, _node_ip_address="127.0.0.1",
             logging_level=logging.ERROR, log_to_driver=False)
    try:
        engine = RayEngine(settings, actors=workers)  # joins the Ray started here
        setup = time.perf_counter() - started
        items, seconds, first = timed(lambda: engine.code(articles))  # actors start inside the clock
        peaks = engine.worker_peaks
    finally:
        ray.shutdown()
    peak = max(peaks.values(), default=0)
    of = "1 actor" if len(peaks) == 1 else f"largest of {len(peaks)} actors"
    return Run("ray", workers, len(articles), count_words(articles), seconds, first, setup, peak, of), items


MEASURES = {"spacy": measure_spacy, "local": measure_local, "ray": measure_ray}


def child_main(engine: str, workers: int, corpus: Path, dump: Path) -> None:
    """The subprocess: measure, then pickle {"run": ..., "items": coded items} to `dump`."""
    articles = read_corpus(corpus)
    run, items = MEASURES[engine](Settings(batch_size=BATCH), articles, workers)
    with dump.open("wb") as handle:
        pickle.dump({"run": dataclasses.asdict(run), "items": items}, handle, protocol=pickle.HIGHEST_PROTOCOL)


def run_child(engine: str, workers: int, corpus: Path, folder: Path) -> tuple[Run, list]:
    """Measure in a fresh interpreter (its stdout goes to our stderr, to keep the table clean)."""
    dump = folder / f"{engine}-{workers}.pickle"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", engine, str(workers),
               "--corpus", str(corpus), "--dump", str(dump)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(command, stdout=sys.stderr, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{LABELS[engine]} with W={workers} failed (exit {done.returncode})")
    with dump.open("rb") as handle:
        payload = pickle.load(handle)
    dump.unlink()
    return Run(**payload["run"]), payload["items"]


# --- identical records ------------------------------------------------------------------


@dataclass
class Digest:
    """Per-article digests of the coded records, in input order, and the input errors."""

    doc_ids: list[str]
    digests: list[str]
    errors: list[str]  # sorted: an engine may report a too-long text early


def digest(items: Sequence[Any]) -> Digest:
    doc_ids, digests, errors = [], [], []
    for item in items:
        if isinstance(item, InputError):
            errors.append(item.line())
            continue
        article, result = item
        records = json.dumps([to_dict(r) for r in result.records()], sort_keys=True, default=str)
        doc_ids.append(article.doc_id)
        digests.append(hashlib.sha256(records.encode("utf-8")).hexdigest())
    return Digest(doc_ids, digests, sorted(errors))


def difference(reference: Digest, other: Digest) -> str | None:
    """None when identical, else what differs (first article only)."""
    if other.errors != reference.errors:
        return f"input errors differ ({len(other.errors)} against {len(reference.errors)})"
    if other.doc_ids != reference.doc_ids:
        return f"different articles or order ({len(other.doc_ids)} against {len(reference.doc_ids)})"
    wrong = [d for d, a, b in zip(reference.doc_ids, reference.digests, other.digests) if a != b]
    return f"{len(wrong)} articles coded differently, first {wrong[0]}" if wrong else None


# --- the ledger -------------------------------------------------------------------------


def load_ledger(coded: Sequence[Any], folder: Path) -> dict[str, Any]:
    """Time storing coded (input, Result) pairs into a fresh ledger, as ingest does."""
    from newsledger.store import IngestStats, ingest_results, new_articles, open_ledger

    pairs = [item for item in coded if not isinstance(item, InputError)]
    result_of = {id(article): result for article, result in pairs}
    path = folder / "ledger.duckdb"
    total = IngestStats()
    started = time.perf_counter()
    con = open_ledger(path)
    try:
        fresh = new_articles(con, (article for article, _ in pairs))  # lazily, as in `newsledger ingest`
        for stats in ingest_results(con, ((article, result_of[id(article)]) for article in fresh)):
            total.add(stats)
    finally:
        con.close()
    seconds = time.perf_counter() - started
    con = open_ledger(path, read_only=True)
    try:
        rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("articles", "events", "mentions")}
    finally:
        con.close()
    return {"seconds": seconds, "input": len(pairs), "rows": rows, "merged": total.merged,
            "mib": path.stat().st_size / 2**20}


# --- the report -------------------------------------------------------------------------


def speedups(runs: list[Run]) -> dict[tuple[str, int], float]:
    """articles/s over the same engine's at its smallest W."""
    base = {}
    for run in sorted(runs, key=lambda r: r.workers):
        base.setdefault(run.engine, run.articles_per_s)
    return {(r.engine, r.workers): r.articles_per_s / base[r.engine] for r in runs}


def table(runs: list[Run]) -> str:
    base_w = min(r.workers for r in runs)
    ups = speedups(runs)
    local = {r.workers: r.articles_per_s for r in runs if r.engine == "local"}
    lines = [
        f"| W | engine | s | first result s | articles/s | words/s | speed-up vs W={base_w} | ratio to local | peak MiB per worker |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(runs, key=lambda r: (r.workers, ENGINES.index(r.engine))):
        ratio = "—" if r.engine == "local" or r.workers not in local else f"{r.articles_per_s / local[r.workers]:.2f}"
        lines.append(
            f"| {r.workers} | {LABELS[r.engine]} | {r.seconds:.2f} | {r.first_s:.2f} | {r.articles_per_s:,.1f} "
            f"| {r.words_per_s:,.0f} | {ups[(r.engine, r.workers)]:.2f} | {ratio} "
            f"| {r.peak_bytes / 2**20:,.0f} ({r.peak_of}) |"
        )
    return "\n".join(lines)


def machine_facts(settings: Settings, load: float) -> str:
    import ray
    import spacy
    import spacy.util

    model = settings.model
    version = spacy.util.get_package_version(model) if spacy.util.is_package(model) else None
    return (
        f"{os.cpu_count()} CPU cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"spaCy {spacy.__version__} (model {model}{' ' + version if version else ''}), Ray {ray.__version__}; "
        f"load average {load:.2f} at the start"
    )


def report(corpus: str, words: int, articles: int, load: float, runs: list[Run],
           ledger: dict[str, Any], identical: str) -> str:
    rows = ledger["rows"]
    command = " ".join(["benchmarks/scaling.py", *sys.argv[1:]])
    ray_init = ", ".join(f"{r.setup_s:.1f}" for r in sorted(runs, key=lambda r: r.workers) if r.engine == "ray")
    return (
        "# Coding engines: scaling\n\n"
        f"`{command}`: {corpus}, {articles:,} articles, {words:,} words. {machine_facts(Settings(), load)}.\n\n"
        + table(runs)
        + "\n\n"
        f"- Each row is one run over the whole corpus in its own subprocess; rates are from the first call "
        f"to the last result. Bare spaCy and local: model loaded and {WARMUP} texts coded before the clock. "
        f"**Ray: actor start-up and model load in each actor are inside the clock** (new actors every run, "
        f"no warm-up), as in every `newsledger ingest --engine ray`; `ray.init` is not ({ray_init} s).\n"
        "- first result s: time to the first result (for Ray, mostly actor start-up). Words: whitespace-split. "
        "Ratio to local: articles/s over the local engine's at the same W.\n"
        "- Peak MiB per worker: ru_maxrss. W=1: the measuring process (model, corpus, results); "
        "W>1: the largest spaCy worker (RUSAGE_CHILDREN; counts pages shared with the parent after the fork); "
        "Ray: the largest actor (`engine.worker_peaks`).\n"
        f"- Ledger: the {ledger['input']:,} coded articles of the local W={min(r.workers for r in runs)} run "
        f"into a fresh DuckDB file (`open_ledger`, `new_articles`, `ingest_results`, commits of 16) in "
        f"{ledger['seconds']:.2f} s, {ledger['input'] / ledger['seconds']:,.1f} articles/s: "
        f"{rows['articles']:,} articles, {rows['events']:,} events, {rows['mentions']:,} mentions "
        f"({ledger['merged']:,} merged into an earlier event), {ledger['mib']:.1f} MiB.\n"
        f"- Records: {identical}.\n"
    )


# --- main -------------------------------------------------------------------------------


def worker_list(text: str) -> list[int]:
    """"1,2,4" -> [1, 2, 4] (the --workers type)."""
    counts = sorted({int(part) for part in text.split(",") if part.strip()})
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError("positive integers, comma-separated")
    return counts


def default_workers() -> list[int]:
    """1, 2, 4, ... up to the CPU count, and the CPU count itself."""
    cpus, counts, w = os.cpu_count() or 1, [], 1
    while w <= cpus:
        counts.append(w)
        w *= 2
    return counts if counts[-1] == cpus else [*counts, cpus]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="Any newsledger input (default: a synthetic corpus).")
    parser.add_argument("--articles", type=int, default=1000, help="Synthetic corpus size (without --corpus).")
    parser.add_argument("--seed", type=int, default=7, help="Synthetic corpus seed.")
    parser.add_argument("--workers", type=worker_list, default=None, help="Worker counts, e.g. 1,2 (default: 1, 2, 4, ... CPU count).")
    parser.add_argument("--out", type=Path, default=HERE / "scaling.md")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "W"), help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> int:
    args = parse_args()
    if args.child:
        child_main(args.child[0], int(args.child[1]), args.corpus, args.dump)
        return 0
    counts = args.workers or default_workers()
    load = os.getloadavg()[0]  # other work on the machine moves every figure
    with tempfile.TemporaryDirectory(prefix="newsledger-scaling-") as tmp:
        folder = Path(tmp)
        if args.corpus is None:
            corpus = synthetic_corpus(folder, args.articles, args.seed)
            described = f"synthetic corpus (newsledger.synth, seed {args.seed})"
        else:
            corpus, described = args.corpus.resolve(), f"`{args.corpus}`"
        articles = read_corpus(corpus)
        words = count_words(articles)
        log(f"{len(articles):,} articles, {words:,} words; W = {', '.join(map(str, counts))}; "
            f"{os.cpu_count()} CPUs, load average {load:.2f}")

        runs: list[Run] = []
        digests: dict[str, Digest] = {}
        reference_coded: list[Any] | None = None
        for workers in counts:
            for engine in ENGINES:
                log(f"{LABELS[engine]}, W={workers} ...")
                run, items = run_child(engine, workers, corpus, folder)
                runs.append(run)
                log(f"  {run.seconds:.2f} s ({run.first_s:.2f} s to the first), {run.articles_per_s:,.1f} articles/s, "
                    f"{run.words_per_s:,.0f} words/s, peak {run.peak_bytes / 2**20:,.0f} MiB ({run.peak_of}); "
                    f"outside the clock {run.setup_s:.1f} s")
                if engine != "spacy":
                    digests[f"{engine} W={workers}"] = digest(items)
                if engine == "local" and reference_coded is None:
                    reference_coded = items

        names = list(digests)
        reference = digests[names[0]]
        problems = [f"{name}: {why}" for name in names[1:] if (why := difference(reference, digests[name]))]
        if problems:
            identical = "NOT identical against " + names[0] + ": " + "; ".join(problems)
        else:
            identical = f"identical across {', '.join(names)} ({len(reference.digests):,} articles)"
        log(f"records {'differ' if problems else 'identical'}")

        log("loading the coded articles into a fresh ledger ...")
        ledger = load_ledger(reference_coded or [], folder)

    text = report(described, words, len(articles), load, runs, ledger, identical)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    log(f"written to {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
