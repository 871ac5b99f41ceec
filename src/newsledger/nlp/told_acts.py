"""Acts an article has already told, and what they say about a new candidate: named again
by a noun ("condemned the raid", "the decision was unfair", "killed during the operation"
are about an act whose doer the article gave before), told again ("the attack killed
twelve"), the doer of an agentless killing after a raid, the sides of an air strike or of
"further strikes" told with no doer. Used by the coder once a sentence's acts are coded."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.actors.phrases import singular
from newsledger.nlp.candidates import FORCE_TYPES, Coded
from newsledger.nlp.grammar import grammatical_subject, is_passive
from newsledger.nlp.lexicon import Lexicon
from newsledger.nlp.modality import DEFINITE
from newsledger.nlp.triggers import match_trigger
from newsledger.records import Entity, EventRecord

HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
ACT_NOUNS = frozenset({"act", "action", "use", "violence", "operation", "incident", "move", "decision"})


def doers_of_named_act(named: list[Token], events: list[EventRecord], lexicon: Lexicon,
                       victims: list[Entity] = ()) -> list[Entity]:
    """An act named by a noun ("condemned the raid", "denounced the use of force", "killed
    during the operation") is by whoever the article has already said did it: the actors
    of the latest earlier hostile event, of the act's own type when the noun names one.
    `victims` on the doers' own side were hit by the other side of that fight ("forces
    killed four militants in a raid ... two soldiers were killed in the exchange of fire":
    by the militants)."""
    named = named + [p for o in named for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]  # "the use of force"
    kinds = {t.type for o in named for t in lexicon.triggers.get((o.lemma_.lower(), "NOUN"), ())} & HOSTILE_TYPES
    if not kinds and not any(o.lemma_.lower() in ACT_NOUNS for o in named):
        return []
    # the kind the noun's own words give first ("the raid" a police raid, "the air raid" a strike)
    matched = {entry.type for o in named if (entry := match_trigger(o, lexicon)) is not None} & HOSTILE_TYPES
    for wanted in (matched, kinds, HOSTILE_TYPES):
        for event in reversed(events):
            # (an act set in the past is not the one condemned now: "has carried out similar attacks in the past")
            if event.event_type in wanted and event.modality != "historical" and any(a.country for a in event.actor):
                return _as_named(named[0], _other_side(event) if _own_side_hit(event, victims) else event)
    return []


def _side(entities: list[Entity]) -> frozenset[str]:
    """The camp of a fight's party: security forces, armed groups, or neither."""
    return next((camp for camp in (SECURITY_SECTORS, ARMED_GROUPS) if entities and all(e.sector in camp for e in entities)),
                frozenset())


def _own_side_hit(event: EventRecord, victims: list[Entity]) -> bool:
    """The victims are of the camp that did `event`, and its targets of the other camp."""
    camp, targets = _side(victims), _side(event.recipient)
    return bool(camp) and _side(event.actor) == camp and bool(targets) and targets != camp and any(
        r.country for r in event.recipient)


def _other_side(event: EventRecord) -> EventRecord:
    """`event` seen from its targets: the side that fought back."""
    return replace(event, actor=event.recipient, recipient=event.actor)


def maker_of_last_act(named: list[Token], events: list[EventRecord], speaker: set[str], since: int) -> list[Entity]:
    """"The United States lifted sanctions on Venezuelan oil. Russia criticised the move",
    "... Zelensky welcomed the decision": a bare definite "move", "decision" or "step" is
    the last act the article told (from character `since` on) by another side than the
    speaker's, whatever its kind."""
    bare = [o for o in named if o.lemma_.lower() in MADE_ACTS and o.dep_ == "dobj" and _only_a_determiner(o)]
    if not bare or not events:
        return []
    event = events[-1]
    if event.evidence is None or event.evidence.start < since or event.modality == "historical" \
            or not any(a.country and a.country not in speaker for a in event.actor):
        return []
    return [e for e in _as_named(bare[0], event) if e.country not in speaker]


MADE_ACTS = frozenset({"move", "decision", "step", "announcement", "measure", "action"})


def _only_a_determiner(noun: Token) -> bool:
    """"the move", "this decision": no owner, modifier or phrase says whose or which."""
    words = list(noun.children)
    return bool(words) and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in words)


def _as_named(mention: Token, event: EventRecord) -> list[Entity]:
    """The doers of `event`, one per country (the first named), as the noun naming it."""
    doers = {a.country: a for a in reversed(event.actor) if a.country}
    return [Entity(mention.text, a.name, a.country, a.sector, mention.idx, mention.idx + len(mention), "coreference")
            for a in reversed(doers.values())]


AERIAL_WORDS = frozenset({"air", "airstrike", "airstrikes", "drone", "drones", "warplane", "warplanes", "aerial",
                          "helicopter", "helicopters", "bomber", "bombers"})


def fly_for_the_forces(events: list[EventRecord]) -> None:
    """"At least 17 villagers were killed in an air strike in Sagaing" in a story whose
    other reports name the military: an air or drone strike with no doer named is by the
    foreign side the article says attacked that country, else by the armed forces it names
    elsewhere in the country it hit (CODING.md: the actor the article makes clear
    elsewhere); with none named, it stays without one."""
    for event in events:
        if event.event_type != "ASSAULT" or event.actor or event.evidence is None:
            continue
        words = set(re.findall(r"[a-z]+", event.evidence.trigger.lower()))
        if "aerial" not in event.mode and not words & AERIAL_WORDS:
            continue
        hit = {r.country for r in event.recipient if r.country}
        # whoever the article says attacked that country ("Israeli jets struck ..."), else its
        # own armed forces named acting elsewhere in the story
        forces = [a for other in events if other is not event and other.event_type == "ASSAULT"
                  and hit & {r.country for r in other.recipient} for a in other.actor
                  if a.country and a.country not in hit]
        forces = forces or [a for other in events if other is not event for a in other.actor
                            if a.sector == "MIL" and a.country in hit]
        if forces:
            at = event.evidence.trigger_start
            event.actor = [replace(forces[0], text="", start=at, end=at, resolution="coreference")]


def strikes_of_the_war(coded: Coded, events: list[EventRecord], starts: list[int]) -> EventRecord | None:
    """"Israel has struck Iranian territory twice this year. Another round of strikes could
    ...": a strike nobody named walks out on, just after the story told an attack (two
    sentences back at most), is more of that attack; the attack is returned."""
    token = coded.token
    if coded.event_type != "PROTEST" or coded.trigger.lemma != "strike" or any(a.text for a in coded.actor) \
            or any(c.dep_ in ("compound", "amod") for c in token.children) \
            or any(c.lemma_.lower() in WALKOUT_COMPANIONS for c in token.conjuncts) \
            or _verb_above(token).lemma_.lower() in WALKOUT_VERBS:
        return None  # "a general strike", "strikes and marches", "called a week of strikes": a walkout
    since = sentences_back(starts, token.idx)
    attacks = [e for e in events if e.event_type == "ASSAULT" and e.evidence is not None and e.evidence.start >= since
               and any(a.country for a in e.actor)]
    return attacks[-1] if attacks else None


WALKOUT_COMPANIONS = frozenset({"march", "protest", "demonstration", "rally", "boycott", "shutdown", "picket", "sit-in"})
WALKOUT_VERBS = frozenset({"call", "stage", "hold", "join", "begin", "launch", "announce", "start", "end", "go", "organise",
                           "organize", "threaten"})


def _verb_above(token: Token) -> Token:
    """The verb a noun phrase hangs on ("called a week of strikes": "called"), or the token."""
    node = token
    while node.dep_ in ("pobj", "prep", "dobj", "conj") and node.head != node and node.pos_ != "VERB":
        node = node.head
    return node


def implied(entity: Entity) -> bool:
    """An actor the kind of act implies (parties.implied_authorities), not one the text writes."""
    return not entity.text and entity.resolution == "other_party"


RAID_REACH = 2  # sentences back


def sentences_back(starts: list[int], at: int, reach: int = RAID_REACH) -> int:
    """Where the sentence `reach` sentences before the one holding character `at` starts
    (`starts`: every sentence's first character, in order)."""
    return starts[max(0, bisect_right(starts, at) - 1 - reach)]
SECURITY_SECTORS = frozenset({"COP", "MIL"})
ARMED_GROUPS = frozenset({"REB", "CRM"})
PRESS_SECTORS = frozenset({"JRN", "MED"})
CAUSE_PREPS = frozenset({"in", "during", "amid", "from"})


def raiders_before(coded: Coded, starts: list[int], events: list[EventRecord], lexicon: Lexicon) -> list[Entity]:
    """"Israeli forces launched a raid on Jenin. ... A 17-year-old boy was shot dead near the
    camp", "... Three men were detained": an agentless killing, wounding or arrest told
    within two sentences after a foreign side's raid or attack on the victims' country is
    that side's (CODING.md: the actor the article makes clear elsewhere); so is an agentless
    shooting of protesters after the police or army acted on the crowd ("police fired tear
    gas at the marchers ... two protesters were shot dead"), an agentless killing of soldiers
    or police after an armed group attacked them ("rebels attacked an army base ... four
    soldiers were killed"), and of militants after the forces attacked them; not one told
    with a cause of its own ("killed in an explosion"), nor after another raid by the
    victims' own side. Victims of no stated country ("a teenager was shot dead") after a
    foreign side's raid are of the raided country."""
    token = coded.token
    causes = lexicon.trigger_words | lexicon.word_classes["accident"] | lexicon.word_classes["non_political_cause"]
    if any(c.dep_ == "prep" and c.lower_ in CAUSE_PREPS and any(p.lemma_.lower() in causes for p in c.children)
           for c in token.children):
        return []  # "killed in an explosion", "wounded during clashes": a cause of its own, not "in the camp"
    hit = {r.country for r in coded.recipient if r.country}
    since = sentences_back(starts, token.idx)
    near = [e for e in events if e.event_type in FORCE_TYPES and e.evidence is not None and e.evidence.start >= since]
    earlier = [e for e in near if hit & {r.country for r in e.recipient}]
    if not earlier and token.pos_ == "VERB" and is_passive(token) and coded.recipient and all(
            r.resolution in ("home_country", "unresolved") and r.sector not in SECURITY_SECTORS for r in coded.recipient):
        hit, earlier = set(), [e for e in near if _foreign_raid(e)]  # "a teenager was shot dead": of no stated country
    crowd = lexicon.word_classes["protester"]
    at_the_crowd = coded.event_type == "ASSAULT" and coded.recipient and all(
        r.text and singular(r.text.split()[-1].lower()) in crowd for r in coded.recipient)
    if not at_the_crowd and coded.event_type == "ASSAULT" and coded.recipient and all(
            r.sector in PRESS_SECTORS for r in coded.recipient):
        # "police used water cannon to clear the demonstrators ... several journalists were
        # beaten": the press covering a dispersal is hurt by the forces dispersing the crowd
        # (not anyone nearby: "two shopkeepers were shot dead" names no doer)
        at_the_crowd = any("crowd-control" in e.mode and any(a.sector in SECURITY_SECTORS and a.text for a in e.actor)
                         for e in earlier)
    if at_the_crowd:  # the last force on the crowd told by its doer
        earlier = [e for e in earlier if any(a.sector in SECURITY_SECTORS and a.text for a in e.actor)] or earlier
    # soldiers killed after an armed group attacked them, militants after the forces attacked them
    foes = next((doing for hit_side, doing in ((SECURITY_SECTORS, ARMED_GROUPS), (ARMED_GROUPS, SECURITY_SECTORS))
                 if coded.event_type == "ASSAULT" and coded.recipient and all(r.sector in hit_side for r in coded.recipient)),
                frozenset())
    on_side = [e for e in earlier if any(a.sector in foes for a in e.actor)
               and any(r.sector in (SECURITY_SECTORS | ARMED_GROUPS) - foes for r in e.recipient)]
    earlier = on_side or earlier  # the last attack on the victims' side by its foes
    doers = [a for a in (earlier[-1].actor if earlier else []) if a.country and (
        a.country not in hit or (at_the_crowd and a.sector in SECURITY_SECTORS) or (on_side and a.sector in foes))]
    if doers and not hit and coded.recipient:
        raided = next(r.country for r in earlier[-1].recipient if r.country and r.country != doers[0].country)
        coded.recipient = [replace(r, country=raided, resolution="location") for r in coded.recipient]
    return [replace(doers[0], text="", start=token.idx, end=token.idx, resolution="coreference")] if doers else []


def _foreign_raid(event: EventRecord) -> bool:
    """An armed act of one country's side on another country."""
    doers = {a.country for a in event.actor if a.country}
    return bool(doers) and any(r.country and r.country not in doers for r in event.recipient)


def during_known_act(token: Token) -> list[Token]:
    """"was shot dead during the operation", "were killed in the raid": the act an agentless
    killing or arrest happened in, named as one the article has already told (a definite
    noun); "killed in an air strike" names a new act, whose doer the text does not give."""
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("during", "in", "amid")
            for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"
            and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in p.children)]


REFERRING = DEFINITE | {"all", "both"}  # "claimed responsibility for all three attacks"
# Acts a later definite noun tells again ("the attack killed twelve", "since the protests began").
RETOLD_TYPES = FORCE_TYPES | {"PROTEST"}


def repeats_known_act(coded: Coded, events: list[EventRecord], lexicon: Lexicon) -> EventRecord | None:
    """"The attack had killed twelve", "the strikes hit the plant", "said the attack was
    theirs", "since the protests began": a definite noun naming an act of a kind the article has already
    coded is that act told again, not a new one (one real-world act is one event per
    article; its toll is the earlier event's, and so is a doer the retelling names). The
    earlier event, or None."""
    token = coded.token
    noun = token if token.pos_ == "NOUN" else (None if is_passive(token) else grammatical_subject(token))
    if noun is None or noun.pos_ != "NOUN" or not any(
            c.dep_ in ("det", "predet") and c.lower_ in REFERRING for c in noun.children):
        return None
    kinds = {t.type for t in lexicon.triggers.get((noun.lemma_.lower(), "NOUN"), ())}
    if coded.event_type not in kinds:
        return None
    # the act of its own kind first: "the raid" after a police raid and a bombing is the raid
    return next((e for e in reversed(events) if e.event_type == coded.event_type), None) \
        or next((e for e in reversed(events) if e.event_type in kinds), None)


def talks_before(coded: Coded, events: list[EventRecord]) -> bool:
    """Talks between (some of) the same parties already coded in the article: "They
    discussed X" after "A spoke with B" says what the call was about."""
    parties = {e.country for e in (*coded.actor, *coded.recipient) if e.country}
    for event in events:
        if event.event_type == "CONSULT":
            earlier = {e.country for e in (*event.actor, *event.recipient) if e.country}
            if not parties or parties & earlier:
                return True
    return False
