"""The local engine: this process, or `workers` parser processes (spaCy n_process)."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterable, Iterator

from newsledger.pipeline import Pipeline
from newsledger.records import ArticleInput, InputError
from newsledger.settings import Settings
from newsledger.store.writer import Coded, code_articles


class LocalEngine:
    """Loads the model once in this process; spaCy forks the workers per run."""

    def __init__(self, settings: Settings, workers: int = 1) -> None:
        self.pipeline = Pipeline(settings)
        self.workers = workers
        self.coded_on: Counter[str] = Counter()  # machine -> articles coded (one machine here)

    def code(self, articles: Iterable[ArticleInput]) -> Iterator[Coded | InputError]:
        """(input, Result) pairs or InputErrors, in input order (a too-long text early)."""
        host = socket.gethostname()
        for item in code_articles(self.pipeline, articles, self.workers):
            if not isinstance(item, InputError):
                self.coded_on[host] += 1
            yield item

    def close(self) -> None:
        """Nothing to release: the worker processes end with each run."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
