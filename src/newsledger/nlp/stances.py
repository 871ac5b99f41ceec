"""What statements aim at: the author of a statement's clause, restated commitments,
criticism of policies and of acts that went ahead, the party an emphasis presses, and
obligations a statement reports ("Russia said that Sudan must return ..."). A mixin of the
event coder (`self.lexicon`, `self.actors`, `self.meetings`, `self._joint`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from newsledger.nlp.candidates import Coded
from newsledger.nlp.grammar import agent_of, grammatical_subject, is_passive, patient_of, prep_objects, subject_of
from newsledger.nlp.parties import authorities, common_adversary, pressed_parties
from newsledger.nlp.lexicon import Trigger
from newsledger.nlp.sentences import token_words
from newsledger.nlp.triggers import COOPERATION_NOUNS, promised_act
from newsledger.records import Entity

OBLIGATION_AUX = frozenset({"must", "should"})
READY_WORDS = frozenset({"ready", "prepared", "willing", "able"})  # "must be ready to mediate"
REPORTING_VERBS = frozenset(
    {"say", "announce", "reiterate", "insist", "state", "declare", "tell", "stress", "warn", "add", "write", "note",
     "conclude", "argue", "maintain"}
)
# What presses a side to give way: "despite pressure by", "amid calls from", "under pressure from".
PRESSURE_PREPS = frozenset({"despite", "amid", "under", "following", "after"})
PRESSURE_NOUNS = frozenset({"pressure", "call", "demand", "appeal", "criticism", "protest", "urging", "ultimatum"})
# Support nouns a verb voices ("reaffirmed U.S. support", "expressed Japan's solidarity"): whose they are is the actor.
VOICED_SUPPORT = frozenset({"support", "backing", "solidarity"})
# A commitment of these kinds is owed to an ally: restated with no one named, it backs the
# side just met ("reaffirmed the ironclad US alliance commitments" in a meeting with Japan).
ALLY_WORDS = frozenset({"alliance", "defense", "defence", "treaty"})

# Verbs of holding someone: "the release of the hostages held by X" presses X.
HOLDING_VERBS = frozenset({"hold", "detain", "keep", "kidnap", "abduct", "seize", "capture", "imprison", "jail"})


RELEASE_NOUNS = frozenset({"release", "freeing", "freedom"})
HOLDING_NOUNS = frozenset({"detention", "kidnapping", "abduction", "capture", "seizure", "imprisonment", "jailing"})


def holder_of_captives(slot: Token) -> Token | None:
    """"Called for the release of the captives held by the militia", "demanded the release of two
    journalists detained in Iran": a call to free captives is aimed at whoever holds them,
    named by the holding verb's by-phrase or the place they are held in, not at the captives."""
    if slot.lemma_.lower() not in RELEASE_NOUNS:
        return None
    captives = [p for c in slot.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if not captives and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in slot.children):
        # "the hostages held by the militia ... called for their release": the captives told
        # earlier in the sentence
        captives = [t for t in slot.doc[slot.sent.start : slot.i] if t.pos_ in ("NOUN", "PROPN")]
    # (the parser may hang the holding participle on "release" itself: "the release of citizens detained in Russia")
    holding = [a for p in (*captives, slot) for a in p.children if a.dep_ == "acl" and a.lemma_.lower() in HOLDING_VERBS]
    # "the kidnapping of aid workers by the Taliban ... demanded their release"
    holding += [p.head.head for p in captives if p.head.lower_ == "of" and p.head.head.lemma_.lower() in HOLDING_NOUNS]
    for verb in holding:
        agents = [p for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
        places = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "by")
                  for p in c.children if p.dep_ == "pobj" and p.ent_type_ == "GPE"]  # "held in custody in Iran" too
        if agents or places:
            return (agents or places)[0]
    return None


class Stances:
    def _statement_of(self, token: Token) -> Token | None:
        """"released a statement accusing Russia", "posted a message online blaming
        Iran": the statement whose participle clause the act is (its author's act, not a
        description of the noun); word_classes.yaml: statement_noun."""
        if token.dep_ != "acl" or token.tag_ != "VBG":
            return None
        statements = self.lexicon.word_classes["statement_noun"]
        node = token.head
        if node.dep_ == "pobj" and node.head.head != node.head and node.lemma_.lower() not in statements:
            node = node.head.head  # "a message online blaming"
        return node if node.pos_ == "NOUN" and node.lemma_.lower() in statements else None

    @staticmethod
    def _author_of(statement: Token) -> Token:
        """Who wrote it: its owner ("the ministry's statement"), its "by/from" phrase, or the
        subject of the verb that issued it ("Pompeo posted a message")."""
        owner = next((c for c in statement.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        by = [p for c in statement.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
              for p in c.children if p.dep_ == "pobj"]
        if by:
            return by[0]
        if statement.dep_ in ("dobj", "nsubjpass") and statement.head.pos_ == "VERB":
            return subject_of(statement.head) or statement
        return statement

    def _spoken_for(self, coded: Coded, owners: list[Token]) -> list[Entity]:
        """The states whose commitment or support a speaker the article does not place
        voices (the owners' entities with a country); none when the speaker is placed."""
        if any(e.country and e.resolution != "home_country" for e in coded.actor):
            return []
        # "our two nations' commitment" after a meeting: both its parties
        return [e for o in owners for e in (self._joint(o) or self.actors.entities(o)) if e.country]

    def _voiced_support(self, coded: Coded) -> None:
        """"The Secretary reaffirmed U.S. support for Ukraine", "reiterated America's support
        for Taiwan": a speaker the article does not place voices the support of the state
        that owns it (as for a restated commitment). Only a verb whose entry names the noun
        voices it: "welcomed Japan's support" welcomes Japan's act."""
        if coded.token.pos_ != "VERB":
            return
        voiced = VOICED_SUPPORT & coded.trigger.object
        owners = [o for c in coded.token.children if c.dep_ == "dobj" and c.lemma_.lower() in voiced
                  for o in c.children if o.dep_ in ("poss", "compound")]
        named = self._spoken_for(coded, owners)
        if named:  # whose support it is is the supporter, never also its recipient
            owned = {t.idx for o in owners for t in o.subtree}
            coded.actor, coded.recipient = named, [e for e in coded.recipient if e.start not in owned]

    def _restated_commitment(self, coded: Coded, promise: Token) -> None:
        """What restating a commitment is, and to whom. Whose commitment it is ("the United
        States' commitment") is the committed side, never a recipient. Naming a third party,
        it backs it ("to Lebanon's sovereignty", "to providing aid to Ukraine": SUPPORT) or,
        when the act promised is working with it, promises that ("to work with Japan":
        AGREE). Parties restating a shared commitment that names no one else promise each
        other ("the two leaders restated their commitment to close ties": AGREE,
        future, no recipient); one party's commitment naming no one else ("noted its
        commitment to digital skills") is no event."""
        owners = [c for c in promise.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        owned = {t.idx for c in owners for t in c.subtree}
        # "commitment to address the threat posed by North Korea": the adversary is no partner
        owned.update(coded.token.doc[i].idx for i in common_adversary(coded.token, "AGREE", self.lexicon.word_classes["countering_verb"]))
        # "the visit underscores our two nations' commitment to NATO", "Dr. Gordon reaffirmed
        # the United States' commitment"
        joint = promise.lemma_.lower() in COOPERATION_NOUNS and len({e.country for e in coded.actor if e.country}) >= 2
        if not joint:  # "the two vice presidents affirmed our cooperation": still both of theirs
            coded.actor = self._spoken_for(coded, [c for c in owners if c.dep_ == "poss"]) or coded.actor
        parties = {e.country for e in coded.actor if e.country}

        def third(found: list[Entity]) -> list[Entity]:
            return [e for e in found if e.country and e.country not in parties and e.start not in owned]

        pressing = self.lexicon.word_classes["pressing_noun"]
        pressed = third([e for p in pressed_parties(coded.token, pressing) for e in self.actors.entities(p)])
        if pressed:  # "reaffirmed its commitment to maintain sanctions on Belarus": a threat to it
            coded.event_type, coded.mode, coded.recipient = "THREATEN", None, pressed
            return
        act = promised_act(promise)
        # "to support talks on a border deal acceptable to Serbia and Kosovo": whom a thing
        # must suit is not whom the promise backs
        owned.update(t.idx for w in promise.subtree if w.dep_ == "amod" and w.pos_ == "ADJ"
                     and any(c.dep_ == "prep" for c in w.children) for t in w.subtree)
        others = third(coded.recipient)
        for phrase in [c for c in promise.children if c.dep_ == "prep" and c.lower_ == "to"] + ([act] if act else []):
            others = others or third(self.actors.nearest(phrase, exclude_chars=owned))
        others = others or third(self._whose_by_pronoun(coded, promise, parties))
        cooperative = promise.lemma_.lower() in COOPERATION_NOUNS or (
            act is not None and act.lemma_.lower() in self.lexicon.word_classes["cooperative_act"])
        if others:
            coded.recipient = others
            if cooperative:
                coded.event_type, coded.mode, coded.promised = "AGREE", None, True
        elif len(parties) >= 2:
            coded.event_type, coded.mode, coded.promised, coded.recipient = "AGREE", None, True, []
        elif any(c.lemma_.lower() in ALLY_WORDS for c in promise.children if c.dep_ in ("compound", "amod")) \
                and (ally := self._met_party(coded)):
            coded.recipient = ally  # "met Kishida ... reaffirmed the ironclad US alliance commitments": to the ally met
        else:
            coded.event_type = ""  # no event

    def _whose_by_pronoun(self, coded: Coded, promise: Token, parties: set[str]) -> list[Entity]:
        """"reaffirmed their commitment to its security": the party "its" refers to. When it
        reads back to the committed side itself ("the U.S. commitment to its security" after
        a call with Kishida), a commitment to one's own security says nothing: "its" is the
        other side of the latest meeting."""
        hosts = (promise, coded.token)  # the parser may hang the to-phrase on the verb
        for to in (c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > promise.i):
            for pronoun in (t for t in to.subtree if t.dep_ == "poss" and t.lower_ == "its"):
                found = [e for e in self.actors.entities(pronoun) if e.country]
                if found and all(e.country in parties for e in found):
                    return self._met_party(coded)
                return found
        return []

    def _pressed_party(self, coded: Coded) -> list[Entity]:
        """Whom "emphasized the importance of ..." presses: the party named as the doer of
        the act ("the importance of Hamas acting constructively"), else the other
        side of the article's latest meeting, an implied party (no text at the trigger); a
        place in the phrase is not it ("protecting civilians in Gaza"), and when both sides
        speak together nobody is pressed."""
        own = {e.country for e in coded.actor if e.country}
        for obj in (c for c in coded.token.children if c.dep_ == "dobj"):
            for act in (t for t in obj.subtree if t.tag_ in ("VBG", "VB") or t.dep_ == "pobj"):
                doers = [c for c in act.children if c.dep_ in ("nsubj", "poss")]  # also "the need for Russia to withdraw"
                if act.dep_ == "pobj" and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in act.children):
                    doers.append(act)  # "the importance of Iran returning to the talks"
                if act.dep_ == "pobj" and act.head.dep_ == "agent" and act.head.head.lemma_.lower() in HOLDING_VERBS:
                    doers.append(act)  # "the need for the release of the journalists held by the Taliban": who holds them
                found = [e for d in doers for e in self.actors.entities(d) if e.country and e.country not in own]
                if found:
                    return found
        return self._met_party(coded)

    def _met_party(self, coded: Coded) -> list[Entity]:
        """The other side of the article's latest meeting, an implied party (no text at the
        trigger), when one side acts: whom a readout's "the Administration will provide $2
        million" or "emphasized the importance of ..." is addressed to; a meeting told
        earlier in the same sentence is the latest ("met with Kishida, where he emphasized")."""
        own = {e.country for e in coded.actor if e.country}
        if len(own) != 1:
            return []
        here = [c.actor + c.recipient for c in self.told_here if c.event_type == "CONSULT" and c.token.i < coded.token.i
                and any(e.country and e.country not in own for e in c.actor + c.recipient)]
        parties = here[-1] if here else self.meetings[-1][0] if self.meetings else []
        if not own <= {e.country for e in parties}:
            return []  # "welcomed the Arab League's contribution": a third side's act is not for the side met
        others = [e for e in parties if e.country and e.country not in own]
        at = coded.token.idx
        return [replace(e, text="", start=at, end=at, resolution="coreference") for e in others[:1]]

    def _criticised_doer(self, coded: Coded) -> list[Entity]:
        """"Erdogan announced the change despite criticism by Greece", "the law passed amid
        condemnation from rights groups": criticism named as what an act went ahead against
        is aimed at the act's doer. "Jailed 52 members of the movement on allegations of
        treason": the charge an act is done on is against those it is done to."""
        token = coded.token
        if token.pos_ == "VERB" and (doers := self._doers_of_criticised_act(token, coded.actor)):
            return doers
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in ("on", "over") \
                and token.head.head.pos_ == "VERB":
            done_to = patient_of(token.head.head)
            return [e for e in self.actors.entities(done_to) if e.country and e not in coded.actor]
        if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in ("despite", "amid"):
            return []
        host = token.head.head
        for _ in range(2):  # "went ahead with the conversion despite ...": the parser hangs it on the act's noun
            if host.pos_ == "NOUN" and host.dep_ in ("dobj", "pobj"):
                host = host.head.head if host.dep_ == "pobj" else host.head
        if host.pos_ not in ("VERB", "AUX"):
            return []
        return [e for e in self.actors.entities(subject_of(host)) if e.country and e not in coded.actor]

    def _doers_of_criticised_act(self, verb: Token, actor: list[Entity]) -> list[Entity]:
        """"attacked the recognition of the region by Russia", "condemned the decision by the
        court": an act criticised or rejected is aimed at whom its by-phrase names as its doer
        (on the act noun, on its of-phrase or on the active verb, where the parser often hangs it)."""
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
            heads = [obj, *(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)]
            heads += [] if is_passive(verb) else [verb]
            for head in heads:
                doer = agent_of(head)  # the "by" (agent) phrase: the grammar's own reading
                found = [e for e in self.actors.entities(doer) if e.country and e not in actor] if doer is not None else []
                if found:
                    return found
        return []

    def _pressing_party(self, coded: Coded) -> list[Entity]:
        """"declined to resign despite pressure by the anti-corruption commission",
        "stepped down amid calls from the opposition": a refusal, a resignation or a
        concession made against or under pressure answers whoever pressed."""
        token = coded.token
        heads = [token] + ([token.head] if token.dep_ == "xcomp" else [])
        own = {e.country for e in coded.actor if e.country}
        for phrase in (o for head in heads for o in prep_objects(head, PRESSURE_PREPS)):
            if phrase.lemma_.lower() not in PRESSURE_NOUNS:
                continue
            makers = [c for c in phrase.children if c.dep_ == "poss"] + prep_objects(phrase, frozenset({"from", "by"}))
            found = [e for m in makers for e in self.actors.entities(m) if e.country and e.country not in own]
            found = found or [e for m in makers for e in self.actors.entities(m) if e.country]
            if found:
                return found
        return []

    def _policy_makers(self, coded: Coded) -> list[Entity]:
        """"Greece denounced the agreement" after "the Turkish-Libyan maritime agreement":
        criticising or rejecting a policy that names no maker is aimed at whoever the
        article named as its maker before (the same noun, with their names on it); else
        criticism in a story set in the critic's own country is aimed at its own
        authorities ("Trump attacked the subpoena", "the states sued over the emergency");
        word_classes.yaml: protested_policy."""
        token = coded.token
        policies = self.lexicon.word_classes["protested_policy"]
        targets = [c for c in token.children if c.dep_ == "dobj"] if token.pos_ == "VERB" else []
        targets += prep_objects(token, frozenset({"against", "over"}))
        targets += [p for t in targets if t.dep_ == "dobj" for p in prep_objects(t, frozenset({"against", "over"}))]
        policy = next((t for t in targets if t.lemma_.lower() in policies), None)
        if policy is None:
            return []
        at = token.idx
        for earlier in reversed(token.doc[: policy.sent.start]):
            if earlier.lemma_.lower() == policy.lemma_.lower() and earlier.pos_ == "NOUN":
                makers = [e for e in self.actors.entities(earlier) if e.country]
                if makers:
                    return [replace(e, text="", start=at, end=at, resolution="coreference") for e in makers]
        own = {e.country for e in coded.actor if e.country}
        if coded.event_type == "ACCUSE" and own == {self.actors.home}:
            return [authorities(self.actors.home, at)]
        return []

    def _reported_obligations(self, sent: Span, found: list[Coded]) -> list[Coded]:
        """"Russia said that Sudan must return the helicopter" is Russia's demand of Sudan,
        as are "... that Sudan must be ready to return it" and "sent Sudan a reminder that
        it must return it" (a statement noun's that-clause, its sender's demand)."""
        coded_at = {c.token.i: c for c in found}
        added = []
        doc, lowers = sent.doc, token_words(sent.doc)[0]
        obliged = {doc[i].head.i for i in range(sent.start, sent.end) if lowers[i] in OBLIGATION_AUX and doc[i].dep_ == "aux"}
        for clause in (doc[i] for i in sorted(obliged) if sent.start <= i < sent.end):
            demander, addressee = self._demander_of(clause)
            if not demander:
                continue
            token = self._obliged_act(clause)
            if token is None:
                continue
            coded = coded_at.get(token.i)
            if coded is None:
                coded = Coded(token, Trigger(token.lemma_.lower(), "VERB", "REQUEST", "10"))
                added.append(coded)
            coded.event_type, coded.mode, coded.governed_by = "REQUEST", None, None
            subject = grammatical_subject(clause)
            if subject is not None and subject.pos_ == "PRON" and addressee is not None:
                subject = addressee  # "reminded Iraq that it must cooperate": Iraq
            coded.recipient = self.actors.entities(subject) or coded.recipient
            coded.actor = demander
        return added

    def _demander_of(self, clause: Token) -> tuple[list[Entity], Token | None]:
        """Who states the obligation in `clause`, and to whom the statement is addressed:
        the subject of a reporting verb it is the object of, or of the verb whose statement
        noun it completes ("issued a reminder to Iraq that ...")."""
        head = clause.head
        if clause.dep_ == "ccomp" and head.lemma_.lower() in REPORTING_VERBS:
            return self.actors.entities(subject_of(head)), None
        statements = self.lexicon.word_classes["statement_noun"]
        if clause.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in statements \
                and head.dep_ == "dobj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            verb = head.head
            addressee = next((p for c in (*verb.children, *head.children) if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                              for p in c.children if p.dep_ == "pobj"), None)
            addressee = addressee or next((c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"), None)
            return self.actors.entities(subject_of(verb)), addressee
        return [], None

    @staticmethod
    def _obliged_act(clause: Token) -> Token | None:
        """The act an obligation names: the clause's verb, or what one "must be ready (able,
        willing, prepared) to" do."""
        if clause.pos_ == "VERB":
            return clause
        if clause.lemma_ == "be":
            ready = next((c for c in clause.children if c.dep_ == "acomp" and c.lemma_.lower() in READY_WORDS), None)
            if ready is not None:
                return next((c for c in ready.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        return None

    # -- participants ---------------------------------------------------------------
