"""Contexts (human_rights, diplomatic, economic, ...) from keywords in the sentence and article."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from newsledger.nlp.lexicon import Lexicon

ARTICLE_MIN_HITS = 3  # an article-wide theme needs this many keyword hits


def _hits(tokens, lexicon: Lexicon) -> Counter:
    """Keyword hits per context, one per position (lemma or word form may match)."""
    seen: set[tuple[int, str]] = set()
    lemmas = [t.lemma_.lower() for t in tokens]
    words = [t.lower_ for t in tokens]
    for seq in (lemmas, words):
        for n in (1, 2, 3):
            for k in range(len(seq) - n + 1):
                for context in lexicon.contexts.get(" ".join(seq[k : k + n]), ()):
                    seen.add((k, context))
    return Counter(context for _, context in seen)


def article_contexts(doc: Doc, lexicon: Lexicon) -> set[str]:
    return {c for c, n in _hits(doc, lexicon).items() if n >= ARTICLE_MIN_HITS}


def sentence_contexts(sent: Span, lexicon: Lexicon, article: set[str]) -> list[str]:
    return sorted(set(_hits(sent, lexicon)) | article)
