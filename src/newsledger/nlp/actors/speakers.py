"""Who a quote's speaker phrase is: the same resolution as event actors, plus what only
speakers are (a document or body that speaks, an unnamed spokesperson speaking for an
institution, a lone name word of a person named earlier), and how the phrase named them
(`speaker_resolution`: named, coreference, role)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.nlp.actors.coreference import PERSON_PRONOUNS
from newsledger.nlp.actors.phrases import FOREIGN_HEADS
from newsledger.nlp.actors.resolver import ActorResolver
from newsledger.records import Entity

DOCUMENT_NOUNS = frozenset(
    """statement readout letter report interview post tweet speech communique communiqué
    release briefing memo note paper document email message video article column book blog
    transcript filing ruling resolution declaration editorial op-ed commentary notice
    conference broadcast podcast press""".split()
)
INSTITUTION_NOUNS = frozenset(
    """ministry embassy government office department council commission parliament court
    committee agency company firm group party army military police administration cabinet
    presidency kremlin house bureau authority authorities regime state union alliance
    organisation organization institute consulate mission delegation newspaper daily
    broadcaster television radio channel network outlet tabloid service""".split()
)


def _joined(doc: Doc, i: int) -> bool:
    """Token `i` is a hyphen written without spaces ("OVD-Info")."""
    return i > 0 and doc[i].tag_ == "HYPH" and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _np_tokens(head: Token) -> list[Token]:
    """The words of the speaker phrase up to its head: "the Chinese foreign ministry"."""
    doc = head.doc
    start = head.i
    while start > 0 and (_joined(doc, start - 1) or (not doc[start - 1].is_punct and not doc[start - 1].is_space and (
        doc[start - 1].dep_ in ("det", "amod", "compound", "poss", "nmod", "case", "nummod")
        or doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN")
    ) and doc[start - 1].pos_ not in ("VERB", "AUX", "ADP"))):
        start -= 1
    while start < head.i and doc[start].dep_ in ("det", "case"):
        start += 1
    return list(doc[start : head.i + 1])


def _fallback_entity(head: Token, tokens: list[Token] | None = None) -> Entity | None:
    """A speaker the resolver cannot code ("the letter"): keep the phrase as written."""
    if head.pos_ == "PRON" or head.is_punct:
        return None
    tokens = tokens or _np_tokens(head)
    span = head.doc[tokens[0].i : tokens[-1].i + 1]
    return Entity(span.text, span.text, None, None, span.start_char, span.end_char, "unresolved")


def _earlier_person(resolver: ActorResolver, head: Token) -> Entity | None:
    """A lone name word that belongs to a person named earlier ("Qin" after "Qin Gang").

    The resolver links surnames by the last word of a name; this also covers family
    names written first, as in Chinese and Korean names.
    """
    for i, known in reversed(resolver.recent):
        if i < head.i and head.text in known.name.split() and len(known.name.split()) > 1:
            return Entity(head.text, known.name, known.country, known.sector, head.idx, head.idx + len(head), "coreference")
    return None


# People quoted for their expertise, who may write from anywhere
COMMENTATORS = frozenset({"analyst", "expert", "observer", "commentator", "economist", "scholar", "historian",
                          "researcher", "critic", "academic", "specialist", "strategist"})


def _local_people(resolver: ActorResolver, head: Token) -> Entity | None:
    """Unnamed people quoted ("a shopkeeper said", "many users said", "analysts said") are
    people of the place the article is about, as unnamed victims of an act are; documents
    and foreigners (envoys, tourists) are not."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or lemma in DOCUMENT_NOUNS | INSTITUTION_NOUNS | FOREIGN_HEADS | COMMENTATORS:
        return None
    found = resolver.unnamed(head)
    if found is None or found.country is None:
        return None
    phrase = _np_tokens(head)
    span = head.doc[phrase[0].i : phrase[-1].i + 1]
    return replace(found, text=span.text, start=span.start_char, end=span.end_char)


def _person_role(resolver: ActorResolver, head: Token) -> bool:
    lemma = head.lemma_.lower()
    return any(role.is_person and words[-1] == lemma for words, role in resolver.lexicon.roles.items())


def _resolution(resolver: ActorResolver, head: Token, phrase: list[Token]) -> str:
    """named | coreference | role, from what the speaker phrase holds (see the module notes)."""
    if head.pos_ == "PRON":
        return "coreference"
    mentions = {m.start: m for t in phrase if (m := resolver.mention_at.get(t.i))}.values()
    for mention in mentions:
        if mention.kind != "person":
            continue
        known = resolver.people.get(mention.start)
        earlier = [i for i, k in resolver.recent if k is known and i < mention.start]
        if mention.end - mention.start == 1 and any(
            (m := resolver.mention_at.get(i)) and m.end - m.start > 1 for i in earlier
        ):
            return "coreference"
        return "named"
    if any(m.kind in ("organisation", "group") for m in mentions):
        return "named"
    if head.pos_ == "PROPN":
        return "role" if head.tag_ == "NNPS" and head.i not in resolver.mention_at else "named"  # "MEPs"
    lemma = head.lemma_.lower()
    if lemma in INSTITUTION_NOUNS and (head.tag_ != "NNS" or lemma == "police"):
        return "named"  # "the ministry", not "shipping companies"
    if lemma in DOCUMENT_NOUNS or _person_role(resolver, head) or head.pos_ == "NOUN":
        return "role"  # "the readout", "media reports", "a senior official"
    return "named"


SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen"})
INSTITUTION_KINDS = frozenset({"organisation", "group", "seat", "country", "capital"})


def _spoken_for(resolver: ActorResolver, head: Token) -> Token | None:
    """"A Downing Street spokesperson", "a spokesperson for the committee": an unnamed
    spokesperson speaks for the institution, which is then the speaker."""
    if head.lemma_.lower() not in SPOKES and head.lower_ not in SPOKES:
        return None
    candidates = [t for t in _np_tokens(head)[:-1]]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
            candidates += [t for t in prep.subtree if t.i != prep.i]
    found = [(t, m) for t in candidates if (m := resolver.mention_at.get(t.i))]
    if any(m.kind == "person" for _, m in found) or any(c.dep_ == "appos" for c in head.children):
        return None
    institutions = [t for t, m in found if m.kind in INSTITUTION_KINDS]
    return institutions[-1] if institutions else None


def _named_apposition(head: Token) -> Token | None:
    """"the rights group OVD-Info": a common noun renamed by a proper one."""
    if head.pos_ != "NOUN":
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _phrase_entity(resolver: ActorResolver, token: Token, phrase: list[Token]) -> Entity | None:
    """The entity of `token`, written as the whole speaker phrase."""
    entity = resolver.entity(token) or _fallback_entity(token, phrase)
    if entity is None or not phrase:
        return entity
    span = token.doc[phrase[0].i : phrase[-1].i + 1]
    return replace(entity, text=span.text, start=span.start_char, end=span.end_char)


def resolve_speaker(resolver: ActorResolver, head: Token | None, anchor: Token | None = None) -> tuple[Entity | None, str]:
    if head is None:
        return None, "none"
    institution = _spoken_for(resolver, head)
    if institution is not None:
        return _phrase_entity(resolver, institution, _np_tokens(head)), "named"
    renamed = _named_apposition(head)
    if renamed is not None and not any(t.i in resolver.mention_at for t in _np_tokens(head)):
        own = list(head.doc[renamed.left_edge.i : renamed.i + 1])
        return _phrase_entity(resolver, renamed, own), "named"
    try:
        entity = resolver.entity(head)
    except (KeyError, IndexError, AttributeError):  # never let one odd phrase stop the article
        entity = None
    phrase = _np_tokens(head)
    if anchor is not None:  # a misparsed cue: the phrase runs from its start to the cue
        phrase = [t for t in head.doc[phrase[0].i : anchor.i] if not t.is_space]
        named = [t for t in phrase if t.i in resolver.mention_at]
        if entity is None and named:
            entity = resolver.entity(named[-1])
        if entity is not None and phrase:
            span = head.doc[phrase[0].i : phrase[-1].i + 1]
            entity = replace(entity, text=span.text, start=span.start_char, end=span.end_char)
    if head.pos_ == "PROPN" and (entity is None or entity.name == head.text):
        earlier = _earlier_person(resolver, head)  # a lone name word the resolver left as is
        if earlier is not None:
            return earlier, "coreference"
    if entity is None:
        if head.pos_ == "PRON" and head.lower_ in PERSON_PRONOUNS:
            return None, "none"
        entity = _local_people(resolver, head) or _fallback_entity(head)
        if entity is None:
            return None, "none"
    written = head.doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if written is not None and head.pos_ != "PRON":
        phrase = sorted({*phrase, *written}, key=lambda t: t.i)
    return entity, _resolution(resolver, head, phrase)
