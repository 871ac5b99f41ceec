"""Whom a criticism blames: the doer of the act it names, not the act's victims. Used by
the coder once a sentence's acts are coded ("condemned the arrest of two German reporters in
Tehran" blames Iran's authorities; "lodged a protest with China over the detention of a
Japanese businessman" makes the detention China's). Also whom a rejection answers and whom
a call to free a captive presses."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.actors import ActorResolver
from newsledger.nlp.candidates import FORCE_TYPES, Coded
from newsledger.nlp.grammar import agent_of, objects_of, prep_objects
from newsledger.nlp.lexicon import Lexicon
from newsledger.nlp.modality import DEFINITE
from newsledger.nlp.parties import implied_authorities
from newsledger.nlp.stances import RELEASE_NOUNS
from newsledger.nlp.told_acts import doers_of_named_act
from newsledger.records import Entity, EventRecord


def blamed_doers(coded: Coded, named: list[Token], events: list[EventRecord], resolver: ActorResolver,
                 lexicon: Lexicon) -> list[Entity]:
    """The doers of the acts a criticism names (`acts_named`): on the act's own noun, in the
    criticism's words, told earlier in the article, or the authorities where an arrest happened."""
    return (_named_doers(named, resolver) or _blamed_in_words(coded.token, named, resolver)
            or doers_of_named_act(named, events, lexicon) or _authorities_where(named, resolver, lexicon))


ABOUT_PREPS = frozenset({"about", "over", "at"})


def acts_named(verb: Token) -> list[Token]:
    """The nouns a criticism is aimed at: its objects, and what a concern among them is
    about ("expressed concern about the detention of ...")."""
    named = [o for o in objects_of(verb) if o.pos_ == "NOUN"]
    return named + [p for o in named for p in prep_objects(o, ABOUT_PREPS) if p.pos_ == "NOUN"]


def only_victims(coded: Coded, acts: list[Token], lexicon: Lexicon) -> bool:
    """No recipient, or only the victims of the act condemned ("the violence against
    protesters", "the detention of American citizens"), or only the critic's own side ("the
    Palestinian foreign ministry condemned the raid", its recipient read from the land
    raided): those suffered the act, the blame goes to whoever did it. `acts`: acts_named."""
    own = {e.country for e in coded.actor if e.country}
    if coded.recipient and own and all(r.country in own for r in coded.recipient):
        return True
    victims = [p for o in acts for p in o.children
               if p.dep_ == "prep" and p.lower_ in ("against", "on")]  # not "Russia's attack": its doer
    # "the arrest of two German reporters": those an arrest or detention is of were held
    victims += [p for o in acts for p in o.children if p.dep_ == "prep" and p.lower_ == "of" and any(
        t.type == "COERCE" for t in lexicon.triggers.get((o.lemma_.lower(), "NOUN"), ()))]
    spans = [(min(t.idx for t in p.subtree), max(t.idx + len(t) for t in p.subtree)) for p in victims]
    return all(any(start <= r.start and r.end <= end for start, end in spans) for r in coded.recipient)


def _named_doers(named: list[Token], resolver: ActorResolver) -> list[Entity]:
    """"condemned the rocket attacks by Hamas against Jerusalem", "denounced Iran's strikes
    on shipping": the doer named on the act's own noun (by "by" or a possessive) is the one
    blamed; the act's targets only suffered it."""
    for noun in named:
        doer = agent_of(noun) or next((c for c in noun.children if c.dep_ == "poss"), None)
        found = [e for e in resolver.entities(doer) if e.country] if doer is not None else []
        if found:
            return found
    return []


# What a side says against another (narrower than not_events.ALLEGATION_NOUNS, which also
# holds trials, probes and threats: acts, not statements one answers by rejecting them)
ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "claim", "charge", "assertion", "assessment", "report",
                              "criticism", "condemnation", "complaint", "rebuke", "censure"})


def accusers_answered(coded: Coded, events: list[EventRecord]) -> list[Entity]:
    """"India rejected the allegations as absurd", "Rwanda's spokeswoman rejected the
    accusation": the accusation rejected, named by a definite noun and no owner, is the last
    one the article told against the rejecter's country; whoever made it is the recipient
    (not the rejecter's own country)."""
    objects = [o for o in objects_of(coded.token) if o.lemma_.lower() in ACCUSATION_NOUNS
               and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in o.children)
               and not any(c.dep_ in ("poss", "prep") and c.lower_ != "as" for c in o.children)]
    own = {e.country for e in coded.actor if e.country}
    if not objects or not own:
        return []
    told = [e for e in events if e.event_type == "ACCUSE" and own & {r.country for r in e.recipient}
            and not own & {a.country for a in e.actor}]
    return [replace(a, text="", start=coded.token.idx, end=coded.token.idx, resolution="coreference")
            for a in told[-1].actor if a.country] if told else []


CAPTURE_TYPES = frozenset({"COERCE", "ASSAULT"})  # detentions, arrests; abductions


def holders_of_the_released(coded: Coded, events: list[EventRecord], resolver: ActorResolver) -> list[Entity]:
    """"Police in Caracas arrested the activist Marta Rivas ... Chile demanded her release":
    a call to free a captive the article told was arrested, detained or abducted, naming no
    one else, presses whoever did it, not the captive."""
    releases = [o for o in (*objects_of(coded.token), *prep_objects(coded.token, frozenset({"for"})))
                if o.lemma_.lower() in RELEASE_NOUNS]
    captives = [t for r in releases for c in r.children
                for t in ([c] if c.dep_ == "poss" else [p for p in c.children if p.dep_ == "pobj"] if c.lower_ == "of" else [])]
    spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in captives]
    if not captives or not all(any(a <= r.start < b for a, b in spans) for r in coded.recipient):
        return []  # "urged Iran to release her": the call names the holder itself
    names = {_last_word(e) for t in captives if (e := resolver.entity(t)) is not None} - {""}
    for event in reversed(events):
        if event.event_type in CAPTURE_TYPES and any(_last_word(r) in names for r in event.recipient):
            return [replace(a, text="", start=coded.token.idx, end=coded.token.idx, resolution="coreference")
                    for a in event.actor if a.country]
    return []


def _last_word(entity: Entity) -> str:
    """The surname of a person entity ("activist Rocio San Miguel": "Miguel"), else ""."""
    words = (entity.name or entity.text).split()
    return words[-1] if words else ""


def _blamed_in_words(verb: Token, named: list[Token], resolver: ActorResolver) -> list[Entity]:
    """"condemned the attack as the work of bandits", "condemned the bombing, which he blamed
    on foreign terrorists": whom the condemnation itself names as the doer is the one
    blamed, even with no country, not the critic's own side that suffered the act."""
    work = [o for p in prep_objects(verb, frozenset({"as"})) if p.lemma_.lower() in ("work", "act", "doing")
            for o in prep_objects(p, frozenset({"of"}))]
    blamed = [o for n in named for c in n.children if c.dep_ == "relcl" and c.lemma_.lower() in ("blame", "attribute")
              for o in prep_objects(c, frozenset({"on", "to"}))]
    return [e for t in work + blamed for e in resolver.entities(t)]


def _authorities_where(named: list[Token], resolver: ActorResolver, lexicon: Lexicon) -> list[Entity]:
    """"Condemned the arrest of two German reporters in Tehran": an arrest, raid or ban
    named with no doer is the act of the authorities where it happened (an implied actor,
    empty text), the place the act's own phrase names."""
    for noun in named:
        kinds = {t.type for t in lexicon.triggers.get((noun.lemma_.lower(), "NOUN"), ())}
        if "COERCE" in kinds and (place := resolver.place_of(noun, ("in",))):
            return implied_authorities([], noun.idx, place=place)
    return []


def blame_answered_acts(found: list[Coded]) -> None:
    """"Lodged a protest with China over the detention of a Japanese businessman",
    "summoned the Iranian envoy over the arrest of two German reporters": an arrest or
    attack with no doer written, that a protest or complaint is made over, is by the
    authorities of whom it is made to, not of its victims."""
    by_token = {c.token.i: c for c in found}
    for coded in found:
        token = coded.token
        if coded.event_type not in FORCE_TYPES or any(e.text for e in coded.actor) \
                or token.dep_ != "pobj" or token.head.lower_ not in ("over", "about"):
            continue
        host = token.head.head
        answer = by_token.get(host.i) or (by_token.get(host.head.i) if host.dep_ == "dobj" else None)
        if answer is None or answer.event_type not in ("ACCUSE", "REJECT"):
            continue
        # not the victims the act's own phrase names ("concern about the detention of American citizens")
        start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        blamed = {e.country for e in answer.recipient if e.country and not start <= e.start < end} - {
            e.country for e in answer.actor if e.country}
        if len(blamed) == 1:
            coded.actor = implied_authorities([], token.idx, place=blamed.pop())
