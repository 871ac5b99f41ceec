"""Coding in worker processes, each a fork of the process that loaded the model.

Why not spaCy's own `nlp.pipe(n_process=N)`: it tokenizes in the parent, sends every Doc to
a worker as bytes and receives the whole parsed Doc back (its tensors too), so the parent
spends most of a core serialising, and two workers coded 0.71 of bare spaCy's two-process
rate. Here a worker gets the articles themselves (a few KB pickled), runs the whole
pipeline, coder included, and sends back only the Results: the parent feeds and unpickles.
Forking after the model is loaded shares its memory with the workers until they write it.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

CHUNK = 16  # articles per task: enough to keep a worker's nlp.pipe batches full
IN_FLIGHT = 2  # tasks queued per worker, so none waits while the parent reads results

_pipeline: Any = None  # the parent's Pipeline, inherited by the forked workers


def _code(articles: list[Any]) -> list[Any]:
    return list(_pipeline.process_batch(articles, workers=1))


def code_in_processes(pipeline: Any, articles: Iterable[Any], workers: int) -> Iterator[Any]:
    """`pipeline.process_batch(articles)` in `workers` forked processes: the same Results
    and InputErrors in the same order, at most IN_FLIGHT * workers chunks read ahead."""
    global _pipeline
    _pipeline = pipeline
    source = iter(articles)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        waiting: deque = deque()

        def submit() -> None:
            chunk = list(islice(source, CHUNK))
            if chunk:
                waiting.append(pool.apply_async(_code, (chunk,)))

        for _ in range(IN_FLIGHT * workers):
            submit()
        while waiting:
            done = waiting.popleft().get()
            submit()
            yield from done
