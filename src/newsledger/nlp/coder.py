"""Code one parsed article: mentions, actors, events (dates, modality), quotes and counts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.actors import ActorResolver
from newsledger.nlp.actors.coreference import SPEAKING_VERBS
from newsledger.nlp.answered_acts import one_per_act
from newsledger.nlp.blame import accusers_answered, acts_named, blamed_doers, holders_of_the_released, only_victims
from newsledger.nlp.candidates import FORCE_TYPES
from newsledger.nlp.contexts import ContextMatcher, event_contexts
from newsledger.nlp.counts import find_counts
from newsledger.nlp.dates import StoryDays, days_after_story_day, is_duration, resolve_date
from newsledger.nlp.events import Coded, EventCoder
from newsledger.nlp.grammar import grammatical_subject, reporter_of
from newsledger.nlp.lexicon import Lexicon
from newsledger.nlp.mentions import MentionFinder
from newsledger.nlp.modality import declines_demand, if_clauses, is_refusal, modality_cues, modality_of, prefers_past, ultimatum_condition
from newsledger.nlp.not_events import concern_without_target, regretted
from newsledger.nlp.ontology import EVENT_TYPES, PROMISABLE, THREAT_MODES
from newsledger.nlp.places import REGION_WORDS, Place, gazetteer
from newsledger.nlp.quotes import REPORTING_VERBS, find_quotes
from newsledger.nlp.sentences import doc_text, entity_at, sentence_of
from newsledger.nlp.statements import statement_events
from newsledger.nlp.told_acts import (
    RETOLD_TYPES,
    doers_of_named_act,
    during_known_act,
    fly_for_the_forces,
    implied,
    maker_of_last_act,
    raiders_before,
    repeats_known_act,
    sentences_back,
    strikes_of_the_war,
    talks_before,
)
from newsledger.records import CountRecord, Entity, EventRecord, Evidence, Location, QuoteRecord

THREATENABLE = frozenset({"SANCTION", "COERCE", "ASSAULT"})
ULTIMATUM_TYPES = THREATENABLE | {"PROTEST", "REJECT", "MOBILIZE"}  # hostile acts announced on a condition
ANNOUNCED = frozenset({"future", "hypothetical", "reported-intent"})
BLAME_TYPES = frozenset({"ACCUSE", "PROTEST"})
ANSWERING_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})  # what answers "the move", "the decision"
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# Lines that label media or point elsewhere: "In pictures: ...", "... – video", "Related stories".
TEASER = re.compile(
    r"^\s*(in pictures|in photos|watch|video|photos?|pictured|gallery|related( stories| articles| coverage| content)?"
    r"|read more|see also|more on this story|listen|live updates?)\b\s*[:\-–—|]?"
    r"|[\-–—|]\s*(video|photos|in pictures|live|podcast|audio)\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class CodedArticle:
    """Everything one article yields besides its own record."""

    events: list[EventRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    counts: list[CountRecord] = field(default_factory=list)


def code_article(doc: Doc, lexicon: Lexicon, finder: MentionFinder, contexts: ContextMatcher, doc_id: str,
                 published: str | None, source_country: str | None = None) -> CodedArticle:
    """Events, quotations and counts of one parsed article, tied to the same resolved actors.
    `source_country`: the government the publisher speaks for, if it is one."""
    mentions = finder.find(doc, published)
    resolver = ActorResolver(doc, mentions, lexicon, published, source_country)
    coder = EventCoder(lexicon, resolver)
    hits = contexts.sentence_hits(doc)
    out = CodedArticle()
    triggers: dict[int, str] = {}
    dates_by_sentence: dict[int, list[Span]] = {}  # once per article: Span.ents scans the whole document
    for ent in doc.ents:  # an age ("Nahel M., 17,") or "the day" the NER calls a date dates nothing
        if ent.label_ == "DATE" and not is_duration(ent.text) and (
                resolve_date(ent.text, published) is not None or days_after_story_day(ent.text) is not None):
            dates_by_sentence.setdefault(sentence_of(doc[ent.start]).start, []).append(ent)
    text = doc_text(doc)  # not Span.text per sentence
    starts = [sent.start_char for sent in doc.sents]
    days = StoryDays(published)  # the days the story has told, for the acts it does not date
    for sent in doc.sents:
        if TEASER.search(text[sent.start_char : sent.end_char]):
            continue  # captions, teasers and "related" lines: the body reports the act
        resolver.set_in(sent.start)
        found = coder.code(sent)
        if not found:
            continue
        dates = dates_by_sentence.get(sent.start, [])
        for coded in found:
            if coded.trigger.topic and talks_before(coded, out.events):
                continue
            if coded.event_type == "ACCUSE" and concern_without_target(coded.token, coded.recipient, lexicon):
                continue
            if coded.event_type == "CONCEDE" and (about := regretted(coded.token)):
                if about == "own":
                    continue  # regret at one's own absence apologises to no one
                coded.event_type, coded.mode = "ACCUSE", "disapprove"
            if coded.event_type in RETOLD_TYPES and (told := repeats_known_act(coded, out.events, lexicon)):
                if not any(e.country for e in told.actor) and any(e.country for e in coded.actor):
                    # "Al-Shabaab claimed responsibility for the attack": the act told before is theirs
                    told.actor = [replace(e, resolution="coreference") for e in coded.actor]
                continue
            # (not the noun the entry matched on: "a rally by garment workers was held" names no act blamed)
            if coded.event_type in BLAME_TYPES and only_victims(coded, named := [
                    n for n in acts_named(coded.token) if n.lemma_.lower() not in coded.trigger.object], lexicon):
                coded.recipient = blamed_doers(coded, named, out.events, resolver, lexicon) or coded.recipient
            elif coded.event_type == "REJECT" and (accusers := accusers_answered(coded, out.events)):
                coded.recipient = accusers
            elif coded.event_type == "REQUEST" and (holders := holders_of_the_released(coded, out.events, resolver)):
                coded.recipient = holders
            elif coded.event_type in FORCE_TYPES and all(implied(e) for e in coded.actor):
                # no doer written, or only the authorities the kind of act implies: the doer of
                # the act it happened in, or of a foreign side's raid just told, is a better guess
                coded.actor = doers_of_named_act(during_known_act(coded.token), out.events, lexicon, coded.recipient) or (
                    raiders_before(coded, starts, out.events, lexicon)) or coded.actor
            if coded.event_type in ANSWERING_TYPES:
                coded.recipient = _maker_answered(coded, out.events, starts) or coded.recipient
            if (attack := strikes_of_the_war(coded, out.events, starts)) is not None:
                coded.event_type, coded.mode = "ASSAULT", attack.mode[0] if attack.mode else None
                at = coded.token.idx  # the sides of the attack told before, written nowhere in this sentence
                coded.actor = [replace(e, text="", start=at, end=at, resolution="coreference") for e in attack.actor]
                coded.recipient = [replace(e, text="", start=at, end=at, resolution="coreference") for e in attack.recipient]
            for piece in one_per_act(coded):
                labels = event_contexts(hits[sent.start], piece.event_type, piece.actor + piece.recipient)
                event = _record(piece, sent, doc_id, published, labels, dates, resolver)
                event.date = days.settle(event.date, event.date_text, event.modality)
                out.events.append(event)
            for token in (coded.token, *coded.merged):
                triggers[token.i] = event.id
    resolver.set_in(None)
    fly_for_the_forces(out.events)
    out.quotes = find_quotes(doc, resolver, doc_id)
    out.events += statement_events(doc, out.quotes, out.events, lexicon, resolver, doc_id, published)
    out.counts = find_counts(doc, doc_id, triggers)
    return out


def _hyphenated_start(token: Token) -> Token:
    """The first part of a hyphenated word the parser splits ("sit-in": "sit", "-", "in"),
    so the evidence shows the word as written."""
    doc = token.doc
    while token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ \
            and not doc[token.i - 2].whitespace_ and doc[token.i - 2].is_alpha:
        token = doc[token.i - 2]
    return token


def _maker_answered(coded: Coded, events: list[EventRecord], starts: list[int]) -> list[Entity]:
    """Who made "the move" or "the decision" a statement with no other party welcomes,
    criticises or rejects: the doer of the act told just before (two sentences back at most)."""
    own = {a.country for a in coded.actor if a.country}
    if any(r.country and r.country not in own for r in coded.recipient):
        return []
    return maker_of_last_act(acts_named(coded.token), events, own, sentences_back(starts, coded.token.idx))


def _record(coded: Coded, sent: Span, doc_id: str, published: str | None, contexts: list[str],
            dates: list[Span], resolver: ActorResolver) -> EventRecord:
    token = coded.token
    date_span = _date_of(token, dates)
    date = resolve_date(date_span.text, published, prefers_past(token)) if date_span is not None else None
    modality = modality_of(token, date, published)
    if coded.promised and modality == "asserted":
        modality = "future"
    if modality in ANNOUNCED and _ultimatum(coded, resolver):
        modality = "future"
    elif coded.event_type in PROMISABLE or coded.event_type == "AGREE":
        cues = modality_cues(token)
        if is_refusal(cues) or declines_demand(token, cues):
            coded.event_type, coded.mode, modality = "REJECT", None, "asserted"
            if not coded.actor and "refused" in cues:
                coded.actor = resolver.entities(_ruling_speaker(token))
        elif modality in ("future", "reported-intent") and coded.event_type in PROMISABLE:
            coded.event_type, coded.mode = "AGREE", None  # PLOVER: a promised act of cooperation is AGREE
    elif modality in ("future", "reported-intent") and coded.event_type in THREATENABLE:
        # ... and an announced coercive act is a threat, its content the mode
        coded.mode = THREAT_MODES.get(coded.event_type) or coded.mode
        coded.event_type = "THREATEN"
    kind = EVENT_TYPES[coded.event_type]
    trigger_end = max([token, *coded.merged], key=lambda t: t.i)
    trigger_start = _hyphenated_start(min([token, *coded.merged], key=lambda t: t.i))
    text = doc_text(sent.doc)  # slices, not Span.text, which makes a Token per word
    sentence = text[sent.start_char : sent.end_char].rstrip()
    evidence = Evidence(
        text=sentence,
        start=sent.start_char,
        end=sent.start_char + len(sentence),
        trigger=text[trigger_start.idx : trigger_end.idx + len(trigger_end)],
        trigger_start=trigger_start.idx,
        trigger_end=trigger_end.idx + len(trigger_end),
    )
    part = f"|{coded.part}" if coded.part else ""  # a second act the same response answers
    event_id = hashlib.sha1(f"{doc_id}|{token.idx}|{coded.event_type}{part}".encode()).hexdigest()[:16]
    return EventRecord(
        id=event_id,
        doc_id=doc_id,
        event_type=coded.event_type,
        mode=[coded.mode] if coded.mode else [],
        context=contexts,
        quad_code=kind.quad,
        cameo=coded.trigger.cameo if coded.event_type == coded.trigger.type else kind.cameo_root,
        score=kind.score,
        modality=modality,
        date=date or (published[:10] if published else None),
        date_text=date_span.text if date_span is not None else None,
        actor=coded.actor,
        recipient=coded.recipient,
        location=_location(token, resolver, coded.actor + coded.recipient),
        evidence=evidence,
        coder=coded.coder,
    )


def _ruling_speaker(act: Token) -> Token | None:
    """"Officials said lifting the sanctions is out of the question": an act told as the
    subject of its own ruling-out has no doer; who rules it out is who said so."""
    return reporter_of(act.head, REPORTING_VERBS) if act.dep_ in ("csubj", "nsubj") else None


def _ultimatum(coded: Coded, resolver: ActorResolver) -> bool:
    """"Nigeria will pull its troops out of Chad unless the government holds elections",
    "the union would boycott the vote if the president does not resign": a hostile act
    announced on a condition the other side must meet is a threat (PLOVER: THREATEN), aimed
    at whom the condition names when it names a party."""
    hostile = coded.event_type in ULTIMATUM_TYPES or (coded.event_type == "RETREAT" and coded.mode == "withdraw")
    own = {e.country for e in coded.actor if e.country}
    condition = (ultimatum_condition(coded.token) or _other_sides_condition(coded.token, resolver, coded.actor)) if hostile else None
    if condition is None:
        return False
    coded.mode = THREAT_MODES.get(coded.event_type)
    coded.event_type = "THREATEN"
    asked = [e for e in resolver.entities(grammatical_subject(condition)) if e.country and e.country not in own]
    coded.recipient = asked or coded.recipient
    return True


def _other_sides_condition(trigger: Token, resolver: ActorResolver, actor: list[Entity]) -> Token | None:
    """"would raise its own tariffs if Canada retaliated", "would strike if the commission
    confirmed the count": an announced hostile act made on what another side (another
    country, or another party of the same one) does is a threat to that side, whatever it
    does (not "if the weather allows": no side)."""
    names = {e.name for e in actor}
    own = {e.country for e in actor if e.country}
    for clause in if_clauses(trigger):
        doer = grammatical_subject(clause)
        if doer is None or not own or not (doer.i in resolver.mention_at or resolver.names_a_party(doer)):
            continue  # "if the weather worsened": no side
        if any(e.country and (e.country not in own or e.name not in names) for e in resolver.entities(doer)):
            return clause
    return None


def _date_of(trigger: Token, dates: list[Span]) -> Span | None:
    """The date phrase of the trigger's own clause ("On Thursday, Biden imposed ..."), not
    one that dates a neighbour ("the 2020 election")."""
    clause = trigger
    while clause.pos_ != "VERB" and clause.head != clause:
        clause = clause.head
    own = [d for d in dates if _in_clause(d.root, clause)]
    if not own and clause.head.pos_ == "VERB" and (
            clause.dep_ == "xcomp" or (clause.dep_ == "advcl" and clause.tag_ == "VBG")
            or (clause.dep_ == "ccomp" and clause.head.lemma_.lower() in SPEAKING_VERBS)):
        # "In 2015, Saudi Arabia started supporting ...", "on Monday decided to expel ...": the
        # act an infinitive or gerund completes is dated by the verb it completes; so is one a
        # participle adds ("detained 40 students on Monday, accusing them of ..."), and one a
        # report tells with no date of its own ("On Tuesday, the agency reported that troops
        # had shelled a camp"): no later than the telling
        own = [d for d in dates if _in_clause(d.root, clause.head)]
    head = clause
    while not own and head.dep_ == "conj" and head.head.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        # "On Monday, police raided the offices and arrested three journalists": a verb
        # sharing an earlier verb's subject shares its date
        head = head.head
        own = [d for d in dates if _in_clause(d.root, head)]
    if not own:
        # "were killed when gunmen opened fire on a market on Tuesday": the act happened when
        # its when-clause did
        own = [d for d in dates for c in clause.children if c.dep_ == "advcl"
               and any(m.dep_ in ("mark", "advmod") and m.lower_ == "when" for m in c.children) and _in_clause(d.root, c)]
    if not own and clause.dep_ == "relcl":
        # "since 2014, when Boko Haram seized 276 schoolgirls": the date the clause describes
        own = [d for d in dates if d.root == clause.head]
    if not own and _ongoing(clause):
        # "has been fighting insurgents since 2015": an act going on since the date it began
        own = [d for d in dates if d.root.dep_ == "pobj" and d.root.head.lower_ == "since"]
    return min(own, key=lambda d: abs(d.root.i - trigger.i)) if own else None


def _ongoing(verb: Token) -> bool:
    """"has been fighting", "have been holding": the present perfect of an act still going on."""
    if verb.tag_ != "VBG":
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "been" in auxes and bool(auxes & {"has", "have", "'s", "'ve"})


def _in_clause(token: Token, clause: Token) -> bool:
    node = token
    for _ in range(10):  # "struck positions in the hills above the town on Wednesday"
        if node.head == node:
            return node == clause
        if node.dep_ in ("compound", "amod", "nummod", "poss") and node.head.pos_ in ("NOUN", "PROPN") \
                and node.head.ent_type_ not in ("DATE", "TIME"):  # "on Wednesday morning" is still a time
            return False  # "the 2020 US election": the date belongs to the noun
        node = node.head
        if node == clause:
            return True
        if node.pos_ == "VERB":
            return False
    return False


PLACE_LABELS = ("GPE", "LOC", "FAC")
PRECISION_ORDER = {"city": 0, "region": 1, "country": 2}


def _place_preps(head: Token) -> list[Token]:
    """The in/at/near phrases on `head`, also inside its own phrases ("an air strike on a
    market in Kharkiv"), but not inside clauses of their own."""
    phrases = [head] + [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]  # "shot five men in Bulacan"
    found, stack = [], [c for p in phrases for c in p.children if c.dep_ == "prep"]
    while stack:
        prep = stack.pop()
        if prep.lower_ in LOCATION_PREPS:
            found.append(prep)
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            stack += [c for c in pobj.children if c.dep_ == "prep"]
    return sorted(found, key=lambda t: t.i)


def _location(trigger: Token, resolver: ActorResolver, participants: list[Entity]) -> Location | None:
    """A place named by "in/at/near X" on the trigger (or on the verb a noun trigger hangs
    on), if it is not a participant, with the gazetteer's coordinates: the most precise
    place in the phrase wins ("in Myanmar's Sagaing region", "near the town of Sake")."""
    taken = {(e.start, e.end) for e in participants}
    heads = [trigger] + ([trigger.head] if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB" else [])
    countries = {e.country for e in participants if e.country} | ({resolver.home} if resolver.home else set())
    found: list[tuple[Span, str | None, Place | None]] = []
    for head in heads:
        for prep in _place_preps(head):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for token in pobj.subtree:
                    span = entity_at(token) if token.ent_type_ in PLACE_LABELS + ("NORP",) else None
                    if span is None or span.start != token.i or (span.start_char, span.end_char) in taken:
                        continue
                    mention = resolver.mention_at.get(token.i)
                    code = mention.term.code if mention and mention.term else None
                    if token.ent_type_ == "NORP":  # "in a Syrian village": the country, by its demonym
                        if code:
                            found.append((span, code, None))
                        continue
                    name = span[:-1].text if len(span) > 1 and span[-1].lower_ in REGION_WORDS else span.text
                    found.append((span, code, gazetteer().find(name, countries | ({code} if code else set()))))
        if found:
            break
    if not found:
        return None
    span, code, place = min(found, key=lambda f: PRECISION_ORDER.get(f[2].precision, 3) if f[2] else 4)
    if place is not None and code and place.country != code:
        place = None  # the lexicon knows the name as another country's: trust it, drop the point
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if place is not None and place.precision == "city" and (
            span[-1].lower_ in REGION_WORDS or (after is not None and after.lower_ in REGION_WORDS)):
        # "Sagaing region", "Bulacan province": the division, not the city of that name
        return Location(span.text, place.country, span.start_char, span.end_char, geo_precision="region")
    if place is None:
        return Location(span.text, code, span.start_char, span.end_char, geo_precision="country" if code else None)
    return Location(span.text, place.country, span.start_char, span.end_char, place.lat, place.lon,
                    place.admin1, place.precision)
