"""The event coder: trigger words from the lexicon, participants from the dependency parse.

One pass per sentence finds trigger tokens (verbs and nominal events), fills actor and
recipient from subjects, objects, passive agents, possessives and prepositions, then lets
governing triggers ("threatened to", "agreed to", "urged ... to") absorb the act they
govern, as PLOVER codes "X threatened to impose sanctions" as one THREATEN event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from newsledger.nlp.actors import FOREIGN_HEADS, ActorResolver
from newsledger.nlp.lexicon import Lexicon, Trigger
from newsledger.nlp.ontology import THREAT_MODES, is_conflict
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
PLACE_TARGET_TYPES = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "CONCEDE", "RETREAT", "SANCTION"})
# Coercion is the state's: an agentless arrest, raid, ban or curfew is the authorities' act
# in the country of those it falls on.
STATE_ACT_TYPES = frozenset({"COERCE"})
PLACE_PREPS = frozenset({"in", "into", "near", "across", "throughout", "inside", "on"})
OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
PERSON_OBJECT = "@person"  # in a trigger's `object` list: any named person
OBLIGATION_AUX = frozenset({"must", "should"})
REPORTING_VERBS = frozenset(
    {"say", "announce", "reiterate", "insist", "state", "declare", "tell", "stress", "warn", "add", "write", "note",
     "conclude", "argue", "maintain"}
)
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "advcl", "attr", "oprd"})
# Unnamed domestic institutions act where the one they act on is: "police detained a
# journalist" in a story about Belarus.
LOCAL_ACTOR_SECTORS = frozenset({"COP", "JUD"})
# Verbs by which a nominal act is reported as happening: "staged a protest", "clashes
# erupted", "an attack killed five". A definite noun with none of them ("the murder",
# "Jamal's killing", "the sanctions") names an act the reader already knows.
OCCURRENCE_VERBS = frozenset(
    {"hold", "stage", "launch", "carry", "conduct", "impose", "issue", "file", "lodge", "announce", "begin", "start",
     "mount", "make", "order", "call", "open", "sign", "reach", "deliver", "express", "offer", "level", "slap",
     "unleash", "declare", "organise", "organize", "lead", "join", "wage", "resume", "extend", "step", "give",
     "erupt", "occur", "break", "happen", "hit", "kill", "strike", "target", "wound", "injure", "destroy", "damage",
     "leave", "spread", "claim", "take", "send", "provide", "pledge", "approve", "agree", "sign", "hold", "face"}
)
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Causes that are nobody's act: "a flood killed dozens", "police are investigating the crash".
NON_POLITICAL_CAUSES = frozenset(
    {"flood", "flooding", "earthquake", "quake", "storm", "cyclone", "hurricane", "typhoon", "tornado", "tsunami",
     "landslide", "mudslide", "avalanche", "wildfire", "blaze", "drought", "heatwave", "accident", "crash",
     "collision", "derailment", "outbreak", "epidemic", "pandemic", "virus", "disease", "lightning", "eruption"}
)
INDUSTRIAL_MODIFIERS = frozenset({"factory", "gas", "industrial", "chemical", "mine", "boiler", "pipeline", "plant", "refinery"})
ACCIDENT_HEADS = frozenset({"blast", "explosion", "fire", "leak", "collapse"})
FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
# Verbs whose subject is the victim of the act named in their "in/during/by" phrase:
# "two protesters died in police firing".
# "the two leaders", "both sides", "they" after a meeting: its parties.
JOINT_HEADS = frozenset({"leader", "side", "country", "government", "president", "minister", "delegation", "party", "nation"})
SUFFER_VERBS = frozenset({"die", "kill", "injure", "wound", "hurt", "perish", "maim"})


@dataclass(slots=True)
class Coded:
    """A trigger found in a sentence, with what the parse says about its participants."""

    token: Token
    trigger: Trigger
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    event_type: str = ""
    mode: str | None = None
    governed_by: "Coded | None" = None
    merged: list[Token] = field(default_factory=list)

    @property
    def coder(self) -> str:
        kind = "verb" if self.trigger.pos == "VERB" else "noun"
        matched = sorted(self.trigger.object & {o.lemma_.lower() for o in _objects(self.token)})
        detail = "+".join(matched[:1]) or self.trigger.particle
        return f"rule:{kind}:{self.trigger.lemma}" + (f"+{detail}" if detail else "")


def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB":
        return "VERB"
    if token.pos_ == "NOUN":
        return "NOUN"
    return None


def _objects(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    # "granted Stanton a full pardon", parsed as the thing in apposition to the person
    objs += [a for c in token.children if c.dep_ == "dative" for a in c.children if a.dep_ == "appos"]
    return [t for o in objs for t in (o, *o.conjuncts)]


def _has_particle(token: Token, particle: str) -> bool:
    return any(c.lemma_.lower() == particle and c.dep_ in ("prt", "prep", "advmod") for c in token.children)


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The most specific lexicon entry whose constraints this token meets."""
    pos = _pos(token)
    if pos is None:
        return None
    entries = lexicon.triggers.get((token.lemma_.lower(), pos))
    if pos == "VERB" and _suffered_in(token) is not None:  # "in police firing": the act as a noun
        entries = lexicon.triggers.get((token.lower_, "NOUN")) or entries
    if not entries:
        return None
    objects = set()
    if pos == "VERB":
        for obj in _objects(token):
            objects.add(obj.lemma_.lower())
            if obj.ent_type_ == "PERSON":
                objects.add(PERSON_OBJECT)
    else:  # a noun's modifiers narrow it: "air strike", "drone strike"
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
    best: Trigger | None = None
    for entry in entries:
        if entry.object and not entry.object & objects:
            continue
        if entry.particle and not _has_particle(token, entry.particle):
            continue
        if entry.intransitive and any(c.dep_ == "dobj" for c in token.children):
            continue
        if best is None or entry.specificity > best.specificity:
            best = entry
    return best


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


STATEMENT_NOUNS = frozenset({"statement", "letter", "communique", "communiqué", "resolution", "declaration", "report", "note"})


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    # "was condemned in a joint statement by Egypt, Greece and Cyprus"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "through", "with"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in STATEMENT_NOUNS:
                    return _agent(pobj)
    return None


def grammatical_subject(verb: Token, depth: int = 0) -> Token | None:
    """nsubj or nsubjpass, inherited through xcomp and coordinated verbs."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    head = verb.head
    if depth < 4 and verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and head != verb and head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in head.children):
            return next(c for c in head.children if c.dep_ == "dobj")  # "urged Russia to withdraw"
        return grammatical_subject(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG") and head.pos_ in ("NOUN", "PROPN"):
        return head  # "the diplomats expelled on Monday", "the country that expelled them"
    return None


def subject_of(verb: Token) -> Token | None:
    """The doer of a verb: its agent when passive, else its grammatical subject."""
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return _agent(verb)
    return grammatical_subject(verb)


def undergoer_of(verb: Token) -> Token | None:
    """Who a passive verb happens to: "27 diplomats had been expelled"."""
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return grammatical_subject(verb)
    return None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the trigger's prepositions; "spoke with X to discuss", which the parser
    reads as "with [X to discuss]", gives X too."""
    found = []
    for child in token.children:
        if child.dep_ not in ("prep", "dative") or child.lower_ not in preps:
            continue
        for pobj in child.children:
            if pobj.dep_ == "pobj":
                found.append(pobj)
            elif pobj.dep_ == "pcomp" and pobj.pos_ == "VERB":
                found += [c for c in pobj.children if c.dep_ == "nsubj" and c.i < pobj.i]
    return found


class EventCoder:
    """Codes the sentences of one article."""

    def __init__(self, lexicon: Lexicon, actors: ActorResolver) -> None:
        self.lexicon = lexicon
        self.actors = actors
        self.meetings: list[list[Entity]] = []  # parties of the article's meetings so far, in order

    def code(self, sent: Span) -> list[Coded]:
        found = [
            Coded(t, trig) for t in sent
            if (not _describes_a_noun(t) or _suffered_in(t)) and not _names_a_known_act(t)
            and (trig := match_trigger(t, self.lexicon))
        ]
        found = self._merge_light_objects(found)
        labels = [t for t in sent if _labels_in_quotes(t) and all(c.token != t for c in found)]
        labelled = {c.i for t in labels for c in t.children if c.dep_ == "dobj"}
        found = [c for c in found if c.token.i not in labelled] + [Coded(t, LABELLING) for t in labels]
        found = [c for c in found if not _no_political_party(c)]
        for coded in found:
            coded.event_type, coded.mode = coded.trigger.type, coded.trigger.mode
            self._fill(coded)
        self._absorb(found)
        found += self._reported_obligations(sent, found)
        kept = [c for c in found if c.governed_by is None and (c.actor or c.recipient)]
        kept = [c for c in _merge_same_act(kept) if not self._same_meeting(c)]
        return kept

    def _same_meeting(self, coded: Coded) -> bool:
        """One meeting is one event however often the article returns to it ("the two
        leaders discussed ..."): a meeting whose parties are among an earlier one's is it."""
        if coded.event_type != "CONSULT":
            return False
        parties = {e.country for e in coded.actor + coded.recipient if e.country}
        for earlier in self.meetings:
            if parties <= {e.country for e in earlier if e.country}:
                return True
        if len(parties) >= 2 or (parties and coded.recipient):
            self.meetings.append(coded.actor + coded.recipient)
        return False

    def _joint(self, head: Token | None) -> list[Entity]:
        """"The two leaders", "both leaders", "they" after a meeting: every party to the
        latest meeting of the article."""
        if head is None or not self.meetings:
            return []
        lemma = head.lemma_.lower()
        words = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        if lemma in ("they", "both") or (lemma in JOINT_HEADS and head.tag_ == "NNS" and words & {"two", "both", "the"}):
            parties = self.meetings[-1]
            if len({e.country for e in parties}) >= 2:
                span = head.doc[head.left_edge.i : head.i + 1]
                return [replace(e, text=span.text, start=span.start_char, end=span.end_char) for e in parties]
        return []

    def _reported_obligations(self, sent: Span, found: list[Coded]) -> list[Coded]:
        """"Russia said that Sudan must return the helicopter" is Russia's demand of Sudan."""
        coded_at = {c.token.i: c for c in found}
        added = []
        for token in sent:
            if token.pos_ != "VERB" or token.dep_ != "ccomp" or token.head.lemma_.lower() not in REPORTING_VERBS:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in token.children):
                continue
            demander = self.actors.entities(subject_of(token.head))
            if not demander:
                continue
            coded = coded_at.get(token.i)
            if coded is None:
                coded = Coded(token, Trigger(token.lemma_.lower(), "VERB", "REQUEST", "10"))
                added.append(coded)
            coded.event_type, coded.mode, coded.governed_by = "REQUEST", None, None
            coded.recipient = self.actors.entities(grammatical_subject(token)) or coded.recipient
            coded.actor = demander
        return added

    # -- participants ---------------------------------------------------------------
    def _fill(self, coded: Coded) -> None:
        """Actor and recipient from the parse, then what the kind of act implies: local
        protesters, local unnamed parties, the authorities behind an agentless arrest."""
        self._fill_slots(coded)
        if coded.trigger.type == "PROTEST":
            self._local_protest(coded)
        _local_parties(coded)
        if not coded.actor and coded.trigger.type in STATE_ACT_TYPES:
            coded.actor = _implied_authorities(coded)

    def _fill_slots(self, coded: Coded) -> None:
        """Actor and recipient from the parse; the first slot that names someone wins."""
        token, trigger = coded.token, coded.trigger
        preps = trigger.preps or DEFAULT_PREPS[trigger.type]
        if (sufferer_verb := _suffered_in(token)) is not None:
            # "died in police firing", "were killed in tank shelling": the doer is the noun
            # the act hangs on ("police"), the victim the subject of the verb
            coded.actor = self.actors.entities(token.head) if token.dep_ == "acl" else []
            victim = grammatical_subject(sufferer_verb)
            coded.recipient = self.actors.entities(victim) or ([u] if victim is not None and (u := self.actors.unnamed(victim)) else [])
            return
        if trigger.pos == "VERB":
            doer = subject_of(token)
            coded.actor = self._joint(doer) or self.actors.entities(doer)
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
            undergoer = undergoer_of(token)
            slots: list[Token | None] = [undergoer] if undergoer is not None else []
            if not trigger.object:
                slots += objects
            for obj in objects:
                slots += _prep_objects(obj, preps)
            slots += _prep_objects(token, preps)
            if trigger.object:
                slots += objects

        else:
            slots = _prep_objects(token, preps)
            sufferer = _sufferer(token)
            if sufferer is not None:
                slots.insert(0, sufferer)
            if token.dep_ == "dobj" and token.head.lemma_.lower() in UNDERGO_VERBS:
                slots.append(subject_of(token.head))
            else:
                coded.actor = self._noun_actor(token)
            if token.dep_ in ("dobj", "attr") and token.head.pos_ == "VERB":
                slots += _prep_objects(token.head, preps)
        unnamed: list[Entity] = []
        actor_codes = {e.country for e in coded.actor if e.country}
        for slot in slots:
            if slot is None or _owned_by_subject(slot):
                continue
            entities = [e for e in self.actors.entities(slot) if e not in coded.actor]
            foreign = [e for e in entities if e.country and e.country not in actor_codes]
            if actor_codes and foreign:  # "between the United States and Oman": Oman
                entities = [e for e in entities if e.country not in actor_codes]
            elif entities and actor_codes and {e.country for e in entities} <= actor_codes:
                # "the ties between the United States and Oman", "the U.S.-India relationship":
                # the other party named in the phrase, not the actor's own country again
                other = self.actors.other_party(slot, actor_codes)
                entities = [other] if other is not None else entities
            if any(e.country for e in entities):
                coded.recipient = entities
                return
            unnamed = unnamed or entities  # "its troops": keep looking for a coded party
        if not unnamed and trigger.type in FORCE_TYPES and trigger.pos == "VERB":
            # "dozens of people were arrested", "police detained 30 people": unnamed victims
            # are the recipient, before any place the act happened in
            victim = undergoer_of(token) or next((c for c in token.children if c.dep_ == "dobj"), None)
            found = self.actors.unnamed(victim) if victim is not None else None
            unnamed = [found] if found else []
        self._fallback_recipient(coded)
        if unnamed and coded.recipient and not any(e.country for e in unnamed):
            # unnamed victims are from where it happened: "arrested dozens in Minsk"
            place = next((e.country for e in coded.recipient if e.country), None)
            unnamed = [replace(e, country=place) for e in unnamed]
        if unnamed and (trigger.type in FORCE_TYPES or not coded.recipient):
            coded.recipient = unnamed

    def _local_protest(self, coded: Coded) -> None:
        """Protesters are people of the place they protest in: "thousands marched in
        Omdurman" is a Sudanese protest; the place is where, not whom, it is against."""
        if coded.actor and any(e.country for e in coded.actor):
            return
        place = None
        for pobj in _prep_objects(coded.token, PLACE_PREPS | {"at", "outside"}):
            place = next((e.country for e in self.actors.entities(pobj) if e.country), None)
            if place:
                break
        doer = subject_of(coded.token) if coded.token.pos_ == "VERB" else None
        found = self.actors.unnamed(doer) if doer is not None else None
        if found is not None and (found.country or place or self.actors.home):
            coded.actor = [replace(found, country=found.country or place or self.actors.home)]

    def _fallback_recipient(self, coded: Coded) -> None:
        """No recipient in the direct slots: the nearest name inside the object phrase
        ("suspended part of a military aid program for Bosnia"), then, for acts done to a
        place, the place ("imposed a curfew in the town of Cizre")."""
        token = coded.token
        taken = {i for e in coded.actor for i in range(e.start, e.end)}
        places = coded.trigger.type in PLACE_TARGET_TYPES
        if token.pos_ == "VERB":
            phrases = [c for c in token.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
        else:  # a nominal event: its own phrase, less where it happened unless place is target
            phrases = [token]
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS and not places:
                    taken.update(t.idx for t in prep.subtree)
        if places:
            phrases += [p for c in token.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS for p in c.children]
        if is_conflict(coded.trigger.type):  # "reservists for a possible war against Iraq"
            phrases += [p for t in token.subtree if t.dep_ == "prep" and t.lower_ == "against" for p in t.children]
        for phrase in phrases:
            entity = self.actors.nearest(phrase, exclude_chars=taken)
            if entity is not None:
                coded.recipient = [entity]
                return

    def _noun_actor(self, noun: Token) -> list[Entity]:
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.i in self.actors.mention_at):
                entities = self.actors.entities(child)
                if entities:
                    return entities
        agent = _agent(noun)
        if agent is not None:
            return self.actors.entities(agent)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "held seven hours of talks": the talks take the actor of "held"
        head = noun.head
        if head != noun and head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
            return self.actors.entities(subject_of(head))
        return []

    # -- structure ------------------------------------------------------------------
    @staticmethod
    def _merge_light_objects(found: list[Coded]) -> list[Coded]:
        """A nominal trigger inside a verb trigger's phrase ("imposed sanctions", "arrived
        on a visit") is part of that event when the verb names the same act."""
        verbs = {c.token.i: c for c in found if c.trigger.pos == "VERB"}
        kept = []
        for coded in found:
            verb = _governing_verb(coded.token, verbs) if coded.trigger.pos == "NOUN" else None
            if verb and (coded.token.lemma_.lower() in verb.trigger.object or verb.trigger.type == coded.trigger.type):
                verb.merged.append(coded.token)
                continue
            kept.append(coded)
        return kept

    def _absorb(self, found: list[Coded]) -> None:
        """Governing triggers take over the act they govern and, if they lack them, its
        participants; the addressee of "demanded that X ..." is the recipient."""
        by_token = {c.token.i: c for c in found}
        for parent in found:
            if not parent.trigger.governs and parent.event_type != "PROTEST":
                continue
            addressee = _complement_subject(parent.token) if parent.trigger.governs else None
            if addressee is not None and not parent.recipient:
                parent.recipient = self.actors.entities(addressee)
            for child in _complements(parent.token):
                coded = by_token.get(child.i)
                if coded is None or coded is parent or coded.governed_by is not None:
                    continue
                if not parent.trigger.governs and not _states_the_cause(parent, coded, child):
                    continue
                coded.governed_by = parent
                if is_conflict(coded.event_type) and parent.trigger.conflict_type:
                    parent.event_type = parent.trigger.conflict_type
                if parent.event_type == "THREATEN" and not parent.mode:
                    parent.mode = THREAT_MODES.get(coded.event_type) or coded.mode
                parent.recipient = parent.recipient or coded.recipient
                parent.actor = parent.actor or coded.actor


def _implied_authorities(coded: Coded) -> list[Entity]:
    """"87 suspects had been arrested": the authorities of the suspects' country, an actor
    the text implies but does not write (empty text at the trigger)."""
    codes = {e.country for e in coded.recipient if e.country}
    if len(codes) != 1:
        return []
    (code,) = codes
    at = coded.token.idx
    return [Entity("", "authorities", code, "GOV", at, at)]


def _local_parties(coded: Coded) -> None:
    """Unnamed parties are local: "accused the network", "arrested a writer" on a side
    whose country is known make the other side of the same country; police and courts
    with no country of their own act where their target is."""
    actor_codes = {e.country for e in coded.actor if e.country}
    recipient_codes = {e.country for e in coded.recipient if e.country}
    if len(actor_codes) == 1 and coded.recipient and not recipient_codes:
        (code,) = actor_codes
        coded.recipient = [
            e if _foreign_where_they_are(e, coded.token.doc) else replace(e, country=code) for e in coded.recipient
        ]
    elif len(recipient_codes) == 1 and coded.actor and not actor_codes:
        (code,) = recipient_codes
        coded.actor = [replace(e, country=code) if e.sector in LOCAL_ACTOR_SECTORS else e for e in coded.actor]


def _foreign_where_they_are(entity: Entity, doc) -> bool:
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    return span is None or any(t.lemma_.lower() in FOREIGN_HEADS for t in span) or entity.sector is None


# "Trump called the inquiry a "witch hunt"": a quoted label pinned on someone's act is criticism.
LABELLING = Trigger("call", "VERB", "ACCUSE", "111", mode="disapprove")
QUOTE_MARKS = frozenset('"“”')


def _labels_in_quotes(token: Token) -> bool:
    """"called X 'Y'" and "described X as 'Y'": the label is a quotation after the object."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ("call", "describe", "label", "brand", "dub"):
        return False
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or obj.ent_type_ == "PERSON" and token.lemma_.lower() == "call" and not any(
        c.dep_ in ("oprd", "xcomp") for c in token.children
    ):
        return False
    label = [c for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp", "advcl", "prep") and c.i > obj.i]
    after = token.doc[obj.i + 1 : token.right_edge.i + 1]
    return bool(label) and any(t.text in QUOTE_MARKS for t in after)


def _suffered_in(token: Token) -> Token | None:
    """The verb of "died in police firing" / "killed in tank shelling" when the trigger is
    the -ing act of that phrase (the parser reads it as a verb)."""
    if token.tag_ != "VBG":
        return None
    head = token.head
    if token.dep_ == "acl" and head.dep_ == "pobj" and head.head.lower_ in ("in", "during"):
        verb = head.head.head
        return verb if verb.lemma_.lower() in SUFFER_VERBS else None
    if token.dep_ == "advcl" and head.lemma_.lower() in SUFFER_VERBS:
        if any(c.dep_ == "prep" and c.lower_ in ("in", "during") and c.i < token.i for c in head.children):
            return head
    return None


def _sufferer(noun: Token) -> Token | None:
    """The subject of "died/were killed in police firing": the victim of the nominal act."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "by") or prep.head == prep:
        return None
    verb = prep.head
    if verb.lemma_.lower() not in SUFFER_VERBS:
        return None
    return grammatical_subject(verb)


def _no_political_party(coded: Coded) -> bool:
    """Disasters and accidents as the doer ("a flood killed dozens", "a factory blast"),
    and investigations of accidents ("police are investigating the crash"), are nobody's
    political act."""
    token = coded.token
    if coded.trigger.type in FORCE_TYPES and token.pos_ == "VERB":
        doer = subject_of(token)
        if doer is not None and _is_accident(doer):
            return True
    if coded.trigger.type == "ACCUSE" and coded.trigger.mode == "investigate":
        targets = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + _prep_objects(token, frozenset({"into", "of"}))
        return any(_is_accident(t) for t in targets)
    return False


def _is_accident(head: Token) -> bool:
    lemma = head.lemma_.lower()
    if lemma in NON_POLITICAL_CAUSES:
        return True
    return lemma in ACCIDENT_HEADS and any(c.lemma_.lower() in INDUSTRIAL_MODIFIERS for c in head.children)


# "allegations of sexual assault", "charged with murder": the act is what is alleged, not
# an event the article reports as happening.
ALLEGATION_NOUNS = frozenset(
    {"allegation", "accusation", "charge", "claim", "suspicion", "rumour", "rumor", "conviction", "trial", "case",
     "evidence", "report", "investigation", "inquiry", "probe", "complaint", "lawsuit", "denial", "threat", "fear", "risk"}
)
ALLEGATION_VERBS = frozenset({"accuse", "charge", "suspect", "convict", "acquit", "indict", "deny", "blame"})
# "reviewed security cooperation", "discussed the sanctions": a topic talked about, not an act.
TOPIC_VERBS = frozenset(
    {"discuss", "review", "address", "exchange", "examine", "highlight", "emphasize",
     "emphasise", "underscore", "note", "stress", "raise", "assess", "evaluate", "cover"}
)


def _a_topic(token: Token) -> bool:
    node = token
    if node.dep_ == "pobj" and node.head.lower_ in ("on", "about", "of", "regarding") and node.head.head != node.head:
        node = node.head
    if node.dep_ not in ("dobj", "prep", "conj"):
        return False
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    return node.head.pos_ == "VERB" and node.head.lemma_.lower() in TOPIC_VERBS


def _alleged(token: Token) -> bool:
    head = token.head
    if token.dep_ != "pobj" or head.lower_ not in ("of", "with", "for", "over") or head.head == head:
        return False
    owner = head.head
    return (owner.pos_ == "NOUN" and owner.lemma_.lower() in ALLEGATION_NOUNS) or (
        owner.pos_ == "VERB" and owner.lemma_.lower() in ALLEGATION_VERBS
    )


def _names_a_known_act(token: Token) -> bool:
    """"the murder", "Jamal's killing", "the sanctions": a definite nominal act that no verb
    reports as happening names an act already known; it is no new event. Nor is an act
    that is only alleged ("allegations of assault", "charged with murder")."""
    if token.pos_ != "NOUN":
        return False
    if _alleged(token) or _a_topic(token):
        return True
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in token.children)
    if not definite:
        return False
    node = token
    for _ in range(3):
        if node.head == node:
            return False
        if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") and node.head.lemma_.lower() in OCCURRENCE_VERBS:
            return False
        if node.dep_ not in ("prep", "pobj", "compound", "conj"):
            break
        node = node.head
    return True


def _owned_by_subject(token: Token) -> bool:
    """"withdrew its troops from Japan": the subject's own troops are not the recipient."""
    return any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in token.children)


def _describes_a_noun(token: Token) -> bool:
    """Verbs in relative and participle clauses ("property seized in the 1970s", "a lunch
    hosted by", "demonstrators demanding") describe a participant; they are background."""
    if token.pos_ != "VERB":
        return False
    if token.dep_ == "acl":
        return True
    if token.dep_ == "relcl":  # "in which Britain imposed ..." names its own actor: keep it
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or subject.lower_ in ("that", "which", "who", "whom", "whose")
    return False


def _states_the_cause(parent: Coded, child: Coded, token: Token) -> bool:
    """"staged a hunger strike to protest X", "blocked roads demanding Y": what a protest
    is for is part of the protest, not a second event."""
    return parent.event_type == "PROTEST" and child.event_type in ("PROTEST", "REQUEST", "ACCUSE") and token.dep_ in (
        "advcl", "xcomp", "pcomp", "prep", "pobj"
    )


def _merge_same_act(found: list[Coded]) -> list[Coded]:
    """"shelled the town, killing 20": one act told twice; the clause that elaborates a
    same-type event by the same actor is folded into it, and so is the nominal act that is
    the subject of its own verb ("a car bombing killed five")."""
    kept: list[Coded] = []
    for coded in sorted(found, key=lambda c: (c.token.pos_ != "VERB", c.token.i)):
        parent = next(
            (k for k in kept if k.event_type == coded.event_type and (
                ((not coded.actor or _same_actors(k, coded)) and _elaborates(coded.token, k.token))
                or (coded.token.dep_ == "nsubj" and coded.token.head == k.token)
            )),
            None,
        )
        if parent is None:
            kept.append(coded)
        elif not parent.recipient:
            parent.recipient = coded.recipient
    return kept


def _same_actors(a: Coded, b: Coded) -> bool:
    return {e.country for e in a.actor} == {e.country for e in b.actor}



def _elaborates(token: Token, main: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ not in ("advcl", "xcomp", "pcomp", "prep", "pobj", "dobj") or node.head == node:
            return False
        node = node.head
        if node.i == main.i:
            return True
    return False


def _governing_verb(noun: Token, verbs: dict[int, Coded], hops: int = 3) -> Coded | None:
    node = noun
    for _ in range(hops):
        if node.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass", "oprd") or node.head == node:
            return None
        node = node.head
        if node.i in verbs:
            return verbs[node.i]
    return None


def _complement_subject(verb: Token) -> Token | None:
    """"demanded that the US cancel": the party asked, told or refused is the recipient."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            for grandchild in child.children:
                if grandchild.dep_ in ("nsubj", "nsubjpass"):
                    return grandchild
    return None


def _complements(token: Token, depth: int = 3) -> list[Token]:
    """Tokens a governing trigger takes as its content, nearest first."""
    out: list[Token] = []
    frontier = [token]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in COMPLEMENT_DEPS:
                    out.append(child)
                    nxt.append(child)
        frontier = nxt
    return out
