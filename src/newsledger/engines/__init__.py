"""Engines: thin adapters that run `Pipeline.process_batch` somewhere.

- `local`: this machine, in one process or `workers` processes (spaCy n_process).
- `ray_data`: a Ray cluster (local or existing), Ray Data map_batches over an actor pool.

Feed polling (`newsledger.watch`) runs on top of either; it is not an engine.

Both coding engines yield what `newsledger.store.code_articles` yields, (input, Result)
pairs or InputErrors in input order, so the store, its merging and its counts are the
same whichever engine coded the articles; each counts in `coded_on` the articles coded on
each machine (the Ray engine: per node id), which `ingest` reports.
"""

from __future__ import annotations

from newsledger.settings import Settings

ENGINES = ("local", "ray")


class EngineError(RuntimeError):
    """The engine cannot run: Ray missing, a cluster unreachable, its workers failed."""


def open_engine(name: str, settings: Settings, *, workers: int | None = None, address: str | None = None):
    """The engine called `name`, ready to code (model loaded, cluster joined). `workers`:
    parser processes (local, default 1) or Ray actors (default: the cluster's CPUs)."""
    if name == "local":
        from newsledger.engines.local import LocalEngine

        return LocalEngine(settings, workers or 1)
    if name == "ray":
        from newsledger.engines.ray_data import RayEngine

        return RayEngine(settings, address=address, actors=workers)
    raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")
