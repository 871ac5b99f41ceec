"""Whom an act falls on when its direct slots name no one: the nearest name inside what it
is done to, the owner of what a response answers, the listener a promise is told to, the
one ordered to carry out a restriction, and the people a release frees. A mixin of the
event coder (`self.lexicon`, `self.actors`)."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.actors.phrases import COUNTRY_KINDS
from newsledger.nlp.blame import ACCUSATION_NOUNS
from newsledger.nlp.candidates import Coded
from newsledger.nlp.grammar import objects_of, patient_of, subject_of, undergoer_of
from newsledger.nlp.lexicon import Trigger
from newsledger.nlp.ontology import is_conflict
from newsledger.nlp.parties import authorities
from newsledger.nlp.places import PLACE_PREPS
from newsledger.nlp.sentences import subtree_words, token_words
from newsledger.nlp.stances import HOLDING_VERBS, holder_of_captives
from newsledger.nlp.triggers import is_attack_noun, names_people
from newsledger.records import Entity

# Nouns whose of-phrase names who holds the stance ("the desire of the United States to ..."), never a recipient
HELD_STANCES = frozenset({"willingness", "readiness", "desire", "wish", "interest", "intention", "determination",
                          "resolve", "commitment"})

PLACE_TARGET_TYPES = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "CONCEDE", "SANCTION"})
# "complained over Israeli air raids": responses, and the prepositions naming what they answer
ANSWERED_PREPS = frozenset({"over", "about", "to"})
ANSWERING_TYPES = frozenset({"ACCUSE", "REJECT", "AGREE", "CONCEDE", "SUPPORT", "PROTEST"})
# Acts one state does for another, never for itself: its own name in the phrase is not whom they are for.
KIND_TYPES = frozenset({"SUPPORT", "AGREE", "AID", "CONSULT", "COOPERATE"})
# Giving and promising say whom for in a purpose clause.
PURPOSED_TYPES = frozenset({"AGREE", "AID"})
ATTACKED_PREPS = PLACE_PREPS | {"at", "against", "near", "outside", "of"}  # whom and where an attack hit ("the bombing of a chapel")
OBJECT_PLACE_PREPS = frozenset({"in", "near", "outside", "inside", "around", "across", "throughout"})  # "streets in Hong Kong"
# "in violation of UN resolutions", "in breach of the ceasefire": the rule an act breaks
BREACH_NOUNS = frozenset({"violation", "breach", "defiance", "contravention"})
# A state body's rejection, restriction or concession that names no party falls on
# its own country ("Congress denied funding for the wall", "the decree banning the niqab").
DOMESTIC_TARGET_TYPES = frozenset({"REJECT", "COERCE", "CONCEDE"})
STATE_SIDES = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})


class Recipients:
    def _ordered(self, verb: Token, trigger: Trigger) -> Token | None:
        """"ordered the broadcaster to shut down", "forced shops to close": a restriction
        someone is made to carry out is the act of whoever made them (word class
        ordering_verb), done to them; the one ordered, else None."""
        if trigger.type != "COERCE" or verb.dep_ != "xcomp" or any(c.dep_ == "dobj" for c in verb.children):
            return None
        if verb.head.lemma_.lower() not in self.lexicon.word_classes["ordering_verb"]:
            return None
        return next((c for c in verb.head.children if c.dep_ == "dobj"), None) or undergoer_of(verb.head)

    def _named_inside(self, slot: Token, entity: Entity) -> Token | None:
        """The country name deeper in the slot's phrase that `entity` was read from, when it
        has conjuncts; None when the slot names it itself."""
        span = slot.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None or entity.resolution != "lexicon" or slot.i in range(span.start, span.end):
            return None
        named = span[-1]
        return named if named.conjuncts and named in slot.subtree else None

    def _listener(self, coded: Coded) -> list[Entity]:
        """"informed President Ruto that the Administration will provide $2 million": an act
        of cooperation the actor's side tells someone of is done for that listener's side."""
        node = coded.token
        for _ in range(4):
            if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or node.head == node:
                return []
            node = node.head
            if node.lemma_.lower() in self.lexicon.word_classes["telling_verb"]:
                listener = next((c for c in node.children if c.dep_ in ("dobj", "dative")), None)
                own = {e.country for e in coded.actor if e.country}
                speaker = {e.country for e in self.actors.entities(subject_of(node)) if e.country}
                if listener is None or not own or not own <= speaker:
                    return []  # "told Macron that Russia would reopen talks": not the speaker's own act
                return [e for e in self.actors.entities(listener) if e.country and e.country not in own]
        return []

    def _released(self, verb: Token) -> Entity | None:
        """Unnamed people a release frees ("freed fifteen workers", "the eleven were released")."""
        if verb.pos_ != "VERB":
            return None
        held = patient_of(verb)
        return self.actors.unnamed(held) if held is not None else None

    def _fallback_recipient(self, coded: Coded, against: set[int]) -> None:
        """No recipient in the direct slots: the nearest name inside the object phrase
        ("froze a share of the training budget for Mali"), then, for acts done to a place,
        the place ("ordered a lockdown of the port city of Sfax")."""
        token = coded.token
        if coded.trigger.type in ("AGREE", "CONSULT", "COOPERATE") and len({e.country for e in coded.actor if e.country}) >= 2:
            # "they agreed to keep consulting on Venezuela", "Greece and Turkey resumed talks on a
            # Turkish withdrawal", "they coordinated their response to Russia's attacks": a joint
            # promise, talks or joint work name no one else by a topic or venue
            return
        taken = {i for e in coded.actor for i in range(e.start, e.end)}
        taken.update(token.doc[i].idx for i in against)  # what a cooperative act is aimed against
        places = coded.trigger.type in PLACE_TARGET_TYPES
        if token.pos_ == "VERB":
            phrases = [c for c in token.children if c.dep_ in (("xcomp", "ccomp") if coded.trigger.topic else ("dobj", "xcomp", "ccomp"))]
            if not coded.trigger.topic and (undergoer := undergoer_of(token)) is not None:
                phrases.insert(0, undergoer)  # "the legality of the minister's decree was challenged": as its active object
            # "committed to working with Mexico" says what "pledged to work with Peru" says
            phrases += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                        for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"]
            if coded.trigger.type == "REQUEST":  # "called for restraint in Moscow's handling of the protests"
                # (a call to free captives presses whoever holds them: "pressed for the release of two Canadians held in China")
                phrases += [holder_of_captives(p) or p for c in token.children if c.dep_ == "prep" and c.lower_ == "for"
                            for p in c.children if p.dep_ == "pobj"]
            if coded.event_type in PURPOSED_TYPES:  # "committed $5 million to support the elections in Kenya"
                phrases += [c for c in token.children if c.dep_ == "advcl"
                            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
            # "blocked streets in Hong Kong": where a protest happened, not whom it is against
            # (a meeting with officials in Kyiv, aid to people in Gaza, a withdrawal of
            # settlements in Gaza are with, for or from that place's side)
            settings = [p for c in phrases if c.dep_ == "dobj" for p in c.children
                        if p.lower_ in OBJECT_PLACE_PREPS] if coded.trigger.type == "PROTEST" else []
        else:  # a nominal event: its own phrase
            phrases = [token]
            settings = [p for p in token.children if p.lower_ in PLACE_PREPS]
            if is_conflict(coded.trigger.type):  # "air strikes with the Royal Saudi Air Force": means or company, no target
                taken.update(t.idx for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree)
        if coded.trigger.type in ANSWERING_TYPES and token.pos_ == "VERB":
            # "condemned the attack on a school in Kabul": whom and where an answered armed
            # attack hit is not whom the answer is aimed at (its doer is: "Russia's attack on
            # Kyiv"); a raid in Kabul is the Kabul authorities' own act
            settings += [p for c in token.children if c.dep_ == "dobj" and is_attack_noun(c, self.lexicon)
                         for p in c.children if p.dep_ == "prep" and p.lower_ in ATTACKED_PREPS]
        if not places:  # less where it happened
            taken.update(t.idx for prep in settings if prep.dep_ == "prep" for t in prep.subtree)
        # "criticised the ruling on Twitter": where words went out is no party to them
        media = self.lexicon.word_classes["medium"]
        if not media.isdisjoint(subtree_words(token)):
            taken.update(t.idx for p in token.subtree if p.dep_ == "prep" and p.lower_ in ("on", "via")
                         and any(o.dep_ == "pobj" and o.lemma_.lower() in media for o in p.children) for t in p.subtree)
        # "expressed the willingness of the United States to work with ...": whose stance it is holds it
        taken.update(t.idx for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in HELD_STANCES
                     for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree)
        if coded.trigger.type == "SUPPORT" and not HOLDING_VERBS.isdisjoint(
                token_words(token.doc)[1][token.left_edge.i : token.right_edge.i + 1]):
            # "welcomed efforts to free the hostages held by Hamas": the captor is not whom a welcome praises
            taken.update(t.idx for held in token.subtree if held.dep_ == "acl" and held.lemma_.lower() in HOLDING_VERBS
                         and names_people(held.head, self.lexicon) for t in held.subtree)  # not "the vote held by"
        # "tested a missile in violation of UN resolutions": whose rule an act breaks is not whom it is done to
        taken.update(t.idx for prep in token.children if prep.dep_ == "prep" for p in prep.children
                     if p.dep_ == "pobj" and p.lemma_.lower() in BREACH_NOUNS for t in prep.subtree)
        if places:
            frontier = self.lexicon.word_classes["frontier"]
            phrases += [p for c in token.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS for p in c.children
                        # "shelled camps near the Nepalese border" happened there; troops massed on it face across it
                        if coded.trigger.type == "MOBILIZE" or p.lemma_.lower() not in frontier]
        # "called up troops for any conflict against Iran" (the word list spares walking the tree)
        if is_conflict(coded.trigger.type) and "against" in subtree_words(token):
            phrases += [p for t in token.subtree if t.dep_ == "prep" and t.lower_ == "against" for p in t.children]
        own = {e.country for e in coded.actor if e.country}
        for phrase in phrases:
            found = self.actors.nearest(phrase, exclude_chars=taken)
            while found and coded.trigger.type in KIND_TYPES and len(own) == 1 \
                    and all(e.country in own and self._a_state_itself(e) for e in found):
                # "assured Ruto of U.S. support for a transition in Haiti": the next name, not the giver's own state
                taken.update(e.start for e in found)
                found = self.actors.nearest(phrase, exclude_chars=taken)
            if found:
                coded.recipient = found
                return
        if token.pos_ == "VERB" and coded.trigger.type in ANSWERING_TYPES:
            coded.recipient = self._owner_of_answered(token, taken)
        if not coded.recipient and coded.trigger.type == "REJECT" and token.pos_ == "VERB":
            coded.recipient = self._refused(token)

    def _own_country_target(self, coded: Coded) -> list[Entity]:
        """"Congress denied funding for the wall", "the Libyan House rejected the
        demarcation": a state body's rejection, restriction or concession done to something,
        naming no party, falls on its own country (after every other way of finding one)."""
        token = coded.token
        if coded.event_type not in DOMESTIC_TARGET_TYPES or token.pos_ != "VERB" \
                or not any(c.dep_ in ("dobj", "prep", "nsubjpass") for c in token.children):
            return []
        if any(o.lemma_.lower() in ACCUSATION_NOUNS for o in objects_of(token)):
            return []  # "dismissed the allegations as baseless": aimed at the accusers, not at home
        own = {e.country for e in coded.actor if e.country}
        # a body or official, not a state named as itself ("Russia rejected the plan": no target)
        bodies = all(e.sector in STATE_SIDES and not self._a_state_itself(e) for e in coded.actor)
        return [authorities(next(iter(own)), token.idx)] if len(own) == 1 and bodies else []

    def _a_state_itself(self, entity: Entity) -> bool:
        """The entity is a country's own name ("Russia", "Washington", "U.S. support" read from
        the adjective), not a body or person of it."""
        span = self.actors.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        mention = (self.actors.mention_at.get(span.root.i) or self.actors.mention_at.get(span.start)) \
            if span is not None and len(span) else None
        return entity.resolution == "lexicon" and mention is not None and mention.kind in COUNTRY_KINDS

    def _refused(self, verb: Token) -> list[Entity]:
        """"refused to provide the network with a licence", "declined to meet the union":
        a refusal names no one else, so whom the refused act was for, when a person or a
        body (a role word), is whom it turns down; its country is settled as any unnamed
        party's."""
        for act in (c for c in verb.children if c.dep_ == "xcomp"):
            for party in (c for c in act.children if c.dep_ in ("dobj", "dative")):
                if self.actors.names_a_party(party) and (found := self.actors.unnamed(party)):
                    return [found]
        return []

    def _owner_of_answered(self, verb: Token, taken: set[int]) -> list[Entity]:
        """"complained over Israeli air raids", "is opposed to German mediation": the party
        whose act a response answers, named on the act's own noun (its owner, a national
        adjective, "from X"), not anywhere in the phrase. "Accepted demands from rebels",
        "rejected an offer from Kabul": whom its object comes from."""
        for demand in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
            senders = [p for c in demand.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"]
            found = [e for s in senders for e in self.actors.entities(s) if e.start not in taken]
            if found:
                return found
        for prep in sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ANSWERED_PREPS),
                           key=lambda c: c.lower_ == "to"):
            for act in (p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN"):
                owners = [c for c in act.children if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i in self.actors.mention_at)]
                owners += [p for c in act.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children if p.dep_ == "pobj"]
                found = [e for o in owners for e in self.actors.entities(o) if e.country and e.start not in taken]
                if found:
                    return found
        return []


def verb_of_prep_phrase(noun: Token) -> Token | None:
    """The verb a noun's preposition hangs on, directly or through the verb's object
    ("praised Canada for its provision of ...", "thanked the Chancellor for ...")."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    above = noun.head.head
    if above.pos_ == "VERB":
        return above
    return above.head if above.dep_ == "dobj" and above.head.pos_ == "VERB" else None
