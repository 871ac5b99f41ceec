"""Who said what: direct quotations and reported speech, tied to a resolved speaker.

Why this approach:

* Quotation marks are found by scanning the characters, not the tokens. The tokenizer and
  the sentence splitter are unreliable around quote marks (a closing mark often lands in
  the next sentence), while the marks themselves follow simple typographic rules: a curly
  mark says which side it is on, a straight one is told apart by its neighbours, and an
  apostrophe sits between letters. Scanning paragraph by paragraph also gives the news
  conventions for free: a quote left open at the end of a paragraph continues when the
  next paragraph opens with a mark, and otherwise closes at the paragraph end, so odd
  marks degrade instead of swallowing the article.
* The attribution is read from the dependency parse in the clause right before or right
  after the quote (up to the nearest sentence end, paragraph break or other quote): first
  a reporting verb that governs the quote (then "according to" in the same clause), else
  one that stands next to it with nothing but its own subject and modifiers in between
  ("...," he said / said Peskov / So says X). A reporting verb inside the complement of
  another ("X said Beijing would respond "firmly"") gives way to the outer one. The
  speaker is that verb's subject, resolved by the engine's `ActorResolver`, so pronouns,
  surnames and role nouns share the event coder's coreference. The small model misparses
  attributions often, so a few narrow repairs follow known mistakes: a subject inside the
  quote is never the speaker, "said a shopkeeper selling ..." takes the noun after an
  inverted verb, a speaker hung on the wrong noun is found left of the verb, and a
  reporting verb tagged as a noun ("the readout states that") still counts.
* A quote without its own attribution inherits the speaker of the quote it continues
  (`"A," he said. "B."`); a short quoted span with no reporting verb (scare quotes,
  titles) is not a statement and is dropped; a long one with a finite verb is kept
  without a speaker.
* Reported speech is a that-clause (or bare complement clause) of a non-negated reporting
  verb, or the rest of a sentence carrying "according to X" when no verb in it reports
  speech already. Indirect questions ("tell us where he was") and elliptical clauses ("said
  it would not") state nothing and are skipped. A that-clause holding a direct quotation
  attributed to the same verb (or one it depends on) is left to the quotation (`Putin added
  that they enjoy a "..."` is one direct record); further that-clauses of the verb then
  stand alone (`said it was "being studied" and that no date had been set`), and when none
  is quoted they form one record. Speech reported inside other speech ("He told the guards
  that ...", within a quotation or a that-clause) is a record of its own. A trailing
  apposition or time clause the reporter added after a comma is not part of the content.

Conventions: split quotes (`"A," he said, "B."`) give two records with the same speaker;
a trailing comma inside the marks is left out of `content` (it belongs to the attribution,
and British style puts it outside anyway); a multi-paragraph quote is one record whose
content holds the paragraph break and the continuation mark as written; coordinated
speakers ("Antonov and Qin said") are represented by the first conjunct; "according to"
in mid-sentence gives the whole sentence as content (the statement is not contiguous);
a speaker the resolver cannot code keeps the phrase as written as its name ("the letter").
Record ids hash doc id, content start and "quote" (direct) or "reported".
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace
from typing import Callable

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.actors import PERSON_PRONOUNS, ActorResolver
from newsledger.nlp.sentences import sentence_of
from newsledger.records import Entity, QuoteRecord

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
IRREGULAR_FORMS = {"say": ("said", "says"), "tell": ("told", "tells"), "write": ("wrote", "writes", "written"),
                   "read": ("read", "reads")}
TERMINATORS = frozenset({".", "!", "?", "...", "…"})
SHORT_WORDS = 4  # a quoted span this short needs a reporting verb to count as a statement
MAX_AFTER = 30  # tokens of attribution looked at after a quote
MAX_BEFORE = 40

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_STRAIGHT = "“„«", "”»", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_STRAIGHT = "‘", "’", "'"
OPENER_BEFORE = "([{—–-/"
CLOSER_AFTER = ".,;:!?)]}—–-'’"


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", lemma + "es", stem + "ed", *IRREGULAR_FORMS.get(lemma, ())}


REPORTING_FORMS = frozenset(form for lemma in REPORTING_VERBS - {"point", "post", "read", "report"}
                            for form in _forms(lemma)) | {"reads"}


# -- finding the quotation marks ---------------------------------------------------


@dataclass(slots=True)
class QuoteSpan:
    """One quotation: where its marks are and where its content is, in characters."""

    open: int  # index of the opening mark
    close: int  # index just after the closing mark (the content end when unclosed)
    start: int  # content offsets, stripped
    end: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines: a line break ends a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _positions(text: str, chars: str, start: int, end: int) -> list[int]:
    return [m.start() for m in re.finditer(f"[{re.escape(chars)}]", text[start:end])] if start < end else []


def _side(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the straight or curly mark at `i`."""
    ch = text[i]
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before.isspace() or before in OPENER_BEFORE) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in CLOSER_AFTER)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _content(text: str, open_at: int, close_at: int) -> tuple[int, int]:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _first_char(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def double_quote_spans(text: str) -> list[QuoteSpan]:
    """Double-quoted spans, with the multi-paragraph and unclosed-quote conventions."""
    marks = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT
    paragraphs = _paragraphs(text)
    found: list[QuoteSpan] = []
    open_at: int | None = None

    def emit(close_at: int, after: int) -> None:
        start, end = _content(text, open_at, close_at)
        if end > start:
            found.append(QuoteSpan(open_at, after, start, end))

    for n, (p_start, p_end) in enumerate(paragraphs):
        continuing = open_at is not None
        for offset in _positions(text, marks, p_start, p_end):
            i = p_start + offset
            side = _side(text, i)
            if continuing and i == _first_char(text, p_start, p_end) and side != "close":
                continue  # the mark that reopens a quote running on from the last paragraph
            if open_at is None:
                if side != "close":
                    open_at = i
            elif side == "open" and not continuing and text[i] not in DOUBLE_STRAIGHT and text[open_at] != "„":
                emit(i, i)  # a new opening mark while open: the last quote was never closed
                open_at = i
            else:
                emit(i, i + 1)
                open_at = None
            continuing = False
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            first = _first_char(text, *nxt) if nxt else None
            if not (nxt and first < nxt[1] and text[first] in marks and _side(text, first) != "close"):
                emit(p_end, p_end)  # unclosed: the quote ends with its paragraph
                open_at = None
    if open_at is not None:
        emit(len(text), len(text))
    return found


def _single_closer(text: str, i: int) -> int:
    """0: not a closer; 2: a sure closer (punctuation inside or after it); 1: maybe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or (before.isalnum() and after.isalnum()):
        return 0  # an apostrophe (Russia's, don't) or an opener
    if before in ".,!?;:" or after in ".,;:!?)" or after == "\n" or i + 1 == len(text):
        return 2
    if after.isspace():
        return 0 if before.lower() == "s" else 1  # "the protesters' demands" stays an apostrophe
    return 0


def _single_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–") and after.isalpha()


class _Marks:
    """Is a character inside a quotation? Spans are sorted and do not overlap."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.opens = [q.open for q in spans]
        self.closes = [q.close for q in spans]

    def inside(self, char: int) -> bool:
        n = bisect.bisect_right(self.opens, char) - 1
        return n >= 0 and char < self.closes[n]


def single_quote_spans(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted spans outside double quotes, only where a pair is unambiguous."""
    marks = _Marks(taken)

    def free(i: int) -> bool:
        return not marks.inside(i)

    found: list[QuoteSpan] = []
    for p_start, p_end in _paragraphs(text):
        resume = p_start
        for offset in _positions(text, SINGLE_OPEN + SINGLE_STRAIGHT, p_start, p_end):
            i = p_start + offset
            if i < resume or not free(i) or not _single_opener(text, i):
                continue
            close = _pair_single(text, i, p_end, free)
            if close is not None:
                start, end = _content(text, i, close)
                if end > start:
                    found.append(QuoteSpan(i, close + 1, start, end))
                resume = close + 1
    return found


def _pair_single(text: str, open_at: int, p_end: int, free: Callable[[int], bool]) -> int | None:
    maybe = None
    for offset in _positions(text, SINGLE_CLOSE + SINGLE_STRAIGHT, open_at + 2, p_end):
        j = open_at + 2 + offset
        if not free(j):
            continue
        if text[j] == SINGLE_STRAIGHT and text[open_at] == SINGLE_OPEN:
            continue
        if _single_opener(text, j) and text[j] == SINGLE_STRAIGHT:
            return None  # another opener first: not an unambiguous pair
        strength = _single_closer(text, j)
        if strength == 2:
            return j
        if strength == 1 and maybe is None:
            maybe = j
    return maybe


def quote_spans(text: str) -> list[QuoteSpan]:
    doubles = double_quote_spans(text)
    return sorted(doubles + single_quote_spans(text, doubles), key=lambda q: q.open)


# -- attribution ------------------------------------------------------------------


@dataclass(slots=True)
class Attribution:
    cue: str
    speaker: Token | None
    side: str  # before | after | inherited
    clause: frozenset[int]  # token indices of the attribution context
    verb: int  # token index of the cue word


def _is_reporting(token: Token) -> bool:
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


def _is_misparsed_cue(token: Token) -> bool:
    """"The Chinese readout states that ...": a reporting verb the tagger took for a noun."""
    if token.pos_ in ("VERB", "AUX") or token.lower_ not in REPORTING_FORMS or token.i + 1 >= len(token.doc):
        return False
    nxt = token.doc[token.i + 1]
    return nxt.text == ":" or (nxt.lower_ == "that" and nxt.dep_ == "mark")


def _is_according(token: Token) -> bool:
    doc = token.doc
    return token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"


def _governs(cue: Token, quote: list[Token]) -> bool:
    head = cue.head if _is_according(cue) else cue
    return any(t == head or head in t.ancestors for t in quote)


def _in_subtree(tokens: list[Token], cue: Token) -> bool:
    """Every word between the quote and the cue belongs to the cue's own clause."""
    for t in tokens:
        if t.is_punct or t.is_space or t == cue:
            continue
        if cue not in t.ancestors and not (cue.i > 0 and t.i == cue.i + 1 and _is_according(cue)):
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


def _quote_tokens(doc: Doc, quote: QuoteSpan) -> list[Token]:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return list(span) if span is not None else []


class _Index:
    """Token lookups by character offset, and the quote marks of the whole article."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token: read it once
        self.starts = [t.idx for t in doc]
        self.opens = {q.open for q in spans}
        self.closes = {q.close - 1 for q in spans}
        self.marks = _Marks(spans)

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
    return _is_reporting(token) or _is_according(token) or _is_misparsed_cue(token) or (
        token.pos_ == "VERB" and token.lemma_.lower() in NAMING_VERBS)


def _is_judging(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in JUDGING_VERBS


def _candidates(context: list[Token], side: str) -> list[Token]:
    return sorted((t for t in context if _is_cue(t)), key=lambda t: t.i if side == "after" else -t.i)


def _governing(index: _Index, tokens: list[Token], according: bool) -> Token | None:
    """The nearest cue anywhere in the quote's sentence, outside quotations, that governs it."""
    cues = [t for t in index.unquoted(tokens) if (_is_cue(t) or _is_judging(t)) and _is_according(t) == according
            and _governs(t, tokens)]
    return min(cues, key=lambda t: min(abs(t.i - tokens[0].i), abs(t.i - tokens[-1].i)), default=None)


def _attribute(index: _Index, quote: QuoteSpan, tokens: list[Token]) -> Attribution | None:
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
    return cue.lemma_.lower() in NAMING_VERBS and not _is_reporting(cue)


def _attribution(cue: Token, context: list[Token], tokens: list[Token], side: str) -> Attribution:
    inverted = side == "after" and all(t.is_punct for t in context if t.i < cue.i)
    speaker = _speaker_head(cue, frozenset(t.i for t in tokens), inverted)
    return Attribution(_cue_text(cue), speaker, side, frozenset(t.i for t in context), cue.i)


def _outer_cue(cue: Token) -> Token:
    """The reporting verb whose complement holds the nearer one: "X vowed to respond
    "firmly"", "X said that Beijing would respond "firmly"" are X's words."""
    node = cue
    while node.dep_ in ("xcomp", "ccomp") and node.head != node:
        node = node.head
        if _is_reporting(node):
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
    if _is_misparsed_cue(cue):
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


def _is_statement(tokens: list[Token]) -> bool:
    """A quote with no cue of its own: long and with a finite verb, not a title or label."""
    return _word_count(tokens) > SHORT_WORDS and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens)


# -- cue and speaker ----------------------------------------------------------------


def _cue_text(cue: Token) -> str:
    doc = cue.doc
    if _is_according(cue):
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


def _speaker_head(cue: Token, quoted: frozenset[int] = frozenset(), inverted: bool = False) -> Token | None:
    """The head of the speaker phrase; never a word inside the quotation itself.

    `inverted`: the cue opens the attribution right after a quote ("...," said a
    shopkeeper), so a noun phrase after it may be the speaker whatever its parse.
    """
    if _is_according(cue):
        to = cue.doc[cue.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in cue.children if c.dep_ == "pobj"), None)
        return pobj
    if _is_misparsed_cue(cue):
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


def _speaker(resolver: ActorResolver, head: Token | None, anchor: Token | None = None) -> tuple[Entity | None, str]:
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
        entity = _fallback_entity(head)
        if entity is None:
            return None, "none"
    written = head.doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if written is not None and head.pos_ != "PRON":
        phrase = sorted({*phrase, *written}, key=lambda t: t.i)
    return entity, _resolution(resolver, head, phrase)


# -- records ------------------------------------------------------------------------


def _record_id(doc_id: str, start: int, kind: str = "quote") -> str:
    return hashlib.sha1(f"{doc_id}|{start}|{kind}".encode()).hexdigest()[:16]


def _quote_record(doc_id: str, text: str, start: int, end: int, direct: bool, cue: str | None,
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


def _continues(index: _Index, prev: QuoteSpan, prev_attr: Attribution | None, quote: QuoteSpan) -> bool:
    """Nothing but punctuation, space or the previous quote's attribution lies between them."""
    first = bisect.bisect_left(index.starts, prev.close)
    last = bisect.bisect_left(index.starts, quote.open)
    gap = [t for t in index.doc[first:last] if not (t.is_punct or t.is_space)]
    if not gap:
        return True
    return prev_attr is not None and prev_attr.side == "after" and all(t.i in prev_attr.clause for t in gap)


Attributed = dict[int, list[tuple[int, int]]]  # cue token index -> content spans it attributes


def _direct_quotes(doc: Doc, resolver: ActorResolver, doc_id: str,
                   spans: list[QuoteSpan]) -> tuple[list[QuoteRecord], Attributed]:
    """The direct quotations, and which cue word attributes which of them."""
    index = _Index(doc, spans)
    tokens = [_quote_tokens(doc, q) for q in spans]
    attributions = [_attribute(index, q, t) if t else None for q, t in zip(spans, tokens)]
    _inherit(index, spans, attributions)
    records: list[QuoteRecord] = []
    attributed: Attributed = {}
    speakers: dict[int, tuple[Entity | None, str]] = {}
    for quote, toks, attribution in zip(spans, tokens, attributions):
        if not toks or (attribution is None and not _is_statement(toks)):
            continue
        speaker, resolution, cue = None, "none", None
        if attribution is not None:
            cue = attribution.cue
            attributed.setdefault(attribution.verb, []).append((quote.start, quote.end))
            head = attribution.speaker
            if head is not None:
                if head.i not in speakers:
                    speakers[head.i] = _speaker(resolver, head, _misparsed_anchor(head))
                speaker, resolution = speakers[head.i]
        records.append(_quote_record(doc_id, index.text, quote.start, quote.end, True, cue, speaker, resolution))
    return records, attributed


def _inherit(index: _Index, spans: list[QuoteSpan], attributions: list[Attribution | None]) -> None:
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
    return nxt if nxt is not None and _is_misparsed_cue(nxt) else None


# -- reported speech ------------------------------------------------------------------


SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _has_subject(token: Token) -> bool:
    """A clause with a subject of its own (also one the parser hung on an auxiliary)."""
    return any(c.dep_ in SUBJECTS or (c.dep_ in ("aux", "auxpass") and any(g.dep_ in SUBJECTS for g in c.children))
               for c in token.children)


def _clause_of(cue: Token) -> Token | None:
    """The complement clause of a reporting verb: "said (that) the talks failed"."""
    if _is_misparsed_cue(cue):
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


def _reported(doc: Doc, text: str, resolver: ActorResolver, doc_id: str, marks: list[QuoteSpan],
              attributed: Attributed) -> list[QuoteRecord]:
    """That-clauses of reporting verbs, then "according to" sentences that report no other
    speech."""
    records: list[QuoteRecord] = []
    speech = set(attributed)  # verbs whose speech is already recorded
    for token in doc:
        if not (_is_reporting(token) or _is_misparsed_cue(token)) or any(c.dep_ == "neg" for c in token.children):
            continue
        head = _speaker_head(token)
        anchor = token if _is_misparsed_cue(token) else None
        for found in _reported_spans(token, attributed):
            found = _speaker_outside(doc, _balanced(found, marks), head)
            if found is None:
                continue
            speaker, resolution = _speaker(resolver, head, anchor) if head is not None else (None, "none")
            records.append(_quote_record(doc_id, text, *found, False, _cue_text(token), speaker, resolution))
            speech.add(token.i)
    for token in doc:
        found = _according(doc, token) if _is_according(token) else None
        if found is None or any(found[0] <= doc[i].idx < found[1] for i in speech):
            continue  # "X told Y that ..., according to Z": X's words, already taken
        head = _speaker_head(token)
        speaker, resolution = _speaker(resolver, head) if head is not None else (None, "none")
        found = _balanced(found, marks)
        records.append(_quote_record(doc_id, text, *found, False, "according to", speaker, resolution))
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


# -- entry point ------------------------------------------------------------------------


def find_quotes(doc: Doc, resolver: ActorResolver, doc_id: str) -> list[QuoteRecord]:
    """Direct quotations and reported speech of one parsed article, in text order."""
    text = doc.text
    spans = quote_spans(text)
    direct, attributed = _direct_quotes(doc, resolver, doc_id, spans)
    reported = _reported(doc, text, resolver, doc_id, spans, attributed)
    unique = {r.id: r for r in reversed(direct + reported)}  # one record per id, the first kept
    return sorted(unique.values(), key=lambda r: (r.start, not r.direct))
