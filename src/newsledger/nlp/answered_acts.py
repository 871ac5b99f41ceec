"""One response to several acts of different parties is one event per act.

"The minister condemned Iran's drone strikes and Syria's siege of Aleppo" answers two acts
by two parties: two accusations, each against the party whose act it names (CODING.md:
each act its own event), not one accusation with both as recipients, which a count of
acts would see once. "Condemned Iran and Syria" names the parties, not their acts: one
event with both. "Condemned the strikes and the siege by Syria" blames one party: one event.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from newsledger.nlp.candidates import Coded

# Opinions of acts: what a side condemns, rejects or backs is each act it names.
ANSWERED_BY_ACT = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
LIST_DEPS = frozenset({"conj", "cc", "preconj", "appos"})


def one_per_act(coded: Coded) -> list[Coded]:
    """`coded` as one candidate per act its verb's object lists, each with the recipients
    named inside that act's own words (its owner, its "by" phrase), when the acts are by
    parties of different countries and every recipient belongs to one of them; else as it is."""
    token = coded.token
    if coded.event_type not in ANSWERED_BY_ACT or token.pos_ != "VERB" or len(coded.recipient) < 2:
        return [coded]
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if len(objects) != 1:
        return [coded]
    acts = [objects[0], *objects[0].conjuncts]
    if len(acts) < 2 or any(a.pos_ != "NOUN" for a in acts):
        return [coded]  # "condemned Iran and Syria": the parties themselves
    groups = [[e for e in coded.recipient if e.start in _own_chars(act)] for act in acts]
    if sum(len(g) for g in groups) != len(coded.recipient):
        return [coded]  # a recipient found outside the listed acts: leave the reading whole
    groups = [g for g in groups if g]
    countries = [frozenset(e.country for e in g) for g in groups]
    if len(groups) < 2 or len(set(countries)) < len(countries) or not all(countries):
        return [coded]
    coded.recipient = groups[0]
    return [coded, *(replace(coded, recipient=g, part=k) for k, g in enumerate(groups[1:], 1))]


def _own_chars(act: Token) -> set[int]:
    """Where the words of one listed act start: its subtree without the acts listed after it."""
    listed = [c for c in act.children if c.dep_ in LIST_DEPS]
    others = {t.i for c in listed for t in c.subtree}
    return {t.idx for t in act.subtree if t.i not in others}
