"""How a sentence's triggers fit together: a nominal trigger inside a verb trigger's phrase
is part of that event ("imposed sanctions"), and a governing trigger ("threatened to",
"agreed to", "urged ... to") absorbs the act it governs, as PLOVER codes "X threatened to
impose sanctions" as one THREATEN event. A mixin of the event coder (`self.lexicon`,
`self.actors`)."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.candidates import Coded, governing_verb, states_the_cause
from newsledger.nlp.clauses import complement_subject, complements
from newsledger.nlp.grammar import is_passive, subject_of
from newsledger.nlp.ontology import THREAT_MODES, is_conflict
from newsledger.nlp.parties import CROWD_CONTROL
from newsledger.nlp.protests import protest_target


class Absorption:
    @staticmethod
    def _merge_light_objects(found: list[Coded]) -> list[Coded]:
        """A nominal trigger inside a verb trigger's phrase ("imposed sanctions", "arrived
        on a visit") is part of that event when the verb names the same act."""
        verbs = {c.token.i: c for c in found if c.trigger.pos == "VERB"}
        kept = []
        for coded in found:
            verb = governing_verb(coded.token, verbs) if coded.trigger.pos == "NOUN" else None
            if verb and verb.trigger.mode == CROWD_CONTROL and coded.trigger.type == "PROTEST":
                kept.append(coded)  # "broke up a rally by garment workers": the rally is told too
                continue
            if verb and (coded.token.lemma_.lower() in verb.trigger.object or verb.trigger.type == coded.trigger.type):
                verb.merged.append(coded.token)
                continue
            kept.append(coded)
        return kept

    def _purpose_of_staging(self, protest: Coded) -> list[Token]:
        """"began a hunger strike to demand ...", "continued their sit-in to protest ...": the
        purpose clause hangs on the verb that stages the protest, and is the protest's."""
        token = protest.token
        if protest.event_type != "PROTEST" or token.pos_ != "NOUN" or token.dep_ != "dobj" \
                or token.head.lemma_.lower() not in self.lexicon.word_classes["occurrence_verb"]:
            return []
        return [c for c in token.head.children if c.dep_ in ("advcl", "xcomp") and c.i > token.i]

    def _absorb(self, found: list[Coded]) -> None:
        """Governing triggers take over the act they govern and, if they lack them, its
        participants; the addressee of "demanded that X ..." is the recipient."""
        by_token = {c.token.i: c for c in found}
        for parent in found:
            if not parent.trigger.governs and parent.event_type != "PROTEST":
                continue
            if parent.trigger.counterpart and not parent.recipient:
                continue  # "both presidents stressed the importance of cooperating": nobody pressed, their own promise
            addressee = complement_subject(parent.token) if parent.trigger.governs else None
            if addressee is not None and not parent.recipient:
                # "demanded that the US cancel": the US; "warned that it would retaliate": nobody
                own = {e.country for e in parent.actor if e.country}
                parent.recipient = [e for e in self.actors.entities(addressee) if not (e.country and e.country in own)]
            for child in complements(parent.token) + self._purpose_of_staging(parent):
                coded = by_token.get(child.i)
                if coded is None or coded is parent or coded.governed_by is not None:
                    continue
                if not parent.trigger.governs and not states_the_cause(parent, coded, child):
                    continue
                if parent.trigger.conflict_only and _claims_own_act(parent, coded):
                    continue
                coded.governed_by = parent
                if is_conflict(coded.event_type) and parent.trigger.conflict_type:
                    parent.event_type = parent.trigger.conflict_type
                if parent.event_type == "THREATEN" and not parent.mode:
                    parent.mode = THREAT_MODES.get(coded.event_type) or coded.mode
                if not _joint_promise(parent) and not _own_harm_feared(parent, coded):
                    # "Thailand and Cambodia agreed to a ceasefire, after talks hosted by Malaysia": no third party
                    parent.recipient = protest_target(parent, coded)
                parent.actor = parent.actor or coded.actor



def _claims_own_act(claim: Coded, act: Coded) -> bool:
    """"The group claimed it had killed ten soldiers", "claimed responsibility for the
    bombing": an act a side claims as its own is its act, no accusation of anyone; only a
    verb told of a named other side is ("claimed Ukraine had shelled the plant")."""
    subject = subject_of(act.token) if act.token.pos_ == "VERB" else None
    if subject is None or subject.pos_ == "PRON":
        return True
    claimants = {e.country for e in claim.actor if e.country}
    return bool(claimants) and {e.country for e in act.actor if e.country} <= claimants


def _own_harm_feared(parent: Coded, condition: Coded) -> bool:
    """"Threatened to close the strait if it is attacked": a condition told in the passive
    whose victims are the threatener's own side is what it fears, not whom it threatens."""
    token = condition.token
    own = {e.country for e in parent.actor if e.country}
    return token.dep_ == "advcl" and is_passive(token) and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children) \
        and bool(condition.recipient) and all(e.country in own for e in condition.recipient)


def _joint_promise(coded: Coded) -> bool:
    """A promise two or more countries make together names its parties as actors only."""
    return coded.event_type == "AGREE" and len({e.country for e in coded.actor if e.country}) >= 2
