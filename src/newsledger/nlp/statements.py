"""Criticism said in words is an event: a quotation whose content condemns a party.

"China's foreign ministry said the use of force was "a clear overreaction"" holds no
accusing verb, yet PLOVER codes it ACCUSE. Quotes already carry a resolved speaker, so a
quote whose content holds a word from `criticism.yaml` becomes an ACCUSE event of that
speaker against the first coded party it names, in sentences where the parse found no
event of its own but a threat (a warning told beside the quote is another act: "said
Tehran had "crossed a line" and warned that further measures would follow").
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.actors import ActorResolver
from newsledger.nlp.lexicon import Lexicon
from newsledger.nlp.modality import DEFINITE
from newsledger.nlp.ontology import EVENT_TYPES
from newsledger.nlp.sentences import sentence_of
from newsledger.nlp.told_acts import doers_of_named_act
from newsledger.records import Entity, EventRecord, Evidence, QuoteRecord

def _keyword(span: Span, lexicon: Lexicon) -> Span | None:
    lemmas = [t.lemma_.lower() for t in span]
    longest = max((len(k) for k in lexicon.criticism), default=1)
    for k in range(len(lemmas)):
        for n in range(longest, 0, -1):
            if tuple(lemmas[k : k + n]) in lexicon.criticism:
                return span[k : k + n]
    return None


def _target(span: Span, resolver: ActorResolver, speaker: Entity) -> Entity | None:
    """The first coded party in what was said, else elsewhere in its sentence: another
    country's, or a named person or body of the speaker's own ("the prime minister has
    shown contempt for the courts," the opposition leader said)."""
    sent = sentence_of(span[0])
    rest = [t for t in sent if not (span.start <= t.i < span.end) and not (speaker.start <= t.idx < speaker.end)]
    for token in [*span, *rest]:
        mention = resolver.mention_at.get(token.i)
        if mention is None or mention.start != token.i:
            continue
        entity = resolver.entity(resolver.doc[mention.end - 1])
        if entity is None or not entity.country:
            continue
        if entity.country != speaker.country or (mention.kind in ("person", "organisation") and entity.name != speaker.name):
            return entity
    return None


def _doer_of_what_was_judged(content: Span, events: list[EventRecord], lexicon: Lexicon, speaker: Entity) -> Entity | None:
    """"said the decision was another blow to press freedom", "said the suspension was
    unfair": what was said names an act the article told before, so it is aimed at that
    act's doer (not the speaker's own side)."""
    named = [t for t in content if t.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in t.children)]
    return next((e for e in doers_of_named_act(named, events, lexicon) if e.country != speaker.country), None) if named else None


def statement_events(doc: Doc, quotes: list[QuoteRecord], events: list[EventRecord], lexicon: Lexicon,
                     resolver: ActorResolver, doc_id: str, published: str | None) -> list[EventRecord]:
    taken = [(e.evidence.start, e.evidence.end) for e in events if e.event_type != "THREATEN"]
    warnings = {e.evidence.trigger_start for e in events if e.event_type == "THREATEN" and e.evidence is not None}
    found: list[EventRecord] = []
    for quote in quotes:
        speaker = quote.speaker
        content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if speaker is None or not speaker.country or content is None:
            continue
        keyword = _keyword(content, lexicon)
        sent = sentence_of(doc[content.start])
        if keyword is None or any(a < sent.end_char and sent.start_char < b for a, b in taken) or any(
                t.idx in warnings for t in keyword[0].ancestors):
            continue  # ("warned journalists not to "cross the line"": what the warning says)
        taken.append((sent.start_char, sent.end_char))
        told_before = [e for e in events if e.evidence is not None and e.evidence.start < sent.start_char]
        target = _target(content, resolver, speaker) or _doer_of_what_was_judged(content, told_before, lexicon, speaker)
        found.append(_event(doc_id, published, speaker, target, sent, keyword))
    return found


def _event(doc_id: str, published: str | None, speaker: Entity, target: Entity | None, sent: Span,
           keyword: Span) -> EventRecord:
    kind = EVENT_TYPES["ACCUSE"]
    text = sent.text.rstrip()
    first: Token = keyword[0]
    return EventRecord(
        id=hashlib.sha1(f"{doc_id}|{first.idx}|ACCUSE".encode()).hexdigest()[:16],
        doc_id=doc_id,
        event_type="ACCUSE",
        mode=["disapprove"],
        quad_code=kind.quad,
        cameo="111",
        score=kind.score,
        date=published[:10] if published else None,
        actor=[speaker],
        recipient=[target] if target else [],
        evidence=Evidence(text, sent.start_char, sent.start_char + len(text), keyword.text, first.idx,
                          keyword[-1].idx + len(keyword[-1])),
        coder=f"rule:quote:{'_'.join(t.lemma_.lower() for t in keyword)}",
    )
