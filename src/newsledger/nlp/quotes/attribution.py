"""Which reporting verb attributes a quotation, and the head of its speaker phrase: read
from the dependency parse of the clause right before or after the quote."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newsledger.nlp.actors.speakers import DOCUMENT_NOUNS
from newsledger.nlp.quotes.marks import Marks, QuoteSpan
from newsledger.nlp.sentences import doc_text, sentence_of

REPORTING_VERBS = frozenset(
    """say tell add state claim warn insist argue lament announce write note stress deny
    accuse declare explain assert allege maintain reiterate emphasise emphasize confirm
    acknowledge admit complain vow pledge promise predict reply respond retort answer
    comment remark observe tweet post read recall concede contend counter charge proclaim
    affirm testify disclose reveal boast caution suggest report quip conclude
    point""".split()
)  # "point" counts only as "point out"
NAMING_VERBS = frozenset({"call", "describe", "dub", "label", "brand", "term"})
# judging verbs: a cue only for a quotation they govern ("condemned the "brutal handling"")
JUDGING_VERBS = frozenset({"condemn", "denounce", "criticise", "criticize", "decry", "slam", "blast", "hail",
                           "praise", "welcome", "reject", "dismiss"})
IRREGULAR_FORMS = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes", "written"),
                   "read": ("read", "reads")}
TERMINATORS = frozenset({".", "!", "?", "...", "…"})
SHORT_WORDS = 4  # a quoted span this short needs a reporting verb to count as a statement
MAX_AFTER = 30  # tokens of attribution looked at after a quote
MAX_BEFORE = 40


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", lemma + "es", stem + "ed", *IRREGULAR_FORMS.get(lemma, ())}


REPORTING_FORMS = frozenset(form for lemma in REPORTING_VERBS - {"point", "post", "read", "report"}
                            for form in _forms(lemma)) | {"reads"}
# a word that may be a cue (is_reporting, is_misparsed_cue): a lemma or form of a reporting verb
CUE_WORDS = REPORTING_VERBS | REPORTING_FORMS | {"put"}


@dataclass(slots=True)
class Attribution:
    cue: str
    speaker: Token | None
    side: str  # before | after | inherited
    clause: frozenset[int]  # token indices of the attribution context
    verb: int  # token index of the cue word


def is_reporting(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "put":  # "as she put it", "put it more sharply:"
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma not in REPORTING_VERBS:
        return False
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return True


def is_misparsed_cue(token: Token) -> bool:
    """"The Chinese readout states that ...": a reporting verb the tagger took for a noun."""
    if token.pos_ in ("VERB", "AUX") or token.lower_ not in REPORTING_FORMS or token.i + 1 >= len(token.doc):
        return False
    nxt = token.doc[token.i + 1]
    return nxt.text == ":" or (nxt.lower_ == "that" and nxt.dep_ == "mark")


def is_according(token: Token) -> bool:
    doc = token.doc
    return token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"


def _governs(cue: Token, quote: list[Token]) -> bool:
    head = cue.head if is_according(cue) else cue
    return any(t == head or head in t.ancestors for t in quote)


def _in_subtree(tokens: list[Token], cue: Token) -> bool:
    """Every word between the quote and the cue belongs to the cue's own clause."""
    for t in tokens:
        if t.is_punct or t.is_space or t == cue:
            continue
        if cue not in t.ancestors and not (cue.i > 0 and t.i == cue.i + 1 and is_according(cue)):
            return False
    return True


def _bare(cue: Token, quote: list[Token]) -> bool:
    """An attribution clause that says nothing else: "So says X." / "he said.\""""
    inside = {t.i for t in quote}
    for child in cue.children:
        if child.i in inside:
            continue
        if child.dep_ in ("ccomp", "xcomp", "attr", "acomp") or (child.dep_ == "dobj" and cue.lemma_ != "tell"):
            return False
    return True


def quote_tokens(doc: Doc, quote: QuoteSpan) -> list[Token]:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return list(span) if span is not None else []


class TokenIndex:
    """Token lookups by character offset, and the quote marks of the whole article."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.starts = doc.to_array(IDX).tolist()
        self.opens = {q.open for q in spans}
        self.closes = {q.close - 1 for q in spans}
        self.marks = Marks(spans)

    def unquoted(self, tokens: list[Token]) -> list[Token]:
        """The words of the sentences a quotation sits in that are outside every quotation."""
        first, last = sentence_of(tokens[0]), sentence_of(tokens[-1])
        return [t for t in self.doc[first.start : last.end] if not t.is_space and not self.marks.inside(t.idx)]

    def after(self, char: int) -> list[Token]:
        tokens: list[Token] = []
        i = bisect.bisect_left(self.starts, char)
        while i < len(self.doc) and len(tokens) < MAX_AFTER:
            t = self.doc[i]
            if (t.is_space and "\n" in t.text) or t.idx in self.opens or t.text in TERMINATORS:
                break
            if not t.is_space:
                tokens.append(t)
            i += 1
        return tokens

    def before(self, char: int) -> list[Token]:
        tokens: list[Token] = []
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and len(tokens) < MAX_BEFORE:
            t = self.doc[i]
            if t.is_space and "\n" in t.text:
                if tokens or i == 0 or self.doc[i - 1].text != ":":
                    break  # a paragraph break, unless a colon at its end introduces the quote
            elif t.text in TERMINATORS or t.idx in self.closes or t.idx in self.opens:
                break
            elif not t.is_space:
                tokens.insert(0, t)
            i -= 1
        return tokens


def _is_cue(token: Token) -> bool:
    return is_reporting(token) or is_according(token) or is_misparsed_cue(token) or (
        token.pos_ == "VERB" and token.lemma_.lower() in NAMING_VERBS)


def _is_judging(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in JUDGING_VERBS


def _candidates(context: list[Token], side: str) -> list[Token]:
    return sorted((t for t in context if _is_cue(t)), key=lambda t: t.i if side == "after" else -t.i)


def _governing(index: TokenIndex, tokens: list[Token], according: bool) -> Token | None:
    """The nearest cue anywhere in the quote's sentence, outside quotations, that governs it."""
    cues = [t for t in index.unquoted(tokens) if (_is_cue(t) or _is_judging(t)) and is_according(t) == according
            and _governs(t, tokens)]
    return min(cues, key=lambda t: min(abs(t.i - tokens[0].i), abs(t.i - tokens[-1].i)), default=None)


def attribute(index: TokenIndex, quote: QuoteSpan, tokens: list[Token]) -> Attribution | None:
    """The cue and speaker of one quotation. A reporting verb that governs it wins over
    "according to" in the same clause (`X told Y that it was "...", according to Z`),
    and both win over a cue that merely stands next to it."""
    text = index.text
    ends_sentence = text[quote.start : quote.end].rstrip("\"'”’ ")[-1:] in (".", "…")
    sides = ("before", "after") if ends_sentence else ("after", "before")
    short = _word_count(tokens) <= SHORT_WORDS
    contexts = {side: index.after(quote.close) if side == "after" else index.before(quote.open) for side in sides}
    for according in (False, True):
        cue = _governing(index, tokens, according)
        if cue is not None and not (short and _is_naming(cue)):
            side = "before" if cue.i < tokens[0].i else "after"
            return _attribution(_outer_cue(cue), contexts.get(side, []), tokens, side)
    for side in sides:
        context = contexts[side]
        for cue in _candidates(context, side):
            if short and _is_naming(cue):
                continue  # "calls the camps "learning centres"": a label, not a statement
            if _accepts(cue, context, quote, tokens, side, ends_sentence, text):
                return _attribution(_outer_cue(cue), context, tokens, side)
    return None


def _is_naming(cue: Token) -> bool:
    return cue.lemma_.lower() in NAMING_VERBS and not is_reporting(cue)


def _attribution(cue: Token, context: list[Token], tokens: list[Token], side: str) -> Attribution:
    inverted = side == "after" and all(t.is_punct for t in context if t.i < cue.i)
    speaker = speaker_head(cue, frozenset(t.i for t in tokens), inverted)
    return Attribution(cue_text(cue), speaker, side, frozenset(t.i for t in context), cue.i)


def _outer_cue(cue: Token) -> Token:
    """The reporting verb whose complement holds the nearer one: "X vowed to respond
    "firmly"", "X said that Beijing would respond "firmly"" are X's words."""
    node = cue
    while node.dep_ in ("xcomp", "ccomp") and node.head != node:
        node = node.head
        if is_reporting(node):
            cue = node
    return cue


def _accepts(cue: Token, context: list[Token], quote: QuoteSpan, tokens: list[Token], side: str,
             ends_sentence: bool, text: str) -> bool:
    """A cue next to the quote with nothing but its own clause in between."""
    if side == "after":
        between = [t for t in context if t.i < cue.i]
        return _in_subtree(between, cue) and (not ends_sentence or _bare(cue, tokens))
    between = [t for t in context if t.i > cue.i]
    last = _char_before(text, quote.open)
    if is_misparsed_cue(cue):
        return not between or [t.text for t in between] == [":"]
    return last in (":", ",") and _in_subtree(between, cue)


def _char_before(text: str, i: int) -> str:
    """The last non-space character before position `i`."""
    i -= 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def _word_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def is_statement(tokens: list[Token]) -> bool:
    """A quote with no cue of its own: long and with a finite verb, not a title or label."""
    return _word_count(tokens) > SHORT_WORDS and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens)


# -- cue and speaker ----------------------------------------------------------------


def cue_text(cue: Token) -> str:
    doc = cue.doc
    if is_according(cue):
        return "according to"
    picked = {cue.i}
    for child in cue.children:
        if cue.lemma_ == "put" and child.lower_ == "it":
            picked.add(child.i)  # "put it more sharply"
        elif child.dep_ == "prt" or (cue.lemma_ == "put" and child.dep_ == "advmod" and child.i > cue.i
                                     and len(list(child.subtree)) <= 3):
            picked.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ == "say" and len(list(child.subtree)) <= 4:
            picked.update(t.i for t in child.subtree)  # "said to the crew"
        elif child.dep_ in ("dobj", "dative") and cue.lemma_ == "tell" and len(list(child.subtree)) <= 4:
            picked.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "in" and child.i > cue.i and len(list(child.subtree)) <= 4:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in DOCUMENT_NOUNS:
                picked.update(t.i for t in child.subtree)
    runs: list[list[int]] = []
    for i in sorted(picked):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " ".join(doc[run[0] : run[-1] + 1].text for run in runs)


def speaker_head(cue: Token, quoted: frozenset[int] = frozenset(), inverted: bool = False) -> Token | None:
    """The head of the speaker phrase; never a word inside the quotation itself.

    `inverted`: the cue opens the attribution right after a quote ("...," said a
    shopkeeper), so a noun phrase after it may be the speaker whatever its parse.
    """
    if is_according(cue):
        to = cue.doc[cue.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in cue.children if c.dep_ == "pobj"), None)
        return pobj
    if is_misparsed_cue(cue):
        return _phrase_before(cue)
    verb = cue
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.i not in quoted]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - verb.i))
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and verb.lemma_ in ("quote", "cite"):
            return passive  # "X was quoted as saying"
        after = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "npadvmod", "attr")
                      and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "ORG")), None)
        if after is None and inverted and verb == cue and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            after = _np_after(verb)
        if after is not None and verb.lemma_ != "tell":
            return after  # "said Peskov" / "said a shopkeeper" parsed as something else
        if verb.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep") or verb.head == verb:
            return _left_subject(verb) if verb == cue else None
        verb = verb.head
    return None


def _np_after(verb: Token) -> Token | None:
    """"..., said a shopkeeper selling phones": the noun right after an inverted verb."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "NUM") and doc[i].ent_type_ not in ("DATE", "TIME"):
        i += 1
    if i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN") and doc[i].ent_type_ not in ("DATE", "TIME") \
            and doc[i].dep_ not in ("dobj", "dative", "pobj", "attr", "oprd"):
        while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i].pos_ == "PROPN":
            i += 1  # the last word of a name
        return doc[i]
    return None


def _left_subject(verb: Token) -> Token | None:
    """"..., a close aide to the minister said": the parser hung the speaker elsewhere."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].dep_ in ("aux", "advmod", "neg")):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    token = doc[i]
    while token.dep_ in ("pobj", "prep", "compound") and token.head.i < token.i:
        token = token.head
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("appos", "npadvmod", "conj", "dep", "nmod", "attr"):
        return token
    return None


def _phrase_before(cue: Token) -> Token | None:
    """The last word of the noun phrase right before a misparsed cue."""
    i = cue.i - 1
    while i >= 0 and cue.doc[i].is_space:
        i -= 1
    if i < 0 or cue.doc[i].is_punct:
        return None
    return cue.doc[i]
