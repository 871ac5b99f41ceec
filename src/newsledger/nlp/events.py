"""The event coder: trigger words from the lexicon, participants from the dependency parse.

One pass per sentence finds trigger tokens (verbs and nominal events), fills actor and
recipient from subjects, objects, passive agents, possessives and prepositions, then lets
governing triggers ("threatened to", "agreed to", "urged ... to") absorb the act they
govern (nlp.absorption), as PLOVER codes "X threatened to impose sanctions" as one THREATEN event.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from newsledger.nlp.absorption import Absorption
from newsledger.nlp.actors import ActorResolver
from newsledger.nlp.blame import blame_answered_acts
from newsledger.nlp.candidates import (
    FORCE_TYPES,
    LABEL_VERBS,
    LABELLING,
    Coded,
    abroad,
    announced_money_for,
    by_phrase_of_held,
    forecast_warning,
    funds_purpose,
    jointly,
    kind_by_doer,
    labels_in_quotes,
    merge_same_act,
    mutual_praise,
    no_political_party,
    ordinary_crime,
    protest_as_manner,
    shared_view,
    strike_on_rebels,
    ties_as_goal,
    warners_target,
    welcomed_start,
)
from newsledger.nlp.clauses import purpose_object
from newsledger.nlp.grammar import (
    anticipated_by,
    carrier_noun,
    grammatical_subject,
    objects_of,
    owned_by_subject,
    prep_objects,
    reporter_of,
    shifted_object,
    subject_of,
    undergoer_of,
)
from newsledger.nlp.inverted_reports import inverted_report
from newsledger.nlp.lexicon import Lexicon, Trigger
from newsledger.nlp.meetings import Meetings
from newsledger.nlp.modality import is_refusal, modality_cues
from newsledger.nlp.nominal_doers import NominalDoers
from newsledger.nlp.not_events import describes_a_noun, names_a_known_act, protest_of_those_acted_on, tasks_own_officials
from newsledger.nlp.ontology import PROMISABLE, is_conflict
from newsledger.nlp.parties import (
    CROWD_CONTROL,
    LOCAL_ACTOR_SECTORS,
    PROSECUTION_LEMMAS,
    common_adversary,
    custody_act,
    host_not_guest,
    implied_authorities,
    implied_crowd,
    is_leniency,
    is_state_act,
    local_parties,
    named_between,
    standing_owner,
    summoning_host,
)
from newsledger.nlp.protests import Protests
from newsledger.nlp.sentences import token_words
from newsledger.nlp.recipients import KIND_TYPES, Recipients, verb_of_prep_phrase
from newsledger.nlp.stances import Stances, holder_of_captives
from newsledger.nlp.suffering import suffered_in, sufferer, targeted
from newsledger.nlp.triggers import PERSON_OBJECT, match_trigger, names_people, object_words, promised_act, restated_commitment
from newsledger.nlp.wielders import Wielders, owner_read_as_object
from newsledger.records import Entity

# Prepositions that introduce the recipient when the trigger entry names none.
DEFAULT_PREPS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"with"}),
    "CONSULT": frozenset({"with", "to"}),
    "SUPPORT": frozenset({"for"}),
    "CONCEDE": frozenset({"to", "for", "on"}),
    "COOPERATE": frozenset({"with"}),
    "AID": frozenset({"to", "for"}),
    "RETREAT": frozenset({"from"}),
    "REQUEST": frozenset({"on", "to"}),
    "ACCUSE": frozenset({"against"}),
    "REJECT": frozenset(),
    "THREATEN": frozenset({"against"}),
    "PROTEST": frozenset({"against"}),
    "SANCTION": frozenset({"on", "against"}),
    "MOBILIZE": frozenset({"against"}),
    "COERCE": frozenset({"against", "on"}),
    "ASSAULT": frozenset({"on", "against", "at"}),
}
# "Russia would face retaliation": the subject of these verbs undergoes the event.
UNDERGO_VERBS = frozenset({"face", "suffer", "receive", "endure", "undergo", "risk", "incur"})
# Criticising or rejecting a policy is aimed at its makers.
POLICY_ANSWERS = frozenset({"ACCUSE", "REJECT"})
GIVING_WAY = frozenset({"REJECT", "RETREAT", "CONCEDE"})  # refusals and concessions made under pressure
PROMISED_TYPES = frozenset({"AGREE", "AID"})  # a promise or aid one side gives names whom it is for, else the side it met
SHARED_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # acts whose parties the gold lists as one set
ALLIANCE_CODES = frozenset({"IGO", "EUR"})  # "our NATO Ally", "EU partners": the body that allies them, not the ally


def _names_the_means(obj: Token, trigger: Trigger, instruments: set[str]) -> bool:
    """The object an entry is matched on says with what the act was done, not to whom: the
    fire of "set fire to", the weapon fired ("rockets", "shell bombs"; instruments.yaml)."""
    kinds = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")}
    return bool(kinds & trigger.object & instruments)


CONVICT = "convict"  # the SANCTION mode of convictions and sentences: a court's act on people, as an arrest is


class EventCoder(Meetings, Wielders, Protests, Stances, NominalDoers, Recipients, Absorption):
    """Codes the sentences of one article."""

    def __init__(self, lexicon: Lexicon, actors: ActorResolver) -> None:
        self.lexicon = lexicon
        self.actors = actors
        # parties of the article's meetings so far, in order, with the dates their clause gives
        self.meetings: list[tuple[list[Entity], set[str]]] = []
        self.told_here: list[Coded] = []

    def code(self, sent: Span) -> list[Coded]:
        doc, (lowers, lemmas) = sent.doc, token_words(sent.doc)
        words = self.lexicon.trigger_words
        found = [
            Coded(t, trig) for t in (doc[i] for i in range(sent.start, sent.end) if lemmas[i] in words or lowers[i] in words)
            if not names_a_known_act(t, self.lexicon) and (trig := match_trigger(t, self.lexicon)) and self._told_as_act(t, trig)
        ]
        found = self._merge_light_objects(found)
        labels = [t for t in (doc[i] for i in range(sent.start, sent.end) if lemmas[i] in LABEL_VERBS)
                  if labels_in_quotes(t, self.lexicon) and all(c.token != t for c in found)]
        labelled = {c.i for t in labels for c in t.children if c.dep_ == "dobj"}
        found = [c for c in found if c.token.i not in labelled] + [Coded(t, LABELLING) for t in labels]
        acts = {c.token.i for c in found}
        found = [c for c in found if not no_political_party(c, self.lexicon)
                 and (not funds_purpose(c, self.lexicon) or announced_money_for(c, acts))
                 and not ties_as_goal(c, self.lexicon) and not shared_view(c) and not protest_as_manner(c, acts)]
        self.told_here = found  # this sentence's acts, for the meeting a readout's clause is told in
        for coded in found:
            coded.event_type, coded.mode = coded.trigger.type, coded.trigger.mode
            if (kind := kind_by_doer(coded, self.lexicon)) is not None:
                coded.event_type, coded.mode = kind
            elif announced_money_for(coded, acts):
                coded.event_type, coded.mode = "AID", None
            self._fill(coded)
            if strike_on_rebels(coded):
                coded.event_type, coded.mode = "ASSAULT", "aerial"
            if coded.event_type == "SUPPORT" and (promise := restated_commitment(coded.token)) is not None:
                self._restated_commitment(coded, promise)
                promised = promised_act(promise)
                if coded.event_type and promised is not None:  # "their commitment to working together": one promise
                    for act in (c for c in found if c.token == promised):
                        act.governed_by = coded
            elif coded.event_type == "SUPPORT":
                self._voiced_support(coded)
        blame_answered_acts(found)
        self._absorb(found)
        found += self._reported_obligations(sent, found)
        absorbing = {id(c.governed_by) for c in found if c.governed_by is not None}
        for coded in found:
            if mutual_praise(coded) and welcomed_start(coded):
                coded.event_type, coded.mode = "AGREE", None
        found = [c for c in found if not forecast_warning(c, absorbing, self.lexicon) and not mutual_praise(c)]
        for tasking in [c for c in found if tasks_own_officials(c.token, c.event_type, c.actor, c.recipient)]:
            tasking.event_type = ""  # "asked Secretary Blinken to travel to Mexico": no request, the task is promised
            for task in (c for c in found if c.governed_by is tasking):
                task.governed_by, task.promised = None, True
        kept = [c for c in found if c.event_type and c.governed_by is None and (c.actor or c.recipient) and not ordinary_crime(c)
                and not (c.trigger.counterpart and not c.recipient) and not (c.trigger.abroad and not abroad(c))
                and not (c.trigger.joint and not jointly(c))
                and not (c.trigger.conflict_only and not any(g.governed_by is c and is_conflict(g.event_type) for g in found))]
        kept = [c for c in merge_same_act(kept) if not self._same_meeting(c)]
        return kept

    def _armed_owner(self, attack: Token) -> list[Entity]:
        """"died in police firing": the armed side that names the attack owns it."""
        armed = self.lexicon.word_classes["armed_side"]
        return next((found for c in attack.children if c.dep_ == "compound" and c.lemma_.lower() in armed
                     and (found := self.actors.entities(c))), [])

    def _told_as_act(self, token: Token, trigger: Trigger) -> bool:
        """The trigger tells an act, not a description of a participant (not_events.describes_a_noun)
        unless it describes a death suffered, what an instrument did, what a statement says or
        the protest of those an act fell on; nor words told as an attack ("came under fire from critics")."""
        return not self._under_words(token) and (
                not describes_a_noun(token) or suffered_in(token) is not None or self._what_an_instrument_does(token)
                or self._statement_of(token) is not None or (trigger.type == "PROTEST" and protest_of_those_acted_on(token))
                or announced_money_for(Coded(token, trigger), set())  # "the announcement of $40 million to support ..."
                or inverted_report(token) is not None)  # "..., an opposition party charged on Friday"

    def _fill(self, coded: Coded) -> None:
        """Actor and recipient from the parse, then what the kind of act implies: local
        protesters and their own authorities as the target of a protest that names none,
        local unnamed parties, the authorities behind an agentless arrest."""
        self._fill_slots(coded)
        if coded.event_type not in SHARED_TYPES:
            # "amid criticism from Greece and UNESCO, which doubted his motives": a party is not
            # what it acts on; the phrase's own name read twice leaves the slot to what the
            # act implies (here the doer of what is criticised). A pronoun resolved to the
            # actor stays: its country is most often still the one meant ("ordered him to ...")
            coded.recipient = [r for r in coded.recipient if r.resolution == "coreference"
                               or all((r.name, r.country) != (a.name, a.country) for a in coded.actor)]
        if coded.event_type in KIND_TYPES and len(own := {e.country for e in coded.actor if e.country}) == 1:
            # "reiterated U.S. support for efforts ...": no state backs, aids or meets itself
            coded.recipient = [r for r in coded.recipient if not (r.country in own and self._a_state_itself(r))]
        if coded.trigger.counterpart:
            # ties affirmed with a party the phrase names ("the partnership between Germany
            # and Kenya", by Germany) back that party; else the party pressed or met
            own = {e.country for e in coded.actor if e.country}
            named = [e for e in coded.recipient if e.country and e.country not in own] if coded.event_type == "SUPPORT" else []
            coded.recipient = named or self._pressed_party(coded)
        self._protest_sides(coded)
        if not coded.actor and ((coded.event_type in ("CONSULT", "COOPERATE") and named_between(coded.token, coded.recipient)) or (
                coded.event_type == "ASSAULT" and named_between(coded.token, coded.recipient, same_country=True))):
            # "talks between Serbia and Kosovo", "clashes between protesters and police": all are actors
            coded.actor, coded.recipient = coded.recipient, []
        coded.actor, coded.recipient = local_parties(coded.actor, coded.recipient, coded.token.doc,
                                                     jurisdiction=is_leniency(coded.trigger))
        coded.actor = host_not_guest(coded.actor, coded.recipient, coded.token.doc)
        if coded.token.pos_ == "VERB" and any(e.country is None and e.sector in LOCAL_ACTOR_SECTORS for e in coded.actor) \
                and (place := self.actors.place_of_act(coded.token)):
            # "police arrested two Chinese tourists in Bangkok": police and courts are of where they act
            coded.actor = [replace(e, country=place, resolution="location") if e.country is None and e.sector in LOCAL_ACTOR_SECTORS
                           else e for e in coded.actor]
        captives = self.lexicon.word_classes["captive"]
        if coded.trigger.mode == "release" and not coded.recipient and (held := self._released(coded.token)):
            coded.recipient = self.actors.located([held], coded.token)  # "the eleven were freed on bail"
        if not coded.actor and (is_state_act(coded.trigger) or custody_act(
                coded.token, coded.trigger, captives, self.lexicon.word_classes["pursued"])):
            # "a Dutch aid worker was arrested in Sudan": the authorities of where it happened
            # (on a noun, only where its own in-phrase says: "the detention of two citizens in Iran")
            place = (self.actors.place_of(coded.token) or self.actors.opening_place(coded.token)) if coded.token.pos_ == "VERB" \
                else self.actors.place_of(coded.token, ("in",))
            coded.actor = implied_authorities(coded.recipient, coded.token.idx, place)
            if place:  # people only guessed to be of the article's country are of where they are held
                coded.recipient = [replace(e, country=place, resolution="location") if e.resolution == "home_country" else e
                                   for e in coded.recipient]
            # "two journalists were detained in Mandalay": the authorities there hold people of theirs
            coded.actor, coded.recipient = local_parties(coded.actor, coded.recipient, coded.token.doc)
        if not coded.actor:  # "the Israeli ambassador in Madrid was summoned": by his hosts
            coded.actor = summoning_host(coded.token, coded.recipient, self.actors)
        if not coded.actor and coded.event_type in PROMISABLE and undergoer_of(coded.token) is not None \
                and (speaker := reporter_of(coded.token)) is not None and is_refusal(modality_cues(coded.token)):
            # "the minister replied that the reform would not be withdrawn": who refuses is who says so
            coded.actor = self.actors.entities(speaker)
        if not coded.recipient and coded.trigger.mode == CROWD_CONTROL:
            coded.recipient = self._crowd_answered(coded) or implied_crowd(coded.actor, coded.token.idx)
        if coded.trigger.type == "MOBILIZE":
            self._forces_moved(coded)
            self._joint_exercise(coded)
            self._defence_of_another(coded)
        if not coded.recipient and coded.event_type == "ACCUSE" and (told := inverted_report(coded.token)) is not None:
            coded.recipient = self._accused_in(told, coded.actor)  # "Police beat students, a rights group charged"
        if coded.event_type in PROMISED_TYPES and _own_goods(coded):
            coded.recipient = []  # "offered U.S. assistance", found inside the object: the giver's own goods
        if not coded.recipient and coded.event_type in PROMISABLE | PROMISED_TYPES:
            coded.recipient = self._listener(coded)  # "assured Kishida that the US will deliver ..."
        if not coded.recipient and coded.event_type in PROMISED_TYPES:
            coded.recipient = self._met_party(coded)  # "the Administration will provide $2 million"
        if not coded.recipient and coded.event_type in GIVING_WAY:
            coded.recipient = self._pressing_party(coded)
        if not coded.recipient and coded.event_type in POLICY_ANSWERS:
            coded.recipient = self._criticised_doer(coded) or self._policy_makers(coded)
        if not coded.recipient and coded.event_type == "THREATEN" and (target := warners_target(coded.token)) is not None:
            # "warned that it would target any soldiers entering": whom the warner's own act is aimed at
            coded.recipient = self.actors.entities(target) or (
                [u] if (names_people(target, self.lexicon) or self.actors.names_a_party(target))
                and (u := self.actors.unnamed(target)) else [])
        if not coded.recipient:
            coded.recipient = self._own_country_target(coded)

    def _fill_slots(self, coded: Coded) -> None:
        """Actor and recipient from the parse; the first slot that names someone wins."""
        token, trigger = coded.token, coded.trigger
        preps = trigger.preps or DEFAULT_PREPS[trigger.type]
        if (sufferer_verb := suffered_in(token)) is not None:
            # "died in police firing", "were killed in tank shelling": the doer is the noun
            # the act hangs on ("police"), the victim the subject of the verb
            owner = token.head if token.dep_ == "acl" else next((c for c in token.children if c.dep_ in ("compound", "amod", "poss")), None) \
                if token.dep_ == "pobj" else token.nbor(-1) if owner_read_as_object(token.nbor(-1), sufferer_verb) else None
            coded.actor = self.actors.entities(owner) if owner is not None else []
            victim = grammatical_subject(sufferer_verb)
            coded.recipient = self.actors.entities(victim) or ([u] if victim is not None and (u := self.actors.unnamed(victim)) else [])
            return
        objects: list[Token] = []  # a verb's direct objects
        if trigger.pos == "VERB":
            doer = subject_of(token)
            if (statement := self._statement_of(token)) is not None:
                doer = self._author_of(statement)
            if doer is None and (look := anticipated_by(token)) is not None:
                doer = subject_of(look)  # "the leaders look forward to meeting again"
            if doer is None and trigger.object:
                doer = by_phrase_of_held(token, trigger)  # "a rally by garment workers was held"
            if doer is None and coded.event_type == "AID" and token.dep_ == "acl" and token.head.dep_ == "dobj":
                doer = subject_of(token.head.head)  # "announced a package of $40 million to support ...": the announcer's
            ordered = self._ordered(token, trigger)
            if ordered is not None:  # "ordered the broadcaster to shut down": the orderer's act on it
                doer = subject_of(token.head)
            done_in = None
            if doer is None and trigger.type in FORCE_TYPES:
                # (a weapon or an attack kills, but imposes no curfew: "a curfew was imposed after clashes left five dead")
                doer = (self._weapon_in_when_clause(token) if trigger.type == "ASSAULT" else None) or self._armed_doer_beside(token) \
                    or self._armed_means(token) or (done_in := self._attack_it_was_done_in(token))
            if doer is not None and not coded.mode and (attack := match_trigger(doer, self.lexicon)) and attack.type == trigger.type:
                coded.mode = attack.mode  # "a drone strike hit a bus": how, by the attack that did it
            # a weapon's name is wielded by someone ("a suicide bomber" is a person, not a bomber aircraft)
            if doer is not None and doer.lemma_.lower() in self.lexicon.instruments and not names_people(doer, self.lexicon):
                coded.actor = self._wielder(doer) or (self._armed_owner(doer) if doer is done_in else [])
            else:
                coded.actor = self._joint(doer) or self.actors.entities(doer) or self._sides_of_fighting(doer) or (
                    # (of an act named by a noun, not of people: "disperse hundreds of people protesting")
                    self._noun_actor(doer, trigger.type) if doer is not None and (doer.dep_ == "pobj" or doer is done_in)
                    and match_trigger(doer, self.lexicon) is not None else [])
                # "in a raid by police", "carried out a raid, in which ..."
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
            objects += [shifted] if (shifted := shifted_object(token)) is not None else []
            undergoer = undergoer_of(token)
            slots: list[Token | None] = [undergoer] if undergoer is not None else []
            slots += [ordered] if ordered is not None else []
            if not trigger.object and not trigger.topic:  # "discussed Turkey's deal" is what was talked about
                slots += objects
            elif PERSON_OBJECT in trigger.object:
                # an entry whose object is the person received or done to: that person, or the
                # delegation or envoy it matched on, is the other side, not the place named after
                # it ("welcomed Prime Minister Rutte to the White House", "welcomed a Kenyan
                # delegation to Berlin")
                slots += [o for o in objects if trigger.object & object_words(o)]
            for obj in objects:
                slots += prep_objects(obj, preps)
            slots += prep_objects(token, preps)
            if trigger.object:
                slots += objects
        else:
            slots = prep_objects(token, preps)
            carrier = carrier_noun(token, self.lexicon.word_classes["quantity"])
            if carrier is not None:
                slots += prep_objects(carrier, preps)  # "the largest donor of aid to Sudan"
                if carrier.dep_ in ("dobj", "attr") and carrier.head.pos_ in ("VERB", "AUX"):
                    slots += prep_objects(carrier.head, preps)  # "is the largest contributor of aid to Haiti", hung on "is"
            victim = sufferer(token) or targeted(token) or self._shot_at(token)
            if victim is not None:
                slots.insert(0, victim)
            if token.dep_ == "dobj" and token.head.lemma_.lower() in UNDERGO_VERBS:
                slots.append(subject_of(token.head))
            else:
                coded.actor = self._noun_actor(token, trigger.type) or self._source_of(token, preps) or (
                    self._source_of(carrier, preps) if carrier is not None else []) or (  # "the delivery of aid from Egypt"
                    self._sides_of_fighting(token) if sufferer(token) is not None else [])  # "died in a gunfight with soldiers"
            if token.dep_ in ("dobj", "attr") and token.head.pos_ == "VERB":
                slots += prep_objects(token.head, preps)
            elif (verb := verb_of_prep_phrase(token)) is not None:
                # "thanked Poland for its delivery of arms to Ukraine": "to" hung on "thanked"
                slots += [o for o in prep_objects(verb, preps) if o.i > token.i]
        unnamed: list[Entity] = []
        actor_codes = {e.country for e in coded.actor if e.country}
        against = common_adversary(token, trigger.type, self.lexicon.word_classes["countering_verb"])
        partners = self.lexicon.word_classes["partner"]
        for slot in slots:
            slot = slot if slot is None else self.actors.across(slot) or slot
            if slot is not None and coded.event_type == "REQUEST" and (holder := holder_of_captives(slot)) is not None:
                slot = holder
            if slot is not None and (owner := standing_owner(slot, self.lexicon.word_classes["legal_standing"])) is not None:
                slot = owner  # "her sentence was commuted": done to her
            if slot is None or owned_by_subject(slot, partners) or slot.i in against:
                continue
            entities = [e for e in self.actors.entities(slot) if e not in coded.actor]
            if not any(e.country and e.resolution != "home_country" for e in entities):
                # "a raid on Jenin and Tubas": towns the NER took for no party, or for the article's own
                entities = [e for e in self.actors.place_struck(slot, trigger.type) if e not in coded.actor] or entities
            foreign = [e for e in entities if e.country and e.country not in actor_codes]
            if actor_codes and foreign:  # "ties between Chile and Peru" (by Chile): Peru
                entities = [e for e in entities if e.country not in actor_codes]
            elif entities and actor_codes and {e.country for e in entities} <= actor_codes:
                # "the ties between Chile and Peru", "the Chile-Peru partnership":
                # the other party named in the phrase, not the actor's own country again
                # (people hit where a foreign mission or body stands are not that foreign party)
                other = self.actors.other_party(slot, actor_codes, settings=trigger.type not in FORCE_TYPES)
                if other is None and trigger.type in PROMISED_TYPES and slot in objects:
                    continue  # "offered U.S. assistance to Moldova": the giver's own goods, not whom they are for
                entities = [other] if other is not None else entities
            if entities and slot.lemma_.lower() in partners and {e.country for e in entities} <= ALLIANCE_CODES \
                    and any(c.dep_ == "poss" for c in slot.children):
                entities = self._met_party(coded) or entities  # "we stand with our NATO Ally": NATO allies them
            if len(entities) == 1 and (named := self._named_inside(slot, entities[0])) is not None:
                # "its commitment to the defence of Australia and the Philippines": the name found
                # inside the phrase brings the names coordinated with it
                entities = [e for e in self.actors.entities(named) if e not in coded.actor and e.country not in actor_codes] or entities
            if any(e.country for e in entities):
                located = trigger.type in FORCE_TYPES and token.pos_ == "VERB"
                coded.recipient = self.actors.located(entities, token) if located else entities
                return
            unnamed = unnamed or entities  # "its troops": keep looking for a coded party
        if not unnamed and trigger.type in FORCE_TYPES and trigger.pos == "NOUN" and (victim := sufferer(token)) is not None:
            # "three shepherds lost their lives in artillery fire near Izium": of the place where they died
            unnamed = self.actors.located([found], token.head.head) if (found := self.actors.unnamed(victim)) else []
        # (a charge only in the passive: "the six will be charged"; "charging its neighbour
        # with ..." is a government's accusation of another, whom the object stands for)
        prosecuted = trigger.lemma in PROSECUTION_LEMMAS and undergoer_of(token) is not None
        if not unnamed and (trigger.type in FORCE_TYPES or trigger.mode == CONVICT or prosecuted) and trigger.pos == "VERB":
            # "dozens of people were arrested", "police detained 30 people", "a court sentenced
            # a rapper": unnamed victims are the recipient, before any place the act happened in
            victim = undergoer_of(token) or next((c for c in objects_of(token) if c.dep_ == "dobj"), None)
            if victim is None and trigger.means:  # "a missile slammed into a block of flats": what the weapon hit
                victim = next(iter(prep_objects(token, trigger.preps)), None)
            if victim is not None and trigger.mode == CONVICT and victim.lemma_.lower() in trigger.object:
                # "handed a rapper a prison sentence", "handed death sentences to four men"
                victim = next((c for c in token.children if c.dep_ == "dative"), None) or next(iter(prep_objects(token, preps)), None)
            if victim is not None and _names_the_means(victim, trigger, self.lexicon.instruments):
                # "set fire to houses", "fired shell bombs at targets in Jericho": the light
                # object says what was done or with what, the phrase to what
                # (the parser may hang the at-phrase on the object: "fired birdshot at mourners")
                victim = next(iter(prep_objects(token, trigger.preps) or prep_objects(victim, trigger.preps)), victim)
            if victim is not None and victim.lemma_.lower() in self.lexicon.instruments:
                # "fired tear gas to disperse the students": the weapon is the means, the
                # target is whom the act's purpose clause names
                victim = purpose_object(token)
            found = self.actors.unnamed(victim) if victim is not None else None
            unnamed = [found] if found else []
        self._fallback_recipient(coded, against)
        if unnamed and coded.recipient and all(e.country is None or e.resolution == "home_country" for e in unnamed):
            # unnamed victims are from where it happened: "arrested dozens in Minsk"
            place = next((e.country for e in coded.recipient if e.country and not self.actors.on_a_mission(e)), None)
            unnamed = [replace(e, country=place, resolution="location" if place else e.resolution) for e in unnamed]
        elif unnamed and trigger.type in FORCE_TYPES and token.pos_ == "VERB":
            unnamed = self.actors.located(unnamed, token)  # ... also when the place is a city
        if unnamed and (trigger.type in FORCE_TYPES or not coded.recipient):
            coded.recipient = unnamed


def _own_goods(coded: Coded) -> bool:
    """The only recipient found is the giver's own country, named on what it gives ("offered
    U.S. assistance", "pledged Japanese funding")."""
    own = {e.country for e in coded.actor if e.country}
    goods = [(o.left_edge.idx, o.idx) for o in objects_of(coded.token)] if coded.token.pos_ == "VERB" else []
    return bool(coded.recipient) and bool(own) and all(
        r.country in own and any(start <= r.start < end for start, end in goods) for r in coded.recipient)
