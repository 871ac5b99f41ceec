"""Resolve the words that fill an event's actor or recipient slot to coded entities.

An argument is the head token of a noun phrase. Its entity comes from the names inside
that phrase (people, organisations, countries, demonyms, capitals, seats of government),
the role nouns around them ("Russia's ambassador", "Putin spokesman Dmitry Peskov"), and
what the article said earlier (a surname, a pronoun or "the foreign secretary" after the
full mention).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsledger.nlp.lexicon import Lexicon, Role
from newsledger.nlp.mentions import Mention, in_office_at
from newsledger.records import Entity

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "us", "our"})
# Heads whose "of/in/from" phrase names who they are: "leaders of Romania's government".
COLLECTIVE_HEADS = frozenset(
    {"group", "member", "leader", "people", "delegation", "representative", "faction", "supporter", "coalition",
     "party", "head", "chief", "unit", "branch", "wing", "side", "team", "camp", "bloc", "citizen", "national",
     "dozen", "score", "hundred", "thousand", "million", "ten", "crowd", "throng", "number", "majority", "some"}
)
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
# "His Majesty", "Her Royal Highness": a monarch named earlier, whoever was named last.
ROYAL_ADDRESS = frozenset({"majesty", "highness"})
MONARCHS = frozenset({"king", "queen", "emir", "sultan", "prince", "monarch", "emperor", "empress", "sheikh"})
# Unnamed people and bodies that are foreign where they are ("expelled two diplomats"):
# they never default to the article's country.
FOREIGN_HEADS = frozenset(
    {"diplomat", "envoy", "ambassador", "embassy", "consulate", "foreigner", "tourist", "national", "delegation",
     "visitor", "migrant", "refugee", "mission", "attache", "consul"}
)
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod"})
NP_PREPS = frozenset({"of", "in", "from"})
COUNTRY_KINDS = ("seat", "capital", "country", "adjective")


@dataclass(slots=True)
class Known:
    """What the article has told us about a person so far."""

    name: str
    country: str | None
    sector: str | None
    role: Role | None
    resolution: str  # how the name and country were found (records.RESOLUTIONS)


class ActorResolver:
    """One per article: resolves argument heads, remembering people for coreference."""

    def __init__(self, doc: Doc, mentions: list[Mention], lexicon: Lexicon, published: str | None,
                 source_country: str | None = None):
        self.doc = doc
        self.source_country = source_country  # a government's own statement: its officials are bare
        self.lexicon = lexicon
        self.published = published
        self.mention_at: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.mention_at[i] = mention
        self.home = _home_country(mentions)
        self.people: dict[int, Known] = {}  # person mention start -> what it refers to
        self.recent: list[tuple[int, Known]] = []  # (token index, person) in article order
        self.first_named: dict[int, int] = {}  # id(Known) -> where the article first names the person
        self._index_people(mentions)

    # -- people and coreference -------------------------------------------------
    def _index_people(self, mentions: list[Mention]) -> None:
        by_surname: dict[str, Known] = {}
        for mention in mentions:
            if mention.kind != "person":
                continue
            span = self.doc[mention.start : mention.end]
            term = mention.term
            if len(span) == 1 and span.text in by_surname:
                known = by_surname[span.text]
            elif term is not None:
                role = self._role_in(self._np(span.root, with_preps=False))
                known = Known(term.name, term.code, term.sector or (role.sector if role else None), role, "lexicon")
            else:
                tokens = self._np(span.root, with_preps=False)
                if span.root.dep_ == "appos":  # "the French ambassador, Anne Dupont": the title is the head's
                    tokens |= self._np(span.root.head, with_preps=False)
                role = self._role_in(tokens)
                # "President X of Peru", "X, the Emir of Kuwait": the title's country
                wider = self._np(span.root, with_preps=True) - set(range(span.start, span.end))
                country = self._country_near(tokens - set(range(span.start, span.end)), span.root)
                country = country or self._country_near(wider, span.root)
                how = ("title" if role else "apposition") if country else None
                if country is None and (country := self._own_official(role)):
                    how = "source"
                if country is None and (country := self.home):
                    how = "home_country"
                known = Known(span.text, country, role.sector if role else None, role, how or "unresolved")
            self.people[mention.start] = known
            self.first_named.setdefault(id(known), mention.start)
            self.recent.append((mention.start, known))
            by_surname.setdefault(span[0].text, known)  # "Zhu Wenlan" ... "Zhu"
            by_surname[span[-1].text] = known

    def _antecedent(self, token: Token) -> Known | Entity | None:
        if token.lower_ in PERSON_PRONOUNS:  # the last person named before it
            before = [known for i, known in self.recent if i < token.i]
            return before[-1] if before else None
        for i in range(token.i - 1, -1, -1):  # "it", "they": the last state or body named
            mention = self.mention_at.get(i)
            if mention and mention.kind != "person" and mention.term and mention.term.code:
                return self._from_mention(mention, None, self.doc[mention.start : mention.end])
        return None

    def _last_monarch(self, before: int) -> Known | None:
        for i, known in reversed(self.recent):
            if i < before and known.role is not None and known.role.words[-1] in MONARCHS:
                return known
        return None

    def _person_with_role(self, role: Role, country: str | None, before: int) -> Known | None:
        """"The foreign minister": the last person the article gave that title, else the
        dictionary's holder of the office in that country on the publication date."""
        for i, known in reversed(self.recent):
            if i < before and known.role == role and (country is None or known.country == country):
                return replace(known, resolution="coreference")
        if country is None or not self.published:
            return None
        role_name = " ".join(role.words)
        for terms in self.lexicon.surnames.values():
            for term in terms:
                if term.role == role_name and term.code == country and in_office_at(term, self.published):
                    return Known(term.name, term.code, term.sector, role, "title")
        return None

    # -- noun phrases -------------------------------------------------------------
    def _np(self, head: Token, *, with_preps: bool) -> set[int]:
        """Token indices of the phrase around `head`: modifiers, and of/in/from phrases."""
        seen, stack = {head.i}, [head]
        while stack:
            token = stack.pop()
            for child in token.children:
                take = child.dep_ in MODIFIER_DEPS or child.dep_ == "case"
                if with_preps and child.dep_ == "prep" and child.lower_ in NP_PREPS:
                    take = True
                if with_preps and token.dep_ == "prep" and child.dep_ == "pobj":
                    take = True
                if take and child.i not in seen:
                    seen.add(child.i)
                    stack.append(child)
        return seen

    def _role_in(self, tokens: set[int]) -> Role | None:
        lemmas = [(i, self.doc[i].lemma_.lower()) for i in sorted(tokens)]
        best: Role | None = None
        for n in range(self.lexicon.max_role_words, 0, -1):
            for k in range(len(lemmas) - n + 1):
                window = lemmas[k : k + n]
                if window[-1][0] - window[0][0] != n - 1:
                    continue
                role = self.lexicon.roles.get(tuple(w for _, w in window))
                if role and (best is None or best.is_person < role.is_person):
                    best = role
            if best:
                return best
        return None

    def _country_near(self, tokens: set[int], head: Token) -> str | None:
        candidates = [m for i in tokens if (m := self.mention_at.get(i)) and m.term and m.term.code]
        if not candidates:
            return None
        return min(candidates, key=lambda m: abs(m.start - head.i)).term.code

    # -- entities -----------------------------------------------------------------
    def entities(self, head: Token | None) -> list[Entity]:
        """The entities of an argument slot, one per coordinated conjunct."""
        if head is None:
            return []
        found: list[Entity] = []
        for token in [head, *head.conjuncts]:
            for entity in [self.entity(token), *self._conjoined_modifiers(token)]:
                if entity and all((entity.name, entity.country) != (e.name, e.country) for e in found):
                    found.append(entity)
        return found

    def _conjoined_modifiers(self, head: Token) -> list[Entity | None]:
        """"Hungarian and Romanian officials": one entity per conjoined adjective."""
        extra: list[Entity | None] = []
        role = None
        for child in head.children:
            if child.dep_ not in ("amod", "compound") or child.i not in self.mention_at:
                continue
            for conj in child.conjuncts:
                mention = self.mention_at.get(conj.i)
                if mention and mention.kind in COUNTRY_KINDS:
                    role = role or self._role_in(self._np(head, with_preps=False))
                    extra.append(self._from_mention(mention, role, self.doc[conj.i : conj.i + 1]))
        return extra

    def other_party(self, phrase: Token, exclude_codes: set[str]) -> Entity | None:
        """The first country, body or person named in `phrase` whose country is not one of
        `exclude_codes`."""
        for token in phrase.subtree:
            mention = self.mention_at.get(token.i)
            if mention is None or mention.start != token.i:
                continue
            entity = self.entity(self.doc[mention.end - 1])
            if entity is not None and entity.country and entity.country not in exclude_codes:
                return entity
        return None

    def nearest(self, phrase: Token, exclude_chars: set[int]) -> Entity | None:
        """The entity of the coded name nearest the head of `phrase`, within its subtree."""
        names = [
            m for t in phrase.subtree
            if (m := self.mention_at.get(t.i)) and m.start == t.i and (m.term is None or m.term.code or m.kind == "person")
            and self.doc[m.start].idx not in exclude_chars
        ]
        for mention in sorted(names, key=lambda m: abs(m.start - phrase.i)):
            entity = self.entity(self.doc[mention.end - 1])
            if entity is not None and entity.country:
                return entity
        return None

    def entity(self, head: Token) -> Entity | None:
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        if head.lemma_.lower() in ROYAL_ADDRESS and any(c.dep_ == "poss" for c in head.children):
            monarch = self._last_monarch(head.i)  # "His Majesty": the monarch, not the last man named
            return self._entity(monarch, head.left_edge.i, head.i + 1, "coreference") if monarch else None
        if head.pos_ == "PRON" and (head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS):
            found = self._antecedent(head)
            return self._entity(found, head.i, head.i + 1, "coreference") if found else None
        entity = self._entity_in(head, self._np(head, with_preps=False))
        if (entity is None or entity.country is None) and self._names_by_phrase(head):
            wider = self._entity_in(head, self._np(head, with_preps=True))  # "rebels in the Ivory Coast"
            if wider is not None and (entity is None or wider.country):
                entity = wider
        return entity

    def _names_by_phrase(self, head: Token) -> bool:
        lemma = head.lemma_.lower()
        return lemma in COLLECTIVE_HEADS or (lemma,) in self.lexicon.roles

    def _entity_in(self, head: Token, tokens: set[int]) -> Entity | None:
        start, end = _text_bounds(self.doc, tokens)
        mentions = {m.start: m for i in tokens if (m := self.mention_at.get(i))}.values()
        role = self._role_in(tokens)
        by_distance = sorted(mentions, key=lambda m: (m.start > head.i or m.end <= head.i, abs(m.start - head.i)))
        for wanted in ("person", "organisation", "group", *COUNTRY_KINDS):
            for mention in by_distance:
                if mention.kind == wanted:
                    if wanted == "person":
                        known = self.people[mention.start]
                        again = self.first_named[id(known)] < mention.start  # a surname after the full name
                        return self._entity(known, start, end, "coreference" if again else None)
                    country_mention = mention
                    known_person = (
                        self._person_with_role(role, mention.term.code if mention.term else None, head.i)
                        if role and role.is_person and wanted in COUNTRY_KINDS
                        else None
                    )
                    if known_person:
                        return self._entity(known_person, start, end)
                    return self._from_mention(country_mention, role, self.doc[start:end])
        if role:
            known_person = self._person_with_role(role, None, head.i) if role.is_person else None
            if known_person:
                return self._entity(known_person, start, end)
            # "Police detained 3,000 people": an unnamed body acts where the article is set.
            if role.words[-1] in FOREIGN_HEADS:
                return _make(self.doc[start:end], " ".join(role.words), None, role.sector, "unresolved")
            if own := self._own_official(role):
                return _make(self.doc[start:end], " ".join(role.words), own, role.sector, "source")
            return _make(self.doc[start:end], " ".join(role.words), self.home, role.sector, self._home_resolution())
        return None

    def _own_official(self, role: Role | None) -> str | None:
        """In a government's own statement an official with no country is its own."""
        return self.source_country if role is not None and role.sector == "GOV" else None

    def _home_resolution(self) -> str:
        return "home_country" if self.home else "unresolved"

    def unnamed(self, head: Token) -> Entity | None:
        """Unnamed people a violent or coercive act falls on ("dozens of people", "two
        protesters", "a man"), set where the article is; None for pronouns and things."""
        if head.pos_ not in ("NOUN", "NUM") or head.lower_ in RELATIVE_PRONOUNS:
            return None
        tokens = self._np(head, with_preps=True)
        start, end = _text_bounds(self.doc, tokens)
        role = self._role_in(tokens)
        sector = role.sector if role else "CVL"
        return _make(self.doc[start:end], head.lemma_.lower(), self.home, sector, self._home_resolution())

    def _from_mention(self, mention: Mention, role: Role | None, span) -> Entity | None:
        term = mention.term
        if term is None:  # an organisation only the NER knows
            country = self._country_near(self._np(self.doc[mention.end - 1], with_preps=True), self.doc[mention.start])
            name = self.doc[mention.start : mention.end].text
            sector = role.sector if role else None
            if country:  # "the Kurdish group X", "X of Iraq"
                return _make(span, name, country, sector, "apposition")
            # an organisation the article sets in its country
            return _make(span, name, self.home, sector, self._home_resolution())
        sector = role.sector if role and mention.kind in COUNTRY_KINDS else term.sector
        if sector is None and mention.kind in ("country", "capital", "seat"):
            sector = "GOV"
        name = term.name
        if role and mention.kind in COUNTRY_KINDS:
            return _make(span, f"{term.name} {' '.join(role.words)}", term.code, sector, "title")
        return _make(span, name, term.code, sector, "lexicon")

    def _entity(self, found: Known | Entity, start_token: int, end_token: int, how: str | None = None) -> Entity:
        """`found` as written at these tokens; `how` overrides how it was resolved."""
        span = self.doc[start_token:end_token]
        how = how or found.resolution
        if isinstance(found, Entity):
            return replace(found, text=span.text, start=span.start_char, end=span.end_char, resolution=how)
        return _make(span, found.name, found.country, found.sector, how)


def _home_country(mentions: list[Mention]) -> str | None:
    """The country an article is about: the most named one, if it clearly leads."""
    codes = Counter(m.term.code for m in mentions if m.kind in COUNTRY_KINDS and m.term and m.term.code)
    if not codes:
        return None
    (code, count), total = codes.most_common(1)[0], sum(codes.values())
    return code if count >= 2 and count / total >= 0.4 or total == 1 else None


def _make(span, name: str, country: str | None, sector: str | None, resolution: str) -> Entity:
    return Entity(span.text, name, country, sector, span.start_char, span.end_char, resolution)


def _text_bounds(doc: Doc, tokens: set[int]) -> tuple[int, int]:
    """The phrase as written, without a leading determiner or a trailing possessive 's."""
    start, end = min(tokens), max(tokens) + 1
    while start < end - 1 and doc[start].dep_ in ("det", "punct"):
        start += 1
    while end > start + 1 and (doc[end - 1].dep_ in ("case", "punct")):
        end -= 1
    return start, end
