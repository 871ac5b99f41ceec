from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
SHARED_GOLD = ROOT.parent / "shared" / "data" / "plover_gsr.jsonl"


@pytest.fixture(scope="session")
def pipeline():
    from newsledger.pipeline import Pipeline

    return Pipeline()


@pytest.fixture
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
