"""Is the event a plain fact? Negated, hypothetical, future and intended acts are not.

The cues are read from the trigger and from the verbs that govern it ("is considering a
boycott", "would face retaliation", "did not offer", "vowed to support").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.nlp.dates import is_historical
from newsledger.nlp.grammar import anticipated_by, objects_of

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
HYPOTHETICAL_VERBS = frozenset(
    {"consider", "weigh", "mull", "contemplate", "debate", "explore", "discuss", "float", "study", "suggest", "risk", "face"}
)
FUTURE_VERBS = frozenset({"prepare", "schedule", "expect", "set", "go", "due", "poise"})
INTENT_VERBS = frozenset(
    {"seek", "want", "aim", "hope", "offer", "propose", "threaten", "willing", "ready", "prepared", "eager", "determined",
     "expectation", "intend", "intention", "plan"}
)
# A promise binds the one who makes it: "committed to", "pledged to", "their commitment to"
# announce a future act (CODING.md), where "hopes to", "stands ready to" report an intent.
PROMISE_WORDS = frozenset({"vow", "swear", "pledge", "promise", "commit", "commitment", "assurance", "resolve"})
# "underscored the importance of working together", "stressed the need to deepen ties": an act
# called for, not yet done
NEED_NOUNS = frozenset({"importance", "need", "necessity", "urgency"})

# "declined to sign", "failed to reach agreement": the act did not happen, and for an act of
# cooperation the subject turned it down (PLOVER: a refusal)
REFUSAL_VERBS = frozenset({"decline", "fail"})
# "Rwanda denied sending troops", "denied that its forces had attacked the convoy": the
# subject says the act did not happen (a claim the text reports, not a fact)
DENIAL_VERBS = frozenset({"deny"})
# Verbs that report or affirm a statement: "would" in their past that-clause is a future
# seen from then ("affirmed that they would work together", "warned it would retaliate").
REPORTING_VERBS = frozenset({"say", "tell", "announce", "state", "add", "report", "claim", "insist", "confirm", "affirm",
                             "reaffirm", "reiterate", "stress", "emphasize", "emphasise", "underscore", "note", "assure",
                             "declare", "indicate", "signal", "warn", "agree", "decide", "explain"})
CHAIN_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "attr", "oprd", "acl", "compound", "amod", "nsubjpass", "pcomp", "acomp"})

ORDER = ("negated", "hypothetical", "reported-intent", "future")  # "hopes they will meet": an intent


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the words governing it, up to the clause that holds it."""
    chain = [trigger]
    node = trigger
    while (node.dep_ in CHAIN_DEPS or _shares_governor(node)) and node.head != node and len(chain) < 8:
        node = node.head
        chain.append(node)
    return chain


def _shares_governor(node: Token) -> bool:
    """"look forward to drafting a plan and to meeting again", "pledged to expand trade and
    to open a consulate": a complement conjoined to another complement (neither with a
    subject of its own) is governed as the first. (A finite clause's conjunct is not: "said
    the news would be a relief and thanked Riyadh" is no forecast of thanks.)"""
    def subject(verb: Token) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return node.dep_ == "conj" and not subject(node) and not subject(node.head) and node.head.dep_ in CHAIN_DEPS


def modality_of(trigger: Token, date: str | None, published: str | None) -> str:
    found = modality_cues(trigger)
    for label in ORDER:
        if label in found:
            return label
    if is_historical(date, published) or _told_as_past(trigger):
        return "historical"
    return "asserted"


# "have attacked journalists previously", "in the past": an act set before the news, undated
PAST_ADVERBS = frozenset({"previously", "formerly"})


def _told_as_past(trigger: Token) -> bool:
    # a nominal act is set by the verb it is the object of ("has carried out similar attacks in the past")
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") else trigger
    return verb.pos_ == "VERB" and any(
        (c.dep_ == "advmod" and c.lower_ in PAST_ADVERBS)
        or (c.dep_ == "prep" and c.lower_ == "in" and any(p.dep_ == "pobj" and p.lower_ == "past" for p in c.children))
        for c in verb.children)


def is_refusal(cues: set[str]) -> bool:
    """"Syria will not accept refugees", "declined to sign the accord": a negated future act
    of cooperation, or one the subject declined, is a refusal ("if Sweden does not
    extradite them", a condition, is none)."""
    return "negated" in cues and "conditional" not in cues and bool(cues & {"future", "hypothetical", "refused"})


# "did not accede to the strikers' demands", "has not met their conditions": yielding to a
# demand, negated, is the demand turned down, whatever the tense.
DEMAND_NOUNS = frozenset({"demand", "request", "call", "ultimatum", "plea", "appeal", "condition"})


def declines_demand(trigger: Token, cues: set[str]) -> bool:
    """"did not accede to the demands", "did not recognise the decision", "does not accept
    the court's authority": yielding or recognition negated is a rejection."""
    if "negated" not in cues or "conditional" in cues:
        return False
    if trigger.lemma_.lower() in RECOGNITION_VERBS:
        return True
    named = objects_of(trigger) + [p for c in trigger.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(t.lemma_.lower() in DEMAND_NOUNS for t in named)


RECOGNITION_VERBS = frozenset({"recognise", "recognize", "accept", "acknowledge"})

# "the upcoming visit", "a planned summit": an act named as still to come.
UPCOMING = frozenset({"upcoming", "forthcoming", "planned", "scheduled", "proposed", "expected"})


def is_upcoming(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in UPCOMING for c in noun.children)


def modality_cues(trigger: Token) -> set[str]:
    """Every modality cue on the trigger and the words governing it."""
    found: set[str] = set()
    chain = _chain(trigger)
    if chain[-1].dep_ in ("csubj", "nsubj") and _ruled_out(chain[-1].head):
        found.update(("negated", "refused"))  # "lifting the sanctions is out of the question"
    if chain[-1].dep_ == "ccomp" and chain[-1].head.lemma_.lower() in DENIAL_VERBS and chain[-1].i > chain[-1].head.i:
        # "denied that its forces had attacked"; not "accused the activists of inciting the
        # unrest, a charge the opposition denies", which the parser hangs on the denial after it
        found.add("negated")
    if chain[-1].dep_ == "nsubj" and trigger.pos_ == "NOUN" and not definite(chain[-1]) \
            and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in chain[-1].head.children):
        found.add("hypothetical")  # "another round of strikes could close the window": not yet done
    for position, node in enumerate(chain):
        if anticipated_by(node) is not None:  # "looks forward to meeting": not yet done
            found.add("future")
        for child in node.children:
            word = child.lower_
            if child.dep_ == "neg" or (word in NEGATORS and child.dep_ in ("det", "advmod", "neg", "preconj")):
                found.add("negated")
            elif position == 0 and child.dep_ == "dobj" and word == "nothing":
                found.add("negated")  # "they have conceded nothing", "offered nothing in return"
            elif child.dep_ == "aux" and word in FUTURE_AUX and not (position and node.lemma_.lower() == "continue"):
                found.add("future")  # not "will continue to support": under way
            elif child.dep_ == "aux" and word in HYPOTHETICAL_AUX:
                found.add("future" if word == "would" and _reported_past(node) else "hypothetical")
            elif child.dep_ == "mark" and word in CONDITIONAL_MARKS:
                found.update(("hypothetical", "conditional"))
        if node.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in node.children):
            found.update(("hypothetical", "conditional"))
        if position == 0:
            if node.lemma_.lower() in PROMISE_WORDS or is_upcoming(node):
                found.add("future")
            elif node.lemma_.lower() == "intend":
                found.add("reported-intent")
            continue
        lemma = node.lemma_.lower()
        if lemma == "hop" and node.lower_.startswith("hope"):
            lemma = "hope"  # the model's lemma of "hopes"
        if lemma in REFUSAL_VERBS and chain[position - 1].dep_ == "xcomp":
            found.update(("negated", "refused"))
        elif lemma in DENIAL_VERBS and node.pos_ == "VERB":
            found.add("negated")  # "denied sending troops"
        elif lemma in HYPOTHETICAL_VERBS:
            found.add("hypothetical")
        elif lemma in FUTURE_VERBS and node.pos_ in ("VERB", "ADJ") and (lemma != "go" or node.tag_ == "VBG"):
            # "is going to strike", not "went on strike"
            found.add("future")
        elif lemma in PROMISE_WORDS:
            found.add("future")
        elif lemma in INTENT_VERBS:
            found.add("reported-intent")
        elif lemma in NEED_NOUNS and node.pos_ == "NOUN" and not any(n.lemma_.lower() == "continue" for n in chain[:position]):
            found.add("future")  # not "the importance of continuing to provide aid": under way
    return found


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def definite(noun: Token) -> bool:
    """"the attack", "its strikes", "this raid": an act already known, not one to come (also
    not_events: a definite act no verb reports is one told before)."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)


def _ruled_out(verb: Token) -> bool:
    """"... is out of the question", "... is off the table": the subject act will not be done."""
    return verb.lemma_ == "be" and any(
        c.dep_ in ("prep", "advmod", "acomp") and c.lower_ in ("out", "off")
        and any(w.lemma_.lower() in ("question", "table") for w in c.subtree) for c in verb.children)


def if_clauses(trigger: Token) -> list[Token]:
    """The verbs of the "if" clauses an announced act is made on ("would raise tariffs if
    Canada retaliated")."""
    return [c for node in _chain(trigger) for c in node.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)]


def ultimatum_condition(trigger: Token) -> Token | None:
    """"will withdraw its troops unless Chad holds elections", "would cut aid if the junta
    does not free the prisoners": the condition an announced act is made on when it asks
    something of someone (unless, or if ... not); its verb."""
    # the parser may hang the condition inside the act's object ("block Sweden's bid to join
    # NATO if Stockholm does not ...")
    inside = [t for t in trigger.subtree if t.dep_ == "advcl" and _within_act(t.head, trigger)]
    for clause in [c for node in _chain(trigger) for c in node.children if c.dep_ == "advcl"] + inside:
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and (any(c.dep_ == "neg" for c in clause.children)
                                                    or clause.lemma_.lower() in DEFAULTING_VERBS)):
            return clause
    return None


# "if cooperation founders", "if the junta fails to free them", "if Iran continues enriching":
# a condition that another side defaults on, as "if ... not" is.
DEFAULTING_VERBS = frozenset({"fail", "founder", "collapse", "refuse", "reject", "continue", "persist", "violate",
                              "breach", "ignore", "break"})


def _within_act(node: Token, trigger: Token) -> bool:
    """`node` is part of the trigger's own phrase, not of a clause with its own subject."""
    while node != trigger:
        if node.dep_ in ("ccomp", "relcl", "advcl", "conj") or node.head == node:
            return False
        node = node.head
    return True


def _reported_past(verb: Token) -> bool:
    """"said it would impose": a future seen from a past report, not a hypothesis; so in a
    second that-clause joined to the first ("said the march was illegal and that those
    detained would be charged")."""
    while verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head != verb:
        verb = verb.head
    head = verb.head
    return verb.dep_ == "ccomp" and head.lemma_.lower() in REPORTING_VERBS and head.tag_ in ("VBD", "VBN")


def prefers_past(trigger: Token) -> bool:
    """Past-tense verbs make "Friday" last Friday; future ones make it next Friday."""
    for node in _chain(trigger):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return False
        if node.tag_ in ("VBD", "VBN"):
            return True
    return True
