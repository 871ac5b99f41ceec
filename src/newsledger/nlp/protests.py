"""Who protests, where and against whom: protesters are people of the place they protest
in, a protest that names no target is aimed at their own authorities, one held at a
foreign state's embassy at that state, and crowd control falls on the protesters named
before it. A mixin of the event coder (`self.lexicon`, `self.actors`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.candidates import Coded
from newsledger.nlp.grammar import agent_of, grammatical_subject, is_passive, prep_objects, subject_of
from newsledger.nlp.inverted_reports import inverted_report
from newsledger.nlp.parties import against_policies, authorities, protested_authorities
from newsledger.nlp.actors.phrases import singular
from newsledger.nlp.places import PLACE_LABELS, PLACE_PREPS, country_of_place
from newsledger.nlp.sentences import sentence_number, sentence_of, sentence_starts
from newsledger.records import Entity

# CAMEO 082, easing political dissent: protesters calling off or suspending their protest.
EASED_DISSENT = "082"
DAMAGE_MODES = frozenset({"riot", "vandalize"})  # what a crowd does to things
CROWD_REACH = 2  # sentences back searched for a crowd or armed sides before agentless damage
# A protest held at a foreign state's mission is aimed at that state.
MISSION_PREPS = frozenset({"at", "outside", "near", "before", "opposite"})
MISSION_HEADS = frozenset({"embassy", "consulate", "mission", "commission", "legation"})
# Whose rule a protest defies: "in defiance of Chinese authorities", "against Israeli occupation".
AUTHORITY_HEADS = frozenset({"authority", "authorities", "government", "occupation", "rule", "regime", "troops",
                             "forces", "army", "military"})


def _said_clause(coded: Coded) -> Token | None:
    """The clause of speech a protest verb reports ("protested that the arrests were
    illegal"), also when wire copy puts the verb after it ("..., a rights group protested")."""
    token = coded.token
    if token.pos_ != "VERB" or token.lemma_.lower() != "protest":
        return None
    return next((c for c in token.children if c.dep_ == "ccomp"), None) or inverted_report(token)


# Bodies that protest in words, not in the street (a diplomatic or an official protest)
SPEAKING_BODIES = frozenset({"GOV", "LEG", "JUD", "NGO"})


def _lodged_by_a_body(coded: Coded) -> bool:
    """"China protested the arrest of ...": a protest verb whose doers are all state bodies or organisations."""
    token = coded.token
    return token.pos_ == "VERB" and token.lemma_.lower() == "protest" and bool(coded.actor) \
        and all(e.sector in SPEAKING_BODIES for e in coded.actor)


# Acts done to people: those a protest against one is "of" are whom it defends
HARM_TO_PEOPLE = frozenset({"treatment", "mistreatment", "abuse", "killing", "murder", "arrest", "detention", "jailing",
                            "imprisonment", "persecution", "deportation", "expulsion", "execution", "torture", "death"})


def _defended(entity: Entity, protest: Token) -> bool:
    """"protested against the treatment of Kenyan workers": the workers are whom the
    protest defends, not its target."""
    harms = [o for o in prep_objects(protest, frozenset({"against", "over"})) if o.lemma_.lower() in HARM_TO_PEOPLE]
    victims = [p for h in harms for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.subtree]
    return any(t.idx <= entity.start < t.idx + len(t) for t in victims)


class Protests:
    def _protest_sides(self, coded: Coded) -> None:
        """Protesters are local; a protest that names no target, or only a policy of their
        own country, is aimed at their own authorities, one at a foreign mission at that
        state; calling a protest off concedes to the same authorities."""
        if coded.event_type == "PROTEST" and (told := _said_clause(coded)) is not None:
            # "the embassy protested that the arrests were illegal": a protest said, not
            # staged, is an accusation of whom it names
            coded.event_type, coded.mode = "ACCUSE", "disapprove"
            coded.recipient = coded.recipient or self._accused_in(told, coded.actor)
        elif coded.event_type == "PROTEST" and _lodged_by_a_body(coded):
            # "the foreign ministry protested the detention of a Russian diplomat": a state or
            # an organisation protests in words (a diplomatic protest), aimed at another
            # side, not at the people of its own country the protest defends
            coded.event_type, coded.mode = "ACCUSE", "disapprove"
            own = {e.country for e in coded.actor if e.country}
            coded.recipient = [e for e in coded.recipient if e.country not in own]
            harm = next((o for o in coded.token.children if o.dep_ == "dobj" and o.lemma_.lower() in HARM_TO_PEOPLE), None)
            held = [harm, *prep_objects(harm, frozenset({"of"}))] if harm is not None and not coded.recipient else []
            where = next((c for h in held if (c := self.actors.place_of(h))), None)
            if where and where not in own:  # "protested the detention of its diplomat in The Hague": the hosts'
                coded.recipient = [authorities(where, coded.token.idx)]
        elif coded.event_type == "PROTEST":
            self._local_protest(coded)
            coded.recipient = [e for e in coded.recipient if not _defended(e, coded.token)]
            coded.recipient = against_policies(coded.actor, coded.recipient, coded.token.doc,
                                               self.lexicon.word_classes["protested_policy"])
            if not coded.recipient:
                coded.recipient = (self._protested_mission(coded.token) or self._foreign_policy_makers(coded)
                                   or self._host_authorities(coded) or protested_authorities(coded.actor, coded.token.idx))
        elif coded.event_type == "CONCEDE" and coded.trigger.cameo == EASED_DISSENT and not coded.recipient:
            # "the union called off its strike": a concession to whom the protest was aimed at
            coded.recipient = protested_authorities(coded.actor, coded.token.idx)

    def _accused_in(self, told: Token, accusers: list[Entity]) -> list[Entity]:
        """Whom a clause of accusation accuses: its doer ("the police beat students, the
        opposition charged"), not those a passive says it was done to ("protested that its
        citizens were held"), and never the accuser again."""
        names = {e.name for e in accusers}
        return [e for e in self.actors.entities(subject_of(told)) if e.name not in names]

    def _crowd_answered(self, coded: Coded) -> list[Entity]:
        """"Youths hurled stones at the troops, and the troops responded with live fire":
        crowd control falls on the protesters the same sentence names before it."""
        sent = sentence_of(coded.token)
        for token in reversed(sent[: coded.token.i - sent.start]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.lemma_.lower() in self.lexicon.word_classes["protester"]:
                found = [e for e in self.actors.entities(token) if e.country]
                if found:
                    return found
        return []

    def _local_protest(self, coded: Coded) -> None:
        """Protesters are people of the place they protest in: "thousands marched in
        Omdurman" is a Sudanese protest; the place is where, not whom, it is against."""
        if coded.actor and any(e.country for e in coded.actor):
            return
        place = self._protest_place(coded.token)
        doer = subject_of(coded.token) if coded.token.pos_ == "VERB" else self._gathered(coded.token)
        found = self.actors.unnamed(doer) if doer is not None else None
        if found is None and not coded.actor and (
                (coded.token.pos_ == "NOUN" and not _generic_protest(coded.token)) or self._agentless_damage(coded)):
            # "detained 111 people during a day of strikes and marches", "protests erupted
            # in Minsk", "shops were looted": protesters the text does not name, people of
            # where it happens
            country, how = (place, "location") if place else (self.actors.home, "home_country")
            if country:
                at = coded.token.idx
                coded.actor = [Entity("", "protesters", country, "CVL", at, at, how)]
            return
        if found is None and coded.actor:  # "a crowd ... in protest", "ethnic Albanians demonstrated"
            country, how = (place, "location") if place else (self.actors.home, "home_country")
            if country:
                coded.actor = [replace(e, country=country, resolution=how) if e.country is None else e
                               for e in coded.actor]
            return
        if found is not None and found.country:
            coded.actor = [found]
        elif found is not None and place:
            coded.actor = [replace(found, country=place, resolution="location")]
        elif found is not None and self.actors.home:
            coded.actor = [replace(found, country=self.actors.home, resolution="home_country")]

    def _agentless_damage(self, coded: Coded) -> bool:
        """"Several supermarkets were looted", "the gates were torn down and the walls
        defaced": damage a crowd does, told in the passive with no doer; not in a war
        report, where armed sides and no crowd or protest are told in this sentence or the
        two before ("rebels shelled the town ... livestock was looted": no riot)."""
        token = coded.token
        return (token.pos_ == "VERB" and coded.trigger.mode in DAMAGE_MODES and is_passive(token)
                and agent_of(token) is None and not self._war_without_crowd(token))

    def _war_without_crowd(self, token: Token) -> bool:
        """Armed sides and no crowd or protest told in the token's sentence or the two before."""
        start = sentence_starts(token.doc)[max(0, sentence_number(token) - CROWD_REACH)]
        lemmas = {lemma for t in token.doc[start : sentence_of(token).end] for lemma in (t.lemma_.lower(), singular(t.lower_))}
        crowd = bool(lemmas & self.lexicon.word_classes["protester"]) or any(
            e.type == "PROTEST" for lemma in lemmas for e in self.lexicon.triggers.get((lemma, "NOUN"), ()))
        return not crowd and bool(lemmas & self.lexicon.word_classes["armed_side"])

    def _foreign_policy_makers(self, coded: Coded) -> list[Entity]:
        """"blocked a bridge in anger at the United States' new visa rules", "took to the
        streets in defiance of Chinese authorities": a foreign state whose
        policy or authorities the protest's own words name is its target."""
        own = {e.country for e in coded.actor if e.country}
        if not own:
            return []
        targets = self.lexicon.word_classes["protested_policy"] | AUTHORITY_HEADS
        clause = coded.token if coded.token.pos_ == "VERB" else coded.token.head
        for token in clause.subtree:
            if token.dep_ in ("poss", "amod", "compound") and token.head.lemma_.lower() in targets:
                found = [e for e in self.actors.entities(token) if e.country and e.country not in own]
                if found:
                    return found
        return []

    @staticmethod
    def _gathered(noun: Token) -> Token | None:
        """"A crowd that gathered outside the courthouse in protest": who gathered (the
        noun a relative pronoun stands for)."""
        if noun.dep_ != "pobj" or _generic_protest(noun):
            return None
        host = noun.head.head  # "gathered outside the courthouse in protest", however "in" hangs
        for _ in range(3 if noun.head.lower_ == "in" else 0):
            if host.pos_ == "VERB" or host.head == host:
                break
            host = host.head
        if host.pos_ != "VERB":
            return None
        subject = grammatical_subject(host)
        if subject is not None and subject.lower_ in ("that", "who", "which") and subject.head.dep_ == "relcl":
            subject = subject.head.head
        return subject

    def _protested_mission(self, token: Token) -> list[Entity]:
        """"protested outside the Chinese consulate", "rallied at the Russian embassy in
        Berlin", "in front of the French embassy": a protest at a foreign state's mission
        is aimed at that state, not at the authorities of where it is held."""
        hosts = [token] + ([token.head.head] if token.dep_ == "pobj" and token.head.head.pos_ == "VERB" else [])
        for host in hosts:
            sites = prep_objects(host, MISSION_PREPS)
            sites += [o for front in prep_objects(host, frozenset({"in"})) if front.lower_ == "front"
                      for o in prep_objects(front, frozenset({"of"}))]
            for site in sites:
                if site.lemma_.lower() in MISSION_HEADS:
                    found = [e for e in self.actors.entities(site) if e.country]
                    if found:
                        return found
        return []

    def _host_authorities(self, coded: Coded) -> list[Entity]:
        """"Kenyan workers protested outside the parliament in Kampala", "Palestinian detainees
        rioted at a jail in Israel": protesters of one country protesting where another
        rules protest against its authorities, not their own."""
        own = {e.country for e in coded.actor if e.country}
        place = self._protest_place(coded.token) or (
            self.actors.place_of_act(coded.token) if coded.token.pos_ == "VERB" else None)
        if not own or place is None or place in own:
            return []
        return [authorities(place, coded.token.idx)]

    def _protest_place(self, token: Token) -> str | None:
        """The country of where a protest happened: "marched in Omdurman", "blocked roads
        near Lyon", "protests erupted in Minsk", "gathered outside the courthouse in Ankara"."""
        hosts = [token, *(c for c in token.children if c.dep_ in ("dobj", "attr"))]
        if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "dobj") and token.head.pos_ == "VERB":
            hosts.append(token.head)
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
            hosts.append(token.head.head)  # "gathered outside the courthouse in protest"
        hosts += [s for h in hosts if h.pos_ == "VERB" and (s := grammatical_subject(h)) is not None]  # "teachers in Lagos"
        preps = PLACE_PREPS | {"at", "outside"}
        for host in hosts:
            for pobj in prep_objects(host, preps | ({"to"} if host.pos_ == "VERB" else set())):
                for phrase in (pobj, *prep_objects(pobj, preps | {"of"})):
                    # a place name, not a body named there ("in defiance of Chinese authorities")
                    place = next((e.country for e in self.actors.entities(phrase) if e.country), None) if (
                        phrase.ent_type_ in PLACE_LABELS) else None
                    place = place or country_of_place(phrase, self.actors.home)
                    if place:
                        return place
        return None


# Clauses that set a protest at another time than the report's ("since the protests began",
# "before the protest took place"): background, told where it happened.
BACKGROUND_MARKS = frozenset({"since", "before", "after", "until", "once"})


def _generic_protest(noun: Token) -> bool:
    """Protest named as a kind, a setting or background, not as one that happens now:
    "powers over disruptive protests", "held for peaceful protest", "spoke at a rally",
    "since protests began"; "a day of strikes", "protests erupted in Minsk" are one."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in noun.head.children)
    if noun.dep_ != "pobj":
        return False
    prep, host = noun.head, noun.head.head
    if prep.lower_ == "in" and not any(c.dep_ == "det" for c in noun.children):
        return False  # "gathered outside the courthouse in protest": how they gathered
    # a reason ("held for peaceful protest"), a setting ("spoke at a rally"), a noun's phrase
    return prep.lower_ in ("for", "at") or (host.pos_ == "NOUN" and prep.lower_ != "of")


def protest_target(protest: Coded, demand: Coded) -> list[Entity]:
    """Whom an act that absorbs another is aimed at: its own recipient, else the absorbed
    act's; a protest aimed only at its own authorities by default takes a foreign party its
    demand names ("marched in Niamey to demand that French troops leave": France)."""
    own = {e.country for e in protest.actor if e.country}
    implied = all(not e.text and e.resolution == "other_party" for e in protest.recipient)
    foreign = [e for e in demand.recipient if e.country and own and e.country not in own]
    if protest.event_type == "PROTEST" and implied and foreign:
        return foreign
    return protest.recipient or demand.recipient
