"""Parties the text implies: unnamed people and bodies are local, and coercion with no
named doer is the authorities'.

Why: real reports leave sides unnamed ("87 suspects had been arrested", "accused the
broadcaster of bias"); analysts query country pairs, so a side whose country follows from the
other side, or from the kind of act, is given that country and says so (an implied actor
has empty text).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.nlp.actors import FOREIGN_HEADS, ActorResolver
from newsledger.nlp.actors.phrases import STATE_SECTORS
from newsledger.nlp.grammar import agent_of
from newsledger.nlp.lexicon import Trigger
from newsledger.nlp.ontology import is_conflict
from newsledger.records import Entity

# Unnamed domestic institutions act where the one they act on is: "police detained a
# journalist" in a story about Belarus.
LOCAL_ACTOR_SECTORS = frozenset({"COP", "JUD"})
# Codes of bodies and movements of no one country (the UN, the EU, NGOs, companies, Islamic
# State): the unnamed party they act on ("Amnesty criticised the government") is not of theirs.
TRANSNATIONAL_CODES = frozenset({"UNO", "IGO", "EUR", "NGO", "MNC", "IMG", "ISM"})

# Coercion and punishment are the state's: an agentless arrest, raid, ban or curfew, a
# conviction, sentence or fine, a charge or indictment (and, told in the passive, an
# execution or a release from custody) is the authorities' act in the country of those it
# falls on. (Not every agentless ACCUSE or SANCTION: "was accused of
# lying", "Russia was sanctioned" name no state of the accused.)
STATE_ACT_TYPES = frozenset({"COERCE"})
STATE_ACT_MODES = frozenset({"convict", "investigate"})
NON_STATE_MODES = frozenset({"cyber"})  # coercion anyone may do: hackers are no authorities
PROSECUTION_LEMMAS = frozenset({"charge", "indict", "indictment", "prosecute", "register"})  # "register": a case, with the police
EXECUTION_LEMMAS = frozenset({"execute", "execution", "hang"})  # judicial killing


def is_state_act(trigger: Trigger) -> bool:
    """Coercion, punishment and leniency ("was granted clemency", "her sentence was
    commuted"): only a state does them."""
    return ((trigger.type in STATE_ACT_TYPES and trigger.mode not in NON_STATE_MODES) or trigger.mode in STATE_ACT_MODES
            or trigger.lemma in PROSECUTION_LEMMAS or is_leniency(trigger))


def custody_act(verb: Token, trigger: Trigger, captives: set[str], pursued: set[str]) -> bool:
    """"Five men were executed", "the activists were released on bail": told in the passive
    with no doer, an execution or a release is the state's, unless those it happened to are
    captives ("two hostages were executed", "the abducted workers were released": whoever
    held them did it; word_classes.yaml: captive). So is violence done to people the state
    pursues or holds ("two suspects were shot dead as they tried to flee", "detainees were
    tortured"; word class pursued)."""
    if verb.pos_ != "VERB":
        return False
    held = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if held is None:
        return False
    if trigger.type == "ASSAULT" and trigger.lemma not in EXECUTION_LEMMAS:
        return held.lemma_.lower() in pursued and agent_of(verb) is None
    if not (trigger.mode == "release" or trigger.lemma in EXECUTION_LEMMAS):
        return False
    return not any(t.lemma_.lower() in captives or t.lower_ in captives for t in held.subtree)


# Leniency is a state's to those under its jurisdiction: "pardoned a blogger", "granted
# clemency to 40 prisoners", "commuted the sentence of an activist" fall on people of the
# actor's country unless the text names theirs.
LENIENCY_WORDS = frozenset({"pardon", "clemency", "amnesty", "commute", "commutation", "reprieve"})


def standing_owner(slot: Token, standings: set[str]) -> Token | None:
    """"Her sentence was commuted", "overturned the activist's conviction": whose legal
    standing (word class legal_standing) an act changes; None for anything else."""
    if slot.lemma_.lower() not in standings:
        return None
    return next((c for c in slot.children if c.dep_ == "poss"), None)


def is_leniency(trigger: Trigger) -> bool:
    return trigger.lemma in LENIENCY_WORDS or bool(trigger.object & LENIENCY_WORDS)


def authorities(code: str, at: int) -> Entity:
    """The government of `code`, implied by the kind of act: empty text at the trigger."""
    return Entity("", "authorities", code, "GOV", at, at, "other_party")


def implied_authorities(recipient: list[Entity], at: int, place: str | None = None) -> list[Entity]:
    """"87 suspects had been arrested": the authorities of the suspects' country, or of the
    country where it happened when the text names one ("was arrested in Sudan"), an actor
    the text implies but does not write (empty text at the trigger)."""
    if place:
        return [authorities(place, at)]
    codes = {e.country for e in recipient if e.country}
    if len(codes) != 1:
        return []
    (code,) = codes
    return [authorities(code, at)]


ENVOY_HEADS = frozenset({"ambassador", "envoy", "diplomat", "d'affaires", "d’affaires", "consul", "attache", "attaché"})


def summoning_host(verb: Token, recipient: list[Entity], actors: ActorResolver) -> list[Entity]:
    """"The Israeli ambassador in Madrid was summoned", "Iran's envoy to Norway was summoned
    over the remarks": an envoy summoned with no summoner written is summoned by the
    government he is posted to: of the place his phrase or the clause names ("to the foreign
    ministry in Warsaw"), else of the country the story is set in, or the one other country it
    names, when that is not his own."""
    if verb.lemma_.lower() != "summon" or verb.pos_ != "VERB" or agent_of(verb) is not None:
        return []
    envoy = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if envoy is None or envoy.lemma_.lower() not in ENVOY_HEADS:
        return []
    own = {e.country for e in recipient if e.country}
    venues = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
    host = actors.place_of(envoy, ("in", "to")) or actors.place_of(verb, ("in", "to")) or next(
        (found for venue in venues if (found := actors.place_of(venue, ("in",)))), None)
    others = actors.countries_named - own
    if host is None:
        host = actors.home if actors.home and actors.home not in own else next(iter(others)) if len(others) == 1 else None
    return [authorities(host, verb.idx)] if host and host not in own else []


# Sides that are the state: their protest (rare: PROTEST is civilian dissent) implies no
# authorities of their own country as its target.


def protested_authorities(actor: list[Entity], at: int) -> list[Entity]:
    """"Thousands marched in Kirkuk", "workers walked out over the bill": a protest that
    names no target is aimed at the protesters' own authorities (PLOVER codes it so, and
    analysts query it as a country's internal dissent): one implied government per country
    of the protesters (empty text at the trigger). State bodies imply none."""
    codes = dict.fromkeys(e.country for e in actor if e.country and e.sector not in STATE_SECTORS)
    return [authorities(code, at) for code in codes]


CROWD_CONTROL = "crowd-control"


def against_policies(actor: list[Entity], recipient: list[Entity], doc: Doc, policies: set[str]) -> list[Entity]:
    """The recipients of a protest that are parties: a phrase whose head is a policy or an
    act of the protesters' own country ("marched against military rule", "strikes against
    the pension reform") is no party (their own authorities are the target); a foreign
    state's policy ("riots against Israeli policies" by Palestinians) names that state.
    `policies`: the heads that name a policy (word_classes.yaml: protested_policy)."""
    own = {e.country for e in actor if e.country}
    kept = []
    for entity in recipient:
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand") if entity.text else None
        policy = span is not None and len(span) and span[-1].lemma_.lower() in policies
        if not policy or (own and entity.country and entity.country not in own):
            kept.append(entity)
    return kept


def implied_crowd(actor: list[Entity], at: int) -> list[Entity]:
    """"Officers responded with tear gas": crowd control falls on a crowd, people of the
    country whose forces use it (empty text at the trigger)."""
    codes = {e.country for e in actor if e.country}
    if len(codes) != 1:
        return []
    (code,) = codes
    return [Entity("", "crowd", code, "CVL", at, at, "other_party")]


def local_parties(actor: list[Entity], recipient: list[Entity], doc: Doc,
                  jurisdiction: bool = False) -> tuple[list[Entity], list[Entity]]:
    """Unnamed parties are local: "accused the network", "arrested a writer" on a side
    whose country is known make the other side of the same country; police and courts
    with no country of their own act where their target is. `jurisdiction`: the act falls
    on those under the actor's rule (leniency), so people of no known kind are local too."""
    actor_codes = {e.country for e in actor if e.country}
    recipient_codes = {e.country for e in recipient if e.country}
    if len(actor_codes) == 1 and recipient and not recipient_codes and not actor_codes & TRANSNATIONAL_CODES:
        (code,) = actor_codes
        recipient = [
            e if foreign_where_they_are(e, doc, kind_known=not jurisdiction) else replace(e, country=code, resolution="other_party")
            for e in recipient
        ]
    elif len(recipient_codes) == 1 and actor and not actor_codes and not recipient_codes & TRANSNATIONAL_CODES \
            and not all(_guest(e, doc) for e in recipient if e.country):
        (code,) = recipient_codes  # (not "police arrested two Chinese tourists": guests are foreign)
        actor = [
            replace(e, country=code, resolution="other_party") if e.sector in LOCAL_ACTOR_SECTORS else e for e in actor
        ]
    return actor, recipient


def host_not_guest(actor: list[Entity], recipient: list[Entity], doc: Doc) -> list[Entity]:
    """"The foreign ministry summoned the Israeli ambassador": an envoy is foreign where he
    is, so a side whose country was only guessed from the article (home_country) and is the
    envoy's own is of no known country, not the envoy's."""
    guests = {e.country for e in recipient if e.country and _guest(e, doc)}
    return [replace(e, country=None, resolution="unresolved") if e.resolution == "home_country" and e.country in guests else e
            for e in actor]


def _guest(entity: Entity, doc: Doc) -> bool:
    """Named by a word for people abroad ("the Israeli ambassador", "two Chinese tourists"),
    not a body whose name holds one ("National Union for ...")."""
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand") if entity.text else None
    return span is not None and len(span) > 0 and span.root.lemma_.lower() in FOREIGN_HEADS


# "met with his counterpart", "spoke with counterparts in the defence ministry": a
# counterpart is by definition of the other side, never of the actor's country; nor are
# people the text calls foreign ("blamed the bombing on foreign terrorists").
OTHER_SIDE_HEADS = frozenset({"counterpart", "foreign"})


def foreign_where_they_are(entity: Entity, doc: Doc, kind_known: bool = True) -> bool:
    """Envoys, diplomats, tourists: foreign where they are; counterparts are of the other
    side; and, with `kind_known`, parties of no known kind."""
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    return span is None or any(t.lemma_.lower() in FOREIGN_HEADS | OTHER_SIDE_HEADS for t in span) or (
        kind_known and entity.sector is None)


def common_adversary(trigger: Token, event_type: str, countering: set[str]) -> set[int]:
    """Indices of what a cooperative act is aimed against: "agreed to work together to counter
    China's coercion", "their commitment to address the threat posed by North Korea". The
    adversary is not the partner, so it is never the recipient of the promise or the talks
    (for a conflict type it may be: "threatened to confront Iran")."""
    if is_conflict(event_type):
        return set()
    against: set[int] = set()
    for verb in trigger.subtree:
        if verb is not trigger and verb.pos_ == "VERB" and verb.lemma_.lower() in countering:
            for part in verb.children:
                if part.dep_ in ("dobj", "prep"):
                    against.update(t.i for t in part.subtree)
    return against


def pressed_parties(trigger: Token, pressing: set[str]) -> list[Token]:
    """What a promised act presses, under the trigger: the "on" or "against" phrase of a
    noun of pressure ("their commitment to impose further costs on Iran", "its commitment
    to maintain sanctions against Belarus"), whether the parser hangs it on the noun or on
    the noun's verb."""
    found: list[Token] = []
    for word in trigger.subtree:
        if word is trigger or word.pos_ != "NOUN" or word.lemma_.lower() not in pressing:
            continue
        holders = [word, word.head] if word.dep_ == "dobj" else [word]
        found += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                  for p in c.children if p.dep_ == "pobj"]
    return found


def named_between(noun: Token, parties: list[Entity], *, same_country: bool = False) -> bool:
    """"talks between Serbia and Kosovo", "cooperation between Chile and Peru": two or more
    countries named by a noun's between-phrase, the sides of a joint act (its actors). With
    `same_country`, two sides of one country will do ("clashes between protesters and police")."""
    sides = len(parties) if same_country else len({e.country for e in parties if e.country})
    if noun.pos_ != "NOUN" or sides < 2:
        return False
    spans = [t.idx for p in noun.children if p.dep_ == "prep" and p.lower_ == "between" for t in p.subtree]
    return bool(spans) and all(min(spans) <= e.start <= max(spans) for e in parties)

