"""When are two event records reports of one real-world event? The merge rules.

Two records can merge only when they agree on event type, modality (an asserted act and a
denial of it are not one event), the set of actor countries and the set of recipient
countries (the `match_key`), and their dates lie within MAX_DAYS_APART of each other (a
partial date such as "2021-12" is the whole month; two undated records are compatible).
Then one of two rules must hold, tried in this order:

- `evidence_overlap`: the evidence sentences share at least EVIDENCE_OVERLAP of their
  content words (Jaccard); syndicated copies and lightly edited rewrites meet it.
- `trigger_entities`: the same trigger stem ("sanctioned" / "sanctions") and at least one
  actor or recipient entity name in common; different outlets' own wording meets it.

Records of one article never merge with each other, nor join an event that article
already reports: an article that codes two acts (sanctions and expulsions in one
sentence) reports two acts. The rule and the record it matched are stored on the
mention, so every merge can be explained and undone. Functions here are pure: the store
feeds them candidate mentions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_DAYS_APART = 3
EVIDENCE_OVERLAP = 0.5
FIRST = "first"
EVIDENCE_RULE = "evidence_overlap"
TRIGGER_RULE = "trigger_entities"
_RULE_ORDER = {EVIDENCE_RULE: 0, TRIGGER_RULE: 1}
_WORD = re.compile(r"\w+")
_STOP = frozenset(
    "a an and are as at be been by for from had has have he her his in into is it its of on "
    "or said says she that the their they this to was were which who will with".split()
)


@dataclass(frozen=True, slots=True)
class MentionKey:
    """What the merge rules compare, computed once per event record."""

    match_key: str
    date_start: dt.date | None
    date_end: dt.date | None
    trigger: str | None
    trigger_stem: str | None
    entity_names: tuple[str, ...]
    evidence: str

    def window(self) -> tuple[dt.date, dt.date] | None:
        """Dates a compatible record's range must touch; None for an undated record."""
        if self.date_start is None or self.date_end is None:
            return None
        gap = dt.timedelta(days=MAX_DAYS_APART)
        return self.date_start - gap, self.date_end + gap


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored mention that passed the match_key and date window lookup."""

    record_id: str
    event_id: str
    trigger: str | None
    trigger_stem: str | None
    entity_names: Sequence[str]
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Match:
    event_id: str
    record_id: str
    rule: str
    score: float


def countries(entities: Iterable[dict[str, Any]]) -> list[str]:
    """Sorted distinct country codes of an actor or recipient list (unknowns left out)."""
    return sorted({e["country"] for e in entities if e.get("country")})


def match_key(event: dict[str, Any]) -> str:
    return "|".join(
        [
            event["event_type"],
            event.get("modality") or "asserted",
            ",".join(countries(event.get("actor") or ())),
            ",".join(countries(event.get("recipient") or ())),
        ]
    )


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day a record date can mean: '2021-12-03', '2021-12' or '2021'."""
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            following = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except ValueError:
        pass
    return None, None


def trigger_stem(trigger: str | None) -> str | None:
    """A crude stem of the trigger's last word, enough to pair 'sanctioned' and 'sanctions'
    (the store has no parser; the lemma is not in the record)."""
    words = _WORD.findall((trigger or "").lower())
    if not words:
        return None
    word = words[-1]
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]  # "expelled" -> "expell" -> "expel", like "expels"
    return word


def entity_names(event: dict[str, Any]) -> tuple[str, ...]:
    names = {
        (e.get("name") or e.get("text") or "").strip().lower()
        for e in [*(event.get("actor") or ()), *(event.get("recipient") or ())]
    }
    return tuple(sorted(n for n in names if n))


def mention_key(event: dict[str, Any]) -> MentionKey:
    start, end = date_range(event.get("date"))
    evidence = event.get("evidence") or {}
    return MentionKey(
        match_key=match_key(event),
        date_start=start,
        date_end=end,
        trigger=evidence.get("trigger"),
        trigger_stem=trigger_stem(evidence.get("trigger")),
        entity_names=entity_names(event),
        evidence=evidence.get("text") or "",
    )


@lru_cache(maxsize=65_536)
def content_words(text: str | None) -> frozenset[str]:
    """Cached: in a busy week the same stored evidence is compared with many new records."""
    return frozenset(w for w in _WORD.findall((text or "").lower()) if w not in _STOP)


def evidence_words(text: str | None) -> str:
    """The content words of an evidence sentence, sorted and joined by spaces: stored with
    each mention, so the ledger can pass over the stored mentions that cannot merge
    (MAY_MERGE_SQL). A string, not a list: DuckDB reads a list column of a million rows
    five times slower, and the ledger reads this one for every candidate of a batch."""
    return " ".join(sorted(content_words(text)))


_STORED_WORDS = "(CASE m.evidence_words WHEN '' THEN []::VARCHAR[] ELSE string_split(m.evidence_words, ' ') END)"
_SHARED_WORDS = f"len(list_intersect(q.words, {_STORED_WORDS}))"

# Whether stored mention `m` (a mentions row) can pass a rule of best_match for a new
# mention `q` (columns words VARCHAR[], trigger_stem, entity_names), in SQL: the same
# evidence Jaccard on the same word sets (|A & B| / |A | B|, with |A | B| = |A| + |B| -
# |A & B|), the same trigger and entity test. A busy week at a million articles offers a
# record some 16 stored mentions of its match_key and dates, of which one or none merges;
# weighing them all in Python was a fifth of every commit. Mentions stored before their
# words were (NULL) all pass, and best_match decides.
MAY_MERGE_SQL = f"""(
    m.evidence_words IS NULL
    OR (len(q.words) > 0 AND m.evidence_words <> ''
        AND {_SHARED_WORDS} >= {EVIDENCE_OVERLAP} * (len(q.words) + len({_STORED_WORDS}) - {_SHARED_WORDS}))
    OR (q.trigger_stem = m.trigger_stem AND list_has_any(q.entity_names, m.entity_names))
)"""


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def best_match(key: MentionKey, candidates: Iterable[Candidate]) -> Match | None:
    """The candidate this record merges with: by rule order, then score, then the same
    trigger word (one sentence can hold two acts), then record id."""
    words = content_words(key.evidence)
    found: list[tuple[int, float, bool, str, Match]] = []
    for cand in candidates:
        score = _overlap(words, content_words(cand.evidence))
        if score >= EVIDENCE_OVERLAP:
            rule = EVIDENCE_RULE
        else:
            shared = set(key.entity_names) & set(cand.entity_names)
            if not (key.trigger_stem and key.trigger_stem == cand.trigger_stem and shared):
                continue
            rule = TRIGGER_RULE
            score = len(shared) / len(set(key.entity_names) | set(cand.entity_names))
        match = Match(cand.event_id, cand.record_id, rule, round(score, 4))
        other_trigger = (cand.trigger or "").lower() != (key.trigger or "").lower()
        found.append((_RULE_ORDER[rule], -score, other_trigger, cand.record_id, match))
    return min(found, key=lambda item: item[:4])[4] if found else None
