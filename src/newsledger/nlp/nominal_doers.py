"""Who does an act named by a noun: its owner or national modifier ("Denmark's
provision of aid", "Israeli air raids"), its by- or from-phrase ("an offer from Argentina"),
the noun that carries it ("the largest donor of aid"), or the subject of the verb that
reports it ("held talks", "went on strike", "responded with air strikes"), never the doer of
an act done to it ("police banned the protest") or of a welcome ("welcomed the release").
A mixin of the event coder (`self.lexicon`, `self.actors`)."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.candidates import FORCE_TYPES, LABEL_VERBS
from newsledger.nlp.grammar import agent_of, anticipated_by, carrier_noun, grammatical_subject, is_passive, subject_of
from newsledger.nlp.not_events import NOTING_VERBS, is_alleged
from newsledger.nlp.suffering import targeted
from newsledger.nlp.triggers import match_trigger
from newsledger.records import Entity

# Acts done to another act ("banned the protest", "rejected the offer"): their doer is not its doer.
ACTS_AGAINST_ACTS = frozenset({"COERCE", "ASSAULT", "SANCTION", "REJECT", "ACCUSE", "THREATEN"})
UNDER_VERBS = frozenset({"come", "be", "remain"})  # "came under fire", "is under attack"
# "Claimed (took, admitted) responsibility for the attack": the claimant did it.
RESPONSIBILITY = frozenset({"responsibility", "credit"})


class NominalDoers:
    def _source_of(self, noun: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Entity]:
        """"demands from Bolivia", "an offer from Argentina", "pressure from Uganda": an act
        named by a noun comes from whom its from-phrase names, unless the trigger reads that
        phrase as the party acted on ("a withdrawal from Gaza")."""
        if "from" in preps:
            return []
        holders = [noun, noun.head.head] if self._shot_at(noun) is not None else [noun]  # "came under fire from gunmen"
        return [e for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                for p in c.children if p.dep_ == "pobj" for e in self.actors.entities(p)]

    def _shot_at(self, noun: Token) -> Token | None:
        """The victim of "police units came under fire from gunmen", "the convoy came under
        attack from rebels" (the subject; the from-phrase, on the noun or the verb, is the
        doer) when an armed side is on either end (word classes armed_side, fighting_force):
        "the minister came under fire from lawmakers" is criticism, not an armed act."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "under" or noun.head.head.lemma_.lower() not in UNDER_VERBS:
            return None
        verb = noun.head.head
        victim = grammatical_subject(verb)
        shooters = [p for h in (noun, verb) for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                    for p in c.children if p.dep_ == "pobj"]
        armed = self.lexicon.word_classes["armed_side"] | self.lexicon.word_classes["fighting_force"]
        sides = [t for s in (victim, *shooters) if s is not None for t in (s, *s.children) if t.i <= s.i]
        return victim if any(t.lemma_.lower() in armed for t in sides) else None

    def _under_words(self, noun: Token) -> bool:
        """"The plan came under attack from critics": what no armed side suffers or does,
        told as something the subject came under, is words, not violence."""
        return noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() in UNDER_VERBS \
            and self._shot_at(noun) is None

    def _noun_actor(self, noun: Token, event_type: str) -> list[Entity]:
        for child in noun.children:
            if self.actors.for_or_against(child):
                continue  # "anti-US protests": the protests' target, not their doer
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.i in self.actors.mention_at):
                entities = self.actors.entities(child)
                if entities:
                    return entities
        agent = agent_of(noun)
        if agent is not None:
            return self.actors.entities(agent)
        claimed = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
        if claimed is not None and claimed.lemma_.lower() in RESPONSIBILITY and claimed.head.pos_ == "VERB":
            return self.actors.entities(subject_of(claimed.head))  # "claimed responsibility for the attack"
        if targeted(noun) is not None:
            return []  # "the embassy was the target of an attack": its victim, not its doer
        if (carrier := carrier_noun(noun, self.lexicon.word_classes["quantity"])) is not None:
            noun = carrier  # "held seven hours of talks": the talks take the actor of "held"
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None and (found := self.actors.entities(owner)):
                return found  # "Denmark's provision of security assistance"
        head = noun.head
        if head != noun and head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
            done_to = match_trigger(head, self.lexicon)
            if done_to is not None and done_to.type in ACTS_AGAINST_ACTS and done_to.type != event_type:
                return []  # "police banned the protest": the police's act on it, not their protest
            if head.lemma_.lower() in self.lexicon.word_classes["acknowledgement"]:
                return []  # "welcomed the release of the hostages": someone else's act
            if head.lemma_.lower() in NOTING_VERBS and any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children):
                return []  # "noted the delivery of wheat from Algeria": the source's act, not the noter's
            if head.lemma_.lower() in LABEL_VERBS:
                return []  # "in what officials call the deadliest attack": they name it, not did it
            return self.actors.entities(subject_of(head))
        if (look := anticipated_by(noun)) is not None:
            return self.actors.entities(subject_of(look))  # "looks forward to the visit"
        classes = self.lexicon.word_classes
        verb = head.head.lemma_.lower()
        # "went on strike", "gathered in protest", "shops closed in protest" (gathering_verb;
        # "resigned in protest" is a resignation, not a protest of its own)
        if (noun.dep_ == "pobj" and not any(c.dep_ == "det" for c in noun.children) and head.head.pos_ in ("VERB", "AUX")
                and (head.lower_ == "on" or (head.lower_ == "in" and verb in classes["gathering_verb"]))):
            return self.actors.entities(subject_of(head.head))
        if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB" and verb in classes["taking_part_verb"]:
            return self.actors.entities(grammatical_subject(head.head))  # "were engaged in ethnic cleansing"
        if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB" and verb in classes["journey_verb"]:
            return self.actors.entities(subject_of(head.head))  # "converged on the capital for a rally", "return to Geneva for talks"
        if noun.dep_ == "pobj" and head.lower_ == "with" and verb in classes["answering_verb"] | classes["proceeding_verb"]:
            return self.actors.entities(subject_of(head.head))  # "responded with air strikes", "moved ahead with a loan"
        fought_with = any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)  # "after fighting with troops"
        if noun.dep_ == "pobj" and (head.lower_ in ("during", "in") or (fought_with and head.lower_ in ("after", "amid"))) \
                and event_type in FORCE_TYPES and head.head.pos_ == "VERB" \
                and not is_passive(head.head) and not is_alleged(head.head) \
                and getattr(match_trigger(head.head, self.lexicon), "type", None) in FORCE_TYPES:
            # "troops killed two gunmen during a raid on the camp": the raid is the killers' own
            # (not when the killing is only alleged: "accused of killing a guard in an attack")
            return self.actors.entities(subject_of(head.head))
        return []
