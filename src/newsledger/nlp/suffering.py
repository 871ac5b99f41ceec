"""Acts told by what their victims suffered: "died in police firing", "were wounded in the
shelling", "the embassy was the target of a suicide attack". The victim is the subject of
the verb of suffering, the act the -ing word or noun of its phrase."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.grammar import agent_of, grammatical_subject, is_passive

SUFFER_VERBS = frozenset({"die", "kill", "injure", "wound", "hurt", "perish", "maim"})


def suffers(verb: Token) -> bool:
    """"died", "were wounded", "lost their lives": the verb says its subject suffered."""
    lemma = verb.lemma_.lower()
    return lemma in SUFFER_VERBS or (lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children))


def suffered_in(token: Token) -> Token | None:
    """The verb of "died in police firing" / "killed in tank shelling" when the trigger is
    the -ing act of that phrase (the parser reads it as a verb)."""
    if token.tag_ != "VBG":
        return None
    head = token.head
    if token.dep_ == "acl" and head.dep_ == "pobj" and head.head.lower_ in ("in", "during"):
        verb = head.head.head
        return verb if suffers(verb) else None
    if token.dep_ == "advcl" and suffers(head):
        if any(c.dep_ == "prep" and c.lower_ in ("in", "during") and c.i < token.i for c in head.children):
            return head
    if token.dep_ == "pobj" and head.lower_ in ("in", "during") and suffers(head.head):
        return head.head  # "died in police firing and two others were wounded": the -ing as the phrase's object
    return None


def sufferer(noun: Token) -> Token | None:
    """The subject of "died/were killed in police firing": the victim of the nominal act."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "by") or prep.head == prep:
        return None
    verb = prep.head
    if not suffers(verb):
        return None
    done_to = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if done_to is not None and any(c.dep_ == "nsubj" for c in verb.children):
        return done_to  # "police killed three kidnappers in a raid": the killed, not the killers
    return grammatical_subject(verb)


# "the embassy was the target of a suicide attack", "civilians were the victims of shelling"
TARGET_NOUNS = frozenset({"target", "victim"})


def targeted(noun: Token) -> Token | None:
    """Whom an act named by a noun hit when the sentence says they were its target."""
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if holder is None or holder.lemma_.lower() not in TARGET_NOUNS or holder.dep_ != "attr":
        return None
    return next((c for c in holder.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def joined_passives(verb: Token, *, elliptical: bool = True) -> list[Token]:
    """The agentless passives joined to `verb` ("a student was killed and several were
    injured"); with `elliptical`, also with the second auxiliary left out ("an officer was
    killed and two others wounded"), which the parser may read as a noun joined to the verb
    with the participle on it: a phrase on the last of them ("... in an ambush") tells how
    each was hurt."""
    joined = [c for c in verb.children if c.dep_ == "conj" and agent_of(c) is None and (is_passive(c) or (
        elliptical and is_passive(verb) and c.tag_ == "VBN" and not any(a.dep_ in ("aux", "auxpass") for a in c.children)))]
    if elliptical and is_passive(verb):
        joined += [a for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PRON")
                   for a in c.children if a.dep_ == "acl" and a.tag_ == "VBN" and agent_of(a) is None]
    return joined
