from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
SAMPLE_ARTICLES = 115  # articles in corpus/sample: 35 of the first corpus, 80 of police and conflict reporting
SHARED_GOLD = ROOT.parent / "shared" / "data" / "plover_gsr.jsonl"


@pytest.fixture(scope="session")
def pipeline():
    """Every candidate event (min_confidence 0): the rules are tested, not the scorer's cut."""
    from newsledger.pipeline import Pipeline
    from newsledger.settings import Settings

    return Pipeline(Settings(min_confidence=0.0))


@pytest.fixture(scope="session")
def run_cli():
    """Run the real `newsledger` command in a subprocess (the installed entry point)."""

    def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "newsledger", *args],
            input=stdin,
            capture_output=True,
            cwd=cwd,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=600,
        )

    return run


def build_ledger(pipeline, paths: list[Path], db: Path):
    """A real ledger file coded from `paths` with the store's own ingest; its stats."""
    from newsledger.ingest import read_inputs
    from newsledger.records import InputError
    from newsledger.store import IngestStats, code_articles, ingest_results, new_articles, open_ledger

    articles = [a for a in read_inputs([str(p) for p in paths]) if not isinstance(a, InputError)]
    con = open_ledger(db)
    total = IngestStats()
    try:
        coded = (c for c in code_articles(pipeline, new_articles(con, articles)) if not isinstance(c, InputError))
        for stats in ingest_results(con, coded):
            total.add(stats)
    finally:
        con.close()
    return articles, total


def event_sides(pipeline, text: str, published: str = "2024-05-02") -> list[tuple[str, list[str], list[str]]]:
    """Each event coded from `text`: its type and its actor and recipient countries ("-" for
    a side with no country), the shape rule tests compare."""
    return [
        (e.event_type, sorted({a.country or "-" for a in e.actor}), sorted({r.country or "-" for r in e.recipient}))
        for e in pipeline.process(text, published=published).events
    ]
