"""A candidate event as the coder finds it, and how candidates of one act fold together.

A trigger found in a sentence becomes a `Coded` candidate; the rules here decide which
candidates are one act told twice ("shelled the town, killing 20"), which are the cause a
protest states, which quoted labels are criticism, and which acts no political party did
(ordinary crime, disasters, accidents).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsledger.nlp.clauses import elaborates
from newsledger.nlp.grammar import agent_of, is_passive, objects_of, prep_objects, subject_of
from newsledger.nlp.lexicon import Lexicon, Trigger
from newsledger.nlp.modality import modality_cues
from newsledger.nlp.not_events import is_accident, is_ordinary_crime
from newsledger.nlp.parties import PROSECUTION_LEMMAS
from newsledger.nlp.sentences import sentence_of
from newsledger.nlp.suffering import SUFFER_VERBS, joined_passives, suffers
from newsledger.nlp.triggers import SUPPORTING_VERBS
from newsledger.records import Entity

FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})


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
    promised: bool = False  # "reaffirmed their commitment to strengthen ...": a promise, coded as future
    part: int = 0  # which of the acts one response answers (answered_acts.one_per_act), from 0

    @property
    def coder(self) -> str:
        kind = "verb" if self.trigger.pos == "VERB" else "noun"
        matched = sorted(self.trigger.object & {o.lemma_.lower() for o in objects_of(self.token)})
        detail = "+".join(matched[:1]) or self.trigger.particle
        return f"rule:{kind}:{self.trigger.lemma}" + (f"+{detail}" if detail else "")


# "the senator called the ministry's plan "reckless"": a quoted label pinned on someone's act is criticism.
LABELLING = Trigger("call", "VERB", "ACCUSE", "111", mode="disapprove")
QUOTE_MARKS = frozenset('"“”')
LABEL_VERBS = frozenset({"call", "describe", "label", "brand", "dub"})


def labels_in_quotes(token: Token, lexicon: Lexicon) -> bool:
    """"called X 'Y'" and "described X as 'Y'": the label is a quotation after the object
    (the parser may hang it on the object: 'the new budget "reckless"'); unquoted, a label
    the criticism lexicon knows ("called the tax plan a disaster")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in LABEL_VERBS:
        return False
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or obj.ent_type_ == "PERSON" and token.lemma_.lower() == "call" and not any(
        c.dep_ in ("oprd", "xcomp") for c in token.children
    ):
        return False
    label = [c for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp", "advcl", "prep") and c.i > obj.i]
    label += [c for c in obj.children if c.dep_ in ("amod", "appos", "acl") and c.i > obj.i]
    after = token.doc[obj.i + 1 : token.right_edge.i + 1]
    if label and any(t.text in QUOTE_MARKS for t in after):
        return True
    words = {entry[0] for entry in lexicon.criticism if len(entry) == 1}
    return any(t.lemma_.lower() in words for c in label if c.dep_ in ("oprd", "xcomp", "prep") for t in c.subtree)


def ordinary_crime(coded: Coded) -> bool:
    """Police and courts acting on ordinary crime ("was convicted of health care fraud") do
    no political act; the same acts on a journalist, or for terrorism, are kept."""
    trigger = coded.trigger
    judicial = trigger.mode in ("convict", "arrest") or trigger.lemma in PROSECUTION_LEMMAS
    return judicial and is_ordinary_crime(sentence_of(coded.token), coded.recipient)


# Modes of an assault that are rioting when protesters do them (CODING.md: riots, looting
# and petrol bombs by protesters are PROTEST).
RIOT_MODES = frozenset({None, "destroy", "beat", "primitive", "explosives"})
RIOT_VERBS = frozenset({"riot", "rampage"})


def kind_by_doer(coded: Coded, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """Who does it decides the kind of street violence: an assault whose doers are
    protesters is a riot ("protesters set fire to a bus", "rioters attacked a police
    station"); a riot act whose doers are an armed or organised side, not a crowd, is an
    assault ("settlers hurled stones at homes", "soldiers threw stones"). Protesters and
    armed sides are word classes (word_classes.yaml: protester, armed_side)."""
    if coded.trigger.pos == "NOUN" and coded.trigger.mode == "strike" and armed_strike(coded.token, lexicon):
        return "ASSAULT", "aerial"
    if coded.trigger.pos != "VERB":
        return None
    doer = subject_of(coded.token)
    if doer is None:
        return None
    # "hundreds of protesters": a quantity word stands for the people it counts
    counted = [p for c in doer.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"] \
        if doer.lemma_.lower() in lexicon.word_classes["quantity"] else []
    crowd = any(t.lemma_.lower() in lexicon.word_classes["protester"] for t in (doer, *doer.conjuncts, *counted))
    # "inmates rioted, torching cells": what rioters do as they riot is the riot
    rioting = coded.token.dep_ in ("advcl", "conj") and coded.token.head.lemma_.lower() in RIOT_VERBS
    if (crowd or rioting) and coded.trigger.type == "ASSAULT" and coded.trigger.mode in RIOT_MODES \
            and not _kills(coded.token):
        return "PROTEST", "riot"
    if coded.trigger.type == "COERCE" and coded.trigger.mode == "restrict" and coded.trigger.lemma in BLOCKING \
            and (crowd or _civilians(doer, lexicon)):
        return "PROTEST", "obstruct"  # "farmers would blockade Paris", "students blocked the campus"
    if not crowd and coded.trigger.type == "PROTEST" and coded.trigger.mode == "riot" and doer.pos_ == "NOUN" and any(
            t.lemma_.lower() in lexicon.word_classes["armed_side"] for t in (doer, *doer.conjuncts)):
        return "ASSAULT", None
    return None


# "was beaten to death by a mob", "a crowd lynched two men": a crowd that kills someone
# assaults them, whatever it is protesting
KILLING_VERBS = frozenset({"kill", "lynch", "murder", "behead"})


def _kills(verb: Token) -> bool:
    return verb.lemma_.lower() in KILLING_VERBS or any(
        p.lower_ == "death" for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children)


BLOCKING = frozenset({"block", "blockade", "barricade"})
CIVILIAN_SECTORS = frozenset({"CVL", "LAB", "EDU"})


def _civilians(doer: Token, lexicon: Lexicon) -> bool:
    """Farmers, workers, students ("hundreds of dockworkers"): people whose blockade is a
    protest, not a state's siege."""
    if doer.lemma_.lower() in lexicon.word_classes["quantity"]:
        doer = next((p for c in doer.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj"), doer)
    role = lexicon.roles.get((doer.lemma_.lower(),))
    return doer.pos_ == "NOUN" and role is not None and role.sector in CIVILIAN_SECTORS


def armed_strike(noun: Token, lexicon: Lexicon) -> bool:
    """"Turkish jets carried out strikes on Kurdish positions": a strike carried out by an
    armed side or a weapon, or made on a target ("strikes on militant positions", not "a
    strike on Monday"), is an attack, not a walkout."""
    if noun.dep_ == "dobj" and (doer := subject_of(noun.head)) is not None:
        lemma = doer.lemma_.lower()
        if lemma in lexicon.instruments or lemma in lexicon.word_classes["armed_side"]:
            return True
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME")
                                                              for o in c.children) for c in noun.children)


def strike_on_rebels(coded: Coded) -> bool:
    """"conducted a strike against al-Shabaab", "strikes against the militants": a strike
    aimed at rebels is an attack. Workers strike against a policy, an employer or a
    government (a junta included), never against an armed group."""
    return (coded.event_type == "PROTEST" and coded.mode == "strike" and coded.token.pos_ == "NOUN"
            and any(e.sector == "REB" for e in coded.recipient))


def protest_as_manner(coded: Coded, acts: set[int]) -> bool:
    """"summoned the ambassador in protest", "resigned in protest at the ruling": a bare
    singular "in protest" says why another act was done; when that act is coded (its verb's
    index in `acts`), it is no demonstration of its own ("took part in protests" and "in a
    protest" are; "cleared Japanese goods from their shelves in protest" is the only
    record of that boycott)."""
    token = coded.token
    if not (coded.trigger.type == "PROTEST" and token.tag_ == "NN" and token.lemma_.lower() == "protest"
            and token.dep_ == "pobj" and token.head.lower_ == "in"
            and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children)):
        return False
    host = token.head.head  # the parser hangs "in protest" on the verb or on its object
    verb = host.head if host.pos_ in ("NOUN", "PROPN") and host.dep_ == "dobj" else host
    return verb.i in acts


def ties_as_goal(coded: Coded, lexicon: Lexicon) -> bool:
    """"met to discuss our bilateral cooperation", "to deepen U.S.-Irish ties", "take their
    cooperation to new heights": cooperation that a verb aims at or talks about, rather than
    one reported as carried out ("launched joint patrols"; word_classes.yaml:
    occurrence_verb) or promised ("will deepen cooperation"), is a goal or a topic, not an act."""
    token = coded.token
    if coded.trigger.type != "COOPERATE" or token.pos_ != "NOUN" or token.dep_ != "dobj" or token.head.pos_ != "VERB":
        return False
    verb = token.head
    if verb.lemma_.lower() in lexicon.word_classes["occurrence_verb"] or modality_cues(verb) & {"future", "reported-intent"}:
        return False  # "launched joint patrols"; "committed to deepening cooperation" is a promise
    return True


# "agreed on the urgency of ...", "agreed on the importance of ...": a shared view, not an accord.
VIEW_NOUNS = frozenset({"urgency", "importance", "need", "necessity", "value", "significance"})


def shared_view(coded: Coded) -> bool:
    """Agreeing on how urgent or important something is states a view both hold; it
    settles nothing, so it is no agreement ("agreed on the need to ..." is no event)."""
    token = coded.token
    if coded.trigger.type != "AGREE" or token.pos_ != "VERB" or token.lemma_.lower() != "agree":
        return False
    return any(p.lemma_.lower() in VIEW_NOUNS for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "about")
               for p in c.children if p.dep_ == "pobj")


def funds_purpose(coded: Coded, lexicon: Lexicon) -> bool:
    """"will provide $2 million to support fair elections", "a contribution of
    $100 million to back the relief effort": support that says what money is for is part
    of the act that gives or pledges it, not an event of its own (word class funding)."""
    node = coded.token
    if coded.trigger.type != "SUPPORT" or node.pos_ != "VERB":
        return False
    funding = lexicon.word_classes["funding"]
    for _ in range(3):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        helped = node.dep_ == "xcomp" and node.head.lemma_.lower() in SUPPORTING_VERBS  # "to help support"
        if node.dep_ not in ("advcl", "xcomp", "acl", "relcl") or not (infinitive or helped):
            return False
        node = node.head
        named = [node, *(c for c in node.children if c.dep_ in ("dobj", "nsubjpass", "nsubj"))]
        if any(t.ent_type_ == "MONEY" or t.lemma_.lower() in funding for t in named):
            return True
    return False


def announced_money_for(coded: Coded, acts: set[int]) -> bool:
    """"announced $40 million to support Kenya's power grid", "highlighted the announcement
    of $40 million to support ...": a sum named in the object of a clause that is no act of
    its own (not in `acts`, the candidates' token indices), whose purpose is to support
    someone, is aid to them (a sum a giving verb gives is that verb's act: funds_purpose)."""
    token = coded.token
    if coded.trigger.type != "SUPPORT" or token.pos_ != "VERB" or token.dep_ not in ("advcl", "xcomp", "acl") \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    host = token.head
    if host.i in acts:
        return False
    named = [c for c in host.children if c.dep_ in ("dobj", "nsubjpass")] if host.pos_ in ("VERB", "AUX") else [host]
    named += [p for n in named for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return any(t.ent_type_ == "MONEY" for t in named)


# Words that make a crash or a collapse an attack's: "when a drone crashed into the house",
# "when the building collapsed after an air strike".
ATTACK_WORDS = frozenset({"strike", "airstrike", "attack", "raid", "shelling", "bombing", "bombardment", "missile",
                          "rocket", "shell", "drone", "bomb", "mortar", "artillery"})


CAUSE_NOUNS = frozenset({"cause", "origin", "circumstance", "reason"})


def no_political_party(coded: Coded, lexicon: Lexicon) -> bool:
    """Disasters and accidents as the doer ("a flood killed dozens", "a factory blast") or
    as what a death with no doer happened in ("were killed when a bus overturned"),
    and investigations of accidents ("police are investigating the crash"), are nobody's
    political act."""
    token = coded.token
    if coded.trigger.type in FORCE_TYPES and token.pos_ == "VERB":
        doer = subject_of(token)
        if doer is not None and is_accident(doer, lexicon):
            return True
        if doer is None and any(c.dep_ == "advcl" and c.lemma_.lower() in lexicon.word_classes["accident_verb"]
                                and not any(t.lemma_.lower() in ATTACK_WORDS for t in c.subtree)
                                for verb in (token, *token.conjuncts) for c in verb.children):
            return True  # "killed when a bus skidded off the road", not "when a drone crashed into the house"
    if coded.trigger.type == "ACCUSE" and coded.trigger.mode == "investigate":
        targets = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + prep_objects(token, frozenset({"into", "of"}))
        # "investigating the cause of the crash": what the cause is of
        targets += [p for t in targets if t.lemma_.lower() in CAUSE_NOUNS for p in prep_objects(t, frozenset({"of"}))]
        return any(is_accident(t, lexicon) for t in targets)
    return False


def states_the_cause(parent: Coded, child: Coded, token: Token) -> bool:
    """"staged a hunger strike to protest X", "blocked roads demanding Y": what a protest
    is for is part of the protest, not a second event. What rioters accuse someone of as
    they burn and loot ("torched the legislators' houses, accusing them of ...") is an
    accusation of its own."""
    if child.event_type == "ACCUSE" and parent.mode == "riot":
        return False
    return parent.event_type == "PROTEST" and child.event_type in ("PROTEST", "REQUEST", "ACCUSE") and token.dep_ in (
        "advcl", "xcomp", "pcomp", "prep", "pobj"
    )


def merge_same_act(found: list[Coded]) -> list[Coded]:
    """"shelled the town, killing 20": one act told twice; the clause that elaborates a
    same-type event by the same actor is folded into it, and so is the nominal act that is
    the subject of its own verb ("a car bombing killed five") or says how it was done
    ("were killed in shelling"), and a verb that shares its object ("shot and killed")."""
    kept: list[Coded] = []
    for coded in sorted(found, key=lambda c: (c.token.pos_ != "VERB", c.token.i)):
        parent = next(
            (k for k in kept if k.event_type == coded.event_type and (
                ((not coded.actor or _same_actors(k, coded)) and elaborates(coded.token, k.token))
                or (coded.token.dep_ == "nsubj" and coded.token.head == k.token)
                or (in_time_clause(coded.token, k.token) and not _other_sides(k, coded))
                or tells_how(coded.token, k.token)
                or shares_the_object(coded.token, k.token)
                or hurt_in_the_same(coded.token, k.token)
                or (more_victims(coded.token, k.token) and _no_other_target(k, coded))
                or _same_sides(k, coded)
                or (k.event_type == "PROTEST" and said_in_protest(coded.token))
            )),
            None,
        )
        if parent is None:
            kept.append(coded)
            continue
        parent.recipient = parent.recipient or coded.recipient
        parent.actor = parent.actor or coded.actor  # "killed in Russian shelling": the shelling's doer
        parent.mode = parent.mode or coded.mode
    return kept


def said_in_protest(noun: Token) -> bool:
    """"called a general strike that closed shops across the capital in protest of the arrests": the
    idiom says why another act was done; with a protest already told in the sentence, it is
    that protest."""
    return noun.lemma_.lower() == "protest" and noun.dep_ == "pobj" and noun.head.lower_ == "in"


def in_time_clause(second: Token, first: Token) -> bool:
    """"were killed when an Israeli air strike levelled a building": the attack that is the
    subject of the act's time clause is the act."""
    clause = second.head
    return second.dep_ == "nsubj" and clause.dep_ == "advcl" and clause.head == first and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "after") for c in clause.children)


def hurt_in_the_same(second: Token, first: Token) -> bool:
    """"a boy died in police firing and two others were wounded": the agentless passive
    joined to the verb of suffering is hurt in the same attack, one act with more victims."""
    verb = first.head.head if first.dep_ == "pobj" and first.head.lower_ in ("in", "during") else None
    return (verb is not None and second.dep_ == "conj" and second.head == verb and suffers(verb)
            and is_passive(second) and agent_of(second) is None)


def more_victims(second: Token, first: Token) -> bool:
    """"killed four policemen and wounded nine others", "were killed and five wounded": a
    verb of harm joined to another, with no subject of its own or both agentless, tells
    more victims of the same attack, one act (CODING.md: acts of one kind by one side on one
    target are one record)."""
    if second.dep_ != "conj" or second.head != first or second.pos_ != "VERB" \
            or not {second.lemma_.lower(), first.lemma_.lower()} <= SUFFER_VERBS:
        return False
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children)
    return not own_subject or (is_passive(first) and is_passive(second) and agent_of(first) is None and agent_of(second) is None)


def _no_other_target(a: Coded, b: Coded) -> bool:
    """`b` names no victim of another country than `a`'s ("killed three US soldiers and
    wounded two Iraqi civilians" hit two sides); victims only guessed to be of the story's
    country are no other side."""
    hit = {e.country for e in a.recipient if e.country}
    return all(e.country in hit or e.resolution in ("home_country", "unresolved") for e in b.recipient if e.country)


def shares_the_object(second: Token, first: Token) -> bool:
    """"shot and killed ten protesters", "beat and injured a reporter": two verbs of one
    subject and one object tell one act (not "was convicted and fined": two acts on one
    person)."""
    return (second.dep_ == "conj" and second.head == first and not is_passive(first)
            and not any(c.dep_ == "dobj" for c in first.children) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children))


def tells_how(noun: Token, verb: Token) -> bool:
    """"were killed in shelling", "wounded by sniper fire": the nominal act that says how the
    verb's act was done is that act."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ("in", "during") and prep.head in joined_passives(verb):
        return True  # "a soldier was killed and three others injured in a Taliban attack"
    return noun.dep_ == "pobj" and prep.head == verb and (prep.dep_ == "agent" or prep.lower_ in ("in", "during", "by"))


def _same_actors(a: Coded, b: Coded) -> bool:
    return {e.country for e in a.actor} == {e.country for e in b.actor}


def _other_sides(a: Coded, b: Coded) -> bool:
    """Both acts have doers of known countries, and none is the other's: "Canada imposed
    tariffs hours after Trump's duties came into force" tells two acts, not one."""
    first, second = {e.country for e in a.actor if e.country}, {e.country for e in b.actor if e.country}
    return bool(first and second) and not first & second


# Stances one side voices several times in a sentence to one target are one record
# ("thanked the King ... and affirmed U.S. support for Jordan"); promises are not (two
# things promised are two promises), nor are material acts (a raid and an arrest).
ONE_STANCE_TYPES = frozenset({"PROTEST", "SUPPORT", "ACCUSE", "REQUEST", "REJECT"})


def _same_sides(a: Coded, b: Coded) -> bool:
    """One protest told with several words in one sentence ("converged for a rally to
    protest ...", "downed tools as the strike began"), by the same side on the
    same target, is one record, and so is one stance voiced twice, and one withdrawal from
    relations told twice ("cut ties with Mexico and recalled its ambassador"); a strike and
    a march are two, and so are a sanction and a suspension, a conviction and a fine, or a
    raid and an arrest, which the gold codes apart."""
    if (a.event_type not in ONE_STANCE_TYPES and not (a.event_type == "SANCTION" and a.mode == "withdraw")) or a.mode != b.mode:
        return False
    actors = {e.country for e in a.actor if e.country}
    recipients = {e.country for e in a.recipient if e.country}
    if a.event_type != "PROTEST" and not (actors and recipients):
        return False  # a stance's target may still be found ("condemned what he called an act of terror")
    return bool(actors | recipients) and actors == {e.country for e in b.actor if e.country} and (
        recipients == {e.country for e in b.recipient if e.country})


def governing_verb(noun: Token, verbs: dict[int, Coded], hops: int = 3) -> Coded | None:
    node = noun
    for _ in range(hops):
        if node.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass", "oprd") or node.head == node:
            return None
        node = node.head
        if node.i in verbs:
            return verbs[node.i]
    return None


WARNING_LEMMAS = frozenset({"warn", "warning"})


def forecast_warning(coded: Coded, absorbing: set[int], lexicon: Lexicon) -> bool:
    """"Aid agencies warned that food stocks were running low", "rights groups warned that
    such sweeps can lead to abuses": a warning that names no one warned, no act of the
    warner's and no penalty to come is a forecast, not a threat (one that does: "warned
    Moscow", "warned it would retaliate", "warned that further measures would follow")."""
    return (coded.event_type == "THREATEN" and coded.trigger.lemma in WARNING_LEMMAS and not coded.trigger.object
            and not coded.recipient and id(coded) not in absorbing and warners_target(coded.token) is None
            and not _penalty_to_come(coded.token, lexicon.word_classes["penalty"]))


def _penalty_to_come(warning: Token, penalties: set[str]) -> bool:
    """The warning's clause says a penalty will come: its subject (or the noun after "there
    would be") is a penalty word and the clause is future ("would follow", "will be taken")."""
    return any(_told_as_coming(clause) and any(c.dep_ in ("nsubj", "nsubjpass", "attr") and c.lemma_.lower() in penalties
                                               for c in clause.children)
               for clause in warning.children if clause.dep_ == "ccomp")


def _told_as_coming(clause: Token) -> bool:
    """The clause says what will or would happen ("would follow", "will target")."""
    return any(a.dep_ in ("aux", "auxpass") and a.lower_ in ("will", "would", "shall") for a in clause.children)


WARNER_PRONOUNS = frozenset({"it", "they", "we"})


def warners_target(warning: Token) -> Token | None:
    """"warned that it would target any soldiers entering the area", "warned they will hit
    back at anyone who": whom the warning says its side itself will act on (a pronoun
    subject, will or would, an object), a threat whatever the verb; None when it says no such act."""
    for act in (c for c in warning.children if c.dep_ == "ccomp" and not is_passive(c)):
        if _told_as_coming(act) and any(s.dep_ == "nsubj" and s.lower_ in WARNER_PRONOUNS for s in act.children):
            target = next((o for o in act.children if o.dep_ == "dobj"), None)
            if target is None:
                target = next(iter(prep_objects(act, frozenset({"at", "on", "against"}))), None)
            if target is not None:
                return target
    return None


def abroad(coded: Coded) -> bool:
    """A recipient of another country than every actor's ("traveled to Tokyo" from Washington)."""
    own = {e.country for e in coded.actor if e.country}
    return bool(own) and any(e.country and e.country not in own for e in coded.recipient)


def jointly(coded: Coded) -> bool:
    """Done by two or more sides ("the two leaders launched a partnership") or by one with
    a party of another country ("launched a partnership with Kenya")."""
    return len({e.country for e in coded.actor if e.country}) >= 2 or abroad(coded)


# What starts a joint undertaking: "welcomed the resumption of military-to-military talks".
STARTING_NOUNS = frozenset({"resumption", "launch", "start", "establishment", "creation", "restart", "relaunch",
                            "reopening"})


def welcomed_start(coded: Coded) -> bool:
    """Two or more parties welcoming, together, the start of something of their own ("the
    two leaders welcomed the resumption of military communication", "the launch of a new
    dialogue") agree on it (AGREE), where welcoming what they already share is praise among
    themselves (mutual_praise: no event)."""
    return len({e.country for e in coded.actor if e.country}) >= 2 and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STARTING_NOUNS for c in coded.token.children)


def mutual_praise(coded: Coded) -> bool:
    """Praise that stays among the parties who voice it: parties acting together who
    welcome, recognise or reaffirm what they share ("the leaders reaffirmed the historic
    ties between their nations", "they welcomed continued discussions") or praise one of
    themselves, and a side thanking its own officials ("thanked the Cabinet members for
    their work"). Acts of support are kept whoever gets them (a joint signing, "Sanders
    endorsed Biden"), as is praise of another party."""
    if coded.event_type != "SUPPORT" or coded.trigger.lemma not in PRAISE_LEMMAS:
        return False
    own = {e.country for e in coded.actor if e.country}
    named = {e.country for e in coded.recipient if e.country}
    if len(own) >= 2:
        return named <= own
    # (a list of names sharing one title, "Secretaries Vilsack, Raimondo and Buttigieg", may
    # leave the later names without a sector of their own)
    return coded.trigger.lemma == "thank" and bool(named) and named <= own and all(
        e.sector in ("GOV", None) for e in coded.recipient if e.country) and any(e.sector == "GOV" for e in coded.recipient)


# Words of praise and acknowledgement (not acts of support): what mutual_praise reads.
PRAISE_LEMMAS = frozenset(
    {"welcome", "recognize", "recognise", "reaffirm", "affirm", "applaud", "celebrate", "commend", "praise", "hail",
     "thank", "congratulate", "highlight", "underscore", "emphasize", "emphasise", "acknowledge", "appreciate",
     "laud", "salute", "note", "stress"}
)


def by_phrase_of_held(verb: Token, trigger: Trigger) -> Token | None:
    """"A rally by garment workers was held in Dhaka": an agentless passive whose subject is
    the act the entry matched on is done by whom that noun's by-phrase names."""
    held = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in trigger.object), None)
    if held is None or agent_of(verb) is not None:
        return None
    return next((p for c in held.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"), None)
