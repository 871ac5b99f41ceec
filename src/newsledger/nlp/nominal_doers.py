"""Who does an act named by a noun: its owner or national modifier ("Denmark's
provision of aid", "Israeli air raids"), its by- or from-phrase ("an offer from Argentina"),
the noun that carries it ("the largest donor of aid"), or the subject of the verb that
reports it ("held talks", "went on strike", "responded with air strikes"), never the doer of
an act done to it ("police banned the protest") or of a welcome ("welcomed the release").
A mixin of the event coder (`self.lexicon`, `self.actors`)."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.candidates import LABEL_VERBS
from newsledger.nlp.grammar import agent_of, anticipated_by, carrier_noun, grammatical_subject, subject_of, targeted
from newsledger.nlp.triggers import match_trigger
from newsledger.records import Entity

# Acts done to another act ("banned the protest", "rejected the offer"): their doer is not its doer.
ACTS_AGAINST_ACTS = frozenset({"COERCE", "ASSAULT", "SANCTION", "REJECT", "ACCUSE", "THREATEN"})
# "Claimed (took, admitted) responsibility for the attack": the claimant did it.
RESPONSIBILITY = frozenset({"responsibility", "credit"})


class NominalDoers:
    def _source_of(self, noun: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Entity]:
        """"demands from Bolivia", "an offer from Argentina", "pressure from Uganda": an act
        named by a noun comes from whom its from-phrase names, unless the trigger reads that
        phrase as the party acted on ("a withdrawal from Gaza")."""
        if "from" in preps:
            return []
        return [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                for p in c.children if p.dep_ == "pobj" for e in self.actors.entities(p)]

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
        return []
