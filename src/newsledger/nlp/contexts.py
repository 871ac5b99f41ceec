"""Contexts (human_rights, diplomatic, economic, ...) of one event: from the keywords of its
own sentence and the sectors of its participants, at most three, strongest first.

Why not the article's themes: a sanction in an article that also mentions a trial and a
church would carry crime, legal and religion; analysts filter on contexts, so each one
must be about the event itself.

Keywords are matched as tuples of string hashes against `doc.to_array`, which keeps this
pass cheap next to parsing.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import LEMMA, LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc

MAX_CONTEXTS = 3
# A participant's sector says something about the event it takes part in.
SECTOR_CONTEXTS = {"MIL": "military", "JUD": "legal", "LEG": "legislative", "SPY": "intelligence", "REB": "military"}
# Acts between states with no keyword of their own are diplomacy.
DIPLOMATIC_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "CONCEDE"})


class ContextMatcher:
    def __init__(self, strings: StringStore, contexts: dict[str, set[str]]) -> None:
        self.keys: dict[tuple[int, ...], frozenset[str]] = {}
        for keyword, names in contexts.items():
            key = tuple(strings.add(word) for word in keyword.split())
            self.keys[key] = self.keys.get(key, frozenset()) | frozenset(names)
        self.max_words = max((len(k) for k in self.keys), default=1)
        self.first_words = frozenset(key[0] for key in self.keys)  # most positions start no keyword

    def sentence_hits(self, doc: Doc) -> dict[int, Counter]:
        """Hits per context for each sentence (keyed by its first token); a keyword may
        match the lemma or the word form, and each position counts once."""
        array = doc.to_array([LEMMA, LOWER]).tolist()
        columns = ([row[0] for row in array], [row[1] for row in array])
        hits: dict[int, Counter] = {}
        for sent in doc.sents:
            seen: set[tuple[int, str]] = set()
            for seq in columns:
                for k in range(sent.start, sent.end):
                    if seq[k] not in self.first_words:
                        continue
                    for n in range(1, self.max_words + 1):
                        if k + n > sent.end:
                            break
                        for context in self.keys.get(tuple(seq[k : k + n]), ()):
                            seen.add((k, context))
            hits[sent.start] = Counter(context for _, context in seen)
        return hits


def event_contexts(sentence_counts: Counter, event_type: str, participants: list) -> list[str]:
    """One to three contexts: the sentence's keyword contexts and the participants'
    sectors, ranked by evidence; diplomacy for an act between two states with none."""
    scores = Counter(sentence_counts)
    for entity in participants:
        context = SECTOR_CONTEXTS.get(entity.sector or "")
        if context:
            scores[context] += 1
    ranked = sorted(scores, key=lambda c: (-scores[c], c))[:MAX_CONTEXTS]
    countries = {e.country for e in participants if e.country}
    if not ranked and event_type in DIPLOMATIC_TYPES and len(countries) > 1:
        ranked = ["diplomatic"]
    return sorted(ranked)
