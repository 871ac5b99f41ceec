"""The sentence and the named entity a token belongs to, and every token's words, indexed
once per article.

Why: spaCy's `Token.sent` checks the whole document's sentence annotation on every call
and `Doc.ents` rebuilds every entity span, so asking them once per event made a long
article cost time quadratic in its length; and the scans over a whole article (which
tokens could be a trigger, a speech cue, a settlement noun) spent more time making Token
objects and asking them for their strings than on the checks. The index lives in
`doc.user_data` under INDEX_KEYS and is dropped before the Doc leaves the coder.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

SENTENCES_KEY = "newsledger.sentences"
ENTITIES_KEY = "newsledger.entities"
DATELINES_KEY = "newsledger.datelines"
FILED_KEY = "newsledger.filed"
LOWERCASE_KEY = "newsledger.lowercase"
WORDS_KEY = "newsledger.words"
TEXT_KEY = "newsledger.text"
INDEX_KEYS = (SENTENCES_KEY, ENTITIES_KEY, DATELINES_KEY, FILED_KEY, LOWERCASE_KEY, WORDS_KEY, TEXT_KEY)

# A wire dateline opening a paragraph: "LIMA, May 2 (Agency) - ", "NEW YORK (AP) — ",
# "Kyiv, Ukraine (Agency) — ", "GUSAU, Nigeria, May 7 (Agency) - ", "WASHINGTON -- ". The
# place is in capitals (three letters at least: not "US - China"), or followed by an agency
# in brackets; up to two comma parts give a region, a country or a date; the story goes on
# with a capital, a digit or a quote, or in lower case (terse wire copy: "KARACHI, Sept 29
# (Agency) - police in ...", all in lower case in some feeds: "maputo, nov 8 (agency) - police
# ...") after a dateline with a date or an agency (not "NATO - the
# alliance").
DATELINE = re.compile(
    r"(?:^|\n)[ \t]*"
    r"(?:[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+){0,3}(?:,[ ]?[A-Za-z][\w.’'\-]*(?: [\w.’'\-]+){0,3}){0,2}(?:[ ]?\([^()\n]{1,40}\))?"
    r"|[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,2}(?:,[ ]?[A-Z][\w.’'\-]*(?: [\w.’'\-]+){0,3}){0,2}[ ]?\([^()\n]{1,40}\)"
    r"|[a-z][a-z’'\-]+(?: [a-z’'\-]+){0,2},[ ]?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    r" \d{1,2}[ ]?\([^()\n]{1,40}\))"
    r"(?: (?:--?|–|—)|--|–|—) ?(?=[A-Za-z0-9\"“‘'])"
)


# A live blog's time stamp opening a paragraph: "11:30 — Police fired tear gas ...", "09.05 GMT:
# ...", "2:15 p.m. - ...". The parser reads the time as a second subject of the update.
TIMESTAMP = re.compile(
    r"(?:^|\n)[ \t]*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[ ]?[aApP]\.?[mM]\.?)?(?:[ ]?[A-Z]{2,4})?"
    r"[ ]?(?:--?|–|—|\||:)[ ]?(?=[A-Za-z\"“‘'])"
)


# A digest item's place heading its paragraph: "JAKARTA: Police used ...", "MAROUA, Cameroon:
# Suspected fighters ..." (the place in capitals, three letters at least, a country after a
# comma); a label that names no place ("UPDATE: ") has no country, so it sets nothing.
PLACE_HEAD = re.compile(
    r"(?:^|\n)[ \t]*(?P<place>[^\W\d_a-z](?:[^\W\d_a-z]|['’.\-]){2,}(?: [^\W\d_a-z](?:[^\W\d_a-z]|['’.\-])+){0,3})"
    r"(?:, (?P<country>[^\W\d_][\w'’\-]+(?: [^\W\d_][\w'’\-]+){0,2}))?: (?=[A-Z\"“‘'])"
)


def sentence_of(token: Token) -> Span:
    doc = token.doc
    starts, ends = _sentences(doc)
    k = sentence_number(token)
    return doc[starts[k] : ends[k]]


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence of the article."""
    return _sentences(doc)[0]


def sentence_number(token: Token) -> int:
    """Which sentence of the article `token` is in, from 0."""
    starts, _ = _sentences(token.doc)
    return bisect_right(starts, token.i) - 1


def datelines(text: str) -> Iterator[re.Match]:
    """The wire datelines of a text (DATELINE, with the lower-case continuation checked)."""
    for found in DATELINE.finditer(text):
        if found.end() < len(text) and text[found.end()].islower() and not any(c in found.group() for c in ",("):
            continue  # "NATO - the alliance": a dash in a sentence
        yield found


def dateline_ends(doc: Doc) -> list[int]:
    """The tokens that begin a story after a paragraph's wire dateline, a digest item's place
    heading or a live blog's time stamp: each is a sentence of its own, not the subject of the
    lead ("LIMA, May 2 (Agency) - Police...", "JAKARTA: Police ...", "11:30 — Police ...")."""
    found = doc.user_data.get(DATELINES_KEY)
    if found is None:
        text = doc_text(doc)
        ends = sorted({m.end() for m in (*datelines(text), *TIMESTAMP.finditer(text), *PLACE_HEAD.finditer(text))})
        token_at = {token.idx: token.i for token in doc} if ends else {}  # most texts have none
        found = [i for end in ends if (i := token_at.get(end))]
        doc.user_data[DATELINES_KEY] = found
    return found


# Headings that label a paragraph, not a place: "UPDATE: ...", "BREAKING: ...".
LABEL_HEADS = frozenset({"update", "updates", "breaking", "breaking news", "analysis", "opinion", "comment", "editorial",
                         "background", "context", "correction", "note", "editor's note", "factbox", "timeline",
                         "watch", "video", "live", "read more", "related", "summary", "key points", "q&a"})


def item_places(doc: Doc) -> list[tuple[int, list[str]]]:
    """Each paragraph that opens with its own place, a wire dateline or a digest item's
    heading ("KARACHI, Sept 29 (Agency) - ", "RAKHINE: "): the token where its story starts
    and the place's names, most specific first ("KIDAL, Mali: ": Kidal, Mali); [] when
    fewer than two paragraphs do."""
    text = doc_text(doc)
    heads = [(m.end(), [m.group("place"), m.group("country")]) for m in PLACE_HEAD.finditer(text)
             if m.group("place").lower() not in LABEL_HEADS]
    heads += [(m.end(), re.split(r"[,(]| --?| –| —", m.group().strip())[:2]) for m in datelines(text)]
    if len(heads) < 2:
        return []  # one dateline places the whole story: no items (most articles)
    token_at = {token.idx: token.i for token in doc}
    return sorted((token_at[end], [n.strip().title() if n.strip().isupper() else n.strip() for n in names if n and n.strip()])
                  for end, names in heads if end in token_at)


DATELINE_REACH = 400  # characters: a headline, then the story's dateline


def dateline_place(doc: Doc) -> tuple[str, int] | None:
    """The place the article is filed from and where its dateline ends: the first dateline's
    ("KARACHI, May 9 (Agency) - ": "Karachi"), when one opens the story (after the headline,
    if any). Found once per article."""
    if FILED_KEY not in doc.user_data:
        opening = doc_text(doc)[:DATELINE_REACH]
        found = next(datelines(opening), None)
        place = re.split(r"[,(]| --?| –| —", found.group().strip(), maxsplit=1)[0].strip() if found else ""
        doc.user_data[FILED_KEY] = (place.title() if place.isupper() else place, found.end()) if place else None
    return doc.user_data[FILED_KEY]


def story_sentence_number(token: Token) -> int:
    """Which sentence of the story `token` is in, from 0, not counting datelines."""
    k = sentence_number(token)
    starts, _ = _sentences(token.doc)
    return k - sum(1 for i in dateline_ends(token.doc) if i <= starts[k])


def opens_paragraph(sent: Span) -> bool:
    """The sentence starts the article, a paragraph, or the story after a dateline."""
    doc = sent.doc
    return sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws or sent.start in dateline_ends(doc)


def entity_at(token: Token) -> Span | None:
    """The named entity covering `token`, if any."""
    doc = token.doc
    index = doc.user_data.get(ENTITIES_KEY)
    if index is None:
        index = {i: [ent.start, ent.end] for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data[ENTITIES_KEY] = index
    bounds = index.get(token.i)
    return doc.char_span(doc[bounds[0]].idx, doc[bounds[1] - 1].idx + len(doc[bounds[1] - 1])) if bounds else None


def doc_text(doc: Doc) -> str:
    """The article's text, joined once: `Doc.text` makes a Token for every word on every
    access, and the coder, the quotes and the datelines each need the whole text."""
    found = doc.user_data.get(TEXT_KEY)
    if found is None:
        found = doc.user_data[TEXT_KEY] = doc.text
    return found


def token_words(doc: Doc) -> tuple[list[str], list[str]]:
    """Each token's lower-cased form (`Token.lower_`) and lower-cased lemma
    (`Token.lemma_.lower()`), by token index: each distinct string is looked up once."""
    found = doc.user_data.get(WORDS_KEY)
    if found is None:
        if not len(doc):
            return [], []
        distinct, at = numpy.unique(doc.to_array([LOWER, LEMMA]), return_inverse=True)
        strings = doc.vocab.strings
        lowered = numpy.array([strings[int(key)].lower() for key in distinct], dtype=object)
        at = at.reshape(len(doc), 2)
        found = (lowered[at[:, 0]].tolist(), lowered[at[:, 1]].tolist())
        doc.user_data[WORDS_KEY] = found
    return found


def subtree_words(token: Token) -> list[str]:
    """The lower-cased words between a token's subtree edges (its subtree, and any word a
    non-projective arc leaves between them): a cheap test for a word before walking the tree."""
    return token_words(token.doc)[0][token.left_edge.i : token.right_edge.i + 1]


def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    found = doc.user_data.get(SENTENCES_KEY)
    if found is None:
        sents = list(doc.sents)
        found = [[s.start for s in sents], [s.end for s in sents]]
        doc.user_data[SENTENCES_KEY] = found
    return found[0], found[1]


def lowercase_copy(doc: Doc) -> bool:
    """Most sentences start in lower case: terse wire copy, whose names the parser misses."""
    found = doc.user_data.get(LOWERCASE_KEY)
    if found is None:
        starts, ends = _sentences(doc)
        first = [next((t for t in doc[a:b] if t.is_alpha), None) for a, b in zip(starts, ends)]
        first = [t for t in first if t is not None]
        found = doc.user_data[LOWERCASE_KEY] = bool(first) and sum(t.is_lower for t in first) * 2 > len(first)
    return found
