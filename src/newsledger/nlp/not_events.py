"""Candidates that are no new event: nouns that name a known, alleged or discussed act,
verbs that describe a participant, and acts of nature or accident.

Each rule is a class of real-news sentence (see tests/test_news_rules.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from newsledger.nlp.grammar import bare_participle_clause, misparsed_main_verb
from newsledger.nlp.lexicon import Lexicon
from newsledger.nlp.modality import definite, is_upcoming
from newsledger.nlp.triggers import is_attack_noun, match_trigger
from newsledger.records import Entity

# "allegations of sexual assault", "charged with murder": the act is what is alleged, not
# an event the article reports as happening.
ALLEGATION_NOUNS = frozenset(
    {"allegation", "accusation", "charge", "claim", "suspicion", "rumour", "rumor", "conviction", "trial", "case",
     "evidence", "report", "investigation", "inquiry", "probe", "complaint", "lawsuit", "denial", "threat", "fear", "risk"}
)

ALLEGATION_VERBS = frozenset({"accuse", "charge", "suspect", "convict", "acquit", "indict", "deny", "blame"})
# "arrested for collaborating with Israel", "jailed for spying": the act a person is held
# or punished for is what is alleged of them, not an event the article reports
PUNISHING_VERBS = frozenset({"arrest", "detain", "jail", "imprison", "sentence", "punish", "fine", "execute", "prosecute",
                             "try", "expel", "deport", "hold"})

# "reviewed security cooperation", "discussed the sanctions": a topic talked about, not an act.
TOPIC_VERBS = frozenset(
    {"discuss", "review", "address", "exchange", "examine", "highlight", "emphasize",
     "emphasise", "underscore", "note", "stress", "raise", "assess", "evaluate", "cover"}
)
# "negotiations on an Israeli troop pullback", "a blackout on the withdrawal", "a ban on
# protests": an act that talks, a deal, a document or a rule is about is its subject
# matter, not an act the article reports as done
TOPIC_NOUNS = frozenset(
    {"negotiation", "talk", "discussion", "dialogue", "debate", "consultation", "agreement", "deal", "accord", "treaty",
     "resolution", "proposal", "plan", "blackout", "conference", "summit", "vote", "bill", "law", "referendum",
     "ban", "moratorium", "curb", "limit", "restriction", "rule", "guideline", "question", "issue", "dispute"}
)


# "a draft resolution that seeks to expand sanctions": what a document or plan sets out to do is
# its content, not an act done (a relative clause on it is background already: describes_a_noun).
CONTENT_VERBS = frozenset({"aim", "seek", "intend", "purport", "propose", "want", "try"})


# "the constitution prohibits torture", "NATO guidelines call for 2% of GDP": what a standing
# text says in the present tense is a rule in force, not an act anyone did
STANDING_TEXTS = frozenset({"constitution", "charter", "law", "rule", "guideline", "treaty", "statute", "code",
                            "regulation", "provision", "clause", "article"})


def _content_of_a_document(token: Token) -> bool:
    node = token.head if token.pos_ == "NOUN" and token.dep_ == "dobj" else token  # "impose an embargo"
    if node.pos_ != "VERB":
        return False
    clause = node
    while clause.dep_ == "conj" and clause.head != clause and clause.head.pos_ == "VERB":
        clause = clause.head  # "bans the death penalty and prohibits torture"
    if node.tag_ in ("VBZ", "VBP") and (doer := next((c for c in clause.children if c.dep_ == "nsubj"), None)) is not None \
            and doer.lemma_.lower() in STANDING_TEXTS:
        return True
    while node.dep_ == "conj" and node.head != node and node.head.pos_ == node.pos_:
        node = node.head  # "seeks to expand sanctions and add an embargo"
    if node.dep_ != "xcomp" or node.head.lemma_.lower() not in CONTENT_VERBS:
        return False
    clause = node.head
    return (clause.dep_ == "relcl" and clause.head.lemma_.lower() in TOPIC_NOUNS
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in clause.children))


def _found_by_a_ruling(verb: Token) -> bool:
    """"The court removed the prime minister, ruling that he had violated ethics rules": what
    a court rules someone did is its finding (the removal is the event), not an act reported."""
    if verb.pos_ != "VERB":
        return False
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() == "rule" \
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def is_topic(token: Token) -> bool:
    node = token
    if node.dep_ == "pobj" and node.head.lower_ in ("on", "about", "of", "regarding") and node.head.head != node.head:
        node = node.head
    if node.dep_ not in ("dobj", "prep", "conj"):
        return False
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    if node.dep_ == "prep" and node.lower_ in ("on", "about", "over", "regarding", "concerning") and node.head.pos_ == "NOUN":
        return node.head.lemma_.lower() in TOPIC_NOUNS
    if node.dep_ == "prep" and node.lower_ in ("on", "about", "regarding", "concerning") and node.head.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in TOPIC_NOUNS and c.i < node.i for c in node.head.children):
        # "renewed negotiations today on a troop pullback": the phrase hung on the verb, after
        # the topic noun ("went on strike over government plans" misread is no topic)
        return True
    return node.head.pos_ == "VERB" and node.head.lemma_.lower() in TOPIC_VERBS


def is_alleged(token: Token) -> bool:
    """"Allegations of assault", "charged with murder", "convicted of killing a guard": the
    act is what is alleged or was tried, not one the article reports."""
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ in ("in", "during", "by") and head.head.tag_ == "VBG" \
            and is_alleged(head.head):
        # "accused of killing a guard in an attack on a bank", "of harassing the embassy by
        # cutting its power": the attack, the cut are alleged too
        return True
    if token.dep_ not in ("pobj", "pcomp") or head.lower_ not in ("of", "with", "for", "over") or head.head == head:
        return False
    owner = head.head
    return (owner.pos_ == "NOUN" and owner.lemma_.lower() in ALLEGATION_NOUNS) or (
        owner.pos_ == "VERB" and owner.lemma_.lower() in ALLEGATION_VERBS
    ) or (owner.pos_ == "VERB" and head.lower_ == "for" and owner.lemma_.lower() in PUNISHING_VERBS)


def names_a_known_act(token: Token, lexicon: Lexicon) -> bool:
    """"the murder", "the envoy's killing", "the sanctions": a definite nominal act that no verb
    reports as happening names an act already known; it is no new event. Nor is an act
    that is only alleged ("allegations of assault", "charged with murder", "accused of
    attacking"). The verbs that report one happening are a word class (word_classes.yaml:
    occurrence_verb). Nor is what a resolution, bill or plan sets out to do."""
    if _content_of_a_document(token) or _found_by_a_ruling(token):
        return True
    if token.pos_ == "VERB" and token.tag_ == "VBG":
        return is_alleged(token)  # "convicted of killing a guard"
    if token.pos_ != "NOUN":
        return False
    if is_alleged(token) or _stopped_gift(token, lexicon):
        return True
    if acknowledged_gift(token, lexicon) or (is_upcoming(token) and token.head.lemma_.lower() in NOTING_VERBS):
        return False  # "noted the upcoming visit to Paris": a visit still to come, no known act
    if is_topic(token) or _described_by_copula(token):
        return True
    if token.lemma_.lower() in lexicon.word_classes["giver"]:
        # "the United States remains the leading donor to ...": said of its subject, however
        # definite; "Norway, a longtime donor to the UN," in apposition only describes
        return token.dep_ != "attr"
    if _owned_meeting_with(token):
        return False  # "This followed Mr. Sullivan's meeting with Giorgio Rossi": a meeting reported
    if not definite(token):
        return False
    node = token
    for _ in range(3):
        if node.head == node:
            return False
        reported = node.head.lemma_.lower() in lexicon.word_classes["occurrence_verb"] or _takes_effect(node.head)
        if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") and reported:
            return False
        if node.dep_ not in ("prep", "pobj", "compound", "conj"):
            break
        node = node.head
    return True


COPULAS = frozenset({"be", "become", "remain", "seem"})


def _described_by_copula(noun: Token) -> bool:
    """"arms shipments would become legitimate targets", "air strikes are a war crime": a
    bare plural act the clause says something of is a kind of act, not one reported as
    happening ("US support for Ukraine is unwavering" restates a support: kept)."""
    return noun.dep_ == "nsubj" and noun.tag_ == "NNS" and noun.head.lemma_.lower() in COPULAS \
        and any(c.dep_ in ("attr", "acomp") for c in noun.head.children) \
        and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def _stopped_gift(noun: Token, lexicon: Lexicon) -> bool:
    """"Hungary blocked EU aid to Ukraine", "the loan was frozen": aid that a verb stops
    (word_classes.yaml: stopping_verb) was not given; the stopping is the event."""
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in lexicon.word_classes["stopping_verb"] \
        and getattr(match_trigger(noun, lexicon), "type", None) == "AID"


MEETING_NOUNS = frozenset({"meeting", "talk", "call", "conversation", "visit"})


def _owned_meeting_with(noun: Token) -> bool:
    """A meeting owned by one side and held with another named in the phrase ("Blinken's
    meeting with Wang Yi"): the phrase reports who met whom; told twice, it is one meeting
    (events.EventCoder._same_meeting)."""
    return noun.lemma_.lower() in MEETING_NOUNS and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children) \
        and any(c.dep_ == "prep" and c.lower_ == "with" and any(p.dep_ == "pobj" for p in c.children) for c in noun.children)


def _takes_effect(verb: Token) -> bool:
    """"Trump's duties came into force", "the ban entered into effect", "the tariffs kicked
    in": a measure coming into force is the act happening."""
    lemma = verb.lemma_.lower()
    if lemma == "kick":
        return any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children)
    return lemma in ("come", "enter", "go") and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(p.lemma_.lower() in ("force", "effect") for p in c.children)
        for c in verb.children)


NOTING_VERBS = frozenset({"note", "highlight", "cite"})


def acknowledged_gift(noun: Token, lexicon: Lexicon) -> bool:
    """"thanked Norway for its generous assistance", "commended Italy's security assistance",
    "highlighted Japan's contribution of $200 million": aid its giver's name owns (or its own
    day dates: "noted the March 3 announcement of $40 million"), told as
    what is thanked, praised (word_classes.yaml: acknowledgement) or noted, is reported as
    given; readouts tell most aid this way."""
    if not _owned_or_dated(noun) or getattr(match_trigger(noun, lexicon), "type", None) != "AID":
        return False
    node = noun
    for _ in range(6):
        head = node.head
        if head == node or node.dep_ not in ("dobj", "pobj", "prep", "conj", "appos"):
            return False
        if head.lemma_.lower() in lexicon.word_classes["acknowledgement"] | NOTING_VERBS:
            return True
        node = head
    return False


NEWS_WORDS = frozenset({"recent", "latest", "new"})


def _owned_or_dated(noun: Token) -> bool:
    """"Japan's contribution", "the June 4 announcement of $40 million", "the recent
    disbursement": a giver's name or a day of its own makes a definite gift news, not one
    the reader already knows."""
    return any(c.dep_ == "poss" or (c.ent_type_ == "DATE" and c.dep_ in ("compound", "nmod", "npadvmod"))
               or (c.dep_ == "amod" and c.lower_ in NEWS_WORDS) for c in noun.children)


# Nouns whose that-clause is what a party hopes or promises: "his hope that the two
# governments will work together", "assurances that there would be no base".
PROMISE_CONTENT_NOUNS = frozenset({"hope", "expectation", "commitment", "pledge", "promise", "assurance", "resolve",
                                   "determination", "intention", "desire", "wish"})


def promised_content(verb: Token) -> bool:
    """A that-clause with its own subject on a noun of hope or promise is the act hoped for
    or promised, not a description of the noun."""
    return (verb.head.lemma_.lower() in PROMISE_CONTENT_NOUNS and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
            and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children))


# "X is a threat to Y", "poses a danger to": a danger someone is said to be is a description
DANGER_NOUNS = frozenset({"threat", "danger", "menace"})
BEING_VERBS = frozenset({"be", "become", "remain", "pose", "represent", "constitute", "seem", "appear"})


def describes_a_noun(token: Token) -> bool:
    """Verbs in relative and participle clauses ("property seized in the 1970s", "a lunch
    hosted by", "demonstrators demanding") describe a participant; they are background. So
    does a nominal act that modifies another noun ("riot police", "the sanctions regime").
    Not the act a hope or promise names ("his hope that they will work together")."""
    if token.pos_ == "NOUN":
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.dep_ == "relcl":
            return _place_background(token.head.head)  # "where 20 were killed in riots last year"
        if token.lemma_.lower() in DANGER_NOUNS and token.head.lemma_.lower() in BEING_VERBS and token.dep_ in ("attr", "dobj", "oprd"):
            return True  # "the alliance had become a threat to Armenia's security": what it is, not an act
        return token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN")
    if token.pos_ != "VERB":
        return False
    if token.dep_ == "acl":  # (not a participle clause on a clause: "nine remain in custody, charged with ...")
        return not promised_content(token) and not misparsed_main_verb(token) and not bare_participle_clause(token)
    if token.dep_ == "relcl":  # "in which Britain imposed ..." names its own actor: keep it
        # (dated, "which Beijing suspended last August" is a record of that act, not noise)
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or subject.lower_ in ("that", "which", "who", "whom", "whose") or _place_background(token)
    return False


# A date that sets a clause months or years back ("last March", "in 2019", "two years ago").
EARLIER_DATE = re.compile(r"\b(years?|ago|since|decades?|\d{4}|january|february|march|april|may|june|july|august|"
                          r"september|october|november|december)\b")


def _place_background(verb: Token) -> bool:
    """"in the province, where 24 people were killed in riots last year", "..., where
    dozens have been killed since": an agentless passive in a where-clause on a place, set
    months back or told as a running toll, is the place's past, not a new act ("the market,
    where two people were shot dead on Monday" is one)."""
    if not (any(c.lower_ == "where" and c.dep_ == "advmod" for c in verb.children)
            and any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)):
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return perfect or any(EARLIER_DATE.search(date) for date in clause_dates(verb))


def protest_of_those_acted_on(verb: Token) -> bool:
    """"arrested 30 farmers who blocked the highway", "fired tear gas at students who marched
    on parliament", "dispersed workers protesting unpaid wages": a relative or present
    participle clause telling what the people an act fell on were doing (kept only for
    protests: the protest the police answered is an event)."""
    if verb.head.dep_ not in ("dobj", "pobj", "nsubjpass"):
        return False
    if verb.dep_ == "acl":
        return verb.tag_ == "VBG"
    return verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children)


def clause_dates(verb: Token) -> list[str]:
    """The date expressions of `verb`'s own clause (not of the clauses inside it)."""
    dates = []
    for child in verb.children:
        if child.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "conj"):
            continue
        for token in child.subtree:
            if token.ent_type_ == "DATE" and token.ent_iob_ == "B":
                dates.append(next(e for e in token.doc.ents if e.start == token.i).text.strip().lower())
    return dates


def is_accident(head: Token, lexicon: Lexicon) -> bool:
    """Causes that are nobody's act ("a flood killed dozens", "police are investigating
    the crash", "a factory blast", a fire not named by a weapon): word_classes.yaml."""
    classes = lexicon.word_classes
    lemma = head.lemma_.lower()
    if lemma in classes["non_political_cause"]:
        return True
    if lemma == "fire" and not is_attack_noun(head, lexicon):
        return True  # "a fire destroyed a warehouse"; not "mortar fire", "sniper fire"
    return lemma in classes["accident"] and any(c.lemma_.lower() in classes["industrial_modifier"] for c in head.children)


# Ordinary crime (CODING.md: no political party on either side): an arrest, charge,
# conviction or sentence for fraud or theft of a private person is not political, unless
# the sentence or the person says otherwise (a journalist, an opposition figure, terrorism).
ORDINARY_CRIMES = frozenset(
    {"fraud", "laundering", "theft", "robbery", "burglary", "embezzlement", "forgery", "counterfeiting", "extortion",
     "shoplifting", "larceny", "poaching", "evasion", "tampering", "racketeering", "drug", "narcotic", "cocaine",
     "heroin", "smuggle", "smuggling", "perjury", "steal", "stolen", "misprision", "counterfeit"}
)
POLITICAL_MARKS = frozenset(
    {"terrorism", "terrorist", "treason", "sedition", "espionage", "spy", "spying", "extremism", "extremist", "protest",
     "protester", "demonstrator", "insult", "subversion", "separatism", "separatist", "coup", "opposition", "dissident",
     "activist", "journalist", "reporter", "blogger", "rebel", "militant", "insurgent", "regime", "critic", "election"}
)
POLITICAL_SECTORS = frozenset({"GOV", "OPP", "MED", "NGO", "REB", "MIL", "JUD", "LEG", "PTY", "SPY", "REL", "COP"})


def is_ordinary_crime(sentence: Span, recipients: Iterable[Entity]) -> bool:
    """A sentence about fraud or theft with no political mark, on a side of no political sector."""
    lemmas = {t.lemma_.lower() for t in sentence}
    if not lemmas & ORDINARY_CRIMES or lemmas & POLITICAL_MARKS:
        return False
    return not any(e.sector in POLITICAL_SECTORS for e in recipients)


# What a concern can be about: a state of affairs, not an act anyone did.
CONCERN_WORDS = frozenset({"concern", "alarm", "worry"})
CONCERN_PREPS = frozenset({"about", "over", "regarding", "with", "on", "at"})
WHERE_PREPS = frozenset({"in", "at", "across", "throughout", "inside", "within"})


def concern_without_target(token: Token, recipients: Iterable[Entity], lexicon: Lexicon) -> bool:
    """"Expressed grave concern over the living conditions in Darfur", "voiced alarm at
    the situation in Haiti": concern about a state of affairs names no party, only where it
    is (CODING.md: opinions with no target are no event). Concern about a party's act, or a
    state of affairs someone's ("Sudan's treatment of journalists", "the Israeli
    blockade"), stays criticism of that party. Implied recipients (no text) do not count."""
    heads = [token, *(c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in CONCERN_WORDS)]
    if token.lemma_.lower() not in CONCERN_WORDS and len(heads) == 1:
        return False
    topics = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in CONCERN_PREPS
              for p in c.children if p.dep_ == "pobj"]
    topics += [c for t in topics for c in t.conjuncts]
    states = lexicon.word_classes["state_of_affairs"]
    if not topics or any(t.lemma_.lower() not in states or _owned(t) for t in topics):
        return False
    places = [p for t in topics for c in t.children if c.dep_ == "prep" and c.lower_ in WHERE_PREPS
              for p in c.children if p.dep_ == "pobj"]
    if any(c.pos_ == "NOUN" and _owned(c) for p in places for c in p.conjuncts):
        return False  # "the situation in Haiti and Russia's attacks on Ukraine", read as one list
    where = {w.idx for p in places for w in p.subtree}
    return all(e.start in where for e in recipients if e.text)


def _owned(noun: Token) -> bool:
    """The noun names whose or what it is: a possessive, a proper name or nationality before
    it, or an of-phrase ("the conditions of detention in Turkey": the state's prisons)."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
               or (c.dep_ in ("amod", "compound") and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE")))
               for c in noun.children)


REGRET_WORDS = frozenset({"regret", "remorse"})
INABILITY_WORDS = frozenset({"unable", "able", "can", "could", "cannot"})
PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "they"})


def regretted(verb: Token) -> str | None:
    """What "expressed regret that ..." says: "own" when the that-clause tells the speaker's
    own inability ("regret that he cannot attend": no apology to anyone),
    "other" when it tells another party's act ("regret that Britain had left the talks":
    disapproval of that party), None for an apology ("regret over the deaths", "regret
    that he had offended them")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in REGRET_WORDS)]
    clause = next((c for h in heads for c in h.children if c.dep_ in ("ccomp", "acl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause is not None else None
    if subject is None:
        return None
    if subject.lower_ in PERSONAL_PRONOUNS:
        return "own" if any(t.lower_ in INABILITY_WORDS for t in clause.subtree) else None
    return "other" if subject.pos_ in ("PROPN", "NOUN") else None


# A head of government tasking its own officials ("the President asked the Defense
# Secretary to fly to Cairo") gives an instruction inside one government, no request
# between parties; asking one of them to resign is a demand all the same. (Of the verbs of
# instruction only "ask" is a request trigger.)
TASKING_VERBS = frozenset({"ask"})
OFFICE_WORDS = frozenset({"secretary", "minister", "adviser", "advisor", "team", "cabinet", "aide", "aides", "official",
                          "officials", "envoy", "coordinator", "director", "administration", "staff"})
LEAVING_VERBS = frozenset({"resign", "step", "quit", "leave"})
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})


def tasks_own_officials(token: Token, event_type: str, actor: list[Entity], recipient: list[Entity]) -> bool:
    """A government's request to officials of its own (their title says so) to do a task."""
    if event_type != "REQUEST" or token.lemma_.lower() not in TASKING_VERBS or not actor or not recipient:
        return False
    task = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), None)
    if task is None or task.lemma_.lower() in LEAVING_VERBS:
        return False
    countries = {e.country for e in actor + recipient}
    return len(countries) == 1 and None not in countries and all(e.sector == "GOV" for e in actor) and all(
        e.sector in OFFICIAL_SECTORS and OFFICE_WORDS & set(re.findall(r"[a-z]+", e.text.lower())) for e in recipient)
