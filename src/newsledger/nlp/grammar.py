"""Shapes of the dependency parse the coder reads: subjects, agents, objects and
prepositional objects, including the small model's usual misparses (what else a clause
holds: clauses.py)."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.inverted_reports import inverted_report
from newsledger.nlp.sentences import sentence_of


def pos_of(token: Token) -> str | None:
    if token.pos_ == "VERB":
        return "VERB"
    if token.pos_ == "NOUN":
        return "NOUN"
    return None


def objects_of(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    # "granted Stanton a full pardon", parsed as the thing in apposition to the person or
    # as the person's own object
    objs += [a for c in token.children if c.dep_ == "dative" for a in c.children if a.dep_ in ("appos", "dobj")]
    if not objs and token.pos_ == "VERB":
        # "arrested and charged two men": coordinated verbs share the object the last one holds
        objs = [o for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > token.i
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                for o in c.children if o.dep_ == "dobj"][:1]
    return [t for o in objs for t in (o, *o.conjuncts)]


def has_particle(token: Token, particle: str) -> bool:
    """The verb has the particle, as the parser tags it or as a preposition, but not one
    that only dates or times the act ("called the plan reckless on Tuesday" is no "call on")."""
    if any(c.lemma_.lower() == particle and c.dep_ in ("prt", "prep", "advmod") and not _dates(c)
           for c in token.children):
        return True
    return bool(_marked_infinitive_subjects(token, {particle}))


def _marked_infinitive_subjects(verb: Token, preps: set[str] | frozenset[str]) -> list[Token]:
    """"spoke [with Modi to inaugurate ...]": the parser can make the preposition the marker
    of an infinitive clause whose subject is the party the verb is done with."""
    return [s for clause in verb.children if clause.dep_ in ("advcl", "xcomp")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
            for mark in clause.children if mark.dep_ == "mark" and mark.lower_ in preps and mark.i > verb.i
            for s in clause.children if s.dep_ == "nsubj" and s.left_edge.i == mark.i + 1]


def _dates(prep: Token) -> bool:
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


# "Israel is opposed to the plan", "is committed to ending": a stance its subject takes, not
# something done to it.
STANCE_PARTICIPLES = frozenset({"oppose", "commit", "determine", "dedicate", "devote", "resolve"})


# A clause with any of these has its own subject, auxiliary, marker or object: not a bare participle.
OWN_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "mark", "dobj"})


def bare_participle_clause(verb: Token) -> bool:
    """"..., charged with arson": a past participle with no subject, auxiliary, marker or
    object of its own on a clause (the parser hangs it as an advcl, or as an acl on the verb)."""
    return verb.tag_ == "VBN" and (verb.dep_ == "advcl" or (verb.dep_ == "acl" and verb.head.pos_ in ("VERB", "AUX"))) \
        and not any(c.dep_ in OWN_CLAUSE_DEPS for c in verb.children)


def is_passive(verb: Token, depth: int = 0) -> bool:
    """A passive verb, a bare past participle adverbial clause ("..., charged with arson",
    "Backed by Washington, the rebels ...": the main clause's subject undergoes it), or a
    bare participle coordinated with a passive ("was convicted of fraud and fined": "fined"
    is passive too, its subject the one fined); not a stance ("is opposed to")."""
    if verb.lemma_.lower() in STANCE_PARTICIPLES and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) \
            and agent_of(verb) is None:
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if bare_participle_clause(verb):
        return True  # "six remain in custody, charged with arson": the main clause's subject was charged
    return (
        depth < 4 and verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head != verb
        and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in verb.children)
        and is_passive(verb.head, depth + 1)
    )

STATEMENT_NOUNS = frozenset({"statement", "letter", "communique", "communiqué", "resolution", "declaration", "report", "note"})


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    # "was granted clemency by the president": a passive's retained object takes the "by"
    if any(c.dep_ == "auxpass" for c in verb.children):
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "by"):
                for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                    return pobj
    # "was denounced in a joint letter by Chile, Peru and Bolivia"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "through", "with"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in STATEMENT_NOUNS:
                    return agent_of(pobj)
    return None


# Who is thanked for an act did it: "thanked Canada for providing aid" (not the thanker).
THANKING = frozenset({"thank", "praise", "commend", "applaud", "congratulate", "credit", "hail", "salute",
                      "gratitude", "appreciation", "thanks"})
# Who is punished or blamed for an act did it: "sanctioned three firms for supplying drone
# parts", "jailed two activists for organising a protest" (not the punisher).
BLAMING = frozenset({"sanction", "punish", "fine", "jail", "imprison", "arrest", "detain", "convict", "sentence",
                     "charge", "blame", "criticise", "criticize", "condemn", "sue", "expel", "penalise", "penalize",
                     "prosecute", "rebuke", "reprimand", "denounce", "censure", "slam", "fault", "investigate"})
# Nouns of stance or plan whose act is their holder's: "stressed the importance of
# continuing to give support", "highlighted actions to provide assistance".
GOVERNING_NOUNS = frozenset({"importance", "need", "necessity", "commitment", "effort", "plan", "intention",
                             "readiness", "willingness", "determination", "resolve", "goal", "aim", "priority",
                             "action", "step", "measure", "initiative", "way"})


# Nouns whose owner does the act they take part in: "Japan's role in providing aid".
CONTRIBUTION_NOUNS = frozenset({"role", "part", "partnership", "contribution", "contributions", "leadership", "work",
                                "effort", "efforts", "commitment", "participation", "help", "support", "generosity",
                                "hospitality"})


def contributor(noun: Token) -> Token | None:
    """Whose part a contribution noun names: its owner ("Chad's generosity") or its
    of-phrase ("the generosity of the Chadian people"); None for any other noun."""
    if noun.lemma_.lower() not in CONTRIBUTION_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return owner or next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None)


def _stray_subject(verb: Token) -> Token | None:
    """"fired rockets into Thai districts and Thai jets struck Cambodian positions": the
    parser joins a second clause's subject to the first clause's object and the second verb
    to the first; the noun right before a finite verb so joined, a conjunct of an earlier
    noun, is its subject."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ != "conj" or before.head.i >= before.i:
        return None
    return before if before.head.dep_ in ("dobj", "pobj", "conj") and before in verb.head.subtree else None


def is_stray_subject(token: Token) -> bool:
    """The noun is a later clause's subject that the parser joined to an earlier noun
    (_stray_subject): no conjunct of that noun."""
    return token.i + 1 < len(token.doc) and (found := _stray_subject(token.doc[token.i + 1])) is not None and found.i == token.i


def grammatical_subject(verb: Token, depth: int = 0) -> Token | None:
    """nsubj or nsubjpass, inherited through xcomp, coordinated verbs and prepositional
    complements ("responded by expelling", "committed to ensuring")."""
    if depth < 4 and (meeting := _met_for(verb)) is not None:
        return grammatical_subject(meeting, depth + 1)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    for aux in (c for c in verb.children if c.dep_ in ("aux", "auxpass")):
        for child in aux.children:  # "Serbia is opposed to ...", parsed with the subject on "is"
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
    if (stray := _stray_subject(verb)) is not None:
        return stray
    head = verb.head
    if depth < 4 and verb.dep_ == "conj" and _main_clause_goes_on(verb):
        return grammatical_subject(head.head, depth + 1)  # "entered after the attack began and detained 13"
    if depth < 4 and verb.dep_ == "conj" and _speaker_goes_on(verb):
        return grammatical_subject(head.head, depth + 1)  # "replied that the plant had supplied ... and accused Kyiv"
    if depth < 4 and verb.dep_ == "conj" and head.dep_ in ("xcomp", "acl") and head.tag_ == "VB" and verb.tag_ in ("VBD", "VBN") \
            and (main := head.head if head.dep_ == "xcomp" else head.head.head).pos_ in ("VERB", "AUX"):
        # "urged the crowd to leave and arrested twenty", "welcomed efforts to free the hostages
        # and called for ...": a past form joined to an infinitive goes on with the main
        # clause, whose subject did it
        return grammatical_subject(main, depth + 1)
    if depth < 4 and (verb.dep_ in ("xcomp", "conj", "advcl", "acomp") or bare_participle_clause(verb)) and head != verb \
            and head.pos_ in ("VERB", "AUX", "ADJ"):
        told = next((c for c in head.children if c.dep_ == "dobj"), None)
        if verb.dep_ == "xcomp" and told is not None and told.lemma_.lower() not in GOVERNING_NOUNS:
            return told  # "urged Russia to withdraw"
        return grammatical_subject(head, depth + 1)
    if depth < 4 and verb.dep_ == "pcomp" and (verb.tag_ in ("VBG", "VB") or _being_done(verb)):
        return _pcomp_subject(verb, depth)
    if depth < 4 and verb.dep_ == "dep" and verb.tag_ == "VBD" and _reduced_relative(head):
        return grammatical_subject(head, depth + 1)
    if (owner := _intent_owner(verb)) is not None:
        return owner
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG", "VBD") and head.pos_ in ("NOUN", "PROPN"):
        # "the diplomats expelled on Monday", "the country that expelled them", and a finite
        # verb misparsed as a participle ("The ambassador called on Moscow ...")
        return head
    return None


# Nouns of a promise or intent whose owner does the act of their to-clause
OWNED_INTENTS = frozenset({"commitment", "pledge", "promise", "offer", "decision", "intention", "readiness",
                           "willingness", "determination", "resolve"})
OWNER_PREPS = frozenset({"by", "from", "of"})  # "the commitment by the G7", "the decision of Qantas"


def _intent_owner(verb: Token) -> Token | None:
    """"The commitment by EU states to provide ...", "the pledge from Japan to deliver ...",
    "the decision of Qantas to buy ...", "Norway's offer to send ...": whose promise or
    decision the verb's to-clause belongs to does the act; the named owner, else None (a
    possessive pronoun, "their commitment to ...", goes on with the clause's own subject)."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VB" or head.lemma_.lower() not in OWNED_INTENTS:
        return None
    return next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None) or next(
        (p for c in head.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPS for p in c.children if p.dep_ == "pobj"), None)


TALKING_VERBS = frozenset({"speak", "meet", "talk", "confer"})


def _met_for(verb: Token) -> Token | None:
    """"spoke today with President Ruto to congratulate him": the parser makes the person
    spoken with the subject of the purpose clause, which is the talking verb's subject's;
    that verb, else None."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with":
        talking = verb.head.head
    elif verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children):
        talking = verb.head  # (or "with" read as the clause's marker)
    else:
        return None  # (most verbs: the dependency label decides before any child is read)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return talking if infinitive and talking.lemma_.lower() in TALKING_VERBS else None


SPEAKING_LEMMAS = frozenset({"say", "reply", "tell", "add", "state", "argue", "insist", "respond", "write", "note", "claim"})


def reporter_of(verb: Token, speaking: frozenset[str] = SPEAKING_LEMMAS) -> Token | None:
    """Who says the clause of `verb` (a verb of `speaking` governs it): "the minister replied
    that the reform would not be withdrawn" (the minister), else None."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in speaking:
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


# What a speaker goes on to do in words: "... and accused Kyiv of", "... and urged Moscow to".
VERBAL_ACTS = frozenset({"accuse", "blame", "call", "urge", "demand", "warn", "threaten", "deny", "reject", "dismiss",
                         "condemn", "criticise", "criticize", "denounce", "ask", "appeal", "praise", "thank", "vow", "pledge"})


def _speaker_goes_on(verb: Token) -> bool:
    """"Russia's ambassador replied that the plant had supplied power to arms factories and
    accused Kyiv of ...": a verbal act in the finite past the parser joined to a reported
    clause told in another tense (the past perfect "had supplied") continues the speaker's
    own sentence."""
    reported = verb.head
    return (verb.tag_ == "VBD" and verb.lemma_.lower() in VERBAL_ACTS and reported.dep_ == "ccomp" and reported.tag_ != "VBD"
            and reported.head.lemma_.lower() in SPEAKING_LEMMAS and reported.head.tag_ == "VBD")


TIME_MARKS = frozenset({"after", "before", "when", "as", "once", "until"})
# Happenings that begin, end or go on, but do nothing to anyone themselves.
HAPPENING_NOUNS = frozenset({"attack", "raid", "assault", "siege", "fighting", "clash", "operation", "protest", "rally",
                             "march", "riot", "unrest", "violence", "shooting", "shelling", "standoff", "storm", "fire",
                             "blast", "explosion", "meeting", "talks", "ceremony", "match", "curfew"})


def _main_clause_goes_on(verb: Token) -> bool:
    """"Police units entered the studio half an hour after the attack began and detained
    all 13 attackers": a verb the parser joins to a time clause whose subject is a
    happening ("the attack began") goes on the main clause, whose subject acts."""
    clause = verb.head
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in HAPPENING_NOUNS \
        and clause.head.pos_ in ("VERB", "AUX")


def _reduced_relative(verb: Token) -> bool:
    """"Insurgents linked to the Islamic State beheaded four villagers", parsed with
    "linked" as the finite verb and "beheaded" hung on it as `dep`: a participle with a
    prepositional complement, no object and no clause of its own before the real verb."""
    return (verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
            and any(c.dep_ in ("prep", "agent") and c.i == verb.i + 1 for c in verb.children)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children))


def _being_done(verb: Token) -> bool:
    """"fled before being arrested", "died after being shot": a passive participle after a
    preposition, whose subject is the one the phrase is about."""
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children)


def _pcomp_subject(verb: Token, depth: int) -> Token | None:
    """The doer of "by expelling", "to ensuring", "in providing": the subject of the clause
    the phrase hangs on, the owner of the noun ("Canada's role in providing"), or the
    one thanked for it; None when the phrase hangs on something else."""
    prep = verb.head
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP" and prep.head != prep:
        prep = prep.head  # "for its contributions and for providing shelter": the first "for" hangs on the thanks
    host = prep.head
    if host == prep:
        return None
    lemma = host.lemma_.lower()
    thanks = next((c for c in host.children if c.dep_ == "dobj" and c.lemma_.lower() in THANKING), None)
    if host.pos_ == "VERB" and lemma not in THANKING and thanks is not None:
        host, lemma = thanks, thanks.lemma_.lower()  # "expressed appreciation for Chad's generosity in hosting"
    if lemma in BLAMING and host.pos_ == "VERB" and prep.lower_ == "for" and not is_passive(host):
        return next((c for c in host.children if c.dep_ == "dobj"), None)
    if lemma in THANKING:
        reasons = [p for c in host.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children if p.dep_ == "pobj"]
        owners = [c for r in reasons for c in r.children if c.dep_ == "poss"]
        if host.pos_ != "VERB":
            return next(iter(owners), None)  # "gratitude for Chad's generosity in hosting"; "for providing": no one said
        thanked = next((c for c in host.children if c.dep_ == "dobj"), None)
        # "praised the generosity of the Chadian people in hosting ...": the people, not their generosity
        return next(iter(owners), None) or (contributor(thanked) if thanked is not None else None) or thanked
    if host.pos_ in ("NOUN", "PROPN"):
        if (owner := contributor(host)) is not None:
            return owner  # "Japan's role in providing aid", not "its conditions for ending the war"
        if lemma in GOVERNING_NOUNS and host.dep_ == "dobj" and host.head.pos_ in ("VERB", "AUX"):
            return grammatical_subject(host.head, depth + 1)
        return None
    if host.pos_ in ("VERB", "AUX"):
        return grammatical_subject(host, depth + 1)
    return None


NAMING_VERBS = frozenset({"call", "name", "dub", "know", "title", "label", "nickname", "style"})


def misparsed_main_verb(verb: Token) -> bool:
    """"The US deputy ambassador called on Moscow to ...": a finite past verb (VBD, not a
    participle) the parser hung on the sentence's root noun is the sentence's own verb,
    its head the subject. So is a past form it tagged a participle when a full stop ends the
    sentence it leaves verbless ("Mounted police charged at the marchers."), unless it is a
    verb of naming ("a newspaper called Thursday ...", "a group known as ..."; "called on"
    and "called for" are no naming)."""
    if verb.dep_ != "acl" or verb.head.dep_ != "ROOT" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if verb.tag_ == "VBD":
        return True
    naming = verb.lemma_.lower() in NAMING_VERBS and not (
        verb.i + 1 < len(verb.doc) and verb.nbor().lower_ in ("on", "for") and verb.nbor().head == verb)
    return verb.tag_ == "VBN" and not naming and sentence_of(verb)[-1].text == "."


def subject_of(verb: Token) -> Token | None:
    """The doer of a verb: its agent when passive, else its grammatical subject."""
    if verb.dep_ == "acl" and inverted_report(verb) is not None:
        return verb.head  # "..., an opposition party charged": the party the parser hung it on
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main_verb(verb)):
        return agent_of(verb)
    return grammatical_subject(verb)


def anticipated_by(token: Token) -> Token | None:
    """"looks forward to meeting X", "look forward to the visit": the verb "look" whose
    subject anticipates the act at `token` (the object of its "to", or a conjunct of it:
    "look forward to drafting a plan and to meeting again"), else None."""
    if token.dep_ in ("advcl", "conj") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
            and _looks_forward(token.head):
        return token.head  # "... and to meeting again": the second "to" clause hung on "look" itself
    while token.dep_ == "conj" and token.pos_ == token.head.pos_ and token.head != token:
        token = token.head
    prep = token.head
    if token.dep_ not in ("pobj", "pcomp") or prep.lower_ != "to":
        return None
    look = prep.head.head if prep.head.lower_ == "forward" else prep.head
    return look if _looks_forward(look) else None


def _looks_forward(verb: Token) -> bool:
    return verb.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in verb.children)


def undergoer_of(verb: Token) -> Token | None:
    """Who a passive verb happens to: "27 diplomats had been expelled"."""
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN" and inverted_report(verb) is None
                            and not misparsed_main_verb(verb)):
        return grammatical_subject(verb)
    return None


def shifted_object(verb: Token) -> Token | None:
    """"denounced as a hostile act Russia's jamming of ...", "rejected as baseless
    Moscow's claims": the object a verb puts after its as-predicate, which the parser hangs
    on "as" (in apposition to the predicate, or as its object when it has an owner)."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return None
    for pobj in (p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"):
        appos = next((a for a in pobj.children if a.dep_ == "appos" and a.pos_ == "NOUN"), None)
        if appos is not None:
            return appos
        if any(c.dep_ == "poss" for c in pobj.children):
            return pobj
    return None


def patient_of(verb: Token) -> Token | None:
    """Whom a verb's act falls on: its passive subject, else its direct object ("the
    eleven were released", "freed fifteen workers")."""
    return undergoer_of(verb) or next((c for c in verb.children if c.dep_ == "dobj"), None)


# Prepositions of a venue, on whose object the parser hangs the trigger's own phrase:
# "met at the State Department with Foreign Minister Wong" reads as "[the Department with Wong]".
VENUE_PREPS = frozenset({"at", "in"})


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the trigger's prepositions; "spoke with X to discuss", which the parser
    reads as "with [X to discuss]", gives X too, and "met at the ministry with X", which it
    reads as "[the Foreign Ministry with X]", gives X after the trigger's own phrases (a named
    venue only: "agreed to mediation in the talks with X" names what was agreed)."""
    found = _own_prep_objects(token, preps)
    for venue in (c for c in token.children if c.dep_ == "prep" and c.lower_ in VENUE_PREPS and c.lower_ not in preps):
        for place in (p for p in venue.children if p.dep_ == "pobj" and (p.pos_ == "PROPN" or p.ent_type_)):
            found += _own_prep_objects(place, preps & {"with"})
    if not found and "with" in preps:
        # "held a meeting ahead of the summit with Prime Minister X", "met on the sidelines of
        # the summit with X": the parser hangs the meeting's with-phrase on the occasion
        found = [p for noun in _occasions(token) for p in _own_prep_objects(noun, frozenset({"with"}))
                 if p.pos_ == "PROPN" or p.ent_type_]
    return found


OCCASION_PREPS = frozenset({"on", "at", "during", "after", "before", "of"})


def _occasions(token: Token) -> list[Token]:
    """The nouns of the phrases that say when or on what occasion an act happened
    ("ahead of the summit", "on the sidelines of the G20"), nested up to three deep."""
    found, frontier = [], [token]
    for _ in range(3):
        preps = [c for t in frontier for c in t.children if c.dep_ == "prep" and c.lower_ in OCCASION_PREPS]
        preps += [g for t in frontier for c in t.children if c.dep_ == "advmod" and c.lower_ == "ahead"
                  for g in c.children if g.dep_ == "prep"]
        frontier = [p for prep in preps for p in prep.children if p.dep_ == "pobj"]
        found += frontier
    return found


def _own_prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ not in ("prep", "dative") or child.lower_ not in preps:
            continue
        for pobj in child.children:
            if pobj.dep_ == "pobj":
                found.append(pobj)
            elif pobj.dep_ == "pcomp" and pobj.pos_ == "VERB":
                found += [c for c in pobj.children if c.dep_ == "nsubj" and c.i < pobj.i]
        if not any(c.dep_ in ("pobj", "pcomp") for c in child.children):
            # "spoke with Modi to inaugurate ...", parsed with Modi as the subject of "inaugurate"
            found += [s for clause in token.children if clause.dep_ in ("advcl", "xcomp") and clause.i > child.i
                      for s in clause.children if s.dep_ == "nsubj" and s.left_edge.i == child.i + 1]
    return found + _marked_infinitive_subjects(token, preps)


def carrier_noun(noun: Token, quantities: set[str] | frozenset[str]) -> Token | None:
    """"the largest donor of aid", "the delivery of 40 tons of food aid", "support for Ukraine,
    including security assistance", "$30 million in assistance": the noun or sum an act named
    in an of-, including- or in-phrase is carried by, through quantity words (word_classes.yaml:
    quantity); its owner and its own phrases are the act's ("donor of aid to Sudan": to Sudan)."""
    node = noun
    for _ in range(3):
        amount = node.head.lower_ == "in" and node.head.head.ent_type_ == "MONEY"  # "$30 million in assistance"
        if not (node.dep_ == "pobj" and (amount or (node.head.lower_ in ("of", "including") and node.head.head.pos_ == "NOUN"))):
            break
        node = node.head.head
        if node.lemma_.lower() not in quantities:
            break
    return node if node != noun else None


OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})


HONORIFICS = frozenset({"majesty", "highness", "excellency", "holiness", "eminence"})


def owned_by_subject(token: Token, partners: set[str] = frozenset()) -> bool:
    """"withdrew its troops from Japan": the subject's own troops are not the recipient;
    "His Majesty the Sultan" is a form of address, and "our Polish ally", "its Ukrainian
    partners" are other parties (`partners`: nouns of a relation), not possessions."""
    if any(c.lower_ in HONORIFICS for c in token.subtree if c.i < token.i) or token.lemma_.lower() in partners:
        return False
    return any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in token.children)
