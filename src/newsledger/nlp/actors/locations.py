"""Where an article and its acts are set: the country of a place phrase, of where an act
happened, of a place opening a sentence, of the dateline, of the cities and settlements the
article names. A mixin of the actor resolver (`self.doc`, `self.lexicon`, `self.home`,
`self.settlements`, `self.mention_at`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.actors.coreference import SPEAKING_VERBS
from newsledger.nlp.actors.phrases import COUNTRY_KINDS
from newsledger.nlp.mentions import Mention
from newsledger.nlp.places import country_filed_from, country_of_place, gazetteer
from newsledger.nlp.sentences import dateline_place, item_places, sentence_of, token_words
from newsledger.nlp.triggers import is_attack_noun, match_trigger
from newsledger.records import Entity

ACT_PLACE_PREPS = ("in", "near", "at", "outside", "inside", "around")  # where an act happened
# A route an act happened on is where the towns it runs to, from or between are
ROUTE_NOUNS = frozenset({"road", "highway", "route", "motorway", "roadway", "expressway"})
ROUTE_PREPS = ("to", "from", "between", "near")
DISPLACED_HEADS = frozenset({"refugee", "migrant", "asylum-seeker", "evacuee", "exile"})  # of where they left
FLEEING_VERBS = frozenset({"flee", "escape", "leave"})
HEALTH_WORDS = frozenset({"health", "hospital", "hospitals", "medical", "medics"})  # who counts the dead
BELLIGERENTS = frozenset({"belligerent", "combatant"})  # also "warring parties", "warring sides"
WAR_NOUNS = frozenset({"war", "conflict", "fighting", "hostility"})  # nouns: "civil" in "civil war" is the head's modifier


MISSION_BUILDINGS = frozenset({"embassy", "consulate", "legation"})
MISSIONS = MISSION_BUILDINGS | {"ambassador", "envoy"}  # a state's presence abroad


def names_a_mission(token: Token, *, buildings_only: bool = False) -> bool:
    """"the US embassy", "the French ambassador": the country word is on a mission abroad
    (with `buildings_only`, on an embassy or consulate: an ambassador also travels home)."""
    return token.dep_ in ("amod", "compound", "poss") and token.head.lemma_.lower() in (
        MISSION_BUILDINGS if buildings_only else MISSIONS)


class Locations:
    def fled_from(self, head: Token) -> str | None:
        """"refugees fleeing the war in Sudan", "migrants from Eritrea": people who left a
        country are of it (where they are now is not theirs)."""
        if head.lemma_.lower() not in DISPLACED_HEADS:
            return None
        for child in head.children:
            if (child.dep_ == "prep" and child.lower_ == "from") or (
                    child.dep_ in ("acl", "relcl") and child.lemma_.lower() in FLEEING_VERBS):
                for token in child.subtree:
                    mention = self.mention_at.get(token.i)
                    if mention is not None and mention.kind in COUNTRY_KINDS and mention.term and mention.term.code:
                        return mention.term.code
        return None

    def theatre_of(self, head: Token) -> str | None:
        """"called on the warring parties to ..." after "the conflict in Sudan": the sides
        of a war are of the country it is fought in, as the sentence or the one before
        names it ("the war in Sudan", "Sudan's civil war"), not of whoever talks about it."""
        if head.lemma_.lower() not in BELLIGERENTS and not any(c.dep_ == "amod" and c.lower_ == "warring" for c in head.children):
            return None
        sent = head.sent
        before = list(self.doc[sent.start - 1].sent) if sent.start > 0 else []
        for war in reversed([*before, *(t for t in sent if t.i < head.i)]):
            if war.lemma_.lower() not in WAR_NOUNS or war.pos_ != "NOUN":
                continue
            if country := self.place_of(war, ("in",)):
                return country
            owners = (self.mention_at.get(c.i) for c in war.children if c.dep_ in ("poss", "compound", "amod"))
            if code := next((m.term.code for m in owners if m and m.kind in COUNTRY_KINDS and m.term and m.term.code), None):
                return code
        return None

    def capital_in(self, head: Token) -> str | None:
        """The country of the capital an in-phrase on `head` names ("officials in Beijing")."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                mention = self.mention_at.get(pobj.i)
                if mention is not None and mention.kind == "capital" and mention.term and mention.term.code:
                    return mention.term.code
        return None

    def place_of(self, head: Token, preps: tuple[str, ...] = ("in", "from", "of"), *, unique: bool = False,
                 depth: int = 0) -> str | None:
        """The country of a place named on the phrase's head ("police in Lagos", "a nurse
        from Recife", "the people of Kisumu"), by the gazetteer (`unique`: see country_of_place);
        or where the venue it names is ("outside the French embassy in Kinshasa")."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for name in self._place_names(pobj):
                        if country := self._settlement(name) or country_of_place(name, self.home, unique=unique):
                            return country
                        if name is not pobj and (country := gazetteer().only_country(name.text)):
                            return country  # "the Belgorod region": a name on a place noun is a place
                    if depth == 0 and pobj.pos_ == "NOUN" and (country := self.place_of(pobj, ("in", "at"), unique=unique, depth=1)):
                        return country
        return None

    def _place_names(self, pobj: Token) -> list[Token]:
        """The word naming the place: the phrase's head, or the name a place noun carries
        ("the Bryansk region", "the town of Bunagana"; word_classes.yaml: place_noun)."""
        if pobj.pos_ != "NOUN" or pobj.lemma_.lower() not in self.lexicon.word_classes["place_noun"]:
            return [pobj]
        named = [c for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        named += [o for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        return [pobj, *named]

    def _settlement(self, place: Token) -> str | None:
        """The country the article gave a place it named with a country word."""
        return next((self.settlements[t.lower_] for t in place.subtree if t.lower_ in self.settlements), None)

    def located(self, victims: list[Entity], verb: Token) -> list[Entity]:
        """Unnamed victims whose country is only the article's are of the place the act
        happened in, when the gazetteer knows it: "Russian shelling killed nine civilians in
        Kharkiv" (Ukrainians), "gunmen killed five people in Tel Aviv" (Israelis)."""
        if not victims or any(e.country and e.resolution != "home_country" for e in victims):
            return victims
        towns = [self._town_country(e) for e in victims]
        if any(towns):
            # "Israeli troops raided Jenin (and its camp)" in a story filed from Jerusalem: a
            # town the gazetteer knows is of its own country, not the article's
            return [replace(e, country=own, resolution="location") if own else e for e, own in zip(victims, towns)]
        place = self.place_of_act(verb) or self._counting_authority(verb)
        return [replace(e, country=place, resolution="location") for e in victims] if place else victims

    def _town_country(self, entity: Entity) -> str | None:
        span = self.doc.char_span(entity.start, entity.end)
        if span is None or span.root.pos_ != "PROPN" or self._persons_name(span.root):
            return None
        return country_of_place(span.root, None, unique=True)

    def _persons_name(self, token: Token) -> bool:
        """"San Miguel was detained" after "opposition figure Rocio San Miguel": the end of a
        name the article gave a person before is that person, not the town of that name."""
        name = " ".join(t.text for t in self.doc[token.left_edge.i : token.i + 1] if t.dep_ == "compound" or t == token)
        return any(m.kind == "person" and i == m.start and m.end <= token.i and m.end - m.start > len(name.split())
                   and self.doc[m.start : m.end].text.endswith(" " + name) for i, m in self.mention_at.items())

    def on_a_mission(self, entity: Entity) -> bool:
        """"pushed the crowds back from the US embassy": a country named on its embassy or
        consulate is a presence abroad, not where the people there are from."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and names_a_mission(span[-1])

    def place_struck(self, slot: Token, event_type: str) -> list[Entity]:
        """"Israeli troops raided Jenin", "a raid on Jenin", "missiles struck Kharkiv": a town
        an armed act is done to, named with no party, is done to its country (the
        gazetteer's, the article's country first only among places of the same name), not
        to no one; so are the towns coordinated with it."""
        if event_type not in ("ASSAULT", "COERCE") or slot.pos_ != "PROPN":
            return []
        struck = []
        for town in (slot, *(c for c in slot.conjuncts if c.pos_ == "PROPN")):  # "a raid on Jenin and Tubas"
            if not self._persons_name(town) and (own := country_of_place(town, self.home, unique=True)):
                struck.append(Entity(town.text, town.text, own, None, town.idx, town.idx + len(town), "location"))
        return struck

    def _counting_authority(self, verb: Token) -> str | None:
        """"Lebanon's health ministry says seven people were killed when ...", "... according
        to hospital officials in Gaza": a health authority counts its own country's dead, so
        victims it reports, with no place the gazetteer knows, are of its country."""
        root = sentence_of(verb).root
        reporters = [c for c in root.children if c.dep_ == "nsubj" and root != verb and root.lemma_.lower() in SPEAKING_VERBS]
        reporters += [p for head in (verb, root) for c in head.children if c.dep_ == "prep" and c.lower_ == "according"
                      for t in c.children if t.dep_ == "prep" for p in t.children if p.dep_ == "pobj"]
        for reporter in reporters:
            if not any(t.lower_ in HEALTH_WORDS for t in reporter.subtree):
                continue
            named = [e for e in self.entities(reporter) if e.country and e.resolution not in ("home_country", "unresolved")]
            if named:
                return named[0].country
        return None

    def place_of_act(self, verb: Token) -> str | None:
        """The country of the place an act happened in, by the gazetteer: named on the verb,
        on its object ("killed five people in Tel Aviv"), in its time clause ("when the
        drone struck a bus in Kherson"), on what it happened in ("in a strike near Aleppo") or
        on the attack that did it ("a strike on Dnipro killed ...")."""
        clauses = [verb] + [c for c in verb.children if c.dep_ == "advcl"]
        heads = clauses + [c for v in clauses for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
        # "killed in a drone strike near Aleppo", "died in a village near Goma"
        heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during") for p in c.children if p.dep_ == "pobj"]
        found = next((place for head in heads if (place := self.place_of(head, ACT_PLACE_PREPS, unique=True))), None)
        # "kidnapped on the road to Gao", "ambushed on the highway between Gao and Ansongo"
        # (the parser hangs the route on the verb or its object, and "to Gao" on either)
        routes = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "along")
                  for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ROUTE_NOUNS]
        ends = [*routes, verb] if routes else []
        found = found or next((place for r in ends if (place := self.place_of(r, ROUTE_PREPS, unique=True))), None)
        # "a missile strike on the city of Dnipro killed 40 residents": where the attack that did it fell
        # or "the shelling of Kharkiv": by the prepositions its trigger entry names the target with
        attacks = [(c, ("on", *match_trigger(c, self.lexicon).preps)) for c in verb.children
                   if c.dep_ == "nsubj" and is_attack_noun(c, self.lexicon)]
        attacks += [(p, ("on",)) for a, _ in attacks for c in a.children if c.dep_ == "prep" and c.lower_ == "on"
                    for p in c.children if p.dep_ == "pobj"]
        return found or next((place for a, preps in attacks if (place := self.place_of(a, (*preps, *ACT_PLACE_PREPS), unique=True))), None)

    def opening_place(self, verb: Token, *, own_clause: bool = False) -> str | None:
        """"In mainland China, protests are rare, but last year a student was sentenced":
        a place phrase opening the sentence is where its conjoined clauses happen too (with
        `own_clause`, also the first clause's own: "In Minsk, the foreign ministry summoned ...")."""
        first = verb
        while first.dep_ == "conj" and first.head != first:
            first = first.head
        if first is verb and not own_clause:
            return None
        opening = [c for c in first.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == sentence_of(c).start]
        return next((place for prep in opening for p in prep.children if p.dep_ == "pobj"
                     for name in self._place_names(p) if (place := country_of_place(name, self.home, unique=True))), None)


def item_homes(doc: Doc) -> list[tuple[int, str | None]]:
    """A digest's items, each set where its own heading places it: (first token, country or
    None when the place is unknown), when at least two paragraphs open with a place of
    their own ("JAKARTA: ...", "RAKHINE: ..."); [] for an ordinary article, whose one
    dateline places the whole story."""
    items = [(start, next((code for name in names if (code := country_filed_from(name))), None))
             for start, names in item_places(doc)]
    return items if sum(1 for _, code in items if code) >= 2 else []


def filed_from(doc: Doc, mentions: list[Mention]) -> str | None:
    """The country of the city a dateline files the article from, when the dateline names
    no country or capital the mentions already count ("YANGON", "KARACHI"; not "NAIROBI")."""
    dateline = dateline_place(doc)
    if dateline is None or any(doc[m.start].idx < dateline[1] and m.kind in COUNTRY_KINDS and m.term for m in mentions):
        return None
    return country_filed_from(dateline[0])


NAMED_CITY_POPULATION = 100_000  # a proper noun read as a city, when the article names no country


def places_named(doc: Doc, mention_at: dict[int, Mention]) -> list[str]:
    """The countries of the towns and provinces an article names that are no country
    mentions ("Pemba", "Cabo Delgado province"): where its acts happen, a naming of that
    country as much as a demonym of foreign troops there is of theirs."""
    named = {m.term.code for m in mention_at.values() if m.kind in COUNTRY_KINDS and m.term and m.term.code}
    found = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and not any(i in mention_at for i in range(ent.start, ent.end)):
            place = gazetteer().find(ent.text, named)
            # a province, a town of a country the article names, or a town no other country has
            # ("San Antonio" in a story from Cuba is not the Texan city)
            if place is not None and (place.precision == "region" or (place.precision == "city" and (
                    place.country in named or gazetteer().only_country(ent.text) == place.country))):
                found.append(place.country)
        elif _town_read_as_a_person(ent, mention_at) and (place := gazetteer().find(ent.text, named)) is not None \
                and place.country in named:  # a town the NER calls a person, of a country the article names
            found.append(place.country)
    return found


# Prepositions after which a one-word name the NER calls a person is where something happens.
PLACE_OF_PREPS = frozenset({"in", "into", "near", "outside", "around", "across", "inside"})


def _town_read_as_a_person(ent: Span, mention_at: dict[int, Mention]) -> bool:
    """"walked into central Goma": the NER reads a town as a person. One word after a
    preposition of place that the dictionary knows as no one is a place when the gazetteer
    knows it."""
    if ent.label_ != "PERSON" or len(ent) != 1 or ((mention := mention_at.get(ent.start)) is not None and mention.term):
        return False
    return ent[0].dep_ == "pobj" and ent[0].head.lower_ in PLACE_OF_PREPS


# "Callao Avenue", "Avenida Rivadavia", "Plaza del Congreso": a city's name in a street's is no
# naming of that city (Callao is in Peru; the avenue is in Buenos Aires)
# (not "via": "flew in via Cairo"; not "St": "St Petersburg")
STREET_WORDS = frozenset({"street", "avenue", "road", "square", "boulevard", "lane", "highway", "bridge", "plaza",
                          "avenida", "calle", "rua", "rue", "praça", "strasse", "straße"})


def _names_a_street(token: Token) -> bool:
    doc = token.doc
    return (token.head.lower_ in STREET_WORDS and token.dep_ == "compound") or (
        token.i > 0 and doc[token.i - 1].lower_ in STREET_WORDS) or (
        token.i + 1 < len(doc) and doc[token.i + 1].lower_ in STREET_WORDS)


def country_of_places(doc: Doc) -> str | None:
    """The country of the cities an article names, when it names no country ("police in
    Lagos arrested...", "a curfew in Imphal West"): most of the proper nouns the gazetteer
    knows as cities of some size ("Police", a Polish town, is too small to be meant),
    people's names aside."""
    codes = Counter(found.country for token in doc if token.pos_ == "PROPN" and token.ent_type_ != "PERSON"
                    and not _names_a_street(token)
                    and (found := gazetteer().find(token.text)) and (found.population or 0) >= NAMED_CITY_POPULATION)
    if not codes:
        return None
    (code, count), total = codes.most_common(1)[0], sum(codes.values())
    return code if count / total >= 0.6 else None


SETTLEMENT_NOUNS = frozenset({"village", "town", "city", "district", "province", "region", "camp", "port", "suburb",
                              "neighbourhood", "neighborhood", "county", "municipality", "hamlet", "settlement"})


def named_settlements(doc: Doc, mention_at: dict[int, Mention]) -> dict[str, str]:
    """Places the article names with a country word, by the words of their names: "the
    Palestinian village of at-Tuwani", "Kfar Kila, a Lebanese village" (too small for the
    gazetteer, which wire copy places this way)."""
    found: dict[str, str] = {}
    for noun in (doc[i] for i, lemma in enumerate(token_words(doc)[1]) if lemma in SETTLEMENT_NOUNS):
        country = next((m.term.code for c in noun.children if c.dep_ in ("amod", "compound")
                        and (m := mention_at.get(c.i)) and m.kind in COUNTRY_KINDS and m.term and m.term.code), None)
        if country is None:
            continue
        names = [t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree if t.pos_ == "PROPN"]
        if noun.dep_ == "appos":  # "Kfar Kila, a Lebanese village"
            names += [t for t in doc[noun.head.left_edge.i : noun.head.i + 1] if t.pos_ == "PROPN"]
        for name in names:
            found.setdefault(name.lower_, country)
    return found
