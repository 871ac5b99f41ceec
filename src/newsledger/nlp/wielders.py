"""Who an act done through something else belongs to: a weapon's wielder ("its jets
bombed", "a missile fired by the rebels", "struck with a police baton"), a decree's or a
statement's issuer ("signed a decree banning", "issued a statement condemning"), both
sides of fighting named as the doer, the attack or raid an act was suffered in ("killed in
Russian shelling"), the forces that are moved or exercise together. A mixin of the event
coder (`self.lexicon`, `self.actors`)."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.candidates import FORCE_TYPES, Coded
from newsledger.nlp.grammar import agent_of, grammatical_subject, is_passive, patient_of, prep_objects, subject_of
from newsledger.nlp.suffering import joined_passives, suffers
from newsledger.nlp.triggers import is_attack_noun
from newsledger.records import Entity

EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "wargame"})
DEFENCES = frozenset({"defence", "defense", "force", "army", "military", "troop", "presence", "garrison", "capability"})


class Wielders:
    def _forces_moved(self, coded: Coded) -> None:
        """The troops or police deployed are the side that mobilises, not its target:
        "soldiers were deployed to the area" is the soldiers' (their country's) act, and
        "Kenya deployed police officers" has no target but where they were sent against."""
        if coded.trigger.pos != "VERB":
            return
        moved = patient_of(coded.token)
        if moved is None:
            return
        forces = [e for e in coded.recipient if e.start <= moved.idx < e.end]  # not "(its forces) in Lebanon"
        if not forces:
            return
        coded.recipient = [e for e in coded.recipient if e not in forces]
        if not coded.actor:
            coded.actor = forces
        if not coded.recipient:
            against = prep_objects(coded.token, frozenset({"against"})) + prep_objects(moved, frozenset({"against"}))
            coded.recipient = [e for t in against for e in self.actors.entities(t)]

    def _joint_exercise(self, coded: Coded) -> None:
        """"The United States and South Korea began joint military exercises", "China held
        naval drills with Russia": forces exercising together cooperate (PLOVER: COOPERATE),
        every party an actor; one state's exercises stay a show of force (MOBILIZE)."""
        token = coded.token
        drill = token if token.pos_ == "NOUN" else next((c for c in token.children if c.dep_ == "dobj"), None)
        if (drill is not None and drill.lemma_.lower() == "part") or token.lemma_.lower() == "participate":
            # "took part in joint exercises" (not "In January, ...")
            drill = next((p for p in prep_objects(token, frozenset({"in"})) if p.lemma_.lower() in EXERCISES), None)
        if coded.event_type != "MOBILIZE" or drill is None or not (drill.lemma_.lower() in EXERCISES or (
                drill.lemma_.lower() == "game" and any(c.lower_ == "war" for c in drill.children))):  # "war games"
            return
        partners = [e for t in prep_objects(drill, frozenset({"with"})) + prep_objects(token, frozenset({"with"}))
                    for e in self.actors.entities(t) if e.country]
        parties = coded.actor + [e for e in partners if e.country not in {a.country for a in coded.actor}]
        joint = any(c.lower_ == "joint" for c in drill.children)
        if len({e.country for e in parties if e.country}) >= 2 or (joint and partners):
            coded.event_type, coded.mode, coded.actor, coded.recipient = "COOPERATE", None, parties, []

    def _defence_of_another(self, coded: Coded) -> None:
        """"is strengthening Ukraine's air defenses", "bolstered Taiwan's defence": forces or
        defences built up for another country are military aid to it (PLOVER: AID), not a
        show of force; one's own ("strengthened its defences") stay MOBILIZE."""
        obj = next((c for c in coded.token.children if c.dep_ == "dobj"), None) if coded.trigger.pos == "VERB" else None
        owner = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
        if coded.event_type != "MOBILIZE" or owner is None or obj.lemma_.lower() not in DEFENCES:  # not "our shared interests"
            return
        own = {e.country for e in coded.actor if e.country}
        helped = [e for e in self.actors.entities(owner) if e.country and e.country not in own]
        if own and helped:
            coded.event_type, coded.mode, coded.recipient = "AID", None, helped

    def _sides_of_fighting(self, act: Token | None) -> list[Entity]:
        """"Fighting between the army and the RSF killed 40 civilians": both sides of the
        fighting named as the doer are the actors; "two rebels were killed in a firefight with
        army troops": the side the victims fought is."""
        if act is None:
            return []
        # "were killed in a shoot-out with police": the parser may hang the with-phrase on the verb
        holders = [act, act.head.head] if act.dep_ == "pobj" and act.head.lower_ in ("in", "during") else [act]
        for word in ("between", "with"):
            sides = [e for holder in holders for prep in holder.children if prep.dep_ == "prep" and prep.lower_ == word
                     for p in prep.children if p.dep_ == "pobj" for e in self.actors.entities(p)]
            if sides:
                return sides
        return []

    def _what_an_instrument_does(self, verb: Token) -> bool:
        """"signed a decree banning the niqab", "issued an order suspending the broadcaster":
        the participle says what the instrument does, an act of whoever issued it, not a
        description in the background."""
        return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in self.lexicon.instruments

    def _weapon_in_when_clause(self, verb: Token) -> Token | None:
        """"Four people were killed when shells fired by the rebels landed on a market", "...
        when an Israeli air strike levelled a building": an agentless act whose time clause
        has a weapon or an armed attack as its subject is that weapon's or attack's act."""
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "after") for c in clause.children):
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subject is not None and (subject.lemma_.lower() in self.lexicon.instruments
                                            or is_attack_noun(subject, self.lexicon)):
                    return subject
        return None

    def _attack_it_was_done_in(self, verb: Token) -> Token | None:
        """"Four civilians were killed in Russian shelling", "died during an Israeli air
        strike", "were shot dead during a police raid": the attack or raid the act was
        suffered in is its doer (its owner the actor, never a place nor the victims' country).
        The phrase on the last of conjoined passives is every one's ("a student was killed and
        several were injured in clashes between ...")."""
        # (the elliptical forms only fold the attack into the act there: candidates.tells_how)
        conjoined = joined_passives(verb, elliptical=False)
        if verb.dep_ == "conj" and is_passive(verb) and agent_of(verb) is None and suffers(verb.head):
            conjoined.append(verb.head)  # "a boy died in police firing and two others were wounded"
        for prep in (*verb.children, *(p for c in conjoined for p in c.children)):
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
                for p in prep.children:
                    if p.dep_ == "pobj" and (is_attack_noun(p, self.lexicon, FORCE_TYPES) or owner_read_as_object(p, verb)):
                        return p
                    if p.dep_ == "pobj" and p.lower_ == "which" and verb.dep_ == "relcl" \
                            and (raid := self._raid_told_before(verb.head)) is not None:
                        return raid  # "carried out a raid on a hideout, in which four militants were killed"
        return None

    def _raid_told_before(self, noun: Token) -> Token | None:
        """The attack or raid a relative clause ("in which ...") hangs on: its antecedent, or
        the attack whose target phrase the parser gave the clause to ("a raid on a camp, in which")."""
        for _ in range(3):
            if is_attack_noun(noun, self.lexicon, FORCE_TYPES):
                return noun
            if noun.dep_ != "pobj" or noun.head.head == noun.head:
                return None
            noun = noun.head.head
        return None

    def _armed_doer_beside(self, verb: Token) -> Token | None:
        """"Security forces fired tear gas at the march, and several journalists were beaten",
        "two reporters were beaten as police broke up the sit-in": an agentless violent act
        told in the passive beside a clause whose subject is an armed side (word class
        armed_side) is that side's, unless it fell on an armed side itself ("police charged
        and two officers were hurt")."""
        if not is_passive(verb) or agent_of(verb) is not None:
            return None
        armed = self.lexicon.word_classes["armed_side"]
        victim = grammatical_subject(verb)
        if victim is None or victim.lemma_.lower() in armed:
            return None
        beside = [verb.head] if verb.dep_ == "conj" else []
        beside += [c for c in verb.children if c.dep_ == "conj" or (c.dep_ == "advcl" and any(
            m.dep_ in ("mark", "advmod") and m.lower_ in ("as", "when", "while") for m in c.children))]
        for clause in beside:
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() in armed:
                return subject
        return None

    def _armed_means(self, verb: Token) -> Token | None:
        """"A pensioner was struck with a police baton", "were beaten with army rifle butts":
        an agentless act done with an instrument an armed side's name marks (word class
        armed_side) is that side's."""
        if not is_passive(verb) or agent_of(verb) is not None:
            return None
        armed = self.lexicon.word_classes["armed_side"]
        return next((m for p in prep_objects(verb, frozenset({"with"})) for m in p.subtree
                     if m.i < p.i and m.dep_ in ("compound", "amod") and m.lemma_.lower() in armed), None)

    def _wielder(self, weapon: Token) -> list[Entity]:
        """Who a weapon's act belongs to: its owner ("its jets"), whoever fired it ("a
        missile fired by Houthi forces"), a party named on it ("Turkish warplanes"), or the
        country's military ("a military jet"); nobody when the text does not say."""
        owner = next((c for c in weapon.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self.actors.entities(owner)
        for clause in weapon.children:
            if clause.dep_ == "acl" and (agent := agent_of(clause)) is not None:
                return self.actors.entities(agent)
        if weapon.dep_ == "dobj" and weapon.head.pos_ == "VERB":  # "the prime minister signed a decree banning"
            return self.actors.entities(subject_of(weapon.head))
        named = [e for e in self.actors.entities(weapon) if e.country and e.resolution not in ("home_country", "unresolved")]
        if named:
            return named
        if any(c.lemma_.lower() in self.lexicon.word_classes["military_modifier"] for c in weapon.children if c.dep_ in ("amod", "compound")) and self.actors.home:
            return [Entity("", "military", self.actors.home, "MIL", weapon.idx, weapon.idx, "home_country")]
        return []


def owner_read_as_object(word: Token, verb: Token) -> bool:
    """"were killed in Sudanese shelling", "in army shelling" parsed as "in Sudanese" + "shelling":
    the nationality or side the parser took for the phrase is the owner of the attack after it."""
    after = word.nbor() if word.i + 1 < len(word.doc) else None
    return ((word.ent_type_ == "NORP" or word.pos_ == "NOUN") and after is not None and after.dep_ == "advcl"
            and after.head == verb and after.tag_ == "VBG")
