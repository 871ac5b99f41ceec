"""PLOVER 2.0 event types with their quad class, score and CAMEO root (ontology.md)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml


class EventType(NamedTuple):
    quad: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    score: float  # Goldstein-like, -10 .. +10
    cameo_root: str


EVENT_TYPES: dict[str, EventType] = {
    "AGREE": EventType(1, 2.5, "03"),
    "CONSULT": EventType(1, 2.5, "04"),
    "SUPPORT": EventType(1, 5.0, "05"),
    "CONCEDE": EventType(1, 4.5, "08"),
    "COOPERATE": EventType(2, 9.5, "06"),
    "AID": EventType(2, 10.0, "07"),
    "RETREAT": EventType(2, 6.5, "08"),
    "REQUEST": EventType(3, 0.0, "10"),
    "ACCUSE": EventType(3, -3.0, "11"),
    "REJECT": EventType(3, -2.0, "12"),
    "THREATEN": EventType(3, -3.5, "13"),
    "PROTEST": EventType(4, -5.0, "14"),
    "SANCTION": EventType(4, -6.0, "16"),
    "MOBILIZE": EventType(4, -5.5, "15"),
    "COERCE": EventType(4, -7.0, "17"),
    "ASSAULT": EventType(4, -9.0, "18"),
}

# Acts of cooperation a party can promise: promised, PLOVER codes them AGREE.
PROMISABLE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})

# The content of a threat, by the type of the threatened act (PLOVER THREATEN modes).
THREAT_MODES = {
    "SANCTION": "relations",
    "COERCE": "restrict",
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
}



def is_conflict(event_type: str) -> bool:
    return EVENT_TYPES[event_type].quad >= 3


@lru_cache(maxsize=1)
def codebook() -> dict:
    """Definitions, in the project's own words, of every type, mode, context, modality,
    quad class, sector and actor resolution a record can carry (data/codebook.yaml), with
    each type's quad class, score and CAMEO root: what the explorer's Codebook shows."""
    data = yaml.safe_load((resources.files("newsledger") / "data" / "codebook.yaml").read_text(encoding="utf-8"))
    data["types"] = {
        name: {"definition": data["types"][name], "quad": kind.quad, "score": kind.score, "cameo": kind.cameo_root}
        for name, kind in EVENT_TYPES.items()
    }
    return data
