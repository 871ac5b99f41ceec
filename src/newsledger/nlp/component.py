"""The coder as a registered spaCy pipeline component (`newsledger_coder`).

It runs inside `nlp.pipe`, so with `n_process > 1` the coding happens in the worker
processes next to the parse. Results travel back in `doc.user_data` as plain dicts,
which survive spaCy's Doc serialisation between processes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.nlp.coder import code_article
from newsledger.nlp.contexts import ContextMatcher
from newsledger.nlp.lexicon import load_lexicon
from newsledger.nlp.mentions import MentionFinder
from newsledger.records import to_dict

RECORDS_KEY = "newsledger.records"
PUBLISHED_KEY = "newsledger.published"
DOC_ID_KEY = "newsledger.doc_id"


class NewsledgerCoder:
    def __init__(self, nlp: Language, lexicon_dirs: list[str]) -> None:
        self.lexicon = load_lexicon(tuple(lexicon_dirs))
        self.finder = MentionFinder(nlp.vocab, nlp.make_doc, self.lexicon)
        self.contexts = ContextMatcher(nlp.vocab.strings, self.lexicon.contexts)

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get(PUBLISHED_KEY)
        doc_id = doc.user_data.get(DOC_ID_KEY, "")
        coded = code_article(doc, self.lexicon, self.finder, self.contexts, doc_id, published)
        doc.user_data[RECORDS_KEY] = {
            "events": [to_dict(e) for e in coded.events],
            "quotes": [to_dict(q) for q in coded.quotes],
            "counts": [to_dict(c) for c in coded.counts],
        }
        return doc


@Language.factory("newsledger_coder", default_config={"lexicon_dirs": []})
def make_newsledger_coder(nlp: Language, name: str, lexicon_dirs: list[str]) -> NewsledgerCoder:
    return NewsledgerCoder(nlp, lexicon_dirs)


@Language.component("newsledger_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and paragraphs never run together."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
