"""Reported speech: the that-clause of a reporting verb, or the rest of a sentence carrying
"according to X", as quote records with `direct` false."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.actors.resolver import ActorResolver
from newsledger.nlp.actors.speakers import resolve_speaker
from newsledger.nlp.quotes.attribution import CUE_WORDS, cue_text, is_according, is_misparsed_cue, is_reporting, speaker_head
from newsledger.nlp.quotes.direct import Attributed, quote_record
from newsledger.nlp.quotes.marks import QuoteSpan
from newsledger.nlp.sentences import sentence_of, token_words
from newsledger.records import QuoteRecord

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _has_subject(token: Token) -> bool:
    """A clause with a subject of its own (also one the parser hung on an auxiliary)."""
    return any(c.dep_ in SUBJECTS or (c.dep_ in ("aux", "auxpass") and any(g.dep_ in SUBJECTS for g in c.children))
               for c in token.children)


def _clause_of(cue: Token) -> Token | None:
    """The complement clause of a reporting verb: "said (that) the talks failed"."""
    if is_misparsed_cue(cue):
        that = cue.doc[cue.i + 1]
        return that.head if that.lower_ == "that" and that.head != cue else None
    for child in cue.children:
        if child.dep_ == "ccomp" and _has_subject(child) and _is_statement_clause(child):
            return child
    return None


WH_WORDS = frozenset({"where", "why", "who", "whom", "whose", "what", "which", "when", "how", "whether", "if"})
COMPLEMENTS = frozenset({"acomp", "attr", "ccomp", "xcomp", "prep", "advmod", "dobj", "oprd", "agent"})


def _is_statement_clause(root: Token) -> bool:
    """Not an indirect question ("would not tell us where he was") and not an elliptical
    "it would not"."""
    if root.left_edge.lower_ in WH_WORDS or any(c.lower_ in WH_WORDS and c.dep_ == "mark" for c in root.children):
        return False
    if root.tag_ == "MD" or (root.pos_ == "AUX" and not any(c.dep_ in COMPLEMENTS for c in root.children)):
        return False
    return True


def _that_conjuncts(token: Token, after: int) -> list[Token]:
    """"... but that Swedish law protected ...": further that-clauses joined to a clause."""
    return [c for c in token.children if c.dep_ == "conj" and c.i > after
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]


def _clause_pieces(cue: Token) -> list[tuple[int, int]]:
    """Token ranges of each that-clause the verb reports, in text order."""
    root = _clause_of(cue)
    if root is None:
        return []
    conjs = sorted(_that_conjuncts(root, root.i) + _that_conjuncts(cue, root.right_edge.i), key=lambda t: t.i)
    first_end = min((c.left_edge.i for c in conjs), default=root.right_edge.i + 1) - 1
    pieces = [(root.left_edge.i, min(first_end, root.right_edge.i))]
    return pieces + [(c.left_edge.i, c.right_edge.i) for c in conjs]


def _quotes_of(cue: Token, attributed: Attributed) -> list[tuple[int, int]]:
    """Direct quotes attributed to this verb or to one it depends on, outside the verb itself
    (a verb inside a quotation reports speech within that speech)."""
    spans = [s for v in (cue, *cue.ancestors) for s in attributed.get(v.i, ())]
    return [s for s in spans if not s[0] <= cue.idx < s[1]]


def _reported_spans(cue: Token, attributed: Attributed) -> list[tuple[int, int]]:
    """Character spans of what the verb reports; a that-clause holding a direct quote of the
    same statement is left to that quote, the others are kept (merged when all are kept)."""
    doc = cue.doc
    pieces = [(p, _trimmed(doc, *p)) for p in _clause_pieces(cue)]
    pieces = [(p, chars) for p, chars in pieces if chars is not None]
    quotes = _quotes_of(cue, attributed)
    kept = [(p, chars) for p, chars in pieces if not _overlaps(*chars, quotes)]
    if not kept:
        return []
    if len(kept) == len(pieces):
        return [span for span in [_trimmed(doc, pieces[0][0][0], pieces[-1][0][1])] if span]
    return [chars for _, chars in kept]


_TRAILING = frozenset({"and", "but", "or"})
BACKGROUND_OPENERS = frozenset({"after", "before", "following", "since"})


def _trimmed(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character offsets of tokens first..last without a leading "that", trailing "and"/"but"
    or edge punctuation."""
    while first <= last and (doc[first].is_punct or doc[first].is_space or _is_complementizer(doc[first])):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].lower_ in _TRAILING):
        last -= 1
    if first > last:
        return None
    last = _without_background(doc, first, last)
    return doc[first].idx, doc[last].idx + len(doc[last])


def _is_complementizer(token: Token) -> bool:
    return token.lower_ == "that" and (token.dep_ == "mark" or token.tag_ == "IN")


def _without_background(doc: Doc, first: int, last: int) -> int:
    """Drop a tail the reporter added after a comma: an apposition explaining the last noun
    ("..., the Russian opposition leader who died ...") or a time clause ("..., a day after
    Prague ordered ...")."""
    for i in range(first + 1, last):
        if doc[i].text != ",":
            continue
        tail = _attached_before(doc[i + 1], i, last)
        if tail is None or tail.right_edge.i < last or tail.left_edge.i <= i - 1:
            continue
        timed = any(t.lower_ in BACKGROUND_OPENERS for t in doc[i + 1 : i + 4])
        if tail.dep_ == "appos" or (timed and tail.dep_ in ("npadvmod", "prep", "advcl", "advmod")):
            return i - 1
    return last


def _attached_before(token: Token, comma: int, last: int) -> Token | None:
    """The head of the phrase starting at `token`, when that phrase hangs on a word before
    the comma (so it modifies what came before, not the other way round)."""
    for _ in range(last - comma + 1):
        if token.head.i < comma:
            return token
        if token.head == token or token.head.i > last:
            return None
        token = token.head
    return None


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def reported_speech(doc: Doc, text: str, resolver: ActorResolver, doc_id: str, marks: list[QuoteSpan],
              attributed: Attributed) -> list[QuoteRecord]:
    """That-clauses of reporting verbs, then "according to" sentences that report no other
    speech."""
    records: list[QuoteRecord] = []
    speech = set(attributed)  # verbs whose speech is already recorded
    according: list[Token] = []  # taken after every reporting verb is
    for i, (lower, lemma) in enumerate(zip(*token_words(doc))):
        if lower == "according":
            according.append(doc[i])
        if lower not in CUE_WORDS and lemma not in CUE_WORDS:
            continue  # most words are no cue: skip the parse checks
        token = doc[i]
        if not (is_reporting(token) or is_misparsed_cue(token)) or any(c.dep_ == "neg" for c in token.children):
            continue
        head = speaker_head(token)
        anchor = token if is_misparsed_cue(token) else None
        for found in _reported_spans(token, attributed):
            found = _speaker_outside(doc, _balanced(found, marks), head)
            if found is None:
                continue
            speaker, resolution = resolve_speaker(resolver, head, anchor) if head is not None else (None, "none")
            records.append(quote_record(doc_id, text, *found, False, cue_text(token), speaker, resolution))
            speech.add(token.i)
    for token in according:
        found = _according(doc, token) if is_according(token) else None
        if found is None or any(found[0] <= doc[i].idx < found[1] for i in speech):
            continue  # "X told Y that ..., according to Z": X's words, already taken
        head = speaker_head(token)
        speaker, resolution = resolve_speaker(resolver, head) if head is not None else (None, "none")
        found = _balanced(found, marks)
        records.append(quote_record(doc_id, text, *found, False, "according to", speaker, resolution))
    return records


def _speaker_outside(doc: Doc, found: tuple[int, int], head: Token | None) -> tuple[int, int] | None:
    """When the parser hung the speaker inside the clause, the content ends before it."""
    if head is None or not found[0] <= head.idx < found[1]:
        return found
    span = doc.char_span(found[0], found[1], alignment_mode="expand")
    return _trimmed(doc, span.start, head.left_edge.i - 1)


def _balanced(found: tuple[int, int], marks: list[QuoteSpan]) -> tuple[int, int]:
    """Take in the closing mark of a quotation that opens inside the content."""
    start, end = found
    for quote in marks:
        if start <= quote.open < end < quote.close:
            end = quote.close
    return start, end


def _according(doc: Doc, token: Token) -> tuple[int, int] | None:
    """"According to X, <content>." / "<content>, according to X." / else the whole sentence."""
    sent: Span = sentence_of(token)
    phrase_end = max(token.right_edge.i, doc[token.i + 1].right_edge.i)
    if all(t.is_punct or t.is_space for t in doc[sent.start : token.i]):
        return _trimmed(doc, phrase_end + 1, sent.end - 1)
    if all(t.is_punct or t.is_space for t in doc[phrase_end + 1 : sent.end]):
        return _trimmed(doc, sent.start, token.i - 1)
    return _trimmed(doc, sent.start, sent.end - 1)  # "The ministry, according to X, has ..."
