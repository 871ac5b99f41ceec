"""Pairing predicted with gold records, and precision, recall and F1.

Within each sentence, predicted and gold events are paired one-to-one, greedily, at three
levels: same type; same type and actor country; that and the recipient country. Meetings,
agreements, mutual support and cooperation are symmetric: "X met Y" and "Y and X met" are the same
event, so for those types only the set of parties counts.
"""

from __future__ import annotations

from typing import Callable

from newsledger.evaluation.gold import Gold, codes
from newsledger.records import EventRecord

LEVELS = ("type", "type+actor", "type+actor+recipient")
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})


def _same(gold: frozenset[str], predicted: frozenset[str]) -> bool:
    return bool(gold & predicted) if gold else not predicted


def _parties_agree(gold: Gold, predicted: EventRecord, *, both: bool) -> bool:
    wanted = gold.actor | gold.recipient
    found = codes(predicted.actor) | codes(predicted.recipient)
    if not both:
        return _same(wanted, found)
    return found <= wanted and len(found & wanted) >= min(2, len(wanted))


def _actor(g: Gold, p: EventRecord) -> bool:
    if g.event_type in SYMMETRIC_TYPES:
        return _parties_agree(g, p, both=False)
    return _same(g.actor, codes(p.actor))


def _actor_recipient(g: Gold, p: EventRecord) -> bool:
    if g.event_type in SYMMETRIC_TYPES and (_parties_agree(g, p, both=True)):
        return True
    return _same(g.actor, codes(p.actor)) and _same(g.recipient, codes(p.recipient))


MATCHERS: dict[str, Callable[[Gold, EventRecord], bool]] = {
    "type": lambda g, p: g.event_type == p.event_type,
    "type+actor": lambda g, p: g.event_type == p.event_type and _actor(g, p),
    "type+actor+recipient": lambda g, p: g.event_type == p.event_type and _actor_recipient(g, p),
}


def pair(gold: list, predicted: list, match: Callable) -> list[tuple]:
    """Greedy one-to-one pairs, gold in order, each taking the first free match."""
    pairs, used = [], set()
    for g in gold:
        for k, p in enumerate(predicted):
            if k not in used and match(g, p):
                used.add(k)
                pairs.append((g, p))
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "predicted": n_pred, "gold": n_gold}
