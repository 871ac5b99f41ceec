"""Find every name the lexicons know in a parsed article, plus people spaCy's NER finds.

Matching runs once per article; resolving event arguments then only looks mentions up
by token index, so the coder's cost stays small next to parsing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from newsledger.nlp.lexicon import Lexicon, Term
from newsledger.nlp.places import PLACE_LABELS
from newsledger.nlp.sentences import token_words

MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


# Words before a name that are no part of it ("Mr Lavrov", "Sheikh Tamim", "Gen. Milley").
HONORIFICS = frozenset(
    "mr mrs ms miss dr sheikh sheikha prince princess king queen sir dame lord lady general gen col colonel "
    "adm admiral sen senator rep representative gov governor chancellor premier emir sultan pope ayatollah "
    "imam rabbi judge justice secretary minister president ambassador envoy".split()
)


@dataclass(slots=True)
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # country | adjective | capital | seat | organisation | group | person
    term: Term | None  # None for a person or organisation only spaCy's NER knows


def _is_case_sensitive(surface: str) -> bool:
    """Acronyms ("US", "UN", "U.S.", "LeT") must not match ordinary words ("us", "un", "let"),
    nor a name written with its article ("the States", "the Emirates") the same words in lower
    case ("left it to the states"): those forms match as written, the article either way."""
    letters = [c for c in surface if c.isalpha()]
    acronym = len(letters) <= 5 and (surface.isupper() or (" " not in surface and any(c.isupper() for c in letters[1:])))
    return "." in surface or acronym or _with_article(surface)


def _with_article(surface: str) -> bool:
    return surface.startswith("the ") and surface[4:5].isupper()


def _apostrophe_forms(surface: str) -> list[str]:
    """A name as typed and as typeset: "People's" and "People’s", "d'Ivoire" and "d’Ivoire".

    Without the typeset form "the Democratic People’s Republic of Korea" of a readout
    matches only its tail, "Republic of Korea", and North Korea is read as South Korea.
    """
    forms = {surface, surface.replace("'", "’"), surface.replace("’", "'")}
    if _with_article(surface):  # "the Kremlin" also opens a sentence: "The Kremlin said"
        forms |= {"T" + form[1:] for form in forms}
    return sorted(forms)


def _dotted_lower(surface: str) -> list[str]:
    """An acronym with stops in terse lower-case wire copy ("u.s. forces", "the u.n. envoy"):
    its stops keep it apart from ordinary words, so its lower case is matched too."""
    return [surface.lower()] if "." in surface and surface.isupper() and surface.lower() != surface else []


class MentionFinder:
    """Built once per process: phrase matchers over every lexicon surface form."""

    def __init__(self, vocab: Vocab, make_doc, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        lower_patterns, exact_patterns = {}, {}
        for surface in lexicon.terms:
            target = exact_patterns if _is_case_sensitive(surface) else lower_patterns
            # a combining form ("Franco-") is a word and a hyphen, as text splits "Franco-German"
            combining = surface.endswith("-") and len(surface) > 1
            forms = _apostrophe_forms(surface) + _dotted_lower(surface)
            target[surface] = [Doc(vocab, words=[surface[:-1], "-"])] if combining else [make_doc(f) for f in forms]
        for surface, patterns in lower_patterns.items():
            self.lower.add(surface, patterns)
        for surface, patterns in exact_patterns.items():
            self.exact.add(surface, patterns)

    def find(self, doc: Doc, published: str | None) -> list[Mention]:
        spans = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=match_id))
        mentions: dict[int, Mention] = {}
        ents = [_trim_possessive(ent) for ent in doc.ents]
        ents = [_before_of_place(ent) if ent.label_ == "PERSON" else ent for ent in ents]
        person_ents = {i: ent for ent in ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        for span in filter_spans(spans):
            term = self.choose(self.lexicon.terms[doc.vocab.strings[span.label]], published)
            if span[-1].text == "-" and len(span) > 1:  # a combining form: "Franco-" in "Franco-German"
                span = doc[span.start : span.end - 1]
            ent = person_ents.get(span.start)
            if term.kind != "person" and ent is not None and len(ent) > len(span):
                continue  # "Michael Jordan" the person, not the country
            mentions[span.start] = Mention(span.start, span.end, term.kind, term)
        taken = {i for m in mentions.values() for i in range(m.start, m.end)}
        for start in [m.start for m in mentions.values()
                      if _ends_a_longer_name(doc, m, taken) or _names_a_treaty(doc, m)
                      or (m.kind != "person" and self._ends_a_title(doc, m.start, m.end))]:
            del mentions[start]
            taken.discard(start)
        # The article's own full names ("Judge Victor Marrero") beat the dictionary's for a
        # lone surname later ("Marrero" is the judge, not Cuba's prime minister).
        names = [self._untitled(ent) for ent in ents if ent.label_ == "PERSON" and len(ent) > 1]
        named_here = {
            doc[i].text for m in mentions.values() if m.kind == "person" and m.end - m.start > 1 for i in (m.start, m.end - 1)
        } | {name[i].text for name in names for i in (0, -1)}

        full_names = {ent.text for ent in ents if ent.label_ == "PERSON" and " " in ent.text}

        def known_surname(text: str, at: int):
            if _used_as_title(doc[at]):
                return None  # "King Abdullah", "the King": the title, not Tom King
            terms = self.lexicon.surnames.get(text) if text not in named_here else None
            title = self._title_before(doc, at)
            if terms and title:  # "Deputy Secretary Campbell" is not Kim Campbell, once prime minister
                shared = {id(t): len(title & set(t.role.split())) if t.role else 0 for t in terms}
                terms = [t for t in terms if shared[id(t)] and shared[id(t)] == max(shared.values())]
            return self.choose(terms, published) if terms else None

        for ent in ents:
            if ent.label_ not in ("PERSON", "ORG") or taken.intersection(range(ent.start, ent.end)):
                continue
            if ent.label_ == "PERSON" and ent.text.lower() in MONTHS:
                continue
            if len(ent) == 1 and (_used_as_title(ent[0]) or (ent.label_ == "ORG" and self._ends_a_title(doc, ent.start, ent.end))):
                continue  # "the King", "Secretary of State": a title the resolver reads as a role
            if len(ent) == 1 and ent.end < len(doc) and (ent[0].lower_, doc[ent.end].lemma_.lower()) in self.lexicon.roles:
                continue  # "Riot police fired ...": a capitalised first word of a role, no name
            # a surname the NER reads as a body after the article gave the full name
            # ("Liz Sherwood-Randall ... Sherwood-Randall met")
            surname = any(p.endswith(" " + ent.text) for p in full_names)
            # "National Security Advisor Finer" read as a body: a title and a name, a person
            title_and_name = ent.label_ == "ORG" and len(ent) > 1 and bool(self._title_before(doc, ent.end - 1))
            kind = "person" if ent.label_ == "PERSON" or surname or title_and_name else "organisation"
            # a lone name the NER reads as a body is a dictionary person only when the article
            # names them in full or under a title ("Meta" the company is not Albania's Ilir Meta)
            person_like = len(ent) == 1 and (ent.label_ == "PERSON" or surname or bool(self._title_before(doc, ent.start)))
            term = known_surname(ent.text, ent.start) if person_like else None
            mentions[ent.start] = Mention(ent.start, ent.end, kind, term)
            taken.update(range(ent.start, ent.end))
        # surnames of people the dictionary knows, as the article has named them so far
        seen_people = {doc[m.end - 1].text for m in mentions.values() if m.kind == "person" and m.term}
        for i in numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist():  # a surname the NER did not tag ("Peskov added")
            token = doc[i]
            if i in taken or token.ent_type_ == "DATE":
                continue  # "May 7" is a day, not Theresa May
            # "teachers in Lagos": a place the NER knows is not Chile's former president,
            # unless a title or an earlier mention says it is a person ("Chancellor Scholz",
            # then "Scholz", tagged a place)
            titled = token.i > 0 and doc[token.i - 1].lower_.rstrip(".") in HONORIFICS
            person = titled or token.text in seen_people
            known = (token.ent_type_ not in PLACE_LABELS or person) and not self._inside_unknown_name(token, taken)
            term = known_surname(token.text, token.i) if known else None
            if term is not None:
                mentions[token.i] = Mention(token.i, token.i + 1, "person", term)
                seen_people.add(token.text)
            elif token.text in named_here:
                mentions[token.i] = Mention(token.i, token.i + 1, "person", None)
        _acronyms_defined(doc, mentions)
        _acronyms_redefined(doc, mentions)
        return sorted(mentions.values(), key=lambda m: m.start)

    def _title_before(self, doc: Doc, at: int) -> set[str]:
        """The words of a government title written right before a name ("Deputy Secretary",
        "Prime Minister"), empty when there is none: a dictionary person is only meant
        under a title of an office the dictionary gives them."""
        words: list[str] = []
        i = at - 1
        while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].is_title and len(words) < self.lexicon.max_role_words:
            words.insert(0, doc[i].lower_)
            i -= 1
        for n in range(len(words), 0, -1):
            role = self.lexicon.roles.get(tuple(words[-n:]))
            if role is not None and role.sector == "GOV" and role.is_person:
                return set(words)
        return set()

    def _ends_a_title(self, doc: Doc, start: int, end: int) -> bool:
        """"Secretary of State Blinken": a one-word name of a body or place that ends a title
        written before it ("State" in "secretary of state") is the title's word, no body."""
        if end - start > 1:
            return False
        words = [t.lower_ for t in doc[max(0, end - self.lexicon.max_role_words) : end]]
        return any(tuple(words[-n:]) in self.lexicon.roles for n in range(2, len(words) + 1))

    def _untitled(self, ent: Span) -> Span:
        """A person's name without the title the NER took into it ("Crown Prince Mohammed
        bin Salman" is named "Mohammed bin Salman": "Crown" is no name of the article's)."""
        words = [t.lower_.rstrip(".") for t in ent]
        for n in range(min(self.lexicon.max_role_words, len(ent) - 1), 0, -1):
            if tuple(words[:n]) in self.lexicon.roles or (n == 1 and words[0] in HONORIFICS):
                return ent[n:]
        return ent

    def _inside_unknown_name(self, token, taken: set[int]) -> bool:
        """"Haroon Rashid Aswad": a known surname inside a longer name the NER missed is
        someone else's; a title before it ("President Putin") is no name."""
        doc = token.doc
        before = doc[token.i - 1] if token.i > 0 else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return any(
            t is not None and t.pos_ == "PROPN" and t.i not in taken
            and (t.lemma_.lower(),) not in self.lexicon.roles and t.lower_.rstrip(".") not in HONORIFICS
            for t in (before, after)
        )

    @staticmethod
    def choose(terms: list[Term], published: str | None) -> Term:
        """Pick among same-surface terms: a person in office at the article date first."""
        if len(terms) == 1:
            return terms[0]
        if published:
            in_office = [t for t in terms if in_office_at(t, published)]
            if in_office:
                return in_office[-1]
        open_ended = [t for t in terms if t.kind == "person" and not t.end]
        return (open_ended or terms)[-1]


def _used_as_title(token: Token) -> bool:
    """A title word that is also a surname (King, Prince, General) is the title when a name
    follows it or an article comes before it."""
    if token.lower_ not in HONORIFICS:
        return False
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (after is not None and after.pos_ == "PROPN") or (before is not None and before.pos_ == "DET")


# "the Paris Agreement", "the Oslo Accords", "the Geneva Conventions": a treaty named after a city
TREATY_NOUNS = frozenset({"agreement", "agreements", "accord", "accords", "treaty", "convention", "conventions",
                          "protocol", "declaration", "charter", "framework", "process", "format"})


def _names_a_treaty(doc: Doc, mention: Mention) -> bool:
    """A capital that opens the capitalised name of a treaty or process ("the Paris
    Agreement", "the Minsk Protocol", "the Astana format") names the treaty, not the city."""
    return mention.kind == "capital" and mention.end < len(doc) and doc[mention.end].is_title \
        and doc[mention.end].lower_ in TREATY_NOUNS


def _ends_a_longer_name(doc: Doc, mention: Mention, taken: set[int]) -> bool:
    """"The African National Congress", "Brazil's National Congress", "Kataib Hezbollah",
    "the West Papua National Liberation Army": a body the dictionary knows, written as the
    end of a longer name whose other words name no country or body ("National", "Kataib",
    "West Papua"), is another body of that name, not the dictionary's (the United States
    Congress, Lebanon's Hezbollah, Colombia's ELN). A capital that only opens the sentence
    ("Suspected Boko Haram fighters") names nothing."""
    if mention.kind not in ("organisation", "group") or mention.start == 0:
        return False
    before = doc[mention.start - 1]
    return (before.pos_ == "PROPN" and before.is_title and not before.is_sent_start and before.i not in taken
            and before.lower_.rstrip(".") not in HONORIFICS and mention.start <= before.head.i < mention.end
            and before.dep_ in ("compound", "amod"))


def _acronyms_defined(doc: Doc, mentions: dict[int, Mention]) -> None:
    """"The Rapid Support Forces (RSF) ... RSF positions": an acronym in brackets right after
    a body or group the dictionary knows names it wherever the article uses it later."""
    by_end = {m.end: m for m in mentions.values() if m.term is not None and m.kind in ("organisation", "group")}
    lowers = token_words(doc)[0]
    aliases: dict[str, Mention] = {}
    for i, named in sorted(by_end.items()):
        if i + 2 < len(doc) and lowers[i] == "(" and lowers[i + 2] == ")":
            short = doc[i + 1]
            if short.is_upper and short.is_alpha and len(short) >= 2:
                aliases[short.text] = named
    if not aliases:
        return
    taken = {i for m in mentions.values() for i in range(m.start, m.end)}
    lowered = {alias.lower() for alias in aliases}
    for token in (doc[i] for i, lower in enumerate(lowers) if lower in lowered):
        named = aliases.get(token.text)
        if named is not None and token.i not in taken and token.i > named.end:
            mentions[token.i] = Mention(token.i, token.i + 1, named.kind, named.term)


# Small words a name's acronym skips: "Ministry of State Security" -> MSS, "Forces for the Defence of Democracy" -> FDD.
ACRONYM_SKIPS = frozenset({"of", "and", "for", "the", "on", "in", "de", "&"})


def _acronyms_redefined(doc: Doc, mentions: dict[int, Mention]) -> None:
    """"the Multinational Security Support (MSS) mission ... MSS leadership": an acronym the
    article spells out, in brackets after words whose initials it is, names that body, not
    the dictionary's body of the same letters (China's Ministry of State Security): its
    mentions become a body the dictionary does not know."""
    lowers = token_words(doc)[0]
    redefined: set[str] = set()
    for i in range(2, len(doc) - 1):
        short = doc[i]
        if lowers[i - 1] != "(" or lowers[i + 1] != ")" or not (short.is_upper and short.is_alpha and len(short) >= 2):
            continue
        known = mentions.get(i)
        if known is None or known.term is None:
            continue  # no dictionary body of these letters
        words = [t for t in doc[max(0, i - 1 - 2 * len(short)) : i - 1] if t.lower_ not in ACRONYM_SKIPS]
        initials = "".join(t.text[0] for t in words[-len(short):] if t.text[:1].isupper())
        # (the dictionary's own body spelled out, "the International Monetary Fund (IMF)", is that body)
        if initials == short.text and all(mentions[j].term is None for j in range(words[-len(short)].i, i - 1) if j in mentions):
            redefined.add(short.text)
    for start, mention in list(mentions.items()):
        if mention.term is not None and doc[start : mention.end].text in redefined:
            mentions[start] = Mention(mention.start, mention.end, "organisation", None)


def in_office_at(term: Term, date: str) -> bool:
    if term.start and date[: len(term.start)] < term.start:
        return False
    if term.end and date[: len(term.end)] > term.end:
        return False
    return True


def _before_of_place(ent: Span) -> Span:
    """"Frederiksen of Denmark", "Mohammed bin Salman of the Kingdom of Saudi Arabia", read
    by the NER as one name: the person is the part before "of", the rest is a place."""
    for token in ent[1:-1]:
        if token.lower_ == "of":
            after = token.doc[token.i + 1]
            after = token.doc[token.i + 2] if after.lower_ == "the" and token.i + 2 < ent.end else after
            if after.pos_ == "PROPN" and after.text[:1].isupper():
                return Span(ent.doc, ent.start, token.i, label=ent.label_)
            break
    return ent


def _trim_possessive(ent: Span) -> Span:
    """"Putin's" is Putin; "Osinbajo of", "Onyeama of Nigeria" (the NER taking in the "of"
    and the country after a surname) are the person: a name ends in no possessive,
    preposition or conjunction, and a person's name at an "of"."""
    end = ent.end
    if ent.label_ == "PERSON":
        end = next((t.i for t in ent[1:] if t.lower_ == "of"), end)
    while end - ent.start > 1 and ent.doc[end - 1].tag_ in ("POS", "IN", "CC"):
        end -= 1
    return Span(ent.doc, ent.start, end, label=ent.label_) if end != ent.end else ent
