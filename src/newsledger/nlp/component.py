"""The coder as a registered spaCy pipeline component (`newsledger_coder`).

It runs inside `nlp.pipe`, so with `n_process > 1` the coding happens in the worker
processes next to the parse. Results travel back in `doc.user_data` as plain dicts,
which survive spaCy's Doc serialisation between processes.
"""

from __future__ import annotations

from collections import Counter

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.nlp.coder import CodedArticle, code_article
from newsledger.nlp.confidence import CACHE_KEYS, article_features, event_features, load_scorer
from newsledger.nlp.contexts import ContextMatcher
from newsledger.nlp.lexicon import load_lexicon
from newsledger.nlp.mentions import MentionFinder
from newsledger.nlp.sentences import INDEX_KEYS, dateline_ends, doc_text
from newsledger.nlp.similarity import signature_bands
from newsledger.records import to_dict

RECORDS_KEY = "newsledger.records"
PUBLISHED_KEY = "newsledger.published"
DOC_ID_KEY = "newsledger.doc_id"
URL_KEY = "newsledger.url"  # the publisher's URL: a government's own statement names its officials bare
FEATURES_KEY = "newsledger.features"  # with keep_features: each event's features, by event id
PART_KEY = "newsledger.part"  # a piece of a long article: parsed alone, coded once the pieces are joined
UNSCORED = 0.5  # confidence of every event when no scorer model is installed




class NewsledgerCoder:
    """Codes the parsed article, scores every candidate event, keeps those at or above
    `min_confidence` (negative: the scorer's own threshold, chosen on dev)."""

    def __init__(self, nlp: Language, lexicon_dirs: list[str], scorer_path: str, min_confidence: float,
                 keep_features: bool, ledger_keys: bool) -> None:
        self.lexicon = load_lexicon(tuple(lexicon_dirs))
        self.finder = MentionFinder(nlp.vocab, nlp.make_doc, self.lexicon)
        self.contexts = ContextMatcher(nlp.vocab.strings, self.lexicon.contexts)
        self.scorer = load_scorer(scorer_path or None)
        default = self.scorer.threshold if self.scorer else 0.0
        self.min_confidence = default if min_confidence < 0 else min_confidence
        self.keep_features = keep_features
        self.ledger_keys = ledger_keys

    def __call__(self, doc: Doc) -> Doc:
        if doc.user_data.get(PART_KEY):
            return doc  # newsledger.pipeline joins the pieces and codes the whole article
        published = doc.user_data.get(PUBLISHED_KEY)
        doc_id = doc.user_data.get(DOC_ID_KEY, "")
        coded = code_article(doc, self.lexicon, self.finder, self.contexts, doc_id, published,
                             self.lexicon.source_country(doc.user_data.get(URL_KEY)))
        self._score(doc, coded)
        doc.user_data[RECORDS_KEY] = {
            "events": [to_dict(e) for e in coded.events],
            "quotes": [to_dict(q) for q in coded.quotes],
            "counts": [to_dict(c) for c in coded.counts],
        }
        if self.ledger_keys:  # near-duplicate band keys, computed here so the store only joins them
            doc.user_data[RECORDS_KEY]["bands"] = signature_bands(doc_text(doc))
        for key in (*CACHE_KEYS, *INDEX_KEYS):  # Docs cross processes with their user_data: ship only records
            doc.user_data.pop(key, None)
        return doc

    def _score(self, doc: Doc, coded: CodedArticle) -> None:
        per_sentence = Counter(e.evidence.start for e in coded.events if e.evidence)
        features = {}
        in_article = article_features(coded.events)
        for event in coded.events:
            found = event_features(doc, event, per_sentence[event.evidence.start] if event.evidence else 1,
                                   in_article[event.id])
            event.confidence = round(self.scorer.probability(found), 4) if self.scorer else UNSCORED
            features[event.id] = found
        if self.keep_features:
            doc.user_data[FEATURES_KEY] = features
        dropped = {e.id for e in coded.events if e.confidence < self.min_confidence}
        if dropped:
            coded.events = [e for e in coded.events if e.id not in dropped]
            for count in coded.counts:
                if count.event_ref in dropped:
                    count.event_ref = None


@Language.factory(
    "newsledger_coder",
    default_config={"lexicon_dirs": [], "scorer_path": "", "min_confidence": -1.0, "keep_features": False,
                    "ledger_keys": False},
)
def make_newsledger_coder(nlp: Language, name: str, lexicon_dirs: list[str], scorer_path: str, min_confidence: float,
                          keep_features: bool, ledger_keys: bool) -> NewsledgerCoder:
    return NewsledgerCoder(nlp, lexicon_dirs, scorer_path, min_confidence, keep_features, ledger_keys)


@Language.component("newsledger_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and paragraphs never run together. A wire
    dateline (and a digest item's place heading, a live blog's time stamp) is a sentence of
    its own, so the parser does not read "LIMA, May 2 (Agency) - Police detained..." as a
    subject "LIMA" with "May" and "Police" hanging off it. Set as
    one array (the `is_sent_start` setter rescans the document each time: quadratic)."""
    starts = [i for i in range(1, len(doc)) if doc[i - 1].is_space and "\n" in doc[i - 1].text]
    starts += [i for i in dateline_ends(doc) if i not in starts]
    if starts:
        values = numpy.zeros((len(doc), 1), dtype="uint64")  # 0: left to the parser
        values[starts, 0] = 1
        doc.from_array([SENT_START], values)
    return doc
