"""Contexts (human_rights, diplomatic, economic, ...) from keywords in the sentence and article.

Keywords are matched as tuples of string hashes against `doc.to_array`, which keeps this
pass cheap next to parsing.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import LEMMA, LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc

ARTICLE_MIN_HITS = 3  # an article-wide theme needs this many keyword hits


class ContextMatcher:
    def __init__(self, strings: StringStore, contexts: dict[str, set[str]]) -> None:
        self.keys: dict[tuple[int, ...], frozenset[str]] = {}
        for keyword, names in contexts.items():
            key = tuple(strings.add(word) for word in keyword.split())
            self.keys[key] = self.keys.get(key, frozenset()) | frozenset(names)
        self.max_words = max((len(k) for k in self.keys), default=1)

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
                    for n in range(1, self.max_words + 1):
                        if k + n > sent.end:
                            break
                        for context in self.keys.get(tuple(seq[k : k + n]), ()):
                            seen.add((k, context))
            hits[sent.start] = Counter(context for _, context in seen)
        return hits


def article_contexts(hits: dict[int, Counter]) -> set[str]:
    total: Counter = sum(hits.values(), Counter())
    return {c for c, n in total.items() if n >= ARTICLE_MIN_HITS}


def sentence_contexts(sentence_counts: Counter, article: set[str]) -> list[str]:
    return sorted(set(sentence_counts) | article)
