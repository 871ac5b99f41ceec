"""The Ray engine: Ray Data `map_batches` over an actor pool, on a local or existing cluster.

Why actors: loading the spaCy model and the lexicons takes seconds and hundreds of MB, so
each actor loads them once (`ArticleCoder.__init__`) and codes batch after batch.

Why the driver keeps the articles and reads the inputs: the ledger stores every text,
and merging events across articles is one ordered pass over the ledger (the store), so
the texts pass through the driver anyway; the actors send back only the coded Result.
The driver feeds the cluster one window of articles at a time (so memory stays flat on a
corpus of millions) and Ray Data keeps the input order (`preserve_order`), so the store
sees exactly what the local engine hands it and the two ledgers come out identical.

Ray is an optional extra (`pip install 'newsledger[ray]'`); nothing imports this module
unless `--engine ray` is asked for.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import pickle
import resource
import socket
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.engines import EngineError
from newsledger.records import ArticleInput, InputError
from newsledger.settings import Settings
from newsledger.store.writer import Coded

BLOCK = 64  # articles per Ray block and per map_batches call (nlp.pipe batches inside)
WINDOW_PER_ACTOR = 4096  # articles per actor and window: a few % of a window is actor start-up
WINDOW_MAX = 65_536  # articles the driver holds at once, however large the cluster
_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleInput))


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise EngineError(
            "[NL010] the Ray engine needs Ray Data: pip install 'newsledger[ray]'"
        ) from None
    return ray


def one_line(exc: BaseException) -> str:
    """The last meaningful line of a Ray error (they carry whole remote tracebacks)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


class ArticleCoder:
    """A Ray Data actor: one Pipeline (model and lexicons loaded once), many batches."""

    def __init__(self, settings: Settings) -> None:
        from newsledger.pipeline import Pipeline

        self.pipeline = Pipeline(settings)

    def __call__(self, batch: Any) -> dict[str, list]:
        import ray

        from newsledger.store.writer import code_articles

        rows = batch.to_pylist()
        articles = [ArticleInput(**{name: row[name] for name in _FIELDS}) for row in rows]
        seq_of = {id(article): row["seq"] for article, row in zip(articles, rows)}
        seqs, payloads = [], []
        for item in code_articles(self.pipeline, articles, workers=1):  # the actor is the unit of parallelism
            if isinstance(item, InputError):
                seqs.append(-1)
                payloads.append(pickle.dumps(item))
            else:
                article, result = item
                seqs.append(seq_of[id(article)])
                payloads.append(pickle.dumps(result))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        node = ray.get_runtime_context().get_node_id()
        return {"seq": seqs, "payload": payloads, "pid": [os.getpid()] * len(seqs), "peak_rss": [peak] * len(seqs),
                "node": [node] * len(seqs)}


class RayEngine:
    """Codes articles on a Ray cluster with `actors` actors of one CPU each (default: all
    the cluster's CPUs); `address` joins an existing cluster, else a local Ray is started
    with `actors` CPUs (or all of this machine's)."""

    def __init__(self, settings: Settings, *, address: str | None = None, actors: int | None = None) -> None:
        ray = _ray()
        self.settings = settings
        self.started = False
        self.worker_peaks: dict[int, int] = {}  # actor pid -> peak resident bytes
        self.coded_on: Counter[str] = Counter()  # Ray node id -> articles its actors coded
        if not ray.is_initialized():
            if address is None:
                _check_model(settings.model)
                # A local cluster talks over loopback only, never the machine's network address.
                where = {"num_cpus": actors or os.cpu_count(), "_node_ip_address": "127.0.0.1"}
            else:
                _check_reachable(address)
                where = {"address": address}
            try:
                # Ray's start-up notes (token auth) and the actors' own logs are not the user's
                # news: an actor's failure comes back as the exception that ends the run.
                ray.init(**where, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
            except Exception as exc:  # ConnectionError, RuntimeError, ValueError: all one line
                raise EngineError(f"[NL011] cannot start or join Ray at {address or 'local'}: {one_line(exc)}") from None
            self.started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.actors = max(1, min(actors or cpus, cpus))
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # the store needs input order
        context.enable_progress_bars = False  # the CLI has its own bar on stderr
        logging.getLogger("ray.data").setLevel(logging.ERROR)

    def code(self, articles: Iterable[ArticleInput]) -> Iterator[Coded | InputError]:
        """(input, Result) pairs or InputErrors, in input order (errors of a batch first)."""
        window: list[ArticleInput] = []
        size = min(WINDOW_PER_ACTOR * self.actors, WINDOW_MAX)
        for article in articles:
            window.append(article)
            if len(window) >= size:
                yield from self._code_window(window)
                window = []
        if window:
            yield from self._code_window(window)

    def _code_window(self, window: list[ArticleInput]) -> Iterator[Coded | InputError]:
        ray = _ray()
        from ray.data import ActorPoolStrategy

        items = [{"seq": seq, **{name: getattr(a, name) for name in _FIELDS}} for seq, a in enumerate(window)]
        block = max(1, min(BLOCK, math.ceil(len(items) / self.actors)))  # a short window still fills the pool
        blocks = math.ceil(len(items) / block)
        dataset = ray.data.from_items(items, override_num_blocks=blocks)
        coded = dataset.map_batches(
            ArticleCoder,
            fn_constructor_kwargs={"settings": self.settings},
            # One batch at a time per actor: a batch is seconds of work, and a queue on a busy
            # actor would leave another idle at the end of the window.
            compute=ActorPoolStrategy(size=min(self.actors, blocks), max_tasks_in_flight_per_actor=1),
            batch_size=block,
            batch_format="pyarrow",
            num_cpus=1,
        )
        try:
            for batch in coded.iter_batches(batch_size=None, batch_format="pyarrow"):
                columns = ("seq", "payload", "pid", "peak_rss", "node")
                for seq, payload, pid, peak, node in zip(*(batch[c].to_pylist() for c in columns)):
                    self.worker_peaks[pid] = max(peak, self.worker_peaks.get(pid, 0))
                    self.coded_on[node] += seq >= 0
                    item = pickle.loads(payload)
                    yield item if seq < 0 else (window[seq], item)
        except ray.exceptions.RayError as exc:
            raise EngineError(f"[NL012] Ray workers failed: {one_line(exc)}") from None

    def close(self) -> None:
        """Shut down the Ray this engine started (a joined cluster stays up)."""
        if self.started:
            _ray().shutdown()
            self.started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_reachable(address: str, timeout: float = 10.0) -> None:
    """Ray retries an unreachable head for minutes on end; a plain TCP connect answers in
    seconds. `auto` (the cluster this machine runs) is left to Ray, which fails fast."""
    host_port = address.removeprefix("ray://").rsplit("/", 1)[0]
    if address == "auto" or ":" not in host_port:
        return
    host, _, port = host_port.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except (OSError, ValueError) as exc:
        raise EngineError(f"[NL011] cannot reach the Ray cluster at {address}: {exc}") from None


def _check_model(model: str) -> None:
    """Fail before starting actors that would each fail to load the model: on a local
    cluster they share this interpreter's packages."""
    import spacy.util

    from newsledger.pipeline import ModelError

    if not (spacy.util.is_package(model) or os.path.isdir(model)):
        raise ModelError(model)
