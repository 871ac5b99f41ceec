"""Which words of a sentence are acts: lexicon entries matched against the parse.

An entry applies to a token of its lemma and part of speech when the token's objects (a
verb's direct object or passive subject, a noun's modifiers), particle and shape meet the
entry's constraints; the most specific entry wins. Also here: what a commitment commits to.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from newsledger.nlp.grammar import has_particle, objects_of, pos_of, subject_of
from newsledger.nlp.lexicon import Lexicon, Trigger
from newsledger.nlp.suffering import suffered_in

PERSON_OBJECT = "@person"  # in a trigger's `object` list: any named person
PEOPLE_OBJECT = "@people"  # ... any word the roles dictionary says is a person ("a French tourist", "two aid workers")
# "the two leaders", "both sides", "the officials", "they" after a meeting: its parties.
JOINT_HEADS = frozenset({"leader", "side", "country", "government", "president", "minister", "delegation", "party", "nation",
                         "official", "envoy", "adviser", "advisor", "negotiator", "delegate", "counterpart"})


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The most specific lexicon entry whose constraints this token meets."""
    pos = pos_of(token)
    if pos is None:
        return None
    entries = lexicon.triggers.get((token.lemma_.lower(), pos))
    if pos == "VERB" and suffered_in(token) is not None:  # "in police firing": the act as a noun
        entries = lexicon.triggers.get((token.lower_, "NOUN")) or entries
    if not entries:
        return None
    objects, modifiers, object_tokens = set(), set(), []
    if pos == "VERB":
        people = any(PEOPLE_OBJECT in entry.object for entry in entries)
        object_tokens = _relative_antecedent(token) or objects_of(token) or _raised_objects(token)
        for obj in (*object_tokens, *supplied_with(token)):
            for word in (obj, *_counted(obj, lexicon)):
                objects |= object_words(word)
                if people and names_people(word, lexicon):
                    objects.add(PEOPLE_OBJECT)
                # "fired shell bombs", "fired mortar rounds": the modifier names the weapon (of an attack)
                modifiers |= {c.lemma_.lower() for c in word.children if c.dep_ == "compound"}
    else:  # a noun's modifiers and of-phrase narrow it: "air strike", "a contribution of $5 million"
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
        of_objects = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        # "the delivery of 50,000 tons of wheat", "of thousands of tons of grain": a quantity stands for what it counts
        counted = [q for p in of_objects for c in _counted(p, lexicon) for q in (c, *_counted(c, lexicon))]
        objects |= {w.lemma_.lower() for w in (*of_objects, *counted)}
    best: Trigger | None = None
    for entry in entries:
        weapons = modifiers if entry.type == "ASSAULT" else set()  # "money laundering" commits no money
        if entry.object and not entry.object & (objects | weapons | (_particle_objects(token, entry.particle) if entry.particle else set())):
            continue
        if entry.particle and not has_particle(token, entry.particle):
            continue
        if entry.intransitive and any(c.dep_ == "dobj" for c in token.children):
            continue
        if entry.transitive and not any(c.dep_ == "dobj" for c in token.children):
            continue
        if entry.reciprocal and not _acting_together(token):
            continue
        if entry.unless and entry.unless & (objects | _next_words(token)):
            continue
        if entry.means and not entry.means & _means(token, lexicon):
            continue
        if entry.needs and not entry.needs & _hung_on(token, object_tokens):
            continue
        if entry.armed and not _armed_sides(token, lexicon):
            continue
        if entry.crowd and not _crowd(token, lexicon):
            continue
        if entry.bare_object and any(c.dep_ in ("oprd", "ccomp", "attr") for c in token.children):
            continue  # "called Putin a war criminal", "called the remarks divisive": a label, not a call
        if entry.plural and token.tag_ != "NNS" and not any(c.dep_ == "prep" and c.lower_ in entry.preps for c in token.children):
            continue  # "a talk at a think tank" is a speech; "talks", "a talk with Iran" are talks
        if best is None or entry.specificity > best.specificity:
            best = entry
    return best


def _raised_objects(verb: Token) -> list[Token]:
    """"will allow aid trucks to enter Gaza": the object the parser reads as the subject of
    the verb's to-clause."""
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for s in c.children if s.dep_ == "nsubj"]


RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


def _relative_antecedent(verb: Token) -> list[Token]:
    """"the $300 million the United States has provided to Sudan", "the doses that Japan
    shipped": a relative clause with a doer of its own and no object of its own acts on
    the noun it describes (not on what a copula says something is: "it is the first
    warrant the court has issued" describes)."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "NUM") or verb.head.dep_ == "attr":
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lower_ not in RELATIVE_PRONOUNS for o in objects):
        return []
    own_doer = any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)
    return [verb.head] if own_doer else []


def _hung_on(token: Token, objects: Iterable[Token] = ()) -> set[str]:
    """The prepositions, adverbs and predicative adjectives on a verb ("held the RSF
    responsible"), and each preposition with its object's lemma ("set the car on fire":
    "on", "on fire"; "broke into the parliament": "into parliament"), the verb of its
    to-clause ("gathered to demand": "to demand", and "to-clause" for any);
    the prepositions the parser hangs on the verb's objects instead ("imposed costs on
    Moscow", "held a hearing into the deaths"); on a noun, also the preposition it is the
    object of ("came under fire": "under")."""
    found: set[str] = {token.head.lower_} if token.pos_ == "NOUN" and token.dep_ == "pobj" else set()
    found |= {c.lower_ for obj in objects for c in obj.children if c.dep_ == "prep"}
    # the predicative adjective the parser often hangs after the object as its modifier
    # (on the verb, it is an oprd, an acomp or a small clause: below)
    found |= {c.lower_ for obj in objects for c in obj.children if c.dep_ == "amod" and c.i > obj.i}
    for c in token.children:
        if c.dep_ in ("prep", "advmod", "npadvmod", "oprd", "acomp") or (c.dep_ == "ccomp" and c.pos_ == "ADJ"):
            found.add(c.lower_)
        if c.dep_ == "prep":
            found.update(f"{c.lower_} {p.lemma_.lower()}" for p in c.children if p.dep_ == "pobj")
        if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            found.update((f"to {c.lemma_.lower()}", "to-clause"))  # "gathered to demand", "encouraged Iran to return"
    return found


def _counted(obj: Token, lexicon: Lexicon) -> list[Token]:
    """"fired dozens of rockets", "beat hundreds of protesters": a quantity word
    (word_classes.yaml: quantity) stands for what it counts; "ended mediation efforts": an
    effort word (word_classes.yaml: effort) for the act its modifier or of-phrase names; a
    service word for what its modifier names ("internet services")."""
    lemma = obj.lemma_.lower()
    counted = [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if lemma in lexicon.word_classes["quantity"]:
        return counted
    if lemma in lexicon.word_classes["effort"]:
        return [c for c in obj.children if c.dep_ == "compound"] + counted
    if lemma in lexicon.word_classes["service"]:  # "suspended mobile internet services"
        return [c for c in obj.children if c.dep_ in ("compound", "amod", "nmod")]
    return []


def names_a_person(word: Token) -> bool:
    """A person's name, also when the NER stops short of its last word ("President Yoon Suk
    Yeol", tagged "Yoon Suk"): a proper noun whose compound words it tags a person."""
    return word.ent_type_ == "PERSON" or (word.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in word.children))


def object_words(word: Token) -> set[str]:
    """What an object says it is: its lemma, PERSON_OBJECT for a person's name, the title
    written before a name ("welcomed President Ruto" as "welcomed the president"), and what
    a container holds ("a package of security assistance", "a shipment of vaccines")."""
    found = {word.lemma_.lower()}
    if word.lemma_.lower() in CONTAINER_NOUNS:
        found |= {held.lemma_.lower() for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" for held in (p, *p.conjuncts)}
    if names_a_person(word):
        found.add(PERSON_OBJECT)
    if word.pos_ == "PROPN":
        found |= {c.lemma_.lower() for c in word.children if c.dep_ == "compound" and c.i < word.i}
    return found


def supplied_with(verb: Token) -> list[Token]:
    """What a verb of supplying gives when its object is the receiver ("provide Ukraine
    with air defence", "equipped the army with drones"): the object of its with-phrase,
    hung on the verb or on the receiver."""
    if verb.lemma_.lower() not in SUPPLYING_VERBS:
        return []
    receivers = [c for c in verb.children if c.dep_ == "dobj"]
    return [p for holder in (verb, *receivers) for c in holder.children if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children if p.dep_ == "pobj"] if receivers else []


SUPPLYING_VERBS = frozenset({"provide", "supply", "furnish", "equip"})
ASPECT_VERBS = frozenset({"continue", "keep", "start", "begin", "resume"})
CONTAINER_NOUNS = frozenset({"package", "shipment", "consignment", "batch", "tranche", "round", "delivery", "supply"})


def names_people(word: Token, lexicon: Lexicon) -> bool:
    """A word for people by what they are ("tourist", "aid worker"): a person role."""
    lemma = word.lemma_.lower()
    compounds = tuple(c.lemma_.lower() for c in word.children if c.dep_ == "compound" and c.i < word.i)
    return any((role := lexicon.roles.get(key)) is not None and role.is_person
               for key in ((lemma,), (*compounds[-1:], lemma)))


def _particle_objects(verb: Token, particle: str) -> set[str]:
    """What a verb's particle takes: "took to the streets" (street), "spoke to Prime
    Minister Mottley" (a person)."""
    objects = [o for c in verb.children if c.dep_ == "prep" and c.lemma_.lower() == particle
               for o in c.children if o.dep_ == "pobj"]
    return {o.lemma_.lower() for o in objects} | ({PERSON_OBJECT} if any(names_a_person(o) for o in objects) else set())


PROMISE_NOUNS = frozenset({"commitment", "pledge", "promise", "vow", "determination", "resolve"})
# Restated, cooperation is promised too: "reaffirmed their cooperation on maritime security".
COOPERATION_NOUNS = frozenset({"cooperation", "coordination", "collaboration"})


SUPPORTING_VERBS = frozenset({"support", "help", "assist", "back", "aid", "stand", "defend", "provide"})


# Verbs that praise or greet what another side does; OWN_POSSESSIVES keep the speaker's own.
WELCOMING = frozenset({"welcome", "praise", "commend", "applaud", "hail", "salute", "laud"})
OWN_POSSESSIVES = frozenset({"our", "their", "its", "his", "her", "my"})


def restated_commitment(verb: Token) -> Token | None:
    """"reaffirmed their commitment ...", "noted Germany's commitment ...", "confirmed their
    partnership and commitment to ...", "reiterated their cooperation": the promise noun a
    verb restates."""
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    if verb.lemma_.lower() in WELCOMING:  # "welcomed Ghana's commitment to free elections": praise of Ghana's
        objects = [o for o in objects if not any(c.dep_ == "poss" and c.lower_ not in OWN_POSSESSIVES for c in o.children)]
    return next((o for o in objects if o.lemma_.lower() in PROMISE_NOUNS | COOPERATION_NOUNS), None)


def promised_act(promise: Token) -> Token | None:
    """"commitment to strengthen the partnership", "commitment to working together": the act
    promised."""
    acts = [c for c in promise.children if c.dep_ == "acl" and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    acts += [p for c in promise.children if c.dep_ == "prep" and c.lower_ == "to"
             for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"]
    act = acts[0] if acts else None
    # "commitment to continue providing air defence to Ukraine": the act continued
    while act is not None and act.lemma_.lower() in ASPECT_VERBS:
        continued = next((c for c in act.children if c.dep_ == "xcomp"), None)
        if continued is None:
            break
        act = continued
    return act


def _means(verb: Token, lexicon: Lexicon) -> set[str]:
    """What the act is done with: "charged the crowd with batons", "responded with tear gas",
    or the instrument or attack that does it, as subject or by-agent ("missiles hit the
    plant", "an airstrike hit a school", "the market was hit by shells"; not "the defence
    force did not respond"). A with-phrase the parser hangs on the verb's object or on a
    place phrase of the verb is the verb's too ("dispersed the sit-in outside the
    commission with tear gas")."""
    inner = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    inner += [p for c in verb.children if c.dep_ == "prep" and c.lower_ != "with" for p in c.children if p.dep_ == "pobj"]
    with_phrase = [pobj for head in (verb, *inner) for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
                   for pobj in c.children if pobj.dep_ == "pobj"]
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [pobj for c in verb.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
    means = {word.lemma_.lower() for head in with_phrase for word in (head, *head.conjuncts)}
    return means | {word.lemma_.lower() for head in doers for word in (head, *head.conjuncts)
                    if word.lemma_.lower() in lexicon.instruments or is_attack_noun(word, lexicon)}


def is_attack_noun(noun: Token, lexicon: Lexicon, types: frozenset[str] = frozenset({"ASSAULT"})) -> bool:
    """"a drone strike", "the shelling": a noun that names an armed attack (not "the strike"
    of workers); with `types`, an act of one of those types ("a police raid")."""
    as_verb = noun.pos_ == "VERB" and suffered_in(noun) is not None  # "died in police firing", read as a verb
    if not as_verb and (noun.pos_ != "NOUN" or (noun.lemma_.lower(), "NOUN") not in lexicon.triggers):
        return False
    entry = match_trigger(noun, lexicon)
    return entry is not None and entry.type in types


def _armed_sides(verb: Token, lexicon: Lexicon) -> bool:
    """"the army and the RSF fought for the airport", "troops battled militants near Goma":
    the doer, the one fought or the one fought with is an armed side (word_classes.yaml:
    armed_side), so the fight is armed, not "fought corruption" or "battled the virus"."""
    parties = [p for p in (subject_of(verb), *objects_of(verb)) if p is not None]
    parties += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "against") for o in c.children if o.dep_ == "pobj"]
    # "police units", "army patrols": a unit word whose modifier names an armed side is one
    sides = [t for p in parties for t in (p, *p.conjuncts)]
    sides += [c for t in sides for c in t.children if c.dep_ in ("compound", "amod")]
    armed = lexicon.word_classes["armed_side"]
    # "Troops attacked ...": a capitalised plural opening a sentence is read as a name, its "s" kept
    return any(t.lemma_.lower() in armed or (t.pos_ == "PROPN" and t.lower_.endswith("s") and t.lower_[:-1] in armed)
               for t in sides)


# actors.phrases.STATE_SECTORS and international bodies (that package imports this module)
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO"})


def _crowd(verb: Token, lexicon: Lexicon) -> bool:
    """"Thousands gathered", "pensioners assembled": the doer is people in the street (a
    number of them, people, protesters, or a role outside the state), not leaders or
    officials meeting ("G7 leaders gathered in Rome to call for a ceasefire")."""
    doer = subject_of(verb)
    if doer is None:
        return False
    lemma = doer.lemma_.lower()
    if lemma == "people" or lemma in lexicon.word_classes["quantity"] or lemma in lexicon.word_classes["protester"]:
        return True
    role = lexicon.roles.get((lemma,))
    return role is not None and role.sector not in OFFICIAL_SECTORS


def _next_words(token: Token) -> set[str]:
    """The two words after a trigger, for fixed phrases that are not the act ("cease and
    desist order")."""
    return {t.lemma_.lower() for t in token.doc[token.i + 1 : token.i + 3]}


def _acting_together(verb: Token) -> bool:
    """"Biden and Merkel spoke today", "the two leaders spoke by phone": a joint subject and
    no audience, venue or object ("spoke to reporters", "spoke at a rally")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("to", "at", "before", "of")):
            return False  # an audience, a venue, "spoke of heavy shelling"
        if c.dep_ == "prep" and c.lower_ == "on" and not any(o.ent_type_ == "DATE" for o in c.children):
            return False  # "spoke on condition of anonymity", not "spoke on Monday"
    subject = subject_of(verb)
    if subject is None:
        return False
    joined = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    if len(joined) > 1:  # named people or governments, not "residents and soldiers"
        return all(t.pos_ == "PROPN" or t.lemma_.lower() in JOINT_HEADS for t in joined)
    words = {c.lower_ for c in subject.children if c.dep_ in ("det", "nummod", "predet", "amod")}
    return subject.tag_ == "NNS" and subject.lemma_.lower() in JOINT_HEADS and bool(words & {"two", "both", "three"})
