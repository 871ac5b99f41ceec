"""The sentence and the named entity a token belongs to, indexed once per article.

Why: spaCy's `Token.sent` checks the whole document's sentence annotation on every call
and `Doc.ents` rebuilds every entity span, so asking them once per event made a long
article cost time quadratic in its length. The index lives in `doc.user_data` under
INDEX_KEYS and is dropped before the Doc leaves the coder.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

SENTENCES_KEY = "newsledger.sentences"
ENTITIES_KEY = "newsledger.entities"
INDEX_KEYS = (SENTENCES_KEY, ENTITIES_KEY)


def sentence_of(token: Token) -> Span:
    doc = token.doc
    starts, ends = _sentences(doc)
    k = sentence_number(token)
    return doc[starts[k] : ends[k]]


def sentence_number(token: Token) -> int:
    """Which sentence of the article `token` is in, from 0."""
    starts, _ = _sentences(token.doc)
    return bisect_right(starts, token.i) - 1


def entity_at(token: Token) -> Span | None:
    """The named entity covering `token`, if any."""
    doc = token.doc
    index = doc.user_data.get(ENTITIES_KEY)
    if index is None:
        index = {i: [ent.start, ent.end] for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data[ENTITIES_KEY] = index
    bounds = index.get(token.i)
    return doc.char_span(doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1])) if bounds else None


def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    found = doc.user_data.get(SENTENCES_KEY)
    if found is None:
        sents = list(doc.sents)
        found = [[s.start for s in sents], [s.end for s in sents]]
        doc.user_data[SENTENCES_KEY] = found
    return found[0], found[1]
