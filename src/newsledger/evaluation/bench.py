"""Time bare spaCy and the full extraction on the same texts, in one run.

Why interleaved passes and the fastest of each: on a shared machine the speed drifts by
several percent within a minute, so timing all bare passes and then all full passes
measured the drift as much as the coder. Each pass of bare spaCy is followed by a pass of
the full extraction over the same texts, and each side is reported by its fastest pass
(as `timeit` does): the time the work needs when nothing else gets in the way.
"""

from __future__ import annotations

import resource
import time

from newsledger.pipeline import Pipeline, load_nlp
from newsledger.records import ArticleInput
from newsledger.settings import Settings


def run_bench(settings: Settings, texts: list[str], repeat: int = 1) -> dict[str, str]:
    bare = load_nlp(settings, coder=False)
    full = Pipeline(settings)
    warm = texts[: min(16, len(texts))]  # first calls build lookups, caches and dateparser regexes
    list(bare.pipe(warm))
    list(full.process_batch(ArticleInput(f"w{k}", t) for k, t in enumerate(warm)))

    bare_seconds = full_seconds = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        words = sum(len(doc) for doc in bare.pipe(texts, batch_size=settings.batch_size, n_process=settings.workers))
        bare_seconds = min(bare_seconds, time.perf_counter() - started)

        started = time.perf_counter()
        events = sum(
            len(r.events)
            for r in full.process_batch(ArticleInput(f"b{k}", t) for k, t in enumerate(texts))
            if hasattr(r, "events")
        )
        full_seconds = min(full_seconds, time.perf_counter() - started)

    bare_wps, full_wps = words / bare_seconds, words / full_seconds
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": str(len(texts)),
        "words": str(words),
        "workers": str(settings.workers),
        "passes": f"{repeat} of each, interleaved; the fastest of each counts",
        "spacy": f"{bare_wps:,.0f} words/s ({bare_seconds:.2f} s)",
        "newsledger": f"{full_wps:,.0f} words/s ({full_seconds:.2f} s, {events} events)",
        "ratio": f"{full_wps / bare_wps:.2f}",
        "peak memory": f"{peak_mib:,.0f} MiB (main process)",
    }
