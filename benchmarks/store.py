"""Store benchmark: how many coded articles a second the ledger takes, fed as fast as a cluster would.

Coding a million articles on two cores would take a day, and the store is what this
measures, so the NLP runs once: a synthetic corpus (`newsledger synth`) is coded by
`newsledger extract` and cached. Producer processes then replay its coded records as a
cluster of coders would hand them to the driver: every replayed article gets a fresh
doc_id, outlet and text (a letter substitution of the seed article's text, evidence,
trigger and quotes, different for every copy, so copies are not near-duplicates of each
other and their events do not merge, while names, countries and types keep the corpus's
mix; each copy's dates move by up to a year, so a story does not recur on one day five
hundred times), with the near-duplicate band keys, search words and JSON lines computed
as the coder computes them. Now and then a planted copy of a recent article is sent
instead: another outlet, one word changed; its events must merge with the original's and
the article must be linked to it.

The producers write the whole replay to batch files (pickles) before the store starts:
they stand for coders on other machines, which do not compete with the driver for its
cores as a producer running alongside the store on this machine did. The main process
then reads each batch (what a driver pays to receive results, timed apart) and stores it with the
real writer (`ingest_batch`, one transaction each, timed); at the end it checks the
planted near-duplicates and merges against the ledger (precision and recall of the
links), and reports articles/s stored, peak memory and the ledger's size. The replay of a
million articles takes about 9 GB of disk while it lasts; each file goes once stored.
Then run `benchmarks/api_latency.py --db` on the ledger for the latency table.

    .venv/bin/python benchmarks/store.py --articles 1000000
    .venv/bin/python benchmarks/store.py --articles 20000 --out /tmp/store.md   # a quick run
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import multiprocessing as mp
import os
import pickle
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any

from newsledger.nlp.search_words import joined
from newsledger.nlp.similarity import signature_bands
from newsledger.pipeline import Result
from newsledger.records import ArticleInput, ArticleRecord, count_from_dict, event_from_dict, quote_from_dict
from newsledger.store import ingest_batch, open_ledger

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUTLETS = 300
SPREAD_DAYS = 365  # each replayed copy is moved up to a year: the same story does not recur on one day
LETTERS = string.ascii_lowercase


def seed_corpus(folder: Path, articles: int, seed: int) -> tuple[Path, Path]:
    """The synthetic corpus and its coded records, made once (synth + extract) and kept."""
    corpus = folder / f"store-seed-{articles}-{seed}.jsonl"
    coded = folder / f"store-seed-{articles}-{seed}.coded.jsonl"
    exe = Path(sys.executable).parent / "newsledger"
    if not corpus.exists():
        subprocess.run([exe, "synth", "--articles", str(articles), "--seed", str(seed), "--out", corpus], check=True)
    if not coded.exists():
        print(f"coding the seed corpus ({articles:,} articles) once ...", file=sys.stderr)
        partial = coded.with_suffix(".partial")
        with partial.open("w") as out:
            subprocess.run([exe, "extract", corpus, "--workers", "2", "--quiet"], check=True, stdout=out)
        partial.rename(coded)
    return corpus, coded


def load_seeds(corpus: Path, coded: Path) -> list[tuple[dict[str, Any], Result]]:
    """(input row, Result) per seed article, in corpus order."""
    results: dict[str, Result] = {}
    with coded.open() as lines:
        for line in lines:
            record = json.loads(line)
            kind = record["kind"]
            if kind == "article":
                fields = {k: v for k, v in record.items() if k != "kind"}
                results[record["doc_id"]] = Result(ArticleRecord(**fields))
            elif kind == "event":
                results[record["doc_id"]].events.append(event_from_dict(record))
            elif kind == "quote":
                results[record["doc_id"]].quotes.append(quote_from_dict(record))
            elif kind == "count":
                results[record["doc_id"]].counts.append(count_from_dict(record))
    rows = [json.loads(line) for line in corpus.open()]
    return [(row, results[row["id"]]) for row in rows if row["id"] in results]


def _cipher(rng: random.Random) -> dict[int, int]:
    """A letter substitution (case kept): same lengths, so every offset stays true."""
    shuffled = "".join(rng.sample(LETTERS, len(LETTERS)))
    return str.maketrans(LETTERS + LETTERS.upper(), shuffled + shuffled.upper())


def _shifted(value: str | None, days: int) -> str | None:
    """A record date ('2021-03-05', '2021-03' or '2021') moved by `days` (a month or a year stays)."""
    if not days or not value or len(value) != 10:
        return value
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def _recoded(result: Result, doc_id: str, text: str, outlet: str, table: dict[int, int] | None, tag: str,
             days: int = 0) -> Result:
    """The seed's records under a new doc_id and ids, dates moved by `days`; evidence,
    trigger and quotes through `table`, with what the coder computes for the store (band
    keys, search words, the records' JSON lines). Names stay: a real corpus names the same
    people and bodies again and again, and the actor rollup must group them."""

    def t(value: str | None) -> str | None:
        return value.translate(table) if value is not None and table is not None else value

    def new_id(old: str) -> str:
        return hashlib.blake2b(f"{tag}|{old}".encode(), digest_size=8).hexdigest()

    events = []
    for e in result.events:
        evidence = e.evidence and dataclasses.replace(e.evidence, text=t(e.evidence.text), trigger=t(e.evidence.trigger))
        events.append(dataclasses.replace(
            e, id=new_id(e.id), doc_id=doc_id, date=_shifted(e.date, days), evidence=evidence,
        ))
    quotes = [dataclasses.replace(q, id=new_id(q.id), doc_id=doc_id, content=t(q.content)) for q in result.quotes]
    counts = [dataclasses.replace(c, id=new_id(c.id), doc_id=doc_id, text=t(c.text), unit=t(c.unit),
                                  event_ref=new_id(c.event_ref) if c.event_ref else None) for c in result.counts]
    article = dataclasses.replace(
        result.article, doc_id=doc_id, title=t(result.article.title), outlet=outlet, url=f"https://o{outlet[7:]}.example/{doc_id}",
        sha256=hashlib.sha256(text.encode()).hexdigest(), chars=len(text), published=_shifted(result.article.published, days),
    )
    result = Result(article, events=events, quotes=quotes, counts=counts, bands=signature_bands(text))
    result.word_keys = joined(result.search_keys(text))  # as the coder hands them over, with the lines
    result.lines = result.record_lines()
    return result


def _one_word_changed(text: str, rng: random.Random) -> str:
    """The text with one word in its middle third replaced by another of the same length."""
    words = text.split(" ")
    spots = [i for i in range(len(words) // 3, 2 * len(words) // 3) if words[i].isalpha()]
    if not spots:
        return text + " "
    i = rng.choice(spots)
    words[i] = words[i][::-1] if words[i][::-1] != words[i] else words[i] + "x"
    return " ".join(words)


def produce(seeds_files: tuple[Path, Path], total: int, batch: int, dup_rate: float, seed: int, queue: Any) -> None:
    """Replay the seed corpus to `total` articles, `batch` at a time, onto `queue`; then
    None. Each item: (coded pairs, planted links, seconds spent making them)."""
    seeds = load_seeds(*seeds_files)
    rng = random.Random(seed)
    recent: deque[tuple[ArticleInput, Result]] = deque(maxlen=2000)
    fresh = 0
    made = 0
    while made < total:
        started = time.perf_counter()
        pairs, planted = [], []
        for _ in range(min(batch, total - made)):
            made += 1
            if recent and rng.random() < dup_rate:
                original, coded = rng.choice(recent)
                doc_id = f"d{seed}-{made:07d}"
                outlet = f"Outlet {(int(original.outlet[7:]) + 1 + rng.randrange(OUTLETS - 1)) % OUTLETS}"
                text = _one_word_changed(original.text, rng)
                result = _recoded(coded, doc_id, text, outlet, None, doc_id)
                pairs.append((dataclasses.replace(original, doc_id=doc_id, text=text, outlet=outlet, source=doc_id), result))
                planted.append((doc_id, original.doc_id, [(e.id, o.id) for e, o in zip(result.events, coded.events)]))
                continue
            row, coded = seeds[fresh % len(seeds)]
            tag = f"a{seed}-{made:07d}"
            table = _cipher(random.Random(f"{seed}|{fresh}"))
            fresh += 1
            text = row["text"].translate(table)
            outlet = f"Outlet {rng.randrange(OUTLETS)}"
            days = rng.randrange(-SPREAD_DAYS, SPREAD_DAYS + 1) if fresh > len(seeds) else 0
            article = ArticleInput(doc_id=tag, text=text, title=row.get("title", "").translate(table),
                                   published=_shifted(row.get("published"), days), outlet=outlet, source=tag)
            result = _recoded(coded, tag, text, outlet, table, tag, days)
            pairs.append((article, result))
            recent.append((article, result))
        queue.put((pairs, planted, time.perf_counter() - started))
    queue.put(None)


class BatchFiles:
    """A queue that writes each item to its own pickle file in `folder`, named by producer
    and position, and drops the closing None."""

    def __init__(self, folder: Path, part: int) -> None:
        self.folder, self.part, self.count = folder, part, 0

    def put(self, item: Any) -> None:
        if item is None:
            return
        partial = self.folder / f"{self.part}-{self.count:05d}.partial"
        with partial.open("wb") as handle:
            pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.rename(partial.with_suffix(".pickle"))
        self.count += 1


def produce_files(seeds_files: tuple[Path, Path], total: int, batch: int, dup_rate: float, seed: int,
                  folder: Path, part: int) -> None:
    """One producer's share of the replay, as batch files (a seed of its own keeps its
    doc_ids and substitutions apart from the other producers')."""
    produce(seeds_files, total, batch, dup_rate, seed * 1000 + part, BatchFiles(folder, part))


def replay_files(seeds_files: tuple[Path, Path], total: int, batch: int, dup_rate: float, seed: int,
                 producers: int, folder: Path) -> tuple[list[Path], float]:
    """The replay of `total` articles written as batch files in `folder` by `producers`
    processes at once, before any storing; the files in the order the store takes them
    (the producers' batches interleaved), and the seconds it took."""
    shares = [total // producers + (part < total % producers) for part in range(producers)]
    started = time.perf_counter()
    context = mp.get_context("spawn")
    workers = [context.Process(target=produce_files, args=(seeds_files, share, batch, dup_rate, seed, folder, part))
               for part, share in enumerate(shares)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise SystemExit(f"a replay producer failed (exit {worker.exitcode})")
    batches = [-(-share // batch) for share in shares]
    order = [folder / f"{part}-{i:05d}.pickle" for i in range(max(batches)) for part in range(producers) if i < batches[part]]
    return order, time.perf_counter() - started


def check(con: Any, planted: list[tuple[str, str, list[tuple[str, str]]]]) -> dict[str, Any]:
    """Precision and recall of the near-duplicate links and the merges against the planted ones."""
    links = set(con.execute("SELECT doc_id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall())
    want_links = {(doc, original) for doc, original, _ in planted}
    event_of = dict(con.execute("SELECT record_id, event_id FROM mentions").fetchall())
    merged = {(record, event) for record, event in event_of.items() if record != event}
    want_merged = {(copy, event_of.get(original)) for _, _, pairs in planted for copy, original in pairs}

    def pr(found: set, wanted: set) -> dict[str, Any]:
        hit = len(found & wanted)
        return {"found": len(found), "planted": len(wanted),
                "precision": round(hit / len(found), 4) if found else None,
                "recall": round(hit / len(wanted), 4) if wanted else None}

    return {"near_duplicates": pr(links, want_links), "merges": pr(merged, want_merged)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000, help="Articles to store.")
    parser.add_argument("--seed-articles", type=int, default=2000, help="Synthetic articles coded once and replayed.")
    parser.add_argument("--batch", type=int, default=5000, help="Articles per transaction (what a cluster's driver commits).")
    parser.add_argument("--dup-rate", type=float, default=0.05, help="Share of planted near-duplicate copies.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--producers", type=int, default=2, help="Processes writing the replay before the store starts.")
    parser.add_argument("--memory-limit", default="4GiB", help="DuckDB's memory_limit for the ledger.")
    parser.add_argument("--db", type=Path, default=None, help="Ledger file (default: a new one in the temp folder).")
    parser.add_argument("--out", type=Path, default=HERE / "store.md", help="Markdown report.")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "newsledger-bench"
    folder.mkdir(parents=True, exist_ok=True)
    seeds = seed_corpus(folder, args.seed_articles, args.seed)
    db = args.db or folder / f"store-{args.articles}.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)

    print(f"replaying {args.articles:,} articles to batch files ({args.producers} producers) ...", file=sys.stderr)
    # the folder goes however the run ends: a million articles' replay is about 9 GB
    with tempfile.TemporaryDirectory(prefix="newsledger-replay-") as replay_dir:
        files, replay_s = replay_files(seeds, args.articles, args.batch, args.dup_rate, args.seed, args.producers,
                                       Path(replay_dir))
        con = open_ledger(db, config={"memory_limit": args.memory_limit})
        store_s = receive_s = produce_s = 0.0
        stored = 0
        planted: list = []
        started = time.perf_counter()
        totals: dict[str, int] = {}
        for path in files:
            t0 = time.perf_counter()
            with path.open("rb") as handle:
                pairs, links, made_s = pickle.load(handle)
            path.unlink()
            receive_s += time.perf_counter() - t0
            produce_s += made_s
            t0 = time.perf_counter()
            stats = ingest_batch(con, pairs)
            store_s += time.perf_counter() - t0
            for name, value in stats.as_dict().items():
                totals[name] = totals.get(name, 0) + value
            stored += len(pairs)
            planted.extend(links)
            wall = time.perf_counter() - started
            print(f"\r{stored:,}/{args.articles:,} articles, store {stored / store_s:,.0f}/s, "
                  f"wall {stored / wall:,.0f}/s, ETA {wall / stored * (args.articles - stored):,.0f} s   ",
                  end="", file=sys.stderr, flush=True)
        # the last batches are durable only once in the file: their checkpoint is store time too
        t0 = time.perf_counter()
        con.execute("CHECKPOINT")
        store_s += time.perf_counter() - t0
        wall = time.perf_counter() - started
    print(file=sys.stderr)
    quality = check(con, planted)
    tables = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
              for t in ("articles", "events", "mentions", "entities", "quotes", "counts", "article_bands", "article_words", "event_words", "quote_words")}
    con.close()
    size = sum(p.stat().st_size for p in (db, db.with_suffix(".duckdb.wal")) if p.exists())
    report = {
        "articles": stored, "batch": args.batch, "store_s": round(store_s, 1), "wall_s": round(wall, 1),
        "store_articles_per_s": round(stored / store_s, 1), "wall_articles_per_s": round(stored / wall, 1),
        "receive_s": round(receive_s, 1), "producer_s": round(produce_s, 1), "replay_s": round(replay_s, 1),
        "producers": args.producers, "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "ledger_mib": round(size / 2**20), "rows": tables, "ingest": totals, **quality, "db": str(db),
    }
    print(json.dumps(report))
    write_report(args, report)


def write_report(args: argparse.Namespace, r: dict[str, Any]) -> None:
    nd, mg = r["near_duplicates"], r["merges"]
    rows = ", ".join(f"{n:,} {t}" for t, n in r["rows"].items())
    text = f"""# Store throughput

`benchmarks/store.py --articles {args.articles} --batch {args.batch} --dup-rate {args.dup_rate} --memory-limit {args.memory_limit}` on {os.cpu_count()} CPU cores:
{r['articles']:,} coded articles replayed from {args.seed_articles:,} coded synthetic ones ({args.dup_rate:.0%} planted
near-duplicate copies), stored with `ingest_batch` in transactions of {args.batch:,} articles.

| measure | value |
|---|---|
| articles stored per second (time inside the store, the last checkpoint included) | {r['store_articles_per_s']:,} |
| articles per second, wall clock (the store and reading each batch from disk) | {r['wall_articles_per_s']:,} |
| time in the store / reading and unpickling the batches / wall | {r['store_s']:,} s / {r['receive_s']:,} s / {r['wall_s']:,} s |
| the replay, written first by {r['producers']} processes | {r['replay_s']:,} s |
| peak memory of the storing process | {r['peak_rss_mib']:,} MiB |
| ledger size | {r['ledger_mib']:,} MiB |
| near-duplicate links: found / planted, precision, recall | {nd['found']:,} / {nd['planted']:,}, {nd['precision']}, {nd['recall']} |
| merges: found / planted, precision, recall | {mg['found']:,} / {mg['planted']:,}, {mg['precision']}, {mg['recall']} |

Rows: {rows}.
"""
    args.out.write_text(text)


if __name__ == "__main__":
    main()
