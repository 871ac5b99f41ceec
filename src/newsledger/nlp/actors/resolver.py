"""The actor resolver: one per article, it turns the head of an argument's noun phrase into
coded entities, trying the steps in the order the README gives (coreference, people,
organisations, countries and titles, bare roles), each step in its own module."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.nlp.actors.coreference import GROUP_PRONOUNS, PERSON_PRONOUNS, ROYAL_ADDRESS, Coreference
from newsledger.nlp.actors.forces import NamedForces, affiliated_with, names_a_force
from newsledger.nlp.actors.lists import PartyLists
from newsledger.nlp.actors.locations import (Locations, country_of_places, filed_from, item_homes, named_settlements,
                                             names_a_mission, places_named)
from newsledger.nlp.actors.people import Known, People, country_of_officials, home_country
from newsledger.nlp.actors.phrases import (
    COLLECTIVE_HEADS,
    COUNTRY_KINDS,
    FOREIGN_HEADS,
    RELATIVE_PRONOUNS,
    STATE_SECTORS,
    NounPhrases,
    after_stance_prefix,
    in_a_setting,
    make_entity,
    singular,
    text_bounds,
)
from newsledger.nlp.grammar import is_stray_subject
from newsledger.nlp.lexicon import Lexicon, Role, Term
from newsledger.nlp.mentions import Mention
from newsledger.records import Entity

# Bodies that act for the government whose own statement names them bare ("the delegation met").
OWN_DELEGATIONS = frozenset({"delegation", "mission"})
PLACE_LINE_PREPS = frozenset({"near", "on", "along", "at", "by", "beside", "astride", "to"})  # "close to the border"
PARTITIVES = frozenset({"several", "some", "many", "most", "few", "all", "each", "both", "none", "one", "half"})
UNKNOWN_KIND = "UNK"  # roles.tsv sector of doers of unknown allegiance (gunman, attacker)
GUESSED = frozenset({"home_country", "source"})  # resolutions that guess a country the phrase did not name
# "his country", "her government": the state the pronoun's referent serves
OWN_STATE_NOUNS = frozenset({"country", "government", "nation", "administration", "cabinet"})
OWNER_PRONOUNS = frozenset({"his", "her", "their", "its"})


# "Most were released within hours", "several were wounded": a quantity standing alone for
# people the report has just counted.
PARTITIVE_WORDS = frozenset({"most", "some", "many", "several", "others", "all", "both"})


class ActorResolver(NounPhrases, People, Coreference, Locations, PartyLists):
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
        forces = lexicon.word_classes["fighting_force"]
        # a country named on its embassy ("the US embassy") is a building abroad, never where the
        # story is; one named on a fighting force counts only when nothing else sets it; one on the
        # far side of a border ("villages near the border with Chad") is a landmark
        countable = [m for m in mentions if not after_stance_prefix(doc, m.start)
                     and not names_a_mission(doc[m.end - 1], buildings_only=True)
                     and not self._far_side_of_a_frontier(doc[m.end - 1])]
        filed, places = filed_from(doc, mentions), places_named(doc, self.mention_at)
        self.home = home_country([m for m in countable if not names_a_force(doc, m, forces)], filed, places,
                                 one_naming=False) or home_country(countable, filed, places)
        if self.home is None and not any(m.kind in COUNTRY_KINDS and m.term for m in countable):
            # it names cities only ("police in Lagos"), or only its officials
            self.home = country_of_places(doc) or country_of_officials(mentions)
        self.article_home = self.home
        # countries named by a country, body, person or dateline, not by a body's common noun ("Congress")
        self.countries_named = {m.term.code for m in mentions if m.term and m.term.code and tuple(
            t.lower_ for t in doc[m.start : m.end]) not in lexicon.roles} | ({filed} if filed else set())
        self.forces = NamedForces(doc, mentions, forces)
        self.items = item_homes(doc)  # a digest's items, each with its own place
        self.settlements = named_settlements(doc, self.mention_at)
        self.people: dict[int, Known] = {}  # person mention start -> what it refers to
        self.recent: list[tuple[int, Known]] = []  # (token index, person) in article order
        self.first_named: dict[int, int] = {}  # id(Known) -> where the article first names the person
        self._index_people(mentions)


    def home_at(self, i: int | None) -> str | None:
        """The country the text at token `i` is set in: its digest item's, else the article's."""
        if i is None or not self.items or i < self.items[0][0]:
            return self.article_home
        return next(code for start, code in reversed(self.items) if start <= i)

    def set_in(self, i: int | None) -> None:
        """Resolve what follows as set where the text at token `i` is (None: the article)."""
        self.home = self.home_at(i)

    # -- entities -----------------------------------------------------------------
    def entities(self, head: Token | None) -> list[Entity]:
        """The entities of an argument slot, one per coordinated conjunct."""
        if head is None:
            return []
        found: list[Entity] = []
        if (listed := self._listed_owners(head)) is not None:
            return self.entities(listed)
        head = self.across(head) or head
        # "detained six students and soldiers fired ...": a later clause's subject joined to
        # the phrase is no conjunct of it, nor is the phrase one of that subject's
        stray = is_stray_subject(head)
        conjuncts = [c for c in head.conjuncts if not is_stray_subject(c) and not (stray and c.i < head.i)]
        for token in [head, *conjuncts, *self._names_after_title(head), *self._listed_appositions(head), *self._broken_list(head),
                      *self._included(head)]:
            token = self._titled_name(head, token)
            for entity in [self.entity(token), *self._conjoined_modifiers(token), *self._conjoined_places(token)]:
                if entity and all((entity.name, entity.country) != (e.name, e.country) for e in found):
                    found.append(entity)
        return found

    def other_party(self, phrase: Token, exclude_codes: set[str], *, settings: bool = True) -> Entity | None:
        """The first country, body or person named in `phrase` whose country is not one of
        `exclude_codes` (without `settings`, none named where they were: in_a_setting)."""
        for token in phrase.subtree:
            mention = self.mention_at.get(token.i)
            if mention is None or mention.start != token.i or self._stance_of_someone(mention) or (
                    not settings and in_a_setting(token, phrase)):
                continue
            entity = self.entity(self.doc[mention.end - 1])
            if entity is not None and entity.country and entity.country not in exclude_codes:
                return entity
        return None

    def nearest(self, phrase: Token, exclude_chars: set[int]) -> list[Entity]:
        """The entity of the coded name nearest the head of `phrase`, within its subtree,
        with the names coordinated with it ("cut ties with Sweden and Finland")."""
        names = [  # the names between the subtree's edges that are in it (cheaper than walking it)
            m for i in range(phrase.left_edge.i, phrase.right_edge.i + 1)
            if (m := self.mention_at.get(i)) and m.start == i and (i == phrase.i or phrase.is_ancestor(self.doc[i]))
            and (m.term is None or m.term.code or m.kind == "person")
            and self.doc[m.start].idx not in exclude_chars and not self._stance_of_someone(m)
            and not self.names_no_party(self.doc[m.end - 1])
        ]
        for mention in sorted(names, key=lambda m: abs(m.start - phrase.i)):
            found = [e for e in self.entities(self.doc[mention.end - 1]) if e.country and e.start not in exclude_chars]
            if found:
                return found
        return []

    def across(self, head: Token) -> Token | None:
        """The party across a frontier: "closed its border with Iran and Turkey" is done to
        Iran and Turkey (the parser hangs the with-phrase on the noun or on the verb right
        before it)."""
        if head.lemma_.lower() not in self.lexicon.word_classes["frontier"]:
            return None
        preps = [*head.children, *(c for c in head.head.children if c.i == head.i + 1)]
        return next((p for c in preps if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"), None)

    def names_a_party(self, token: Token) -> bool:
        """The word is a role of a person or a body ("network", "union leaders"), not a thing."""
        return self._role_in({token.i}) is not None

    def _far_side_of_a_frontier(self, token: Token) -> bool:
        """A country word names the far side of a frontier that a preposition of place sets
        a thing on: "camps near the Nepalese border", "villages near the border with Chad"
        ("massed troops on the Ukrainian border" hangs on the act and names its target;
        "closed its border with Iran" is done to Iran)."""
        if token.dep_ == "pobj" and token.head.lower_ == "with":
            head = token.head.head
        elif token.dep_ in ("amod", "compound", "poss", "nmod"):
            head = token.head
        else:
            return False
        return (head.lemma_.lower() in self.lexicon.word_classes["frontier"] and head.dep_ == "pobj"
                and head.head.lower_ in PLACE_LINE_PREPS and head.head.head.pos_ in ("NOUN", "PROPN"))

    def names_no_party(self, token: Token) -> bool:
        """A country word that says where or in what tongue, not who: one on a frontier
        that a preposition of place sets a thing on ("camps near the Nepalese border", "a
        stronghold on the Thai border"; "massed troops on the Ukrainian border" hangs on
        the act and names its target), on a language ("the Hungarian language",
        "Russian-language media"), or a capital naming where a gathering met ("the Brussels
        summit", word class gathering)."""
        classes = self.lexicon.word_classes
        if token.lemma_.lower() in classes["frontier"]:
            return (token.dep_ == "pobj" and token.head.lower_ in PLACE_LINE_PREPS and token.head.head.pos_ in ("NOUN", "PROPN")
                    and not any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children))
        if self._far_side_of_a_frontier(token):
            return True
        if token.dep_ not in ("amod", "compound", "poss", "nmod"):
            return False
        lemma = token.head.lemma_.lower()
        if lemma in classes["language_word"]:
            return True
        return lemma in classes["gathering"] and getattr(self.mention_at.get(token.i), "kind", None) == "capital"

    def _stance_of_someone(self, mention: Mention) -> bool:
        """"arrested a pro-Russia blogger": whom a person or group favours or opposes is not
        a party to what is done to them ("anti-US protests" do name their target)."""
        if not after_stance_prefix(self.doc, mention.start):
            return False
        modified = self.doc[mention.end - 1].head
        while modified.dep_ in ("compound", "amod") and modified.head != modified and self._role_in({modified.i}) is None:
            modified = modified.head  # "the pro-Russian Shor party": the party, through its name
        return self._role_in({modified.i}) is not None

    def entity(self, head: Token) -> Entity | None:
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        if head.lemma_.lower() in ROYAL_ADDRESS and any(c.dep_ == "poss" for c in head.children):
            monarch = self._last_monarch(head.i)  # "His Majesty": the monarch, not the last man named
            return self._entity(monarch, head.left_edge.i, head.i + 1, "coreference") if monarch else None
        if head.pos_ == "PRON" and (head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS):
            found = self._antecedent(head)
            return self._entity(found, head.i, head.i + 1, "coreference") if found else None
        if (head.lower_ in PARTITIVES or head.pos_ == "NUM") and (whole := self._partitive_of(head)) is not None:
            return whole
        if (state := self._owners_state(head)) is not None:
            return state
        if self.names_no_party(head):
            return None
        described = self._described(head)
        if described is not None:
            return self._entity(described, head.left_edge.i, head.i + 1, "coreference")
        own_np = self._own_np(head)
        entity = self._entity_in(head, own_np)
        if (entity is None or entity.resolution in ("home_country", "unresolved")) and (side := affiliated_with(head)) is not None \
                and (named := self.mention_at.get(side.i)) is not None and named.kind in ("organisation", "group") \
                and (found := self.entity(side)) is not None and found.country:
            # "insurgents linked to the Islamic State": the group they belong to (a person they
            # follow, "loyal to the former president", says less)
            start, end = text_bounds(self.doc, own_np)
            return make_entity(self.doc[start:end], found.name, found.country, found.sector, "apposition")
        # the article's or the publisher's country is a guess: "rebels in the Ivory Coast" are
        # of the place named, and "the Emir of Qatar" and "Ambassadors from Kenya" are of
        # theirs, but "the Prime Minister in Washington" is only where an official is
        guessed = entity is None or entity.country is None or entity.resolution in GUESSED
        if guessed and entity is not None and (owner := self._owner_pronoun(head)) is not None:
            # "the Israeli military says its forces carried out ...": the forces are the owner's
            return replace(entity, country=owner.country, resolution="coreference")
        if guessed and self._names_by_phrase(head):
            official = (role := self._role_in(own_np)) is not None and role.sector == "GOV" and role.is_person
            of = {t.i for c in head.children if c.dep_ == "prep" and (c.lower_ in ("of", "from") or self._in_a_body(c))
                  for t in c.subtree}
            wider = self._entity_in(head, own_np | of if official else self._np(head, with_preps=True))
            if wider is not None and (entity is None or (wider.country and wider.resolution not in GUESSED)):
                entity = wider
            if entity is not None and entity.resolution in ("home_country", "unresolved") and not (official or self._foreign(head)):
                place = self.place_of(head)  # "police in Lagos", "a nurse from Recife"
                if not place and head.dep_ in ("nsubj", "nsubjpass") and entity.sector in STATE_SECTORS:
                    # "In Minsk, the foreign ministry summoned ...": an unnamed body is of the place opening its clause
                    place = self.opening_place(head.head, own_clause=True)
                if place:
                    entity = replace(entity, country=place, resolution="location")
            elif entity is not None and entity.resolution in ("home_country", "unresolved") and official \
                    and head.tag_ == "NNS" and not self._foreign(head) and (capital := self.capital_in(head)):
                # "officials in Beijing said": unnamed officials of a capital are its government's
                # (one titled official "in Washington" may be a visitor)
                entity = replace(entity, country=capital, resolution="location")
        if entity is not None and entity.resolution in ("home_country", "unresolved") and (
                origin := self.fled_from(head) or self.theatre_of(head)):
            entity = replace(entity, country=origin, resolution="location")  # "refugees fleeing Sudan", "the warring parties"
        elif entity is None and (theatre := self.theatre_of(head)):
            start, end = text_bounds(self.doc, own_np)  # "the warring sides": no role, still the war's sides
            entity = make_entity(self.doc[start:end], self.doc[start:end].text, theatre, None, "location")
        if entity is not None and any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in head.children):
            # "ethnic Albanians in Serbia": a people, of the country they live in, not a state
            place = self.place_of(head)
            entity = replace(entity, country=place, sector="ETH", resolution="location" if place else "unresolved")
        elif entity is not None and entity.sector == "ETH" and (place := self.place_of(head)):
            # "the Kurds of northern Syria", "Karen villagers in Thailand": a people named by
            # where they live belongs to that country, not to the one the dictionary gives it
            entity = replace(entity, country=place, resolution="location")
        elif (entity is not None and entity.resolution == "lexicon" and head.tag_ in ("NNPS", "NNS")
              and head.i in self.mention_at and (place := self.place_of(head, ("of",))) and place != entity.country):
            # "the Hungarians of southern Slovakia", "the Serbs of northern Kosovo": a nation's
            # people named by where they live are a people of that country ("the Russians in
            # Syria" are where they are, often as forces: only of, which says where one belongs)
            entity = replace(entity, country=place, sector="ETH", resolution="location")
        return entity

    def _common_noun_of_another(self, mention: Mention, beside: list[Mention]) -> bool:
        """"The Philippine Congress", "Colombia's Congress": a body the dictionary names by a
        word that is also an institution's common noun (the US Congress) is that institution
        of the country the phrase names."""
        words = tuple(t.lower_ for t in self.doc[mention.start : mention.end])
        code = mention.term.code if mention.term else None
        return words in self.lexicon.roles and any(
            m.kind in COUNTRY_KINDS and m.term and m.term.code and m.term.code != code for m in beside)

    def _partitive_of(self, head: Token) -> Entity | None:
        """"Two of the lawmakers accused ...", "some of the protesters": a part of a group is of
        whom the group is; only a role is followed (not "one of the houses", nor "several of
        them": a pronoun's group is too often misread)."""
        whole = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                      if o.dep_ == "pobj"), None)
        if whole is None or whole.pos_ == "PRON" or not self.names_a_party(whole):
            return None
        found = self.entity(whole)
        if found is None:
            return None
        span = self.doc[head.left_edge.i : whole.i + 1]
        return replace(found, text=span.text, start=span.start_char, end=span.end_char)

    def _of_country(self, head: Token) -> str | None:
        """The country an of-phrase on the head names ("the Conference of the Philippines")."""
        return next((m.term.code for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                     if o.dep_ == "pobj" and (m := self.mention_at.get(o.i)) and m.kind in COUNTRY_KINDS
                     and m.term and m.term.code), None)

    def _local_body(self, mention: Mention) -> Term | None:
        """"MANILA - Congress summoned the police chief": a body the dictionary names by a
        common noun it shares with other countries' bodies (the US Congress), in an article
        set in another country that names none of the dictionary's country, bodies or people,
        is the body of that name the dictionary knows there (the Congress of the Philippines;
        in New Delhi, the Congress party)."""
        words = tuple(t.lower_ for t in self.doc[mention.start : mention.end])
        code = mention.term.code if mention.term else None
        if len(words) != 1 or words not in self.lexicon.roles or code is None or self.home in (None, code) \
                or code in self.countries_named:
            return None
        return self.lexicon.bodies_by_word.get((words[0], self.home))

    def _owner_pronoun(self, head: Token) -> Entity | None:
        """The state or body an owner pronoun on an armed side stands for ("its forces", "their
        troops"), when it resolves to one with a country ("its refugee camp" may be a place's)."""
        armed = self.lexicon.word_classes["armed_side"] | self.lexicon.word_classes["fighting_force"]
        return self._pronoun_owner(head, ("its", "their")) if head.lemma_.lower() in armed else None

    def _pronoun_owner(self, head: Token, pronouns: tuple[str, ...] | frozenset[str]) -> Entity | None:
        """What a possessive pronoun on `head` stands for, when it resolves to a country."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in pronouns), None)
        found = self.entity(owner) if owner is not None else None
        return found if found is not None and found.country else None

    def _owners_state(self, head: Token) -> Entity | None:
        """"Pashinyan said his country would ...", "her government": the state a possessive
        pronoun's referent serves (the person or body it stands for, by coreference)."""
        if head.lemma_.lower() not in OWN_STATE_NOUNS or head.pos_ != "NOUN" \
                or (found := self._pronoun_owner(head, OWNER_PRONOUNS)) is None:
            return None
        start, end = text_bounds(self.doc, self._own_np(head))
        return make_entity(self.doc[start:end], head.lemma_.lower(), found.country, "GOV", "coreference")

    def _in_a_body(self, prep: Token) -> bool:
        """"officials in the Japanese government", "counterparts in the defence ministry":
        "in" a body (not a place) says whose an official is."""
        if prep.lower_ != "in":
            return False
        body = next((p for p in prep.children if p.dep_ == "pobj"), None)
        if body is None or self.place_of(prep.head, ("in",)) is not None:
            return False
        role = self._role_in(self._np(body, with_preps=False))
        return role is not None and not role.is_person

    def _owns_a_partner(self, token: Token) -> bool:
        """"a commander of Israel's militia ally", "Russia's neighbours": the owner of an
        ally, partner or neighbour (word class partner) names the other side, not the
        country of the phrase."""
        owner = token
        while owner.dep_ == "compound" and owner.head != owner:
            owner = owner.head
        return owner.dep_ == "poss" and owner.head.lemma_.lower() in self.lexicon.word_classes["partner"]

    def _foreign(self, head: Token) -> bool:
        """Envoys and visitors are not from where they are ("the ambassador in Moscow")."""
        return any(self.doc[i].lemma_.lower() in FOREIGN_HEADS for i in self._np(head, with_preps=False))

    def _own_np(self, head: Token) -> set[int]:
        """The phrase of `head`; when the head is itself a state or a body, without what its
        apposition says of it ("Lithuania, a NATO ally" is Lithuania, not NATO), which for a
        person or a role is who they are ("Anne Dupont, the French ambassador")."""
        tokens = self._np(head, with_preps=False)
        mention = self.mention_at.get(head.i)
        if mention is None or mention.term is None or mention.kind not in (*COUNTRY_KINDS, "organisation"):
            # a person is no country: "met Secretary General of the UN X in Bletchley Park, the
            # United Kingdom" hangs the place's apposition on the title
            return tokens - {t.i for a in head.children if a.dep_ == "appos" and self._is_country(a) for t in a.subtree}
        described = {t.i for a in head.children if a.dep_ == "appos" for t in a.subtree}
        return tokens - described

    def _is_country(self, token: Token, kinds: tuple[str, ...] = ("country", "capital")) -> bool:
        """The token is a mention of one of these kinds (a country, or its capital)."""
        mention = self.mention_at.get(token.i)
        return mention is not None and mention.kind in kinds

    def _names_by_phrase(self, head: Token) -> bool:
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN":  # "met with Ambassadors from Kenya": a capitalised plural keeps its "s"
            lemma = singular(lemma)
        return lemma in COLLECTIVE_HEADS or (lemma,) in self.lexicon.roles

    def _entity_in(self, head: Token, tokens: set[int]) -> Entity | None:
        start, end = text_bounds(self.doc, tokens)
        mentions = {m.start: m for i in tokens if (m := self.mention_at.get(i)) and not self._owns_a_partner(self.doc[i])}.values()
        role = self._role_in(tokens)
        by_distance = sorted(mentions, key=lambda m: (m.start > head.i or m.end <= head.i, abs(m.start - head.i)))
        for wanted in ("person", "organisation", "group", *COUNTRY_KINDS):
            for mention in by_distance:
                if wanted == "organisation" and mention.kind == wanted and (local := self._local_body(mention)) is not None:
                    return make_entity(self.doc[start:end], local.name, local.code, local.sector, "home_country")
                if mention.kind == wanted and not (wanted == "organisation" and self._common_noun_of_another(mention, by_distance)):
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
                    found = self._from_mention(country_mention, role, self.doc[start:end])
                    if wanted == "group" and found is not None and found.country is None and (national := next(
                            (m.term.code for m in by_distance if m.kind in COUNTRY_KINDS and m.term and m.term.code),
                            None) or self._of_country(head)):
                        # "Syrian Kurds", "Iraqi Christians", "the Catholic Bishops' Conference of the
                        # Philippines": a people or its body named with a country is of it
                        found = replace(found, country=national, resolution="title")
                    return found
        if role:
            # "the President" in a government's own statement is its own president
            own = self.source_country if role.sector == "GOV" else None
            known_person = (own and self._person_with_role(role, own, head.i)) or (
                self._person_with_role(role, None, head.i) if role.is_person else None)
            if known_person:
                return self._entity(known_person, start, end)
            # "Police detained 3,000 people": an unnamed body acts where the article is set.
            if role.words[-1] in OWN_DELEGATIONS and head.dep_ == "nsubj" and (own := self._own_official(role)):
                # "the delegation met with ...": in a government's own statement the party that
                # travels and acts is its own (as the object, "met the delegation", it is a guest)
                return make_entity(self.doc[start:end], " ".join(role.words), own, role.sector, "source")
            if role.words[-1] in FOREIGN_HEADS or ("foreign" not in role.words and any(
                    c.dep_ == "amod" and c.lower_ == "foreign" for c in head.children)):  # "foreign terrorists"
                return make_entity(self.doc[start:end], " ".join(role.words), None, role.sector, "unresolved")
            if own := self._own_official(role):
                return make_entity(self.doc[start:end], " ".join(role.words), own, role.sector, "source")
            given = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            name = self.doc[given.left_edge.i : given.i + 1].text if given is not None else " ".join(role.words)
            if role.sector == UNKNOWN_KIND and given is None:
                kind = next((r.sector for c in head.children if c.dep_ in ("compound", "amod")
                             and (r := self.lexicon.roles.get((c.lemma_.lower(),))) and r.sector != UNKNOWN_KIND), None)
                if kind is None:
                    # "unidentified gunmen", "attackers": nobody knows whose side they are on, so
                    # the article's country is not theirs (CODING.md: an unknown attacker stays empty)
                    return make_entity(self.doc[start:end], name, None, role.sector, "unresolved")
                role = replace(role, sector=kind)  # "cartel gunmen", "jihadist attackers": of that kind
            if role.sector == "MIL" and (force := self.forces.troops_of(head, self.home)):
                return make_entity(self.doc[start:end], name, force, role.sector, "coreference")
            if not role.is_person and (body := self._same_body_before(head)) is not None:
                return make_entity(self.doc[start:end], body.name, body.country, body.sector, "coreference")
            return make_entity(self.doc[start:end], name, self.home, role.sector, self._home_resolution())
        return None

    def unnamed(self, head: Token) -> Entity | None:
        """Unnamed people a violent or coercive act falls on ("dozens of people", "two
        protesters", "a man"), of the place the phrase names ("targets in southern Lebanon")
        or else where the article is; None for pronouns and things."""
        # "those detained", "those who were arrested": people the clause describes
        described = head.lower_ == "those" and any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in head.children)
        partitive = (head.lower_ in PARTITIVE_WORDS or described) and head.dep_ in ("nsubj", "nsubjpass", "dobj")
        if (head.pos_ not in ("NOUN", "NUM") and not partitive) or head.lower_ in RELATIVE_PRONOUNS:
            return None
        tokens = self._np(head, with_preps=True)
        start, end = text_bounds(self.doc, tokens)
        role = self._role_in(tokens)
        sector = role.sector if role else "CVL"
        if place := self.place_of(head):  # "struck targets in southern Lebanon"
            return make_entity(self.doc[start:end], head.lemma_.lower(), place, sector, "location")
        return make_entity(self.doc[start:end], head.lemma_.lower(), self.home, sector, self._home_resolution())

    def _named_in_full_before(self, mention: Mention) -> Mention | None:
        """"The Commission" after "the European Commission", "the Senate" after "the
        Philippine Senate": a capitalised short form of a body the article named in full
        before is that body (the last one whose name holds its words)."""
        words = [t.text for t in self.doc[mention.start : mention.end] if t.is_alpha and t.lower_ != "the"]
        if not words or not all(w[0].isupper() for w in words):
            return None
        for i in range(mention.start - 1, -1, -1):
            earlier = self.mention_at.get(i)
            if earlier is None or earlier.term is None or earlier.kind != "organisation" or not earlier.term.code:
                continue
            if set(words) <= {t.text for t in self.doc[earlier.start : earlier.end]}:
                return earlier
        return None

    def _from_mention(self, mention: Mention, role: Role | None, span) -> Entity | None:
        term = mention.term
        if term is None and (named := self._named_in_full_before(mention)) is not None:
            return replace(self._from_mention(named, role, span), resolution="coreference")
        if term is None:  # an organisation only the NER knows
            country = self._country_near(self._np(self.doc[mention.end - 1], with_preps=True), self.doc[mention.start])
            name = self.doc[mention.start : mention.end].text
            sector = role.sector if role else None
            if country:  # "the Kurdish group X", "X of Iraq"
                return make_entity(span, name, country, sector, "apposition")
            if own := self._own_official(role):  # "the Biden-Harris Administration" in a White House readout
                return make_entity(span, name, own, sector, "source")
            # an organisation the article sets in its country
            return make_entity(span, name, self.home, sector, self._home_resolution())
        sector = role.sector if role and mention.kind in COUNTRY_KINDS else term.sector
        if sector is None and mention.kind in ("country", "capital", "seat"):
            sector = "GOV"
        name = term.name
        if role and mention.kind in COUNTRY_KINDS:
            return make_entity(span, f"{term.name} {' '.join(role.words)}", term.code, sector, "title")
        return make_entity(span, name, term.code, sector, "lexicon")

    def _entity(self, found: Known | Entity, start_token: int, end_token: int, how: str | None = None) -> Entity:
        """`found` as written at these tokens; `how` overrides how it was resolved."""
        span = self.doc[start_token:end_token]
        how = how or found.resolution
        if isinstance(found, Entity):
            return replace(found, text=span.text, start=span.start_char, end=span.end_char, resolution=how)
        return make_entity(span, found.name, found.country, found.sector, how)
