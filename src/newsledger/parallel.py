"""Coding in worker processes, each a fork of the process that loaded the model.

Why not spaCy's own `nlp.pipe(n_process=N)`: it tokenizes in the parent, sends every Doc to
a worker as bytes and receives the whole parsed Doc back (its tensors too), so the parent
spends most of a core serialising, and two workers coded 0.74 of bare spaCy's two-process
rate. Here a worker gets the articles themselves (a few KB pickled), runs the whole
pipeline, coder included, and sends back only the Results: the parent feeds and unpickles
(0.86-0.89). Forking after the model is loaded shares its memory with the workers until
they write it. A worker that dies (killed, out of memory) ends the run with an error
rather than a wait for a result that never comes.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any

CHUNK = 16  # articles per task: enough to keep a worker's nlp.pipe batches full
IN_FLIGHT = 2  # tasks queued per worker, so none waits while the parent reads results

_pipeline: Any = None  # set in each worker by _adopt, before its first task


def _adopt(pipeline: Any) -> None:
    global _pipeline
    _pipeline = pipeline


def _code(articles: list[Any]) -> list[Any]:
    return list(_pipeline.process_batch(articles, workers=1))


def code_in_processes(pipeline: Any, articles: Iterable[Any], workers: int) -> Iterator[Any]:
    """`pipeline.process_batch(articles)` in `workers` forked processes: the same Results
    and InputErrors in the same order, at most IN_FLIGHT * workers chunks read ahead."""
    source = iter(articles)
    fork = multiprocessing.get_context("fork")  # the pipeline reaches the workers by fork, unpickled
    with ProcessPoolExecutor(workers, mp_context=fork, initializer=_adopt, initargs=(pipeline,)) as pool:
        waiting: deque = deque()

        def submit() -> None:
            chunk = list(islice(source, CHUNK))
            if chunk:
                waiting.append(pool.submit(_code, chunk))

        try:
            for _ in range(IN_FLIGHT * workers):
                submit()
            while waiting:
                done = waiting.popleft().result()  # BrokenProcessPool if a worker died
                submit()
                yield from done
        finally:
            for future in waiting:
                future.cancel()
