"""Direct quotations: each attributed to its cue and speaker, or inheriting those of the
quote it continues, as quote records."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.nlp.actors.resolver import ActorResolver
from newsledger.nlp.actors.speakers import resolve_speaker
from newsledger.nlp.quotes.attribution import (
    Attribution,
    TokenIndex,
    attribute,
    is_misparsed_cue,
    is_statement,
    quote_tokens,
)
from newsledger.nlp.quotes.marks import QuoteSpan
from newsledger.records import Entity, QuoteRecord


def _record_id(doc_id: str, start: int, kind: str = "quote") -> str:
    return hashlib.sha1(f"{doc_id}|{start}|{kind}".encode()).hexdigest()[:16]


def quote_record(doc_id: str, text: str, start: int, end: int, direct: bool, cue: str | None,
                  speaker: Entity | None, resolution: str) -> QuoteRecord:
    return QuoteRecord(
        id=_record_id(doc_id, start, "quote" if direct else "reported"),
        doc_id=doc_id,
        content=text[start:end],
        start=start,
        end=end,
        direct=direct,
        cue=cue,
        speaker=speaker,
        speaker_resolution=resolution if speaker is not None else "none",
    )


def _continues(index: TokenIndex, prev: QuoteSpan, prev_attr: Attribution | None, quote: QuoteSpan) -> bool:
    """Nothing but punctuation, space or the previous quote's attribution lies between them."""
    first = bisect.bisect_left(index.starts, prev.close)
    last = bisect.bisect_left(index.starts, quote.open)
    gap = [t for t in index.doc[first:last] if not (t.is_punct or t.is_space)]
    if not gap:
        return True
    return prev_attr is not None and prev_attr.side == "after" and all(t.i in prev_attr.clause for t in gap)


Attributed = dict[int, list[tuple[int, int]]]  # cue token index -> content spans it attributes


def direct_quotes(doc: Doc, resolver: ActorResolver, doc_id: str,
                   spans: list[QuoteSpan]) -> tuple[list[QuoteRecord], Attributed]:
    """The direct quotations, and which cue word attributes which of them."""
    index = TokenIndex(doc, spans)
    tokens = [quote_tokens(doc, q) for q in spans]
    attributions = [attribute(index, q, t) if t else None for q, t in zip(spans, tokens)]
    _inherit(index, spans, attributions)
    records: list[QuoteRecord] = []
    attributed: Attributed = {}
    speakers: dict[int, tuple[Entity | None, str]] = {}
    for quote, toks, attribution in zip(spans, tokens, attributions):
        if not toks or (attribution is None and not is_statement(toks)):
            continue
        speaker, resolution, cue = None, "none", None
        if attribution is not None:
            cue = attribution.cue
            attributed.setdefault(attribution.verb, []).append((quote.start, quote.end))
            head = attribution.speaker
            if head is not None:
                if head.i not in speakers:
                    speakers[head.i] = resolve_speaker(resolver, head, _misparsed_anchor(head))
                speaker, resolution = speakers[head.i]
        records.append(quote_record(doc_id, index.text, quote.start, quote.end, True, cue, speaker, resolution))
    return records, attributed


def _inherit(index: TokenIndex, spans: list[QuoteSpan], attributions: list[Attribution | None]) -> None:
    """A quote with no attribution of its own takes the one of the quote it continues."""
    for n in range(1, len(spans)):  # forward: "A," he said. "B."
        before = attributions[n - 1]
        if attributions[n] is None and before is not None and _continues(index, spans[n - 1], before, spans[n]):
            attributions[n] = replace(before, side="inherited")
    for n in range(len(spans) - 2, -1, -1):  # backward: "A." "B," he said.
        after = attributions[n + 1]
        if attributions[n] is None and after is not None and _continues(index, spans[n], None, spans[n + 1]):
            attributions[n] = replace(after, side="inherited")


def _misparsed_anchor(head: Token) -> Token | None:
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return nxt if nxt is not None and is_misparsed_cue(nxt) else None
