"""Acts an article has already told, named again by a noun: "condemned the raid", "the
decision was unfair", "killed during the operation" are about an act whose doer the
article gave before."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.lexicon import Lexicon
from newsledger.nlp.triggers import match_trigger
from newsledger.records import Entity, EventRecord

HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
ACT_NOUNS = frozenset({"act", "action", "use", "violence", "operation", "incident", "move", "decision"})


def doers_of_named_act(named: list[Token], events: list[EventRecord], lexicon: Lexicon) -> list[Entity]:
    """An act named by a noun ("condemned the raid", "denounced the use of force", "killed
    during the operation") is by whoever the article has already said did it: the actors
    of the latest earlier hostile event, of the act's own type when the noun names one."""
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
                return _as_named(named[0], event)
    return []


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
