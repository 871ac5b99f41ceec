"""Time bare spaCy and the full extraction on the same texts, in one run."""

from __future__ import annotations

import resource
import time

from newsledger.pipeline import Pipeline, load_nlp
from newsledger.records import ArticleInput
from newsledger.settings import Settings


def run_bench(settings: Settings, texts: list[str]) -> dict[str, str]:
    bare = load_nlp(settings, coder=False)
    full = Pipeline(settings)
    warm = texts[: min(16, len(texts))]  # first calls build lookups, caches and dateparser regexes
    list(bare.pipe(warm))
    list(full.process_batch(ArticleInput(f"w{k}", t) for k, t in enumerate(warm)))

    started = time.perf_counter()
    words = sum(len(doc) for doc in bare.pipe(texts, batch_size=settings.batch_size, n_process=settings.workers))
    bare_seconds = time.perf_counter() - started

    started = time.perf_counter()
    events = sum(
        len(r.events)
        for r in full.process_batch(ArticleInput(f"b{k}", t) for k, t in enumerate(texts))
        if hasattr(r, "events")
    )
    full_seconds = time.perf_counter() - started

    bare_wps, full_wps = words / bare_seconds, words / full_seconds
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": str(len(texts)),
        "words": str(words),
        "workers": str(settings.workers),
        "spacy": f"{bare_wps:,.0f} words/s ({bare_seconds:.2f} s)",
        "newsledger": f"{full_wps:,.0f} words/s ({full_seconds:.2f} s, {events} events)",
        "ratio": f"{full_wps / bare_wps:.2f}",
        "peak memory": f"{peak_mib:,.0f} MiB (main process)",
    }
